/* SPDX-License-Identifier: ISC */
/*
 * The write-ahead log stays bounded under steady writing through db_commit:
 * it is copied back into the database as it goes (SQLite's automatic
 * checkpoint) and starts again from the beginning. A log that is never copied
 * back leaves the database file empty and the log as large as all writes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "common.h"
#include "db.h"
#include "db_int.h"
#include "testutil.h"

#define COMMITS	400
#define ROWS	50
#define ROWLEN	400		/* 400 x 50 x 400 bytes: 8 MB written in all */

static off_t
file_size(const char *path)
{
	struct stat	sb;

	return stat(path, &sb) == 0 ? sb.st_size : -1;
}

/* Writes COMMITS transactions of ROWS rows each through db_begin/db_commit. */
static void
write_load(struct db *db)
{
	sqlite3_stmt	*st;
	char		 row[ROWLEN + 1];
	int		 i, j;

	memset(row, 'x', ROWLEN);
	row[ROWLEN] = '\0';
	assert_int_equal(sqlite3_exec(db->h, "PRAGMA synchronous = OFF;"
	    "CREATE TABLE load (n INTEGER PRIMARY KEY, s TEXT)", NULL, NULL, NULL), 0);
	assert_int_equal(sqlite3_prepare_v2(db->h, "INSERT INTO load (s) VALUES (?)",
	    -1, &st, NULL), SQLITE_OK);
	for (i = 0; i < COMMITS; i++) {
		assert_int_equal(db_begin(db), 0);
		for (j = 0; j < ROWS; j++) {
			sqlite3_bind_text(st, 1, row, ROWLEN, SQLITE_STATIC);
			assert_int_equal(sqlite3_step(st), SQLITE_DONE);
			sqlite3_reset(st);
		}
		assert_int_equal(db_commit(db), 0);
	}
	sqlite3_finalize(st);
}

/* Runs the load and checks the log's size. */
static void
test_checkpoint_bounded(void **state)
{
	char		*dir = testdir_make("test_checkpoint"), *path, *wal, *cause;
	struct db	*db;

	assert_non_null(dir);
	path = xasprintf("%s/t.db", dir);
	wal = xasprintf("%s-wal", path);
	(void)state;
	assert_int_equal(db_open(path, 1, &db, &cause), 0);
	write_load(db);
	printf("# wal %lld bytes, database %lld bytes\n", (long long)file_size(wal),
	    (long long)file_size(path));
	assert_true(file_size(wal) < 3 * 1024 * 1024);
	assert_true(file_size(path) > (off_t)COMMITS * ROWS * ROWLEN / 2);
	assert_true(db_integrity_ok(db));
	db_close(db);
	assert_int_equal(testdir_remove(dir), 0);
	free(path);
	free(wal);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checkpoint_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
