/* SPDX-License-Identifier: ISC */
/*
 * Open data: /open/CODE.json and /open/CODE.csv, each item's public counts
 * (no personal data; a breakdown count from 1 to 4 written "<5"), one CSV per
 * section of the report (/open/CODE-articles.csv, -days, -topics, -campaigns,
 * -quotes, -decisions), and /open/datapackage.json, the Frictionless Data
 * Package descriptor that lists them with each CSV's schema; /open/audit.json, the audit trail's head as
 * kept on each day (a timer keeps the day's head at its first minute), so
 * that anyone can later check the trail was not rewritten (sanalctl audit
 * verify, then compare heads). Anyone may read them from any origin
 * (Access-Control-Allow-Origin: *); shared caches may keep them a minute. The
 * counts come from the running totals, so a report is one indexed query and
 * is built on the loop.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "common.h"
#include "consult.h"
#include "db.h"
#include "gateway.h"

#define OPEN_PREFIX	"/open/"
#define OPEN_JSON	"application/json"
#define OPEN_CSV	"text/csv; charset=utf-8; header=present"

static struct consult	*open_consult;
static struct event	*open_head_ev;

static const char *const open_hdrs[] = {
	"Access-Control-Allow-Origin", "*",
	"Cache-Control", "public, max-age=60",
	NULL
};

/* Answers with a JSON error object. */
static void
open_error(struct http_req *req, int status, const char *error)
{
	char	*body = xasprintf("{\"error\": \"%s\"}\n", error);

	http_reply(req, status, OPEN_JSON, body, strlen(body), open_hdrs);
	free(body);
}

/* datapackage.json: every item's two files. */
static void
open_datapackage(struct http_req *req)
{
	char	*s;

	if ((s = report_datapackage(open_consult)) == NULL) {
		open_error(req, 503, "database unavailable");
		return;
	}
	http_reply(req, 200, OPEN_JSON, s, strlen(s), open_hdrs);
	free(s);
}

/* CODE.json, CODE.csv or CODE-SECTION.csv: the item's public report. */
static void
open_report(struct http_req *req, const char *code, int csv, const char *section)
{
	struct report	 r;
	char		*s;
	size_t		 len;
	int		 rc;

	if (!item_code_valid(code) ||
	    (rc = report_build(open_consult, code, 0, &r)) == 1) {
		open_error(req, 404, "no item with that code");
		return;
	}
	if (rc != 0) {
		open_error(req, 503, "database unavailable");
		return;
	}
	if (csv) {
		s = section != NULL ? report_csv_section(&r, section, REPORT_CSV_PUBLIC, &len) :
		    report_csv(&r, REPORT_CSV_PUBLIC, &len);
		http_reply(req, 200, OPEN_CSV, s, len, open_hdrs);
	} else {
		s = report_json(&r, 1);
		http_reply(req, 200, OPEN_JSON, s, strlen(s), open_hdrs);
	}
	free(s);
	report_free(&r);
}

struct head_job {
	struct batch_job	job;
};

static void
open_head_apply(struct batch_job *job, struct consult *c)
{
	char	day[32];

	(void)job;
	clock_format_ub(clock_unix(), day, sizeof day);
	day[10] = '\0';
	if (db_audit_head_keep(consult_db(c), day, clock_unix()) != 0)
		log_warn("open data: could not keep the day's audit head");
}

static void
open_head_done(struct batch_job *job, int committed)
{
	(void)committed;
	free(job);
}

/* Once a minute: the day's audit head, if the day has none yet. */
static void
open_head_cb(evutil_socket_t fd, short what, void *arg)
{
	struct head_job	*j = xcalloc(1, sizeof *j);

	(void)fd;
	(void)what;
	(void)arg;
	j->job.apply = open_head_apply;
	j->job.done = open_head_done;
	batch_submit(&j->job);
}

/* The handle the reports are read from; the daily audit head's timer. */
void
open_data_init(struct event_base *base, struct consult *c)
{
	struct timeval	minute = { 60, 0 };

	open_consult = c;
	open_head_ev = event_new(base, -1, EV_PERSIST, open_head_cb, NULL);
	event_add(open_head_ev, &minute);
	event_active(open_head_ev, EV_TIMEOUT, 0);	/* and once at start */
}

void
open_data_shutdown(void)
{
	if (open_head_ev != NULL)
		event_free(open_head_ev);
	open_head_ev = NULL;
}

struct heads {
	struct buf	b;
	int		n;
};

static void
open_head_row(const char *day, int64_t row, const unsigned char *hash, size_t len,
    void *arg)
{
	struct heads	*h = arg;
	size_t		 i;

	buf_addf(&h->b, "%s\n    {\"day\": \"%s\", \"row\": %lld, \"hash\": \"",
	    h->n++ ? "," : "", day, (long long)row);
	for (i = 0; i < len; i++)
		buf_addf(&h->b, "%02x", hash[i]);
	buf_adds(&h->b, "\"}");
}

/* audit.json: the published heads, one a day. */
static void
open_audit(struct http_req *req)
{
	struct heads	h = { .n = 0 };

	buf_init(&h.b);
	buf_adds(&h.b, "{\"audit_heads\": [");
	if (db_audit_heads(consult_db(open_consult), open_head_row, &h) != 0) {
		buf_free(&h.b);
		open_error(req, 503, "database unavailable");
		return;
	}
	buf_adds(&h.b, "\n  ]}\n");
	http_reply(req, 200, OPEN_JSON, h.b.data, h.b.len, open_hdrs);
	buf_free(&h.b);
}

/*
 * Every path under /open/: datapackage.json, audit.json, CODE.json, CODE.csv,
 * CODE-SECTION.csv, else 404.
 */
void
open_data_serve(struct http_req *req)
{
	const char	*name = req->path + strlen(OPEN_PREFIX), *dot, *dash;
	char		 code[16], section[16];
	int		 csv;

	if (strncmp(req->path, OPEN_PREFIX, strlen(OPEN_PREFIX)) != 0) {
		open_error(req, 404, "not found");
		return;
	}
	if (strcmp(name, "datapackage.json") == 0) {
		open_datapackage(req);
		return;
	}
	if (strcmp(name, "audit.json") == 0) {
		open_audit(req);
		return;
	}
	dot = strrchr(name, '.');
	if (dot == NULL || (strcmp(dot, ".json") != 0 && strcmp(dot, ".csv") != 0)) {
		open_error(req, 404, "not found");
		return;
	}
	csv = strcmp(dot, ".csv") == 0;
	if ((dash = memchr(name, '-', (size_t)(dot - name))) != NULL) {
		/* CODE-SECTION.csv: a section open data publishes */
		if (!csv || (size_t)(dot - dash - 1) >= sizeof section) {
			open_error(req, 404, "not found");
			return;
		}
		memcpy(section, dash + 1, (size_t)(dot - dash - 1));
		section[dot - dash - 1] = '\0';
		if (!report_open_section(section)) {
			open_error(req, 404, "not found");
			return;
		}
		dot = dash;
	}
	if ((size_t)(dot - name) >= sizeof code) {
		open_error(req, 404, "not found");
		return;
	}
	memcpy(code, name, (size_t)(dot - name));
	code[dot - name] = '\0';
	open_report(req, code, csv, dash != NULL ? section : NULL);
}
