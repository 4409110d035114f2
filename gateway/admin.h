/* SPDX-License-Identifier: ISC */
/*
 * gateway/ private: the officials' pages under /admin, built on the citizens'
 * web (web.h: the page shell, forms, tokens, the batch). An official signs in
 * with a password and then a security code sent by SMS to the phone on their
 * account; the session is its own cookie. admin.c holds signing in, the
 * route table and the role check; admin_home.c the dashboard and opening and
 * closing items; admin_decision.c publishing decisions and telling the
 * participants; admin_report.c the report and its downloads;
 * admin_comments.c the comments browser; admin_review.c the review queue and
 * its labels; admin_quotes.c representative comments; admin_pages.c what
 * they share (admin_pages.h).
 */
#ifndef SANAL_ADMIN_H
#define SANAL_ADMIN_H

#include "web.h"

struct admin_user {
	int64_t			 id;
	char			 name[64];
	enum official_role	 role;
};

/* admin.c */
/* Answers every path under /admin. */
void	 admin_route(struct web *);
/*
 * The signed-in official of this request, 0; or -1 after answering it: the
 * sign-in page when nobody is signed in, 403 when the role is below min.
 */
int	 admin_require(struct web *, enum official_role min, struct admin_user *);

/* <label for=id>, then the hint (key or NULL) and the error (key or NULL) under it. */
void	 admin_field_label(struct web *, const char *id, const char *label,
	    const char *hint, const char *error);
/* admin_field_label and its <input> (attrs may be ""), described by both; value kept. */
void	 admin_field(struct web *, const char *name, const char *type, const char *label,
	    const char *hint, const char *attrs, const char *value, const char *error);

/*
 * The routes are admin.c's table (CODE an item's code), each for a role and
 * those above it. A viewer GETs /admin, /admin/comments, /admin/review,
 * /admin/c/CODE, its report.csv, report.xlsx and report.json, and
 * /admin/c/CODE/quotes; an analyst also POSTs /admin/label and
 * /admin/c/CODE/quotes; an admin also uses /admin/c/CODE/decision and
 * /admin/c/CODE/notify (GET and POST) and POSTs /admin/c/CODE/state.
 * /admin/sign-in, /admin/sign-in/code and POST /admin/sign-out are for anyone.
 */

/* admin_home.c: what everyone sees first; admins open and close items. */
void	 admin_home(struct web *, struct admin_user *);
void	 admin_state(struct web *, struct admin_user *, const char *code);	/* open, close */

/* admin_decision.c: admins publish decisions and tell the participants. */
void	 admin_decision(struct web *, struct admin_user *, const char *code);
void	 admin_notify(struct web *, struct admin_user *, const char *code);

/* admin_report.c, admin_comments.c, admin_review.c, admin_quotes.c */
void	 admin_report(struct web *, struct admin_user *, const char *code);
void	 admin_comments(struct web *, struct admin_user *);	/* ?code=&article=&... */
void	 admin_review(struct web *, struct admin_user *);	/* the queue */
void	 admin_label(struct web *, struct admin_user *);	/* POST: analysts */
void	 admin_quotes(struct web *, struct admin_user *, const char *code);
void	 admin_quote_post(struct web *, struct admin_user *, const char *code);

#endif
