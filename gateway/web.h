/* SPDX-License-Identifier: ISC */
/*
 * gateway/ private: the citizens' web pages. Server-rendered HTML that needs
 * no JavaScript, in Mongolian (Cyrillic or Latin), English or Kazakh; every
 * text a citizen wrote is escaped. web.c holds the request (language, the
 * browser's cookie, the signed-in person, the anti-forgery token) and the
 * response (security headers, gzip, ETag); web_html.c the page shell and
 * pieces; web_pages.c what anyone may read; web_forms.c the forms that change
 * something, each a POST with its token, applied in the batch.
 */
#ifndef SANAL_WEB_H
#define SANAL_WEB_H

#include "common.h"
#include "consult.h"
#include "db.h"
#include "gateway.h"
#include "msg.h"

#define WEB_COMMENT_MAX	1000		/* characters in a comment */

struct web {
	struct http_req		*req;
	struct consult		*c;
	enum lang		 lang;
	int			 latin;		/* Mongolian in Latin letters */
	const char		*lang_param;	/* "", "en", "kk", "mn-Latn": kept in links */
	char			 browser[WEB_TOKEN_LEN + 1];	/* the cookie's token */
	int			 set_cookie;	/* send browser (new or rotated) */
	int			 signed_in;
	struct web_user		 user;
	char			 csrf[WEB_CSRF_LEN + 1];
	int64_t			 now;
	/* the page */
	struct buf		 body;		/* inside <main> */
	char			*title;
	int			 error;		/* the title starts with "Error:" */
	int			 charts;	/* ids of the page's charts */
	/* /admin (admin.c) */
	int			 admin;		/* no-store, noindex; the officials' header */
	char			*admin_cookie;	/* a Set-Cookie to send too, or NULL */
	struct buf		 admin_bar;	/* who is signed in, in the header */
};

/* web.c */
extern struct consult	*web_consult;
/* Answers a web request: 200 with the page (gzip, ETag, headers), then frees w. */
void	 web_page(struct web *, int status);
void	 web_redirect(struct web *, const char *location);	/* 303 */
void	 web_free(struct web *);
void	 web_not_found(struct web *);				/* 404 */
/* The client's address: the peer's, or X-Forwarded-For's last from web_proxy. */
const char *web_client(struct web *, char out[64]);
/* The request's web state; NULL (after answering 403) when a POST is forged. */
struct web *web_begin(struct http_req *);
/* Runs apply in the batch, then done after COMMIT (committed 0: busy). */
void	 web_commit(struct web *, void *arg,
	    int (*apply)(struct web *, struct consult *, void *),
	    void (*done)(struct web *, int committed, int rc, void *));
/* The path's parts after a prefix: "/c/12/a/3" -> "12", "a", "3". */
int	 web_split(const char *path, char parts[][16], int max);
/* A POST body's field (a GET's query parameter), or NULL; WEB_FORM_BAD if it holds NUL. */
const char *web_form(struct web *, const char *name);
extern const char web_form_bad[];
#define WEB_FORM_BAD	web_form_bad

/* web_html.c */
char	*web_msg(struct web *, const char *key, const char *a0, const char *a1);
void	 web_say(struct web *, const char *key, const char *a0, const char *a1);	/* escaped */
void	 web_esc(struct buf *, const char *);		/* HTML-escaped */
void	 web_text(struct web *, const char *s);	/* escaped, romanised for Latin readers */
void	 web_title(struct web *, const char *key, const char *a0);
void	 web_link(struct web *, struct buf *, const char *path);	/* href with lang */
/* Appends s URL-encoded for a path or query (unreserved characters and "/" kept). */
void	 web_urlenc(struct buf *, const char *s);
/* Appends the request's query but lang, each key and value URL-encoded: "a=1&b=2". */
void	 web_query(const struct http_req *, struct buf *);
void	 web_hidden(struct web *);			/* the form's csrf field */
/* <form method=post novalidate action=path> with its token ... its button. */
void	 web_form_open(struct web *, const char *path);
void	 web_form_end(struct web *, const char *button_key, const char *class);
void	 web_button_link(struct web *, const char *path, const char *key);
void	 web_h2(struct web *, const char *key, const char *a0, const char *id);
void	 web_field_error(struct web *, const char *name, const char *key);	/* key NULL: none */
void	 web_chart(struct web *, const char *caption, const char *const *labels,
	    const int64_t *values, int n);
void	 web_errors(struct web *, const char *const *fields, const char *const *keys,
	    int n);
char	*web_item_text(struct web *, int64_t item_id, const char *field);
void	 web_date(struct web *, int64_t t, char out[32]);
/* The whole document around w->body. Caller frees. */
char	*web_document(struct web *);
extern const char web_css[];

/* web_pages.c, web_forms.c: the pages. */
void	 page_home(struct web *);
void	 page_item(struct web *, struct db_item *, char parts[][16], int n);
void	 page_petition(struct web *, struct db_item *, char parts[][16], int n);
void	 page_article(struct web *, struct db_item *, const char *article);
void	 page_vote(struct web *, struct db_item *, const char *step);
void	 page_sign(struct web *, struct db_item *, const char *step);
void	 page_sign_in(struct web *);
void	 page_sign_in_code(struct web *);
void	 page_sign_out(struct web *);
void	 page_me(struct web *);
void	 page_me_erase(struct web *);
void	 page_article_results(struct web *, struct db_item *, const char *article);
int	 page_article_text(struct web *, struct db_item *, const char *article);
void	 decision_block(struct web *, const struct db_item *, const char *article);
/* Sends an anonymous visitor to sign in, coming back to return_to. */
void	 page_need_sign_in(struct web *, const char *return_to);

/* web_account.c: the sign-in code page, citizens' and officials' (admin.c). */
struct web_code_page {
	const char	*action;	/* where the code is posted */
	const char	*again;		/* where another code is asked for */
	int		(*pending)(struct consult *, const char *browser,
			    int64_t now, char masked[24]);
};
/* The code form for the code sent to masked (NULL: none pending), error's key. */
void	 web_code_form(struct web *, const struct web_code_page *,
	    const char *masked, const char *error);
/* A GET or a POST without a code: its page, and 0; 1 if code is to be checked. */
int	 web_code_asked(struct web *, const struct web_code_page *,
	    const char *code);
/* A code that did not sign in (VERIFY_WRONG, VERIFY_NONE): the form again. */
void	 web_code_refused(struct web *, const struct web_code_page *,
	    enum verify_result);
/* A 303 to path (a local path, its query already encoded), the language kept. */
void	 web_goto(struct web *, const char *path);

#endif
