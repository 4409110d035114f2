/* SPDX-License-Identifier: ISC */
/*
 * sanalctl consultation: load a consultation or petition file (the DESIGN.md
 * JSON format), list items with their state and counts, open or close them by
 * hand (or give them back to their dates); sanalctl notify queues a message to
 * an item's participants.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "analytics.h"
#include "common.h"
#include "consult.h"
#include "ctl.h"
#include "db.h"

/* Reads a date member as Unix time; 0 or -1 with *cause. */
static int
ctl_date(json_t *doc, const char *key, int64_t *out, char **cause)
{
	const char	*s = json_string_value(json_object_get(doc, key));

	if (s == NULL)
		*cause = xasprintf("\"%s\" is missing or not a string", key);
	else if (clock_parse_iso8601(s, out) != 0)
		*cause = xasprintf("\"%s\": \"%s\" is not an ISO 8601 date", key, s);
	else
		return 0;
	return -1;
}

/* Collects article numbers (strings or integers), checking they are unique. */
static int
ctl_articles(json_t *doc, struct item_def *d, char ***numbers, char **cause)
{
	json_t	*arts = json_object_get(doc, "articles"), *a, *num;
	size_t	 i, j;

	*numbers = NULL;
	if (arts == NULL)
		return 0;
	if (!json_is_array(arts)) {
		*cause = xstrdup("\"articles\" must be an array");
		return -1;
	}
	*numbers = xcalloc(json_array_size(arts) + 1, sizeof **numbers);
	json_array_foreach(arts, i, a) {
		num = json_object_get(a, "number");
		if (json_is_string(num))
			(*numbers)[i] = xstrdup(json_string_value(num));
		else if (json_is_integer(num))
			(*numbers)[i] = xasprintf("%lld", (long long)json_integer_value(num));
		/* What citizens can type after the code: "12 3 ...". */
		if ((*numbers)[i] == NULL || strlen((*numbers)[i]) < 1 ||
		    strlen((*numbers)[i]) > 3 ||
		    strspn((*numbers)[i], "0123456789") != strlen((*numbers)[i])) {
			*cause = xasprintf("article %zu: \"number\" must be 1 to 3 digits",
			    i + 1);
			return -1;
		}
		for (j = 0; j < i; j++) {
			if (strcmp((*numbers)[j], (*numbers)[i]) == 0) {
				*cause = xasprintf("article %s appears twice", (*numbers)[i]);
				return -1;
			}
		}
	}
	d->articles = (const char *const *)*numbers;
	d->narticles = json_array_size(arts);
	return 0;
}

/*
 * The USSD texts, when given: title_short at most 20 characters and
 * summary_ussd at most 3 USSD pages, in every language and script it will be
 * shown in. 0 or -1 with *cause.
 */
static int
ctl_ussd_texts(json_t *doc, char **cause)
{
	json_t		*t, *v;
	const char	*lang, *s;
	enum lang	 l;
	int		 pages;

	json_object_foreach(json_object_get(doc, "title_short"), lang, v) {
		if ((s = json_string_value(v)) == NULL || utf8_chars(s) > USSD_TITLE_SHORT) {
			*cause = xasprintf("\"title_short\".%s: must be a text of at most "
			    "%d characters", lang, USSD_TITLE_SHORT);
			return -1;
		}
	}
	if ((t = json_object_get(doc, "summary_ussd")) == NULL)
		return 0;
	if (msg_init(NULL, cause) != 0)		/* pages are laid out with the menu's texts */
		return -1;
	json_object_foreach(t, lang, v) {
		if ((s = json_string_value(v)) == NULL || lang_parse(lang, &l) != 0) {
			*cause = xasprintf("\"summary_ussd\".%s: must be a text in mn, en "
			    "or kk", lang);
			return -1;
		}
		if ((pages = ussd_summary_pages(s, l, 0)) > USSD_SUMMARY_PAGES) {
			*cause = xasprintf("\"summary_ussd\".%s: needs %d USSD screens, at "
			    "most %d fit; shorten it (the whole \"summary\" goes by SMS)",
			    lang, pages, USSD_SUMMARY_PAGES);
			return -1;
		}
	}
	return 0;
}

/* Checks the file's members and fills d. 0 or -1 with *cause. */
static int
ctl_item_def(json_t *doc, struct item_def *d, char ***numbers, char **cause)
{
	json_t	*title = json_object_get(doc, "title");

	memset(d, 0, sizeof *d);
	*numbers = NULL;
	d->code = json_string_value(json_object_get(doc, "code"));
	d->kind = json_string_value(json_object_get(doc, "kind"));
	d->threshold = json_integer_value(json_object_get(doc, "threshold"));
	if (!json_is_object(doc))
		*cause = xstrdup("the file must hold one JSON object");
	else if (d->code == NULL)
		*cause = xstrdup("\"code\" is missing or not a string");
	else if (d->kind == NULL)
		*cause = xstrdup("\"kind\" is missing (consultation or petition)");
	else if (json_string_value(json_object_get(title, "mn")) == NULL)
		*cause = xstrdup("\"title\" needs at least an \"mn\" text");
	else if (ctl_date(doc, "opens", &d->opens, cause) == 0 &&
	    ctl_date(doc, "closes", &d->closes, cause) == 0 &&
	    ctl_ussd_texts(doc, cause) == 0)
		return ctl_articles(doc, d, numbers, cause);
	return -1;
}

/* consultation add FILE.json */
static int
ctl_add(struct ctl *ctl, const char *path)
{
	json_error_t	 err;
	json_t		*doc = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
	struct item_def	 d;
	char		**numbers = NULL, *cause = NULL, *text = NULL, **n;
	int		 rc = 1;

	if (doc == NULL) {
		fprintf(stderr, "sanalctl: %s:%d:%d: %s\n", path, err.line, err.column,
		    err.text);
		return 1;
	}
	if (ctl_item_def(doc, &d, &numbers, &cause) == 0) {
		text = json_dumps(doc, JSON_COMPACT);
		d.doc = text;
		if (item_add(ctl->c, &d, &cause) == 0) {
			printf("added %s %s with %zu articles\n", d.kind, d.code,
			    d.narticles);
			rc = 0;
		}
	}
	if (rc != 0)
		fprintf(stderr, "sanalctl: %s: %s\n", path, cause);
	for (n = numbers; n != NULL && *n != NULL; n++)
		free(*n);
	free(numbers);
	free(cause);
	free(text);
	json_decref(doc);
	reply_cache_clear();
	msg_shutdown();
	romanise_shutdown();
	return rc;
}

/* Prints one line per item. */
static int
ctl_list_cb(const struct db_item *it, void *arg)
{
	static const char *status[] = { "open", "not yet open", "closed" };
	char		 opens[32], closes[32];

	(void)arg;
	clock_format_ub(it->opens, opens, sizeof opens);
	clock_format_ub(it->closes, closes, sizeof closes);
	printf("%-6s %-12s %-13s %s .. %s%s\n", it->code, it->kind,
	    status[item_status_at(it->state, it->opens, it->closes, clock_unix())],
	    opens, closes, strcmp(it->state, "auto") ? " (set by hand)" : "");
	return 0;
}

int
ctl_consultation(struct ctl *ctl, int argc, char **argv)
{
	const char	*state = NULL;
	char		*cause;

	if (argc == 3 && strcmp(argv[1], "add") == 0)
		return ctl_add(ctl, argv[2]);
	if (argc == 2 && strcmp(argv[1], "list") == 0) {
		printf("%-6s %-12s %-13s %s\n", "CODE", "KIND", "STATUS",
		    "OPENS .. CLOSES (Ulaanbaatar time)");
		return db_item_each(consult_db(ctl->c), ctl_list_cb, NULL) == 0 ? 0 : 1;
	}
	if (argc == 3 && strcmp(argv[1], "open") == 0)
		state = "open";
	else if (argc == 3 && strcmp(argv[1], "close") == 0)
		state = "closed";
	else if (argc == 3 && strcmp(argv[1], "auto") == 0)
		state = "auto";
	if (state == NULL) {
		fprintf(stderr, "usage: sanalctl consultation add FILE.json | list | "
		    "open CODE | close CODE | auto CODE\n");
		return 2;
	}
	if (item_set_state(ctl->c, argv[2], state, &cause) != 0) {
		fprintf(stderr, "sanalctl: %s\n", cause);
		free(cause);
		return 1;
	}
	printf("%s: %s\n", argv[2], state);
	return 0;
}

int
ctl_notify(struct ctl *ctl, int argc, char **argv)
{
	int64_t	 queued;
	char	*cause;

	if (argc != 4 || strcmp(argv[2], "--text") != 0) {
		fprintf(stderr, "usage: sanalctl notify CODE --text TEXT\n");
		return 2;
	}
	if (notify_item(ctl->c, argv[1], argv[3], &queued, &cause) != 0) {
		fprintf(stderr, "sanalctl: %s\n", cause);
		free(cause);
		return 1;
	}
	printf("queued %lld messages for item %s\n", (long long)queued, argv[1]);
	return 0;
}
