/* SPDX-License-Identifier: ISC */
/*
 * Words and stems for the classifier. ICU's word breaks split normalised text;
 * a hyphen between two word pieces is kept inside the word, so place names
 * (дархан-уул, баян-өлгий) and numbers with their case suffix (100-аас, 3-р)
 * stay one token. Each word gets a stem: hunspell's (through the lexicon) when
 * it knows the word, else a light suffix stripper that removes the commonest
 * Mongolian case, plural and verb endings, longest first. Negation survives
 * stemming: "дэмжихгүй" and "хэрэггүй" stem to "дэмж+NEG" and "хэрэг+NEG", not
 * to the stems of their positive forms, "биш" negates the word before it and
 * "битгий" the word after it.
 *
 * Stemming through hunspell costs tens of microseconds a word, so stems are
 * cached in a fixed 4-way table keyed by a 64-bit hash of the word (a false
 * hit needs a 64-bit collision); a tokenizer holds the break iterator and
 * that cache and serves one thread.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "common.h"
#include "analytics.h"

#define STEM_SETS	4096		/* power of two */
#define STEM_WAYS	4		/* 16,384 words, 1.2 MB */
#define NEG_MARK	"+NEG"

/* One cached stem: the word's 64-bit hash, its stem and flags. */
struct stem_slot {
	uint64_t	 hash;
	char		 stem[TOKEN_LEN];
	int		 flags;
};

struct tokens {
	struct lexicon		*lex;
	UBreakIterator		*bi;
	struct stem_slot	*cache;
};

/* Case, plural, possessive and verb endings the fallback strips (UTF-8). */
static const char *const suffixes[] = {
	"уудын", "үүдийн", "уудад", "үүдэд", "уудыг", "үүдийг", "чууд", "чүүд",
	"ууд", "үүд", "нар", "ийн", "ын", "ний", "ны", "ийг", "ыг", "ийд",
	"анд", "энд", "онд", "өнд", "нд", "ад", "эд", "од", "өд", "д", "т",
	"аас", "ээс", "оос", "өөс", "иас", "иос", "наас", "нээс", "ноос", "нөөс",
	"аар", "ээр", "оор", "өөр", "иар", "иор", "гаар", "гээр", "гоор", "гөөр",
	"тай", "тэй", "той", "руу", "рүү", "луу", "лүү",
	"гаа", "гээ", "гоо", "гөө", "аа", "ээ", "оо", "өө",
	"на", "нэ", "но", "нө", "х", "ж", "сан", "сэн", "сон", "сөн",
	"аад", "ээд", "оод", "өөд", "вал", "вэл", "бал", "бэл",
	"даг", "дэг", "дог", "дөг", "лаа", "лээ", "лоо", "лөө",
	"аач", "ээч", "ооч", "өөч", "аарай", "ээрэй", "оорой", "өөрэй",
	"уулах", "үүлэх", "мээр", "маар", "моор", "мөөр", "сны", "сний",
};

/* Final vowels (and the soft sign) dropped from a stripped stem. */
static const char *const finals[] = {
	"а", "э", "о", "ө", "у", "ү", "и", "ы", "ь",
};

/* Surface endings that negate the word they end: -гүй and its Latin forms. */
static const char *const neg_endings[] = {
	"гүй", "gui", "gvi", "gwi", "guy",
};

/* Words that negate their neighbour. */
static const char *const neg_prev[] = { "биш", "bish" };
static const char *const neg_next[] = { "битгий", "bitgii", "bitgiy" };

/* FNV-1a over a NUL-terminated string, finalised as in MurmurHash3. */
static uint64_t
tokens_hash(const char *s)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 0x100000001b3ULL;
	h ^= h >> 33;			/* FNV's low bits mix poorly: finalise */
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

/* Code points in the first len bytes of valid UTF-8 s. */
static size_t
tokens_chars(const char *s, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

/* 1 if s (len bytes) ends with suffix and keeps at least keep chars before it. */
static int
tokens_ends(const char *s, size_t len, const char *suffix, size_t keep)
{
	size_t	 sl = strlen(suffix);

	return sl < len && memcmp(s + len - sl, suffix, sl) == 0 &&
	    tokens_chars(s, len - sl) >= keep;
}

/* 1 if word equals one of the n strings in list. */
static int
tokens_among(const char *word, const char *const *list, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (strcmp(word, list[i]) == 0)
			return 1;
	}
	return 0;
}

/* Copies at most len-1 bytes of s[0..n) into out, never splitting a char. */
static void
tokens_copy(char *out, size_t len, const char *s, size_t n)
{
	if (n >= len) {
		n = len - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(out, s, n);
	out[n] = '\0';
}

/* Appends the negation mark to stem (len bytes), shortening the stem if needed. */
static void
tokens_mark(char *stem, size_t len)
{
	size_t	 n = strlen(stem), room = len - sizeof NEG_MARK;

	if (n > room) {
		n = room;
		while (n > 0 && ((unsigned char)stem[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(stem + n, NEG_MARK, sizeof NEG_MARK);
}

/* The longest suffix stripped from stem (in place), keeping 2 chars. */
static void
tokens_strip(char *stem)
{
	size_t	 i, len = strlen(stem), best = 0;

	for (i = 0; i < nitems(suffixes); i++) {
		if (strlen(suffixes[i]) > best &&
		    tokens_ends(stem, len, suffixes[i], 2))
			best = strlen(suffixes[i]);
	}
	len -= best;
	stem[len] = '\0';
	for (i = 0; i < nitems(finals); i++) {
		if (tokens_ends(stem, len, finals[i], 2)) {
			stem[len - strlen(finals[i])] = '\0';
			break;
		}
	}
}

void
tokens_fallback_stem(const char *word, char *out, size_t len)
{
	tokens_copy(out, len, word, strlen(word));
	if ((unsigned char)word[0] >= 0x80)	/* Cyrillic: Latin stays */
		tokens_strip(out);
}

/* The stem of a whole (not negated) word: hunspell's, else the fallback. */
static void
tokens_base_stem(struct tokens *tk, const char *word, char *out, size_t len)
{
	size_t	 n;

	if ((unsigned char)word[0] < 0x80 || strchr(word, '-') != NULL ||
	    tk->lex == NULL || !lexicon_known(tk->lex, word) ||
	    lexicon_stem(tk->lex, word, out, len) != 0) {
		tokens_fallback_stem(word, out, len);
		return;
	}
	n = strlen(out);			/* хууль and хуулийн meet */
	if (tokens_ends(out, n, "ь", 2))
		out[n - strlen("ь")] = '\0';
}

/* Drops the long vowel of a past negative (ороогүй, дэмжээгүй) from base. */
static void
tokens_unpast(char *base)
{
	static const char *const longv[] = { "аа", "ээ", "оо", "өө" };
	size_t		 i, n = strlen(base);

	for (i = 0; i < nitems(longv); i++) {
		if (tokens_ends(base, n, longv[i], 2)) {
			base[n - strlen(longv[i])] = '\0';
			return;
		}
	}
}

/* Strips a negating ending from word into base; 1 if there was one. */
static int
tokens_negated(const char *word, char *base, size_t len)
{
	size_t	 i, n = strlen(word), sl;

	for (i = 0; i < nitems(neg_endings); i++) {
		sl = strlen(neg_endings[i]);
		if (tokens_ends(word, n, neg_endings[i], 2)) {
			tokens_copy(base, len, word, n - sl);
			tokens_unpast(base);
			return 1;
		}
	}
	return 0;
}

/* Stems word into slot, marking a negated word's stem. */
static void
tokens_stem_word(struct tokens *tk, const char *word, struct stem_slot *slot)
{
	char	 base[TOKEN_LEN];

	slot->flags = 0;
	if (tokens_negated(word, base, sizeof base)) {
		tokens_base_stem(tk, base, slot->stem, sizeof slot->stem);
		tokens_mark(slot->stem, sizeof slot->stem);
		slot->flags = TOKEN_NEG;
	} else
		tokens_base_stem(tk, word, slot->stem, sizeof slot->stem);
}

/* The cached stem of word, computing it on a miss. */
static const struct stem_slot *
tokens_lookup(struct tokens *tk, const char *word)
{
	uint64_t		 h = tokens_hash(word);
	struct stem_slot	*set = &tk->cache[(h & (STEM_SETS - 1)) * STEM_WAYS];
	int			 i;

	for (i = 0; i < STEM_WAYS; i++) {
		if (set[i].hash == h)
			return &set[i];
	}
	for (i = 0; i < STEM_WAYS && set[i].hash != 0; i++)
		;
	set += i < STEM_WAYS ? (size_t)i : (h >> 32) % STEM_WAYS;	/* a free way, or evict */
	set->hash = h;
	tokens_stem_word(tk, word, set);
	return set;
}

struct tokens *
tokens_new(struct lexicon *lex)
{
	struct tokens	*tk = xcalloc(1, sizeof *tk);
	UErrorCode	 err = U_ZERO_ERROR;

	tk->lex = lex;
	tk->bi = ubrk_open(UBRK_WORD, "mn", NULL, 0, &err);
	if (U_FAILURE(err))
		fatal("ICU word break iterator: %s", u_errorName(err));
	tk->cache = xcalloc(STEM_SETS * STEM_WAYS, sizeof *tk->cache);
	return tk;
}

void
tokens_free(struct tokens *tk)
{
	if (tk == NULL)
		return;
	ubrk_close(tk->bi);
	free(tk->cache);
	free(tk);
}

/* 1 if the byte at s starts a letter or digit (not space, not punctuation). */
static int
tokens_wordchar(const char *s)
{
	UChar32	 c;
	int32_t	 i = 0;

	U8_NEXT(s, i, 4, c);
	return c > 0 && u_isalnum(c);
}

/* Extends a word ending at end across hyphens joining further word pieces. */
static int32_t
tokens_join(struct tokens *tk, const char *text, int32_t end)
{
	int32_t	 next;

	while (text[end] == '-' && tokens_wordchar(text + end + 1)) {
		next = ubrk_following(tk->bi, end + 1);
		if (next == UBRK_DONE)
			break;
		end = next;
	}
	return end;
}

/* Fills t from the word text[start..end), applying and clearing *neg. */
static void
tokens_make(struct tokens *tk, struct token *t, const char *text,
    int32_t start, int32_t end, int *neg)
{
	const struct stem_slot	*slot;

	tokens_copy(t->word, sizeof t->word, text + start, end - start);
	t->flags = 0;
	if (text[start] >= '0' && text[start] <= '9') {
		tokens_copy(t->stem, sizeof t->stem, "#", 1);
		t->flags = TOKEN_NUM;
	} else {
		slot = tokens_lookup(tk, t->word);
		memcpy(t->stem, slot->stem, sizeof t->stem);
		t->flags = slot->flags;
	}
	if ((unsigned char)text[start] < 0x80)
		t->flags |= TOKEN_LATIN;
	if (*neg)
		tokens_negate(t);
	*neg = 0;
}

void
tokens_negate(struct token *t)
{
	if (t->flags & TOKEN_NEG)
		return;
	tokens_mark(t->stem, sizeof t->stem);
	t->flags |= TOKEN_NEG;
}

size_t
tokens_split(struct tokens *tk, const char *text, struct token *out, size_t max)
{
	UText		 ut = UTEXT_INITIALIZER;
	UErrorCode	 err = U_ZERO_ERROR;
	int32_t		 start, end;
	size_t		 n = 0;
	int		 neg = 0;

	utext_openUTF8(&ut, text, -1, &err);
	ubrk_setUText(tk->bi, &ut, &err);
	if (U_FAILURE(err))
		return 0;
	start = ubrk_first(tk->bi);
	while (n < max && (end = ubrk_next(tk->bi)) != UBRK_DONE) {
		if (ubrk_getRuleStatus(tk->bi) < UBRK_WORD_NONE_LIMIT) {
			start = end;
			continue;
		}
		end = tokens_join(tk, text, end);
		tokens_make(tk, &out[n], text, start, end, &neg);
		if (tokens_among(out[n].word, neg_prev, nitems(neg_prev)) && n > 0)
			tokens_negate(&out[n - 1]);
		neg = tokens_among(out[n].word, neg_next, nitems(neg_next));
		n++;
		start = end;
	}
	utext_close(&ut);
	return n;
}
