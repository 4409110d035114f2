/* SPDX-License-Identifier: ISC */
/*
 * The officials' JSON API under /api/v1/: the items (GET consultations), an
 * item's report (GET consultations/CODE/report: the very bytes of sanalctl
 * report CODE --format json) and, admins only, closing an item (POST
 * consultations/CODE/close). Every request carries "Authorization: Bearer
 * TOKEN" (sanalctl token add); roles rank viewer < analyst < admin. A missing
 * or malformed header is answered 401 at once; anything else is checked as a
 * batch job, inside the transaction, because each use of a known token is an
 * audit row (consult/official.c) and closing an item is a write.
 *
 * Credentials travel only in the Authorization header, never in a cookie, so
 * a browser cannot be made to send them cross-site: no CSRF token is needed
 * (nor checked) here. Nothing is to be cached: Cache-Control: no-store.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "common.h"
#include "consult.h"
#include "db.h"
#include "gateway.h"

#define API_PREFIX	"/api/v1/"
#define API_JSON	"application/json"

enum api_op { API_LIST, API_REPORT, API_CLOSE };

/* The endpoints: path after the prefix (CODE a placeholder), methods, role. */
static const struct api_entry {
	enum api_op		 op;
	const char		*tail;		/* after consultations/CODE, or "" */
	int			 methods;
	enum official_role	 role;		/* at least */
} api_table[] = {
	{ API_LIST, NULL, HTTP_GET | HTTP_HEAD, ROLE_VIEWER },
	{ API_REPORT, "/report", HTTP_GET | HTTP_HEAD, ROLE_VIEWER },
	{ API_CLOSE, "/close", HTTP_POST, ROLE_ADMIN },
};

struct api_job {
	struct batch_job	 job;
	struct http_req		*req;
	const struct api_entry	*e;
	char			 code[16];
	char			 token[API_TOKEN_LEN + 1];
	int			 status;
	char			*body;		/* JSON; NULL: an error below */
	const char		*error;
	int			 invalid_token;	/* 401 names the error */
};

/* Answers with body (JSON) or, if NULL, a JSON error object. */
static void
api_reply(struct http_req *req, int status, const char *body, const char *error,
    int invalid_token)
{
	const char	*hdrs[] = { "Cache-Control", "no-store", NULL, NULL, NULL };
	char		*e = NULL;

	if (status == 401)
		hdrs[2] = "WWW-Authenticate", hdrs[3] = invalid_token ?
		    "Bearer realm=\"sanal\", error=\"invalid_token\"" :
		    "Bearer realm=\"sanal\"";
	if (body == NULL)
		body = e = xasprintf("{\"error\": \"%s\"}\n", error);
	http_reply(req, status, API_JSON, body, strlen(body), hdrs);
	free(e);
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
	static const char *const status[] = { "open", "not_yet_open", "closed" };
	struct api_list	*l = arg;
	char		*title = NULL;

	if (db_item_text(consult_db(l->c), it->id, "title", "mn", &title) < 0) {
		l->failed = 1;
		return 1;
	}
	json_array_append_new(l->items, json_pack("{s:s, s:s, s:s, s:s}", "code",
	    it->code, "kind", it->kind, "status", status[item_status_at(it->state,
	    it->opens, it->closes, clock_unix())], "title", title ? title : it->code));
	free(title);
	return 0;
}

static void
api_list(struct api_job *j, struct consult *c)
{
	struct api_list	l = { c, json_array(), 0 };
	char		*s;

	if (db_item_each(consult_db(c), api_list_item_cb, &l) != 0 || l.failed) {
		json_decref(l.items);
		j->status = 503, j->error = "database unavailable";
		return;
	}
	s = json_dumps(l.items, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(l.items);
	if (s == NULL)
		fatal("api: out of memory writing JSON");
	j->body = xasprintf("{\"consultations\": %s}\n", s);
	free(s);
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
		j->status = 404, j->error = "no item with that code";
		return;
	}
	if (rc != 0) {
		j->status = 503, j->error = "database unavailable";
		return;
	}
	s = report_json(&r, 0);
	j->body = xasprintf("%s\n", s);
	j->status = 200;
	free(s);
	report_free(&r);
}

/* Closes the item, as sanalctl consultation close does; audited. */
static void
api_close(struct api_job *j, struct consult *c, const char *official)
{
	struct db_item	 it;
	char		 detail[96], *cause;
	int		 rc;

	if ((rc = db_item_get(consult_db(c), j->code, &it)) != 0) {
		j->status = rc == DB_NONE ? 404 : 503;
		j->error = rc == DB_NONE ? "no item with that code" : "database unavailable";
		return;
	}
	db_item_clear(&it);
	snprintf(detail, sizeof detail, "closed by official %s (api)", official);
	if (item_set_state(c, j->code, "closed", &cause) != 0) {
		log_warn("api: close %s: %s", j->code, cause);
		free(cause);
		j->status = 503, j->error = "database unavailable";
		return;
	}
	if (db_audit(consult_db(c), clock_unix(), NULL, 0, "consultation_close",
	    j->code, detail, "admin") != 0) {
		j->status = 503, j->error = "database unavailable";
		return;
	}
	j->body = xasprintf("{\"code\": \"%s\", \"status\": \"closed\"}\n", j->code);
	j->status = 200;
}

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
		j->status = 503, j->error = "database unavailable";
		return;
	default:
		j->status = 401, j->error = "invalid or revoked token";
		j->invalid_token = 1;
		return;
	}
	if (role < j->e->role) {
		j->status = 403, j->error = "your role may not do this";
		return;
	}
	if (j->e->op == API_LIST)
		api_list(j, c);
	else if (j->e->op == API_REPORT)
		api_report(j, c);
	else
		api_close(j, c, official);
}

static void
api_done(struct batch_job *job, int committed)
{
	struct api_job	*j = (struct api_job *)job;

	if (!committed)
		api_reply(j->req, 503, NULL, "database busy, try again", 0);
	else
		api_reply(j->req, j->status, j->body, j->error, j->invalid_token);
	keyring_wipe(j->token, sizeof j->token);
	free(j->body);
	free(j);
}

/* The endpoint of path (after the prefix) and its CODE; NULL if none. */
static const struct api_entry *
api_find(const char *path, char code[16])
{
	const char	*p, *slash;
	size_t		 i, n;

	if (strcmp(path, "consultations") == 0)
		return &api_table[0];
	if (strncmp(path, "consultations/", 14) != 0)
		return NULL;
	p = path + 14;
	if ((slash = strchr(p, '/')) == NULL || (n = (size_t)(slash - p)) >= 16)
		return NULL;
	memcpy(code, p, n);
	code[n] = '\0';
	if (!item_code_valid(code))
		return NULL;
	for (i = 1; i < nitems(api_table); i++) {
		if (strcmp(slash, api_table[i].tail) == 0)
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

	if (strncmp(req->path, API_PREFIX, strlen(API_PREFIX)) != 0 ||
	    (e = api_find(req->path + strlen(API_PREFIX), code)) == NULL) {
		api_reply(req, 404, NULL, "not found", 0);
		return;
	}
	if ((e->methods & (int)req->method) == 0) {
		api_reply(req, 405, NULL, e->methods & HTTP_POST ? "use POST" :
		    "use GET or HEAD", 0);
		return;
	}
	auth = http_header(req, "Authorization");
	if (auth == NULL || strncasecmp(auth, "Bearer ", 7) != 0 ||
	    strlen(auth + 7) != API_TOKEN_LEN) {
		api_reply(req, 401, NULL, auth == NULL ? "a bearer token is required" :
		    "malformed Authorization header", auth != NULL);
		return;
	}
	j = xcalloc(1, sizeof *j);
	j->req = req;
	j->e = e;
	snprintf(j->code, sizeof j->code, "%s", code);
	memcpy(j->token, auth + 7, API_TOKEN_LEN);
	j->job.apply = api_apply;
	j->job.done = api_done;
	batch_submit(&j->job);
}
