/* SPDX-License-Identifier: ISC */
/*
 * Decisions ("you said, we did"): the outcome an official published for an
 * item or one of its articles, and who is told: every participant of the item
 * who has not opted out, with where they live, for their region's results.
 */
#include <string.h>

#include "db_int.h"

int
db_decision_set(struct db *db, int64_t item_id, const char *article,
    const char *outcome, const char *reason, const char *official, int64_t now)
{
	static const char sql[] = "INSERT OR REPLACE INTO decision (item_id, article, "
	    "outcome, reason, official, ts) VALUES (?, ?, ?, ?, ?, ?)";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	db_bind_text(st, 2, article ? article : "");
	db_bind_text(st, 3, outcome);
	db_bind_text(st, 4, reason);
	db_bind_text(st, 5, official);
	sqlite3_bind_int64(st, 6, now);
	return db_step_done(db, st);
}

int
db_decision_recipients(struct db *db, int64_t item_id,
    int (*cb)(const struct db_recipient *, void *), void *arg)
{
	static const char sql[] = "SELECT id, phone_enc, coalesce(aimag, ''), lang, "
	    "script FROM participant WHERE opted_out = 0 AND phone_enc IS NOT NULL "
	    "AND id IN (SELECT participant_id FROM vote WHERE item_id = ?1"
	    " UNION SELECT participant_id FROM article_vote WHERE item_id = ?1"
	    " UNION SELECT participant_id FROM signature WHERE item_id = ?1"
	    " UNION SELECT participant_id FROM comment WHERE item_id = ?1) ORDER BY id";
	sqlite3_stmt		*st = db_prepare(db, sql);
	struct db_recipient	 r;
	int			 rc, stop = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&r, 0, sizeof r);
		r.pid = sqlite3_column_int64(st, 0);
		r.enc = sqlite3_column_blob(st, 1);
		r.enc_len = (size_t)sqlite3_column_bytes(st, 1);
		db_copy_text(st, 2, r.aimag, sizeof r.aimag);
		db_copy_text(st, 3, r.lang, sizeof r.lang);
		db_copy_text(st, 4, r.script, sizeof r.script);
		stop = cb(&r, arg);
	}
	sqlite3_reset(st);
	return stop ? -1 : rc == SQLITE_DONE ? 0 : db_rc(db, rc);
}

int
db_decision_rows(struct db *db, int64_t item_id,
    void (*cb)(const char *article, const char *outcome, const char *reason,
    const char *official, int64_t ts, void *), void *arg)
{
	static const char sql[] = "SELECT d.article, d.outcome, d.reason, "
	    "d.official, d.ts FROM decision d LEFT JOIN article a ON "
	    "a.item_id = d.item_id AND a.number = d.article WHERE d.item_id = ? "
	    "ORDER BY d.article <> '', a.pos";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		cb((const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2),
		    (const char *)sqlite3_column_text(st, 3),
		    sqlite3_column_int64(st, 4), arg);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_rc(db, rc);
}

/* db_decision_each's callback and its argument, for db_decision_rows. */
struct db_decision_each {
	void	(*cb)(const char *, const char *, const char *, int64_t, void *);
	void	 *arg;
};

/* A row of db_decision_rows, passed on without the official. */
static void
db_decision_each_cb(const char *article, const char *outcome, const char *reason,
    const char *official, int64_t ts, void *arg)
{
	struct db_decision_each	*e = arg;

	(void)official;
	e->cb(article, outcome, reason, ts, e->arg);
}

/* As db_decision_rows, without the official who published each. */
int
db_decision_each(struct db *db, int64_t item_id,
    void (*cb)(const char *article, const char *outcome, const char *reason,
    int64_t ts, void *), void *arg)
{
	struct db_decision_each	e = { cb, arg };

	return db_decision_rows(db, item_id, db_decision_each_cb, &e);
}
