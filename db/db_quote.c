/* SPDX-License-Identifier: ISC */
/*
 * Representative comments: the candidates a rule proposes for each stance ×
 * topic of an item, the ones an official approved (stored with the text as
 * approved, who and when), and withdrawing them. A comment's stance and
 * topic are its official label's when it has one; comments by people who
 * have since erased their data are never proposed nor shown.
 */
#include <stdio.h>
#include <stdlib.h>

#include "db_int.h"

typedef void quote_cb(const struct db_quote *, void *);

/* Calls cb for each row of a query returning the db_quote columns. */
static int
db_quote_rows(struct db *db, sqlite3_stmt *st, quote_cb *cb, void *arg)
{
	struct db_quote	q;
	int		rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		q.comment_id = sqlite3_column_int64(st, 0);
		q.article = (const char *)sqlite3_column_text(st, 1);
		q.aimag = (const char *)sqlite3_column_text(st, 2);
		q.channel = (const char *)sqlite3_column_text(st, 3);
		q.stance = (const char *)sqlite3_column_text(st, 4);
		q.topic = (const char *)sqlite3_column_text(st, 5);
		q.confidence = sqlite3_column_double(st, 6);
		q.ts = sqlite3_column_int64(st, 7);
		q.text = (const char *)sqlite3_column_text(st, 8);
		q.official = (const char *)sqlite3_column_text(st, 9);
		q.approved = sqlite3_column_int(st, 10);
		cb(&q, arg);
	}
	sqlite3_reset(st);
	return db_rc(db, rc);
}

/* The db_quote columns of comment c, label l, participant p and quote q. */
#define QUOTE_COLUMNS \
	"c.id AS id, coalesce(c.article, '') AS article, " \
	"coalesce(p.aimag, '') AS aimag, c.channel AS channel, " \
	"coalesce(l.stance, c.stance, '') AS stance, " \
	"coalesce(l.topic, c.topic, '') AS topic, " \
	"CASE WHEN l.comment_id IS NOT NULL THEN 1.0 " \
	"ELSE coalesce(c.confidence, 0) END AS confidence, c.ts AS ts"
#define QUOTE_JOINS \
	"LEFT JOIN comment_label l ON l.comment_id = c.id " \
	"JOIN participant p ON p.id = c.participant_id AND p.erased IS NULL "
/* Not a campaign copy, and says enough. */
#define QUOTE_FIT \
	" AND (c.campaign_id IS NULL OR c.campaign_id = c.id) AND " \
	"length(c.text_norm) >= ?2"

int
db_quote_each(struct db *db, int64_t item_id, quote_cb *cb, void *arg)
{
	static const char sql[] = "SELECT " QUOTE_COLUMNS ", q.text, q.official, 1 "
	    "FROM quote q CROSS JOIN comment c ON c.id = q.comment_id " QUOTE_JOINS
	    "WHERE c.item_id = ? ORDER BY stance, topic, q.ts, c.id";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	return db_quote_rows(db, st, cb, arg);
}

/* Runs st (bound already) through db_quote_rows; resets it. */
static int
db_quote_run(struct db *db, sqlite3_stmt *st, int64_t item_id, quote_cb *cb,
    void *arg)
{
	sqlite3_bind_int64(st, 1, item_id);
	sqlite3_bind_int(st, 2, QUOTE_MIN_CHARS);
	return db_quote_rows(db, st, cb, arg);
}

/* The model's stance × topic pairs the item's comments have (from the totals). */
static int
db_quote_cells(struct db *db, int64_t item_id, char (**pairs)[2][32], size_t *n)
{
	static const char sql[] = "SELECT DISTINCT stance, topic FROM tally_cell "
	    "WHERE item_id = ? AND n > 0 AND stance != '' AND topic != ''";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	*pairs = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*pairs = xrealloc(*pairs, (*n + 1) * sizeof **pairs);
		db_copy_text(st, 0, (*pairs)[*n][0], sizeof (*pairs)[*n][0]);
		db_copy_text(st, 1, (*pairs)[*n][1], sizeof (*pairs)[*n][1]);
		(*n)++;
	}
	sqlite3_reset(st);
	return db_rc(db, rc);
}

/*
 * The candidates of an item, in no order and perhaps twice: every approved
 * quote; every comment an official labelled (confidence 1); and for each
 * stance × topic of the model the pool most confident comments left
 * (comment_stance index). All but approved ones: not campaign copies and at
 * least QUOTE_MIN_CHARS long; none by people who erased their data.
 */
int
db_quote_candidates(struct db *db, int64_t item_id, int pool, quote_cb *cb,
    void *arg)
{
	static const char approved[] = "SELECT " QUOTE_COLUMNS ", q.text, "
	    "q.official, 1 FROM quote q CROSS JOIN comment c ON c.id = q.comment_id "
	    QUOTE_JOINS "WHERE c.item_id = ?1";
	static const char labelled[] = "SELECT " QUOTE_COLUMNS ", c.text_raw, "
	    "NULL, 0 FROM comment_label l0 CROSS JOIN comment c ON c.id = "
	    "l0.comment_id " QUOTE_JOINS "WHERE c.item_id = ?1" QUOTE_FIT;
	static const char best[] = "SELECT " QUOTE_COLUMNS ", c.text_raw, NULL, 0 "
	    "FROM comment c " QUOTE_JOINS "WHERE c.item_id = ?1 AND c.stance = ?3 "
	    "AND c.topic = ?4 AND l.comment_id IS NULL" QUOTE_FIT
	    " ORDER BY c.confidence DESC, c.id DESC LIMIT ?5";
	char		(*pairs)[2][32];
	sqlite3_stmt	*st;
	size_t		 n, i;
	int		 rc;

	if ((st = db_prepare(db, approved)) == NULL ||
	    (rc = db_quote_run(db, st, item_id, cb, arg)) != 0)
		return -1;
	if ((st = db_prepare(db, labelled)) == NULL ||
	    (rc = db_quote_run(db, st, item_id, cb, arg)) != 0)
		return -1;
	if (db_quote_cells(db, item_id, &pairs, &n) != 0)
		return -1;
	for (i = 0; rc == 0 && i < n; i++) {
		if ((st = db_prepare(db, best)) == NULL) {
			rc = -1;
			break;
		}
		db_bind_text(st, 3, pairs[i][0]);
		db_bind_text(st, 4, pairs[i][1]);
		sqlite3_bind_int(st, 5, pool);
		rc = db_quote_run(db, st, item_id, cb, arg);
	}
	free(pairs);
	return rc;
}

int
db_quote_comment(struct db *db, int64_t comment_id, char **text, char code[16])
{
	static const char sql[] = "SELECT c.text_raw, i.code FROM comment c "
	    "JOIN item i ON i.id = c.item_id JOIN participant p ON "
	    "p.id = c.participant_id AND p.erased IS NULL WHERE c.id = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	*text = NULL;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, comment_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*text = db_dup_text(st, 0);
		db_copy_text(st, 1, code, 16);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? DB_NONE : db_rc(db, rc);
}

int
db_quote_set(struct db *db, int64_t comment_id, const char *text,
    const char *official, int64_t now)
{
	static const char sql[] = "INSERT INTO quote (comment_id, text, official, ts) "
	    "VALUES (?, ?, ?, ?) ON CONFLICT (comment_id) DO UPDATE SET "
	    "text = excluded.text, official = excluded.official, ts = excluded.ts";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, comment_id);
	db_bind_text(st, 2, text);
	db_bind_text(st, 3, official);
	sqlite3_bind_int64(st, 4, now);
	return db_step_done(db, st);
}

int
db_quote_delete(struct db *db, int64_t comment_id)
{
	static const char sql[] = "DELETE FROM quote WHERE comment_id = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, comment_id);
	if ((rc = db_step_done(db, st)) != 0)
		return rc;
	return sqlite3_changes(db->h) ? 0 : DB_NONE;
}
