/* SPDX-License-Identifier: ISC */
/*
 * Officials and the classifier: the review queue (comments the model
 * flagged, and campaign copies, not labelled yet), the labels an official
 * gives (stored with who and when; the last one counts), and every labelled
 * comment as training data.
 */
#include <stdio.h>

#include "db_int.h"

typedef void comment_cb(const struct db_labelled *, void *);

/* Calls cb for each row of a query returning the db_labelled columns. */
static int
db_label_rows(struct db *db, sqlite3_stmt *st, comment_cb *cb, void *arg)
{
	struct db_labelled	l;
	int			rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		l.id = sqlite3_column_int64(st, 0);
		l.item_code = (const char *)sqlite3_column_text(st, 1);
		l.script = (const char *)sqlite3_column_text(st, 2);
		l.stance = (const char *)sqlite3_column_text(st, 3);
		l.topic = (const char *)sqlite3_column_text(st, 4);
		l.confidence = sqlite3_column_double(st, 5);
		l.text = (const char *)sqlite3_column_text(st, 6);
		cb(&l, arg);
	}
	sqlite3_reset(st);
	return db_rc(db, rc);
}

int
db_review_each(struct db *db, int limit, comment_cb *cb, void *arg)
{
	static const char sql[] = "SELECT c.id, i.code, c.script, c.stance, "
	    "c.topic, c.confidence, c.text_norm FROM comment c "
	    "JOIN item i ON i.id = c.item_id WHERE (c.review = 1 OR "
	    "coalesce(c.campaign_id <> c.id, 0)) AND c.id NOT IN "
	    "(SELECT comment_id FROM comment_label) ORDER BY c.id LIMIT ?";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, limit);
	return db_label_rows(db, st, cb, arg);
}

int
db_labels_each(struct db *db, comment_cb *cb, void *arg)
{
	static const char sql[] = "SELECT c.id, i.code, c.script, l.stance, "
	    "l.topic, 1.0, c.text_raw FROM comment_label l "
	    "JOIN comment c ON c.id = l.comment_id JOIN item i ON i.id = c.item_id "
	    "ORDER BY c.id";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	return db_label_rows(db, st, cb, arg);
}

int
db_label_set(struct db *db, int64_t comment_id, const char *stance,
    const char *topic, const char *official, int64_t now)
{
	static const char sql[] = "INSERT INTO comment_label (comment_id, stance, "
	    "topic, official, ts) SELECT id, ?2, ?3, ?4, ?5 FROM comment WHERE id = ?1 "
	    "ON CONFLICT (comment_id) DO UPDATE SET stance = excluded.stance, "
	    "topic = excluded.topic, official = excluded.official, ts = excluded.ts";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, comment_id);
	db_bind_text(st, 2, stance);
	db_bind_text(st, 3, topic);
	db_bind_text(st, 4, official);
	sqlite3_bind_int64(st, 5, now);
	if ((rc = db_step_done(db, st)) != 0)
		return rc;
	return sqlite3_changes(db->h) ? 0 : DB_NONE;
}
