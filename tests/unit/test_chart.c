/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for the SVG charts (consult/chart.c). Fixed inputs — Cyrillic
 * aimags and articles, a label with <script> and quotes, a label far too long,
 * zero counts, one huge count, 0 and 60 days of columns — are rendered and
 * compared byte for byte with golden files: tests/unit/golden/NAME.svg holds
 * the <svg> element (a standalone SVG: open it in a browser, or xmllint it),
 * NAME.html the rest of the output, the <figure> and the table, with the SVG
 * taken out. Each chart is rendered twice and again under a locale with a
 * decimal comma, and must come out the same bytes; every one must be named
 * (role="img", title, desc, aria-labelledby) and keep every label escaped.
 *
 * After a deliberate change to the drawing, look at the new charts, then write
 * the golden files again from the build directory:
 *
 *   CHART_GOLDEN_WRITE=1 top_srcdir=.. tests/unit/test_chart
 *
 * (top_srcdir: the source tree, where tests/unit/golden/ is; make check sets it.)
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "common.h"
#include "chart.h"

#define SVG_MAX		6000	/* bytes: "a few KB" per chart */
#define DAYS		60

enum kind { BARS, DIVERGING, COLUMNS };

struct golden {
	const char	*name;
	enum kind	 kind;
	struct chart	 c;
};

static const char *const aimags[] = {
	"Улаанбаатар", "Архангай", "Баян-Өлгий", "Өвөрхангай", "Хөвсгөл",
	"Сүхбаатар", "Говьсүмбэр",
	"Бэлчээрийн ашиглалтын төлбөрийг сум, дүүргийн иргэдийн Төлөөлөгчдийн "
	    "Хурал тогтооно (урт шошго)",
};
static const int64_t aimag_n[] = { 1840, 312, 96, 411, 257, 58, 7, 120 };

static const char *const hostile[] = {
	"<script>alert(\"x\")</script>", "O'Brien & \"Sons\" <b>", "Дэмжинэ",
};
static const int64_t hostile_n[] = { 3, 14, 0 };

static const char *const yes_no[] = { "Дэмжинэ", "Эсрэг" };
static const int64_t zeros[] = { 0, 0 };

static const char *const huge_l[] = { "Нийт", "Нэг", "Тэг" };
static const int64_t huge_n[] = { INT64_C(9007199254740993), 1, 0 };

static const char *const articles[] = {
	"1-р зүйл. Хуулийн зорилт",
	"2-р зүйл. Бэлчээрийн тухай хууль тогтоомж",
	"3-р зүйл. Бэлчээрийн ашиглалтын төлбөр, түүнийг тогтоох, хураах, "
	    "зарцуулах журам",
	"4-р зүйл. <script>alert('a')</script> & \"quotes\"",
	"5-р зүйл. Хамтын гэрээ",
};
static const int64_t art_yes[] = { 120, 48, 1503, 0, 22 };
static const int64_t art_no[] = { 15, 52, 1710, 0, 0 };

static char day_label[DAYS][16];
static const char *days[DAYS];
static int64_t day_n[DAYS];

static struct golden goldens[] = {
	{ "bars_aimags", BARS, { .id = "a1", .title = "Оролцогчид аймгаар",
	    .labels = aimags, .n = 8, .values = aimag_n } },
	{ "bars_escape", BARS, { .id = "x\"<1", .title = "<script>t</script> & 'q'",
	    .desc = "Desc with <script> & \"quotes\"", .labels = hostile, .n = 3,
	    .values = hostile_n, .cycle = 1 } },
	{ "bars_zero", BARS, { .id = "z1", .title = "Санал", .labels = yes_no, .n = 2,
	    .values = zeros, .cycle = 1 } },
	{ "bars_huge", BARS, { .id = "h1", .title = "Huge", .labels = huge_l, .n = 3,
	    .values = huge_n } },
	{ "diverging_articles", DIVERGING, { .id = "d1", .title = "Зүйл бүрээр",
	    .labels = articles, .n = 5, .support = art_yes, .oppose = art_no,
	    .support_name = "Дэмжинэ", .oppose_name = "Эсрэг" } },
	{ "diverging_empty", DIVERGING, { .id = "d2", .title = "Хоосон",
	    .desc = "Санал алга", .labels = NULL, .n = 0, .support = NULL, .oppose = NULL,
	    .support_name = "Support", .oppose_name = "Oppose" } },
	{ "columns_0", COLUMNS, { .id = "c0", .title = "Өдөр бүр", .labels = NULL,
	    .n = 0, .values = NULL } },
	{ "columns_60", COLUMNS, { .id = "c60", .title = "Өдөр бүрийн санал",
	    .desc = "2026-10-03 – 2026-12-01", .labels = days, .n = DAYS,
	    .values = day_n } },
};

/* Sixty days from 2026-10-03, quiet, with a spike on the 20th. */
static int
setup(void **state)
{
	static const int mdays[] = { 31, 30, 31 };
	int	i, m = 0, d = 3;

	(void)state;
	for (i = 0; i < DAYS; i++) {
		snprintf(day_label[i], sizeof day_label[i], "2026-%02d-%02d", 10 + m, d);
		days[i] = day_label[i];
		day_n[i] = i == 20 ? 412 : (i * 37) % 23;
		if (++d > mdays[m]) {
			d = 1;
			m++;
		}
	}
	return 0;
}

/* The chart's output. Caller frees. */
static char *
render(const struct golden *g)
{
	struct buf	b;

	buf_init(&b);
	switch (g->kind) {
	case BARS: chart_bars(&b, &g->c); break;
	case DIVERGING: chart_diverging(&b, &g->c); break;
	case COLUMNS: chart_columns(&b, &g->c); break;
	}
	return buf_steal(&b);
}

/* The file's contents, NULL if it cannot be read. Caller frees. */
static char *
slurp(const char *path)
{
	FILE	*f = fopen(path, "rb");
	struct buf b;
	char	 chunk[4096];
	size_t	 n;

	if (f == NULL)
		return NULL;
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_steal(&b);
}

static void
spew(const char *path, const char *s, size_t n)
{
	FILE	*f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(s, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* Compares (or, with CHART_GOLDEN_WRITE=1, writes) golden/NAME.EXT. */
static void
golden_check(const char *name, const char *ext, const char *s, size_t n)
{
	const char	*top = getenv("top_srcdir"), *w = getenv("CHART_GOLDEN_WRITE");
	char		*path, *want;

	path = xasprintf("%s/tests/unit/golden/%s.%s", top ? top : ".", name, ext);
	if (w != NULL && strcmp(w, "1") == 0) {
		spew(path, s, n);
		printf("wrote %s (%zu bytes)\n", path, n);
	} else {
		if ((want = slurp(path)) == NULL)
			fail_msg("%s: cannot read (set top_srcdir?)", path);
		if (strlen(want) != n || memcmp(want, s, n) != 0) {
			fprintf(stderr, "--- %s\n+++ output\n%.*s\n", path, (int)n, s);
			fail_msg("%s differs from the output", path);
		}
		free(want);
	}
	free(path);
}

/* Each chart as the golden files hold it: the <svg>, then the rest. */
static void
test_golden(void **state)
{
	struct buf	 rest;
	const char	*s, *e;
	char		*out;
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(goldens); i++) {
		out = render(&goldens[i]);
		s = strstr(out, "<svg");
		e = strstr(out, "</svg>\n");
		assert_non_null(s);
		assert_non_null(e);
		e += strlen("</svg>\n");
		assert_in_range((size_t)(e - s), 1, SVG_MAX);
		golden_check(goldens[i].name, "svg", s, (size_t)(e - s));
		buf_init(&rest);
		buf_add(&rest, out, (size_t)(s - out));
		buf_adds(&rest, e);
		golden_check(goldens[i].name, "html", rest.data, rest.len);
		buf_free(&rest);
		free(out);
	}
}

/* The same bytes twice, and under a locale that writes 1,5 for 1.5. */
static void
test_stable(void **state)
{
	char		*first[nitems(goldens)], *again;
	const char	*loc;
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(goldens); i++) {
		first[i] = render(&goldens[i]);
		again = render(&goldens[i]);
		assert_string_equal(first[i], again);
		free(again);
	}
	/* de_DE has the decimal comma that %f would follow; where it is not
	   installed (Debian's locales package unconfigured), C.UTF-8 at least
	   changes the locale from the one the golden files were written in. */
	if ((loc = setlocale(LC_NUMERIC, "de_DE.UTF-8")) == NULL &&
	    (loc = setlocale(LC_NUMERIC, "C.UTF-8")) == NULL)
		skip();
	print_message("LC_NUMERIC %s: 1.5 reads %.1f\n", loc, 1.5);
	for (i = 0; i < nitems(goldens); i++) {
		again = render(&goldens[i]);
		assert_string_equal(first[i], again);
		free(again);
		free(first[i]);
	}
	setlocale(LC_NUMERIC, "C");
}

/* Counts the occurrences of needle in s. */
static int
count(const char *s, const char *needle)
{
	int	n = 0;

	for (; (s = strstr(s, needle)) != NULL; s += strlen(needle))
		n++;
	return n;
}

/* Every '<' opens one of the chart's own tags: nothing a label held. */
static void
assert_own_tags(const char *out)
{
	static const char *const tags[] = { "figure", "svg", "title", "desc", "rect",
	    "text", "table", "caption", "tr", "th", "td" };
	const char	*p;
	size_t		 i, n;

	for (p = out; (p = strchr(p, '<')) != NULL; p++) {
		p += p[1] == '/';
		for (i = 0; i < nitems(tags); i++) {
			n = strlen(tags[i]);
			if (strncmp(p + 1, tags[i], n) == 0 && strchr(" >/", p[1 + n]))
				break;
		}
		if (i == nitems(tags))
			fail_msg("a tag not the chart's own: %.40s", p);
	}
}

/* Named, described, escaped, and the numbers in a table, a row per label. */
static void
test_accessible(void **state)
{
	char	*out, *want;
	size_t	 i;

	(void)state;
	for (i = 0; i < nitems(goldens); i++) {
		out = render(&goldens[i]);
		assert_non_null(strstr(out, "role=\"img\""));
		assert_int_equal(count(out, "<title id=\""), 1);
		assert_int_equal(count(out, "<desc id=\""), 1);
		assert_int_equal(count(out, "aria-labelledby=\""), 1);
		assert_null(strstr(out, "<script"));
		assert_null(strstr(out, "<b>"));
		assert_own_tags(out);
		assert_int_equal(count(out, "<caption>"), 1);
		assert_int_equal(count(out, "<th scope=\"row\">"), goldens[i].c.n);
		if (strchr(goldens[i].c.id, '"') == NULL) {
			want = xasprintf("aria-labelledby=\"%s-t %s-d\"", goldens[i].c.id,
			    goldens[i].c.id);
			assert_non_null(strstr(out, want));
			free(want);
		}
		free(out);
	}
}

/* A long label ends in "…" in the drawing and stays whole in the table. */
static void
test_long_label(void **state)
{
	char	*out = render(&goldens[0]), *th;

	(void)state;
	assert_non_null(strstr(out, "…</text>"));
	th = xasprintf("<th scope=\"row\">%s</th>", aimags[7]);
	assert_non_null(strstr(out, th));
	free(th);
	free(out);
}

/* s is well-formed UTF-8 (the SVG is XML). */
static void
assert_utf8(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	int			 n;

	while (*p != '\0') {
		n = *p < 0x80 ? 0 : (*p & 0xe0) == 0xc0 ? 1 : (*p & 0xf0) == 0xe0 ? 2 :
		    (*p & 0xf8) == 0xf0 ? 3 : -1;
		if (n < 0)
			fail_msg("not UTF-8 at %.20s", (const char *)p);
		for (p++; n > 0; n--, p++)
			if ((*p & 0xc0) != 0x80)
				fail_msg("not UTF-8 before %.20s", (const char *)p);
	}
}

/* Labels of random bytes (seeded): only the chart's own tags, well-formed UTF-8. */
static void
test_random_labels(void **state)
{
	static const char alphabet[] = "<>&\"' aZ\xd0\xb0\xd3\xa9\xe2\x80\xa6\x01\xff\x80";
	char		 labels[8][80];
	const char	*lp[8];
	int64_t		 v[8];
	unsigned	 seed = 12345;
	struct golden	 g = { "random", BARS, { .id = "r", .title = "r", .labels = lp,
			    .n = 8, .values = v } };
	char		*out;
	int		 round, i, j, len;

	(void)state;
	for (round = 0; round < 300; round++) {
		for (i = 0; i < 8; i++) {
			seed = seed * 1103515245 + 12345;
			len = (int)(seed >> 16) % 79;
			for (j = 0; j < len; j++) {
				seed = seed * 1103515245 + 12345;
				labels[i][j] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
			}
			labels[i][len] = '\0';
			lp[i] = labels[i];
			v[i] = (int64_t)(seed >> 8) % 100000;
		}
		g.kind = (enum kind)(round % 3);
		g.c.support = g.c.oppose = v;
		g.c.support_name = lp[0];
		g.c.oppose_name = lp[1];
		out = render(&g);
		assert_own_tags(out);
		assert_utf8(out);
		free(out);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden),
		cmocka_unit_test(test_stable),
		cmocka_unit_test(test_accessible),
		cmocka_unit_test(test_long_label),
		cmocka_unit_test(test_random_labels),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
