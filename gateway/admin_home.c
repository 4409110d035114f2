/* SPDX-License-Identifier: ISC */
/*
 * What an official sees first, /admin: every item with its status, dates and
 * counts (from the report's running totals) and links to what the official's
 * role may use on it (admin_decision.c has the decision and notify pages).
 * Admins also open and close items there, or give them back to their dates:
 * a POST to /admin/c/CODE/state, through the batch and audited with the
 * official's name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_pages.h"

/* --- the dashboard ----------------------------------------------------------------- */

struct home_run {
	struct web		*w;
	const struct admin_user	*u;
	int			 n;
};

/* A button that sets an item's state: a form of its own. */
static void
home_state_button(struct web *w, const char *code, const char *state, const char *key)
{
	char	 path[48];

	snprintf(path, sizeof path, "/admin/c/%s/state", code);
	web_form_open(w, path);
	buf_addf(&w->body, "<input type=\"hidden\" name=\"state\" value=\"%s\">\n", state);
	buf_adds(&w->body, "<button class=\"secondary\">");
	admin_pages_msg(w, key, code, NULL);
	buf_adds(&w->body, "</button>\n</form>\n");
}

/* The item's counts and dates as a description list. */
static void
home_facts(struct web *w, const struct db_item *it, const struct report *r)
{
	static const char *const status[] = { "a_status_open", "a_status_not_yet",
	    "a_status_closed" };
	char		 a[32], b[32], v[96], *s;
	int		 petition = strcmp(it->kind, "petition") == 0;

	buf_adds(&w->body, "<dl class=\"facts\">");
	s = web_msg(w, petition ? "a_kind_petition" : "a_kind_consultation", NULL, NULL);
	admin_pages_fact(w, "a_kind", s);
	free(s);
	s = web_msg(w, status[item_status_at(it->state, it->opens, it->closes, w->now)],
	    NULL, NULL);
	if (strcmp(it->state, "auto") != 0) {
		char *t = web_msg(w, "a_state_by_hand", s, NULL);

		free(s);
		s = t;
	}
	admin_pages_fact(w, "a_status", s);
	free(s);
	web_date(w, it->opens, a);
	web_date(w, it->closes, b);
	snprintf(v, sizeof v, "%s – %s", a, b);
	admin_pages_fact(w, "a_dates", v);
	snprintf(v, sizeof v, "%lld", (long long)r->participants);
	admin_pages_fact(w, "a_participants", v);
	if (petition) {
		snprintf(v, sizeof v, "%lld / %lld", (long long)r->signatures,
		    (long long)it->threshold);
		admin_pages_fact(w, "a_signatures", v);
	} else {
		snprintf(a, sizeof a, "%lld", (long long)r->support);
		snprintf(b, sizeof b, "%lld", (long long)r->oppose);
		s = web_msg(w, "a_votes_n", a, b);
		admin_pages_fact(w, "a_votes", s);
		free(s);
	}
	snprintf(v, sizeof v, "%lld", (long long)r->comments);
	admin_pages_fact(w, "a_comments_n", v);
	buf_adds(&w->body, "</dl>\n");
}

/* Links to what the official's role may use on the item. */
static void
home_actions(struct web *w, const struct admin_user *u, const struct db_item *it)
{
	static const struct {
		const char		*before, *after;	/* the path around the code */
		const char		*key;
		enum official_role	 min;
	} links[] = {
		{ "/admin/c/", "", "a_report", ROLE_VIEWER },
		{ "/admin/comments?code=", "", "a_comments", ROLE_VIEWER },
		{ "/admin/c/", "/quotes", "a_quotes", ROLE_VIEWER },
		{ "/admin/c/", "/decision", "a_decision", ROLE_ADMIN },
		{ "/admin/c/", "/notify", "a_notify", ROLE_ADMIN },
	};
	char	path[64];
	size_t	i;

	buf_adds(&w->body, "<ul class=\"actions\">");
	for (i = 0; i < nitems(links); i++) {
		if (u->role < links[i].min)
			continue;
		snprintf(path, sizeof path, "%s%s%s", links[i].before, it->code,
		    links[i].after);
		buf_adds(&w->body, "<li>");
		admin_pages_link(w, path, links[i].key, it->code);
		buf_adds(&w->body, "</li>");
	}
	buf_adds(&w->body, "</ul>\n");
}

static int
home_item_cb(const struct db_item *it, void *arg)
{
	struct home_run	*h = arg;
	struct web	*w = h->w;
	struct report	 r;
	char		*title;
	enum item_status st;

	if (report_build(w->c, it->code, 0, &r) != 0)
		return 1;
	title = admin_pages_title(w, it);
	buf_addf(&w->body, "<section aria-labelledby=\"item-%s\"><h2 id=\"item-%s\">",
	    it->code, it->code);
	web_esc(&w->body, it->code);
	buf_adds(&w->body, " · ");
	web_text(w, title);
	buf_adds(&w->body, "</h2>\n");
	free(title);
	home_facts(w, it, &r);
	home_actions(w, h->u, it);
	if (h->u->role >= ROLE_ADMIN) {
		buf_adds(&w->body, "<div class=\"actions\">");
		st = item_status_at(it->state, it->opens, it->closes, w->now);
		home_state_button(w, it->code, st == ITEM_OPEN ? "closed" : "open",
		    st == ITEM_OPEN ? "a_close_item" : "a_open_item");
		if (strcmp(it->state, "auto") != 0)
			home_state_button(w, it->code, "auto", "a_auto_item");
		buf_adds(&w->body, "</div>\n");
	}
	buf_adds(&w->body, "</section>\n");
	report_free(&r);
	h->n++;
	return 0;
}

void
admin_home(struct web *w, struct admin_user *u)
{
	struct home_run	 h = { w, u, 0 };
	const char	*done = web_form(w, "state");

	web_title(w, "a_home_title", NULL);
	if (done != NULL && item_code_valid(done))
		admin_pages_notice(w, "a_state_done", done, NULL);
	buf_adds(&w->body, "<ul class=\"actions\"><li>");
	admin_pages_link(w, "/admin/review", "a_review", NULL);
	buf_adds(&w->body, "</li><li>");
	admin_pages_link(w, "/admin/comments", "a_all_comments", NULL);
	buf_adds(&w->body, "</li></ul>\n");
	if (db_item_each(consult_db(w->c), home_item_cb, &h) != 0) {
		buf_free(&w->body);
		admin_pages_busy(w);
		return;
	}
	if (h.n == 0)
		web_say(w, "a_no_items", NULL, NULL);
	web_page(w, 200);
}

/* --- opening and closing an item ---------------------------------------------------- */

struct state_post {
	char	code[16], state[8], name[64];
	char	*cause;
};

static int
state_apply(struct web *w, struct consult *c, void *arg)
{
	struct state_post	*p = arg;
	char			 action[32], detail[112];

	if (item_set_state(c, p->code, p->state, &p->cause) != 0)
		return -1;
	snprintf(action, sizeof action, "consultation_%s", strcmp(p->state, "closed") == 0 ?
	    "close" : p->state);
	snprintf(detail, sizeof detail, "%s by official %s (web)", p->state, p->name);
	return db_audit(consult_db(c), w->now, NULL, 0, action, p->code, detail, "admin");
}

static void
state_done(struct web *w, int committed, int rc, void *arg)
{
	struct state_post	*p = arg;
	char			 path[48];

	(void)rc;
	if (!committed)
		admin_pages_busy(w);
	else {
		snprintf(path, sizeof path, "/admin?state=%s", p->code);
		web_goto(w, path);
	}
	free(p->cause);
	free(p);
}

void
admin_state(struct web *w, struct admin_user *u, const char *code)
{
	const char		*state = web_form(w, "state");
	struct state_post	*p;
	struct db_item		 it;

	if (db_item_get(consult_db(w->c), code, &it) != 0) {
		web_not_found(w);
		return;
	}
	db_item_clear(&it);
	if (state == NULL || (strcmp(state, "open") != 0 && strcmp(state, "closed") != 0 &&
	    strcmp(state, "auto") != 0)) {
		web_title(w, "a_bad_request_title", NULL);
		web_button_link(w, "/admin", "a_back_home");
		w->error = 1;
		web_page(w, 400);
		return;
	}
	p = xcalloc(1, sizeof *p);
	snprintf(p->code, sizeof p->code, "%s", code);
	snprintf(p->state, sizeof p->state, "%s", state);
	snprintf(p->name, sizeof p->name, "%s", u->name);
	web_commit(w, p, state_apply, state_done);
}
