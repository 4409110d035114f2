/* SPDX-License-Identifier: ISC */
/*
 * The USSD screens of one consultation or petition: its menu, summary and
 * article pages, the vote question and its confirm screen (where the vote is
 * written), the comment typed or handed off to SMS, and the signature.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "ussd_int.h"

#define SMS_TEXT_MAX	600	/* characters of a text sent by SMS (10 parts) */

/* Title, a status line and the item's menu. */
int
draw_item(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	struct ux_lines	 l = { .elastic = -1 };
	struct db_item	 it;
	char		 date[16], n[2][16];
	int		 petition;

	if (uitem_load(x, f->code, &it) != 0)
		return -1;
	petition = strcmp(it.kind, "petition") == 0;
	ux_add(&l, uitem_title(x, it.id, it.code), 1);
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
		uitem_date(x, it.opens, date);
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

	if ((rc = uitem_load(x, code, &it)) != 0)
		return rc < 0 ? -1 : 1;
	if (!uitem_open(x, &it)) {
		x->err = "u_not_open";
		rc = 1;
	} else
		ussd_push(x, strcmp(it.kind, "petition") == 0 ? U_SIGN : U_QUESTION,
		    code, NULL);
	db_item_clear(&it);
	return rc;
}

int
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

/*
 * Splits text into the pages of a summary (options 2 vote or sign on its last
 * page) or an article (max pages); *n pages. Caller frees.
 */
static char **
split_pages(struct ussd_ctx *x, const char *text, int summary, int petition, int max,
    int *n)
{
	char	**pages, *opts[4];
	size_t	  units[4], mid, last;
	int	  i;

	/* option lines: 1 next and 0 back on a page; 2 vote, 4 by SMS, 0 on the last */
	opts[0] = ux_msg(x, "u_next", NULL, NULL);
	opts[1] = ux_msg(x, petition ? "u_sign_item" : "u_vote_item", NULL, NULL);
	opts[2] = ux_msg(x, "u_by_sms", NULL, NULL);
	opts[3] = ux_msg(x, "u_back", NULL, NULL);
	for (i = 0; i < 4; i++) {
		units[i] = sms_units(opts[i]) + 1;
		free(opts[i]);
	}
	mid = units[0] + units[3];
	last = (summary ? units[1] : 0) + units[2] + units[3];
	*n = ux_text_pages(x, *text ? text : "-", mid, last, max, &pages);
	return pages;
}

/* The text pages of a summary or an article; *n pages. Caller frees. */
static char **
pages_of(struct ussd_ctx *x, struct uframe *f, int *n, int *petition)
{
	struct uart	 a;
	struct db_item	 it;
	char		**pages, *text;
	int64_t		 id;
	int		 max = 3;

	*petition = 0;
	if (f->s == U_ARTICLE_TEXT) {
		if (uart_find(x, f->code, f->arg, &a) != 0)
			return NULL;
		text = ux_text(x, a.text);
		free(a.title);
		free(a.text);
		max = 5;
	} else if ((text = uitem_summary(x, f->code, &id)) == NULL)
		return NULL;
	if (uitem_load(x, f->code, &it) == 0) {
		*petition = strcmp(it.kind, "petition") == 0;
		db_item_clear(&it);
	}
	x->errs = ussd_screens[f->s].errs;
	pages = split_pages(x, text, f->s == U_SUMMARY, *petition, max, n);
	free(text);
	return pages;
}

int
ussd_summary_pages(const char *text, enum lang lang, int latin)
{
	struct ussd_ctx	  x;
	char		**pages, *t;
	int		  n;

	memset(&x, 0, sizeof x);
	x.lang = lang;
	x.latin = latin || lang == LANG_EN;
	x.errs = ussd_screens[U_SUMMARY].errs;
	t = ux_text(&x, text);
	pages = split_pages(&x, t, 1, 0, 99, &n);
	ux_free_pages(pages, n);
	free(t);
	return n;
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

int
draw_pages(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	struct ux_lines	  l = { .elastic = -1 };
	char		**pages, num[2][16];
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
	struct uart	 a;
	char		*s = NULL, *t;
	int64_t		 id;
	int		 rc;

	if (f->s == U_ARTICLE_TEXT) {
		if (uart_find(x, f->code, f->arg, &a) != 0)
			return -1;
		s = uart_label(x, f->arg, a.title);
		t = ux_text(x, a.text);
		free(a.title);
		free(a.text);
		a.text = xasprintf("%s: %s", s, t);
		free(s);
		free(t);
		s = a.text;
	} else {
		if ((t = uitem_summary(x, f->code, &id)) == NULL)
			return -1;
		free(t);
		if ((t = uitem_text(x, id, "summary")) == NULL)
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

int
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

int
draw_question(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	struct db_item	 it;
	char		*q, *subject;

	if (uitem_load(x, f->code, &it) != 0)
		return -1;
	if ((q = uitem_text(x, it.id, "question")) != NULL) {
		subject = ux_text(x, q);
		free(q);
	} else
		subject = uitem_subject(x, f);
	db_item_clear(&it);
	return udraw_subject(x, subject, "u_question_opts", b);
}

int
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

int
draw_confirm(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	struct ux_lines	l = { .elastic = -1 };

	ux_addmsg(x, &l, f->choice == 's' ? "u_choice_support" : "u_choice_oppose");
	ux_add(&l, uitem_subject(x, f), 1);
	ux_addmsg(x, &l, "u_confirm_opts");
	ux_join(&l, ux_err_reserve(x), b);
	return 0;
}

/*
 * What every commit starts with: the item, still open (else an error line),
 * and the person as an actor, stored now if new. 0 (free *it after), 1 when
 * the screen shows an error instead, -1 on a database error.
 */
static int
commit_begin(struct ussd_ctx *x, const char *code, struct db_item *it,
    struct db_actor *a)
{
	int	rc;

	if ((rc = uitem_load(x, code, it)) != 0)
		return rc < 0 ? -1 : 1;
	if (!uitem_open(x, it) || ussd_store_participant(x) != 0) {
		rc = uitem_open(x, it) ? -1 : 1;
		x->err = rc == 1 ? "u_not_open" : NULL;
		db_item_clear(it);
		return rc;
	}
	a->pid = x->p.row.id;
	a->aimag = x->p.row.aimag;
	a->channel = "ussd";
	a->now = x->rq->now;
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

	if ((rc = commit_begin(x, f->code, &it, &a)) != 0)
		return rc;
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

int
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

int
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
	if ((rc = uitem_load(x, f->code, &it)) != 0)
		return rc < 0 ? -1 : 1;
	uitem_date(x, it.closes, date);
	db_item_clear(&it);
	ureceipt(f, r);
	ussd_end(x, "EV", "u_receipt_vote", r, date);
	return 0;
}

int
key_comment(struct ussd_ctx *x, struct uframe *f, const char *input)
{
	char	code[8], arg[8];
	size_t	lead = strspn(input, " \t\r\n"), len = strlen(input);

	while (len > lead && strchr(" \t\r\n", input[len - 1]) != NULL)
		len--;
	if (len == lead)		/* nothing but blanks */
		return 1;
	free(x->draft);
	x->draft = xstrndup(input + lead, len - lead);
	if (utf8_chars(x->draft) > USSD_COMMENT) {
		x->err = "u_too_long";
		free(x->draft);
		x->draft = NULL;
		return 1;
	}
	memcpy(code, f->code, sizeof code);
	memcpy(arg, f->arg, sizeof arg);
	ussd_push(x, U_COMMENT_OK, code, arg);
	return 0;
}

/* The comment's start, as long as the confirm screen has room for. */
int
draw_comment_ok(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	char	*t, *cut, *ex, *s = NULL;
	size_t	 keep;

	(void)f;
	t = ux_text(x, x->draft ? x->draft : "");
	for (keep = 25; keep > 0; keep--) {
		free(s);
		cut = utf8_truncate(t, keep < 25 ? keep - (keep > 3 ? 3 : 0) : 22);
		ex = utf8_chars(t) > keep ? xasprintf("%s...", cut) : xstrdup(t);
		s = ux_msg(x, "u_comment_confirm", ex, NULL);
		free(cut);
		free(ex);
		if (sms_units(s) + ux_err_reserve(x) <= ux_limit(s))
			break;
	}
	buf_adds(b, s);
	free(s);
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
	if ((norm = normalise_text(x->draft)) == NULL) {
		x->err = "u_bad_text";
		return 1;
	}
	if ((rc = commit_begin(x, f->code, &it, &a)) != 0) {
		free(norm);
		return rc;
	}
	memset(&cm, 0, sizeof cm);
	cm.article = f->arg;
	cm.raw = x->draft;
	cm.norm = norm;
	cm.script = scripts[script_detect(x->draft)];
	rc = db_comment_add(x->c->db, it.id, &a, &cm, &id);
	if (rc == 0)
		rc = ussd_audit(x, "comment", f->code, f->arg[0] ? f->arg : NULL, &f->num);
	free(norm);
	db_item_clear(&it);
	return rc != 0 ? -1 : 0;
}

int
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
	ureceipt(f, r);
	ussd_end(x, "EC", "u_receipt_comment", r, NULL);
	return 0;
}

int
draw_articles(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	struct ulist	l;
	int		pages, rc;

	if ((rc = uart_list(x, f->code, &l)) == 0)
		ux_list(x, ux_msg(x, "u_articles", NULL, NULL), l.labels, l.n, &f->page,
		    &pages, 1, b);
	ulist_free(&l);
	return rc;
}

int
key_articles(struct ussd_ctx *x, struct uframe *f, const char *input)
{
	struct ulist	l;
	char		code[8];
	int		k, rc = 1;

	if (uart_list(x, f->code, &l) != 0) {
		ulist_free(&l);
		return -1;
	}
	if ((k = ulist_pick(input, l.n)) != 0 && strlen(l.keys[k - 1]) < 8) {
		memcpy(code, f->code, sizeof code);
		ussd_push(x, U_ARTICLE, code, l.keys[k - 1]);
		rc = 0;
	}
	ulist_free(&l);
	return rc;
}

int
draw_article(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	return udraw_subject(x, uitem_subject(x, f), "u_article_menu", b);
}

int
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

int
draw_sign(struct ussd_ctx *x, struct uframe *f, struct buf *b)
{
	return udraw_subject(x, uitem_subject(x, f), "u_sign_confirm", b);
}

int
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
	if ((rc = commit_begin(x, f->code, &it, &a)) != 0)
		return rc;
	rc = db_sign(x->c->db, it.id, &a, &already);
	if (rc == 0 && already)
		ussd_end(x, "EA", "u_signed_before", NULL, NULL);
	else if (rc == 0 && (rc = ussd_audit(x, "sign", f->code, NULL, &f->num)) == 0) {
		ureceipt(f, r);
		snprintf(count, sizeof count, "%lld",
		    (long long)db_tally_total(x->c->db, it.id, "signature"));
		ussd_end(x, "ES", "u_receipt_sign", r, count);
	}
	db_item_clear(&it);
	return rc != 0 ? -1 : 0;
}
