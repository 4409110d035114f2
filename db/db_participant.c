/* SPDX-License-Identifier: ISC */
/*
 * Participants: one row per phone number, found by its keyed hash. Erasing a
 * participant removes the number and the place but keeps the row, so that the
 * votes it cast stay counted, anonymously.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_int.h"

int
db_participant_find(struct db *db, const unsigned char *hash, size_t len,
    struct db_participant *p)
{
	static const char sql[] = "SELECT id, lang, script, aimag, soum, opted_out "
	    "FROM participant WHERE phone_hash = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_blob(st, 1, hash, (int)len, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p->id = sqlite3_column_int64(st, 0);
		db_copy_text(st, 1, p->lang, sizeof p->lang);
		db_copy_text(st, 2, p->script, sizeof p->script);
		db_copy_text(st, 3, p->aimag, sizeof p->aimag);
		db_copy_text(st, 4, p->soum, sizeof p->soum);
		p->opted_out = sqlite3_column_int(st, 5);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? DB_NONE : db_rc(db, rc);
}

int
db_participant_insert(struct db *db, const unsigned char *hash, size_t hlen,
    const unsigned char *enc, size_t elen, struct db_participant *p, int64_t now)
{
	static const char sql[] = "INSERT INTO participant (phone_hash, phone_enc, "
	    "lang, script, created) VALUES (?, ?, ?, ?, ?)";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_blob(st, 1, hash, (int)hlen, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, enc, (int)elen, SQLITE_STATIC);
	db_bind_text(st, 3, p->lang);
	db_bind_text(st, 4, p->script);
	sqlite3_bind_int64(st, 5, now);
	if ((rc = db_step_done(db, st)) == 0)
		p->id = sqlite3_last_insert_rowid(db->h);
	return rc;
}

int
db_participant_update(struct db *db, const struct db_participant *p)
{
	static const char sql[] = "UPDATE participant SET lang = ?, script = ?, "
	    "opted_out = ? WHERE id = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	db_bind_text(st, 1, p->lang);
	db_bind_text(st, 2, p->script);
	sqlite3_bind_int(st, 3, p->opted_out);
	sqlite3_bind_int64(st, 4, p->id);
	return db_step_done(db, st);
}

/*
 * Moves the participant's running totals from one aimag to another, so that
 * reports by aimag follow where people say they live. sign is -1 to take the
 * contributions out of aimag, +1 to put them in.
 */
static int
db_tally_shift(struct db *db, int64_t id, const char *aimag, int sign)
{
	static const char sql[] =
	    "WITH c (item_id, what, channel, n) AS ("
	    " SELECT item_id, choice, channel, 1 FROM vote WHERE participant_id = ?1"
	    " UNION ALL SELECT item_id, 'signature', channel, 1 FROM signature"
	    "  WHERE participant_id = ?1"
	    " UNION ALL SELECT item_id, 'comment', channel, count(*) FROM comment"
	    "  WHERE participant_id = ?1 GROUP BY item_id, channel)"
	    "INSERT INTO tally (item_id, what, channel, aimag, n)"
	    " SELECT item_id, what, channel, ?2, ?3 * n FROM c WHERE true"
	    " ON CONFLICT (item_id, what, channel, aimag) DO UPDATE SET n = n + excluded.n";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, aimag ? aimag : "");
	sqlite3_bind_int(st, 3, sign);
	return db_step_done(db, st);
}

/* The participant's aimag as stored ("" if none); 0 or -1. */
static int
db_participant_aimag(struct db *db, int64_t id, char *out, size_t len)
{
	static const char sql[] = "SELECT aimag FROM participant WHERE id = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	out[0] = '\0';
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		db_copy_text(st, 0, out, len);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* Re-files the participant's totals under a new aimag ("" for unknown). */
static int
db_tally_move(struct db *db, int64_t id, const char *aimag)
{
	char	old[8];

	if (db_participant_aimag(db, id, old, sizeof old) != 0)
		return -1;
	if (strcmp(old, aimag ? aimag : "") == 0)
		return 0;
	if (db_tally_shift(db, id, old, -1) != 0)
		return -1;
	return db_tally_shift(db, id, aimag, 1);
}

int
db_participant_set_place(struct db *db, int64_t id, const char *aimag,
    const char *soum)
{
	static const char sql[] = "UPDATE participant SET aimag = ?, soum = ? WHERE id = ?";
	sqlite3_stmt	*st;

	if (db_tally_move(db, id, aimag) != 0 || (st = db_prepare(db, sql)) == NULL)
		return -1;
	db_bind_text(st, 1, aimag && *aimag ? aimag : NULL);
	db_bind_text(st, 2, soum && *soum ? soum : NULL);
	sqlite3_bind_int64(st, 3, id);
	return db_step_done(db, st);
}

int
db_participant_erase(struct db *db, int64_t id, int64_t now)
{
	static const char sql[] = "UPDATE participant SET phone_hash = NULL, "
	    "phone_enc = NULL, aimag = NULL, soum = NULL, opted_out = 1, "
	    "erased = ? WHERE id = ?";
	sqlite3_stmt	*st;

	if (db_tally_move(db, id, "") != 0 || db_outbox_forget(db, id) != 0 ||
	    (st = db_prepare(db, sql)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, id);
	return db_step_done(db, st);
}

int
db_participant_counts(struct db *db, int64_t id, int *votes, int *comments,
    int *signatures)
{
	static const char sql[] = "SELECT "
	    "(SELECT count(*) FROM vote WHERE participant_id = ?1), "
	    "(SELECT count(*) FROM comment WHERE participant_id = ?1), "
	    "(SELECT count(*) FROM signature WHERE participant_id = ?1)";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*votes = sqlite3_column_int(st, 0);
		*comments = sqlite3_column_int(st, 1);
		*signatures = sqlite3_column_int(st, 2);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : db_rc(db, rc);
}

int
db_participant_phone(struct db *db, int64_t id, unsigned char **enc, size_t *len)
{
	static const char sql[] = "SELECT phone_enc FROM participant WHERE id = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc, found = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) == SQLITE_BLOB) {
		*len = (size_t)sqlite3_column_bytes(st, 0);
		*enc = xmalloc(*len);
		memcpy(*enc, sqlite3_column_blob(st, 0), *len);
		found = 1;
	}
	sqlite3_reset(st);
	if (found)
		return 0;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_NONE : db_rc(db, rc);
}
