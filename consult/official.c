/* SPDX-License-Identifier: ISC */
/*
 * Officials and API tokens. An official gets a random password, shown once and
 * kept only as an argon2id string (keyring.c); an API token is "sanal_" and
 * 256 random bits in hex, shown once and kept only as its keyed hash, so a
 * copy of the database lets nobody in. A bearer token is checked by hashing
 * it and looking the hash up: no secret is compared byte by byte, so the time
 * taken says nothing about how much of a guess was right. Every change, and
 * every use of a known token, is a row of the audit trail (channel "admin").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "consult_int.h"

#define TOKEN_DOMAIN	"api_token"

static const char *const official_roles[] = { "viewer", "analyst", "admin" };

/* Letters and digits that cannot be mistaken for each other: 32 of them. */
static const char official_alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";

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

int
official_add(struct consult *c, const char *name, const char *role, int64_t now,
    char **password_out, char **cause)
{
	struct db_official	 o;
	enum official_role	 r;
	char			 hash[KEYRING_PWHASH_LEN], detail[96], *pw;
	int			 rc;

	*cause = NULL;
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
	snprintf(detail, sizeof detail, "official %s role %s", name, role);
	if (db_begin(c->db) != 0 || official_commit(c, db_official_insert(c->db, name,
	    role, hash, now, NULL) != 0 || db_audit(c->db, now, NULL, 0, "official_add",
	    NULL, detail, "admin") != 0, cause) != 0) {
		if (*cause == NULL)
			*cause = xstrdup(db_errmsg(c->db));
		free(pw);
		return -1;
	}
	*password_out = pw;
	return 0;
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
