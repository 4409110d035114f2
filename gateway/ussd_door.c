/* SPDX-License-Identifier: ISC */
/*
 * The two USSD doors. POST /ussd speaks the aggregators' convention (form
 * fields sessionId, serviceCode, phoneNumber, text; answer "CON screen" or
 * "END screen" as text/plain). Kannel's SMPP link arrives on /kannel/mo with
 * the TLVs in the meta-data (%D): ussd_service_op (raw octets on MO) and
 * its_session_info, which the answer echoes with op 2 (continue) or 17 (end).
 * Both become one consult/ step, in the batch like an SMS, answered after
 * COMMIT. A timer marks dialogues idle past ussd_timeout as dropped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>
#include <event2/http.h>

#include "analytics.h"
#include "common.h"
#include "consult.h"
#include "gateway.h"

#define USSD_SWEEP_EVERY	15	/* seconds */

struct ussd_job {
	struct batch_job	 job;
	struct http_req		*req;
	struct ussd_req		 rq;
	enum apply_result	 result;
	struct ussd_reply	 reply;
	char			*text;		/* owned copies */
	char			*session;
	unsigned char		 sess_raw[8];	/* SMPP: its_session_info as received */
	size_t			 sess_len;
};

static const struct config	*ussd_cf;
static struct event		*ussd_sweep_ev;

/* Counts what each screen saw: entries, completions, wrong keys, drops. */
static void
ussd_count(const struct ussd_reply *r)
{
	if (r->dropped != NULL)
		metrics_ussd(r->dropped, USSD_EV_TIMEOUT);
	if (r->left != NULL)
		metrics_ussd(r->left, USSD_EV_COMPLETE);
	if (r->wrong)
		metrics_ussd(r->screen, USSD_EV_ERROR);
	else if (r->screen != NULL && !r->replay)
		metrics_ussd(r->screen, USSD_EV_ENTRY);
}

static void
ussd_apply(struct batch_job *job, struct consult *c)
{
	struct ussd_job	*u = (struct ussd_job *)job;

	u->result = ussd_step(c, &u->rq, &u->reply);
}

/* "%12%34": raw octets as Kannel's meta-data wants them. */
static void
ussd_pct(struct buf *b, const unsigned char *p, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++)
		buf_addf(b, "%%%02X", p[i]);
}

static void
ussd_done(struct batch_job *job, int committed)
{
	static const char *const retry[] = { "Retry-After", "1", NULL };
	struct ussd_job	*u = (struct ussd_job *)job;
	struct buf	 b, meta;
	const char	*hdrs[7] = { NULL };

	buf_init(&b);
	if (!committed || u->result == APPLY_ERROR) {
		metrics_inc(committed ? M_ERRORS : M_BUSY, 1);
		http_reply(u->req, 503, "text/plain; charset=utf-8", "busy, retry\n", 12,
		    retry);
	} else if (u->result == APPLY_BAD_PHONE) {
		metrics_inc(M_USSD_BAD, 1);
		http_text(u->req, 400, "phoneNumber: not a phone number\n");
	} else if (u->rq.door == USSD_HTTP) {
		metrics_inc(u->reply.replay ? M_USSD_REPEAT : M_USSD_IN, 1);
		ussd_count(&u->reply);
		buf_addf(&b, "%s %s", u->reply.end ? "END" : "CON", u->reply.text);
		hdrs[0] = "X-Sanal-Screen";	/* for tests and logs; aggregators ignore it */
		hdrs[1] = u->reply.screen;
		http_reply(u->req, 200, "text/plain; charset=utf-8", b.data, b.len, hdrs);
	} else {
		metrics_inc(u->reply.replay ? M_USSD_REPEAT : M_USSD_IN, 1);
		ussd_count(&u->reply);
		buf_init(&meta);
		buf_addf(&meta, "?smpp?ussd_service_op=%d&its_session_info=",
		    u->reply.end ? 17 : 2);
		ussd_pct(&meta, u->sess_raw, u->sess_len);
		buf_adds(&meta, "&");
		hdrs[0] = "X-Kannel-Meta-Data";
		hdrs[1] = meta.data;
		hdrs[2] = "X-Kannel-Coding";
		hdrs[3] = sms_is_gsm7(u->reply.text) ? "0" : "2";
		hdrs[4] = "X-Kannel-BInfo";
		hdrs[5] = "USSD";
		http_reply(u->req, 200, "text/plain; charset=UTF-8", u->reply.text,
		    strlen(u->reply.text), hdrs);
		buf_free(&meta);
	}
	buf_free(&b);
	free(u->reply.text);
	free(u->text);
	free(u->session);
	free(u);
}

static void
ussd_submit(struct ussd_job *u)
{
	u->job.apply = ussd_apply;
	u->job.done = ussd_done;
	batch_submit(&u->job);
}

/* A missing or empty form field: 400 naming it. */
static int
ussd_missing(struct http_req *req, const char *field)
{
	const char	*v = http_param(req, field);
	char		*msg;

	if (v != NULL && (*v != '\0' || strcmp(field, "text") == 0))
		return 0;
	metrics_inc(M_USSD_BAD, 1);
	msg = xasprintf("missing field: %s\n", field);
	http_text(req, 400, msg);
	free(msg);
	return 1;
}

void
ussd_http(struct http_req *req)
{
	static const char *const fields[] = { "sessionId", "phoneNumber", "text" };
	struct ussd_job	*u;
	const char	*key = http_param(req, "key");
	size_t		 i;

	if (ussd_cf->ussd_key[0] != '\0' && (key == NULL ||
	    strcmp(key, ussd_cf->ussd_key) != 0)) {
		metrics_inc(M_USSD_BAD, 1);
		http_text(req, 403, "wrong or missing key\n");
		return;
	}
	for (i = 0; i < nitems(fields); i++) {
		if (ussd_missing(req, fields[i]))
			return;
	}
	if (http_param_len(req, "text") != strlen(http_param(req, "text"))) {
		metrics_inc(M_USSD_BAD, 1);
		http_text(req, 400, "text: holds a NUL byte\n");
		return;
	}
	u = xcalloc(1, sizeof *u);
	u->req = req;
	u->rq.door = USSD_HTTP;
	u->rq.phone = http_param(req, "phoneNumber");
	u->rq.session = http_param(req, "sessionId");
	u->rq.service = http_param(req, "serviceCode");
	u->rq.base = ussd_cf->ussd_code;
	u->rq.text = http_param(req, "text");
	u->rq.now = clock_unix();
	ussd_submit(u);
}

/* The value of name in Kannel's meta-data "?smpp?a=%01&b=%124&", decoded. */
static char *
ussd_meta(const char *meta, const char *name, size_t *len)
{
	const char	*p = strstr(meta, "?smpp?"), *v, *end;
	size_t		 n = strlen(name);
	char		*raw, *dec;

	for (p = p ? p + 6 : NULL; p != NULL && *p != '\0'; p = *end ? end + 1 : end) {
		end = p + strcspn(p, "&");
		if (strncmp(p, name, n) != 0 || p[n] != '=')
			continue;
		v = p + n + 1;
		raw = xstrndup(v, (size_t)(end - v));
		dec = evhttp_uridecode(raw, 0, len);
		free(raw);
		return dec;
	}
	return NULL;
}

int
ussd_kannel(struct http_req *req, const char *meta, const char *from, char *text)
{
	struct ussd_job	*u;
	char		*op, *sess;
	size_t		 oplen, slen, i;
	int		 opv;
	struct buf	 hex;

	if ((op = ussd_meta(meta, "ussd_service_op", &oplen)) == NULL)
		return 0;
	/* raw octet on MO (%01, %12); a decimal string from other Kannel builds */
	opv = oplen == 1 && (op[0] < '0' || op[0] > '9') ? (unsigned char)op[0] :
	    atoi(op);
	free(op);
	u = xcalloc(1, sizeof *u);
	if ((sess = ussd_meta(meta, "its_session_info", &slen)) != NULL) {
		u->sess_len = slen < sizeof u->sess_raw ? slen : sizeof u->sess_raw;
		memcpy(u->sess_raw, sess, u->sess_len);
		free(sess);
	}
	buf_init(&hex);
	buf_adds(&hex, "smpp:");
	for (i = 0; i < u->sess_len; i++)
		buf_addf(&hex, "%02x", u->sess_raw[i]);
	u->session = buf_steal(&hex);
	u->req = req;
	u->text = text;
	u->rq.door = USSD_SMPP;
	u->rq.phone = from;
	u->rq.session = u->session;
	u->rq.text = text;
	u->rq.begin = opv == 0 || opv == 1;	/* PSSD or PSSR indication: dialled */
	u->rq.service = u->rq.begin ? text : NULL;
	u->rq.base = ussd_cf->ussd_code;
	u->rq.request_id = http_param(req, "id");
	u->rq.now = clock_unix();
	ussd_submit(u);
	return 1;
}

/* --- dropped dialogues ----------------------------------------------------------- */

struct sweep_job {
	struct batch_job	job;
};

static void
ussd_timeout_cb(const char *screen, void *arg)
{
	(void)arg;
	metrics_ussd(screen, USSD_EV_TIMEOUT);
}

static void
ussd_sweep_apply(struct batch_job *job, struct consult *c)
{
	(void)job;
	if (ussd_sweep(c, clock_unix() - ussd_cf->ussd_timeout, ussd_cf->ussd_dialback,
	    ussd_timeout_cb, NULL) != 0)
		log_warn("ussd: could not mark idle dialogues");
}

static void
ussd_sweep_done(struct batch_job *job, int committed)
{
	(void)committed;
	free(job);
}

static void
ussd_sweep_cb(evutil_socket_t fd, short what, void *arg)
{
	struct sweep_job	*s = xcalloc(1, sizeof *s);

	(void)fd;
	(void)what;
	(void)arg;
	s->job.apply = ussd_sweep_apply;
	s->job.done = ussd_sweep_done;
	batch_submit(&s->job);
}

void
ussd_init(struct event_base *base, const struct config *cf)
{
	struct timeval	every = { USSD_SWEEP_EVERY, 0 };

	ussd_cf = cf;
	ussd_sweep_ev = event_new(base, -1, EV_PERSIST, ussd_sweep_cb, NULL);
	event_add(ussd_sweep_ev, &every);
}

void
ussd_shutdown(void)
{
	if (ussd_sweep_ev != NULL)
		event_free(ussd_sweep_ev);
	ussd_sweep_ev = NULL;
}
