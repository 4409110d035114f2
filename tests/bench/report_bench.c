/* SPDX-License-Identifier: ISC */
/*
 * Benchmark 6: a report for an item with 1,000,000 votes and comments, from
 * the running totals (goal: median <= 20 ms), next to the plain GROUP BY
 * recount they replace. It creates a fresh database with consultation 12 (the
 * benchmarks' consult12.json), registers synthetic participants in the
 * gazetteer's aimags, then loads ROWS votes and comments through the
 * functions production uses, db_vote_cast and db_comment_add, which keep the
 * tally in the same transaction (10,000 rows per transaction). Some people
 * vote again (last vote wins). Then it times report_build from the totals
 * and from the recount, and report_json.
 *
 * It fails (exit 1) only if the totals and the recount differ in any number,
 * or either differs from what was loaded: a correctness check. Slowness is
 * printed, never asserted.
 *
 * Usage: report_bench DB ROWS DOC SECONDS. Loading stops after SECONDS (the
 * figures say how many rows went in). Built and run by report.sh.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "consult.h"
#include "db.h"
#include "smscmd.h"

#define BATCH		10000	/* rows per transaction */
#define CODE		"12"
#define RUNS_TOTALS	101
#define RUNS_RECOUNT	5
#define RUNS_JSON	101

/* One synthetic participant: its row, its aimag and its current vote. */
struct person {
	int64_t		 pid;
	uint8_t		 aimag;		/* index into aimags; 0: unknown */
	uint8_t		 choice;	/* 0 none, 1 support, 2 oppose */
};

/* The run: the people, who comes next, and what should be counted. */
struct load {
	struct person	*people;
	size_t		 npeople, next;
	int64_t		 item_id, now;
	int64_t		 want[3];	/* current support, oppose; comments */
};

static const char	*aimags[32] = { "" };
static size_t		 naimags = 1;
static const char *const channels[] = {		/* 3 : 2 : 1 */
	"sms", "sms", "sms", "ussd", "ussd", "web"
};
static const char *const articles[] = { "3", "4", "5", "7" };	/* consult12.json */
static const char *const texts[] = {
	"бэлчээрийн төлбөр хэт өндөр байна",
	"отор нүүдлийн журмыг дэмжиж байна",
	"худгийн асуудлыг шийдэх хэрэгтэй",
	"малын тоог хязгаарлах нь буруу",
};
static uint64_t		 seed = 88172645463325252ULL;

/* A deterministic number in [0, n) (xorshift64*). */
static uint32_t
rnd(uint32_t n)
{
	seed ^= seed >> 12;
	seed ^= seed << 25;
	seed ^= seed >> 27;
	return (uint32_t)((seed * 2685821657736338717ULL) >> 32) % n;
}

/* The whole file at path. Caller frees. */
static char *
doc_read(const char *path)
{
	struct buf	 b;
	char		 chunk[4096];
	size_t		 n;
	FILE		*fp;

	if ((fp = fopen(path, "r")) == NULL)
		fatal("%s: cannot open", path);
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_add(&b, chunk, n);
	fclose(fp);
	buf_add(&b, "", 1);
	return buf_steal(&b);
}

/* A fresh database at path with consultation CODE (file doc), open now. */
static struct consult *
setup(const char *path, const char *doc, struct load *l)
{
	struct item_def	 d = { CODE, "consultation", 0, 0, 0, doc, articles,
	    nitems(articles) };
	struct db_item	 it;
	struct consult	*c;
	char		*cause = NULL;
	size_t		 i;

	for (i = 0; i < gazetteer_nunits && naimags < nitems(aimags); i++)
		if (gazetteer_units[i].parent[0] == '\0')
			aimags[naimags++] = gazetteer_units[i].code;
	l->now = clock_unix();
	d.opens = l->now - 86400;
	d.closes = l->now + 365 * 86400;
	if (consult_open(path, 1, &c, &cause) != 0 || item_add(c, &d, &cause) != 0)
		fatal("%s", cause);
	if (db_item_get(consult_db(c), CODE, &it) != 0)
		fatal("item %s: not found after item_add", CODE);
	l->item_id = it.id;
	return c;
}

/* Registers person k as БҮРТГЭЛ would: keyed hash, sealed number, place. */
static int
person_add(struct consult *c, struct person *p, size_t k, int64_t now)
{
	struct db_participant	 row = { .lang = "mn", .script = "cyr" };
	const struct keyring	*kr = consult_keyring(c);
	struct db		*db = consult_db(c);
	unsigned char		 hash[HASH_LEN], *enc;
	char			 phone[PHONE_MAX];
	size_t			 len;
	int			 rc;

	snprintf(phone, sizeof phone, "+976%08u",
	    (unsigned)(80000000 + k % 20000000));
	keyring_hash(kr, phone, hash);
	keyring_seal(kr, phone, &enc, &len);
	rc = db_participant_insert(db, hash, HASH_LEN, enc, len, &row, now);
	free(enc);
	p->pid = row.id;
	p->aimag = rnd(8) == 0 ? 0 : (uint8_t)(1 + rnd((uint32_t)naimags - 1));
	if (rc == 0 && p->aimag != 0)
		rc = db_participant_set_place(db, p->pid, aimags[p->aimag], "");
	return rc;
}

/* Someone new (fresh times in 10, while any are left), else someone earlier. */
static struct person *
pick(struct load *l, uint32_t fresh)
{
	if (l->next == 0 || (l->next < l->npeople && rnd(10) < fresh))
		return &l->people[l->next++];
	return &l->people[rnd((uint32_t)l->next)];
}

/* Row i: a vote (65 %; someone earlier votes again) or a comment. */
static int
load_row(struct consult *c, struct load *l, size_t i)
{
	struct db_comment	 cm = { .script = "cyr" };
	struct db_actor		 a;
	struct person		*p;
	char			 prev[8];
	int64_t			 id;
	int			 vote = rnd(100) < 65;
	int			 choice = rnd(100) < 58 ? 1 : 2;

	p = pick(l, vote ? 9 : 3);
	a = (struct db_actor){ p->pid, aimags[p->aimag],
	    channels[rnd(nitems(channels))], l->now + (int64_t)i / 20 };
	if (!vote) {
		cm.article = rnd(2) ? articles[rnd(nitems(articles))] : NULL;
		cm.raw = cm.norm = texts[rnd(nitems(texts))];
		l->want[2]++;
		return db_comment_add(consult_db(c), l->item_id, &a, &cm, &id);
	}
	if (p->choice != 0)
		l->want[p->choice - 1]--;
	p->choice = (uint8_t)choice;
	l->want[choice - 1]++;
	return db_vote_cast(consult_db(c), l->item_id, &a, choice == 1 ? "support" :
	    "oppose", prev);
}

/* BEGIN (begin) or COMMIT (!begin); a failure ends the run. */
static void
tx(struct consult *c, int begin)
{
	if ((begin ? consult_begin(c) : consult_commit(c)) != 0)
		fatal("%s: %s", begin ? "begin" : "commit", db_errmsg(consult_db(c)));
}

/* Registers everyone before anyone votes (БҮРТГЭЛ first), BATCH at a time. */
static void
people_add(struct consult *c, struct load *l, size_t n)
{
	size_t	 i, k;

	l->npeople = n;
	l->people = xcalloc(n, sizeof *l->people);
	for (i = 0; i < n; i += BATCH) {
		tx(c, 1);
		for (k = i; k < i + BATCH && k < n; k++)
			if (person_add(c, &l->people[k], k, l->now) != 0)
				fatal("participant: %s", db_errmsg(consult_db(c)));
		tx(c, 0);
	}
}

/* Loads up to rows rows, BATCH to a transaction, until cap seconds have passed. */
static void
load(struct consult *c, struct load *l, size_t rows, double cap)
{
	double	 t0 = clock_mono(), t1, t2;
	size_t	 i, k;

	people_add(c, l, rows * 6 / 10 + 1);
	t1 = clock_mono();
	for (i = 0; i < rows && clock_mono() - t0 < cap; ) {
		tx(c, 1);
		for (k = i + BATCH; i < k && i < rows; i++)
			if (load_row(c, l, i) != 0)
				fatal("row %zu: %s", i, db_errmsg(consult_db(c)));
		tx(c, 0);
	}
	t2 = clock_mono();
	printf("REPORT load rows=%zu people=%zu people_s=%.1f load_s=%.1f "
	    "rate=%.0f capped=%d\n", i, l->npeople, t1 - t0, t2 - t1,
	    i / (t2 - t1), i < rows);
}

/* qsort order for doubles. */
static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Prints the median, p90 and max of n timings in milliseconds (sorts t). */
static void
stats(const char *name, double *t, int n, const char *extra)
{
	qsort(t, (size_t)n, sizeof *t, cmp_double);
	printf("REPORT %s runs=%d median_ms=%.3f p90_ms=%.3f max_ms=%.3f%s\n",
	    name, n, t[n / 2] * 1e3, t[n * 9 / 10 < n - 1 ? n * 9 / 10 : n - 1] * 1e3,
	    t[n - 1] * 1e3, extra);
}

/* Times n report_builds (recount or totals); *keep is the first. */
static void
time_build(struct consult *c, int recount, int n, struct report *keep)
{
	struct report	 r;
	double		 t[RUNS_TOTALS], t0;
	char		 extra[32];
	int		 i;

	for (i = 0; i < n; i++) {
		t0 = clock_mono();
		if (report_build(c, CODE, recount, &r) != 0)
			fatal("report_build: %s", db_errmsg(consult_db(c)));
		t[i] = clock_mono() - t0;
		if (i == 0)
			*keep = r;
		else
			report_free(&r);
	}
	snprintf(extra, sizeof extra, " breakdown_rows=%zu", keep->nrows);
	stats(recount ? "recount" : "totals", t, n, extra);
}

/* Times n report_json of r. */
static void
time_json(const struct report *r, int n)
{
	double	 t[RUNS_JSON], t0;
	char	*s, extra[32];
	size_t	 len = 0;
	int	 i;

	for (i = 0; i < n; i++) {
		t0 = clock_mono();
		s = report_json(r, 0);
		t[i] = clock_mono() - t0;
		len = strlen(s);
		free(s);
	}
	snprintf(extra, sizeof extra, " bytes=%zu", len);
	stats("json", t, n, extra);
}

/* 0 if the totals, the recount and what was loaded agree in every number. */
static int
check(const struct report *a, const struct report *b, const struct load *l)
{
	const struct report_row	*x, *y;
	size_t			 i;

	if (a->support != l->want[0] || a->oppose != l->want[1] ||
	    a->comments != l->want[2] || a->support != b->support ||
	    a->oppose != b->oppose || a->comments != b->comments ||
	    a->signatures != b->signatures || a->nrows != b->nrows) {
		printf("REPORT check failed: support %lld/%lld/%lld oppose "
		    "%lld/%lld/%lld comments %lld/%lld/%lld rows %zu/%zu "
		    "(totals/recount/loaded)\n", (long long)a->support,
		    (long long)b->support, (long long)l->want[0],
		    (long long)a->oppose, (long long)b->oppose, (long long)l->want[1],
		    (long long)a->comments, (long long)b->comments,
		    (long long)l->want[2], a->nrows, b->nrows);
		return -1;
	}
	for (i = 0; i < a->nrows; i++) {
		x = &a->rows[i];
		y = &b->rows[i];
		if (strcmp(x->what, y->what) != 0 || x->n != y->n ||
		    strcmp(x->channel, y->channel) != 0 ||
		    strcmp(x->aimag, y->aimag) != 0) {
			printf("REPORT check failed: row %zu: totals %s %s '%s' "
			    "%lld, recount %s %s '%s' %lld\n", i, x->what,
			    x->channel, x->aimag, (long long)x->n, y->what,
			    y->channel, y->aimag, (long long)y->n);
			return -1;
		}
	}
	printf("REPORT check ok support=%lld oppose=%lld comments=%lld "
	    "breakdown_rows=%zu\n", (long long)a->support, (long long)a->oppose,
	    (long long)a->comments, a->nrows);
	return 0;
}

int
main(int argc, char **argv)
{
	struct load	 l = { 0 };
	struct report	 totals, recount;
	struct consult	*c;
	char		*doc;
	int		 rc;

	if (argc != 5)
		fatal("usage: report_bench DB ROWS DOC SECONDS");
	log_init("report_bench", LOG_WARN);
	doc = doc_read(argv[3]);
	c = setup(argv[1], doc, &l);
	load(c, &l, strtoul(argv[2], NULL, 10), strtod(argv[4], NULL));
	time_build(c, 0, RUNS_TOTALS, &totals);
	time_build(c, 1, RUNS_RECOUNT, &recount);
	time_json(&totals, RUNS_JSON);
	rc = check(&totals, &recount, &l);
	report_free(&totals);
	report_free(&recount);
	consult_close(c);
	free(l.people);
	free(doc);
	return rc == 0 ? 0 : 1;
}
