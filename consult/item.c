/* SPDX-License-Identifier: ISC */
/*
 * Items: consultations (votes and comments on a draft law, article by article)
 * and petitions (signatures against a threshold). An item is open between its
 * dates unless an official has opened or closed it by hand.
 */
#include <stdio.h>
#include <string.h>

#include "consult_int.h"

int
item_code_valid(const char *code)
{
	size_t	n = strlen(code);

	return n >= 1 && n <= 6 && strspn(code, "0123456789") == n;
}

enum item_status
item_status_at(const char *state, int64_t opens, int64_t closes, int64_t now)
{
	if (strcmp(state, "open") == 0)
		return ITEM_OPEN;
	if (strcmp(state, "closed") == 0)
		return ITEM_CLOSED;
	if (now < opens)
		return ITEM_NOT_YET;
	return now < closes ? ITEM_OPEN : ITEM_CLOSED;
}

/* Checks an item definition; 0, or -1 with *cause. */
static int
item_check(const struct item_def *d, char **cause)
{
	if (!item_code_valid(d->code))
		*cause = xasprintf("code \"%s\": must be 1 to 6 digits", d->code);
	else if (strcmp(d->kind, "consultation") != 0 && strcmp(d->kind, "petition") != 0)
		*cause = xasprintf("kind \"%s\": must be consultation or petition", d->kind);
	else if (d->closes <= d->opens)
		*cause = xasprintf("item %s closes before it opens", d->code);
	else if (strcmp(d->kind, "petition") == 0 && d->threshold <= 0)
		*cause = xasprintf("petition %s needs a threshold > 0", d->code);
	else
		return 0;
	return -1;
}

/* Inserts the item and its articles inside the caller's transaction. */
static int
item_insert(struct consult *c, const struct item_def *d, char **cause)
{
	struct db_item	 it;
	int64_t		 id;
	size_t		 i;

	memset(&it, 0, sizeof it);
	snprintf(it.code, sizeof it.code, "%s", d->code);
	snprintf(it.kind, sizeof it.kind, "%s", d->kind);
	it.opens = d->opens;
	it.closes = d->closes;
	it.threshold = d->threshold;
	it.doc = (char *)d->doc;
	if (db_item_insert(c->db, &it, &id) != 0) {
		*cause = xasprintf("item %s: %s", d->code, db_errmsg(c->db));
		return -1;
	}
	for (i = 0; i < d->narticles; i++) {
		if (db_article_insert(c->db, id, d->articles[i], (int)i) != 0) {
			*cause = xasprintf("item %s article %s: %s", d->code,
			    d->articles[i], db_errmsg(c->db));
			return -1;
		}
	}
	return 0;
}

int
item_add(struct consult *c, const struct item_def *d, char **cause)
{
	struct db_item	it;

	if (item_check(d, cause) != 0)
		return -1;
	if (db_begin(c->db) != 0) {
		*cause = xasprintf("begin: %s", db_errmsg(c->db));
		return -1;
	}
	if (db_item_get(c->db, d->code, &it) == 0) {
		db_item_clear(&it);
		*cause = xasprintf("an item with code %s already exists", d->code);
		goto fail;
	}
	if (item_insert(c, d, cause) != 0)
		goto fail;
	if (db_commit(c->db) != 0) {
		*cause = xasprintf("commit: %s", db_errmsg(c->db));
		goto fail;
	}
	return 0;
fail:
	db_rollback(c->db);
	return -1;
}

int
item_set_state(struct consult *c, const char *code, const char *state, char **cause)
{
	int	rc;

	if (strcmp(state, "open") != 0 && strcmp(state, "closed") != 0 &&
	    strcmp(state, "auto") != 0) {
		*cause = xasprintf("state \"%s\": must be open, closed or auto", state);
		return -1;
	}
	rc = db_item_set_state(c->db, code, state);
	if (rc == DB_NONE)
		*cause = xasprintf("no item with code %s", code);
	else if (rc != 0)
		*cause = xasprintf("%s", db_errmsg(c->db));
	return rc == 0 ? 0 : -1;
}
