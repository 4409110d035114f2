/* SPDX-License-Identifier: ISC */
/*
 * /kannel/dlr: delivery reports for outbox messages. The dlr-url we give
 * Kannel carries our outbox id; the report is stored in the batch and answered
 * after COMMIT, so a report Kannel sent is never lost.
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "consult.h"
#include "db.h"
#include "gateway.h"

struct dlr_job {
	struct batch_job	 job;
	struct http_req		*req;
	int64_t			 id;
	int			 status;
	int			 rc;
};

static void
kannel_dlr_apply(struct batch_job *job, struct consult *c)
{
	struct dlr_job	*d = (struct dlr_job *)job;

	d->rc = db_outbox_dlr(consult_db(c), d->id, d->status, clock_unix());
}

static void
kannel_dlr_done(struct batch_job *job, int committed)
{
	static const char *const retry[] = { "Retry-After", "1", NULL };
	struct dlr_job	*d = (struct dlr_job *)job;

	if (!committed)
		http_reply(d->req, 503, "text/plain; charset=utf-8", "busy, retry\n", 12,
		    retry);
	else if (d->rc == DB_NONE)
		http_text(d->req, 404, "no such outbox message\n");
	else if (d->rc != 0)
		http_text(d->req, 503, "error, retry\n");
	else {
		metrics_inc(M_DLR_IN, 1);
		http_text(d->req, 200, "ok\n");
	}
	free(d);
}

/* Parses a whole decimal number; -1 if s is not one. */
static long long
kannel_number(const char *s)
{
	char		*end;
	long long	 n;

	if (s == NULL || *s == '\0')
		return -1;
	n = strtoll(s, &end, 10);
	return *end == '\0' && n >= 0 ? n : -1;
}

void
kannel_dlr(struct http_req *req)
{
	struct dlr_job	*d;
	long long	 id, status;

	if (!kannel_authorised(req))
		return;
	id = kannel_number(http_param(req, "id"));
	status = kannel_number(http_param(req, "status"));
	if (id <= 0 || status < 0 || status > 255) {
		http_text(req, 400, "expected id=OUTBOXID&status=N\n");
		return;
	}
	d = xcalloc(1, sizeof *d);
	d->req = req;
	d->id = id;
	d->status = (int)status;
	d->job.apply = kannel_dlr_apply;
	d->job.done = kannel_dlr_done;
	batch_submit(&d->job);
}
