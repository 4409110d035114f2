/* SPDX-License-Identifier: ISC */
/*
 * Notifications: one outbox message for every participant of an item who has
 * not opted out. The gateway sends them; nothing here touches the network.
 */
#include <stdio.h>
#include <string.h>

#include "analytics.h"
#include "consult_int.h"

struct notify_ctx {
	struct consult	*c;
	const char	*text;
	int64_t		 now;
	int64_t		 queued;
};

/* Queues one message; stops the walk on error. */
static int
notify_one_cb(int64_t pid, const unsigned char *enc, size_t len, void *arg)
{
	struct notify_ctx	*n = arg;

	if (db_outbox_add(n->c->db, pid, enc, len, n->text, "notify", n->now) != 0)
		return 1;
	n->queued++;
	return 0;
}

int
notify_item(struct consult *c, const char *code, const char *text,
    int64_t *queued, char **cause)
{
	struct notify_ctx	n = { c, text, clock_unix(), 0 };
	struct db_item		it;
	int			rc;

	if (*text == '\0' || !utf8_valid(text, strlen(text))) {
		*cause = xstrdup(*text ? "the notification text is not valid UTF-8" :
		    "the notification text is empty");
		return -1;
	}
	if ((rc = db_item_get(c->db, code, &it)) != 0) {
		*cause = rc == DB_NONE ? xasprintf("no item with code %s", code) :
		    xasprintf("%s", db_errmsg(c->db));
		return -1;
	}
	db_item_clear(&it);
	if (db_begin(c->db) != 0 || db_outbox_participants(c->db, it.id,
	    notify_one_cb, &n) != 0 || db_audit(c->db, n.now, NULL, 0, "notify",
	    code, NULL, "admin") != 0 || db_commit(c->db) != 0) {
		*cause = xasprintf("%s", db_errmsg(c->db));
		db_rollback(c->db);
		return -1;
	}
	*queued = n.queued;
	return 0;
}
