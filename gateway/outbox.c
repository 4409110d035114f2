/* SPDX-License-Identifier: ISC */
/*
 * The outbox sender: every second it picks due messages from the outbox table
 * and hands them to Kannel's /cgi-bin/sendsms with libcurl's multi interface,
 * driven by the libevent loop (curl tells us which sockets to watch and when
 * to time out). Results are written through the batch. 2xx means Kannel has
 * the message; 5xx and connection errors retry with exponential back-off; other
 * 4xx are permanent. A crash before the result is stored resends the message
 * on restart: at least once, never lost.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <event2/event.h>

#include "analytics.h"
#include "common.h"
#include "consult.h"
#include "db.h"
#include "gateway.h"

#define OUTBOX_POLL_SEC	1
#define OUTBOX_MAX_TRIES 12

struct outbox_send {
	struct batch_job	 job;
	int64_t			 id;
	int			 attempts;
	CURL			*easy;
	long			 status;	/* HTTP status, 0 on a transport error */
	char			 error[CURL_ERROR_SIZE];
	char			*url;
	int			 unsaved;	/* result waits for the database */
	LIST_ENTRY(outbox_send)	 entry;
};

struct outbox_sock {
	struct event	*ev;
};

static struct {
	struct event_base		*base;
	struct consult			*c;
	const struct config		*cf;
	CURLM				*multi;
	struct event			*timer;		/* curl's timeout */
	struct event			*poll;		/* looks for due messages */
	struct event			*resave;	/* stores results the database refused */
	LIST_HEAD(, outbox_send)	 inflight;
	int				 ninflight;
} ob;

static void	outbox_result_apply(struct batch_job *, struct consult *);
static void	outbox_result_done(struct batch_job *, int);

/* Is this outbox id being sent (or its result waiting for the batch)? */
static int
outbox_busy(int64_t id)
{
	struct outbox_send	*s;

	LIST_FOREACH(s, &ob.inflight, entry) {
		if (s->id == id)
			return 1;
	}
	return 0;
}

/* Appends key=escaped(value)& to the URL being built. */
static void
outbox_param(struct buf *b, CURL *easy, const char *key, const char *value)
{
	char	*esc = curl_easy_escape(easy, value, 0);

	buf_addf(b, "%s%s=%s", b->data[b->len - 1] == '?' ? "" : "&", key, esc);
	curl_free(esc);
}

/* The sendsms URL for one message to phone. Caller frees. */
static char *
outbox_url(CURL *easy, int64_t id, const char *phone, const char *text)
{
	struct buf	 b;
	char		*dlr, *key;
	int		 gsm = sms_is_gsm7(text);

	buf_init(&b);
	buf_addf(&b, "%s%s", ob.cf->sendsms_url,
	    strchr(ob.cf->sendsms_url, '?') ? "&" : "?");
	outbox_param(&b, easy, "username", ob.cf->sendsms_user);
	outbox_param(&b, easy, "password", ob.cf->sendsms_password);
	outbox_param(&b, easy, "from", ob.cf->sender);
	outbox_param(&b, easy, "to", phone);
	outbox_param(&b, easy, "text", text);
	outbox_param(&b, easy, "coding", gsm ? "0" : "2");
	outbox_param(&b, easy, "charset", "UTF-8");
	outbox_param(&b, easy, "dlr-mask", "31");
	key = curl_easy_escape(easy, ob.cf->kannel_key, 0);
	dlr = xasprintf("%s%skey=%s&id=%lld&status=%%d", ob.cf->dlr_url,
	    strchr(ob.cf->dlr_url, '?') ? "&" : "?", key, (long long)id);
	outbox_param(&b, easy, "dlr-url", dlr);
	curl_free(key);
	free(dlr);
	return buf_steal(&b);
}

/* Kannel's answer body is not needed: the status says it all. */
static size_t
outbox_discard(char *p, size_t size, size_t n, void *arg)
{
	(void)p;
	(void)arg;
	return size * n;
}

/* Starts one transfer for a due message. */
static void
outbox_due_cb(const struct db_outmsg *m, void *arg)
{
	struct outbox_send	*s;
	char			 phone[PHONE_MAX];

	(void)arg;
	if (outbox_busy(m->id) || ob.ninflight >= ob.cf->outbox_parallel)
		return;
	s = xcalloc(1, sizeof *s);
	s->id = m->id;
	s->attempts = m->attempts;
	LIST_INSERT_HEAD(&ob.inflight, s, entry);
	ob.ninflight++;
	if (keyring_open(consult_keyring(ob.c), m->phone_enc, m->enc_len, phone) != 0) {
		/* Erased, or sealed with another key: it can never be sent. */
		s->status = 400;
		snprintf(s->error, sizeof s->error, "cannot decrypt the number");
		log_warn("outbox %lld: %s", (long long)m->id, s->error);
		s->job.apply = outbox_result_apply;
		s->job.done = outbox_result_done;
		batch_submit(&s->job);
		return;
	}
	s->easy = curl_easy_init();
	s->url = outbox_url(s->easy, m->id, phone, m->text);
	memset(phone, 0, sizeof phone);
	curl_easy_setopt(s->easy, CURLOPT_URL, s->url);
	curl_easy_setopt(s->easy, CURLOPT_PRIVATE, s);
	curl_easy_setopt(s->easy, CURLOPT_ERRORBUFFER, s->error);
	curl_easy_setopt(s->easy, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(s->easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(s->easy, CURLOPT_WRITEFUNCTION, outbox_discard);
	curl_multi_add_handle(ob.multi, s->easy);
}

/*
 * Is this sendsms answer final? Kannel's 400s (a malformed message) are;
 * 401, 403 and 404 mean our account or URL is wrong, which an operator will
 * fix, so those messages wait with the rest rather than fail.
 */
static int
outbox_permanent(long status)
{
	return status >= 400 && status < 500 && status != 401 && status != 403 &&
	    status != 404 && status != 408 && status != 429;
}

/* Stores a transfer's result, inside the batch's transaction. */
static void
outbox_result_apply(struct batch_job *job, struct consult *c)
{
	struct outbox_send	*s = (struct outbox_send *)job;
	struct db		*db = consult_db(c);
	int64_t			 delay;
	int			 rc;

	if (s->status >= 200 && s->status < 300) {
		rc = db_outbox_sent(db, s->id, clock_unix());
		metrics_inc(M_OUTBOX_SENT, 1);
	} else if (outbox_permanent(s->status) ||
	    s->attempts + 1 >= OUTBOX_MAX_TRIES) {
		rc = db_outbox_failed(db, s->id, s->error);
		metrics_inc(M_OUTBOX_FAILED, 1);
	} else {
		delay = 5LL << (s->attempts < 10 ? s->attempts : 10);
		rc = db_outbox_retry(db, s->id, clock_unix() +
		    (delay > 3600 ? 3600 : delay), s->error);
		metrics_inc(M_OUTBOX_RETRY, 1);
	}
	if (rc != 0) {
		log_warn("outbox %lld: result not stored (%s); it will be sent again",
		    (long long)s->id, db_errmsg(db));
		metrics_inc(M_ERRORS, 1);
	}
}

/* After COMMIT the message may be picked again; if busy, store it in a second. */
static void
outbox_result_done(struct batch_job *job, int committed)
{
	static const struct timeval	 second = { 1, 0 };
	struct outbox_send		*s = (struct outbox_send *)job;

	if (!committed) {
		s->unsaved = 1;
		evtimer_add(ob.resave, &second);
		return;
	}
	LIST_REMOVE(s, entry);
	ob.ninflight--;
	free(s->url);
	free(s);
}

/* Collects finished transfers and queues their results for the batch. */
static void
outbox_check_done(void)
{
	struct outbox_send	*s;
	CURLMsg			*msg;
	int			 left;

	while ((msg = curl_multi_info_read(ob.multi, &left)) != NULL) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&s);
		if (msg->data.result == CURLE_OK)
			curl_easy_getinfo(s->easy, CURLINFO_RESPONSE_CODE, &s->status);
		else if (s->error[0] == '\0')
			snprintf(s->error, sizeof s->error, "%s",
			    curl_easy_strerror(msg->data.result));
		if (s->status != 0 && (s->status < 200 || s->status >= 300))
			snprintf(s->error, sizeof s->error, "sendsms: HTTP %ld", s->status);
		curl_multi_remove_handle(ob.multi, s->easy);
		curl_easy_cleanup(s->easy);
		s->easy = NULL;
		if (s->status < 200 || s->status >= 300)
			log_warn("outbox %lld: %s", (long long)s->id, s->error);
		s->job.apply = outbox_result_apply;
		s->job.done = outbox_result_done;
		batch_submit(&s->job);
	}
}

/* A watched socket is ready: let curl act on it. */
static void
outbox_sock_cb(evutil_socket_t fd, short what, void *arg)
{
	int	running, action = 0;

	(void)arg;
	if (what & EV_READ)
		action |= CURL_CSELECT_IN;
	if (what & EV_WRITE)
		action |= CURL_CSELECT_OUT;
	curl_multi_socket_action(ob.multi, fd, action, &running);
	outbox_check_done();
}

/* curl asks us to watch (or stop watching) a socket. */
static int
outbox_socket_fn(CURL *easy, curl_socket_t fd, int what, void *uarg, void *sockp)
{
	struct outbox_sock	*os = sockp;
	short			 kind = 0;

	(void)easy;
	(void)uarg;
	if (what == CURL_POLL_REMOVE) {
		if (os != NULL) {
			event_free(os->ev);
			free(os);
		}
		return 0;
	}
	if (os == NULL) {
		os = xcalloc(1, sizeof *os);
		curl_multi_assign(ob.multi, fd, os);
	} else
		event_free(os->ev);
	if (what & CURL_POLL_IN)
		kind |= EV_READ;
	if (what & CURL_POLL_OUT)
		kind |= EV_WRITE;
	os->ev = event_new(ob.base, fd, kind | EV_PERSIST, outbox_sock_cb, NULL);
	event_add(os->ev, NULL);
	return 0;
}

static void
outbox_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	int	running;

	(void)fd;
	(void)what;
	(void)arg;
	curl_multi_socket_action(ob.multi, CURL_SOCKET_TIMEOUT, 0, &running);
	outbox_check_done();
}

/* curl asks for a timeout: -1 none, 0 now, else milliseconds. */
static int
outbox_timer_fn(CURLM *multi, long ms, void *arg)
{
	struct timeval	tv = { ms / 1000, (ms % 1000) * 1000 };

	(void)multi;
	(void)arg;
	if (ms < 0)
		evtimer_del(ob.timer);
	else
		evtimer_add(ob.timer, &tv);
	return 0;
}

/* Submits again the results that met a locked database. */
static void
outbox_resave_cb(evutil_socket_t fd, short what, void *arg)
{
	struct outbox_send	*s;

	(void)fd;
	(void)what;
	(void)arg;
	LIST_FOREACH(s, &ob.inflight, entry) {
		if (s->unsaved) {
			s->unsaved = 0;
			batch_submit(&s->job);
		}
	}
}

static void
outbox_poll_cb(evutil_socket_t fd, short what, void *arg)
{
	int	room = ob.cf->outbox_parallel - ob.ninflight;

	(void)fd;
	(void)what;
	(void)arg;
	if (room <= 0)
		return;
	if (db_outbox_due(consult_db(ob.c), clock_unix(), 0, room + ob.ninflight,
	    outbox_due_cb, NULL) != 0)
		log_warn("outbox: %s", db_errmsg(consult_db(ob.c)));
}

int
outbox_init(struct event_base *base, struct consult *c, const struct config *cf,
    char **cause)
{
	static const struct timeval	every = { OUTBOX_POLL_SEC, 0 };

	memset(&ob, 0, sizeof ob);
	ob.base = base;
	ob.c = c;
	ob.cf = cf;
	LIST_INIT(&ob.inflight);
	if (cf->sendsms_url[0] == '\0') {
		log_warn("no sendsms_url: outgoing messages stay queued");
		return 0;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0 ||
	    (ob.multi = curl_multi_init()) == NULL) {
		*cause = xstrdup("libcurl: initialisation failed");
		return -1;
	}
	curl_multi_setopt(ob.multi, CURLMOPT_SOCKETFUNCTION, outbox_socket_fn);
	curl_multi_setopt(ob.multi, CURLMOPT_TIMERFUNCTION, outbox_timer_fn);
	ob.timer = evtimer_new(base, outbox_timer_cb, NULL);
	ob.poll = event_new(base, -1, EV_PERSIST, outbox_poll_cb, NULL);
	ob.resave = evtimer_new(base, outbox_resave_cb, NULL);
	event_add(ob.poll, &every);
	return 0;
}

void
outbox_shutdown(void)
{
	struct outbox_send	*s;

	if (ob.multi == NULL)
		return;
	while ((s = LIST_FIRST(&ob.inflight)) != NULL) {
		LIST_REMOVE(s, entry);
		if (s->easy != NULL) {
			curl_multi_remove_handle(ob.multi, s->easy);
			curl_easy_cleanup(s->easy);
		}
		free(s->url);
		free(s);
	}
	event_free(ob.timer);
	event_free(ob.poll);
	event_free(ob.resave);
	curl_multi_cleanup(ob.multi);
	curl_global_cleanup();
	ob.multi = NULL;
}
