/* SPDX-License-Identifier: ISC */
/*
 * The consult handle: one database connection and the key file beside it
 * (DB.key). sanald and sanalctl both open the platform through here.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "consult_int.h"

int
consult_open(const char *dbpath, int create, struct consult **out, char **cause)
{
	struct consult	*c = xcalloc(1, sizeof *c);
	char		*keypath = xasprintf("%s.key", dbpath);
	int		 rc = -1;

	c->dedupe_window = 120;
	if (!create && access(dbpath, F_OK) != 0) {
		*cause = xasprintf("%s: %s (create it with: sanalctl -d %s init)",
		    dbpath, strerror(errno), dbpath);
		goto out;
	}
	if (create && access(keypath, F_OK) != 0) {
		if (access(dbpath, F_OK) == 0) {
			*cause = xasprintf("%s exists but its key file %s is missing: "
			    "restore the key from a backup (a new key could not read "
			    "the stored phone numbers)", dbpath, keypath);
			goto out;
		}
		if (keyring_create(keypath, cause) != 0)
			goto out;
	}
	if (keyring_load(keypath, &c->kr, cause) != 0)
		goto out;
	if (db_open(dbpath, create, &c->db, cause) != 0)
		goto out;
	db_set_hasher(c->db, keyring_text_hash);
	if (db_audit_chain_start(c->db) != 0) {
		*cause = xasprintf("%s: chaining the audit trail: %s", dbpath,
		    db_errmsg(c->db));
		goto out;
	}
	rc = 0;
out:
	free(keypath);
	if (rc == 0)
		*out = c;
	else
		consult_close(c);
	return rc;
}

void
consult_close(struct consult *c)
{
	if (c == NULL)
		return;
	consult_analysis_close(c);
	db_close(c->db);
	keyring_free(c->kr);
	free(c);
}

struct db *
consult_db(struct consult *c)
{
	return c->db;
}

const struct keyring *
consult_keyring(struct consult *c)
{
	return c->kr;
}

void
consult_set_dedupe_window(struct consult *c, int seconds)
{
	c->dedupe_window = seconds;
}

int
consult_begin(struct consult *c)
{
	return db_begin(c->db);
}

int
consult_commit(struct consult *c)
{
	return db_commit(c->db);
}

int
consult_rollback(struct consult *c)
{
	return db_rollback(c->db);
}
