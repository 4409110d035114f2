/* SPDX-License-Identifier: ISC */
/*
 * The outbox: outgoing SMS waiting to be handed to Kannel. A row stays queued
 * until Kannel accepts it (sent), is retried with back-off on temporary
 * failures, and records the delivery report when one arrives.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_int.h"

int
db_outbox_add_at(struct db *db, int64_t pid, const unsigned char *enc, size_t len,
    const char *text, const char *kind, int64_t now, int64_t next_at)
{
	static const char sql[] = "INSERT INTO outbox (participant_id, phone_enc, "
	    "text, kind, next_at, created) VALUES (?, ?, ?, ?, ?, ?)";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	if (pid > 0)
		sqlite3_bind_int64(st, 1, pid);
	sqlite3_bind_blob(st, 2, enc, (int)len, SQLITE_STATIC);
	db_bind_text(st, 3, text);
	db_bind_text(st, 4, kind);
	sqlite3_bind_int64(st, 5, next_at);
	sqlite3_bind_int64(st, 6, now);
	return db_step_done(db, st);
}

int
db_outbox_add(struct db *db, int64_t pid, const unsigned char *enc, size_t len,
    const char *text, const char *kind, int64_t now)
{
	return db_outbox_add_at(db, pid, enc, len, text, kind, now, now);
}

int
db_outbox_due(struct db *db, int64_t now, int64_t after_id, int limit,
    void (*cb)(const struct db_outmsg *, void *), void *arg)
{
	static const char sql[] = "SELECT id, phone_enc, text, attempts FROM outbox "
	    "WHERE state = 'queued' AND next_at <= ? AND id > ? ORDER BY id LIMIT ?";
	sqlite3_stmt		*st = db_prepare(db, sql);
	struct db_outmsg	 m;
	int			 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, after_id);
	sqlite3_bind_int(st, 3, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		m.id = sqlite3_column_int64(st, 0);
		m.enc_len = (size_t)sqlite3_column_bytes(st, 1);
		m.phone_enc = (unsigned char *)sqlite3_column_blob(st, 1);
		m.text = (char *)sqlite3_column_text(st, 2);
		m.attempts = sqlite3_column_int(st, 3);
		cb(&m, arg);
	}
	sqlite3_reset(st);
	return db_rc(db, rc);
}

/* Runs one UPDATE of the outbox with an id and up to two more values. */
static int
db_outbox_update(struct db *db, const char *sql, int64_t id, int64_t v,
    const char *s)
{
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, v);
	db_bind_text(st, 3, s);
	return db_step_done(db, st);
}

int
db_outbox_sent(struct db *db, int64_t id, int64_t now)
{
	static const char sql[] = "UPDATE outbox SET state = 'sent', sent_at = ?2, "
	    "attempts = attempts + 1, last_error = ?3, "
	    "text = CASE kind WHEN 'code' THEN '' ELSE text END "	/* a spent secret */
	    "WHERE id = ?1 AND state = 'queued'";

	return db_outbox_update(db, sql, id, now, NULL);
}

int
db_outbox_retry(struct db *db, int64_t id, int64_t next_at, const char *error)
{
	static const char sql[] = "UPDATE outbox SET next_at = ?2, last_error = ?3, "
	    "attempts = attempts + 1 WHERE id = ?1";

	return db_outbox_update(db, sql, id, next_at, error);
}

int
db_outbox_failed(struct db *db, int64_t id, const char *error)
{
	static const char sql[] = "UPDATE outbox SET state = 'failed', "
	    "attempts = attempts + 1 + 0 * ?2, last_error = ?3 WHERE id = ?1";

	return db_outbox_update(db, sql, id, 0, error);
}

int
db_outbox_dlr(struct db *db, int64_t id, int status, int64_t now)
{
	static const char sql[] = "UPDATE outbox SET dlr_status = ?2, dlr_at = ?3, "
	    "state = CASE WHEN state = 'delivered' THEN state "	/* final */
	    "WHEN ?2 = 1 THEN 'delivered' WHEN ?2 IN (2, 16) THEN 'failed' "
	    "ELSE state END WHERE id = ?1";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, status);
	sqlite3_bind_int64(st, 3, now);
	if ((rc = db_step_done(db, st)) != 0)
		return rc;
	return sqlite3_changes(db->h) ? 0 : DB_NONE;
}

/*
 * For an erased participant: messages not yet sent are dropped, and the sealed
 * number is wiped from the ones already sent (their delivery history stays).
 */
int
db_outbox_forget(struct db *db, int64_t pid)
{
	static const char del[] = "DELETE FROM outbox WHERE participant_id = ? "
	    "AND state = 'queued'";
	static const char wipe[] = "UPDATE outbox SET phone_enc = x'' "
	    "WHERE participant_id = ?";
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_prepare(db, del)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, pid);
	if ((rc = db_step_done(db, st)) != 0 || (st = db_prepare(db, wipe)) == NULL)
		return rc ? rc : -1;
	sqlite3_bind_int64(st, 1, pid);
	return db_step_done(db, st);
}

int64_t
db_outbox_depth(struct db *db)
{
	static const char sql[] = "SELECT count(*) FROM outbox WHERE state = 'queued'";

	return db_query_int(db, sql);
}

int
db_outbox_participants(struct db *db, int64_t item_id,
    int (*cb)(int64_t, const unsigned char *, size_t, void *), void *arg)
{
	static const char sql[] = "SELECT id, phone_enc FROM participant "
	    "WHERE opted_out = 0 AND phone_enc IS NOT NULL AND id IN ("
	    " SELECT participant_id FROM vote WHERE item_id = ?1"
	    " UNION SELECT participant_id FROM signature WHERE item_id = ?1"
	    " UNION SELECT participant_id FROM comment WHERE item_id = ?1) ORDER BY id";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc, stop = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = cb(sqlite3_column_int64(st, 0), sqlite3_column_blob(st, 1),
		    (size_t)sqlite3_column_bytes(st, 1), arg);
	sqlite3_reset(st);
	return stop ? -1 : db_rc(db, rc);
}
