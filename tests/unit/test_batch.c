/* SPDX-License-Identifier: ISC */
/*
 * The group commit in gateway/batch.c: jobs applied in one transaction and
 * answered after COMMIT; while another process holds the write lock every job
 * is answered "busy", and a job that submits itself again from that answer
 * lands in the next batch instead of spinning the loop for ever.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include <event2/event.h>
#include <sqlite3.h>

#include "common.h"
#include "consult.h"
#include "db.h"
#include "gateway.h"
#include "testutil.h"

struct job {
	struct batch_job	 job;
	int			 applied;
	int			 busy;		/* answered "busy" this often */
	int			 committed;
	int			 resubmit;	/* submit again when busy */
};

static void
job_apply(struct batch_job *bj, struct consult *c)
{
	struct job	*j = (struct job *)bj;

	assert_true(db_in_transaction(consult_db(c)));
	j->applied++;
}

static void
job_done(struct batch_job *bj, int committed)
{
	struct job	*j = (struct job *)bj;

	if (committed)
		j->committed++;
	else if (j->busy++, j->resubmit)
		batch_submit(&j->job);
}

/* Runs the loop until it has nothing left to do, at most n passes. */
static int
run_passes(struct event_base *base, int n)
{
	int	i;

	for (i = 0; i < n && batch_pending() > 0; i++)
		event_base_loop(base, EVLOOP_ONCE);
	return i;
}

static void
test_batch(void **state)
{
	char			*dir = testdir_make("test_batch"), *path, *cause;
	struct job		 a = { .resubmit = 0 }, b = { .resubmit = 1 };
	struct consult		*c;
	struct event_base	*base = event_base_new();
	sqlite3			*other;

	(void)state;
	assert_non_null(dir);
	path = xasprintf("%s/s.db", dir);
	assert_int_equal(consult_open(path, 1, &c, &cause), 0);
	db_busy_timeout(consult_db(c), 10);
	batch_init(base, c);
	a.job.apply = b.job.apply = job_apply;
	a.job.done = b.job.done = job_done;

	/* Two jobs, one pass, one transaction, both answered after COMMIT. */
	batch_submit(&a.job);
	batch_submit(&b.job);
	assert_int_equal(batch_pending(), 2);
	run_passes(base, 5);
	assert_int_equal(a.applied + b.applied, 2);
	assert_int_equal(a.committed + b.committed, 2);

	/* Another writer holds the lock: busy answers, and no endless loop. */
	assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), 0);
	batch_submit(&a.job);
	batch_submit(&b.job);
	assert_int_equal(run_passes(base, 3), 3);	/* b keeps coming back */
	assert_int_equal(a.busy, 1);
	assert_true(b.busy >= 2 && b.busy <= 3);
	assert_int_equal(a.applied + b.applied, 2);	/* nothing ran while busy */
	assert_int_equal(batch_pending(), 1);

	/* The lock goes: b's retry commits. */
	assert_int_equal(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), 0);
	sqlite3_close(other);
	run_passes(base, 5);
	assert_int_equal(b.committed, 2);
	assert_int_equal(batch_pending(), 0);

	consult_close(c);
	event_base_free(base);
	free(path);
	assert_int_equal(testdir_remove(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_batch),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
