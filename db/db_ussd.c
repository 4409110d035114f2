/* SPDX-License-Identifier: ISC */
/*
 * What the USSD menu keeps and reads: one session row per phone (a redial
 * finds it again), per-article votes, and the citizen-facing texts of an item
 * read straight from the consultation file as loaded (SQLite's JSON functions),
 * so items loaded before USSD existed need nothing new.
 */
#include <stdlib.h>
#include <string.h>

#include "db_int.h"

int
db_ussd_get(struct db *db, const unsigned char *hash, struct db_ussd *u)
{
	static const char sql[] = "SELECT session, service, seen, stack, draft, reply, "
	    "ended, timed_out, dialback, updated, screen FROM ussd_session "
	    "WHERE phone_hash = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	memset(u, 0, sizeof *u);
	if (st == NULL)
		return -1;
	sqlite3_bind_blob(st, 1, hash, DB_HASH_LEN, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		u->session = db_dup_text(st, 0);
		u->service = db_dup_text(st, 1);
		u->seen = db_dup_text(st, 2);
		u->stack = db_dup_text(st, 3);
		u->draft = db_dup_text(st, 4);
		u->reply = db_dup_text(st, 5);
		u->ended = sqlite3_column_int(st, 6);
		u->timed_out = sqlite3_column_int(st, 7);
		u->dialback = sqlite3_column_int(st, 8);
		u->updated = sqlite3_column_int64(st, 9);
		db_copy_text(st, 10, u->screen, sizeof u->screen);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? DB_NONE : db_rc(db, rc);
}

int
db_ussd_put(struct db *db, const unsigned char *hash, const struct db_ussd *u)
{
	static const char sql[] = "INSERT OR REPLACE INTO ussd_session (phone_hash, "
	    "session, service, seen, stack, draft, reply, ended, timed_out, dialback, "
	    "updated, screen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_blob(st, 1, hash, DB_HASH_LEN, SQLITE_STATIC);
	db_bind_text(st, 2, u->session);
	db_bind_text(st, 3, u->service ? u->service : "");
	db_bind_text(st, 4, u->seen ? u->seen : "");
	db_bind_text(st, 5, u->stack);
	db_bind_text(st, 6, u->draft);
	db_bind_text(st, 7, u->reply);
	sqlite3_bind_int(st, 8, u->ended);
	sqlite3_bind_int(st, 9, u->timed_out);
	sqlite3_bind_int(st, 10, u->dialback);
	sqlite3_bind_int64(st, 11, u->updated);
	db_bind_text(st, 12, u->screen);
	return db_step_done(db, st);
}

void
db_ussd_clear(struct db_ussd *u)
{
	free(u->session);
	free(u->service);
	free(u->seen);
	free(u->stack);
	free(u->draft);
	free(u->reply);
	memset(u, 0, sizeof *u);
}

int
db_ussd_forget(struct db *db, const unsigned char *hash)
{
	static const char sql[] = "DELETE FROM ussd_session WHERE phone_hash = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_blob(st, 1, hash, DB_HASH_LEN, SQLITE_STATIC);
	return db_step_done(db, st);
}

int
db_ussd_idle(struct db *db, int64_t before, int limit, struct db_ussd **out,
    size_t *n)
{
	static const char sql[] = "SELECT phone_hash, stack, dialback, updated, service "
	    "FROM ussd_session WHERE ended = 0 AND timed_out = 0 AND updated < ? "
	    "ORDER BY updated LIMIT ?";
	sqlite3_stmt	*st = db_prepare(db, sql);
	struct db_ussd	*u;
	int		 rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, before);
	sqlite3_bind_int(st, 2, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xrealloc(*out, (*n + 1) * sizeof **out);
		u = &(*out)[(*n)++];
		memset(u, 0, sizeof *u);
		if (sqlite3_column_bytes(st, 0) == DB_HASH_LEN)
			memcpy(u->hash, sqlite3_column_blob(st, 0), DB_HASH_LEN);
		u->stack = db_dup_text(st, 1);
		u->dialback = sqlite3_column_int(st, 2);
		u->updated = sqlite3_column_int64(st, 3);
		u->service = db_dup_text(st, 4);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_rc(db, rc);
}

int
db_ussd_timed_out(struct db *db, const unsigned char *hash, int dialback)
{
	static const char sql[] = "UPDATE ussd_session SET timed_out = 1, "
	    "dialback = max(dialback, ?) WHERE phone_hash = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, dialback);
	sqlite3_bind_blob(st, 2, hash, DB_HASH_LEN, SQLITE_STATIC);
	return db_step_done(db, st);
}

int
db_article_vote(struct db *db, int64_t item_id, const char *article,
    const struct db_actor *who, const char *choice)
{
	static const char sql[] = "INSERT INTO article_vote (item_id, article, "
	    "participant_id, choice, channel, ts) VALUES (?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT (item_id, article, participant_id) DO UPDATE SET "
	    "choice = excluded.choice, channel = excluded.channel, ts = excluded.ts";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	db_bind_text(st, 2, article);
	sqlite3_bind_int64(st, 3, who->pid);
	db_bind_text(st, 4, choice);
	db_bind_text(st, 5, who->channel);
	sqlite3_bind_int64(st, 6, who->now);
	return db_step_done(db, st);
}

int
db_vote_get(struct db *db, int64_t item_id, int64_t pid, char choice[8])
{
	static const char vote[] = "SELECT choice FROM vote "
	    "WHERE item_id = ? AND participant_id = ? UNION ALL "
	    "SELECT 'signed' FROM signature WHERE item_id = ?1 AND participant_id = ?2";
	sqlite3_stmt	*st = db_prepare(db, vote);
	int		 rc;

	choice[0] = '\0';
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	sqlite3_bind_int64(st, 2, pid);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		db_copy_text(st, 0, choice, 8);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? DB_NONE : db_rc(db, rc);
}

int
db_item_text(struct db *db, int64_t item_id, const char *field, const char *lang,
    char **out)
{
	static const char sql[] = "SELECT json_extract(doc, '$.' || ?2 || '.' || ?3) "
	    "FROM item WHERE id = ?1";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	*out = NULL;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	db_bind_text(st, 2, field);
	db_bind_text(st, 3, lang);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) == SQLITE_TEXT && sqlite3_column_bytes(st, 0) > 0)
		*out = db_dup_text(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return *out != NULL ? 0 : DB_NONE;
	return rc == SQLITE_DONE ? DB_NONE : db_rc(db, rc);
}

int
db_article_each(struct db *db, int64_t item_id, const char *lang,
    int (*cb)(const char *number, const char *title, const char *text, void *),
    void *arg)
{
	static const char sql[] = "SELECT json_extract(a.value, '$.number'), "
	    "coalesce(json_extract(a.value, '$.title.' || ?2), "
	    "json_extract(a.value, '$.title.mn'), ''), "
	    "coalesce(json_extract(a.value, '$.text.' || ?2), "
	    "json_extract(a.value, '$.text.mn'), '') "
	    "FROM item, json_each(item.doc, '$.articles') AS a WHERE item.id = ?1 "
	    "ORDER BY a.key";
	sqlite3_stmt	*st = db_prepare(db, sql);
	const char	*num;
	int		 rc, stop = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	db_bind_text(st, 2, lang);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((num = (const char *)sqlite3_column_text(st, 0)) == NULL)
			continue;
		stop = cb(num, (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2), arg);
	}
	sqlite3_reset(st);
	return stop || rc == SQLITE_DONE ? 0 : db_rc(db, rc);
}

int64_t
db_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(db->h);
}
