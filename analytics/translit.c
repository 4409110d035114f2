/* SPDX-License-Identifier: ISC */
/*
 * Latin-typed Mongolian to Cyrillic, message by message. The text is cut
 * into letter runs; everything between them (digits, phone numbers, *123#,
 * punctuation, spacing) is copied unchanged. A run of Latin letters is a
 * word: shorthand (bn, bnuu, bgaa, ym) expands, the four English-spelled
 * loans map (online, facebook, wifi, covid), common English tags (ok, pls,
 * thanks) stay as typed, and any other word takes the best of its
 * candidates (translit_word.c) once the sentence context has had its say:
 * learned and prior word counts, the harmony of the question particle уу/үү
 * and the postposition руу/рүү with the word before, and a few fixed
 * collocations (хун шувуу, эр хүн, ер нь). Runs with Cyrillic letters keep
 * them and have Latin look-alikes repaired. Case follows the input word:
 * lowercase, ALL CAPS or Capitalised.
 */
#include <math.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "common.h"
#include "analytics.h"
#include "translit_int.h"

#define MAPMAX		(1u << 20)	/* cached words before the cache restarts */
#define COLLOC_BONUS	2.0f

struct word {
	size_t			 start, end;	/* bytes in the input */
	int			 latin;		/* a word to transliterate */
	char			 casing;	/* 'l', 'U' or 'T' */
	const char		*fixed;		/* shorthand, loan or kept English */
	struct translit_cand	*cand;		/* owned by the cache, or by own */
	void			*own;		/* cand or Cyrillic copy we free */
	const char		*out;		/* lowercase choice */
	const char		*opt[TRANSLIT_MAXCAND];	/* Viterbi options */
	float			 acc[TRANSLIT_MAXCAND];	/* best path cost */
	int			 back[TRANSLIT_MAXCAND];
	uint32_t		 lmask[TRANSLIT_MAXCAND];	/* collocs it can start */
	uint32_t		 rmask[TRANSLIT_MAXCAND];	/* collocs it can end */
	char			 group[TRANSLIT_MAXCAND];	/* harmony: 'b', 'f', 0 */
	char			 particle[TRANSLIT_MAXCAND];	/* уу/үү, руу/рүү */
	int			 nopt;
};

static const struct {
	const char	*lat, *cyr;
} fixed_words[] = {
	{ "bn", "байна" }, { "bna", "байна" }, { "bnuu", "байна уу" },
	{ "bga", "байгаа" }, { "bgaa", "байгаа" }, { "ym", "юм" },
	{ "bh", "байх" }, { "bhgui", "байхгүй" }, { "hergtei", "хэрэгтэй" },
	{ "sn", "сайн" }, { "n", "нь" }, { "online", "онлайн" },
	{ "facebook", "фэйсбүүк" }, { "fb", "фэйсбүүк" }, { "wifi", "вайфай" },
	{ "covid", "ковид" },
};

/* English words and tags people add to Mongolian messages; kept as typed. */
static const char *const english[] = {
	"ok", "okay", "pls", "plz", "please", "thanks", "thank", "thx", "tnx",
	"hi", "hello", "bye", "sorry", "lol", "wow", "btw", "asap", "omg",
	"the", "and", "of", "is", "you", "yes", NULL
};

/* Word pairs that choose each other (prefixes; "-x" matches an ending). */
static const struct {
	const char	*left, *right;
} collocs[] = {
	{ "хун", "шувуу" }, { "эр", "хүн" }, { "эр", "хүм" }, { "ер", "нь" },
	{ "нүүр", "хөлд" }, { "нүүр", "угаа" }, { "үс", "засуул" },
	{ "үсээ", "засуул" }, { "үсий", "засуул" }, { "мал", "туу" },
	{ "хонь", "туу" }, { "хонио", "туу" }, { "машин", "тосол" },
	{ "хуул", "төсөл" }, { "шувуу", "өд" }, { "тэнгэр", "од" },
	{ "-аас", "хол" }, { "-ээс", "хол" }, { "-оос", "хол" },
	{ "-өөс", "хол" }, { "хөл", "өвд" }, { "сүм", "лам" },
};

_Static_assert(nitems(collocs) <= 32, "collocation masks are 32 bits");

/* Latin look-alikes inside Cyrillic words and the letters they stand for. */
static const char lookalike_lat[] = "aeopcyxABEKMHOPCTXY";
static const unsigned lookalike_cyr[] = {
	0x0430, 0x0435, 0x043E, 0x0440, 0x0441, 0x0443, 0x0445, 0x0410,
	0x0412, 0x0415, 0x041A, 0x041C, 0x041D, 0x041E, 0x0420, 0x0421,
	0x0422, 0x0425, 0x04AE
};

/* Appends code point cp (below U+0800) as UTF-8. */
static void
put_cp(struct buf *b, unsigned cp)
{
	char u[2];

	if (cp < 0x80) {
		u[0] = (char)cp;
		buf_add(b, u, 1);
		return;
	}
	u[0] = (char)(0xc0 | (cp >> 6));
	u[1] = (char)(0x80 | (cp & 0x3f));
	buf_add(b, u, 2);
}

/* Upper case of a lowercase Cyrillic (or ASCII) code point. */
static unsigned
cyr_upper(unsigned cp)
{
	if (cp >= 0x0430 && cp <= 0x044F)
		return cp - 0x20;
	if (cp >= 0x0450 && cp <= 0x045F)
		return cp - 0x50;
	if (cp == 0x04E9 || cp == 0x04AF)
		return cp - 1;
	if (cp >= 'a' && cp <= 'z')
		return cp - 0x20;
	return cp;
}

/* Lower case of a Cyrillic (or ASCII) code point. */
static unsigned
cyr_lower(unsigned cp)
{
	if (cp >= 0x0410 && cp <= 0x042F)
		return cp + 0x20;
	if (cp >= 0x0400 && cp <= 0x040F)
		return cp + 0x50;
	/* Ө Ү and the Kazakh Ғ Қ Ң Ұ Һ Ә: capital even, small odd (not 04C0-04CF). */
	if (cp >= 0x0490 && cp <= 0x04FF && cp % 2 == 0 && (cp < 0x04C0 || cp > 0x04CF))
		return cp + 1;
	if (cp >= 'A' && cp <= 'Z')
		return cp + 0x20;
	return cp;
}

/* Decodes one UTF-8 character of at most two bytes at *p; else returns 0. */
static unsigned
get_cp(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;

	if (s[0] < 0x80) {
		(*p)++;
		return s[0];
	}
	if ((s[0] & 0xe0) == 0xc0 && (s[1] & 0xc0) == 0x80) {
		*p += 2;
		return ((s[0] & 0x1f) << 6) | (s[1] & 0x3f);
	}
	return 0;
}

/* Appends lowercase Cyrillic s to b in the casing of the input word. */
static void
put_cased(struct buf *b, const char *s, char casing)
{
	unsigned cp;
	int first = 1;

	while (*s != '\0') {
		cp = get_cp(&s);
		if (cp == 0) {
			buf_add(b, s++, 1);
			continue;
		}
		if (casing == 'U' || (casing == 'T' && first))
			cp = cyr_upper(cp);
		put_cp(b, cp);
		first = 0;
	}
}

/* 1 if byte p starts a letter: ASCII, or a two-byte Cyrillic character. */
static int
is_letter(const char *p, int *cyr)
{
	unsigned char c = (unsigned char)p[0];

	*cyr = 0;
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
		return 1;
	if (c >= 0xd0 && c <= 0xd3 && ((unsigned char)p[1] & 0xc0) == 0x80) {
		*cyr = 1;
		return 1;
	}
	return 0;
}

/* The end of the letter run at s + i; *cyr says if it has Cyrillic. */
static size_t
run_end(const char *s, size_t i, int *cyr)
{
	int c;

	*cyr = 0;
	while (is_letter(s + i, &c)) {
		*cyr |= c;
		i += c ? 2 : 1;
	}
	return i;
}

/* The casing of Latin word s[0..n): 'U' all caps, 'T' capitalised, 'l'. */
static char
word_casing(const char *s, size_t n)
{
	size_t i, up = 0;

	for (i = 0; i < n; i++)
		up += s[i] >= 'A' && s[i] <= 'Z';
	if (up == n && n > 1)
		return 'U';
	return up > 0 && s[0] >= 'A' && s[0] <= 'Z' ? 'T' : 'l';
}

/* The fixed rendering of lowercase word w: expansion, loan, or w kept. */
static const char *
word_fixed(const char *w, int *keep)
{
	size_t i;

	*keep = 0;
	for (i = 0; i < nitems(fixed_words); i++)
		if (strcmp(w, fixed_words[i].lat) == 0)
			return fixed_words[i].cyr;
	for (i = 0; english[i] != NULL; i++)
		if (strcmp(w, english[i]) == 0) {
			*keep = 1;
			return w;
		}
	return NULL;
}

/*
 * The candidates for w, from the lexicon's cache when there is one. A word
 * longer than any Mongolian word gets the letter rules alone: ranking its
 * spellings against the dictionary grows steeply with length (46 ms for 40
 * letters), and such a "word" is a run of letters, not something to look up.
 */
static struct translit_cand *
word_cands(struct lexicon *lx, const char *w, struct word *wd)
{
	struct translit_map *m;
	struct translit_ent *e;

	if (lx == NULL || strlen(w) > TRANSLIT_LONGEST) {
		wd->own = translit_word_cands(NULL, w);
		return (struct translit_cand *)wd->own;
	}
	m = lexicon_cache(lx);
	e = translit_map_put(m, w);
	if (e->val == NULL)
		e->val = translit_word_cands(lx, w);
	return e->val;
}

/* Copy of Cyrillic run s[0..n) with look-alikes repaired, lowercased if lower. */
static char *
cyr_copy(const char *s, size_t n, int lower)
{
	struct buf b;
	const char *p = s, *q;
	unsigned cp;

	buf_init(&b);
	while (p < s + n) {
		cp = get_cp(&p);
		if (cp < 0x80 && cp != 0 && (q = strchr(lookalike_lat, (int)cp)))
			cp = lookalike_cyr[q - lookalike_lat];
		put_cp(&b, lower ? cyr_lower(cp) : cp);
	}
	return buf_steal(&b);
}

/* Sets up word wd for the letter run s[start..end). */
static void
word_init(struct lexicon *lx, struct word *wd, const char *s, size_t start,
    size_t end, int cyr)
{
	char w[TRANSLIT_WORDMAX * 2];
	size_t i, n = end - start;
	int keep;

	memset(wd, 0, sizeof(*wd));
	wd->start = start;
	wd->end = end;
	if (cyr) {
		wd->own = cyr_copy(s + start, n, 1);
		wd->out = wd->own;
		return;
	}
	wd->casing = word_casing(s + start, n);
	if (n >= sizeof(w))
		return;
	wd->latin = 1;
	for (i = 0; i < n; i++)
		w[i] = (char)(s[start + i] | 0x20);
	w[n] = '\0';
	if ((wd->fixed = word_fixed(w, &keep)) != NULL) {
		if (keep)
			wd->latin = 0;
		wd->fixed = wd->out = keep ? NULL : wd->fixed;
		return;
	}
	wd->cand = word_cands(lx, w, wd);
}

/* The harmony group of the last vowel of Cyrillic s: 'b' back, 'f' front, 0. */
static char
word_group(const char *s)
{
	const char *p = s;
	unsigned cp;
	char g = 0;

	while (p != NULL && *p != '\0') {
		if ((cp = get_cp(&p)) == 0)
			break;
		if (cp == 0x0430 || cp == 0x043E ||
		    cp == 0x0443 || cp == 0x044B || cp == 0x044F || cp == 0x0451)
			g = 'b';
		else if (cp == 0x044D || cp == 0x04E9 || cp == 0x04AF ||
		    cp == 0x0435)
			g = 'f';
	}
	return g;
}

/* 1 if s matches pattern p: a prefix, or an ending when p starts with '-'. */
static int
colloc_match(const char *s, const char *p)
{
	size_t n, k;

	if (s == NULL)
		return 0;
	if (*p != '-')
		return strncmp(s, p, strlen(p)) == 0;
	n = strlen(s);
	k = strlen(++p);
	return n > k && strcmp(s + n - k, p) == 0;
}

/*
 * What option j of wd can do in a pair, worked out once per option so that
 * the Viterbi step compares bits: the collocations it may start or end, its
 * harmony group, whether it is a particle that takes the harmony before it.
 */
static void
option_features(struct word *wd, int j)
{
	const char	*o = wd->opt[j];
	size_t		 i;

	wd->lmask[j] = wd->rmask[j] = 0;
	wd->group[j] = wd->particle[j] = 0;
	if (o == NULL)
		return;
	for (i = 0; i < nitems(collocs); i++) {
		if (colloc_match(o, collocs[i].left))
			wd->lmask[j] |= 1u << i;
		if (colloc_match(o, collocs[i].right))
			wd->rmask[j] |= 1u << i;
	}
	wd->group[j] = word_group(o);
	wd->particle[j] = strcmp(o, "уу") == 0 || strcmp(o, "үү") == 0 ||
	    strncmp(o, "руу", 6) == 0 || strncmp(o, "рүү", 6) == 0;
}

/* The bonus for option j of b following option k of a: collocations, harmony. */
static float
pair_bonus(const struct word *a, int k, const struct word *b, int j)
{
	float	bonus;

	if (a->opt[k] == NULL || b->opt[j] == NULL)
		return 0;
	bonus = COLLOC_BONUS * (float)__builtin_popcount(a->lmask[k] & b->rmask[j]);
	/* уу/үү and руу/рүү take the harmony of the word before. */
	if (b->particle[j] && a->group[k] != 0 && b->group[j] == a->group[k])
		bonus += 3.0f;
	return bonus;
}

/* The bonus for c from its learned and prior counts. */
static float
freq_bonus(struct lexicon *lx, const char *c)
{
	unsigned f = lexicon_freq(lx, c);
	float b;

	if (f == 0)
		return 0;
	b = 0.25f * log2f(1.0f + (float)f);
	return b > 1.5f ? 1.5f : b;
}

/* The options of word wd: its candidates, or its one fixed form (maybe NULL). */
static int
word_options(const struct word *wd, const char **opt, float *score,
    struct lexicon *lx)
{
	int j;

	if (!wd->latin || wd->out != NULL || wd->cand == NULL) {
		opt[0] = wd->out;
		score[0] = 0;
		return 1;
	}
	for (j = 0; j < wd->cand->n; j++) {
		opt[j] = wd->cand->cyr[j];
		score[j] = wd->cand->score[j] - freq_bonus(lx, opt[j]);
	}
	return wd->cand->n;
}

/* 1 if the text between two words has a digit (the context breaks there). */
static int
gap_breaks(const char *s, size_t from, size_t to)
{
	for (; from < to; from++)
		if ((s[from] >= '0' && s[from] <= '9') || s[from] == '\n')
			return 1;
	return 0;
}

/* One Viterbi step: the best path cost into each option of ws[i]. */
static void
viterbi_step(struct lexicon *lx, const char *s, struct word *ws, size_t i)
{
	const char *opt[TRANSLIT_MAXCAND];
	float score[TRANSLIT_MAXCAND], c;
	int j, k, linked = i > 0 && !gap_breaks(s, ws[i - 1].end, ws[i].start);

	ws[i].nopt = word_options(&ws[i], opt, score, lx);
	for (j = 0; j < ws[i].nopt; j++) {
		ws[i].opt[j] = opt[j];
		ws[i].acc[j] = score[j];
		ws[i].back[j] = 0;
		option_features(&ws[i], j);
		if (i == 0)
			continue;
		for (k = 0; k < ws[i - 1].nopt; k++) {
			c = ws[i - 1].acc[k] + score[j] - (linked ?
			    pair_bonus(&ws[i - 1], k, &ws[i], j) : 0);
			if (k == 0 || c < ws[i].acc[j]) {
				ws[i].acc[j] = c;
				ws[i].back[j] = k;
			}
		}
	}
}

/* Chooses every word's spelling by the best path through the sentence. */
static void
words_choose(struct lexicon *lx, const char *s, struct word *ws, size_t n)
{
	size_t i;
	int j, best = 0;

	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		viterbi_step(lx, s, ws, i);
	for (j = 1; j < ws[n - 1].nopt; j++)
		if (ws[n - 1].acc[j] < ws[n - 1].acc[best])
			best = j;
	for (i = n; i-- > 0; ) {
		if (ws[i].latin)
			ws[i].out = ws[i].opt[best];
		best = ws[i].back[best];
	}
}

/* Splits s into letter runs; returns the words, *n set. Caller frees. */
static struct word *
words_split(struct lexicon *lx, const char *s, size_t *n)
{
	struct word *ws = NULL;
	size_t i = 0, end, cap = 0;
	int cyr;

	*n = 0;
	while (s[i] != '\0') {
		if (!is_letter(s + i, &cyr)) {
			i++;
			continue;
		}
		end = run_end(s, i, &cyr);
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			ws = xrealloc(ws, cap * sizeof(*ws));
		}
		word_init(lx, &ws[(*n)++], s, i, end, cyr);
		i = end;
	}
	return ws;
}

/* Writes the text with each word replaced by its choice. */
static char *
words_join(const char *s, struct word *ws, size_t n)
{
	struct buf b;
	size_t i, at = 0;
	char *rep;

	buf_init(&b);
	for (i = 0; i < n; i++) {
		buf_add(&b, s + at, ws[i].start - at);
		at = ws[i].end;
		if (ws[i].latin && ws[i].out != NULL)
			put_cased(&b, ws[i].out, ws[i].casing);
		else if (ws[i].cand == NULL && ws[i].own != NULL) {
			rep = cyr_copy(s + ws[i].start, at - ws[i].start, 0);
			buf_adds(&b, rep);
			free(rep);
		} else
			buf_add(&b, s + ws[i].start, at - ws[i].start);
	}
	buf_adds(&b, s + at);
	return buf_steal(&b);
}

/* Latin-typed words of utf8 in Cyrillic; see analytics.h. */
char *
translit_text(struct lexicon *lx, const char *utf8)
{
	struct word *ws;
	size_t i, n;
	char *out;

	if (utf8 == NULL || !utf8_valid(utf8, strlen(utf8)))
		return NULL;
	/* Restart a full cache between messages, never while words point into it. */
	if (lx != NULL && lexicon_cache(lx)->len >= MAPMAX)
		translit_map_clear(lexicon_cache(lx), translit_cand_free);
	ws = words_split(lx, utf8, &n);
	words_choose(lx, utf8, ws, n);
	out = words_join(utf8, ws, n);
	for (i = 0; i < n; i++) {
		if (ws[i].own != NULL && ws[i].own == ws[i].cand)
			translit_cand_free(ws[i].own);
		else
			free(ws[i].own);
	}
	free(ws);
	return out;
}

/* Learns the Cyrillic words of utf8 (lowercased) into the lexicon. */
void
translit_learn(struct lexicon *lx, const char *utf8)
{
	size_t i = 0, end;
	char *w;
	int cyr;

	if (lx == NULL || utf8 == NULL || !utf8_valid(utf8, strlen(utf8)))
		return;
	while (utf8[i] != '\0') {
		if (!is_letter(utf8 + i, &cyr)) {
			i++;
			continue;
		}
		end = run_end(utf8, i, &cyr);
		if (cyr) {
			w = cyr_copy(utf8 + i, end - i, 1);
			lexicon_learn(lx, w, 1);
			free(w);
		}
		i = end;
	}
}
