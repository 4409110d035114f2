/* SPDX-License-Identifier: ISC */
/*
 * Officials and their API tokens (their web sessions are in db_web.c). An
 * official's password is kept only as an argon2id string, their phone sealed
 * with its keyed hash beside it, a token only as a keyed hash
 * (consult/official.c makes them); a token is found by its hash, so checking
 * one is a single indexed look-up and no comparison of secrets happens here.
 * Refused passwords are counted by the keyed hashes of the name and the
 * address.
 */
#include <string.h>

#include "db_int.h"

#define DB_OFFICIAL_COLUMNS "SELECT id, name, role, disabled, created, phone_enc " \
	"FROM official "

/*
 * Steps st once: 0 with the row filled into out by fill; DB_NONE past the last
 * row, or an error (st reset).
 */
static int
db_official_next(struct db *db, sqlite3_stmt *st,
    void (*fill)(sqlite3_stmt *, void *), void *out)
{
	int	rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		fill(st, out);
		return 0;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_NONE : db_rc(db, rc);
}

/* The one row of st, filled into out by fill: 0, DB_NONE or an error. */
static int
db_official_one(struct db *db, sqlite3_stmt *st,
    void (*fill)(sqlite3_stmt *, void *), void *out)
{
	int	rc = db_official_next(db, st, fill, out);

	sqlite3_reset(st);
	return rc;
}

/* Fills the struct db_official at p from a row of DB_OFFICIAL_COLUMNS. */
static void
db_official_row(sqlite3_stmt *st, void *p)
{
	struct db_official	*o = p;
	int			 len = sqlite3_column_bytes(st, 5);

	memset(o, 0, sizeof *o);
	o->id = sqlite3_column_int64(st, 0);
	db_copy_text(st, 1, o->name, sizeof o->name);
	db_copy_text(st, 2, o->role, sizeof o->role);
	o->disabled = sqlite3_column_int(st, 3);
	o->created = sqlite3_column_int64(st, 4);
	if (len > 0 && (size_t)len <= sizeof o->phone_enc) {
		memcpy(o->phone_enc, sqlite3_column_blob(st, 5), (size_t)len);
		o->phone_len = (size_t)len;
	}
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
	static const char sql[] = DB_OFFICIAL_COLUMNS "WHERE name = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	db_bind_text(st, 1, name);
	return db_official_one(db, st, db_official_row, o);
}

int
db_official_by_id(struct db *db, int64_t id, struct db_official *o)
{
	static const char sql[] = DB_OFFICIAL_COLUMNS "WHERE id = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return db_official_one(db, st, db_official_row, o);
}

int
db_official_phone_set(struct db *db, int64_t id, const unsigned char *hash,
    const unsigned char *enc, size_t len)
{
	static const char sql[] = "UPDATE official SET phone_hash = ?, phone_enc = ? "
	    "WHERE id = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_blob(st, 1, hash, DB_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, enc, (int)len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, id);
	return db_step_done(db, st);
}

int
db_official_disable(struct db *db, int64_t id, int disabled)
{
	static const char sql[] = "UPDATE official SET disabled = ? WHERE id = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, disabled);
	sqlite3_bind_int64(st, 2, id);
	return db_step_done(db, st);
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
	static const char sql[] = DB_OFFICIAL_COLUMNS "ORDER BY id";
	sqlite3_stmt		*st = db_prepare(db, sql);
	struct db_official	 o;
	int			 rc;

	if (st == NULL)
		return -1;
	while ((rc = db_official_next(db, st, db_official_row, &o)) == 0)
		cb(&o, arg);
	return rc == DB_NONE ? 0 : rc;
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

/*
 * Fills the struct db_token at p from a row of (id, official_id, name, role,
 * disabled, created, revoked).
 */
static void
db_token_row(sqlite3_stmt *st, void *p)
{
	struct db_token	*t = p;

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

	if (st == NULL)
		return -1;
	sqlite3_bind_blob(st, 1, hash, (int)len, SQLITE_TRANSIENT);
	return db_official_one(db, st, db_token_row, t);
}

int
db_token_get(struct db *db, int64_t id, struct db_token *t)
{
	static const char sql[] = DB_TOKEN_COLUMNS "WHERE t.id = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return db_official_one(db, st, db_token_row, t);
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
	while ((rc = db_official_next(db, st, db_token_row, &t)) == 0)
		cb(&t, arg);
	return rc == DB_NONE ? 0 : rc;
}

int
db_admin_attempt_add(struct db *db, const unsigned char *name_hash,
    const unsigned char *ip_hash, int64_t now)
{
	static const char old[] = "DELETE FROM admin_attempt WHERE ts < ?";
	static const char sql[] = "INSERT INTO admin_attempt (name_hash, ip_hash, ts) "
	    "VALUES (?, ?, ?)";
	sqlite3_stmt	*st = db_prepare(db, old);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, now - 86400);
	if ((rc = db_step_done(db, st)) != 0 || (st = db_prepare(db, sql)) == NULL)
		return rc != 0 ? rc : -1;
	sqlite3_bind_blob(st, 1, name_hash, DB_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, ip_hash, DB_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, now);
	return db_step_done(db, st);
}

int
db_admin_attempt_count(struct db *db, const unsigned char *name_hash,
    const unsigned char *ip_hash, int64_t since, int *by_name, int *by_ip)
{
	static const char sql[] = "SELECT "
	    "(SELECT count(*) FROM admin_attempt WHERE name_hash = ?1 AND ts >= ?3), "
	    "(SELECT count(*) FROM admin_attempt WHERE ip_hash = ?2 AND ts >= ?3)";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	*by_name = *by_ip = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_blob(st, 1, name_hash, DB_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, ip_hash, DB_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, since);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*by_name = sqlite3_column_int(st, 0);
		*by_ip = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : db_rc(db, rc);
}
