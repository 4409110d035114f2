/* SPDX-License-Identifier: ISC */
/*
 * The baseline for the MO benchmarks: a bare libevent (evhttp) server that
 * does the least an MO endpoint must do and nothing more. It parses the
 * request URI and query string, checks the shared key, and answers every
 * request with the same static Cyrillic reply, text/plain UTF-8 with
 * X-Kannel-Coding: 2 (what sanald sends to Kannel). No database, no fsync.
 *
 * The gap between this server and sanald on the same load is the cost of
 * sanald's real work: parsing the command, the SQLite transaction, the
 * durable commit and building the reply.
 *
 * Usage: bare PORT [KEY]. Binds 127.0.0.1 only; single-threaded; logs
 * "listening on 127.0.0.1:PORT" to stderr; exits cleanly on SIGINT/SIGTERM
 * after printing the number of requests served.
 *
 * Built by tests/bench/run.sh, not by make:
 *	cc -O2 -o bare bare.c $(pkg-config --cflags --libs libevent)
 */
#include <sys/types.h>
#include <sys/queue.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>

static const char reply[] = "Баярлалаа! Таны санал бүртгэгдлээ. 12: Бэлчээрийн тухай хуулийн төсөл";

static const char	*bare_key;
static unsigned long	 bare_served;

/* Answers 403 unless key= matches, else the static reply. */
static void
bare_mo_cb(struct evhttp_request *req, void *arg)
{
	struct evkeyvalq	 q;
	struct evkeyvalq	*out;
	struct evbuffer		*body;
	const char		*query, *key;
	int			 ok;

	(void)arg;
	query = evhttp_uri_get_query(evhttp_request_get_evhttp_uri(req));
	TAILQ_INIT(&q);
	ok = query != NULL && evhttp_parse_query_str(query, &q) == 0;
	key = ok ? evhttp_find_header(&q, "key") : NULL;
	if (bare_key != NULL && (key == NULL || strcmp(key, bare_key) != 0)) {
		evhttp_clear_headers(&q);
		evhttp_send_error(req, 403, "Forbidden");
		return;
	}
	evhttp_clear_headers(&q);
	out = evhttp_request_get_output_headers(req);
	evhttp_add_header(out, "Content-Type", "text/plain; charset=UTF-8");
	evhttp_add_header(out, "X-Kannel-Coding", "2");
	body = evbuffer_new();
	evbuffer_add(body, reply, sizeof(reply) - 1);
	evhttp_send_reply(req, 200, "OK", body);
	evbuffer_free(body);
	bare_served++;
}

/* Leaves the loop on SIGINT/SIGTERM. */
static void
bare_signal_cb(evutil_socket_t sig, short what, void *arg)
{
	(void)sig;
	(void)what;
	event_base_loopbreak(arg);
}

int
main(int argc, char **argv)
{
	struct event_base	*base;
	struct evhttp		*http;
	struct event		*sigint, *sigterm;
	int			 port;

	if (argc < 2 || (port = atoi(argv[1])) <= 0 || port > 65535) {
		fprintf(stderr, "usage: bare PORT [KEY]\n");
		return 2;
	}
	bare_key = argc > 2 ? argv[2] : NULL;
	signal(SIGPIPE, SIG_IGN);
	base = event_base_new();
	http = evhttp_new(base);
	if (base == NULL || http == NULL)
		return 1;
	evhttp_set_cb(http, "/kannel/mo", bare_mo_cb, NULL);
	evhttp_set_gencb(http, bare_mo_cb, NULL);
	if (evhttp_bind_socket(http, "127.0.0.1", (unsigned short)port) != 0) {
		fprintf(stderr, "bare: cannot bind 127.0.0.1:%d\n", port);
		return 1;
	}
	sigint = evsignal_new(base, SIGINT, bare_signal_cb, base);
	sigterm = evsignal_new(base, SIGTERM, bare_signal_cb, base);
	event_add(sigint, NULL);
	event_add(sigterm, NULL);
	fprintf(stderr, "listening on 127.0.0.1:%d\n", port);
	event_base_dispatch(base);
	fprintf(stderr, "bare: served %lu requests\n", bare_served);
	event_free(sigint);
	event_free(sigterm);
	evhttp_free(http);
	event_base_free(base);
	return 0;
}
