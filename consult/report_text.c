/* SPDX-License-Identifier: ISC */
/*
 * The report for a terminal (sanalctl report --format text): every section of
 * REPORTS.md 3.2 as plain columns, in English like the rest of sanalctl, from
 * the same aggregate as the JSON. Columns are padded by characters, not
 * bytes, since aimag names, titles and comments are Cyrillic. Citizen text
 * (campaigns, quotes) and titles lose their control characters on the way:
 * an ESC in a comment must not reach the official's terminal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "consult_int.h"
#include "smscmd.h"

#define TEXT_LABEL	24	/* the first column's width, characters */
#define TEXT_QUOTE	72	/* citizen text is cut to this many characters */

static const char *const text_status[] = { "open", "not_yet_open", "closed" };
static const char *const text_members[] = { "support", "oppose", "signatures",
	"comments" };

/* One line of a breakdown: its key and the four counts. */
struct text_cell {
	char	key[16];
	int64_t	n[4];
};

/* The length of the UTF-8 sequence at p, 0 if it is not one. */
static size_t
text_seq(const unsigned char *p)
{
	size_t	n, i;

	if (*p < 0x80)
		return 1;
	n = *p >= 0xc2 && *p < 0xe0 ? 2 : *p >= 0xe0 && *p < 0xf0 ? 3 :
	    *p >= 0xf0 && *p < 0xf5 ? 4 : 0;
	for (i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

/*
 * Appends s without control characters (C0, DEL, C1, which could drive the
 * terminal), at most max characters (0: all), "…" after a cut.
 */
static void
text_clean(struct buf *b, const char *s, size_t max)
{
	const unsigned char	*p = (const unsigned char *)(s != NULL ? s : "");
	size_t			 n = 0, len;

	for (; *p != '\0'; p += len) {
		len = text_seq(p);
		if (max > 0 && n == max) {
			buf_adds(b, "\xe2\x80\xa6");
			return;
		}
		n++;
		if (len == 0 || *p < 0x20 || *p == 0x7f || (*p == 0xc2 && p[1] < 0xa0)) {
			buf_add(b, " ", 1);
			len = len == 0 ? 1 : len;
		} else
			buf_add(b, p, len);
	}
}

/* Appends s cleaned, then spaces up to width characters. */
static void
text_pad(struct buf *b, const char *s, size_t width)
{
	struct buf	t;
	size_t		w;

	buf_init(&t);
	text_clean(&t, s, 0);
	buf_add(&t, "", 1);
	w = utf8_chars(t.data);
	buf_adds(b, t.data);
	for (; w < width; w++)
		buf_add(b, " ", 1);
	buf_free(&t);
}

/* The cell of key in cells, added if new. */
static struct text_cell *
text_cell(struct text_cell **cells, size_t *n, const char *key)
{
	size_t	i;

	for (i = 0; i < *n; i++)
		if (strcmp((*cells)[i].key, key) == 0)
			return &(*cells)[i];
	*cells = xrealloc(*cells, (*n + 1) * sizeof **cells);
	memset(&(*cells)[*n], 0, sizeof **cells);
	snprintf((*cells)[*n].key, sizeof (*cells)[*n].key, "%s", key);
	return &(*cells)[(*n)++];
}

/* Which of the four members a tally row counts under. */
static int
text_member(const char *what)
{
	return strcmp(what, "support") == 0 ? 0 : strcmp(what, "oppose") == 0 ? 1 :
	    strcmp(what, "signature") == 0 ? 2 : 3;
}

/* A breakdown of rows by channel (0), aimag (1) or soum (2). */
static void
text_group(struct buf *b, const struct report_row *rows, size_t nrows, int by,
    const char *title)
{
	struct text_cell	*cells = NULL, *c;
	const char		*key, *name;
	char			 place[96];
	size_t			 n = 0, i, k;

	buf_addf(b, "\n%s\n  %*s", title, TEXT_LABEL, "");
	for (k = 0; k < nitems(text_members); k++)
		buf_addf(b, " %10s", text_members[k]);
	buf_adds(b, "\n");
	for (i = 0; i < nrows; i++) {
		key = by == 0 ? rows[i].channel : rows[i].aimag[0] ? rows[i].aimag : "unknown";
		c = text_cell(&cells, &n, key);
		c->n[text_member(rows[i].what)] += rows[i].n;
	}
	for (i = 0; i < n; i++) {
		name = cells[i].key;
		if (by == 1 && gazetteer_aimag_name(name) != NULL)
			name = gazetteer_aimag_name(name);
		else if (by == 2 && strcmp(name, "unknown") != 0) {
			consult_place_name(name, place, sizeof place);
			name = place[0] ? place : name;
		}
		buf_adds(b, "  ");
		text_pad(b, name, TEXT_LABEL);
		for (k = 0; k < nitems(text_members); k++)
			buf_addf(b, " %10lld", (long long)cells[i].n[k]);
		buf_adds(b, "\n");
	}
	free(cells);
}

/* The header and the headline. */
static void
text_head(struct buf *b, const struct report *r)
{
	char	opens[32], closes[32], asof[32];

	clock_format_ub(r->opens, opens, sizeof opens);
	clock_format_ub(r->closes, closes, sizeof closes);
	report_iso(r->asof, asof);
	buf_addf(b, "%s %s: ", r->kind, r->code);
	text_clean(b, r->title, 0);
	buf_addf(b, "\nstatus %s, %s .. %s (Ulaanbaatar time)\n",
	    text_status[r->status], opens, closes);
	buf_addf(b, "data as of %s\n", asof);
	buf_addf(b, "participants %lld\n", (long long)r->participants);
	if (strcmp(r->kind, "petition") == 0)
		buf_addf(b, "signatures %lld of %lld needed\n", (long long)r->signatures,
		    (long long)r->threshold);
	else
		buf_addf(b, "votes: support %lld, oppose %lld\n", (long long)r->support,
		    (long long)r->oppose);
	buf_addf(b, "comments %lld (%lld without campaign copies)\n",
	    (long long)r->comments, (long long)report_without_campaigns(r));
}

/* By article: votes, share, comments by stance, topics, contested. */
static void
text_articles(struct buf *b, const struct report *r)
{
	const struct report_article	*a;
	char				 pct[16];
	size_t				 i, k;

	buf_adds(b, "\nby article (busiest first)\n  article  support   oppose  "
	    "%support comments  support oppose amend question other  topics\n");
	for (i = 0; i < r->narticles; i++) {
		a = &r->articles[i];
		report_percent(pct, a->support, a->support + a->oppose);
		buf_adds(b, "  ");
		text_pad(b, a->number, 7);
		buf_addf(b, " %8lld %8lld %9s %8lld ", (long long)a->support,
		    (long long)a->oppose, pct[0] ? pct : "-", (long long)a->comments);
		for (k = 0; k < REPORT_NSTANCE; k++)
			buf_addf(b, " %*lld", (int)strlen(report_stance[k]),
			    (long long)a->by_stance[k]);
		buf_addf(b, "  %s%s%s%s\n", a->topic[0][0] ? a->topic[0] : "-",
		    a->topic[1][0] ? ", " : "", a->topic[1],
		    a->contested ? "  [contested]" : "");
		if (a->title != NULL) {
			buf_adds(b, "           ");
			text_clean(b, a->title, TEXT_QUOTE);
			buf_adds(b, "\n");
		}
	}
	if (r->narticles == 0)
		buf_adds(b, "  none\n");
}

/* Over time, one line a day. */
static void
text_days(struct buf *b, const struct report *r)
{
	size_t	i;

	buf_adds(b, "\nby day (Ulaanbaatar)\n  day             votes   comments signatures\n");
	for (i = 0; i < r->ndays; i++)
		buf_addf(b, "  %-10s %10lld %10lld %10lld\n", r->days[i].day,
		    (long long)r->days[i].votes, (long long)r->days[i].comments,
		    (long long)r->days[i].signatures);
	if (r->ndays == 0)
		buf_adds(b, "  none\n");
}

/* Topics × stance, one line a cell. */
static void
text_topics(struct buf *b, const struct report *r)
{
	const struct report_topic	*t;
	char				 pct[16];
	size_t				 i;

	buf_adds(b, "\ncomments by stance and topic\n  stance    topic            "
	    "comments  share  human  campaign copies\n");
	for (i = 0; i < r->ntopics; i++) {
		t = &r->topics[i];
		report_percent(pct, t->n, r->comments);
		buf_adds(b, "  ");
		text_pad(b, t->stance, 9);
		buf_adds(b, " ");
		text_pad(b, t->topic, 16);
		buf_addf(b, " %8lld %6s %6lld %16lld\n", (long long)t->n, pct,
		    (long long)t->human, (long long)t->campaign);
	}
	if (r->ntopics == 0)
		buf_adds(b, "  none\n");
}

/* Campaigns: each once, with its text, and the totals with and without. */
static void
text_campaigns(struct buf *b, const struct report *r)
{
	const struct report_campaign	*c;
	char				 first[32], last[32];
	size_t				 i;

	buf_addf(b, "\ncampaigns: %zu; comments %lld with campaign copies, %lld without\n",
	    r->ncampaigns, (long long)r->comments, (long long)report_without_campaigns(r));
	for (i = 0; i < r->ncampaigns; i++) {
		c = &r->campaigns[i];
		report_iso(c->first, first);
		report_iso(c->last, last);
		buf_addf(b, "  #%lld: %lld comments, %s .. %s, %s, %lld aimags\n    \"",
		    (long long)c->id, (long long)c->n, first, last, c->channels,
		    (long long)c->aimags);
		text_clean(b, c->text, TEXT_QUOTE);
		buf_adds(b, "\"\n");
	}
}

/* Representative comments, as approved. */
static void
text_quotes(struct buf *b, const struct report *r)
{
	const struct report_quote	*q;
	const char			*aimag;
	char				 day[32];
	size_t				 i;

	buf_addf(b, "\nrepresentative comments (approved): %zu\n", r->nquotes);
	for (i = 0; i < r->nquotes; i++) {
		q = &r->quotes[i];
		report_iso(q->ts, day);
		day[10] = '\0';
		aimag = gazetteer_aimag_name(q->aimag);
		buf_addf(b, "  #%lld, article %s, %s, %s, %s, %s/%s\n    \"",
		    (long long)q->comment_id, q->article[0] ? q->article : "-",
		    aimag != NULL ? aimag : "-", q->channel, day,
		    q->stance[0] ? q->stance : "-", q->topic[0] ? q->topic : "-");
		text_clean(b, q->text, 0);
		buf_adds(b, "\"\n");
	}
}

/* Decisions, when there are any. */
static void
text_decisions(struct buf *b, const struct report *r)
{
	char	when[32];
	size_t	i;

	if (r->ndecisions == 0)
		return;
	buf_adds(b, "\ndecisions (you said, we did)\n");
	for (i = 0; i < r->ndecisions; i++) {
		report_iso(r->decisions[i].ts, when);
		buf_addf(b, "  %s: %s, %s\n    ", r->decisions[i].article[0] ?
		    r->decisions[i].article : "whole item", r->decisions[i].outcome, when);
		text_clean(b, r->decisions[i].reason, 0);
		buf_adds(b, "\n");
	}
}

/* Methods and caveats, always. */
static void
text_methods(struct buf *b, const struct report *r)
{
	char	**lines;
	size_t	  n, i;

	buf_adds(b, "\nmethods and caveats\n");
	lines = report_methods_text(r, LANG_EN, 0, &n);
	for (i = 0; i < n; i++) {
		buf_addf(b, "  - %s\n", lines[i]);
		free(lines[i]);
	}
	free(lines);
}

char *
report_text(const struct report *r)
{
	struct buf	b;

	buf_init(&b);
	text_head(&b, r);
	text_group(&b, r->rows, r->nrows, 0, "by channel");
	text_articles(&b, r);
	text_group(&b, r->rows, r->nrows, 1, "by aimag");
	if (r->nsoums > 0)
		text_group(&b, r->soums, r->nsoums, 2, "by soum or district");
	text_days(&b, r);
	text_topics(&b, r);
	text_campaigns(&b, r);
	text_quotes(&b, r);
	text_methods(&b, r);
	text_decisions(&b, r);
	return buf_steal(&b);
}
