/* SPDX-License-Identifier: ISC */
/*
 * Benchmark 6: a report for an item with 1,000,000 votes and comments, from
 * the running totals (goal: median <= 20 ms for the whole report), next to
 * the plain GROUP BY recount. It creates a fresh database with consultation
 * 12 (the benchmarks' consult12.json), registers synthetic participants in
 * the gazetteer's aimags and soums, then loads ROWS rows through the
 * functions production uses, 10,000 to a transaction: votes (db_vote_cast,
 * some people voting again), article votes (db_article_vote) and comments
 * (db_comment_add); migration 5's triggers and db_action.c keep the totals
 * in the same transaction. Then, as sanalctl analyse stores its results,
 * every comment gets a stance, a topic and a campaign (db_comment_analysed;
 * one in ten is a copy in one of 40 campaigns), officials label some
 * (db_label_set) and approve quotes (db_quote_set). It times report_build
 * from the totals and by recount, with REPORT_SOUMS, and report_json.
 *
 * Before that, it loads TRIGROWS rows twice into scratch databases, once
 * with migration 5's triggers dropped and once with them, to print what the
 * triggers cost per row.
 *
 * It fails (exit 1) only if the totals and the recount differ in any number
 * of any section, or either differs from what was loaded: a correctness
 * check. Slowness is printed, never asserted.
 *
 * Usage: report_bench DB ROWS DOC SECONDS [TRIGROWS]. Loading stops after
 * SECONDS (the figures say how many rows went in). Built and run by
 * report.sh.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "consult.h"
#include "db.h"
#include "db_int.h"
#include "smscmd.h"

#define BATCH		10000	/* rows per transaction */
#define CODE		"12"
#define RUNS_TOTALS	101
#define RUNS_RECOUNT	3
#define RUNS_JSON	101
#define CAMPAIGNS	40	/* the first comments lead them */

/* One synthetic participant: its row, its place and its current vote. */
struct person {
	int64_t		 pid;
	uint16_t	 soum;		/* index into soums; 0: none */
	uint8_t		 aimag;		/* index into aimags; 0: unknown */
	uint8_t		 choice;	/* 0 none, 1 support, 2 oppose */
	uint8_t		 art[4];	/* article votes: 0 none, 1, 2 */
};

/* The run: the people, who comes next, and what should be counted. */
struct load {
	struct person	*people;
	size_t		 npeople, next;
	int64_t		 item_id, now;
	int64_t		 want[3];	/* current support, oppose; comments */
	int64_t		 art[4][2];	/* current article support, oppose */
	int64_t		*comments;	/* their ids */
	size_t		 ncomments;
	int64_t		 copies, labels;
};

static const char	*aimags[32] = { "" };
static size_t		 naimags = 1;
static const char	*soums[400] = { "" };
static uint8_t		 soum_aimag[400];
static size_t		 nsoums = 1;
static const char *const channels[] = {		/* 3 : 2 : 1 */
	"sms", "sms", "sms", "ussd", "ussd", "web"
};
static const char *const articles[] = { "3", "4", "5", "7" };	/* consult12.json */
static const char *const stances[] = { "support", "oppose", "oppose", "amend",
	"question", "other" };
static const char *const topics[] = { "fees", "fees", "land_pasture", "water",
	"livestock", "governance", "other" };
static const char *const texts[] = {
	"бэлчээрийн төлбөр хэт өндөр байна",
	"отор нүүдлийн журмыг дэмжиж байна",
	"худгийн асуудлыг шийдэх хэрэгтэй",
	"малын тоог хязгаарлах нь буруу",
};
static uint64_t		 seed;

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

/* The gazetteer's aimags (and the capital) and their soums (and districts). */
static void
places(void)
{
	size_t	i, k;

	for (i = 0; i < gazetteer_nunits && naimags < nitems(aimags); i++)
		if (gazetteer_units[i].parent[0] == '\0')
			aimags[naimags++] = gazetteer_units[i].code;
	for (i = 0; i < gazetteer_nunits && nsoums < nitems(soums); i++) {
		for (k = 1; k < naimags; k++) {
			if (strcmp(gazetteer_units[i].parent, aimags[k]) != 0)
				continue;
			soum_aimag[nsoums] = (uint8_t)k;
			soums[nsoums++] = gazetteer_units[i].code;
		}
	}
}

/* A fresh database at path with consultation CODE (file doc), open now. */
static struct consult *
setup(const char *path, const char *doc, struct load *l)
{
	struct item_def	 d = { CODE, "consultation", 0, 0, 0, doc, articles,
	    nitems(articles) };
	struct db_item	 it;
	struct consult	*c;
	char		*cause = NULL, *key = xasprintf("%s.key", path);

	unlink(path);
	unlink(key);
	free(key);
	memset(l, 0, sizeof *l);
	seed = 88172645463325252ULL;
	l->now = clock_unix();
	d.opens = l->now - 40 * 86400;
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
	if (rnd(8) == 0)
		return rc;				/* place unknown */
	if (rnd(3) != 0) {
		p->soum = (uint16_t)(1 + rnd((uint32_t)nsoums - 1));
		p->aimag = soum_aimag[p->soum];
	} else
		p->aimag = (uint8_t)(1 + rnd((uint32_t)naimags - 1));
	if (rc == 0)
		rc = db_participant_set_place(db, p->pid, aimags[p->aimag],
		    soums[p->soum]);
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

/* An article vote by p, last one winning. */
static int
load_article_vote(struct consult *c, struct load *l, struct person *p,
    const struct db_actor *a)
{
	int	k = (int)rnd(nitems(articles)), choice = rnd(100) < 50 ? 1 : 2;

	if (p->art[k] != 0)
		l->art[k][p->art[k] - 1]--;
	p->art[k] = (uint8_t)choice;
	l->art[k][choice - 1]++;
	return db_article_vote(consult_db(c), l->item_id, articles[k], a,
	    choice == 1 ? "support" : "oppose");
}

/* Row i: a vote (55 %; someone earlier votes again), an article vote (10 %), a comment. */
static int
load_row(struct consult *c, struct load *l, size_t i)
{
	struct db_comment	 cm = { .script = "cyr" };
	struct db_actor		 a;
	struct person		*p;
	char			 prev[8];
	uint32_t		 what = rnd(100);
	int			 choice = rnd(100) < 58 ? 1 : 2, rc;

	p = pick(l, what < 65 ? 9 : 3);
	a = (struct db_actor){ p->pid, aimags[p->aimag],
	    channels[rnd(nitems(channels))], l->now - 30 * 86400 + (int64_t)i * 2 };
	if (what >= 65) {
		cm.article = rnd(2) ? articles[rnd(nitems(articles))] : NULL;
		cm.raw = cm.norm = texts[rnd(nitems(texts))];
		l->want[2]++;
		rc = db_comment_add(consult_db(c), l->item_id, &a, &cm,
		    &l->comments[l->ncomments]);
		l->ncomments++;
		return rc;
	}
	if (what >= 55)
		return load_article_vote(c, l, p, &a);
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

/* Loads up to rows rows, BATCH a transaction, for at most cap seconds; rows/s. */
static double
load_rows(struct consult *c, struct load *l, size_t rows, double cap, size_t *done)
{
	double	 t0 = clock_mono();
	size_t	 i, k;

	l->comments = xcalloc(rows + 1, sizeof *l->comments);
	for (i = 0; i < rows && clock_mono() - t0 < cap; ) {
		tx(c, 1);
		for (k = i + BATCH; i < k && i < rows; i++)
			if (load_row(c, l, i) != 0)
				fatal("row %zu: %s", i, db_errmsg(consult_db(c)));
		tx(c, 0);
	}
	*done = i;
	return i / (clock_mono() - t0);
}

/*
 * As sanalctl analyse stores its results: a stance, a topic and a
 * campaign for every comment (the first CAMPAIGNS lead campaigns; one in
 * ten after them is a copy of one); then labels on one in 200 and quotes.
 */
static double
analyse(struct consult *c, struct load *l)
{
	struct db_comment	 cm = { .script = "cyr" };
	struct db		*db = consult_db(c);
	double			 t0 = clock_mono();
	int64_t			 id, campaign;
	size_t			 i;

	for (i = 0; i < l->ncomments; i++) {
		if (i % BATCH == 0)
			tx(c, 1);
		id = l->comments[i];
		cm.raw = cm.norm = texts[id % nitems(texts)];
		cm.stance = rnd(50) == 0 ? NULL : stances[rnd(nitems(stances))];
		cm.topic = cm.stance ? topics[rnd(nitems(topics))] : NULL;
		cm.confidence = 0.3 + rnd(70) / 100.0;
		campaign = id;
		if (i >= CAMPAIGNS && rnd(10) == 0) {
			campaign = l->comments[rnd(CAMPAIGNS)];
			l->copies++;
		}
		if (db_comment_analysed(db, id, &cm, campaign) != 0)
			fatal("analysed %lld: %s", (long long)id, db_errmsg(db));
		if (i % BATCH == BATCH - 1 || i + 1 == l->ncomments)
			tx(c, 0);
	}
	t0 = l->ncomments / (clock_mono() - t0);
	tx(c, 1);
	for (i = 0; i < l->ncomments; i += 200) {
		if (db_label_set(db, l->comments[i], stances[rnd(nitems(stances))],
		    topics[rnd(nitems(topics))], "Bat", l->now) != 0)
			fatal("label: %s", db_errmsg(db));
		l->labels++;
		if (i % 10000 == 0 && db_quote_set(db, l->comments[i], texts[0], "Bat",
		    l->now) != 0)
			fatal("quote: %s", db_errmsg(db));
	}
	tx(c, 0);
	return t0;
}

/* Drops migration 5's triggers: the load as it was before them. */
static void
triggers_drop(struct consult *c)
{
	static const char *const names[] = { "vote_tally_in", "vote_tally_day",
	    "vote_tally_out", "article_vote_tally_in", "article_vote_tally_choice",
	    "article_vote_tally_out", "signature_tally_in", "signature_tally_out",
	    "comment_tally_in", "comment_tally_cell", "comment_tally_out",
	    "comment_label_tally_in", "comment_label_tally_change",
	    "comment_label_tally_out" };
	char	 sql[96];
	size_t	 i;

	for (i = 0; i < nitems(names); i++) {
		snprintf(sql, sizeof sql, "DROP TRIGGER %s", names[i]);
		if (sqlite3_exec(consult_db(c)->h, sql, NULL, NULL, NULL) != SQLITE_OK)
			fatal("%s: %s", sql, db_errmsg(consult_db(c)));
	}
}

/* The load rate of n rows in a scratch database, with or without the triggers. */
static double
trigger_cost(const char *path, const char *doc, size_t n, int triggers)
{
	struct load	 l;
	struct consult	*c = setup(path, doc, &l);
	size_t		 done;
	double		 rate;

	char		*key = xasprintf("%s.key", path);

	if (!triggers)
		triggers_drop(c);
	people_add(c, &l, n * 6 / 10 + 1);
	rate = load_rows(c, &l, n, 1e9, &done);
	consult_close(c);
	unlink(path);
	unlink(key);
	free(key);
	free(l.people);
	free(l.comments);
	return rate;
}

/* Loads the main database. */
static void
load(struct consult *c, struct load *l, size_t rows, double cap)
{
	double	 t0 = clock_mono(), t1, rate, arate;
	size_t	 done;

	people_add(c, l, rows * 6 / 10 + 1);
	t1 = clock_mono();
	rate = load_rows(c, l, rows, cap, &done);
	arate = analyse(c, l);
	printf("REPORT load rows=%zu people=%zu people_s=%.1f load_s=%.1f "
	    "rate=%.0f capped=%d analysed=%zu analyse_rate=%.0f copies=%lld "
	    "labels=%lld\n", done, l->npeople, t1 - t0, done / rate, rate,
	    done < rows, l->ncomments, arate, (long long)l->copies,
	    (long long)l->labels);
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

/* Times n report_builds with flags; *keep is the first. */
static void
time_build(struct consult *c, const char *name, int flags, int n,
    struct report *keep)
{
	struct report	 r;
	double		 t[RUNS_TOTALS], t0;
	char		 extra[160];
	int		 i;

	for (i = 0; i < n; i++) {
		t0 = clock_mono();
		if (report_build(c, CODE, flags, &r) != 0)
			fatal("report_build: %s", db_errmsg(consult_db(c)));
		t[i] = clock_mono() - t0;
		if (i == 0)
			*keep = r;
		else
			report_free(&r);
	}
	snprintf(extra, sizeof extra, " breakdown_rows=%zu articles=%zu days=%zu "
	    "topics=%zu campaigns=%zu quotes=%zu soums=%zu", keep->nrows,
	    keep->narticles, keep->ndays, keep->ntopics, keep->ncampaigns,
	    keep->nquotes, keep->nsoums);
	stats(name, t, n, extra);
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

#define DIFF(what, x, y) do {						\
	if ((int64_t)(x) != (int64_t)(y)) {				\
		printf("REPORT check failed: %s: totals %lld, recount or "	\
		    "loaded %lld\n", what, (long long)(x), (long long)(y));	\
		return -1;						\
	}								\
} while (0)

/* 0 if two reports agree in every number of the rows, articles, days, topics. */
static int
check_sections(const struct report *a, const struct report *b)
{
	size_t	i;
	int	s;

	DIFF("rows", a->nrows, b->nrows);
	for (i = 0; i < a->nrows; i++) {
		DIFF("row n", a->rows[i].n, b->rows[i].n);
		DIFF("row keys", strcmp(a->rows[i].what, b->rows[i].what) ||
		    strcmp(a->rows[i].channel, b->rows[i].channel) ||
		    strcmp(a->rows[i].aimag, b->rows[i].aimag), 0);
	}
	DIFF("participants", a->participants, b->participants);
	DIFF("articles", a->narticles, b->narticles);
	for (i = 0; i < a->narticles; i++) {
		DIFF("article support", a->articles[i].support, b->articles[i].support);
		DIFF("article oppose", a->articles[i].oppose, b->articles[i].oppose);
		DIFF("article comments", a->articles[i].comments, b->articles[i].comments);
		for (s = 0; s < REPORT_NSTANCE; s++)
			DIFF("article stance", a->articles[i].by_stance[s],
			    b->articles[i].by_stance[s]);
	}
	DIFF("days", a->ndays, b->ndays);
	for (i = 0; i < a->ndays; i++)
		DIFF("day", a->days[i].votes + 7 * a->days[i].comments,
		    b->days[i].votes + 7 * b->days[i].comments);
	DIFF("topics", a->ntopics, b->ntopics);
	for (i = 0; i < a->ntopics; i++)
		DIFF("topic", a->topics[i].n * 4 + a->topics[i].human * 2 +
		    a->topics[i].campaign, b->topics[i].n * 4 + b->topics[i].human * 2 +
		    b->topics[i].campaign);
	return 0;
}

/* 0 if the totals, the recount and what was loaded agree in every number. */
static int
check(const struct report *a, const struct report *b, const struct load *l)
{
	size_t	i, k;

	if (check_sections(a, b) != 0)
		return -1;
	DIFF("campaigns", a->ncampaigns, b->ncampaigns);
	for (i = 0; i < a->ncampaigns; i++)
		DIFF("campaign", a->campaigns[i].n * 100 + a->campaigns[i].aimags,
		    b->campaigns[i].n * 100 + b->campaigns[i].aimags);
	DIFF("quotes", a->nquotes, b->nquotes);
	DIFF("support", a->support, l->want[0]);
	DIFF("oppose", a->oppose, l->want[1]);
	DIFF("comments", a->comments, l->want[2]);
	DIFF("campaign copies", a->methods.campaign_copies, l->copies);
	DIFF("labelled", a->methods.human, l->labels);
	for (i = 0; i < a->narticles; i++)
		for (k = 0; k < nitems(articles); k++)
			if (strcmp(a->articles[i].number, articles[k]) == 0)
				DIFF("article votes", a->articles[i].support * 1000000 +
				    a->articles[i].oppose, l->art[k][0] * 1000000 +
				    l->art[k][1]);
	printf("REPORT check ok support=%lld oppose=%lld comments=%lld "
	    "participants=%lld breakdown_rows=%zu campaigns=%zu copies=%lld\n",
	    (long long)a->support, (long long)a->oppose, (long long)a->comments,
	    (long long)a->participants, a->nrows, a->ncampaigns,
	    (long long)a->methods.campaign_copies);
	return 0;
}

int
main(int argc, char **argv)
{
	struct load	 l;
	struct report	 totals, recount, soums;
	struct consult	*c;
	char		*doc, *scratch;
	size_t		 trigrows;
	int		 rc;

	if (argc != 5 && argc != 6)
		fatal("usage: report_bench DB ROWS DOC SECONDS [TRIGROWS]");
	log_init("report_bench", LOG_WARN);
	doc = doc_read(argv[3]);
	places();
	if ((trigrows = argc == 6 ? strtoul(argv[5], NULL, 10) : 0) > 0) {
		scratch = xasprintf("%s.trig", argv[1]);
		printf("REPORT triggers rows=%zu rate_without=%.0f", trigrows,
		    trigger_cost(scratch, doc, trigrows, 0));
		printf(" rate_with=%.0f\n", trigger_cost(scratch, doc, trigrows, 1));
		free(scratch);
	}
	c = setup(argv[1], doc, &l);
	load(c, &l, strtoul(argv[2], NULL, 10), strtod(argv[4], NULL));
	time_build(c, "totals", 0, RUNS_TOTALS, &totals);
	time_build(c, "recount", REPORT_RECOUNT, RUNS_RECOUNT, &recount);
	time_build(c, "soums", REPORT_SOUMS, RUNS_RECOUNT, &soums);
	time_json(&totals, RUNS_JSON);
	rc = check(&totals, &recount, &l);
	report_free(&totals);
	report_free(&recount);
	report_free(&soums);
	consult_close(c);
	free(l.people);
	free(l.comments);
	free(doc);
	return rc == 0 ? 0 : 1;
}
