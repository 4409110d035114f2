/* SPDX-License-Identifier: ISC */
/*
 * sanalctl analyse: the language layer's worker. sanald stores each comment
 * raw and normalised and answers the citizen at once; this transliterates
 * Latin-typed comments, classifies stance and topic, flags low confidence for
 * review and files campaigns, in batches, in its own process (hunspell's
 * dictionary alone takes some 75 MB, which the daemon need not carry).
 * With --follow it keeps going, waiting a second whenever nothing is pending,
 * until SIGTERM or SIGINT.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "consult.h"
#include "ctl.h"

#define ANALYSE_BUSY_TRIES	10	/* a run without --follow gives up on a lock */

static volatile sig_atomic_t	analyse_stop;

static void
analyse_signal(int sig)
{
	(void)sig;
	analyse_stop = 1;
}

/* Parses the flags; 0, or -1 after printing the usage. */
static int
analyse_args(int argc, char **argv, int *follow, const char **model, int *batch)
{
	int	i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--follow") == 0)
			*follow = 1;
		else if (strcmp(argv[i], "--model") == 0 && i + 1 < argc)
			*model = argv[++i];
		else if (strcmp(argv[i], "--batch") == 0 && i + 1 < argc &&
		    (*batch = atoi(argv[++i])) > 0 && *batch <= 100000)
			continue;
		else {
			fprintf(stderr, "usage: sanalctl analyse [--follow] "
			    "[--model FILE] [--batch N]\n");
			return -1;
		}
	}
	return 0;
}

int
ctl_analyse(struct ctl *ctl, int argc, char **argv)
{
	const char	*model = NULL;
	char		*cause;
	long long	 total = 0;
	int		 follow = 0, batch = 500, busy = 0, done, rc;

	if (analyse_args(argc, argv, &follow, &model, &batch) != 0)
		return 2;
	if (consult_analysis_open(ctl->c, model, &cause) != 0) {
		fprintf(stderr, "sanalctl: %s\n", cause);
		free(cause);
		return 1;
	}
	signal(SIGTERM, analyse_signal);
	signal(SIGINT, analyse_signal);
	while (!analyse_stop) {
		rc = consult_analysis_run(ctl->c, batch, &done, &cause);
		if (rc == -1) {
			fprintf(stderr, "sanalctl: analyse: %s\n", cause);
			free(cause);
			return 1;
		}
		if (rc == -2 && !follow && ++busy >= ANALYSE_BUSY_TRIES) {
			fprintf(stderr, "sanalctl: analyse: the database stayed locked "
			    "by another writer\n");
			return 1;
		}
		total += done;
		if (done > 0 && (follow || done == batch))
			fprintf(stderr, "sanalctl: analysed %lld comments\n", total);
		if (rc == 0 && done == batch)
			continue;
		if (rc == 0 && !follow)
			break;
		sleep(1);		/* nothing pending, or the database was busy */
	}
	printf("analysed %lld comments\n", total);
	return 0;
}
