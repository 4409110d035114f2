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
void	 web_mask(const char *e164, char out[24]);	/* "99** **33" */
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
	int64_t	 sent;			/* when they were last queued, or 0 */
	int	 unchanged;		/* the whole item's decision is the one they told */
};
#define decision_sent(p)	((p)->sent != 0 && (p)->unchanged)
/*
 * Plans (send 0) or queues (send 1) the texts of an item's decision. 0 or -1;
 * a send is refused while the whole item's outcome and reason are the ones
 * the last send told.
 */
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
	    const char *phone, int64_t now, char **password_out, char **cause);
/* The phone an official's sign-in codes go to (Mongolian only). Audited. */
int	 official_phone(struct consult *, const char *name, const char *phone,
	    int64_t now, char **cause);
/* An official may no longer sign in nor use tokens (disabled 0: again). Audited. */
int	 official_disable(struct consult *, const char *name, int disabled, int64_t now,
	    char **cause);
/* "99** **33" of a sealed phone (an official's), or "" if len is 0 or it will not open. */
void	 official_phone_masked(struct consult *, const unsigned char *enc, size_t len,
	    char out[24]);
/*
 * Signing in at /admin, step one: the name and password (argon2id). Read
 * only, outside any transaction (the hash takes some 50 ms). An unknown name,
 * a disabled official, a wrong password and an official without a phone all
 * get LOGIN_WRONG after the same work; LOGIN_LIMIT when the name or the
 * address had 5 or 20 refusals in 15 minutes, the checks made and not yet
 * settled counted in; LOGIN_BUSY, unchecked, when 8 checks wait to be
 * settled; LOGIN_ERROR before official_init(). A check holds its place until
 * official_release(), which the caller calls when its transaction has ended,
 * committed or not.
 */
enum official_login { LOGIN_OK, LOGIN_WRONG, LOGIN_LIMIT, LOGIN_ERROR, LOGIN_BUSY };
struct official_attempt {
	const char	*name, *password;
	const char	*ip;		/* the client's address */
	int64_t		 now;
	int64_t		 official_id;	/* LOGIN_OK */
	char		 phone[PHONE_MAX];	/* LOGIN_OK: for the code (wipe it) */
	const char	*why;		/* else: what the audit trail says */
	int		 check;		/* its place among the checks in flight */
};
/* The dummy argon2id string an unknown name is checked against: at start. */
int	 official_init(char **cause);				/* 0 or -1 */
enum official_login official_password(struct consult *, struct official_attempt *);
/*
 * Step one settled in the caller's transaction, the counts read again: past
 * a limit *res becomes LOGIN_LIMIT (a LOGIN_OK too: no code then); a refusal
 * is counted and audited, past a limit only the first. 0 or -1.
 */
int	 official_settle(struct consult *, struct official_attempt *,
	    enum official_login *res);
void	 official_release(struct official_attempt *);
/*
 * Step two (consult/web.c): the SMS code to rq->phone, the official's, under
 * the citizens' rules (web_code_send); its page and check, and the session
 * (15 minutes idle, 8 hours at most), in the caller's transaction.
 */
enum code_result web_official_send(struct consult *, const struct code_req *,
	    int64_t official_id, int *wait);
int	 web_official_pending(struct consult *, const char *browser, int64_t now,
	    char masked[24]);
enum verify_result web_official_check(struct consult *, const char *browser,
	    const char *code, int64_t now, char token[WEB_TOKEN_LEN + 1],
	    char **return_to);
struct official_user {
	int64_t			 id;
	char			 name[64];
	enum official_role	 role;
	int			 stale;		/* seen a minute ago: touch the session */
};
/* The official of an /admin session token: 0, or DB_NONE (none, expired, disabled). */
int	 web_official_session(struct consult *, const char *token, int64_t now,
	    struct official_user *);
int	 web_official_touch(struct consult *, const char *token, int64_t now);
/* Ends the session (audited when it was one). */
int	 web_official_sign_out(struct consult *, const char *token, int64_t now);
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
struct report_article;
struct report_day;
struct report_topic;
struct report_campaign;
struct report_quote;
struct report_decision {
	char		 article[16];	/* "" for the whole item */
	char		 outcome[16];	/* adopted, changed, not_adopted */
	char		*reason;
	int64_t		 ts;
};
struct report_methods {
	double		 macro_f1;	/* cross-validated, of the model used; < 0: unknown */
	double		 topic_macro_f1;	/* the same for topics; < 0: unknown */
	int64_t		 f1_rows;	/* the rows it was measured on; < 0: unknown */
	int64_t		 unclassified;	/* comments without a stance yet */
	int64_t		 human;		/* comments labelled by an official */
	int64_t		 campaign_copies;	/* comments beyond the first of each campaign */
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
	/* REPORTS.md 3.2, all from running totals but soums and campaigns */
	int64_t			 asof;		/* when built */
	int64_t			 participants;	/* people who did anything on it */
	struct report_article	*articles;	/* busiest first */
	size_t			 narticles;
	struct report_day	*days;		/* oldest first */
	size_t			 ndays;
	struct report_topic	*topics;	/* stance × topic cells with comments */
	size_t			 ntopics;
	struct report_campaign	*campaigns;	/* biggest first */
	size_t			 ncampaigns;
	struct report_quote	*quotes;	/* approved by an analyst only */
	size_t			 nquotes;
	struct report_row	*soums;		/* REPORT_SOUMS: aimag holds the soum code */
	size_t			 nsoums;
	struct report_methods	 methods;
	struct report_decision	*decisions;	/* report_decisions: "you said, we did" */
	size_t			 ndecisions;
};
/* Comment stances, in this order wherever a report counts by stance. */
#define REPORT_NSTANCE		5
extern const char *const report_stance[REPORT_NSTANCE];	/* support oppose amend question other */
struct report_article {
	char		 number[16];
	char		*title;		/* Mongolian, or NULL */
	int64_t		 support, oppose;	/* current votes on the article */
	int64_t		 comments;
	int64_t		 by_stance[REPORT_NSTANCE];	/* comments; a label wins over the model */
	char		 topic[2][24];	/* its two commonest comment topics, or "" */
	int		 contested;	/* support within 40–60 % of at least 30 votes */
};
struct report_day {
	char		 day[11];	/* YYYY-MM-DD, Asia/Ulaanbaatar */
	int64_t		 votes;		/* current votes, by the day each was last cast */
	int64_t		 comments, signatures;
};
struct report_topic {
	char		 stance[12], topic[24];
	int64_t		 n;		/* comments */
	int64_t		 human;		/* of them labelled by an official */
	int64_t		 campaign;	/* of them copies in a campaign (not its first) */
};
struct report_campaign {
	int64_t		 id;		/* its first comment */
	int64_t		 n;		/* comments in it, the first one included */
	char		*text;		/* the first one's text, scrubbed */
	int64_t		 first, last;	/* seen */
	char		 channels[24];	/* "sms,ussd,web" as seen */
	int64_t		 aimags;	/* how many aimags it came from */
};
struct report_quote {
	int64_t		 comment_id;
	char		 article[16], aimag[8], channel[8], stance[12], topic[24];
	int64_t		 ts;
	char		*text;		/* as approved: scrubbed of personal data */
	char		 approved_by[64];
};
#define REPORT_RECOUNT		0x1	/* from the rows, not the running totals (checks) */
#define REPORT_SOUMS		0x2	/* also by soum (counted from the rows: slower) */
#define REPORT_CONTESTED_MIN	30	/* votes before an article can be "contested" */
/* 0, 1 if there is no such item, -1 on error. Free with report_free. */
int	 report_build(struct consult *, const char *code, int flags, struct report *);
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
 * title, by_channel and by_aimag, then each section of REPORTS.md 3.2 (as_of,
 * participants, by_article, by_soum, by_day, topics, campaigns,
 * totals_without_campaigns, quotes, methods, decisions). public: small
 * breakdown counts suppressed, small campaigns left out, a suppressed_below
 * member added. Caller frees.
 */
char	*report_json(const struct report *, int public);
/* The item's title in lang ("mn", "en", "kk") from its file, else the Mongolian
   one; NULL if neither. Caller frees. */
char	*report_title_in(const struct report *, const char *lang);
/*
 * The Frictionless Data Package descriptor of /open: each item's CODE.json,
 * CODE.csv and CODE-SECTION.csv (each CSV with its Table Schema). NULL on a
 * database error. Caller frees.
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
/* One file per breakdown (REPORTS.md 3.3): articles, days, topics, ... */
struct report_csv_section {
	const char			*name;		/* open data: CODE-name.csv */
	const char			*title;
	const struct report_csv_field	*fields;
	size_t				 nfields;
};
extern const struct report_csv_section report_csv_sections[];
extern const size_t report_csv_nsections;
/* 1 if open data publishes section name (/open/CODE-name.csv): all but soums. */
int	 report_open_section(const char *name);
/* Section name's header and rows; NULL if there is no such section. Caller frees. */
char	*report_csv_section(const struct report *, const char *name, int flags,
	    size_t *len);

/* report_xlsx.c: the report as an Excel workbook (libxlsxwriter). */
/*
 * Writes path: worksheet "report" with report_csv's columns and rows (a bold
 * header, counts as numbers, text never a formula), worksheet "totals" with
 * the exact totals, a worksheet per section with report_csv_section's cells,
 * and "methods". public: breakdown counts from 1 to 4 as the string "<5".
 * 0, or -1 with *cause set (caller frees).
 */
int	 report_xlsx(const struct report *, int public, const char *path,
	    char **cause);

/* report_html.c: the report for people (sanalctl --format html, /admin). */
#define REPORT_HTML_PUBLIC	0x1	/* small counts suppressed */
#define REPORT_HTML_DOCUMENT	0x2	/* a whole page with its print style, else a fragment */
/*
 * In lang (headings from the bundles, r_* keys), every section of REPORTS.md
 * 3.2 in order (header, headline, by article, by aimag, by soum when built,
 * over time, topics × stance, campaigns, representative comments, methods
 * and caveats), each chart beside its
 * table; every text escaped. cell_link, when not NULL, makes each stance ×
 * topic count a link to the comments behind it (the link's href, escaped by
 * the caller's rules: it receives stance and topic). Caller frees.
 */
char	*report_html(const struct report *, enum lang, int flags,
	    void (*cell_link)(struct buf *, const char *stance, const char *topic, void *),
	    void *arg);
/* report_text.c: the report for a terminal, every section. Caller frees. */
char	*report_text(const struct report *);
/* The report's style, all under .report (print: A4, heads repeat, a page a
   section), for a page shell that shows the fragment. */
extern const char report_html_css[];

/* report_fmt.c: what every rendering of a report shares (no locale, no I/O). */
int	 report_small(int64_t n, int public);	/* 1: n is 1 to REPORT_SMALL - 1 */
void	 report_count(char out[24], int64_t n, int public);	/* "12", or "<5" */
/* part of whole in percent with one decimal, "62.5"; "" if whole is 0. */
void	 report_percent(char out[16], int64_t part, int64_t whole);
/* part of whole in thousandths, rounded; -1 if whole is 0. */
int64_t	 report_permille(int64_t part, int64_t whole);
/* part of whole to three decimals, "0.625"; "" if whole is 0. */
void	 report_fraction(char out[16], int64_t part, int64_t whole);
void	 report_iso(int64_t ts, char out[32]);	/* "2026-12-01T12:00:00+08:00" */
int64_t	 report_without_campaigns(const struct report *);	/* comments less copies */
/* Whether campaign i is shown: public outputs leave out those under REPORT_SMALL. */
int	 report_campaign_shown(const struct report *, size_t i, int public);
/*
 * The methods and caveats (REPORTS.md 3.2 §9), one sentence each, in lang
 * from the bundles (r_m_* keys; msg_init first). *n set. Free each and the array.
 */
char	**report_methods_text(const struct report *, enum lang, int public, size_t *n);

/* quote.c: representative comments, published once an analyst approves. */
struct quote_candidate {
	int64_t		 comment_id;
	char		 article[16], aimag[8], channel[8], stance[12], topic[24];
	double		 confidence;
	int64_t		 ts;
	char		*text;		/* scrubbed */
	int		 approved;
};
/*
 * Up to per comments of item code for each stance × topic, chosen by rule
 * (REPORTS.md 3.2 §8: the most confident, not campaign copies, spread over
 * aimags and channels), approved ones first. 0, 1 no such item, -1.
 */
int	 quote_candidates(struct consult *, const char *code, int per,
	    struct quote_candidate **, size_t *n);
void	 quote_candidates_free(struct quote_candidate *, size_t);
/* Approves comment id as a quote with text (NULL: its scrubbed text). Audited. */
int	 quote_approve(struct consult *, int64_t comment_id, const char *text,
	    const char *official, int64_t now, char **cause);	/* 0 or -1 */
int	 quote_withdraw(struct consult *, int64_t comment_id, const char *official,
	    int64_t now, char **cause);			/* 0 or -1 */
/* text with phone numbers, e-mail addresses and long digit runs replaced. Caller frees. */
char	*quote_scrub(const char *text);

/* comments.c: comments for officials: the browser, the review queue, labels. */
struct comment_filter {
	const char	*code;		/* the item, or NULL: every item */
	const char	*article, *stance, *topic, *aimag, *channel;	/* NULL: any */
	const char	*day;		/* YYYY-MM-DD in Ulaanbaatar, or NULL */
	int		 campaign;	/* -1 any, 0 not a campaign copy, 1 in a campaign */
	int		 review;	/* 1: the review queue (flagged, not yet labelled) */
	int		 page;		/* from 1 */
	int		 per_page;	/* 1–100 */
};
struct comment_view {
	int64_t		 id;
	char		 code[16], article[16], channel[8], aimag[8];
	int64_t		 ts;
	char		*text;		/* as written, phone numbers and e-mails scrubbed */
	char		 stance[12], topic[24];	/* the label if any, else the model's; "" */
	double		 confidence;	/* the model's; < 0 none */
	int		 human;		/* stance and topic set by an official */
	char		 label_by[64];
	int64_t		 label_ts;
	int64_t		 campaign_id;	/* 0: none */
	int		 review;	/* 1: in the review queue */
};
/*
 * Checks f's values: 0, or -1 with *cause saying which is wrong (caller
 * frees): an item code that is not 1–6 digits, an unknown stance, topic or
 * channel, an aimag that is not an aimag's code ("67"), a day that is not
 * YYYY-MM-DD, campaign not -1/0/1, page < 1, per_page not 1–100. A string
 * filter NULL or "" means any; article "-" means the item as a whole.
 */
int	 comment_filter_check(const struct comment_filter *, char **cause);
/*
 * One page of the comments matching f, newest first (by id); *total: all
 * that match. *out: n views (caller frees with comments_free); an unknown
 * item matches nothing. -1 on a bad filter (see comment_filter_check) or a
 * database error.
 */
int	 comments_find(struct consult *, const struct comment_filter *,
	    struct comment_view **, size_t *n, int64_t *total);	/* 0 or -1 */
void	 comments_free(struct comment_view *, size_t);
/*
 * An official's stance and topic for a comment: stored with who and when,
 * audited ("label", the official as channel), out of the review queue. In
 * the caller's transaction if one is open (in a savepoint), else in its own.
 * 0, or -1 with *cause (caller frees): bad stance or topic, no such comment,
 * database.
 */
int	 comment_label(struct consult *, int64_t comment_id, const char *stance,
	    const char *topic, const char *official, int64_t now, char **cause);

/* notify.c */
/* Queues text for every participant of item code who has not opted out. */
int	 notify_item(struct consult *, const char *code, const char *text,
	    int64_t *queued, char **cause);

#endif
