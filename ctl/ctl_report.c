/* SPDX-License-Identifier: ISC */
/*
 * sanalctl report: the counts so far for one item, as JSON (the DESIGN.md
 * members first: code, kind, votes, signatures, comments) or as text for a
 * terminal. Each count is broken down by channel and by aimag.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "analytics.h"
#include "common.h"
#include "consult.h"
#include "ctl.h"
#include "smscmd.h"

static const char *const report_status[] = { "open", "not_yet_open", "closed" };

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

/* Adds n to obj[group][key][member], creating the objects as needed. */
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

/* Builds the report object. Caller decrefs. */
static json_t *
report_json(const struct report *r)
{
	json_t		*o, *bych = json_object(), *byaimag = json_object(), *doc;
	const char	*name;
	char		 opens[32], closes[32];
	size_t		 i;

	clock_format_ub(r->opens, opens, sizeof opens);
	clock_format_ub(r->closes, closes, sizeof closes);
	o = json_pack("{s:s, s:s, s:{s:I, s:I}, s:I, s:I, s:s, s:s, s:s}",
	    "code", r->code, "kind", r->kind, "votes", "support", (json_int_t)r->support,
	    "oppose", (json_int_t)r->oppose, "signatures", (json_int_t)r->signatures,
	    "comments", (json_int_t)r->comments, "status", report_status[r->status],
	    "opens", opens, "closes", closes);
	if (strcmp(r->kind, "petition") == 0)
		json_object_set_new(o, "threshold", json_integer(r->threshold));
	if ((doc = json_loads(r->doc, 0, NULL)) != NULL) {
		json_object_set(o, "title", json_object_get(doc, "title"));
		json_decref(doc);
	}
	for (i = 0; i < r->nrows; i++) {
		report_add(bych, r->rows[i].channel, report_member(r->rows[i].what),
		    r->rows[i].n);
		report_add(byaimag, r->rows[i].aimag[0] ? r->rows[i].aimag : "unknown",
		    report_member(r->rows[i].what), r->rows[i].n);
		if ((name = gazetteer_aimag_name(r->rows[i].aimag)) != NULL)
			json_object_set_new(json_object_get(byaimag, r->rows[i].aimag),
			    "name", json_string(name));
	}
	json_object_set_new(o, "by_channel", bych);
	json_object_set_new(o, "by_aimag", byaimag);
	return o;
}

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

int
ctl_report(struct ctl *ctl, int argc, char **argv)
{
	struct report	 r;
	const char	*format = "json";
	json_t		*o;
	int		 i, recount = 0, rc;

	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
			format = argv[++i];
		else if (strcmp(argv[i], "--recount") == 0)
			recount = 1;
		else
			argc = 0;
	}
	if (argc < 2 || (strcmp(format, "json") != 0 && strcmp(format, "text") != 0)) {
		fprintf(stderr, "usage: sanalctl report CODE [--format json|text] "
		    "[--recount]\n");
		return 2;
	}
	if ((rc = report_build(ctl->c, argv[1], recount, &r)) != 0) {
		fprintf(stderr, "sanalctl: %s\n", rc == 1 ? "no item with that code" :
		    "cannot read the database");
		return 1;
	}
	o = report_json(&r);
	if (strcmp(format, "json") == 0) {
		json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
	} else
		report_text(&r, o);
	json_decref(o);
	report_free(&r);
	return 0;
}
