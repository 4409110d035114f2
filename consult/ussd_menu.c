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

/* Open items of a kind; for "mine", items the person voted on or signed. */
static int
ulist_item_cb(const struct db_item *it, void *arg)
{
	struct ulist	*l = arg;
	struct ussd_ctx	*x = l->x;
	char		 choice[8], *title, *label;
	const char	*key;

	if (!uitem_open(x, it))
		return 0;
	if (l->kind != NULL) {
		if (strcmp(it->kind, l->kind) == 0)
			ulist_add(l, it->code, uitem_title(x, it->id, it->code));
		return 0;
	}
	if (x->p.row.id == 0 || db_vote_get(x->c->db, it->id, x->p.row.id, choice) != 0)
		return 0;
	key = strcmp(choice, "support") == 0 ? "u_my_support" :
	    strcmp(choice, "oppose") == 0 ? "u_my_oppose" : "u_my_signed";
	title = uitem_title(x, it->id, it->code);
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
	if ((k = ulist_pick(input, l.n)) != 0) {
		if (f->s != U_MINE)
			rc = ussd_open_item(x, l.keys[k - 1]);
		else if ((rc = uitem_load(x, l.keys[k - 1], &it)) == 0) {
			/* a vote to change, or a petition to look at */
			ussd_push(x, strcmp(it.kind, "petition") == 0 ? U_PETITION :
			    U_QUESTION, l.keys[k - 1], NULL);
			db_item_clear(&it);
		}
	}
	ulist_free(&l);
	return rc;
}

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
	int	k = ulist_pick(input, 4);

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
key_main(struct ussd_ctx *x, struct uframe *f, const char *input)
{
	static const enum ussd_screen next[] = { U_DRAFTS, U_PETITIONS, U_MINE,
	    U_REGIONS, U_LANG };
	int	k = ulist_pick(input, 5);

	(void)f;
	if (k == 0)
		return 1;
	ussd_push(x, next[k - 1], NULL, NULL);
	return 0;
}

static const char region_digit[] = "12468";	/* capital, east, central, Khangai, west */

static int
key_regions(struct ussd_ctx *x, struct uframe *f, const char *input)
{
	char	arg[2];
	int	k = ulist_pick(input, 5);

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
	int				 k = ulist_pick(input, place_units(f, idx, 64));

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
	return udraw_subject(x, place_label(x, f->arg), "u_place_confirm", b);
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
	if (ussd_screens[f->s].msg != NULL)
		return udraw_msg(x, ussd_screens[f->s].msg, b);
	return ussd_screens[f->s].draw(x, f, b);
}

const struct uscreen_def ussd_screens[U_NSCREENS] = {
	[U_LANG] = { "L0", draw_lang, key_lang, 0, 0, 0, 0, NULL },
	[U_RESUME] = { "RS", NULL, key_resume, 0, 0, 0, 0, "u_resume" },
	[U_MAIN] = { "M0", NULL, key_main, 0, 0, 0, UE_NO_ITEM, "u_main" },
	[U_DRAFTS] = { "C1", draw_items, key_items, 1, 0, 0, 0, NULL },
	[U_DRAFT] = { "C2", draw_item, key_item, 0, 0, 0, UE_NOT_OPEN, NULL },
	[U_SUMMARY] = { "C3", draw_pages, key_pages, 1, 0, 0, UE_NOT_OPEN | UE_SENT,
	    NULL },
	[U_QUESTION] = { "C4", draw_question, key_question, 0, 0, 0, 0, NULL },
	[U_CONFIRM] = { "C5", draw_confirm, key_confirm, 0, 0, 1, UE_NOT_OPEN, NULL },
	[U_VOTED] = { "C6", NULL, key_voted, 0, 0, 0, 0, "u_voted" },
	[U_COMMENT] = { "C7", NULL, key_comment, 0, 1, 0, UE_TEXT, "u_comment_prompt" },
	[U_COMMENT_OK] = { "C8", draw_comment_ok, key_comment_ok, 0, 0, 1,
	    UE_NOT_OPEN | UE_TEXT, NULL },
	[U_ARTICLES] = { "A1", draw_articles, key_articles, 1, 0, 0, 0, NULL },
	[U_ARTICLE] = { "A2", draw_article, key_article, 0, 0, 0, UE_NOT_OPEN, NULL },
	[U_ARTICLE_TEXT] = { "A3", draw_pages, key_pages, 1, 0, 0, UE_SENT, NULL },
	[U_PETITIONS] = { "P1", draw_items, key_items, 1, 0, 0, 0, NULL },
	[U_PETITION] = { "P2", draw_item, key_item, 0, 0, 0, UE_NOT_OPEN, NULL },
	[U_SIGN] = { "P3", draw_sign, key_sign, 0, 0, 1, UE_NOT_OPEN, NULL },
	[U_MINE] = { "MY", draw_items, key_items, 1, 0, 0, 0, NULL },
	[U_REGIONS] = { "G1", NULL, key_regions, 0, 0, 0, 0, "u_regions" },
	[U_AIMAGS] = { "G2", draw_places, key_places, 1, 0, 0, 0, NULL },
	[U_SOUMS] = { "G3", draw_places, key_places, 1, 0, 0, 0, NULL },
	[U_PLACE] = { "G4", draw_place, key_place, 0, 0, 1, 0, NULL },
};
