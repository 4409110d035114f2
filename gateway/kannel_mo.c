/* SPDX-License-Identifier: ISC */
/*
 * /kannel/mo: Kannel's smsbox calls this for every MO (GET with the text in
 * the query, or POST with the text as the body). The message joins the batch;
 * its reply goes back as the response body, with X-Kannel-Coding: 2 unless the
 * text is pure GSM-7, only after the batch has committed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analytics.h"
#include "common.h"
#include "consult.h"
#include "gateway.h"

struct mo_job {
	struct batch_job	 job;
	struct http_req		*req;
	struct inbound		 in;
	char			*text;
	enum apply_result	 result;
	char			*reply;
};

static const struct config	*kannel_cf;

void
kannel_init(struct consult *c, const struct config *cf)
{
	kannel_cf = cf;
	consult_set_dedupe_window(c, cf->dedupe_window);
}

/* Compares secrets in time that depends only on their lengths. */
static int
kannel_key_equal(const char *a, const char *b)
{
	size_t		 la = strlen(a), lb = strlen(b), i;
	unsigned char	 diff = la != lb;

	for (i = 0; i < la && i < lb; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}

int
kannel_authorised(struct http_req *req)
{
	const char	*key = http_param(req, "key");

	if (kannel_cf->kannel_key[0] == '\0' ||
	    (key != NULL && kannel_key_equal(key, kannel_cf->kannel_key)))
		return 1;
	metrics_inc(M_MO_BAD, 1);
	http_text(req, 403, "wrong or missing key\n");
	return 0;
}

/* Appends code point cp as UTF-8. */
static void
kannel_put_utf8(struct buf *b, unsigned cp)
{
	char	s[4];
	size_t	n;

	if (cp < 0x80) {
		s[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		s[0] = (char)(0xc0 | cp >> 6);
		s[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		s[0] = (char)(0xe0 | cp >> 12);
		s[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		s[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		s[0] = (char)(0xf0 | cp >> 18);
		s[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		s[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		s[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	buf_add(b, s, n);
}

/* A copy of len bytes in which a NUL (no phone sends one) becomes U+FFFD. */
static char *
kannel_no_nul(const char *p, size_t len)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < len; i++) {
		if (p[i] == '\0')
			buf_adds(&b, "\xef\xbf\xbd");
		else
			buf_add(&b, &p[i], 1);
	}
	return buf_steal(&b);
}

/* Converts UTF-16BE (what Kannel sends for coding 2 without mo-recode) to UTF-8. */
static char *
kannel_utf16be(const char *p, size_t len)
{
	const unsigned char	*u = (const unsigned char *)p;
	struct buf		 b;
	unsigned		 cp, lo;
	size_t			 i;

	buf_init(&b);
	for (i = 0; i + 1 < len; i += 2) {
		cp = (unsigned)u[i] << 8 | u[i + 1];
		if (cp >= 0xd800 && cp < 0xdc00 && i + 3 < len) {
			lo = (unsigned)u[i + 2] << 8 | u[i + 3];
			if (lo >= 0xdc00 && lo < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				i += 2;
			}
		}
		kannel_put_utf8(&b, cp != 0 ? cp : 0xfffd);
	}
	return buf_steal(&b);
}

/* The message text as UTF-8, from the query (GET) or the body (POST). Caller frees. */
static char *
kannel_text(struct http_req *req)
{
	const char	*text = http_param(req, "text"), *charset = http_param(req, "charset");
	const char	*ctype = http_header(req, "Content-Type");
	size_t		 len;

	if (req->method == HTTP_POST && text == NULL) {
		text = req->body;
		len = req->body_len;
		if (ctype != NULL && strcasestr(ctype, "utf-16be") != NULL)
			charset = "UTF-16BE";
	} else if (text != NULL)
		len = http_param_len(req, "text");
	else
		return NULL;
	if (charset != NULL && strcasecmp(charset, "UTF-16BE") == 0)
		return kannel_utf16be(text, len);
	return kannel_no_nul(text, len);
}

/*
 * When the citizen sent the message: Kannel's %T (when the operator handed it
 * over), so a vote sent before an item closes counts even if a retry brings it
 * later; our own clock when ts is missing or implausible (a week old, or ahead).
 */
static int64_t
kannel_time(const char *ts)
{
	int64_t		 now = clock_unix(), t;
	char		*end;

	if (ts == NULL || *ts == '\0')
		return now;
	t = strtoll(ts, &end, 10);
	if (*end != '\0' || t < now - 7 * 86400 || t > now + 60)
		return now;
	return t;
}

/* Runs in the batch's transaction. */
static void
kannel_mo_apply(struct batch_job *job, struct consult *c)
{
	struct mo_job	*m = (struct mo_job *)job;
	const char	*command;

	m->result = apply_inbound(c, &m->in, &m->reply, &command);
	log_debug("mo: %s -> %s", command, m->result == APPLY_DONE ? "done" : "other");
}

/* Answers Kannel once the batch is durable (or busy). */
static void
kannel_mo_done(struct batch_job *job, int committed)
{
	static const char *const retry[] = { "Retry-After", "1", NULL };
	struct mo_job	*m = (struct mo_job *)job;
	const char	*hdrs[] = { "X-Kannel-Coding", "2", NULL };

	if (!committed)
		http_reply(m->req, 503, "text/plain; charset=utf-8", "busy, retry\n", 12,
		    retry);
	else if (m->result == APPLY_BAD_PHONE) {
		metrics_inc(M_MO_BAD, 1);
		http_text(m->req, 400, "from: not a phone number\n");
	} else if (m->result == APPLY_ID_REUSED) {
		metrics_inc(M_MO_BAD, 1);
		http_text(m->req, 409, "id: already used by another sender\n");
	} else if (m->result == APPLY_ERROR) {
		metrics_inc(M_ERRORS, 1);
		http_reply(m->req, 503, "text/plain; charset=utf-8", "error, retry\n", 13,
		    retry);
	} else {
		metrics_inc(m->result == APPLY_REPEAT ? M_MO_REPEAT : M_MO_IN, 1);
		metrics_inc(M_REPLIES, 1);
		if (sms_is_gsm7(m->reply))
			hdrs[1] = "0";
		http_reply(m->req, 200, "text/plain; charset=UTF-8", m->reply,
		    strlen(m->reply), hdrs);
	}
	free(m->text);
	free(m->reply);
	free(m);
}

void
kannel_mo(struct http_req *req)
{
	struct mo_job	*m;
	const char	*from = http_param(req, "from"), *meta;
	char		*text;

	if (!kannel_authorised(req))
		return;
	if (from == NULL && req->method == HTTP_POST)
		from = http_header(req, "X-Kannel-From");
	if (from == NULL || *from == '\0' || (text = kannel_text(req)) == NULL) {
		metrics_inc(M_MO_BAD, 1);
		http_text(req, 400, from == NULL || *from == '\0' ?
		    "missing parameter: from\n" : "missing parameter: text\n");
		return;
	}
	if ((meta = http_param(req, "meta")) != NULL && ussd_kannel(req, meta, from, text))
		return;
	m = xcalloc(1, sizeof *m);
	m->req = req;
	m->text = text;
	m->in.channel = "sms";
	m->in.phone = from;
	m->in.text = text;
	m->in.kannel_id = http_param(req, "id");
	m->in.smsc = http_param(req, "smsc");
	m->in.now = kannel_time(http_param(req, "ts"));
	m->job.apply = kannel_mo_apply;
	m->job.done = kannel_mo_done;
	batch_submit(&m->job);
}
