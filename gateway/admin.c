/* SPDX-License-Identifier: ISC */
/*
 * The officials' pages under /admin: signing in, the route table and the role
 * check. An official gives their name and password (consult/official.c: the
 * same answer, after the same argon2id work, whatever was wrong), then the
 * security code sent by SMS to the phone on their account, under the
 * citizens' rules (consult/web.c). The session is its own cookie,
 * __Host-sanal-admin (Secure, HttpOnly, SameSite=Strict), a new token at each
 * sign-in, 15 minutes idle and 8 hours at most. The forms carry the citizens'
 * form token (from __Host-sanal) and pass web_begin's Origin check; every
 * answer here is no-store and noindex (web.c, w->admin). Every sign-in, sign-out
 * and refusal is in the audit trail.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_pages.h"

#define ADMIN_COOKIE	"__Host-sanal-admin"
#define ADMIN_ATTRS	"; Path=/; Secure; HttpOnly; SameSite=Strict"

/* The pages of a signed-in official: path after /admin, CODE as "*". */
static const struct admin_entry {
	const char		*path;
	int			 methods;
	enum official_role	 min;
	void			(*page)(struct web *, struct admin_user *);
	void			(*item)(struct web *, struct admin_user *, const char *);
} admin_table[] = {
	{ "", HTTP_GET | HTTP_HEAD, ROLE_VIEWER, admin_home, NULL },
	{ "/comments", HTTP_GET | HTTP_HEAD, ROLE_VIEWER, admin_comments, NULL },
	{ "/review", HTTP_GET | HTTP_HEAD, ROLE_VIEWER, admin_review, NULL },
	{ "/label", HTTP_POST, ROLE_ANALYST, admin_label, NULL },
	{ "/c/*", HTTP_GET | HTTP_HEAD, ROLE_VIEWER, NULL, admin_report },
	/* a download is an audit row: GET only, never a HEAD that reads nothing */
	{ "/c/*/report.csv", HTTP_GET, ROLE_VIEWER, NULL, admin_report },
	{ "/c/*/report.xlsx", HTTP_GET, ROLE_VIEWER, NULL, admin_report },
	{ "/c/*/report.json", HTTP_GET, ROLE_VIEWER, NULL, admin_report },
	{ "/c/*/quotes", HTTP_GET | HTTP_HEAD, ROLE_VIEWER, NULL, admin_quotes },
	{ "/c/*/quotes", HTTP_POST, ROLE_ANALYST, NULL, admin_quote_post },
	{ "/c/*/decision", HTTP_GET | HTTP_HEAD | HTTP_POST, ROLE_ADMIN, NULL,
	    admin_decision },
	{ "/c/*/notify", HTTP_GET | HTTP_HEAD | HTTP_POST, ROLE_ADMIN, NULL, admin_notify },
	{ "/c/*/state", HTTP_POST, ROLE_ADMIN, NULL, admin_state },
};

/* The admin session's token from the Cookie header: 1, or 0 if none. */
static int
admin_token(struct web *w, char out[WEB_TOKEN_LEN + 1])
{
	const char	*h = http_header(w->req, "Cookie"), *p;
	size_t		 n = strlen(ADMIN_COOKIE);

	for (p = h; p != NULL && (p = strstr(p, ADMIN_COOKIE)) != NULL; p += n) {
		if ((p == h || p[-1] == ' ' || p[-1] == ';') && p[n] == '=' &&
		    strspn(p + n + 1, "0123456789abcdef") == WEB_TOKEN_LEN) {
			memcpy(out, p + n + 1, WEB_TOKEN_LEN);
			out[WEB_TOKEN_LEN] = '\0';
			return 1;
		}
	}
	return 0;
}

/* A local path under /admin to go to after signing in, else /admin. */
static const char *
admin_next(const char *p)
{
	size_t	i;

	if (p == NULL || strncmp(p, "/admin", 6) != 0 || (p[6] != '\0' && p[6] != '/' &&
	    p[6] != '?') || strlen(p) > 200 || strstr(p, "//") != NULL)
		return "/admin";
	for (i = 0; p[i] != '\0'; i++) {
		if ((unsigned char)p[i] < 0x21 || p[i] == '\\' || p[i] == '"')
			return "/admin";
	}
	return p;
}

/* The request's path and query (lang left out), URL-encoded: where to come back to. */
static char *
admin_here(struct web *w)
{
	struct buf	b, q;

	buf_init(&b);
	buf_init(&q);
	buf_adds(&b, w->req->path);
	web_query(w->req, &q);
	if (q.len > 0) {
		buf_adds(&b, "?");
		buf_add(&b, q.data, q.len);
	}
	buf_free(&q);
	return buf_steal(&b);
}

/* Sends an official who is not signed in to the sign-in page, coming back here. */
static void
admin_need_sign_in(struct web *w)
{
	struct buf	 b;
	char		*here = w->req->method == HTTP_POST ? xstrdup("/admin") :
			    admin_here(w);
	const char	*p;

	buf_init(&b);
	buf_adds(&b, "/admin/sign-in");
	if (strcmp(here, "/admin") != 0 && admin_next(here) == here) {
		buf_adds(&b, "?next=");
		for (p = here; *p != '\0'; p++) {
			if (strchr("?&=%#+", *p) != NULL || (unsigned char)*p >= 0x80)
				buf_addf(&b, "%%%02X", (unsigned char)*p);
			else
				buf_add(&b, p, 1);
		}
	}
	free(here);
	buf_add(&b, "", 1);
	web_goto(w, b.data);
	buf_free(&b);
}

/* Who is signed in, and the sign-out button: the header of every page of theirs. */
static void
admin_bar(struct web *w, const struct admin_user *u)
{
	char	*role = web_msg(w, u->role == ROLE_ADMIN ? "a_role_admin" :
		    u->role == ROLE_ANALYST ? "a_role_analyst" : "a_role_viewer", NULL, NULL);
	char	*s = web_msg(w, "a_signed_in_as", u->name, role);
	struct buf *b = &w->admin_bar;

	buf_adds(b, "<div class=\"account\"><p>");
	web_esc(b, s);
	free(s);
	free(role);
	buf_adds(b, "</p><form method=\"post\" action=\"");
	web_link(w, b, "/admin/sign-out");
	buf_addf(b, "\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
	    "<button class=\"secondary\">", w->csrf);
	s = web_msg(w, "w_sign_out", NULL, NULL);
	web_esc(b, s);
	free(s);
	buf_adds(b, "</button></form></div>");
}

/* Keeps a session alive, in the background (once a minute at most). */
static int
admin_touch_apply(struct web *w, struct consult *c, void *arg)
{
	(void)w;
	return web_official_touch(c, arg, clock_unix());
}

static void
admin_touch_done(struct web *w, int committed, int rc, void *arg)
{
	(void)committed;
	(void)rc;
	free(arg);
	web_free(w);
}

static void
admin_touch(const char *token)
{
	struct web	*t = xcalloc(1, sizeof *t);

	buf_init(&t->body);
	buf_init(&t->admin_bar);
	web_commit(t, xstrdup(token), admin_touch_apply, admin_touch_done);
}

int
admin_require(struct web *w, enum official_role min, struct admin_user *u)
{
	struct official_user	 ou;
	char			 tok[WEB_TOKEN_LEN + 1], *need, *have;
	int			 rc;

	memset(u, 0, sizeof *u);
	if (!admin_token(w, tok) ||
	    (rc = web_official_session(w->c, tok, w->now, &ou)) == DB_NONE) {
		admin_need_sign_in(w);
		return -1;
	}
	if (rc != 0) {
		admin_pages_busy(w);
		return -1;
	}
	u->id = ou.id;
	snprintf(u->name, sizeof u->name, "%s", ou.name);
	u->role = ou.role;
	if (ou.stale)
		admin_touch(tok);
	admin_bar(w, u);
	if (u->role >= min)
		return 0;
	need = web_msg(w, min == ROLE_ADMIN ? "a_role_admin" : "a_role_analyst", NULL, NULL);
	have = web_msg(w, u->role == ROLE_ANALYST ? "a_role_analyst" : "a_role_viewer",
	    NULL, NULL);
	web_title(w, "a_forbidden_title", NULL);
	web_say(w, "a_forbidden", have, need);
	web_button_link(w, "/admin", "a_back_home");
	free(need);
	free(have);
	web_page(w, 403);
	return -1;
}

/* --- fields ----------------------------------------------------------------------- */

void
admin_field_label(struct web *w, const char *id, const char *label,
    const char *hint, const char *error)
{
	buf_addf(&w->body, "<label for=\"%s\">", id);
	admin_pages_msg(w, label, NULL, NULL);
	buf_adds(&w->body, "</label>\n");
	if (hint != NULL) {
		buf_addf(&w->body, "<p class=\"hint\" id=\"%s-hint\">", id);
		admin_pages_msg(w, hint, NULL, NULL);
		buf_adds(&w->body, "</p>\n");
	}
	web_field_error(w, id, error);
}

void
admin_field(struct web *w, const char *name, const char *type, const char *label,
    const char *hint, const char *attrs, const char *value, const char *error)
{
	admin_field_label(w, name, label, hint, error);
	buf_addf(&w->body, "<input type=\"%s\" id=\"%s\" name=\"%s\"%s%s", type, name,
	    name, *attrs ? " " : "", attrs);
	if (hint != NULL || error != NULL) {
		buf_adds(&w->body, " aria-describedby=\"");
		if (hint != NULL)
			buf_addf(&w->body, "%s-hint", name);
		if (error != NULL)
			buf_addf(&w->body, "%s%s-error", hint ? " " : "", name);
		buf_adds(&w->body, "\"");
	}
	buf_adds(&w->body, " value=\"");
	web_esc(&w->body, value);
	buf_adds(&w->body, "\">\n");
}

/* --- signing in: name and password ------------------------------------------------ */

struct signin_post {
	struct official_attempt	 a;
	char			 name[128], ip[64], next[208];
	char			*password;
	enum official_login	 res;
	enum code_result	 code;
	int			 wait;
};

static void signin_form(struct web *, const char *name, const char *next,
    const char *field, const char *error, int wait);

static int
signin_apply(struct web *w, struct consult *c, void *arg)
{
	struct signin_post	*p = arg;
	struct code_req		 rq = { p->a.phone, w->browser, p->ip, p->next, w->lang,
				    w->now };
	int			 rc = 0;

	/* the limits read again in the transaction: past one, no code */
	if (official_settle(c, &p->a, &p->res) != 0)
		rc = -1;
	else if (p->res == LOGIN_OK) {
		p->code = web_official_send(c, &rq, p->a.official_id, &p->wait);
		rc = p->code == CODE_ERROR ? -1 : 0;
	}
	keyring_wipe(p->a.phone, sizeof p->a.phone);
	return rc;
}

static void
signin_done(struct web *w, int committed, int rc, void *arg)
{
	struct signin_post	*p = arg;

	(void)rc;
	official_release(&p->a);	/* its refusal is stored now, or nothing is */
	if (!committed)
		admin_pages_busy(w);
	else if (p->res == LOGIN_OK && p->code == CODE_SENT)
		web_goto(w, "/admin/sign-in/code");
	else if (p->res == LOGIN_OK && p->code == CODE_WAIT)
		signin_form(w, p->name, p->next, "name", "w_code_wait", p->wait);
	else if (p->res == LOGIN_OK && p->code == CODE_LIMIT)
		signin_form(w, p->name, p->next, "name", "w_code_limit", 0);
	else
		signin_form(w, p->name, p->next, "name", p->res == LOGIN_LIMIT ?
		    "a_too_many" : "a_wrong", 0);
	keyring_wipe(p->password, strlen(p->password));
	free(p->password);
	free(p);
}

static void
signin_form(struct web *w, const char *name, const char *next, const char *field,
    const char *error, int wait)
{
	const char	*fields[1] = { field }, *keys[1] = { error };
	char		 n[16];

	web_title(w, "a_sign_in_title", NULL);
	web_say(w, "a_sign_in_intro", NULL, NULL);
	if (error != NULL && strcmp(error, "w_code_wait") == 0) {
		snprintf(n, sizeof n, "%d", wait);
		web_say(w, "w_code_wait_n", n, NULL);
	}
	web_form_open(w, "/admin/sign-in");
	buf_adds(&w->body, "<input type=\"hidden\" name=\"next\" value=\"");
	web_esc(&w->body, admin_next(next));
	buf_adds(&w->body, "\">\n");
	admin_field(w, "name", "text", "a_name_label", NULL, "autocomplete=\"username\" "
	    "spellcheck=\"false\" autocapitalize=\"none\" maxlength=\"63\"",
	    name ? name : "", field && strcmp(field, "name") == 0 ? error : NULL);
	admin_field(w, "password", "password", "a_password_label", NULL,
	    "autocomplete=\"current-password\" maxlength=\"128\"", "",
	    field && strcmp(field, "password") == 0 ? error : NULL);
	web_form_end(w, "w_continue", NULL);
	if (error != NULL)
		web_errors(w, fields, keys, 1);
	web_page(w, error ? 400 : 200);
}

static void
admin_sign_in(struct web *w)
{
	const char		*name = web_form(w, "name"), *pw = web_form(w, "password");
	const char		*next = web_form(w, "next");
	struct signin_post	*p;
	char			 ip[64];

	if (w->req->method != HTTP_POST) {
		signin_form(w, NULL, next, NULL, NULL, 0);
		return;
	}
	if (name == NULL || *name == '\0' || strlen(name) > 120) {
		signin_form(w, "", next, "name", "a_name_missing", 0);
		return;
	}
	if (pw == NULL || *pw == '\0' || strlen(pw) > 128) {
		signin_form(w, name, next, "password", "a_password_missing", 0);
		return;
	}
	p = xcalloc(1, sizeof *p);
	snprintf(p->name, sizeof p->name, "%s", name);
	snprintf(p->ip, sizeof p->ip, "%s", web_client(w, ip));
	snprintf(p->next, sizeof p->next, "%s", admin_next(next));
	p->password = xstrdup(pw);
	p->a.name = p->name;
	p->a.password = p->password;
	p->a.ip = p->ip;
	p->a.now = w->now;
	/* the argon2id check, outside the batch's transaction; busy: not made */
	if ((p->res = official_password(w->c, &p->a)) == LOGIN_ERROR ||
	    p->res == LOGIN_BUSY) {
		official_release(&p->a);
		keyring_wipe(p->password, strlen(p->password));
		free(p->password);
		free(p);
		admin_pages_busy(w);
		return;
	}
	web_commit(w, p, signin_apply, signin_done);
}

/* --- signing in: the code ---------------------------------------------------------- */

struct code_post {
	char			 code[16];
	char			 old[WEB_TOKEN_LEN + 1];	/* the session it replaces */
	char			 token[WEB_TOKEN_LEN + 1];
	char			*next;
	enum verify_result	 res;
};

static const struct web_code_page code_page = { "/admin/sign-in/code",
	"/admin/sign-in", web_official_pending };

static int
code_apply(struct web *w, struct consult *c, void *arg)
{
	struct code_post	*p = arg;

	p->res = web_official_check(c, w->browser, p->code, w->now, p->token, &p->next);
	if (p->res == VERIFY_OK && *p->old != '\0' &&
	    web_official_sign_out(c, p->old, w->now) != 0)
		return -1;
	return p->res == VERIFY_ERROR ? -1 : 0;
}

static void
code_done(struct web *w, int committed, int rc, void *arg)
{
	struct code_post	*p = arg;

	(void)rc;
	if (!committed)
		admin_pages_busy(w);
	else if (p->res == VERIFY_OK) {
		w->admin_cookie = xasprintf("%s=%s" ADMIN_ATTRS, ADMIN_COOKIE, p->token);
		web_goto(w, admin_next(p->next));
	} else
		web_code_refused(w, &code_page, p->res);
	keyring_wipe(p->token, sizeof p->token);
	free(p->next);
	free(p);
}

static void
admin_sign_in_code(struct web *w)
{
	const char		*code = web_form(w, "code");
	struct code_post	*p;

	if (!web_code_asked(w, &code_page, code))
		return;
	p = xcalloc(1, sizeof *p);
	snprintf(p->code, sizeof p->code, "%s", code);
	if (!admin_token(w, p->old))
		*p->old = '\0';
	web_commit(w, p, code_apply, code_done);
}

/* --- signing out ------------------------------------------------------------------- */

static int
sign_out_apply(struct web *w, struct consult *c, void *arg)
{
	return web_official_sign_out(c, arg, w->now);
}

static void
sign_out_done(struct web *w, int committed, int rc, void *arg)
{
	(void)rc;
	free(arg);
	if (!committed) {
		admin_pages_busy(w);
		return;
	}
	w->admin_cookie = xstrdup(ADMIN_COOKIE "=" ADMIN_ATTRS "; Max-Age=0");
	web_goto(w, "/admin/sign-in");
}

static void
admin_sign_out(struct web *w)
{
	char	tok[WEB_TOKEN_LEN + 1];

	if (w->req->method != HTTP_POST) {
		web_goto(w, "/admin");
		return;
	}
	if (!admin_token(w, tok))
		*tok = '\0';
	web_commit(w, xstrdup(tok), sign_out_apply, sign_out_done);
}

/* --- routes ------------------------------------------------------------------------ */

/* The entry of a path after /admin and a method; *code set for /c/CODE/... */
static const struct admin_entry *
admin_find(const char *path, int method, char code[16], int *other_method)
{
	const char	*tail = path;
	size_t		 i, n;

	*other_method = 0;
	*code = '\0';
	if (strncmp(path, "/c/", 3) == 0) {
		n = strcspn(path + 3, "/");
		if (n == 0 || n >= 16)
			return NULL;
		memcpy(code, path + 3, n);
		code[n] = '\0';
		if (!item_code_valid(code))
			return NULL;
		tail = path + 3 + n;
	}
	for (i = 0; i < nitems(admin_table); i++) {
		const char *p = admin_table[i].path;

		if (*code != '\0' && (strncmp(p, "/c/*", 4) != 0 || strcmp(p + 4, tail) != 0))
			continue;
		if (*code == '\0' && strcmp(p, tail) != 0)
			continue;
		if (admin_table[i].methods & method)
			return &admin_table[i];
		*other_method = 1;
	}
	return NULL;
}

void
admin_route(struct web *w)
{
	const struct admin_entry	*e;
	struct admin_user		 u;
	const char			*path = w->req->path + 6;	/* after /admin */
	char				 code[16];
	int				 other;

	/* the officials' pages are in Mongolian unless ?lang= says otherwise */
	if (http_param(w->req, "lang") == NULL) {
		w->lang = LANG_MN;
		w->latin = 0;
	}
	if (strcmp(path, "/") == 0)
		path = "";
	if (strcmp(path, "/sign-in") == 0) {
		admin_sign_in(w);
		return;
	}
	if (strcmp(path, "/sign-in/code") == 0) {
		admin_sign_in_code(w);
		return;
	}
	if (strcmp(path, "/sign-out") == 0) {
		admin_sign_out(w);
		return;
	}
	if ((e = admin_find(path, w->req->method, code, &other)) == NULL) {
		if (other && w->req->method != HTTP_POST)
			web_goto(w, "/admin");	/* a form's address, opened */
		else
			web_not_found(w);
		return;
	}
	if (admin_require(w, e->min, &u) != 0)
		return;
	if (e->page != NULL)
		e->page(w, &u);
	else
		e->item(w, &u, code);
}
