/* SPDX-License-Identifier: ISC */
/*
 * Counters and the request latency histogram, served as Prometheus text at
 * /metrics; /healthz answers while the loop runs and the database answers.
 */
#include <stdio.h>
#include <string.h>

#include "common.h"
#include "consult.h"
#include "db.h"
#include "gateway.h"

static const struct {
	const char	*name;
	const char	*help;
} metric_names[M_COUNT] = {
	[M_MO_IN] = { "sanal_mo_total", "MO messages received and applied" },
	[M_MO_REPEAT] = { "sanal_mo_repeat_total", "MO retries and duplicates answered from the store" },
	[M_MO_BAD] = { "sanal_mo_rejected_total", "MO requests rejected as bad input (4xx)" },
	[M_REPLIES] = { "sanal_replies_total", "replies returned to Kannel" },
	[M_BUSY] = { "sanal_busy_total", "requests answered 503 because the database was locked" },
	[M_ERRORS] = { "sanal_errors_total", "requests that failed on our side" },
	[M_DLR_IN] = { "sanal_dlr_total", "delivery reports received" },
	[M_OUTBOX_SENT] = { "sanal_outbox_sent_total", "outbox messages accepted by Kannel" },
	[M_OUTBOX_RETRY] = { "sanal_outbox_retry_total", "outbox sends that will be retried" },
	[M_OUTBOX_FAILED] = { "sanal_outbox_failed_total", "outbox messages given up on" },
	[M_COMMITS] = { "sanal_commits_total", "durable transactions (group commits)" },
	[M_BATCHED] = { "sanal_batched_jobs_total", "jobs committed in those transactions" },
	[M_USSD_IN] = { "sanal_ussd_requests_total", "USSD requests answered (both doors)" },
	[M_USSD_REPEAT] = { "sanal_ussd_repeat_total", "USSD requests repeated, answered from the store" },
	[M_USSD_BAD] = { "sanal_ussd_rejected_total", "USSD requests rejected as bad input (4xx)" },
	[M_WEB_PAGES] = { "sanal_web_pages_total", "web pages served" },
	[M_WEB_FORGED] = { "sanal_web_forged_total", "web POSTs refused: no or wrong form token, or another origin" },
	[M_WEB_CODES] = { "sanal_web_codes_total", "sign-in codes sent by SMS" },
};
static const char *const ussd_events[USSD_EV_COUNT] = { "entry", "complete", "error",
	"timeout" };

/* Per USSD screen: how often shown, left with a valid key, wrong keys, dropped. */
static struct {
	char		 screen[4];
	uint64_t	 n[USSD_EV_COUNT];
} ussd_counts[48];
static size_t	 ussd_nscreens;

static const double	 bounds[] = { 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
			    0.1, 0.25, 0.5, 1, 2.5 };
static uint64_t		 counters[M_COUNT];
static uint64_t		 buckets[nitems(bounds) + 1];
static double		 latency_sum;
static uint64_t		 status_2xx, status_4xx, status_5xx;
static struct consult	*metrics_consult;

void
metrics_inc(enum metric m, uint64_t n)
{
	counters[m] += n;
}

void
metrics_ussd(const char *screen, enum ussd_event ev)
{
	size_t	i;

	if (screen == NULL)
		return;
	for (i = 0; i < ussd_nscreens; i++) {
		if (strcmp(ussd_counts[i].screen, screen) == 0)
			break;
	}
	if (i == ussd_nscreens) {
		if (i == nitems(ussd_counts))
			return;
		snprintf(ussd_counts[i].screen, sizeof ussd_counts[i].screen, "%s", screen);
		ussd_nscreens++;
	}
	ussd_counts[i].n[ev]++;
}

/* The USSD screen counters, in the order screens were first seen. */
static void
metrics_ussd_serve(struct buf *b)
{
	size_t	i, e;

	buf_adds(b, "# HELP sanal_ussd_screen_total USSD screens: entries, completions "
	    "(left with a valid key), wrong keys and dialogues dropped there\n"
	    "# TYPE sanal_ussd_screen_total counter\n");
	for (i = 0; i < ussd_nscreens; i++) {
		for (e = 0; e < USSD_EV_COUNT; e++)
			buf_addf(b, "sanal_ussd_screen_total{screen=\"%s\",event=\"%s\"} "
			    "%llu\n", ussd_counts[i].screen, ussd_events[e],
			    (unsigned long long)ussd_counts[i].n[e]);
	}
}

void
metrics_status(int status)
{
	if (status >= 500)
		status_5xx++;
	else if (status >= 400)
		status_4xx++;
	else
		status_2xx++;
}

void
metrics_latency(double s)
{
	size_t	i;

	for (i = 0; i < nitems(bounds) && s > bounds[i]; i++)
		;
	buckets[i]++;
	latency_sum += s;
}

void
metrics_set_consult(struct consult *c)
{
	metrics_consult = c;
}

/* Appends the latency histogram in Prometheus form. */
static void
metrics_histogram(struct buf *b)
{
	uint64_t	cum = 0;
	size_t		i;

	buf_adds(b, "# HELP sanal_request_seconds HTTP request latency, "
	    "including the wait for COMMIT\n# TYPE sanal_request_seconds histogram\n");
	for (i = 0; i < nitems(bounds); i++) {
		cum += buckets[i];
		buf_addf(b, "sanal_request_seconds_bucket{le=\"%g\"} %llu\n", bounds[i],
		    (unsigned long long)cum);
	}
	cum += buckets[i];
	buf_addf(b, "sanal_request_seconds_bucket{le=\"+Inf\"} %llu\n"
	    "sanal_request_seconds_sum %.6f\nsanal_request_seconds_count %llu\n",
	    (unsigned long long)cum, latency_sum, (unsigned long long)cum);
}

void
metrics_serve(struct http_req *req)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < M_COUNT; i++)
		buf_addf(&b, "# HELP %s %s\n# TYPE %s counter\n%s %llu\n",
		    metric_names[i].name, metric_names[i].help, metric_names[i].name,
		    metric_names[i].name, (unsigned long long)counters[i]);
	buf_addf(&b, "# HELP sanal_http_responses_total HTTP responses by class\n"
	    "# TYPE sanal_http_responses_total counter\n"
	    "sanal_http_responses_total{class=\"2xx\"} %llu\n"
	    "sanal_http_responses_total{class=\"4xx\"} %llu\n"
	    "sanal_http_responses_total{class=\"5xx\"} %llu\n",
	    (unsigned long long)status_2xx, (unsigned long long)status_4xx,
	    (unsigned long long)status_5xx);
	buf_addf(&b, "# HELP sanal_outbox_depth outbox messages waiting to be sent\n"
	    "# TYPE sanal_outbox_depth gauge\nsanal_outbox_depth %lld\n",
	    (long long)db_outbox_depth(consult_db(metrics_consult)));
	buf_addf(&b, "# HELP sanal_batch_pending jobs waiting for the next commit\n"
	    "# TYPE sanal_batch_pending gauge\nsanal_batch_pending %zu\n",
	    batch_pending());
	metrics_histogram(&b);
	metrics_ussd_serve(&b);
	http_reply(req, 200, "text/plain; version=0.0.4; charset=utf-8", b.data, b.len,
	    NULL);
	buf_free(&b);
}

void
healthz_serve(struct http_req *req)
{
	if (db_ping(consult_db(metrics_consult)) != 0) {
		http_text(req, 503, "database unavailable\n");
		return;
	}
	http_text(req, 200, "ok\n");
}
