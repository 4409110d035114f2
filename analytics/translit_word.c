/* SPDX-License-Identifier: ISC */
/*
 * One Latin-typed Mongolian word to ranked Cyrillic candidates. The letter
 * rules are the union of the writer habits people use on phones (ө as o/u/q,
 * ү as u/v/w/y, х as h/kh/x, ц as ts/c, ж as j/zh, ы as ii/i/y, й and ь as i,
 * ь and ъ left out); each alternative has a small cost, and a word that mixes
 * back (а о у ы) and front (э ө ү е) vowels pays a vowel-harmony cost. A beam
 * over the letter lattice keeps the cheapest spellings; the lexicon then
 * ranks them: a word hunspell knows (or Sanal learned) first, then a known
 * stem with a harmonising case ending, then a compound of two known words
 * (most personal and place names), then the cheapest spelling.
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "analytics.h"
#include "translit_int.h"

#define BEAM		160	/* spellings kept per lattice position */
#define CHECKED		160	/* finished spellings looked up in the lexicon */
#define COMPOUNDS	24	/* of those, tried as compounds */
#define LATMAX		40	/* longer words take the cheapest spelling */
#define CYRMAX		(LATMAX * 4 + 8)
#define HARMONY_COST	1.0f
#define ROUND_COST	0.5f

enum when { ANY, AFTER_VOWEL, AFTER_CONS };

struct rule {
	const char	*lat;
	unsigned	 cp;		/* Cyrillic letter */
	float		 cost;
	enum when	 when;
};

/* Digraphs first: the lattice tries every rule whose Latin matches. */
static const struct rule rules[] = {
	{ "kh", 0x0445, 0, ANY }, { "zh", 0x0436, 0, ANY },
	{ "sh", 0x0448, 0, ANY }, { "ch", 0x0447, 0, ANY },
	{ "ts", 0x0446, 0, ANY }, { "ya", 0x044F, 0, ANY },
	{ "yo", 0x0451, 0, ANY }, { "yu", 0x044E, 0, ANY },
	{ "ye", 0x0435, 0, ANY }, { "ii", 0x044B, 0.25f, AFTER_CONS },
	{ "a", 0x0430, 0, ANY }, { "b", 0x0431, 0, ANY },
	{ "c", 0x0446, 0, ANY }, { "d", 0x0434, 0, ANY },
	{ "e", 0x044D, 0, ANY }, { "e", 0x0435, 0.6f, ANY },
	{ "f", 0x0444, 0, ANY }, { "g", 0x0433, 0, ANY },
	{ "h", 0x0445, 0, ANY }, { "i", 0x0438, 0, ANY },
	{ "i", 0x0439, 0.2f, AFTER_VOWEL }, { "i", 0x044C, 0.4f, AFTER_CONS },
	{ "i", 0x044B, 0.5f, AFTER_CONS }, { "j", 0x0436, 0, ANY },
	{ "k", 0x043A, 0, ANY }, { "l", 0x043B, 0, ANY },
	{ "m", 0x043C, 0, ANY }, { "n", 0x043D, 0, ANY },
	{ "o", 0x043E, 0, ANY }, { "o", 0x04E9, 0.4f, ANY },
	{ "p", 0x043F, 0, ANY }, { "q", 0x04E9, 0, ANY },
	{ "r", 0x0440, 0, ANY }, { "s", 0x0441, 0, ANY },
	{ "t", 0x0442, 0, ANY }, { "u", 0x0443, 0, ANY },
	{ "u", 0x04AF, 0.3f, ANY }, { "u", 0x04E9, 0.6f, ANY },
	{ "v", 0x0432, 0, ANY }, { "v", 0x04AF, 0.3f, ANY },
	{ "w", 0x0432, 0, ANY }, { "w", 0x04AF, 0.5f, ANY },
	{ "x", 0x0445, 0, ANY }, { "y", 0x044B, 0.3f, AFTER_CONS },
	{ "y", 0x0439, 0.5f, AFTER_VOWEL }, { "y", 0x04AF, 0.8f, ANY },
	{ "z", 0x0437, 0, ANY },
};

/* A letter pair typed as one unit more often than as two letters. */
static const struct {
	char	 first, next;
	float	 cost;
} split_costs[] = {
	{ 'k', 'h', 3.0f }, { 'z', 'h', 1.0f }, { 's', 'h', 0.8f },
	{ 'c', 'h', 1.5f }, { 't', 's', 0.4f }, { 'y', 'a', 2.0f },
	{ 'y', 'o', 2.0f }, { 'y', 'u', 2.0f }, { 'y', 'e', 2.0f },
};

/* Case endings a learned name or known stem may take, by vowel class. */
static const char *const endings[] = {
	"ын", "ийн", "н", "ыг", "ийг", "г", "д", "т", "ад", "эд", "од", "өд",
	"анд", "энд", "онд", "өнд", "аас", "ээс", "оос", "өөс", "иас", "иос",
	"гаас", "гээс", "гоос", "гөөс", "аар", "ээр", "оор", "өөр", "гаар",
	"гээр", "тай", "тэй", "той", "руу", "рүү", "ынх", "ийнх", "ынхан",
	"ийнхэн", "даа", "дээ", "доо", "дөө", "аа", "ээ", "оо", "өө", NULL
};

struct state {
	char		 s[CYRMAX];
	unsigned short	 len;
	unsigned char	 vclass;	/* bit 0 back, 1 front, 2 о, 3 ө */
	float		 cost;		/* letter rules */
	float		 hcost;		/* vowel harmony */
};

#define TOTAL(st)	((st)->cost + (st)->hcost)

struct bucket {
	struct state	*st;
	int		 n;
};

/* 1 for a Latin letter typed for a vowel. */
static int
lat_vowel(char c)
{
	return c != '\0' && strchr("aeiouyq", c) != NULL;
}

/* The vowel class bits of Cyrillic letter cp (0: consonant or и). */
static unsigned
cyr_class(unsigned cp)
{
	switch (cp) {
	case 0x0430: case 0x0443: case 0x044B: case 0x044F: case 0x0451:
		return 1;
	case 0x043E:
		return 1 | 4;
	case 0x044D: case 0x04AF: case 0x0435:
		return 2;
	case 0x04E9:
		return 2 | 8;
	}
	return 0;
}

/* 1 if cp is a Cyrillic vowel. */
static int
cyr_vowel(unsigned cp)
{
	return cyr_class(cp) != 0 || cp == 0x0438 || cp == 0x044E;
}

/* The last Cyrillic letter of st (all are two bytes), or 0. */
static unsigned
last_cp(const struct state *st)
{
	const unsigned char *p = (const unsigned char *)st->s + st->len - 2;

	if (st->len < 2)
		return 0;
	return ((p[0] & 0x1f) << 6) | (p[1] & 0x3f);
}

/* Appends cp to st with its harmony cost. */
static void
state_add(struct state *st, unsigned cp, float cost)
{
	unsigned c = cyr_class(cp), v = st->vclass | c;

	st->s[st->len++] = (char)(0xc0 | (cp >> 6));
	st->s[st->len++] = (char)(0x80 | (cp & 0x3f));
	st->s[st->len] = '\0';
	if ((v & 3) == 3 && (st->vclass & 3) != 3 && c != 0)
		st->hcost += HARMONY_COST;
	if ((v & 12) == 12 && (st->vclass & 12) != 12)
		st->hcost += ROUND_COST;
	st->vclass = v;
	st->cost += cost;
}

/* Puts st into b, keeping the BEAM cheapest distinct spellings. */
static void
bucket_put(struct bucket *b, const struct state *st)
{
	int i, worst = 0;

	for (i = 0; i < b->n; i++) {
		if (strcmp(b->st[i].s, st->s) == 0) {
			if (TOTAL(st) < TOTAL(&b->st[i]))
				b->st[i] = *st;
			return;
		}
		if (TOTAL(&b->st[i]) > TOTAL(&b->st[worst]))
			worst = i;
	}
	if (b->n < BEAM)
		b->st[b->n++] = *st;
	else if (TOTAL(st) < TOTAL(&b->st[worst]))
		b->st[worst] = *st;
}

/* The extra cost of reading w[i] alone when it usually pairs with w[i+1]. */
static float
split_cost(const char *w, size_t i)
{
	size_t k;

	for (k = 0; k < nitems(split_costs); k++)
		if (w[i] == split_costs[k].first && w[i + 1] == split_costs[k].next)
			return split_costs[k].cost;
	return 0;
}

/* 1 if rule r may apply after the spelling in st. */
static int
rule_fits(const struct rule *r, const struct state *st)
{
	unsigned prev = last_cp(st);

	if (r->when == AFTER_VOWEL)
		return prev != 0 && cyr_vowel(prev);
	if (r->when == AFTER_CONS)
		return prev != 0 && !cyr_vowel(prev) && prev != 0x044C;
	return 1;
}

/* Adds ь (or ъ) left out after the consonant just added, where it may stand. */
static void
add_signs(struct bucket *to, const struct state *st, const char *rest,
    unsigned prev2)
{
	static const unsigned soft[] = { 0x043B, 0x043D, 0x0440, 0x0432,
	    0x043C, 0x0442, 0x0434, 0x0433 };
	struct state x;
	unsigned cp = last_cp(st);
	size_t i;

	if (st->len + 4 >= CYRMAX || prev2 == 0)
		return;
	if (rest[0] == 'y' && rest[1] != '\0' && strchr("aeou", rest[1])) {
		x = *st;
		state_add(&x, 0x044A, 0.5f);
		bucket_put(to, &x);
		x = *st;
		state_add(&x, 0x044C, 0.5f);
		bucket_put(to, &x);
		return;
	}
	if (lat_vowel(rest[0]) || !cyr_vowel(prev2))
		return;
	for (i = 0; i < nitems(soft); i++) {
		if (cp == soft[i]) {
			x = *st;
			state_add(&x, 0x044C, 0.7f);
			bucket_put(to, &x);
			return;
		}
	}
}

/* Extends every spelling in b[pos] by each rule that matches at w + pos. */
static void
lattice_step(struct bucket *b, const char *w, size_t pos)
{
	const struct rule *r;
	struct state x;
	size_t k, n;
	unsigned prev;
	int i;

	for (i = 0; i < b[pos].n; i++) {
		prev = last_cp(&b[pos].st[i]);
		for (k = 0; k < nitems(rules); k++) {
			r = &rules[k];
			n = strlen(r->lat);
			if (strncmp(w + pos, r->lat, n) != 0 ||
			    !rule_fits(r, &b[pos].st[i]) ||
			    b[pos].st[i].len + 4 >= CYRMAX)
				continue;
			x = b[pos].st[i];
			state_add(&x, r->cp, r->cost +
			    (n == 1 ? split_cost(w, pos) : 0) +
			    (r->cp == 0x0438 && cyr_vowel(prev) ? 0.3f : 0));
			bucket_put(&b[pos + n], &x);
			if (!cyr_vowel(r->cp) && r->cp != 0x0439)
				add_signs(&b[pos + n], &x, w + pos + n, prev);
		}
	}
}

/* Orders states by cost. */
static int
state_cmp(const void *a, const void *b)
{
	float x = TOTAL((const struct state *)a);
	float y = TOTAL((const struct state *)b);

	return (x > y) - (x < y);
}

/* Runs the beam over w; returns the finished bucket (sorted). Caller frees *all. */
static struct bucket
lattice_run(const char *w, struct state **all)
{
	struct bucket *b, last;
	size_t pos, len = strlen(w);

	*all = xcalloc((len + 1) * BEAM, sizeof(**all));
	b = xcalloc(len + 1, sizeof(*b));
	for (pos = 0; pos <= len; pos++)
		b[pos].st = *all + pos * BEAM;
	b[0].n = 1;
	for (pos = 0; pos < len; pos++)
		lattice_step(b, w, pos);
	last = b[len];
	free(b);
	qsort(last.st, last.n, sizeof(*last.st), state_cmp);
	return last;
}

/* The harmony group of the last vowel in s (а, о, э or ө; э if none). */
static char
last_vowel_group(const char *s, size_t len)
{
	struct state st;
	unsigned cp, c;

	memcpy(st.s, s, len);
	for (st.len = len; st.len >= 2; st.len -= 2) {
		cp = last_cp(&st);
		c = cyr_class(cp);
		if (c & 4)
			return 'o';
		if (c & 8)
			return 'q';
		if (c & 1)
			return 'a';
		if (c & 2)
			return 'e';
	}
	return 'e';
}

/* 1 if ending e fits a stem whose last vowel group is g. */
static int
ending_fits(const char *e, char g)
{
	struct state st;
	size_t n = strlen(e), i;
	unsigned cp;

	memcpy(st.s, e, n);
	for (i = 2; i <= n; i += 2) {
		st.len = i;
		cp = last_cp(&st);
		if (cp == 0x0430 || cp == 0x044B)	/* а ы */
			return g == 'a' || (cp == 0x044B && g == 'o');
		if (cp == 0x0443)			/* у */
			return g == 'a' || g == 'o';
		if (cp == 0x043E)
			return g == 'o';
		if (cp == 0x044D)
			return g == 'e';
		if (cp == 0x04AF)
			return g == 'e' || g == 'q';
		if (cp == 0x04E9)
			return g == 'q';
	}
	return 1;
}

/* 1 if s is a known stem (or stem + ь) followed by a fitting case ending. */
static int
ending_known(struct lexicon *lx, const char *s)
{
	char stem[CYRMAX + 4];
	size_t n = strlen(s), k;
	int i;

	for (i = 0; endings[i] != NULL; i++) {
		k = strlen(endings[i]);
		if (n < k + 4 || strcmp(s + n - k, endings[i]) != 0 ||
		    !ending_fits(endings[i], last_vowel_group(s, n - k)))
			continue;
		memcpy(stem, s, n - k);
		stem[n - k] = '\0';
		if (lexicon_known(lx, stem))
			return 1;
		if (strncmp(endings[i], "и", 2) == 0) {
			memcpy(stem + n - k, "ь", 3);
			if (lexicon_known(lx, stem))
				return 1;
		}
	}
	return 0;
}

/* 1 if s splits into a known word and a known (or inflected) word. */
static int
compound_known(struct lexicon *lx, const char *s)
{
	char left[CYRMAX];
	size_t n = strlen(s), k;

	for (k = 6; k + 6 <= n; k += 2) {
		memcpy(left, s, k);
		left[k] = '\0';
		if (!lexicon_known(lx, left))
			continue;
		if (lexicon_known(lx, s + k) || ending_known(lx, s + k))
			return 1;
	}
	return 0;
}

/* Spelling cost: ий after a hard consonant in a back-vowel word wants ы. */
static float
ortho_cost(const struct state *st)
{
	static const char *const soft[] = { "г", "ж", "ч", "ш", "ь", "и", "й" };
	const char *p = strstr(st->s, "ий");
	size_t i;

	if (p == NULL || p - st->s < 2 || (st->vclass & 3) != 1)
		return 0;
	for (i = 0; i < nitems(soft); i++)
		if (memcmp(p - 2, soft[i], 2) == 0)
			return 0;
	return 0.3f;
}

/*
 * The score of spelling st (the i-th cheapest): its letter cost, plus the
 * harmony cost unless hunspell or Sanal knows the word, plus 0 for a known
 * word, 1.2 for a known stem with an ending, 2 for a compound, 5 otherwise.
 */
static float
lexicon_cost(struct lexicon *lx, const struct state *st, int i)
{
	float c = st->cost + ortho_cost(st);

	if (lx != NULL && lexicon_known(lx, st->s))
		return c;
	c += st->hcost;
	if (lx == NULL)
		return c;
	if (ending_known(lx, st->s))
		return c - st->hcost + 1.2f;
	if (i < COMPOUNDS && compound_known(lx, st->s))
		return c - st->hcost + 2.0f;
	return c + 5.0f;
}

/* Keeps the best TRANSLIT_MAXCAND of the finished spellings in c. */
static void
cand_fill(struct translit_cand *c, struct lexicon *lx, struct bucket *b)
{
	int i, j, k;
	float sc;

	for (i = 0; i < b->n && i < CHECKED; i++) {
		sc = lexicon_cost(lx, &b->st[i], i);
		for (j = 0; j < c->n && c->score[j] <= sc; j++)
			;
		if (j >= TRANSLIT_MAXCAND)
			continue;
		if (c->n == TRANSLIT_MAXCAND)
			free(c->cyr[--c->n]);
		for (k = c->n; k > j; k--) {
			c->cyr[k] = c->cyr[k - 1];
			c->score[k] = c->score[k - 1];
		}
		c->cyr[j] = xstrdup(b->st[i].s);
		c->score[j] = sc;
		c->n++;
	}
}

/* Ranked Cyrillic spellings of word (lowercase ASCII letters). */
struct translit_cand *
translit_word_cands(struct lexicon *lx, const char *word)
{
	struct translit_cand *c = xcalloc(1, sizeof(*c));
	struct state *all;
	struct bucket b;
	char w[LATMAX + 1];

	if (strlen(word) > LATMAX) {
		c->cyr[c->n] = xstrdup(word);
		c->score[c->n++] = 0;
		return c;
	}
	memcpy(w, word, strlen(word) + 1);
	b = lattice_run(w, &all);
	cand_fill(c, lx, &b);
	free(all);
	if (c->n == 0) {
		c->cyr[c->n] = xstrdup(word);
		c->score[c->n++] = 0;
	}
	return c;
}

/* Frees a candidate list. */
void
translit_cand_free(void *p)
{
	struct translit_cand *c = p;
	int i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++)
		free(c->cyr[i]);
	free(c);
}
