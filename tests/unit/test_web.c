/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for signing in on the web (consult/web.c) against a real
 * database, with the clock driven by hand: every limit of the security code
 * and of the session gets its own test (10 minutes, single use, voided by a
 * newer code and by the fifth wrong try, 60 s between codes, 5 an hour and 10
 * a day per number, 20 an hour and 50 a day per address, 30 minutes idle and
 * 12 hours in all), the same answer for a known and an unknown number, codes
 * without three equal digits in a row, 10,000 scripted wrong guesses from one
 * browser that never sign in, and a scan of login_code and web_session for
 * anything kept in clear (codes, tokens, addresses, numbers).
 *
 * Two tests fail until sanald is fixed (each says "BUG" when it fails):
 * test_reauth_drops_old_session (a new sign-in leaves the session it replaces
 * alive) and test_erase_forgets_number (erasure leaves the number, sealed, in
 * login_code and in the code SMS of the outbox).
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
#define DAY		86400
#define GUESSES		10000
#define NCODES		3000

struct fixture {
	char		*dir;
	struct consult	*c;
};

/* The needles a scan looks for: what must never be kept in clear. */
struct secrets {
	char	 s[64][WEB_TOKEN_LEN + 1];
	int	 n;
};

static sqlite3 *
fx_sql(struct fixture *f)
{
	return consult_db(f->c)->h;
}

static int
setup(void **state)
{
	static const char *const arts[] = { "1", "2", "3" };
	struct fixture	*f = xcalloc(1, sizeof *f);
	struct item_def	 d = { "12", "consultation", T0 - 30 * DAY, T0 + 365 * DAY, 0, "{}",
			    arts, 3 };
	char		*path, *cause = NULL;

	if ((f->dir = testdir_make("test_web")) == NULL)
		return -1;
	path = xasprintf("%s/sanal.db", f->dir);
	if (consult_open(path, 1, &f->c, &cause) != 0)
		fail_msg("consult_open: %s", cause);
	free(path);
	if (item_add(f->c, &d, &cause) != 0)
		fail_msg("item_add: %s", cause);
	/* durability is not under test here: thousands of commits, no fsync each */
	sqlite3_exec(fx_sql(f), "PRAGMA synchronous = OFF", NULL, NULL, NULL);
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

/* One integer from a query. */
static int64_t
sql_int(struct fixture *f, const char *sql)
{
	sqlite3_stmt	*st;
	int64_t		 v = -1;

	assert_int_equal(sqlite3_prepare_v2(fx_sql(f), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The newest code SMS: its text (caller frees) and the code at its start. */
static char *
last_code(struct fixture *f, char code[7])
{
	sqlite3_stmt	*st;
	char		*text = NULL;

	assert_int_equal(sqlite3_prepare_v2(fx_sql(f), "SELECT text FROM outbox WHERE "
	    "kind = 'code' ORDER BY id DESC LIMIT 1", -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		text = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	assert_non_null(text);
	assert_true(strlen(text) >= 6);
	memcpy(code, text, 6);
	code[6] = '\0';
	assert_int_equal(strspn(code, "0123456789"), 6);
	return text;
}

/* Asks for a code in its own transaction. */
static enum code_result
send(struct fixture *f, const char *phone, const char *browser, const char *ip,
    int64_t now, int *wait)
{
	struct code_req		rq = { phone, browser, ip, "/c/12", LANG_MN, now };
	enum code_result	res;
	int			w;

	assert_int_equal(consult_begin(f->c), 0);
	res = web_code_send(f->c, &rq, wait ? wait : &w);
	assert_int_equal(consult_commit(f->c), 0);
	assert_int_not_equal(res, CODE_ERROR);
	return res;
}

/* Sends a code that must go out; code is what the SMS says. */
static void
send_ok(struct fixture *f, const char *phone, const char *browser, const char *ip,
    int64_t now, char code[7])
{
	int	wait = -1;

	if (send(f, phone, browser, ip, now, &wait) != CODE_SENT)
		fail_msg("no code for %s at T0%+lld (wait %d)", phone,
		    (long long)(now - T0), wait);
	free(last_code(f, code));
}

/* Checks a code in its own transaction; token is the new session's on OK. */
static enum verify_result
check(struct fixture *f, const char *browser, const char *code, int64_t now,
    char token[WEB_TOKEN_LEN + 1])
{
	enum verify_result	res;
	char			t[WEB_TOKEN_LEN + 1] = "", *ret = NULL;

	assert_int_equal(consult_begin(f->c), 0);
	res = web_code_check(f->c, browser, code, now, token ? token : t, &ret);
	assert_int_equal(consult_commit(f->c), 0);
	assert_int_not_equal(res, VERIFY_ERROR);
	if (res == VERIFY_OK)
		assert_non_null(ret);
	free(ret);
	return res;
}

static int
session(struct fixture *f, const char *token, int64_t now)
{
	struct web_user	u;

	return web_session(f->c, token, now, &u);
}

static void
touch(struct fixture *f, const char *token, int64_t now)
{
	assert_int_equal(consult_begin(f->c), 0);
	assert_int_equal(web_session_touch(f->c, token, now), 0);
	assert_int_equal(consult_commit(f->c), 0);
}

/* A browser's token, kept among the secrets to look for. */
static void
browser_new(struct secrets *s, char out[WEB_TOKEN_LEN + 1])
{
	web_token_new(out);
	if (s != NULL && s->n < (int)nitems(s->s))
		snprintf(s->s[s->n++], sizeof s->s[0], "%s", out);
}

static void
secret_add(struct secrets *s, const char *v)
{
	if (s->n < (int)nitems(s->s))
		snprintf(s->s[s->n++], sizeof s->s[0], "%s", v);
}

/* --- the code ------------------------------------------------------------------- */

/* Valid 600 s: the right code at T+599 works, at T+600 it is gone. */
static void
test_expiry(void **state)
{
	struct fixture	*f = *state;
	char		 b[WEB_TOKEN_LEN + 1], code[7];

	browser_new(NULL, b);
	send_ok(f, "99110001", b, "192.0.2.1", T0, code);
	assert_int_equal(check(f, b, code, T0 + 600, NULL), VERIFY_NONE);
	send_ok(f, "99110001", b, "192.0.2.1", T0 + 700, code);
	assert_int_equal(check(f, b, code, T0 + 700 + 599, NULL), VERIFY_OK);
}

/* Used once: the same right code a second time finds nothing. */
static void
test_single_use(void **state)
{
	struct fixture	*f = *state;
	char		 b[WEB_TOKEN_LEN + 1], code[7];

	browser_new(NULL, b);
	send_ok(f, "99110002", b, "192.0.2.1", T0, code);
	assert_int_equal(check(f, b, code, T0 + 10, NULL), VERIFY_OK);
	assert_int_equal(check(f, b, code, T0 + 11, NULL), VERIFY_NONE);
}

/* A newer code voids the older, in the same browser and in another. */
static void
test_newer_voids_older(void **state)
{
	struct fixture	*f = *state;
	char		 a[WEB_TOKEN_LEN + 1], b[WEB_TOKEN_LEN + 1], c1[7], c2[7], c3[7];

	browser_new(NULL, a);
	browser_new(NULL, b);
	send_ok(f, "99110003", a, "192.0.2.1", T0, c1);
	send_ok(f, "99110003", a, "192.0.2.1", T0 + 60, c2);
	if (strcmp(c1, c2) != 0)
		assert_int_not_equal(check(f, a, c1, T0 + 61, NULL), VERIFY_OK);
	assert_int_equal(check(f, a, c2, T0 + 62, NULL), VERIFY_OK);

	/* browser a asks, then browser b asks for the same number: a's is void */
	send_ok(f, "99110004", a, "192.0.2.1", T0, c1);
	send_ok(f, "99110004", b, "192.0.2.2", T0 + 60, c3);
	assert_int_equal(check(f, a, c1, T0 + 61, NULL), VERIFY_NONE);
	assert_int_equal(check(f, b, c3, T0 + 62, NULL), VERIFY_OK);
}

/* The code is bound to the browser that asked for it. */
static void
test_bound_to_browser(void **state)
{
	struct fixture	*f = *state;
	char		 a[WEB_TOKEN_LEN + 1], b[WEB_TOKEN_LEN + 1], code[7];

	browser_new(NULL, a);
	browser_new(NULL, b);
	send_ok(f, "99110005", a, "192.0.2.1", T0, code);
	assert_int_equal(check(f, b, code, T0 + 1, NULL), VERIFY_NONE);
	assert_int_equal(check(f, a, code, T0 + 2, NULL), VERIFY_OK);
}

/* A wrong code: another one of six digits. */
static void
wrong_of(const char *code, char out[7], int k)
{
	snprintf(out, 7, "%s", code);
	out[k % 6] = (char)('0' + (out[k % 6] - '0' + 1 + k / 6 % 9) % 10);
}

/* Four wrong tries leave the code alive; the fifth voids it. */
static void
test_five_wrong_tries(void **state)
{
	struct fixture	*f = *state;
	char		 b[WEB_TOKEN_LEN + 1], code[7], w[7];
	int		 i;

	browser_new(NULL, b);
	send_ok(f, "99110006", b, "192.0.2.1", T0, code);
	for (i = 0; i < 4; i++) {
		wrong_of(code, w, i);
		assert_int_equal(check(f, b, w, T0 + 1 + i, NULL), VERIFY_WRONG);
	}
	assert_int_equal(check(f, b, code, T0 + 10, NULL), VERIFY_OK);

	send_ok(f, "99110006", b, "192.0.2.1", T0 + 100, code);
	for (i = 0; i < 5; i++) {
		wrong_of(code, w, i);
		assert_int_equal(check(f, b, w, T0 + 101 + i, NULL), VERIFY_WRONG);
	}
	assert_int_equal(check(f, b, code, T0 + 110, NULL), VERIFY_NONE);
}

/* --- how often ------------------------------------------------------------------ */

/* A new code for a number no sooner than 60 s after the last: CODE_WAIT, the rest. */
static void
test_resend_wait(void **state)
{
	struct fixture	*f = *state;
	char		 a[WEB_TOKEN_LEN + 1], b[WEB_TOKEN_LEN + 1], code[7];
	int		 wait;

	browser_new(NULL, a);
	browser_new(NULL, b);
	send_ok(f, "99110007", a, "192.0.2.1", T0, code);
	assert_int_equal(send(f, "99110007", a, "192.0.2.1", T0 + 1, &wait), CODE_WAIT);
	assert_int_equal(wait, 59);
	assert_int_equal(send(f, "99110007", a, "192.0.2.1", T0 + 45, &wait), CODE_WAIT);
	assert_int_equal(wait, 15);
	/* another browser, another address: the number's limit still holds */
	assert_int_equal(send(f, "+976 9911-0007", b, "192.0.2.9", T0 + 59, &wait),
	    CODE_WAIT);
	assert_int_equal(wait, 1);
	assert_int_equal(send(f, "99110007", a, "192.0.2.1", T0 + 60, &wait), CODE_SENT);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM outbox WHERE kind = 'code'"), 2);
}

/* Five codes an hour per number: the sixth is refused; an hour later one goes. */
static void
test_phone_hour(void **state)
{
	struct fixture	*f = *state;
	char		 b[WEB_TOKEN_LEN + 1], code[7], ip[32];
	int		 i, wait;

	browser_new(NULL, b);
	for (i = 0; i < 5; i++) {
		snprintf(ip, sizeof ip, "192.0.2.%d", 10 + i);
		send_ok(f, "99110008", b, ip, T0 + 60 * i, code);
	}
	assert_int_equal(send(f, "99110008", b, "192.0.2.99", T0 + 300, &wait), CODE_LIMIT);
	assert_int_equal(send(f, "99110008", b, "192.0.2.99", T0 + 3599, &wait),
	    CODE_LIMIT);
	/* the first code has left the hour */
	assert_int_equal(send(f, "99110008", b, "192.0.2.99", T0 + 3601, &wait), CODE_SENT);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM outbox WHERE kind = 'code'"), 6);
}

/* Ten codes a day per number: the eleventh is refused, hour and resend limits clear. */
static void
test_phone_day(void **state)
{
	struct fixture	*f = *state;
	char		 b[WEB_TOKEN_LEN + 1], code[7];
	int		 i, wait;

	browser_new(NULL, b);
	for (i = 0; i < 10; i++)	/* five an hour, two hours apart */
		send_ok(f, "99110009", b, "192.0.2.1", T0 + (i / 5) * 7200 + (i % 5) * 60,
		    code);
	assert_int_equal(send(f, "99110009", b, "192.0.2.1", T0 + 4 * 3600, &wait),
	    CODE_LIMIT);
	assert_int_equal(send(f, "99110009", b, "192.0.2.1", T0 + 20 * 3600, &wait),
	    CODE_LIMIT);
	assert_int_equal(send(f, "99110009", b, "192.0.2.1", T0 + DAY - 1, &wait),
	    CODE_LIMIT);
	/* the first five have left the day */
	assert_int_equal(send(f, "99110009", b, "192.0.2.1", T0 + DAY + 300, &wait),
	    CODE_SENT);
}

/* 20 codes an hour from one address, to different numbers; another address goes on. */
static void
test_ip_hour(void **state)
{
	struct fixture	*f = *state;
	char		 b[WEB_TOKEN_LEN + 1], code[7], phone[16];
	int		 i, wait;

	browser_new(NULL, b);
	for (i = 0; i < 20; i++) {
		snprintf(phone, sizeof phone, "9912%04d", i);
		send_ok(f, phone, b, "198.51.100.7", T0 + i, code);
	}
	assert_int_equal(send(f, "99129999", b, "198.51.100.7", T0 + 20, &wait), CODE_LIMIT);
	assert_int_equal(send(f, "99129998", b, "198.51.100.7", T0 + 3599, &wait),
	    CODE_LIMIT);
	assert_int_equal(send(f, "99129999", b, "198.51.100.8", T0 + 21, &wait), CODE_SENT);
	assert_int_equal(send(f, "99129997", b, "198.51.100.7", T0 + 3600 + 20, &wait),
	    CODE_SENT);
}

/* 50 codes a day from one address (20, 20, 10 in three hours); the 51st is refused. */
static void
test_ip_day(void **state)
{
	struct fixture	*f = *state;
	char		 b[WEB_TOKEN_LEN + 1], code[7], phone[16];
	int		 i, wait;

	browser_new(NULL, b);
	for (i = 0; i < 50; i++) {
		snprintf(phone, sizeof phone, "9913%04d", i);
		send_ok(f, phone, b, "198.51.100.7", T0 + (i / 20) * 3700 + i % 20, code);
	}
	assert_int_equal(send(f, "99139999", b, "198.51.100.7", T0 + 2 * 3700 + 30, &wait),
	    CODE_LIMIT);
	assert_int_equal(send(f, "99139999", b, "198.51.100.7", T0 + 10 * 3600, &wait),
	    CODE_LIMIT);
	assert_int_equal(send(f, "99139998", b, "198.51.100.8", T0 + 10 * 3600, &wait),
	    CODE_SENT);
	/* the first twenty have left the day */
	assert_int_equal(send(f, "99139997", b, "198.51.100.7", T0 + DAY + 100, &wait),
	    CODE_SENT);
}

/* --- sessions ------------------------------------------------------------------- */

/* Signs a new browser in with the number; token: the session's. */
static void
sign_in(struct fixture *f, const char *phone, int64_t now, char token[WEB_TOKEN_LEN + 1],
    struct secrets *s)
{
	char	b[WEB_TOKEN_LEN + 1], code[7];

	browser_new(s, b);
	send_ok(f, phone, b, "203.0.113.5", now, code);
	if (s != NULL)
		secret_add(s, code);
	assert_int_equal(check(f, b, code, now + 5, token), VERIFY_OK);
	assert_true(web_token_valid(token));
	assert_string_not_equal(token, b);
	/* the browser's token before sign-in is no session (fixation) */
	assert_int_equal(session(f, b, now + 6), DB_NONE);
	if (s != NULL)
		secret_add(s, token);
}

/* 30 minutes idle: alive at 1800 s without a touch, gone after. */
static void
test_session_idle(void **state)
{
	struct fixture	*f = *state;
	char		 t[WEB_TOKEN_LEN + 1];
	int64_t		 at = T0 + 5;

	sign_in(f, "99110010", T0, t, NULL);
	assert_int_equal(session(f, t, at + 1), 0);
	assert_int_equal(session(f, t, at + 1800), 0);
	assert_int_equal(session(f, t, at + 1801), DB_NONE);
	/* touched, the 30 minutes count from the touch */
	sign_in(f, "99110010", T0 + 5000, t, NULL);
	at = T0 + 5005;
	touch(f, t, at + 1700);
	assert_int_equal(session(f, t, at + 1700 + 1800), 0);
	assert_int_equal(session(f, t, at + 1700 + 1801), DB_NONE);
}

/* 12 hours in all, however busy: touched every 20 minutes, gone after 43,200 s. */
static void
test_session_absolute(void **state)
{
	struct fixture	*f = *state;
	char		 t[WEB_TOKEN_LEN + 1];
	int64_t		 at = T0 + 5, now;

	sign_in(f, "99110011", T0, t, NULL);
	for (now = at + 1200; now <= at + 43200; now += 1200) {
		assert_int_equal(session(f, t, now), 0);
		touch(f, t, now);
	}
	assert_int_equal(session(f, t, at + 43200), 0);
	touch(f, t, at + 43200);
	assert_int_equal(session(f, t, at + 43201), DB_NONE);
}

/*
 * Signing in again in a browser that holds a session (another person at the
 * same computer, or the same one again): a new token, and the one it replaces
 * is no session any more (ASVS 5.0 V7.2.4; web.c says "the browser's old one
 * is dropped"). BUG: web_session_open never deletes the old session.
 */
static void
test_reauth_drops_old_session(void **state)
{
	struct fixture	*f = *state;
	char		 t1[WEB_TOKEN_LEN + 1], t2[WEB_TOKEN_LEN + 1], code[7];

	sign_in(f, "99110016", T0, t1, NULL);
	assert_int_equal(session(f, t1, T0 + 10), 0);
	/* the session's cookie is the browser's token for the next sign-in */
	send_ok(f, "99110017", t1, "203.0.113.5", T0 + 20, code);
	assert_int_equal(check(f, t1, code, T0 + 25, t2), VERIFY_OK);
	assert_string_not_equal(t1, t2);
	assert_int_equal(session(f, t2, T0 + 30), 0);
	if (session(f, t1, T0 + 30) != DB_NONE)
		fail_msg("BUG: the session a new sign-in replaced is still alive");
}

/* Signing out ends the session at once. */
static void
test_sign_out(void **state)
{
	struct fixture	*f = *state;
	char		 t[WEB_TOKEN_LEN + 1];

	sign_in(f, "99110012", T0, t, NULL);
	assert_int_equal(session(f, t, T0 + 10), 0);
	assert_int_equal(consult_begin(f->c), 0);
	assert_int_equal(web_sign_out(f->c, t), 0);
	assert_int_equal(consult_commit(f->c), 0);
	assert_int_equal(session(f, t, T0 + 11), DB_NONE);
}

/* --- what an observer learns -------------------------------------------------------- */

/* The SMS text with its digits as '#', to compare shapes. */
static void
shape(char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= '0' && *s <= '9')
			*s = '#';
}

/* A number that voted by SMS and one never seen: the same answer, SMS and page. */
static void
test_known_unknown_alike(void **state)
{
	struct fixture		*f = *state;
	struct inbound		 in = { "sms", "99112233", "12 тийм", NULL, NULL, T0 - 100 };
	const char		*command;
	char			*reply = NULL, *t1, *t2, a[WEB_TOKEN_LEN + 1],
				 b[WEB_TOKEN_LEN + 1], m1[24], m2[24], code[7];
	int			 w1 = -1, w2 = -1;

	assert_int_equal(consult_begin(f->c), 0);
	assert_int_equal(apply_inbound(f->c, &in, &reply, &command), APPLY_DONE);
	assert_int_equal(consult_commit(f->c), 0);
	free(reply);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM participant"), 1);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM vote"), 1);

	browser_new(NULL, a);
	browser_new(NULL, b);
	/* same first and last two digits: the masked numbers are alike too */
	assert_int_equal(send(f, "99112233", a, "192.0.2.1", T0, &w1), CODE_SENT);
	t1 = last_code(f, code);
	assert_int_equal(send(f, "99445533", b, "192.0.2.2", T0, &w2), CODE_SENT);
	t2 = last_code(f, code);
	assert_int_equal(w1, w2);
	shape(t1);
	shape(t2);
	assert_string_equal(t1, t2);
	assert_int_equal(sql_int(f, "SELECT count(DISTINCT coalesce(participant_id, 0) || "
	    "'/' || length(phone_enc) || '/' || state) FROM outbox WHERE kind = 'code'"), 1);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM outbox WHERE kind = 'code' AND "
	    "participant_id IS NOT NULL"), 0);
	assert_int_equal(web_code_pending(f->c, a, T0 + 1, m1), 0);
	assert_int_equal(web_code_pending(f->c, b, T0 + 1, m2), 0);
	assert_string_equal(m1, m2);
	/* asking again too soon: the same wait for both */
	assert_int_equal(send(f, "99112233", a, "192.0.2.1", T0 + 20, &w1), CODE_WAIT);
	assert_int_equal(send(f, "99445533", b, "192.0.2.2", T0 + 20, &w2), CODE_WAIT);
	assert_int_equal(w1, w2);
	/* nothing learnt about the unknown number is kept as a participant */
	assert_int_equal(sql_int(f, "SELECT count(*) FROM participant"), 1);
	free(t1);
	free(t2);
}

/* 6 digits, never three equal digits in a row, every digit in every place. */
static void
test_code_digits(void **state)
{
	struct fixture	*f = *state;
	char		 b[WEB_TOKEN_LEN + 1], code[7], phone[16], ip[32];
	int		 seen[6][10] = { { 0 } }, i, k, d;

	browser_new(NULL, b);
	assert_int_equal(consult_begin(f->c), 0);
	for (i = 0; i < NCODES; i++) {
		struct code_req	rq = { phone, b, ip, NULL, LANG_MN, T0 + i };
		int		wait;
		char		*text;

		snprintf(phone, sizeof phone, "8800%04d", i);
		snprintf(ip, sizeof ip, "10.%d.%d.1", i / 250, i % 250);
		assert_int_equal(web_code_send(f->c, &rq, &wait), CODE_SENT);
		text = last_code(f, code);
		free(text);
		for (k = 0; k < 6; k++)
			seen[k][code[k] - '0']++;
		for (k = 2; k < 6; k++) {
			if (code[k] == code[k - 1] && code[k] == code[k - 2])
				fail_msg("code %s has three equal digits in a row", code);
		}
	}
	assert_int_equal(consult_commit(f->c), 0);
	for (k = 0; k < 6; k++) {
		for (d = 0; d < 10; d++) {
			if (seen[k][d] < NCODES / 20)	/* expected ~NCODES/10 */
				fail_msg("digit %d at place %d in only %d of %d codes", d, k,
				    seen[k][d], NCODES);
		}
	}
}

/*
 * 10,000 wrong guesses against one browser cookie, for one number, as an
 * attacker scripts them: guess until the code is void, then ask for a new
 * one, waiting out the resend and hourly and daily limits. Never signed in;
 * at most five guesses checked per code and ten codes a day.
 */
static void
test_brute_force(void **state)
{
	struct fixture		*f = *state;
	char			 b[WEB_TOKEN_LEN + 1], code[7] = "", guess[16], tmp[7];
	enum verify_result	 r;
	enum code_result	 cr;
	int64_t			 now = T0, first = 0;
	int			 g, wait, sent = 0, wrong = 0, tries = 0, day_sent = 0;
	int			 max_tries = 0, max_day = 0;
	int64_t			 day_start = T0;
	uint32_t		 rnd = 12345;

	browser_new(NULL, b);
	for (g = 0; g < GUESSES; g++) {
		rnd = rnd * 1103515245u + 12345u;
		switch (g % 8) {
		case 0: case 1: case 2: case 3:		/* a random six digits */
			do {
				rnd = rnd * 1103515245u + 12345u;
				snprintf(guess, sizeof guess, "%06u", (rnd >> 8) % 1000000);
			} while (strcmp(guess, code) == 0);
			break;
		case 4:					/* one digit off */
			wrong_of(code[0] ? code : "000000", guess, (int)(rnd >> 16));
			break;
		case 5:					/* the code and one more */
			snprintf(guess, sizeof guess, "%s%u", code, (rnd >> 16) % 10);
			break;
		case 6:					/* five of its six */
			snprintf(guess, sizeof guess, "%.5s", code);
			break;
		default:				/* split, one digit off */
			wrong_of(code[0] ? code : "000000", tmp, (int)(rnd >> 16));
			snprintf(guess, sizeof guess, "%.3s-%.3s", tmp, tmp + 3);
			break;
		}
		r = check(f, b, guess, now, NULL);
		if (r == VERIFY_OK)
			fail_msg("guess %d '%s' (the code was %s) signed in", g, guess, code);
		if (r == VERIFY_WRONG) {
			wrong++;
			if (++tries > max_tries)
				max_tries = tries;
		} else {
			for (;;) {
				cr = send(f, "99887766", b, "203.0.113.9", now, &wait);
				if (cr == CODE_SENT)
					break;
				now += cr == CODE_WAIT ? wait : 900;
			}
			if (now >= day_start + DAY) {
				day_start = now;
				day_sent = 0;
			}
			if (++day_sent > max_day)
				max_day = day_sent;
			if (first == 0)
				first = now;
			free(last_code(f, code));
			sent++;
			tries = 0;
		}
		now += 3;
	}
	print_message("%d guesses: %d checked, %d codes over %lld days, at most %d "
	    "guesses a code, %d codes a day\n", GUESSES, wrong, sent,
	    (long long)((now - first) / DAY + 1), max_tries, max_day);
	assert_true(max_tries <= 5);
	assert_true(max_day <= 10);
	assert_true(wrong <= 5 * sent);
	assert_true(sent <= 10 * ((now - first) / DAY + 1));
	assert_int_equal(sql_int(f, "SELECT count(*) FROM web_session"), 0);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM audit WHERE action = 'sign_in'"), 0);
}

/* --- nothing in clear ------------------------------------------------------------------ */

/* Raw bytes of a hex token. */
static size_t
unhex(const char *hex, unsigned char *out)
{
	size_t	n = strlen(hex) / 2, i;
	unsigned int v;

	for (i = 0; i < n; i++) {
		if (sscanf(hex + 2 * i, "%2x", &v) != 1)
			return 0;
		out[i] = (unsigned char)v;
	}
	return n;
}

/* Fails if any column of table holds one of the secrets, as text, bytes or number. */
static void
scan_table(struct fixture *f, const char *table, const struct secrets *s)
{
	sqlite3_stmt	*st;
	char		*sql = xasprintf("SELECT * FROM %s", table);
	unsigned char	 raw[64];
	const void	*v;
	size_t		 len, rl;
	int		 i, k, rows = 0;

	assert_int_equal(sqlite3_prepare_v2(fx_sql(f), sql, -1, &st, NULL), SQLITE_OK);
	free(sql);
	while (sqlite3_step(st) == SQLITE_ROW) {
		rows++;
		for (i = 0; i < sqlite3_column_count(st); i++) {
			int type = sqlite3_column_type(st, i);

			if (type == SQLITE_NULL)
				continue;
			for (k = 0; k < s->n; k++) {
				if (type == SQLITE_INTEGER) {
					if (strspn(s->s[k], "0123456789") == strlen(s->s[k]) &&
					    atoll(s->s[k]) >= 1000 &&
					    sqlite3_column_int64(st, i) == atoll(s->s[k]))
						fail_msg("%s.%s holds %s as a number", table,
						    sqlite3_column_name(st, i), s->s[k]);
					continue;
				}
				v = sqlite3_column_blob(st, i);
				len = (size_t)sqlite3_column_bytes(st, i);
				if (v != NULL && memmem(v, len, s->s[k], strlen(s->s[k])) != NULL)
					fail_msg("%s.%s holds '%s' in clear", table,
					    sqlite3_column_name(st, i), s->s[k]);
				if (strlen(s->s[k]) == WEB_TOKEN_LEN &&
				    (rl = unhex(s->s[k], raw)) > 0 && v != NULL &&
				    memmem(v, len, raw, rl) != NULL)
					fail_msg("%s.%s holds token %s as bytes", table,
					    sqlite3_column_name(st, i), s->s[k]);
			}
		}
	}
	sqlite3_finalize(st);
	assert_true(rows > 0);
}

/* Codes, browser and session tokens, addresses and numbers: none kept in clear. */
static void
test_nothing_in_clear(void **state)
{
	struct fixture	*f = *state;
	struct secrets	 s = { .n = 0 };
	char		 t[WEB_TOKEN_LEN + 1], b[WEB_TOKEN_LEN + 1], code[7], w[7];

	secret_add(&s, "203.0.113.5");
	secret_add(&s, "198.51.100.23");
	secret_add(&s, "99110013");
	secret_add(&s, "+97699110013");
	secret_add(&s, "88110014");
	secret_add(&s, "+97688110014");
	sign_in(f, "99110013", T0, t, &s);
	sign_in(f, "88110014", T0, t, &s);
	/* a code still live, one tried out, one used: all their rows */
	browser_new(&s, b);
	send_ok(f, "99110013", b, "198.51.100.23", T0 + 100, code);
	secret_add(&s, code);
	wrong_of(code, w, 1);
	assert_int_equal(check(f, b, w, T0 + 101, NULL), VERIFY_WRONG);
	browser_new(&s, b);
	send_ok(f, "88110014", b, "198.51.100.23", T0 + 200, code);
	secret_add(&s, code);
	scan_table(f, "login_code", &s);
	scan_table(f, "web_session", &s);
}

/*
 * Erasure on the web (as by SMS УСТГА): "the number ... goes". No row may keep
 * a copy of the number that the key opens, login_code and the code SMS in the
 * outbox included.
 */
static void
test_erase_forgets_number(void **state)
{
	struct fixture		*f = *state;
	const struct keyring	*kr = consult_keyring(f->c);
	struct web_user		 u;
	sqlite3_stmt		*st;
	char			 t[WEB_TOKEN_LEN + 1], phone[PHONE_MAX];
	const char		*tables[] = { "login_code", "outbox", "participant" };
	size_t			 i;
	int			 left = 0;

	sign_in(f, "99110015", T0, t, NULL);
	assert_int_equal(web_session(f->c, t, T0 + 10, &u), 0);
	assert_int_equal(consult_begin(f->c), 0);
	assert_int_equal(web_erase(f->c, u.pid, T0 + 10), 0);
	assert_int_equal(consult_commit(f->c), 0);
	assert_int_equal(session(f, t, T0 + 11), DB_NONE);
	for (i = 0; i < nitems(tables); i++) {
		char *sql = xasprintf("SELECT phone_enc FROM %s", tables[i]);

		assert_int_equal(sqlite3_prepare_v2(fx_sql(f), sql, -1, &st, NULL),
		    SQLITE_OK);
		free(sql);
		while (sqlite3_step(st) == SQLITE_ROW) {
			const unsigned char *e = sqlite3_column_blob(st, 0);
			size_t n = (size_t)sqlite3_column_bytes(st, 0);

			if (e != NULL && n > 0 && keyring_open(kr, e, n, phone) == 0 &&
			    strcmp(phone, "+97699110015") == 0) {
				print_error("BUG: %s keeps the erased number (sealed)\n",
				    tables[i]);
				left++;
			}
		}
		sqlite3_finalize(st);
	}
	assert_int_equal(left, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_expiry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_single_use, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_voids_older, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bound_to_browser, setup, teardown),
		cmocka_unit_test_setup_teardown(test_five_wrong_tries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resend_wait, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phone_hour, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phone_day, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ip_hour, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ip_day, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_idle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_absolute, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sign_out, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reauth_drops_old_session, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_known_unknown_alike, setup, teardown),
		cmocka_unit_test_setup_teardown(test_code_digits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_brute_force, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nothing_in_clear, setup, teardown),
		cmocka_unit_test_setup_teardown(test_erase_forgets_number, setup, teardown),
	};

	return cmocka_run_group_tests(tests, testmsg_setup, testmsg_teardown);
}
