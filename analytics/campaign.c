/* SPDX-License-Identifier: ISC */
/*
 * Campaigns: the same text sent from many numbers. A report must say "one
 * campaign, 4,000 messages" instead of counting 4,000 opinions, so every
 * comment gets a campaign id, the id of the first comment of its group.
 *
 * Each normalised comment gets a 64-bit fingerprint and two comments belong
 * together when their fingerprints differ in at most CAMPAIGN_NEAR bits. The
 * fingerprint is a one-bit MinHash (b-bit minwise hashing, Li and König
 * 2010) rather than Charikar's SimHash: bit i is one bit of the feature with
 * the smallest value under the i-th random permutation, so two texts differ
 * in a bit with probability (1 - J) / 2, J their Jaccard similarity. On SMS
 * of ten words, one changed word moves SimHash by 8-10 bits (median) and
 * this fingerprint by 3-6, while unrelated comments stay near 30 bits apart.
 *
 * The features are the words of the text (text_next_token(), as normalise
 * sees them) and the character trigrams of each word padded with spaces:
 * words keep an inserted name or a swapped word to a few features, trigrams
 * let a typo or one changed letter cost two or three out of dozens.
 *
 * The index holds one entry per distinct fingerprint, filed in five tables
 * keyed by one band of the 64 bits each (13, 13, 13, 13 and 12 bits). A
 * query reads, in every band, the bucket of its own key and of the keys one
 * bit away: if two fingerprints differ in at most 9 bits, one of the five
 * bands differs in at most 1 (pigeonhole), so no pair within CAMPAIGN_NEAR
 * is missed. Buckets are arrays of (fingerprint, entry), so a query costs
 * 70 bucket reads and a sequential scan of each, whatever the order of
 * arrival. Exact repeats are found in a hash table first. A comment joins the campaign of its nearest indexed fingerprint;
 * campaigns never merge afterwards, as their ids may already be stored.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

#include "common.h"
#include "analytics.h"

#define NBANDS		5
#define BAND_BITS	13		/* the last band has 64 - 4 * 13 = 12 */
#define BAND_KEYS	(1U << BAND_BITS)
#define NONE		UINT32_MAX

/* One distinct fingerprint and the campaign it belongs to. */
struct campaign_entry {
	uint64_t	 fp;
	int64_t		 campaign;
	uint32_t	 exact_next;	/* next entry in the exact-match bucket */
};

/* A band bucket: the fingerprints with one key, and their entries. */
struct campaign_slot {
	uint64_t	 fp;
	uint32_t	 entry;
};
struct campaign_bucket {
	struct campaign_slot	*s;
	uint32_t		 n;
	uint32_t		 cap;
};

struct campaigns {
	struct campaign_entry	*e;
	uint32_t		 n;
	uint32_t		 cap;
	struct campaign_bucket	*band[NBANDS];	/* BAND_KEYS buckets each */
	uint32_t		*exact;		/* exact_mask + 1 bucket heads */
	uint32_t		 exact_mask;
	unsigned		 near;
};

/* The 64 random odd multipliers and offsets of the permutations. */
static uint64_t	perm_a[64], perm_b[64];
static int	perm_ready;

/* splitmix64: a fixed, well-mixed 64-bit step. */
static uint64_t
mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* Fills the permutation constants; idempotent, so races are harmless. */
static void
perm_init(void)
{
	uint64_t	 s = 0x53616e616c;	/* "Sanal": fingerprints are stored */
	int		 i;

	if (perm_ready)
		return;
	for (i = 0; i < 64; i++) {
		perm_a[i] = (s = mix64(s)) | 1;
		perm_b[i] = s = mix64(s);
	}
	perm_ready = 1;
}

/* FNV-1a over len bytes of p, seeded with the feature kind, then mixed. */
static uint64_t
feature_hash(unsigned kind, const char *p, size_t len)
{
	uint64_t	 h = 0xcbf29ce484222325ULL ^ kind;
	size_t		 i;

	for (i = 0; i < len; i++)
		h = (h ^ (uint8_t)p[i]) * 0x100000001b3ULL;
	return mix64(h);
}

/* Lowers each permutation's minimum with feature h. */
static void
minhash_add(uint64_t *min, uint64_t h)
{
	uint64_t	 v;
	int		 i;

	for (i = 0; i < 64; i++) {
		v = perm_a[i] * h + perm_b[i];
		if (v < min[i])
			min[i] = v;
	}
}

/*
 * Adds the trigrams of word w[0..len) padded with a space on each side: the
 * first two code points, every three in a row, the last two.
 */
static void
add_trigrams(uint64_t *min, const char *w, int32_t len)
{
	int32_t	 prev2 = 0, prev1 = 0, cur = 0, i = 0, k = 0;

	while (i < len) {
		prev2 = prev1;
		prev1 = cur;
		cur = i;
		U8_FWD_1(w, i, len);
		if (++k == 2)
			minhash_add(min, feature_hash(3, w, (size_t)i));
		else if (k > 2)
			minhash_add(min, feature_hash(4, w + prev2,
			    (size_t)(i - prev2)));
	}
	if (k == 1)
		minhash_add(min, feature_hash(3, w, (size_t)len));
	minhash_add(min, feature_hash(5, w + prev1, (size_t)(len - prev1)));
}

/* The fingerprint of normalised text norm; 0 if it has no words. */
uint64_t
campaign_fingerprint(const char *norm)
{
	uint64_t	 min[64], fp = 0;
	size_t		 pos = 0, start, end;
	int		 i, any = 0;

	if (norm == NULL)
		return 0;
	perm_init();
	memset(min, 0xff, sizeof(min));
	while (text_next_token(norm, &pos, &start, &end)) {
		if (end - start > INT32_MAX)
			continue;
		minhash_add(min, feature_hash(1, norm + start, end - start));
		add_trigrams(min, norm + start, (int32_t)(end - start));
		any = 1;
	}
	if (!any)
		return 0;
	for (i = 0; i < 64; i++)
		fp |= (mix64(min[i]) >> 63) << i;
	return fp;
}

/* Bits in which fingerprints a and b differ. */
unsigned
campaign_distance(uint64_t a, uint64_t b)
{
	return (unsigned)__builtin_popcountll(a ^ b);
}

/* 1 if a and b are near enough to be one campaign's texts. */
int
campaign_near(uint64_t a, uint64_t b)
{
	return campaign_distance(a, b) <= CAMPAIGN_NEAR;
}

/* An empty grouping with the default distance. Free with campaigns_free. */
struct campaigns *
campaigns_new(void)
{
	struct campaigns	*c;
	int			 b;

	c = xcalloc(1, sizeof(*c));
	for (b = 0; b < NBANDS; b++)
		c->band[b] = xcalloc(BAND_KEYS, sizeof(*c->band[b]));
	c->exact_mask = 1023;
	c->exact = xmalloc((c->exact_mask + 1) * sizeof(uint32_t));
	memset(c->exact, 0xff, (c->exact_mask + 1) * sizeof(uint32_t));
	c->near = CAMPAIGN_NEAR;
	return c;
}

/* Frees c and everything it holds; NULL is a no-op. */
void
campaigns_free(struct campaigns *c)
{
	uint32_t	 k;
	int		 b;

	if (c == NULL)
		return;
	for (b = 0; b < NBANDS; b++) {
		for (k = 0; k < BAND_KEYS; k++)
			free(c->band[b][k].s);
		free(c->band[b]);
	}
	free(c->exact);
	free(c->e);
	free(c);
}

/* Bits in band b. */
static int
band_bits(int b)
{
	return b < NBANDS - 1 ? BAND_BITS : 64 - (NBANDS - 1) * BAND_BITS;
}

/* Band b of fingerprint fp. */
static uint32_t
band_key(uint64_t fp, int b)
{
	return (uint32_t)(fp >> (b * BAND_BITS)) & ((1U << band_bits(b)) - 1);
}

/* The entry holding exactly fp, or NONE. */
static uint32_t
exact_find(const struct campaigns *c, uint64_t fp)
{
	uint32_t	 i;

	for (i = c->exact[mix64(fp) & c->exact_mask]; i != NONE;
	    i = c->e[i].exact_next)
		if (c->e[i].fp == fp)
			return i;
	return NONE;
}

/* Doubles the exact table once it holds as many entries as buckets. */
static void
exact_grow(struct campaigns *c)
{
	uint32_t	 i, h;

	if (c->n <= c->exact_mask)
		return;
	c->exact_mask = c->exact_mask * 2 + 1;
	c->exact = xrealloc(c->exact, (c->exact_mask + 1) * sizeof(uint32_t));
	memset(c->exact, 0xff, (c->exact_mask + 1) * sizeof(uint32_t));
	for (i = 0; i < c->n; i++) {
		h = mix64(c->e[i].fp) & c->exact_mask;
		c->e[i].exact_next = c->exact[h];
		c->exact[h] = i;
	}
}

/* Lowers *best to the nearest slot of bucket k within c->near bits. */
static void
bucket_scan(const struct campaigns *c, const struct campaign_bucket *k,
    uint64_t fp, uint32_t *best, unsigned *bestd)
{
	const struct campaign_slot	*sl;
	unsigned			 d;

	for (sl = k->s; sl < k->s + k->n; sl++) {
		if ((d = campaign_distance(fp, sl->fp)) > c->near || d > *bestd)
			continue;
		if (d == *bestd &&
		    c->e[sl->entry].campaign >= c->e[*best].campaign)
			continue;
		*best = sl->entry;
		*bestd = d;
	}
}

/* The indexed entry nearest to fp within c->near bits, or NONE. */
static uint32_t
nearest(const struct campaigns *c, uint64_t fp)
{
	uint32_t	 best = NONE, key;
	unsigned	 bestd = c->near + 1;
	int		 b, j;

	for (b = 0; b < NBANDS; b++) {
		key = band_key(fp, b);
		bucket_scan(c, &c->band[b][key], fp, &best, &bestd);
		for (j = 0; j < band_bits(b); j++)
			bucket_scan(c, &c->band[b][key ^ (1U << j)], fp, &best,
			    &bestd);
	}
	return best;
}

/* Files entry i, fingerprint fp, in bucket k. */
static void
bucket_add(struct campaign_bucket *k, uint64_t fp, uint32_t i)
{
	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 4;
		k->s = xrealloc(k->s, k->cap * sizeof(*k->s));
	}
	k->s[k->n].fp = fp;
	k->s[k->n++].entry = i;
}

/* Appends entry (fp, campaign) to every table. */
static void
entry_add(struct campaigns *c, uint64_t fp, int64_t campaign)
{
	struct campaign_entry	*e;
	uint32_t		 h;
	int			 b;

	if (c->n == c->cap) {
		if (c->cap >= NONE / 2)
			fatal("campaigns: too many fingerprints");
		c->cap = c->cap ? c->cap * 2 : 1024;
		c->e = xrealloc(c->e, c->cap * sizeof(*c->e));
	}
	e = &c->e[c->n];
	e->fp = fp;
	e->campaign = campaign;
	for (b = 0; b < NBANDS; b++)
		bucket_add(&c->band[b][band_key(fp, b)], fp, c->n);
	h = mix64(fp) & c->exact_mask;
	e->exact_next = c->exact[h];
	c->exact[h] = c->n++;
	exact_grow(c);
}

/* Files comment_id under the campaign of its nearest fingerprint. */
int64_t
campaigns_add(struct campaigns *c, uint64_t fp, int64_t comment_id)
{
	uint32_t	 i;
	int64_t		 campaign;

	if ((i = exact_find(c, fp)) != NONE)
		return c->e[i].campaign;
	i = nearest(c, fp);
	campaign = i == NONE ? comment_id : c->e[i].campaign;
	entry_add(c, fp, campaign);
	return campaign;
}

/* Distinct fingerprints indexed so far. */
size_t
campaigns_count(const struct campaigns *c)
{
	return c->n;
}
