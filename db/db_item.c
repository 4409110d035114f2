/* SPDX-License-Identifier: ISC */
/* Items (consultations and petitions) and their articles. */
#include <stdio.h>
#include <stdlib.h>

#include "db_int.h"

int
db_item_insert(struct db *db, const struct db_item *it, int64_t *id)
{
	static const char sql[] = "INSERT INTO item (code, kind, opens, closes, "
	    "threshold, state, doc, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	db_bind_text(st, 1, it->code);
	db_bind_text(st, 2, it->kind);
	sqlite3_bind_int64(st, 3, it->opens);
	sqlite3_bind_int64(st, 4, it->closes);
	sqlite3_bind_int64(st, 5, it->threshold);
	db_bind_text(st, 6, it->state[0] ? it->state : "auto");
	db_bind_text(st, 7, it->doc);
	sqlite3_bind_int64(st, 8, clock_unix());
	if ((rc = db_step_done(db, st)) == 0)
		*id = sqlite3_last_insert_rowid(db->h);
	return rc;
}

int
db_article_insert(struct db *db, int64_t item_id, const char *number, int pos)
{
	static const char sql[] =
	    "INSERT INTO article (item_id, number, pos) VALUES (?, ?, ?)";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	db_bind_text(st, 2, number);
	sqlite3_bind_int(st, 3, pos);
	return db_step_done(db, st);
}

/* Fills it from the current row of st (the columns of ITEM_COLUMNS). */
static void
db_item_row(sqlite3_stmt *st, struct db_item *it)
{
	it->id = sqlite3_column_int64(st, 0);
	db_copy_text(st, 1, it->code, sizeof it->code);
	db_copy_text(st, 2, it->kind, sizeof it->kind);
	db_copy_text(st, 3, it->state, sizeof it->state);
	it->opens = sqlite3_column_int64(st, 4);
	it->closes = sqlite3_column_int64(st, 5);
	it->threshold = sqlite3_column_int64(st, 6);
	it->doc = NULL;
}

/* The document is left out: it is large, and only reports need it (db_item_doc). */
#define ITEM_COLUMNS "id, code, kind, state, opens, closes, threshold"

int
db_item_get(struct db *db, const char *code, struct db_item *it)
{
	static const char sql[] = "SELECT " ITEM_COLUMNS " FROM item WHERE code = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	db_bind_text(st, 1, code);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		db_item_row(st, it);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? DB_NONE : db_rc(db, rc);
}

void
db_item_clear(struct db_item *it)
{
	free(it->doc);
	it->doc = NULL;
}

char *
db_item_doc(struct db *db, int64_t id)
{
	static const char sql[] = "SELECT doc FROM item WHERE id = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);
	char		*doc = NULL;

	if (st == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		doc = db_dup_text(st, 0);
	sqlite3_reset(st);
	return doc;
}

int
db_item_set_state(struct db *db, const char *code, const char *state)
{
	static const char sql[] = "UPDATE item SET state = ? WHERE code = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	db_bind_text(st, 1, state);
	db_bind_text(st, 2, code);
	if ((rc = db_step_done(db, st)) != 0)
		return rc;
	return sqlite3_changes(db->h) ? 0 : DB_NONE;
}

int
db_item_each(struct db *db, int (*cb)(const struct db_item *, void *), void *arg)
{
	static const char sql[] = "SELECT " ITEM_COLUMNS " FROM item "
	    "ORDER BY length(code), code";
	sqlite3_stmt	*st = db_prepare(db, sql);
	struct db_item	 it;
	int		 rc, stop = 0;

	if (st == NULL)
		return -1;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		db_item_row(st, &it);
		stop = cb(&it, arg);
		db_item_clear(&it);
	}
	sqlite3_reset(st);
	return stop ? 0 : db_rc(db, rc);
}

int
db_article_exists(struct db *db, int64_t item_id, const char *number)
{
	static const char sql[] =
	    "SELECT 1 FROM article WHERE item_id = ? AND number = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	db_bind_text(st, 2, number);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : -1;
}
