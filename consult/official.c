/* SPDX-License-Identifier: ISC */
/*
 * Officials and API tokens. An official gets a random password, shown once and
 * kept only as an argon2id string (keyring.c); an API token is "sanal_" and
 * 256 random bits in hex, shown once and kept only as its keyed hash, so a
 * copy of the database lets nobody in. A bearer token is checked by hashing
 * it and looking the hash up: no secret is compared byte by byte, so the time
 * taken says nothing about how much of a guess was right. Every change, and
 * every use of a known token, is a row of the audit trail (channel "admin").
 *
 * An official signs in at /admin with their name and password, then a code
 * sent by SMS to the phone on their account (sealed, with its keyed hash, like
 * a participant's). Step one answers alike, after the same argon2id work, for
 * an unknown name, a wrong password, a disabled official and one without a
 * phone; 5 refusals of a name, or 20 from an address, in 15 minutes refuse
 * every further try for a while. Refusals are counted by keyed hashes and
 * audited without the name typed unless it is an official's. A check runs
 * before the batch that stores its refusal, so the checks not yet committed
 * are counted too, and the counts are read again in the transaction, where
 * the answer is settled: requests sent at once get no more tries. At most 8
 * checks wait for their commit; past that the page answers busy unchecked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "consult_int.h"

#define TOKEN_DOMAIN	"api_token"
#define LOGIN_WINDOW	900	/* seconds: refusals counted over it */
#define LOGIN_PER_NAME	5
#define LOGIN_PER_IP	20
#define LOGIN_CHECKS	8	/* argon2id checks awaiting their commit, at most */

static const char *const official_roles[] = { "viewer", "analyst", "admin" };

/* Letters and digits that cannot be mistaken for each other: 32 of them. */
static const char official_alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";

/* An argon2id string of no one's password: an unknown name costs the same. */
static char official_dummy[KEYRING_PWHASH_LEN];

/*
 * Password checks made whose batch has not ended: their refusals are not in
 * the database yet. Few, as each is some 50 ms of the one event loop's time.
 */
static struct {
	unsigned char	nh[HASH_LEN], ih[HASH_LEN];
	int		used;
} official_checks[LOGIN_CHECKS];

const char *
official_role_name(enum official_role role)
{
	return official_roles[role];
}

int
official_role_parse(const char *s, enum official_role *role)
{
	size_t	i;

	for (i = 0; i < nitems(official_roles); i++) {
		if (strcmp(s, official_roles[i]) == 0) {
			*role = (enum official_role)i;
			return 0;
		}
	}
	return -1;
}

/* 1 if name is 1 to 63 bytes of UTF-8 without spaces or control characters. */
static int
official_name_ok(const char *name)
{
	const unsigned char	*p;
	size_t			 len = strlen(name);

	if (len == 0 || len > 63 || !utf8_valid(name, len))
		return 0;
	for (p = (const unsigned char *)name; *p != '\0'; p++) {
		if (*p <= 0x20 || *p == 0x7f)
			return 0;
	}
	return 1;
}

/* A new password of OFFICIAL_PASSWORD_LEN characters. Caller frees. */
static char *
official_password_new(void)
{
	unsigned char	 r[OFFICIAL_PASSWORD_LEN];
	char		*pw = xmalloc(sizeof r + 1);
	size_t		 i;

	keyring_random(r, sizeof r);
	for (i = 0; i < sizeof r; i++)
		pw[i] = official_alphabet[r[i] & 31];	/* 256 / 32: no bias */
	pw[sizeof r] = '\0';
	keyring_wipe(r, sizeof r);
	return pw;
}

/* Commits, or rolls back and sets *cause. 0 or -1. */
static int
official_commit(struct consult *c, int rc, char **cause)
{
	if (rc == 0 && db_commit(c->db) == 0)
		return 0;
	*cause = xstrdup(db_errmsg(c->db));
	db_rollback(c->db);
	return -1;
}

/* A Mongolian number in E.164, as citizens' codes need: 0, or -1 with *cause. */
static int
official_phone_ok(const char *phone, char e164[PHONE_MAX], char **cause)
{
	if (phone_normalise(phone, e164) != 0 || strncmp(e164, "+976", 4) != 0) {
		*cause = xstrdup("the phone must be a Mongolian number (8 digits, or +976 "
		    "and 8 digits)");
		return -1;
	}
	return 0;
}

/* Stores the official's phone, sealed and hashed, in the caller's transaction. */
static int
official_phone_store(struct consult *c, int64_t id, const char *e164)
{
	unsigned char	 h[HASH_LEN], *enc;
	size_t		 len;
	int		 rc;

	keyring_hash(c->kr, e164, h);
	keyring_seal(c->kr, e164, &enc, &len);
	rc = db_official_phone_set(c->db, id, h, enc, len);
	free(enc);
	return rc;
}

int
official_add(struct consult *c, const char *name, const char *role, const char *phone,
    int64_t now, char **password_out, char **cause)
{
	struct db_official	 o;
	enum official_role	 r;
	char			 hash[KEYRING_PWHASH_LEN], detail[96], e164[PHONE_MAX], *pw;
	int64_t			 id;
	int			 rc;

	*cause = NULL;
	if (phone != NULL && official_phone_ok(phone, e164, cause) != 0)
		return -1;
	if (!official_name_ok(name)) {
		*cause = xstrdup("the name must be 1 to 63 bytes of UTF-8, no spaces");
		return -1;
	}
	if (official_role_parse(role, &r) != 0) {
		*cause = xasprintf("role \"%s\": must be viewer, analyst or admin", role);
		return -1;
	}
	if ((rc = db_official_get(c->db, name, &o)) != DB_NONE) {
		*cause = rc == 0 ? xasprintf("an official named %s exists already", name) :
		    xstrdup(db_errmsg(c->db));
		return -1;
	}
	pw = official_password_new();
	if (keyring_password_hash(pw, hash) != 0) {
		*cause = xstrdup("cannot hash the password (out of memory)");
		free(pw);
		return -1;
	}
	snprintf(detail, sizeof detail, "official %s role %s%s", name, role,
	    phone ? " with a phone" : "");
	if (db_begin(c->db) != 0 || official_commit(c, db_official_insert(c->db, name,
	    role, hash, now, &id) != 0 || (phone != NULL && official_phone_store(c, id,
	    e164) != 0) || db_audit(c->db, now, NULL, 0, "official_add", NULL, detail,
	    "admin") != 0, cause) != 0) {
		if (*cause == NULL)
			*cause = xstrdup(db_errmsg(c->db));
		free(pw);
		return -1;
	}
	*password_out = pw;
	return 0;
}

/* The official named, or -1 with *cause. */
static int
official_find(struct consult *c, const char *name, struct db_official *o, char **cause)
{
	int	rc;

	if ((rc = db_official_get(c->db, name, o)) == 0)
		return 0;
	*cause = rc == DB_NONE ? xasprintf("no official named %s", name) :
	    xstrdup(db_errmsg(c->db));
	return -1;
}

int
official_phone(struct consult *c, const char *name, const char *phone, int64_t now,
    char **cause)
{
	struct db_official	o;
	char			e164[PHONE_MAX], detail[96];

	*cause = NULL;
	if (official_find(c, name, &o, cause) != 0 ||
	    official_phone_ok(phone, e164, cause) != 0)
		return -1;
	snprintf(detail, sizeof detail, "official %s: phone set", o.name);
	if (db_begin(c->db) != 0) {
		*cause = xstrdup(db_errmsg(c->db));
		return -1;
	}
	return official_commit(c, official_phone_store(c, o.id, e164) != 0 ||
	    db_audit(c->db, now, NULL, 0, "official_phone", NULL, detail, "admin") != 0,
	    cause);
}

int
official_disable(struct consult *c, const char *name, int disabled, int64_t now,
    char **cause)
{
	struct db_official	o;
	char			detail[96];

	*cause = NULL;
	if (official_find(c, name, &o, cause) != 0)
		return -1;
	snprintf(detail, sizeof detail, "official %s", o.name);
	if (db_begin(c->db) != 0) {
		*cause = xstrdup(db_errmsg(c->db));
		return -1;
	}
	/* disabled: their web sessions end now (tokens are refused by token_check) */
	return official_commit(c, db_official_disable(c->db, o.id, disabled) != 0 ||
	    (disabled && db_session_delete(c->db, DB_SESSION_ADMIN, NULL,
	    o.id) != 0) ||
	    db_audit(c->db, now, NULL, 0, disabled ? "official_disable" :
	    "official_enable", NULL, detail, "admin") != 0, cause);
}

void
official_phone_masked(struct consult *c, const unsigned char *enc, size_t len,
    char out[24])
{
	char	phone[PHONE_MAX];

	*out = '\0';
	if (len > 0 && keyring_open(c->kr, enc, len, phone) == 0)
		web_mask(phone, out);
	keyring_wipe(phone, sizeof phone);
}

/* The keyed hashes refusals are counted by: the name as typed, the address. */
static void
official_attempt_hashes(const struct consult *c, const struct official_attempt *a,
    unsigned char nh[HASH_LEN], unsigned char ih[HASH_LEN])
{
	char	*s = xasprintf("admin_name\x1f%s", a->name);

	keyring_hash(c->kr, s, nh);
	free(s);
	s = xasprintf("admin_ip\x1f%s", a->ip);
	keyring_hash(c->kr, s, ih);
	free(s);
}

int
official_init(char **cause)
{
	unsigned char	 r[16];
	char		 pw[sizeof r * 2 + 1];
	size_t		 i;
	int		 rc;

	if (*official_dummy != '\0')
		return 0;
	keyring_random(r, sizeof r);
	for (i = 0; i < sizeof r; i++)
		snprintf(pw + 2 * i, 3, "%02x", r[i]);
	if ((rc = keyring_password_hash(pw, official_dummy)) != 0) {
		*official_dummy = '\0';
		*cause = xstrdup("cannot hash the sign-in dummy password (out of memory)");
	}
	keyring_wipe(r, sizeof r);
	keyring_wipe(pw, sizeof pw);
	return rc == 0 ? 0 : -1;
}

/* The checks not yet committed of this name and of this address. */
static void
official_checks_count(const unsigned char nh[HASH_LEN], const unsigned char ih[HASH_LEN],
    int *by_name, int *by_ip)
{
	size_t	i;

	*by_name = *by_ip = 0;
	for (i = 0; i < LOGIN_CHECKS; i++) {
		if (!official_checks[i].used)
			continue;
		*by_name += memcmp(official_checks[i].nh, nh, HASH_LEN) == 0;
		*by_ip += memcmp(official_checks[i].ih, ih, HASH_LEN) == 0;
	}
}

/* A place among the checks in flight for a: 0, or -1 if all are taken. */
static int
official_checks_take(struct official_attempt *a, const unsigned char nh[HASH_LEN],
    const unsigned char ih[HASH_LEN])
{
	size_t	i;

	for (i = 0; i < LOGIN_CHECKS; i++) {
		if (official_checks[i].used)
			continue;
		memcpy(official_checks[i].nh, nh, HASH_LEN);
		memcpy(official_checks[i].ih, ih, HASH_LEN);
		official_checks[i].used = 1;
		a->check = (int)i + 1;
		return 0;
	}
	return -1;
}

void
official_release(struct official_attempt *a)
{
	if (a->check > 0 && a->check <= LOGIN_CHECKS)
		official_checks[a->check - 1].used = 0;
	a->check = 0;
}

enum official_login
official_password(struct consult *c, struct official_attempt *a)
{
	struct db_official	 o;
	unsigned char		 nh[HASH_LEN], ih[HASH_LEN];
	char			*hash = NULL;
	int			 by_name, by_ip, fl_name, fl_ip, rc, known, right;

	a->official_id = 0;
	a->phone[0] = '\0';
	a->why = NULL;
	a->check = 0;
	if (*official_dummy == '\0')
		return LOGIN_ERROR;	/* official_init() was not called */
	official_attempt_hashes(c, a, nh, ih);
	if (db_admin_attempt_count(c->db, nh, ih, a->now - LOGIN_WINDOW, &by_name,
	    &by_ip) != 0)
		return LOGIN_ERROR;
	official_checks_count(nh, ih, &fl_name, &fl_ip);
	if (by_name + fl_name >= LOGIN_PER_NAME || by_ip + fl_ip >= LOGIN_PER_IP) {
		/* official_settle() says if it is the first: counted, audited */
		a->why = "too many tries, refused for 15 minutes";
		return LOGIN_LIMIT;
	}
	if ((rc = db_official_get(c->db, a->name, &o)) != 0 && rc != DB_NONE)
		return LOGIN_ERROR;
	if (rc == 0 && (rc = db_official_password(c->db, a->name, &hash)) != 0 &&
	    rc != DB_NONE)
		return LOGIN_ERROR;
	if (official_checks_take(a, nh, ih) != 0) {
		free(hash);
		return LOGIN_BUSY;
	}
	known = rc == 0;
	right = keyring_password_check(known ? hash : official_dummy, a->password) &&
	    known;
	free(hash);
	if (!known)
		a->why = "unknown name";
	else if (!right)
		a->why = "wrong password";
	else if (o.disabled)
		a->why = "disabled";
	else if (o.phone_len == 0 || keyring_open(c->kr, o.phone_enc, o.phone_len,
	    a->phone) != 0)
		a->why = "no phone set";
	else {
		a->official_id = o.id;
		return LOGIN_OK;
	}
	keyring_wipe(a->phone, sizeof a->phone);
	return LOGIN_WRONG;
}

int
official_settle(struct consult *c, struct official_attempt *a, enum official_login *res)
{
	struct db_official	o;
	unsigned char		nh[HASH_LEN], ih[HASH_LEN];
	char			detail[128];
	int			by_name, by_ip;

	official_attempt_hashes(c, a, nh, ih);
	if (db_admin_attempt_count(c->db, nh, ih, a->now - LOGIN_WINDOW, &by_name,
	    &by_ip) != 0)
		return -1;
	if (by_name >= LOGIN_PER_NAME || by_ip >= LOGIN_PER_IP) {
		/* a check that got past a limit only by racing others: refused */
		if (*res == LOGIN_OK) {
			a->official_id = 0;
			keyring_wipe(a->phone, sizeof a->phone);
		}
		*res = LOGIN_LIMIT;
		/* the first try past a limit is counted and audited; the rest are not */
		a->why = by_name == LOGIN_PER_NAME || by_ip == LOGIN_PER_IP ?
		    "too many tries, refused for 15 minutes" : NULL;
	} else if (*res == LOGIN_LIMIT)
		a->why = NULL;	/* refused for checks in flight: nothing was tried */
	if (*res == LOGIN_OK || a->why == NULL)
		return 0;
	/* never a name typed that is no official's: it may be a password */
	if (db_official_get(c->db, a->name, &o) == 0)
		snprintf(detail, sizeof detail, "official %s: %s", o.name, a->why);
	else
		snprintf(detail, sizeof detail, "%s", a->why);
	return db_admin_attempt_add(c->db, nh, ih, a->now) != 0 ||
	    db_audit(c->db, a->now, NULL, 0, "admin_password_refused", NULL, detail,
	    "admin") != 0 ? -1 : 0;
}

/* The keyed hash a token is stored and looked up by. */
static void
token_hash(const struct consult *c, const char *token, unsigned char out[HASH_LEN])
{
	char	*s = xasprintf("%s\x1f%s", TOKEN_DOMAIN, token);

	keyring_hash(c->kr, s, out);
	keyring_wipe(s, strlen(s));
	free(s);
}

/* 1 if s looks like a token: the prefix, then 64 lowercase hex digits. */
static int
token_well_formed(const char *s)
{
	size_t	plen = strlen(API_TOKEN_PREFIX), i;

	if (strlen(s) != API_TOKEN_LEN || strncmp(s, API_TOKEN_PREFIX, plen) != 0)
		return 0;
	for (i = plen; i < API_TOKEN_LEN; i++) {
		if (strchr("0123456789abcdef", s[i]) == NULL)
			return 0;
	}
	return 1;
}

/* A new token. Caller frees. */
static char *
token_new(void)
{
	unsigned char	 r[(API_TOKEN_LEN - 6) / 2];
	char		*t = xmalloc(API_TOKEN_LEN + 1);
	size_t		 i;

	keyring_random(r, sizeof r);
	memcpy(t, API_TOKEN_PREFIX, 6);
	for (i = 0; i < sizeof r; i++)
		snprintf(t + 6 + 2 * i, 3, "%02x", r[i]);
	keyring_wipe(r, sizeof r);
	return t;
}

int
token_add(struct consult *c, const char *official, int64_t now, char **token_out,
    int64_t *id, char **cause)
{
	struct db_official	 o;
	unsigned char		 h[HASH_LEN];
	char			 detail[112], *t;
	int			 rc;

	*cause = NULL;
	if ((rc = db_official_get(c->db, official, &o)) != 0) {
		*cause = rc == DB_NONE ? xasprintf("no official named %s", official) :
		    xstrdup(db_errmsg(c->db));
		return -1;
	}
	if (o.disabled) {
		*cause = xasprintf("official %s is disabled", official);
		return -1;
	}
	t = token_new();
	token_hash(c, t, h);
	if (db_begin(c->db) != 0 || (rc = db_token_insert(c->db, o.id, h, sizeof h, now,
	    id)) != 0)
		goto fail;
	snprintf(detail, sizeof detail, "token %lld for official %s role %s",
	    (long long)*id, o.name, o.role);
	if (official_commit(c, db_audit(c->db, now, NULL, 0, "token_add", NULL, detail,
	    "admin"), cause) != 0)
		goto fail;
	*token_out = t;
	return 0;
fail:
	if (*cause == NULL) {
		*cause = xstrdup(db_errmsg(c->db));
		db_rollback(c->db);
	}
	free(t);
	return -1;
}

int
token_revoke(struct consult *c, int64_t id, int64_t now, char **cause)
{
	struct db_token	t;
	char		detail[112];
	int		rc;

	if ((rc = db_token_get(c->db, id, &t)) != 0 || t.revoked != 0) {
		*cause = rc == DB_NONE ? xasprintf("no token %lld", (long long)id) :
		    rc == 0 ? xasprintf("token %lld was revoked already", (long long)id) :
		    xstrdup(db_errmsg(c->db));
		return -1;
	}
	snprintf(detail, sizeof detail, "token %lld of official %s", (long long)id,
	    t.official);
	if (db_begin(c->db) != 0) {
		*cause = xstrdup(db_errmsg(c->db));
		return -1;
	}
	*cause = NULL;
	return official_commit(c, db_token_revoke(c->db, id, now) != 0 ||
	    db_audit(c->db, now, NULL, 0, "token_revoke", NULL, detail, "admin") != 0,
	    cause);
}

enum token_result
token_check(struct consult *c, const char *bearer, int64_t now,
    enum official_role *role, int64_t *official_id, char official[64])
{
	struct db_token	t;
	unsigned char	h[HASH_LEN];
	char		detail[112];
	int		rc, ok;

	if (bearer == NULL || !token_well_formed(bearer))
		return TOKEN_MALFORMED;
	token_hash(c, bearer, h);
	if ((rc = db_token_find(c->db, h, sizeof h, &t)) == DB_NONE)
		return TOKEN_UNKNOWN;
	if (rc != 0)
		return TOKEN_ERROR;
	ok = t.revoked == 0 && !t.disabled && official_role_parse(t.role, role) == 0;
	snprintf(detail, sizeof detail, "token %lld of official %s%s", (long long)t.id,
	    t.official, t.revoked ? " (revoked)" : t.disabled ? " (disabled)" : "");
	if (db_audit(c->db, now, NULL, 0, ok ? "token_used" : "token_refused", NULL,
	    detail, "admin") != 0)
		return TOKEN_ERROR;
	if (!ok)
		return TOKEN_REVOKED;
	*official_id = t.official_id;
	snprintf(official, 64, "%s", t.official);
	return TOKEN_OK;
}
