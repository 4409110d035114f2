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
 *
 * Besides the tally rows, one table per section of the report (REPORTS.md
 * 3.3, "one table per file"): by article, by day, stance × topic,
 * campaigns, quotes, decisions and, when built, by soum. Their rows are
 * walked once here and written through a sink (report_int.h), so that the
 * XLSX's sheets hold the same cells; public ones leave out campaigns of
 * fewer than 5 comments and a share that would give a small count away.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consult_int.h"
#include "report_int.h"
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

/* --- one file per breakdown ---------------------------------------------------------- */

static const struct report_csv_field csv_articles[] = {
	{ "code", "string", "The item's code." },
	{ "article", "string", "The article's number." },
	{ "title", "string", "The article's title in Mongolian." },
	{ "support", "integer", "Current votes supporting the article." },
	{ "oppose", "integer", "Current votes opposing the article." },
	{ "support_share", "number", "support / (support + oppose), to three "
	    "decimals; empty when there are no votes or a count is suppressed." },
	{ "comments", "integer", "Comments on the article." },
	{ "support_comments", "integer", "Its comments whose stance is support." },
	{ "oppose_comments", "integer", "Its comments whose stance is oppose." },
	{ "amend_comments", "integer", "Its comments proposing a change." },
	{ "question_comments", "integer", "Its comments asking a question." },
	{ "other_comments", "integer", "Its other comments." },
	{ "topic1", "string", "The commonest topic of its comments." },
	{ "topic2", "string", "The second commonest topic." },
	{ "contested", "boolean", "true when support is within 10 points of 50 % "
	    "with at least 30 votes." },
};
static const struct report_csv_field csv_days[] = {
	{ "code", "string", "The item's code." },
	{ "day", "date", "The day in Ulaanbaatar time (Asia/Ulaanbaatar)." },
	{ "votes", "integer", "Current votes last cast that day." },
	{ "comments", "integer", "Comments that day." },
	{ "signatures", "integer", "Signatures that day." },
};
static const struct report_csv_field csv_topics[] = {
	{ "code", "string", "The item's code." },
	{ "stance", "string", "support, oppose, amend, question or other." },
	{ "topic", "string", "The comments' topic." },
	{ "comments", "integer", "Comments with that stance and topic." },
	{ "human_labelled", "integer", "Of them, labelled by an official." },
	{ "campaign_copies", "integer", "Of them, copies in a campaign (not its "
	    "first comment)." },
};
static const struct report_csv_field csv_campaigns[] = {
	{ "code", "string", "The item's code." },
	{ "campaign", "integer", "The campaign's id: its first comment's id." },
	{ "comments", "integer", "Comments in the campaign, the first included." },
	{ "text", "string", "The first comment's text, personal data removed." },
	{ "first_seen", "datetime", "When the first came (+08:00)." },
	{ "last_seen", "datetime", "When the last came (+08:00)." },
	{ "channels", "string", "The channels it came by, comma-separated." },
	{ "aimags", "integer", "How many aimags it came from." },
};
static const struct report_csv_field csv_quotes[] = {
	{ "code", "string", "The item's code." },
	{ "comment_id", "integer", "The comment's id." },
	{ "article", "string", "The article it is about; empty for the whole item." },
	{ "aimag", "string", "The national code of the writer's aimag, if known." },
	{ "aimag_name", "string", "That aimag's name in Cyrillic." },
	{ "channel", "string", "sms, ussd or web." },
	{ "stance", "string", "Its stance." },
	{ "topic", "string", "Its topic." },
	{ "date", "date", "The day it was written (Ulaanbaatar)." },
	{ "text", "string", "The text an official approved, personal data removed." },
};
static const struct report_csv_field csv_decisions[] = {
	{ "code", "string", "The item's code." },
	{ "article", "string", "The article decided on; empty for the whole item." },
	{ "outcome", "string", "adopted, changed or not_adopted." },
	{ "reason", "string", "The reason officials gave." },
	{ "decided", "datetime", "When it was published (+08:00)." },
};
static const struct report_csv_field csv_soums[] = {
	{ "code", "string", "The item's code." },
	{ "title", "string", "The item's title in Mongolian." },
	{ "what", "string", "support, oppose, signature or comment." },
	{ "channel", "string", "sms, ussd or web." },
	{ "soum", "string", "The soum's or district's code; empty if unknown." },
	{ "soum_name", "string", "Its aimag and name in Cyrillic." },
	{ "n", "integer", "How many. In open data a count from 1 to 4 is "
	    "written \"<5\"." },
};

const struct report_csv_section report_csv_sections[] = {
	{ "articles", "By article", csv_articles, nitems(csv_articles) },
	{ "days", "By day", csv_days, nitems(csv_days) },
	{ "topics", "Comments by stance and topic", csv_topics, nitems(csv_topics) },
	{ "campaigns", "Campaigns: the same text from many people", csv_campaigns,
	    nitems(csv_campaigns) },
	{ "quotes", "Representative comments, approved by an official", csv_quotes,
	    nitems(csv_quotes) },
	{ "decisions", "Decisions: you said, we did", csv_decisions,
	    nitems(csv_decisions) },
	{ "soums", "By soum or district", csv_soums, nitems(csv_soums) },
};
const size_t report_csv_nsections = nitems(report_csv_sections);

/* --- the rows of each section, written to a sink (CSV here, XLSX too) --------------- */

static void
sec_articles(const struct report *r, struct report_sink *k)
{
	const struct report_article	*a;
	size_t				 i, j;
	int				 small;

	for (i = 0; i < r->narticles; i++) {
		a = &r->articles[i];
		k->text(k, r->code);
		k->text(k, a->number);
		k->text(k, a->title);
		k->count(k, a->support);
		k->count(k, a->oppose);
		/* a share beside a suppressed count would give the count away */
		small = report_small(a->support, k->public) ||
		    report_small(a->oppose, k->public);
		k->share(k, small ? -1 : report_permille(a->support, a->support + a->oppose));
		k->count(k, a->comments);
		for (j = 0; j < REPORT_NSTANCE; j++)
			k->count(k, a->by_stance[j]);
		k->text(k, a->topic[0]);
		k->text(k, a->topic[1]);
		k->flag(k, a->contested);
		k->end(k);
	}
}

static void
sec_days(const struct report *r, struct report_sink *k)
{
	size_t	i;

	for (i = 0; i < r->ndays; i++) {
		k->text(k, r->code);
		k->text(k, r->days[i].day);
		k->count(k, r->days[i].votes);
		k->count(k, r->days[i].comments);
		k->count(k, r->days[i].signatures);
		k->end(k);
	}
}

static void
sec_topics(const struct report *r, struct report_sink *k)
{
	size_t	i;

	for (i = 0; i < r->ntopics; i++) {
		k->text(k, r->code);
		k->text(k, r->topics[i].stance);
		k->text(k, r->topics[i].topic);
		k->count(k, r->topics[i].n);
		k->count(k, r->topics[i].human);
		k->count(k, r->topics[i].campaign);
		k->end(k);
	}
}

static void
sec_campaigns(const struct report *r, struct report_sink *k)
{
	const struct report_campaign	*c;
	char				 first[32], last[32];
	size_t				 i;

	for (i = 0; i < r->ncampaigns; i++) {
		if (!report_campaign_shown(r, i, k->public))
			continue;
		c = &r->campaigns[i];
		report_iso(c->first, first);
		report_iso(c->last, last);
		k->text(k, r->code);
		k->number(k, c->id);
		k->number(k, c->n);
		k->text(k, c->text);
		k->text(k, first);
		k->text(k, last);
		k->text(k, c->channels);
		k->number(k, c->aimags);
		k->end(k);
	}
}

static void
sec_quotes(const struct report *r, struct report_sink *k)
{
	const struct report_quote	*q;
	char				 day[32];
	size_t				 i;

	for (i = 0; i < r->nquotes; i++) {
		q = &r->quotes[i];
		report_iso(q->ts, day);
		day[10] = '\0';
		k->text(k, r->code);
		k->number(k, q->comment_id);
		k->text(k, q->article);
		k->text(k, q->aimag);
		k->text(k, gazetteer_aimag_name(q->aimag));
		k->text(k, q->channel);
		k->text(k, q->stance);
		k->text(k, q->topic);
		k->text(k, day);
		k->text(k, q->text);
		k->end(k);
	}
}

static void
sec_decisions(const struct report *r, struct report_sink *k)
{
	char	when[32];
	size_t	i;

	for (i = 0; i < r->ndecisions; i++) {
		report_iso(r->decisions[i].ts, when);
		k->text(k, r->code);
		k->text(k, r->decisions[i].article);
		k->text(k, r->decisions[i].outcome);
		k->text(k, r->decisions[i].reason);
		k->text(k, when);
		k->end(k);
	}
}

static void
sec_soums(const struct report *r, struct report_sink *k)
{
	char	name[96];
	size_t	i;

	for (i = 0; i < r->nsoums; i++) {
		consult_place_name(r->soums[i].aimag, name, sizeof name);
		k->text(k, r->code);
		k->text(k, r->title);
		k->text(k, r->soums[i].what);
		k->text(k, r->soums[i].channel);
		k->text(k, r->soums[i].aimag);
		k->text(k, r->soums[i].aimag[0] ? name : "");
		k->count(k, r->soums[i].n);
		k->end(k);
	}
}

/* In the order of report_csv_sections. */
static void (*const sec_rows[])(const struct report *, struct report_sink *) = {
	sec_articles, sec_days, sec_topics, sec_campaigns, sec_quotes, sec_decisions,
	sec_soums,
};
_Static_assert(nitems(sec_rows) == nitems(report_csv_sections),
    "a row writer for every section");

const struct report_csv_section *
report_section_find(const char *name)
{
	size_t	i;

	for (i = 0; i < report_csv_nsections; i++)
		if (strcmp(report_csv_sections[i].name, name) == 0)
			return &report_csv_sections[i];
	return NULL;
}

int
report_open_section(const char *name)
{
	return name != NULL && strcmp(name, "soums") != 0 &&
	    report_section_find(name) != NULL;
}

void
report_section_rows(const struct report *r, const struct report_csv_section *s,
    struct report_sink *k)
{
	sec_rows[s - report_csv_sections](r, k);
}

/* --- the CSV sink ---------------------------------------------------------------------- */

struct csv_sink {
	struct report_sink	 k;		/* first: the sink is the struct */
	struct buf		 b;
	int			 cells;		/* in the row so far */
};

static void
csv_sink_text(struct report_sink *k, const char *s)
{
	struct csv_sink	*o = (struct csv_sink *)k;

	if (o->cells++ > 0)
		buf_add(&o->b, ",", 1);
	report_csv_cell(&o->b, s != NULL ? s : "");
}

static void
csv_sink_count(struct report_sink *k, int64_t n)
{
	char	s[24];

	report_count(s, n, k->public);
	csv_sink_text(k, s);
}

static void
csv_sink_number(struct report_sink *k, int64_t n)
{
	char	s[24];

	report_count(s, n, 0);
	csv_sink_text(k, s);
}

static void
csv_sink_share(struct report_sink *k, int64_t permille)
{
	char	s[24] = "";

	if (permille >= 0)	/* at most 1000 */
		snprintf(s, sizeof s, "%d.%03d", (int)(permille / 1000),
		    (int)(permille % 1000));
	csv_sink_text(k, s);
}

static void
csv_sink_flag(struct report_sink *k, int on)
{
	csv_sink_text(k, on ? "true" : "false");
}

static void
csv_sink_end(struct report_sink *k)
{
	struct csv_sink	*o = (struct csv_sink *)k;

	buf_add(&o->b, "\r\n", 2);
	o->cells = 0;
}

char *
report_csv_section(const struct report *r, const char *name, int flags, size_t *len)
{
	const struct report_csv_section	*s = report_section_find(name);
	struct csv_sink			 o = { { csv_sink_text, csv_sink_count,
					    csv_sink_number, csv_sink_share, csv_sink_flag,
					    csv_sink_end, (flags & REPORT_CSV_PUBLIC) != 0 },
					    { 0 }, 0 };
	size_t				 i;

	if (s == NULL)
		return NULL;
	buf_init(&o.b);
	if (flags & REPORT_CSV_BOM)
		buf_add(&o.b, "\xef\xbb\xbf", 3);
	for (i = 0; i < s->nfields; i++)
		csv_sink_text(&o.k, s->fields[i].name);
	csv_sink_end(&o.k);
	report_section_rows(r, s, &o.k);
	*len = o.b.len;
	return buf_steal(&o.b);
}
