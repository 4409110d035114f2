/* SPDX-License-Identifier: ISC */
/*
 * sanalctl decision: publish an outcome ("you said, we did") for an item or
 * one of its articles, list them, and text them to the item's participants:
 * `notify` alone prints the plan (recipients, SMS segments, when they go);
 * `notify --yes` queues them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "common.h"
#include "consult.h"
#include "ctl.h"
#include "db.h"

static int
ctl_decision_usage(void)
{
	fprintf(stderr, "usage: sanalctl decision add CODE [--article N] --outcome "
	    "adopted|changed|not_adopted --reason TEXT --by NAME\n"
	    "       sanalctl decision list CODE\n"
	    "       sanalctl decision notify CODE [--yes]\n");
	return 2;
}

static int
ctl_decision_add(struct ctl *ctl, int argc, char **argv)
{
	const char	*code = argc > 1 ? argv[1] : NULL, *article = NULL;
	const char	*outcome = NULL, *reason = NULL, *by = NULL;
	char		*cause;
	int		 i;

	for (i = 2; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--article") == 0)
			article = argv[i + 1];
		else if (strcmp(argv[i], "--outcome") == 0)
			outcome = argv[i + 1];
		else if (strcmp(argv[i], "--reason") == 0)
			reason = argv[i + 1];
		else if (strcmp(argv[i], "--by") == 0)
			by = argv[i + 1];
		else
			return ctl_decision_usage();
	}
	if (i != argc || code == NULL || outcome == NULL || reason == NULL || by == NULL)
		return ctl_decision_usage();
	if (decision_add(ctl->c, code, article, outcome, reason, by, clock_unix(),
	    &cause) != 0) {
		fprintf(stderr, "sanalctl: decision: %s\n", cause);
		free(cause);
		return 1;
	}
	printf("%s%s%s: %s\n", code, article ? " article " : "", article ? article : "",
	    outcome);
	return 0;
}

static void
ctl_decision_row(const char *article, const char *outcome, const char *reason,
    int64_t ts, void *arg)
{
	char	when[32];

	(void)arg;
	clock_format_ub(ts, when, sizeof when);
	printf("%-8s %-12s %s  %s\n", *article ? article : "-", outcome, when, reason);
}

static int
ctl_decision_list(struct ctl *ctl, const char *code)
{
	struct db_item	it;
	int		rc;

	if ((rc = db_item_get(consult_db(ctl->c), code, &it)) != 0) {
		fprintf(stderr, "sanalctl: no item with code %s\n", code);
		return 1;
	}
	printf("article  outcome      published (Ulaanbaatar) reason\n");
	rc = db_decision_each(consult_db(ctl->c), it.id, ctl_decision_row, NULL);
	db_item_clear(&it);
	return rc != 0;
}

static int
ctl_decision_notify(struct ctl *ctl, const char *code, int yes)
{
	struct decision_plan	 plan;
	char			*cause, when[32];
	int64_t			 now = clock_unix();

	if (msg_init(NULL, &cause) != 0 ||		/* the texts, in each person's language */
	    decision_notify(ctl->c, code, yes, now, &plan, &cause) != 0) {
		fprintf(stderr, "sanalctl: decision notify: %s\n", cause);
		free(cause);
		return 1;
	}
	reply_cache_clear();
	msg_shutdown();
	romanise_shutdown();
	clock_format_ub(plan.send_at, when, sizeof when);
	printf("%s %lld participants, %lld SMS segments, %s %s (Ulaanbaatar)\n",
	    yes ? "queued for" : "would text", (long long)plan.recipients,
	    (long long)plan.segments, plan.send_at > now ? "held until" : "from", when);
	if (!yes && decision_sent(&plan)) {
		clock_format_ub(plan.sent, when, sizeof when);
		printf("they were queued on %s (Ulaanbaatar); publish a changed "
		    "decision to send again\n", when);
		return 3;
	}
	if (!yes) {
		printf("run again with --yes to queue them\n");
		return 3;
	}
	return 0;
}

int
ctl_decision(struct ctl *ctl, int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "add") == 0)
		return ctl_decision_add(ctl, argc - 1, argv + 1);
	if (argc == 3 && strcmp(argv[1], "list") == 0)
		return ctl_decision_list(ctl, argv[2]);
	if ((argc == 3 || argc == 4) && strcmp(argv[1], "notify") == 0 &&
	    (argc == 3 || strcmp(argv[3], "--yes") == 0))
		return ctl_decision_notify(ctl, argv[2], argc == 4);
	return ctl_decision_usage();
}
