/* SPDX-License-Identifier: ISC */
/*
 * What the officials' pages (admin*.c) share: a text of the bundles, a link,
 * a fact, table heads, an item's title, the notice of what a write did, the
 * page of a busy database (503) and of a bad request (an error summary first,
 * then a way back); the names of stances and topics in the page's language
 * (the report's words), select boxes with their labels, a comment's facts
 * (id, time in Ulaanbaatar, channel, aimag, item and article: never its
 * author) and the pager that keeps a query's filters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "admin_pages.h"

/*
 * The name of a stance or topic: the report's own (r_stance, r_topic: the same
 * words as its table), none's, or value itself if it is not one we know.
 */
static char *
admin_name(struct web *w, const char *key, const char *none, const char *value,
    int known)
{
	if (value == NULL || *value == '\0')
		return web_msg(w, none, NULL, NULL);
	if (!known)
		return xstrdup(value);
	return web_msg(w, key, value, NULL);
}

char *
admin_pages_stance(struct web *w, const char *stance)
{
	return admin_name(w, "r_stance", "ar_stance_none", stance,
	    stance && stance_parse(stance) >= 0);
}

char *
admin_pages_topic(struct web *w, const char *topic)
{
	return admin_name(w, "r_topic", "ar_topic_none", topic,
	    topic && topic_parse(topic) >= 0);
}

void
admin_pages_stances(struct web *w, const char **values, char **names)
{
	int	i;

	for (i = 0; i < STANCE_N; i++)
		names[i] = admin_pages_stance(w, values[i] = stance_name(i));
}

void
admin_pages_topics(struct web *w, const char **values, char **names)
{
	int	i;

	for (i = 0; i < TOPIC_N; i++)
		names[i] = admin_pages_topic(w, values[i] = topic_name(i));
}

void
admin_pages_free(char **names, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(names[i]);
}

void
admin_pages_busy(struct web *w)
{
	web_title(w, "w_busy_title", NULL);
	web_say(w, "w_busy", NULL, NULL);
	web_page(w, 503);
}

void
admin_pages_msg(struct web *w, const char *key, const char *a0, const char *a1)
{
	char	*s = web_msg(w, key, a0, a1);

	web_esc(&w->body, s);
	free(s);
}

void
admin_pages_link(struct web *w, const char *path, const char *key, const char *a0)
{
	buf_adds(&w->body, "<a href=\"");
	web_link(w, &w->body, path);
	buf_adds(&w->body, "\">");
	admin_pages_msg(w, key, a0, NULL);
	buf_adds(&w->body, "</a>");
}

void
admin_pages_fact(struct web *w, const char *key, const char *value)
{
	buf_adds(&w->body, "<dt>");
	admin_pages_msg(w, key, NULL, NULL);
	buf_adds(&w->body, "</dt><dd>");
	web_esc(&w->body, value);
	buf_adds(&w->body, "</dd>");
}

char *
admin_pages_title(struct web *w, const struct db_item *it)
{
	char	*t = web_item_text(w, it->id, "title");

	return t != NULL ? t : xstrdup(it->code);
}

void
admin_pages_heads(struct web *w, const char *const *keys, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		buf_adds(&w->body, "<th scope=\"col\">");
		admin_pages_msg(w, keys[i], NULL, NULL);
		buf_adds(&w->body, "</th>");
	}
}

void
admin_pages_bad(struct web *w, int status, const char *field, const char *key,
    const char *back)
{
	char		 id[48];
	const char	*ids[1] = { id };

	snprintf(id, sizeof id, "%s-error", field);
	web_title(w, "ar_bad_title", NULL);
	web_field_error(w, field, key);
	buf_adds(&w->body, "<p>");
	admin_pages_link(w, back, "ar_back", NULL);
	buf_adds(&w->body, "</p>\n");
	web_errors(w, ids, &key, 1);
	web_page(w, status);
}

void
admin_pages_notice(struct web *w, const char *key, const char *a0, const char *a1)
{
	buf_adds(&w->body, "<p class=\"notice\" role=\"status\">");
	admin_pages_msg(w, key, a0, a1);
	buf_adds(&w->body, "</p>\n");
}

void
admin_pages_select(struct web *w, const char *name, const char *id, const char *label_key,
    const char *any_key, const char *const *values, char *const *names, size_t n,
    const char *selected, const char *error_key)
{
	size_t	 i;

	admin_field_label(w, id, label_key, NULL, error_key);
	buf_addf(&w->body, "<select id=\"%s\" name=\"%s\"%s%s%s>\n", id, name,
	    error_key ? " aria-describedby=\"" : "", error_key ? id : "",
	    error_key ? "-error\"" : "");
	if (any_key != NULL) {
		buf_adds(&w->body, "<option value=\"\">");
		admin_pages_msg(w, any_key, NULL, NULL);
		buf_adds(&w->body, "</option>\n");
	}
	for (i = 0; i < n; i++) {
		buf_adds(&w->body, "<option value=\"");
		web_esc(&w->body, values[i]);
		buf_addf(&w->body, "\"%s>", selected && strcmp(selected, values[i]) == 0 ?
		    " selected" : "");
		web_text(w, names[i]);
		buf_adds(&w->body, "</option>\n");
	}
	buf_adds(&w->body, "</select>\n");
}

void
admin_pages_campaign(struct web *w, const char *sep, int64_t campaign_id)
{
	char	n[24];

	if (campaign_id == 0)
		return;
	snprintf(n, sizeof n, "%lld", (long long)campaign_id);
	buf_adds(&w->body, sep);
	admin_pages_msg(w, "ar_in_campaign", n, NULL);
}

void
admin_pages_facts(struct web *w, int64_t id, int64_t ts, const char *channel,
    const char *aimag, const char *code, const char *article)
{
	char	 n[24], when[32], place[96];

	snprintf(n, sizeof n, "%lld", (long long)id);
	clock_format_ub(ts, when, sizeof when);
	admin_pages_msg(w, "ar_comment_no", n, NULL);
	buf_addf(&w->body, " · <time datetime=\"%.10sT%s:00+08:00\">%s</time> · ", when,
	    when + 11, when);
	web_esc(&w->body, strcmp(channel, "sms") == 0 ? "SMS" : strcmp(channel, "ussd") == 0 ?
	    "USSD" : strcmp(channel, "web") == 0 ? "Web" : channel);
	consult_place_name(aimag, place, sizeof place);
	buf_adds(&w->body, " · ");
	if (*place == '\0')
		admin_pages_msg(w, "ar_place_unknown", NULL, NULL);
	else
		web_text(w, place);
	if (*code == '\0' && (article == NULL || *article == '\0'))
		return;
	buf_adds(&w->body, " · ");
	if (*code == '\0')
		admin_pages_msg(w, "ar_article", article, NULL);
	else if (article != NULL && *article != '\0')
		admin_pages_msg(w, "ar_item_article", code, article);
	else
		admin_pages_msg(w, "ar_item", code, NULL);
}

/* One of the pager's links: query and page=N, with the page's language. */
static void
admin_page_link(struct web *w, const char *query, int page, const char *rel,
    const char *key)
{
	char	*s = web_msg(w, key, NULL, NULL), *path;

	path = xasprintf("%s%spage=%d", query, strchr(query, '?') ? "&" : "?", page);
	buf_addf(&w->body, "<a rel=\"%s\" href=\"", rel);
	web_link(w, &w->body, path);
	buf_adds(&w->body, "\">");
	web_esc(&w->body, s);
	buf_adds(&w->body, "</a>");
	free(path);
	free(s);
}

void
admin_pages_pager(struct web *w, const char *query, int page, int64_t total)
{
	int64_t	 pages = total > 0 ? (total + ADMIN_PER_PAGE - 1) / ADMIN_PER_PAGE : 1;
	char	 a[24], b[24], *s;

	snprintf(a, sizeof a, "%d", page);
	snprintf(b, sizeof b, "%lld", (long long)pages);
	s = web_msg(w, "ar_pages", NULL, NULL);
	buf_adds(&w->body, "<nav class=\"pager\" aria-label=\"");
	web_esc(&w->body, s);
	free(s);
	buf_adds(&w->body, "\"><span>");
	s = web_msg(w, "ar_page_of", a, b);
	web_esc(&w->body, s);
	free(s);
	buf_adds(&w->body, "</span>");
	if (page > 1)
		admin_page_link(w, query, page - 1 > pages ? (int)pages : page - 1, "prev",
		    "ar_prev");
	if (page < pages)
		admin_page_link(w, query, page + 1, "next", "ar_next");
	buf_adds(&w->body, "</nav>\n");
}
