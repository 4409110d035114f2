/* SPDX-License-Identifier: ISC */
/*
 * Group commit. Handlers submit jobs; at the end of the loop pass (a zero
 * timeout fires after every request read in this pass has been handled) the
 * batch opens one transaction, applies every job, commits with
 * synchronous=FULL, and only then lets the jobs answer. One fsync covers the
 * whole pass, so durability stays cheap under load. A failed COMMIT is fatal:
 * nothing has been acknowledged, and Kannel will retry.
 */
#include <event2/event.h>

#include "common.h"
#include "consult.h"
#include "db.h"
#include "gateway.h"

static TAILQ_HEAD(, batch_job)	 batch_jobs = TAILQ_HEAD_INITIALIZER(batch_jobs);
static size_t			 batch_njobs;
static struct event		*batch_ev;
static struct consult		*batch_consult;

/*
 * Hands every job of this batch to its done callback. The queue is taken whole
 * first: a callback may submit again (into the next batch), which must not
 * make this loop run for ever.
 */
static void
batch_finish(int committed)
{
	TAILQ_HEAD(, batch_job)	 done = TAILQ_HEAD_INITIALIZER(done);
	struct batch_job	*job;

	TAILQ_CONCAT(&done, &batch_jobs, entry);
	batch_njobs = 0;
	while ((job = TAILQ_FIRST(&done)) != NULL) {
		TAILQ_REMOVE(&done, job, entry);
		job->done(job, committed);
	}
}

void
batch_flush(void)
{
	struct batch_job	*job;
	size_t			 n = batch_njobs;
	int			 rc;

	if (n == 0)
		return;
	if ((rc = consult_begin(batch_consult)) == DB_BUSY) {
		log_warn("database is locked by another writer: %zu jobs answered busy", n);
		metrics_inc(M_BUSY, n);
		batch_finish(0);
		return;
	}
	if (rc != 0)
		fatal("BEGIN failed: %s", db_errmsg(consult_db(batch_consult)));
	TAILQ_FOREACH(job, &batch_jobs, entry) {
		job->apply(job, batch_consult);
		if (!db_in_transaction(consult_db(batch_consult))) {
			/* SQLite rolled it all back (disk full, I/O error): nothing
			 * of this batch is stored; every job answers "retry". */
			log_error("the transaction was rolled back: %s",
			    db_errmsg(consult_db(batch_consult)));
			metrics_inc(M_ERRORS, n);
			batch_finish(0);
			return;
		}
	}
	if (consult_commit(batch_consult) != 0)
		fatal("COMMIT failed, stopping: %s", db_errmsg(consult_db(batch_consult)));
	metrics_inc(M_COMMITS, 1);
	metrics_inc(M_BATCHED, n);
	batch_finish(1);
}

static void
batch_flush_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)arg;
	batch_flush();
}

void
batch_init(struct event_base *base, struct consult *c)
{
	batch_consult = c;
	batch_ev = evtimer_new(base, batch_flush_cb, NULL);
}

void
batch_submit(struct batch_job *job)
{
	static const struct timeval	now = { 0, 0 };

	TAILQ_INSERT_TAIL(&batch_jobs, job, entry);
	if (batch_njobs++ == 0)
		evtimer_add(batch_ev, &now);
}

size_t
batch_pending(void)
{
	return batch_njobs;
}
