/* SPDX-License-Identifier: ISC */
/*
 * consult/: consultations, petitions, participants, votes, comments and the
 * SMS command language. No network and no event loop: the gateway hands it
 * inbound messages inside a transaction and gets replies back.
 */
#ifndef SANAL_CONSULT_H
#define SANAL_CONSULT_H

#include <stddef.h>
#include <stdint.h>

#include "msg.h"

struct consult;
struct db;

#define PHONE_MAX	20
#define HASH_LEN	32

/* keyring.c: the secret key file beside the database (libsodium). */
struct keyring;
int	 keyring_create(const char *path, char **cause);	/* mode 0600, never overwrites */
int	 keyring_load(const char *path, struct keyring **, char **cause);
void	 keyring_free(struct keyring *);
void	 keyring_hash(const struct keyring *, const char *phone, unsigned char out[HASH_LEN]);
void	 keyring_text_hash(const char *text, unsigned char out[HASH_LEN]);
/* Encrypts a phone number; *out is nonce + box. Caller frees. */
void	 keyring_seal(const struct keyring *, const char *phone, unsigned char **out,
	    size_t *len);
/* Decrypts into phone (PHONE_MAX bytes). 0, or -1 if forged or damaged. */
int	 keyring_open(const struct keyring *, const unsigned char *, size_t, char *phone);
void	 keyring_tag(const unsigned char hash[HASH_LEN], char tag[9]);	/* for logs */
void	 keyring_random(unsigned char *, size_t);
int	 keyring_equal(const void *, const void *, size_t);	/* constant time */
#define KEYRING_PWHASH_LEN	128	/* crypto_pwhash_STRBYTES */
/* An argon2id string ("$argon2id$...") of password: 0, or -1 (out of memory). */
int	 keyring_password_hash(const char *password, char out[KEYRING_PWHASH_LEN]);
int	 keyring_password_check(const char *hash, const char *password);	/* 1 if it is */
void	 keyring_wipe(void *, size_t);	/* zeroes secrets; not optimised away */


/* phone.c */
/*
 * Normalises a phone number to E.164: "+976" and 8 digits for Mongolian
 * numbers written as 8 digits, 976…, 00976…, +976… with spaces, dashes or
 * brackets; other international numbers kept as + and 8–15 digits. Returns 0,
 * or -1 for anything else (letters, too short, too long).
 */
int	 phone_normalise(const char *in, char out[PHONE_MAX]);

/* consult.c: the handle used by sanald and sanalctl. */
/* Opens DB and DB.key (create: makes both). Caller frees *cause. */
int	 consult_open(const char *dbpath, int create, struct consult **, char **cause);
void	 consult_close(struct consult *);
struct db *consult_db(struct consult *);
const struct keyring *consult_keyring(struct consult *);
void	 consult_set_dedupe_window(struct consult *, int seconds);
int	 consult_begin(struct consult *);	/* 0, DB_BUSY (-2) or -1 */
int	 consult_commit(struct consult *);
int	 consult_rollback(struct consult *);

/* analysis.c: lexicon, stance/topic model and campaigns for comments. */
/*
 * Opens what classifies comments (model NULL or "": the default model). A
 * missing dictionary or model is a warning, not an error. 0, or -1 with *cause.
 */
int	 consult_analysis_open(struct consult *, const char *model, char **cause);
void	 consult_analysis_close(struct consult *);
/*
 * Analyses up to limit comments waiting for it, in one transaction: Latin
 * typed to normalised Cyrillic, stance, topic, confidence, review flag,
 * fingerprint and campaign. *done is how many. 0, DB_BUSY (-2) or -1 with
 * *cause (caller frees).
 */
int	 consult_analysis_run(struct consult *, int limit, int *done, char **cause);
struct lexicon;
void	 lexicon_teach_places(struct lexicon *);	/* aimag, soum and district names */

/* item.c */
enum item_status { ITEM_OPEN, ITEM_NOT_YET, ITEM_CLOSED };
struct item_article {
	const char	*number;
};
struct item_def {
	const char		*code;
	const char		*kind;		/* consultation, petition */
	int64_t			 opens, closes, threshold;
	const char		*doc;		/* the file as loaded */
	const char *const	*articles;	/* article numbers */
	size_t			 narticles;
};
int	 item_add(struct consult *, const struct item_def *, char **cause);
int	 item_set_state(struct consult *, const char *code, const char *state,
	    char **cause);			/* state: open, closed, auto */
enum item_status item_status_at(const char *state, int64_t opens, int64_t closes,
	    int64_t now);
int	 item_code_valid(const char *code);	/* 1–6 digits */

/* apply.c: one inbound message, start to reply. */
struct inbound {
	const char	*channel;	/* "sms" */
	const char	*phone;		/* as received */
	const char	*text;		/* UTF-8 (may be invalid: the reply says so) */
	const char	*kannel_id;	/* or NULL */
	const char	*smsc;		/* or NULL */
	int64_t		 now;
};
enum apply_result {
	APPLY_DONE,		/* applied; reply set */
	APPLY_REPEAT,		/* seen before (same id, or same text in the window); same reply */
	APPLY_BAD_PHONE,	/* the sender is not a phone number */
	APPLY_ID_REUSED,	/* Kannel's id came before from another phone */
	APPLY_ERROR		/* database error; nothing applied */
};
/*
 * Applies one message inside the caller's open transaction (in a savepoint of
 * its own: an error undoes only this message). *reply is the text to send back
 * (caller frees). *command is the parsed command's name (static).
 */
enum apply_result apply_inbound(struct consult *, const struct inbound *,
	    char **reply, const char **command);

/* ussd.c: the USSD menu behind both doors (aggregator HTTP, Kannel SMPP). */
enum ussd_door { USSD_HTTP, USSD_SMPP };
struct ussd_req {
	enum ussd_door	 door;
	const char	*phone;		/* as received */
	const char	*session;	/* sessionId, or its_session_info in hex */
	const char	*service;	/* the code dialled ("*1234#", "*1234*12#"), or NULL */
	const char	*base;		/* the service's own code ("*1234#"), or NULL */
	/*
	 * HTTP: every input of the session so far joined by '*'; the newest is
	 * what follows the text seen before. SMPP: the newest input only (the
	 * dial string when the session begins).
	 */
	const char	*text;
	const char	*request_id;	/* SMPP: Kannel's id (replays); or NULL */
	int		 begin;		/* SMPP: the user has just dialled */
	int64_t		 now;
};
struct ussd_reply {
	int		 end;		/* 1: END (the dialogue closes), 0: CON */
	char		*text;		/* the screen; caller frees */
	const char	*screen;	/* the id of the screen shown ("M0", "EV") */
	const char	*left;		/* the screen left with a valid key, or NULL */
	int		 wrong;		/* a wrong key: the same screen again */
	int		 replay;	/* a repeated request, answered from the store */
	const char	*dropped;	/* a new dialogue found this screen abandoned */
};
/*
 * One request of a USSD dialogue, inside the caller's open transaction (in a
 * savepoint of its own). APPLY_DONE or APPLY_REPEAT with *r set,
 * APPLY_BAD_PHONE, or APPLY_ERROR.
 */
enum apply_result ussd_step(struct consult *, const struct ussd_req *,
	    struct ussd_reply *r);
/*
 * Dialogues idle since before: marked timed out, cb called with the screen
 * each was left on; with dialback, one "please dial back" SMS per unfinished
 * vote or signature. 0 or -1.
 */
int	 ussd_sweep(struct consult *, int64_t before, int dialback,
	    void (*cb)(const char *screen, void *), void *);
/* Every screen id, for metrics. */
const char *ussd_screen_id(int i);		/* NULL past the last */
/* How many USSD pages text needs as a summary in lang (latin: MNS script). */
int	 ussd_summary_pages(const char *text, enum lang, int latin);
#define USSD_SUMMARY_PAGES	3	/* at most, on the phone; the rest goes by SMS */
#define USSD_TITLE_SHORT	20	/* characters in a title_short */

/* web.c: signing in on the web with an SMS security code; web sessions. */
#define WEB_TOKEN_LEN	64	/* hex characters of a browser or session token */
#define WEB_CSRF_LEN	128	/* hex characters of a (masked) form token */
void	 web_token_new(char out[WEB_TOKEN_LEN + 1]);	/* 256 random bits */
int	 web_token_valid(const char *);
/* The form token of a browser token, masked anew each time, and its check. */
void	 web_csrf(const struct consult *, const char *browser, char out[WEB_CSRF_LEN + 1]);
int	 web_csrf_ok(const struct consult *, const char *browser, const char *token);
struct code_req {
	const char	*phone;		/* as typed */
	const char	*browser;	/* the browser's token (cookie) */
	const char	*ip;		/* the peer address */
	const char	*return_to;	/* a local path, or NULL */
	enum lang	 lang;		/* of the SMS: en, else Mongolian in Latin */
	int64_t		 now;
};
enum code_result { CODE_SENT, CODE_WAIT, CODE_LIMIT, CODE_BAD_PHONE, CODE_ERROR };
/* Sends a code (in the caller's transaction); *wait: seconds before a resend. */
enum code_result web_code_send(struct consult *, const struct code_req *, int *wait);
/* The masked number of this browser's live code: 0, or DB_NONE if none. */
int	 web_code_pending(struct consult *, const char *browser, int64_t now,
	    char masked[24]);
enum verify_result { VERIFY_OK, VERIFY_WRONG, VERIFY_NONE, VERIFY_ERROR };
/*
 * Checks a code typed in this browser (in the caller's transaction). OK: a new
 * session token and the page to return to (*return_to, caller frees, or NULL).
 * NONE: no live code (expired, used, voided, tried out).
 */
enum verify_result web_code_check(struct consult *, const char *browser,
	    const char *code, int64_t now, char token[WEB_TOKEN_LEN + 1],
	    char **return_to);
struct web_user {
	int64_t		 pid;
	char		 phone[PHONE_MAX];
	enum lang	 lang;
	int		 latin;
	char		 aimag[8], soum[8];
	int		 opted_out;
	int		 stale;		/* last seen a minute ago: touch the session */
};
/* The signed-in person of a session token: 0, or DB_NONE (none, expired). */
int	 web_session(struct consult *, const char *token, int64_t now, struct web_user *);
int	 web_session_touch(struct consult *, const char *token, int64_t now);
int	 web_sign_out(struct consult *, const char *token);
/* 1 if "CODE-N" is the receipt of something this person did on item CODE. */
int	 web_receipt_ok(struct consult *, int64_t pid, const char *code,
	    const char *receipt);

/* web_act.c: what a signed-in person does, in the caller's transaction. */
/* A vote on the item (article NULL) or an article; *receipt: its audit row. */
int	 web_vote(struct consult *, int64_t pid, const char *code, const char *article,
	    const char *choice, int64_t now, int64_t *receipt);	/* 0, 1 not open, -1 */
int	 web_comment(struct consult *, int64_t pid, const char *code,
	    const char *article, const char *text, int64_t now, int64_t *receipt);
	    /* 0, 1 not open, 2 unreadable text, -1 */
int	 web_sign(struct consult *, int64_t pid, const char *code, int64_t now,
	    int *already, int64_t *receipt);			/* 0, 1 not open, -1 */
int	 web_erase(struct consult *, int64_t pid, int64_t now);
int	 web_set_lang(struct consult *, int64_t pid, enum lang, int latin, int64_t now);

/* decision.c: "you said, we did". */
/* Publishes an outcome (adopted, changed, not_adopted) for an item or an article. */
int	 decision_add(struct consult *, const char *code, const char *article,
	    const char *outcome, const char *reason, const char *official, int64_t now,
	    char **cause);
struct decision_plan {
	int64_t	 recipients;		/* participants who have not opted out */
	int64_t	 segments;		/* SMS parts in all: the cost */
	int64_t	 send_at;		/* now, or 08:00 Ulaanbaatar after quiet hours */
};
/* Plans (send 0) or queues (send 1) the texts of an item's decision. 0 or -1. */
int	 decision_notify(struct consult *, const char *code, int send, int64_t now,
	    struct decision_plan *, char **cause);
int64_t	 decision_send_at(int64_t now);	/* no SMS from 22:00 to 08:00 */

/* official.c: officials (viewer, analyst, admin) and their API bearer tokens. */
enum official_role { ROLE_VIEWER, ROLE_ANALYST, ROLE_ADMIN };
#define OFFICIAL_PASSWORD_LEN	20	/* base32 characters: 100 random bits */
#define API_TOKEN_PREFIX		"sanal_"
#define API_TOKEN_LEN		(6 + 64)	/* "sanal_" and 256 random bits in hex */
const char *official_role_name(enum official_role);
int	 official_role_parse(const char *, enum official_role *);	/* 0 or -1 */
/*
 * Creates an official with a new random password, stored only as argon2id;
 * *password_out is the password, to be shown once (caller frees). Audited.
 * 0, or -1 with *cause (bad name or role, name taken, database).
 */
int	 official_add(struct consult *, const char *name, const char *role,
	    int64_t now, char **password_out, char **cause);
/*
 * A new bearer token for the official, stored only as its keyed hash;
 * *token_out is the token, to be shown once (caller frees); *id its row.
 * Audited. 0, or -1 with *cause.
 */
int	 token_add(struct consult *, const char *official, int64_t now,
	    char **token_out, int64_t *id, char **cause);
/* Revokes token id. Audited. 0, or -1 with *cause (no such token, revoked). */
int	 token_revoke(struct consult *, int64_t id, int64_t now, char **cause);
enum token_result { TOKEN_OK, TOKEN_MALFORMED, TOKEN_UNKNOWN, TOKEN_REVOKED,
	TOKEN_ERROR };
/*
 * Checks a bearer token, in the caller's transaction: the token is hashed
 * and the hash looked up, so no secret is compared byte by byte. OK: *role,
 * *official_id and official (64 bytes) set. A known token refused (revoked,
 * or its official disabled) is audited as "token_refused"; an unknown one is
 * not, so that guesses cannot fill the trail.
 */
enum token_result token_check(struct consult *, const char *bearer, int64_t now,
	    enum official_role *role, int64_t *official_id, char official[64]);

/* audit.c: the audit trail's hash chain, recomputed. */
struct audit_verdict {
	int64_t		 rows;			/* rows that check out, from the first */
	int64_t		 bad_id;		/* 0: the whole trail checks out */
	char		 what[64];		/* what happened to row bad_id */
	unsigned char	 head[HASH_LEN];	/* the last good row's hash */
	int64_t		 head_ts;
};
int	 audit_verify(struct consult *, struct audit_verdict *);	/* 0 or -1 (database) */

/* gazetteer.c: "Төв, Борнуур" for a soum or district code, "Төв" for an aimag's. */
void	 consult_place_name(const char *code, char *out, size_t len);

/* reply.c: replies in the participant's language and script. */
/* Caller frees. Rendered replies are cached: one thread only. */
char	*reply_render(enum lang, int latin, const char *key, const char *const *args,
	    size_t nargs);
void	 reply_cache_clear(void);

/* report.c */
struct report_row {
	char		 what[12];	/* support, oppose, signature, comment */
	char		 channel[8];
	char		 aimag[8];	/* "" when unknown */
	int64_t		 n;
};
struct report {
	char			 code[16];
	char			 kind[16];
	enum item_status	 status;
	int64_t			 opens, closes, threshold;
	int64_t			 support, oppose, signatures, comments;
	char			*doc;
	char			*title;		/* the Mongolian title, or NULL */
	struct report_row	*rows;
	size_t			 nrows;
};
/* 0, 1 if there is no such item, -1 on error. Free with report_free. */
int	 report_build(struct consult *, const char *code, int recount, struct report *);
void	 report_free(struct report *);
/*
 * Open data is public: a count from 1 to REPORT_SMALL - 1 in a breakdown (by
 * channel, by aimag, a CSV row) is written as "<5" (REPORTS.md 3.5); totals
 * stay exact.
 */
#define REPORT_SMALL		5
#define REPORT_SUPPRESSED	"<5"

/* report_json.c: the report as JSON, and the open data's descriptor. */
/*
 * The report as indented JSON, the DESIGN.md members first (code, kind, votes,
 * signatures, comments), then status, opens, closes, threshold (petitions),
 * title, by_channel and by_aimag. public: small breakdown counts suppressed
 * and a suppressed_below member added. Caller frees.
 */
char	*report_json(const struct report *, int public);
/*
 * The Frictionless Data Package descriptor of /open: each item's CODE.json
 * and CODE.csv (with the CSV's Table Schema). NULL on a database error.
 * Caller frees.
 */
char	*report_datapackage(struct consult *);

/* report_csv.c: the report's rows as CSV (RFC 4180, UTF-8, CRLF). */
struct buf;
struct report_csv_field {
	const char	*name;
	const char	*type;			/* a Table Schema type */
	const char	*description;
};
extern const struct report_csv_field report_csv_fields[];
extern const size_t report_csv_nfields;
/*
 * Appends s as one CSV field: quoted when it holds ',', '"', CR or LF, quotes
 * doubled; one that starts with '=', '+', '-', '@', TAB or CR gets a single
 * quote first, so that no spreadsheet runs it as a formula (OWASP).
 */
void	 report_csv_cell(struct buf *, const char *s);
#define REPORT_CSV_PUBLIC	0x1	/* small counts suppressed */
#define REPORT_CSV_BOM		0x2	/* a UTF-8 BOM first, for Excel */
/* A header row, then a row per tally row. *len: its bytes. Caller frees. */
char	*report_csv(const struct report *, int flags, size_t *len);

/* report_xlsx.c: the report as an Excel workbook (libxlsxwriter). */
/*
 * Writes path: worksheet "report" with report_csv's columns and rows (a bold
 * header, counts as numbers, text never a formula), worksheet "totals" with
 * the exact totals. public: breakdown counts from 1 to 4 as the string "<5".
 * 0, or -1 with *cause set (caller frees).
 */
int	 report_xlsx(const struct report *, int public, const char *path,
	    char **cause);

/* notify.c */
/* Queues text for every participant of item code who has not opted out. */
int	 notify_item(struct consult *, const char *code, const char *text,
	    int64_t *queued, char **cause);

#endif
