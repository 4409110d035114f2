/* SPDX-License-Identifier: ISC */
/*
 * One inbound message from start to reply: recognise a repeat, parse the
 * command, run its handler against the database, record the message with its
 * reply. The handlers are a table, one row per command kind.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "consult_int.h"
#include "smscmd.h"

#define TEXT_MAX	1000	/* characters in one message; longer gets too_long */

/* Everything a command handler needs, and what it answers. */
struct apply_ctx {
	struct consult		*c;
	const struct inbound	*in;
	struct smscmd		 cmd;
	struct participant	 p;
	struct db_item		 item;
	const char		*key;		/* the reply's message key */
	const char		*args[4];
	size_t			 nargs;
	char			 buf[2][64];	/* storage for formatted arguments */
};

/* Sets the reply key and arguments. */
static int
apply_say(struct apply_ctx *x, const char *key, const char *a0, const char *a1)
{
	x->key = key;
	x->nargs = 0;
	if (a0 != NULL)
		x->args[x->nargs++] = a0;
	if (a1 != NULL)
		x->args[x->nargs++] = a1;
	return 0;
}

/* Appends to the audit trail as this participant. */
static int
apply_audit(struct apply_ctx *x, const char *action, const char *detail)
{
	return db_audit(x->c->db, x->in->now, x->p.hash, HASH_LEN, action,
	    x->cmd.code[0] ? x->cmd.code : NULL, detail, x->in->channel);
}

/* The actor for db_action: the stored participant, where they live, now. */
static struct db_actor
apply_actor(struct apply_ctx *x)
{
	struct db_actor	a = { x->p.row.id, x->p.row.aimag, x->in->channel, x->in->now };

	return a;
}

/*
 * Loads the item the command names and checks it is open. Returns 0 to go on;
 * 1 when the reply is already decided (unknown, not yet open, closed); -1 on error.
 */
static int
apply_item_open(struct apply_ctx *x)
{
	int	rc = db_item_get(x->c->db, x->cmd.code, &x->item);

	if (rc == DB_NONE)
		return 1 + apply_say(x, "item_unknown", x->cmd.code, NULL);
	if (rc != 0)
		return -1;
	switch (item_status_at(x->item.state, x->item.opens, x->item.closes, x->in->now)) {
	case ITEM_NOT_YET:
		return 1 + apply_say(x, "item_not_yet", x->cmd.code, NULL);
	case ITEM_CLOSED:
		return 1 + apply_say(x, "item_closed", x->cmd.code, NULL);
	case ITEM_OPEN:
		break;
	}
	return participant_store(x->c, &x->p, x->in->now);
}

/* Signs a petition: once per person, the reply says how many have signed. */
static int
apply_sign(struct apply_ctx *x)
{
	struct db_actor	a = apply_actor(x);
	int		already;

	if (x->cmd.choice == SMSCMD_OPPOSE)
		return apply_say(x, "petition_no_oppose", x->cmd.code, NULL);
	if (db_sign(x->c->db, x->item.id, &a, &already) != 0)
		return -1;
	if (already)
		return apply_say(x, "sign_again", x->cmd.code, NULL);
	if (apply_audit(x, "sign", NULL) != 0)
		return -1;
	snprintf(x->buf[0], sizeof x->buf[0], "%lld",
	    (long long)db_tally_total(x->c->db, x->item.id, "signature"));
	return apply_say(x, "sign_ok", x->cmd.code, x->buf[0]);
}

static int
apply_vote(struct apply_ctx *x)
{
	struct db_actor	 a;
	const char	*choice;
	char		 previous[8];
	int		 rc;

	if ((rc = apply_item_open(x)) != 0)
		return rc < 0 ? -1 : 0;
	if (strcmp(x->item.kind, "petition") == 0)
		return apply_sign(x);
	a = apply_actor(x);
	choice = x->cmd.choice == SMSCMD_SUPPORT ? "support" : "oppose";
	if (db_vote_cast(x->c->db, x->item.id, &a, choice, previous) != 0)
		return -1;
	snprintf(x->buf[0], sizeof x->buf[0], "%s%s%s", choice,
	    previous[0] ? " was " : "", previous);
	if (apply_audit(x, "vote", x->buf[0]) != 0)
		return -1;
	return apply_say(x, x->cmd.choice == SMSCMD_SUPPORT ? "vote_support" :
	    "vote_oppose", x->cmd.code, NULL);
}

/*
 * Stores the comment, raw and normalised; sanalctl analyse transliterates,
 * classifies and groups it later, off the path that answers the citizen.
 * 1 if the text cannot be normalised.
 */
static int
apply_comment_store(struct apply_ctx *x)
{
	static const char *const scripts[] = { NULL, "cyr", "lat", "mixed" };
	struct db_comment	 cm;
	struct db_actor		 a = apply_actor(x);
	int64_t			 id;
	char			*norm;
	int			 rc;

	if ((norm = normalise_text(x->cmd.text)) == NULL)
		return 1;
	memset(&cm, 0, sizeof cm);
	cm.article = x->cmd.article;
	cm.raw = x->cmd.text;
	cm.norm = norm;
	cm.script = scripts[script_detect(x->cmd.text)];
	rc = db_comment_add(x->c->db, x->item.id, &a, &cm, &id);
	free(norm);
	return rc != 0 ? -1 : 0;
}

static int
apply_comment(struct apply_ctx *x)
{
	int	rc;

	if ((rc = apply_item_open(x)) != 0)
		return rc < 0 ? -1 : 0;
	if (x->cmd.article[0] != '\0' &&
	    (rc = db_article_exists(x->c->db, x->item.id, x->cmd.article)) != 1)
		return rc < 0 ? -1 : apply_say(x, "article_unknown", x->cmd.code,
		    x->cmd.article);
	if ((rc = apply_comment_store(x)) > 0)
		return apply_say(x, "bad_text", NULL, NULL);
	if (rc != 0 || apply_audit(x, "comment", x->cmd.article[0] ? x->cmd.article : NULL))
		return -1;
	if (x->cmd.article[0] != '\0')
		return apply_say(x, "comment_article_ok", x->cmd.code, x->cmd.article);
	return apply_say(x, "comment_ok", x->cmd.code, NULL);
}

static int
apply_item(struct apply_ctx *x)
{
	int	rc = db_item_get(x->c->db, x->cmd.code, &x->item);

	if (rc == DB_NONE)
		return apply_say(x, "item_unknown", x->cmd.code, NULL);
	return rc == 0 ? apply_say(x, "item_usage", x->cmd.code, NULL) : -1;
}

/* Collects the codes of open items into buf[1], as many as fit. */
static int
apply_list_cb(const struct db_item *it, void *arg)
{
	struct apply_ctx	*x = arg;
	size_t			 len = strlen(x->buf[1]);

	if (item_status_at(it->state, it->opens, it->closes, x->in->now) != ITEM_OPEN)
		return 0;
	if (len + strlen(it->code) + 2 > 24)
		return 1;
	snprintf(x->buf[1] + len, sizeof x->buf[1] - len, "%s%s", len ? ", " : "",
	    it->code);
	return 0;
}

static int
apply_list(struct apply_ctx *x)
{
	x->buf[1][0] = '\0';
	if (db_item_each(x->c->db, apply_list_cb, x) != 0)
		return -1;
	if (x->buf[1][0] == '\0')
		return apply_say(x, "list_empty", NULL, NULL);
	return apply_say(x, "list", x->buf[1], NULL);
}

static int
apply_register(struct apply_ctx *x)
{
	struct place	pl;

	if (x->cmd.text == NULL || gazetteer_find(x->cmd.text, &pl) < 0)
		return apply_say(x, "register_unknown", NULL, NULL);
	if (participant_store(x->c, &x->p, x->in->now) != 0 ||
	    db_participant_set_place(x->c->db, x->p.row.id, pl.aimag_code,
	    pl.soum_code) != 0 || apply_audit(x, "register", pl.aimag_code) != 0)
		return -1;
	snprintf(x->buf[0], sizeof x->buf[0], "%s%s%s", pl.aimag_mn,
	    pl.soum_mn ? ", " : "", pl.soum_mn ? pl.soum_mn : "");
	return apply_say(x, "register_ok", x->buf[0], NULL);
}

/* ЗОГС and ЭХЛЭ: notifications off and on. */
static int
apply_optout(struct apply_ctx *x)
{
	int	stop = x->cmd.kind == SMSCMD_STOP;

	if (participant_store(x->c, &x->p, x->in->now) != 0)
		return -1;
	x->p.row.opted_out = stop;
	if (db_participant_update(x->c->db, &x->p.row) != 0 ||
	    apply_audit(x, stop ? "stop" : "start", NULL) != 0)
		return -1;
	return apply_say(x, stop ? "stop_ok" : "start_ok", NULL, NULL);
}

static int
apply_my(struct apply_ctx *x)
{
	const char	*place = "-";
	int		 votes = 0, comments = 0, signatures = 0;

	if (x->p.row.id != 0 && db_participant_counts(x->c->db, x->p.row.id, &votes,
	    &comments, &signatures) != 0)
		return -1;
	if (x->p.row.aimag[0] != '\0' && gazetteer_aimag_name(x->p.row.aimag) != NULL)
		place = gazetteer_aimag_name(x->p.row.aimag);
	snprintf(x->buf[0], sizeof x->buf[0], "%d", votes + signatures > 999 ? 999 :
	    votes + signatures);
	snprintf(x->buf[1], sizeof x->buf[1], "%d", comments > 999 ? 999 : comments);
	x->args[0] = x->p.row.lang;
	x->args[1] = place;
	x->args[2] = x->buf[0];
	x->args[3] = x->buf[1];
	x->nargs = 4;
	x->key = "my";
	return 0;
}

/*
 * УСТГА: the number, the place and queued messages go; votes stay counted.
 * Earlier messages are unlinked from the number, and the audit trail keeps
 * every action linked to one random pseudonym instead of the number's hash.
 */
static int
apply_delete(struct apply_ctx *x)
{
	if (x->p.row.id == 0)		/* help, list: messages but no participant */
		return db_mo_unlink(x->c->db, x->p.hash) != 0 ? -1 :
		    apply_say(x, "delete_ok", NULL, NULL);
	if (participant_erase(x->c, &x->p, x->in->now, x->in->channel) != 0)
		return -1;
	return apply_say(x, "delete_ok", NULL, NULL);
}

static int
apply_lang(struct apply_ctx *x)
{
	enum lang	l;

	if (x->cmd.text == NULL || lang_parse(x->cmd.text, &l) != 0)
		return apply_say(x, "lang_usage", NULL, NULL);
	if (participant_store(x->c, &x->p, x->in->now) != 0)
		return -1;
	snprintf(x->p.row.lang, sizeof x->p.row.lang, "%s", lang_code(l));
	if (db_participant_update(x->c->db, &x->p.row) != 0 ||
	    apply_audit(x, "lang", lang_code(l)) != 0)
		return -1;
	return apply_say(x, "lang_ok", lang_code(l), NULL);
}

static int
apply_fixed(struct apply_ctx *x)
{
	switch (x->cmd.kind) {
	case SMSCMD_EMPTY:
		return apply_say(x, "empty_text", NULL, NULL);
	case SMSCMD_HELP:
		return apply_say(x, "help", NULL, NULL);
	default:
		return apply_say(x, "unknown", NULL, NULL);
	}
}

static const struct apply_entry {
	enum smscmd_kind	  kind;
	int			(*fn)(struct apply_ctx *);
} apply_table[] = {
	{ SMSCMD_EMPTY, apply_fixed },
	{ SMSCMD_VOTE, apply_vote },
	{ SMSCMD_COMMENT, apply_comment },
	{ SMSCMD_ITEM, apply_item },
	{ SMSCMD_LIST, apply_list },
	{ SMSCMD_HELP, apply_fixed },
	{ SMSCMD_REGISTER, apply_register },
	{ SMSCMD_STOP, apply_optout },
	{ SMSCMD_START, apply_optout },
	{ SMSCMD_MY, apply_my },
	{ SMSCMD_DELETE, apply_delete },
	{ SMSCMD_LANG, apply_lang },
	{ SMSCMD_UNKNOWN, apply_fixed },
};

/* Parses and runs the command; sets x->key. 0 or -1 (database error). */
static int
apply_command(struct apply_ctx *x)
{
	const char	*script;
	size_t		 i;

	if (!utf8_valid(x->in->text, strlen(x->in->text)))
		return apply_say(x, "bad_text", NULL, NULL);
	if (utf8_chars(x->in->text) > TEXT_MAX) {
		snprintf(x->buf[0], sizeof x->buf[0], "%d", TEXT_MAX);
		return apply_say(x, "too_long", x->buf[0], NULL);
	}
	if (smscmd_parse(x->in->text, &x->cmd) != 0)
		return apply_say(x, "bad_text", NULL, NULL);
	if (x->p.row.id == 0 && text_is_kazakh(x->in->text))
		strcpy(x->p.row.lang, "kk");
	if (x->cmd.script == SCRIPT_LATIN || x->cmd.script == SCRIPT_CYRILLIC) {
		script = x->cmd.script == SCRIPT_LATIN ? "lat" : "cyr";
		if (strcmp(x->p.row.script, script) != 0) {
			strcpy(x->p.row.script, script);
			if (x->p.row.id != 0 &&
			    db_participant_update(x->c->db, &x->p.row) != 0)
				return -1;
		}
	}
	for (i = 0; i < nitems(apply_table); i++) {
		if (apply_table[i].kind == x->cmd.kind)
			return apply_table[i].fn(x);
	}
	return apply_say(x, "unknown", NULL, NULL);
}

/* Looks for an earlier copy of this message; 0 with *reply if found, DB_NONE, -1. */
static int
apply_find_repeat(struct apply_ctx *x, const unsigned char *thash, char **reply)
{
	if (x->in->kannel_id != NULL && *x->in->kannel_id != '\0')
		return db_mo_find(x->c->db, x->in->kannel_id, x->p.hash, reply);
	if (x->c->dedupe_window == 0)
		return DB_NONE;
	return db_mo_find_recent(x->c->db, x->p.hash, thash,
	    x->in->now - x->c->dedupe_window, reply);
}

/* Runs the command and records the message, inside the savepoint. */
static int
apply_record(struct apply_ctx *x, const unsigned char *thash, char **reply)
{
	static const unsigned char erased[HASH_LEN];
	struct db_mo	mo;

	if (apply_command(x) != 0)
		return -1;
	*reply = reply_render(participant_lang(&x->p), strcmp(x->p.row.script, "lat") == 0,
	    x->key, x->args, x->nargs);
	memset(&mo, 0, sizeof mo);
	mo.kannel_id = x->in->kannel_id;
	mo.phone_hash = x->cmd.kind == SMSCMD_DELETE ? erased : x->p.hash;
	mo.text_hash = thash;
	mo.text = x->in->text;
	mo.smsc = x->in->smsc;
	mo.received = x->in->now;
	mo.command = smscmd_kind_name(x->cmd.kind);
	mo.reply = *reply;
	return db_mo_insert(x->c->db, &mo);
}

enum apply_result
apply_inbound(struct consult *c, const struct inbound *in, char **reply,
    const char **command)
{
	struct apply_ctx	*x = xcalloc(1, sizeof *x);
	unsigned char		 thash[HASH_LEN];
	char			 phone[PHONE_MAX];
	enum apply_result	 res = APPLY_ERROR;
	int			 rc;

	*reply = NULL;
	*command = "none";
	x->c = c;
	x->in = in;
	x->cmd.kind = SMSCMD_UNKNOWN;
	if (phone_normalise(in->phone, phone) != 0) {
		res = APPLY_BAD_PHONE;
		goto out;
	}
	if (participant_load(c, phone, &x->p) != 0)
		goto out;
	keyring_text_hash(in->text, thash);
	if ((rc = apply_find_repeat(x, thash, reply)) != DB_NONE) {
		res = rc == 0 ? APPLY_REPEAT : rc == DB_OTHER ? APPLY_ID_REUSED :
		    APPLY_ERROR;
		if (rc == DB_OTHER)
			log_warn("mo from %s reuses Kannel id %s of another sender",
			    x->p.tag, in->kannel_id);
		*command = "repeat";
		goto out;
	}
	if (db_savepoint(c->db) != 0)
		goto out;
	if (apply_record(x, thash, reply) != 0) {
		log_warn("apply %s: %s", x->p.tag, db_errmsg(c->db));
		db_rollback_savepoint(c->db);
		free(*reply);
		*reply = NULL;
		goto out;
	}
	if (db_release(c->db) != 0) {
		db_rollback_savepoint(c->db);
		free(*reply);
		*reply = NULL;
		goto out;
	}
	*command = smscmd_kind_name(x->cmd.kind);
	res = APPLY_DONE;
out:
	smscmd_free(&x->cmd);
	db_item_clear(&x->item);
	free(x);
	return res;
}
