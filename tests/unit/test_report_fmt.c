/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for the report's renderers (consult/report_json.c, report_csv.c,
 * report_text.c, report_html.c) on one report filled by hand with every
 * section of REPORTS.md 3.2 and hostile citizen text: the JSON keeps the
 * DESIGN.md members first and adds each section; public outputs write counts
 * from 1 to 4 as "<5", null the shares that would give them away and leave
 * out small campaigns; each CSV section has its columns and no cell a
 * spreadsheet would run; the HTML escapes every citizen field, holds every
 * section's <h2 id> in order, is well-formed, prints on A4 and loads
 * nothing; the methods say macro-F1 when known and "not measured" when not;
 * the text pads Cyrillic by characters and drops control characters; the
 * same bytes come out under a locale with a decimal comma.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "analytics.h"
#include "common.h"
#include "consult.h"
#include "testutil.h"

#define T0	INT64_C(1796097600)	/* 2026-12-01 12:00 Ulaanbaatar */
#define TITLE	"Бэлчээр <script>alert(1)</script> \"q\" & 'a'"
#define HOSTILE	"=HYPERLINK(\"http://evil.example/\",\"click\") <script>x</script> \x1b[31m"
#define QUOTE1	"@SUM(A1) \"Хэт өндөр\" <img src=x onerror=alert(1)> \xe2\x80\xae"
#define QUOTE2	"-2+3 \xd1\x95\xd1\x81r\xd1\x96\xd1\x80t look-alike"	/* ѕсrірt */
#define REASON	"Төлбөрийг бууруулав <script>r</script>"

static struct report_row rows[] = {
	{ "comment", "sms", "", 1 },
	{ "oppose", "ussd", "21", 2 },
	{ "support", "sms", "67", 3 },
	{ "support", "web", "67", 30 },
	{ "support", "web", "", 7 },
};
static struct report_row soums[] = {
	{ "support", "sms", "6701", 3 },
	{ "oppose", "web", "6701", 30 },
};
static char art_title[] = "Төлбөр <b>бага</b>";
static struct report_article articles[] = {
	{ "3", art_title, 20, 18, 40, { 10, 20, 5, 3, 2 }, { "fees", "land_pasture" }, 1 },
	{ "5", NULL, 3, 0, 2, { 0, 2, 0, 0, 0 }, { "water", "" }, 0 },
};
static struct report_day days[] = {
	{ "2026-12-01", 30, 100, 0 },
	{ "2026-12-02", 3, 30, 0 },
};
static struct report_topic topics[] = {
	{ "support", "fees", 60, 2, 50 },
	{ "oppose", "fees", 20, 0, 0 },
	{ "oppose", "water", 3, 1, 0 },
	{ "amend", "land_pasture", 47, 0, 0 },
};
static char camp_big[] = HOSTILE, camp_small[] = "+1 a small campaign";
static struct report_campaign campaigns[] = {
	{ 41, 51, camp_big, T0, T0 + 3600, "sms,web", 3 },
	{ 77, 3, camp_small, T0 + 86400, T0 + 86400, "ussd", 1 },
};
static char q1[] = QUOTE1, q2[] = QUOTE2;
static struct report_quote quotes[] = {
	{ 101, "3", "67", "sms", "oppose", "fees", T0, q1, "Батаа" },
	{ 102, "", "", "web", "support", "water", T0 + 86400, q2, "Дорж" },
};
static char reason1[] = REASON, reason2[] = "\tTab first";
static struct report_decision decisions[] = {
	{ "", "changed", reason1, T0 + 10 * 86400 },
	{ "3", "adopted", reason2, T0 + 10 * 86400 },
};

/* The whole report; f1 < 0: not measured. */
static void
fixture(struct report *r, double f1)
{
	memset(r, 0, sizeof *r);
	snprintf(r->code, sizeof r->code, "12");
	snprintf(r->kind, sizeof r->kind, "consultation");
	r->status = ITEM_OPEN;
	r->opens = T0 - 86400;
	r->closes = T0 + 30 * 86400;
	r->support = 40;
	r->oppose = 2;
	r->comments = 130;
	r->title = (char *)TITLE;
	r->rows = rows;
	r->nrows = nitems(rows);
	r->asof = T0 + 2 * 86400;
	r->participants = 57;
	r->articles = articles;
	r->narticles = nitems(articles);
	r->days = days;
	r->ndays = nitems(days);
	r->topics = topics;
	r->ntopics = nitems(topics);
	r->campaigns = campaigns;
	r->ncampaigns = nitems(campaigns);
	r->quotes = quotes;
	r->nquotes = nitems(quotes);
	r->soums = soums;
	r->nsoums = nitems(soums);
	r->methods.macro_f1 = f1;
	r->methods.f1_rows = 412;
	r->methods.unclassified = 13;
	r->methods.human = 2;
	r->methods.campaign_copies = 50;
	r->decisions = decisions;
	r->ndecisions = nitems(decisions);
}

static json_t *
parse(const char *s)
{
	json_error_t	 e;
	json_t		*o = json_loads(s, 0, &e);

	if (o == NULL)
		fail_msg("not JSON (%s): %s", e.text, s);
	return o;
}

#define J(o, k)		json_object_get((o), (k))
#define JI(o, k)	json_integer_value(J((o), (k)))
#define JS(o, k)	json_string_value(J((o), (k)))
#define JA(o, i)	json_array_get((o), (i))

/* --- JSON -------------------------------------------------------------------------------- */

static void
test_json_sections(void **state)
{
	struct report	 r;
	char		*s;
	json_t		*o, *a, *m;
	const char	*key;
	json_t		*v;
	size_t		 i = 0;
	static const char *const order[] = { "code", "kind", "votes", "signatures",
		"comments", "status", "opens", "closes", "title", "by_channel", "by_aimag",
		"as_of", "participants", "by_article", "by_soum", "by_day", "topics",
		"campaigns", "totals_without_campaigns", "quotes", "methods", "decisions" };

	(void)state;
	fixture(&r, 0.7128);
	r.title = NULL;
	r.doc = (char *)"{\"title\": {\"mn\": \"Бэлчээр\"}}";
	s = report_json(&r, 0);
	assert_non_null(strstr(s, "{\n  \"code\": \"12\",\n  \"kind\": \"consultation\",\n"
	    "  \"votes\": {\n    \"support\": 40,\n    \"oppose\": 2\n  },\n"
	    "  \"signatures\": 0,\n  \"comments\": 130,\n"));
	o = parse(s);
	json_object_foreach(o, key, v) {
		assert_true(i < nitems(order));
		assert_string_equal(key, order[i]);
		i++;
	}
	assert_int_equal(i, nitems(order));
	assert_string_equal(JS(o, "as_of"), "2026-12-03T12:00:00+08:00");
	assert_int_equal(JI(o, "participants"), 57);
	a = JA(J(o, "by_article"), 0);
	assert_string_equal(JS(a, "number"), "3");
	assert_string_equal(JS(a, "title"), art_title);
	assert_int_equal(JI(a, "support"), 20);
	assert_true(json_is_real(J(a, "support_share")));
	assert_non_null(strstr(s, "\"support_share\": 0.526,"));
	assert_int_equal(JI(J(a, "by_stance"), "oppose"), 20);
	assert_int_equal(JI(J(a, "by_stance"), "other"), 2);
	assert_string_equal(json_string_value(JA(J(a, "topics"), 1)), "land_pasture");
	assert_true(json_is_true(J(a, "contested")));
	a = JA(J(o, "by_article"), 1);
	assert_true(json_is_null(J(a, "title")));
	assert_int_equal(json_array_size(J(a, "topics")), 1);
	assert_true(json_is_false(J(a, "contested")));
	assert_int_equal(JI(J(J(o, "by_soum"), "6701"), "support"), 3);
	assert_int_equal(JI(J(J(o, "by_soum"), "6701"), "oppose"), 30);
	assert_non_null(JS(J(J(o, "by_soum"), "6701"), "name"));
	assert_string_equal(JS(JA(J(o, "by_day"), 1), "day"), "2026-12-02");
	assert_int_equal(JI(JA(J(o, "by_day"), 1), "votes"), 3);
	assert_int_equal(JI(JA(J(o, "topics"), 0), "campaign_copies"), 50);
	assert_int_equal(JI(JA(J(o, "topics"), 2), "human_labelled"), 1);
	assert_int_equal(json_array_size(J(o, "campaigns")), 2);
	a = JA(J(o, "campaigns"), 0);
	assert_string_equal(JS(a, "text"), HOSTILE);
	assert_string_equal(JS(a, "first_seen"), "2026-12-01T12:00:00+08:00");
	assert_string_equal(json_string_value(JA(J(a, "channels"), 1)), "web");
	assert_int_equal(JI(J(o, "totals_without_campaigns"), "comments"), 80);
	assert_int_equal(JI(J(o, "totals_without_campaigns"), "support"), 40);
	a = JA(J(o, "quotes"), 0);
	assert_int_equal(JI(a, "comment_id"), 101);
	assert_string_equal(JS(a, "date"), "2026-12-01");
	assert_string_equal(JS(a, "text"), QUOTE1);
	assert_string_equal(JS(a, "approved_by"), "Батаа");
	assert_true(json_is_null(J(JA(J(o, "quotes"), 1), "article")));
	m = J(o, "methods");
	assert_true(json_is_true(J(m, "self_selected")));
	assert_true(json_is_null(J(m, "margin_of_error")));
	assert_non_null(JS(m, "margin_of_error_note"));
	assert_non_null(strstr(s, "\"macro_f1\": 0.713,"));
	assert_int_equal(JI(m, "f1_rows"), 412);
	assert_non_null(strstr(s, "\"unclassified_share\": 0.1,"));
	assert_string_equal(JS(m, "timezone"), "Asia/Ulaanbaatar");
	assert_true(json_is_true(J(m, "one_current_vote")));
	a = JA(J(o, "decisions"), 0);
	assert_true(json_is_null(J(a, "article")));
	assert_string_equal(JS(a, "outcome"), "changed");
	assert_string_equal(JS(a, "decided"), "2026-12-11T12:00:00+08:00");
	json_decref(o);
	free(s);

	/* not measured: null; no soums, no decisions: no members */
	r.methods.macro_f1 = -1;
	r.nsoums = 0;
	r.ndecisions = 0;
	s = report_json(&r, 0);
	o = parse(s);
	assert_true(json_is_null(J(J(o, "methods"), "macro_f1")));
	assert_null(J(o, "by_soum"));
	assert_null(J(o, "decisions"));
	json_decref(o);
	free(s);
}

static void
test_json_public(void **state)
{
	struct report	 r;
	char		*s;
	json_t		*o, *a;

	(void)state;
	fixture(&r, 0.7);
	s = report_json(&r, 1);
	o = parse(s);
	assert_int_equal(JI(J(o, "votes"), "support"), 40);	/* totals exact */
	assert_int_equal(JI(o, "comments"), 130);
	assert_int_equal(JI(o, "participants"), 57);
	a = JA(J(o, "by_article"), 0);
	assert_int_equal(JI(a, "support"), 20);
	assert_true(json_is_real(J(a, "support_share")));
	assert_string_equal(JS(J(a, "by_stance"), "question"), "<5");
	assert_string_equal(JS(J(a, "by_stance"), "other"), "<5");
	a = JA(J(o, "by_article"), 1);
	assert_string_equal(JS(a, "support"), "<5");
	assert_int_equal(JI(a, "oppose"), 0);
	assert_true(json_is_null(J(a, "support_share")));	/* 3 of 3 would show */
	assert_string_equal(JS(a, "comments"), "<5");
	assert_string_equal(JS(J(J(o, "by_soum"), "6701"), "support"), "<5");
	assert_int_equal(JI(J(J(o, "by_soum"), "6701"), "oppose"), 30);
	assert_string_equal(JS(JA(J(o, "by_day"), 1), "votes"), "<5");
	assert_int_equal(JI(JA(J(o, "by_day"), 0), "votes"), 30);
	assert_string_equal(JS(JA(J(o, "topics"), 0), "human_labelled"), "<5");
	assert_string_equal(JS(JA(J(o, "topics"), 2), "comments"), "<5");
	assert_int_equal(json_array_size(J(o, "campaigns")), 1);	/* 3 copies: out */
	assert_int_equal(JI(JA(J(o, "campaigns"), 0), "id"), 41);
	assert_int_equal(json_array_size(J(o, "quotes")), 2);
	assert_null(J(JA(J(o, "quotes"), 0), "approved_by"));
	assert_int_equal(JI(o, "suppressed_below"), 5);
	assert_null(strstr(s, "Батаа"));
	json_decref(o);
	free(s);
}

/* --- CSV --------------------------------------------------------------------------------- */

/* The first cell of each line that a spreadsheet would run as a formula, or NULL. */
static const char *
csv_formula(const char *s)
{
	const char	*p = s;
	int		 quoted = 0, start = 1;

	for (; *p != '\0'; p++) {
		if (start && strchr("=+-@\t\r", *p) != NULL)
			return p;
		start = 0;
		if (*p == '"' && (p == s || p[-1] == ',' || p[-1] == '\n') && !quoted) {
			quoted = 1;
			start = 1;
			continue;
		}
		if (*p == '"' && quoted) {
			if (p[1] == '"')
				p++;
			else
				quoted = 0;
			continue;
		}
		if (!quoted && (*p == ',' || *p == '\n'))
			start = 1;
	}
	return NULL;
}

static void
test_csv_sections(void **state)
{
	static const struct {
		const char	*name, *head, *row;
	} want[] = {
		{ "articles", "code,article,title,support,oppose,support_share,comments,"
		    "support_comments,oppose_comments,amend_comments,question_comments,"
		    "other_comments,topic1,topic2,contested\r\n",
		    "12,3,Төлбөр <b>бага</b>,20,18,0.526,40,10,20,5,3,2,fees,land_pasture,true\r\n" },
		{ "days", "code,day,votes,comments,signatures\r\n",
		    "12,2026-12-01,30,100,0\r\n" },
		{ "topics", "code,stance,topic,comments,human_labelled,campaign_copies\r\n",
		    "12,oppose,water,3,1,0\r\n" },
		{ "campaigns", "code,campaign,comments,text,first_seen,last_seen,channels,"
		    "aimags\r\n", "12,41,51,\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\""
		    "click\"\") <script>x</script> \x1b[31m\",2026-12-01T12:00:00+08:00,"
		    "2026-12-01T13:00:00+08:00,\"sms,web\",3\r\n" },
		{ "quotes", "code,comment_id,article,aimag,aimag_name,channel,stance,topic,"
		    "date,text\r\n", "12,101,3,67,Хөвсгөл,sms,oppose,fees,2026-12-01,"
		    "\"'@SUM(A1) \"\"Хэт өндөр\"\" <img src=x onerror=alert(1)> \xe2\x80\xae\"\r\n" },
		{ "decisions", "code,article,outcome,reason,decided\r\n",
		    "12,3,adopted,'\tTab first,2026-12-11T12:00:00+08:00\r\n" },
		{ "soums", "code,title,what,channel,soum,soum_name,n\r\n", NULL },
	};
	struct report	 r;
	char		*s;
	size_t		 len, i;

	(void)state;
	fixture(&r, 0.7);
	assert_int_equal(report_csv_nsections, nitems(want));
	for (i = 0; i < nitems(want); i++) {
		s = report_csv_section(&r, want[i].name, 0, &len);
		assert_non_null(s);
		assert_int_equal(len, strlen(s));
		if (strncmp(s, want[i].head, strlen(want[i].head)) != 0)
			fail_msg("%s: header %s", want[i].name, s);
		if (want[i].row != NULL && strstr(s, want[i].row) == NULL)
			fail_msg("%s: no row %s in\n%s", want[i].name, want[i].row, s);
		if (csv_formula(s) != NULL)
			fail_msg("%s: a formula cell at: %s", want[i].name, csv_formula(s));
		free(s);
	}
	s = report_csv_section(&r, "quotes", 0, &len);
	assert_non_null(strstr(s, "12,102,,,,web,support,water,2026-12-02,'-2+3 "));
	free(s);
	assert_null(report_csv_section(&r, "report", 0, &len));
	assert_null(report_csv_section(&r, "../etc", 0, &len));
	s = report_csv_section(&r, "days", REPORT_CSV_BOM, &len);
	assert_memory_equal(s, "\xef\xbb\xbf" "code,", 8);
	free(s);
}

static void
test_csv_public(void **state)
{
	struct report	 r;
	char		*s;
	size_t		 len;

	(void)state;
	fixture(&r, 0.7);
	s = report_csv_section(&r, "articles", REPORT_CSV_PUBLIC, &len);
	assert_non_null(strstr(s, "12,3,Төлбөр <b>бага</b>,20,18,0.526,40,10,20,5,<5,<5,"));
	assert_non_null(strstr(s, "\r\n12,5,,<5,0,,<5,0,<5,0,0,0,water,,false\r\n"));
	free(s);
	s = report_csv_section(&r, "campaigns", REPORT_CSV_PUBLIC, &len);
	assert_non_null(strstr(s, "12,41,51,"));
	assert_null(strstr(s, "12,77,"));
	free(s);
	s = report_csv_section(&r, "days", REPORT_CSV_PUBLIC, &len);
	assert_non_null(strstr(s, "12,2026-12-02,<5,30,0\r\n"));
	free(s);
	s = report_csv_section(&r, "soums", REPORT_CSV_PUBLIC, &len);
	assert_non_null(strstr(s, ",6701,"));
	assert_non_null(strstr(s, ",<5\r\n"));
	assert_non_null(strstr(s, ",30\r\n"));
	free(s);
}

/* --- HTML -------------------------------------------------------------------------------- */

static void
link_cb(struct buf *b, const char *stance, const char *topic, void *arg)
{
	buf_addf(b, "/admin/c/%s/comments?stance=%s&amp;topic=%s", (const char *)arg,
	    stance, topic);
}

/*
 * Whether s is well-formed as XML once the doctype is set aside: every tag
 * closed in order (HTML's void elements excepted), attributes quoted, no
 * bare & or <, no on* attribute. Fails the test saying where.
 */
static void
well_formed(const char *s)
{
	static const char *const voids[] = { "meta", "br", "hr", "img", "input", "link" };
	char		 stack[64][16], name[16];
	const char	*p = s, *q;
	size_t		 depth = 0, n, i;
	int		 closing, selfclose;

	if (strncmp(p, "<!doctype html>\n", 16) == 0)
		p += 16;
	for (; *p != '\0'; p++) {
		if (*p == '&') {
			for (q = p + 1; *q != '\0' && *q != ';' &&
			    (q - p) < 10 && (*q == '#' || (*q >= 'a' && *q <= 'z') ||
			    (*q >= '0' && *q <= '9')); q++)
				;
			if (*q != ';')
				fail_msg("a bare & at: %.40s", p);
			continue;
		}
		if (*p == '>')
			fail_msg("a bare > at: %.40s", p);
		if (*p != '<')
			continue;
		closing = p[1] == '/';
		q = p + 1 + closing;
		n = strspn(q, "abcdefghijklmnopqrstuvwxyz0123456789");
		if (n == 0 || n >= sizeof name)
			fail_msg("not a tag at: %.40s", p);
		memcpy(name, q, n);
		name[n] = '\0';
		for (q += n; *q != '>' && *q != '\0'; q++) {
			if (*q == '"') {
				q = strchr(q + 1, '"');
				if (q == NULL)
					fail_msg("an attribute unclosed at: %.40s", p);
			} else if (*q == '<' || *q == '\'')
				fail_msg("a stray %c in a tag at: %.40s", *q, p);
			else if (strncmp(q, " on", 3) == 0)
				fail_msg("an event handler at: %.40s", p);
		}
		if (*q != '>')
			fail_msg("a tag unclosed at: %.40s", p);
		selfclose = q[-1] == '/';
		for (i = 0; i < nitems(voids) && strcmp(voids[i], name) != 0; i++)
			;
		if (closing) {
			if (depth == 0 || strcmp(stack[depth - 1], name) != 0)
				fail_msg("</%s> closes <%s> at: %.60s", name,
				    depth ? stack[depth - 1] : "nothing", p);
			depth--;
		} else if (!selfclose && i == nitems(voids)) {
			assert_true(depth < nitems(stack));
			snprintf(stack[depth++], sizeof stack[0], "%s", name);
		}
		p = q;
	}
	if (depth != 0)
		fail_msg("<%s> never closed", stack[depth - 1]);
}

/* Where needle starts in s, failing if it is not there. */
static const char *
find(const char *s, const char *needle)
{
	const char	*p = strstr(s, needle);

	if (p == NULL)
		fail_msg("no \"%s\" in the page", needle);
	return p;
}

static void
test_html_escape(void **state)
{
	struct report	 r;
	char		*s;

	(void)state;
	fixture(&r, 0.7);
	s = report_html(&r, LANG_MN, REPORT_HTML_DOCUMENT, link_cb, (void *)"12");
	well_formed(s);
	/* no markup from the report's data gets through */
	assert_null(strstr(s, "<script"));
	assert_null(strstr(s, "<img"));
	assert_null(strstr(s, "<b>"));
	assert_null(strstr(s, "\x1b"));
	assert_null(strstr(s, "\xe2\x80\xae"));		/* U+202E, right-to-left override */
	find(s, "Бэлчээр &lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; &amp; &#39;a&#39;");
	find(s, "Төлбөр &lt;b&gt;бага&lt;/b&gt;");
	find(s, "=HYPERLINK(&quot;http://evil.example/&quot;,&quot;click&quot;) "
	    "&lt;script&gt;x&lt;/script&gt;");
	find(s, "@SUM(A1) &quot;Хэт өндөр&quot; &lt;img src=x onerror=alert(1)&gt;");
	find(s, "\xd1\x95\xd1\x81r\xd1\x96\xd1\x80t look-alike");	/* as it is */
	find(s, "Төлбөрийг бууруулав &lt;script&gt;r&lt;/script&gt;");
	/* nothing loaded from elsewhere, nothing run */
	assert_null(strstr(s, "src=\""));
	assert_null(strstr(s, "url("));
	assert_null(strstr(s, "@import"));
	assert_null(strstr(s, "<link"));
	assert_null(strstr(s, "href=\"http"));
	free(s);
}

static void
test_html_sections(void **state)
{
	static const char *const ids[] = { "r-header", "r-headline", "r-articles",
		"r-aimags", "r-soums", "r-days", "r-topics", "r-campaigns", "r-quotes",
		"r-methods", "r-decisions" };
	struct report	 r;
	char		*s, h2[48];
	const char	*p, *last;
	size_t		 i;

	(void)state;
	fixture(&r, 0.7128);
	s = report_html(&r, LANG_EN, REPORT_HTML_DOCUMENT, link_cb, (void *)"12");
	assert_memory_equal(s, "<!doctype html>\n<html lang=\"en\">", 32);
	last = s;
	for (i = 0; i < nitems(ids); i++) {
		snprintf(h2, sizeof h2, "<h2 id=\"%s\">", ids[i]);
		p = find(s, h2);
		if (p < last)
			fail_msg("%s out of order", ids[i]);
		last = p;
	}
	/* the print style: A4, heads repeat, a page per section; no script */
	find(s, "@media print{@page{size:A4");
	find(s, "thead{display:table-header-group}");
	find(s, "section{break-before:page");
	/* tables and charts */
	find(s, "<caption>By article</caption>");
	find(s, "<th scope=\"col\">Support</th>");
	find(s, "<th scope=\"colgroup\" colspan=\"5\">Comments</th>");
	find(s, "<figcaption>Over time: Votes</figcaption>");
	find(s, "<th scope=\"row\">3</th>");
	find(s, "<strong class=\"badge\">Contested</strong>");
	find(s, "role=\"img\" aria-labelledby=\"r-c-channel-t r-c-channel-d\"");
	find(s, "aria-labelledby=\"r-c-articles-t");
	find(s, "aria-labelledby=\"r-c-aimags-t");
	find(s, "aria-labelledby=\"r-c-days-t");
	/* aimags sorted by votes: Khövsgöl (33) before Dornod (2), unknown last */
	assert_true(find(s, "<th scope=\"row\">Хөвсгөл</th>") <
	    find(s, "<th scope=\"row\">Дорнод</th>"));
	assert_true(find(s, "<th scope=\"row\">Дорнод</th>") <
	    find(s, "<th scope=\"row\">Not given</th>"));
	/* the grid links each count to its comments */
	find(s, "<a href=\"/admin/c/12/comments?stance=oppose&amp;topic=water\">3</a>");
	find(s, "<a href=\"/admin/c/12/comments?stance=support&amp;topic=fees\">60</a>");
	find(s, "<th scope=\"row\">Land and pasture</th>");
	/* campaigns once, with and without; quotes traceable */
	find(s, "Comments: 130 with campaign copies, 80 without.");
	find(s, "<th scope=\"row\">41</th>");
	find(s, "<th scope=\"row\">77</th>");
	find(s, "<th scope=\"row\">101</th>");
	find(s, "Campaign 41 began (comments: 51)");
	/* methods, always */
	find(s, "Participants chose themselves");
	find(s, "No margin of error is given");
	find(s, "cross-validated macro-F1 = 0.713 on 412 labelled comments.");
	find(s, "Not classified yet: 13 of 130 comments (10.0%).");
	find(s, "One person, one current vote");
	find(s, "Asia/Ulaanbaatar");
	find(s, "Data as of 2026-12-03T12:00:00+08:00.");
	find(s, "<th scope=\"row\">The whole item</th><td>Adopted with changes</td>");
	assert_null(strstr(s, "&lt;5"));
	free(s);

	r.methods.macro_f1 = -1;
	r.ndecisions = 0;
	r.nsoums = 0;
	s = report_html(&r, LANG_EN, 0, NULL, NULL);
	assert_memory_equal(s, "<div class=\"report\">\n", 21);
	assert_null(strstr(s, "<html"));
	assert_null(strstr(s, "<a href=\"/admin"));
	find(s, "whose accuracy (macro-F1) was not measured.");
	assert_null(strstr(s, "macro-F1 ="));
	assert_null(strstr(s, "r-decisions"));
	assert_null(strstr(s, "r-soums"));
	well_formed(s);
	free(s);
}

static void
test_html_langs(void **state)
{
	struct report	 r;
	char		*s;

	(void)state;
	fixture(&r, 0.7);
	s = report_html(&r, LANG_MN, REPORT_HTML_DOCUMENT, NULL, NULL);
	find(s, "<html lang=\"mn\">");
	find(s, "<h2 id=\"r-articles\">Зүйл тус бүрээр</h2>");
	find(s, "<strong class=\"badge\">Маргаантай</strong>");
	find(s, "macro-F1 = 0.700");
	free(s);
	s = report_html(&r, LANG_KK, REPORT_HTML_DOCUMENT, NULL, NULL);
	find(s, "<html lang=\"kk\">");
	find(s, "<h2 id=\"r-methods\">Әдістеме мен ескертулер</h2>");
	free(s);
}

static void
test_html_public(void **state)
{
	struct report	 r;
	char		*s;

	(void)state;
	fixture(&r, 0.7);
	s = report_html(&r, LANG_EN, REPORT_HTML_PUBLIC | REPORT_HTML_DOCUMENT, NULL, NULL);
	well_formed(s);
	find(s, "<td class=\"n\">&lt;5</td>");
	assert_null(strstr(s, "<th scope=\"row\">77</th>"));	/* a campaign of 3 */
	assert_null(strstr(s, "Батаа"));
	find(s, "Counts from 1 to 4 in a breakdown are shown as");
	/* Dornod's 2 votes: "<5" in the table, no bar of its own */
	find(s, "<th scope=\"row\">Дорнод</th>");
	assert_null(strstr(s, "<text x=\"0\" y=\"5.4\">Дорнод</text>"));
	assert_null(strstr(s, ">Дорнод</text>"));
	find(s, ">Хөвсгөл</text>");
	free(s);
}

/* --- text -------------------------------------------------------------------------------- */

/* The character column where the first number of line ends. */
static size_t
digit_column(const char *line)
{
	char	buf[256];
	size_t	n = strcspn(line, "0123456789");

	n += strspn(line + n, "0123456789");
	snprintf(buf, sizeof buf, "%.*s", (int)n, line);
	return utf8_chars(buf);
}

static void
test_text(void **state)
{
	struct report	 r;
	char		*s;
	const char	*a, *b;

	(void)state;
	fixture(&r, 0.7);
	s = report_text(&r);
	assert_memory_equal(s, "consultation 12: Бэлчээр <script>", 32);
	assert_null(strstr(s, "\x1b"));		/* the campaign's ESC is gone */
	a = find(s, "\n  Хөвсгөл ");
	b = find(s, "\n  unknown ");
	assert_int_equal(digit_column(a + 1), digit_column(b + 1));
	assert_int_equal(digit_column(a + 1), 2 + 24 + 1 + 10);
	find(s, "[contested]");
	find(s, "comments 130 with campaign copies, 80 without");
	find(s, "#41: 51 comments");
	find(s, "#101, article 3, Хөвсгөл, sms, 2026-12-01, oppose/fees");
	find(s, "  - Participants chose themselves");
	find(s, "macro-F1 = 0.700 on 412");
	find(s, "whole item: changed");
	find(s, "by soum or district");
	free(s);
}

/* --- the same bytes with a decimal comma ----------------------------------------------- */

/* A locale whose decimal point is ",", made with localedef if need be; 0 if none. */
static int
comma_locale(char **dir)
{
	static const char *const names[] = { "de_DE.UTF-8", "de_DE.utf8", "ru_RU.UTF-8",
		"fr_FR.UTF-8" };
	char	*cmd;
	size_t	 i;

	for (i = 0; i < nitems(names); i++)
		if (setlocale(LC_NUMERIC, names[i]) != NULL)
			return 1;
	if ((*dir = testdir_make("locale")) == NULL)
		return 0;
	cmd = xasprintf("localedef -i de_DE -f UTF-8 %s/de_DE.UTF-8 >/dev/null 2>&1", *dir);
	if (system(cmd) == 0) {
		setenv("LOCPATH", *dir, 1);
		free(cmd);
		return setlocale(LC_NUMERIC, "de_DE.UTF-8") != NULL;
	}
	free(cmd);
	return 0;
}

static void
test_locale(void **state)
{
	struct report	 r;
	char		*c[5], *d[5], *dir = NULL, pt[8];
	size_t		 len, i;

	(void)state;
	fixture(&r, 0.7128);
	c[0] = report_json(&r, 0);
	c[1] = report_csv_section(&r, "articles", 0, &len);
	c[2] = report_html(&r, LANG_MN, REPORT_HTML_DOCUMENT, NULL, NULL);
	c[3] = report_text(&r);
	c[4] = report_csv_section(&r, "topics", 0, &len);
	if (!comma_locale(&dir)) {
		print_message("no locale with a decimal comma: skipped\n");
		for (i = 0; i < 5; i++)
			free(c[i]);
		if (dir != NULL)
			testdir_remove(dir);
		skip();
	}
	snprintf(pt, sizeof pt, "%.1f", 0.5);
	assert_string_equal(pt, "0,5");		/* the locale is in force */
	d[0] = report_json(&r, 0);
	d[1] = report_csv_section(&r, "articles", 0, &len);
	d[2] = report_html(&r, LANG_MN, REPORT_HTML_DOCUMENT, NULL, NULL);
	d[3] = report_text(&r);
	d[4] = report_csv_section(&r, "topics", 0, &len);
	setlocale(LC_NUMERIC, "C");
	for (i = 0; i < 5; i++) {
		assert_string_equal(c[i], d[i]);
		free(c[i]);
		free(d[i]);
	}
	if (dir != NULL) {
		unsetenv("LOCPATH");
		testdir_remove(dir);
	}
}

/* --- report_fmt -------------------------------------------------------------------------- */

static void
test_fmt(void **state)
{
	char	s[32];

	(void)state;
	report_percent(s, 1, 3);
	assert_string_equal(s, "33.3");
	report_percent(s, 2, 3);
	assert_string_equal(s, "66.7");
	report_percent(s, 0, 0);
	assert_string_equal(s, "");
	report_fraction(s, 20, 38);
	assert_string_equal(s, "0.526");
	report_fraction(s, INT64_MAX / 2, INT64_MAX);
	assert_string_equal(s, "0.500");
	report_count(s, 4, 1);
	assert_string_equal(s, "<5");
	report_count(s, 4, 0);
	assert_string_equal(s, "4");
	report_count(s, 0, 1);
	assert_string_equal(s, "0");
	report_iso(T0, s);
	assert_string_equal(s, "2026-12-01T12:00:00+08:00");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fmt),
		cmocka_unit_test(test_json_sections),
		cmocka_unit_test(test_json_public),
		cmocka_unit_test(test_csv_sections),
		cmocka_unit_test(test_csv_public),
		cmocka_unit_test(test_html_escape),
		cmocka_unit_test(test_html_sections),
		cmocka_unit_test(test_html_langs),
		cmocka_unit_test(test_html_public),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_locale),
	};

	return cmocka_run_group_tests(tests, testmsg_setup, testmsg_teardown);
}
