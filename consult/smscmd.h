/* SPDX-License-Identifier: ISC */
/*
 * The SMS command language, parsed from one message. Pure: no database. The
 * table of commands lives in smscmd.c, one row per command; see sanald(8).
 */
#ifndef SANAL_SMSCMD_H
#define SANAL_SMSCMD_H

#include "analytics.h"

enum smscmd_kind {
	SMSCMD_EMPTY,		/* nothing but spaces and punctuation */
	SMSCMD_VOTE,		/* "12 тийм", "12 no": code, choice */
	SMSCMD_COMMENT,		/* "12 <text>", "12 3 <text>": code, article, text */
	SMSCMD_ITEM,		/* "12" alone: how to take part in item 12 */
	SMSCMD_LIST,		/* ЖАГСААЛТ / list */
	SMSCMD_HELP,		/* ТУСЛАМЖ / help / ? */
	SMSCMD_REGISTER,	/* БҮРТГЭЛ <aimag> [soum]: text = the place words */
	SMSCMD_STOP,		/* ЗОГС / stop */
	SMSCMD_START,		/* ЭХЛЭ / start */
	SMSCMD_MY,		/* МИНИЙ / my */
	SMSCMD_DELETE,		/* УСТГА / delete */
	SMSCMD_LANG,		/* ХЭЛ en|mn|kk: text = the argument, may be empty */
	SMSCMD_UNKNOWN		/* anything else */
};

enum smscmd_choice { SMSCMD_SUPPORT = 1, SMSCMD_OPPOSE = 2 };

struct smscmd {
	enum smscmd_kind	 kind;
	char			 code[16];	/* item code (digits), or "" */
	char			 article[16];	/* article number, or "" for the whole item */
	enum smscmd_choice	 choice;	/* SMSCMD_VOTE only */
	char			*text;		/* comment (as typed, trimmed), place words or lang arg; or NULL */
	enum script		 script;	/* script the citizen wrote in */
};

/*
 * Parses one message (UTF-8). Returns 0 and fills cmd (free it with
 * smscmd_free), or -1 if the text is not valid UTF-8. A code longer than 15
 * digits is SMSCMD_UNKNOWN.
 */
int	 smscmd_parse(const char *text, struct smscmd *cmd);
void	 smscmd_free(struct smscmd *cmd);
const char *smscmd_kind_name(enum smscmd_kind);

/* gazetteer.c: Mongolia's 21 aimags, the capital, its 9 districts and 330 soums. */
struct place {
	char		 aimag_code[8];		/* "67" */
	const char	*aimag_mn;		/* "Булган" */
	char		 soum_code[8];		/* "6704", or "" */
	const char	*soum_mn;		/* or NULL */
};
/*
 * Finds "<aimag> [soum]" in any common spelling (Cyrillic, MNS, ASCII, u for
 * ө/ү, h for kh, short forms like УБ). Returns 0, or -1 if no aimag matches;
 * a soum that does not match leaves soum empty and returns 1.
 */
int	 gazetteer_find(const char *words, struct place *out);
const char *gazetteer_aimag_name(const char *aimag_code);	/* Cyrillic, or NULL */

#endif
