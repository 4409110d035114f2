/* SPDX-License-Identifier: ISC */
/*
 * Normalising what citizens type before anything compares it. Phones send the
 * same word in many shapes: decomposed letters, upper case, Latin look-alike
 * letters standing inside Cyrillic words ("нэмэx" with a Latin x), old
 * substitutes for Ө and Ү from keyboards that lacked them (Ѳ, Ɵ, Ӧ, Ӱ, Ї),
 * runs of spaces and newlines. normalise_text() maps all of these to one form:
 * NFC, ICU default case folding, look-alikes repaired only inside words that
 * also hold Cyrillic letters (so "OK" stays Latin), whitespace squeezed.
 * Digits, "+976 99112233" and USSD codes such as "*123#" pass through.
 *
 * The work is done in UTF-16 because that is what ICU speaks; the NFC
 * normaliser is fetched once and shared (ICU's instance is immutable and
 * thread-safe).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "common.h"
#include "analytics.h"

/* A UTF-16 string owned by the caller. */
struct ustr {
	UChar	*s;
	int32_t	 len;
};

typedef int32_t (*ustr_fn)(UChar *, int32_t, const UChar *, int32_t,
    UErrorCode *);

static const UNormalizer2	*norm_nfc;
static pthread_once_t		 norm_once = PTHREAD_ONCE_INIT;

/* Latin look-alikes and the Cyrillic letter each one stands for. */
static const char	 lookalike_latin[] = "aeopcyxABEKMHOPCTXY";
static const UChar	 lookalike_cyr[] = {
	0x0430, 0x0435, 0x043e, 0x0440, 0x0441, 0x0443, 0x0445,	/* а е о р с у х */
	0x0410, 0x0412, 0x0415, 0x041a, 0x041c, 0x041d, 0x041e,	/* А В Е К М Н О */
	0x0420, 0x0421, 0x0422, 0x0425, 0x04ae			/* Р С Т Х Ү */
};

/* Old substitutes for Ө ө and Ү ү, and what they stand for. */
static const struct {
	UChar	 from;
	UChar	 to;
} oldsub[] = {
	{ 0x0472, 0x04e8 }, { 0x0473, 0x04e9 },		/* Ѳ ѳ */
	{ 0x019f, 0x04e8 }, { 0x0275, 0x04e9 },		/* Ɵ ɵ */
	{ 0x04e6, 0x04e8 }, { 0x04e7, 0x04e9 },		/* Ӧ ӧ */
	{ 0x04f0, 0x04ae }, { 0x04f1, 0x04af },		/* Ӱ ӱ */
	{ 0x0407, 0x04ae }, { 0x0457, 0x04af },		/* Ї ї */
};

/* Kazakh-only letters, both cases: Ә Ғ Қ Ң Ұ Һ І. */
static const UChar32	 kazakh[] = {
	0x04d8, 0x04d9, 0x0492, 0x0493, 0x049a, 0x049b, 0x04a2, 0x04a3,
	0x04b0, 0x04b1, 0x04ba, 0x04bb, 0x0406, 0x0456
};

/* Fetches the NFC normaliser; runs once. */
static void
norm_init(void)
{
	UErrorCode	 err = U_ZERO_ERROR;

	norm_nfc = unorm2_getNFCInstance(&err);
	if (U_FAILURE(err))
		fatal("ICU NFC normaliser: %s", u_errorName(err));
}

/* Converts valid UTF-8 s to UTF-16 in u. Returns 0, or -1 if s is invalid. */
static int
ustr_from_utf8(struct ustr *u, const char *s)
{
	UErrorCode	 err = U_ZERO_ERROR;
	size_t		 n;

	u->s = NULL;
	if (s == NULL || (n = strlen(s)) >= INT32_MAX / 4 ||
	    !utf8_valid(s, n))
		return -1;
	u->s = xcalloc(n + 1, sizeof(UChar));
	u_strFromUTF8(u->s, (int32_t)n + 1, &u->len, s, (int32_t)n, &err);
	if (U_FAILURE(err)) {
		free(u->s);
		u->s = NULL;
		return -1;
	}
	return 0;
}

/* Replaces u with fn(u), growing the buffer once if ICU asks for more. */
static void
ustr_apply(struct ustr *u, ustr_fn fn)
{
	UErrorCode	 err = U_ZERO_ERROR;
	int32_t		 cap = u->len + 8, n;
	UChar		*d;

	d = xcalloc((size_t)cap, sizeof(UChar));
	n = fn(d, cap, u->s, u->len, &err);
	if (err == U_BUFFER_OVERFLOW_ERROR) {
		err = U_ZERO_ERROR;
		cap = n + 1;
		d = xrealloc(d, (size_t)cap * sizeof(UChar));
		n = fn(d, cap, u->s, u->len, &err);
	}
	if (U_FAILURE(err))
		fatal("ICU transform: %s", u_errorName(err));
	free(u->s);
	u->s = d;
	u->len = n;
}

/* ustr_fn: NFC. */
static int32_t
nfc_fn(UChar *d, int32_t cap, const UChar *s, int32_t len, UErrorCode *err)
{
	return unorm2_normalize(norm_nfc, s, len, d, cap, err);
}

/* ustr_fn: default full case folding. */
static int32_t
fold_fn(UChar *d, int32_t cap, const UChar *s, int32_t len, UErrorCode *err)
{
	return u_strFoldCase(d, cap, s, len, U_FOLD_CASE_DEFAULT, err);
}

/* Replaces the old substitutes for Ө and Ү, in place. */
static void
fix_oldsub(struct ustr *u)
{
	int32_t	 i;
	size_t	 k;

	for (i = 0; i < u->len; i++)
		for (k = 0; k < nitems(oldsub); k++)
			if (u->s[i] == oldsub[k].from)
				u->s[i] = oldsub[k].to;
}

/* 1 if c belongs to a word (a letter or a mark that goes with one). */
static int
is_wordchar(UChar32 c)
{
	return u_isUAlphabetic(c) || u_charType(c) == U_NON_SPACING_MARK;
}

/*
 * Returns the end of the word that starts at i, noting whether it holds
 * Cyrillic and Latin letters. The end equals i if s[i] starts no word.
 */
static int32_t
word_end(const UChar *s, int32_t len, int32_t i, int *cyr, int *lat)
{
	UErrorCode	 err = U_ZERO_ERROR;
	UScriptCode	 sc;
	UChar32		 c;
	int32_t		 j = i, prev;

	*cyr = *lat = 0;
	while (j < len) {
		prev = j;
		U16_NEXT(s, j, len, c);
		if (!is_wordchar(c))
			return prev;
		sc = uscript_getScript(c, &err);
		*cyr |= sc == USCRIPT_CYRILLIC;
		*lat |= sc == USCRIPT_LATIN;
	}
	return j;
}

/* Replaces Latin look-alikes with Cyrillic in s[i..end). */
static void
repair_word(UChar *s, int32_t i, int32_t end)
{
	const char	*p;

	for (; i < end; i++) {
		if (s[i] >= 0x80 || s[i] == 0 ||
		    (p = strchr(lookalike_latin, (char)s[i])) == NULL)
			continue;
		s[i] = lookalike_cyr[p - lookalike_latin];
	}
}

/* Repairs look-alikes inside every word that mixes Cyrillic and Latin. */
static void
fix_lookalikes(struct ustr *u)
{
	int32_t	 i = 0, end;
	int	 cyr, lat;

	while (i < u->len) {
		end = word_end(u->s, u->len, i, &cyr, &lat);
		if (end == i) {
			U16_FWD_1(u->s, i, u->len);
			continue;
		}
		if (cyr && lat)
			repair_word(u->s, i, end);
		i = end;
	}
}

/* 1 if c separates words like a space (zero-width space and BOM included). */
static int
is_space(UChar32 c)
{
	return u_isUWhiteSpace(c) || c == 0x200b || c == 0xfeff;
}

/* Squeezes whitespace runs to one U+0020 and trims both ends, in place. */
static void
squeeze_spaces(struct ustr *u)
{
	int32_t	 i, j = 0;
	int	 pending = 0;

	for (i = 0; i < u->len; i++) {
		if (is_space(u->s[i])) {
			pending = 1;
			continue;
		}
		if (pending && j > 0)
			u->s[j++] = 0x20;
		pending = 0;
		u->s[j++] = u->s[i];
	}
	u->len = j;
}

/* Converts u to newly allocated UTF-8. Caller frees. */
static char *
ustr_to_utf8(const struct ustr *u)
{
	UErrorCode	 err = U_ZERO_ERROR;
	int32_t		 n;
	char		*out;

	u_strToUTF8(NULL, 0, &n, u->s, u->len, &err);
	err = U_ZERO_ERROR;
	out = xmalloc((size_t)n + 1);
	u_strToUTF8(out, n + 1, NULL, u->s, u->len, &err);
	if (U_FAILURE(err))
		fatal("ICU to UTF-8: %s", u_errorName(err));
	return out;
}

/* The normal form of utf8, or NULL if it is not valid UTF-8. Caller frees. */
char *
normalise_text(const char *utf8)
{
	struct ustr	 u;
	char		*out;

	pthread_once(&norm_once, norm_init);
	if (ustr_from_utf8(&u, utf8) == -1)
		return NULL;
	ustr_apply(&u, nfc_fn);
	fix_oldsub(&u);
	fix_lookalikes(&u);
	ustr_apply(&u, fold_fn);
	if (!unorm2_isNormalized(norm_nfc, u.s, u.len, &(UErrorCode){0}))
		ustr_apply(&u, nfc_fn);
	squeeze_spaces(&u);
	out = ustr_to_utf8(&u);
	free(u.s);
	return out;
}

/* Which scripts the words of utf8 are written in; SCRIPT_NONE if invalid. */
enum script
script_detect(const char *utf8)
{
	struct ustr	 u;
	int32_t		 i = 0, end;
	int		 cyr, lat, ncyr = 0, nlat = 0;

	if (ustr_from_utf8(&u, utf8) == -1)
		return SCRIPT_NONE;
	while (i < u.len) {
		end = word_end(u.s, u.len, i, &cyr, &lat);
		if (end == i)
			U16_FWD_1(u.s, i, u.len);
		else
			i = end;
		ncyr += cyr;
		nlat += lat && !cyr;
	}
	free(u.s);
	if (ncyr > 0)
		return nlat > 0 ? SCRIPT_MIXED : SCRIPT_CYRILLIC;
	return nlat > 0 ? SCRIPT_LATIN : SCRIPT_NONE;
}

/* 1 if utf8 holds a letter only Kazakh uses (Ә Ғ Қ Ң Ұ Һ І), else 0. */
int
text_is_kazakh(const char *utf8)
{
	const uint8_t	*s = (const uint8_t *)utf8;
	int32_t		 i = 0, len;
	UChar32		 c;
	size_t		 k;

	if (utf8 == NULL || !utf8_valid(utf8, strlen(utf8)))
		return 0;
	len = (int32_t)strlen(utf8);
	while (i < len) {
		U8_NEXT(s, i, len, c);
		for (k = 0; k < nitems(kazakh); k++)
			if (c == kazakh[k])
				return 1;
	}
	return 0;
}

/* Token class of c: 0 separator, 1 letter or mark, 2 digit. */
static int
token_class(UChar32 c)
{
	if (c < 0)
		return 0;
	if (u_isdigit(c))
		return 2;
	return is_wordchar(c) ? 1 : 0;
}

/* The next letter or digit run of utf8 at or after *pos; see analytics.h. */
int
text_next_token(const char *utf8, size_t *pos, size_t *start, size_t *end)
{
	const uint8_t	*s = (const uint8_t *)utf8;
	size_t		 n = *pos + strlen(utf8 + *pos);
	int32_t		 i = (int32_t)*pos, len, prev;
	int		 cls = 0;
	UChar32		 c;

	if (n >= INT32_MAX)
		return 0;
	len = (int32_t)n;
	for (prev = i; i < len && cls == 0; ) {
		prev = i;
		U8_NEXT(s, i, len, c);
		cls = token_class(c);
	}
	if (cls == 0) {
		*pos = n;
		return 0;
	}
	*start = (size_t)prev;
	while (i < len) {
		prev = i;
		U8_NEXT(s, i, len, c);
		if (token_class(c) != cls) {
			i = prev;
			break;
		}
	}
	*pos = *end = (size_t)i;
	return 1;
}
