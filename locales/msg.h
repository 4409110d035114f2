/* SPDX-License-Identifier: ISC */
/*
 * locales/: citizen-facing texts from ICU resource bundles (mn, en, kk) compiled
 * with genrb, formatted with ICU MessageFormat. Every argument is a string.
 */
#ifndef SANAL_MSG_H
#define SANAL_MSG_H

#include <stddef.h>

enum lang { LANG_MN, LANG_EN, LANG_KK, LANG_COUNT };

/* The kind of value an argument carries; the length test fills each with its longest value. */
enum msgarg {
	MSGARG_CODE,		/* an item code: up to 6 digits */
	MSGARG_ARTICLE,		/* an article number: up to 6 characters */
	MSGARG_COUNT,		/* a count: up to 7 digits */
	MSGARG_PLACE,		/* an aimag, or "aimag, soum" (names from the gazetteer) */
	MSGARG_CODES,		/* a list of item codes "12, 14, 31" (caller keeps it ≤ 24 chars) */
	MSGARG_LANG,		/* mn, en or kk */
	MSGARG_TALLY,		/* one citizen's own count (votes, comments): up to 3 digits, caller caps at 999 */
	MSGARG_DATE,		/* a closing date: "01.15", or "2027-01-15" in English */
	MSGARG_RECEIPT,		/* a receipt number: item code, "-", audit id (up to 8 digits) */
	MSGARG_EXCERPT,		/* the start of a citizen's comment: up to 25 characters */
	MSGARG_TITLE,		/* an item's short title: up to 20 characters */
	MSGARG_TARGET,		/* an item code and maybe an article: "12 3" */
	MSGARG_SERVICE,		/* a USSD code: "*123456#" */
	MSGARG_PHONE		/* a masked phone number: "99** **33" */
};

struct msgdef {
	const char	*key;
	size_t		 nargs;
	enum msgarg	 args[4];
	int		 web;		/* a web page's text: no SMS length limit */
};

const char	*lang_code(enum lang);			/* "mn", "en", "kk" */
int		 lang_parse(const char *, enum lang *);	/* 0, or -1 if unknown */

/* msgcat.c: the catalogue of every message key and its arguments. */
const struct msgdef *msg_catalogue(size_t *n);
const struct msgdef *msg_find(const char *key);

/* msgfmt.c */
/*
 * Opens the bundles in dir (NULL: $SANAL_LOCALEDIR, else the install path).
 * Returns 0, or -1 with *cause set (caller frees). Call once, before any thread.
 */
int		 msg_init(const char *dir, char **cause);
void		 msg_shutdown(void);
/*
 * Formats key in lang with nargs string arguments (UTF-8). Falls back to mn when
 * lang lacks the key. Returns NULL for an unknown key. Caller frees.
 */
char		*msg_render(enum lang, const char *key, const char *const *args, size_t nargs);

#endif
