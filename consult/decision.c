/* SPDX-License-Identifier: ISC */
/*
 * Decisions, "you said, we did": an official publishes the outcome of an item
 * or of one of its articles (adopted, changed, not adopted, with the reason);
 * the citizen pages and open data show it, and every participant of the item
 * who has not opted out is texted the item's outcome with their own aimag's
 * counts. The plan (recipients and SMS segments: the cost) comes first; no SMS
 * leaves between 22:00 and 08:00 Ulaanbaatar time: they wait for the morning.
 * Both writes are a transaction of their own, or part of the caller's when
 * one is open (sanald's batch: /admin).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "consult_int.h"

#define QUIET_FROM	22	/* hours, Ulaanbaatar */
#define QUIET_UNTIL	8
#define UB_OFFSET	(8 * 3600)

static const char *const outcomes[] = { "adopted", "changed", "not_adopted" };

int64_t
decision_send_at(int64_t now)
{
	int64_t	local = now + UB_OFFSET, day = local - local % 86400;
	int	hour = (int)(local % 86400 / 3600);

	if (hour >= QUIET_FROM)
		return day + 86400 + QUIET_UNTIL * 3600 - UB_OFFSET;
	if (hour < QUIET_UNTIL)
		return day + QUIET_UNTIL * 3600 - UB_OFFSET;
	return now;
}

int
decision_add(struct consult *c, const char *code, const char *article,
    const char *outcome, const char *reason, const char *official, int64_t now,
    char **cause)
{
	struct db_item	it;
	char		detail[96];
	size_t		i;
	int		rc, own = !db_in_transaction(c->db);

	for (i = 0; i < nitems(outcomes) && strcmp(outcome, outcomes[i]) != 0; i++)
		;
	if (i == nitems(outcomes)) {
		*cause = xasprintf("outcome \"%s\": adopted, changed or not_adopted", outcome);
		return -1;
	}
	if (*reason == '\0' || !utf8_valid(reason, strlen(reason)) ||
	    utf8_chars(reason) > 2000) {
		*cause = xstrdup("the reason must be 1 to 2000 characters of UTF-8");
		return -1;
	}
	if ((rc = db_item_get(c->db, code, &it)) != 0) {
		*cause = rc == DB_NONE ? xasprintf("no item with code %s", code) :
		    xstrdup(db_errmsg(c->db));
		return -1;
	}
	if (article != NULL && db_article_exists(c->db, it.id, article) != 1) {
		*cause = xasprintf("item %s has no article %s", code, article);
		db_item_clear(&it);
		return -1;
	}
	snprintf(detail, sizeof detail, "%s%s%s by %.48s", outcome, article ? " " : "",
	    article ? article : "", official);
	if ((own && db_begin(c->db) != 0) || db_decision_set(c->db, it.id, article,
	    outcome, reason, official, now) != 0 || db_audit(c->db, now, NULL, 0,
	    "decision", code, detail, "admin") != 0 || (own && db_commit(c->db) != 0)) {
		*cause = xstrdup(db_errmsg(c->db));
		if (own)
			db_rollback(c->db);
		db_item_clear(&it);
		return -1;
	}
	db_item_clear(&it);
	return 0;
}

/* Support and oppose by aimag, and in all. */
struct tallies {
	char	 aimag[40][8];
	int64_t	 n[40][2];
	int	 len;
	int64_t	 all[2], signatures;
};

static void
tally_cb(const char *what, const char *channel, const char *aimag, int64_t n, void *arg)
{
	struct tallies	*t = arg;
	int		 k = strcmp(what, "support") == 0 ? 0 : strcmp(what, "oppose") == 0 ?
			    1 : -1, i;

	(void)channel;
	if (strcmp(what, "signature") == 0)
		t->signatures += n;
	if (k < 0)
		return;
	t->all[k] += n;
	for (i = 0; i < t->len && strcmp(t->aimag[i], aimag) != 0; i++)
		;
	if (i == t->len && t->len < 40)
		snprintf(t->aimag[t->len++], sizeof t->aimag[0], "%s", aimag);
	if (i < t->len)
		t->n[i][k] += n;
}

struct notify_run {
	struct consult		*c;
	struct decision_plan	*plan;
	const struct tallies	*t;
	const char		*code, *outcome;
	int			 petition, send;
	int64_t			 now, at;
};

/* The message one recipient gets: the outcome, and their aimag's counts. */
static char *
decision_text(struct notify_run *r, const struct db_recipient *p)
{
	const struct tallies	*t = r->t;
	char			 key[48], n[2][24];
	const char		*args[3] = { r->code, n[0], n[1] };
	enum lang		 l;
	int			 i, regional = 0;

	if (lang_parse(p->lang, &l) != 0)
		l = LANG_MN;
	snprintf(n[0], sizeof n[0], "%lld", (long long)(r->petition ? t->signatures : t->all[0]));
	snprintf(n[1], sizeof n[1], "%lld", (long long)t->all[1]);
	for (i = 0; !r->petition && *p->aimag && i < t->len; i++) {
		if (strcmp(t->aimag[i], p->aimag) == 0) {
			snprintf(n[0], sizeof n[0], "%lld", (long long)t->n[i][0]);
			snprintf(n[1], sizeof n[1], "%lld", (long long)t->n[i][1]);
			regional = 1;
		}
	}
	snprintf(key, sizeof key, "decision_%s%s", r->outcome, r->petition ? "_petition" :
	    regional ? "" : "_all");
	return reply_render(l, strcmp(p->script, "lat") == 0, key, args, r->petition ? 2 : 3);
}

static int
notify_cb(const struct db_recipient *p, void *arg)
{
	struct notify_run	*r = arg;
	char			*text = decision_text(r, p);
	int			 rc = 0;

	r->plan->recipients++;
	r->plan->segments += sms_segments(text);
	if (r->send)
		rc = db_outbox_add_at(r->c->db, p->pid, p->enc, p->enc_len, text, "decision",
		    r->now, r->at);
	free(text);
	return rc != 0;
}

/* The outcome published for the whole item: 0 and outcome set, else 1. */
struct whole {
	char	 outcome[16];		/* the whole item's, or "" */
	char	 sum[2 * HASH_LEN + 1];	/* of its outcome and reason: what the texts say */
};

static void
whole_cb(const char *article, const char *outcome, const char *reason, int64_t ts,
    void *arg)
{
	struct whole	*w = arg;
	unsigned char	 h[HASH_LEN];
	char		*s;
	size_t		 i;

	(void)ts;
	if (*article != '\0')
		return;
	snprintf(w->outcome, sizeof w->outcome, "%s", outcome);
	s = xasprintf("%s\n%s", outcome, reason);
	keyring_text_hash(s, h);
	free(s);
	for (i = 0; i < HASH_LEN; i++)
		snprintf(w->sum + 2 * i, 3, "%02x", h[i]);
}

/*
 * The item's last send (its "notified:CODE" fact: "TIME SUM"): when, and
 * whether it said what the whole item's decision says now.
 */
static void
notified_get(struct consult *c, const char *code, const struct whole *w,
    struct decision_plan *plan)
{
	char	key[32], v[24 + 2 * HASH_LEN], *sp;

	snprintf(key, sizeof key, "notified:%s", code);
	plan->sent = 0;
	plan->unchanged = 0;
	if (db_meta_get(c->db, key, v, sizeof v) != 0)
		return;
	plan->sent = strtoll(v, &sp, 10);
	plan->unchanged = *sp == ' ' && strcmp(sp + 1, w->sum) == 0;
}

static int
notified_set(struct consult *c, const char *code, const struct whole *w, int64_t now)
{
	char	key[32], v[24 + 2 * HASH_LEN];

	snprintf(key, sizeof key, "notified:%s", code);
	snprintf(v, sizeof v, "%lld %s", (long long)now, w->sum);
	return db_meta_set(c->db, key, v);
}

int
decision_notify(struct consult *c, const char *code, int send, int64_t now,
    struct decision_plan *plan, char **cause)
{
	struct tallies		*t = xcalloc(1, sizeof *t);
	struct notify_run	 r = { c, plan, t, code, NULL, 0, send, now, 0 };
	struct db_item		 it;
	struct whole		 whole = { "", "" };
	char			 detail[64], when[32];
	int			 rc, own = !db_in_transaction(c->db);

	memset(plan, 0, sizeof *plan);
	if ((rc = db_item_get(c->db, code, &it)) != 0) {
		*cause = rc == DB_NONE ? xasprintf("no item with code %s", code) :
		    xstrdup(db_errmsg(c->db));
		free(t);
		return -1;
	}
	r.petition = strcmp(it.kind, "petition") == 0;
	rc = db_decision_each(c->db, it.id, whole_cb, &whole) != 0 ||
	    db_tally_each(c->db, it.id, tally_cb, t) != 0;
	if (rc == 0)
		notified_get(c, code, &whole, plan);
	if (rc == 0 && *whole.outcome == '\0') {
		*cause = xasprintf("item %s has no decision for the whole item yet "
		    "(sanalctl decision add %s --outcome ...)", code, code);
		rc = -1;
	} else if (rc == 0 && send && decision_sent(plan)) {
		/* a second confirm, a reload, a double click: nobody gets it twice */
		clock_format_ub(plan->sent, when, sizeof when);
		*cause = xasprintf("the texts of item %s's decision were queued on %s "
		    "(Ulaanbaatar time); publish a changed decision to send again",
		    code, when);
		rc = -1;
	} else if (rc != 0)
		*cause = xstrdup(db_errmsg(c->db));
	r.outcome = whole.outcome;
	r.at = plan->send_at = decision_send_at(now);
	if (rc == 0 && send && own && db_begin(c->db) != 0) {
		*cause = xstrdup(db_errmsg(c->db));
		rc = -1;
	} else if (rc == 0) {
		rc = db_decision_recipients(c->db, it.id, notify_cb, &r);
		snprintf(detail, sizeof detail, "%lld messages", (long long)plan->recipients);
		if (send && (rc != 0 || db_audit(c->db, now, NULL, 0, "decision_notify", code,
		    detail, "admin") != 0 || notified_set(c, code, &whole, now) != 0 ||
		    (own && db_commit(c->db) != 0))) {
			*cause = xstrdup(db_errmsg(c->db));
			if (own)
				db_rollback(c->db);
			rc = -1;
		} else if (rc != 0)
			*cause = xstrdup(db_errmsg(c->db));
	}
	db_item_clear(&it);
	free(t);
	return rc;
}
