/* SPDX-License-Identifier: ISC */
/*
 * Comments as analytics/ sees them: campaign ids filed after the fact, the
 * fingerprints that rebuild the campaign index at start-up, and the recent
 * Cyrillic text the transliterator learns its word counts from.
 */
#include <stdio.h>

#include "db_int.h"

int
db_comment_set_campaign(struct db *db, int64_t id, int64_t campaign_id)
{
	static const char sql[] = "UPDATE comment SET campaign_id = ? WHERE id = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, campaign_id);
	sqlite3_bind_int64(st, 2, id);
	return db_step_done(db, st);
}

int
db_comment_fingerprints(struct db *db, void (*cb)(int64_t, uint64_t, void *),
    void *arg)
{
	static const char sql[] = "SELECT id, fingerprint FROM comment "
	    "WHERE fingerprint IS NOT NULL ORDER BY id";
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
	    "WHERE script = 'cyr' ORDER BY id DESC LIMIT ?";
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
