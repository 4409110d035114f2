/* SPDX-License-Identifier: ISC */
/*
 * Comments as officials browse them: one page of those matching a filter
 * (item, article, stance, topic, aimag, channel, time span, campaign, the
 * review queue), newest first, and how many match in all. An official's
 * label wins over the model's stance and topic; the aimag is the
 * participant's (none once erased). Never a phone number or its hash.
 *
 * The WHERE clause holds only the filters given, so that SQLite can use
 * comment_item for an item and an article; its text varies, so the two
 * statements are prepared for each call and finalised, not cached. The page
 * is chosen on ids alone and only its rows are joined for display, so a deep
 * sort never carries the texts.
 *
 * A campaign is the comments that share campaign_id (their first comment's
 * id) with at least one other; a copy is one whose campaign_id is not its
 * own id. The review queue is the comments the model flagged, and campaign
 * copies, that no official has labelled yet.
 */
#include <stdio.h>

#include "db_int.h"

/* Parameter numbers, the same in both statements. */
enum { P_ITEM = 1, P_ARTICLE, P_STANCE, P_TOPIC, P_AIMAG, P_CHANNEL, P_FROM,
	P_TO, P_LIMIT, P_OFFSET };

/*
 * The first comments of campaigns: with a partial index of campaign copies
 * (comment(campaign_id) WHERE campaign_id <> id) SQLite reads them from it,
 * else from one scan of the table, once per statement.
 */
#define SQL_FIRSTS	"SELECT campaign_id FROM comment WHERE campaign_id <> id"
#define SQL_IN_CAMPAIGN	"c.campaign_id IN (" SQL_FIRSTS ")"
#define SQL_COPY	"coalesce(c.campaign_id <> c.id, 0)"
#define SQL_QUEUE	"((c.review = 1 OR " SQL_COPY ") AND l.comment_id IS NULL)"
/* A page row's campaign: its first comment's id, or 0. */
#define SQL_CAMPAIGN	"CASE WHEN " SQL_COPY " THEN c.campaign_id WHEN c.id IN (" \
	SQL_FIRSTS ") THEN c.id ELSE 0 END"

/* The joins and conditions of q after "FROM comment c". */
static void
db_comments_where(struct buf *b, const struct db_comment_query *q)
{
	if (q->stance != NULL || q->topic != NULL || q->review)
		buf_adds(b, " LEFT JOIN comment_label l ON l.comment_id = c.id");
	if (q->aimag != NULL)
		buf_adds(b, " JOIN participant p ON p.id = c.participant_id");
	buf_adds(b, " WHERE 1");
	if (q->item_id != 0)
		buf_addf(b, " AND c.item_id = ?%d", P_ITEM);
	if (q->article != NULL && *q->article == '\0')
		buf_adds(b, " AND c.article IS NULL");
	else if (q->article != NULL)
		buf_addf(b, " AND c.article = ?%d", P_ARTICLE);
	if (q->stance != NULL)
		buf_addf(b, " AND coalesce(l.stance, c.stance) = ?%d", P_STANCE);
	if (q->topic != NULL)
		buf_addf(b, " AND coalesce(l.topic, c.topic) = ?%d", P_TOPIC);
	if (q->aimag != NULL)
		buf_addf(b, " AND p.aimag = ?%d", P_AIMAG);
	if (q->channel != NULL)
		buf_addf(b, " AND c.channel = ?%d", P_CHANNEL);
	if (q->to > q->from)
		buf_addf(b, " AND c.ts >= ?%d AND c.ts < ?%d", P_FROM, P_TO);
	if (q->campaign == 0)
		buf_adds(b, " AND NOT " SQL_COPY);
	else if (q->campaign == 1)
		buf_adds(b, " AND " SQL_IN_CAMPAIGN);
	if (q->review)
		buf_adds(b, " AND " SQL_QUEUE);
}

/* Prepares sql and binds q's values; NULL on error. */
static sqlite3_stmt *
db_comments_prepare(struct db *db, const char *sql, const struct db_comment_query *q)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	/* a number the statement does not use is SQLITE_RANGE: harmless */
	sqlite3_bind_int64(st, P_ITEM, q->item_id);
	db_bind_text(st, P_ARTICLE, q->article);
	db_bind_text(st, P_STANCE, q->stance);
	db_bind_text(st, P_TOPIC, q->topic);
	db_bind_text(st, P_AIMAG, q->aimag);
	db_bind_text(st, P_CHANNEL, q->channel);
	sqlite3_bind_int64(st, P_FROM, q->from);
	sqlite3_bind_int64(st, P_TO, q->to);
	sqlite3_bind_int(st, P_LIMIT, q->limit);
	sqlite3_bind_int64(st, P_OFFSET, q->offset);
	return st;
}

/* *total: how many comments match. */
static int
db_comments_count(struct db *db, const struct db_comment_query *q, int64_t *total)
{
	struct buf	 b;
	sqlite3_stmt	*st;
	int		 rc;

	buf_init(&b);
	buf_adds(&b, "SELECT count(*) FROM comment c");
	db_comments_where(&b, q);
	st = db_comments_prepare(db, b.data, q);
	buf_free(&b);
	if (st == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*total = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_rc(db, rc);
}

/* Reads one row of the page's statement into r. */
static void
db_comments_row(sqlite3_stmt *st, struct db_comment_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->code = (const char *)sqlite3_column_text(st, 1);
	r->article = (const char *)sqlite3_column_text(st, 2);
	r->channel = (const char *)sqlite3_column_text(st, 3);
	r->aimag = (const char *)sqlite3_column_text(st, 4);
	r->ts = sqlite3_column_int64(st, 5);
	r->text = (const char *)sqlite3_column_text(st, 6);
	r->stance = (const char *)sqlite3_column_text(st, 7);
	r->topic = (const char *)sqlite3_column_text(st, 8);
	r->confidence = sqlite3_column_type(st, 9) == SQLITE_NULL ? -1 :
	    sqlite3_column_double(st, 9);
	r->label_by = (const char *)sqlite3_column_text(st, 10);
	r->label_ts = sqlite3_column_int64(st, 11);
	r->campaign_id = sqlite3_column_int64(st, 12);
	r->review = sqlite3_column_int(st, 13);
}

int
db_comments_find(struct db *db, const struct db_comment_query *q,
    void (*cb)(const struct db_comment_row *, void *), void *arg, int64_t *total)
{
	struct db_comment_row	 r;
	struct buf		 b;
	sqlite3_stmt		*st;
	int			 rc;

	if ((rc = db_comments_count(db, q, total)) != 0 || *total <= q->offset)
		return rc;
	buf_init(&b);
	buf_adds(&b, "SELECT c.id, i.code, c.article, c.channel, p.aimag, c.ts, "
	    "c.text_raw, coalesce(l.stance, c.stance), coalesce(l.topic, c.topic), "
	    "c.confidence, l.official, l.ts, " SQL_CAMPAIGN ", " SQL_QUEUE
	    " FROM (SELECT c.id FROM comment c");
	db_comments_where(&b, q);
	buf_addf(&b, " ORDER BY c.id DESC LIMIT ?%d OFFSET ?%d) AS pg "
	    "JOIN comment c ON c.id = pg.id JOIN item i ON i.id = c.item_id "
	    "LEFT JOIN participant p ON p.id = c.participant_id "
	    "LEFT JOIN comment_label l ON l.comment_id = c.id "
	    "ORDER BY c.id DESC", P_LIMIT, P_OFFSET);
	st = db_comments_prepare(db, b.data, q);
	buf_free(&b);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		db_comments_row(st, &r);
		cb(&r, arg);
	}
	sqlite3_finalize(st);
	return db_rc(db, rc);
}

int
db_comment_item(struct db *db, int64_t comment_id, char code[16])
{
	static const char sql[] = "SELECT i.code FROM comment c "
	    "JOIN item i ON i.id = c.item_id WHERE c.id = ?";
	sqlite3_stmt	*st = db_prepare(db, sql);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, comment_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		db_copy_text(st, 0, code, 16);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? DB_NONE : db_rc(db, rc);
}
