/* SPDX-License-Identifier: ISC */
/*
 * What the web pages keep and read: sign-in codes (keyed hashes only, with the
 * counts their limits need), citizens' and officials' sessions (the token's
 * keyed hash; one set of functions over either table), and the per-article
 * counts, comment pages and a person's own record the pages show.
 */
#include <stdlib.h>
#include <string.h>

#include "db_int.h"

int
db_code_counts(struct db *db, const unsigned char *phash, const unsigned char *ihash,
    int64_t now, struct db_code_counts *n)
{
	static const char sql[] = "SELECT "
	    "(SELECT count(*) FROM login_code WHERE phone_hash = ?1 AND created > ?3 - 3600), "
	    "(SELECT count(*) FROM login_code WHERE phone_hash = ?1 AND created > ?3 - 86400), "
	    "(SELECT count(*) FROM login_code WHERE ip_hash = ?2 AND created > ?3 - 3600), "
	    "(SELECT count(*) FROM login_code WHERE ip_hash = ?2 AND created > ?3 - 86400), "
	    "(SELECT coalesce(max(created), 0) FROM login_code WHERE phone_hash = ?1)";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	memset(n, 0, sizeof *n);
	if (st == NULL)
		return -1;
	sqlite3_bind_blob(st, 1, phash, DB_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, ihash, DB_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, now);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n->phone_hour = sqlite3_column_int(st, 0);
		n->phone_day = sqlite3_column_int(st, 1);
		n->ip_hour = sqlite3_column_int(st, 2);
		n->ip_day = sqlite3_column_int(st, 3);
		n->last = sqlite3_column_int64(st, 4);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : db_rc(db, rc);
}

int
db_code_insert(struct db *db, const struct db_code *c)
{
	static const char void_sql[] = "UPDATE login_code SET used = 1 "
	    "WHERE phone_hash = ? AND used = 0";
	static const char sql[] = "INSERT INTO login_code (phone_hash, phone_enc, "
	    "cookie_hash, ip_hash, code_hash, masked, return_to, created, expires, "
	    "outbox_id, official_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt	*st = db_prepare(db, void_sql);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_blob(st, 1, c->phone_hash, DB_HASH_LEN, SQLITE_STATIC);
	if ((rc = db_step_done(db, st)) != 0 || (st = db_prepare(db, sql)) == NULL)
		return rc != 0 ? rc : -1;
	sqlite3_bind_blob(st, 1, c->phone_hash, DB_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, c->phone_enc, (int)c->enc_len, SQLITE_STATIC);
	sqlite3_bind_blob(st, 3, c->cookie_hash, DB_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_blob(st, 4, c->ip_hash, DB_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_blob(st, 5, c->code_hash, DB_HASH_LEN, SQLITE_STATIC);
	db_bind_text(st, 6, c->masked);
	db_bind_text(st, 7, c->return_to);
	sqlite3_bind_int64(st, 8, c->created);
	sqlite3_bind_int64(st, 9, c->expires);
	sqlite3_bind_int64(st, 10, c->outbox_id);
	if (c->official_id != 0)
		sqlite3_bind_int64(st, 11, c->official_id);
	return db_step_done(db, st);
}

/* Copies a blob column of DB_HASH_LEN bytes; zeroes if it has another size. */
static void
db_copy_hash(sqlite3_stmt *st, int col, unsigned char out[DB_HASH_LEN])
{
	if (sqlite3_column_bytes(st, col) == DB_HASH_LEN)
		memcpy(out, sqlite3_column_blob(st, col), DB_HASH_LEN);
	else
		memset(out, 0, DB_HASH_LEN);
}

int
db_code_live(struct db *db, const unsigned char *cookie_hash, int64_t now,
    struct db_code *c)
{
	static const char sql[] = "SELECT id, phone_hash, phone_enc, code_hash, masked, "
	    "return_to, tries, outbox_id, official_id FROM login_code WHERE cookie_hash = ? "
	    "AND used = 0 AND expires > ? ORDER BY id DESC LIMIT 1";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	memset(c, 0, sizeof *c);
	if (st == NULL)
		return -1;
	sqlite3_bind_blob(st, 1, cookie_hash, DB_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, now);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c->id = sqlite3_column_int64(st, 0);
		db_copy_hash(st, 1, c->phash);
		c->enc_len = (size_t)sqlite3_column_bytes(st, 2);
		c->enc = xmalloc(c->enc_len + 1);
		memcpy(c->enc, sqlite3_column_blob(st, 2), c->enc_len);
		db_copy_hash(st, 3, c->chash);
		db_copy_text(st, 4, c->masked_buf, sizeof c->masked_buf);
		c->return_to_buf = db_dup_text(st, 5);
		c->tries = sqlite3_column_int(st, 6);
		c->outbox_id = sqlite3_column_int64(st, 7);
		c->official_id = sqlite3_column_int64(st, 8);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? DB_NONE : db_rc(db, rc);
}

void
db_code_clear(struct db_code *c)
{
	free(c->enc);
	free(c->return_to_buf);
	c->enc = NULL;
	c->return_to_buf = NULL;
}

int
db_code_tried(struct db *db, int64_t id, int used)
{
	static const char sql[] = "UPDATE login_code SET tries = tries + 1, "
	    "used = max(used, ?) WHERE id = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, used);
	sqlite3_bind_int64(st, 2, id);
	return db_step_done(db, st);
}

int
db_code_signed_in(struct db *db, const struct db_code *c, int64_t pid)
{
	static const char code[] = "UPDATE login_code SET phone_enc = X'' WHERE id = ?";
	static const char sms[] = "UPDATE outbox SET participant_id = ? WHERE id = ?";
	sqlite3_stmt	*st = db_prepare(db, code);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, c->id);
	if ((rc = db_step_done(db, st)) != 0 || pid == 0)
		return rc;
	if ((st = db_prepare(db, sms)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, pid);
	sqlite3_bind_int64(st, 2, c->outbox_id);
	return db_step_done(db, st);
}

int
db_code_forget(struct db *db, const unsigned char *phone_hash, int64_t before)
{
	static const char one[] = "DELETE FROM login_code WHERE phone_hash = ?";
	static const char old[] = "DELETE FROM login_code WHERE created < ?";
	static const char sms[] = "UPDATE outbox SET phone_enc = X'', text = '' "
	    "WHERE kind = 'code' AND created < ? AND state <> 'queued'";
	sqlite3_stmt	*st = db_prepare(db, phone_hash ? one : old);
	int		 rc;

	if (st == NULL)
		return -1;
	if (phone_hash != NULL) {
		sqlite3_bind_blob(st, 1, phone_hash, DB_HASH_LEN, SQLITE_STATIC);
		return db_step_done(db, st);
	}
	sqlite3_bind_int64(st, 1, before);
	if ((rc = db_step_done(db, st)) != 0 || (st = db_prepare(db, sms)) == NULL)
		return rc != 0 ? rc : -1;
	sqlite3_bind_int64(st, 1, before);
	return db_step_done(db, st);
}

int
db_audit_mine(struct db *db, int64_t id, const unsigned char *who, const char *code)
{
	static const char sql[] = "SELECT count(*) FROM audit WHERE id = ? AND "
	    "who_hash = ? AND item_code = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 n = 0;

	if (st == NULL)
		return 0;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_blob(st, 2, who, DB_HASH_LEN, SQLITE_STATIC);
	db_bind_text(st, 3, code);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return n > 0;
}

/* The statements of each kind of session: a citizen's or an official's. */
static const struct db_session_sql {
	const char	*insert, *get, *touch, *one, *all;
} db_session_sql[] = {
	[DB_SESSION_WEB] = {
		"INSERT INTO web_session (token_hash, participant_id, created, seen) "
		    "VALUES (?, ?, ?, ?)",
		"SELECT participant_id, created, seen FROM web_session "
		    "WHERE token_hash = ?",
		"UPDATE web_session SET seen = ? WHERE token_hash = ?",
		"DELETE FROM web_session WHERE token_hash = ?",
		"DELETE FROM web_session WHERE participant_id = ?",
	},
	[DB_SESSION_ADMIN] = {
		"INSERT INTO admin_session (token_hash, official_id, created, seen) "
		    "VALUES (?, ?, ?, ?)",
		"SELECT official_id, created, seen FROM admin_session "
		    "WHERE token_hash = ?",
		"UPDATE admin_session SET seen = ? WHERE token_hash = ?",
		"DELETE FROM admin_session WHERE token_hash = ?",
		"DELETE FROM admin_session WHERE official_id = ?",
	},
};

int
db_session_insert(struct db *db, enum db_session_kind kind,
    const unsigned char *token_hash, int64_t owner, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db, db_session_sql[kind].insert);

	if (st == NULL)
		return -1;
	sqlite3_bind_blob(st, 1, token_hash, DB_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, owner);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int64(st, 4, now);
	return db_step_done(db, st);
}

int
db_session_get(struct db *db, enum db_session_kind kind,
    const unsigned char *token_hash, int64_t *owner, int64_t *created, int64_t *seen)
{
	sqlite3_stmt	*st = db_prepare(db, db_session_sql[kind].get);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_blob(st, 1, token_hash, DB_HASH_LEN, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*owner = sqlite3_column_int64(st, 0);
		*created = sqlite3_column_int64(st, 1);
		*seen = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? DB_NONE : db_rc(db, rc);
}

int
db_session_touch(struct db *db, enum db_session_kind kind,
    const unsigned char *token_hash, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db, db_session_sql[kind].touch);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_blob(st, 2, token_hash, DB_HASH_LEN, SQLITE_STATIC);
	return db_step_done(db, st);
}

int
db_session_delete(struct db *db, enum db_session_kind kind,
    const unsigned char *token_hash, int64_t owner)
{
	const struct db_session_sql	*q = &db_session_sql[kind];
	sqlite3_stmt			*st;

	st = db_prepare(db, token_hash != NULL ? q->one : q->all);

	if (st == NULL)
		return -1;
	if (token_hash != NULL)
		sqlite3_bind_blob(st, 1, token_hash, DB_HASH_LEN, SQLITE_STATIC);
	else
		sqlite3_bind_int64(st, 1, owner);
	return db_step_done(db, st);
}

int
db_article_counts(struct db *db, int64_t item_id,
    void (*cb)(const char *article, int64_t support, int64_t oppose, int64_t comments,
    void *), void *arg)
{
	static const char sql[] = "SELECT a.number, "
	    "(SELECT count(*) FROM article_vote v WHERE v.item_id = a.item_id AND "
	    "v.article = a.number AND v.choice = 'support'), "
	    "(SELECT count(*) FROM article_vote v WHERE v.item_id = a.item_id AND "
	    "v.article = a.number AND v.choice = 'oppose'), "
	    "(SELECT count(*) FROM comment c WHERE c.item_id = a.item_id AND "
	    "c.article = a.number) FROM article a WHERE a.item_id = ? ORDER BY a.pos";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		cb((const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1),
		    sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3), arg);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_rc(db, rc);
}

int
db_comment_page(struct db *db, int64_t item_id, const char *article, int offset,
    int limit, void (*cb)(int64_t id, const char *text, int64_t ts, const char *channel,
    void *), void *arg)
{
	static const char sql[] = "SELECT id, text_raw, ts, channel FROM comment "
	    "WHERE item_id = ?1 AND coalesce(article, '') = ?2 "
	    "ORDER BY id DESC LIMIT ?3 OFFSET ?4";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	db_bind_text(st, 2, article ? article : "");
	sqlite3_bind_int(st, 3, limit);
	sqlite3_bind_int(st, 4, offset);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		cb(sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
		    sqlite3_column_int64(st, 2), (const char *)sqlite3_column_text(st, 3),
		    arg);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_rc(db, rc);
}

int
db_person_record(struct db *db, int64_t pid,
    void (*cb)(const char *what, const char *code, const char *article,
    const char *value, const char *channel, int64_t ts, void *), void *arg)
{
	static const char sql[] = "SELECT 'vote', i.code, NULL, v.choice, v.channel, v.ts "
	    "FROM vote v JOIN item i ON i.id = v.item_id WHERE v.participant_id = ?1 "
	    "UNION ALL SELECT 'article_vote', i.code, v.article, v.choice, v.channel, v.ts "
	    "FROM article_vote v JOIN item i ON i.id = v.item_id WHERE v.participant_id = ?1 "
	    "UNION ALL SELECT 'signature', i.code, NULL, NULL, s.channel, s.ts "
	    "FROM signature s JOIN item i ON i.id = s.item_id WHERE s.participant_id = ?1 "
	    "UNION ALL SELECT 'comment', i.code, c.article, c.text_raw, c.channel, c.ts "
	    "FROM comment c JOIN item i ON i.id = c.item_id WHERE c.participant_id = ?1 "
	    "ORDER BY 6 DESC";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, pid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		cb((const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2),
		    (const char *)sqlite3_column_text(st, 3),
		    (const char *)sqlite3_column_text(st, 4), sqlite3_column_int64(st, 5), arg);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_rc(db, rc);
}
