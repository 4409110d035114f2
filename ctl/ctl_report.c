/* SPDX-License-Identifier: ISC */
/*
 * sanalctl report: one item's report, every section of REPORTS.md 3.2 from
 * one aggregate (report_build, plus the decisions published on it), written
 * by consult/ as JSON (the DESIGN.md members first), CSV (the tally rows, or
 * one section's table with --section, as open data publishes them), text for
 * a terminal, HTML for people (--lang mn|en|kk, a whole page that prints on
 * A4) or an Excel workbook. Binary XLSX goes only to --out FILE, never to a
 * terminal or pipe; HTML goes to stdout or --out FILE. --public writes
 * breakdown counts from 1 to 4 as "<5", as open data does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common.h"
#include "consult.h"
#include "ctl.h"

struct report_opts {
	const char	*format, *out, *section, *lang;
	int		 recount, public, bom, soums;
};

/* 1 if out names a regular file or nothing yet: not "-", a terminal, a device. */
static int
report_out_ok(const char *out)
{
	struct stat	st;

	return strcmp(out, "-") != 0 && (stat(out, &st) != 0 || S_ISREG(st.st_mode));
}

/* Writes len bytes of s to out (NULL: stdout). 0, or -1 with a message printed. */
static int
report_write(const char *out, const char *s, size_t len)
{
	FILE	*f = out != NULL ? fopen(out, "w") : stdout;
	int	 rc;

	if (f == NULL) {
		fprintf(stderr, "sanalctl: %s: cannot write\n", out);
		return -1;
	}
	rc = fwrite(s, 1, len, f) == len && fflush(f) == 0 ? 0 : -1;
	if (out != NULL && fclose(f) != 0)
		rc = -1;
	if (rc != 0)
		fprintf(stderr, "sanalctl: cannot write the report%s%s\n",
		    out ? " to " : "", out ? out : "");
	return rc;
}

/* The report in o's format, as bytes. NULL: no such --section. Caller frees. */
static char *
report_render(const struct report *r, const struct report_opts *o, size_t *len)
{
	enum lang	 lang = LANG_MN;
	char		*s;
	int		 csv = (o->public ? REPORT_CSV_PUBLIC : 0) | (o->bom ? REPORT_CSV_BOM : 0);

	if (strcmp(o->format, "csv") == 0)
		return o->section != NULL ? report_csv_section(r, o->section, csv, len) :
		    report_csv(r, csv, len);
	if (strcmp(o->format, "html") == 0) {
		if (o->lang != NULL)
			lang_parse(o->lang, &lang);
		s = report_html(r, lang, REPORT_HTML_DOCUMENT |
		    (o->public ? REPORT_HTML_PUBLIC : 0), NULL, NULL);
	} else if (strcmp(o->format, "text") == 0)
		s = report_text(r);
	else {
		s = report_json(r, o->public);
		s = xrealloc(s, strlen(s) + 2);
		strcat(s, "\n");
	}
	*len = strlen(s);
	return s;
}

/* Writes the workbook to o->out. 0, or -1 with a message printed. */
static int
report_xlsx_out(const struct report *r, const struct report_opts *o)
{
	char	*cause = NULL;

	if (report_xlsx(r, o->public, o->out, &cause) != 0) {
		fprintf(stderr, "sanalctl: cannot write the workbook: %s\n", cause);
		free(cause);
		return -1;
	}
	return 0;
}

/* Builds and writes the report. 0, 1 on failure. */
static int
report_run(struct ctl *ctl, const char *code, const struct report_opts *o)
{
	struct report	 r;
	char		*s, *cause = NULL;
	size_t		 len;
	int		 rc;

	if (strcmp(o->format, "json") != 0 && strcmp(o->format, "csv") != 0 &&
	    msg_init(NULL, &cause) != 0) {		/* headings, methods text */
		fprintf(stderr, "sanalctl: %s\n", cause);
		free(cause);
		return 1;
	}
	if ((rc = report_build(ctl->c, code, (o->recount ? REPORT_RECOUNT : 0) |
	    (o->soums ? REPORT_SOUMS : 0), &r)) != 0) {
		fprintf(stderr, "sanalctl: %s\n", rc == 1 ? "no item with that code" :
		    "cannot read the database");
		return 1;
	}
	if (strcmp(o->format, "xlsx") == 0)
		rc = report_xlsx_out(&r, o);
	else if ((s = report_render(&r, o, &len)) == NULL) {
		fprintf(stderr, "sanalctl: no section \"%s\"\n", o->section);
		rc = -1;
	} else {
		rc = report_write(o->out, s, len);
		free(s);
	}
	report_free(&r);
	return rc == 0 ? 0 : 1;
}

/* 1 if the options go together. */
static int
report_opts_ok(const struct report_opts *o)
{
	const char	*f = o->format;
	enum lang	 l;

	if (strcmp(f, "json") != 0 && strcmp(f, "text") != 0 && strcmp(f, "csv") != 0 &&
	    strcmp(f, "xlsx") != 0 && strcmp(f, "html") != 0)
		return 0;
	if ((o->bom || o->section != NULL) && strcmp(f, "csv") != 0)
		return 0;
	if (o->lang != NULL && (strcmp(f, "html") != 0 || lang_parse(o->lang, &l) != 0))
		return 0;
	if (o->public && strcmp(f, "text") == 0)
		return 0;
	return o->out == NULL || strcmp(f, "xlsx") == 0 || strcmp(f, "html") == 0;
}

/* 1 if name is one of the CSV sections. */
static int
report_section_known(const char *name)
{
	size_t	i;

	for (i = 0; i < report_csv_nsections; i++)
		if (strcmp(report_csv_sections[i].name, name) == 0)
			return 1;
	return 0;
}

static void
report_usage(void)
{
	size_t	i;

	fprintf(stderr, "usage: sanalctl report CODE [--format json|csv|text] "
	    "[--bom] [--public] [--recount] [--soums]\n"
	    "       sanalctl report CODE --format csv --section NAME [--bom] [--public]\n"
	    "       sanalctl report CODE --format html [--lang mn|en|kk] [--public] "
	    "[--out FILE.html]\n"
	    "       sanalctl report CODE --format xlsx --out FILE.xlsx "
	    "[--public] [--recount] [--soums]\nsections:");
	for (i = 0; i < report_csv_nsections; i++)
		fprintf(stderr, " %s", report_csv_sections[i].name);
	fprintf(stderr, "\n");
}

int
ctl_report(struct ctl *ctl, int argc, char **argv)
{
	struct report_opts	o = { .format = "json" };
	int			i;

	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
			o.format = argv[++i];
		else if (strcmp(argv[i], "--section") == 0 && i + 1 < argc)
			o.section = argv[++i];
		else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			o.lang = argv[++i];
		else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
			o.out = argv[++i];
		else if (strcmp(argv[i], "--recount") == 0)
			o.recount = 1;
		else if (strcmp(argv[i], "--public") == 0)
			o.public = 1;
		else if (strcmp(argv[i], "--bom") == 0)
			o.bom = 1;
		else if (strcmp(argv[i], "--soums") == 0)
			o.soums = 1;
		else
			argc = 0;
	}
	if (argc < 2 || !report_opts_ok(&o)) {
		report_usage();
		return 2;
	}
	if (strcmp(o.format, "xlsx") == 0 && (o.out == NULL || !report_out_ok(o.out))) {
		fprintf(stderr, "sanalctl: %s: --format xlsx writes a binary file, "
		    "not to stdout, a terminal or pipe: give --out FILE.xlsx\n",
		    o.out ? o.out : "stdout");
		return o.out == NULL ? 2 : 1;
	}
	if (o.section != NULL && !report_section_known(o.section)) {
		fprintf(stderr, "sanalctl: no section \"%s\"\n", o.section);
		report_usage();
		return 2;
	}
	if (o.out != NULL && strcmp(o.out, "-") == 0)
		o.out = NULL;			/* html: stdout */
	return report_run(ctl, argv[1], &o);
}
