/* SPDX-License-Identifier: ISC */
/*
 * The USSD menu tree (USSD.md §1.4), one row per screen: how it is drawn and
 * what its keys do. Any action is at most three levels from the main menu;
 * lists are numbered 1..n across their pages, so a number stays the same on
 * every page. Votes, signatures and the place of residence change only on a
 * confirm screen's key.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "smscmd.h"
#include "ussd_int.h"

#define SMS_TEXT_MAX	600	/* characters of a summary sent by SMS (10 parts) */

/* --- items and their texts --------------------------------------------------- */

/* The first of field in lang, field in mn; NULL if neither. Caller frees. */
static char *
item_text(struct ussd_ctx *x, int64_t id, const char *field)
{
	char	*s;

	if (db_item_text(x->c->db, id, field, lang_code(x->lang), &s) == 0 ||
	    db_item_text(x->c->db, id, field, "mn", &s) == 0)
		return s;
	return NULL;
}

/* s cut after its last whole word within max characters. Caller frees. */
static char *
cut_words(const char *s, size_t max)
{
	char	*t = utf8_truncate(s, max), *sp;

	if (strlen(t) < strlen(s) && (sp = strrchr(t, ' ')) != NULL && sp > t)
		*sp = '\0';
	return t;
}

/* title_short, else the title cut at a word; in the reader's script. */
static char *
item_title(struct ussd_ctx *x, int64_t id, const char *code)
{
	char	*s = NULL, *t, *r;

	if (db_item_text(x->c->db, id, "title_short", lang_code(x->lang), &s) != 0 &&
	    db_item_text(x->c->db, id, "title", lang_code(x->lang), &s) != 0 &&
	    (s = item_text(x, id, "title_short")) == NULL &&
	    (s = item_text(x, id, "title")) == NULL)
		s = xstrdup(code);
	r = ux_text(x, s);
	free(s);
	/* 20 characters in UCS-2 (USSD.md); a GSM-7 screen has room for 32 */
	t = cut_words(r, sms_is_gsm7(r) ? 32 : 20);
	free(r);
	return t;
}

/* The item of code, or 1 if there is none. */
static int
item_load(struct ussd_ctx *x, const char *code, struct db_item *it)
{
	int	rc = db_item_get(x->c->db, code, it);

	return rc == DB_NONE ? 1 : rc;
}

static int
item_open(struct ussd_ctx *x, const struct db_item *it)
{
	return item_status_at(it->state, it->opens, it->closes, x->rq->now) == ITEM_OPEN;
}

/* "01.15" (Ulaanbaatar time), or "2027-01-15" in English. */
static void
item_date(struct ussd_ctx *x, int64_t t, char out[16])
{
	char	s[32];

	clock_format_ub(t, s, sizeof s);
	if (x->lang == LANG_EN)
		snprintf(out, 16, "%.10s", s);
	else
		snprintf(out, 16, "%.2s.%.2s", s + 5, s + 8);
}

int
ussd_open_item(struct ussd_ctx *x, const char *code)
{
	struct db_item	it;
	int		rc;

	if (!item_code_valid(code) || (rc = item_load(x, code, &it)) == 1) {
		x->err = "u_no_item";
		return 0;
	}
	if (rc != 0)
		return -1;
	ussd_push(x, strcmp(it.kind, "petition") == 0 ? U_PETITION : U_DRAFT, code, NULL);
	db_item_clear(&it);
	return 0;
}

/* --- lists ---------------------------------------------------------------------- */

struct ulist {
	struct ussd_ctx	*x;
	const char	*kind;		/* consultation, petition, or NULL: mine */
	char		**codes;
	char		**labels;
	int		 n;
};

static void
ulist_add(struct ulist *l, const char *code, char *label)
{
	l->codes = xrealloc(l->codes, (size_t)(l->n + 1) * sizeof *l->codes);
	l->labels = xrealloc(l->labels, (size_t)(l->n + 1) * sizeof *l->labels);
	l->codes[l->n] = xstrdup(code);
	l->labels[l->n] = xasprintf("%d %s", l->n + 1, label);
	l->n++;
	free(label);
}

static void
ulist_free(struct ulist *l)
{
	int	i;

	for (i = 0; i < l->n; i++) {
		free(l->codes[i]);
		free(l->labels[i]);
	}
	free(l->codes);
	free(l->labels);
}

/* Open items of a kind; for "mine", items the person voted on or signed. */
static int
ulist_item_cb(const struct db_item *it, void *arg)
{
	struct ulist	*l = arg;
	struct ussd_ctx	*x = l->x;
	char		 choice[8], *title, *label;
	const char	*key;

	if (!item_open(x, it))
		return 0;
	if (l->kind != NULL) {
		if (strcmp(it->kind, l->kind) == 0)
			ulist_add(l, it->code, item_title(x, it->id, it->code));
		return 0;
	}
	if (x->p.row.id == 0 || db_vote_get(x->c->db, it->id, x->p.row.id, choice) != 0)
		return 0;
	key = strcmp(choice, "support") == 0 ? "u_my_support" :
	    strcmp(choice, "oppose") == 0 ? "u_my_oppose" : "u_my_signed";
	title = item_title(x, it->id, it->code);
	label = ux_msg(x, key, title, NULL);
	free(title);
	ulist_add(l, it->code, label);
	return 0;
}

static int
ulist_items(struct ussd_ctx *x, const char *kind, struct ulist *l)
{
	memset(l, 0, sizeof *l);
	l->x = x;
	l->kind = kind;
	return db_item_each(x->c->db, ulist_item_cb, l);
}

/* The kind each item list shows. */
static const char *
list_kind(enum ussd_screen s)
{
	return s == U_DRAFTS ? "consultation" : s == U_PETITIONS ? "petition" : NULL;
}

static int
draw_items(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	struct ulist	 l;
	int		 pages;
	const char	*hdr = f->s == U_DRAFTS ? "u_drafts" : f->s == U_PETITIONS ?
			    "u_petitions" : "u_mine";

	if (ulist_items(x, list_kind(f->s), &l) != 0) {
		ulist_free(&l);
		return -1;
	}
	ux_list(x, ux_msg(x, hdr, NULL, NULL), l.labels, l.n, &f->page, &pages, 1, b);
	ulist_free(&l);
	return 0;
}

/* A number typed on a list: its position, or 0 if it is not one. */
static int
list_pick(const char *input, int n)
{
	char	*end;
	long	 v = strtol(input, &end, 10);

	return *input != '\0' && *end == '\0' && v >= 1 && v <= n && v <= 97 ? (int)v : 0;
}

static int
key_items(struct ussd_ctx *x, struct uframe *f, const char *input)
{
	struct ulist	l;
	struct db_item	it;
	int		k, rc = 1;

	if (ulist_items(x, list_kind(f->s), &l) != 0) {
		ulist_free(&l);
		return -1;
	}
	if ((k = list_pick(input, l.n)) != 0) {
		if (f->s != U_MINE)
			rc = ussd_open_item(x, l.codes[k - 1]);
		else if ((rc = item_load(x, l.codes[k - 1], &it)) == 0) {
			/* a vote to change, or a petition to look at */
			ussd_push(x, strcmp(it.kind, "petition") == 0 ? U_PETITION :
			    U_QUESTION, l.codes[k - 1], NULL);
			db_item_clear(&it);
		}
	}
	ulist_free(&l);
	return rc;
}

/* --- fixed screens --------------------------------------------------------------- */

static int
draw_lang(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	int	latin = x->latin;
	char	*s;

	(void)f;
	x->latin = 0;		/* every language in its own script */
	s = ux_msg(x, "u_lang", NULL, NULL);
	x->latin = latin;
	buf_adds(b, s);
	free(s);
	return 0;
}

static int
key_lang(struct ussd_ctx *x, struct uframe *f, const char *input)
{
	static const char *const langs[] = { "mn", "mn", "kk", "en" };
	static const char *const scripts[] = { "cyr", "lat", "cyr", "lat" };
	int	k = list_pick(input, 4);

	(void)f;
	if (k == 0)
		return 1;
	if (ussd_store_participant(x) != 0)
		return -1;
	snprintf(x->p.row.lang, sizeof x->p.row.lang, "%s", langs[k - 1]);
	snprintf(x->p.row.script, sizeof x->p.row.script, "%s", scripts[k - 1]);
	if (db_participant_update(x->c->db, &x->p.row) != 0 ||
	    ussd_audit(x, "lang", NULL, langs[k - 1], NULL) != 0)
		return -1;
	x->lang = participant_lang(&x->p);
	x->latin = k == 2 || k == 4;
	x->first = 0;
	ussd_pop(x);
	return 0;
}

/* Draws a screen that is one message. */
static int
draw_msg(struct ussd_ctx *x, const char *key, struct buf *b)
{
	char	*s = ux_msg(x, key, NULL, NULL);

	buf_adds(b, s);
	free(s);
	return 0;
}

static int
draw_resume(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	(void)f;
	return draw_msg(x, "u_resume", b);
}

static int
key_resume(struct ussd_ctx *x, struct uframe *f, const char *input)
{
	(void)f;
	if (strcmp(input, "1") == 0)
		ussd_pop(x);
	else if (strcmp(input, "2") == 0)
		ussd_home(x);
	else
		return 1;
	return 0;
}

static int
draw_main(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	(void)f;
	return draw_msg(x, "u_main", b);
}

static int
key_main(struct ussd_ctx *x, struct uframe *f, const char *input)
{
	static const enum ussd_screen next[] = { U_DRAFTS, U_PETITIONS, U_MINE,
	    U_REGIONS, U_LANG };
	int	k = list_pick(input, 5);

	(void)f;
	if (k == 0)
		return 1;
	ussd_push(x, next[k - 1], NULL, NULL);
	return 0;
}

/* --- a consultation ---------------------------------------------------------------- */

/* Title, a status line and the item's menu. */
static int
draw_item(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	struct ux_lines	 l = { .elastic = -1 };
	struct db_item	 it;
	char		 date[16], n[2][16];
	int		 petition;

	if (item_load(x, f->code, &it) != 0)
		return -1;
	petition = strcmp(it.kind, "petition") == 0;
	ux_add(&l, item_title(x, it.id, it.code), 1);
	if (petition) {
		snprintf(n[0], sizeof n[0], "%lld",
		    (long long)db_tally_total(x->c->db, it.id, "signature"));
		snprintf(n[1], sizeof n[1], "%lld", (long long)it.threshold);
		ux_add(&l, ux_msg(x, "u_signers", n[0], n[1]), 0);
	}
	switch (item_status_at(it.state, it.opens, it.closes, x->rq->now)) {
	case ITEM_OPEN:		/* the closing date is on the receipt */
		break;
	case ITEM_NOT_YET:
		item_date(x, it.opens, date);
		ux_add(&l, ux_msg(x, "u_not_yet_line", date, NULL), 0);
		break;
	case ITEM_CLOSED:
		ux_addmsg(x, &l, "u_closed_line");
		break;
	}
	ux_addmsg(x, &l, petition ? "u_petition_menu" : "u_draft_menu");
	ux_join(&l, ux_err_reserve(x), b);
	db_item_clear(&it);
	return 0;
}

/* Pushes the vote (or signature) screen if the item is open; else an error line. */
static int
push_vote(struct ussd_ctx *x, const char *code)
{
	struct db_item	it;
	int		rc;

	if ((rc = item_load(x, code, &it)) != 0)
		return rc < 0 ? -1 : 1;
	if (!item_open(x, &it)) {
		x->err = "u_not_open";
		rc = 1;
	} else
		ussd_push(x, strcmp(it.kind, "petition") == 0 ? U_SIGN : U_QUESTION,
		    code, NULL);
	db_item_clear(&it);
	return rc;
}

static int
key_item(struct ussd_ctx *x, struct uframe *f, const char *input)
{
	if (strcmp(input, "1") == 0)
		ussd_push(x, U_SUMMARY, f->code, NULL);
	else if (strcmp(input, "2") == 0)
		return push_vote(x, f->code);
	else if (strcmp(input, "3") == 0 && f->s == U_DRAFT)
		ussd_push(x, U_ARTICLES, f->code, NULL);
	else
		return 1;
	return 0;
}

/* The summary for USSD (summary_ussd, else summary) in the reader's script. */
static char *
summary_text(struct ussd_ctx *x, const char *code, int64_t *item_id)
{
	struct db_item	 it;
	char		*s = NULL, *r;

	if (item_load(x, code, &it) != 0)
		return NULL;
	*item_id = it.id;
	db_item_clear(&it);
	if (db_item_text(x->c->db, *item_id, "summary_ussd", lang_code(x->lang),
	    &s) != 0 && db_item_text(x->c->db, *item_id, "summary",
	    lang_code(x->lang), &s) != 0 &&
	    (s = item_text(x, *item_id, "summary_ussd")) == NULL &&
	    (s = item_text(x, *item_id, "summary")) == NULL)
		s = xstrdup("-");
	r = ux_text(x, s);
	free(s);
	return r;
}

struct art_find {
	const char	*number;
	char		*title;
	char		*text;
};

static int
art_find_cb(const char *number, const char *title, const char *text, void *arg)
{
	struct art_find	*a = arg;

	if (strcmp(number, a->number) != 0)
		return 0;
	a->title = xstrdup(title);
	a->text = xstrdup(text);
	return 1;
}

/* An article's title and text in the reader's language. 0, 1 if missing, -1. */
static int
art_find(struct ussd_ctx *x, const char *code, const char *number, struct art_find *a)
{
	struct db_item	it;
	int		rc;

	memset(a, 0, sizeof *a);
	a->number = number;
	if ((rc = item_load(x, code, &it)) != 0)
		return rc;
	rc = db_article_each(x->c->db, it.id, lang_code(x->lang), art_find_cb, a);
	db_item_clear(&it);
	return rc != 0 ? -1 : a->title != NULL ? 0 : 1;
}

/* "З3 Гэрээ": an article's number and title, in the reader's script. */
static char *
art_label(struct ussd_ctx *x, const char *number, const char *title)
{
	char	*n = ux_msg(x, "u_art", number, NULL), *t = ux_text(x, title);
	char	*r = *t ? xasprintf("%s %s", n, t) : xstrdup(n);

	free(n);
	free(t);
	return r;
}

/* The text pages of a summary or an article; *n pages. Caller frees. */
static char **
pages_of(struct ussd_ctx *x, struct uframe *f, int *n, int *petition)
{
	struct art_find	 a;
	struct db_item	 it;
	char		**pages, *text, *opts[4];
	int64_t		 id;
	int		 max = 3, i;
	size_t		 units[4], mid, last;

	*petition = 0;
	if (f->s == U_ARTICLE_TEXT) {
		if (art_find(x, f->code, f->arg, &a) != 0)
			return NULL;
		text = ux_text(x, a.text);
		free(a.title);
		free(a.text);
		max = 5;
	} else if ((text = summary_text(x, f->code, &id)) == NULL)
		return NULL;
	if (item_load(x, f->code, &it) == 0) {
		*petition = strcmp(it.kind, "petition") == 0;
		db_item_clear(&it);
	}
	/* option lines: 1 next and 0 back on a page; 2 vote, 4 by SMS, 0 on the last */
	opts[0] = ux_msg(x, "u_next", NULL, NULL);
	opts[1] = ux_msg(x, *petition ? "u_sign_item" : "u_vote_item", NULL, NULL);
	opts[2] = ux_msg(x, "u_by_sms", NULL, NULL);
	opts[3] = ux_msg(x, "u_back", NULL, NULL);
	for (i = 0; i < 4; i++)
		units[i] = sms_units(opts[i]) + 1;
	for (i = 0; i < 4; i++)
		free(opts[i]);
	mid = units[0] + units[3];
	last = (f->s == U_SUMMARY ? units[1] : 0) + units[2] + units[3];
	*n = ux_text_pages(x, *text ? text : "-", mid, last, max, &pages);
	free(text);
	return pages;
}

int
ussd_page_count(struct ussd_ctx *x, struct uframe *f)
{
	struct uframe	  g = *f;
	struct buf	  b;
	char		**pages;
	int		  n = 1, petition;

	if (f->s == U_SUMMARY || f->s == U_ARTICLE_TEXT) {
		if ((pages = pages_of(x, f, &n, &petition)) != NULL)
			ux_free_pages(pages, n);
		return n;
	}
	/* A list: drawing clamps a page past the end to the last one. */
	g.page = 999;
	buf_init(&b);
	if (ussd_draw(x, &g, &b) == 0)
		n = g.page + 1;
	buf_free(&b);
	return n;
}

static int
draw_pages(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	struct ux_lines	  l = { .elastic = -1 };
	char		**pages, num[2][8];
	int		  n, petition, last;

	if ((pages = pages_of(x, f, &n, &petition)) == NULL)
		return -1;
	if (f->page >= n)
		f->page = n - 1;
	last = f->page == n - 1;
	snprintf(num[0], sizeof num[0], "%d", f->page + 1);
	snprintf(num[1], sizeof num[1], "%d", n);
	ux_add(&l, ux_msg(x, "u_page", num[0], num[1]), 0);
	buf_adds(b, l.line[0]);
	buf_addf(b, " %s", pages[f->page]);
	free(l.line[0]);
	l.n = 0;
	ux_add(&l, xstrdup(""), 0);
	if (!last)
		ux_addmsg(x, &l, "u_next");
	if (last && f->s == U_SUMMARY)		/* 2 works on every page */
		ux_addmsg(x, &l, petition ? "u_sign_item" : "u_vote_item");
	if (last)
		ux_addmsg(x, &l, "u_by_sms");
	ux_addmsg(x, &l, "u_back");
	ux_join(&l, 0, b);
	ux_free_pages(pages, n);
	return 0;
}

/* Sends the whole summary or article by SMS. */
static int
send_text(struct ussd_ctx *x, struct uframe *f)
{
	struct art_find	 a;
	char		*s = NULL, *t;
	int64_t		 id;
	int		 rc;

	if (f->s == U_ARTICLE_TEXT) {
		if (art_find(x, f->code, f->arg, &a) != 0)
			return -1;
		s = art_label(x, f->arg, a.title);
		t = ux_text(x, a.text);
		free(a.title);
		free(a.text);
		a.text = xasprintf("%s: %s", s, t);
		free(s);
		free(t);
		s = a.text;
	} else {
		if ((t = summary_text(x, f->code, &id)) == NULL)
			return -1;
		free(t);
		if ((t = item_text(x, id, "summary")) == NULL)
			t = xstrdup("-");
		s = ux_text(x, t);
		free(t);
	}
	t = utf8_truncate(s, SMS_TEXT_MAX);
	rc = ussd_queue_sms(x, t, "ussd_text");
	free(s);
	free(t);
	x->err = "u_sent";
	return rc;
}

static int
key_pages(struct ussd_ctx *x, struct uframe *f, const char *input)
{
	int	n, petition, last;
	char	**pages = pages_of(x, f, &n, &petition);

	if (pages == NULL)
		return -1;
	ux_free_pages(pages, n);
	last = f->page >= n - 1;
	if (strcmp(input, "1") == 0 && !last)
		f->page++;
	else if (strcmp(input, "2") == 0 && f->s == U_SUMMARY)
		return push_vote(x, f->code);
	else if (strcmp(input, "4") == 0 && last)
		return send_text(x, f) != 0 ? -1 : 0;
	else
		return 1;
	return 0;
}

/* The line naming what a vote is about: an article, or the item's title. */
static char *
vote_subject(struct ussd_ctx *x, struct uframe *f)
{
	struct art_find	a;
	struct db_item	it;
	char		*s;

	if (f->arg[0] != '\0' && art_find(x, f->code, f->arg, &a) == 0) {
		s = art_label(x, f->arg, a.title);
		free(a.title);
		free(a.text);
		return s;
	}
	if (item_load(x, f->code, &it) != 0)
		return xstrdup(f->code);
	s = item_title(x, it.id, it.code);
	db_item_clear(&it);
	return s;
}

static int
draw_question(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	struct ux_lines	 l = { .elastic = -1 };
	struct db_item	 it;
	char		*q = NULL;

	if (item_load(x, f->code, &it) != 0)
		return -1;
	if ((q = item_text(x, it.id, "question")) != NULL) {
		ux_add(&l, ux_text(x, q), 1);
		free(q);
	} else
		ux_add(&l, vote_subject(x, f), 1);
	db_item_clear(&it);
	ux_addmsg(x, &l, "u_question_opts");
	ux_join(&l, ux_err_reserve(x), b);
	return 0;
}

static int
key_question(struct ussd_ctx *x, struct uframe *f, const char *input)
{
	struct uframe	*g;
	char		 code[8], arg[8];

	if (strcmp(input, "1") != 0 && strcmp(input, "2") != 0)
		return 1;
	memcpy(code, f->code, sizeof code);
	memcpy(arg, f->arg, sizeof arg);
	g = ussd_push(x, U_CONFIRM, code, arg);
	g->choice = input[0] == '1' ? 's' : 'o';
	return 0;
}

static int
draw_confirm(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	struct ux_lines	l = { .elastic = -1 };

	ux_addmsg(x, &l, f->choice == 's' ? "u_choice_support" : "u_choice_oppose");
	ux_add(&l, vote_subject(x, f), 1);
	ux_addmsg(x, &l, "u_confirm_opts");
	ux_join(&l, ux_err_reserve(x), b);
	return 0;
}

/* Commits the vote shown on the confirm screen; its receipt goes in f->num. */
static int
vote_commit(struct ussd_ctx *x, struct uframe *f)
{
	struct db_item	 it;
	struct db_actor	 a;
	const char	*choice = f->choice == 's' ? "support" : "oppose";
	char		 previous[8], detail[32];
	int		 rc;

	if ((rc = item_load(x, f->code, &it)) != 0)
		return rc < 0 ? -1 : 1;
	if (!item_open(x, &it)) {
		db_item_clear(&it);
		x->err = "u_not_open";
		return 1;
	}
	if (ussd_store_participant(x) != 0) {
		db_item_clear(&it);
		return -1;
	}
	a.pid = x->p.row.id;
	a.aimag = x->p.row.aimag;
	a.channel = "ussd";
	a.now = x->rq->now;
	if (f->arg[0] != '\0') {
		snprintf(detail, sizeof detail, "%s %s", f->arg, choice);
		rc = db_article_vote(x->c->db, it.id, f->arg, &a, choice) != 0 ||
		    ussd_audit(x, "article_vote", f->code, detail, &f->num) != 0;
	} else {
		rc = db_vote_cast(x->c->db, it.id, &a, choice, previous) != 0;
		snprintf(detail, sizeof detail, "%s%s%s", choice,
		    !rc && previous[0] ? " was " : "", !rc ? previous : "");
		rc = rc || ussd_audit(x, "vote", f->code, detail, &f->num) != 0;
	}
	db_item_clear(&it);
	return rc ? -1 : 0;
}

static int
key_confirm(struct ussd_ctx *x, struct uframe *f, const char *input)
{
	int	rc;

	if (strcmp(input, "2") == 0) {
		f->choice = f->choice == 's' ? 'o' : 's';
		return 0;
	}
	if (strcmp(input, "1") != 0)
		return 1;
	if ((rc = vote_commit(x, f)) != 0)
		return rc;
	f->s = U_VOTED;		/* back from here skips the committed confirm */
	return 0;
}

static int
draw_voted(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	(void)f;
	return draw_msg(x, "u_voted", b);
}

/* The receipt number: the item's code and the audit row of the action. */
static void
receipt(const struct uframe *f, char out[40])
{
	snprintf(out, 40, "%s-%lld", f->code, (long long)f->num);
}

static int
key_voted(struct ussd_ctx *x, struct uframe *f, const char *input)
{
	struct db_item	 it;
	char		 r[40], date[16], target[24], *sms;
	int		 rc;

	if (strcmp(input, "1") == 0) {
		memcpy(target, f->arg, sizeof f->arg);
		ussd_push(x, U_COMMENT, f->code, target);
		return 0;
	}
	if (strcmp(input, "2") == 0) {
		snprintf(target, sizeof target, "%s%s%s", f->code, f->arg[0] ? " " : "",
		    f->arg);
		sms = ux_msg(x, "u_handoff_sms", target, NULL);
		rc = ussd_queue_sms(x, sms, "ussd_handoff");
		free(sms);
		if (rc != 0)
			return -1;
		ussd_end(x, "EH", "u_handoff", NULL, NULL);
		return 0;
	}
	if (strcmp(input, "3") != 0)
		return 1;
	if ((rc = item_load(x, f->code, &it)) != 0)
		return rc < 0 ? -1 : 1;
	item_date(x, it.closes, date);
	db_item_clear(&it);
	receipt(f, r);
	ussd_end(x, "EV", "u_receipt_vote", r, date);
	return 0;
}

static int
draw_comment(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	(void)f;
	return draw_msg(x, "u_comment_prompt", b);
}

static int
key_comment(struct ussd_ctx *x, struct uframe *f, const char *input)
{
	char	code[8], arg[8];

	if (*input == '\0' || utf8_chars(input) > USSD_COMMENT) {
		x->err = *input ? "u_too_long" : NULL;
		return 1;
	}
	free(x->draft);
	x->draft = xstrdup(input);
	memcpy(code, f->code, sizeof code);
	memcpy(arg, f->arg, sizeof arg);
	ussd_push(x, U_COMMENT_OK, code, arg);
	return 0;
}

static int
draw_comment_ok(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	char	*t, *ex, *s;

	(void)f;
	t = ux_text(x, x->draft ? x->draft : "");
	if (utf8_chars(t) > 25) {
		s = utf8_truncate(t, 22);
		ex = xasprintf("%s...", s);
		free(s);
	} else
		ex = xstrdup(t);
	s = ux_msg(x, "u_comment_confirm", ex, NULL);
	buf_adds(b, s);
	free(s);
	free(ex);
	free(t);
	return 0;
}

/* Stores the confirmed comment, raw and normalised like an SMS one. */
static int
comment_commit(struct ussd_ctx *x, struct uframe *f)
{
	static const char *const scripts[] = { NULL, "cyr", "lat", "mixed" };
	struct db_comment	 cm;
	struct db_item		 it;
	struct db_actor		 a;
	int64_t			 id;
	char			*norm;
	int			 rc;

	if (x->draft == NULL)
		return 1;
	if ((rc = item_load(x, f->code, &it)) != 0)
		return rc < 0 ? -1 : 1;
	if (!item_open(x, &it) || (norm = normalise_text(x->draft)) == NULL) {
		x->err = item_open(x, &it) ? "u_bad_text" : "u_not_open";
		db_item_clear(&it);
		return 1;
	}
	memset(&cm, 0, sizeof cm);
	cm.article = f->arg;
	cm.raw = x->draft;
	cm.norm = norm;
	cm.script = scripts[script_detect(x->draft)];
	rc = ussd_store_participant(x);
	a.pid = x->p.row.id;
	a.aimag = x->p.row.aimag;
	a.channel = "ussd";
	a.now = x->rq->now;
	if (rc == 0)
		rc = db_comment_add(x->c->db, it.id, &a, &cm, &id);
	if (rc == 0)
		rc = ussd_audit(x, "comment", f->code, f->arg[0] ? f->arg : NULL, &f->num);
	free(norm);
	db_item_clear(&it);
	return rc != 0 ? -1 : 0;
}

static int
key_comment_ok(struct ussd_ctx *x, struct uframe *f, const char *input)
{
	char	r[40];
	int	rc;

	if (strcmp(input, "2") == 0) {
		ussd_pop(x);
		return 0;
	}
	if (strcmp(input, "1") != 0)
		return 1;
	if ((rc = comment_commit(x, f)) != 0)
		return rc;
	free(x->draft);
	x->draft = NULL;
	receipt(f, r);
	ussd_end(x, "EC", "u_receipt_comment", r, NULL);
	return 0;
}

/* --- articles ----------------------------------------------------------------------- */

struct art_list {
	struct ussd_ctx	 *x;
	char		**numbers;
	char		**labels;
	int		  n;
};

static int
art_list_cb(const char *number, const char *title, const char *text, void *arg)
{
	struct art_list	*l = arg;
	char		*cut = cut_words(title, 14), *label = art_label(l->x, number, cut);

	(void)text;
	free(cut);
	l->numbers = xrealloc(l->numbers, (size_t)(l->n + 1) * sizeof *l->numbers);
	l->labels = xrealloc(l->labels, (size_t)(l->n + 1) * sizeof *l->labels);
	l->numbers[l->n] = xstrdup(number);
	l->labels[l->n] = xasprintf("%d %s", l->n + 1, label);
	l->n++;
	free(label);
	return 0;
}

static int
art_list(struct ussd_ctx *x, const char *code, struct art_list *l)
{
	struct db_item	it;
	int		rc;

	memset(l, 0, sizeof *l);
	l->x = x;
	if ((rc = item_load(x, code, &it)) != 0)
		return -1;
	rc = db_article_each(x->c->db, it.id, lang_code(x->lang), art_list_cb, l);
	db_item_clear(&it);
	return rc;
}

static void
art_list_free(struct art_list *l)
{
	int	i;

	for (i = 0; i < l->n; i++) {
		free(l->numbers[i]);
		free(l->labels[i]);
	}
	free(l->numbers);
	free(l->labels);
}

static int
draw_articles(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	struct art_list	l;
	int		pages, rc;

	if ((rc = art_list(x, f->code, &l)) == 0)
		ux_list(x, ux_msg(x, "u_articles", NULL, NULL), l.labels, l.n, &f->page,
		    &pages, 1, b);
	art_list_free(&l);
	return rc;
}

static int
key_articles(struct ussd_ctx *x, struct uframe *f, const char *input)
{
	struct art_list	l;
	char		code[8];
	int		k, rc = 1;

	if (art_list(x, f->code, &l) != 0) {
		art_list_free(&l);
		return -1;
	}
	if ((k = list_pick(input, l.n)) != 0 && strlen(l.numbers[k - 1]) < 8) {
		memcpy(code, f->code, sizeof code);
		ussd_push(x, U_ARTICLE, code, l.numbers[k - 1]);
		rc = 0;
	}
	art_list_free(&l);
	return rc;
}

static int
draw_article(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	struct ux_lines	l = { .elastic = -1 };

	ux_add(&l, vote_subject(x, f), 1);
	ux_addmsg(x, &l, "u_article_menu");
	ux_join(&l, ux_err_reserve(x), b);
	return 0;
}

static int
key_article(struct ussd_ctx *x, struct uframe *f, const char *input)
{
	struct uframe	*g;
	char		 code[8], arg[8];
	int		 rc;

	memcpy(code, f->code, sizeof code);
	memcpy(arg, f->arg, sizeof arg);
	if (strcmp(input, "1") == 0)
		ussd_push(x, U_ARTICLE_TEXT, code, arg);
	else if (strcmp(input, "2") == 0 || strcmp(input, "3") == 0) {
		if ((rc = push_vote(x, code)) != 0)
			return rc;
		ussd_pop(x);		/* the article screen chooses itself */
		g = ussd_push(x, U_CONFIRM, code, arg);
		g->choice = input[0] == '2' ? 's' : 'o';
	} else if (strcmp(input, "4") == 0) {
		if ((rc = push_vote(x, code)) != 0)
			return rc;
		ussd_pop(x);
		ussd_push(x, U_COMMENT, code, arg);
	} else
		return 1;
	return 0;
}

/* --- petitions ------------------------------------------------------------------------- */

static int
draw_sign(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	struct ux_lines	l = { .elastic = -1 };

	ux_add(&l, vote_subject(x, f), 1);
	ux_addmsg(x, &l, "u_sign_confirm");
	ux_join(&l, ux_err_reserve(x), b);
	return 0;
}

static int
key_sign(struct ussd_ctx *x, struct uframe *f, const char *input)
{
	struct db_item	 it;
	struct db_actor	 a;
	char		 r[40], count[16];
	int		 rc, already;

	if (strcmp(input, "2") == 0) {
		ussd_pop(x);
		return 0;
	}
	if (strcmp(input, "1") != 0)
		return 1;
	if ((rc = item_load(x, f->code, &it)) != 0)
		return rc < 0 ? -1 : 1;
	if (!item_open(x, &it)) {
		db_item_clear(&it);
		x->err = "u_not_open";
		return 1;
	}
	rc = ussd_store_participant(x);
	a.pid = x->p.row.id;
	a.aimag = x->p.row.aimag;
	a.channel = "ussd";
	a.now = x->rq->now;
	if (rc == 0)
		rc = db_sign(x->c->db, it.id, &a, &already);
	if (rc == 0 && already)
		ussd_end(x, "EA", "u_signed_before", NULL, NULL);
	else if (rc == 0 && (rc = ussd_audit(x, "sign", f->code, NULL, &f->num)) == 0) {
		receipt(f, r);
		snprintf(count, sizeof count, "%lld",
		    (long long)db_tally_total(x->c->db, it.id, "signature"));
		ussd_end(x, "ES", "u_receipt_sign", r, count);
	}
	db_item_clear(&it);
	return rc != 0 ? -1 : 0;
}

/* --- where I live ---------------------------------------------------------------------- */

static const char region_digit[] = "12468";	/* capital, east, central, Khangai, west */

static int
draw_regions(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	(void)f;
	return draw_msg(x, "u_regions", b);
}

static int
key_regions(struct ussd_ctx *x, struct uframe *f, const char *input)
{
	char	arg[2];
	int	k = list_pick(input, 5);

	(void)f;
	if (k == 0)
		return 1;
	arg[0] = region_digit[k - 1];
	arg[1] = '\0';
	ussd_push(x, U_AIMAGS, NULL, arg);
	return 0;
}

/* The gazetteer units a place screen lists: aimags of a region, or districts, or soums. */
static int
place_units(const struct uframe *f, size_t *idx, int max)
{
	const struct gazetteer_unit	*u;
	size_t				 i;
	int				 n = 0;

	for (i = 0; i < gazetteer_nunits && n < max; i++) {
		u = &gazetteer_units[i];
		if (f->s == U_SOUMS ? strcmp(u->parent, f->arg) == 0 :
		    f->arg[0] == '1' ? strcmp(u->parent, "11") == 0 :
		    u->parent[0] == '\0' && u->code[0] == f->arg[0])
			idx[n++] = i;
	}
	return n;
}

static const char *
place_name(struct ussd_ctx *x, const struct gazetteer_unit *u)
{
	return x->latin ? u->mns : u->mn;
}

static int
draw_places(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	size_t	 idx[64];
	char	*labels[64];
	int	 n = place_units(f, idx, 64), i, pages;

	for (i = 0; i < n; i++)
		labels[i] = xasprintf("%d %s", i + 1, place_name(x, &gazetteer_units[idx[i]]));
	ux_list(x, ux_msg(x, f->s == U_SOUMS ? "u_soums" : f->arg[0] == '1' ?
	    "u_districts" : "u_aimags", NULL, NULL), labels, n, &f->page, &pages, 1, b);
	for (i = 0; i < n; i++)
		free(labels[i]);
	return 0;
}

static int
key_places(struct ussd_ctx *x, struct uframe *f, const char *input)
{
	size_t				 idx[64];
	const struct gazetteer_unit	*u;
	int				 k = list_pick(input, place_units(f, idx, 64));

	if (k == 0)
		return 1;
	u = &gazetteer_units[idx[k - 1]];
	ussd_push(x, f->s == U_AIMAGS && f->arg[0] != '1' ? U_SOUMS : U_PLACE, NULL,
	    u->code);
	return 0;
}

/* "Төв, Борнуур": the place a code names, aimag first. */
static char *
place_label(struct ussd_ctx *x, const char *code)
{
	const struct gazetteer_unit	*u = NULL, *a = NULL;
	size_t				 i;

	for (i = 0; i < gazetteer_nunits; i++) {
		if (strcmp(gazetteer_units[i].code, code) == 0)
			u = &gazetteer_units[i];
	}
	for (i = 0; u != NULL && i < gazetteer_nunits; i++) {
		if (strcmp(gazetteer_units[i].code, u->parent) == 0)
			a = &gazetteer_units[i];
	}
	if (u == NULL)
		return xstrdup(code);
	if (a == NULL)
		return xstrdup(place_name(x, u));
	return xasprintf("%s, %s", place_name(x, a), place_name(x, u));
}

static int
draw_place(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	struct ux_lines	l = { .elastic = -1 };

	ux_add(&l, place_label(x, f->arg), 1);
	ux_addmsg(x, &l, "u_place_confirm");
	ux_join(&l, ux_err_reserve(x), b);
	return 0;
}

static int
key_place(struct ussd_ctx *x, struct uframe *f, const char *input)
{
	char	aimag[8], *label;

	if (strcmp(input, "2") == 0) {
		while (x->n > 1 && ussd_top(x)->s != U_REGIONS)
			ussd_pop(x);
		return 0;
	}
	if (strcmp(input, "1") != 0)
		return 1;
	snprintf(aimag, sizeof aimag, "%.2s", f->arg);
	if (ussd_store_participant(x) != 0 ||
	    db_participant_set_place(x->c->db, x->p.row.id, aimag, f->arg) != 0 ||
	    ussd_audit(x, "register", NULL, aimag, NULL) != 0)
		return -1;
	label = place_label(x, f->arg);
	ussd_end(x, "EP", "u_place_ok", label, NULL);
	free(label);
	return 0;
}

int
ussd_draw(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	x->errs = ussd_screens[f->s].errs;
	return ussd_screens[f->s].draw(x, f, b);
}

/* --- the table --------------------------------------------------------------------------- */

const struct uscreen_def ussd_screens[U_NSCREENS] = {
	[U_LANG] = { "L0", draw_lang, key_lang, 0, 0, 0, 0 },
	[U_RESUME] = { "RS", draw_resume, key_resume, 0, 0, 0, 0 },
	[U_MAIN] = { "M0", draw_main, key_main, 0, 0, 0, UE_NO_ITEM },
	[U_DRAFTS] = { "C1", draw_items, key_items, 1, 0, 0, 0 },
	[U_DRAFT] = { "C2", draw_item, key_item, 0, 0, 0, UE_NOT_OPEN },
	[U_SUMMARY] = { "C3", draw_pages, key_pages, 1, 0, 0, UE_NOT_OPEN | UE_SENT },
	[U_QUESTION] = { "C4", draw_question, key_question, 0, 0, 0, 0 },
	[U_CONFIRM] = { "C5", draw_confirm, key_confirm, 0, 0, 1, UE_NOT_OPEN },
	[U_VOTED] = { "C6", draw_voted, key_voted, 0, 0, 0, 0 },
	[U_COMMENT] = { "C7", draw_comment, key_comment, 0, 1, 0, UE_TEXT },
	[U_COMMENT_OK] = { "C8", draw_comment_ok, key_comment_ok, 0, 0, 1, UE_NOT_OPEN | UE_TEXT },
	[U_ARTICLES] = { "A1", draw_articles, key_articles, 1, 0, 0, 0 },
	[U_ARTICLE] = { "A2", draw_article, key_article, 0, 0, 0, UE_NOT_OPEN },
	[U_ARTICLE_TEXT] = { "A3", draw_pages, key_pages, 1, 0, 0, UE_SENT },
	[U_PETITIONS] = { "P1", draw_items, key_items, 1, 0, 0, 0 },
	[U_PETITION] = { "P2", draw_item, key_item, 0, 0, 0, UE_NOT_OPEN },
	[U_SIGN] = { "P3", draw_sign, key_sign, 0, 0, 1, UE_NOT_OPEN },
	[U_MINE] = { "MY", draw_items, key_items, 1, 0, 0, 0 },
	[U_REGIONS] = { "G1", draw_regions, key_regions, 0, 0, 0, 0 },
	[U_AIMAGS] = { "G2", draw_places, key_places, 1, 0, 0, 0 },
	[U_SOUMS] = { "G3", draw_places, key_places, 1, 0, 0, 0 },
	[U_PLACE] = { "G4", draw_place, key_place, 0, 0, 1, 0 },
};
