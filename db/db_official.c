/* SPDX-License-Identifier: ISC */
/*
 * Officials and their API tokens. An official's password is kept only as an
 * argon2id string, a token only as a keyed hash (consult/official.c makes
 * both); a token is found by its hash, so checking one is a single indexed
 * look-up and no comparison of secrets happens here.
 */
#include <string.h>

#include "db_int.h"

/* Fills o from a row of (id, name, role, disabled, created). */
static void
db_official_row(sqlite3_stmt *st, struct db_official *o)
{
	memset(o, 0, sizeof *o);
	o->id = sqlite3_column_int64(st, 0);
	db_copy_text(st, 1, o->name, sizeof o->name);
	db_copy_text(st, 2, o->role, sizeof o->role);
	o->disabled = sqlite3_column_int(st, 3);
	o->created = sqlite3_column_int64(st, 4);
}

int
db_official_insert(struct db *db, const char *name, const char *role,
    const char *password_hash, int64_t now, int64_t *id)
{
	static const char sql[] = "INSERT INTO official (name, role, password_hash, "
	    "created) VALUES (?, ?, ?, ?)";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, role);
	db_bind_text(st, 3, password_hash);
	sqlite3_bind_int64(st, 4, now);
	if ((rc = db_step_done(db, st)) == 0 && id != NULL)
		*id = db_last_id(db);
	return rc;
}

int
db_official_get(struct db *db, const char *name, struct db_official *o)
{
	static const char sql[] = "SELECT id, name, role, disabled, created "
	    "FROM official WHERE name = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	db_bind_text(st, 1, name);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		db_official_row(st, o);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? DB_NONE : db_rc(db, rc);
}

int
db_official_password(struct db *db, const char *name, char **hash)
{
	static const char sql[] = "SELECT password_hash FROM official WHERE name = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	db_bind_text(st, 1, name);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*hash = db_dup_text(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? DB_NONE : db_rc(db, rc);
}

int
db_official_each(struct db *db, void (*cb)(const struct db_official *, void *),
    void *arg)
{
	static const char sql[] = "SELECT id, name, role, disabled, created "
	    "FROM official ORDER BY id";
	sqlite3_stmt		*st = db_prepare(db, sql);
	struct db_official	 o;
	int			 rc;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		db_official_row(st, &o);
		cb(&o, arg);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_rc(db, rc);
}

int
db_token_insert(struct db *db, int64_t official_id, const unsigned char *hash,
    size_t len, int64_t now, int64_t *id)
{
	static const char sql[] = "INSERT INTO api_token (official_id, token_hash, "
	    "created) VALUES (?, ?, ?)";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, official_id);
	sqlite3_bind_blob(st, 2, hash, (int)len, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, now);
	if ((rc = db_step_done(db, st)) == 0 && id != NULL)
		*id = db_last_id(db);
	return rc;
}

/* Fills t from a row of (id, official_id, name, role, disabled, created, revoked). */
static void
db_token_row(sqlite3_stmt *st, struct db_token *t)
{
	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(st, 0);
	t->official_id = sqlite3_column_int64(st, 1);
	db_copy_text(st, 2, t->official, sizeof t->official);
	db_copy_text(st, 3, t->role, sizeof t->role);
	t->disabled = sqlite3_column_int(st, 4);
	t->created = sqlite3_column_int64(st, 5);
	t->revoked = sqlite3_column_type(st, 6) == SQLITE_NULL ? 0 :
	    sqlite3_column_int64(st, 6);
}

#define DB_TOKEN_COLUMNS "SELECT t.id, t.official_id, o.name, o.role, o.disabled, " \
	"t.created, t.revoked FROM api_token t JOIN official o ON o.id = t.official_id "

int
db_token_find(struct db *db, const unsigned char *hash, size_t len,
    struct db_token *t)
{
	static const char sql[] = DB_TOKEN_COLUMNS "WHERE t.token_hash = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_blob(st, 1, hash, (int)len, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		db_token_row(st, t);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? DB_NONE : db_rc(db, rc);
}

int
db_token_get(struct db *db, int64_t id, struct db_token *t)
{
	static const char sql[] = DB_TOKEN_COLUMNS "WHERE t.id = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		db_token_row(st, t);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? DB_NONE : db_rc(db, rc);
}

int
db_token_revoke(struct db *db, int64_t id, int64_t now)
{
	static const char sql[] = "UPDATE api_token SET revoked = ? "
	    "WHERE id = ? AND revoked IS NULL";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, id);
	if ((rc = db_step_done(db, st)) != 0)
		return rc;
	return sqlite3_changes(db->h) == 1 ? 0 : DB_NONE;
}

int
db_token_each(struct db *db, void (*cb)(const struct db_token *, void *), void *arg)
{
	static const char sql[] = DB_TOKEN_COLUMNS "ORDER BY t.id";
	sqlite3_stmt	*st = db_prepare(db, sql);
	struct db_token	 t;
	int		 rc;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		db_token_row(st, &t);
		cb(&t, arg);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_rc(db, rc);
}
