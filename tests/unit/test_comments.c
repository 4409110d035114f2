/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for consult/comments.c on a real SQLite file: participants and
 * comments stored through the db functions the daemon uses, then every
 * filter of comments_find alone and together (item, article, the item as a
 * whole, stance, topic, aimag, channel, Ulaanbaatar day, campaign, review
 * queue), newest first with a total, pages past the end; an official's label
 * wins over the model's and takes a comment out of the review queue; an
 * erased participant has no aimag any more; bad filter values and bad labels
 * are refused with a reason; a label inside a caller's transaction goes
 * when that transaction is rolled back.
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
#include "consult.h"
#include "db.h"
#include "db_int.h"
#include "testutil.h"

#define T0	1796097600	/* 2026-12-01 12:00 Ulaanbaatar (04:00 UTC) */
#define HOUR	3600
#define DAY	86400
#define NONE	(-1)		/* CMT_ campaign: analysed as its own */

struct fixture {
	char		*dir;
	struct consult	*c;
	int64_t		 pid[4];
	int64_t		 id[9];		/* id[1..8]: the comments below */
};

/* The people: two in Khövsgöl (67), one in Dornod (21), one who never said. */
static const char *const places[4] = { "67", "21", "", "67" };

/* The comments, oldest first; campaign: 0 its own, k: a copy of comment k. */
static const struct {
	const char	*code, *article;
	int		 who;
	const char	*channel;
	int64_t		 ts;
	const char	*text, *stance, *topic;
	double		 confidence;
	int		 review, campaign;
} cmts[] = {
	{ NULL },
	/* 1 */ { "12", "1", 0, "sms", T0, "Төлбөр зөв", "support", "fees", 0.9, 0, 0 },
	/* 2 */ { "12", "1", 1, "ussd", T0 + DAY, "Ус хэрэгтэй", "oppose", "water", 0.4, 1, 0 },
	/* 3: Dec 2, 23:59:59 in Ulaanbaatar */
	/* 3 */ { "12", "2", 2, "web", T0 + DAY + 12 * HOUR - 1, "Өөрчлөх", "amend", "fees", 0.8, 0, 0 },
	/* 4: Dec 3, 00:00 in Ulaanbaatar; on the item as a whole */
	/* 4 */ { "12", NULL, 3, "sms", T0 + DAY + 12 * HOUR, "Яагаад?", "question", "health", 0.3, 1, 0 },
	/* 5, 6, 7: one campaign, Dec 3 noon */
	/* 5 */ { "12", "1", 0, "sms", T0 + 2 * DAY, "Бэлчээр хамгаал", "support", "land_pasture", 0.95, 0, 0 },
	/* 6 */ { "12", "1", 1, "web", T0 + 2 * DAY + 1, "Бэлчээр хамгаал", "support", "land_pasture", 0.95, 0, 5 },
	/* 7 */ { "12", "1", 2, "sms", T0 + 2 * DAY + 2, "Бэлчээр хамгаал", "support", "land_pasture", 0.95, 0, 5 },
	/* 8: not analysed yet, on another item */
	/* 8 */ { "31", NULL, 0, "sms", T0 + 3 * DAY, "Гарын үсэг", NULL, NULL, 0, 0, NONE },
};

static void
fx_people(struct fixture *f)
{
	struct db		*db = consult_db(f->c);
	struct db_participant	 p;
	unsigned char		 hash[HASH_LEN], *enc;
	char			 phone[16];
	size_t			 len;
	int			 i;

	for (i = 0; i < 4; i++) {
		memset(&p, 0, sizeof p);
		snprintf(p.lang, sizeof p.lang, "mn");
		snprintf(p.script, sizeof p.script, "cyr");
		snprintf(phone, sizeof phone, "+9769918000%d", i);
		keyring_hash(consult_keyring(f->c), phone, hash);
		keyring_seal(consult_keyring(f->c), phone, &enc, &len);
		assert_int_equal(db_participant_insert(db, hash, sizeof hash, enc, len,
		    &p, T0 - DAY), 0);
		free(enc);
		f->pid[i] = p.id;
		if (*places[i] != '\0')
			assert_int_equal(db_participant_set_place(db, p.id, places[i],
			    NULL), 0);
	}
}

static void
fx_comments(struct fixture *f)
{
	struct db		*db = consult_db(f->c);
	struct db_item		 it;
	struct db_actor		 a;
	struct db_comment	 cm;
	size_t			 i;

	for (i = 1; i < nitems(cmts); i++) {
		assert_int_equal(db_item_get(db, cmts[i].code, &it), 0);
		memset(&cm, 0, sizeof cm);
		cm.article = cmts[i].article;
		cm.raw = cm.norm = cmts[i].text;
		a.pid = f->pid[cmts[i].who];
		a.aimag = places[cmts[i].who];
		a.channel = cmts[i].channel;
		a.now = cmts[i].ts;
		assert_int_equal(db_comment_add(db, it.id, &a, &cm, &f->id[i]), 0);
		db_item_clear(&it);
		if (cmts[i].campaign == NONE)
			continue;
		cm.script = "cyr";
		cm.stance = cmts[i].stance;
		cm.topic = cmts[i].topic;
		cm.confidence = cmts[i].confidence;
		cm.review = cmts[i].review;
		assert_int_equal(db_comment_analysed(db, f->id[i], &cm,
		    cmts[i].campaign ? f->id[cmts[i].campaign] : f->id[i]), 0);
	}
}

static int
setup(void **state)
{
	static const char *const arts[] = { "1", "2", "3" };
	struct fixture	*f = xcalloc(1, sizeof *f);
	struct item_def	 d12 = { "12", "consultation", T0 - 30 * DAY, T0 + 365 * DAY,
			    0, "{}", arts, 3 };
	struct item_def	 d31 = { "31", "petition", T0 - 30 * DAY, T0 + 365 * DAY,
			    100, "{}", NULL, 0 };
	char		*path, *cause = NULL;

	if ((f->dir = testdir_make("test_comments")) == NULL)
		return -1;
	path = xasprintf("%s/sanal.db", f->dir);
	if (consult_open(path, 1, &f->c, &cause) != 0)
		fail_msg("consult_open: %s", cause);
	free(path);
	if (item_add(f->c, &d12, &cause) != 0 || item_add(f->c, &d31, &cause) != 0)
		fail_msg("item_add: %s", cause);
	sqlite3_exec(consult_db(f->c)->h, "PRAGMA synchronous = OFF", NULL, NULL, NULL);
	fx_people(f);
	fx_comments(f);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	consult_close(f->c);
	testdir_remove(f->dir);
	free(f);
	return 0;
}

/* A filter on every item, any campaign, one page of 100. */
static struct comment_filter
filter(void)
{
	struct comment_filter	cf;

	memset(&cf, 0, sizeof cf);
	cf.campaign = -1;
	cf.page = 1;
	cf.per_page = 100;
	return cf;
}

/*
 * Checks that cf finds exactly the comments want (numbers into cmts,
 * newest first, 0-terminated) and that the total says so.
 */
static void
expect(struct fixture *f, const struct comment_filter *cf, const int *want,
    const char *what)
{
	struct comment_view	*v;
	size_t			 n, i, nwant = 0;
	int64_t			 total;

	while (want[nwant] != 0)
		nwant++;
	if (comments_find(f->c, cf, &v, &n, &total) != 0)
		fail_msg("%s: comments_find failed", what);
	if (n != nwant || total != (int64_t)nwant)
		fail_msg("%s: %zu comments (total %lld), want %zu", what, n,
		    (long long)total, nwant);
	for (i = 0; i < n; i++)
		if (v[i].id != f->id[want[i]])
			fail_msg("%s: row %zu is comment %lld, want %lld", what, i,
			    (long long)v[i].id, (long long)f->id[want[i]]);
	comments_free(v, n);
}

static void
test_each_filter(void **state)
{
	struct fixture		*f = *state;
	struct comment_filter	 cf = filter();

	expect(f, &cf, (int[]){ 8, 7, 6, 5, 4, 3, 2, 1, 0 }, "everything");
	cf.code = "12";
	expect(f, &cf, (int[]){ 7, 6, 5, 4, 3, 2, 1, 0 }, "item 12");
	cf.code = "31";
	expect(f, &cf, (int[]){ 8, 0 }, "item 31");
	cf.code = "99";
	expect(f, &cf, (int[]){ 0 }, "no such item");
	cf = filter(), cf.code = "12", cf.article = "1";
	expect(f, &cf, (int[]){ 7, 6, 5, 2, 1, 0 }, "article 1");
	cf.article = "3";
	expect(f, &cf, (int[]){ 0 }, "article 3");
	cf.article = "-";
	expect(f, &cf, (int[]){ 4, 0 }, "the item as a whole");
	cf.article = "";
	expect(f, &cf, (int[]){ 7, 6, 5, 4, 3, 2, 1, 0 }, "article \"\": any");
	cf = filter(), cf.stance = "support";
	expect(f, &cf, (int[]){ 7, 6, 5, 1, 0 }, "support");
	cf.stance = "oppose";
	expect(f, &cf, (int[]){ 2, 0 }, "oppose");
	cf = filter(), cf.topic = "fees";
	expect(f, &cf, (int[]){ 3, 1, 0 }, "fees");
	cf = filter(), cf.aimag = "67";
	expect(f, &cf, (int[]){ 8, 5, 4, 1, 0 }, "Khövsgöl");
	cf.aimag = "21";
	expect(f, &cf, (int[]){ 6, 2, 0 }, "Dornod");
	cf = filter(), cf.channel = "sms";
	expect(f, &cf, (int[]){ 8, 7, 5, 4, 1, 0 }, "sms");
	cf.channel = "ussd";
	expect(f, &cf, (int[]){ 2, 0 }, "ussd");
	cf = filter(), cf.day = "2026-12-01";
	expect(f, &cf, (int[]){ 1, 0 }, "Dec 1");
	cf.day = "2026-12-02";
	expect(f, &cf, (int[]){ 3, 2, 0 }, "Dec 2 (to 23:59:59)");
	cf.day = "2026-12-03";
	expect(f, &cf, (int[]){ 7, 6, 5, 4, 0 }, "Dec 3 (from 00:00)");
	cf.day = "2026-11-30";
	expect(f, &cf, (int[]){ 0 }, "Nov 30");
	cf = filter(), cf.campaign = 1;
	expect(f, &cf, (int[]){ 7, 6, 5, 0 }, "in a campaign");
	cf.campaign = 0;
	expect(f, &cf, (int[]){ 8, 5, 4, 3, 2, 1, 0 }, "not a campaign copy");
	cf = filter(), cf.review = 1;
	expect(f, &cf, (int[]){ 7, 6, 4, 2, 0 }, "review queue");
}

static void
test_combined(void **state)
{
	struct fixture		*f = *state;
	struct comment_filter	 cf = filter();

	cf.code = "12", cf.article = "1", cf.channel = "sms", cf.campaign = 1;
	expect(f, &cf, (int[]){ 7, 5, 0 }, "12/1, sms, campaign");
	cf = filter(), cf.stance = "support", cf.aimag = "67";
	expect(f, &cf, (int[]){ 5, 1, 0 }, "support in Khövsgöl");
	cf.topic = "fees";
	expect(f, &cf, (int[]){ 1, 0 }, "support, fees, Khövsgöl");
	cf.day = "2026-12-03";
	expect(f, &cf, (int[]){ 0 }, "support, fees, Khövsgöl, Dec 3");
	cf = filter(), cf.code = "12", cf.review = 1, cf.channel = "sms";
	expect(f, &cf, (int[]){ 7, 4, 0 }, "review, sms");
	cf.campaign = 0;
	expect(f, &cf, (int[]){ 4, 0 }, "review, sms, not a copy");
	cf = filter(), cf.day = "2026-12-03", cf.article = "-", cf.aimag = "67";
	expect(f, &cf, (int[]){ 4, 0 }, "Dec 3, whole item, Khövsgöl");
}

static void
test_paging(void **state)
{
	struct fixture		*f = *state;
	struct comment_filter	 cf = filter();
	struct comment_view	*v;
	size_t			 n;
	int64_t			 total;
	int			 page;
	int			 want[][2] = { { 8, 7 }, { 6, 5 }, { 4, 3 }, { 2, 1 } };

	cf.per_page = 2;
	for (page = 1; page <= 4; page++) {
		cf.page = page;
		assert_int_equal(comments_find(f->c, &cf, &v, &n, &total), 0);
		assert_int_equal(total, 8);
		assert_int_equal(n, 2);
		assert_int_equal(v[0].id, f->id[want[page - 1][0]]);
		assert_int_equal(v[1].id, f->id[want[page - 1][1]]);
		comments_free(v, n);
	}
	cf.page = 5;
	assert_int_equal(comments_find(f->c, &cf, &v, &n, &total), 0);
	assert_int_equal(n, 0);
	assert_int_equal(total, 8);
	assert_null(v);
	cf.per_page = 3, cf.page = 3, cf.code = "12";
	assert_int_equal(comments_find(f->c, &cf, &v, &n, &total), 0);
	assert_int_equal(total, 7);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, f->id[1]);
	comments_free(v, n);
}

/* The view of comment k (the fixture's numbering) on its own. */
static struct comment_view *
view(struct fixture *f, int k)
{
	struct comment_filter	 cf = filter();
	struct comment_view	*v, *one;
	size_t			 n, i;
	int64_t			 total;

	assert_int_equal(comments_find(f->c, &cf, &v, &n, &total), 0);
	for (i = 0; i < n && v[i].id != f->id[k]; i++)
		;
	if (i == n)
		fail_msg("comment %d not found", k);
	one = xmalloc(sizeof *one);
	*one = v[i];
	v[i].text = NULL;	/* one has it now */
	comments_free(v, n);
	return one;
}

static void
view_free(struct comment_view *v)
{
	comments_free(v, 1);
}

static void
test_view(void **state)
{
	struct fixture		*f = *state;
	struct comment_view	*v;

	v = view(f, 3);
	assert_string_equal(v->code, "12");
	assert_string_equal(v->article, "2");
	assert_string_equal(v->channel, "web");
	assert_string_equal(v->aimag, "");
	assert_int_equal(v->ts, T0 + DAY + 12 * HOUR - 1);
	assert_string_equal(v->text, "Өөрчлөх");
	assert_string_equal(v->stance, "amend");
	assert_string_equal(v->topic, "fees");
	assert_true(v->confidence > 0.79 && v->confidence < 0.81);
	assert_int_equal(v->human, 0);
	assert_string_equal(v->label_by, "");
	assert_int_equal(v->campaign_id, 0);
	assert_int_equal(v->review, 0);
	view_free(v);
	v = view(f, 4);
	assert_string_equal(v->article, "");
	assert_string_equal(v->aimag, "67");
	assert_int_equal(v->review, 1);
	view_free(v);
	v = view(f, 5);			/* the first of its campaign */
	assert_int_equal(v->campaign_id, f->id[5]);
	assert_int_equal(v->review, 0);
	view_free(v);
	v = view(f, 6);			/* a copy: in the queue */
	assert_int_equal(v->campaign_id, f->id[5]);
	assert_int_equal(v->review, 1);
	assert_string_equal(v->aimag, "21");
	view_free(v);
	v = view(f, 8);			/* not analysed */
	assert_string_equal(v->code, "31");
	assert_string_equal(v->stance, "");
	assert_string_equal(v->topic, "");
	assert_true(v->confidence < 0);
	assert_int_equal(v->campaign_id, 0);
	view_free(v);
}

/* How many audit rows say what. */
static int64_t
audit_count(struct fixture *f, const char *where)
{
	char		*sql = xasprintf("SELECT count(*) FROM audit WHERE %s", where);
	int64_t		 n;
	sqlite3_stmt	*st;

	assert_int_equal(sqlite3_prepare_v2(consult_db(f->c)->h, sql, -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	free(sql);
	return n;
}

static void
test_label(void **state)
{
	struct fixture		*f = *state;
	struct comment_filter	 cf = filter();
	struct comment_view	*v;
	char			*cause = NULL, *detail;

	/* the model said oppose, water; an official says support, governance */
	assert_int_equal(comment_label(f->c, f->id[2], "support", "governance", "Bat",
	    T0 + 5 * DAY, &cause), 0);
	v = view(f, 2);
	assert_string_equal(v->stance, "support");
	assert_string_equal(v->topic, "governance");
	assert_int_equal(v->human, 1);
	assert_string_equal(v->label_by, "Bat");
	assert_int_equal(v->label_ts, T0 + 5 * DAY);
	assert_true(v->confidence > 0.39 && v->confidence < 0.41);	/* the model's */
	assert_int_equal(v->review, 0);
	view_free(v);
	cf.stance = "oppose";
	expect(f, &cf, (int[]){ 0 }, "oppose after the label");
	cf.stance = "support";
	expect(f, &cf, (int[]){ 7, 6, 5, 2, 1, 0 }, "support after the label");
	cf = filter(), cf.topic = "governance";
	expect(f, &cf, (int[]){ 2, 0 }, "governance after the label");
	cf = filter(), cf.review = 1;
	expect(f, &cf, (int[]){ 7, 6, 4, 0 }, "the queue without 2");
	/* a campaign copy leaves the queue once labelled */
	assert_int_equal(comment_label(f->c, f->id[6], "support", "land_pasture",
	    "Saraa", T0 + 5 * DAY, &cause), 0);
	expect(f, &cf, (int[]){ 7, 4, 0 }, "the queue without 6");
	detail = xasprintf("action = 'label' AND channel = 'Bat' AND item_code = '12' "
	    "AND who_hash IS NULL AND detail = 'comment %lld: support, governance'",
	    (long long)f->id[2]);
	assert_int_equal(audit_count(f, detail), 1);
	free(detail);
	/* a second label replaces the first, and is audited too */
	assert_int_equal(comment_label(f->c, f->id[2], "other", "other", "Saraa",
	    T0 + 6 * DAY, &cause), 0);
	v = view(f, 2);
	assert_string_equal(v->stance, "other");
	assert_string_equal(v->label_by, "Saraa");
	view_free(v);
	assert_int_equal(audit_count(f, "action = 'label'"), 3);
}

static void
test_label_refused(void **state)
{
	struct fixture	*f = *state;
	const char	*bad[][3] = {
		{ "bogus", "fees", "Bat" }, { "support", "bogus", "Bat" },
		{ NULL, "fees", "Bat" }, { "support", NULL, "Bat" },
		{ "Support", "fees", "Bat" }, { "support", "fees", "" },
		{ "support", "fees", NULL },
	};
	char		*cause;
	size_t		 i;

	for (i = 0; i < nitems(bad); i++) {
		cause = NULL;
		if (comment_label(f->c, f->id[1], bad[i][0], bad[i][1], bad[i][2], T0,
		    &cause) != -1 || cause == NULL)
			fail_msg("label %zu accepted", i);
		free(cause);
	}
	cause = NULL;
	assert_int_equal(comment_label(f->c, 9999, "support", "fees", "Bat", T0,
	    &cause), -1);
	assert_string_equal(cause, "no comment with that id");
	free(cause);
	assert_int_equal(audit_count(f, "action = 'label'"), 0);
	assert_int_equal(db_in_transaction(consult_db(f->c)), 0);
}

/* In the caller's transaction: the label goes when that is rolled back. */
static void
test_label_in_transaction(void **state)
{
	struct fixture		*f = *state;
	struct comment_view	*v;
	char			*cause = NULL;

	assert_int_equal(consult_begin(f->c), 0);
	assert_int_equal(comment_label(f->c, f->id[4], "question", "roads", "Bat",
	    T0, &cause), 0);
	assert_int_equal(db_in_transaction(consult_db(f->c)), 1);
	v = view(f, 4);
	assert_int_equal(v->human, 1);
	view_free(v);
	assert_int_equal(consult_rollback(f->c), 0);
	v = view(f, 4);
	assert_int_equal(v->human, 0);
	assert_string_equal(v->topic, "health");
	view_free(v);
	/* a refused one leaves the caller's transaction open and unharmed */
	assert_int_equal(consult_begin(f->c), 0);
	assert_int_equal(comment_label(f->c, f->id[4], "question", "roads", "Bat",
	    T0, &cause), 0);
	assert_int_equal(comment_label(f->c, 9999, "support", "fees", "Bat", T0,
	    &cause), -1);
	free(cause);
	assert_int_equal(db_in_transaction(consult_db(f->c)), 1);
	assert_int_equal(consult_commit(f->c), 0);
	v = view(f, 4);
	assert_int_equal(v->human, 1);
	assert_string_equal(v->topic, "roads");
	view_free(v);
}

static void
test_erased(void **state)
{
	struct fixture		*f = *state;
	struct comment_filter	 cf = filter();
	struct comment_view	*v;

	cf.aimag = "67";
	expect(f, &cf, (int[]){ 8, 5, 4, 1, 0 }, "Khövsgöl before");
	assert_int_equal(db_participant_erase(consult_db(f->c), f->pid[3], T0 + DAY),
	    0);
	expect(f, &cf, (int[]){ 8, 5, 1, 0 }, "Khövsgöl after an erasure");
	v = view(f, 4);			/* still there, traceable, placeless */
	assert_string_equal(v->aimag, "");
	assert_string_equal(v->text, "Яагаад?");
	view_free(v);
}

static void
test_bad_filters(void **state)
{
	struct fixture		*f = *state;
	struct comment_filter	 cf;
	struct comment_view	*v = (void *)1;
	size_t			 n = 1, i;
	int64_t			 total = 1;
	char			*cause;
	static const char *const days[] = { "2026-13-01", "2026-02-30", "2026-12-1",
		"2026-12-01T00:00", "01.12.2026", "2026-12-01 ", "x" };

	for (i = 0; i < 18; i++) {
		cf = filter();
		switch (i) {
		case 0: cf.stance = "bogus"; break;
		case 1: cf.topic = "land"; break;
		case 2: cf.channel = "fax"; break;
		case 3: cf.aimag = "99"; break;
		case 4: cf.aimag = "6704"; break;	/* a soum */
		case 5: cf.page = 0; break;
		case 6: cf.per_page = 0; break;
		case 7: cf.per_page = 101; break;
		case 8: cf.campaign = 2; break;
		case 9: cf.code = "abc"; break;
		case 10: cf.review = 2; break;
		default: cf.day = days[i - 11]; break;
		}
		cause = NULL;
		if (comment_filter_check(&cf, &cause) != -1 || cause == NULL)
			fail_msg("bad filter %zu accepted", i);
		free(cause);
		if (comments_find(f->c, &cf, &v, &n, &total) != -1)
			fail_msg("comments_find took bad filter %zu", i);
		assert_null(v);
		assert_int_equal(n, 0);
		assert_int_equal(total, 0);
	}
	cf = filter();
	cf.stance = "bogus";
	comment_filter_check(&cf, &cause);
	assert_non_null(strstr(cause, "support, oppose, amend, question, other"));
	free(cause);
	cf = filter(), cf.day = "2024-02-29", cf.aimag = "11", cf.per_page = 100;
	assert_int_equal(comment_filter_check(&cf, &cause), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_each_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_combined, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paging, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view, setup, teardown),
		cmocka_unit_test_setup_teardown(test_label, setup, teardown),
		cmocka_unit_test_setup_teardown(test_label_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_label_in_transaction, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_erased, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_filters, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
