/* SPDX-License-Identifier: ISC */
/*
 * The report for people: HTML in the official's language (mn, en, kk; every
 * heading and caption from the bundles, r_* keys), each section of
 * REPORTS.md 3.2 in order under an <h2 id>, a table for every breakdown with
 * its caption and <th scope> (each in a focusable scroll region of its own,
 * so a phone scrolls the table, not the page), and beside it a chart of
 * chart.c (bars by channel, diverging bars by article, bars by aimag sorted
 * by value, columns over days). The chart's own table is left out: the
 * section's table next to it holds the same numbers. REPORT_HTML_DOCUMENT
 * makes a whole page with an inline style that prints on A4 (table heads
 * repeat, a page per section); otherwise a fragment for /admin's page shell,
 * whose stylesheet carries report_html_css. No script, no external
 * resource. Every text is escaped, citizen text above all; public outputs
 * write counts from 1 to 4 as "<5" and leave such rows out of the charts,
 * whose bars would give them away. This file holds the page and the sections
 * up to "over time"; report_html_sec.c the rest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "consult_int.h"
#include "report_html.h"
#include "smscmd.h"

/* The page's own: only a whole document sets the body. */
static const char html_body_css[] =
"body{font:16px/1.45 system-ui,sans-serif;color:#0b0c0c;background:#fff;"
"margin:0 auto;max-width:64rem;padding:1rem}"
"@media print{body{max-width:none;padding:0;font-size:10pt}}";

/* The report's, all under .report: a page shell may include it as it is. */
const char report_html_css[] =
".report table{border-collapse:collapse;margin:.5rem 0 1rem}"
".report th,.report td{border-bottom:1px solid #b1b4b6;padding:.25rem .5rem;"
"text-align:left;vertical-align:top}"
".report td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
".report caption{text-align:left;font-weight:700;padding:.25rem 0}"
".report .pair{display:flex;flex-wrap:wrap;gap:1rem 2rem;align-items:flex-start}"
".report figure{margin:.5rem 0}.report .chart{max-width:100%;height:auto}"
".report figcaption{font-weight:700}.report .wide{max-width:100%;overflow-x:auto}"
".report .wide:focus{outline:3px solid #fd0;box-shadow:0 0 0 6px #0b0c0c}"
".report .badge{display:inline-block;border:2px solid #0b0c0c;padding:0 .3rem;"
"font-weight:700;font-size:.875rem}"
".report dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}"
".report dd{margin:0}.report a{color:#1d70b8}"
"@media print{@page{size:A4;margin:15mm}"
".report thead{display:table-header-group}"
".report tr,.report figure{break-inside:avoid;page-break-inside:avoid}"
".report section{break-before:page;page-break-before:always}"
".report section:first-of-type{break-before:auto;page-break-before:auto}"
".report .wide{overflow:visible}.report a{color:inherit;text-decoration:none}}";

/* --- text ------------------------------------------------------------------------------ */

/* The length of the UTF-8 sequence at p and its code point; 0 if malformed. */
static size_t
html_seq(const unsigned char *p, uint32_t *cp)
{
	static const uint32_t	 min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t			 n, i;

	if (*p < 0x80) {
		*cp = *p;
		return 1;
	}
	n = *p >= 0xc2 && *p < 0xe0 ? 2 : *p >= 0xe0 && *p < 0xf0 ? 3 :
	    *p >= 0xf0 && *p < 0xf5 ? 4 : 0;
	*cp = *p & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		*cp = *cp << 6 | (p[i] & 0x3f);
	}
	if (n == 0 || *cp < min[n] || *cp > 0x10ffff || (*cp >= 0xd800 && *cp < 0xe000))
		return 0;
	return n;
}

void
html_esc(struct buf *b, const char *s)
{
	const unsigned char	*p = (const unsigned char *)(s != NULL ? s : "");
	uint32_t		 cp;
	size_t			 len;

	for (; *p != '\0'; p += len) {
		if ((len = html_seq(p, &cp)) == 0) {
			buf_adds(b, "\xef\xbf\xbd");	/* U+FFFD */
			len = 1;
			continue;
		}
		switch (cp) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		case '\'': buf_adds(b, "&#39;"); break;
		default:
			if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
				buf_adds(b, " ");	/* controls: a space */
			else if ((cp >= 0x202a && cp <= 0x202e) ||
			    (cp >= 0x2066 && cp <= 0x2069))
				;			/* bidi overrides: dropped */
			else
				buf_add(b, p, len);
		}
	}
}

char *
html_msg(const struct html *h, const char *key, const char *a0, const char *a1)
{
	const char	*args[2] = { a0, a1 };
	char		*s = msg_render(h->lang, key, args, a1 ? 2 : a0 ? 1 : 0);

	return s != NULL ? s : xstrdup(key);
}

void
html_t(struct html *h, const char *key, const char *a0, const char *a1)
{
	char	*s = html_msg(h, key, a0, a1);

	html_esc(&h->b, s);
	free(s);
}

void
html_section(struct html *h, const char *id, const char *key)
{
	buf_addf(&h->b, "<section aria-labelledby=\"%s\">\n<h2 id=\"%s\">", id, id);
	html_t(h, key, NULL, NULL);
	buf_adds(&h->b, "</h2>\n");
}

void
html_table(struct html *h, const char *caption, const char *const *keys, size_t n)
{
	size_t	i;

	html_wide(h, caption);
	buf_adds(&h->b, "<thead><tr>");
	for (i = 0; i < n; i++) {
		buf_adds(&h->b, "<th scope=\"col\">");
		html_t(h, keys[i], NULL, NULL);
		buf_adds(&h->b, "</th>");
	}
	buf_adds(&h->b, "</tr></thead>\n<tbody>\n");
}

void
html_wide(struct html *h, const char *caption)
{
	buf_adds(&h->b, "<div class=\"wide\" role=\"region\" tabindex=\"0\" aria-label=\"");
	html_t(h, caption, NULL, NULL);
	buf_adds(&h->b, "\"><table><caption>");
	html_t(h, caption, NULL, NULL);
	buf_adds(&h->b, "</caption>\n");
}

void
html_table_end(struct html *h)
{
	buf_adds(&h->b, "</tbody></table></div>\n");
}

void
html_num(struct html *h, int64_t n, int suppress)
{
	char	s[24];

	report_count(s, n, suppress && h->public);
	buf_addf(&h->b, "<td class=\"n\">%s</td>", s[0] == '<' ? "&lt;5" : s);
}

void
html_cell(struct html *h, const char *s)
{
	buf_adds(&h->b, "<td>");
	html_esc(&h->b, s);
	buf_adds(&h->b, "</td>");
}

void
html_time(struct html *h, int64_t ts)
{
	char	s[32];

	clock_format_ub(ts, s, sizeof s);
	html_esc(&h->b, s);
}

void
html_none(struct html *h)
{
	buf_adds(&h->b, "<p>");
	html_t(h, "r_none", NULL, NULL);
	buf_adds(&h->b, "</p>\n");
}

/* --- 1. the header ----------------------------------------------------------------------- */

/* A <dt> from key and the start of its <dd>. */
static void
html_dt(struct html *h, const char *key, const char *arg)
{
	buf_adds(&h->b, "<dt>");
	html_t(h, key, arg, NULL);
	buf_adds(&h->b, "</dt><dd>");
}

static void
html_header(struct html *h, const struct report *r)
{
	static const char *const status[] = { "open", "not_yet_open", "closed" };
	int	petition = strcmp(r->kind, "petition") == 0;

	html_section(h, "r-header", "r_header");
	buf_adds(&h->b, "<dl>\n");
	html_dt(h, "r_item", r->kind);
	html_esc(&h->b, r->code);
	if (h->title != NULL) {
		buf_adds(&h->b, "</dd>\n");
		html_dt(h, "r_title_col", NULL);
		html_esc(&h->b, h->title);
	}
	buf_adds(&h->b, "</dd>\n");
	html_dt(h, "r_status_label", NULL);
	html_t(h, "r_status", status[r->status], NULL);
	buf_adds(&h->b, "</dd>\n");
	html_dt(h, "r_opens", NULL);
	html_time(h, r->opens);
	buf_adds(&h->b, "</dd>\n");
	html_dt(h, "r_closes", NULL);
	html_time(h, r->closes);
	buf_adds(&h->b, "</dd>\n");
	if (petition) {
		html_dt(h, "r_threshold", NULL);
		buf_addf(&h->b, "%lld</dd>\n", (long long)r->threshold);
	}
	html_dt(h, "r_asof", NULL);
	html_time(h, r->asof);
	buf_adds(&h->b, " (Asia/Ulaanbaatar)</dd>\n");
	html_dt(h, "r_text_link", NULL);
	buf_addf(&h->b, "<a href=\"/%s/", petition ? "p" : "c");
	html_esc(&h->b, r->code);
	buf_addf(&h->b, "\">/%s/", petition ? "p" : "c");
	html_esc(&h->b, r->code);
	buf_adds(&h->b, "</a></dd>\n</dl>\n</section>\n");
}

/* --- breakdowns of the tally rows ----------------------------------------------------- */

/* Which of support, oppose, signatures, comments a tally row counts under. */
static int
html_member(const char *what)
{
	return strcmp(what, "support") == 0 ? 0 : strcmp(what, "oppose") == 0 ? 1 :
	    strcmp(what, "signature") == 0 ? 2 : 3;
}

/* The rows summed by channel (by 0) or by aimag or soum (by 1); order of first sight. */
static size_t
html_group(const struct report_row *rows, size_t nrows, int by, struct html_cell **out)
{
	struct html_cell	*c = NULL;
	const char		*key;
	size_t			 n = 0, i, j;

	for (i = 0; i < nrows; i++) {
		key = by == 0 ? rows[i].channel : rows[i].aimag;
		for (j = 0; j < n && strcmp(c[j].key, key) != 0; j++)
			;
		if (j == n) {
			c = xrealloc(c, (n + 1) * sizeof *c);
			memset(&c[n], 0, sizeof *c);
			snprintf(c[n].key, sizeof c[n].key, "%s", key);
			n++;
		}
		c[j].n[html_member(rows[i].what)] += rows[i].n;
	}
	*out = c;
	return n;
}

/* The count a chart of this item shows for a cell: votes, or signatures. */
static int64_t
html_measure(const struct report *r, const struct html_cell *c)
{
	return strcmp(r->kind, "petition") == 0 ? c->n[2] : c->n[0] + c->n[1];
}

/* The four counts of a cell as table cells. */
static void
html_counts(struct html *h, const struct html_cell *c)
{
	size_t	k;

	for (k = 0; k < 4; k++)
		html_num(h, c->n[k], 1);
}

/* --- 2. the headline ------------------------------------------------------------------ */

/* One row of the headline table: a label and an exact total. */
static void
html_total(struct html *h, const char *key, int64_t n)
{
	buf_adds(&h->b, "<tr><th scope=\"row\">");
	html_t(h, key, NULL, NULL);
	buf_adds(&h->b, "</th>");
	html_num(h, n, 0);
	buf_adds(&h->b, "</tr>\n");
}

static void
html_headline(struct html *h, const struct report *r)
{
	static const char *const cols[] = { "r_figure", "r_count" };
	static const char *const bycols[] = { "r_channel", "r_support", "r_oppose",
		"r_signatures", "r_comments" };
	struct html_cell	*c;
	char			*labels[8], *title;
	int64_t			 v[8];
	struct chart		 ch = { .id = "r-c-channel", .notable = 1 };
	size_t			 n, i;

	html_section(h, "r-headline", "r_headline");
	buf_adds(&h->b, "<div class=\"pair\">\n");
	html_table(h, "r_headline", cols, nitems(cols));
	html_total(h, "r_participants", r->participants);
	if (strcmp(r->kind, "petition") == 0)
		html_total(h, "r_signatures", r->signatures);
	else {
		html_total(h, "r_support", r->support);
		html_total(h, "r_oppose", r->oppose);
	}
	html_total(h, "r_comments", r->comments);
	html_table_end(h);
	n = html_group(r->rows, r->nrows, 0, &c);
	html_table(h, "r_by_channel", bycols, nitems(bycols));
	for (i = 0; i < n; i++) {
		buf_adds(&h->b, "<tr><th scope=\"row\">");
		html_t(h, "r_channel_name", c[i].key, NULL);
		buf_adds(&h->b, "</th>");
		html_counts(h, &c[i]);
		buf_adds(&h->b, "</tr>\n");
	}
	html_table_end(h);
	for (i = 0; i < n && ch.n < 8; i++) {
		if (report_small(html_measure(r, &c[i]), h->public))
			continue;		/* its bar would give the count away */
		labels[ch.n] = html_msg(h, "r_channel_name", c[i].key, NULL);
		v[ch.n++] = html_measure(r, &c[i]);
	}
	title = html_msg(h, "r_by_channel", NULL, NULL);
	ch.title = title;
	ch.labels = (const char *const *)labels;
	ch.values = v;
	chart_bars(&h->b, &ch);
	free(title);
	for (i = 0; i < (size_t)ch.n; i++)
		free(labels[i]);
	free(c);
	buf_adds(&h->b, "</div>\n</section>\n");
}

/* --- 3. by article -------------------------------------------------------------------- */

/* An article's row: number, title, votes, share, comments, stances, topics, flag. */
static void
html_article_row(struct html *h, const struct report_article *a)
{
	char	pct[16];
	size_t	k;
	int	small = report_small(a->support, h->public) ||
		    report_small(a->oppose, h->public);

	buf_adds(&h->b, "<tr><th scope=\"row\">");
	html_esc(&h->b, a->number);
	buf_adds(&h->b, "</th>");
	html_cell(h, a->title);
	html_num(h, a->support, 1);
	html_num(h, a->oppose, 1);
	report_percent(pct, a->support, a->support + a->oppose);
	buf_addf(&h->b, "<td class=\"n\">%s</td>", small || !pct[0] ? "" : pct);
	html_num(h, a->comments, 1);
	for (k = 0; k < REPORT_NSTANCE; k++)
		html_num(h, a->by_stance[k], 1);
	buf_adds(&h->b, "<td>");
	for (k = 0; k < 2 && a->topic[k][0] != '\0'; k++) {
		buf_adds(&h->b, k ? ", " : "");
		html_t(h, "r_topic", a->topic[k], NULL);
	}
	buf_adds(&h->b, "</td><td>");
	if (a->contested) {
		buf_adds(&h->b, "<strong class=\"badge\">");
		html_t(h, "r_contested", NULL, NULL);
		buf_adds(&h->b, "</strong>");
	}
	buf_adds(&h->b, "</td></tr>\n");
}

/* The diverging chart of the articles' votes. */
static void
html_article_chart(struct html *h, const struct report *r)
{
	struct chart	 ch = { .id = "r-c-articles", .notable = 1 };
	char		**labels = xcalloc(r->narticles + 1, sizeof *labels);
	int64_t		*s = xcalloc(r->narticles + 1, sizeof *s);
	int64_t		*o = xcalloc(r->narticles + 1, sizeof *o);
	char		*title = html_msg(h, "r_articles", NULL, NULL);
	char		*yes = html_msg(h, "r_support", NULL, NULL);
	char		*no = html_msg(h, "r_oppose", NULL, NULL);
	size_t		 i;

	for (i = 0; i < r->narticles; i++) {
		if (report_small(r->articles[i].support, h->public) ||
		    report_small(r->articles[i].oppose, h->public))
			continue;
		labels[ch.n] = xasprintf("%s. %s", r->articles[i].number,
		    r->articles[i].title ? r->articles[i].title : "");
		s[ch.n] = r->articles[i].support;
		o[ch.n++] = r->articles[i].oppose;
	}
	ch.title = title;
	ch.labels = (const char *const *)labels;
	ch.support = s;
	ch.oppose = o;
	ch.support_name = yes;
	ch.oppose_name = no;
	chart_diverging(&h->b, &ch);
	for (i = 0; i < (size_t)ch.n; i++)
		free(labels[i]);
	free(labels);
	free(s);
	free(o);
	free(title);
	free(yes);
	free(no);
}

static void
html_articles(struct html *h, const struct report *r)
{
	static const char *const cols[] = { "r_article", "r_title_col", "r_support",
		"r_oppose", "r_share_support", "r_comments" };
	size_t	i;

	html_section(h, "r-articles", "r_articles");
	if (r->narticles == 0) {
		html_none(h);
		buf_adds(&h->b, "</section>\n");
		return;
	}
	/* two header rows: the comments' columns grouped under one head */
	html_wide(h, "r_articles");
	buf_adds(&h->b, "<colgroup span=\"6\"></colgroup>"
	    "<colgroup span=\"5\"></colgroup><colgroup span=\"2\"></colgroup>\n<thead><tr>");
	for (i = 0; i < nitems(cols); i++) {
		buf_adds(&h->b, "<th scope=\"col\" rowspan=\"2\">");
		html_t(h, cols[i], NULL, NULL);
		buf_adds(&h->b, "</th>");
	}
	buf_addf(&h->b, "<th scope=\"colgroup\" colspan=\"%d\">", REPORT_NSTANCE);
	html_t(h, "r_comments", NULL, NULL);
	buf_adds(&h->b, "</th><th scope=\"col\" rowspan=\"2\">");
	html_t(h, "r_top_topics", NULL, NULL);
	buf_adds(&h->b, "</th><th scope=\"col\" rowspan=\"2\">");
	html_t(h, "r_contested", NULL, NULL);
	buf_adds(&h->b, "</th></tr>\n<tr>");
	for (i = 0; i < REPORT_NSTANCE; i++) {
		buf_adds(&h->b, "<th scope=\"col\">");
		html_t(h, "r_stance", report_stance[i], NULL);
		buf_adds(&h->b, "</th>");
	}
	buf_adds(&h->b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < r->narticles; i++)
		html_article_row(h, &r->articles[i]);
	html_table_end(h);
	html_article_chart(h, r);
	buf_adds(&h->b, "</section>\n");
}

/* --- 4. by aimag, by soum ----------------------------------------------------------------- */

/* Busiest first (v), the unknown place last, then by comments and code. */
static int
html_place_cmp(const void *a, const void *b)
{
	const struct html_cell	*x = a, *y = b;

	if ((x->key[0] == '\0') != (y->key[0] == '\0'))
		return x->key[0] == '\0' ? 1 : -1;
	if (x->v != y->v)
		return x->v > y->v ? -1 : 1;
	if (x->n[3] != y->n[3])
		return x->n[3] > y->n[3] ? -1 : 1;
	return strcmp(x->key, y->key);
}

/* The name of a place cell: aimag or "aimag, soum"; "" if unknown. */
static void
html_place(const struct html_cell *c, int soum, char *out, size_t len)
{
	const char	*name;

	out[0] = '\0';
	if (c->key[0] == '\0')
		return;
	if (soum)
		consult_place_name(c->key, out, len);
	else if ((name = gazetteer_aimag_name(c->key)) != NULL)
		snprintf(out, len, "%s", name);
	if (out[0] == '\0')
		snprintf(out, len, "%s", c->key);
}

/* A table of places and its bars, busiest first. */
static void
html_places(struct html *h, const struct report *r, const struct report_row *rows,
    size_t nrows, int soum)
{
	static const char *const cols[] = { "r_aimag", "r_support", "r_oppose",
		"r_share_support", "r_signatures", "r_comments" };
	struct html_cell	*c;
	struct chart		 ch = { .id = soum ? "r-c-soums" : "r-c-aimags", .notable = 1 };
	const char		*key = soum ? "r_soums" : "r_aimags";
	char			 name[96], pct[16], **labels;
	int64_t			*v;
	size_t			 n, i;

	n = html_group(rows, nrows, 1, &c);
	for (i = 0; i < n; i++)
		c[i].v = html_measure(r, &c[i]);
	if (n > 1)
		qsort(c, n, sizeof *c, html_place_cmp);
	buf_adds(&h->b, "<div class=\"pair\">\n");
	html_table(h, key, cols, nitems(cols));
	labels = xcalloc(n + 1, sizeof *labels);
	v = xcalloc(n + 1, sizeof *v);
	for (i = 0; i < n; i++) {
		html_place(&c[i], soum, name, sizeof name);
		buf_adds(&h->b, "<tr><th scope=\"row\">");
		if (name[0] != '\0')
			html_esc(&h->b, name);
		else
			html_t(h, "r_unknown", NULL, NULL);
		buf_adds(&h->b, "</th>");
		html_num(h, c[i].n[0], 1);
		html_num(h, c[i].n[1], 1);
		report_percent(pct, c[i].n[0], c[i].n[0] + c[i].n[1]);
		if (report_small(c[i].n[0], h->public) || report_small(c[i].n[1], h->public))
			pct[0] = '\0';
		buf_addf(&h->b, "<td class=\"n\">%s</td>", pct);
		html_num(h, c[i].n[2], 1);
		html_num(h, c[i].n[3], 1);
		buf_adds(&h->b, "</tr>\n");
		if (name[0] == '\0' || report_small(c[i].v, h->public))
			continue;
		labels[ch.n] = xstrdup(name);
		v[ch.n++] = c[i].v;
	}
	html_table_end(h);
	ch.title = html_msg(h, key, NULL, NULL);
	ch.labels = (const char *const *)labels;
	ch.values = v;
	chart_bars(&h->b, &ch);
	free((char *)ch.title);
	for (i = 0; i < (size_t)ch.n; i++)
		free(labels[i]);
	free(labels);
	free(v);
	free(c);
	buf_adds(&h->b, "</div>\n");
}

static void
html_aimags(struct html *h, const struct report *r)
{
	html_section(h, "r-aimags", "r_aimags");
	html_places(h, r, r->rows, r->nrows, 0);
	buf_adds(&h->b, "</section>\n");
	if (r->nsoums == 0)
		return;
	html_section(h, "r-soums", "r_soums");
	html_places(h, r, r->soums, r->nsoums, 1);
	buf_adds(&h->b, "</section>\n");
}

/* --- 5. over time ---------------------------------------------------------------------- */

/* The campaigns first seen on day, as notes: "Campaign 41 began (120 comments)". */
static void
html_day_notes(struct html *h, const struct report *r, const char *day)
{
	char	first[32], id[24], n[24];
	size_t	i;
	int	k = 0;

	for (i = 0; i < r->ncampaigns; i++) {
		if (!report_campaign_shown(r, i, h->public))
			continue;
		report_iso(r->campaigns[i].first, first);
		if (strncmp(first, day, 10) != 0)
			continue;
		snprintf(id, sizeof id, "%lld", (long long)r->campaigns[i].id);
		snprintf(n, sizeof n, "%lld", (long long)r->campaigns[i].n);
		buf_adds(&h->b, k++ ? "; " : "");
		html_t(h, "r_campaign_began", id, n);
	}
}

/* A columns chart of one count per day. */
static void
html_day_chart(struct html *h, const struct report *r, const char *id, const char *key,
    int which)
{
	struct chart	  ch = { .id = id, .notable = 1 };
	const char	**labels = xcalloc(r->ndays + 1, sizeof *labels);
	int64_t		 *v = xcalloc(r->ndays + 1, sizeof *v), n;
	char		 *days = html_msg(h, "r_days", NULL, NULL);
	char		 *what = html_msg(h, key, NULL, NULL), *small = NULL;
	char		 *title = xasprintf("%s: %s", days, what);
	size_t		  i;

	if (h->public) {		/* say why a day shows nothing */
		small = html_msg(h, "r_m_small", NULL, NULL);
		ch.desc = small;
	}
	for (i = 0; i < r->ndays; i++) {
		n = which == 0 ? r->days[i].votes : which == 1 ? r->days[i].signatures :
		    r->days[i].comments;
		labels[ch.n] = r->days[i].day;
		v[ch.n++] = report_small(n, h->public) ? 0 : n;	/* drawn as none */
	}
	ch.title = title;
	ch.labels = labels;
	ch.values = v;
	chart_columns(&h->b, &ch);
	free(labels);
	free(v);
	free(title);
	free(days);
	free(what);
	free(small);
}

static void
html_days(struct html *h, const struct report *r)
{
	static const char *const cols[] = { "r_day", "r_votes", "r_comments",
		"r_signatures", "r_note" };
	size_t	i;

	html_section(h, "r-days", "r_days");
	if (r->ndays == 0) {
		html_none(h);
		buf_adds(&h->b, "</section>\n");
		return;
	}
	buf_adds(&h->b, "<div class=\"pair\">\n");
	html_table(h, "r_days", cols, nitems(cols));
	for (i = 0; i < r->ndays; i++) {
		buf_adds(&h->b, "<tr><th scope=\"row\">");
		html_esc(&h->b, r->days[i].day);
		buf_adds(&h->b, "</th>");
		html_num(h, r->days[i].votes, 1);
		html_num(h, r->days[i].comments, 1);
		html_num(h, r->days[i].signatures, 1);
		buf_adds(&h->b, "<td>");
		html_day_notes(h, r, r->days[i].day);
		buf_adds(&h->b, "</td></tr>\n");
	}
	html_table_end(h);
	buf_adds(&h->b, "<div>\n");
	if (strcmp(r->kind, "petition") == 0)
		html_day_chart(h, r, "r-c-days", "r_signatures", 1);
	else
		html_day_chart(h, r, "r-c-days", "r_votes", 0);
	html_day_chart(h, r, "r-c-days-comments", "r_comments", 2);
	buf_adds(&h->b, "</div>\n</div>\n</section>\n");
}

/* --- the page ----------------------------------------------------------------------------- */

/* The document's head and the report's <h1>. */
static void
html_open(struct html *h, const struct report *r)
{
	char	*report = html_msg(h, "r_report", NULL, NULL);

	buf_addf(&h->b, "<!doctype html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\"/>\n<title>", lang_code(h->lang));
	html_esc(&h->b, report);
	buf_adds(&h->b, ": ");
	html_esc(&h->b, h->title != NULL ? h->title : r->code);
	buf_addf(&h->b, "</title>\n<style>%s%s</style>\n</head>\n<body>\n<main>\n",
	    html_body_css, report_html_css);
	buf_adds(&h->b, "<h1>");
	html_esc(&h->b, report);
	buf_adds(&h->b, ": ");
	html_esc(&h->b, h->title != NULL ? h->title : r->code);
	buf_adds(&h->b, "</h1>\n");
	free(report);
}

char *
report_html(const struct report *r, enum lang lang, int flags,
    void (*cell_link)(struct buf *, const char *, const char *, void *), void *arg)
{
	struct html	h = { .lang = lang, .public = (flags & REPORT_HTML_PUBLIC) != 0,
			    .cell_link = cell_link, .arg = arg };

	buf_init(&h.b);
	h.title = report_title_in(r, lang_code(lang));
	if (flags & REPORT_HTML_DOCUMENT)
		html_open(&h, r);
	buf_adds(&h.b, "<div class=\"report\">\n");
	html_header(&h, r);
	html_headline(&h, r);
	html_articles(&h, r);
	html_aimags(&h, r);
	html_days(&h, r);
	html_topics(&h, r);
	html_campaigns(&h, r);
	html_quotes(&h, r);
	html_methods(&h, r);
	html_decisions(&h, r);
	buf_adds(&h.b, "</div>\n");
	if (flags & REPORT_HTML_DOCUMENT)
		buf_adds(&h.b, "</main>\n</body>\n</html>\n");
	free(h.title);
	return buf_steal(&h.b);
}
