/* SPDX-License-Identifier: ISC */
/*
 * consult/ private: what report_html.c and report_html_sec.c share — the
 * page being written and its small writers. Every text goes through
 * html_esc; every heading and caption through html_t (the bundles' r_* keys).
 */
#ifndef SANAL_REPORT_HTML_H
#define SANAL_REPORT_HTML_H

#include <stdint.h>

#include "common.h"
#include "consult.h"

struct html {
	struct buf	 b;
	enum lang	 lang;
	char		*title;		/* the item's, in lang if its file has it */
	int		 public;
	void		(*cell_link)(struct buf *, const char *, const char *, void *);
	void		*arg;
};

/* A breakdown's line: its key (channel, aimag or soum code) and counts. */
struct html_cell {
	char	 key[16];
	int64_t	 n[4];		/* support, oppose, signatures, comments */
	int64_t	 v;		/* what its chart shows */
};

/* s escaped for HTML text and attributes; controls a space, bidi overrides dropped. */
void	 html_esc(struct buf *, const char *s);
/* key rendered in h's language (the key itself if missing). Caller frees. */
char	*html_msg(const struct html *, const char *key, const char *a0, const char *a1);
void	 html_t(struct html *, const char *key, const char *a0, const char *a1);
/* <section> and its <h2 id>; the caller closes the section. */
void	 html_section(struct html *, const char *id, const char *key);
/* html_wide and a <thead> of n column keys, then <tbody>. */
void	 html_table(struct html *, const char *caption, const char *const *keys,
	    size_t n);
void	 html_table_end(struct html *);		/* </tbody></table></div> */
/*
 * A table's own scroll region (a table may be wider than a phone), focusable
 * so a keyboard scrolls it, named by its caption; then <table> and
 * <caption>. The caller closes </table></div> (html_table_end after a tbody).
 */
void	 html_wide(struct html *, const char *caption);
void	 html_num(struct html *, int64_t n, int suppress);	/* <td class=n> */
void	 html_cell(struct html *, const char *s);		/* <td>, escaped */
void	 html_time(struct html *, int64_t ts);			/* Ulaanbaatar */
void	 html_none(struct html *);				/* "None." */

/* report_html_sec.c: sections 6 to 9 and 11. */
void	 html_topics(struct html *, const struct report *);
void	 html_campaigns(struct html *, const struct report *);
void	 html_quotes(struct html *, const struct report *);
void	 html_methods(struct html *, const struct report *);
void	 html_decisions(struct html *, const struct report *);

#endif
