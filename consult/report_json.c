/* SPDX-License-Identifier: ISC */
/*
 * The report as JSON, for sanalctl and for sanald's open data: the members
 * scripts rely on (DESIGN.md) first and exact — code, kind, votes, signatures,
 * comments — then status, dates, title and the counts by channel and by aimag.
 * The public variant writes each breakdown count from 1 to 4 as "<5", so that
 * nobody can be picked out of a small aimag (REPORTS.md 3.5); totals stay
 * exact. Also the Frictionless Data Package descriptor of /open, whose CSV
 * schema is report_csv.c's column table. The one file of consult/ that knows
 * jansson; nothing of it leaves here but text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

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

/* JSON text of o, which it releases. Caller frees. */
static char *
report_dump(json_t *o)
{
	char	*s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

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
	return report_dump(o);
}

/* --- the Data Package descriptor ------------------------------------------------ */

/* The CSV's Table Schema: report_csv.c's columns; "<5" and "" read as missing. */
static json_t *
report_csv_schema(void)
{
	json_t	*fields = json_array();
	size_t	 i;

	for (i = 0; i < report_csv_nfields; i++)
		json_array_append_new(fields, json_pack("{s:s, s:s, s:s}",
		    "name", report_csv_fields[i].name, "type", report_csv_fields[i].type,
		    "description", report_csv_fields[i].description));
	return json_pack("{s:o, s:[s, s]}", "fields", fields, "missingValues", "",
	    REPORT_SUPPRESSED);
}

struct report_pkg {
	struct consult	*c;
	json_t		*resources;
	int		 failed;
};

/* Adds an item's two files to the descriptor's resources. */
static int
report_pkg_item_cb(const struct db_item *it, void *arg)
{
	struct report_pkg	*p = arg;
	char			*title = NULL, name[32], path[32];

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
	json_array_append_new(p->resources, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, "
	    "s:s, s:{s:s, s:s, s:s, s:b, s:b}, s:o}",
	    "name", name, "path", path, "profile", "tabular-data-resource",
	    "title", title ? title : it->code, "format", "csv", "mediatype", "text/csv",
	    "encoding", "utf-8", "dialect", "delimiter", ",", "lineTerminator", "\r\n",
	    "quoteChar", "\"", "doubleQuote", 1, "header", 1, "schema",
	    report_csv_schema()));
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
	    "item, by channel and by aimag, recomputed on every request. No "
	    "personal data. A count from 1 to 4 in a breakdown is written \"<5\"; "
	    "totals are exact.", "created", created, "resources", p.resources));
}
