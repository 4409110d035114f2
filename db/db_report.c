/* SPDX-License-Identifier: ISC */
/*
 * The aggregates behind reports: the running totals, and the same numbers
 * recounted from the rows (for checks and benchmarks).
 */
#include <stdio.h>

#include "db_int.h"

typedef void tally_cb(const char *, const char *, const char *, int64_t, void *);

/* Calls cb for each (what, channel, aimag, n) row of a query bound to item_id. */
static int
db_tally_rows(struct db *db, const char *sql, int64_t item_id, tally_cb *cb,
    void *arg)
{
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		cb((const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2),
		    sqlite3_column_int64(st, 3), arg);
	sqlite3_reset(st);
	return db_rc(db, rc);
}

int
db_tally_each(struct db *db, int64_t item_id, tally_cb *cb, void *arg)
{
	static const char sql[] = "SELECT what, channel, aimag, n FROM tally "
	    "WHERE item_id = ? AND n != 0 ORDER BY what, channel, aimag";

	return db_tally_rows(db, sql, item_id, cb, arg);
}

int
db_recount_each(struct db *db, int64_t item_id, tally_cb *cb, void *arg)
{
	static const char sql[] =
	    "WITH r (what, channel, pid) AS ("
	    " SELECT choice, channel, participant_id FROM vote WHERE item_id = ?1"
	    " UNION ALL SELECT 'signature', channel, participant_id FROM signature"
	    "  WHERE item_id = ?1"
	    " UNION ALL SELECT 'comment', channel, participant_id FROM comment"
	    "  WHERE item_id = ?1)"
	    "SELECT what, channel, coalesce(p.aimag, ''), count(*) FROM r "
	    "JOIN participant p ON p.id = r.pid GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";

	return db_tally_rows(db, sql, item_id, cb, arg);
}
