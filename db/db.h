/* SPDX-License-Identifier: ISC */
/*
 * db/: the only module that speaks SQLite. A struct db is one connection in WAL
 * mode with synchronous=FULL, prepared statements cached by the caller's SQL
 * text. Functions return 0 on success, DB_NONE when a row was not found,
 * DB_BUSY when another writer holds the lock, and -1 on any other error (the
 * message is in db_errmsg). Not thread-safe: one connection per thread.
 */
#ifndef SANAL_DB_H
#define SANAL_DB_H

#include <stddef.h>
#include <stdint.h>

#define DB_NONE	1
#define DB_BUSY	(-2)
#define DB_OTHER 2		/* found, but it belongs to someone else */
#define DB_HASH_LEN 32		/* keyed phone hashes */

struct db;

/* db.c */
/* Opens (create: also creates) the database and migrates it. Caller frees *cause. */
int	 db_open(const char *path, int create, struct db **out, char **cause);
void	 db_close(struct db *);
const char *db_errmsg(struct db *);
int	 db_begin(struct db *);			/* BEGIN IMMEDIATE; DB_BUSY if locked */
int	 db_commit(struct db *);		/* durable when it returns 0 */
int	 db_rollback(struct db *);
int	 db_savepoint(struct db *);
int	 db_release(struct db *);
int	 db_rollback_savepoint(struct db *);
int	 db_integrity_ok(struct db *);		/* 1 if PRAGMA integrity_check says ok */
int	 db_in_transaction(struct db *);	/* 1 inside BEGIN .. COMMIT */
int	 db_ping(struct db *);			/* 0 if the database answers */
int	 db_busy_timeout(struct db *, int ms);

/* db_item.c */
struct db_item {
	int64_t	 id;
	char	 code[16];
	char	 kind[16];		/* consultation, petition */
	char	 state[8];		/* auto, open, closed */
	int64_t	 opens, closes, threshold;
	char	*doc;			/* the file (JSON): only for db_item_insert */
};
int	 db_item_insert(struct db *, const struct db_item *, int64_t *id);
int	 db_article_insert(struct db *, int64_t item_id, const char *number, int pos);
int	 db_item_get(struct db *, const char *code, struct db_item *);
void	 db_item_clear(struct db_item *);
char	*db_item_doc(struct db *, int64_t id);	/* the file as loaded; Caller frees */
int	 db_item_set_state(struct db *, const char *code, const char *state);
int	 db_item_each(struct db *, int (*cb)(const struct db_item *, void *), void *);
int	 db_article_exists(struct db *, int64_t item_id, const char *number);

/* db_participant.c */
struct db_participant {
	int64_t	 id;
	char	 lang[4];
	char	 script[4];		/* cyr, lat */
	char	 aimag[8];		/* "" if unknown */
	char	 soum[8];
	int	 opted_out;
};
int	 db_participant_find(struct db *, const unsigned char *hash, size_t,
	    struct db_participant *);
int	 db_participant_insert(struct db *, const unsigned char *hash, size_t,
	    const unsigned char *enc, size_t, struct db_participant *, int64_t now);
int	 db_participant_update(struct db *, const struct db_participant *);
int	 db_participant_set_place(struct db *, int64_t id, const char *aimag,
	    const char *soum);
int	 db_participant_erase(struct db *, int64_t id, int64_t now);
int	 db_participant_counts(struct db *, int64_t id, int *votes, int *comments,
	    int *signatures);
int	 db_participant_phone(struct db *, int64_t id, unsigned char **enc, size_t *);

/* db_action.c: votes, signatures, comments and the audit trail, with running totals. */
/* Who acted, where they live ("" if unknown), by which channel, and when. */
struct db_actor {
	int64_t		 pid;
	const char	*aimag;
	const char	*channel;		/* sms, ussd, web */
	int64_t		 now;
};
/*
 * These change several rows (the vote and the running totals): call them inside
 * a transaction or savepoint and roll it back if one fails.
 * *previous is set to the replaced choice, or "" for a first vote.
 */
int	 db_vote_cast(struct db *, int64_t item_id, const struct db_actor *,
	    const char *choice, char previous[8]);
int	 db_sign(struct db *, int64_t item_id, const struct db_actor *, int *already);
/* What analytics/ made of a comment. */
struct db_comment {
	const char	*article;	/* or NULL for the whole item */
	const char	*raw;
	const char	*norm;		/* normalised Cyrillic */
	const char	*script;	/* cyr, lat, mixed, or NULL */
	const char	*stance;	/* NULL if unclassified */
	const char	*topic;
	double		 confidence;
	int		 review;
	uint64_t	 fingerprint;
};
/* Stores a comment; *id is its row id. */
int	 db_comment_add(struct db *, int64_t item_id, const struct db_actor *,
	    const struct db_comment *, int64_t *id);
/* Calls cb with up to limit comments not analysed yet, oldest first. */
int	 db_comment_pending(struct db *, int limit,
	    void (*cb)(int64_t id, const char *raw, const char *item_code, void *),
	    void *);
/* Stores what analysis made of comment id; campaign_id == id: its own. */
int	 db_comment_analysed(struct db *, int64_t id, const struct db_comment *,
	    int64_t campaign_id);
/* Calls cb with each analysed comment's id and fingerprint, oldest first. */
int	 db_comment_fingerprints(struct db *,
	    void (*cb)(int64_t id, uint64_t fp, void *), void *);
/* Calls cb with the normalised text of up to limit recent Cyrillic comments. */
int	 db_comment_cyrillic(struct db *, int limit,
	    void (*cb)(const char *norm, void *), void *);

int64_t	 db_tally_total(struct db *, int64_t item_id, const char *what);


/* db_mo.c: every inbound message, for idempotency and audit. */
struct db_mo {
	const char		*kannel_id;	/* or NULL */
	const unsigned char	*phone_hash;
	const unsigned char	*text_hash;	/* both 32 bytes */
	const char		*text;
	const char		*smsc;
	int64_t			 received;
	const char		*command;
	const char		*reply;
};
/*
 * The reply stored for Kannel's id from this phone (or from an erased one).
 * DB_OTHER if the id was used by another phone: never hand out their reply.
 */
int	 db_mo_find(struct db *, const char *kannel_id, const unsigned char *phash,
	    char **reply);
int	 db_mo_find_recent(struct db *, const unsigned char *phash,
	    const unsigned char *thash, int64_t since, char **reply);
int	 db_mo_insert(struct db *, const struct db_mo *);
int64_t	 db_mo_count(struct db *);
/* Unlinks a person's earlier messages from their phone hash (erasure). */
int	 db_mo_unlink(struct db *, const unsigned char *phash);

/* db_outbox.c: outgoing SMS, sent by the gateway, retried until done. */
struct db_outmsg {
	int64_t		 id;
	unsigned char	*phone_enc;
	size_t		 enc_len;
	char		*text;
	int		 attempts;
};
int	 db_outbox_add(struct db *, int64_t pid, const unsigned char *enc, size_t,
	    const char *text, const char *kind, int64_t now);
int	 db_outbox_due(struct db *, int64_t now, int64_t after_id, int limit,
	    void (*cb)(const struct db_outmsg *, void *), void *);
int	 db_outbox_sent(struct db *, int64_t id, int64_t now);
int	 db_outbox_retry(struct db *, int64_t id, int64_t next_at, const char *error);
int	 db_outbox_failed(struct db *, int64_t id, const char *error);
int	 db_outbox_dlr(struct db *, int64_t id, int status, int64_t now);
int64_t	 db_outbox_depth(struct db *);
int	 db_outbox_participants(struct db *, int64_t item_id,
	    int (*cb)(int64_t pid, const unsigned char *enc, size_t, void *), void *);

/* db_label.c: the review queue and officials' labels. */
struct db_labelled {
	int64_t		 id;		/* comment id */
	const char	*item_code;
	const char	*script;
	const char	*stance;
	const char	*topic;
	double		 confidence;
	const char	*text;
};
/* The review queue: flagged or campaign copies, not labelled yet; oldest first. */
int	 db_review_each(struct db *, int limit,
	    void (*cb)(const struct db_labelled *, void *), void *);
/* Every comment an official labelled, with the official's labels and raw text. */
int	 db_labels_each(struct db *, void (*cb)(const struct db_labelled *, void *),
	    void *);
/* Stores (or replaces) an official's labels; DB_NONE if no such comment. */
int	 db_label_set(struct db *, int64_t comment_id, const char *stance,
	    const char *topic, const char *official, int64_t now);

/* db_comments.c: comments for officials, filtered and paged. */
struct db_comment_query {
	int64_t		 item_id;	/* 0: every item */
	const char	*article;	/* NULL: any; "": on the item as a whole */
	const char	*stance, *topic;	/* an official's label, else the model's */
	const char	*aimag, *channel;	/* NULL: any */
	int64_t		 from, to;	/* ts in [from, to); to <= from: any time */
	int		 campaign;	/* -1 any, 0 not a copy, 1 in a campaign */
	int		 review;	/* 1: flagged or a copy, not labelled yet */
	int64_t		 offset;
	int		 limit;
};
struct db_comment_row {
	int64_t		 id, ts;
	const char	*code, *article, *channel, *aimag;	/* NULL if none */
	const char	*text;		/* as written */
	const char	*stance, *topic;	/* NULL if none */
	double		 confidence;	/* the model's; -1 if none */
	const char	*label_by;	/* NULL: not labelled by an official */
	int64_t		 label_ts;
	int64_t		 campaign_id;	/* its campaign's first comment, or 0 */
	int		 review;	/* in the review queue */
};
/* Calls cb with one page of q, newest first; *total: how many match in all. */
int	 db_comments_find(struct db *, const struct db_comment_query *q,
	    void (*cb)(const struct db_comment_row *, void *), void *, int64_t *total);
/* The code of comment id's item; DB_NONE if no such comment. */
int	 db_comment_item(struct db *, int64_t comment_id, char code[16]);

/* db_ussd.c: USSD sessions (one per phone), per-article votes, item texts. */
struct db_ussd {
	unsigned char	 hash[DB_HASH_LEN];	/* db_ussd_idle only */
	char		*session;
	char		*service;
	char		*seen;
	char		*stack;
	char		*draft;
	char		*reply;
	char		 screen[4];		/* the id of the screen in reply */
	int		 ended, timed_out, dialback;
	int64_t		 updated;
};
int	 db_ussd_get(struct db *, const unsigned char *hash, struct db_ussd *);
int	 db_ussd_put(struct db *, const unsigned char *hash, const struct db_ussd *);
void	 db_ussd_clear(struct db_ussd *);
int	 db_ussd_forget(struct db *, const unsigned char *hash);	/* erasure */
/* Sessions neither ended nor timed out, idle since before: hash, stack, service, dialback. */
int	 db_ussd_idle(struct db *, int64_t before, int limit, struct db_ussd **,
	    size_t *n);
int	 db_ussd_timed_out(struct db *, const unsigned char *hash, int dialback);
int	 db_article_vote(struct db *, int64_t item_id, const char *article,
	    const struct db_actor *, const char *choice);
/* The person's current vote ("support", "oppose") or "signed"; DB_NONE if none. */
int	 db_vote_get(struct db *, int64_t item_id, int64_t pid, char choice[8]);
/* A text member of the item's file in lang ("title", "mn"): *out, or DB_NONE. */
int	 db_item_text(struct db *, int64_t item_id, const char *field, const char *lang,
	    char **out);
/* Each article in file order: number, title and text in lang (else mn). */
int	 db_article_each(struct db *, int64_t item_id, const char *lang,
	    int (*cb)(const char *number, const char *title, const char *text, void *),
	    void *);
int64_t	 db_last_id(struct db *);		/* the rowid of the last INSERT */

/* db_audit.c: the audit trail, each row hashed with the one before. */
typedef void	 db_hasher(const char *text, unsigned char out[DB_HASH_LEN]);
void	 db_set_hasher(struct db *, db_hasher *);	/* consult_open sets it */
int	 db_audit(struct db *, int64_t now, const unsigned char *who, size_t,
	    const char *action, const char *item_code, const char *detail,
	    const char *channel);
/* Erasure: replaces who in the audit trail by a pseudonym (rows stay linked). */
int	 db_audit_pseudonymise(struct db *, const unsigned char *who, size_t,
	    const unsigned char *pseudonym);
struct db_audit_row {
	int64_t		 id, ts;
	const char	*action, *item_code, *detail, *channel;
};
/* The hash a row must carry after the row with hash prev (NULL: the first). */
void	 db_audit_hash(struct db *, const struct db_audit_row *, const unsigned char *prev,
	    unsigned char out[DB_HASH_LEN]);
/* Every row in order, with the hash it carries (len 0 if none); cb != 0 stops. */
int	 db_audit_each(struct db *, int (*cb)(const struct db_audit_row *,
	    const unsigned char *hash, size_t len, void *), void *);
/* Hashes the rows written before the chain (migration 4), once per database. */
int	 db_audit_chain_start(struct db *);
/* Keeps the head as the day's published head, unless the day has one. */
int	 db_audit_head_keep(struct db *, const char *day, int64_t now);
/* Every day's published head, oldest first. */
int	 db_audit_heads(struct db *, void (*cb)(const char *day, int64_t row,
	    const unsigned char *hash, size_t len, void *), void *);

/* db_web.c: sign-in codes, web sessions, and what the pages show. */
struct db_code_counts {
	int	 phone_hour, phone_day;	/* codes sent to the number */
	int	 ip_hour, ip_day;	/* codes asked for from the address */
	int64_t	 last;			/* when the number's last code was sent */
};
int	 db_code_counts(struct db *, const unsigned char *phone_hash,
	    const unsigned char *ip_hash, int64_t now, struct db_code_counts *);
struct db_code {
	/* db_code_insert */
	const unsigned char	*phone_hash, *phone_enc, *cookie_hash, *ip_hash,
				*code_hash;
	size_t			 enc_len;
	const char		*masked, *return_to;
	int64_t			 created, expires, outbox_id;
	int64_t			 official_id;	/* both: an official's sign-in; 0: a citizen's */
	/* db_code_live */
	int64_t			 id;
	unsigned char		 phash[DB_HASH_LEN], chash[DB_HASH_LEN];
	unsigned char		*enc;
	char			 masked_buf[24];
	char			*return_to_buf;
	int			 tries;
};
/* Stores a code sent, voiding the number's earlier ones. */
int	 db_code_insert(struct db *, const struct db_code *);
/* The newest code this browser asked for, unused and unexpired; DB_NONE if none. */
int	 db_code_live(struct db *, const unsigned char *cookie_hash, int64_t now,
	    struct db_code *);
void	 db_code_clear(struct db_code *);
int	 db_code_tried(struct db *, int64_t id, int used);	/* one more try */
/* A code used to sign pid in (0: an official): its sealed number goes, its SMS joins pid's. */
int	 db_code_signed_in(struct db *, const struct db_code *, int64_t pid);
/* Erasure (phone_hash), or codes older than before and their sent SMS' texts. */
int	 db_code_forget(struct db *, const unsigned char *phone_hash, int64_t before);
/* 1 if audit row id is who's, on item code: a receipt a person may be shown. */
int	 db_audit_mine(struct db *, int64_t id, const unsigned char *who, const char *code);
/*
 * Web sessions by the token's keyed hash: a citizen's (owner: participant id)
 * or an official's (owner: official id).
 */
enum db_session_kind {
	DB_SESSION_WEB,
	DB_SESSION_ADMIN
};
int	 db_session_insert(struct db *, enum db_session_kind,
	    const unsigned char *token_hash, int64_t owner, int64_t now);
int	 db_session_get(struct db *, enum db_session_kind,
	    const unsigned char *token_hash, int64_t *owner, int64_t *created,
	    int64_t *seen);
int	 db_session_touch(struct db *, enum db_session_kind,
	    const unsigned char *token_hash, int64_t now);
/* One session (token_hash), or all of an owner's (token_hash NULL). */
int	 db_session_delete(struct db *, enum db_session_kind,
	    const unsigned char *token_hash, int64_t owner);
int	 db_article_counts(struct db *, int64_t item_id,
	    void (*cb)(const char *article, int64_t support, int64_t oppose,
	    int64_t comments, void *), void *);
/* Comments on an article ("" or NULL: on the whole item), newest first. */
int	 db_comment_page(struct db *, int64_t item_id, const char *article, int offset,
	    int limit, void (*cb)(int64_t id, const char *text, int64_t ts,
	    const char *channel, void *), void *);
/* Everything a person did: votes, article votes, signatures, comments. */
int	 db_person_record(struct db *, int64_t pid,
	    void (*cb)(const char *what, const char *code, const char *article,
	    const char *value, const char *channel, int64_t ts, void *), void *);

/* db_decision.c: outcomes published, and who is told. */
int	 db_decision_set(struct db *, int64_t item_id, const char *article,
	    const char *outcome, const char *reason, const char *official, int64_t now);
int	 db_decision_each(struct db *, int64_t item_id,
	    void (*cb)(const char *article, const char *outcome, const char *reason,
	    int64_t ts, void *), void *);
int	 db_decision_rows(struct db *, int64_t item_id,
	    void (*cb)(const char *article, const char *outcome, const char *reason,
	    const char *official, int64_t ts, void *), void *);
struct db_recipient {
	int64_t			 pid;
	const unsigned char	*enc;
	size_t			 enc_len;
	char			 aimag[8], lang[4], script[4];
};
/* Participants of the item who have not opted out; cb != 0 stops (-1). */
int	 db_decision_recipients(struct db *, int64_t item_id,
	    int (*cb)(const struct db_recipient *, void *), void *);
/* An outbox message due at next_at (not before): quiet hours. */
int	 db_outbox_add_at(struct db *, int64_t pid, const unsigned char *enc, size_t,
	    const char *text, const char *kind, int64_t now, int64_t next_at);

/* db_report.c */
int	 db_tally_each(struct db *, int64_t item_id,
	    void (*cb)(const char *what, const char *channel, const char *aimag,
	    int64_t n, void *), void *);
int	 db_recount_each(struct db *, int64_t item_id,
	    void (*cb)(const char *what, const char *channel, const char *aimag,
	    int64_t n, void *), void *);
/*
 * The report's sections, from the running totals (recount 0) or from the
 * rows (recount 1); soums always come from the rows.
 */
int	 db_report_participants(struct db *, int64_t item_id, int recount, int64_t *);
/* Current article votes, per article voted on. */
int	 db_report_articles(struct db *, int64_t item_id, int recount,
	    void (*cb)(const char *article, int64_t support, int64_t oppose, void *),
	    void *);
/* Comments by article ("" the item), stance and topic ("" none): a label wins. */
struct db_report_cell {
	const char	*article, *stance, *topic;
	int64_t		 n, human, campaign;	/* all, labelled, campaign copies */
};
int	 db_report_cells(struct db *, int64_t item_id, int recount,
	    void (*cb)(const struct db_report_cell *, void *), void *);
/* Per day in Ulaanbaatar (YYYY-MM-DD), oldest first; votes by the day last cast. */
int	 db_report_days(struct db *, int64_t item_id, int recount,
	    void (*cb)(const char *day, int64_t votes, int64_t comments,
	    int64_t signatures, void *), void *);
/* Campaigns with copies on the item, biggest first. */
struct db_campaign {
	int64_t		 id;		/* the first comment */
	int64_t		 n;		/* the item's comments in it */
	int64_t		 first, last;
	int		 channels;	/* sms 1, ussd 2, web 4 */
	int64_t		 aimags;
	const char	*text;		/* the first comment's, raw */
};
int	 db_report_campaigns(struct db *, int64_t item_id, int recount,
	    void (*cb)(const struct db_campaign *, void *), void *);
/* As db_recount_each by soum (the participant's soum code in aimag). */
int	 db_report_soums(struct db *, int64_t item_id,
	    void (*cb)(const char *what, const char *channel, const char *soum,
	    int64_t n, void *), void *);
/* A fact about the database: 0 and out, DB_NONE, -1. value NULL deletes. */
int	 db_meta_get(struct db *, const char *key, char *out, size_t len);
int	 db_meta_set(struct db *, const char *key, const char *value);

/* db_quote.c: representative comments (a label's stance and topic win). */
#define QUOTE_MIN_CHARS	20	/* a candidate says at least this much */
struct db_quote {
	int64_t		 comment_id;
	const char	*article, *aimag, *channel, *stance, *topic;	/* "" none */
	double		 confidence;	/* the model's; 1 if labelled */
	int64_t		 ts;
	const char	*text;		/* approved: as approved; else raw */
	const char	*official;	/* who approved, or NULL */
	int		 approved;
};
/* The item's approved quotes (their authors not erased), by stance and topic. */
int	 db_quote_each(struct db *, int64_t item_id,
	    void (*cb)(const struct db_quote *, void *), void *);
/*
 * The candidates, unordered, some twice: approved quotes, labelled comments,
 * and up to pool of the most confident others per stance and topic.
 */
int	 db_quote_candidates(struct db *, int64_t item_id, int pool,
	    void (*cb)(const struct db_quote *, void *), void *);
/* A comment's raw text (Caller frees) and item code; DB_NONE if none or erased. */
int	 db_quote_comment(struct db *, int64_t comment_id, char **text, char code[16]);
int	 db_quote_set(struct db *, int64_t comment_id, const char *text,
	    const char *official, int64_t now);
int	 db_quote_delete(struct db *, int64_t comment_id);	/* DB_NONE if none */

/* db_official.c: officials and their API tokens (never a password or token in clear). */
struct db_official {
	int64_t	 id;
	char	 name[64];
	char	 role[8];		/* viewer, analyst, admin */
	int	 disabled;
	int64_t	 created;
	unsigned char	 phone_enc[80];	/* the phone for sign-in codes, sealed */
	size_t		 phone_len;	/* 0: no phone */
};
int	 db_official_insert(struct db *, const char *name, const char *role,
	    const char *password_hash, int64_t now, int64_t *id);
int	 db_official_get(struct db *, const char *name, struct db_official *);
int	 db_official_by_id(struct db *, int64_t id, struct db_official *);
/* The phone (keyed hash, sealed) sign-in codes go to. */
int	 db_official_phone_set(struct db *, int64_t id, const unsigned char *hash,
	    const unsigned char *enc, size_t len);
int	 db_official_disable(struct db *, int64_t id, int disabled);
/* A refused password: counted by the name's and the address's keyed hashes. */
int	 db_admin_attempt_add(struct db *, const unsigned char *name_hash,
	    const unsigned char *ip_hash, int64_t now);
/* Refusals since since, of the name and of the address (rows before a day go). */
int	 db_admin_attempt_count(struct db *, const unsigned char *name_hash,
	    const unsigned char *ip_hash, int64_t since, int *by_name, int *by_ip);
/* The argon2id string of name's password: *hash (Caller frees), or DB_NONE. */
int	 db_official_password(struct db *, const char *name, char **hash);
int	 db_official_each(struct db *, void (*cb)(const struct db_official *, void *),
	    void *);
struct db_token {
	int64_t	 id, official_id;
	char	 official[64];
	char	 role[8];
	int	 disabled;		/* the official's */
	int64_t	 created;
	int64_t	 revoked;		/* 0 if not */
};
int	 db_token_insert(struct db *, int64_t official_id, const unsigned char *hash,
	    size_t, int64_t now, int64_t *id);
/* The token whose keyed hash this is, revoked or not; DB_NONE if none. */
int	 db_token_find(struct db *, const unsigned char *hash, size_t, struct db_token *);
int	 db_token_get(struct db *, int64_t id, struct db_token *);
/* DB_NONE if no such token, or it was revoked already. */
int	 db_token_revoke(struct db *, int64_t id, int64_t now);
int	 db_token_each(struct db *, void (*cb)(const struct db_token *, void *), void *);

#endif
