/* SPDX-License-Identifier: ISC */
/*
 * The officials' JSON API under /api/v1/: the items (GET consultations), an
 * item (GET consultations/CODE: kind, status, dates, title, articles), its
 * report (GET consultations/CODE/report: the very bytes of sanalctl report
 * CODE --format json), its comments (GET consultations/CODE/comments: the
 * comments browser's filters, paged, newest first; never a phone number),
 * its decisions (GET consultations/CODE/decisions), and two writes: an
 * analyst's label for a comment (POST comments/ID/label, a JSON body) and,
 * admins only, closing an item (POST consultations/CODE/close). Every
 * request carries "Authorization: Bearer TOKEN" (sanalctl token add); roles
 * rank viewer < analyst < admin. A missing or malformed header is answered
 * 401 at once; anything else is checked as a batch job, inside the
 * transaction, because each use of a known token is an audit row
 * (consult/official.c) and the writes are audited with the token's official.
 *
 * Credentials travel only in the Authorization header, never in a cookie, so
 * a browser cannot be made to send them cross-site: no CSRF token is needed
 * (nor checked) here. Nothing is to be cached: Cache-Control: no-store.
 * Errors are {"error": "..."}; a bad parameter is 400 and says which.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>

#include "common.h"
#include "consult.h"
#include "db.h"
#include "gateway.h"

#define API_PREFIX	"/api/v1/"
#define API_JSON	"application/json"
#define API_PER_PAGE	50	/* comments on a page unless per_page says */
#define API_DUMP	(JSON_INDENT(2) | JSON_PRESERVE_ORDER | \
	JSON_REAL_PRECISION(6))

enum api_op { API_LIST, API_LABEL, API_ITEM, API_REPORT, API_COMMENTS,
	API_DECISIONS, API_CLOSE };

/* The endpoints: path after the prefix (CODE a placeholder), methods, role. */
static const struct api_entry {
	enum api_op		 op;
	const char		*tail;		/* after consultations/CODE, or NULL */
	int			 methods;
	enum official_role	 role;		/* at least */
} api_table[] = {
	{ API_LIST, NULL, HTTP_GET | HTTP_HEAD, ROLE_VIEWER },
	{ API_LABEL, NULL, HTTP_POST, ROLE_ANALYST },	/* comments/ID/label */
	{ API_ITEM, "", HTTP_GET | HTTP_HEAD, ROLE_VIEWER },
	{ API_REPORT, "/report", HTTP_GET | HTTP_HEAD, ROLE_VIEWER },
	{ API_COMMENTS, "/comments", HTTP_GET | HTTP_HEAD, ROLE_VIEWER },
	{ API_DECISIONS, "/decisions", HTTP_GET | HTTP_HEAD, ROLE_VIEWER },
	{ API_CLOSE, "/close", HTTP_POST, ROLE_ADMIN },
};
#define API_ITEM_FIRST	2		/* the first entry under consultations/CODE */

/* The comments endpoint's query parameters; the filters before page. */
static const char *const api_comment_params[] = { "article", "stance", "topic",
	"aimag", "channel", "day", "campaign", "page", "per_page" };
#define API_NFILTERS	7

static const char *const api_status[] = { "open", "not_yet_open", "closed" };

struct api_job {
	struct batch_job	 job;
	struct http_req		*req;
	const struct api_entry	*e;
	char			 code[16];
	int64_t			 comment_id;	/* comments/ID/label */
	char			 token[API_TOKEN_LEN + 1];
	int			 status;
	char			*body;		/* JSON; NULL: an error below */
	const char		*error;
	char			*cause;		/* a message made here, or NULL */
	char			*link;		/* a Link header, or NULL */
	int			 invalid_token;	/* 401 names the error */
};

/* s as a JSON string (null for NULL); bytes that are not UTF-8 become '?'. */
static json_t *
api_str(const char *s)
{
	json_t	*j;
	char	*t, *p;

	if (s == NULL)
		return json_null();
	if ((j = json_string(s)) != NULL)
		return j;
	t = xstrdup(s);
	for (p = t; *p != '\0'; p++)
		if ((unsigned char)*p >= 0x80)
			*p = '?';
	j = json_string(t);
	free(t);
	return j;
}

/* s, or null if it is empty. */
static json_t *
api_str_or_null(const char *s)
{
	return s == NULL || *s == '\0' ? json_null() : api_str(s);
}

/* ISO 8601 in Ulaanbaatar time: "2026-12-01T12:00:00+08:00". */
static json_t *
api_date(int64_t ts)
{
	time_t		t = (time_t)(ts + 8 * 3600);
	struct tm	tm;
	char		s[32];

	gmtime_r(&t, &tm);
	strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%S+08:00", &tm);
	return json_string(s);
}

/* o as indented JSON and a newline; takes ownership of o. Caller frees. */
static char *
api_dump(json_t *o)
{
	char	*s, *out;

	if (o == NULL || (s = json_dumps(o, API_DUMP)) == NULL)
		fatal("api: out of memory writing JSON");
	json_decref(o);
	out = xasprintf("%s\n", s);
	free(s);
	return out;
}

/* Answers with body (JSON) or, if NULL, a JSON error object. */
static void
api_reply(struct http_req *req, int status, const char *body, const char *error,
    int invalid_token, const char *link)
{
	const char	*hdrs[7] = { "Cache-Control", "no-store" };
	size_t		 n = 2;
	char		*e = NULL;

	if (status == 401) {
		hdrs[n++] = "WWW-Authenticate";
		hdrs[n++] = invalid_token ?
		    "Bearer realm=\"sanal\", error=\"invalid_token\"" :
		    "Bearer realm=\"sanal\"";
	}
	if (link != NULL) {
		hdrs[n++] = "Link";
		hdrs[n++] = link;
	}
	hdrs[n] = NULL;
	if (body == NULL)
		body = e = api_dump(json_pack("{s:o}", "error", api_str(error)));
	http_reply(req, status, API_JSON, body, strlen(body), hdrs);
	free(e);
}

static void
api_fail(struct api_job *j, int status, const char *error)
{
	j->status = status;
	j->error = error;
}

/* The item of j's code into it: 0, or -1 with 404 or 503 set. */
static int
api_item_get(struct api_job *j, struct consult *c, struct db_item *it)
{
	int	rc;

	if ((rc = db_item_get(consult_db(c), j->code, it)) == 0)
		return 0;
	if (rc == DB_NONE)
		api_fail(j, 404, "no item with that code");
	else
		api_fail(j, 503, "database unavailable");
	return -1;
}

/* The list of items: code, kind, status, title (mn, else the code). */
struct api_list {
	struct consult	*c;
	json_t		*items;
	int		 failed;
};

static int
api_list_item_cb(const struct db_item *it, void *arg)
{
	struct api_list	*l = arg;
	char		*title = NULL;

	if (db_item_text(consult_db(l->c), it->id, "title", "mn", &title) < 0) {
		l->failed = 1;
		return 1;
	}
	json_array_append_new(l->items, json_pack("{s:s, s:s, s:s, s:o}", "code",
	    it->code, "kind", it->kind, "status", api_status[item_status_at(it->state,
	    it->opens, it->closes, clock_unix())], "title",
	    api_str(title ? title : it->code)));
	free(title);
	return 0;
}

static void
api_list(struct api_job *j, struct consult *c)
{
	struct api_list	l = { c, json_array(), 0 };

	if (db_item_each(consult_db(c), api_list_item_cb, &l) != 0 || l.failed) {
		json_decref(l.items);
		api_fail(j, 503, "database unavailable");
		return;
	}
	j->body = api_dump(json_pack("{s:o}", "consultations", l.items));
	j->status = 200;
}

/* A text member of the item's file in lang, else in Mongolian; NULL if none. */
static char *
api_item_text(struct db *db, int64_t id, const char *field, const char *lang,
    int *failed)
{
	char	*s = NULL;
	int	 rc = db_item_text(db, id, field, lang, &s);

	if (rc == DB_NONE && strcmp(lang, "mn") != 0)
		rc = db_item_text(db, id, field, "mn", &s);
	if (rc < 0)
		*failed = 1;
	return rc == 0 ? s : NULL;
}

static int
api_article_cb(const char *number, const char *title, const char *text, void *arg)
{
	json_array_append_new(arg, json_pack("{s:o, s:o, s:o}", "number",
	    api_str(number ? number : ""), "title", api_str_or_null(title), "text",
	    api_str_or_null(text)));
	return 0;
}

/* The item: code, kind, status, dates, title, summary, articles (in lang). */
static void
api_item(struct api_job *j, struct consult *c)
{
	struct db	*db = consult_db(c);
	struct db_item	 it;
	const char	*lang = http_param(j->req, "lang");
	json_t		*o, *arts;
	char		*title, *summary;
	int		 failed = 0;

	if (lang == NULL || *lang == '\0')
		lang = "mn";
	else if (strcmp(lang, "mn") != 0 && strcmp(lang, "en") != 0 &&
	    strcmp(lang, "kk") != 0) {
		api_fail(j, 400, "lang: must be mn, en or kk");
		return;
	}
	if (api_item_get(j, c, &it) != 0)
		return;
	title = api_item_text(db, it.id, "title", lang, &failed);
	summary = api_item_text(db, it.id, "summary", lang, &failed);
	arts = json_array();
	if (db_article_each(db, it.id, lang, api_article_cb, arts) != 0)
		failed = 1;
	o = json_pack("{s:s, s:s, s:s, s:o, s:o}", "code", it.code, "kind", it.kind,
	    "status", api_status[item_status_at(it.state, it.opens, it.closes,
	    clock_unix())], "opens", api_date(it.opens), "closes",
	    api_date(it.closes));
	if (strcmp(it.kind, "petition") == 0)
		json_object_set_new(o, "threshold", json_integer(it.threshold));
	json_object_set_new(o, "lang", json_string(lang));
	json_object_set_new(o, "title", api_str(title ? title : it.code));
	json_object_set_new(o, "summary", api_str_or_null(summary));
	json_object_set_new(o, "articles", arts);
	free(title);
	free(summary);
	db_item_clear(&it);
	if (failed) {
		json_decref(o);
		api_fail(j, 503, "database unavailable");
		return;
	}
	j->body = api_dump(o);
	j->status = 200;
}

/* The report, as sanalctl report CODE --format json prints it. */
static void
api_report(struct api_job *j, struct consult *c)
{
	struct report	 r;
	char		*s;
	int		 rc;

	if ((rc = report_build(c, j->code, 0, &r)) == 1) {
		api_fail(j, 404, "no item with that code");
		return;
	}
	if (rc != 0) {
		api_fail(j, 503, "database unavailable");
		return;
	}
	s = report_json(&r, 0);
	j->body = xasprintf("%s\n", s);
	j->status = 200;
	free(s);
	report_free(&r);
}

static void
api_decision_cb(const char *article, const char *outcome, const char *reason,
    const char *official, int64_t ts, void *arg)
{
	json_array_append_new(arg, json_pack("{s:o, s:o, s:o, s:o, s:o}", "article",
	    api_str_or_null(article), "outcome", api_str(outcome), "reason",
	    api_str(reason ? reason : ""), "official",
	    api_str(official ? official : ""), "date", api_date(ts)));
}

/* What officials decided: the whole item's outcome first, then by article. */
static void
api_decisions(struct api_job *j, struct consult *c)
{
	struct db_item	 it;
	json_t		*list = json_array();
	int		 rc;

	if (api_item_get(j, c, &it) != 0) {
		json_decref(list);
		return;
	}
	rc = db_decision_rows(consult_db(c), it.id, api_decision_cb, list);
	db_item_clear(&it);
	if (rc != 0) {
		json_decref(list);
		api_fail(j, 503, "database unavailable");
		return;
	}
	j->body = api_dump(json_pack("{s:s, s:o}", "code", j->code, "decisions",
	    list));
	j->status = 200;
}

/* A whole number of at most 9 digits in s, or -1. */
static int
api_number(const char *s)
{
	int	v = 0;
	size_t	i;

	if (*s == '\0' || strlen(s) > 9)
		return -1;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* 0 if every query parameter is one of the comments endpoint's, else -1 (400). */
static int
api_comment_params_ok(struct api_job *j)
{
	const struct http_param	*p;
	size_t			 i, k;

	for (i = 0; i < j->req->nquery; i++) {
		p = &j->req->params[i];
		for (k = 0; k < nitems(api_comment_params); k++)
			if (strcmp(p->key, api_comment_params[k]) == 0)
				break;
		if (k == nitems(api_comment_params))
			j->cause = xasprintf("unknown parameter \"%.40s\"", p->key);
		else if (strlen(p->value) != p->value_len)
			j->cause = xasprintf("%s: holds a NUL byte", p->key);
		else
			continue;
		j->status = 400;
		return -1;
	}
	return 0;
}

/* The filter of the request's query; 0, or -1 with a 400 set. */
static int
api_comment_filter(struct api_job *j, struct comment_filter *f)
{
	struct http_req	*req = j->req;
	const char	*v;

	if (api_comment_params_ok(j) != 0)
		return -1;
	memset(f, 0, sizeof *f);
	f->code = j->code;
	f->article = http_param(req, "article");
	f->stance = http_param(req, "stance");
	f->topic = http_param(req, "topic");
	f->aimag = http_param(req, "aimag");
	f->channel = http_param(req, "channel");
	f->day = http_param(req, "day");
	f->campaign = -1;
	if ((v = http_param(req, "campaign")) != NULL && *v != '\0' &&
	    strcmp(v, "any") != 0) {
		if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0) {
			api_fail(j, 400, "campaign: must be any, yes or no");
			return -1;
		}
		f->campaign = strcmp(v, "yes") == 0;
	}
	f->page = 1;
	f->per_page = API_PER_PAGE;
	if ((v = http_param(req, "page")) != NULL && (f->page = api_number(v)) < 0) {
		api_fail(j, 400, "page: must be a whole number, 1 or more");
		return -1;
	}
	if ((v = http_param(req, "per_page")) != NULL &&
	    (f->per_page = api_number(v)) < 0) {
		api_fail(j, 400, "per_page: must be a whole number from 1 to 100");
		return -1;
	}
	if (comment_filter_check(f, &j->cause) != 0) {
		j->status = 400;
		return -1;
	}
	return 0;
}

/* Appends s percent-encoded (all but RFC 3986's unreserved characters). */
static void
api_urlencode(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || strchr("-._~", *s) != NULL)
			buf_add(b, s, 1);
		else
			buf_addf(b, "%%%02X", (unsigned char)*s);
	}
}

/* The path of page of this listing, with the request's filters. Caller frees. */
static char *
api_page_url(struct api_job *j, int page, int per_page)
{
	struct buf	 b;
	const char	*v;
	size_t		 k;

	buf_init(&b);
	buf_addf(&b, "%sconsultations/%s/comments?", API_PREFIX, j->code);
	for (k = 0; k < API_NFILTERS; k++) {
		v = http_param(j->req, api_comment_params[k]);
		if (v == NULL || *v == '\0')
			continue;
		buf_addf(&b, "%s=", api_comment_params[k]);
		api_urlencode(&b, v);
		buf_adds(&b, "&");
	}
	buf_addf(&b, "page=%d&per_page=%d", page, per_page);
	return buf_steal(&b);
}

/* Sets next and prev (a path, or null) in o and j's Link header. */
static void
api_page_links(struct api_job *j, json_t *o, int page, int per_page, int64_t total)
{
	int64_t		 pages = total == 0 ? 1 : (total + per_page - 1) / per_page;
	struct buf	 link;
	char		*u;
	int		 p[4] = { page + 1, page - 1, 1, (int)pages };
	const char	*rel[4] = { "next", "prev", "first", "last" };
	int		 i;

	if (p[1] > pages)
		p[1] = (int)pages;	/* past the end: back to the last page */
	json_object_set_new(o, "pages", json_integer(pages));
	buf_init(&link);
	for (i = 0; i < 4; i++) {
		if (p[i] < 1 || p[i] > pages) {
			json_object_set_new(o, rel[i], json_null());
			continue;
		}
		u = api_page_url(j, p[i], per_page);
		buf_addf(&link, "%s<%s>; rel=\"%s\"", link.len ? ", " : "", u,
		    rel[i]);
		json_object_set_new(o, rel[i], json_string(u));
		free(u);
	}
	j->link = buf_steal(&link);
}

/* One comment as the API shows it: never a phone number or its hash. */
static json_t *
api_comment_json(const struct comment_view *v)
{
	json_t	*o = json_object();

	json_object_set_new(o, "id", json_integer(v->id));
	json_object_set_new(o, "article", api_str_or_null(v->article));
	json_object_set_new(o, "channel", api_str(v->channel));
	json_object_set_new(o, "aimag", api_str_or_null(v->aimag));
	json_object_set_new(o, "date", api_date(v->ts));
	json_object_set_new(o, "text", api_str(v->text));
	json_object_set_new(o, "stance", api_str_or_null(v->stance));
	json_object_set_new(o, "topic", api_str_or_null(v->topic));
	json_object_set_new(o, "confidence", v->confidence < 0 ? json_null() :
	    json_real(v->confidence));
	json_object_set_new(o, "human_labelled", json_boolean(v->human));
	if (v->human) {
		json_object_set_new(o, "labelled_by", api_str(v->label_by));
		json_object_set_new(o, "labelled_at", api_date(v->label_ts));
	}
	json_object_set_new(o, "campaign_id", v->campaign_id ?
	    json_integer(v->campaign_id) : json_null());
	json_object_set_new(o, "review", json_boolean(v->review));
	return o;
}

/* One page of the item's comments, newest first, with the filters asked. */
static void
api_comments(struct api_job *j, struct consult *c)
{
	struct comment_filter	 f;
	struct comment_view	*v;
	struct db_item		 it;
	json_t			*o, *list;
	size_t			 n, i;
	int64_t			 total;

	if (api_comment_filter(j, &f) != 0 || api_item_get(j, c, &it) != 0)
		return;
	db_item_clear(&it);
	if (comments_find(c, &f, &v, &n, &total) != 0) {
		api_fail(j, 503, "database unavailable");
		return;
	}
	list = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(list, api_comment_json(&v[i]));
	comments_free(v, n);
	o = json_pack("{s:s, s:i, s:i, s:I}", "code", j->code, "page", f.page,
	    "per_page", f.per_page, "total", (json_int_t)total);
	api_page_links(j, o, f.page, f.per_page, total);
	json_object_set_new(o, "comments", list);
	j->body = api_dump(o);
	j->status = 200;
}

/* An analyst's stance and topic for a comment ({"stance": .., "topic": ..}). */
static void
api_label(struct api_job *j, struct consult *c, const char *official)
{
	struct comment_filter	 f;
	json_t			*in;
	const char		*stance, *topic;
	char			 code[16], *cause;
	int64_t			 now = clock_unix();
	int			 rc;

	in = json_loadb(j->req->body, j->req->body_len, 0, NULL);
	if (in == NULL || json_unpack(in, "{s:s, s:s}", "stance", &stance, "topic",
	    &topic) != 0) {
		json_decref(in);
		api_fail(j, 400, "the body must be a JSON object: "
		    "{\"stance\": \"...\", \"topic\": \"...\"}");
		return;
	}
	memset(&f, 0, sizeof f);
	f.stance = stance, f.topic = topic, f.campaign = -1, f.page = f.per_page = 1;
	if (*stance == '\0' || *topic == '\0')
		api_fail(j, 400, "stance and topic: both are needed");
	else if (comment_filter_check(&f, &j->cause) != 0)
		j->status = 400;
	else if ((rc = db_comment_item(consult_db(c), j->comment_id, code)) != 0)
		api_fail(j, rc == DB_NONE ? 404 : 503, rc == DB_NONE ?
		    "no comment with that id" : "database unavailable");
	else if (comment_label(c, j->comment_id, stance, topic, official, now,
	    &cause) != 0) {
		log_warn("api: label comment %lld: %s", (long long)j->comment_id,
		    cause);
		free(cause);
		api_fail(j, 503, "database unavailable");
	} else {
		j->body = api_dump(json_pack("{s:I, s:s, s:s, s:s, s:b, s:o, s:o}",
		    "id", (json_int_t)j->comment_id, "code", code, "stance", stance,
		    "topic", topic, "human_labelled", 1, "labelled_by",
		    api_str(official), "labelled_at", api_date(now)));
		j->status = 200;
	}
	json_decref(in);
}

/* Closes the item, as sanalctl consultation close does; audited. */
static void
api_close(struct api_job *j, struct consult *c, const char *official)
{
	struct db_item	 it;
	char		 detail[96], *cause;

	if (api_item_get(j, c, &it) != 0)
		return;
	db_item_clear(&it);
	snprintf(detail, sizeof detail, "closed by official %s (api)", official);
	if (item_set_state(c, j->code, "closed", &cause) != 0) {
		log_warn("api: close %s: %s", j->code, cause);
		free(cause);
		api_fail(j, 503, "database unavailable");
		return;
	}
	if (db_audit(consult_db(c), clock_unix(), NULL, 0, "consultation_close",
	    j->code, detail, "admin") != 0) {
		api_fail(j, 503, "database unavailable");
		return;
	}
	j->body = xasprintf("{\"code\": \"%s\", \"status\": \"closed\"}\n", j->code);
	j->status = 200;
}

static void	 api_endpoint(struct api_job *, struct consult *, const char *);

/* In the batch's transaction: the token, the role, then the endpoint. */
static void
api_apply(struct batch_job *job, struct consult *c)
{
	struct api_job		*j = (struct api_job *)job;
	enum official_role	 role;
	int64_t			 oid;
	char			 official[64];

	switch (token_check(c, j->token, clock_unix(), &role, &oid, official)) {
	case TOKEN_OK:
		break;
	case TOKEN_ERROR:
		api_fail(j, 503, "database unavailable");
		return;
	default:
		api_fail(j, 401, "invalid or revoked token");
		j->invalid_token = 1;
		return;
	}
	if (role < j->e->role) {
		api_fail(j, 403, "your role may not do this");
		return;
	}
	/* an endpoint's writes stand or fall with its answer */
	if (db_savepoint(consult_db(c)) != 0) {
		api_fail(j, 503, "database unavailable");
		return;
	}
	api_endpoint(j, c, official);
	if (j->status != 200)
		db_rollback_savepoint(consult_db(c));
	else if (db_release(consult_db(c)) != 0) {
		db_rollback_savepoint(consult_db(c));
		free(j->body);
		j->body = NULL;
		api_fail(j, 503, "database unavailable");
	}
}

static void
api_endpoint(struct api_job *j, struct consult *c, const char *official)
{
	switch (j->e->op) {
	case API_LIST:
		api_list(j, c);
		break;
	case API_LABEL:
		api_label(j, c, official);
		break;
	case API_ITEM:
		api_item(j, c);
		break;
	case API_REPORT:
		api_report(j, c);
		break;
	case API_COMMENTS:
		api_comments(j, c);
		break;
	case API_DECISIONS:
		api_decisions(j, c);
		break;
	case API_CLOSE:
		api_close(j, c, official);
		break;
	}
}

static void
api_done(struct batch_job *job, int committed)
{
	struct api_job	*j = (struct api_job *)job;

	if (!committed)
		api_reply(j->req, 503, NULL, "database busy, try again", 0, NULL);
	else
		api_reply(j->req, j->status, j->body, j->cause ? j->cause : j->error,
		    j->invalid_token, j->status == 200 ? j->link : NULL);
	keyring_wipe(j->token, sizeof j->token);
	free(j->body);
	free(j->cause);
	free(j->link);
	free(j);
}

/* comments/ID/label: the entry, with *id. NULL if p is not that. */
static const struct api_entry *
api_find_comment(const char *p, int64_t *id)
{
	size_t	n = strspn(p, "0123456789");

	if (n == 0 || n > 18 || *p == '0' || strcmp(p + n, "/label") != 0)
		return NULL;
	*id = strtoll(p, NULL, 10);
	return &api_table[1];
}

/* The endpoint of path (after the prefix), its CODE or comment id; NULL if none. */
static const struct api_entry *
api_find(const char *path, char code[16], int64_t *id)
{
	const char	*p;
	size_t		 i, n;

	if (strcmp(path, "consultations") == 0)
		return &api_table[0];
	if (strncmp(path, "comments/", 9) == 0)
		return api_find_comment(path + 9, id);
	if (strncmp(path, "consultations/", 14) != 0)
		return NULL;
	p = path + 14;
	if ((n = strcspn(p, "/")) >= 16)
		return NULL;
	memcpy(code, p, n);
	code[n] = '\0';
	if (!item_code_valid(code))
		return NULL;
	for (i = API_ITEM_FIRST; i < nitems(api_table); i++) {
		if (strcmp(p + n, api_table[i].tail) == 0)
			return &api_table[i];
	}
	return NULL;
}

/* Every path under /api/v1/. */
void
api_serve(struct http_req *req)
{
	const struct api_entry	*e;
	struct api_job		*j;
	const char		*auth;
	char			 code[16] = "";
	int64_t			 id = 0;

	if (strncmp(req->path, API_PREFIX, strlen(API_PREFIX)) != 0 ||
	    (e = api_find(req->path + strlen(API_PREFIX), code, &id)) == NULL) {
		api_reply(req, 404, NULL, "not found", 0, NULL);
		return;
	}
	if ((e->methods & (int)req->method) == 0) {
		api_reply(req, 405, NULL, e->methods & HTTP_POST ? "use POST" :
		    "use GET or HEAD", 0, NULL);
		return;
	}
	auth = http_header(req, "Authorization");
	if (auth == NULL || strncasecmp(auth, "Bearer ", 7) != 0 ||
	    strlen(auth + 7) != API_TOKEN_LEN) {
		api_reply(req, 401, NULL, auth == NULL ? "a bearer token is required" :
		    "malformed Authorization header", auth != NULL, NULL);
		return;
	}
	j = xcalloc(1, sizeof *j);
	j->req = req;
	j->e = e;
	snprintf(j->code, sizeof j->code, "%s", code);
	j->comment_id = id;
	memcpy(j->token, auth + 7, API_TOKEN_LEN);
	j->job.apply = api_apply;
	j->job.done = api_done;
	batch_submit(&j->job);
}
