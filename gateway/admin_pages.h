/* SPDX-License-Identifier: ISC */
/*
 * gateway/ private: what the officials' report, comments, review and quotes
 * pages (admin_report.c, admin_comments.c, admin_review.c, admin_quotes.c)
 * share: stance and topic names in the page's language, a comment's facts
 * (never a phone number), the pager, select boxes, redirects after a write
 * and the error page of a bad request. admin_pages.c.
 */
#ifndef SANAL_ADMIN_PAGES_H
#define SANAL_ADMIN_PAGES_H

#include "admin.h"

#define ADMIN_PER_PAGE	25		/* comments a page, browser and queue */

/* A stance's or topic's name in the page's language ("" → "none"). Caller frees. */
char	*admin_pages_stance(struct web *, const char *stance);
char	*admin_pages_topic(struct web *, const char *topic);
/* Appends s URL-encoded (for a query string: unreserved characters kept). */
void	 admin_pages_urlenc(struct buf *, const char *s);
/* The page after a write the batch could not commit: 503, try again. */
void	 admin_pages_busy(struct web *);
/* The answer to a bad form or query: status, a summary linking to field, back. */
void	 admin_pages_bad(struct web *, int status, const char *field, const char *key,
	    const char *back);
/* <p class="notice" role="status"> with a text from the bundles. */
void	 admin_pages_notice(struct web *, const char *key, const char *a0, const char *a1);
/*
 * <label for=id>label</label><select id=id name=name> with an "any" option
 * when any_key is not NULL, then values[i] named names[i] (escaped; the page's
 * script), selected marked; a bad value's field gets its error under the label.
 */
void	 admin_pages_select(struct web *, const char *name, const char *id,
	    const char *label_key, const char *any_key, const char *const *values, char *const *names, size_t n,
	    const char *selected, const char *error_key);
/* The stances and topics as their names: arrays of STANCE_N / TOPIC_N. */
void	 admin_pages_stances(struct web *, char **names);
void	 admin_pages_topics(struct web *, char **names);
void	 admin_pages_free(char **, size_t);
/*
 * A comment's facts, never its author's: "№ 12 · 2026-12-01 12:00 · SMS ·
 * Хөвсгөл · item 12, article 3" (time in Ulaanbaatar; code "" leaves out the item).
 */
void	 admin_pages_facts(struct web *, int64_t id, int64_t ts, const char *channel,
	    const char *aimag, const char *code, const char *article);
/* "Page x of y" with previous and next links to query + "page=N". */
void	 admin_pages_pager(struct web *, const char *query, int page, int64_t total);

#endif
