/* SPDX-License-Identifier: ISC */
/*
 * gateway/ private: the officials' pages under /admin, built on the citizens'
 * web (web.h: the page shell, forms, tokens, the batch). An official signs in
 * with a password and then a security code sent by SMS to the phone on their
 * account; the session is its own cookie. admin.c holds signing in, the
 * routes and the role check; admin_home.c the dashboard and the admin's
 * actions (decisions, notifications, items); admin_report.c the report;
 * admin_review.c the review queue, the comments browser and quotes.
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

/* A 303 to path (a local path, its query already encoded), the language kept. */
void	 admin_goto(struct web *, const char *path);
/* A labelled <input> with its hint (key or NULL) and error (key or NULL); value kept. */
void	 admin_field(struct web *, const char *name, const char *type, const char *label,
	    const char *hint, const char *attrs, const char *value, const char *error);

/*
 * The routes are admin.c's table (CODE an item's code), each for a role and
 * those above it: a viewer reads every page but the decision and notify ones;
 * an analyst also POSTs /admin/label and /admin/c/CODE/quotes; an admin also
 * uses /admin/c/CODE/decision, /admin/c/CODE/notify and POST
 * /admin/c/CODE/state. /admin/sign-in, /admin/sign-in/code and POST
 * /admin/sign-out are for anyone.
 */

/* admin_home.c: what admins (and everyone for reading) see first. */
void	 admin_home(struct web *, struct admin_user *);
void	 admin_decision(struct web *, struct admin_user *, const char *code);
void	 admin_notify(struct web *, struct admin_user *, const char *code);
void	 admin_state(struct web *, struct admin_user *, const char *code);	/* open, close */

/* admin_report.c, admin_review.c */
void	 admin_report(struct web *, struct admin_user *, const char *code);
void	 admin_comments(struct web *, struct admin_user *);	/* ?code=&article=&... */
void	 admin_review(struct web *, struct admin_user *);	/* the queue */
void	 admin_label(struct web *, struct admin_user *);	/* POST: analysts */
void	 admin_quotes(struct web *, struct admin_user *, const char *code);
void	 admin_quote_post(struct web *, struct admin_user *, const char *code);

#endif
