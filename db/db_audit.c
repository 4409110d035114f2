/* SPDX-License-Identifier: ISC */
/*
 * The audit trail, tamper-evident: each row carries a hash of its content and
 * of the row before it (BLAKE2b, unkeyed, through the hasher consult/ sets),
 * so a row changed, removed or slipped in with the sqlite3 shell breaks the
 * chain from there on, and a head hash published outside (open data) cannot be
 * matched by a rewritten history. Rows are numbered 1, 2, 3... without gaps.
 * Who acted is left out of the hash: erasure replaces it by a pseudonym.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_int.h"

void
db_set_hasher(struct db *db, db_hasher *fn)
{
	db->hasher = fn;
}

/* "len:text" for one field, so that no separator inside a field can fool the hash. */
static void
db_audit_field(struct buf *b, const char *s)
{
	buf_addf(b, "%zu:%s|", s ? strlen(s) + 1 : 0, s ? s : "");
}

void
db_audit_hash(struct db *db, const struct db_audit_row *r, const unsigned char *prev,
    unsigned char out[DB_HASH_LEN])
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < DB_HASH_LEN; i++)
		buf_addf(&b, "%02x", prev ? prev[i] : 0);
	buf_addf(&b, "\n%lld|%lld|", (long long)r->id, (long long)r->ts);
	db_audit_field(&b, r->action);
	db_audit_field(&b, r->item_code);
	db_audit_field(&b, r->detail);
	db_audit_field(&b, r->channel);
	db->hasher(b.data, out);
	buf_free(&b);
}

/* The last row's id and hash (prev zeroed when there is none or it has no hash). */
static int
db_audit_last(struct db *db, int64_t *id, unsigned char prev[DB_HASH_LEN])
{
	static const char sql[] = "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	*id = 0;
	memset(prev, 0, DB_HASH_LEN);
	if (st == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		if (sqlite3_column_bytes(st, 1) == DB_HASH_LEN)
			memcpy(prev, sqlite3_column_blob(st, 1), DB_HASH_LEN);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_rc(db, rc);
}

int
db_audit(struct db *db, int64_t now, const unsigned char *who, size_t wholen,
    const char *action, const char *item_code, const char *detail,
    const char *channel)
{
	static const char sql[] = "INSERT INTO audit (id, ts, who_hash, action, "
	    "item_code, detail, channel, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	struct db_audit_row	 r = { 0, now, action, item_code, detail, channel };
	unsigned char		 prev[DB_HASH_LEN], hash[DB_HASH_LEN];
	sqlite3_stmt		*st;

	if (db_audit_last(db, &r.id, prev) != 0 || (st = db_prepare(db, sql)) == NULL)
		return -1;
	r.id++;
	sqlite3_bind_int64(st, 1, r.id);
	sqlite3_bind_int64(st, 2, now);
	if (who != NULL)
		sqlite3_bind_blob(st, 3, who, (int)wholen, SQLITE_STATIC);
	db_bind_text(st, 4, action);
	db_bind_text(st, 5, item_code);
	db_bind_text(st, 6, detail);
	db_bind_text(st, 7, channel);
	if (db->hasher != NULL) {
		db_audit_hash(db, &r, prev, hash);
		sqlite3_bind_blob(st, 8, hash, DB_HASH_LEN, SQLITE_STATIC);
	}
	return db_step_done(db, st);
}

/* A row's hashed columns, selected in the order id, ts, action, item, detail, channel. */
static void
db_audit_read(sqlite3_stmt *st, struct db_audit_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->ts = sqlite3_column_int64(st, 1);
	r->action = (const char *)sqlite3_column_text(st, 2);
	r->item_code = (const char *)sqlite3_column_text(st, 3);
	r->detail = (const char *)sqlite3_column_text(st, 4);
	r->channel = (const char *)sqlite3_column_text(st, 5);
}

int
db_audit_each(struct db *db, int (*cb)(const struct db_audit_row *,
    const unsigned char *hash, size_t len, void *), void *arg)
{
	static const char sql[] = "SELECT id, ts, action, item_code, detail, channel, "
	    "hash FROM audit ORDER BY id";
	sqlite3_stmt		*st = db_prepare(db, sql);
	struct db_audit_row	 r;
	int			 rc, stop = 0;

	if (st == NULL)
		return -1;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		db_audit_read(st, &r);
		stop = cb(&r, sqlite3_column_blob(st, 6),
		    (size_t)sqlite3_column_bytes(st, 6), arg);
	}
	sqlite3_reset(st);
	return stop || rc == SQLITE_DONE ? 0 : db_rc(db, rc);
}

/* Hashes the rows written before the chain existed; once per database. */
int
db_audit_chain_start(struct db *db)
{
	static const char done[] = "SELECT count(*) FROM meta WHERE key = 'audit_chain'";
	static const char rows[] = "SELECT id, ts, action, item_code, detail, channel "
	    "FROM audit WHERE hash IS NULL ORDER BY id";
	static const char set[] = "UPDATE audit SET hash = ? WHERE id = ?";
	static const char mark[] = "INSERT INTO meta (key, value) VALUES ('audit_chain', "
	    "'from the first row')";
	sqlite3_stmt		*st, *up;
	struct db_audit_row	 r;
	unsigned char		 prev[DB_HASH_LEN], hash[DB_HASH_LEN];
	int			 rc = 0;

	if (db->hasher == NULL || db_query_int(db, done) != 0)
		return 0;
	if (db_begin(db) != 0)
		return -1;
	memset(prev, 0, sizeof prev);
	if ((st = db_prepare(db, rows)) == NULL)
		rc = -1;
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		db_audit_read(st, &r);
		db_audit_hash(db, &r, prev, hash);
		memcpy(prev, hash, sizeof prev);
		if ((up = db_prepare(db, set)) == NULL)
			rc = -1;
		else {
			sqlite3_bind_blob(up, 1, hash, DB_HASH_LEN, SQLITE_STATIC);
			sqlite3_bind_int64(up, 2, r.id);
			rc = db_step_done(db, up);
		}
	}
	if (st != NULL)
		sqlite3_reset(st);
	if (rc == 0 && (st = db_prepare(db, mark)) != NULL)
		rc = db_step_done(db, st);
	if (rc != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db);
}

int
db_audit_pseudonymise(struct db *db, const unsigned char *who, size_t len,
    const unsigned char *pseudonym)
{
	static const char sql[] = "UPDATE audit SET who_hash = ?2 WHERE who_hash = ?1";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_blob(st, 1, who, (int)len, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, pseudonym, (int)len, SQLITE_STATIC);
	return db_step_done(db, st);
}

int
db_audit_head_keep(struct db *db, const char *day, int64_t now)
{
	static const char sql[] = "INSERT OR IGNORE INTO audit_head (day, row, hash, ts) "
	    "SELECT ?, id, hash, ? FROM audit WHERE hash IS NOT NULL "
	    "ORDER BY id DESC LIMIT 1";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	db_bind_text(st, 1, day);
	sqlite3_bind_int64(st, 2, now);
	return db_step_done(db, st);
}

int
db_audit_heads(struct db *db, void (*cb)(const char *day, int64_t row,
    const unsigned char *hash, size_t len, void *), void *arg)
{
	static const char sql[] = "SELECT day, row, hash FROM audit_head ORDER BY day";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		cb((const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1),
		    sqlite3_column_blob(st, 2), (size_t)sqlite3_column_bytes(st, 2), arg);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_rc(db, rc);
}
