/* SPDX-License-Identifier: ISC */
/*
 * The forms that change something: an article's vote and comment, the vote on
 * a whole draft (question, check answers, confirmation), a signature (check,
 * confirmation), signing in with a code sent by SMS, signing out, erasing
 * one's data. Each is a POST carrying the form token (checked in web_begin),
 * validated on the server (the forms say novalidate); a wrong field shows the
 * error summary first and the page again with what was typed. Writes go
 * through the batch and are answered, with a 303, after COMMIT.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "web.h"

void
page_need_sign_in(struct web *w, const char *return_to)
{
	struct buf	b;

	buf_init(&b);
	buf_adds(&b, "/sign-in?return=");
	buf_adds(&b, return_to);
	if (*w->lang_param)
		buf_addf(&b, "&lang=%s", w->lang_param);
	web_redirect(w, b.data);
	buf_free(&b);
}

/* Redirects to path (with the page's language) after a successful write. */
static void
web_done(struct web *w, const char *path)
{
	struct buf	b;

	buf_init(&b);
	web_link(w, &b, path);
	/* web_link escapes for HTML: a Location header wants the raw "&" */
	while (strstr(b.data, "&amp;") != NULL) {
		char *p = strstr(b.data, "&amp;");
		memmove(p + 1, p + 5, strlen(p + 5) + 1);
		b.len -= 4;
	}
	web_redirect(w, b.data);
	buf_free(&b);
}

/* The page after a write the database could not take (busy): try again. */
static void
web_busy(struct web *w)
{
	web_title(w, "w_busy_title", NULL);
	web_say(w, "w_busy", NULL, NULL);
	web_page(w, 503);
}

/* Support / oppose radios with a legend; checked is kept on an error. */
static void
form_choice(struct web *w, const char *legend, const char *checked, const char *error)
{
	static const char *const values[] = { "support", "oppose" };
	static const char *const keys[] = { "w_support", "w_oppose" };
	char	*s = web_msg(w, legend, NULL, NULL);
	int	 i;

	buf_addf(&w->body, "<fieldset id=\"choice\"%s><legend>",
	    error ? " aria-describedby=\"choice-error\"" : "");
	web_esc(&w->body, s);
	buf_adds(&w->body, "</legend>\n");
	free(s);
	web_field_error(w, "choice", error);
	for (i = 0; i < 2; i++) {
		s = web_msg(w, keys[i], NULL, NULL);
		buf_addf(&w->body, "<div class=\"radio\"><input type=\"radio\" name=\"choice\" "
		    "id=\"choice-%s\" value=\"%s\"%s><label for=\"choice-%s\">", values[i],
		    values[i], checked && strcmp(checked, values[i]) == 0 ? " checked" : "",
		    values[i]);
		web_esc(&w->body, s);
		buf_adds(&w->body, "</label></div>\n");
		free(s);
	}
	buf_adds(&w->body, "</fieldset>\n");
}

/* A comment box: the limit said up front, maxlength, what was typed kept. */
static void
form_comment(struct web *w, const char *kept, const char *error)
{
	char	*label = web_msg(w, "w_comment_label", NULL, NULL), max[16], *hint;

	snprintf(max, sizeof max, "%d", WEB_COMMENT_MAX);
	hint = web_msg(w, "w_comment_hint", max, NULL);
	buf_adds(&w->body, "<label for=\"comment\">");
	web_esc(&w->body, label);
	buf_adds(&w->body, "</label>\n<p class=\"hint\" id=\"comment-hint\">");
	web_esc(&w->body, hint);
	buf_adds(&w->body, "</p>\n");
	web_field_error(w, "comment", error);
	buf_addf(&w->body, "<textarea id=\"comment\" name=\"comment\" rows=\"5\" "
	    "maxlength=\"%d\" aria-describedby=\"comment-hint%s\">", WEB_COMMENT_MAX,
	    error ? " comment-error" : "");
	web_esc(&w->body, kept);
	buf_adds(&w->body, "</textarea>\n");
	free(label);
	free(hint);
}

/* The receipt in the query, shown only if it is one of this person's. */
static void
receipt_line(struct web *w, const char *code)
{
	const char	*r = http_param(w->req, "receipt");
	char		*s;

	if (!web_receipt_ok(w->c, w->user.pid, code, r))
		return;
	s = web_msg(w, "w_receipt", r, NULL);
	buf_adds(&w->body, "<p class=\"notice\" role=\"status\">");
	web_esc(&w->body, s);
	buf_adds(&w->body, "</p>\n");
	free(s);
}

static int
item_open(struct web *w, const struct db_item *it)
{
	return item_status_at(it->state, it->opens, it->closes, w->now) == ITEM_OPEN;
}

/* --- an article: vote and comment on one page ---------------------------------------- */

struct art_post {
	char	 code[16], article[16], choice[8];
	char	*comment;
	int64_t	 receipt;
	int	 rc;
};

static int
art_apply(struct web *w, struct consult *c, void *arg)
{
	struct art_post	*p = arg;
	int		 rc = 0;

	if (p->choice[0] != '\0')
		rc = web_vote(c, w->user.pid, p->code, p->article, p->choice, w->now,
		    &p->receipt);
	if (rc == 0 && p->comment != NULL)
		rc = web_comment(c, w->user.pid, p->code, p->article, p->comment, w->now,
		    &p->receipt);
	return p->rc = rc;
}

static void
art_done(struct web *w, int committed, int rc, void *arg)
{
	struct art_post	*p = arg;
	char		 path[96];

	(void)rc;
	if (!committed)
		web_busy(w);
	else {
		snprintf(path, sizeof path, "/c/%s/a/%s?done=%s-%lld#results", p->code,
		    p->article, p->code, (long long)p->receipt);
		if (p->rc != 0)		/* closed meanwhile, or the text was unreadable */
			snprintf(path, sizeof path, "/c/%s/a/%s?failed=1", p->code, p->article);
		web_done(w, path);
	}
	free(p->comment);
	free(p);
}

/* The vote-and-comment form of an article, with the errors of a POST. */
static void
art_form(struct web *w, struct db_item *it, const char *article, const char *choice,
    const char *comment, const char *choice_err, const char *comment_err)
{
	char	path[64];

	snprintf(path, sizeof path, "/c/%s/a/%s", it->code, article);
	if (!item_open(w, it)) {
		web_say(w, "w_closed", NULL, NULL);
		return;
	}
	if (!w->signed_in) {
		snprintf(path, sizeof path, "/sign-in?return=/c/%s/a/%s", it->code, article);
		web_button_link(w, path, "w_sign_in_to_vote");
		return;
	}
	web_form_open(w, path);
	form_choice(w, "w_article_question", choice, choice_err);
	form_comment(w, comment, comment_err);
	web_form_end(w, "w_send", NULL);
}

void
page_article(struct web *w, struct db_item *it, const char *article)
{
	const char	*choice = NULL, *comment = NULL, *cerr = NULL, *terr = NULL;
	const char	*done = http_param(w->req, "done");
	struct art_post	*p;
	char		*s;

	if (w->req->method == HTTP_POST) {
		if (!w->signed_in) {
			char path[64];

			snprintf(path, sizeof path, "/c/%s/a/%s", it->code, article);
			page_need_sign_in(w, path);
			return;
		}
		choice = web_form(w, "choice");
		comment = web_form(w, "comment");
		if (choice != NULL && *choice && strcmp(choice, "support") != 0 &&
		    strcmp(choice, "oppose") != 0)
			choice = NULL;
		if (comment == WEB_FORM_BAD || (comment != NULL &&
		    !utf8_valid(comment, strlen(comment))))
			terr = "w_comment_bad";
		else if (comment != NULL && utf8_chars(comment) > WEB_COMMENT_MAX)
			terr = "w_comment_long";
		else if ((choice == NULL || !*choice) && (comment == NULL ||
		    strspn(comment, " \t\r\n") == strlen(comment)))
			cerr = "w_choose_or_write";
	}
	if (w->req->method == HTTP_POST && cerr == NULL && terr == NULL) {
		p = xcalloc(1, sizeof *p);
		snprintf(p->code, sizeof p->code, "%s", it->code);
		snprintf(p->article, sizeof p->article, "%s", article);
		snprintf(p->choice, sizeof p->choice, "%s", choice ? choice : "");
		if (comment != NULL && strspn(comment, " \t\r\n") != strlen(comment))
			p->comment = xstrdup(comment);
		web_commit(w, p, art_apply, art_done);
		return;
	}
	if (page_article_text(w, it, article) != 0) {
		web_not_found(w);
		return;
	}
	if (done != NULL && w->signed_in &&
	    web_receipt_ok(w->c, w->user.pid, it->code, done)) {
		s = web_msg(w, "w_thanks", done, NULL);
		buf_adds(&w->body, "<p class=\"notice\" role=\"status\">");
		web_esc(&w->body, s);
		buf_adds(&w->body, "</p>\n");
		free(s);
	}
	if (http_param(w->req, "failed") != NULL)
		web_say(w, "w_not_taken", NULL, NULL);
	art_form(w, it, article, choice, comment, cerr, terr);
	if (cerr != NULL || terr != NULL) {
		const char *fields[2], *keys[2];
		int n = 0;

		if (cerr != NULL) {
			fields[n] = "choice-support";
			keys[n++] = cerr;
		}
		if (terr != NULL) {
			fields[n] = "comment";
			keys[n++] = terr;
		}
		web_errors(w, fields, keys, n);
	}
	page_article_results(w, it, article);
	web_page(w, cerr || terr ? 400 : 200);
}

/* --- the whole draft: question, check answers, confirmation ------------------------------ */

struct vote_post {
	char	 code[16], choice[8];
	int64_t	 receipt;
	int	 rc;
};

static int
vote_apply(struct web *w, struct consult *c, void *arg)
{
	struct vote_post	*p = arg;

	return p->rc = web_vote(c, w->user.pid, p->code, NULL, p->choice, w->now,
	    &p->receipt);
}

static void
vote_done(struct web *w, int committed, int rc, void *arg)
{
	struct vote_post	*p = arg;
	char			 path[96];

	(void)rc;
	if (!committed)
		web_busy(w);
	else {
		if (p->rc == 0)
			snprintf(path, sizeof path, "/c/%s/vote/done?choice=%s&receipt=%s-%lld",
			    p->code, p->choice, p->code, (long long)p->receipt);
		else
			snprintf(path, sizeof path, "/c/%s?closed=1", p->code);
		web_done(w, path);
	}
	free(p);
}

static const char *
valid_choice(const char *c)
{
	return c != NULL && (strcmp(c, "support") == 0 || strcmp(c, "oppose") == 0) ?
	    c : NULL;
}

/* The check-answers page: the choice in words, a change link, the confirm button. */
static void
vote_check(struct web *w, struct db_item *it, const char *choice)
{
	char	*title = web_item_text(w, it->id, "title"), *s, path[48];

	web_title(w, "w_check_title", NULL);
	buf_adds(&w->body, "<dl><dt>");
	s = web_msg(w, "w_draft", NULL, NULL);
	web_esc(&w->body, s);
	free(s);
	buf_adds(&w->body, "</dt><dd>");
	web_text(w, title ? title : it->code);
	buf_adds(&w->body, "</dd><dt>");
	s = web_msg(w, "w_your_answer", NULL, NULL);
	web_esc(&w->body, s);
	free(s);
	buf_adds(&w->body, "</dt><dd>");
	s = web_msg(w, strcmp(choice, "support") == 0 ? "w_support" : "w_oppose", NULL,
	    NULL);
	web_esc(&w->body, s);
	free(s);
	snprintf(path, sizeof path, "/c/%s/vote", it->code);
	s = web_msg(w, "w_change", NULL, NULL);
	buf_adds(&w->body, " <a href=\"");
	web_link(w, &w->body, path);
	buf_adds(&w->body, "\">");
	web_esc(&w->body, s);
	buf_adds(&w->body, "</a></dd></dl>\n");
	free(s);
	snprintf(path, sizeof path, "/c/%s/vote/check", it->code);
	web_form_open(w, path);
	buf_addf(&w->body, "<input type=\"hidden\" name=\"choice\" value=\"%s\">\n", choice);
	web_form_end(w, "w_confirm_vote", NULL);
	free(title);
	web_page(w, 200);
}

void
page_vote(struct web *w, struct db_item *it, const char *step)
{
	const char		*choice = valid_choice(web_form(w, "choice"));
	struct vote_post	*p;
	char			 path[96], date[32], *s;

	if (!item_open(w, it)) {
		web_title(w, "w_closed", NULL);
		web_page(w, 200);
		return;
	}
	if (strcmp(step, "done") == 0 && !w->signed_in) {
		snprintf(path, sizeof path, "/c/%s", it->code);
		web_done(w, path);
		return;
	}
	if (strcmp(step, "done") == 0 && w->req->method != HTTP_POST) {
		web_title(w, "w_vote_done_title", NULL);
		receipt_line(w, it->code);
		web_date(w, it->closes, date);
		web_say(w, "w_change_until", date, NULL);
		snprintf(path, sizeof path, "/c/%s", it->code);
		web_button_link(w, path, "w_back_to_draft");
		web_page(w, 200);
		return;
	}
	if (strcmp(step, "check") == 0) {
		snprintf(path, sizeof path, "/c/%s/vote/check?choice=%s", it->code,
		    choice ? choice : "");
		if (choice == NULL) {
			snprintf(path, sizeof path, "/c/%s/vote", it->code);
			web_done(w, path);
		} else if (!w->signed_in)
			page_need_sign_in(w, path);
		else if (w->req->method != HTTP_POST)
			vote_check(w, it, choice);
		else {
			p = xcalloc(1, sizeof *p);
			snprintf(p->code, sizeof p->code, "%s", it->code);
			snprintf(p->choice, sizeof p->choice, "%s", choice);
			web_commit(w, p, vote_apply, vote_done);
		}
		return;
	}
	if (*step != '\0') {
		web_not_found(w);
		return;
	}
	if (w->req->method == HTTP_POST && choice != NULL) {
		snprintf(path, sizeof path, "/c/%s/vote/check?choice=%s", it->code, choice);
		web_done(w, path);
		return;
	}
	free(w->title);
	w->title = web_item_text(w, it->id, "question");
	if (w->title == NULL)
		w->title = web_msg(w, "w_vote_whole", NULL, NULL);
	snprintf(path, sizeof path, "/c/%s", it->code);
	s = web_msg(w, "w_back", NULL, NULL);
	buf_adds(&w->body, "<p><a href=\"");
	web_link(w, &w->body, path);
	buf_adds(&w->body, "\">");
	web_esc(&w->body, s);
	buf_adds(&w->body, "</a></p>\n");
	free(s);
	snprintf(path, sizeof path, "/c/%s/vote", it->code);
	web_form_open(w, path);
	buf_adds(&w->body, "<h1>");
	web_text(w, w->title);
	buf_adds(&w->body, "</h1>\n");
	form_choice(w, "w_your_answer", NULL, w->req->method == HTTP_POST ?
	    "w_choose" : NULL);
	web_form_end(w, "w_continue", NULL);
	if (w->req->method == HTTP_POST) {
		static const char *const f[] = { "choice-support" }, *const k[] = { "w_choose" };

		web_errors(w, f, k, 1);
	}
	web_page(w, w->req->method == HTTP_POST ? 400 : 200);
}

/* --- a signature: check, then confirmation ------------------------------------------------- */

struct sign_post {
	char	 code[16];
	int64_t	 receipt;
	int	 already, rc;
};

static int
sign_apply(struct web *w, struct consult *c, void *arg)
{
	struct sign_post	*p = arg;

	return p->rc = web_sign(c, w->user.pid, p->code, w->now, &p->already, &p->receipt);
}

static void
sign_done(struct web *w, int committed, int rc, void *arg)
{
	struct sign_post	*p = arg;
	char			 path[96];

	(void)rc;
	if (!committed)
		web_busy(w);
	else {
		snprintf(path, sizeof path, "/p/%s/sign/done?receipt=%s-%lld&already=%d",
		    p->code, p->code, (long long)p->receipt, p->already);
		web_done(w, path);
	}
	free(p);
}

void
page_sign(struct web *w, struct db_item *it, const char *step)
{
	struct sign_post	*p;
	const char		*already = http_param(w->req, "already");
	char			 path[64], *title;

	snprintf(path, sizeof path, "/p/%s/sign", it->code);
	if (strcmp(step, "done") == 0 && !w->signed_in) {
		snprintf(path, sizeof path, "/p/%s", it->code);
		web_done(w, path);
	} else if (strcmp(step, "done") == 0 && w->req->method != HTTP_POST) {
		web_title(w, already && strcmp(already, "1") == 0 ? "w_signed_before" :
		    "w_signed_title", NULL);
		receipt_line(w, it->code);
		snprintf(path, sizeof path, "/p/%s", it->code);
		web_button_link(w, path, "w_back_to_petition");
		web_page(w, 200);
	} else if (*step != '\0') {
		web_not_found(w);
	} else if (!item_open(w, it)) {
		web_title(w, "w_closed", NULL);
		web_page(w, 200);
	} else if (!w->signed_in)
		page_need_sign_in(w, path);
	else if (w->req->method == HTTP_POST) {
		p = xcalloc(1, sizeof *p);
		snprintf(p->code, sizeof p->code, "%s", it->code);
		web_commit(w, p, sign_apply, sign_done);
	} else {
		web_title(w, "w_sign_check_title", NULL);
		title = web_item_text(w, it->id, "title");
		buf_adds(&w->body, "<p>");
		web_text(w, title ? title : it->code);
		buf_adds(&w->body, "</p>\n");
		free(title);
		web_say(w, "w_sign_once", NULL, NULL);
		web_form_open(w, path);
		web_form_end(w, "w_sign_confirm", NULL);
		web_page(w, 200);
	}
}
