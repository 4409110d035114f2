/* SPDX-License-Identifier: ISC */
/*
 * sanalctl review, label and labels: the officials' side of the classifier.
 * review lists the analysts' queue (comments the model was unsure of, and
 * campaign copies, not labelled yet); label stores an official's stance and
 * topic for a comment through comment_label, with who and when, in the audit
 * trail too, as the API and /admin do; labels writes every labelled
 * comment in the training format (id, consultation, script, stance, topic,
 * text), so that
 * "sanalctl labels > more.tsv; sanalctl train --data more.tsv" feeds the
 * next model with what officials decided.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "common.h"
#include "consult.h"
#include "ctl.h"
#include "db.h"

/* Prints text on one TSV cell: tabs and line breaks become spaces. */
static void
review_cell(const char *text)
{
	for (; text != NULL && *text != '\0'; text++)
		putchar(*text == '\t' || *text == '\n' || *text == '\r' ? ' ' : *text);
}

static void
review_row_cb(const struct db_labelled *l, void *arg)
{
	(void)arg;
	printf("%lld\t%s\t%s\t%s\t%.2f\t", (long long)l->id, l->item_code,
	    l->stance ? l->stance : "-", l->topic ? l->topic : "-", l->confidence);
	review_cell(l->text);
	putchar('\n');
}

int
ctl_review(struct ctl *ctl, int argc, char **argv)
{
	int	limit = 50;

	if (argc == 3 && strcmp(argv[1], "--limit") == 0)
		limit = atoi(argv[2]);
	else if (argc != 1)
		limit = 0;
	if (limit <= 0) {
		fprintf(stderr, "usage: sanalctl review [--limit N]\n");
		return 2;
	}
	printf("ID\tITEM\tSTANCE\tTOPIC\tCONFIDENCE\tTEXT\n");
	return db_review_each(consult_db(ctl->c), limit, review_row_cb, NULL) == 0 ?
	    0 : 1;
}

int
ctl_label(struct ctl *ctl, int argc, char **argv)
{
	const char	*stance = NULL, *topic = NULL, *by = NULL;
	char		*end, *cause;
	long long	 id = argc > 1 ? strtoll(argv[1], &end, 10) : 0;
	int		 i;

	for (i = 2; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--stance") == 0)
			stance = argv[i + 1];
		else if (strcmp(argv[i], "--topic") == 0)
			topic = argv[i + 1];
		else if (strcmp(argv[i], "--by") == 0)
			by = argv[i + 1];
	}
	if (argc != 8 || id <= 0 || *end != '\0' || stance == NULL || topic == NULL ||
	    by == NULL || *by == '\0') {
		fprintf(stderr, "usage: sanalctl label ID --stance S --topic T --by NAME\n");
		return 2;
	}
	if (stance_parse(stance) < 0 || topic_parse(topic) < 0) {
		fprintf(stderr, "sanalctl: stance is one of support, oppose, amend, "
		    "question, other; topic one of fees, land_pasture, water, "
		    "livestock, education, health, roads, governance, other\n");
		return 2;
	}
	if (comment_label(ctl->c, id, stance, topic, by, clock_unix(), &cause) != 0) {
		fprintf(stderr, "sanalctl: %s\n", cause);
		free(cause);
		return 1;
	}
	printf("comment %lld: %s, %s (by %s)\n", id, stance, topic, by);
	return 0;
}

static void
labels_row_cb(const struct db_labelled *l, void *arg)
{
	(void)arg;
	printf("l%lld\t%s\t%s\t%s\t%s\t", (long long)l->id, l->item_code,
	    l->script ? l->script : "", l->stance, l->topic);
	review_cell(l->text);
	putchar('\n');
}

int
ctl_labels(struct ctl *ctl, int argc, char **argv)
{
	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: sanalctl labels > FILE.tsv\n");
		return 2;
	}
	printf("id\tconsultation\tscript\tstance\ttopic\ttext\n");
	return db_labels_each(consult_db(ctl->c), labels_row_cb, NULL) == 0 ? 0 : 1;
}
