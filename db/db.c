/* SPDX-License-Identifier: ISC */
/*
 * The connection: opening with the pragmas durability depends on (WAL,
 * synchronous=FULL, foreign keys), migrations, transactions and a small cache of
 * prepared statements keyed by the address of the caller's SQL literal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_int.h"

static int
db_exec(struct db *db, const char *sql)
{
	return db_rc(db, sqlite3_exec(db->h, sql, NULL, NULL, NULL));
}

int
db_rc(struct db *db, int rc)
{
	(void)db;
	if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 0;
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return DB_BUSY;
	return -1;
}

static const char sql_user_version[] = "PRAGMA user_version";

/* Applies the migrations the database has not seen yet, in one transaction. */
static int
db_migrate(struct db *db, char **cause)
{
	int	version, i = 0;

	if ((version = (int)db_query_int(db, sql_user_version)) < 0)
		goto fail;
	if (version > db_nmigrations) {
		*cause = xasprintf("database schema %d is newer than this program (%d)",
		    version, db_nmigrations);
		return -1;
	}
	if (version == db_nmigrations)
		return 0;
	if (db_exec(db, "BEGIN IMMEDIATE") != 0)
		goto fail;
	/* Another process may have migrated while we waited for the lock. */
	if ((version = (int)db_query_int(db, sql_user_version)) < 0)
		goto fail_rollback;
	for (i = version; i < db_nmigrations; i++) {
		if (db_exec(db, db_migrations[i]) != 0)
			goto fail_rollback;
	}
	{
		char	sql[64];

		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", db_nmigrations);
		if (db_exec(db, sql) != 0 || db_exec(db, "COMMIT") != 0)
			goto fail_rollback;
	}
	return 0;
fail_rollback:
	*cause = xasprintf("migration %d: %s", i + 1, sqlite3_errmsg(db->h));
	sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	return -1;
fail:
	*cause = xasprintf("%s", sqlite3_errmsg(db->h));
	return -1;
}

int
db_open(const char *path, int create, struct db **out, char **cause)
{
	struct db	*db = xcalloc(1, sizeof *db);
	int		 flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

	db->path = xstrdup(path);
	if (create)
		flags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK) {
		*cause = xasprintf("%s: %s", path,
		    db->h ? sqlite3_errmsg(db->h) : "cannot open");
		goto fail;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, 2000);
	/*
	 * Small pages: each message dirties a few index pages at random places
	 * (Kannel ids, phone hashes), and every dirty page is a WAL frame to
	 * write and fsync, so the page size is the cost of a random insert.
	 * Takes effect only when the database is created.
	 */
	if (db_exec(db, "PRAGMA page_size = 1024") != 0 ||
	    db_exec(db, "PRAGMA journal_mode = WAL") != 0 ||
	    db_exec(db, "PRAGMA synchronous = FULL") != 0 ||
	    db_exec(db, "PRAGMA foreign_keys = ON") != 0 ||
	    db_exec(db, "PRAGMA cache_size = -16384") != 0) {
		*cause = xasprintf("%s: %s", path, sqlite3_errmsg(db->h));
		goto fail;
	}
	if (db_migrate(db, cause) != 0)
		goto fail;
	*out = db;
	return 0;
fail:
	db_close(db);
	return -1;
}

void
db_close(struct db *db)
{
	int	i;

	if (db == NULL)
		return;
	for (i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].stmt);
	sqlite3_close(db->h);
	free(db->path);
	free(db);
}

const char *
db_errmsg(struct db *db)
{
	return sqlite3_errmsg(db->h);
}

int
db_busy_timeout(struct db *db, int ms)
{
	return db_rc(db, sqlite3_busy_timeout(db->h, ms));
}

int
db_begin(struct db *db)
{
	return db_exec(db, "BEGIN IMMEDIATE");
}

int
db_commit(struct db *db)
{
	return db_exec(db, "COMMIT");
}

int
db_rollback(struct db *db)
{
	return db_exec(db, "ROLLBACK");
}

/* Runs a cached statement that returns no rows. */
static int
db_run(struct db *db, const char *sql)
{
	sqlite3_stmt	*st = db_prepare(db, sql);

	return st == NULL ? -1 : db_step_done(db, st);
}

static const char sql_savepoint[] = "SAVEPOINT msg";
static const char sql_release[] = "RELEASE msg";
static const char sql_rollback_to[] = "ROLLBACK TO msg";

int
db_savepoint(struct db *db)
{
	return db_run(db, sql_savepoint);
}

int
db_release(struct db *db)
{
	return db_run(db, sql_release);
}

int
db_rollback_savepoint(struct db *db)
{
	if (db_run(db, sql_rollback_to) != 0)
		return -1;
	return db_run(db, sql_release);
}

int
db_in_transaction(struct db *db)
{
	return !sqlite3_get_autocommit(db->h);
}

int
db_ping(struct db *db)
{
	static const char sql[] = "SELECT 1";

	return db_query_int(db, sql) == 1 ? 0 : -1;
}

int
db_integrity_ok(struct db *db)
{
	sqlite3_stmt	*st;
	int		 ok = 0;

	if (sqlite3_prepare_v2(db->h, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		ok = strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
	sqlite3_finalize(st);
	return ok;
}

sqlite3_stmt *
db_prepare(struct db *db, const char *sql)
{
	sqlite3_stmt	*st;
	int		 i;

	for (i = 0; i < db->ncache; i++) {
		if (db->cache[i].sql == sql) {
			st = db->cache[i].stmt;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	    NULL) != SQLITE_OK)
		return NULL;
	if (db->ncache == DB_STMT_CACHE)
		fatal("db: statement cache full");
	db->cache[db->ncache].sql = sql;
	db->cache[db->ncache++].stmt = st;
	return st;
}

int
db_step_done(struct db *db, sqlite3_stmt *st)
{
	int	rc = sqlite3_step(st);

	sqlite3_reset(st);
	return db_rc(db, rc);
}

int64_t
db_query_int(struct db *db, const char *sql)
{
	sqlite3_stmt	*st = db_prepare(db, sql);
	int64_t		 n = -1;

	if (st == NULL)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

void
db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

void
db_copy_text(sqlite3_stmt *st, int i, char *out, size_t len)
{
	const char	*s = (const char *)sqlite3_column_text(st, i);

	snprintf(out, len, "%s", s ? s : "");
}

char *
db_dup_text(sqlite3_stmt *st, int i)
{
	const char	*s = (const char *)sqlite3_column_text(st, i);

	return s ? xstrdup(s) : NULL;
}
