/* SPDX-License-Identifier: ISC */
/*
 * The aggregates behind reports: the running totals (tally kept by
 * db_action.c, the tally_* tables kept by migration 5's triggers), and the
 * same numbers recounted from the rows with plain GROUP BY (for checks and
 * benchmarks: they share no table or index with the totals). Soums are
 * always counted from the rows; the meta table holds facts such as the
 * model's cross-validated macro-F1.
 */
#include <stdio.h>
#include <string.h>

#include "db_int.h"

typedef void tally_cb(const char *, const char *, const char *, int64_t, void *);

/* A day's date in Ulaanbaatar, from a day number or from a time stamp. */
#define SQL_DAY(n)	"date(" n " * 86400, 'unixepoch')"
#define SQL_TS_DAY(ts)	"date(" ts " + 28800, 'unixepoch')"

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

/* Every vote, signature and comment on item ?1: (what, channel, pid). */
#define SQL_ACTIONS \
	"WITH r (what, channel, pid) AS (" \
	" SELECT choice, channel, participant_id FROM vote WHERE item_id = ?1" \
	" UNION ALL SELECT 'signature', channel, participant_id FROM signature" \
	"  WHERE item_id = ?1" \
	" UNION ALL SELECT 'comment', channel, participant_id FROM comment" \
	"  WHERE item_id = ?1)"

int
db_recount_each(struct db *db, int64_t item_id, tally_cb *cb, void *arg)
{
	static const char sql[] =
	    SQL_ACTIONS
	    "SELECT what, channel, coalesce(p.aimag, ''), count(*) FROM r "
	    "JOIN participant p ON p.id = r.pid GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";

	return db_tally_rows(db, sql, item_id, cb, arg);
}

int
db_report_soums(struct db *db, int64_t item_id, tally_cb *cb, void *arg)
{
	static const char sql[] =
	    SQL_ACTIONS
	    "SELECT what, channel, p.soum, count(*) FROM r "
	    "JOIN participant p ON p.id = r.pid WHERE p.soum IS NOT NULL "
	    "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";

	return db_tally_rows(db, sql, item_id, cb, arg);
}

/* One integer from a query bound to item_id: *out (0 if no row); 0 or -1. */
static int
db_report_int(struct db *db, const char *sql, int64_t item_id, int64_t *out)
{
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	*out = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return db_rc(db, rc);
}

int
db_report_participants(struct db *db, int64_t item_id, int recount, int64_t *n)
{
	static const char totals[] = "SELECT participants FROM tally_item "
	    "WHERE item_id = ?";
	static const char rows[] = "SELECT count(*) FROM ("
	    "SELECT participant_id FROM vote WHERE item_id = ?1"
	    " UNION SELECT participant_id FROM article_vote WHERE item_id = ?1"
	    " UNION SELECT participant_id FROM signature WHERE item_id = ?1"
	    " UNION SELECT participant_id FROM comment WHERE item_id = ?1)";

	return db_report_int(db, recount ? rows : totals, item_id, n);
}

int
db_report_articles(struct db *db, int64_t item_id, int recount,
    void (*cb)(const char *, int64_t, int64_t, void *), void *arg)
{
	static const char totals[] = "SELECT article, support, oppose "
	    "FROM tally_article WHERE item_id = ? AND (support != 0 OR oppose != 0)";
	static const char rows[] = "SELECT article, sum(choice = 'support'), "
	    "sum(choice = 'oppose') FROM article_vote WHERE item_id = ? "
	    "GROUP BY article";
	sqlite3_stmt	*st = db_prepare(db, recount ? rows : totals);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		cb((const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1),
		    sqlite3_column_int64(st, 2), arg);
	sqlite3_reset(st);
	return db_rc(db, rc);
}

int
db_report_cells(struct db *db, int64_t item_id, int recount,
    void (*cb)(const struct db_report_cell *, void *), void *arg)
{
	static const char totals[] = "SELECT article, stance, topic, n, human, "
	    "campaign FROM tally_cell WHERE item_id = ? AND n != 0";
	static const char rows[] = "SELECT coalesce(c.article, ''), "
	    "coalesce(l.stance, c.stance, ''), coalesce(l.topic, c.topic, ''), "
	    "count(*), count(l.comment_id), "
	    "sum(c.campaign_id IS NOT NULL AND c.campaign_id != c.id) "
	    "FROM comment c LEFT JOIN comment_label l ON l.comment_id = c.id "
	    "WHERE c.item_id = ? GROUP BY 1, 2, 3";
	struct db_report_cell	 cell;
	sqlite3_stmt		*st = db_prepare(db, recount ? rows : totals);
	int			 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cell.article = (const char *)sqlite3_column_text(st, 0);
		cell.stance = (const char *)sqlite3_column_text(st, 1);
		cell.topic = (const char *)sqlite3_column_text(st, 2);
		cell.n = sqlite3_column_int64(st, 3);
		cell.human = sqlite3_column_int64(st, 4);
		cell.campaign = sqlite3_column_int64(st, 5);
		cb(&cell, arg);
	}
	sqlite3_reset(st);
	return db_rc(db, rc);
}

int
db_report_days(struct db *db, int64_t item_id, int recount,
    void (*cb)(const char *, int64_t, int64_t, int64_t, void *), void *arg)
{
	static const char totals[] = "SELECT " SQL_DAY("day") ", votes, comments, "
	    "signatures FROM tally_day WHERE item_id = ? AND (votes != 0 OR "
	    "comments != 0 OR signatures != 0) ORDER BY day";
	static const char rows[] = "SELECT d, sum(w = 'v'), sum(w = 'c'), "
	    "sum(w = 's') FROM ("
	    "SELECT " SQL_TS_DAY("ts") " AS d, 'v' AS w FROM vote WHERE item_id = ?1"
	    " UNION ALL SELECT " SQL_TS_DAY("ts") ", 'c' FROM comment WHERE item_id = ?1"
	    " UNION ALL SELECT " SQL_TS_DAY("ts") ", 's' FROM signature"
	    " WHERE item_id = ?1) GROUP BY d ORDER BY d";
	sqlite3_stmt	*st = db_prepare(db, recount ? rows : totals);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		cb((const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1),
		    sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3), arg);
	sqlite3_reset(st);
	return db_rc(db, rc);
}

/*
 * Campaigns with at least one copy on the item: every comment of the item
 * whose campaign_id names the group. The totals keep the copies (campaign_id
 * != id) per campaign and aimag; the first comment, when it is on the item
 * and heads its own campaign, is added by its id. The recount groups the
 * item's comments instead.
 */
int
db_report_campaigns(struct db *db, int64_t item_id, int recount,
    void (*cb)(const struct db_campaign *, void *), void *arg)
{
	static const char totals[] =
	    "SELECT t.campaign_id, t.copies + (f.id IS NOT NULL),"
	    " coalesce(min(t.first, f.ts), t.first), coalesce(max(t.last, f.ts), t.last),"
	    " max(t.sms > 0, coalesce(f.channel = 'sms', 0)),"
	    " max(t.ussd > 0, coalesce(f.channel = 'ussd', 0)),"
	    " max(t.web > 0, coalesce(f.channel = 'web', 0)),"
	    " (SELECT count(*) FROM (SELECT aimag FROM tally_campaign_aimag a"
	    "  WHERE a.item_id = ?1 AND a.campaign_id = t.campaign_id AND a.n > 0"
	    "  AND a.aimag != '' UNION SELECT p.aimag FROM participant p"
	    "  WHERE p.id = f.participant_id AND p.aimag IS NOT NULL)),"
	    " (SELECT text_raw FROM comment WHERE id = t.campaign_id)"
	    " FROM tally_campaign t LEFT JOIN comment f ON f.id = t.campaign_id"
	    " AND f.item_id = ?1 AND f.campaign_id = f.id"
	    " WHERE t.item_id = ?1 AND t.copies > 0 ORDER BY 2 DESC, 1";
	static const char rows[] =
	    "SELECT c.campaign_id, count(*), min(c.ts), max(c.ts),"
	    " max(c.channel = 'sms'), max(c.channel = 'ussd'), max(c.channel = 'web'),"
	    " count(DISTINCT p.aimag), (SELECT text_raw FROM comment"
	    " WHERE id = c.campaign_id) FROM comment c"
	    " LEFT JOIN participant p ON p.id = c.participant_id"
	    " WHERE c.item_id = ?1 AND c.campaign_id IS NOT NULL GROUP BY c.campaign_id"
	    " HAVING sum(c.campaign_id != c.id) > 0 ORDER BY 2 DESC, 1";
	struct db_campaign	 k;
	sqlite3_stmt		*st = db_prepare(db, recount ? rows : totals);
	int			 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		k.id = sqlite3_column_int64(st, 0);
		k.n = sqlite3_column_int64(st, 1);
		k.first = sqlite3_column_int64(st, 2);
		k.last = sqlite3_column_int64(st, 3);
		k.channels = sqlite3_column_int(st, 4) | sqlite3_column_int(st, 5) << 1 |
		    sqlite3_column_int(st, 6) << 2;
		k.aimags = sqlite3_column_int64(st, 7);
		k.text = (const char *)sqlite3_column_text(st, 8);
		cb(&k, arg);
	}
	sqlite3_reset(st);
	return db_rc(db, rc);
}

int
db_meta_get(struct db *db, const char *key, char *out, size_t len)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	out[0] = '\0';
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, key);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		db_copy_text(st, 0, out, len);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? DB_NONE : db_rc(db, rc);
}

int
db_meta_set(struct db *db, const char *key, const char *value)
{
	static const char set[] = "INSERT INTO meta (key, value) VALUES (?, ?) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
	static const char del[] = "DELETE FROM meta WHERE key = ?";
	sqlite3_stmt	*st = db_prepare(db, value != NULL ? set : del);

	if (st == NULL)
		return -1;
	db_bind_text(st, 1, key);
	if (value != NULL)
		db_bind_text(st, 2, value);
	return db_step_done(db, st);
}
