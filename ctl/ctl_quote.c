/* SPDX-License-Identifier: ISC */
/*
 * sanalctl quote: representative comments for an item's report. `quote CODE`
 * lists the candidates the rule proposes for each stance × topic (approved
 * ones first, then the most confident comments that are not campaign copies,
 * spread over aimags and channels), with the text as it would be published
 * (phone numbers and e-mail addresses scrubbed); `quote approve ID --by NAME
 * [--text T]` publishes one, `quote withdraw ID --by NAME` takes it back.
 * Both are audited. Only approved quotes appear in reports.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "consult.h"
#include "ctl.h"

static int
ctl_quote_usage(void)
{
	fprintf(stderr, "usage: sanalctl quote CODE [--per N]\n"
	    "       sanalctl quote approve ID --by NAME [--text TEXT]\n"
	    "       sanalctl quote withdraw ID --by NAME\n");
	return 2;
}

/* Prints text on one TSV cell: tabs and line breaks become spaces. */
static void
ctl_quote_cell(const char *text)
{
	for (; *text != '\0'; text++)
		putchar(*text == '\t' || *text == '\n' || *text == '\r' ? ' ' : *text);
}

static int
ctl_quote_list(struct ctl *ctl, const char *code, int per)
{
	struct quote_candidate	*v;
	size_t			 n, i;
	int			 rc;

	if ((rc = quote_candidates(ctl->c, code, per, &v, &n)) != 0) {
		fprintf(stderr, "sanalctl: quote: %s\n", rc == 1 ?
		    "no item with that code" : "database error");
		return 1;
	}
	printf("ID\tSTANCE\tTOPIC\tARTICLE\tAIMAG\tCHANNEL\tCONFIDENCE\tAPPROVED\t"
	    "TEXT\n");
	for (i = 0; i < n; i++) {
		printf("%lld\t%s\t%s\t%s\t%s\t%s\t%.2f\t%s\t", (long long)v[i].comment_id,
		    v[i].stance, *v[i].topic ? v[i].topic : "-",
		    *v[i].article ? v[i].article : "-", *v[i].aimag ? v[i].aimag : "-",
		    v[i].channel, v[i].confidence, v[i].approved ? "yes" : "no");
		ctl_quote_cell(v[i].text);
		putchar('\n');
	}
	quote_candidates_free(v, n);
	return 0;
}

/* approve or withdraw ID --by NAME [--text T] (argv[0] is the verb). */
static int
ctl_quote_act(struct ctl *ctl, int argc, char **argv)
{
	const char	*by = NULL, *text = NULL;
	char		*end, *cause;
	long long	 id = argc > 1 ? strtoll(argv[1], &end, 10) : 0;
	int		 approve = strcmp(argv[0], "approve") == 0, i, rc;

	if (argc < 2 || id <= 0 || *end != '\0')
		return ctl_quote_usage();
	for (i = 2; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--by") == 0)
			by = argv[i + 1];
		else if (approve && strcmp(argv[i], "--text") == 0)
			text = argv[i + 1];
		else
			return ctl_quote_usage();
	}
	if (i != argc || by == NULL)
		return ctl_quote_usage();
	rc = approve ? quote_approve(ctl->c, id, text, by, clock_unix(), &cause) :
	    quote_withdraw(ctl->c, id, by, clock_unix(), &cause);
	if (rc != 0) {
		fprintf(stderr, "sanalctl: quote %s: %s\n", argv[0], cause);
		free(cause);
		return 1;
	}
	printf("comment %lld: %s by %s\n", id, approve ? "approved" : "withdrawn", by);
	return 0;
}

int
ctl_quote(struct ctl *ctl, int argc, char **argv)
{
	char	*end;
	long	 per = 3;

	if (argc >= 2 && (strcmp(argv[1], "approve") == 0 ||
	    strcmp(argv[1], "withdraw") == 0))
		return ctl_quote_act(ctl, argc - 1, argv + 1);
	if (argc == 4 && strcmp(argv[2], "--per") == 0) {
		per = strtol(argv[3], &end, 10);
		if (*end != '\0' || per < 1 || per > 20) {
			fprintf(stderr, "sanalctl: quote: --per is 1 to 20\n");
			return 2;
		}
	} else if (argc != 2)
		return ctl_quote_usage();
	if (!item_code_valid(argv[1]))
		return ctl_quote_usage();
	return ctl_quote_list(ctl, argv[1], (int)per);
}
