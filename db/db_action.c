/* SPDX-License-Identifier: ISC */
/*
 * What citizens do: vote (last vote wins), sign (once), comment; each keeps the
 * running totals in tally up to date in the same transaction, and each is
 * appended to the audit trail by the caller.
 */
#include <stdio.h>
#include <string.h>

#include "db_int.h"

/* Adds delta to one running total. */
static int
db_tally_add(struct db *db, int64_t item_id, const char *what,
    const struct db_actor *who, const char *channel, int delta)
{
	static const char sql[] = "INSERT INTO tally (item_id, what, channel, aimag, n) "
	    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (item_id, what, channel, aimag) "
	    "DO UPDATE SET n = n + excluded.n";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	db_bind_text(st, 2, what);
	db_bind_text(st, 3, channel);
	db_bind_text(st, 4, who->aimag ? who->aimag : "");
	sqlite3_bind_int(st, 5, delta);
	return db_step_done(db, st);
}

/* The participant's current vote on item: 0 and choice/channel filled, or DB_NONE. */
static int
db_vote_current(struct db *db, int64_t item_id, int64_t pid, char choice[8],
    char channel[8])
{
	static const char sql[] = "SELECT choice, channel FROM vote "
	    "WHERE item_id = ? AND participant_id = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	sqlite3_bind_int64(st, 2, pid);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		db_copy_text(st, 0, choice, 8);
		db_copy_text(st, 1, channel, 8);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? DB_NONE : db_rc(db, rc);
}

int
db_vote_cast(struct db *db, int64_t item_id, const struct db_actor *who,
    const char *choice, char previous[8])
{
	static const char sql[] = "INSERT INTO vote (item_id, participant_id, choice, "
	    "channel, ts) VALUES (?, ?, ?, ?, ?) ON CONFLICT (item_id, participant_id) "
	    "DO UPDATE SET choice = excluded.choice, channel = excluded.channel, "
	    "ts = excluded.ts";
	sqlite3_stmt	*st;
	char		 oldchannel[8];
	int		 rc;

	previous[0] = '\0';
	rc = db_vote_current(db, item_id, who->pid, previous, oldchannel);
	if (rc == 0 && db_tally_add(db, item_id, previous, who, oldchannel, -1) != 0)
		return -1;
	if (rc != 0 && rc != DB_NONE)
		return rc;
	if ((st = db_prepare(db, sql)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	sqlite3_bind_int64(st, 2, who->pid);
	db_bind_text(st, 3, choice);
	db_bind_text(st, 4, who->channel);
	sqlite3_bind_int64(st, 5, who->now);
	if ((rc = db_step_done(db, st)) != 0)
		return rc;
	return db_tally_add(db, item_id, choice, who, who->channel, 1);
}

int
db_sign(struct db *db, int64_t item_id, const struct db_actor *who, int *already)
{
	static const char sql[] = "INSERT INTO signature (item_id, participant_id, "
	    "channel, ts) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	sqlite3_bind_int64(st, 2, who->pid);
	db_bind_text(st, 3, who->channel);
	sqlite3_bind_int64(st, 4, who->now);
	if ((rc = db_step_done(db, st)) != 0)
		return rc;
	*already = sqlite3_changes(db->h) == 0;
	if (*already)
		return 0;
	return db_tally_add(db, item_id, "signature", who, who->channel, 1);
}

int
db_comment_add(struct db *db, int64_t item_id, const struct db_actor *who,
    const struct db_comment *cm, int64_t *id)
{
	static const char sql[] = "INSERT INTO comment (item_id, article, "
	    "participant_id, channel, text_raw, text_norm, ts, script, stance, "
	    "topic, confidence, review, fingerprint) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	db_bind_text(st, 2, cm->article && *cm->article ? cm->article : NULL);
	sqlite3_bind_int64(st, 3, who->pid);
	db_bind_text(st, 4, who->channel);
	db_bind_text(st, 5, cm->raw);
	db_bind_text(st, 6, cm->norm);
	sqlite3_bind_int64(st, 7, who->now);
	db_bind_text(st, 8, cm->script);
	db_bind_text(st, 9, cm->stance);
	db_bind_text(st, 10, cm->topic);
	if (cm->stance != NULL)
		sqlite3_bind_double(st, 11, cm->confidence);
	sqlite3_bind_int(st, 12, cm->review);
	if (cm->fingerprint != 0)
		sqlite3_bind_int64(st, 13, (sqlite3_int64)cm->fingerprint);
	if ((rc = db_step_done(db, st)) != 0)
		return rc;
	*id = sqlite3_last_insert_rowid(db->h);
	return db_tally_add(db, item_id, "comment", who, who->channel, 1);
}

int64_t
db_tally_total(struct db *db, int64_t item_id, const char *what)
{
	static const char sql[] = "SELECT coalesce(sum(n), 0) FROM tally "
	    "WHERE item_id = ? AND what = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int64_t		 n = -1;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	db_bind_text(st, 2, what);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}
