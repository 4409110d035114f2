/* SPDX-License-Identifier: ISC */
/*
 * sanalctl report: the counts so far for one item, as JSON (the DESIGN.md
 * members first: code, kind, votes, signatures, comments), as CSV (both
 * written by consult/, which sanald's open data shares), as an Excel workbook
 * written to --out FILE (never to stdout: it is binary) or as text for a
 * terminal, read back from the JSON. Each count is broken down by channel and
 * by aimag.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "analytics.h"
#include "common.h"
#include "consult.h"
#include "ctl.h"

/* Prints one breakdown table of the JSON report as text. */
static void
report_text_group(json_t *group, const char *title)
{
	const char	*key;
	json_t		*cell;

	printf("\n%s\n  %-24s %8s %8s %10s %8s\n", title, "", "support", "oppose",
	    "signatures", "comments");
	json_object_foreach(group, key, cell) {
		const char	*name = json_string_value(json_object_get(cell, "name"));
		size_t		 width = utf8_chars(name ? name : key);

		/* Pad by characters, not bytes: aimag names are Cyrillic. */
		printf("  %s%*s %8lld %8lld %10lld %8lld\n", name ? name : key,
		    width < 24 ? (int)(24 - width) : 0, "",
		    (long long)json_integer_value(json_object_get(cell, "support")),
		    (long long)json_integer_value(json_object_get(cell, "oppose")),
		    (long long)json_integer_value(json_object_get(cell, "signatures")),
		    (long long)json_integer_value(json_object_get(cell, "comments")));
	}
}

static void
report_text(const struct report *r, json_t *o)
{
	json_t	*title = json_object_get(o, "title");

	printf("%s %s: %s\n", r->kind, r->code,
	    json_string_value(json_object_get(title, "mn")));
	printf("status %s, %s .. %s (Ulaanbaatar time)\n",
	    json_string_value(json_object_get(o, "status")),
	    json_string_value(json_object_get(o, "opens")),
	    json_string_value(json_object_get(o, "closes")));
	if (strcmp(r->kind, "petition") == 0)
		printf("signatures %lld of %lld needed\n", (long long)r->signatures,
		    (long long)r->threshold);
	else
		printf("votes: support %lld, oppose %lld\n", (long long)r->support,
		    (long long)r->oppose);
	printf("comments %lld\n", (long long)r->comments);
	report_text_group(json_object_get(o, "by_channel"), "by channel");
	report_text_group(json_object_get(o, "by_aimag"), "by aimag");
}

/* Prints the report as text, from its JSON. */
static int
report_text_print(const struct report *r, const char *json)
{
	json_t	*o = json_loads(json, 0, NULL);

	if (o == NULL)
		return -1;
	report_text(r, o);
	json_decref(o);
	return 0;
}

/* Writes the report in format to stdout. 0, or -1 if it could not. */
static int
report_print(const struct report *r, const char *format, int public, int bom)
{
	char	*s;
	size_t	 len;
	int	 rc = 0;

	if (strcmp(format, "csv") == 0) {
		s = report_csv(r, (public ? REPORT_CSV_PUBLIC : 0) |
		    (bom ? REPORT_CSV_BOM : 0), &len);
		rc = fwrite(s, 1, len, stdout) == len ? 0 : -1;
	} else {
		s = report_json(r, public);
		if (strcmp(format, "json") == 0)
			rc = printf("%s\n", s) < 0 ? -1 : 0;
		else
			rc = report_text_print(r, s);
	}
	free(s);
	return rc;
}

/*
 * Writes the workbook to out, which must be a file: a binary zip on a
 * terminal or a pipe helps nobody. 0, or -1 with a message printed.
 */
static int
report_xlsx_out(const struct report *r, const char *out, int public)
{
	struct stat	 st;
	char		*cause = NULL;

	if (strcmp(out, "-") == 0 || (stat(out, &st) == 0 && !S_ISREG(st.st_mode))) {
		fprintf(stderr, "sanalctl: %s: --format xlsx writes a binary file, "
		    "not to a terminal or pipe: give --out FILE.xlsx\n", out);
		return -1;
	}
	if (report_xlsx(r, public, out, &cause) != 0) {
		fprintf(stderr, "sanalctl: cannot write the workbook: %s\n", cause);
		free(cause);
		return -1;
	}
	return 0;
}

/* 1 if format is one sanalctl report knows. */
static int
report_format_ok(const char *format)
{
	return strcmp(format, "json") == 0 || strcmp(format, "text") == 0 ||
	    strcmp(format, "csv") == 0 || strcmp(format, "xlsx") == 0;
}

int
ctl_report(struct ctl *ctl, int argc, char **argv)
{
	struct report	 r;
	const char	*format = "json", *out = NULL;
	int		 i, recount = 0, public = 0, bom = 0, rc;

	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
			format = argv[++i];
		else if (strcmp(argv[i], "--recount") == 0)
			recount = 1;
		else if (strcmp(argv[i], "--public") == 0)
			public = 1;
		else if (strcmp(argv[i], "--bom") == 0)
			bom = 1;
		else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
			out = argv[++i];
		else
			argc = 0;
	}
	if (argc < 2 || !report_format_ok(format) ||
	    (bom && strcmp(format, "csv") != 0) ||
	    (public && strcmp(format, "text") == 0) ||
	    (out != NULL && strcmp(format, "xlsx") != 0)) {
		fprintf(stderr, "usage: sanalctl report CODE [--format json|csv|text] "
		    "[--bom] [--public] [--recount]\n"
		    "       sanalctl report CODE --format xlsx --out FILE.xlsx "
		    "[--public] [--recount]\n");
		return 2;
	}
	if (strcmp(format, "xlsx") == 0 && out == NULL) {
		fprintf(stderr, "sanalctl: --format xlsx writes a binary file, "
		    "not to stdout: give --out FILE.xlsx\n");
		return 2;
	}
	if ((rc = report_build(ctl->c, argv[1], recount, &r)) != 0) {
		fprintf(stderr, "sanalctl: %s\n", rc == 1 ? "no item with that code" :
		    "cannot read the database");
		return 1;
	}
	if (out != NULL) {
		rc = report_xlsx_out(&r, out, public);
		report_free(&r);
		return rc == 0 ? 0 : 1;
	}
	rc = report_print(&r, format, public, bom);
	report_free(&r);
	if (rc != 0 || fflush(stdout) != 0) {
		fprintf(stderr, "sanalctl: cannot write the report\n");
		return 1;
	}
	return 0;
}
