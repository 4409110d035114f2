/* SPDX-License-Identifier: ISC */
/*
 * gateway/ private: what the officials' pages (admin*.c) share: a text, a
 * link, a fact, table heads, an item's title; stance and topic names in the
 * page's language, a comment's facts (never a phone number), the pager,
 * select boxes, the notice after a write and the pages of a busy database and
 * of a bad request. admin_pages.c.
 */
#ifndef SANAL_ADMIN_PAGES_H
#define SANAL_ADMIN_PAGES_H

#include "admin.h"

#define ADMIN_PER_PAGE	25		/* comments a page, browser and queue */

/* A stance's or topic's name in the page's language ("" → "none"). Caller frees. */
char	*admin_pages_stance(struct web *, const char *stance);
char	*admin_pages_topic(struct web *, const char *topic);
/* Appends key's text in the page's language, escaped. */
void	 admin_pages_msg(struct web *, const char *key, const char *a0, const char *a1);
/* <a href=path (the language kept)>key's text</a>. */
void	 admin_pages_link(struct web *, const char *path, const char *key, const char *a0);
/* One <dt>key's text</dt><dd>value</dd> pair. */
void	 admin_pages_fact(struct web *, const char *key, const char *value);
/* A <th scope="col"> for each of n keys. */
void	 admin_pages_heads(struct web *, const char *const *keys, size_t n);
/* An item's title in the page's language, else its code. Caller frees. */
char	*admin_pages_title(struct web *, const struct db_item *);
/* The page when the database is busy (a read failed, a write not committed): 503. */
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
/* The stances and topics and their names (free them): arrays of STANCE_N / TOPIC_N. */
void	 admin_pages_stances(struct web *, const char **values, char **names);
void	 admin_pages_topics(struct web *, const char **values, char **names);
void	 admin_pages_free(char **, size_t);
/*
 * A comment's facts, never its author's: "№ 12 · 2026-12-01 12:00 · SMS ·
 * Хөвсгөл · item 12, article 3" (time in Ulaanbaatar; code "" leaves out the item).
 */
void	 admin_pages_facts(struct web *, int64_t id, int64_t ts, const char *channel,
	    const char *aimag, const char *code, const char *article);
/* sep (HTML) and "in campaign N" if the comment is in one (campaign_id not 0). */
void	 admin_pages_campaign(struct web *, const char *sep, int64_t campaign_id);
/* "Page x of y" with previous and next links to query + "page=N". */
void	 admin_pages_pager(struct web *, const char *query, int page, int64_t total);

#endif
