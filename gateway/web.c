/* SPDX-License-Identifier: ISC */
/*
 * The web's requests and responses. Each browser holds one cookie,
 * __Host-sanal (Secure, HttpOnly, SameSite=Lax): a random token that is the
 * session token once the person signs in (a new one then: never the token an
 * attacker may have planted). Every form carries a token derived from the
 * cookie with the secret key; a POST without it, or from another origin
 * (Origin, Sec-Fetch-Site), is refused with 403 before anything is read. A GET
 * changes nothing. Pages are gzip'd when the browser takes it, carry an ETag,
 * a strict Content-Security-Policy (no script at all) and are never cached by
 * shared caches: they hold the browser's form token. Paths under /admin are
 * the officials' (admin.c): never stored, never indexed, and with a session
 * cookie of their own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

#include "admin.h"
#include "web.h"

#define COOKIE		"__Host-sanal"

struct consult	*web_consult;
static const struct config *web_cf;
static char	*web_css_all;		/* web_css, then the report's: set by web_init */
const char	 web_form_bad[] = "";		/* a field holding a NUL byte */

static const struct {
	const char	*param;
	enum lang	 lang;
	int		 latin;
} web_langs[] = {
	{ "mn", LANG_MN, 0 }, { "mn-Latn", LANG_MN, 1 }, { "en", LANG_EN, 1 },
	{ "kk", LANG_KK, 0 },
};

/* The page language: ?lang=, else the signed-in person's, else Mongolian. */
static void
web_lang(struct web *w)
{
	const char	*p = http_param(w->req, "lang");
	size_t		 i;

	w->lang = w->signed_in ? w->user.lang : LANG_MN;
	w->latin = w->signed_in ? w->user.latin || w->lang == LANG_EN : 0;
	w->lang_param = "";
	for (i = 0; p != NULL && i < nitems(web_langs); i++) {
		if (strcmp(p, web_langs[i].param) == 0) {
			w->lang = web_langs[i].lang;
			w->latin = web_langs[i].latin;
			w->lang_param = i == 0 ? "" : web_langs[i].param;
		}
	}
}

/* The browser's token from the Cookie header, or a new one to set. */
static void
web_cookie(struct web *w)
{
	const char	*h = http_header(w->req, "Cookie"), *p;
	size_t		 n = strlen(COOKIE);

	for (p = h; p != NULL && (p = strstr(p, COOKIE)) != NULL; p += n) {
		if ((p == h || p[-1] == ' ' || p[-1] == ';') && p[n] == '=' &&
		    strspn(p + n + 1, "0123456789abcdef") == WEB_TOKEN_LEN) {
			memcpy(w->browser, p + n + 1, WEB_TOKEN_LEN);
			w->browser[WEB_TOKEN_LEN] = '\0';
			return;
		}
	}
	web_token_new(w->browser);
	w->set_cookie = 1;
}

/* 1 if a POST comes from our own pages: Origin's host is Host, or the browser says so. */
static int
web_same_origin(struct web *w)
{
	const char	*origin = http_header(w->req, "Origin");
	const char	*site = http_header(w->req, "Sec-Fetch-Site");
	const char	*host = http_header(w->req, "Host"), *o;

	if (origin != NULL) {
		if (host == NULL || (o = strstr(origin, "://")) == NULL)
			return 0;
		return strcasecmp(o + 3, host) == 0;
	}
	return site == NULL || strcmp(site, "same-origin") == 0;
}

void
web_free(struct web *w)
{
	buf_free(&w->body);
	buf_free(&w->admin_bar);
	free(w->title);
	free(w->admin_cookie);
	free(w);
}

struct web *
web_begin(struct http_req *req)
{
	struct web	*w = xcalloc(1, sizeof *w);

	w->req = req;
	w->c = web_consult;
	w->now = clock_unix();
	buf_init(&w->body);
	buf_init(&w->admin_bar);
	w->admin = strncmp(req->path, "/admin", 6) == 0 &&
	    (req->path[6] == '\0' || req->path[6] == '/');
	web_cookie(w);
	if (!w->set_cookie && web_session(w->c, w->browser, w->now, &w->user) == 0)
		w->signed_in = 1;
	web_lang(w);
	web_csrf(w->c, w->browser, w->csrf);
	if (req->method == HTTP_POST && (!web_same_origin(w) ||
	    !web_csrf_ok(w->c, w->browser, http_form(req, "csrf", NULL)))) {
		metrics_inc(M_WEB_FORGED, 1);
		web_title(w, "w_forbidden_title", NULL);
		web_say(w, "w_forbidden", NULL, NULL);
		w->error = 1;
		web_page(w, 403);
		return NULL;
	}
	return w;
}

const char *
web_form(struct web *w, const char *name)
{
	size_t		 len;
	const char	*v;

	if (w->req->method != HTTP_POST)
		return http_param(w->req, name);
	/* the body's fields only; one holding a NUL byte is not text: refused */
	if ((v = http_form(w->req, name, &len)) != NULL && len != strlen(v))
		return WEB_FORM_BAD;
	return v;
}

int
web_split(const char *path, char parts[][16], int max)
{
	const char	*p = path;
	size_t		 len;
	int		 n = 0;

	while (*p != '\0' && n < max) {
		p += strspn(p, "/");
		if ((len = strcspn(p, "/")) == 0)
			break;
		if (len >= 16)
			return -1;
		memcpy(parts[n], p, len);
		parts[n++][len] = '\0';
		p += len;
	}
	return *p == '\0' || *p == '/' ? n : -1;
}

/* The headers every page and redirect carries. */
static int
web_headers(struct web *w, const char **h, char *cookie, size_t len)
{
	int	n = 0;

	h[n++] = "Content-Security-Policy";
	h[n++] = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
	    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
	h[n++] = "X-Content-Type-Options";
	h[n++] = "nosniff";
	h[n++] = "Referrer-Policy";
	h[n++] = "same-origin";
	h[n++] = "X-Frame-Options";
	h[n++] = "DENY";
	h[n++] = "Strict-Transport-Security";
	h[n++] = "max-age=31536000";
	h[n++] = "Cache-Control";
	h[n++] = w->signed_in || w->admin ? "no-store" : "private, no-cache";
	if (w->admin) {
		h[n++] = "X-Robots-Tag";
		h[n++] = "noindex, nofollow";
	}
	if (w->set_cookie) {
		snprintf(cookie, len, "%s=%s; Path=/; Secure; HttpOnly; SameSite=Lax",
		    COOKIE, w->browser);
		h[n++] = "Set-Cookie";
		h[n++] = cookie;
	}
	if (w->admin_cookie != NULL) {
		h[n++] = "Set-Cookie";
		h[n++] = w->admin_cookie;
	}
	return n;
}

/* gzip of len bytes; NULL if zlib fails (then the page goes uncompressed). */
static unsigned char *
web_gzip(const char *s, size_t len, size_t *out)
{
	z_stream	 z;
	unsigned char	*buf;
	uLong		 cap;

	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	cap = deflateBound(&z, len) + 32;
	buf = xmalloc(cap);
	z.next_in = (Bytef *)(uintptr_t)s;
	z.avail_in = (uInt)len;
	z.next_out = buf;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&z);
		free(buf);
		return NULL;
	}
	*out = z.total_out;
	deflateEnd(&z);
	return buf;
}

/* Sends body (gzip'd if the browser takes it) with an ETag, or 304 when it matches. */
static void
web_send(struct web *w, int status, const char *ctype, const char *body, size_t len,
    const char **h, int n)
{
	const char	*inm = http_header(w->req, "If-None-Match");
	const char	*ae = http_header(w->req, "Accept-Encoding");
	unsigned char	 hash[HASH_LEN], *gz = NULL;
	char		 etag[24];
	size_t		 gzlen = 0;

	keyring_text_hash(body, hash);
	snprintf(etag, sizeof etag, "\"%02x%02x%02x%02x%02x%02x%02x%02x\"", hash[0],
	    hash[1], hash[2], hash[3], hash[4], hash[5], hash[6], hash[7]);
	h[n++] = "ETag";
	h[n++] = etag;
	h[n++] = "Vary";
	h[n++] = "Accept-Encoding, Cookie";
	if (status == 200 && inm != NULL && strstr(inm, etag) != NULL) {
		h[n] = NULL;
		http_reply(w->req, 304, ctype, "", 0, h);
		return;
	}
	if (ae != NULL && strstr(ae, "gzip") != NULL &&
	    (gz = web_gzip(body, len, &gzlen)) != NULL) {
		h[n++] = "Content-Encoding";
		h[n++] = "gzip";
	}
	h[n] = NULL;
	if (gz != NULL)
		http_reply(w->req, status, ctype, (const char *)gz, gzlen, h);
	else
		http_reply(w->req, status, ctype, body, len, h);
	free(gz);
}

void
web_page(struct web *w, int status)
{
	const char	*h[32];
	char		 cookie[160], *doc = web_document(w);
	int		 n = web_headers(w, h, cookie, sizeof cookie);

	metrics_inc(M_WEB_PAGES, 1);
	web_send(w, status, "text/html; charset=utf-8", doc, strlen(doc), h, n);
	free(doc);
	web_free(w);
}

void
web_redirect(struct web *w, const char *location)
{
	const char	*h[32];
	char		 cookie[160];
	int		 n = web_headers(w, h, cookie, sizeof cookie);

	h[n++] = "Location";
	h[n++] = location;
	h[n] = NULL;
	http_reply(w->req, 303, "text/plain; charset=utf-8", "", 0, h);
	web_free(w);
}

/* --- writes: through the batch, answered after COMMIT --------------------------- */

struct web_job {
	struct batch_job	 job;
	struct web		*w;
	void			*arg;
	int			 rc;
	int			(*apply)(struct web *, struct consult *, void *);
	void			(*done)(struct web *, int, int, void *);
};

static void
web_job_apply(struct batch_job *job, struct consult *c)
{
	struct web_job	*j = (struct web_job *)job;

	if (db_savepoint(consult_db(c)) != 0) {
		j->rc = -1;
		return;
	}
	if ((j->rc = j->apply(j->w, c, j->arg)) < 0)
		db_rollback_savepoint(consult_db(c));
	else if (db_release(consult_db(c)) != 0) {
		db_rollback_savepoint(consult_db(c));
		j->rc = -1;
	}
}

static void
web_job_done(struct batch_job *job, int committed)
{
	struct web_job	*j = (struct web_job *)job;

	j->done(j->w, committed && j->rc >= 0, j->rc, j->arg);
	free(j);
}

void
web_commit(struct web *w, void *arg, int (*apply)(struct web *, struct consult *, void *),
    void (*done)(struct web *, int committed, int rc, void *))
{
	struct web_job	*j = xcalloc(1, sizeof *j);

	j->w = w;
	j->arg = arg;
	j->apply = apply;
	j->done = done;
	j->job.apply = web_job_apply;
	j->job.done = web_job_done;
	batch_submit(&j->job);
}

/* --- routes ------------------------------------------------------------------------ */

/* Keeps a signed-in session alive (a write, so once a minute at most). */
static int
web_touch_apply(struct web *w, struct consult *c, void *arg)
{
	(void)arg;
	return web_session_touch(c, w->browser, w->now);
}

static void
web_touch_done(struct web *w, int committed, int rc, void *arg)
{
	(void)committed;
	(void)rc;
	(void)arg;
	web_free(w);
}

/* A signed-in reader's session is touched in the background: a copy does it. */
static void
web_touch(struct web *w)
{
	struct web	*t;

	if (!w->signed_in || !w->user.stale)
		return;
	t = xcalloc(1, sizeof *t);
	memcpy(t->browser, w->browser, sizeof t->browser);
	t->now = w->now;
	t->signed_in = 1;
	buf_init(&t->body);
	web_commit(t, NULL, web_touch_apply, web_touch_done);
}

void
web_not_found(struct web *w)
{
	web_title(w, "w_not_found_title", NULL);
	web_say(w, "w_not_found", NULL, NULL);
	web_page(w, 404);
}

/* /c/CODE/... and /p/CODE/...: the item, then its page. */
static void
web_route_item(struct web *w, char parts[][16], int n)
{
	struct db_item	it;
	int		rc;

	if (n < 2 || !item_code_valid(parts[1])) {
		web_not_found(w);
		return;
	}
	if ((rc = db_item_get(consult_db(w->c), parts[1], &it)) != 0 ||
	    strcmp(it.kind, parts[0][0] == 'p' ? "petition" : "consultation") != 0) {
		if (rc == 0)
			db_item_clear(&it);
		if (rc == 0 || rc == DB_NONE)
			web_not_found(w);
		else
			web_page(w, 503);
		return;
	}
	if (parts[0][0] == 'p')
		page_petition(w, &it, parts + 2, n - 2);
	else
		page_item(w, &it, parts + 2, n - 2);
	db_item_clear(&it);
}

void
web_route(struct http_req *req)
{
	static const struct {
		const char	*path;
		void		(*page)(struct web *);
	} fixed[] = {
		{ "/", page_home }, { "/sign-in", page_sign_in },
		{ "/sign-in/code", page_sign_in_code }, { "/sign-out", page_sign_out },
		{ "/me", page_me }, { "/me/erase", page_me_erase },
	};
	struct web	*w;
	char		 parts[6][16];
	size_t		 i;
	int		 n;

	if ((w = web_begin(req)) == NULL)
		return;
	if (w->admin) {
		admin_route(w);
		return;
	}
	web_touch(w);
	for (i = 0; i < nitems(fixed); i++) {
		if (strcmp(req->path, fixed[i].path) == 0) {
			fixed[i].page(w);
			return;
		}
	}
	if ((n = web_split(req->path, parts, 6)) >= 2 &&
	    (strcmp(parts[0], "c") == 0 || strcmp(parts[0], "p") == 0))
		web_route_item(w, parts, n);
	else
		web_not_found(w);
}

void
web_css_serve(struct http_req *req)
{
	static const char *const h[] = { "Cache-Control", "public, max-age=86400",
	    "X-Content-Type-Options", "nosniff", NULL };
	const char	*css = web_css_all != NULL ? web_css_all : web_css;

	http_reply(req, 200, "text/css; charset=utf-8", css, strlen(css), h);
}

void
web_init(struct consult *c, const struct config *cf)
{
	web_consult = c;
	web_cf = cf;
	if (web_css_all == NULL)	/* the report's rules, for /admin/c/CODE */
		web_css_all = xasprintf("%s%s", web_css, report_html_css);
}

const char *
web_client(struct web *w, char out[64])
{
	const char	*peer = http_peer(w->req), *xff, *last;

	if (web_cf == NULL || *web_cf->web_proxy == '\0' ||
	    strcmp(peer, web_cf->web_proxy) != 0 ||
	    (xff = http_header(w->req, "X-Forwarded-For")) == NULL)
		return peer;
	/* the proxy appends the address it saw: the last entry is the one to trust */
	last = strrchr(xff, ',') ? strrchr(xff, ',') + 1 : xff;
	last += strspn(last, " ");
	snprintf(out, 64, "%.*s", (int)strcspn(last, " "), last);
	return *out ? out : peer;
}
