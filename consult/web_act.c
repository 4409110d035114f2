/* SPDX-License-Identifier: ISC */
/*
 * What a signed-in person does on the web: the same votes, comments and
 * signatures as by SMS and USSD (one current vote per person across the three
 * channels), each appended to the audit trail; erasure as by УСТГА.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "consult_int.h"

/* The person, the open item and the actor: 0, 1 if the item is not open, -1. */
static int
act_begin(struct consult *c, int64_t pid, const char *code, int64_t now,
    struct participant *p, struct db_item *it, struct db_actor *a)
{
	int	rc;

	if (web_person(c, pid, p) != 0)
		return -1;
	if ((rc = db_item_get(c->db, code, it)) != 0)
		return rc == DB_NONE ? 1 : -1;
	if (item_status_at(it->state, it->opens, it->closes, now) != ITEM_OPEN) {
		db_item_clear(it);
		return 1;
	}
	a->pid = pid;
	a->aimag = p->row.aimag;
	a->channel = "web";
	a->now = now;
	return 0;
}

/* Appends the action to the audit trail; *receipt is its row. */
static int
act_audit(struct consult *c, struct participant *p, const char *action,
    const char *code, const char *detail, int64_t now, int64_t *receipt)
{
	if (db_audit(c->db, now, p->hash, HASH_LEN, action, code, detail, "web") != 0)
		return -1;
	if (receipt != NULL)
		*receipt = db_last_id(c->db);
	return 0;
}

int
web_vote(struct consult *c, int64_t pid, const char *code, const char *article,
    const char *choice, int64_t now, int64_t *receipt)
{
	struct participant	p;
	struct db_item		it;
	struct db_actor		a;
	char			previous[8], detail[32];
	int			rc;

	if (strcmp(choice, "support") != 0 && strcmp(choice, "oppose") != 0)
		return -1;
	if ((rc = act_begin(c, pid, code, now, &p, &it, &a)) != 0)
		return rc;
	if (article != NULL && *article != '\0') {
		snprintf(detail, sizeof detail, "%s %s", article, choice);
		rc = db_article_exists(c->db, it.id, article) != 1 ? 1 :
		    db_article_vote(c->db, it.id, article, &a, choice) != 0 ||
		    act_audit(c, &p, "article_vote", code, detail, now, receipt) != 0 ? -1 : 0;
	} else {
		rc = db_vote_cast(c->db, it.id, &a, choice, previous) != 0 ? -1 : 0;
		snprintf(detail, sizeof detail, "%s%s%s", choice,
		    rc == 0 && previous[0] ? " was " : "", rc == 0 ? previous : "");
		if (rc == 0)
			rc = act_audit(c, &p, "vote", code, detail, now, receipt);
	}
	db_item_clear(&it);
	return rc;
}

int
web_comment(struct consult *c, int64_t pid, const char *code, const char *article,
    const char *text, int64_t now, int64_t *receipt)
{
	static const char *const scripts[] = { NULL, "cyr", "lat", "mixed" };
	struct participant	 p;
	struct db_comment	 cm;
	struct db_item		 it;
	struct db_actor		 a;
	int64_t			 id;
	char			*norm;
	int			 rc;

	if (!utf8_valid(text, strlen(text)) || (norm = normalise_text(text)) == NULL)
		return 2;
	if ((rc = act_begin(c, pid, code, now, &p, &it, &a)) != 0) {
		free(norm);
		return rc;
	}
	memset(&cm, 0, sizeof cm);
	cm.article = article;
	cm.raw = text;
	cm.norm = norm;
	cm.script = scripts[script_detect(text)];
	rc = (article != NULL && *article && db_article_exists(c->db, it.id, article) != 1) ?
	    1 : db_comment_add(c->db, it.id, &a, &cm, &id) != 0 ||
	    act_audit(c, &p, "comment", code, article && *article ? article : NULL, now,
	    receipt) != 0 ? -1 : 0;
	free(norm);
	db_item_clear(&it);
	return rc;
}

int
web_sign(struct consult *c, int64_t pid, const char *code, int64_t now, int *already,
    int64_t *receipt)
{
	struct participant	p;
	struct db_item		it;
	struct db_actor		a;
	int			rc;

	*already = 0;
	if ((rc = act_begin(c, pid, code, now, &p, &it, &a)) != 0)
		return rc;
	if (strcmp(it.kind, "petition") != 0)
		rc = 1;
	else if (db_sign(c->db, it.id, &a, already) != 0)
		rc = -1;
	else if (!*already)
		rc = act_audit(c, &p, "sign", code, NULL, now, receipt);
	db_item_clear(&it);
	return rc;
}

int
web_erase(struct consult *c, int64_t pid, int64_t now)
{
	struct participant	p;

	if (web_person(c, pid, &p) != 0)
		return -1;
	return participant_erase(c, &p, now, "web");
}

int
web_set_lang(struct consult *c, int64_t pid, enum lang l, int latin, int64_t now)
{
	struct participant	p;

	if (web_person(c, pid, &p) != 0)
		return -1;
	snprintf(p.row.lang, sizeof p.row.lang, "%s", lang_code(l));
	snprintf(p.row.script, sizeof p.row.script, "%s", latin ? "lat" : "cyr");
	return db_participant_update(c->db, &p.row) != 0 ||
	    db_audit(c->db, now, p.hash, HASH_LEN, "lang", NULL, lang_code(l), "web") != 0 ?
	    -1 : 0;
}
