/* SPDX-License-Identifier: ISC */
/*
 * The comments browser, /admin/comments: a GET form of filters (item,
 * article, stance, topic, aimag, channel, day in Ulaanbaatar, campaign any,
 * yes or no), each with its label, then the comments that match, newest
 * first, 25 a page, as a table: id; time and channel; aimag, item and
 * article; the text as written (escaped); stance and topic (an official's
 * label said as such, with who and when) and campaign. Comments are traceable to their id,
 * time and channel, never to a phone number. A bad filter value answers 400
 * with the error summary and the form again, never a 500.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "smscmd.h"
#include "admin_pages.h"

enum { F_CODE, F_ARTICLE, F_STANCE, F_TOPIC, F_AIMAG, F_CHANNEL, F_DAY, F_CAMPAIGN,
	F_PAGE, F_N };

static const char *const filter_names[F_N] = {
	"code", "article", "stance", "topic", "aimag", "channel", "day", "campaign", "page",
};

struct filters {
	const char		*v[F_N];	/* as given; "" if absent */
	const char		*err[F_N];	/* an error key, or NULL */
	const char		*ids[F_N], *keys[F_N];
	int			 nerr;
	struct comment_filter	 f;
};

/* 1 if s is YYYY-MM-DD with a month and day that can be. */
static int
filter_day_ok(const char *s)
{
	struct comment_filter	 f = { .day = s, .campaign = -1, .page = 1, .per_page = 1 };
	char			*cause = NULL;
	int			 ok;

	ok = comment_filter_check(&f, &cause) == 0;	/* the query's own rule: 02-30 is none */
	free(cause);
	return ok;
}

/* 1 if s is an item's code that exists. */
static int
filter_item_ok(struct web *w, const char *s)
{
	struct db_item	it;

	if (!item_code_valid(s) || db_item_get(consult_db(w->c), s, &it) != 0)
		return 0;
	db_item_clear(&it);
	return 1;
}

/* The error key of filter i's value v, or NULL if it is good. */
static const char *
filter_check(struct web *w, int i, const char *v)
{
	switch (i) {
	case F_CODE:
		return filter_item_ok(w, v) ? NULL : "ar_bad_item";
	case F_ARTICLE:
		return strlen(v) < 16 && strspn(v, "0123456789abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ.-") == strlen(v) ? NULL : "ar_bad_article";
	case F_STANCE:
		return stance_parse(v) >= 0 ? NULL : "ar_bad_stance";
	case F_TOPIC:
		return topic_parse(v) >= 0 ? NULL : "ar_bad_topic";
	case F_AIMAG:
		return gazetteer_aimag_name(v) != NULL ? NULL : "ar_bad_aimag";
	case F_CHANNEL:
		return strcmp(v, "sms") == 0 || strcmp(v, "ussd") == 0 ||
		    strcmp(v, "web") == 0 ? NULL : "ar_bad_channel";
	case F_DAY:
		return filter_day_ok(v) ? NULL : "ar_bad_day";
	case F_CAMPAIGN:
		return strcmp(v, "yes") == 0 || strcmp(v, "no") == 0 ? NULL :
		    "ar_bad_campaign";
	default:
		return strlen(v) <= 6 && strspn(v, "0123456789") == strlen(v) &&
		    atoi(v) >= 1 ? NULL : "ar_bad_page";
	}
}

/* Reads and checks the query's filters into fl->f. */
static void
filter_parse(struct web *w, struct filters *fl)
{
	const char	*v;
	int		 i;

	memset(fl, 0, sizeof *fl);
	for (i = 0; i < F_N; i++) {
		v = http_param(w->req, filter_names[i]);
		if (v != NULL && i == F_CAMPAIGN && strcmp(v, "any") == 0)
			v = "";
		fl->v[i] = v != NULL ? v : "";
		if (v == NULL || *v == '\0')
			continue;
		if ((fl->err[i] = filter_check(w, i, v)) != NULL) {
			fl->ids[fl->nerr] = i == F_PAGE ? "page-error" : filter_names[i];
			fl->keys[fl->nerr++] = fl->err[i];
		}
	}
#define FV(i)	(*fl->v[i] && fl->err[i] == NULL ? fl->v[i] : NULL)
	fl->f.code = FV(F_CODE);
	fl->f.article = FV(F_ARTICLE);
	fl->f.stance = FV(F_STANCE);
	fl->f.topic = FV(F_TOPIC);
	fl->f.aimag = FV(F_AIMAG);
	fl->f.channel = FV(F_CHANNEL);
	fl->f.day = FV(F_DAY);
#undef FV
	fl->f.campaign = fl->err[F_CAMPAIGN] || !*fl->v[F_CAMPAIGN] ? -1 :
	    strcmp(fl->v[F_CAMPAIGN], "yes") == 0;
	fl->f.page = *fl->v[F_PAGE] && fl->err[F_PAGE] == NULL ? atoi(fl->v[F_PAGE]) : 1;
	fl->f.per_page = ADMIN_PER_PAGE;
}

/* "/admin/comments?code=12&stance=oppose": the good filters, for the pager. */
static char *
filter_query(const struct filters *fl)
{
	struct buf	b;
	int		i;

	buf_init(&b);
	buf_adds(&b, "/admin/comments");
	for (i = 0; i < F_PAGE; i++) {
		if (*fl->v[i] == '\0' || fl->err[i] != NULL)
			continue;
		buf_addf(&b, "%c%s=", b.len == 15 ? '?' : '&', filter_names[i]);
		web_urlenc(&b, fl->v[i]);
	}
	return buf_steal(&b);
}

struct item_opts {
	struct web	*w;
	const char	*values[64];
	char		*names[64];
	char		 codes[64][16];
	size_t		 n;
};

static int
item_opt_cb(const struct db_item *it, void *arg)
{
	struct item_opts	*o = arg;
	char			*title;

	if (o->n == nitems(o->values))
		return 1;
	snprintf(o->codes[o->n], sizeof o->codes[0], "%s", it->code);
	title = web_item_text(o->w, it->id, "title");
	o->names[o->n] = xasprintf("%s — %s", it->code, title ? title : it->kind);
	o->values[o->n] = o->codes[o->n];
	o->n++;
	free(title);
	return 0;
}

/* Filter i's select with its label, "any" first; frees names. */
static void
form_select(struct web *w, const struct filters *fl, int i, const char *label,
    const char *const *values, char **names, size_t n)
{
	admin_pages_select(w, filter_names[i], filter_names[i], label, "ar_any", values,
	    names, n, fl->v[i], fl->err[i]);
	admin_pages_free(names, n);
}

/* The selects: item, stance, topic, aimag, channel, campaign. */
static void
form_selects(struct web *w, const struct filters *fl)
{
	static const char *const channels[] = { "sms", "ussd", "web" };
	static const char *const yesno[] = { "yes", "no" };
	const char	*st[STANCE_N], *tp[TOPIC_N], *aimags[32];
	char		*stn[STANCE_N], *tpn[TOPIC_N], *aimagn[32], *chn[3], *ynn[2];
	struct item_opts o = { .w = w };
	size_t		 i, na = 0;

	db_item_each(consult_db(w->c), item_opt_cb, &o);
	form_select(w, fl, F_CODE, "ar_f_item", o.values, o.names, o.n);
	admin_pages_stances(w, st, stn);
	admin_pages_topics(w, tp, tpn);
	form_select(w, fl, F_STANCE, "ar_f_stance", st, stn, STANCE_N);
	form_select(w, fl, F_TOPIC, "ar_f_topic", tp, tpn, TOPIC_N);
	for (i = 0; i < gazetteer_nunits && na < nitems(aimags); i++) {
		if (gazetteer_units[i].parent[0] != '\0')
			continue;
		aimags[na] = gazetteer_units[i].code;
		aimagn[na++] = xstrdup(gazetteer_units[i].mn);
	}
	form_select(w, fl, F_AIMAG, "ar_f_aimag", aimags, aimagn, na);
	chn[0] = xstrdup("SMS");
	chn[1] = xstrdup("USSD");
	chn[2] = xstrdup("Web");
	form_select(w, fl, F_CHANNEL, "ar_f_channel", channels, chn, 3);
	ynn[0] = web_msg(w, "ar_campaign_yes", NULL, NULL);
	ynn[1] = web_msg(w, "ar_campaign_no", NULL, NULL);
	form_select(w, fl, F_CAMPAIGN, "ar_f_campaign", yesno, ynn, 2);
}

/* The filters' form: a GET to this page, the language kept in a hidden field. */
static void
filter_form(struct web *w, const struct filters *fl)
{
	buf_adds(&w->body, "<form method=\"get\" action=\"/admin/comments\" "
	    "aria-labelledby=\"filters\"><h2 id=\"filters\">");
	admin_pages_msg(w, "ar_filters", NULL, NULL);
	buf_adds(&w->body, "</h2>\n");
	if (*w->lang_param != '\0')
		buf_addf(&w->body, "<input type=\"hidden\" name=\"lang\" value=\"%s\">\n",
		    w->lang_param);
	form_selects(w, fl);
	admin_field(w, "article", "text", "ar_f_article", "ar_f_article_hint", "",
	    fl->v[F_ARTICLE], fl->err[F_ARTICLE]);
	admin_field(w, "day", "text", "ar_f_day", "ar_f_day_hint", "", fl->v[F_DAY],
	    fl->err[F_DAY]);
	web_field_error(w, "page", fl->err[F_PAGE]);
	buf_adds(&w->body, "<p><button>");
	admin_pages_msg(w, "ar_filter_button", NULL, NULL);
	buf_adds(&w->body, "</button></p>\n</form>\n");
}

/* The stance and topic of a comment, said as an official's label or the model's guess. */
static void
comment_labels(struct web *w, const struct comment_view *v)
{
	char	*st = admin_pages_stance(w, v->stance);
	char	*tp = admin_pages_topic(w, v->topic), when[32], n[24];

	web_text(w, st);
	buf_adds(&w->body, " / ");
	web_text(w, tp);
	buf_adds(&w->body, "<br><small>");
	if (v->human) {
		clock_format_ub(v->label_ts, when, sizeof when);
		when[10] = '\0';
		admin_pages_msg(w, "ar_labelled_by", v->label_by, when);
	} else if (v->confidence >= 0) {
		snprintf(n, sizeof n, "%.2f", v->confidence);
		admin_pages_msg(w, "ar_model_guess", n, NULL);
	} else
		admin_pages_msg(w, "ar_not_analysed", NULL, NULL);
	admin_pages_campaign(w, "<br>", v->campaign_id);
	buf_adds(&w->body, "</small>");
	free(st);
	free(tp);
}

/* One row of the results: id; time and channel; place, item and article; text; labels. */
static void
comment_row(struct web *w, const struct comment_view *v)
{
	char	when[32], place[96];

	clock_format_ub(v->ts, when, sizeof when);
	consult_place_name(v->aimag, place, sizeof place);
	buf_addf(&w->body, "<tr><td>%lld</td><td>%s<br>%s</td><td>", (long long)v->id,
	    when, strcmp(v->channel, "sms") == 0 ? "SMS" : strcmp(v->channel, "ussd") == 0 ?
	    "USSD" : "Web");
	if (*place != '\0')
		web_text(w, place);
	else
		admin_pages_msg(w, "ar_place_unknown", NULL, NULL);
	buf_adds(&w->body, "<br>");
	if (*v->article)
		admin_pages_msg(w, "ar_item_article", v->code, v->article);
	else
		admin_pages_msg(w, "ar_item", v->code, NULL);
	buf_adds(&w->body, "</td><td>");
	web_esc(&w->body, v->text);
	buf_adds(&w->body, "</td><td>");
	comment_labels(w, v);
	buf_adds(&w->body, "</td></tr>\n");
}

/* The results' table with its caption and headers. */
static void
comment_table(struct web *w, const struct comment_view *v, size_t n, int64_t total)
{
	static const char *const heads[] = { "ar_h_id", "ar_h_when", "ar_h_where",
	    "ar_h_text", "ar_h_labels" };
	char	 count[24];
	size_t	 i;

	snprintf(count, sizeof count, "%lld", (long long)total);
	buf_adds(&w->body, "<div class=\"scroll\" role=\"region\" aria-labelledby=\"found\" "
	    "tabindex=\"0\"><table><caption id=\"found\">");
	admin_pages_msg(w, "ar_found", count, NULL);
	buf_adds(&w->body, "</caption>\n<tr>");
	admin_pages_heads(w, heads, nitems(heads));
	buf_adds(&w->body, "</tr>\n");
	for (i = 0; i < n; i++)
		comment_row(w, &v[i]);
	buf_adds(&w->body, "</table></div>\n");
}

void
admin_comments(struct web *w, struct admin_user *u)
{
	struct filters		 fl;
	struct comment_view	*v = NULL;
	size_t			 n = 0;
	int64_t			 total = 0;
	char			*query;

	(void)u;
	filter_parse(w, &fl);
	web_title(w, "ar_comments_title", NULL);
	filter_form(w, &fl);
	if (fl.nerr > 0) {
		web_errors(w, fl.ids, fl.keys, fl.nerr);
		web_page(w, 400);
		return;
	}
	if (comments_find(w->c, &fl.f, &v, &n, &total) != 0) {
		web_say(w, "w_busy", NULL, NULL);
		web_page(w, 503);
		return;
	}
	comment_table(w, v, n, total);
	query = filter_query(&fl);
	admin_pages_pager(w, query, fl.f.page, total);
	free(query);
	comments_free(v, n);
	web_page(w, 200);
}
