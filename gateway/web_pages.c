/* SPDX-License-Identifier: ISC */
/*
 * The pages anyone may read: open items, a draft's overview with per-article
 * counts, one page per article (its text, previous and next, the form to vote
 * on it and comment, then its results and comments, ten a page) and a
 * petition with its signatures against the threshold and the official answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"

#define COMMENTS_PAGE	10

/* --- home ---------------------------------------------------------------------- */

struct home_list {
	struct web	*w;
	const char	*kind;
	int		 n;
};

static int
home_item_cb(const struct db_item *it, void *arg)
{
	struct home_list	*l = arg;
	struct web		*w = l->w;
	char			*title, *counts, date[32], n[3][24], path[32];

	if (strcmp(it->kind, l->kind) != 0 ||
	    item_status_at(it->state, it->opens, it->closes, w->now) != ITEM_OPEN)
		return 0;
	if (l->n++ == 0)
		buf_adds(&w->body, "<ul>\n");
	title = web_item_text(w, it->id, "title");
	snprintf(path, sizeof path, "/%c/%s", it->kind[0] == 'p' ? 'p' : 'c', it->code);
	buf_adds(&w->body, "<li><a href=\"");
	web_link(w, &w->body, path);
	buf_adds(&w->body, "\">");
	web_text(w, title ? title : it->code);
	buf_adds(&w->body, "</a> <span class=\"counts\">");
	web_date(w, it->closes, date);
	if (it->kind[0] == 'p') {
		snprintf(n[0], sizeof n[0], "%lld", (long long)db_tally_total(consult_db(w->c),
		    it->id, "signature"));
		snprintf(n[1], sizeof n[1], "%lld", (long long)it->threshold);
		counts = web_msg(w, "w_signatures", n[0], n[1]);
	} else {
		snprintf(n[0], sizeof n[0], "%lld", (long long)db_tally_total(consult_db(w->c),
		    it->id, "support"));
		snprintf(n[1], sizeof n[1], "%lld", (long long)db_tally_total(consult_db(w->c),
		    it->id, "oppose"));
		counts = web_msg(w, "w_votes", n[0], n[1]);
	}
	web_esc(&w->body, counts);
	free(counts);
	counts = web_msg(w, "w_open_until", date, NULL);
	buf_adds(&w->body, " · ");
	web_esc(&w->body, counts);
	buf_adds(&w->body, "</span></li>\n");
	free(counts);
	free(title);
	return 0;
}

static void
home_list(struct web *w, const char *kind, const char *heading)
{
	struct home_list	l = { w, kind, 0 };

	web_h2(w, heading, NULL, NULL);
	db_item_each(consult_db(w->c), home_item_cb, &l);
	if (l.n > 0)
		buf_adds(&w->body, "</ul>\n");
	else
		web_say(w, "w_none_open", NULL, NULL);
}

void
page_home(struct web *w)
{
	char	*s;

	if (w->req->method == HTTP_POST) {
		web_page(w, 405);
		return;
	}
	web_title(w, "w_home_title", NULL);
	if (http_param(w->req, "erased") != NULL) {
		s = web_msg(w, "w_erased", NULL, NULL);
		buf_adds(&w->body, "<p class=\"notice\" role=\"status\">");
		web_esc(&w->body, s);
		buf_adds(&w->body, "</p>\n");
		free(s);
	}
	web_say(w, "w_home_intro", NULL, NULL);
	home_list(w, "consultation", "w_drafts");
	home_list(w, "petition", "w_petitions");
	web_h2(w, "w_help_title", NULL, "help");
	web_say(w, "w_help_sms", NULL, NULL);
	web_say(w, "w_help_ussd", NULL, NULL);
	web_say(w, "w_help_web", NULL, NULL);
	web_page(w, 200);
}

/* --- a draft ---------------------------------------------------------------------- */

/* "Open until ...", "Closed" or "Opens ...": the item's state in words. */
static void
item_status(struct web *w, const struct db_item *it)
{
	char	date[32];

	switch (item_status_at(it->state, it->opens, it->closes, w->now)) {
	case ITEM_OPEN:
		web_date(w, it->closes, date);
		web_say(w, "w_open_until", date, NULL);
		break;
	case ITEM_NOT_YET:
		web_date(w, it->opens, date);
		web_say(w, "w_opens", date, NULL);
		break;
	case ITEM_CLOSED:
		web_say(w, "w_closed", NULL, NULL);
		break;
	}
}

/* A paragraph of an item's text member, if it has one. */
static void
item_para(struct web *w, const struct db_item *it, const char *field, const char *tag)
{
	char	*s = web_item_text(w, it->id, field);

	if (s == NULL)
		return;
	buf_addf(&w->body, "<%s>", tag);
	web_text(w, s);
	buf_addf(&w->body, "</%s>\n", tag);
	free(s);
}

struct decision_show {
	struct web	*w;
	const char	*article;	/* "" for the whole item */
};

static void
decision_cb(const char *article, const char *outcome, const char *reason, int64_t ts,
    void *arg)
{
	struct decision_show	*d = arg;
	struct web		*w = d->w;
	char			 key[32], *s, date[32];

	if (strcmp(article, d->article) != 0)
		return;
	web_h2(w, "w_decision", NULL, "decision");
	snprintf(key, sizeof key, "w_outcome_%s", outcome);
	s = web_msg(w, key, NULL, NULL);
	web_date(w, ts, date);
	buf_adds(&w->body, "<p class=\"notice\"><strong>");
	web_esc(&w->body, s);
	buf_addf(&w->body, "</strong> (%s). ", date);
	web_text(w, reason);
	buf_adds(&w->body, "</p>\n");
	free(s);
}

/* What officials decided ("you said, we did") for the item or an article. */
void
decision_block(struct web *w, const struct db_item *it, const char *article)
{
	struct decision_show	d = { w, article ? article : "" };

	db_decision_each(consult_db(w->c), it->id, decision_cb, &d);
}

/* Links to the item's open data: public counts as JSON and CSV. */
static void
open_data_links(struct web *w, const struct db_item *it)
{
	char	*s = web_msg(w, "w_open_data", NULL, NULL);

	buf_adds(&w->body, "<p class=\"counts\">");
	web_esc(&w->body, s);
	buf_addf(&w->body, ": <a href=\"/open/%s.json\">JSON</a> · "
	    "<a href=\"/open/%s.csv\">CSV</a></p>\n", it->code, it->code);
	free(s);
}

/* Support and oppose as a chart and a table. */
static void
vote_chart(struct web *w, const char *caption_key, int64_t support, int64_t oppose)
{
	char		*labels[2], *caption = web_msg(w, caption_key, NULL, NULL);
	int64_t		 v[2] = { support, oppose };

	labels[0] = web_msg(w, "w_support", NULL, NULL);
	labels[1] = web_msg(w, "w_oppose", NULL, NULL);
	web_chart(w, caption, (const char *const *)labels, v, 2);
	free(labels[0]);
	free(labels[1]);
	free(caption);
}

/* Per-article counts, gathered once for the overview's list. */
struct art_counts {
	struct web	*w;
	const char	*code;
	char		(*number)[16];
	int64_t		(*n)[3];		/* support, oppose, comments */
	size_t		 len;
};

static void
overview_count_cb(const char *article, int64_t s, int64_t o, int64_t c, void *arg)
{
	struct art_counts	*a = arg;

	a->number = xrealloc(a->number, (a->len + 1) * sizeof *a->number);
	a->n = xrealloc(a->n, (a->len + 1) * sizeof *a->n);
	snprintf(a->number[a->len], sizeof a->number[0], "%s", article);
	a->n[a->len][0] = s;
	a->n[a->len][1] = o;
	a->n[a->len][2] = c;
	a->len++;
}

static int
overview_article_cb(const char *number, const char *title, const char *text, void *arg)
{
	struct art_counts	*a = arg;
	struct web		*w = a->w;
	char			 path[48], n[3][24], *s;
	size_t			 i, k;

	(void)text;
	for (i = 0; i < a->len && strcmp(a->number[i], number) != 0; i++)
		;
	for (k = 0; k < 3; k++)
		snprintf(n[k], sizeof n[k], "%lld", i < a->len ? (long long)a->n[i][k] : 0LL);
	snprintf(path, sizeof path, "/c/%s/a/%s", a->code, number);
	buf_adds(&w->body, "<li><a href=\"");
	web_link(w, &w->body, path);
	buf_adds(&w->body, "\">");
	s = web_msg(w, "w_article_n", number, NULL);
	web_esc(&w->body, s);
	free(s);
	buf_adds(&w->body, " ");
	web_text(w, title);
	s = web_msg(w, "w_votes", n[0], n[1]);
	buf_adds(&w->body, "</a> <span class=\"counts\">");
	web_esc(&w->body, s);
	free(s);
	s = web_msg(w, "w_n_comments", n[2], NULL);
	buf_adds(&w->body, " · ");
	web_esc(&w->body, s);
	buf_adds(&w->body, "</span></li>\n");
	free(s);
	return 0;
}

static void
page_overview(struct web *w, struct db_item *it)
{
	struct art_counts a = { w, it->code, NULL, NULL, 0 };
	char		*title = web_item_text(w, it->id, "title"), path[32];

	free(w->title);
	w->title = xstrdup(title ? title : it->code);
	buf_adds(&w->body, "<h1>");
	web_text(w, w->title);
	buf_adds(&w->body, "</h1>\n");
	item_status(w, it);
	decision_block(w, it, NULL);
	item_para(w, it, "summary", "p");
	item_para(w, it, "question", "h2");
	if (item_status_at(it->state, it->opens, it->closes, w->now) == ITEM_OPEN) {
		snprintf(path, sizeof path, "/c/%s/vote", it->code);
		web_button_link(w, path, "w_vote_whole");
	}
	vote_chart(w, "w_results", db_tally_total(consult_db(w->c), it->id, "support"),
	    db_tally_total(consult_db(w->c), it->id, "oppose"));
	web_h2(w, "w_articles", NULL, NULL);
	buf_adds(&w->body, "<ol>\n");
	db_article_counts(consult_db(w->c), it->id, overview_count_cb, &a);
	db_article_each(consult_db(w->c), it->id, lang_code(w->lang), overview_article_cb, &a);
	buf_adds(&w->body, "</ol>\n");
	open_data_links(w, it);
	free(a.number);
	free(a.n);
	free(title);
	web_page(w, 200);
}

void
page_item(struct web *w, struct db_item *it, char parts[][16], int n)
{
	if (n == 0 && w->req->method != HTTP_POST)
		page_overview(w, it);
	else if (n == 2 && strcmp(parts[0], "a") == 0)
		page_article(w, it, parts[1]);
	else if (n >= 1 && n <= 2 && strcmp(parts[0], "vote") == 0)
		page_vote(w, it, n == 2 ? parts[1] : "");
	else {
		web_not_found(w);
	}
}

/* --- an article's page, for reading ------------------------------------------------ */

struct art_nav {
	const char	*want;
	char		 prev[16], next[16], title[512], text[8192];
	int		 found, after;
};

static int
art_nav_cb(const char *number, const char *title, const char *text, void *arg)
{
	struct art_nav	*a = arg;

	if (a->found && !a->after) {
		snprintf(a->next, sizeof a->next, "%s", number);
		a->after = 1;
	} else if (strcmp(number, a->want) == 0) {
		snprintf(a->title, sizeof a->title, "%s", title);
		snprintf(a->text, sizeof a->text, "%s", text);
		a->found = 1;
	} else if (!a->found)
		snprintf(a->prev, sizeof a->prev, "%s", number);
	return a->after;
}

struct comment_list {
	struct web	*w;
	int		 n;
};

static void
comment_cb(int64_t id, const char *text, int64_t ts, const char *channel, void *arg)
{
	struct comment_list	*l = arg;
	struct web		*w = l->w;
	char			 date[32];

	(void)id;
	if (l->n++ == 0)
		buf_adds(&w->body, "<ol class=\"comments\">\n");
	buf_adds(&w->body, "<li><p>");
	web_esc(&w->body, text);		/* as the citizen wrote it */
	web_date(w, ts, date);
	buf_addf(&w->body, "</p><p class=\"counts\">%s · %s</p></li>\n", date, channel);
}

struct art_count {
	const char	*number;
	int64_t		 n[3];
};

static void
art_count_cb(const char *article, int64_t s, int64_t o, int64_t c, void *arg)
{
	struct art_count	*a = arg;

	if (strcmp(article, a->number) == 0) {
		a->n[0] = s;
		a->n[1] = o;
		a->n[2] = c;
	}
}

/* A link to another article, or to another page of comments. */
static void
nav_link(struct web *w, const char *path, const char *rel, const char *key,
    const char *arg)
{
	char	*s = web_msg(w, key, arg, NULL);

	buf_addf(&w->body, "<a rel=\"%s\" href=\"", rel);
	web_link(w, &w->body, path);
	buf_adds(&w->body, "\">");
	web_esc(&w->body, s);
	buf_adds(&w->body, "</a>");
	free(s);
}

/* The article's results and comments, page by page. */
void
page_article_results(struct web *w, struct db_item *it, const char *article)
{
	struct art_count	 a = { article, { 0 } };
	struct comment_list	 l = { w, 0 };
	const char		*p = http_param(w->req, "page");
	char			*s, path[64], n[24];
	long			 page = p ? strtol(p, NULL, 10) : 1;

	db_article_counts(consult_db(w->c), it->id, art_count_cb, &a);
	web_h2(w, "w_results", NULL, "results");
	vote_chart(w, "w_article_results", a.n[0], a.n[1]);
	snprintf(n, sizeof n, "%lld", (long long)a.n[2]);
	web_h2(w, "w_n_comments", n, "comments");
	if (page < 1 || page > 100000)
		page = 1;
	db_comment_page(consult_db(w->c), it->id, article, (int)(page - 1) * COMMENTS_PAGE,
	    COMMENTS_PAGE, comment_cb, &l);
	if (l.n > 0)
		buf_adds(&w->body, "</ol>\n");
	if (page <= 1 && page * COMMENTS_PAGE >= a.n[2])
		return;
	s = web_msg(w, "w_comment_pages", NULL, NULL);
	buf_adds(&w->body, "<nav class=\"pager\" aria-label=\"");
	web_esc(&w->body, s);
	buf_adds(&w->body, "\">");
	free(s);
	if (page > 1) {
		snprintf(path, sizeof path, "/c/%s/a/%s?page=%ld#comments", it->code,
		    article, page - 1);
		nav_link(w, path, "prev", "w_newer", NULL);
	}
	if (page * COMMENTS_PAGE < a.n[2]) {
		snprintf(path, sizeof path, "/c/%s/a/%s?page=%ld#comments", it->code,
		    article, page + 1);
		nav_link(w, path, "next", "w_older", NULL);
	}
	buf_adds(&w->body, "</nav>\n");
}

/* The article's heading, text and its neighbours; 0, or 1 if there is no such article. */
int
page_article_text(struct web *w, struct db_item *it, const char *article)
{
	struct art_nav	*a = xcalloc(1, sizeof *a);
	char		*s, path[64];

	a->want = article;
	db_article_each(consult_db(w->c), it->id, lang_code(w->lang), art_nav_cb, a);
	if (!a->found) {
		free(a);
		return 1;
	}
	snprintf(path, sizeof path, "/c/%s", it->code);
	s = web_item_text(w, it->id, "title");
	buf_adds(&w->body, "<p><a href=\"");
	web_link(w, &w->body, path);
	buf_adds(&w->body, "\">");
	web_text(w, s ? s : it->code);
	buf_adds(&w->body, "</a></p>\n");
	free(s);
	free(w->title);
	s = web_msg(w, "w_article_n", article, NULL);
	w->title = xasprintf("%s %s", s, a->title);
	free(s);
	buf_adds(&w->body, "<h1>");
	web_text(w, w->title);
	buf_adds(&w->body, "</h1>\n<p>");
	web_text(w, a->text);
	s = web_msg(w, "w_articles", NULL, NULL);
	buf_adds(&w->body, "</p>\n");
	decision_block(w, it, article);
	buf_adds(&w->body, "<nav class=\"prevnext\" aria-label=\"");
	web_esc(&w->body, s);
	buf_adds(&w->body, "\">");
	free(s);
	if (a->prev[0]) {
		snprintf(path, sizeof path, "/c/%s/a/%s", it->code, a->prev);
		nav_link(w, path, "prev", "w_prev_article", a->prev);
	}
	if (a->next[0]) {
		snprintf(path, sizeof path, "/c/%s/a/%s", it->code, a->next);
		nav_link(w, path, "next", "w_next_article", a->next);
	}
	buf_adds(&w->body, "</nav>\n");
	free(a);
	return 0;
}

/* --- a petition ------------------------------------------------------------------------ */

void
page_petition(struct web *w, struct db_item *it, char parts[][16], int n)
{
	int64_t		 signed_n;
	char		*title, *s, *labels[2], path[32], a[2][24];
	int64_t		 v[2];

	if (n >= 1 && n <= 2 && strcmp(parts[0], "sign") == 0) {
		page_sign(w, it, n == 2 ? parts[1] : "");
		return;
	}
	if (n != 0 || w->req->method == HTTP_POST) {
		web_not_found(w);
		return;
	}
	title = web_item_text(w, it->id, "title");
	free(w->title);
	w->title = xstrdup(title ? title : it->code);
	buf_adds(&w->body, "<h1>");
	web_text(w, w->title);
	buf_adds(&w->body, "</h1>\n");
	item_status(w, it);
	decision_block(w, it, NULL);
	item_para(w, it, "summary", "p");
	signed_n = db_tally_total(consult_db(w->c), it->id, "signature");
	snprintf(a[0], sizeof a[0], "%lld", (long long)signed_n);
	snprintf(a[1], sizeof a[1], "%lld", (long long)it->threshold);
	labels[0] = web_msg(w, "w_signed", NULL, NULL);
	labels[1] = web_msg(w, "w_threshold", NULL, NULL);
	v[0] = signed_n;
	v[1] = it->threshold;
	s = web_msg(w, "w_signatures", a[0], a[1]);
	web_chart(w, s, (const char *const *)labels, v, 2);
	free(s);
	free(labels[0]);
	free(labels[1]);
	if ((s = web_item_text(w, it->id, "answer")) != NULL) {
		free(s);
		web_h2(w, "w_answer", NULL, NULL);
		item_para(w, it, "answer", "p");
	}
	if (item_status_at(it->state, it->opens, it->closes, w->now) == ITEM_OPEN) {
		snprintf(path, sizeof path, "/p/%s/sign", it->code);
		web_button_link(w, path, "w_sign_button");
	}
	open_data_links(w, it);
	free(title);
	web_page(w, 200);
}
