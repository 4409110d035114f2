/* SPDX-License-Identifier: ISC */
/*
 * Romanised replies. A citizen who writes in Latin gets the reply in Latin:
 * GSM-7 fits 160 characters in one SMS where Cyrillic forces UCS-2 and 70.
 * One ICU transliterator, built on first use and kept: Kazakh letters that the
 * Mongolian rules do not know (Ә Ғ Қ Ң Ұ Һ І) first go to their usual Latin
 * spelling, е after a consonant becomes e (MNS would write ye), guillemets
 * become plain quotes, then ICU's mn-mn_Latn/MNS romanises Mongolian, Any-Latin catches
 * any other script and Latin-ASCII drops the diacritics. A last pass turns
 * whatever is still outside the GSM alphabet into '?', so the result is always
 * GSM-7. One mutex serialises use: replies are short and ICU's compound
 * transliterators are not documented as safe to share between threads.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "analytics.h"
#include "common.h"

static const char romanise_rules[] =
    "Ә > A; ә > a;"
    "[:Lu:] { Ғ > GH; Ғ } [:Lu:] > GH; Ғ > Gh; ғ > gh;"
    "Қ > Q; қ > q;"
    "[:Lu:] { Ң > NG; Ң } [:Lu:] > NG; Ң > Ng; ң > ng;"
    "Ұ > U; ұ > u;"
    "Һ > H; һ > h;"
    "І > I; і > i;"
    /* е after a consonant is e, as people type it (текст, мессеж), not MNS ye */
    "$cons = [[:Cyrillic:]&[:L:]-[аэиоуөүыяеёюАЭИОУӨҮЫЯЕЁЮьъЬЪ]];"
    "$cons { е > e; $cons { Е > E;"
    "« > '\"'; » > '\"';"
    "::mn-mn_Latn/MNS; ::Any-Latin; ::Latin-ASCII;";

static pthread_mutex_t	 romanise_lock = PTHREAD_MUTEX_INITIALIZER;
static UTransliterator	*romanise_trans;
static int		 romanise_failed;

/* Converts UTF-8 to a new UTF-16 string; bad bytes become U+FFFD. Caller frees. */
static UChar *
to_utf16(const char *utf8, int32_t *len)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UChar		*u;

	u_strFromUTF8WithSub(NULL, 0, len, utf8, -1, 0xfffd, NULL, &st);
	st = U_ZERO_ERROR;
	u = xcalloc((size_t)*len + 1, sizeof(*u));
	u_strFromUTF8WithSub(u, *len + 1, len, utf8, -1, 0xfffd, NULL, &st);
	return u;
}

/* Builds the transliterator once; called with the lock held. */
static UTransliterator *
romanise_open(void)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UParseError	 pe;
	UChar		 id[] = u"Sanal-Romanise";
	UChar		*rules;
	int32_t		 len;

	if (romanise_trans != NULL || romanise_failed)
		return romanise_trans;
	rules = to_utf16(romanise_rules, &len);
	romanise_trans = utrans_openU(id, -1, UTRANS_FORWARD, rules, len,
	    &pe, &st);
	free(rules);
	if (U_FAILURE(st)) {
		log_error("romanise: cannot build transliterator: %s (rule offset %d)",
		    u_errorName(st), (int)pe.offset);
		romanise_trans = NULL;
		romanise_failed = 1;
	}
	return romanise_trans;
}

/* Transliterates u in place, growing it as needed; returns it, or NULL. */
static UChar *
romanise_run(UTransliterator *t, UChar *u, int32_t *len)
{
	UErrorCode	 st;
	int32_t		 cap = *len * 4 + 16, n, limit;

	for (;;) {
		u = xrealloc(u, (size_t)cap * sizeof(*u));
		n = *len;
		limit = n;
		st = U_ZERO_ERROR;
		utrans_transUChars(t, u, &n, cap, 0, &limit, &st);
		if (st != U_BUFFER_OVERFLOW_ERROR)
			break;
		cap *= 2;
	}
	if (U_FAILURE(st)) {
		free(u);
		return NULL;
	}
	*len = n;
	return u;
}

/* Rewrites u as UTF-8 with every non-GSM-7 character as '?'. Caller frees. */
static char *
gsm7_utf8(const UChar *u, int32_t len)
{
	struct buf	 b;
	UChar32		 c;
	uint8_t		 tmp[U8_MAX_LENGTH];
	int32_t		 i = 0, n;

	buf_init(&b);
	while (i < len) {
		U16_NEXT(u, i, len, c);
		if (sms_char_septets((unsigned int)c) == 0)
			c = '?';
		n = 0;
		U8_APPEND_UNSAFE(tmp, n, c);
		buf_add(&b, tmp, (size_t)n);
	}
	return buf_steal(&b);
}

/* Romanises utf8 into GSM-7 Latin. Caller frees. */
char *
romanise_text(const char *utf8)
{
	UTransliterator	*t;
	UChar		*u;
	int32_t		 len;
	char		*out = NULL;

	if (utf8 == NULL)
		return NULL;
	if (sms_is_gsm7(utf8))
		return xstrdup(utf8);
	u = to_utf16(utf8, &len);
	pthread_mutex_lock(&romanise_lock);
	if ((t = romanise_open()) != NULL)
		u = romanise_run(t, u, &len);
	pthread_mutex_unlock(&romanise_lock);
	if (u != NULL)
		out = gsm7_utf8(u, len);
	free(u);
	return out;
}

/* Frees the cached transliterator; the next romanise_text builds it again. */
void
romanise_shutdown(void)
{
	pthread_mutex_lock(&romanise_lock);
	if (romanise_trans != NULL)
		utrans_close(romanise_trans);
	romanise_trans = NULL;
	romanise_failed = 0;
	pthread_mutex_unlock(&romanise_lock);
}
