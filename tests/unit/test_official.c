/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for officials signing in at /admin (consult/official.c, the
 * officials' half of consult/web.c) against a real database, the clock driven
 * by hand: the password step answers alike for an unknown name, a wrong
 * password, a disabled official and one without a phone, after the same
 * argon2id work against a dummy made at start (none: no answer); 5 refusals
 * of a name or 20 from an address in 15 minutes refuse even the right
 * password, the first refusal past a limit is counted and audited and the
 * rest are not; checks made at once and not yet settled count too, and are
 * settled against the counts read again (a right password past a limit
 * sends no code); at most 8 checks wait, the next is busy, unchecked; an
 * official's code is the citizens' code (6 digits, 5 wrong tries) but lives
 * apart from theirs: neither code page sees the other's code; the session
 * ends after 15 minutes idle, 8 hours in all, at sign-out and when the
 * official is disabled; nothing is kept in clear.
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

#define T0		1796097600	/* 2026-12-01 12:00 Ulaanbaatar */
#define PHONE		"99170101"

struct fixture {
	char		*dir;
	struct consult	*c;
	char		*pw;		/* Bat's password */
	char		 browser[WEB_TOKEN_LEN + 1];
};

static int64_t
sql_int(struct fixture *f, const char *sql)
{
	sqlite3_stmt	*st;
	int64_t		 v = -1;

	assert_int_equal(sqlite3_prepare_v2(consult_db(f->c)->h, sql, -1, &st, NULL),
	    SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int
setup_with(void **state, int init)
{
	struct fixture	*f = xcalloc(1, sizeof *f);
	char		*path, *cause = NULL, *pw;

	if ((f->dir = testdir_make("test_official")) == NULL)
		return -1;
	path = xasprintf("%s/sanal.db", f->dir);
	if (consult_open(path, 1, &f->c, &cause) != 0)
		fail_msg("consult_open: %s", cause);
	free(path);
	if (init && official_init(&cause) != 0)
		fail_msg("official_init: %s", cause);
	if (official_add(f->c, "Bat", "admin", PHONE, T0, &f->pw, &cause) != 0 ||
	    official_add(f->c, "Nophone", "viewer", NULL, T0, &pw, &cause) != 0)
		fail_msg("official_add: %s", cause);
	free(pw);
	web_token_new(f->browser);
	*state = f;
	return 0;
}

static int
setup(void **state)
{
	return setup_with(state, 1);
}

/* Before official_init(): the first test only (the dummy is process-wide). */
static int
setup_cold(void **state)
{
	return setup_with(state, 0);
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	consult_close(f->c);
	testdir_remove(f->dir);
	free(f->pw);
	free(f);
	return 0;
}

/* Step one's check alone, not settled: a request still in flight. */
static enum official_login
check(struct fixture *f, const char *name, const char *pw, const char *ip, int64_t now,
    struct official_attempt *a)
{
	enum official_login	res;

	memset(a, 0, sizeof *a);
	a->name = name;
	a->password = pw;
	a->ip = ip;
	a->now = now;
	res = official_password(f->c, a);
	if (res != LOGIN_OK) {
		assert_int_equal(a->official_id, 0);
		assert_string_equal(a->phone, "");
	}
	return res;
}

/* Settles a checked attempt in its own transaction, as sanald's batch does. */
static enum official_login
settle(struct fixture *f, struct official_attempt *a, enum official_login res)
{
	assert_int_equal(consult_begin(f->c), 0);
	assert_int_equal(official_settle(f->c, a, &res), 0);
	assert_int_equal(consult_commit(f->c), 0);
	official_release(a);
	return res;
}

/* Step one, checked and settled. */
static enum official_login
login(struct fixture *f, const char *name, const char *pw, const char *ip, int64_t now,
    struct official_attempt *a)
{
	enum official_login	res = check(f, name, pw, ip, now, a);

	assert_int_not_equal(res, LOGIN_ERROR);
	assert_int_not_equal(res, LOGIN_BUSY);
	return settle(f, a, res);
}

/* Step two's SMS for the official a, in its own transaction: the code sent. */
static void
send_code(struct fixture *f, const struct official_attempt *a, int64_t now, char code[7])
{
	struct code_req	 rq = { a->phone, f->browser, "127.0.0.1", "/admin", LANG_MN, now };
	sqlite3_stmt	*st;
	int		 wait;

	assert_int_equal(consult_begin(f->c), 0);
	assert_int_equal(web_official_send(f->c, &rq, a->official_id, &wait), CODE_SENT);
	assert_int_equal(consult_commit(f->c), 0);
	assert_int_equal(sqlite3_prepare_v2(consult_db(f->c)->h, "SELECT substr(text, 1, 6) "
	    "FROM outbox WHERE kind = 'code' ORDER BY id DESC LIMIT 1", -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(code, 7, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

static enum verify_result
check_code(struct fixture *f, const char *code, int64_t now, char token[WEB_TOKEN_LEN + 1])
{
	enum verify_result	res;
	char			*ret = NULL;

	assert_int_equal(consult_begin(f->c), 0);
	res = web_official_check(f->c, f->browser, code, now, token, &ret);
	assert_int_equal(consult_commit(f->c), 0);
	free(ret);
	return res;
}

/* Both steps: a session token. */
static void
sign_in(struct fixture *f, int64_t now, char token[WEB_TOKEN_LEN + 1])
{
	struct official_attempt	a;
	char			code[7];

	assert_int_equal(login(f, "Bat", f->pw, "10.0.0.1", now, &a), LOGIN_OK);
	send_code(f, &a, now, code);
	assert_int_equal(check_code(f, code, now + 5, token), VERIFY_OK);
}

/*
 * An unknown name is checked against a dummy made by official_init() at
 * start, never lazily on the first unknown name (which would make that one
 * slower): without it there is no answer at all.
 */
static void
test_dummy_at_start(void **state)
{
	struct fixture		*f = *state;
	struct official_attempt	 a;
	char			*cause = NULL;

	assert_int_equal(check(f, "Nobody", "x", "10.0.0.1", T0, &a), LOGIN_ERROR);
	assert_int_equal(check(f, "Bat", "wrong", "10.0.0.1", T0, &a), LOGIN_ERROR);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM admin_attempt"), 0);
	assert_int_equal(official_init(&cause), 0);
	assert_int_equal(official_init(&cause), 0);	/* once is enough */
	assert_int_equal(login(f, "Nobody", "x", "10.0.0.1", T0, &a), LOGIN_WRONG);
	assert_string_equal(a.why, "unknown name");
	assert_int_equal(login(f, "Bat", "wrong", "10.0.0.1", T0, &a), LOGIN_WRONG);
	assert_string_equal(a.why, "wrong password");
}

static void
test_password_alike(void **state)
{
	struct fixture		*f = *state;
	struct official_attempt	 a;
	char			*cause, e164[PHONE_MAX];

	assert_int_equal(login(f, "Bat", "wrong", "10.0.0.1", T0, &a), LOGIN_WRONG);
	assert_string_equal(a.why, "wrong password");
	assert_int_equal(login(f, "Nobody", f->pw, "10.0.0.1", T0, &a), LOGIN_WRONG);
	assert_string_equal(a.why, "unknown name");
	assert_int_equal(login(f, "Nophone", "anything", "10.0.0.1", T0, &a), LOGIN_WRONG);
	assert_int_equal(login(f, "Bat", f->pw, "10.0.0.1", T0, &a), LOGIN_OK);
	phone_normalise(PHONE, e164);
	assert_string_equal(a.phone, e164);
	assert_int_equal(a.official_id, 1);
	assert_int_equal(official_disable(f->c, "Bat", 1, T0, &cause), 0);
	assert_int_equal(login(f, "Bat", f->pw, "10.0.0.1", T0, &a), LOGIN_WRONG);
	assert_string_equal(a.why, "disabled");
	assert_int_equal(official_disable(f->c, "Bat", 0, T0, &cause), 0);
	/* the guessed name is no official's: never in the trail */
	assert_int_equal(sql_int(f, "SELECT count(*) FROM audit WHERE "
	    "action = 'admin_password_refused'"), 4);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM audit WHERE detail LIKE '%Nobody%'"), 0);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM outbox"), 0);
}

static void
test_lock_name(void **state)
{
	struct fixture		*f = *state;
	struct official_attempt	 a;
	int			 i;

	for (i = 0; i < 5; i++)
		assert_int_equal(login(f, "Bat", "wrong", "10.0.0.1", T0 + i, &a), LOGIN_WRONG);
	assert_int_equal(login(f, "Bat", f->pw, "10.0.0.2", T0 + 10, &a), LOGIN_LIMIT);
	assert_non_null(a.why);			/* the first past the limit: counted */
	assert_int_equal(login(f, "Bat", f->pw, "10.0.0.3", T0 + 20, &a), LOGIN_LIMIT);
	assert_null(a.why);			/* the rest: not */
	assert_int_equal(sql_int(f, "SELECT count(*) FROM audit WHERE detail = "
	    "'official Bat: too many tries, refused for 15 minutes'"), 1);
	/* free again once fewer than 5 refusals are 15 minutes old or less */
	assert_int_equal(login(f, "Bat", f->pw, "10.0.0.1", T0 + 900, &a), LOGIN_LIMIT);
	assert_int_equal(login(f, "Bat", f->pw, "10.0.0.1", T0 + 905, &a), LOGIN_OK);
	/* an unknown name is locked alike */
	for (i = 0; i < 5; i++)
		login(f, "Ghost", "x", "10.0.0.4", T0 + i, &a);
	assert_int_equal(login(f, "Ghost", "x", "10.0.0.5", T0 + 10, &a), LOGIN_LIMIT);
}

static void
test_lock_address(void **state)
{
	struct fixture		*f = *state;
	struct official_attempt	 a;
	char			 name[16];
	int			 i;

	for (i = 0; i < 20; i++) {
		snprintf(name, sizeof name, "guess%d", i);
		assert_int_equal(login(f, name, "x", "10.9.9.9", T0 + i, &a), LOGIN_WRONG);
	}
	assert_int_equal(login(f, "Bat", f->pw, "10.9.9.9", T0 + 30, &a), LOGIN_LIMIT);
	assert_int_equal(login(f, "Bat", f->pw, "10.9.9.8", T0 + 30, &a), LOGIN_OK);
}

/*
 * Requests that arrive together are all checked before the batch stores any
 * refusal: the checks in flight count, so the sixth is refused unchecked, and
 * settling them in one transaction stores 5 wrong passwords and one lock.
 */
static void
test_checks_in_flight(void **state)
{
	struct fixture		*f = *state;
	struct official_attempt	 a[8];
	enum official_login	 res[8];
	int			 i;

	for (i = 0; i < 5; i++) {
		res[i] = check(f, "Bat", "wrong", "10.0.0.1", T0, &a[i]);
		assert_int_equal(res[i], LOGIN_WRONG);
	}
	res[5] = check(f, "Bat", f->pw, "10.0.0.2", T0, &a[5]);
	assert_int_equal(res[5], LOGIN_LIMIT);
	res[6] = check(f, "Bat", "wrong", "10.0.0.3", T0, &a[6]);
	assert_int_equal(res[6], LOGIN_LIMIT);
	/* another name from the address: 5 of 20 in flight, checked */
	res[7] = check(f, "Nobody", "x", "10.0.0.1", T0, &a[7]);
	assert_int_equal(res[7], LOGIN_WRONG);
	assert_int_equal(consult_begin(f->c), 0);
	for (i = 0; i < 8; i++)
		assert_int_equal(official_settle(f->c, &a[i], &res[i]), 0);
	assert_int_equal(consult_commit(f->c), 0);
	for (i = 0; i < 8; i++)
		official_release(&a[i]);
	assert_int_equal(res[5], LOGIN_LIMIT);
	assert_non_null(a[5].why);		/* the first past the limit: counted */
	assert_null(a[6].why);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM audit WHERE detail = "
	    "'official Bat: wrong password'"), 5);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM audit WHERE detail = "
	    "'official Bat: too many tries, refused for 15 minutes'"), 1);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM admin_attempt"), 5 + 1 + 1);
	assert_int_equal(login(f, "Bat", f->pw, "10.0.0.9", T0 + 1, &a[0]), LOGIN_LIMIT);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM outbox"), 0);
}

/*
 * A right password checked while the name had room, settled after 5 refusals
 * were stored (checked where this process's count did not see them): refused,
 * no code, its phone wiped, the lock audited once.
 */
static void
test_settle_past_limit(void **state)
{
	struct fixture		*f = *state;
	struct official_attempt	 a, b;
	enum official_login	 res;
	char			 name[16];
	int			 i;

	res = check(f, "Bat", f->pw, "10.0.0.1", T0, &a);
	assert_int_equal(res, LOGIN_OK);
	official_release(&a);
	for (i = 0; i < 5; i++)
		assert_int_equal(login(f, "Bat", "wrong", "10.0.0.2", T0, &b), LOGIN_WRONG);
	assert_int_equal(settle(f, &a, res), LOGIN_LIMIT);
	assert_int_equal(a.official_id, 0);
	assert_string_equal(a.phone, "");
	assert_int_equal(sql_int(f, "SELECT count(*) FROM audit WHERE detail = "
	    "'official Bat: too many tries, refused for 15 minutes'"), 1);
	/* and an address past its limit alike */
	res = check(f, "Nophone", "x", "10.0.0.3", T0 + 1000, &a);
	assert_int_equal(res, LOGIN_WRONG);
	official_release(&a);
	for (i = 0; i < 20; i++) {
		snprintf(name, sizeof name, "guess%d", i);
		assert_int_equal(login(f, name, "x", "10.0.0.3", T0 + 1000, &b),
		    LOGIN_WRONG);
	}
	assert_int_equal(settle(f, &a, res), LOGIN_LIMIT);
	assert_string_equal(a.why, "too many tries, refused for 15 minutes");
	assert_int_equal(sql_int(f, "SELECT count(*) FROM outbox"), 0);
}

/* Eight checks wait for their commit at most: the ninth is busy, unchecked. */
static void
test_checks_busy(void **state)
{
	struct fixture		*f = *state;
	struct official_attempt	 a[9];
	char			 name[8][16], ip[8][16];
	int			 i;

	for (i = 0; i < 8; i++) {
		snprintf(name[i], sizeof name[i], "guess%d", i);
		snprintf(ip[i], sizeof ip[i], "10.1.0.%d", i);
		assert_int_equal(check(f, name[i], "x", ip[i], T0, &a[i]), LOGIN_WRONG);
	}
	assert_int_equal(check(f, "Bat", f->pw, "10.2.0.1", T0, &a[8]), LOGIN_BUSY);
	assert_null(a[8].why);
	official_release(&a[3]);
	official_release(&a[3]);		/* twice: no harm */
	assert_int_equal(check(f, "Bat", f->pw, "10.2.0.1", T0, &a[8]), LOGIN_OK);
	assert_int_equal(check(f, "Nobody", "x", "10.2.0.2", T0, &a[3]), LOGIN_BUSY);
	for (i = 0; i < 9; i++)
		official_release(&a[i]);
	assert_int_equal(login(f, "Nobody", "x", "10.2.0.2", T0, &a[0]), LOGIN_WRONG);
}

static void
test_codes_apart(void **state)
{
	struct fixture		*f = *state;
	struct official_attempt	 a;
	struct official_user	 u;
	char			 code[7], masked[24], token[WEB_TOKEN_LEN + 1], *ret = NULL;

	assert_int_equal(login(f, "Bat", f->pw, "10.0.0.1", T0, &a), LOGIN_OK);
	send_code(f, &a, T0, code);
	assert_int_equal(strspn(code, "0123456789"), 6);
	assert_int_equal(web_official_pending(f->c, f->browser, T0, masked), 0);
	assert_string_equal(masked, "99** **01");
	/* the citizens' pages do not see it, nor take it */
	assert_int_equal(web_code_pending(f->c, f->browser, T0, masked), DB_NONE);
	assert_int_equal(consult_begin(f->c), 0);
	assert_int_equal(web_code_check(f->c, f->browser, code, T0, token, &ret), VERIFY_NONE);
	assert_int_equal(consult_commit(f->c), 0);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM web_session"), 0);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM participant"), 0);
	/* the officials' page does */
	assert_int_equal(check_code(f, code, T0 + 5, token), VERIFY_OK);
	assert_int_equal(web_official_session(f->c, token, T0 + 5, &u), 0);
	assert_string_equal(u.name, "Bat");
	assert_int_equal(u.role, ROLE_ADMIN);
	assert_int_equal(check_code(f, code, T0 + 6, token), VERIFY_NONE);	/* once */
	assert_int_equal(sql_int(f, "SELECT count(*) FROM audit WHERE "
	    "action = 'admin_sign_in' AND detail = 'official Bat role admin'"), 1);
}

static void
test_wrong_codes(void **state)
{
	struct fixture		*f = *state;
	struct official_attempt	 a;
	char			 code[7], wrong[12], token[WEB_TOKEN_LEN + 1];
	int			 i;

	assert_int_equal(login(f, "Bat", f->pw, "10.0.0.1", T0, &a), LOGIN_OK);
	send_code(f, &a, T0, code);
	snprintf(wrong, sizeof wrong, "%06d", (int)((strtol(code, NULL, 10) + 1) % 1000000));
	for (i = 0; i < 5; i++)
		assert_int_equal(check_code(f, wrong, T0 + i, token), VERIFY_WRONG);
	assert_int_equal(check_code(f, code, T0 + 10, token), VERIFY_NONE);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM audit WHERE "
	    "action = 'admin_code_refused'"), 5);
	/* a new code, 10 minutes: then none */
	send_code(f, &a, T0 + 60, code);
	assert_int_equal(check_code(f, code, T0 + 60 + 600, token), VERIFY_NONE);
}

static void
test_session_limits(void **state)
{
	struct fixture		*f = *state;
	struct official_user	 u;
	char			 token[WEB_TOKEN_LEN + 1], *cause;
	int64_t			 t;

	sign_in(f, T0, token);
	t = T0 + 5;
	assert_int_equal(web_official_session(f->c, token, t + 900, &u), 0);
	assert_int_equal(web_official_session(f->c, token, t + 901, &u), DB_NONE);
	/* touched every 10 minutes: alive until 8 hours after sign-in */
	for (; t + 600 <= T0 + 5 + 28800; t += 600) {
		assert_int_equal(web_official_session(f->c, token, t + 600, &u), 0);
		assert_int_equal(consult_begin(f->c), 0);
		assert_int_equal(web_official_touch(f->c, token, t + 600), 0);
		assert_int_equal(consult_commit(f->c), 0);
	}
	assert_int_equal(web_official_session(f->c, token, T0 + 5 + 28800, &u), 0);
	assert_int_equal(web_official_session(f->c, token, T0 + 5 + 28801, &u), DB_NONE);
	/* sign-out, then disabling, end sessions */
	sign_in(f, T0 + 30000, token);
	assert_int_equal(consult_begin(f->c), 0);
	assert_int_equal(web_official_sign_out(f->c, token, T0 + 30010), 0);
	assert_int_equal(consult_commit(f->c), 0);
	assert_int_equal(web_official_session(f->c, token, T0 + 30011, &u), DB_NONE);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM audit WHERE "
	    "action = 'admin_sign_out'"), 1);
	sign_in(f, T0 + 30100, token);
	assert_int_equal(official_disable(f->c, "Bat", 1, T0 + 30110, &cause), 0);
	assert_int_equal(web_official_session(f->c, token, T0 + 30111, &u), DB_NONE);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM admin_session"), 0);
}

static void
test_phone_rules(void **state)
{
	struct fixture	*f = *state;
	char		*cause = NULL, masked[24];
	unsigned char	 enc[80];
	sqlite3_stmt	*st;
	size_t		 len;

	assert_int_equal(official_phone(f->c, "Nophone", "+447700900123", T0, &cause), -1);
	free(cause);
	assert_int_equal(official_phone(f->c, "Nophone", "12345", T0, &cause), -1);
	free(cause);
	assert_int_equal(official_phone(f->c, "Nobody", "99112233", T0, &cause), -1);
	free(cause);
	assert_int_equal(official_phone(f->c, "Nophone", "+976 8811 2233", T0, &cause), 0);
	assert_int_equal(sqlite3_prepare_v2(consult_db(f->c)->h, "SELECT phone_enc FROM "
	    "official WHERE name = 'Nophone'", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	len = (size_t)sqlite3_column_bytes(st, 0);
	assert_true(len > 0 && len <= sizeof enc);
	memcpy(enc, sqlite3_column_blob(st, 0), len);
	sqlite3_finalize(st);
	official_phone_masked(f->c, enc, len, masked);
	assert_string_equal(masked, "88** **33");
	official_phone_masked(f->c, enc, 0, masked);
	assert_string_equal(masked, "");
	/* never in clear, in any table */
	assert_int_equal(sql_int(f, "SELECT count(*) FROM official WHERE "
	    "instr(CAST(phone_enc AS TEXT), '88112233') > 0 OR "
	    "instr(CAST(phone_hash AS TEXT), '88112233') > 0"), 0);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM audit WHERE "
	    "detail LIKE '%8811%' OR detail LIKE '%2233%'"), 0);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM audit WHERE "
	    "action = 'official_phone'"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dummy_at_start, setup_cold, teardown),
		cmocka_unit_test_setup_teardown(test_password_alike, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock_address, setup, teardown),
		cmocka_unit_test_setup_teardown(test_checks_in_flight, setup, teardown),
		cmocka_unit_test_setup_teardown(test_settle_past_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_checks_busy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_codes_apart, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_codes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phone_rules, setup, teardown),
	};

	return cmocka_run_group_tests(tests, testmsg_setup, testmsg_teardown);
}
