/* SPDX-License-Identifier: ISC */
/*
 * The report as JSON, for sanalctl and for sanald's open data: the members
 * scripts rely on (DESIGN.md) first and exact — code, kind, votes, signatures,
 * comments — then status, dates, title and the counts by channel and by aimag.
 * The public variant writes each breakdown count from 1 to 4 as "<5", so that
 * nobody can be picked out of a small aimag (REPORTS.md 3.5); totals stay
 * exact. After them, every member added since, in the order of REPORTS.md
 * 3.2: as_of, participants, by_article, by_soum (when built), by_day,
 * topics, campaigns, totals_without_campaigns, quotes, methods and
 * decisions (when any), suppressed the same way; public outputs also leave
 * out campaigns of fewer than 5 comments and who approved each quote.
 * Shares are thousandths, written with 15 significant digits so that 0.625
 * stays 0.625. Also the Frictionless Data Package descriptor of /open, with
 * each CSV's Table Schema from report_csv.c's column tables, and the item's
 * title in a language from its file. The one file of consult/ that knows
 * jansson; nothing of it leaves here but text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "analytics.h"
#include "consult_int.h"
#include "smscmd.h"

static const char *const report_status[] = { "open", "not_yet_open", "closed" };
static const char *const report_members[] = { "support", "oppose", "signatures",
	"comments" };

/* The JSON member a tally row counts under. */
static const char *
report_member(const char *what)
{
	if (strcmp(what, "signature") == 0)
		return "signatures";
	if (strcmp(what, "comment") == 0)
		return "comments";
	return what;
}

/* Adds n to obj[key][member], creating the cell as needed. */
static void
report_add(json_t *obj, const char *key, const char *member, int64_t n)
{
	json_t	*cell = json_object_get(obj, key);
	json_t	*v;

	if (cell == NULL) {
		cell = json_pack("{s:I, s:I, s:I, s:I}", "support", (json_int_t)0,
		    "oppose", (json_int_t)0, "signatures", (json_int_t)0,
		    "comments", (json_int_t)0);
		json_object_set_new(obj, key, cell);
	}
	v = json_object_get(cell, member);
	json_object_set_new(cell, member, json_integer(json_integer_value(v) + n));
}

/* Writes every count from 1 to REPORT_SMALL - 1 of a breakdown as "<5". */
static void
report_suppress(json_t *group)
{
	const char	*key;
	json_t		*cell, *v;
	json_int_t	 n;
	size_t		 i;

	json_object_foreach(group, key, cell) {
		for (i = 0; i < nitems(report_members); i++) {
			v = json_object_get(cell, report_members[i]);
			n = json_integer_value(v);
			if (json_is_integer(v) && n > 0 && n < REPORT_SMALL)
				json_object_set_new(cell, report_members[i],
				    json_string(REPORT_SUPPRESSED));
		}
	}
}

/* The counts by channel and by aimag, added to o. */
static void
report_breakdowns(json_t *o, const struct report *r, int public)
{
	json_t		*bych = json_object(), *byaimag = json_object();
	const char	*name, *member;
	size_t		 i;

	for (i = 0; i < r->nrows; i++) {
		member = report_member(r->rows[i].what);
		report_add(bych, r->rows[i].channel, member, r->rows[i].n);
		report_add(byaimag, r->rows[i].aimag[0] ? r->rows[i].aimag : "unknown",
		    member, r->rows[i].n);
		if ((name = gazetteer_aimag_name(r->rows[i].aimag)) != NULL)
			json_object_set_new(json_object_get(byaimag, r->rows[i].aimag),
			    "name", json_string(name));
	}
	if (public) {
		report_suppress(bych);
		report_suppress(byaimag);
	}
	json_object_set_new(o, "by_channel", bych);
	json_object_set_new(o, "by_aimag", byaimag);
}

/* --- REPORTS.md 3.2: the sections after the breakdowns --------------------------- */

/* A count: a number, or "<5" when public and from 1 to 4. */
static json_t *
report_jcount(int64_t n, int public)
{
	if (report_small(n, public))
		return json_string(REPORT_SUPPRESSED);
	return json_integer(n);
}

/* A share "0.625" as a JSON number, or null. */
static json_t *
report_jshare(int64_t part, int64_t whole)
{
	int64_t	t = report_permille(part, whole);

	return t >= 0 ? json_real((double)t / 1000) : json_null();
}

/* A time as ISO 8601 in Ulaanbaatar. */
static json_t *
report_jtime(int64_t ts)
{
	char	s[32];

	report_iso(ts, s);
	return json_string(s);
}

/* A string, or null when empty. */
static json_t *
report_jstr(const char *s)
{
	return s != NULL && *s != '\0' ? json_string(s) : json_null();
}

/* by_article: one object per article, busiest first. */
static json_t *
report_jarticles(const struct report *r, int public)
{
	const struct report_article	*a;
	json_t				*arr = json_array(), *st, *top, *o;
	size_t				 i, k;
	int				 small;

	for (i = 0; i < r->narticles; i++) {
		a = &r->articles[i];
		st = json_object();
		for (k = 0; k < REPORT_NSTANCE; k++)
			json_object_set_new(st, report_stance[k],
			    report_jcount(a->by_stance[k], public));
		top = json_array();
		for (k = 0; k < 2; k++)
			if (a->topic[k][0] != '\0')
				json_array_append_new(top, json_string(a->topic[k]));
		/* a share beside a suppressed count would give the count away */
		small = report_small(a->support, public) || report_small(a->oppose, public);
		o = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b}",
		    "number", a->number, "title", report_jstr(a->title),
		    "support", report_jcount(a->support, public),
		    "oppose", report_jcount(a->oppose, public),
		    "support_share", small ? json_null() :
		    report_jshare(a->support, a->support + a->oppose),
		    "comments", report_jcount(a->comments, public),
		    "by_stance", st, "topics", top, "contested", a->contested != 0);
		json_array_append_new(arr, o);
	}
	return arr;
}

/* by_soum: like by_aimag, keyed by soum or district code. */
static json_t *
report_jsoums(const struct report *r, int public)
{
	json_t		*by = json_object();
	const char	*code;
	char		 name[96];
	size_t		 i;

	for (i = 0; i < r->nsoums; i++) {
		code = r->soums[i].aimag[0] ? r->soums[i].aimag : "unknown";
		report_add(by, code, report_member(r->soums[i].what), r->soums[i].n);
		consult_place_name(r->soums[i].aimag, name, sizeof name);
		if (r->soums[i].aimag[0] != '\0' && name[0] != '\0')
			json_object_set_new(json_object_get(by, code), "name",
			    json_string(name));
	}
	if (public)
		report_suppress(by);
	return by;
}

/* by_day: oldest first. */
static json_t *
report_jdays(const struct report *r, int public)
{
	json_t	*arr = json_array();
	size_t	 i;

	for (i = 0; i < r->ndays; i++)
		json_array_append_new(arr, json_pack("{s:s, s:o, s:o, s:o}",
		    "day", r->days[i].day, "votes", report_jcount(r->days[i].votes, public),
		    "comments", report_jcount(r->days[i].comments, public),
		    "signatures", report_jcount(r->days[i].signatures, public)));
	return arr;
}

/* topics: the stance × topic cells. */
static json_t *
report_jtopics(const struct report *r, int public)
{
	const struct report_topic	*t;
	json_t				*arr = json_array();
	size_t				 i;

	for (i = 0; i < r->ntopics; i++) {
		t = &r->topics[i];
		json_array_append_new(arr, json_pack("{s:s, s:s, s:o, s:o, s:o}",
		    "stance", t->stance, "topic", t->topic,
		    "comments", report_jcount(t->n, public),
		    "human_labelled", report_jcount(t->human, public),
		    "campaign_copies", report_jcount(t->campaign, public)));
	}
	return arr;
}

/* "sms,web" as ["sms", "web"]. */
static json_t *
report_jchannels(const char *list)
{
	json_t	*arr = json_array();
	char	 ch[24];
	size_t	 n;

	while (*list != '\0') {
		n = strcspn(list, ",");
		if (n > 0 && n < sizeof ch) {
			memcpy(ch, list, n);
			ch[n] = '\0';
			json_array_append_new(arr, json_string(ch));
		}
		list += n + (list[n] == ',');
	}
	return arr;
}

/* campaigns: biggest first; public outputs leave out the small ones. */
static json_t *
report_jcampaigns(const struct report *r, int public)
{
	const struct report_campaign	*c;
	json_t				*arr = json_array();
	size_t				 i;

	for (i = 0; i < r->ncampaigns; i++) {
		if (!report_campaign_shown(r, i, public))
			continue;
		c = &r->campaigns[i];
		json_array_append_new(arr, json_pack("{s:I, s:I, s:o, s:o, s:o, s:o, s:I}",
		    "id", (json_int_t)c->id, "comments", (json_int_t)c->n,
		    "text", report_jstr(c->text), "first_seen", report_jtime(c->first),
		    "last_seen", report_jtime(c->last),
		    "channels", report_jchannels(c->channels), "aimags", (json_int_t)c->aimags));
	}
	return arr;
}

/* quotes: approved representative comments, scrubbed. */
static json_t *
report_jquotes(const struct report *r, int public)
{
	const struct report_quote	*q;
	json_t				*arr = json_array(), *o;
	char				 day[32];
	size_t				 i;

	for (i = 0; i < r->nquotes; i++) {
		q = &r->quotes[i];
		report_iso(q->ts, day);
		day[10] = '\0';
		o = json_pack("{s:I, s:o, s:o, s:s, s:o, s:o, s:s, s:o}",
		    "comment_id", (json_int_t)q->comment_id, "article", report_jstr(q->article),
		    "aimag", report_jstr(q->aimag), "channel", q->channel,
		    "stance", report_jstr(q->stance), "topic", report_jstr(q->topic),
		    "date", day, "text", report_jstr(q->text));
		if (!public)
			json_object_set_new(o, "approved_by", report_jstr(q->approved_by));
		json_array_append_new(arr, o);
	}
	return arr;
}

/* methods: what the numbers are and are not (REPORTS.md 3.2 §9). */
static json_t *
report_jmethods(const struct report *r)
{
	const struct report_methods	*m = &r->methods;
	int64_t				 f1 = (int64_t)(m->macro_f1 * 1000 + 0.5);
	char				 grouping[160];

	snprintf(grouping, sizeof grouping, "comments whose 64-bit text fingerprints "
	    "(one-bit MinHash of words and trigrams) differ in at most %d bits",
	    CAMPAIGN_NEAR);
	return json_pack("{s:b, s:n, s:s, s:o, s:I, s:I, s:o, s:I, s:I, s:I, s:s, "
	    "s:s, s:b}",
	    "self_selected", 1, "margin_of_error",
	    "margin_of_error_note", "Participants chose themselves (an opt-in "
	    "sample): results describe participants, not the population, and no "
	    "margin of error is given.",
	    "macro_f1", m->macro_f1 < 0 ? json_null() :
	    json_real((double)(f1 > 1000 ? 1000 : f1) / 1000),
	    "f1_rows", (json_int_t)m->f1_rows, "unclassified", (json_int_t)m->unclassified,
	    "unclassified_share", report_jshare(m->unclassified, r->comments),
	    "human_labelled", (json_int_t)m->human,
	    "campaign_copies", (json_int_t)m->campaign_copies,
	    "campaigns", (json_int_t)r->ncampaigns,
	    "campaign_grouping", grouping,
	    "timezone", "Asia/Ulaanbaatar", "one_current_vote", 1);
}

/* decisions: "you said, we did", when officials have published any. */
static json_t *
report_jdecisions(const struct report *r)
{
	json_t	*arr = json_array();
	size_t	 i;

	for (i = 0; i < r->ndecisions; i++)
		json_array_append_new(arr, json_pack("{s:o, s:s, s:s, s:o}",
		    "article", report_jstr(r->decisions[i].article),
		    "outcome", r->decisions[i].outcome, "reason", r->decisions[i].reason,
		    "decided", report_jtime(r->decisions[i].ts)));
	return arr;
}

/* Every member after the breakdowns, added to o. */
static void
report_sections(json_t *o, const struct report *r, int public)
{
	json_object_set_new(o, "as_of", report_jtime(r->asof));
	json_object_set_new(o, "participants", json_integer(r->participants));
	json_object_set_new(o, "by_article", report_jarticles(r, public));
	if (r->nsoums > 0)
		json_object_set_new(o, "by_soum", report_jsoums(r, public));
	json_object_set_new(o, "by_day", report_jdays(r, public));
	json_object_set_new(o, "topics", report_jtopics(r, public));
	json_object_set_new(o, "campaigns", report_jcampaigns(r, public));
	json_object_set_new(o, "totals_without_campaigns", json_pack("{s:I, s:I, s:I, "
	    "s:I}", "support", (json_int_t)r->support, "oppose", (json_int_t)r->oppose,
	    "signatures", (json_int_t)r->signatures,
	    "comments", (json_int_t)report_without_campaigns(r)));
	json_object_set_new(o, "quotes", report_jquotes(r, public));
	json_object_set_new(o, "methods", report_jmethods(r));
	if (r->ndecisions > 0)
		json_object_set_new(o, "decisions", report_jdecisions(r));
}

/* The item file's title object, added to o if the file has one. */
static void
report_title(json_t *o, const char *doc)
{
	json_t	*d;

	if (doc == NULL || (d = json_loads(doc, 0, NULL)) == NULL)
		return;
	if (json_object_get(d, "title") != NULL)
		json_object_set(o, "title", json_object_get(d, "title"));
	json_decref(d);
}

char *
report_title_in(const struct report *r, const char *lang)
{
	json_t		*d;
	const char	*t;
	char		*s = NULL;

	if (r->doc != NULL && (d = json_loads(r->doc, 0, NULL)) != NULL) {
		t = json_string_value(json_object_get(json_object_get(d, "title"), lang));
		if (t != NULL && *t != '\0')
			s = xstrdup(t);
		json_decref(d);
	}
	if (s == NULL && r->title != NULL)
		s = xstrdup(r->title);
	return s;
}

/* JSON text of o, which it releases. Caller frees. */
static char *
report_dump(json_t *o)
{
	/* shares are thousandths: 15 digits print them as 0.625, not 0.62499999999999989 */
	char	*s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
		    JSON_REAL_PRECISION(15));

	json_decref(o);
	if (s == NULL)
		fatal("report: out of memory writing JSON");
	return s;
}

char *
report_json(const struct report *r, int public)
{
	json_t	*o;
	char	 opens[32], closes[32];

	clock_format_ub(r->opens, opens, sizeof opens);
	clock_format_ub(r->closes, closes, sizeof closes);
	o = json_pack("{s:s, s:s, s:{s:I, s:I}, s:I, s:I, s:s, s:s, s:s}",
	    "code", r->code, "kind", r->kind, "votes", "support", (json_int_t)r->support,
	    "oppose", (json_int_t)r->oppose, "signatures", (json_int_t)r->signatures,
	    "comments", (json_int_t)r->comments, "status", report_status[r->status],
	    "opens", opens, "closes", closes);
	if (strcmp(r->kind, "petition") == 0)
		json_object_set_new(o, "threshold", json_integer(r->threshold));
	report_title(o, r->doc);
	report_breakdowns(o, r, public);
	if (public)
		json_object_set_new(o, "suppressed_below", json_integer(REPORT_SMALL));
	report_sections(o, r, public);
	return report_dump(o);
}

/* --- the Data Package descriptor ------------------------------------------------ */

/* A CSV's Table Schema from its columns; "<5" and "" read as missing. */
static json_t *
report_csv_schema(const struct report_csv_field *f, size_t n)
{
	json_t	*fields = json_array();
	size_t	 i;

	for (i = 0; i < n; i++)
		json_array_append_new(fields, json_pack("{s:s, s:s, s:s}",
		    "name", f[i].name, "type", f[i].type,
		    "description", f[i].description));
	return json_pack("{s:o, s:[s, s]}", "fields", fields, "missingValues", "",
	    REPORT_SUPPRESSED);
}

/* A CSV file's resource: RFC 4180 with CRLF, a header row, its schema. */
static json_t *
report_csv_resource(const char *name, const char *path, const char *title,
    json_t *schema)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
	    "s:{s:s, s:s, s:s, s:b, s:b}, s:o}",
	    "name", name, "path", path, "profile", "tabular-data-resource",
	    "title", title, "format", "csv", "mediatype", "text/csv",
	    "encoding", "utf-8", "dialect", "delimiter", ",", "lineTerminator", "\r\n",
	    "quoteChar", "\"", "doubleQuote", 1, "header", 1, "schema", schema);
}


struct report_pkg {
	struct consult	*c;
	json_t		*resources;
	int		 failed;
};

/* Adds an item's files to the descriptor's resources. */
static int
report_pkg_item_cb(const struct db_item *it, void *arg)
{
	struct report_pkg		*p = arg;
	const struct report_csv_section	*s;
	char				*title = NULL, name[48], path[48], *t;
	size_t				 i;

	if (db_item_text(p->c->db, it->id, "title", "mn", &title) < 0) {
		p->failed = 1;
		return 1;
	}
	snprintf(name, sizeof name, "sanal-%s-json", it->code);
	snprintf(path, sizeof path, "%s.json", it->code);
	json_array_append_new(p->resources, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}",
	    "name", name, "path", path, "title", title ? title : it->code,
	    "format", "json", "mediatype", "application/json", "encoding", "utf-8"));
	snprintf(name, sizeof name, "sanal-%s-csv", it->code);
	snprintf(path, sizeof path, "%s.csv", it->code);
	json_array_append_new(p->resources, report_csv_resource(name, path,
	    title ? title : it->code, report_csv_schema(report_csv_fields,
	    report_csv_nfields)));
	for (i = 0; i < report_csv_nsections; i++) {
		s = &report_csv_sections[i];
		if (!report_open_section(s->name))
			continue;
		snprintf(name, sizeof name, "sanal-%s-%s-csv", it->code, s->name);
		snprintf(path, sizeof path, "%s-%s.csv", it->code, s->name);
		t = xasprintf("%s: %s", title ? title : it->code, s->title);
		json_array_append_new(p->resources, report_csv_resource(name, path, t,
		    report_csv_schema(s->fields, s->nfields)));
		free(t);
	}
	free(title);
	return 0;
}

char *
report_datapackage(struct consult *c)
{
	struct report_pkg	 p = { c, json_array(), 0 };
	time_t			 now = (time_t)(clock_unix() + 8 * 3600);
	struct tm		 tm;
	char			 created[32];

	if (db_item_each(c->db, report_pkg_item_cb, &p) != 0 || p.failed) {
		json_decref(p.resources);
		return NULL;
	}
	gmtime_r(&now, &tm);
	strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%S+08:00", &tm);
	return report_dump(json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}",
	    "profile", "data-package", "name", "sanal-open-data",
	    "title", "Sanal: what citizens said on draft laws and petitions",
	    "description", "Counts of votes, signatures and comments for each "
	    "item, by channel and by aimag (CODE.csv), by article, by day, by "
	    "stance and topic, campaigns, representative comments an official "
	    "approved and the decisions taken (CODE-SECTION.csv), recomputed on "
	    "every request. No personal data: comments are published only once "
	    "approved and scrubbed. A count from 1 to 4 in a breakdown is written "
	    "\"<5\" and campaigns of fewer than 5 comments are left out; totals "
	    "are exact.", "created", created, "resources", p.resources));
}
