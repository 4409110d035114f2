/* SPDX-License-Identifier: ISC */
/*
 * consult/ private: the USSD menu. ussd.c keeps sessions and turns both doors'
 * requests into one key press; ussd_menu.c is the table of screens, each with
 * how it is drawn and what its keys do; ussd_screen.c lays screens out within
 * one USSD string (75 UCS-2 or 160 GSM-7 characters, error line included).
 */
#ifndef SANAL_USSD_INT_H
#define SANAL_USSD_INT_H

#include "common.h"
#include "consult_int.h"

#define USSD_DEPTH	10		/* frames kept; the oldest go first */
#define USSD_LIMIT_UCS2	75
#define USSD_LIMIT_GSM7	160
#define USSD_COMMENT	140		/* characters in a typed comment */
#define UX_PAGE_ITEMS	8		/* list items on one page at most */

enum ussd_screen {
	U_LANG, U_RESUME, U_MAIN, U_DRAFTS, U_DRAFT, U_SUMMARY, U_QUESTION,
	U_CONFIRM, U_VOTED, U_COMMENT, U_COMMENT_OK, U_ARTICLES, U_ARTICLE,
	U_ARTICLE_TEXT, U_PETITIONS, U_PETITION, U_SIGN, U_MINE, U_REGIONS,
	U_AIMAGS, U_SOUMS, U_PLACE, U_NSCREENS
};

/* One step of the menu path: the screen and what it is about. */
struct uframe {
	enum ussd_screen s;
	char		 code[8];	/* item */
	char		 arg[8];	/* article, region digit, aimag or place code */
	int		 page;
	char		 choice;	/* 's' support, 'o' oppose, or 0 */
	int64_t		 num;		/* receipt (audit id) once committed */
};

struct ussd_ctx {
	struct consult		*c;
	const struct ussd_req	*rq;
	struct participant	 p;
	enum lang		 lang;
	int			 latin;		/* Mongolian in MNS Latin */
	struct uframe		 st[USSD_DEPTH];
	int			 n;
	char			*draft;		/* a typed comment awaiting confirmation */
	/* what this step answers */
	const char		*err;		/* error or notice line key, or NULL */
	const char		*end_key;	/* an END screen: its message key ... */
	const char		*end_id;	/* ... and its id for metrics */
	const char		*end_args[2];
	char			 end_buf[2][128];
	int			 first;		/* the language is not chosen yet */
	int			 errs;		/* the error lines of the screen drawn */
	int			 fresh_flow;	/* back at the main menu: dial-back may go again */
};

/* ussd.c */
struct uframe	*ussd_top(struct ussd_ctx *);
struct uframe	*ussd_push(struct ussd_ctx *, enum ussd_screen, const char *code,
		    const char *arg);
void		 ussd_pop(struct ussd_ctx *);
void		 ussd_home(struct ussd_ctx *);		/* back to the main menu */
void		 ussd_end(struct ussd_ctx *, const char *id, const char *key,
		    const char *a0, const char *a1);
int		 ussd_store_participant(struct ussd_ctx *);
int		 ussd_audit(struct ussd_ctx *, const char *action, const char *code,
		    const char *detail, int64_t *id);
int		 ussd_queue_sms(struct ussd_ctx *, const char *text, const char *kind);

/* ussd_menu.c: one row per screen. */
enum {					/* error lines a screen may show besides u_wrong */
	UE_NOT_OPEN = 1,		/* u_not_open: the item closed meanwhile */
	UE_SENT = 2,			/* u_sent: a notice, the text went by SMS */
	UE_NO_ITEM = 4,			/* u_no_item: a deep dial to no item */
	UE_TEXT = 8			/* u_too_long, u_bad_text: typed text */
};
struct uscreen_def {
	const char	*id;		/* "C2": the name in USSD.md, metrics and logs */
	/* Draws the screen into b (NULL: the screen is msg). 0 or -1. */
	int		(*draw)(struct ussd_ctx *, struct uframe *, struct buf *);
	/* A key other than 0, 00 and 98: 0 done, 1 wrong key, -1 error. */
	int		(*key)(struct ussd_ctx *, struct uframe *, const char *input);
	int		 pages;		/* 98 turns pages */
	int		 typing;	/* takes free text (0 and 00 still navigate) */
	int		 confirm;	/* commits on its key: a deep dial stops here */
	int		 errs;		/* UE_* */
	const char	*msg;		/* a screen that is one message: no draw */
};
extern const struct uscreen_def ussd_screens[U_NSCREENS];
int	 ussd_open_item(struct ussd_ctx *, const char *code);	/* deep dial, lists */
int	 ussd_page_count(struct ussd_ctx *, struct uframe *);	/* for 98 */
int	 ussd_draw(struct ussd_ctx *, struct uframe *, struct buf *);

/* ussd_text.c: what screens show of items, and shared helpers. */

struct uart {
	const char	*number;
	char		*title;
	char		*text;
};

/* A numbered list: keys (item codes, article numbers) and their labels. */
struct ulist {
	struct ussd_ctx	 *x;
	const char	 *kind;		/* items: consultation, petition, NULL: mine */
	char		**keys;
	char		**labels;	/* "N label" */
	int		  n;
};

char	*uitem_text(struct ussd_ctx *, int64_t id, const char *field);	/* lang, else mn */
char	*uitem_title(struct ussd_ctx *, int64_t id, const char *code);
int	 uitem_load(struct ussd_ctx *, const char *code, struct db_item *);	/* 1: none */
int	 uitem_open(struct ussd_ctx *, const struct db_item *);
void	 uitem_date(struct ussd_ctx *, int64_t, char out[16]);
char	*uitem_summary(struct ussd_ctx *, const char *code, int64_t *item_id);
char	*uitem_subject(struct ussd_ctx *, struct uframe *);	/* article or title */
int	 uart_find(struct ussd_ctx *, const char *code, const char *number,
	    struct uart *);
char	*uart_label(struct ussd_ctx *, const char *number, const char *title);
int	 uart_list(struct ussd_ctx *, const char *code, struct ulist *);
void	 ulist_add(struct ulist *, const char *key, char *label);	/* takes label */
void	 ulist_free(struct ulist *);
void	 ureceipt(const struct uframe *, char out[40]);
int	 ulist_pick(const char *input, int n);		/* a list number, or 0 */
int	 udraw_msg(struct ussd_ctx *, const char *key, struct buf *);
/* A subject line (shortened to fit; taken) above the options of key. */
int	 udraw_subject(struct ussd_ctx *, char *subject, const char *key, struct buf *);

/* ussd_vote.c: the screens of one item (the table is in ussd_menu.c). */
#define USSD_SCREEN(n) \
	int draw_##n(struct ussd_ctx *, struct uframe *, struct buf *); \
	int key_##n(struct ussd_ctx *, struct uframe *, const char *)
USSD_SCREEN(item);
USSD_SCREEN(pages);
USSD_SCREEN(question);
USSD_SCREEN(confirm);
int	 key_voted(struct ussd_ctx *, struct uframe *, const char *);
int	 key_comment(struct ussd_ctx *, struct uframe *, const char *);
USSD_SCREEN(comment_ok);
USSD_SCREEN(articles);
USSD_SCREEN(article);
USSD_SCREEN(sign);

/* ussd_screen.c: pieces in the citizen's language and script, and layout. */
char	*ux_msg(struct ussd_ctx *, const char *key, const char *a0, const char *a1);
char	*ux_text(struct ussd_ctx *, const char *s);	/* romanised for Latin readers */
size_t	 ux_limit(const char *screen);			/* 75 or 160 */
/* The longest error line the screen being drawn may show, + 1 for its newline. */
size_t	 ux_err_reserve(struct ussd_ctx *);
/* A screen: lines, one of them elastic (shortened with ".." to fit). */
struct ux_lines {
	char	*line[12];
	int	 n;
	int	 elastic;		/* index, or -1 */
};
void	 ux_add(struct ux_lines *, char *owned, int elastic);
void	 ux_addmsg(struct ussd_ctx *, struct ux_lines *, const char *key);
/* Joins the lines into b, shortening the elastic line to fit beside reserve. */
void	 ux_join(struct ux_lines *, size_t reserve, struct buf *b);
/*
 * A list of n labels numbered 1..n across pages: page *page (clamped) with
 * header and nav lines. *pages is how many pages the list has.
 */
void	 ux_list(struct ussd_ctx *, char *header, char **labels, int n, int *page,
	    int *pages, int back, struct buf *b);
/*
 * Splits text into at most max pages that fit beside their options (mid: the
 * units of a page's option lines, last: the last page's); what does not fit
 * ends in "..". Returns the number of pages; caller frees.
 */
int	 ux_text_pages(struct ussd_ctx *, const char *text, size_t mid, size_t last,
	    int max, char ***pages);
void	 ux_free_pages(char **, int);

#endif
