/* SPDX-License-Identifier: ISC */
/*
 * The admins' decision and notify pages of an item. /admin/c/CODE/decision
 * lists the outcomes published ("you said, we did") and publishes one more,
 * for the item or one of its articles. /admin/c/CODE/notify shows the plan
 * of the texts that tell participants (recipients, SMS segments: the cost,
 * when they go, how many per aimag: never a number) and sends only when
 * confirmed, and only if the plan is still the one shown; once sent, not
 * again until a changed decision is published. Every write goes through the
 * batch and is audited with the official's name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "admin_pages.h"

#define REASON_MAX	1000		/* characters in a decision's reason */

static const char *const outcomes[] = { "adopted", "changed", "not_adopted" };

/* --- decisions ---------------------------------------------------------------------- */

struct decision_form {
	const char	*article, *outcome, *reason;
	const char	*fields[3], *keys[3];
	int		 n;
};

/* The item's title under the page's heading. */
static void
decision_item(struct web *w, const struct db_item *it)
{
	char	*title = admin_pages_title(w, it);

	buf_adds(&w->body, "<p>");
	web_text(w, title);
	buf_adds(&w->body, "</p>\n");
	free(title);
}

/* The outcome's name, as the citizen pages show it. */
static const char *
outcome_key(const char *outcome)
{
	return strcmp(outcome, "adopted") == 0 ? "w_outcome_adopted" :
	    strcmp(outcome, "changed") == 0 ? "w_outcome_changed" : "w_outcome_not_adopted";
}

static void
decision_row_cb(const char *article, const char *outcome, const char *reason,
    int64_t ts, void *arg)
{
	struct web	*w = arg;
	char		 date[32];

	buf_adds(&w->body, "<tr><td>");
	if (*article)
		admin_pages_msg(w, "a_article_n", article, NULL);
	else
		admin_pages_msg(w, "a_whole_item", NULL, NULL);
	buf_adds(&w->body, "</td><td>");
	admin_pages_msg(w, outcome_key(outcome), NULL, NULL);
	buf_adds(&w->body, "</td><td>");
	web_text(w, reason);
	web_date(w, ts, date);
	buf_addf(&w->body, "</td><td>%s</td></tr>\n", date);
}

static void
decision_count_cb(const char *article, const char *outcome, const char *reason,
    int64_t ts, void *arg)
{
	(void)article;
	(void)outcome;
	(void)reason;
	(void)ts;
	(*(int *)arg)++;
}

/* The published decisions, as a table (or a line saying there is none). */
static void
decision_table(struct web *w, const struct db_item *it)
{
	static const char *const cols[] = { "a_col_article", "a_col_outcome",
	    "a_col_reason", "a_col_date" };
	int	n = 0;

	web_h2(w, "a_decisions_h", NULL, "published");
	db_decision_each(consult_db(w->c), it->id, decision_count_cb, &n);
	if (n == 0) {
		web_say(w, "a_decisions_none", NULL, NULL);
		return;
	}
	buf_adds(&w->body, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" "
	    "aria-labelledby=\"published\"><table><thead><tr>");
	admin_pages_heads(w, cols, nitems(cols));
	buf_adds(&w->body, "</tr></thead><tbody>\n");
	db_decision_each(consult_db(w->c), it->id, decision_row_cb, w);
	buf_adds(&w->body, "</tbody></table></div>\n");
}

/* The article select: the whole item, then each article with its title. */
struct article_opts {
	struct web	*w;
	const char	*selected;
};

static int
decision_article_cb(const char *number, const char *title, const char *text, void *arg)
{
	struct article_opts	*o = arg;
	struct web		*w = o->w;

	(void)text;
	buf_adds(&w->body, "<option value=\"");
	web_esc(&w->body, number);
	buf_addf(&w->body, "\"%s>", o->selected && strcmp(o->selected, number) == 0 ?
	    " selected" : "");
	admin_pages_msg(w, "a_article_n", number, NULL);
	if (title != NULL && *title != '\0') {
		buf_adds(&w->body, " ");
		web_text(w, title);
	}
	buf_adds(&w->body, "</option>\n");
	return 0;
}

/* The error key of field, or NULL. */
static const char *
decision_error(const struct decision_form *f, const char *field)
{
	int	i;

	for (i = 0; i < f->n; i++) {
		if (strcmp(f->fields[i], field) == 0)
			return f->keys[i];
	}
	return NULL;
}

static void
decision_form(struct web *w, const struct db_item *it, const struct decision_form *f)
{
	struct article_opts	 o = { w, f->article };
	char			 path[48];
	const char		*err;
	size_t			 i;

	web_h2(w, "a_decision_new", NULL, NULL);
	snprintf(path, sizeof path, "/admin/c/%s/decision", it->code);
	web_form_open(w, path);
	err = decision_error(f, "article");
	admin_field_label(w, "article", "a_article_label", NULL, err);
	buf_addf(&w->body, "<select id=\"article\" name=\"article\"%s>\n<option value=\"\">",
	    err ? " aria-describedby=\"article-error\"" : "");
	admin_pages_msg(w, "a_whole_item", NULL, NULL);
	buf_adds(&w->body, "</option>\n");
	db_article_each(consult_db(w->c), it->id, lang_code(w->lang), decision_article_cb, &o);
	buf_adds(&w->body, "</select>\n");
	err = decision_error(f, "outcome-adopted");
	buf_adds(&w->body, "<fieldset><legend>");
	admin_pages_msg(w, "a_outcome_label", NULL, NULL);
	buf_adds(&w->body, "</legend>\n");
	web_field_error(w, "outcome-adopted", err);
	for (i = 0; i < nitems(outcomes); i++) {
		buf_addf(&w->body, "<div class=\"radio\"><input type=\"radio\" "
		    "id=\"outcome-%s\" name=\"outcome\" value=\"%s\"%s%s><label "
		    "for=\"outcome-%s\">", outcomes[i], outcomes[i], f->outcome &&
		    strcmp(f->outcome, outcomes[i]) == 0 ? " checked" : "", err ?
		    " aria-describedby=\"outcome-adopted-error\"" : "", outcomes[i]);
		admin_pages_msg(w, outcome_key(outcomes[i]), NULL, NULL);
		buf_adds(&w->body, "</label></div>\n");
	}
	buf_adds(&w->body, "</fieldset>\n");
	err = decision_error(f, "reason");
	admin_field_label(w, "reason", "a_reason_label", "a_reason_hint", err);
	buf_addf(&w->body, "<textarea id=\"reason\" name=\"reason\" rows=\"6\" "
	    "aria-describedby=\"reason-hint%s\">", err ? " reason-error" : "");
	web_esc(&w->body, f->reason);
	buf_adds(&w->body, "</textarea>\n");
	web_form_end(w, "a_publish", NULL);
}

/* The decision page: what is published, then the form (with errors, if any). */
static void
decision_page(struct web *w, const struct db_item *it, const struct decision_form *f,
    int done)
{
	char	path[48];

	web_title(w, "a_decision_title", it->code);
	decision_item(w, it);
	if (done) {
		admin_pages_notice(w, "a_decision_done", NULL, NULL);
		snprintf(path, sizeof path, "/admin/c/%s/notify", it->code);
		web_button_link(w, path, "a_to_notify");
	}
	decision_table(w, it);
	decision_form(w, it, f);
	if (f->n > 0)
		web_errors(w, f->fields, f->keys, f->n);
	web_page(w, f->n > 0 ? 400 : 200);
}

struct decision_post {
	char	 code[16], article[16], outcome[16], name[64];
	char	*reason, *cause;
};

static int
decision_apply(struct web *w, struct consult *c, void *arg)
{
	struct decision_post	*p = arg;

	return decision_add(c, p->code, *p->article ? p->article : NULL, p->outcome,
	    p->reason, p->name, w->now, &p->cause);
}

static void
decision_done(struct web *w, int committed, int rc, void *arg)
{
	struct decision_post	*p = arg;
	char			 path[64];

	(void)rc;
	if (p->cause != NULL)
		log_warn("admin: decision on %s: %s", p->code, p->cause);
	if (!committed)
		admin_pages_busy(w);
	else {
		snprintf(path, sizeof path, "/admin/c/%s/decision?done=1", p->code);
		web_goto(w, path);
	}
	free(p->reason);
	free(p->cause);
	free(p);
}

/* Checks the form; 0 and f->n errors. */
static void
decision_check(struct web *w, const struct db_item *it, struct decision_form *f)
{
	size_t	i;

	if (f->article == WEB_FORM_BAD || (f->article != NULL && *f->article != '\0' &&
	    (strlen(f->article) >= 16 || db_article_exists(consult_db(w->c), it->id,
	    f->article) != 1))) {
		f->fields[f->n] = "article";
		f->keys[f->n++] = "a_article_bad";
		f->article = NULL;
	}
	for (i = 0; f->outcome != NULL && i < nitems(outcomes) &&
	    strcmp(f->outcome, outcomes[i]) != 0; i++)
		;
	if (f->outcome == NULL || i == nitems(outcomes)) {
		f->fields[f->n] = "outcome-adopted";
		f->keys[f->n++] = "a_outcome_missing";
		f->outcome = NULL;
	}
	if (f->reason == WEB_FORM_BAD || f->reason == NULL ||
	    !utf8_valid(f->reason, strlen(f->reason))) {
		f->fields[f->n] = "reason";
		f->keys[f->n++] = "a_reason_missing";
		f->reason = "";
	} else if (strspn(f->reason, " \t\r\n") == strlen(f->reason)) {
		f->fields[f->n] = "reason";
		f->keys[f->n++] = "a_reason_missing";
	} else if (utf8_chars(f->reason) > REASON_MAX) {
		f->fields[f->n] = "reason";
		f->keys[f->n++] = "a_reason_long";
	}
}

void
admin_decision(struct web *w, struct admin_user *u, const char *code)
{
	struct decision_form	 f;
	struct decision_post	*p;
	struct db_item		 it;
	const char		*done = web_form(w, "done");

	if (db_item_get(consult_db(w->c), code, &it) != 0) {
		web_not_found(w);
		return;
	}
	memset(&f, 0, sizeof f);
	f.reason = "";
	if (w->req->method != HTTP_POST) {
		decision_page(w, &it, &f, done != NULL && strcmp(done, "1") == 0);
		db_item_clear(&it);
		return;
	}
	f.article = web_form(w, "article");
	f.outcome = web_form(w, "outcome");
	f.reason = web_form(w, "reason");
	decision_check(w, &it, &f);
	if (f.n > 0) {
		decision_page(w, &it, &f, 0);
		db_item_clear(&it);
		return;
	}
	p = xcalloc(1, sizeof *p);
	snprintf(p->code, sizeof p->code, "%s", it.code);
	snprintf(p->article, sizeof p->article, "%s", f.article ? f.article : "");
	snprintf(p->outcome, sizeof p->outcome, "%s", f.outcome);
	snprintf(p->name, sizeof p->name, "%s", u->name);
	p->reason = xstrdup(f.reason);
	db_item_clear(&it);
	web_commit(w, p, decision_apply, decision_done);
}

/* --- telling the participants --------------------------------------------------------- */

/* Recipients by aimag ("" unknown), as db_decision_recipients gives them. */
struct notify_aimags {
	char	 aimag[40][8];
	int64_t	 n[40];
	int	 len;
};

static int
notify_aimag_cb(const struct db_recipient *r, void *arg)
{
	struct notify_aimags	*a = arg;
	int			 i;

	for (i = 0; i < a->len && strcmp(a->aimag[i], r->aimag) != 0; i++)
		;
	if (i == a->len && a->len < 40)
		snprintf(a->aimag[a->len++], sizeof a->aimag[0], "%s", r->aimag);
	if (i < a->len)
		a->n[i]++;
	return 0;
}

/* "now", or the time the texts wait for (Ulaanbaatar), as the form keeps it. */
static void
notify_when(const struct decision_plan *plan, int64_t now, char out[24])
{
	if (plan->send_at <= now)
		snprintf(out, 24, "now");
	else
		snprintf(out, 24, "%lld", (long long)plan->send_at);
}

/* The plan: recipients, segments, when; and per aimag. */
static void
notify_plan(struct web *w, const struct db_item *it, const struct decision_plan *plan)
{
	static const char *const cols[] = { "a_col_aimag", "a_col_recipients" };
	struct notify_aimags	*a = xcalloc(1, sizeof *a);
	char			 n[24], m[24], when[32], place[96], *s;
	int			 i;

	snprintf(n, sizeof n, "%lld", (long long)plan->recipients);
	snprintf(m, sizeof m, "%lld", (long long)plan->segments);
	buf_adds(&w->body, "<dl class=\"facts\">");
	admin_pages_fact(w, "a_plan_recipients", n);
	admin_pages_fact(w, "a_plan_segments", m);
	if (plan->send_at <= w->now)
		s = web_msg(w, "a_plan_now", NULL, NULL);
	else {
		clock_format_ub(plan->send_at, when, sizeof when);
		s = web_msg(w, "a_plan_at", when, NULL);
	}
	admin_pages_fact(w, "a_plan_when", s);
	free(s);
	buf_adds(&w->body, "</dl>\n");
	web_say(w, "a_plan_quiet", NULL, NULL);
	if (db_decision_recipients(consult_db(w->c), it->id, notify_aimag_cb, a) == 0 &&
	    a->len > 0) {
		web_h2(w, "a_plan_aimags", NULL, "by-aimag");
		buf_adds(&w->body, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" "
		    "aria-labelledby=\"by-aimag\"><table><thead><tr>");
		admin_pages_heads(w, cols, nitems(cols));
		buf_adds(&w->body, "</tr></thead><tbody>\n");
		for (i = 0; i < a->len; i++) {
			if (*a->aimag[i] != '\0')
				consult_place_name(a->aimag[i], place, sizeof place);
			s = *a->aimag[i] ? NULL : web_msg(w, "a_aimag_unknown", NULL, NULL);
			buf_adds(&w->body, "<tr><td>");
			web_text(w, s ? s : place);
			buf_addf(&w->body, "</td><td>%lld</td></tr>\n", (long long)a->n[i]);
			free(s);
		}
		buf_adds(&w->body, "</tbody></table></div>\n");
	}
	free(a);
}

/* The confirmation: the plan as shown goes back with the POST. */
static void
notify_form(struct web *w, const struct db_item *it, const struct decision_plan *plan)
{
	char	path[48], when[24], n[24];

	snprintf(path, sizeof path, "/admin/c/%s/notify", it->code);
	web_form_open(w, path);
	notify_when(plan, w->now, when);
	buf_addf(&w->body, "<input type=\"hidden\" name=\"recipients\" value=\"%lld\">\n"
	    "<input type=\"hidden\" name=\"segments\" value=\"%lld\">\n"
	    "<input type=\"hidden\" name=\"at\" value=\"%s\">\n"
	    "<input type=\"hidden\" name=\"confirm\" id=\"confirm\" value=\"1\">\n",
	    (long long)plan->recipients, (long long)plan->segments, when);
	snprintf(n, sizeof n, "%lld", (long long)plan->recipients);
	buf_adds(&w->body, "<button>");
	admin_pages_msg(w, "a_confirm_send", n, NULL);
	buf_adds(&w->body, "</button>\n</form>\n");
}

/* The plan page; changed: the plan was not the one confirmed. */
static void
notify_page(struct web *w, const struct db_item *it, int changed)
{
	static const char *const fields[] = { "confirm" };
	static const char *const keys[] = { "a_plan_changed" };
	struct decision_plan	 plan;
	char			 path[48], when[24], *cause = NULL;

	web_title(w, "a_notify_title", it->code);
	decision_item(w, it);
	if (decision_notify(w->c, it->code, 0, w->now, &plan, &cause) != 0) {
		free(cause);
		web_say(w, "a_notify_no_decision", NULL, NULL);
		snprintf(path, sizeof path, "/admin/c/%s/decision", it->code);
		web_button_link(w, path, "a_decision_go");
		web_page(w, 200);
		return;
	}
	if (changed)
		web_errors(w, fields, keys, 1);
	notify_plan(w, it, &plan);
	if (decision_sent(&plan)) {
		clock_format_ub(plan.sent, when, sizeof when);
		web_say(w, "a_plan_sent", when, NULL);
	} else if (plan.recipients == 0)
		web_say(w, "a_plan_none", NULL, NULL);
	else
		notify_form(w, it, &plan);
	web_page(w, changed ? 409 : 200);
}

struct notify_post {
	char			 code[16], name[64], at[24];
	int64_t			 recipients, segments;
	struct decision_plan	 plan;
	int			 changed;
	char			*cause;
};

static int
notify_apply(struct web *w, struct consult *c, void *arg)
{
	struct notify_post	*p = arg;
	char			 when[24], detail[128];

	if (decision_notify(c, p->code, 0, w->now, &p->plan, &p->cause) != 0)
		return -1;
	notify_when(&p->plan, w->now, when);
	if (p->plan.recipients != p->recipients || p->plan.segments != p->segments ||
	    strcmp(when, p->at) != 0 || decision_sent(&p->plan)) {
		p->changed = 1;
		return 0;
	}
	if (decision_notify(c, p->code, 1, w->now, &p->plan, &p->cause) != 0)
		return -1;
	snprintf(detail, sizeof detail, "%lld messages, %lld segments, by official %s (web)",
	    (long long)p->plan.recipients, (long long)p->plan.segments, p->name);
	return db_audit(consult_db(c), w->now, NULL, 0, "admin_notify", p->code, detail,
	    "admin");
}

static void
notify_done(struct web *w, int committed, int rc, void *arg)
{
	struct notify_post	*p = arg;
	struct db_item		 it;
	char			 path[96];

	if (p->cause != NULL)
		log_warn("admin: notify %s: %s", p->code, p->cause);
	if (committed && !p->changed) {
		snprintf(path, sizeof path, "/admin/c/%s/notify?queued=%lld&at=%lld",
		    p->code, (long long)p->plan.recipients, (long long)p->plan.send_at);
		web_goto(w, path);
	} else if (!committed && rc >= 0)
		admin_pages_busy(w);
	else if (db_item_get(consult_db(w->c), p->code, &it) == 0) {
		notify_page(w, &it, 1);		/* changed, or undone: the plan now */
		db_item_clear(&it);
	} else
		web_not_found(w);
	free(p->cause);
	free(p);
}

/* The result of a send: how many were queued, for when. */
static int
notify_result(struct web *w, const struct db_item *it)
{
	const char	*q = web_form(w, "queued"), *at = web_form(w, "at");
	char		*end, when[32];
	long long	 n, t;

	if (q == NULL || at == NULL)
		return 0;
	n = strtoll(q, &end, 10);
	if (*q == '\0' || *end != '\0' || n < 0)
		return 0;
	t = strtoll(at, &end, 10);
	if (*at == '\0' || *end != '\0' || t < 0)
		return 0;
	web_title(w, "a_notify_title", it->code);
	snprintf(when, sizeof when, "%lld", n);
	admin_pages_notice(w, "a_queued", when, NULL);
	if (t > w->now) {
		clock_format_ub(t, when, sizeof when);
		web_say(w, "a_plan_at", when, NULL);
	}
	web_button_link(w, "/admin", "a_back_home");
	web_page(w, 200);
	return 1;
}

void
admin_notify(struct web *w, struct admin_user *u, const char *code)
{
	struct notify_post	*p;
	struct db_item		 it;
	const char		*r = web_form(w, "recipients"), *s = web_form(w, "segments");
	const char		*at = web_form(w, "at"), *confirm = web_form(w, "confirm");
	char			*end;

	if (db_item_get(consult_db(w->c), code, &it) != 0) {
		web_not_found(w);
		return;
	}
	if (w->req->method != HTTP_POST) {
		if (!notify_result(w, &it))
			notify_page(w, &it, 0);
		db_item_clear(&it);
		return;
	}
	p = xcalloc(1, sizeof *p);
	if (confirm == NULL || strcmp(confirm, "1") != 0 || r == NULL || s == NULL ||
	    *r == '\0' || *s == '\0' || at == NULL || strlen(at) >= sizeof p->at ||
	    (p->recipients = strtoll(r, &end, 10)) < 0 || *end != '\0' ||
	    (p->segments = strtoll(s, &end, 10)) < 0 || *end != '\0') {
		free(p);
		notify_page(w, &it, 1);
		db_item_clear(&it);
		return;
	}
	snprintf(p->code, sizeof p->code, "%s", it.code);
	snprintf(p->name, sizeof p->name, "%s", u->name);
	snprintf(p->at, sizeof p->at, "%s", at);
	db_item_clear(&it);
	web_commit(w, p, notify_apply, notify_done);
}
