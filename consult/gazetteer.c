/* SPDX-License-Identifier: ISC */
/*
 * Finding a place from the words a citizen sends after БҮРТГЭЛ: "<aimag>
 * [soum]" in any common spelling. Each name is folded to a skeleton, a
 * lower-case ASCII string where the usual spelling habits meet: Cyrillic is
 * transliterated, then kh/x become h, zh becomes j, ts becomes c, o/ө/ö/q
 * and v/w/ү/ü become u, y becomes i, doubled vowels become single (a
 * doubled consonant is real: Цагааннуур is not Цагаан-Үүр), and
 * everything that is not a letter (spaces, hyphens) is dropped. So
 * "Хөвсгөл", "Khövsgöl", "Khuvsgul" and "Hovsgol" all fold to "husgul", and
 * "Баян-Өлгий", "Bayan Ulgii" to "baianulgi". The table's skeletons are
 * computed once; the input goes through normalise_text() first (case,
 * look-alike letters, old Ө/Ү substitutes).
 *
 * Soum names repeat across aimags, so a soum is only looked for inside the
 * aimag found first. For the capital the "soum" is a district. The words
 * аймаг, сум, дүүрэг and хот (and their Latin spellings) are ignored; a
 * district word lets "Сүхбаатар дүүрэг" mean the capital's district rather
 * than Сүхбаатар aimag.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "analytics.h"
#include "consult.h"
#include "smscmd.h"

#define GAZ_SKELMAX	128	/* longer input cannot match any name */
#define GAZ_MAXWORDS	8
#define GAZ_SPAN	3	/* words one name may take */
#define GAZ_CAPITAL	"11"

/* Latin for Cyrillic а..я. */
static const char *const gaz_cyr[32] = {
	"a", "b", "v", "g", "d", "e", "j", "z", "i", "i", "k", "l", "m", "n",
	"o", "p", "r", "s", "t", "u", "f", "h", "c", "ch", "sh", "sh", "",
	"i", "i", "e", "yu", "ya"
};

/* Spelling habits folded together, longest first. */
static const struct {
	const char	*from;
	const char	*to;
} gaz_habits[] = {
	{ "kh", "h" }, { "zh", "j" }, { "ts", "c" }, { "x", "h" },
	{ "o", "u" }, { "q", "u" }, { "v", "u" }, { "w", "u" }, { "y", "i" },
};

/* Words that say what kind of place follows; skipped. */
static const char *const gaz_ignore[] = {
	"аймаг", "аймгийн", "aimag", "aimgiin", "сум", "сумын", "sum",
	"sumiin", "хот", "hot", "city", "province", "нийслэлийн", NULL
};
static const char *const gaz_district[] = {
	"дүүрэг", "дүүргийн", "duureg", "duurgiin", "district", NULL
};

/* Short forms and other names of aimags. */
static const struct {
	const char	*name;
	const char	*code;
} gaz_short[] = {
	{ "УБ", GAZ_CAPITAL }, { "UB", GAZ_CAPITAL },
	{ "Нийслэл", GAZ_CAPITAL }, { "Niislel", GAZ_CAPITAL },
	{ "Улан-Батор", GAZ_CAPITAL },
	{ "Gobisumber", "42" }, { "Dornogobi", "44" }, { "Omnogobi", "46" },
	{ "Dundgobi", "48" }, { "Gobi-Altai", "82" },	/* English "Gobi" */
};

/* Soum names spelled two ways in official sources (data/README.md). */
static const struct {
	const char	*code;
	const char	*name;
} gaz_variant[] = {
	{ "2310", "Баян-Адрага" },	/* Баян-Адарга */
	{ "2325", "Галшир" },		/* Галшар */
	{ "6513", "Их Тамир" },		/* Ихтамир; the skeleton merges them */
};

/* The words of one request, in the normalised text. */
struct gaz_words {
	const char	*s[GAZ_MAXWORDS];
	size_t		 len[GAZ_MAXWORDS];
	size_t		 n;
	int		 district;	/* a district word was seen */
};

static char			*(*gaz_cache)[3];
static pthread_once_t		 gaz_once = PTHREAD_ONCE_INIT;

/* Decodes the code point at *p (valid UTF-8) and advances *p. */
static uint32_t
gaz_decode(const char **p)
{
	const unsigned char	*s = (const unsigned char *)*p;
	uint32_t		 c = s[0];
	size_t			 n = 1, i;

	if (c >= 0xf0)
		c &= 0x07, n = 4;
	else if (c >= 0xe0)
		c &= 0x0f, n = 3;
	else if (c >= 0xc0)
		c &= 0x1f, n = 2;
	for (i = 1; i < n && (s[i] & 0xc0) == 0x80; i++)
		c = (c << 6) | (s[i] & 0x3f);
	*p += i;
	return c;
}

/* Latin letters for code point c, or "" if it is not a letter we know. */
static const char *
gaz_letter(uint32_t c, char ascii[2])
{
	if (c >= 0x410 && c <= 0x42f)
		c += 0x20;
	if (c >= 0x430 && c <= 0x44f)
		return gaz_cyr[c - 0x430];
	if (c == 0x401 || c == 0x451)
		return "yo";
	if (c == 0x4e8 || c == 0x4e9 || c == 0xd6 || c == 0xf6)
		return "o";
	if (c == 0x4ae || c == 0x4af || c == 0xdc || c == 0xfc)
		return "u";
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	if (c < 'a' || c > 'z')
		return "";
	ascii[0] = (char)c;
	ascii[1] = '\0';
	return ascii;
}

/* Applies gaz_habits to ASCII s and drops doubled vowels, in place. */
static void
gaz_fold_habits(char *s)
{
	char	*out = s, c, last = '\0';
	size_t	 k, n = 1;

	while (*s != '\0') {
		c = *s;
		for (k = 0; k < nitems(gaz_habits); k++) {
			n = strlen(gaz_habits[k].from);
			if (strncmp(s, gaz_habits[k].from, n) == 0) {
				c = gaz_habits[k].to[0];
				break;
			}
		}
		s += k < nitems(gaz_habits) ? n : 1;
		if (c != last || strchr("aeiu", c) == NULL)
			*out++ = c;
		last = c;
	}
	*out = '\0';
}

/* The skeleton of UTF-8 name s into out (GAZ_SKELMAX bytes). */
static void
gaz_skel(const char *s, char *out)
{
	const char	*l;
	char		 ascii[2];
	size_t		 n = 0, ln;

	while (*s != '\0') {
		l = gaz_letter(gaz_decode(&s), ascii);
		ln = strlen(l);
		if (n + ln >= GAZ_SKELMAX)
			break;
		memcpy(out + n, l, ln);
		n += ln;
	}
	out[n] = '\0';
	gaz_fold_habits(out);
}

/* 1 if skeleton k equals the skeleton of name. */
static int
gaz_skel_is(const char *k, const char *name)
{
	char	 buf[GAZ_SKELMAX];

	gaz_skel(name, buf);
	return buf[0] != '\0' && strcmp(k, buf) == 0;
}

/* 1 if skeleton k is one of the NULL-terminated names. */
static int
gaz_skel_in(const char *k, const char *const *names)
{
	for (; *names != NULL; names++)
		if (gaz_skel_is(k, *names))
			return 1;
	return 0;
}

/* Computes the skeletons of every unit's three spellings; runs once. */
static void
gaz_init(void)
{
	const struct gazetteer_unit	*u;
	char				 buf[GAZ_SKELMAX];
	size_t				 i;

	gaz_cache = xcalloc(gazetteer_nunits, sizeof(*gaz_cache));
	for (i = 0; i < gazetteer_nunits; i++) {
		u = &gazetteer_units[i];
		gaz_skel(u->mn, buf);
		gaz_cache[i][0] = xstrdup(buf);
		gaz_skel(u->mns, buf);
		gaz_cache[i][1] = xstrdup(buf);
		gaz_skel(u->ascii, buf);
		gaz_cache[i][2] = xstrdup(buf);
	}
}

/* Index of the unit with code, or -1. */
static long
gaz_by_code(const char *code)
{
	size_t	 i;

	for (i = 0; i < gazetteer_nunits; i++)
		if (strcmp(gazetteer_units[i].code, code) == 0)
			return (long)i;
	return -1;
}

/* 1 if skeleton k names unit i (or one of its variant spellings). */
static int
gaz_unit_is(size_t i, const char *k)
{
	const char	*code = gazetteer_units[i].code;
	size_t		 j;

	if (strcmp(k, gaz_cache[i][0]) == 0 || strcmp(k, gaz_cache[i][1]) == 0 ||
	    strcmp(k, gaz_cache[i][2]) == 0)
		return 1;
	for (j = 0; j < nitems(gaz_variant); j++)
		if (strcmp(gaz_variant[j].code, code) == 0 &&
		    gaz_skel_is(k, gaz_variant[j].name))
			return 1;
	return 0;
}

/* Index of the unit under parent ("" for aimags) that k names, or -1. */
static long
gaz_lookup(const char *parent, const char *k)
{
	size_t	 i;

	if (*k == '\0')
		return -1;
	for (i = 0; i < gazetteer_nunits; i++)
		if (strcmp(gazetteer_units[i].parent, parent) == 0 &&
		    gaz_unit_is(i, k))
			return (long)i;
	if (*parent != '\0')
		return -1;
	for (i = 0; i < nitems(gaz_short); i++)
		if (gaz_skel_is(k, gaz_short[i].name))
			return gaz_by_code(gaz_short[i].code);
	return -1;
}

/* The skeleton of words [i, j) run together. */
static void
gaz_span(const struct gaz_words *w, size_t i, size_t j, char *out)
{
	struct buf	 b;

	buf_init(&b);
	for (; i < j; i++)
		buf_add(&b, w->s[i], w->len[i]);
	gaz_skel(b.data != NULL ? b.data : "", out);
	buf_free(&b);
}

/* Splits normalised text into words, dropping digits and kind words. */
static void
gaz_split(const char *norm, struct gaz_words *w)
{
	char	 k[GAZ_SKELMAX];
	size_t	 pos = 0, start, end;

	memset(w, 0, sizeof(*w));
	while (w->n < GAZ_MAXWORDS &&
	    text_next_token(norm, &pos, &start, &end)) {
		if (norm[start] >= '0' && norm[start] <= '9')
			continue;
		w->s[w->n] = norm + start;
		w->len[w->n] = end - start;
		gaz_span(w, w->n, w->n + 1, k);
		if (k[0] == '\0')
			continue;
		if (gaz_skel_in(k, gaz_district))
			w->district = 1;
		else if (!gaz_skel_in(k, gaz_ignore))
			w->n++;
	}
}

/* Fills out's aimag from unit index a. */
static void
gaz_set_aimag(struct place *out, long a)
{
	const struct gazetteer_unit	*u = &gazetteer_units[a];

	snprintf(out->aimag_code, sizeof(out->aimag_code), "%s", u->code);
	out->aimag_mn = u->mn;
}

/* Finds a soum of aimag in a leading run of words [i, j). 0, or 1 if none. */
static int
gaz_soum(const struct gaz_words *w, size_t i, size_t j, const char *aimag,
    struct place *out)
{
	char	 k[GAZ_SKELMAX];
	size_t	 n;
	long	 s;

	for (n = j - i < GAZ_SPAN ? j - i : GAZ_SPAN; n > 0; n--) {
		gaz_span(w, i, i + n, k);
		if ((s = gaz_lookup(aimag, k)) >= 0) {
			snprintf(out->soum_code, sizeof(out->soum_code), "%s",
			    gazetteer_units[s].code);
			out->soum_mn = gazetteer_units[s].mn;
			return 0;
		}
	}
	return 1;
}

/* Tries words [a0, a1) as the aimag and [s0, s1) as the soum. */
static int
gaz_try(const struct gaz_words *w, size_t a0, size_t a1, size_t s0,
    size_t s1, struct place *out)
{
	char	 k[GAZ_SKELMAX];
	long	 a;

	gaz_span(w, a0, a1, k);
	if ((a = gaz_lookup("", k)) < 0)
		return -1;
	gaz_set_aimag(out, a);
	if (s0 == s1)
		return 0;
	if (gaz_soum(w, s0, s1, out->aimag_code, out) == 0)
		return 0;
	return 1;
}

/* A capital district named by all the words; 0, or -1. */
static int
gaz_capital(const struct gaz_words *w, struct place *out)
{
	if (w->n == 0 || gaz_soum(w, 0, w->n, GAZ_CAPITAL, out) != 0)
		return -1;
	gaz_set_aimag(out, gaz_by_code(GAZ_CAPITAL));
	return 0;
}

/* "<aimag> [soum]", else "<soum> <aimag>". 0, 1 (no soum) or -1. */
static int
gaz_match(const struct gaz_words *w, struct place *out)
{
	size_t	 k, max = w->n < GAZ_SPAN ? w->n : GAZ_SPAN;
	int	 r;

	for (k = max; k > 0; k--)
		if ((r = gaz_try(w, 0, k, k, w->n, out)) >= 0)
			return r;
	max = w->n - 1 < GAZ_SPAN ? w->n - 1 : GAZ_SPAN;
	for (k = w->n > 1 ? max : 0; k > 0; k--) {
		memset(out, 0, sizeof(*out));
		if (gaz_try(w, w->n - k, w->n, 0, w->n - k, out) == 0)
			return 0;
	}
	memset(out, 0, sizeof(*out));
	return gaz_capital(w, out);
}

/* Finds "<aimag> [soum]" in words; see smscmd.h. */
int
gazetteer_find(const char *words, struct place *out)
{
	struct gaz_words	 w;
	char			*norm;
	int			 r;

	memset(out, 0, sizeof(*out));
	if (words == NULL || (norm = normalise_text(words)) == NULL)
		return -1;
	pthread_once(&gaz_once, gaz_init);
	gaz_split(norm, &w);
	if (w.district && gaz_capital(&w, out) == 0)
		r = 0;
	else
		r = gaz_match(&w, out);
	if (r == -1)
		memset(out, 0, sizeof(*out));
	free(norm);
	return r;
}

/* Cyrillic name of the aimag (or capital) with code, or NULL. */
const char *
gazetteer_aimag_name(const char *aimag_code)
{
	size_t	 i;

	if (aimag_code == NULL)
		return NULL;
	for (i = 0; i < gazetteer_nunits; i++)
		if (gazetteer_units[i].parent[0] == '\0' &&
		    strcmp(gazetteer_units[i].code, aimag_code) == 0)
			return gazetteer_units[i].mn;
	return NULL;
}

void
consult_place_name(const char *code, char *out, size_t len)
{
	const char	*soum = NULL, *aimag;
	size_t		 i;

	*out = '\0';
	if (code == NULL || *code == '\0')
		return;
	for (i = 0; i < gazetteer_nunits; i++) {
		if (strcmp(gazetteer_units[i].code, code) == 0 &&
		    gazetteer_units[i].parent[0] != '\0')
			soum = gazetteer_units[i].mn;
	}
	if ((aimag = gazetteer_aimag_name(soum ? (char[3]){ code[0], code[1], 0 } :
	    code)) == NULL)
		return;
	snprintf(out, len, "%s%s%s", aimag, soum ? ", " : "", soum ? soum : "");
}
