/* SPDX-License-Identifier: ISC */
/*
 * What USSD screens show of an item: titles in the reader's language and
 * script, cut to fit (an item's title_short, else its title cut at a word),
 * the USSD summary, articles and dates; and the small helpers screens share.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "ussd_int.h"

/* The first of field in lang, field in mn; NULL if neither. Caller frees. */
char *
uitem_text(struct ussd_ctx *x, int64_t id, const char *field)
{
	char	*s;

	if (db_item_text(x->c->db, id, field, lang_code(x->lang), &s) == 0 ||
	    db_item_text(x->c->db, id, field, "mn", &s) == 0)
		return s;
	return NULL;
}

/* s cut after its last whole word within max characters. Caller frees. */
static char *
ucut_words(const char *s, size_t max)
{
	char	*t = utf8_truncate(s, max), *sp;

	if (strlen(t) < strlen(s) && (sp = strrchr(t, ' ')) != NULL && sp > t)
		*sp = '\0';
	while (*t != '\0' && strchr(" ,;:-", t[strlen(t) - 1]) != NULL)
		t[strlen(t) - 1] = '\0';	/* "Хяналт," reads as cut */
	return t;
}

/* title_short, else the title cut at a word; in the reader's script. */
char *
uitem_title(struct ussd_ctx *x, int64_t id, const char *code)
{
	char	*s = NULL, *t, *r;

	if (db_item_text(x->c->db, id, "title_short", lang_code(x->lang), &s) != 0 &&
	    db_item_text(x->c->db, id, "title", lang_code(x->lang), &s) != 0 &&
	    (s = uitem_text(x, id, "title_short")) == NULL &&
	    (s = uitem_text(x, id, "title")) == NULL)
		s = xstrdup(code);
	r = ux_text(x, s);
	free(s);
	/* 20 characters in UCS-2 (USSD.md); a GSM-7 screen has room for 32 */
	t = ucut_words(r, sms_is_gsm7(r) ? 32 : 20);
	free(r);
	return t;
}

/* The item of code, or 1 if there is none. */
int
uitem_load(struct ussd_ctx *x, const char *code, struct db_item *it)
{
	int	rc = db_item_get(x->c->db, code, it);

	return rc == DB_NONE ? 1 : rc;
}

int
uitem_open(struct ussd_ctx *x, const struct db_item *it)
{
	return item_status_at(it->state, it->opens, it->closes, x->rq->now) == ITEM_OPEN;
}

/* "01.15" (Ulaanbaatar time), or "2027-01-15" in English. */
void
uitem_date(struct ussd_ctx *x, int64_t t, char out[16])
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

	if (!item_code_valid(code) || (rc = uitem_load(x, code, &it)) == 1) {
		x->err = "u_no_item";
		return 0;
	}
	if (rc != 0)
		return -1;
	ussd_push(x, strcmp(it.kind, "petition") == 0 ? U_PETITION : U_DRAFT, code, NULL);
	db_item_clear(&it);
	return 0;
}

/* A number typed on a list: its position, or 0 if it is not one. */
int
ulist_pick(const char *input, int n)
{
	char	*end;
	long	 v = strtol(input, &end, 10);

	return *input != '\0' && *end == '\0' && v >= 1 && v <= n && v <= 97 ? (int)v : 0;
}

/* Draws a screen that is one message. */
int
udraw_msg(struct ussd_ctx *x, const char *key, struct buf *b)
{
	char	*s = ux_msg(x, key, NULL, NULL);

	buf_adds(b, s);
	free(s);
	return 0;
}

/* The summary for USSD (summary_ussd, else summary) in the reader's script. */
char *
uitem_summary(struct ussd_ctx *x, const char *code, int64_t *item_id)
{
	struct db_item	 it;
	char		*s = NULL, *r;

	if (uitem_load(x, code, &it) != 0)
		return NULL;
	*item_id = it.id;
	db_item_clear(&it);
	if (db_item_text(x->c->db, *item_id, "summary_ussd", lang_code(x->lang),
	    &s) != 0 && db_item_text(x->c->db, *item_id, "summary",
	    lang_code(x->lang), &s) != 0 &&
	    (s = uitem_text(x, *item_id, "summary_ussd")) == NULL &&
	    (s = uitem_text(x, *item_id, "summary")) == NULL)
		s = xstrdup("-");
	r = ux_text(x, s);
	free(s);
	return r;
}

static int
uart_find_cb(const char *number, const char *title, const char *text, void *arg)
{
	struct uart	*a = arg;

	if (strcmp(number, a->number) != 0)
		return 0;
	a->title = xstrdup(title);
	a->text = xstrdup(text);
	return 1;
}

/* An article's title and text in the reader's language. 0, 1 if missing, -1. */
int
uart_find(struct ussd_ctx *x, const char *code, const char *number, struct uart *a)
{
	struct db_item	it;
	int		rc;

	memset(a, 0, sizeof *a);
	a->number = number;
	if ((rc = uitem_load(x, code, &it)) != 0)
		return rc;
	rc = db_article_each(x->c->db, it.id, lang_code(x->lang), uart_find_cb, a);
	db_item_clear(&it);
	return rc != 0 ? -1 : a->title != NULL ? 0 : 1;
}

/* "З3 Гэрээ": an article's number and title, in the reader's script. */
char *
uart_label(struct ussd_ctx *x, const char *number, const char *title)
{
	char	*n = ux_msg(x, "u_art", number, NULL), *t = ux_text(x, title);
	char	*r = *t ? xasprintf("%s %s", n, t) : xstrdup(n);

	free(n);
	free(t);
	return r;
}

/* The line naming what a vote is about: an article, or the item's title. */
char *
uitem_subject(struct ussd_ctx *x, struct uframe *f)
{
	struct uart	a;
	struct db_item	it;
	char		*s;

	if (f->arg[0] != '\0' && uart_find(x, f->code, f->arg, &a) == 0) {
		s = uart_label(x, f->arg, a.title);
		free(a.title);
		free(a.text);
		return s;
	}
	if (uitem_load(x, f->code, &it) != 0)
		return xstrdup(f->code);
	s = uitem_title(x, it.id, it.code);
	db_item_clear(&it);
	return s;
}

/* The receipt number: the item's code and the audit row of the action. */
void
ureceipt(const struct uframe *f, char out[40])
{
	snprintf(out, 40, "%s-%lld", f->code, (long long)f->num);
}

void
ulist_add(struct ulist *l, const char *key, char *label)
{
	l->keys = xrealloc(l->keys, (size_t)(l->n + 1) * sizeof *l->keys);
	l->labels = xrealloc(l->labels, (size_t)(l->n + 1) * sizeof *l->labels);
	l->keys[l->n] = xstrdup(key);
	l->labels[l->n] = xasprintf("%d %s", l->n + 1, label);
	l->n++;
	free(label);
}

void
ulist_free(struct ulist *l)
{
	int	i;

	for (i = 0; i < l->n; i++) {
		free(l->keys[i]);
		free(l->labels[i]);
	}
	free(l->keys);
	free(l->labels);
}

static int
uart_list_cb(const char *number, const char *title, const char *text, void *arg)
{
	struct ulist	*l = arg;
	char		*cut = ucut_words(title, 14);

	(void)text;
	ulist_add(l, number, uart_label(l->x, number, cut));
	free(cut);
	return 0;
}

int
uart_list(struct ussd_ctx *x, const char *code, struct ulist *l)
{
	struct db_item	it;
	int		rc;

	memset(l, 0, sizeof *l);
	l->x = x;
	if ((rc = uitem_load(x, code, &it)) != 0)
		return -1;
	rc = db_article_each(x->c->db, it.id, lang_code(x->lang), uart_list_cb, l);
	db_item_clear(&it);
	return rc;
}

int
udraw_subject(struct ussd_ctx *x, char *subject, const char *key, struct buf *b)
{
	struct ux_lines	l = { .elastic = -1 };

	ux_add(&l, subject, 1);
	ux_addmsg(x, &l, key);
	ux_join(&l, ux_err_reserve(x), b);
	return 0;
}
