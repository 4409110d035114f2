/* SPDX-License-Identifier: ISC */
/*
 * The HTTP server on libevent's evhttp: a route table, request decoding into
 * our own struct http_req (query parameters, body) so handlers never see a
 * libevent type, size limits (413) and method checks (405), and the response
 * with its status counted and its latency measured.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>

#include "common.h"
#include "gateway.h"

static struct evhttp		*http_server;
static const struct route	*http_routes;
static size_t			 http_nroutes;

/*
 * Decodes a query string (or a form body) into req->params, keeping each
 * value's length: a UTF-16BE text (Kannel without mo-recode) is full of NUL
 * bytes.
 */
static void
http_decode_query(struct http_req *req, const char *query)
{
	const char	*p, *amp, *eq;
	size_t		 n = 1, klen;
	char		*raw;

	if (query == NULL)
		return;
	for (p = query; *p != '\0'; p++)
		n += *p == '&';
	req->params = xrealloc(req->params, (req->nparams + n) * sizeof *req->params);
	for (p = query; *p != '\0'; p = *amp ? amp + 1 : amp) {
		amp = p + strcspn(p, "&");
		eq = memchr(p, '=', (size_t)(amp - p));
		klen = (size_t)((eq ? eq : amp) - p);
		if (klen == 0)
			continue;
		raw = xstrndup(p, klen);
		req->params[req->nparams].key = evhttp_uridecode(raw, 1, NULL);
		free(raw);
		raw = eq ? xstrndup(eq + 1, (size_t)(amp - eq - 1)) : xstrdup("");
		req->params[req->nparams].value = evhttp_uridecode(raw, 1,
		    &req->params[req->nparams].value_len);
		free(raw);
		req->nparams++;
	}
}

/* Builds our request from libevent's; NULL (after answering 400) if malformed. */
static struct http_req *
http_req_new(struct evhttp_request *ev)
{
	struct http_req		*req = xcalloc(1, sizeof *req);
	const struct evhttp_uri	*uri = evhttp_request_get_evhttp_uri(ev);
	struct evbuffer		*in = evhttp_request_get_input_buffer(ev);
	const char		*path = uri ? evhttp_uri_get_path(uri) : NULL, *ctype;

	req->ev = ev;
	req->started = clock_mono();
	switch (evhttp_request_get_command(ev)) {
	case EVHTTP_REQ_GET: req->method = HTTP_GET; break;
	case EVHTTP_REQ_POST: req->method = HTTP_POST; break;
	case EVHTTP_REQ_HEAD: req->method = HTTP_HEAD; break;
	default: req->method = HTTP_OTHER; break;
	}
	req->path = xstrdup(path ? path : "/");
	req->body_len = evbuffer_get_length(in);
	req->body = xmalloc(req->body_len + 1);
	evbuffer_remove(in, req->body, req->body_len);
	req->body[req->body_len] = '\0';
	if (uri == NULL) {
		http_text(req, 400, "malformed request URI\n");
		return NULL;
	}
	http_decode_query(req, evhttp_uri_get_query(uri));
	req->nquery = req->nparams;
	ctype = evhttp_find_header(evhttp_request_get_input_headers(ev), "Content-Type");
	if (req->method == HTTP_POST && ctype != NULL &&
	    strncasecmp(ctype, "application/x-www-form-urlencoded", 33) == 0)
		http_decode_query(req, req->body);
	return req;
}

static void
http_req_free(struct http_req *req)
{
	size_t	i;

	for (i = 0; i < req->nparams; i++) {
		free(req->params[i].key);
		free(req->params[i].value);
	}
	free(req->params);
	free(req->path);
	free(req->body);
	free(req);
}

/* Answers 405 with the Allow header the route's methods call for. */
static void
http_method_not_allowed(struct http_req *req, int methods)
{
	const char	*hdrs[] = { "Allow", NULL, NULL };
	char		 allow[32] = "";

	if (methods & HTTP_GET)
		strcat(allow, "GET, ");
	if (methods & HTTP_HEAD)
		strcat(allow, "HEAD, ");
	if (methods & HTTP_POST)
		strcat(allow, "POST, ");
	allow[strlen(allow) - 2] = '\0';
	hdrs[1] = allow;
	http_reply(req, 405, "text/plain; charset=utf-8", "method not allowed\n", 19,
	    hdrs);
}

/* 1 if path is the route's, or under it when the route ends in '*'. */
static int
http_route_match(const char *route, const char *path)
{
	size_t	n = strlen(route);

	if (n > 0 && route[n - 1] == '*')
		return strncmp(route, path, n - 1) == 0;
	return strcmp(route, path) == 0;
}

/* Dispatches one request through the route table. */
static void
http_request_cb(struct evhttp_request *ev, void *arg)
{
	struct http_req	*req;
	size_t		 i;

	(void)arg;
	if ((req = http_req_new(ev)) == NULL)
		return;
	for (i = 0; i < http_nroutes; i++) {
		if (!http_route_match(http_routes[i].path, req->path))
			continue;
		req->route = http_routes[i].path;
		if ((http_routes[i].methods & (int)req->method) == 0) {
			http_method_not_allowed(req, http_routes[i].methods);
			return;
		}
		http_routes[i].handler(req);
		return;
	}
	http_text(req, 404, "not found\n");
}

int
http_start(struct event_base *base, const char *addr, const struct route *routes,
    size_t nroutes, size_t max_body, char **cause)
{
	char		*host = xstrdup(addr), *colon = strrchr(host, ':');
	unsigned long	 port;
	char		*end;

	if (colon == NULL || (port = strtoul(colon + 1, &end, 10)) > 65535 ||
	    *end != '\0' || end == colon + 1) {
		*cause = xasprintf("listen address \"%s\": expected ADDR:PORT", addr);
		free(host);
		return -1;
	}
	*colon = '\0';
	http_server = evhttp_new(base);
	http_routes = routes;
	http_nroutes = nroutes;
	evhttp_set_max_body_size(http_server, (ev_ssize_t)max_body);
	evhttp_set_max_headers_size(http_server, 128 * 1024);
	evhttp_set_timeout(http_server, 60);
	evhttp_set_allowed_methods(http_server, EVHTTP_REQ_GET | EVHTTP_REQ_POST |
	    EVHTTP_REQ_HEAD | EVHTTP_REQ_PUT | EVHTTP_REQ_DELETE | EVHTTP_REQ_OPTIONS |
	    EVHTTP_REQ_PATCH);
	evhttp_set_gencb(http_server, http_request_cb, NULL);
	if (evhttp_bind_socket(http_server, host, (ev_uint16_t)port) != 0) {
		*cause = xasprintf("cannot listen on %s", addr);
		free(host);
		return -1;
	}
	free(host);
	return 0;
}

void
http_stop(void)
{
	if (http_server != NULL)
		evhttp_free(http_server);
	http_server = NULL;
}

/* The first parameter named key, or NULL. */
static const struct http_param *
http_param_find(const struct http_req *req, const char *key)
{
	size_t	i;

	for (i = 0; i < req->nparams; i++) {
		if (strcmp(req->params[i].key, key) == 0)
			return &req->params[i];
	}
	return NULL;
}

const char *
http_param(const struct http_req *req, const char *key)
{
	const struct http_param	*p = http_param_find(req, key);

	return p ? p->value : NULL;
}

size_t
http_param_len(const struct http_req *req, const char *key)
{
	const struct http_param	*p = http_param_find(req, key);

	return p ? p->value_len : 0;
}

const char *
http_header(const struct http_req *req, const char *name)
{
	return evhttp_find_header(evhttp_request_get_input_headers(req->ev), name);
}

void
http_reply(struct http_req *req, int status, const char *ctype, const char *body,
    size_t len, const char *const *hdrs)
{
	struct evkeyvalq	*out = evhttp_request_get_output_headers(req->ev);
	struct evbuffer		*buf = evbuffer_new();

	evhttp_add_header(out, "Content-Type", ctype);
	for (; hdrs != NULL && hdrs[0] != NULL; hdrs += 2)
		evhttp_add_header(out, hdrs[0], hdrs[1]);
	if (evhttp_find_header(out, "Content-Security-Policy") == NULL) {
		/* what no page sets itself: nothing of ours is to be framed or sniffed */
		evhttp_add_header(out, "Content-Security-Policy",
		    "default-src 'none'; frame-ancestors 'none'");
		evhttp_add_header(out, "X-Content-Type-Options", "nosniff");
		evhttp_add_header(out, "Referrer-Policy", "no-referrer");
	}
	if (req->method == HTTP_HEAD) {
		char	n[24];

		snprintf(n, sizeof n, "%zu", len);
		evhttp_add_header(out, "Content-Length", n);
	} else
		evbuffer_add(buf, body, len);
	evhttp_send_reply(req->ev, status, NULL, buf);
	evbuffer_free(buf);
	metrics_status(status);
	metrics_latency(clock_mono() - req->started);
	http_req_free(req);
}

void
http_text(struct http_req *req, int status, const char *text)
{
	http_reply(req, status, "text/plain; charset=utf-8", text, strlen(text), NULL);
}

const char *
http_peer(const struct http_req *req)
{
	struct evhttp_connection	*conn = evhttp_request_get_connection(req->ev);
	const char			*addr = NULL;
	ev_uint16_t			 port;

	if (conn != NULL)
		evhttp_connection_get_peer(conn, (char **)&addr, &port);
	return addr != NULL ? addr : "";
}

const char *
http_form(const struct http_req *req, const char *key, size_t *len)
{
	size_t	i;

	for (i = req->nquery; i < req->nparams; i++) {
		if (strcmp(req->params[i].key, key) == 0) {
			if (len != NULL)
				*len = req->params[i].value_len;
			return req->params[i].value;
		}
	}
	return NULL;
}
