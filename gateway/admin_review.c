/* SPDX-License-Identifier: ISC */
/*
 * The review queue, /admin/review: the comments the model was unsure of, or
 * that came in a campaign, and that no official has labelled yet, newest
 * first, 25 a page. Anyone signed in may read it; analysts and admins get a
 * form under each comment, its stance and topic preselected with the model's
 * guess, that POSTs to /admin/label. The label is stored with the official's
 * name and the time (comment_label, audited) in the batch; the comment then
 * leaves the queue and the queue says so. A viewer's POST is refused (403).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "admin_pages.h"

struct label_post {
	int64_t		 id;
	char		 stance[12], topic[24];
	char		 official[64];
	int		 page;
	int		 rc;
	char		*cause;
};

/* The label form of one comment: two selects, the model's guess chosen. */
static void
review_form(struct web *w, const struct comment_view *v, int page,
    const char *const *st, char **stn, const char *const *tp, char **tpn)
{
	char	id[32];

	web_form_open(w, "/admin/label");
	buf_addf(&w->body, "<input type=\"hidden\" name=\"id\" value=\"%lld\">\n"
	    "<input type=\"hidden\" name=\"page\" value=\"%d\">\n", (long long)v->id, page);
	snprintf(id, sizeof id, "stance-%lld", (long long)v->id);
	admin_pages_select(w, "stance", id, "ar_f_stance", NULL, st, stn, STANCE_N, v->stance,
	    NULL);
	snprintf(id, sizeof id, "topic-%lld", (long long)v->id);
	admin_pages_select(w, "topic", id, "ar_f_topic", NULL, tp, tpn, TOPIC_N, v->topic,
	    NULL);
	web_form_end(w, "ar_label_button", NULL);
}

/* One comment of the queue: its facts, its text, the model's guess, the form. */
static void
review_item(struct web *w, const struct comment_view *v, int page, int analyst,
    const char *const *st, char **stn, const char *const *tp, char **tpn)
{
	char	*a, *b, conf[16];

	buf_addf(&w->body, "<li id=\"c%lld\"><p>", (long long)v->id);
	admin_pages_facts(w, v->id, v->ts, v->channel, v->aimag, v->code, v->article);
	buf_adds(&w->body, "</p>\n<blockquote>");
	web_esc(&w->body, v->text);
	buf_adds(&w->body, "</blockquote>\n<p>");
	a = admin_pages_stance(w, v->stance);
	b = admin_pages_topic(w, v->topic);
	snprintf(conf, sizeof conf, "%.2f", v->confidence < 0 ? 0.0 : v->confidence);
	admin_pages_msg(w, "ar_guess", a, b);
	buf_adds(&w->body, " (");
	admin_pages_msg(w, "ar_model_guess", conf, NULL);
	buf_adds(&w->body, ")");
	admin_pages_campaign(w, " · ", v->campaign_id);
	buf_adds(&w->body, "</p>\n");
	free(a);
	free(b);
	if (analyst)
		review_form(w, v, page, st, stn, tp, tpn);
	buf_adds(&w->body, "</li>\n");
}

/* The page's comments, or a line saying the queue is empty. */
static void
review_list(struct web *w, const struct comment_view *v, size_t n, int page,
    int analyst)
{
	const char	*st[STANCE_N], *tp[TOPIC_N];
	char		*stn[STANCE_N], *tpn[TOPIC_N];
	size_t		 i;

	if (n == 0) {
		web_say(w, "ar_queue_empty", NULL, NULL);
		return;
	}
	admin_pages_stances(w, st, stn);
	admin_pages_topics(w, tp, tpn);
	buf_adds(&w->body, "<ol class=\"comments\">\n");
	for (i = 0; i < n; i++)
		review_item(w, &v[i], page, analyst, st, stn, tp, tpn);
	buf_adds(&w->body, "</ol>\n");
	admin_pages_free(stn, STANCE_N);
	admin_pages_free(tpn, TOPIC_N);
}

void
admin_review(struct web *w, struct admin_user *u)
{
	struct comment_filter	 f = { .campaign = -1, .review = 1, .page = 1,
				    .per_page = ADMIN_PER_PAGE };
	const char		*p = http_param(w->req, "page");
	const char		*done = http_param(w->req, "labelled");
	struct comment_view	*v = NULL;
	size_t			 n = 0;
	int64_t			 total = 0;
	char			 count[24];

	if (p != NULL && *p != '\0') {
		if (strlen(p) > 6 || strspn(p, "0123456789") != strlen(p) || atoi(p) < 1) {
			admin_pages_bad(w, 400, "page", "ar_bad_page", "/admin/review");
			return;
		}
		f.page = atoi(p);
	}
	if (comments_find(w->c, &f, &v, &n, &total) != 0) {
		admin_pages_busy(w);
		return;
	}
	web_title(w, "ar_review_title", NULL);
	if (done != NULL && strspn(done, "0123456789") == strlen(done) && *done &&
	    strlen(done) < 20)
		admin_pages_notice(w, "ar_labelled", done, NULL);
	snprintf(count, sizeof count, "%lld", (long long)total);
	web_say(w, "ar_queue_intro", count, NULL);
	if (u->role < ROLE_ANALYST)
		web_say(w, "ar_viewer_no_label", NULL, NULL);
	review_list(w, v, n, f.page, u->role >= ROLE_ANALYST);
	admin_pages_pager(w, "/admin/review", f.page, total);
	comments_free(v, n);
	web_page(w, 200);
}

static int
label_apply(struct web *w, struct consult *c, void *arg)
{
	struct label_post	*p = arg;

	p->rc = comment_label(c, p->id, p->stance, p->topic, p->official, w->now,
	    &p->cause);
	return p->rc;
}

static void
label_done(struct web *w, int committed, int rc, void *arg)
{
	struct label_post	*p = arg;
	char			 path[96];

	(void)rc;
	if (p->rc != 0) {
		log_info("admin: label %lld refused: %s", (long long)p->id,
		    p->cause ? p->cause : "?");
		admin_pages_bad(w, 400, "id", "ar_label_failed", "/admin/review");
	} else if (!committed)
		admin_pages_busy(w);
	else {
		snprintf(path, sizeof path, "/admin/review?labelled=%lld&page=%d",
		    (long long)p->id, p->page);
		web_goto(w, path);
	}
	free(p->cause);
	free(p);
}

void
admin_label(struct web *w, struct admin_user *u)
{
	struct label_post	*p;
	const char		*id = web_form(w, "id"), *st = web_form(w, "stance");
	const char		*tp = web_form(w, "topic"), *pg = web_form(w, "page");

	/* admin.c's table admits analysts and admins only: 403 */
	if (id == NULL || *id == '\0' || strlen(id) > 18 ||
	    strspn(id, "0123456789") != strlen(id)) {
		admin_pages_bad(w, 400, "id", "ar_label_failed", "/admin/review");
		return;
	}
	if (st == NULL || stance_parse(st) < 0 || tp == NULL || topic_parse(tp) < 0) {
		admin_pages_bad(w, 400, st == NULL || stance_parse(st) < 0 ? "stance" : "topic",
		    st == NULL || stance_parse(st) < 0 ? "ar_bad_stance" : "ar_bad_topic",
		    "/admin/review");
		return;
	}
	p = xcalloc(1, sizeof *p);
	p->id = strtoll(id, NULL, 10);
	snprintf(p->stance, sizeof p->stance, "%s", st);
	snprintf(p->topic, sizeof p->topic, "%s", tp);
	snprintf(p->official, sizeof p->official, "%s", u->name);
	p->page = pg != NULL && strlen(pg) <= 6 && strspn(pg, "0123456789") == strlen(pg) &&
	    atoi(pg) >= 1 ? atoi(pg) : 1;
	web_commit(w, p, label_apply, label_done);
}
