/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for consult/report_csv.c and consult/report_json.c on a report
 * built by hand (no database): every CSV cell that a spreadsheet would run as
 * a formula gets a single quote first, quoting follows RFC 4180, the BOM
 * variant only adds EF BB BF; the public variants write breakdown counts from
 * 1 to 4 as "<5" and keep totals exact; the DESIGN.md members come first.
 * report_xlsx writes a zip or fails with a cause (tests/integ/report_xlsx.sh
 * reads the workbook back).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>

#include "common.h"
#include "consult.h"

static const struct {
	const char	*in;
	const char	*want;
} cells[] = {
	/* formulas, each neutralised */
	{ "=1+1", "'=1+1" },
	{ "+1", "'+1" },
	{ "-1", "'-1" },
	{ "@SUM(A1)", "'@SUM(A1)" },
	{ "\t=1", "'\t=1" },
	{ "\r=1", "\"'\r=1\"" },
	{ "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0" },
	{ "=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" },
	{ "-2+3,=1", "\"'-2+3,=1\"" },
	/* plain text: as it is, quoted only when it must be */
	{ "", "" },
	{ "support", "support" },
	{ "Бэлчээрийн тухай хуулийн төсөл", "Бэлчээрийн тухай хуулийн төсөл" },
	{ "Хөвсгөл, Мөрөн", "\"Хөвсгөл, Мөрөн\"" },
	{ "=Хөвсгөл", "'=Хөвсгөл" },
	{ "a \"b\" c", "\"a \"\"b\"\" c\"" },
	{ "two\nlines", "\"two\nlines\"" },
	{ "crlf\r\n", "\"crlf\r\n\"" },
	{ "1=1", "1=1" },
	{ " =1", " =1" },
	{ "'=1", "'=1" },
	{ "<5", "<5" },
	{ "12", "12" },
};

static void
test_cells(void **state)
{
	struct buf	b;
	size_t		i;

	(void)state;
	for (i = 0; i < nitems(cells); i++) {
		buf_init(&b);
		report_csv_cell(&b, cells[i].in);
		if (strcmp(b.data ? b.data : "", cells[i].want) != 0)
			fail_msg("cell %zu \"%s\": got \"%s\", want \"%s\"", i,
			    cells[i].in, b.data ? b.data : "", cells[i].want);
		buf_free(&b);
	}
}

/* A consultation with 7 supporters in Khövsgöl, 2 opponents and a comment elsewhere. */
static struct report_row rows[] = {
	{ "comment", "sms", "", 1 },
	{ "oppose", "ussd", "21", 2 },
	{ "support", "sms", "67", 3 },
	{ "support", "web", "67", 4 },
	{ "support", "web", "", 5 },
};

static void
report_fixture(struct report *r, const char *title)
{
	memset(r, 0, sizeof *r);
	snprintf(r->code, sizeof r->code, "12");
	snprintf(r->kind, sizeof r->kind, "consultation");
	r->support = 12;
	r->oppose = 2;
	r->comments = 1;
	r->doc = xasprintf("{\"title\": {\"mn\": \"%s\", \"en\": \"Pasture\"}}", title);
	r->title = xstrdup(title);
	r->rows = rows;
	r->nrows = nitems(rows);
}

static void
report_fixture_free(struct report *r)
{
	free(r->doc);
	free(r->title);
}

static void
test_csv(void **state)
{
	static const char want[] = "code,title,what,channel,aimag,aimag_name,n\r\n"
	    "12,'=cmd|' /C calc'!A0,comment,sms,,,1\r\n"
	    "12,'=cmd|' /C calc'!A0,oppose,ussd,21,Дорнод,2\r\n"
	    "12,'=cmd|' /C calc'!A0,support,sms,67,Хөвсгөл,3\r\n"
	    "12,'=cmd|' /C calc'!A0,support,web,67,Хөвсгөл,4\r\n"
	    "12,'=cmd|' /C calc'!A0,support,web,,,5\r\n";
	static const char want_public[] = "code,title,what,channel,aimag,aimag_name,n\r\n"
	    "12,'=cmd|' /C calc'!A0,comment,sms,,,<5\r\n"
	    "12,'=cmd|' /C calc'!A0,oppose,ussd,21,Дорнод,<5\r\n"
	    "12,'=cmd|' /C calc'!A0,support,sms,67,Хөвсгөл,<5\r\n"
	    "12,'=cmd|' /C calc'!A0,support,web,67,Хөвсгөл,<5\r\n"
	    "12,'=cmd|' /C calc'!A0,support,web,,,5\r\n";
	struct report	 r;
	char		*s;
	size_t		 len;

	(void)state;
	report_fixture(&r, "=cmd|' /C calc'!A0");
	s = report_csv(&r, 0, &len);
	assert_int_equal(len, strlen(want));
	assert_string_equal(s, want);
	free(s);
	s = report_csv(&r, REPORT_CSV_BOM, &len);
	assert_int_equal(len, strlen(want) + 3);
	assert_memory_equal(s, "\xef\xbb\xbf", 3);
	assert_string_equal(s + 3, want);
	free(s);
	s = report_csv(&r, REPORT_CSV_PUBLIC, &len);
	assert_string_equal(s, want_public);
	free(s);
	report_fixture_free(&r);
}

/* The JSON text s, parsed; fails the test if it is not JSON. */
static json_t *
parse(const char *s)
{
	json_error_t	 e;
	json_t		*o = json_loads(s, 0, &e);

	if (o == NULL)
		fail_msg("not JSON (%s): %s", e.text, s);
	return o;
}

static void
test_json(void **state)
{
	struct report	 r;
	char		*s;
	json_t		*o, *ch, *aimag;

	(void)state;
	report_fixture(&r, "Бэлчээр");
	s = report_json(&r, 0);
	/* the DESIGN.md members first, in order */
	assert_non_null(strstr(s, "{\n  \"code\": \"12\",\n  \"kind\": \"consultation\",\n"
	    "  \"votes\": {\n    \"support\": 12,\n    \"oppose\": 2\n  },\n"
	    "  \"signatures\": 0,\n  \"comments\": 1,\n"));
	o = parse(s);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(
	    json_object_get(o, "by_channel"), "web"), "support")), 9);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(
	    json_object_get(o, "by_aimag"), "67"), "support")), 7);
	assert_null(json_object_get(o, "suppressed_below"));
	json_decref(o);
	free(s);

	s = report_json(&r, 1);
	o = parse(s);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(o, "votes"),
	    "support")), 12);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(o, "votes"),
	    "oppose")), 2);
	assert_int_equal(json_integer_value(json_object_get(o, "comments")), 1);
	ch = json_object_get(o, "by_channel");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(ch, "web"),
	    "support")), 9);
	assert_string_equal(json_string_value(json_object_get(json_object_get(ch, "sms"),
	    "support")), "<5");
	assert_string_equal(json_string_value(json_object_get(json_object_get(ch, "sms"),
	    "comments")), "<5");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(ch, "sms"),
	    "oppose")), 0);
	aimag = json_object_get(o, "by_aimag");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(aimag, "67"),
	    "support")), 7);
	assert_string_equal(json_string_value(json_object_get(json_object_get(aimag, "67"),
	    "name")), "Хөвсгөл");
	assert_string_equal(json_string_value(json_object_get(json_object_get(aimag, "21"),
	    "oppose")), "<5");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(aimag,
	    "unknown"), "support")), 5);
	assert_int_equal(json_integer_value(json_object_get(o, "suppressed_below")), 5);
	json_decref(o);
	free(s);
	report_fixture_free(&r);
}

static void
test_xlsx(void **state)
{
	struct report	 r;
	char		 path[] = "/tmp/test_report.XXXXXX", file[64], magic[4];
	char		*cause = NULL;
	FILE		*f;

	(void)state;
	assert_non_null(mkdtemp(path));
	snprintf(file, sizeof file, "%s/12.xlsx", path);
	report_fixture(&r, "=cmd|' /C calc'!A0");
	assert_int_equal(report_xlsx(&r, 1, file, &cause), 0);
	assert_null(cause);
	assert_non_null(f = fopen(file, "rb"));
	assert_int_equal(fread(magic, 1, 4, f), 4);
	assert_memory_equal(magic, "PK\3\4", 4);
	fclose(f);
	assert_int_equal(unlink(file), 0);
	snprintf(file, sizeof file, "%s/no/12.xlsx", path);
	assert_int_equal(report_xlsx(&r, 0, file, &cause), -1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, file));
	free(cause);
	assert_int_equal(rmdir(path), 0);
	report_fixture_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_xlsx),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
