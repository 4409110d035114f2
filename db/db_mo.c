/* SPDX-License-Identifier: ISC */
/*
 * Inbound messages. Kannel's %I is UNIQUE here: a retried MO finds its row and
 * gets the same reply. Without an id, the same phone and text within the dedupe
 * window count once.
 */
#include <stdio.h>

#include "db_int.h"

/* Copies column 0 of a one-row query into *reply; 0, DB_NONE or -1. */
static int
db_mo_reply(struct db *db, sqlite3_stmt *st, char **reply)
{
	int	rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		*reply = db_dup_text(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? DB_NONE : db_rc(db, rc);
}

int
db_mo_find(struct db *db, const char *kannel_id, const unsigned char *phash,
    char **reply)
{
	static const char sql[] = "SELECT reply FROM mo WHERE kannel_id = ?1 AND "
	    "(phone_hash = ?2 OR phone_hash = zeroblob(32))";
	static const char other[] = "SELECT count(*) FROM mo WHERE kannel_id = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	db_bind_text(st, 1, kannel_id);
	sqlite3_bind_blob(st, 2, phash, 32, SQLITE_STATIC);
	if ((rc = db_mo_reply(db, st, reply)) != DB_NONE)
		return rc;
	if ((st = db_prepare(db, other)) == NULL)
		return -1;
	db_bind_text(st, 1, kannel_id);
	rc = sqlite3_step(st);
	rc = rc == SQLITE_ROW && sqlite3_column_int(st, 0) > 0 ? DB_OTHER : DB_NONE;
	sqlite3_reset(st);
	return rc;
}

int
db_mo_find_recent(struct db *db, const unsigned char *phash,
    const unsigned char *thash, int64_t since, char **reply)
{
	static const char sql[] = "SELECT reply FROM mo WHERE phone_hash = ? "
	    "AND text_hash = ? AND received >= ? AND kannel_id IS NULL "
	    "ORDER BY id DESC LIMIT 1";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_blob(st, 1, phash, 32, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, thash, 32, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, since);
	return db_mo_reply(db, st, reply);
}

int
db_mo_insert(struct db *db, const struct db_mo *mo)
{
	static const char sql[] = "INSERT INTO mo (kannel_id, phone_hash, text_hash, "
	    "text, smsc, received, command, reply) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	db_bind_text(st, 1, mo->kannel_id && *mo->kannel_id ? mo->kannel_id : NULL);
	sqlite3_bind_blob(st, 2, mo->phone_hash, 32, SQLITE_STATIC);
	sqlite3_bind_blob(st, 3, mo->text_hash, 32, SQLITE_STATIC);
	db_bind_text(st, 4, mo->text);
	db_bind_text(st, 5, mo->smsc);
	sqlite3_bind_int64(st, 6, mo->received);
	db_bind_text(st, 7, mo->command);
	db_bind_text(st, 8, mo->reply);
	return db_step_done(db, st);
}

int64_t
db_mo_count(struct db *db)
{
	static const char sql[] = "SELECT count(*) FROM mo";

	return db_query_int(db, sql);
}

int
db_mo_unlink(struct db *db, const unsigned char *phash)
{
	static const char sql[] = "UPDATE mo SET phone_hash = zeroblob(32) "
	    "WHERE phone_hash = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_blob(st, 1, phash, 32, SQLITE_STATIC);
	return db_step_done(db, st);
}
