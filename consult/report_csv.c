/* SPDX-License-Identifier: ISC */
/*
 * The report as CSV: RFC 4180 (CRLF line ends, a field quoted when it holds a
 * comma, a quote, CR or LF, quotes doubled), UTF-8, a header row and one row
 * per (what, channel, aimag) count. Officials open these files in
 * spreadsheets, and titles come from files other people wrote, so a cell that
 * starts with = + - @ TAB or CR gets a single quote first and is never run as
 * a formula (OWASP CSV injection; Symfony CVE-2021-41270). Excel reads
 * BOM-less UTF-8 as a legacy code page, hence the BOM variant; open data goes
 * without it. The public variant writes counts from 1 to 4 as "<5".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consult_int.h"
#include "smscmd.h"

/* The columns, in order; also the Table Schema of the open data's CSV. */
const struct report_csv_field report_csv_fields[] = {
	{ "code", "string", "The item's code: the number citizens text." },
	{ "title", "string", "The item's title in Mongolian." },
	{ "what", "string", "support or oppose (each person's current vote), "
	    "signature (each signer once) or comment (every one)." },
	{ "channel", "string", "How it came: sms, ussd or web." },
	{ "aimag", "string", "The national code of the aimag the participants "
	    "said they live in (11: Ulaanbaatar); empty if they have not said." },
	{ "aimag_name", "string", "That aimag's name in Cyrillic." },
	{ "n", "integer", "How many. In open data a count from 1 to 4 is "
	    "written \"<5\"." },
};
const size_t report_csv_nfields = nitems(report_csv_fields);

void
report_csv_cell(struct buf *b, const char *s)
{
	int		 quote = strpbrk(s, ",\"\r\n") != NULL;
	const char	*q;

	if (quote)
		buf_add(b, "\"", 1);
	if (s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL)
		buf_add(b, "'", 1);
	while ((q = strchr(s, '"')) != NULL) {
		buf_add(b, s, (size_t)(q - s) + 1);
		buf_add(b, "\"", 1);
		s = q + 1;
	}
	buf_adds(b, s);
	if (quote)
		buf_add(b, "\"", 1);
}

/* Ends a row: a comma between fields, CRLF after the last. */
static void
report_csv_row(struct buf *b, const char *const *cells, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_add(b, ",", 1);
		report_csv_cell(b, cells[i]);
	}
	buf_add(b, "\r\n", 2);
}

char *
report_csv(const struct report *r, int flags, size_t *len)
{
	const struct report_row	*row;
	const char		*cells[nitems(report_csv_fields)], *name;
	char			 n[24];
	struct buf		 b;
	size_t			 i;

	buf_init(&b);
	if (flags & REPORT_CSV_BOM)
		buf_add(&b, "\xef\xbb\xbf", 3);
	for (i = 0; i < report_csv_nfields; i++)
		cells[i] = report_csv_fields[i].name;
	report_csv_row(&b, cells, report_csv_nfields);
	for (i = 0; i < r->nrows; i++) {
		row = &r->rows[i];
		if ((flags & REPORT_CSV_PUBLIC) && row->n > 0 && row->n < REPORT_SMALL)
			snprintf(n, sizeof n, "%s", REPORT_SUPPRESSED);
		else
			snprintf(n, sizeof n, "%lld", (long long)row->n);
		name = gazetteer_aimag_name(row->aimag);
		cells[0] = r->code;
		cells[1] = r->title ? r->title : "";
		cells[2] = row->what;
		cells[3] = row->channel;
		cells[4] = row->aimag;
		cells[5] = name ? name : "";
		cells[6] = n;
		report_csv_row(&b, cells, report_csv_nfields);
	}
	*len = b.len;
	return buf_steal(&b);
}
