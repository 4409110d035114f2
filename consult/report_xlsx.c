/* SPDX-License-Identifier: ISC */
/*
 * The report as an Excel workbook (libxlsxwriter), for officials who would
 * otherwise open the CSV and fight its code page. Worksheet "report" holds the
 * CSV's rows under the same columns (report_csv.c's table) with a bold header;
 * worksheet "totals" the exact support, oppose, signatures and comments.
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
	const char	*names[] = { "support", "oppose", "signatures", "comments" };
	int64_t		 n[] = { r->support, r->oppose, r->signatures, r->comments };
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
