/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for db/: migrations and pragmas, items, participants (erasure keeps
 * votes counted), votes, signatures, comments, running totals against a recount
 * after random actions, inbound messages, the outbox. A fresh database per test
 * under $TMPDIR or /tmp; db_int.h's handle reads what the API does not expose.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "common.h"
#include "db.h"
#include "db_int.h"
#include "testutil.h"

struct fixture {
	char		*dir;
	char		*path;
	struct db	*db;
};

static int
setup(void **state)
{
	struct fixture	*f = xcalloc(1, sizeof *f);
	char		*cause = NULL;

	if ((f->dir = testdir_make("test_db")) == NULL)
		return -1;
	f->path = xasprintf("%s/t.db", f->dir);
	if (db_open(f->path, 1, &f->db, &cause) != 0)
		fail_msg("db_open: %s", cause);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	db_close(f->db);
	if (testdir_remove(f->dir) != 0)
		return -1;
	free(f->path);
	free(f);
	return 0;
}

/* db_comment_add with just the texts, as most tests need. */
static int
comment_add(struct db *db, int64_t item, const struct db_actor *a,
    const char *article, const char *raw, const char *norm)
{
	struct db_comment	cm = { .article = article, .raw = raw, .norm = norm };
	int64_t			id;

	return db_comment_add(db, item, a, &cm, &id);
}

/* The first column of raw SQL's first row as text ("" for NULL, "none"). */
static const char *
qs(sqlite3 *h, const char *sql)
{
	static char	 out[256];
	sqlite3_stmt	*st;
	const char	*t = "none";

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW)
		t = (const char *)sqlite3_column_text(st, 0);
	snprintf(out, sizeof out, "%s", t ? t : "");
	sqlite3_finalize(st);
	return out;
}
#define q(db, sql)	strtoll(qs((db)->h, (sql)), NULL, 10)
#define OK(e)		assert_int_equal((e), 0)
/* Runs call, which appends to the buf named b_, and compares the text with want. */
#define COLLECTS(want, call) do {				\
	struct buf	 b_;					\
	char		*s_;					\
	buf_init(&b_);						\
	OK(call);						\
	s_ = buf_steal(&b_);					\
	assert_string_equal(s_, (want));			\
	free(s_);						\
} while (0)

/* Outbox row id as "state attempts sent_at dlr_status last_error". */
static const char *
orow(struct db *db, int id)
{
	char	sql[256];

	snprintf(sql, sizeof sql, "SELECT state || ' ' || attempts || ' ' || "
	    "coalesce(sent_at, '-') || ' ' || coalesce(dlr_status, '-') || ' ' || "
	    "coalesce(last_error, '-') FROM outbox WHERE id = %d", id);
	return qs(db->h, sql);
}

/* A 32-byte stand-in for a keyed hash. */
static const unsigned char *
hash(int n)
{
	static unsigned char	h[8][32];
	static int		next;
	unsigned char		*p = h[next++ % 8];

	memset(p, 0x5a, 32);
	memcpy(p, &n, sizeof n);
	return p;
}

/* Stores a participant for hash(n); returns its id. */
static int64_t
person(struct db *db, int n)
{
	struct db_participant	p = { .lang = "mn", .script = "cyr" };
	unsigned char		enc[40];

	memset(enc, n, sizeof enc);
	OK(db_participant_insert(db, hash(n), 32, enc, sizeof enc, &p, 1000));
	assert_true(p.id > 0);
	return p.id;
}

/* hash(n)'s participant as "id lang script [aimag] [soum] opted_out", or "none". */
static const char *
prow(struct db *db, int n)
{
	static char		out[64];
	struct db_participant	p;
	int			rc;

	if ((rc = db_participant_find(db, hash(n), 32, &p)) != 0)
		return rc == DB_NONE ? "none" : "error";
	snprintf(out, sizeof out, "%lld %s %s [%s] [%s] %d", (long long)p.id, p.lang,
	    p.script, p.aimag, p.soum, p.opted_out);
	return out;
}

/* Stores an item; returns its id. */
static int64_t
item(struct db *db, const char *code, const char *kind)
{
	struct db_item	it = { .opens = 100, .closes = 200, .threshold = 5,
	    .doc = (char *)"{}" };
	int64_t		id = 0;

	snprintf(it.code, sizeof it.code, "%s", code);
	snprintf(it.kind, sizeof it.kind, "%s", kind);
	OK(db_item_insert(db, &it, &id));
	return id;
}

/* The reply a db_mo look-up found (and frees), or "none" or "error". */
static const char *
got(int rc, char **reply)
{
	static char	out[64];

	snprintf(out, sizeof out, "%s", rc == 0 ? *reply : rc == DB_NONE ? "none" :
	    "error");
	if (rc == 0)
		free(*reply);
	return out;
}

/* Appends a tally row to a buf as "what channel aimag n;". */
static void
rows_cb(const char *what, const char *ch, const char *aimag, int64_t n, void *arg)
{
	buf_addf(arg, "%s %s [%s] %lld;", what, ch, aimag, (long long)n);
}

/* Asserts the running totals of item equal the recount, and want unless NULL. */
static void
check_tally(struct db *db, int64_t id, const char *want)
{
	struct buf	a, b;
	char		*run, *re;

	buf_init(&a);
	buf_init(&b);
	OK(db_tally_each(db, id, rows_cb, &a));
	OK(db_recount_each(db, id, rows_cb, &b));
	run = buf_steal(&a);
	re = buf_steal(&b);
	if (want != NULL)
		assert_string_equal(run, want);
	assert_string_equal(run, re);
	free(run);
	free(re);
}

/* Creates, migrates, reopens idempotently; WAL, synchronous=FULL, foreign keys. */
static void
test_db_open(void **state)
{
	struct fixture	*f = *state;
	struct db	*db2 = NULL;
	sqlite3		*h;
	char		*cause = NULL;
	int64_t		 version = q(f->db, "PRAGMA user_version");

	assert_true(version >= 1 && version == db_nmigrations);
	assert_int_equal(q(f->db, "PRAGMA synchronous"), 2);		/* FULL */
	assert_int_equal(q(f->db, "PRAGMA foreign_keys"), 1);
	item(f->db, "12", "consultation");
	db_close(f->db);
	f->db = NULL;

	/* A second, plain connection sees WAL, which is stored in the file. */
	assert_int_equal(sqlite3_open(f->path, &h), SQLITE_OK);
	assert_string_equal(qs(h, "PRAGMA journal_mode"), "wal");

	/* Reopening migrates nothing and keeps the data. */
	OK(db_open(f->path, 0, &f->db, &cause));
	assert_int_equal(q(f->db, "PRAGMA user_version"), version);
	assert_int_equal(q(f->db, "SELECT count(*) FROM item"), 1);
	assert_int_equal(db_integrity_ok(f->db), 1);

	/* While the other connection writes, BEGIN IMMEDIATE is DB_BUSY. */
	assert_int_equal(sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	OK(db_busy_timeout(f->db, 1));
	assert_int_equal(db_begin(f->db), DB_BUSY);
	sqlite3_close(h);
	OK(db_begin(f->db));
	OK(db_commit(f->db));

	/* Without create, a missing file is an error; so is a newer schema. */
	assert_int_equal(db_open("/nonexistent/x.db", 0, &db2, &cause), -1);
	assert_null(db2);
	free(cause);
	assert_int_equal(sqlite3_exec(f->db->h, "PRAGMA user_version = 999", NULL, NULL,
	    NULL), SQLITE_OK);
	assert_int_equal(db_open(f->path, 0, &db2, &cause), -1);
	assert_non_null(strstr(cause, "newer than this program"));
	free(cause);
}

/* Collects item codes in order. */
static int
codes_cb(const struct db_item *it, void *arg)
{
	buf_addf(arg, "%s,", it->code);
	return 0;
}

/* Items and articles: insert, get, each in code order, state, duplicates. */
static void
test_db_items(void **state)
{
	struct fixture	*f = *state;
	struct db_item	 it;
	int64_t		 id12, junk;
	char		 want[128], *doc;

	id12 = item(f->db, "12", "consultation");
	item(f->db, "100", "petition");
	item(f->db, "2", "consultation");
	OK(db_article_insert(f->db, id12, "1", 0));
	OK(db_article_insert(f->db, id12, "3", 1));
	assert_int_equal(db_article_insert(f->db, id12, "3", 2), -1);	/* UNIQUE */
	assert_int_equal(db_article_exists(f->db, id12, "3"), 1);
	assert_int_equal(db_article_exists(f->db, id12, "2"), 0);

	OK(db_item_get(f->db, "12", &it));
	snprintf(want, sizeof want, "%lld %s %s %s %lld %lld %lld %s", (long long)it.id,
	    it.code, it.kind, it.state, (long long)it.opens, (long long)it.closes,
	    (long long)it.threshold, it.doc ? it.doc : "(not loaded)");
	assert_string_equal(want, "1 12 consultation auto 100 200 5 (not loaded)");
	db_item_clear(&it);
	doc = db_item_doc(f->db, id12);
	assert_string_equal(doc, "{}");
	free(doc);
	assert_int_equal(db_item_get(f->db, "13", &it), DB_NONE);

	COLLECTS("2,12,100,", db_item_each(f->db, codes_cb, &b_));
	OK(db_begin(f->db));
	OK(db_savepoint(f->db));
	item(f->db, "7", "consultation");
	OK(db_rollback_savepoint(f->db));
	OK(db_commit(f->db));
	COLLECTS("2,12,100,", db_item_each(f->db, codes_cb, &b_));

	OK(db_item_set_state(f->db, "12", "closed"));
	OK(db_item_get(f->db, "12", &it));
	assert_string_equal(it.state, "closed");
	db_item_clear(&it);		/* it is item 12 again below */
	assert_int_equal(db_item_set_state(f->db, "99", "open"), DB_NONE);
	assert_int_equal(db_item_set_state(f->db, "12", "maybe"), -1);	/* CHECK */
	it.doc = (char *)"{}";
	assert_int_equal(db_item_insert(f->db, &it, &junk), -1);	/* same code */
}

/* Participants: find, update, place, counts, phone, erase keeping the votes. */
static void
test_db_participants(void **state)
{
	struct fixture		*f = *state;
	struct db_participant	 p;
	struct db_actor		 a;
	unsigned char		*enc;
	size_t			 len;
	char			 prev[8];
	int64_t			 pid, other, it;
	int			 v, c, s;

	it = item(f->db, "12", "consultation");
	pid = person(f->db, 1);
	other = person(f->db, 2);
	assert_string_equal(prow(f->db, 3), "none");
	assert_string_equal(prow(f->db, 1), "1 mn cyr [] [] 0");

	OK(db_participant_find(f->db, hash(1), 32, &p));
	strcpy(p.lang, "en");
	strcpy(p.script, "lat");
	p.opted_out = 1;
	OK(db_participant_update(f->db, &p));
	OK(db_participant_set_place(f->db, pid, "67", "6701"));
	assert_string_equal(prow(f->db, 1), "1 en lat [67] [6701] 1");

	OK(db_participant_phone(f->db, pid, &enc, &len));
	assert_true(len == 40 && enc[0] == 1);
	free(enc);

	a = (struct db_actor){ pid, "67", "sms", 1500 };
	OK(db_vote_cast(f->db, it, &a, "support", prev));
	OK(comment_add(f->db, it, &a, "", "сайн", "сайн"));
	OK(db_participant_counts(f->db, pid, &v, &c, &s));
	assert_true(v == 1 && c == 1 && s == 0);
	check_tally(f->db, it, "comment sms [67] 1;support sms [67] 1;");

	OK(db_participant_erase(f->db, pid, 2000));
	assert_int_equal(q(f->db, "SELECT count(*) FROM participant WHERE "
	    "phone_hash IS NULL AND phone_enc IS NULL AND aimag IS NULL AND "
	    "soum IS NULL AND erased = 2000"), 1);
	assert_string_equal(prow(f->db, 1), "none");
	assert_int_equal(db_participant_phone(f->db, pid, &enc, &len), DB_NONE);
	OK(db_participant_phone(f->db, other, &enc, &len));
	free(enc);
	check_tally(f->db, it, "comment sms [] 1;support sms [] 1;");
	/* The same number again is a new participant. */
	assert_true(person(f->db, 1) > other);
}

/* Last vote wins and the totals follow; a signature counts once, comments each. */
static void
test_db_actions(void **state)
{
	struct fixture	*f = *state;
	int64_t		 it = item(f->db, "12", "consultation");
	int64_t		 pet = item(f->db, "31", "petition");
	struct db_actor	 a = { person(f->db, 1), "", "sms", 1000 };
	struct db_actor	 b = { person(f->db, 2), "67", "web", 1000 };
	char		 prev[8];
	int		 already = -1;

	OK(db_participant_set_place(f->db, b.pid, "67", NULL));
	memset(prev, 'x', sizeof prev);
	OK(db_vote_cast(f->db, it, &a, "support", prev));
	assert_string_equal(prev, "");
	OK(db_vote_cast(f->db, it, &b, "support", prev));
	assert_int_equal(db_tally_total(f->db, it, "support"), 2);
	a.now = 1001;
	OK(db_vote_cast(f->db, it, &a, "oppose", prev));
	assert_string_equal(prev, "support");
	assert_int_equal(db_tally_total(f->db, it, "support"), 1);
	assert_int_equal(db_tally_total(f->db, it, "oppose"), 1);
	a.channel = "ussd";
	OK(db_vote_cast(f->db, it, &a, "oppose", prev));
	assert_string_equal(prev, "oppose");
	assert_int_equal(db_tally_total(f->db, it, "oppose"), 1);
	assert_int_equal(q(f->db, "SELECT count(*) FROM vote"), 2);
	assert_int_equal(q(f->db, "SELECT ts FROM vote WHERE choice = 'oppose'"), 1001);
	check_tally(f->db, it, "oppose ussd [] 1;support web [67] 1;");

	/* A signature counts once; comments count each. */
	OK(db_sign(f->db, pet, &b, &already));
	assert_int_equal(already, 0);
	OK(db_sign(f->db, pet, &b, &already));
	assert_int_equal(already, 1);
	assert_int_equal(db_tally_total(f->db, pet, "signature"), 1);
	check_tally(f->db, pet, "signature web [67] 1;");

	OK(comment_add(f->db, it, &b, "3", "Сайн  ХУУЛЬ", "сайн хууль"));
	OK(comment_add(f->db, it, &b, NULL, "x", "x"));
	assert_int_equal(db_tally_total(f->db, it, "comment"), 2);
	assert_int_equal(q(f->db, "SELECT count(*) FROM comment WHERE article = '3' AND "
	    "text_raw = 'Сайн  ХУУЛЬ' AND text_norm = 'сайн хууль'"), 1);
	assert_int_equal(q(f->db, "SELECT count(*) FROM comment WHERE article IS NULL"), 1);
	check_tally(f->db, it, "comment web [67] 2;oppose ussd [] 1;support web [67] 1;");
}

/*
 * A few hundred random votes, changes of mind, signatures, comments, new
 * places and erasures: the running totals always equal a recount.
 */
static void
test_db_tally_random(void **state)
{
	static const char *const aimags[] = { "", "11", "67", "41", "62" };
	static const char *const chans[] = { "sms", "ussd", "web" };
	struct fixture	*f = *state;
	int64_t		 pid[24];
	const char	*where[nitems(pid)];
	struct db_actor	 a;
	char		 prev[8];
	int		 i, k, n, already, next = 1;

	srandom(20260101);
	item(f->db, "12", "consultation");		/* items 1, 2 and 3 */
	item(f->db, "14", "consultation");
	item(f->db, "31", "petition");
	for (k = 0; k < (int)nitems(pid); k++) {
		pid[k] = person(f->db, next++);
		where[k] = "";
	}
	OK(db_begin(f->db));
	for (i = 0; i < 600; i++) {
		k = (int)(random() % nitems(pid));
		a = (struct db_actor){ pid[k], where[k], chans[random() % 3], 1000 + i };
		switch (n = (int)(random() % 10)) {
		case 0: case 1: case 2: case 3:
			OK(db_vote_cast(f->db, 1 + random() % 2, &a,
			    random() % 2 ? "support" : "oppose", prev));
			break;
		case 4: case 5:
			OK(db_sign(f->db, 3, &a, &already));
			break;
		case 6:
			OK(comment_add(f->db, 1 + random() % 3, &a, "1", "t", "t"));
			break;
		case 7: case 8:
			where[k] = aimags[random() % nitems(aimags)];
			OK(db_participant_set_place(f->db, pid[k], where[k], ""));
			break;
		default:
			OK(db_participant_erase(f->db, pid[k], a.now));
			pid[k] = person(f->db, next++);
			where[k] = "";
			break;
		}
		if (i % 50 == 49)
			for (n = 0; n < 3; n++)
				check_tally(f->db, n + 1, NULL);
	}
	OK(db_commit(f->db));
	for (n = 0; n < 3; n++)
		check_tally(f->db, n + 1, NULL);
	assert_true(q(f->db, "SELECT count(*) FROM participant WHERE erased IS NOT NULL") > 5);
	assert_true(q(f->db, "SELECT count(DISTINCT aimag) FROM tally WHERE n > 0") >= 4);
	assert_int_equal(db_integrity_ok(f->db), 1);
}

/* Inbound messages: unique Kannel id, look-up by id and within a window, unlink. */
static void
test_db_mo(void **state)
{
	struct fixture	*f = *state;
	unsigned char	 ph[32], th[32];
	struct db_mo	 mo = { "k1", ph, th, "12 тийм", "smsc0", 1000, "vote", "OK 1" };
	char		*r = NULL;

	memcpy(ph, hash(1), 32);
	memcpy(th, hash(100), 32);
	assert_string_equal(got(db_mo_find(f->db, "k1", ph, &r), &r), "none");
	OK(db_mo_insert(f->db, &mo));
	assert_string_equal(got(db_mo_find(f->db, "k1", ph, &r), &r), "OK 1");
	/* The same id from another phone is never answered with this reply. */
	assert_int_equal(db_mo_find(f->db, "k1", th, &r), DB_OTHER);
	mo.reply = "OK 2";
	assert_int_equal(db_mo_insert(f->db, &mo), -1);		/* UNIQUE kannel_id */
	assert_int_equal(db_mo_count(f->db), 1);

	/* No id (NULL or ""): any number of rows. */
	mo.kannel_id = NULL;
	mo.received = 1100;
	OK(db_mo_insert(f->db, &mo));
	mo.kannel_id = "";
	mo.reply = "OK 3";
	mo.received = 1200;
	OK(db_mo_insert(f->db, &mo));
	assert_int_equal(q(f->db, "SELECT count(*) FROM mo WHERE kannel_id IS NULL"), 2);

	/* The newest copy within the window; none after it, nor for other texts. */
	assert_string_equal(got(db_mo_find_recent(f->db, ph, th, 1150, &r), &r), "OK 3");
	assert_string_equal(got(db_mo_find_recent(f->db, ph, th, 1200, &r), &r), "OK 3");
	assert_string_equal(got(db_mo_find_recent(f->db, ph, th, 1201, &r), &r), "none");
	assert_string_equal(got(db_mo_find_recent(f->db, ph, hash(9), 0, &r), &r), "none");
	assert_string_equal(got(db_mo_find_recent(f->db, hash(2), th, 0, &r), &r), "none");

	OK(db_mo_unlink(f->db, ph));
	assert_string_equal(got(db_mo_find_recent(f->db, ph, th, 0, &r), &r), "none");
	assert_int_equal(q(f->db, "SELECT count(*) FROM mo WHERE phone_hash = zeroblob(32)"), 3);
	assert_int_equal(db_mo_count(f->db), 3);
}

/* Collects due outbox ids. */
static void
due_cb(const struct db_outmsg *m, void *arg)
{
	assert_int_equal(m->enc_len, 40);
	buf_addf(arg, "%lld:%s:%d,", (long long)m->id, m->text, m->attempts);
}

/* Collects participant ids. */
static int
pid_cb(int64_t pid, const unsigned char *enc, size_t len, void *arg)
{
	assert_true(enc != NULL && len == 40);
	buf_addf(arg, "%lld,", (long long)pid);
	return 0;
}

/* Outbox: queued until sent, retries, failures, delivery reports, targets. */
static void
test_db_outbox(void **state)
{
	struct fixture		*f = *state;
	struct db_participant	 row;
	struct db_actor		 a;
	unsigned char		 enc[40];
	char			 prev[8];
	int			 i, already;

	item(f->db, "12", "consultation");
	item(f->db, "14", "consultation");
	for (i = 0; i < 6; i++)
		assert_int_equal(person(f->db, i + 1), i + 1);
	memset(enc, 7, sizeof enc);
	for (i = 0; i < 5; i++)
		OK(db_outbox_add(f->db, i == 4 ? 0 : 1, enc, sizeof enc, "hi", "notify",
		    1000 + i));
	assert_int_equal(db_outbox_depth(f->db), 5);
	COLLECTS("", db_outbox_due(f->db, 999, 0, 10, due_cb, &b_));
	COLLECTS("1:hi:0,2:hi:0,", db_outbox_due(f->db, 1001, 0, 10, due_cb, &b_));
	COLLECTS("2:hi:0,3:hi:0,", db_outbox_due(f->db, 2000, 1, 2, due_cb, &b_));

	OK(db_outbox_sent(f->db, 1, 1500));
	OK(db_outbox_retry(f->db, 2, 3000, "503"));
	OK(db_outbox_failed(f->db, 3, "400 bad number"));
	COLLECTS("4:hi:0,5:hi:0,", db_outbox_due(f->db, 2000, 0, 10, due_cb, &b_));
	COLLECTS("2:hi:1,4:hi:0,5:hi:0,", db_outbox_due(f->db, 3000, 0, 10, due_cb, &b_));
	assert_int_equal(db_outbox_depth(f->db), 3);
	assert_string_equal(orow(f->db, 1), "sent 1 1500 - -");
	assert_string_equal(orow(f->db, 2), "queued 1 - - 503");
	assert_string_equal(orow(f->db, 3), "failed 1 - - 400 bad number");
	/* Sent only once: a second "sent" does not touch a sent row. */
	OK(db_outbox_sent(f->db, 1, 1600));
	assert_string_equal(orow(f->db, 1), "sent 1 1500 - -");

	/* Delivery reports: 8 (accepted by the SMSC) changes nothing, 1 delivers. */
	OK(db_outbox_dlr(f->db, 1, 8, 1700));
	assert_string_equal(orow(f->db, 1), "sent 1 1500 8 -");
	assert_int_equal(q(f->db, "SELECT dlr_at FROM outbox WHERE id = 1"), 1700);
	OK(db_outbox_dlr(f->db, 1, 1, 1800));
	assert_string_equal(orow(f->db, 1), "delivered 1 1500 1 -");
	OK(db_outbox_sent(f->db, 4, 1500));
	OK(db_outbox_sent(f->db, 5, 1500));
	OK(db_outbox_dlr(f->db, 4, 2, 1800));
	OK(db_outbox_dlr(f->db, 5, 16, 1800));
	assert_string_equal(orow(f->db, 4), "failed 1 1500 2 -");
	assert_string_equal(orow(f->db, 5), "failed 1 1500 16 -");
	assert_int_equal(db_outbox_dlr(f->db, 99, 1, 1800), DB_NONE);
	assert_int_equal(db_outbox_depth(f->db), 1);

	/* Notification targets: who took part, once, not opted out nor erased. */
	for (i = 0; i < 6; i++) {
		a = (struct db_actor){ i + 1, "", "sms", 1000 };
		OK(db_vote_cast(f->db, i == 5 ? 2 : 1, &a, "support", prev));
		if (i == 0) {
			OK(db_sign(f->db, 1, &a, &already));
			OK(comment_add(f->db, 1, &a, "", "x", "x"));
		}
	}
	OK(db_participant_find(f->db, hash(2), 32, &row));
	row.opted_out = 1;
	OK(db_participant_update(f->db, &row));
	OK(db_participant_erase(f->db, 4, 2000));
	COLLECTS("1,3,5,", db_outbox_participants(f->db, 1, pid_cb, &b_));
	assert_int_equal(db_integrity_ok(f->db), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_db_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_db_items, setup, teardown),
		cmocka_unit_test_setup_teardown(test_db_participants, setup, teardown),
		cmocka_unit_test_setup_teardown(test_db_actions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_db_tally_random, setup, teardown),
		cmocka_unit_test_setup_teardown(test_db_mo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_db_outbox, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
