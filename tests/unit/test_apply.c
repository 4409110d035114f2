/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for consult/apply.c, end to end against a real database: the
 * messages citizens send, each applied inside a transaction as the gateway
 * does, with the reply checked against the catalogue and the rows it leaves
 * checked with SQL. Items: consultation 12 (articles 1-3), petition 31
 * (threshold 5), 40 closed, 50 not open yet. Every reply must fit one SMS.
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
#include "analytics.h"
#include "consult.h"
#include "db.h"
#include "db_int.h"
#include "testutil.h"

#define DAY	86400
#define A	"99112233"		/* three citizens */
#define B	"+976 8800-1122"
#define C	"0097695554433"

struct fixture {
	char		*dir;
	char		*path;
	struct consult	*c;
	int64_t		 now;
	char		*reply;		/* the last reply */
};

/* Adds one item opening and closing days after now. */
static void
add_item(struct fixture *f, const char *code, const char *kind, int from, int to)
{
	static const char *const arts[] = { "1", "2", "3" };
	struct item_def	d = { code, kind, f->now + from * DAY, f->now + to * DAY,
	    strcmp(kind, "petition") == 0 ? 5 : 0, "{}", arts, 3 };
	char		*cause = NULL;

	if (item_add(f->c, &d, &cause) != 0)
		fail_msg("item %s: %s", code, cause);
}

static int
setup(void **state)
{
	struct fixture	*f = xcalloc(1, sizeof *f);
	char		*cause = NULL;

	if ((f->dir = testdir_make("test_apply")) == NULL)
		return -1;
	f->path = xasprintf("%s/sanal.db", f->dir);
	if (consult_open(f->path, 1, &f->c, &cause) != 0)
		fail_msg("consult_open: %s", cause);
	f->now = clock_unix();
	add_item(f, "12", "consultation", -1, 30);
	add_item(f, "31", "petition", -1, 30);
	add_item(f, "40", "consultation", -10, -1);
	add_item(f, "50", "consultation", 1, 10);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	consult_close(f->c);
	free(f->reply);
	if (testdir_remove(f->dir) != 0)
		return -1;
	free(f->path);
	free(f);
	return 0;
}

/* Applies one message in its own transaction; the reply is in f->reply. */
static enum apply_result
sms(struct fixture *f, const char *phone, const char *text, const char *id)
{
	struct inbound		 in = { "sms", phone, text, id, "smsc0", f->now };
	enum apply_result	 res;
	const char		*command;

	free(f->reply);
	f->reply = NULL;
	assert_int_equal(consult_begin(f->c), 0);
	res = apply_inbound(f->c, &in, &f->reply, &command);
	assert_int_equal(consult_commit(f->c), 0);
	assert_non_null(command);
	if (res == APPLY_DONE || res == APPLY_REPEAT) {
		assert_non_null(f->reply);
		if (sms_segments(f->reply) != 1)
			fail_msg("reply to \"%.40s\" is %d SMS: %s", text,
			    sms_segments(f->reply), f->reply);
	} else
		assert_null(f->reply);
	return res;
}

/* Applies a message that must be done and returns the reply. */
static const char *
done(struct fixture *f, const char *phone, const char *text)
{
	assert_int_equal(sms(f, phone, text, NULL), APPLY_DONE);
	return f->reply;
}

/* Asserts the reply is key in lang with up to two arguments. */
static void
says(struct fixture *f, enum lang lang, const char *key, const char *a0,
    const char *a1)
{
	const char	*args[2] = { a0, a1 };
	char		*want = msg_render(lang, key, args, a1 ? 2 : a0 ? 1 : 0);

	assert_non_null(want);
	assert_non_null(f->reply);
	assert_string_equal(f->reply, want);
	free(want);
}

/* The first column of raw SQL as text ("" for NULL, "none" without a row). */
static const char *
qs(struct fixture *f, const char *sql)
{
	static char	 out[256];
	sqlite3		*h = consult_db(f->c)->h;
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
#define q(f, sql)	strtoll(qs((f), (sql)), NULL, 10)

/* Appends a tally row. */
static void
rows_cb(const char *what, const char *ch, const char *aimag, int64_t n, void *arg)
{
	buf_addf(arg, "%s %s [%s] %lld;", what, ch, aimag, (long long)n);
}

/* Asserts item's running totals are want and equal a recount. */
static void
tally(struct fixture *f, const char *code, const char *want)
{
	struct db	*db = consult_db(f->c);
	struct db_item	 it;
	struct buf	 a, b;

	assert_int_equal(db_item_get(db, code, &it), 0);
	db_item_clear(&it);
	buf_init(&a);
	buf_init(&b);
	buf_adds(&a, "");
	buf_adds(&b, "");
	assert_int_equal(db_tally_each(db, it.id, rows_cb, &a), 0);
	assert_int_equal(db_recount_each(db, it.id, rows_cb, &b), 0);
	assert_string_equal(a.data, want);
	assert_string_equal(b.data, want);
	buf_free(&a);
	buf_free(&b);
}

/* A Cyrillic vote: Cyrillic reply, one vote row, one participant, one mo row. */
static void
test_apply_vote_cyrillic(void **state)
{
	struct fixture	*f = *state;

	done(f, A, "12 тийм");
	says(f, LANG_MN, "vote_support", "12", NULL);
	assert_string_equal(qs(f, "SELECT choice || ' ' || channel FROM vote"), "support sms");
	assert_string_equal(qs(f, "SELECT lang || ' ' || script FROM participant"),
	    "mn cyr");
	assert_int_equal(q(f, "SELECT count(*) FROM mo WHERE command = 'vote' AND "
	    "kannel_id IS NULL AND smsc = 'smsc0'"), 1);
	tally(f, "12", "support sms [] 1;");
}

/* A Latin vote gets a GSM-7 ASCII reply, and the participant is marked Latin. */
static void
test_apply_vote_latin(void **state)
{
	struct fixture	*f = *state;
	const char	*r;
	size_t		 i;

	r = done(f, B, "12 tiim");
	assert_true(sms_is_gsm7(r));
	for (i = 0; r[i] != '\0'; i++)
		assert_true((unsigned char)r[i] < 0x80);
	assert_non_null(strstr(r, "12"));
	assert_string_equal(qs(f, "SELECT script FROM participant"), "lat");
	/* Writing Cyrillic again switches the replies back. */
	done(f, B, "12 үгүй");
	says(f, LANG_MN, "vote_oppose", "12", NULL);
	assert_string_equal(qs(f, "SELECT script FROM participant"), "cyr");
}

/* The last vote wins: one row, the totals move from support to oppose. */
static void
test_apply_last_vote_wins(void **state)
{
	struct fixture	*f = *state;

	done(f, A, "12 тийм");
	done(f, B, "12 тийм");
	tally(f, "12", "support sms [] 2;");
	f->now += 1;
	done(f, A, "12 үгүй");
	says(f, LANG_MN, "vote_oppose", "12", NULL);
	assert_int_equal(q(f, "SELECT count(*) FROM vote"), 2);
	assert_int_equal(q(f, "SELECT count(*) FROM vote WHERE choice = 'oppose'"), 1);
	tally(f, "12", "oppose sms [] 1;support sms [] 1;");
	assert_int_equal(q(f, "SELECT count(*) FROM audit WHERE action = 'vote' AND "
	    "detail = 'oppose was support'"), 1);
}

/* Kannel retries (same id) and resends without id inside the window repeat. */
static void
test_apply_repeats(void **state)
{
	struct fixture	*f = *state;
	char		*first;

	assert_int_equal(sms(f, A, "12 тийм", "id-1"), APPLY_DONE);
	first = xstrdup(f->reply);
	assert_int_equal(sms(f, A, "12 тийм", "id-1"), APPLY_REPEAT);
	assert_string_equal(f->reply, first);
	assert_int_equal(sms(f, A, "12 үгүй", "id-1"), APPLY_REPEAT);	/* id wins */
	assert_string_equal(f->reply, first);
	assert_int_equal(q(f, "SELECT count(*) FROM mo"), 1);
	assert_string_equal(qs(f, "SELECT choice FROM vote"), "support");
	/* Another phone with the same id gets nobody's reply, and nothing is stored. */
	assert_int_equal(sms(f, B, "МИНИЙ", "id-1"), APPLY_ID_REUSED);
	assert_int_equal(q(f, "SELECT count(*) FROM mo"), 1);
	free(first);

	/* Without an id: the same phone and text count once within the window. */
	assert_int_equal(sms(f, B, "12 тийм", NULL), APPLY_DONE);
	f->now += 119;
	assert_int_equal(sms(f, B, "12 тийм", ""), APPLY_REPEAT);
	assert_int_equal(sms(f, "+97688001122", "12 тийм", NULL), APPLY_REPEAT);
	assert_int_equal(sms(f, B, "12  тийм", NULL), APPLY_DONE);	/* other text */
	assert_int_equal(q(f, "SELECT count(*) FROM mo"), 3);
	f->now += 2;
	assert_int_equal(sms(f, B, "12 тийм", NULL), APPLY_DONE);
	assert_int_equal(q(f, "SELECT count(*) FROM mo"), 4);
	consult_set_dedupe_window(f->c, 10);
	f->now += 11;
	assert_int_equal(sms(f, B, "12 тийм", NULL), APPLY_DONE);
	tally(f, "12", "support sms [] 2;");
}

/* A petition: signed once per person, no opposing, the count in the reply. */
static void
test_apply_petition(void **state)
{
	struct fixture	*f = *state;

	done(f, A, "31 тийм");
	says(f, LANG_MN, "sign_ok", "31", "1");
	done(f, A, "31 за");
	says(f, LANG_MN, "sign_again", "31", NULL);
	done(f, A, "31 үгүй");
	says(f, LANG_MN, "petition_no_oppose", "31", NULL);
	done(f, B, "31 тийм");
	says(f, LANG_MN, "sign_ok", "31", "2");
	done(f, C, "31 1");
	says(f, LANG_MN, "sign_ok", "31", "3");
	assert_int_equal(q(f, "SELECT count(*) FROM signature"), 3);
	assert_int_equal(q(f, "SELECT count(*) FROM vote"), 0);
	tally(f, "31", "signature sms [] 3;");
}

/* Comments: on an article, on the whole item; an unknown article stores nothing. */
static void
test_apply_comments(void **state)
{
	struct fixture	*f = *state;

	done(f, A, "12 3 Бэлчээрийн ТӨЛБӨР  өндөр");
	says(f, LANG_MN, "comment_article_ok", "12", "3");
	assert_string_equal(qs(f, "SELECT article || '|' || text_raw || '|' || text_norm "
	    "FROM comment"), "3|Бэлчээрийн ТӨЛБӨР  өндөр|бэлчээрийн төлбөр өндөр");
	done(f, A, "12 Малчдын эрхийг хамгаалаарай");
	says(f, LANG_MN, "comment_ok", "12", NULL);
	assert_int_equal(q(f, "SELECT count(*) FROM comment WHERE article IS NULL"), 1);

	done(f, B, "12 9 энэ зүйл байхгүй");
	says(f, LANG_MN, "article_unknown", "12", "9");
	assert_non_null(strstr(f->reply, "9"));
	assert_int_equal(q(f, "SELECT count(*) FROM comment"), 2);
	tally(f, "12", "comment sms [] 2;");
}

/* Unknown, closed and not-yet-open items: a reply, and nothing stored. */
static void
test_apply_item_states(void **state)
{
	static const struct {
		const char	*text, *key, *code;
	} cases[] = {
		{ "99 тийм", "item_unknown", "99" },
		{ "99 сайн санаа", "item_unknown", "99" },
		{ "40 тийм", "item_closed", "40" },
		{ "40 хоцорсон санал", "item_closed", "40" },
		{ "50 тийм", "item_not_yet", "50" },
		{ "50 эрт санал", "item_not_yet", "50" },
	};
	struct fixture	*f = *state;
	size_t		 i;

	for (i = 0; i < nitems(cases); i++) {
		done(f, A, cases[i].text);
		says(f, LANG_MN, cases[i].key, cases[i].code, NULL);
	}
	assert_int_equal(q(f, "SELECT (SELECT count(*) FROM vote) + (SELECT count(*) "
	    "FROM comment) + (SELECT count(*) FROM participant)"), 0);
	assert_int_equal(q(f, "SELECT count(*) FROM mo"), nitems(cases));
	/* An official opening item 50 by hand lets the vote in. */
	assert_int_equal(item_set_state(f->c, "50", "open", &f->reply), 0);
	f->now += 200;
	done(f, A, "50 тийм");
	says(f, LANG_MN, "vote_support", "50", NULL);
}

/* БҮРТГЭЛ files the participant under an aimag and moves their totals there. */
static void
test_apply_register(void **state)
{
	struct fixture	*f = *state;

	done(f, A, "12 тийм");
	done(f, A, "12 сайн байна");
	tally(f, "12", "comment sms [] 1;support sms [] 1;");
	done(f, A, "БҮРТГЭЛ Хөвсгөл Мөрөн");
	says(f, LANG_MN, "register_ok", "Хөвсгөл, Мөрөн", NULL);
	assert_string_equal(qs(f, "SELECT aimag || '/' || soum FROM participant"),
	    "67/6701");
	tally(f, "12", "comment sms [67] 1;support sms [67] 1;");
	done(f, A, "12 үгүй");
	tally(f, "12", "comment sms [67] 1;oppose sms [67] 1;");
	done(f, A, "burtgel Ulaanbaatar");
	assert_string_equal(qs(f, "SELECT aimag FROM participant"), "11");
	tally(f, "12", "comment sms [11] 1;oppose sms [11] 1;");
	done(f, A, "БҮРТГЭЛ Атлантис");
	says(f, LANG_MN, "register_unknown", NULL, NULL);
	assert_string_equal(qs(f, "SELECT aimag FROM participant"), "11");
}

/* ЗОГС and ЭХЛЭ turn notifications off and on; МИНИЙ lists what is stored. */
static void
test_apply_stop_start_my(void **state)
{
	struct fixture	*f = *state;
	const char	*args[4] = { "mn", "Хөвсгөл", "2", "1" };
	char		*want;

	done(f, A, "ЗОГС");
	says(f, LANG_MN, "stop_ok", NULL, NULL);
	assert_int_equal(q(f, "SELECT opted_out FROM participant"), 1);
	done(f, A, "эхлэ");
	says(f, LANG_MN, "start_ok", NULL, NULL);
	assert_int_equal(q(f, "SELECT opted_out FROM participant"), 0);
	done(f, A, "zogs");
	assert_int_equal(q(f, "SELECT opted_out FROM participant"), 1);

	done(f, A, "12 тийм");
	done(f, A, "31 тийм");
	done(f, A, "12 2 тайлбар");
	done(f, A, "БҮРТГЭЛ Хөвсгөл");
	done(f, A, "МИНИЙ");
	want = msg_render(LANG_MN, "my", args, 4);
	assert_string_equal(f->reply, want);
	free(want);
	/* A stranger's МИНИЙ stores nobody. */
	done(f, B, "МИНИЙ");
	assert_non_null(strstr(f->reply, "-"));
	assert_int_equal(q(f, "SELECT count(*) FROM participant"), 1);
}

/* УСТГА erases the number and place, keeps the votes, unlinks earlier messages. */
static void
test_apply_delete(void **state)
{
	struct fixture	*f = *state;

	done(f, A, "БҮРТГЭЛ Хөвсгөл Мөрөн");
	done(f, A, "12 тийм");
	done(f, B, "12 тийм");
	tally(f, "12", "support sms [] 1;support sms [67] 1;");
	done(f, A, "УСТГА");
	says(f, LANG_MN, "delete_ok", NULL, NULL);
	assert_int_equal(q(f, "SELECT count(*) FROM participant WHERE phone_hash IS NULL "
	    "AND phone_enc IS NULL AND aimag IS NULL AND erased IS NOT NULL"), 1);
	assert_int_equal(q(f, "SELECT count(*) FROM vote"), 2);
	tally(f, "12", "support sms [] 2;");
	/* A's three messages no longer carry the phone hash; B's one does. */
	assert_int_equal(q(f, "SELECT count(*) FROM mo WHERE phone_hash = zeroblob(32)"), 3);
	assert_int_equal(q(f, "SELECT count(*) FROM mo WHERE phone_hash != zeroblob(32)"), 1);
	/* A's audit rows stay linked to one pseudonym that no number hashes to. */
	assert_int_equal(q(f, "SELECT count(DISTINCT who_hash) FROM audit "
	    "WHERE action IN ('register', 'erase')"), 1);
	assert_int_equal(q(f, "SELECT count(*) FROM audit WHERE who_hash IN "
	    "(SELECT who_hash FROM audit WHERE action = 'erase')"), 3);
	assert_int_equal(q(f, "SELECT count(*) FROM audit WHERE who_hash IN "
	    "(SELECT phone_hash FROM participant WHERE phone_hash IS NOT NULL)"), 1);
	/* The same number again is a new citizen with a new vote. */
	f->now += 200;
	done(f, A, "12 үгүй");
	assert_int_equal(q(f, "SELECT count(*) FROM participant"), 3);
	tally(f, "12", "oppose sms [] 1;support sms [] 2;");
}

/*
 * A comment is stored at once, raw and normalised; the analysis then makes
 * Latin typed normalised Cyrillic, gives a stance and topic with a
 * confidence, and files the same text sent from several numbers under one
 * campaign.
 */
static void
test_apply_comment_analysis(void **state)
{
	struct fixture	*f = *state;
	char		*cause;
	int		 n;

	done(f, A, "12 Belcheeriin tulbur heterhii undur baina");
	done(f, B, "12 Бэлчээрийн төлбөр хэтэрхий өндөр байна!");
	done(f, "+97695112233", "12 бэлчээрийн ТӨЛБӨР хэтэрхий өндөр байна");
	done(f, "+97694112233", "12 Сургуулийн автобус хэрэгтэй байна");
	assert_int_equal(q(f, "SELECT count(*) FROM comment WHERE analysed = 0 "
	    "AND stance IS NULL"), 4);
	if (consult_analysis_open(f->c, NULL, &cause) != 0)
		fail_msg("consult_analysis_open: %s", cause);
	assert_int_equal(consult_analysis_run(f->c, 3, &n, &cause), 0);
	assert_int_equal(n, 3);
	assert_int_equal(consult_analysis_run(f->c, 3, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_int_equal(consult_analysis_run(f->c, 3, &n, &cause), 0);
	assert_int_equal(n, 0);
	assert_non_null(strstr(qs(f, "SELECT text_norm FROM comment ORDER BY id"),
	    "бэлчээрийн"));
	assert_string_equal(qs(f, "SELECT script FROM comment ORDER BY id"), "lat");
	assert_int_equal(q(f, "SELECT count(*) FROM comment WHERE stance IS NOT NULL "
	    "AND topic IS NOT NULL AND confidence BETWEEN 0 AND 1 AND analysed = 1"), 4);
	/* Three copies, one campaign (the first one's id); the fourth apart. */
	assert_int_equal(q(f, "SELECT count(DISTINCT campaign_id) "
	    "FROM comment"), 2);
	assert_int_equal(q(f, "SELECT count(*) FROM comment WHERE campaign_id = "
	    "(SELECT min(id) FROM comment)"), 3);
}

/* ХЭЛ switches the reply language; an unknown language gets the usage. */
static void
test_apply_lang(void **state)
{
	struct fixture	*f = *state;

	done(f, A, "ХЭЛ en");
	says(f, LANG_EN, "lang_ok", "en", NULL);
	assert_string_equal(qs(f, "SELECT lang FROM participant"), "en");
	done(f, A, "12 тийм");
	says(f, LANG_EN, "vote_support", "12", NULL);
	done(f, A, "ХЭЛ xx");
	says(f, LANG_EN, "lang_usage", NULL, NULL);
	done(f, A, "ХЭЛ mn");
	says(f, LANG_MN, "lang_ok", "mn", NULL);
	done(f, B, "12 иә");			/* Kazakh: a new citizen gets kk */
	assert_string_equal(qs(f, "SELECT lang FROM participant WHERE id = 2"), "kk");
}

/* Bad input: invalid UTF-8, a 10 KB text, a sender that is no phone number. */
static void
test_apply_bad_input(void **state)
{
	struct fixture	*f = *state;
	char		*big = xmalloc(10 * 1024 + 1);

	done(f, A, "12 \xff\xfe тийм");
	says(f, LANG_MN, "bad_text", NULL, NULL);
	assert_int_equal(q(f, "SELECT count(*) FROM mo"), 1);
	assert_int_equal(q(f, "SELECT (SELECT count(*) FROM vote) + (SELECT count(*) "
	    "FROM participant) + (SELECT count(*) FROM audit)"), 0);

	memset(big, 'a', 10 * 1024);
	memcpy(big, "12 ", 3);
	big[10 * 1024] = '\0';
	done(f, A, big);
	says(f, LANG_MN, "too_long", "1000", NULL);
	free(big);
	assert_int_equal(q(f, "SELECT count(*) FROM comment"), 0);

	assert_int_equal(sms(f, "abc", "12 тийм", "id-9"), APPLY_BAD_PHONE);
	assert_int_equal(sms(f, "", "12 тийм", NULL), APPLY_BAD_PHONE);
	assert_int_equal(q(f, "SELECT count(*) FROM mo"), 2);
	assert_int_equal(q(f, "SELECT count(*) FROM participant"), 0);
}

/* The fixed replies: empty, help, list, item usage, unknown. */
static void
test_apply_fixed(void **state)
{
	static const struct {
		const char	*text, *key, *arg;
	} cases[] = {
		{ "   ", "empty_text", NULL },
		{ "?", "help", NULL },
		{ "ТУСЛАМЖ", "help", NULL },
		{ "ЖАГСААЛТ", "list", "12, 31" },
		{ "12", "item_usage", "12" },
		{ "77", "item_unknown", "77" },
		{ "сайн уу", "unknown", NULL },
	};
	struct fixture	*f = *state;
	size_t		 i;

	for (i = 0; i < nitems(cases); i++) {
		done(f, C, cases[i].text);
		says(f, LANG_MN, cases[i].key, cases[i].arg, NULL);
	}
	assert_int_equal(q(f, "SELECT count(*) FROM participant"), 0);
	assert_int_equal(q(f, "SELECT count(*) FROM mo"), nitems(cases));
	assert_int_equal(db_integrity_ok(consult_db(f->c)), 1);
}

int
main(void)
{
#define T(fn)	cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_apply_vote_cyrillic),
		T(test_apply_vote_latin),
		T(test_apply_last_vote_wins),
		T(test_apply_repeats),
		T(test_apply_petition),
		T(test_apply_comments),
		T(test_apply_item_states),
		T(test_apply_register),
		T(test_apply_stop_start_my),
		T(test_apply_delete),
		T(test_apply_comment_analysis),
		T(test_apply_lang),
		T(test_apply_bad_input),
		T(test_apply_fixed),
	};
#undef T

	return cmocka_run_group_tests(tests, testmsg_setup, testmsg_teardown);
}
