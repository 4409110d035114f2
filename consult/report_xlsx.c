/* SPDX-License-Identifier: ISC */
/*
 * The report as an Excel workbook (libxlsxwriter), for officials who would
 * otherwise open the CSV and fight its code page. Worksheet "report" holds the
 * CSV's rows under the same columns (report_csv.c's table) with a bold header;
 * worksheet "totals" the exact support, oppose, signatures, comments,
 * participants and comments without campaign copies; then a worksheet per
 * section (articles, days, topics, campaigns, quotes, and soums and
 * decisions when there are any) with the cells of report_csv_section, and
 * "methods" with the figures and each caveat in Mongolian and English.
 * Counts are numbers, so sums work; the public variant writes a breakdown
 * count from 1 to 4 as the string "<5", like the CSV. Every text cell goes
 * through worksheet_write_string, which stores a string (shared string table)
 * and never a formula: a title such as "=cmd|' /C calc'!A0" stays text, so
 * unlike the CSV it needs no quote in front. The one file of consult/ that
 * knows libxlsxwriter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "consult_int.h"
#include "report_int.h"
#include "smscmd.h"

/* The first error of a workbook being written; later calls are no-ops. */
struct report_xlsx {
	lxw_workbook	*wb;
	lxw_format	*bold;
	lxw_error	 err;
};

/* A text cell: always a string, never a formula (see the file comment). */
static void
report_xlsx_text(struct report_xlsx *x, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t col, const char *s, lxw_format *f)
{
	if (x->err == LXW_NO_ERROR)
		x->err = worksheet_write_string(ws, row, col, s, f);
}

/* A count: a number, or "<5" when public and from 1 to 4. */
static void
report_xlsx_count(struct report_xlsx *x, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t col, int64_t n, int public)
{
	if (public && n > 0 && n < REPORT_SMALL)
		report_xlsx_text(x, ws, row, col, REPORT_SUPPRESSED, NULL);
	else if (x->err == LXW_NO_ERROR)
		x->err = worksheet_write_number(ws, row, col, (double)n, NULL);
}

/* Worksheet "report": the CSV's header and rows. */
static void
report_xlsx_rows(struct report_xlsx *x, const struct report *r, int public)
{
	lxw_worksheet		*ws = workbook_add_worksheet(x->wb, "report");
	const struct report_row	*row;
	const char		*name;
	lxw_row_t		 y;
	size_t			 i;

	if (ws == NULL) {
		x->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
		return;
	}
	for (i = 0; i < report_csv_nfields; i++)
		report_xlsx_text(x, ws, 0, (lxw_col_t)i, report_csv_fields[i].name,
		    x->bold);
	for (i = 0; i < r->nrows; i++) {
		row = &r->rows[i];
		y = (lxw_row_t)(i + 1);
		name = gazetteer_aimag_name(row->aimag);
		report_xlsx_text(x, ws, y, 0, r->code, NULL);
		report_xlsx_text(x, ws, y, 1, r->title ? r->title : "", NULL);
		report_xlsx_text(x, ws, y, 2, row->what, NULL);
		report_xlsx_text(x, ws, y, 3, row->channel, NULL);
		report_xlsx_text(x, ws, y, 4, row->aimag, NULL);
		report_xlsx_text(x, ws, y, 5, name ? name : "", NULL);
		report_xlsx_count(x, ws, y, 6, row->n, public);
	}
}

/* Worksheet "totals": one row per total, always exact. */
static void
report_xlsx_totals(struct report_xlsx *x, const struct report *r)
{
	lxw_worksheet	*ws = workbook_add_worksheet(x->wb, "totals");
	const char	*names[] = { "support", "oppose", "signatures", "comments",
			    "participants", "comments_without_campaigns" };
	int64_t		 n[] = { r->support, r->oppose, r->signatures, r->comments,
			    r->participants, report_without_campaigns(r) };
	size_t		 i;

	if (ws == NULL) {
		x->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
		return;
	}
	report_xlsx_text(x, ws, 0, 0, "total", x->bold);
	report_xlsx_text(x, ws, 0, 1, "n", x->bold);
	for (i = 0; i < nitems(names); i++) {
		report_xlsx_text(x, ws, (lxw_row_t)(i + 1), 0, names[i], NULL);
		report_xlsx_count(x, ws, (lxw_row_t)(i + 1), 1, n[i], 0);
	}
}

/* --- one sheet per section, through report_csv.c's row walkers ------------------------ */

struct xlsx_sink {
	struct report_sink	 k;		/* first: the sink is the struct */
	struct report_xlsx	*x;
	lxw_worksheet		*ws;
	lxw_row_t		 row;
	lxw_col_t		 col;
};

static void
xlsx_sink_text(struct report_sink *k, const char *s)
{
	struct xlsx_sink	*o = (struct xlsx_sink *)k;

	report_xlsx_text(o->x, o->ws, o->row, o->col++, s != NULL ? s : "",
	    o->row == 0 ? o->x->bold : NULL);
}

static void
xlsx_sink_count(struct report_sink *k, int64_t n)
{
	struct xlsx_sink	*o = (struct xlsx_sink *)k;

	report_xlsx_count(o->x, o->ws, o->row, o->col++, n, k->public);
}

static void
xlsx_sink_number(struct report_sink *k, int64_t n)
{
	struct xlsx_sink	*o = (struct xlsx_sink *)k;

	report_xlsx_count(o->x, o->ws, o->row, o->col++, n, 0);
}

static void
xlsx_sink_share(struct report_sink *k, int64_t permille)
{
	struct xlsx_sink	*o = (struct xlsx_sink *)k;

	if (permille >= 0 && o->x->err == LXW_NO_ERROR)
		o->x->err = worksheet_write_number(o->ws, o->row, o->col,
		    (double)permille / 1000, NULL);
	o->col++;
}

static void
xlsx_sink_flag(struct report_sink *k, int on)
{
	struct xlsx_sink	*o = (struct xlsx_sink *)k;

	if (o->x->err == LXW_NO_ERROR)
		o->x->err = worksheet_write_boolean(o->ws, o->row, o->col, on != 0, NULL);
	o->col++;
}

static void
xlsx_sink_end(struct report_sink *k)
{
	struct xlsx_sink	*o = (struct xlsx_sink *)k;

	o->row++;
	o->col = 0;
}

/* Worksheet name: report_csv_section's header and rows, as cells. */
static void
report_xlsx_section(struct report_xlsx *x, const struct report *r, const char *name,
    int public)
{
	const struct report_csv_section	*s = report_section_find(name);
	struct xlsx_sink		 o = { { xlsx_sink_text, xlsx_sink_count,
					    xlsx_sink_number, xlsx_sink_share,
					    xlsx_sink_flag, xlsx_sink_end, public },
					    x, NULL, 0, 0 };
	size_t				 i;

	if (s == NULL || (o.ws = workbook_add_worksheet(x->wb, name)) == NULL) {
		x->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
		return;
	}
	for (i = 0; i < s->nfields; i++)
		xlsx_sink_text(&o.k, s->fields[i].name);
	xlsx_sink_end(&o.k);
	report_section_rows(r, s, &o.k);
}

/* Worksheet "methods": the facts, then each caveat in Mongolian and English. */
static void
report_xlsx_methods(struct report_xlsx *x, const struct report *r, int public)
{
	lxw_worksheet			*ws = workbook_add_worksheet(x->wb, "methods");
	const struct report_methods	*m = &r->methods;
	char				 v[8][32], **text[2];
	const char			*what[] = { "self_selected", "margin_of_error",
					    "macro_f1", "f1_rows", "unclassified_share",
					    "timezone", "one_current_vote", "as_of" };
	size_t				 i, n[2];
	int				 l;

	if (ws == NULL) {
		x->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
		return;
	}
	snprintf(v[0], sizeof v[0], "yes");
	snprintf(v[1], sizeof v[1], "none: an opt-in sample");
	if (m->macro_f1 >= 0)
		report_fraction(v[2], (int64_t)(m->macro_f1 * 1000 + 0.5), 1000);
	else
		snprintf(v[2], sizeof v[2], "not measured");
	snprintf(v[3], sizeof v[3], "%lld", (long long)m->f1_rows);
	report_fraction(v[4], m->unclassified, r->comments);
	snprintf(v[5], sizeof v[5], "Asia/Ulaanbaatar");
	snprintf(v[6], sizeof v[6], "yes");
	report_iso(r->asof, v[7]);
	report_xlsx_text(x, ws, 0, 0, "what", x->bold);
	report_xlsx_text(x, ws, 0, 1, "value", x->bold);
	for (i = 0; i < nitems(what); i++) {
		report_xlsx_text(x, ws, (lxw_row_t)(i + 1), 0, what[i], NULL);
		report_xlsx_text(x, ws, (lxw_row_t)(i + 1), 1, v[i], NULL);
	}
	text[0] = report_methods_text(r, LANG_MN, public, &n[0]);
	text[1] = report_methods_text(r, LANG_EN, public, &n[1]);
	report_xlsx_text(x, ws, nitems(what) + 2, 0, "mn", x->bold);
	report_xlsx_text(x, ws, nitems(what) + 2, 1, "en", x->bold);
	for (l = 0; l < 2; l++) {
		for (i = 0; i < n[l]; i++) {
			report_xlsx_text(x, ws, (lxw_row_t)(nitems(what) + 3 + i),
			    (lxw_col_t)l, text[l][i], NULL);
			free(text[l][i]);
		}
		free(text[l]);
	}
}

int
report_xlsx(const struct report *r, int public, const char *path, char **cause)
{
	struct report_xlsx	 x = { .err = LXW_NO_ERROR };
	lxw_error		 closed;

	if ((x.wb = workbook_new(path)) == NULL) {
		*cause = xasprintf("%s: cannot start a workbook", path);
		return -1;
	}
	if ((x.bold = workbook_add_format(x.wb)) != NULL)
		format_set_bold(x.bold);
	report_xlsx_rows(&x, r, public);
	report_xlsx_totals(&x, r);
	report_xlsx_section(&x, r, "articles", public);
	report_xlsx_section(&x, r, "days", public);
	report_xlsx_section(&x, r, "topics", public);
	report_xlsx_section(&x, r, "campaigns", public);
	report_xlsx_section(&x, r, "quotes", public);
	if (r->nsoums > 0)
		report_xlsx_section(&x, r, "soums", public);
	if (r->ndecisions > 0)
		report_xlsx_section(&x, r, "decisions", public);
	report_xlsx_methods(&x, r, public);
	closed = workbook_close(x.wb);	/* writes the file, frees wb */
	if (x.err == LXW_NO_ERROR)
		x.err = closed;
	if (x.err != LXW_NO_ERROR) {
		if (closed == LXW_NO_ERROR)
			unlink(path);
		*cause = xasprintf("%s: %s", path, lxw_strerror(x.err));
		return -1;
	}
	return 0;
}
