/* SPDX-License-Identifier: ISC */
/*
 * The decisions officials published on an item ("you said, we did",
 * REPORTS.md 3.2 §11), read into its report so that every rendering shows
 * them beside what citizens said: the whole item's first, then by article.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consult_int.h"

/* Adds one decision row to the report. */
static void
report_decision_cb(const char *article, const char *outcome, const char *reason,
    int64_t ts, void *arg)
{
	struct report		*r = arg;
	struct report_decision	*d;

	r->decisions = xrealloc(r->decisions, (r->ndecisions + 1) * sizeof *r->decisions);
	d = &r->decisions[r->ndecisions++];
	snprintf(d->article, sizeof d->article, "%s", article ? article : "");
	snprintf(d->outcome, sizeof d->outcome, "%s", outcome);
	d->reason = xstrdup(reason ? reason : "");
	d->ts = ts;
}

int
report_decisions(struct consult *c, struct report *r)
{
	struct db_item	it;
	int		rc;

	report_decisions_free(r);
	if ((rc = db_item_get(c->db, r->code, &it)) != 0)
		return rc == DB_NONE ? 0 : -1;
	rc = db_decision_each(c->db, it.id, report_decision_cb, r);
	db_item_clear(&it);
	if (rc != 0) {
		report_decisions_free(r);
		return -1;
	}
	return 0;
}

void
report_decisions_free(struct report *r)
{
	size_t	i;

	for (i = 0; i < r->ndecisions; i++)
		free(r->decisions[i].reason);
	free(r->decisions);
	r->decisions = NULL;
	r->ndecisions = 0;
}
