/* SPDX-License-Identifier: ISC */
/*
 * Comments as analytics/ sees them: the ones waiting for analysis, what the
 * analysis made of them, the fingerprints that rebuild the campaign index at
 * start-up, and the recent Cyrillic text the transliterator learns from.
 */
#include <stdio.h>

#include "db_int.h"

int
db_comment_pending(struct db *db, int limit,
    void (*cb)(int64_t, const char *, const char *, void *), void *arg)
{
	static const char sql[] = "SELECT c.id, c.text_raw, i.code FROM comment c "
	    "JOIN item i ON i.id = c.item_id WHERE c.analysed = 0 ORDER BY c.id "
	    "LIMIT ?";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		cb(sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2), arg);
	sqlite3_reset(st);
	return db_rc(db, rc);
}

int
db_comment_analysed(struct db *db, int64_t id, const struct db_comment *cm,
    int64_t campaign_id)
{
	static const char sql[] = "UPDATE comment SET text_norm = ?, script = ?, "
	    "stance = ?, topic = ?, confidence = ?, review = ?, fingerprint = ?, "
	    "campaign_id = ?, analysed = 1 WHERE id = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	db_bind_text(st, 1, cm->norm);
	db_bind_text(st, 2, cm->script);
	db_bind_text(st, 3, cm->stance);
	db_bind_text(st, 4, cm->topic);
	if (cm->stance != NULL)
		sqlite3_bind_double(st, 5, cm->confidence);
	sqlite3_bind_int(st, 6, cm->review);
	if (cm->fingerprint != 0)
		sqlite3_bind_int64(st, 7, (sqlite3_int64)cm->fingerprint);
	sqlite3_bind_int64(st, 8, campaign_id);
	sqlite3_bind_int64(st, 9, id);
	return db_step_done(db, st);
}

int
db_comment_fingerprints(struct db *db, void (*cb)(int64_t, uint64_t, void *),
    void *arg)
{
	static const char sql[] = "SELECT id, fingerprint FROM comment "
	    "WHERE analysed = 1 AND fingerprint IS NOT NULL ORDER BY id";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		cb(sqlite3_column_int64(st, 0), (uint64_t)sqlite3_column_int64(st, 1),
		    arg);
	sqlite3_reset(st);
	return db_rc(db, rc);
}

int
db_comment_cyrillic(struct db *db, int limit, void (*cb)(const char *, void *),
    void *arg)
{
	static const char sql[] = "SELECT text_norm FROM comment "
	    "WHERE script = 'cyr' AND analysed = 1 ORDER BY id DESC LIMIT ?";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		cb((const char *)sqlite3_column_text(st, 0), arg);
	sqlite3_reset(st);
	return db_rc(db, rc);
}
