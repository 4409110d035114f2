/* SPDX-License-Identifier: ISC */
/*
 * The report's HTML, second half (report_html.c has the page): topics ×
 * stance as a grid whose counts link to the comments behind them when the
 * caller says how, campaigns shown once with the totals with and without
 * their copies, representative comments with what traces them (id, article,
 * aimag, channel, date — never a phone), the methods and caveats, always, and
 * the decisions officials published.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consult_int.h"
#include "report_html.h"
#include "smscmd.h"

/* --- 6. topics × stance -------------------------------------------------------------- */

/* The distinct topics of the cells, in the order first seen. *n set. Caller frees. */
static const char **
html_topic_names(const struct report *r, size_t *n)
{
	const char	**t = xcalloc(r->ntopics + 1, sizeof *t);
	size_t		  i, j;

	*n = 0;
	for (i = 0; i < r->ntopics; i++) {
		for (j = 0; j < *n && strcmp(t[j], r->topics[i].topic) != 0; j++)
			;
		if (j == *n)
			t[(*n)++] = r->topics[i].topic;
	}
	return t;
}

/* One count of the grid: a link to its comments when the caller gives one. */
static void
html_grid_cell(struct html *h, const char *stance, const char *topic, int64_t n)
{
	char	s[24];

	report_count(s, n, h->public);
	buf_adds(&h->b, "<td class=\"n\">");
	if (h->cell_link != NULL && n > 0 && !report_small(n, h->public)) {
		buf_adds(&h->b, "<a href=\"");
		h->cell_link(&h->b, stance, topic, h->arg);
		buf_addf(&h->b, "\">%s</a>", s);
	} else
		buf_adds(&h->b, s[0] == '<' ? "&lt;5" : s);
	buf_adds(&h->b, "</td>");
}

/* A topic's row: a count per stance, the total, its share, labelled, copies. */
static void
html_topic_row(struct html *h, const struct report *r, const char *topic,
    int64_t col[REPORT_NSTANCE])
{
	const struct report_topic	*t;
	int64_t				 by[REPORT_NSTANCE] = { 0 }, all = 0, hu = 0, cp = 0;
	char				 pct[16];
	size_t				 i, k;

	for (i = 0; i < r->ntopics; i++) {
		t = &r->topics[i];
		if (strcmp(t->topic, topic) != 0)
			continue;
		for (k = 0; k < REPORT_NSTANCE; k++)
			if (strcmp(t->stance, report_stance[k]) == 0)
				by[k] += t->n;
		all += t->n;
		hu += t->human;
		cp += t->campaign;
	}
	buf_adds(&h->b, "<tr><th scope=\"row\">");
	if (topic[0] != '\0')
		html_t(h, "r_topic", topic, NULL);
	else
		html_t(h, "r_unknown", NULL, NULL);
	buf_adds(&h->b, "</th>");
	for (k = 0; k < REPORT_NSTANCE; k++) {
		html_grid_cell(h, report_stance[k], topic, by[k]);
		col[k] += by[k];
	}
	html_num(h, all, 1);
	report_percent(pct, all, r->comments);
	buf_addf(&h->b, "<td class=\"n\">%s</td>", report_small(all, h->public) ? "" : pct);
	html_num(h, hu, 1);
	html_num(h, cp, 1);
	buf_adds(&h->b, "</tr>\n");
}

/* The grid's head: topic, a column per stance, total, share, labelled, copies. */
static void
html_topic_head(struct html *h)
{
	static const char *const tail[] = { "r_total", "r_share", "r_human", "r_copies" };
	size_t	k;

	html_wide(h, "r_topics");
	buf_adds(&h->b, "<thead><tr><th scope=\"col\">");
	html_t(h, "r_topic_col", NULL, NULL);
	buf_adds(&h->b, "</th>");
	for (k = 0; k < REPORT_NSTANCE; k++) {
		buf_adds(&h->b, "<th scope=\"col\">");
		html_t(h, "r_stance", report_stance[k], NULL);
		buf_adds(&h->b, "</th>");
	}
	for (k = 0; k < nitems(tail); k++) {
		buf_adds(&h->b, "<th scope=\"col\">");
		html_t(h, tail[k], NULL, NULL);
		buf_adds(&h->b, "</th>");
	}
	buf_adds(&h->b, "</tr></thead>\n<tbody>\n");
}

void
html_topics(struct html *h, const struct report *r)
{
	const char	**names;
	int64_t		  col[REPORT_NSTANCE] = { 0 };
	size_t		  n, i, k;

	html_section(h, "r-topics", "r_topics");
	if (r->ntopics == 0) {
		html_none(h);
		buf_adds(&h->b, "</section>\n");
		return;
	}
	names = html_topic_names(r, &n);
	html_topic_head(h);
	for (i = 0; i < n; i++)
		html_topic_row(h, r, names[i], col);
	buf_adds(&h->b, "</tbody>\n<tfoot><tr><th scope=\"row\">");
	html_t(h, "r_total", NULL, NULL);
	buf_adds(&h->b, "</th>");
	for (k = 0; k < REPORT_NSTANCE; k++)
		html_num(h, col[k], 1);
	buf_adds(&h->b, "<td></td><td></td><td></td><td></td></tr></tfoot></table></div>\n"
	    "</section>\n");
	free(names);
}

/* --- 7. campaigns ------------------------------------------------------------------------ */

/* "sms,web" as the channels' names, comma-separated. */
static void
html_channels(struct html *h, const char *list)
{
	char	ch[24];
	size_t	n;
	int	k = 0;

	while (*list != '\0') {
		n = strcspn(list, ",");
		if (n > 0 && n < sizeof ch) {
			memcpy(ch, list, n);
			ch[n] = '\0';
			buf_adds(&h->b, k++ ? ", " : "");
			html_t(h, "r_channel_name", ch, NULL);
		}
		list += n + (list[n] == ',');
	}
}

void
html_campaigns(struct html *h, const struct report *r)
{
	static const char *const cols[] = { "r_id", "r_text", "r_count", "r_channel",
		"r_first_seen", "r_last_seen", "r_aimag_count" };
	const struct report_campaign	*c;
	char				 with[24], without[24];
	size_t				 i, shown = 0;

	html_section(h, "r-campaigns", "r_campaigns");
	snprintf(with, sizeof with, "%lld", (long long)r->comments);
	snprintf(without, sizeof without, "%lld", (long long)report_without_campaigns(r));
	buf_adds(&h->b, "<p>");
	html_t(h, "r_with_without", with, without);
	buf_adds(&h->b, "</p>\n");
	for (i = 0; i < r->ncampaigns; i++) {
		if (!report_campaign_shown(r, i, h->public))
			continue;
		if (shown++ == 0)
			html_table(h, "r_campaigns", cols, nitems(cols));
		c = &r->campaigns[i];
		buf_addf(&h->b, "<tr><th scope=\"row\">%lld</th>", (long long)c->id);
		html_cell(h, c->text);
		html_num(h, c->n, 0);
		buf_adds(&h->b, "<td>");
		html_channels(h, c->channels);
		buf_adds(&h->b, "</td><td>");
		html_time(h, c->first);
		buf_adds(&h->b, "</td><td>");
		html_time(h, c->last);
		buf_adds(&h->b, "</td>");
		html_num(h, c->aimags, 0);
		buf_adds(&h->b, "</tr>\n");
	}
	if (shown > 0)
		html_table_end(h);
	else
		html_none(h);
	buf_adds(&h->b, "</section>\n");
}

/* --- 8. representative comments -------------------------------------------------------- */

void
html_quotes(struct html *h, const struct report *r)
{
	static const char *const cols[] = { "r_id", "r_text", "r_article", "r_aimag",
		"r_channel", "r_stance_col", "r_topic_col", "r_date" };
	const struct report_quote	*q;
	char				 day[32];
	size_t				 i;

	html_section(h, "r-quotes", "r_quotes");
	buf_adds(&h->b, "<p>");
	html_t(h, "r_quote_note", NULL, NULL);
	buf_adds(&h->b, "</p>\n");
	if (r->nquotes == 0) {
		html_none(h);
		buf_adds(&h->b, "</section>\n");
		return;
	}
	html_table(h, "r_quotes", cols, nitems(cols));
	for (i = 0; i < r->nquotes; i++) {
		q = &r->quotes[i];
		report_iso(q->ts, day);
		day[10] = '\0';
		buf_addf(&h->b, "<tr><th scope=\"row\">%lld</th>", (long long)q->comment_id);
		html_cell(h, q->text);
		html_cell(h, q->article);
		html_cell(h, gazetteer_aimag_name(q->aimag));
		buf_adds(&h->b, "<td>");
		html_t(h, "r_channel_name", q->channel, NULL);
		buf_adds(&h->b, "</td><td>");
		if (q->stance[0] != '\0')
			html_t(h, "r_stance", q->stance, NULL);
		buf_adds(&h->b, "</td><td>");
		if (q->topic[0] != '\0')
			html_t(h, "r_topic", q->topic, NULL);
		buf_adds(&h->b, "</td>");
		html_cell(h, day);
		buf_adds(&h->b, "</tr>\n");
	}
	html_table_end(h);
	buf_adds(&h->b, "</section>\n");
}

/* --- 9. methods and caveats ---------------------------------------------------------- */

void
html_methods(struct html *h, const struct report *r)
{
	char	**lines;
	size_t	  n, i;

	html_section(h, "r-methods", "r_methods");
	lines = report_methods_text(r, h->lang, h->public, &n);
	buf_adds(&h->b, "<ul>\n");
	for (i = 0; i < n; i++) {
		buf_adds(&h->b, "<li>");
		html_esc(&h->b, lines[i]);
		buf_adds(&h->b, "</li>\n");
		free(lines[i]);
	}
	buf_adds(&h->b, "</ul>\n</section>\n");
	free(lines);
}

/* --- 11. you said, we did ------------------------------------------------------------ */

void
html_decisions(struct html *h, const struct report *r)
{
	static const char *const cols[] = { "r_article", "r_outcome_col", "r_reason",
		"r_date" };
	const struct report_decision	*d;
	size_t				 i;

	if (r->ndecisions == 0)
		return;
	html_section(h, "r-decisions", "r_decisions");
	html_table(h, "r_decisions", cols, nitems(cols));
	for (i = 0; i < r->ndecisions; i++) {
		d = &r->decisions[i];
		buf_adds(&h->b, "<tr><th scope=\"row\">");
		if (d->article[0] != '\0')
			html_esc(&h->b, d->article);
		else
			html_t(h, "r_whole", NULL, NULL);
		buf_adds(&h->b, "</th><td>");
		html_t(h, "r_outcome", d->outcome, NULL);
		buf_adds(&h->b, "</td>");
		html_cell(h, d->reason);
		buf_adds(&h->b, "<td>");
		html_time(h, d->ts);
		buf_adds(&h->b, "</td></tr>\n");
	}
	html_table_end(h);
	buf_adds(&h->b, "</section>\n");
}
