/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for analytics/campaign.c: equal texts get equal fingerprints,
 * case, punctuation and look-alike letters do not count, a changed word, a
 * typo or an inserted name stay within CAMPAIGN_NEAR bits and in one
 * campaign, the 240 unrelated dev comments (analytics/data, read through
 * $top_srcdir) keep their own campaigns, a 10,000-message campaign with
 * random small edits from as many numbers stays one, and the banded index
 * finds exactly what a brute-force scan finds.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "common.h"
#include "analytics.h"

#define DEV_MAX		512
#define CAMPAIGN_N	10000

/* A deterministic generator, so a failure can be replayed. */
static uint64_t	rng_state = 42;

/* xorshift64*: the next pseudo-random number. */
static uint64_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

/* The fingerprint of raw text, normalised first. */
static uint64_t
fp_of(const char *raw)
{
	char		*n;
	uint64_t	 fp;

	n = normalise_text(raw);
	assert_non_null(n);
	fp = campaign_fingerprint(n);
	free(n);
	return fp;
}

/* Texts that differ only in what normalisation removes. */
static void
test_same_fingerprint(void **state)
{
	static const char	*same[] = {
		"Бэлчээрийн төлбөрийг нэмэх нь буруу, малчид хохирно",
		"бэлчээрийн төлбөрийг нэмэх нь буруу малчид хохирно!!!",
		"БЭЛЧЭЭРИЙН  ТӨЛБӨРИЙГ нэмэх нь буруу. Малчид хохирно",
		"Бэлчээрийн төлбөрийг нэмэx нь бypуу, мaлчид xохирно",
		"Бэлчээрийн\tтөлбөрийг нэмэх нь буруу,малчид хохирно ?",
	};
	uint64_t		 fp;
	size_t			 i;

	(void)state;
	fp = fp_of(same[0]);
	assert_int_not_equal(fp, 0);
	for (i = 1; i < nitems(same); i++)
		assert_int_equal(fp_of(same[i]), fp);
	assert_int_equal(campaign_fingerprint(""), 0);
	assert_int_equal(campaign_fingerprint("!!! ..."), 0);
	assert_int_equal(campaign_fingerprint(NULL), 0);
	assert_int_equal(campaign_distance(fp, fp), 0);
	assert_int_equal(campaign_distance(fp, ~fp), 64);
}

/* A template and its variants: one word, a typo, a name, one word less. */
static const struct {
	const char	*base;
	const char	*variant[4];
} near_cases[] = {
	{ "Бэлчээрийн төлбөрийг нэмэх нь буруу, малчид хохирно. Энэ заалтыг хасах хэрэгтэй",
	  { "Бэлчээрийн төлбөрийг нэмэх нь огт буруу, малчид хохирно. Энэ заалтыг хасах хэрэгтэй",
	    "Бэлчээрийн төлбөрийг нэмэх нь буруу, малчид хохирно. Энэ заалтыг хасах хэрэгтай",
	    "Би Батболд. Бэлчээрийн төлбөрийг нэмэх нь буруу, малчид хохирно. Энэ заалтыг хасах хэрэгтэй",
	    "Бэлчээрийн төлбөрийг нэмэх нь буруу, малчид хохирно. Заалтыг хасах хэрэгтэй" } },
	{ "Манай сумын эмнэлэгт эмч нэмж, түргэн тусламжийн машин өгөх хуулийг дэмжинэ",
	  { "Манай сумын эмнэлэгт эмч нэмж, түргэн тусламжийн машин өгөх хуулийг бүрэн дэмжинэ",
	    "Манай сумын эмнэлэгт эмч нэмж, түргэн тусламжийн машин өгөх хуулийг дэмжиж байна",
	    "Манай Баянцагаан сумын эмнэлэгт эмч нэмж, түргэн тусламжийн машин өгөх хуулийг дэмжинэ",
	    "Манай сумын эмнэлэгт эмч нэмж түргэн тусламжийн машин өгөх хуулийг дэмжинэ 100%" } },
	{ "Sumiin tovd surguuliin dotuur bair barih ni zov, huuhduud holoos yavj baina",
	  { "Sumiin tovd surguuliin dotuur bair barih ni zov, huuhed holoos yavj baina",
	    "Sumiin tovd surguuliin dotuur bair barih ni zov huuhduud holoos yavj bn",
	    "Dorj: Sumiin tovd surguuliin dotuur bair barih ni zov, huuhduud holoos yavj baina",
	    "sumiin tovd surguuliin dotuur bair barih ni zov. huuhduud holoos yavdag" } },
};

/* Each variant is near its template and joins its campaign. */
static void
test_near_variants(void **state)
{
	struct campaigns	*c;
	uint64_t		 base, fp;
	size_t			 i, j;
	unsigned		 d;

	(void)state;
	for (i = 0; i < nitems(near_cases); i++) {
		c = campaigns_new();
		base = fp_of(near_cases[i].base);
		assert_int_equal(campaigns_add(c, base, 100), 100);
		for (j = 0; j < nitems(near_cases[i].variant); j++) {
			fp = fp_of(near_cases[i].variant[j]);
			d = campaign_distance(base, fp);
			print_message("near %zu.%zu: %u bits\n", i, j, d);
			assert_true(d <= CAMPAIGN_NEAR);
			assert_true(campaign_near(base, fp));
			assert_int_equal(campaigns_add(c, fp, 200 + (int64_t)j), 100);
		}
		campaigns_free(c);
	}
}

/* Reads the text column of the dev comments into t; returns the count. */
static size_t
dev_load(char **t, size_t max)
{
	const char	*top = getenv("top_srcdir");
	char		 path[4096], line[4096], *p;
	FILE		*f;
	size_t		 n = 0;
	int		 col;

	snprintf(path, sizeof(path), "%s/analytics/data/comments_dev.tsv",
	    top != NULL ? top : "..");
	f = fopen(path, "r");
	assert_non_null(f);
	while (n < max && fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		for (p = line, col = 0; col < 5 && p != NULL; col++)
			if ((p = strchr(p, '\t')) != NULL)
				p++;
		if (p == NULL || strncmp(line, "id\t", 3) == 0)
			continue;
		assert_non_null(t[n] = normalise_text(p));
		n++;
	}
	fclose(f);
	return n;
}

/* Frees what dev_load read. */
static void
dev_free(char **t, size_t n)
{
	while (n > 0)
		free(t[--n]);
}

/* Counts comments i that got a campaign other than their own id. */
static size_t
dev_grouped(struct campaigns *c, char **t, size_t n, int verbose)
{
	size_t	 i, joined = 0;
	int64_t	 id;

	for (i = 0; i < n; i++) {
		id = campaigns_add(c, campaign_fingerprint(t[i]), (int64_t)i);
		if (id == (int64_t)i)
			continue;
		joined++;
		if (verbose)
			print_message("grouped: [%s] with [%s]\n", t[i], t[id]);
	}
	return joined;
}

/*
 * Unrelated comments keep their own campaigns. The dev data holds no
 * campaign; the few pairs that share one are short texts ("за за") whose
 * exact repeats would be grouped anyway. At least 95% stay apart.
 */
static void
test_dev_distinct(void **state)
{
	char			*t[DEV_MAX];
	struct campaigns	*c;
	size_t			 n, i, j, joined, close = 0, pairs = 0;
	unsigned		 d, mind = 64;

	(void)state;
	n = dev_load(t, DEV_MAX);
	assert_int_equal(n, 240);
	c = campaigns_new();
	joined = dev_grouped(c, t, n, 1);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++, pairs++) {
			d = campaign_distance(campaign_fingerprint(t[i]),
			    campaign_fingerprint(t[j]));
			close += d <= CAMPAIGN_NEAR;
			mind = d < mind ? d : mind;
		}
	print_message("dev: %zu of %zu comments joined another's campaign; "
	    "%zu of %zu pairs within %d bits, nearest pair %u bits\n", joined,
	    n, close, pairs, CAMPAIGN_NEAR, mind);
	assert_true((n - joined) * 100 >= n * 95);
	assert_true(close * 1000 <= pairs);
	campaigns_free(c);
	dev_free(t, n);
}

static const char *const campaign_text =
    "Бэлчээрийн тухай хуулийн төсөлд малчдын бэлчээрийн төлбөрийг нэмэхгүй "
    "байх, отор нүүдлийн эрхийг хамгаалах заалт оруулахыг бид шаардаж байна";
static const char *const edit_words[] = {
	"Батболд", "Сарангэрэл", "Дорж", "Oyunaa", "бид", "бүгд", "маш",
	"заавал", "одоо", "!!!", "Дархан-Уул", "100%", "тийм"
};

/* Applies one random small edit to the words w[0..*n). */
static void
edit_once(char **w, size_t *n, char *scratch)
{
	size_t	 k = rng() % *n, len;

	switch (rng() % 5) {
	case 0:		/* a word replaced */
		w[k] = (char *)edit_words[rng() % nitems(edit_words)];
		break;
	case 1:		/* a word inserted (a name, a filler) */
		memmove(w + k + 1, w + k, (*n - k) * sizeof(*w));
		w[k] = (char *)edit_words[rng() % nitems(edit_words)];
		(*n)++;
		break;
	case 2:		/* a word dropped */
		if (*n > 10) {
			memmove(w + k, w + k + 1, (*n - k - 1) * sizeof(*w));
			(*n)--;
		}
		break;
	case 3:		/* a typo: the last letter becomes а */
		len = strlen(w[k]);
		if (len >= 4 && len < 120 && (w[k][len - 2] & 0xe0) == 0xc0) {
			memcpy(scratch, w[k], len - 2);
			memcpy(scratch + len - 2, "а", 3);
			w[k] = scratch;
		}
		break;
	default:	/* punctuation after a word */
		len = strlen(w[k]);
		if (len < 120) {
			memcpy(scratch, w[k], len);
			memcpy(scratch + len, rng() % 2 ? "," : "!", 2);
			w[k] = scratch;
		}
		break;
	}
}

/* One message of the campaign: the template with one to three edits. */
static char *
campaign_message(char **base, size_t nbase)
{
	char		*w[64], scratch[3][128];
	struct buf	 b;
	size_t		 n = nbase, i, edits = 1 + rng() % 3;

	memcpy(w, base, nbase * sizeof(*w));
	for (i = 0; i < edits; i++)
		edit_once(w, &n, scratch[i]);
	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_addf(&b, "%s%s", i ? " " : "", w[i]);
	return buf_steal(&b);
}

/* Splits a copy of s at spaces into w; returns the count. */
static size_t
split_words(char *s, char **w, size_t max)
{
	size_t	 n = 0;
	char	*p;

	for (p = strtok(s, " "); p != NULL && n < max; p = strtok(NULL, " "))
		w[n++] = p;
	return n;
}

/*
 * 10,000 messages from as many numbers, each the template with up to three
 * random edits, mixed with the dev comments: the messages form one
 * campaign and the dev comments still keep their own.
 */
static void
test_big_campaign(void **state)
{
	char			*t[DEV_MAX], *copy, *base[64], *msg, *norm;
	struct campaigns	*c;
	size_t			 n, nbase, i, d = 0, joined = 0, other = 0;
	int64_t			 first = 1000000, id;

	(void)state;
	n = dev_load(t, DEV_MAX);
	copy = xstrdup(campaign_text);
	nbase = split_words(copy, base, nitems(base) - 8);
	c = campaigns_new();
	for (i = 0; i < CAMPAIGN_N; i++) {
		if (i % 40 == 20 && d < n) {
			id = campaigns_add(c, campaign_fingerprint(t[d]),
			    (int64_t)d);
			joined += id != (int64_t)d;
			d++;
		}
		msg = campaign_message(base, nbase);
		norm = normalise_text(msg);
		id = campaigns_add(c, campaign_fingerprint(norm),
		    first + (int64_t)i);
		other += id != first;
		if (id != first && other <= 5)
			print_message("apart: %s\n", norm);
		free(norm);
		free(msg);
	}
	print_message("campaign: %zu of %d messages apart, %zu distinct "
	    "fingerprints; %zu of %zu dev comments joined a campaign\n",
	    other, CAMPAIGN_N, campaigns_count(c), joined, d);
	assert_int_equal(other, 0);
	assert_true(campaigns_count(c) > 1000);
	assert_true((d - joined) * 100 >= d * 95);
	campaigns_free(c);
	free(copy);
	dev_free(t, n);
}

/* A random fingerprint at exactly d bits from fp. */
static uint64_t
flip_bits(uint64_t fp, unsigned d)
{
	uint64_t	 done = 0, bit;

	while (d > 0) {
		bit = 1ULL << (rng() % 64);
		if (done & bit)
			continue;
		done |= bit;
		d--;
	}
	return fp ^ done;
}

/* What campaigns_add must answer, found by scanning fp[0..n). */
static int64_t
scan_campaign(const uint64_t *fp, const int64_t *id, size_t n, uint64_t q,
    int64_t own)
{
	size_t		 i;
	unsigned	 d, bestd = CAMPAIGN_NEAR + 1;
	int64_t		 best = own;

	for (i = 0; i < n; i++)
		if (fp[i] == q)
			return id[i];
	for (i = 0; i < n; i++) {
		if ((d = campaign_distance(fp[i], q)) > CAMPAIGN_NEAR)
			continue;
		if (d < bestd || (d == bestd && id[i] < best)) {
			bestd = d;
			best = id[i];
		}
	}
	return best;
}

/*
 * The banded index against a scan of every fingerprint: random seeds, then
 * fingerprints at 0-14 bits from random earlier ones (some exact repeats).
 * Every answer must be the scan's, and near ones must have been found.
 */
static void
test_index_exact(void **state)
{
	struct campaigns	*c;
	static uint64_t		 fp[12000];
	static int64_t		 id[12000];
	size_t			 i, n = 0, found = 0;
	int64_t			 want, got;
	uint64_t		 q;

	(void)state;
	c = campaigns_new();
	for (i = 0; i < nitems(fp); i++) {
		q = i < 2000 ? rng() : flip_bits(fp[rng() % n], rng() % 15);
		want = scan_campaign(fp, id, n, q, (int64_t)i);
		got = campaigns_add(c, q, (int64_t)i);
		assert_int_equal(got, want);
		found += got != (int64_t)i;
		if (campaigns_count(c) > n) {
			fp[n] = q;
			id[n++] = got;
		}
	}
	print_message("index: %zu of %zu joined a campaign\n", found,
	    nitems(fp));
	assert_true(found > nitems(fp) / 2);
	campaigns_free(c);
	campaigns_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_fingerprint),
		cmocka_unit_test(test_near_variants),
		cmocka_unit_test(test_dev_distinct),
		cmocka_unit_test(test_big_campaign),
		cmocka_unit_test(test_index_exact),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
