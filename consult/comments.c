/* SPDX-License-Identifier: ISC */
/*
 * Comments for officials: the comments browser and the analysts' review
 * queue (one filtered, paged query: db/db_comments.c) and the labels an
 * official gives. A filter's values are checked here, with a reason that an
 * API can send back as it is; days are Ulaanbaatar days (UTC+8). A label is
 * stored with who and when, in the audit trail too, and wins over the
 * model's stance and topic wherever comments are counted or shown; it takes
 * the comment out of the review queue. Nothing here reads a phone number.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "consult_int.h"
#include "smscmd.h"

#define UB_OFFSET	(8 * 3600)	/* Ulaanbaatar: UTC+8 */

static const char *const comment_channels[] = { "sms", "ussd", "web" };

/* "a, b, c" of names(0..n-1), for messages. Caller frees. */
static char *
comment_names(const char *(*name)(int), int n)
{
	struct buf	b;
	int		i;

	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_addf(&b, "%s%s", i ? ", " : "", name(i));
	return buf_steal(&b);
}

/* The error for a bad stance or topic. Caller frees. */
static char *
comment_bad_name(const char *what, const char *value, const char *(*name)(int),
    int n)
{
	char	*names = comment_names(name, n), *s;

	s = xasprintf("%s \"%s\": must be one of %s", what, value, names);
	free(names);
	return s;
}

static int
comment_set(const char *s)
{
	return s != NULL && *s != '\0';
}

/* The first second of Ulaanbaatar day "YYYY-MM-DD"; 0, or -1 if it is not one. */
static int
comment_day(const char *day, int64_t *start)
{
	if (strlen(day) != 10 || day[4] != '-' || day[7] != '-')
		return -1;
	/* a date without a time or zone is midnight in Ulaanbaatar */
	return clock_parse_iso8601(day, start);
}

static int
comment_channel_ok(const char *channel)
{
	size_t	i;

	for (i = 0; i < nitems(comment_channels); i++)
		if (strcmp(channel, comment_channels[i]) == 0)
			return 1;
	return 0;
}

/* The string filters; 0, or -1 with *cause. */
static int
comment_check_names(const struct comment_filter *f, char **cause)
{
	int64_t	 t;

	if (comment_set(f->code) && !item_code_valid(f->code))
		*cause = xasprintf("code \"%s\": must be 1 to 6 digits", f->code);
	else if (comment_set(f->article) && strlen(f->article) >= 16)
		*cause = xstrdup("article: at most 15 characters");
	else if (comment_set(f->stance) && stance_parse(f->stance) < 0)
		*cause = comment_bad_name("stance", f->stance, stance_name, STANCE_N);
	else if (comment_set(f->topic) && topic_parse(f->topic) < 0)
		*cause = comment_bad_name("topic", f->topic, topic_name, TOPIC_N);
	else if (comment_set(f->aimag) && gazetteer_aimag_name(f->aimag) == NULL)
		*cause = xasprintf("aimag \"%s\": not an aimag's code (11 for the "
		    "capital, 67 for Khövsgöl, ...)", f->aimag);
	else if (comment_set(f->channel) && !comment_channel_ok(f->channel))
		*cause = xasprintf("channel \"%s\": must be sms, ussd or web",
		    f->channel);
	else if (comment_set(f->day) && comment_day(f->day, &t) != 0)
		*cause = xasprintf("day \"%s\": must be a date, YYYY-MM-DD", f->day);
	else
		return 0;
	return -1;
}

int
comment_filter_check(const struct comment_filter *f, char **cause)
{
	if (comment_check_names(f, cause) != 0)
		return -1;
	if (f->campaign < -1 || f->campaign > 1)
		*cause = xstrdup("campaign: must be any, yes or no");
	else if (f->review != 0 && f->review != 1)
		*cause = xstrdup("review: must be 0 or 1");
	else if (f->page < 1)
		*cause = xstrdup("page: must be 1 or more");
	else if (f->per_page < 1 || f->per_page > 100)
		*cause = xstrdup("per_page: must be from 1 to 100");
	else
		return 0;
	return -1;
}

/* The query for f (checked); 1 if f's item does not exist, 0, or -1. */
static int
comment_query(struct consult *c, const struct comment_filter *f,
    struct db_comment_query *q)
{
	struct db_item	it;
	int		rc;

	memset(q, 0, sizeof *q);
	if (comment_set(f->code)) {
		if ((rc = db_item_get(c->db, f->code, &it)) != 0)
			return rc == DB_NONE ? 1 : -1;
		q->item_id = it.id;
		db_item_clear(&it);
	}
	if (comment_set(f->article))
		q->article = strcmp(f->article, "-") == 0 ? "" : f->article;
	q->stance = comment_set(f->stance) ? f->stance : NULL;
	q->topic = comment_set(f->topic) ? f->topic : NULL;
	q->aimag = comment_set(f->aimag) ? f->aimag : NULL;
	q->channel = comment_set(f->channel) ? f->channel : NULL;
	if (comment_set(f->day) && comment_day(f->day, &q->from) == 0)
		q->to = q->from + 86400;
	q->campaign = f->campaign;
	q->review = f->review;
	q->limit = f->per_page;
	q->offset = (int64_t)(f->page - 1) * f->per_page;
	return 0;
}

struct comment_page {
	struct comment_view	*v;
	size_t			 n, cap;
};

static void
comment_row_cb(const struct db_comment_row *r, void *arg)
{
	struct comment_page	*p = arg;
	struct comment_view	*v;

	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->v = xrealloc(p->v, p->cap * sizeof *p->v);
	}
	v = &p->v[p->n++];
	memset(v, 0, sizeof *v);
	v->id = r->id;
	v->ts = r->ts;
	snprintf(v->code, sizeof v->code, "%s", r->code ? r->code : "");
	snprintf(v->article, sizeof v->article, "%s", r->article ? r->article : "");
	snprintf(v->channel, sizeof v->channel, "%s", r->channel ? r->channel : "");
	snprintf(v->aimag, sizeof v->aimag, "%s", r->aimag ? r->aimag : "");
	v->text = quote_scrub(r->text ? r->text : "");	/* a number typed in it, too */
	snprintf(v->stance, sizeof v->stance, "%s", r->stance ? r->stance : "");
	snprintf(v->topic, sizeof v->topic, "%s", r->topic ? r->topic : "");
	v->confidence = r->confidence;
	if ((v->human = r->label_by != NULL)) {
		snprintf(v->label_by, sizeof v->label_by, "%s", r->label_by);
		v->label_ts = r->label_ts;
	}
	v->campaign_id = r->campaign_id;
	v->review = r->review;
}

int
comments_find(struct consult *c, const struct comment_filter *f,
    struct comment_view **out, size_t *n, int64_t *total)
{
	struct db_comment_query	 q;
	struct comment_page	 p = { NULL, 0, 0 };
	char			*cause = NULL;
	int			 rc;

	*out = NULL;
	*n = 0;
	*total = 0;
	if (comment_filter_check(f, &cause) != 0) {
		free(cause);
		return -1;
	}
	if ((rc = comment_query(c, f, &q)) != 0)
		return rc == 1 ? 0 : -1;
	if (db_comments_find(c->db, &q, comment_row_cb, &p, total) != 0) {
		comments_free(p.v, p.n);
		*total = 0;
		return -1;
	}
	*out = p.v;
	*n = p.n;
	return 0;
}

void
comments_free(struct comment_view *v, size_t n)
{
	size_t	i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i].text);
	free(v);
}

/* Stores the label and its audit row; 0, DB_NONE (no such comment) or -1. */
static int
comment_label_store(struct consult *c, int64_t id, const char *stance,
    const char *topic, const char *official, int64_t now)
{
	char	code[16], *detail;
	int	rc;

	if ((rc = db_comment_item(c->db, id, code)) != 0)
		return rc;
	if ((rc = db_label_set(c->db, id, stance, topic, official, now)) != 0)
		return rc;
	detail = xasprintf("comment %lld: %s, %s", (long long)id, stance, topic);
	rc = db_audit(c->db, now, NULL, 0, "label", code, detail, official);
	free(detail);
	return rc;
}

int
comment_label(struct consult *c, int64_t comment_id, const char *stance,
    const char *topic, const char *official, int64_t now, char **cause)
{
	int	own = !db_in_transaction(c->db), rc;

	if (stance == NULL || stance_parse(stance) < 0) {
		*cause = comment_bad_name("stance", stance ? stance : "", stance_name,
		    STANCE_N);
		return -1;
	}
	if (topic == NULL || topic_parse(topic) < 0) {
		*cause = comment_bad_name("topic", topic ? topic : "", topic_name,
		    TOPIC_N);
		return -1;
	}
	if (!comment_set(official)) {
		*cause = xstrdup("a label needs the official's name");
		return -1;
	}
	if ((rc = own ? db_begin(c->db) : db_savepoint(c->db)) != 0) {
		*cause = xstrdup(rc == DB_BUSY ? "the database is busy, try again" :
		    db_errmsg(c->db));
		return -1;
	}
	rc = comment_label_store(c, comment_id, stance, topic, official, now);
	if (rc == 0 && (own ? db_commit(c->db) : db_release(c->db)) == 0)
		return 0;
	*cause = xstrdup(rc == DB_NONE ? "no comment with that id" :
	    db_errmsg(c->db));
	if (own)
		db_rollback(c->db);
	else
		db_rollback_savepoint(c->db);
	return -1;
}
