/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target for the text layer: whatever bytes a phone or a gateway
 * hands us go through normalise_text() and translit_text(), and what comes
 * out goes through everything downstream that reads normalised text: script
 * detection, the Kazakh test, the tokeniser, romanisation for replies, SMS
 * length and the campaign fingerprint. Invalid UTF-8 must give NULL, not a
 * crash; valid input must normalise to something that is valid UTF-8,
 * normalises to itself and tokenises in order, and transliterate to valid
 * UTF-8. Any violation aborts, so libFuzzer keeps the input.
 *
 * translit_text() runs with letter rules only (no lexicon): the lexicon
 * caches every word it is asked about, so over millions of random inputs it
 * would only measure memory. SANAL_FUZZ_LEXICON=1 adds hunspell-mn, opened
 * afresh every LEXICON_RUNS inputs; SANAL_FUZZ_TRANSLIT=0 leaves it out
 * (it is the slow part). Built with --enable-fuzzing and CC=clang; see
 * README.md.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"

#define LEXICON_RUNS	20000

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct lexicon	*lex;
static unsigned		 lex_runs;

/* The lexicon to use, if SANAL_FUZZ_LEXICON=1 and hunspell-mn opens. */
static struct lexicon *
fuzz_lexicon(void)
{
	const char	*env = getenv("SANAL_FUZZ_LEXICON");
	char		*cause = NULL;

	if (env == NULL || strcmp(env, "1") != 0)
		return NULL;
	if (lex != NULL && ++lex_runs < LEXICON_RUNS)
		return lex;
	lexicon_free(lex);
	lex = NULL;
	lex_runs = 0;
	if (lexicon_open(NULL, &lex, &cause) == -1) {
		free(cause);
		abort();	/* asked for, so a missing dictionary is an error */
	}
	return lex;
}

/* Transliterates s; aborts unless valid input gives valid UTF-8. */
static void
check_translit(const char *s, int valid)
{
	const char	*env = getenv("SANAL_FUZZ_TRANSLIT");
	char		*cyr, *norm;

	if (env != NULL && strcmp(env, "0") == 0)
		return;
	cyr = translit_text(fuzz_lexicon(), s);
	if ((cyr == NULL) == valid)
		abort();
	if (cyr == NULL)
		return;
	if (!utf8_valid(cyr, strlen(cyr)) || (norm = normalise_text(cyr)) == NULL)
		abort();
	(void)campaign_fingerprint(norm);
	free(norm);
	free(cyr);
}

/* Walks every token of norm; aborts unless they come in order, in bounds. */
static void
check_tokens(const char *norm, size_t len)
{
	size_t	 pos = 0, start, end, last = 0;

	while (text_next_token(norm, &pos, &start, &end)) {
		if (start < last || end <= start || end > len || pos != end)
			abort();
		last = end;
	}
}

/* Feeds normalised text to every reader of normalised text. */
static void
check_normalised(const char *norm)
{
	size_t	 len = strlen(norm);
	char	*again, *rom;

	if (!utf8_valid(norm, len))
		abort();
	if ((again = normalise_text(norm)) == NULL || strcmp(again, norm) != 0)
		abort();
	free(again);
	(void)script_detect(norm);
	(void)text_is_kazakh(norm);
	check_tokens(norm, len);
	if ((rom = romanise_text(norm)) == NULL || !utf8_valid(rom, strlen(rom)))
		abort();
	(void)sms_units(rom);
	(void)sms_segments(rom);
	free(rom);
	(void)sms_units(norm);
	(void)campaign_fingerprint(norm);
}

/* One input: bytes up to the first NUL, as a C string. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s, *norm;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	norm = normalise_text(s);
	check_translit(s, norm != NULL);
	if (norm == NULL) {
		if (utf8_valid(s, strlen(s)))
			abort();
		(void)script_detect(s);
		(void)text_is_kazakh(s);
	} else
		check_normalised(norm);
	free(norm);
	free(s);
	return 0;
}
