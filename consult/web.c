/* SPDX-License-Identifier: ISC */
/*
 * Signing in on the web with a security code sent by SMS, and web sessions.
 * Nothing here is kept in clear: codes, browser tokens, session tokens and
 * addresses are stored as keyed hashes. A code is 6 digits without three equal
 * digits in a row, lives 10 minutes, is used once, is voided by a newer one
 * and by its fifth wrong try. A number gets a new code at most every 60 s, 5 an
 * hour and 10 a day; an address asks for at most 20 an hour and 50 a day. The
 * answer to "send a code" is the same whether or not the number is known.
 * The phone number is the identity SMS and USSD use: one person, one vote.
 *
 * Officials sign in at /admin the same way once their password is right
 * (official.c): the same codes, limits and rules, sent to the phone on their
 * account. Their codes and sessions are hashed in domains of their own, so a
 * citizen's code page never sees an official's code, and an official's session
 * (15 minutes idle, 8 hours at most) is no citizen's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "consult_int.h"

#define CODE_TTL	600
#define CODE_TRIES	5
#define CODE_RESEND	60
#define CODE_PHONE_HOUR	5
#define CODE_PHONE_DAY	10
#define CODE_IP_HOUR	20
#define CODE_IP_DAY	50
#define SESSION_IDLE	1800
#define SESSION_MAX	43200
#define OFFICIAL_IDLE	900
#define OFFICIAL_MAX	28800

/*
 * Who signs in: the hash domains of a browser's code and of a session token,
 * the sessions' table and their life (idle, at most).
 */
struct web_realm {
	const char		*browser, *session;
	enum db_session_kind	 kind;
	int64_t			 idle, max;
	int			 official;
};
static const struct web_realm realm_citizen = { "browser", "session",
	DB_SESSION_WEB, SESSION_IDLE, SESSION_MAX, 0 };
static const struct web_realm realm_official = { "admin-browser", "admin-session",
	DB_SESSION_ADMIN, OFFICIAL_IDLE, OFFICIAL_MAX, 1 };

/* The keyed hash of a value in one domain ("code", "browser", "ip"...). */
static void
web_hash(const struct consult *c, const char *domain, const char *a, const char *b,
    unsigned char out[HASH_LEN])
{
	char	*s = xasprintf("%s\x1f%s\x1f%s", domain, a, b ? b : "");

	keyring_hash(c->kr, s, out);
	free(s);
}

void
web_token_new(char out[WEB_TOKEN_LEN + 1])
{
	unsigned char	r[WEB_TOKEN_LEN / 2];
	size_t		i;

	keyring_random(r, sizeof r);
	for (i = 0; i < sizeof r; i++)
		snprintf(out + 2 * i, 3, "%02x", r[i]);
}

int
web_token_valid(const char *t)
{
	return t != NULL && strlen(t) == WEB_TOKEN_LEN &&
	    strspn(t, "0123456789abcdef") == WEB_TOKEN_LEN;
}

/* The unmasked form token of a browser token: 32 bytes. */
static void
web_csrf_raw(const struct consult *c, const char *browser, unsigned char out[HASH_LEN])
{
	web_hash(c, "csrf", browser, NULL, out);
}

/* Two hex digits; -1 if they are not. */
static int
web_hex2(const char *p)
{
	int	v = 0, i;

	for (i = 0; i < 2; i++) {
		v <<= 4;
		if (p[i] >= '0' && p[i] <= '9')
			v |= p[i] - '0';
		else if (p[i] >= 'a' && p[i] <= 'f')
			v |= p[i] - 'a' + 10;
		else
			return -1;
	}
	return v;
}

/*
 * The form token is masked anew on every page (a random pad, then the token
 * XOR the pad): compressed pages that also reflect input (BREACH) then leak
 * nothing about it.
 */
void
web_csrf(const struct consult *c, const char *browser, char out[WEB_CSRF_LEN + 1])
{
	unsigned char	raw[HASH_LEN], pad[HASH_LEN];
	size_t		i;

	web_csrf_raw(c, browser, raw);
	keyring_random(pad, sizeof pad);
	for (i = 0; i < HASH_LEN; i++)		/* in order: each adds a NUL after it */
		snprintf(out + 2 * i, 3, "%02x", pad[i]);
	for (i = 0; i < HASH_LEN; i++)
		snprintf(out + 2 * (HASH_LEN + i), 3, "%02x", pad[i] ^ raw[i]);
}

int
web_csrf_ok(const struct consult *c, const char *browser, const char *token)
{
	unsigned char	raw[HASH_LEN], got[HASH_LEN];
	int		a, b;
	size_t		i;

	if (!web_token_valid(browser) || token == NULL || strlen(token) != WEB_CSRF_LEN)
		return 0;
	for (i = 0; i < HASH_LEN; i++) {
		if ((a = web_hex2(token + 2 * i)) < 0 ||
		    (b = web_hex2(token + 2 * (HASH_LEN + i))) < 0)
			return 0;
		got[i] = (unsigned char)(a ^ b);
	}
	web_csrf_raw(c, browser, raw);
	return keyring_equal(raw, got, HASH_LEN);
}

/* A fresh code: 6 digits, never three equal digits in a row (dyslexia). */
static void
web_code_new(char code[7])
{
	unsigned char	r[6];
	int		i;

	do {
		for (i = 0; i < 6; i++) {
			do		/* 250 = 25 * 10: every digit equally likely */
				keyring_random(&r[i], 1);
			while (r[i] >= 250);
			code[i] = (char)('0' + r[i] % 10);
		}
		code[6] = '\0';
		for (i = 2; i < 6 && !(code[i] == code[i - 1] && code[i] == code[i - 2]); i++)
			;
	} while (i < 6);
}

void
web_mask(const char *e164, char out[24])
{
	size_t	n = strlen(e164);
	const char *local = n > 8 ? e164 + n - 8 : e164;

	if (strlen(local) < 8)
		snprintf(out, 24, "****");
	else
		snprintf(out, 24, "%.2s** **%.2s", local, local + 6);
}

static enum code_result
web_send(struct consult *c, const struct code_req *rq, int64_t official_id, int *wait)
{
	struct db_code_counts	 n;
	struct db_code		 dc;
	unsigned char		 ph[HASH_LEN], ih[HASH_LEN], bh[HASH_LEN], ch[HASH_LEN],
				*enc;
	char			 phone[PHONE_MAX], code[7], masked[24], *text;
	const char		*args[1];
	size_t			 len;
	int			 rc;

	*wait = 0;
	/* Mongolian numbers only: codes to far-away numbers are a fraud's income */
	if (phone_normalise(rq->phone, phone) != 0 || strncmp(phone, "+976", 4) != 0)
		return CODE_BAD_PHONE;
	if (db_code_forget(c->db, NULL, rq->now - 86400) != 0)	/* older than any limit */
		return CODE_ERROR;
	keyring_hash(c->kr, phone, ph);
	web_hash(c, "ip", rq->ip, NULL, ih);
	if (db_code_counts(c->db, ph, ih, rq->now, &n) != 0)
		return CODE_ERROR;
	if (n.ip_hour >= CODE_IP_HOUR || n.ip_day >= CODE_IP_DAY ||
	    n.phone_hour >= CODE_PHONE_HOUR || n.phone_day >= CODE_PHONE_DAY)
		return CODE_LIMIT;
	if (n.last > rq->now - CODE_RESEND) {
		*wait = (int)(n.last + CODE_RESEND - rq->now);
		return CODE_WAIT;
	}
	web_code_new(code);
	web_hash(c, "code", phone, code, ch);
	web_hash(c, official_id ? realm_official.browser : realm_citizen.browser,
	    rq->browser, NULL, bh);
	web_mask(phone, masked);
	keyring_seal(c->kr, phone, &enc, &len);
	memset(&dc, 0, sizeof dc);
	dc.phone_hash = ph;
	dc.phone_enc = enc;
	dc.enc_len = len;
	dc.cookie_hash = bh;
	dc.ip_hash = ih;
	dc.code_hash = ch;
	dc.masked = masked;
	dc.return_to = rq->return_to;
	dc.created = rq->now;
	dc.expires = rq->now + CODE_TTL;
	dc.official_id = official_id;
	args[0] = code;
	/* Latin GSM-7, the code first: one cheap segment, readable in a notification */
	text = reply_render(rq->lang == LANG_EN ? LANG_EN : LANG_MN, 1, "code_sms", args, 1);
	rc = db_outbox_add(c->db, 0, enc, len, text, "code", rq->now) != 0;
	dc.outbox_id = db_last_id(c->db);
	rc = rc || db_code_insert(c->db, &dc) != 0;
	free(text);
	free(enc);
	return rc ? CODE_ERROR : CODE_SENT;
}

enum code_result
web_code_send(struct consult *c, const struct code_req *rq, int *wait)
{
	return web_send(c, rq, 0, wait);
}

enum code_result
web_official_send(struct consult *c, const struct code_req *rq, int64_t official_id,
    int *wait)
{
	return web_send(c, rq, official_id, wait);
}

static int
web_pending(struct consult *c, const struct web_realm *r, const char *browser,
    int64_t now, char masked[24])
{
	struct db_code	dc;
	unsigned char	bh[HASH_LEN];
	int		rc;

	web_hash(c, r->browser, browser, NULL, bh);
	if ((rc = db_code_live(c->db, bh, now, &dc)) == 0)
		snprintf(masked, 24, "%s", dc.masked_buf);
	db_code_clear(&dc);
	return rc;
}

int
web_code_pending(struct consult *c, const char *browser, int64_t now, char masked[24])
{
	return web_pending(c, &realm_citizen, browser, now, masked);
}

int
web_official_pending(struct consult *c, const char *browser, int64_t now,
    char masked[24])
{
	return web_pending(c, &realm_official, browser, now, masked);
}

/*
 * Signs the person in: a new session token; a session the browser held before
 * (another person's, or the same) ends.
 */
static int
web_session_open(struct consult *c, const struct db_code *dc, const char *browser,
    const char *phone, int64_t now, char token[WEB_TOKEN_LEN + 1])
{
	struct participant	p;
	unsigned char		th[HASH_LEN];

	if (participant_load(c, phone, &p) != 0 || participant_store(c, &p, now) != 0)
		return -1;
	web_hash(c, realm_citizen.session, browser, NULL, th);
	if (db_session_delete(c->db, DB_SESSION_WEB, th, 0) != 0 ||
	    db_code_signed_in(c->db, dc, p.row.id) != 0)
		return -1;
	web_token_new(token);
	web_hash(c, realm_citizen.session, token, NULL, th);
	return db_session_insert(c->db, DB_SESSION_WEB, th, p.row.id, now) != 0 ||
	    db_audit(c->db, now, p.hash, HASH_LEN, "sign_in", NULL, NULL, "web") != 0 ?
	    -1 : 0;
}

/*
 * Signs the official of a code in: a new session token. Audited. 1 if the
 * official is no more (disabled since the password).
 */
static int
web_official_open(struct consult *c, const struct db_code *dc, int64_t now,
    char token[WEB_TOKEN_LEN + 1])
{
	struct db_official	o;
	unsigned char		th[HASH_LEN];
	char			detail[96];
	int			rc;

	if ((rc = db_official_by_id(c->db, dc->official_id, &o)) != 0 || o.disabled)
		return rc == 0 || rc == DB_NONE ? 1 : -1;
	if (db_code_signed_in(c->db, dc, 0) != 0)
		return -1;
	web_token_new(token);
	web_hash(c, realm_official.session, token, NULL, th);
	snprintf(detail, sizeof detail, "official %s role %s", o.name, o.role);
	return db_session_insert(c->db, DB_SESSION_ADMIN, th, o.id, now) != 0 ||
	    db_audit(c->db, now, NULL, 0, "admin_sign_in", NULL, detail, "admin") != 0 ?
	    -1 : 0;
}

/* An official's wrong code, in the audit trail with their name. */
static int
web_official_wrong(struct consult *c, const struct db_code *dc, int64_t now)
{
	struct db_official	o;
	char			detail[128];

	if (db_official_by_id(c->db, dc->official_id, &o) != 0)
		return -1;
	snprintf(detail, sizeof detail, "official %s: wrong code, try %d", o.name,
	    dc->tries + 1);
	return db_audit(c->db, now, NULL, 0, "admin_code_refused", NULL, detail, "admin");
}

static enum verify_result
web_check(struct consult *c, const struct web_realm *r, const char *browser,
    const char *code, int64_t now, char token[WEB_TOKEN_LEN + 1], char **return_to)
{
	struct db_code	 dc;
	unsigned char	 bh[HASH_LEN], ch[HASH_LEN];
	char		 phone[PHONE_MAX], clean[8];
	size_t		 i, n = 0;
	int		 rc, right;

	*return_to = NULL;
	/* what people paste: spaces and dashes between the digits */
	for (i = 0; code != NULL && code[i] != '\0' && n < sizeof clean - 1; i++) {
		if (code[i] >= '0' && code[i] <= '9')
			clean[n++] = code[i];
		else if (code[i] != ' ' && code[i] != '-')
			n = sizeof clean;
	}
	web_hash(c, r->browser, browser, NULL, bh);
	if ((rc = db_code_live(c->db, bh, now, &dc)) != 0)
		return rc == DB_NONE ? VERIFY_NONE : VERIFY_ERROR;
	if (keyring_open(c->kr, dc.enc, dc.enc_len, phone) != 0 ||
	    (r->official && dc.official_id == 0)) {
		db_code_clear(&dc);
		return VERIFY_ERROR;
	}
	clean[n < sizeof clean ? n : 0] = '\0';
	web_hash(c, "code", phone, clean, ch);
	right = n == 6 && keyring_equal(ch, dc.chash, HASH_LEN);
	rc = db_code_tried(c->db, dc.id, right || dc.tries + 1 >= CODE_TRIES);
	if (rc == 0 && !right && r->official)
		rc = web_official_wrong(c, &dc, now);
	else if (rc == 0 && right && r->official)
		rc = web_official_open(c, &dc, now, token);
	else if (rc == 0 && right)
		rc = web_session_open(c, &dc, browser, phone, now, token);
	if (rc == 0 && right)
		*return_to = dc.return_to_buf ? xstrdup(dc.return_to_buf) : NULL;
	keyring_wipe(phone, sizeof phone);
	db_code_clear(&dc);
	if (rc < 0)
		return VERIFY_ERROR;
	if (rc > 0)
		return VERIFY_NONE;
	return right ? VERIFY_OK : VERIFY_WRONG;
}

enum verify_result
web_code_check(struct consult *c, const char *browser, const char *code, int64_t now,
    char token[WEB_TOKEN_LEN + 1], char **return_to)
{
	return web_check(c, &realm_citizen, browser, code, now, token, return_to);
}

enum verify_result
web_official_check(struct consult *c, const char *browser, const char *code,
    int64_t now, char token[WEB_TOKEN_LEN + 1], char **return_to)
{
	return web_check(c, &realm_official, browser, code, now, token, return_to);
}

int
web_person(struct consult *c, int64_t pid, struct participant *p)
{
	unsigned char	*enc;
	char		 phone[PHONE_MAX];
	size_t		 len;
	int		 rc;

	if ((rc = db_participant_phone(c->db, pid, &enc, &len)) != 0)
		return rc;
	rc = keyring_open(c->kr, enc, len, phone);
	free(enc);
	if (rc != 0 || participant_load(c, phone, p) != 0 || p->row.id != pid)
		return DB_NONE;
	return 0;
}

/*
 * The owner of r's live session token (*stale: last seen a minute ago);
 * DB_NONE if there is none or it has expired.
 */
static int
web_session_find(struct consult *c, const struct web_realm *r, const char *token,
    int64_t now, int64_t *owner, int *stale)
{
	unsigned char	th[HASH_LEN];
	int64_t		created, seen;
	int		rc;

	if (!web_token_valid(token))
		return DB_NONE;
	web_hash(c, r->session, token, NULL, th);
	if ((rc = db_session_get(c->db, r->kind, th, owner, &created, &seen)) != 0)
		return rc;
	if (seen < now - r->idle || created < now - r->max)
		return DB_NONE;
	*stale = seen < now - 60;
	return 0;
}

/* Keeps r's session token alive. */
static int
web_session_seen(struct consult *c, const struct web_realm *r, const char *token,
    int64_t now)
{
	unsigned char	th[HASH_LEN];

	web_hash(c, r->session, token, NULL, th);
	return db_session_touch(c->db, r->kind, th, now);
}

/* Ends r's session token. */
static int
web_session_end(struct consult *c, const struct web_realm *r, const char *token)
{
	unsigned char	th[HASH_LEN];

	web_hash(c, r->session, token, NULL, th);
	return db_session_delete(c->db, r->kind, th, 0);
}

int
web_session(struct consult *c, const char *token, int64_t now, struct web_user *u)
{
	struct participant	p;
	int			rc;

	memset(u, 0, sizeof *u);
	if ((rc = web_session_find(c, &realm_citizen, token, now, &u->pid,
	    &u->stale)) != 0)
		return rc;
	if ((rc = web_person(c, u->pid, &p)) != 0)
		return rc;
	snprintf(u->phone, sizeof u->phone, "%s", p.phone);
	u->lang = participant_lang(&p);
	u->latin = strcmp(p.row.script, "lat") == 0;
	snprintf(u->aimag, sizeof u->aimag, "%s", p.row.aimag);
	snprintf(u->soum, sizeof u->soum, "%s", p.row.soum);
	u->opted_out = p.row.opted_out;
	return 0;
}

int
web_session_touch(struct consult *c, const char *token, int64_t now)
{
	return web_session_seen(c, &realm_citizen, token, now);
}

int
web_sign_out(struct consult *c, const char *token)
{
	return web_session_end(c, &realm_citizen, token);
}

int
web_receipt_ok(struct consult *c, int64_t pid, const char *code, const char *receipt)
{
	struct participant	 p;
	size_t			 n = strlen(code);
	char			*end;
	long long		 id;

	if (receipt == NULL || strncmp(receipt, code, n) != 0 || receipt[n] != '-')
		return 0;
	id = strtoll(receipt + n + 1, &end, 10);
	if (*end != '\0' || id <= 0 || web_person(c, pid, &p) != 0)
		return 0;
	return db_audit_mine(c->db, id, p.hash, code);
}

int
web_official_session(struct consult *c, const char *token, int64_t now,
    struct official_user *u)
{
	struct db_official	o;
	int64_t			id;
	int			rc, stale;

	memset(u, 0, sizeof *u);
	if ((rc = web_session_find(c, &realm_official, token, now, &id, &stale)) != 0)
		return rc;
	if ((rc = db_official_by_id(c->db, id, &o)) != 0)
		return rc;
	if (o.disabled || official_role_parse(o.role, &u->role) != 0)
		return DB_NONE;
	u->id = o.id;
	snprintf(u->name, sizeof u->name, "%s", o.name);
	u->stale = stale;
	return 0;
}

int
web_official_touch(struct consult *c, const char *token, int64_t now)
{
	return web_session_seen(c, &realm_official, token, now);
}

int
web_official_sign_out(struct consult *c, const char *token, int64_t now)
{
	struct official_user	u;
	char			detail[96];
	int			rc;

	if ((rc = web_official_session(c, token, now, &u)) != 0 && rc != DB_NONE)
		return -1;
	if (!web_token_valid(token))
		return 0;
	if (web_session_end(c, &realm_official, token) != 0)
		return -1;
	if (rc == DB_NONE)		/* expired: gone, nobody to name */
		return 0;
	snprintf(detail, sizeof detail, "official %s", u.name);
	return db_audit(c->db, now, NULL, 0, "admin_sign_out", NULL, detail, "admin");
}
