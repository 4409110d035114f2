/* SPDX-License-Identifier: ISC */
/*
 * Representative comments of an item, /admin/c/CODE/quotes: the candidates
 * quote_candidates chooses by rule for each stance × topic (personal data
 * scrubbed), approved ones marked as such. Analysts and admins approve one,
 * with its text as it stands or edited (quote_approve scrubs it again), or
 * withdraw an approval: a POST to the same path, applied in the batch
 * (quote_approve, quote_withdraw: audited with the official's name). The
 * report shows the approved ones; nothing else of them is published.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "admin_pages.h"

#define QUOTES_PER	3		/* candidates per stance × topic */

struct quote_post {
	char		 code[16];
	int64_t		 id;
	int		 approve;
	char		*text;		/* NULL: the scrubbed text as it stands */
	char		 official[64];
	int		 rc;
	char		*cause;
};

/* Candidates grouped: stance in report order, then topic, approved first. */
static int
quote_cmp(const void *a, const void *b)
{
	const struct quote_candidate	*x = a, *y = b;
	int				 d;

	if ((d = stance_parse(x->stance) - stance_parse(y->stance)) != 0)
		return d;
	if ((d = strcmp(x->topic, y->topic)) != 0)
		return d;
	if (x->approved != y->approved)
		return y->approved - x->approved;
	return x->comment_id < y->comment_id ? -1 : x->comment_id > y->comment_id;
}

/* The forms of one candidate: approve (text editable) or withdraw. */
static void
quote_forms(struct web *w, const char *code, const struct quote_candidate *q)
{
	char	 path[64], *s;

	snprintf(path, sizeof path, "/admin/c/%s/quotes", code);
	web_form_open(w, path);
	buf_addf(&w->body, "<input type=\"hidden\" name=\"id\" value=\"%lld\">\n",
	    (long long)q->comment_id);
	if (q->approved) {
		buf_adds(&w->body, "<input type=\"hidden\" name=\"action\" "
		    "value=\"withdraw\">\n");
		web_form_end(w, "ar_withdraw_button", "secondary");
		return;
	}
	buf_adds(&w->body, "<input type=\"hidden\" name=\"action\" value=\"approve\">\n");
	s = web_msg(w, "ar_quote_text", NULL, NULL);
	buf_addf(&w->body, "<label for=\"text-%lld\">", (long long)q->comment_id);
	web_esc(&w->body, s);
	free(s);
	buf_addf(&w->body, "</label>\n<textarea id=\"text-%lld\" name=\"text\" rows=\"3\" "
	    "maxlength=\"%d\">", (long long)q->comment_id, WEB_COMMENT_MAX);
	web_esc(&w->body, q->text);
	buf_adds(&w->body, "</textarea>\n");
	web_form_end(w, "ar_approve_button", NULL);
}

/* One candidate: facts, text, confidence, approved or not, the forms. */
static void
quote_item(struct web *w, const char *code, const struct quote_candidate *q,
    int analyst)
{
	char	 conf[16], *s;

	buf_addf(&w->body, "<li id=\"q%lld\"><p>", (long long)q->comment_id);
	admin_pages_facts(w, q->comment_id, q->ts, q->channel, q->aimag, "", q->article);
	snprintf(conf, sizeof conf, "%.2f", q->confidence < 0 ? 0.0 : q->confidence);
	s = web_msg(w, "ar_model_guess", conf, NULL);
	buf_adds(&w->body, " · ");
	web_esc(&w->body, s);
	free(s);
	buf_adds(&w->body, "</p>\n");
	if (q->approved) {
		s = web_msg(w, "ar_approved", NULL, NULL);
		buf_adds(&w->body, "<p><strong>");
		web_esc(&w->body, s);
		buf_adds(&w->body, "</strong></p>\n");
		free(s);
	}
	if (!analyst || q->approved) {		/* else the form's text box shows it */
		buf_adds(&w->body, "<blockquote>");
		web_esc(&w->body, q->text);
		buf_adds(&w->body, "</blockquote>\n");
	}
	if (analyst)
		quote_forms(w, code, q);
	buf_adds(&w->body, "</li>\n");
}

/* A heading for each stance × topic, then its candidates. */
static void
quote_groups(struct web *w, const char *code, struct quote_candidate *q, size_t n,
    int analyst)
{
	char	*a, *b, *s;
	size_t	 i;

	if (n > 1)
		qsort(q, n, sizeof *q, quote_cmp);
	for (i = 0; i < n; i++) {
		if (i == 0 || strcmp(q[i].stance, q[i - 1].stance) != 0 ||
		    strcmp(q[i].topic, q[i - 1].topic) != 0) {
			if (i > 0)
				buf_adds(&w->body, "</ol>\n");
			a = admin_pages_stance(w, q[i].stance);
			b = admin_pages_topic(w, q[i].topic);
			s = web_msg(w, "ar_quote_group", a, b);
			buf_adds(&w->body, "<h2>");
			web_text(w, s);
			buf_adds(&w->body, "</h2>\n<ol class=\"comments\">\n");
			free(a);
			free(b);
			free(s);
		}
		quote_item(w, code, &q[i], analyst);
	}
	if (n > 0)
		buf_adds(&w->body, "</ol>\n");
}

void
admin_quotes(struct web *w, struct admin_user *u, const char *code)
{
	struct quote_candidate	*q = NULL;
	const char		*done = http_param(w->req, "done");
	const char		*id = http_param(w->req, "id");
	char			 path[64];
	size_t			 n = 0;
	int			 rc;

	if (!item_code_valid(code) || (rc = quote_candidates(w->c, code, QUOTES_PER,
	    &q, &n)) == 1) {
		web_not_found(w);
		return;
	}
	if (rc != 0) {
		admin_pages_busy(w);
		return;
	}
	web_title(w, "ar_quotes_title", code);
	if (done != NULL && id != NULL && *id && strlen(id) < 20 &&
	    strspn(id, "0123456789") == strlen(id) &&
	    (strcmp(done, "approve") == 0 || strcmp(done, "withdraw") == 0))
		admin_pages_notice(w, done[0] == 'a' ? "ar_quote_approved" :
		    "ar_quote_withdrawn", id, NULL);
	web_say(w, "ar_quotes_intro", NULL, NULL);
	if (u->role < ROLE_ANALYST)
		web_say(w, "ar_viewer_no_quote", NULL, NULL);
	if (n == 0)
		web_say(w, "ar_no_quotes", NULL, NULL);
	quote_groups(w, code, q, n, u->role >= ROLE_ANALYST);
	quote_candidates_free(q, n);
	snprintf(path, sizeof path, "/admin/c/%s", code);
	buf_adds(&w->body, "<p>");
	admin_pages_link(w, path, "ar_back_report", code);
	buf_adds(&w->body, "</p>\n");
	web_page(w, 200);
}

static int
quote_apply(struct web *w, struct consult *c, void *arg)
{
	struct quote_post	*p = arg;

	if (p->approve)
		p->rc = quote_approve(c, p->id, p->text, p->official, w->now, &p->cause);
	else
		p->rc = quote_withdraw(c, p->id, p->official, w->now, &p->cause);
	return p->rc;
}

static void
quote_done(struct web *w, int committed, int rc, void *arg)
{
	struct quote_post	*p = arg;
	char			 path[128];

	(void)rc;
	snprintf(path, sizeof path, "/admin/c/%s/quotes", p->code);
	if (p->rc != 0) {
		log_info("admin: quote %lld refused: %s", (long long)p->id,
		    p->cause ? p->cause : "?");
		admin_pages_bad(w, 400, "id", "ar_quote_failed", path);
	} else if (!committed)
		admin_pages_busy(w);
	else {
		snprintf(path, sizeof path, "/admin/c/%s/quotes?done=%s&id=%lld#q%lld",
		    p->code, p->approve ? "approve" : "withdraw", (long long)p->id,
		    (long long)p->id);
		web_goto(w, path);
	}
	free(p->text);
	free(p->cause);
	free(p);
}

/* 1 if id is one of the item's candidates (so of this item, and not a campaign copy). */
static int
quote_is_candidate(struct web *w, const char *code, int64_t id)
{
	struct quote_candidate	*q = NULL;
	size_t			 n = 0, i;
	int			 found = 0;

	if (quote_candidates(w->c, code, QUOTES_PER, &q, &n) != 0)
		return 0;
	for (i = 0; i < n && !found; i++)
		found = q[i].comment_id == id;
	quote_candidates_free(q, n);
	return found;
}

/* The error key of a POST's fields, or NULL. */
static const char *
quote_check(const char *id, const char *action, const char *text, const char **field)
{
	*field = "id";
	if (id == NULL || *id == '\0' || strlen(id) > 18 ||
	    strspn(id, "0123456789") != strlen(id))
		return "ar_quote_failed";
	if (action == NULL || (strcmp(action, "approve") != 0 &&
	    strcmp(action, "withdraw") != 0))
		return "ar_quote_failed";
	*field = "text";
	if (text == WEB_FORM_BAD || (text != NULL && !utf8_valid(text, strlen(text))))
		return "ar_quote_text_bad";
	if (text != NULL && utf8_chars(text) > WEB_COMMENT_MAX)
		return "ar_quote_text_long";
	return NULL;
}

void
admin_quote_post(struct web *w, struct admin_user *u, const char *code)
{
	struct quote_post	*p;
	const char		*id = web_form(w, "id"), *action = web_form(w, "action");
	const char		*text = web_form(w, "text"), *field, *err;
	char			 back[64];

	/* admin.c's table admits analysts and admins only: 403 */
	if (!item_code_valid(code)) {
		web_not_found(w);
		return;
	}
	snprintf(back, sizeof back, "/admin/c/%s/quotes", code);
	if ((err = quote_check(id, action, text, &field)) != NULL) {
		admin_pages_bad(w, 400, field, err, back);
		return;
	}
	if (!quote_is_candidate(w, code, strtoll(id, NULL, 10))) {
		admin_pages_bad(w, 400, "id", "ar_quote_failed", back);
		return;
	}
	p = xcalloc(1, sizeof *p);
	snprintf(p->code, sizeof p->code, "%s", code);
	snprintf(p->official, sizeof p->official, "%s", u->name);
	p->id = strtoll(id, NULL, 10);
	p->approve = strcmp(action, "approve") == 0;
	if (p->approve && text != NULL && strspn(text, " \t\r\n") != strlen(text))
		p->text = xstrdup(text);	/* quote_approve scrubs it */
	web_commit(w, p, quote_apply, quote_done);
}
