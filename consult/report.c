/* SPDX-License-Identifier: ISC */
/*
 * The counts so far for one item, from the running totals (or recounted from
 * the rows, to check them): votes by choice, signatures and comments, each by
 * channel and aimag. report_json.c and report_csv.c write it out; sanalctl
 * also prints it as text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consult_int.h"

/* Adds one (what, channel, aimag, n) row to the report and to its totals. */
static void
report_row_cb(const char *what, const char *channel, const char *aimag, int64_t n,
    void *arg)
{
	struct report		*r = arg;
	struct report_row	*row;

	r->rows = xrealloc(r->rows, (r->nrows + 1) * sizeof *r->rows);
	row = &r->rows[r->nrows++];
	snprintf(row->what, sizeof row->what, "%s", what);
	snprintf(row->channel, sizeof row->channel, "%s", channel);
	snprintf(row->aimag, sizeof row->aimag, "%s", aimag ? aimag : "");
	row->n = n;
	if (strcmp(what, "support") == 0)
		r->support += n;
	else if (strcmp(what, "oppose") == 0)
		r->oppose += n;
	else if (strcmp(what, "signature") == 0)
		r->signatures += n;
	else if (strcmp(what, "comment") == 0)
		r->comments += n;
}

int
report_build(struct consult *c, const char *code, int recount, struct report *r)
{
	struct db_item	it;
	int		rc;

	memset(r, 0, sizeof *r);
	if ((rc = db_item_get(c->db, code, &it)) != 0)
		return rc == DB_NONE ? 1 : -1;
	snprintf(r->code, sizeof r->code, "%s", it.code);
	snprintf(r->kind, sizeof r->kind, "%s", it.kind);
	r->status = item_status_at(it.state, it.opens, it.closes, clock_unix());
	r->opens = it.opens;
	r->closes = it.closes;
	r->threshold = it.threshold;
	r->doc = db_item_doc(c->db, it.id);
	if (db_item_text(c->db, it.id, "title", "mn", &r->title) < 0) {
		report_free(r);
		return -1;
	}
	if (recount)
		rc = db_recount_each(c->db, it.id, report_row_cb, r);
	else
		rc = db_tally_each(c->db, it.id, report_row_cb, r);
	if (rc != 0) {
		report_free(r);
		return -1;
	}
	return 0;
}

void
report_free(struct report *r)
{
	free(r->rows);
	free(r->doc);
	free(r->title);
	r->rows = NULL;
	r->doc = NULL;
	r->title = NULL;
	r->nrows = 0;
}
