/* SPDX-License-Identifier: ISC */
/* db/ private: the connection, the statement cache and binding helpers. */
#ifndef SANAL_DB_INT_H
#define SANAL_DB_INT_H

#include <sqlite3.h>

#include "common.h"
#include "db.h"

#define DB_STMT_CACHE	256	/* every static statement of db/ fits */


struct db {
	sqlite3		*h;
	char		*path;

	struct {
		const char	*sql;		/* the caller's static string: the key */
		sqlite3_stmt	*stmt;
	} cache[DB_STMT_CACHE];
	int		 ncache;
	db_hasher	*hasher;		/* chains the audit trail; NULL: no chain */
};

extern const char *const db_migrations[];
extern const int db_nmigrations;

sqlite3_stmt	*db_prepare(struct db *, const char *sql);	/* cached, reset */
int		 db_step_done(struct db *, sqlite3_stmt *);	/* 0, DB_BUSY or -1 */
int64_t		 db_query_int(struct db *, const char *sql);	/* one integer, or -1 */
int		 db_outbox_forget(struct db *, int64_t pid);	/* erasure: drop the number */
int		 db_rc(struct db *, int rc);			/* map an SQLite code */
void		 db_bind_text(sqlite3_stmt *, int, const char *);	/* NULL binds NULL */
void		 db_copy_text(sqlite3_stmt *, int, char *, size_t);
char		*db_dup_text(sqlite3_stmt *, int);		/* Caller frees; NULL for NULL */

#endif
