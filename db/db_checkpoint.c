/* SPDX-License-Identifier: ISC */
/*
 * The WAL checkpointer: a thread with its own connection that copies the
 * write-ahead log back into the database every CHECKPOINT_MS, so that COMMIT on
 * the event loop mostly only appends to the log and fsyncs it (db.c's wal hook
 * checkpoints on the loop only to let a large log start again). PASSIVE
 * checkpoints never block writers (Redis's bio.c pattern: slow work off the
 * loop thread).
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db_int.h"

#define CHECKPOINT_MS	100

static struct {
	pthread_t	 thread;
	pthread_mutex_t	 lock;
	pthread_cond_t	 wake;
	sqlite3		*h;
	int		 running;
	int		 stop;
} ckpt = { .lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER };

/* Waits CHECKPOINT_MS or until told to stop; returns 1 to go on. */
static int
db_checkpoint_wait(void)
{
	struct timespec	ts;
	int		go_on;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += CHECKPOINT_MS * 1000000L;
	ts.tv_sec += ts.tv_nsec / 1000000000L;
	ts.tv_nsec %= 1000000000L;
	pthread_mutex_lock(&ckpt.lock);
	if (!ckpt.stop)
		pthread_cond_timedwait(&ckpt.wake, &ckpt.lock, &ts);
	go_on = !ckpt.stop;
	pthread_mutex_unlock(&ckpt.lock);
	return go_on;
}

static void *
db_checkpoint_main(void *arg)
{
	int	log, done, rc;

	(void)arg;
	while (db_checkpoint_wait()) {
		rc = sqlite3_wal_checkpoint_v2(ckpt.h, NULL, SQLITE_CHECKPOINT_PASSIVE,
		    &log, &done);
		if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY)
			log_warn("checkpoint: %s", sqlite3_errmsg(ckpt.h));
	}
	return NULL;
}

int
db_checkpointer_start(struct db *db, char **cause)
{
	if (sqlite3_open_v2(db->path, &ckpt.h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		*cause = xasprintf("checkpointer: %s: %s", db->path,
		    ckpt.h ? sqlite3_errmsg(ckpt.h) : "cannot open");
		sqlite3_close(ckpt.h);
		return -1;
	}
	sqlite3_busy_timeout(ckpt.h, 1000);
	/* A connection knows the database is in WAL mode only once it has read it. */
	if (sqlite3_exec(ckpt.h, "SELECT count(*) FROM sqlite_master", NULL, NULL,
	    NULL) != SQLITE_OK || pthread_create(&ckpt.thread, NULL,
	    db_checkpoint_main, NULL) != 0) {
		*cause = xasprintf("checkpointer: cannot start");
		sqlite3_close(ckpt.h);
		return -1;
	}
	ckpt.running = 1;
	db->own_checkpoints = 1;
	return 0;
}

void
db_checkpointer_stop(void)
{
	if (!ckpt.running)
		return;
	pthread_mutex_lock(&ckpt.lock);
	ckpt.stop = 1;
	pthread_cond_signal(&ckpt.wake);
	pthread_mutex_unlock(&ckpt.lock);
	pthread_join(ckpt.thread, NULL);
	sqlite3_close(ckpt.h);
	ckpt.running = 0;
}
