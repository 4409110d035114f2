/* SPDX-License-Identifier: ISC */
/*
 * The report's running totals against a recount from the rows, after a
 * seeded random mix of everything that changes them, each through the code
 * that does it in production: SMS commands through apply_inbound (votes,
 * changed votes, signatures, comments in Cyrillic and Latin, on articles
 * and on the whole draft, БҮРТГЭЛ, УСТГА), USSD dialogues through
 * ussd_step, the web's web_vote, web_comment, web_sign and web_erase, the
 * language layer's consult_analysis_run (stance, topic, campaigns) when the
 * model loads, db_comment_analysed as it stores them, officials' labels,
 * quotes approved and withdrawn, and rows deleted with plain SQL. Every
 * CHECK_EVERY steps report_build from the totals must equal report_build
 * with REPORT_RECOUNT section by section (votes and rows by channel and
 * aimag, participants, articles, days, topics, campaigns, quotes, methods),
 * and the sections must agree with each other. A second test builds a
 * database at schema 4 with rows in it and checks migration 5's backfill; a
 * third the contested flag at its edges.
 *
 * The seed is printed; TEST_REPORT_MIX_SEED and TEST_REPORT_MIX_STEPS
 * override it and the number of steps.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "common.h"
#include "analytics.h"
#include "consult.h"
#include "db.h"
#include "db_int.h"
#include "testutil.h"

#define T0		1767196800	/* 2026-01-01 00:00 in Ulaanbaatar */
#define NPHONES		90
#define STEPS		3000
#define CHECK_EVERY	250

static const char doc12[] = "{\"code\": \"12\", \"kind\": \"consultation\", "
    "\"title\": {\"mn\": \"Бэлчээрийн тухай хуулийн төсөл\", \"en\": \"Pasture\"}, "
    "\"articles\": ["
    "{\"number\": \"3\", \"title\": {\"mn\": \"Бэлчээр ашиглалтын төлбөр\"}},"
    "{\"number\": \"4\", \"title\": {\"mn\": \"Малын тооны хязгаар\"}},"
    "{\"number\": \"5\", \"title\": {\"mn\": \"Отор нүүдэл\"}},"
    "{\"number\": \"7\", \"title\": {\"en\": \"Wells\"}}]}";
static const char *const arts12[] = { "3", "4", "5", "7" };

/* Comments: repeated ones form campaigns once analysed. */
static const char *const texts[] = {
	"Бэлчээрийн төлбөрийг бууруулах хэрэгтэй",
	"Бэлчээрийн төлбөрийг бууруулах хэрэгтэй",
	"belcheeriin tulbur het undur baina",
	"Отор нүүдлийн журмыг дэмжиж байна",
	"Худгийн асуудлыг шийдэх хэрэгтэй, 9911 2233 руу залгаарай",
	"Малын тоог хязгаарлах нь буруу",
	"malchdad ene huuli ashigtai, demjij baina",
	"Сургуулийн дотуур байрны асуудал яах вэ?",
	"Эмнэлэг хол байна, замаа засаач",
	"Энэ хуулийг эсэргүүцэж байна",
};
static const char *const words[] = { "", "", " маш", " шүү", " ээ", " tegeed",
	" одоо", " bas" };
static const char *const places[] = { "БҮРТГЭЛ Хөвсгөл Мөрөн", "БҮРТГЭЛ Дорнод",
	"burtgel Khuvsgul", "БҮРТГЭЛ Улаанбаатар Баянзүрх", "БҮРТГЭЛ Говь-Алтай",
	"БҮРТГЭЛ Төв Борнуур" };
static const char *const ussd_keys[] = { "1", "1", "1", "1", "2", "2", "3", "0",
	"98", "00", "4", "5", "Бэлчээрийн төлбөр хэт өндөр байна" };
/* The keys a caller who means to act presses on each screen. */
static const struct {
	const char	*screen;
	const char	*keys[4];
} ussd_plan[] = {
	{ "L0", { "1", "2", "1", "4" } }, { "RS", { "2", "1", "2", "2" } },
	{ "M0", { "1", "1", "2", "4" } }, { "C1", { "1", "1", "1", "1" } },
	{ "C2", { "2", "2", "3", "1" } }, { "C4", { "1", "2", "1", "2" } },
	{ "C5", { "1", "1", "1", "0" } }, { "C6", { "1", "3", "1", "3" } },
	{ "C7", { "Малын тоог хязгаарлах нь буруу", "malchdad ashigtai",
	    "Бэлчээрийн төлбөрийг бууруулах хэрэгтэй", "zam" } },
	{ "C8", { "1", "1", "1", "2" } }, { "A1", { "1", "2", "3", "4" } },
	{ "A2", { "2", "3", "4", "1" } }, { "P1", { "1", "1", "1", "1" } },
	{ "P2", { "2", "2", "2", "1" } }, { "P3", { "1", "1", "1", "0" } },
	{ "G1", { "1", "2", "3", "1" } }, { "G2", { "1", "2", "3", "5" } },
	{ "G3", { "1", "2", "3", "1" } }, { "G4", { "1", "1", "1", "0" } },
};

struct fixture {
	char		*dir;
	struct consult	*c;
	int		 analysis;	/* consult_analysis_open worked */
	uint64_t	 seed;
	int64_t		 now;
	int		 steps;
	/* the USSD call under way */
	int		 ussd_phone, ussd_calls, ussd_end;
	char		 ussd_screen[4];
	char		 ussd_text[2048];
	/* what the mix did, to check it covered everything */
	int		 did[16];
};

enum { D_SMS, D_USSD, D_WEB, D_ERASE, D_ANALYSED, D_LABEL, D_QUOTE, D_DELETE,
	D_REANALYSE };

/* A number in [0, n) (xorshift64*). */
static uint32_t
rnd(struct fixture *f, uint32_t n)
{
	f->seed ^= f->seed >> 12;
	f->seed ^= f->seed << 25;
	f->seed ^= f->seed >> 27;
	return (uint32_t)((f->seed * 2685821657736338717ULL) >> 32) % n;
}

static void
phone(int k, char out[PHONE_MAX])
{
	if (k % 7 == 3)
		snprintf(out, PHONE_MAX, "+976 8800-%04u", (unsigned)k % 10000);
	else
		snprintf(out, PHONE_MAX, "9911%04u", (unsigned)k % 10000);
}

/* The participant id of phone k, 0 if it has none (never seen, or erased). */
static int64_t
pid_of(struct fixture *f, int k)
{
	struct db_participant	p;
	unsigned char		hash[HASH_LEN];
	char			raw[PHONE_MAX], e164[PHONE_MAX];

	phone(k, raw);
	assert_int_equal(phone_normalise(raw, e164), 0);
	keyring_hash(consult_keyring(f->c), e164, hash);
	return db_participant_find(consult_db(f->c), hash, HASH_LEN, &p) == 0 ? p.id : 0;
}

/* A comment text, sometimes with a word more. */
static void
comment_text(struct fixture *f, char *out, size_t len)
{
	snprintf(out, len, "%s%s", texts[rnd(f, nitems(texts))],
	    words[rnd(f, nitems(words))]);
}

/* One SMS from phone k. */
static void
mix_sms(struct fixture *f, int k)
{
	static const char *const votes[] = { "12 тийм", "12 үгүй", "12 tiim", "12 ugui",
	    "12 1", "12 2", "31 тийм", "31 tiim", "ТУСЛАМЖ", "МИНИЙ", "ХЭЛ en", "ЗОГС" };
	struct inbound		 in = { "sms", NULL, NULL, NULL, NULL, f->now };
	enum apply_result	 res;
	const char		*command;
	char			 from[PHONE_MAX], text[256], body[192], *reply = NULL;
	uint32_t		 r = rnd(f, 100);

	if (r < 45)
		snprintf(text, sizeof text, "%s", votes[rnd(f, nitems(votes))]);
	else if (r < 85) {
		comment_text(f, body, sizeof body);
		switch (rnd(f, 4)) {
		case 0:
			snprintf(text, sizeof text, "12 %s", body);
			break;
		case 1:
			snprintf(text, sizeof text, "12 %s-р зүйл %s",
			    arts12[rnd(f, nitems(arts12))], body);
			break;
		case 2:
			snprintf(text, sizeof text, "12 %s %s",
			    arts12[rnd(f, nitems(arts12))], body);
			break;
		default:
			snprintf(text, sizeof text, "12 9 %s", body);	/* no article 9 */
		}
	} else if (r < 97)
		snprintf(text, sizeof text, "%s", places[rnd(f, nitems(places))]);
	else {
		snprintf(text, sizeof text, "УСТГА");
		f->did[D_ERASE]++;
	}
	phone(k, from);
	in.phone = from;
	in.text = text;
	assert_int_equal(consult_begin(f->c), 0);
	res = apply_inbound(f->c, &in, &reply, &command);
	assert_int_equal(consult_commit(f->c), 0);
	if (res != APPLY_DONE && res != APPLY_REPEAT)
		fail_msg("step %d: SMS \"%s\": result %d", f->steps, text, (int)res);
	free(reply);
	f->did[D_SMS]++;
}

/* The next key: mostly the one that acts on this screen, else any. */
static const char *
ussd_key(struct fixture *f)
{
	size_t	i;

	if (rnd(f, 5) == 0)
		return ussd_keys[rnd(f, nitems(ussd_keys))];
	for (i = 0; i < nitems(ussd_plan); i++)
		if (strcmp(ussd_plan[i].screen, f->ussd_screen) == 0)
			return ussd_plan[i].keys[rnd(f, 4)];
	return ussd_keys[rnd(f, nitems(ussd_keys))];
}

/* One key of a USSD call; a new call now and then, from another phone. */
static void
mix_ussd(struct fixture *f, int k)
{
	struct ussd_req		rq = { 0 };
	struct ussd_reply	r;
	enum apply_result	res;
	const char		*key;
	char			from[PHONE_MAX], session[24];

	if (f->ussd_end || f->ussd_calls == 0 || rnd(f, 12) == 0) {
		f->ussd_phone = k;
		f->ussd_calls++;
		f->ussd_text[0] = '\0';
		f->ussd_end = 0;
		f->ussd_screen[0] = '\0';
	} else {
		key = ussd_key(f);
		if (strlen(f->ussd_text) + strlen(key) + 2 >= sizeof f->ussd_text)
			f->ussd_text[0] = '\0';
		if (f->ussd_text[0] != '\0')
			strcat(f->ussd_text, "*");
		strcat(f->ussd_text, key);
	}
	phone(f->ussd_phone, from);
	snprintf(session, sizeof session, "mix%d", f->ussd_calls);
	rq.door = USSD_HTTP;
	rq.phone = from;
	rq.session = session;
	rq.service = "*1234#";
	rq.text = f->ussd_text;
	rq.now = f->now;
	assert_int_equal(consult_begin(f->c), 0);
	res = ussd_step(f->c, &rq, &r);
	assert_int_equal(consult_commit(f->c), 0);
	if (res != APPLY_DONE && res != APPLY_REPEAT)
		fail_msg("step %d: USSD \"%s\": result %d", f->steps, f->ussd_text,
		    (int)res);
	f->ussd_end = r.end;
	snprintf(f->ussd_screen, sizeof f->ussd_screen, "%s", r.screen);
	free(r.text);
	f->did[D_USSD]++;
}

/* A web action by phone k (signed in: it has a participant). */
static void
mix_web(struct fixture *f, int k)
{
	static const char *const choices[] = { "support", "oppose" };
	int64_t		 pid = pid_of(f, k), receipt;
	char		 body[192];
	int		 already, rc;
	uint32_t	 r = rnd(f, 100);

	if (pid == 0) {
		mix_sms(f, k);		/* signs up by SMS first */
		return;
	}
	assert_int_equal(consult_begin(f->c), 0);
	if (r < 30)
		rc = web_vote(f->c, pid, "12", NULL, choices[rnd(f, 2)], f->now, &receipt);
	else if (r < 55)
		rc = web_vote(f->c, pid, "12", arts12[rnd(f, nitems(arts12))],
		    choices[rnd(f, 2)], f->now, &receipt);
	else if (r < 85) {
		comment_text(f, body, sizeof body);
		rc = web_comment(f->c, pid, "12", rnd(f, 2) ? NULL :
		    arts12[rnd(f, nitems(arts12))], body, f->now, &receipt);
	} else if (r < 97)
		rc = web_sign(f->c, pid, "31", f->now, &already, &receipt);
	else {
		rc = web_erase(f->c, pid, f->now);
		f->did[D_ERASE]++;
	}
	if (rc < 0)
		fail_msg("step %d: web action %u: %d", f->steps, r, rc);
	assert_int_equal(consult_commit(f->c), 0);
	f->did[D_WEB]++;
}

/* A random comment id (0 if none yet). */
static int64_t
some_comment(struct fixture *f)
{
	int64_t	max = db_query_int(consult_db(f->c), "SELECT max(id) FROM comment");

	return max > 0 ? 1 + (int64_t)rnd(f, (uint32_t)max) : 0;
}

/* Runs SQL (freed) that no function does: deletes. */
static void
exec_sql(struct fixture *f, char *sql)
{
	if (sqlite3_exec(consult_db(f->c)->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, db_errmsg(consult_db(f->c)));
	free(sql);
}

/* Deletes the rows of table that participant pid has (if any). */
static void
delete_rows(struct fixture *f, const char *table, int64_t pid)
{
	if (pid != 0)
		exec_sql(f, xasprintf("DELETE FROM %s WHERE participant_id = %lld",
		    table, (long long)pid));
}

/* 1 if comment id is still there (db_query_int caches only static SQL). */
static int
comment_exists(struct fixture *f, int64_t id)
{
	sqlite3_stmt	*st;
	int		 rc;

	assert_int_equal(sqlite3_prepare_v2(consult_db(f->c)->h, "SELECT 1 FROM "
	    "comment WHERE id = ?", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW;
}

/* Analysis, a label, a quote, a re-filed comment or a row deleted. */
static void
mix_official(struct fixture *f)
{
	static const char *const stances[] = { "support", "oppose", "amend",
	    "question", "other" };
	static const char *const topics[] = { "fees", "land_pasture", "water",
	    "roads", "other" };
	struct db_comment	 cm = { 0 };
	int64_t			 id = some_comment(f), pid;
	char			*cause = NULL;
	int			 done, rc;
	uint32_t		 r = rnd(f, 100);

	if (r < 30 && f->analysis) {
		do {
			rc = consult_analysis_run(f->c, 40, &done, &cause);
			if (rc != 0)
				fail_msg("analysis: %s", cause);
			f->did[D_ANALYSED] += done;
		} while (done == 40);
	} else if (id == 0)
		return;
	else if (r < 55) {
		rc = comment_label(f->c, id, stances[rnd(f, nitems(stances))],
		    topics[rnd(f, nitems(topics))], "Bat", f->now, &cause);
		if (rc != 0 && comment_exists(f, id))
			fail_msg("label %lld: %s", (long long)id, cause);
		if (rc != 0)
			free(cause);
		f->did[D_LABEL] += rc == 0;
	} else if (r < 75) {
		rc = rnd(f, 3) ? quote_approve(f->c, id, rnd(f, 2) ? NULL :
		    "Малчид 88112233 гэж бичжээ", "Bat", f->now, &cause) :
		    quote_withdraw(f->c, id, "Bat", f->now, &cause);
		free(cause);			/* erased authors, not quotes */
		f->did[D_QUOTE] += rc == 0;
	} else if (r < 85) {
		/* as the store of a (re)analysis: stance, topic, a campaign */
		cm.raw = cm.norm = "дахин";
		cm.stance = rnd(f, 5) ? stances[rnd(f, nitems(stances))] : NULL;
		cm.topic = cm.stance ? topics[rnd(f, nitems(topics))] : NULL;
		cm.confidence = 0.5;
		assert_int_equal(consult_begin(f->c), 0);
		assert_int_equal(db_comment_analysed(consult_db(f->c), id, &cm,
		    rnd(f, 2) ? id : some_comment(f)), 0);
		assert_int_equal(consult_commit(f->c), 0);
		f->did[D_REANALYSE]++;
	} else if (r < 88)
		exec_sql(f, xasprintf("DELETE FROM comment_label WHERE comment_id = %lld",
		    (long long)id));
	else {
		/* plain deletes: the triggers take them out of every total */
		pid = pid_of(f, (int)rnd(f, NPHONES));
		switch (rnd(f, 4)) {
		case 0:
			exec_sql(f, xasprintf("DELETE FROM quote WHERE comment_id = %lld;"
			    "DELETE FROM comment_label WHERE comment_id = %lld;"
			    "DELETE FROM comment WHERE id = %lld", (long long)id,
			    (long long)id, (long long)id));
			break;
		case 1:
			delete_rows(f, "vote", pid);
			break;
		case 2:
			delete_rows(f, "article_vote", pid);
			break;
		default:
			delete_rows(f, "signature", pid);
		}
		f->did[D_DELETE]++;
	}
}

/* --- comparing two reports ------------------------------------------------- */

#define SAME_N(what, x, y) do {						\
	if ((x) != (y))							\
		fail_msg("step %d, %s: totals %lld, recount %lld", f->steps,	\
		    what, (long long)(x), (long long)(y));		\
} while (0)
#define SAME_S(what, x, y) do {						\
	if (strcmp((x) ? (x) : "(null)", (y) ? (y) : "(null)") != 0)	\
		fail_msg("step %d, %s: totals \"%s\", recount \"%s\"",	\
		    f->steps, what, (x) ? (x) : "(null)", (y) ? (y) : "(null)"); \
} while (0)

static void
same_rows(struct fixture *f, const char *what, const struct report_row *a, size_t na,
    const struct report_row *b, size_t nb)
{
	size_t	i;

	SAME_N(what, na, nb);
	for (i = 0; i < na; i++) {
		SAME_S(what, a[i].what, b[i].what);
		SAME_S(what, a[i].channel, b[i].channel);
		SAME_S(what, a[i].aimag, b[i].aimag);
		SAME_N(what, a[i].n, b[i].n);
	}
}

static void
same_articles(struct fixture *f, const struct report *a, const struct report *b)
{
	const struct report_article	*x, *y;
	size_t				 i;
	int				 s;

	SAME_N("articles", a->narticles, b->narticles);
	for (i = 0; i < a->narticles; i++) {
		x = &a->articles[i];
		y = &b->articles[i];
		SAME_S("article", x->number, y->number);
		SAME_S("article title", x->title, y->title);
		SAME_N("article support", x->support, y->support);
		SAME_N("article oppose", x->oppose, y->oppose);
		SAME_N("article comments", x->comments, y->comments);
		for (s = 0; s < REPORT_NSTANCE; s++)
			SAME_N("article by stance", x->by_stance[s], y->by_stance[s]);
		SAME_S("article topic", x->topic[0], y->topic[0]);
		SAME_S("article topic 2", x->topic[1], y->topic[1]);
		SAME_N("article contested", x->contested, y->contested);
	}
}

static void
same_days_topics(struct fixture *f, const struct report *a, const struct report *b)
{
	size_t	i;

	SAME_N("days", a->ndays, b->ndays);
	for (i = 0; i < a->ndays; i++) {
		SAME_S("day", a->days[i].day, b->days[i].day);
		SAME_N("day votes", a->days[i].votes, b->days[i].votes);
		SAME_N("day comments", a->days[i].comments, b->days[i].comments);
		SAME_N("day signatures", a->days[i].signatures, b->days[i].signatures);
	}
	SAME_N("topics", a->ntopics, b->ntopics);
	for (i = 0; i < a->ntopics; i++) {
		SAME_S("topic stance", a->topics[i].stance, b->topics[i].stance);
		SAME_S("topic", a->topics[i].topic, b->topics[i].topic);
		SAME_N("topic n", a->topics[i].n, b->topics[i].n);
		SAME_N("topic human", a->topics[i].human, b->topics[i].human);
		SAME_N("topic campaign", a->topics[i].campaign, b->topics[i].campaign);
	}
}

static void
same_campaigns_quotes(struct fixture *f, const struct report *a,
    const struct report *b)
{
	const struct report_campaign	*x, *y;
	const struct report_quote	*p, *q;
	size_t				 i;

	SAME_N("campaigns", a->ncampaigns, b->ncampaigns);
	for (i = 0; i < a->ncampaigns; i++) {
		x = &a->campaigns[i];
		y = &b->campaigns[i];
		SAME_N("campaign id", x->id, y->id);
		SAME_N("campaign n", x->n, y->n);
		SAME_S("campaign text", x->text, y->text);
		SAME_N("campaign first", x->first, y->first);
		SAME_N("campaign last", x->last, y->last);
		SAME_S("campaign channels", x->channels, y->channels);
		SAME_N("campaign aimags", x->aimags, y->aimags);
	}
	SAME_N("quotes", a->nquotes, b->nquotes);
	for (i = 0; i < a->nquotes; i++) {
		p = &a->quotes[i];
		q = &b->quotes[i];
		SAME_N("quote id", p->comment_id, q->comment_id);
		SAME_S("quote text", p->text, q->text);
		SAME_S("quote stance", p->stance, q->stance);
		SAME_S("quote by", p->approved_by, q->approved_by);
	}
}

/* The sections agree with each other (the C-kept tally and the triggers' totals). */
static void
consistent(struct fixture *f, const struct report *r)
{
	int64_t	days[3] = { 0 }, topics = 0, articles = 0, copies = 0;
	size_t	i;

	for (i = 0; i < r->ndays; i++) {
		days[0] += r->days[i].votes;
		days[1] += r->days[i].comments;
		days[2] += r->days[i].signatures;
	}
	for (i = 0; i < r->ntopics; i++) {
		topics += r->topics[i].n;
		copies += r->topics[i].campaign;
	}
	for (i = 0; i < r->narticles; i++)
		articles += r->articles[i].comments;
	SAME_N("votes by day / by channel", days[0], r->support + r->oppose);
	SAME_N("comments by day / by channel", days[1], r->comments);
	SAME_N("signatures by day / by channel", days[2], r->signatures);
	SAME_N("comments by topic + unclassified / by channel",
	    topics + r->methods.unclassified, r->comments);
	for (i = 0; i < r->ncampaigns; i++)
		if (r->campaigns[i].n < 1 || r->campaigns[i].aimags > 22)
			fail_msg("step %d: campaign %lld of %lld", f->steps,
			    (long long)r->campaigns[i].id, (long long)r->campaigns[i].n);
	assert_true(articles <= r->comments);
	assert_true(copies <= r->methods.campaign_copies);
	assert_true(r->methods.human <= r->comments);
	assert_true(r->participants <= db_query_int(consult_db(f->c),
	    "SELECT count(*) FROM participant"));
}

/* report_build both ways for item code, compared section by section. */
static void
check_item(struct fixture *f, const char *code)
{
	struct report	a, b;

	assert_int_equal(report_build(f->c, code, 0, &a), 0);
	assert_int_equal(report_build(f->c, code, REPORT_RECOUNT, &b), 0);
	SAME_S("code", a.code, b.code);
	SAME_S("title", a.title, b.title);
	SAME_N("support", a.support, b.support);
	SAME_N("oppose", a.oppose, b.oppose);
	SAME_N("signatures", a.signatures, b.signatures);
	SAME_N("comments", a.comments, b.comments);
	same_rows(f, "rows by channel and aimag", a.rows, a.nrows, b.rows, b.nrows);
	SAME_N("participants", a.participants, b.participants);
	same_articles(f, &a, &b);
	same_days_topics(f, &a, &b);
	same_campaigns_quotes(f, &a, &b);
	SAME_N("macro-F1 x 10000", (int64_t)(a.methods.macro_f1 * 1e4),
	    (int64_t)(b.methods.macro_f1 * 1e4));
	SAME_N("F1 rows", a.methods.f1_rows, b.methods.f1_rows);
	SAME_N("unclassified", a.methods.unclassified, b.methods.unclassified);
	SAME_N("human", a.methods.human, b.methods.human);
	SAME_N("campaign copies", a.methods.campaign_copies, b.methods.campaign_copies);
	consistent(f, &a);
	report_free(&a);
	report_free(&b);
}

static int
setup_common(void **state, int analysis)
{
	struct fixture	*f = xcalloc(1, sizeof *f);
	struct item_def	 d = { "12", "consultation", T0 - 86400, T0 + 400 * 86400, 0,
	    doc12, arts12, nitems(arts12) };
	struct item_def	 p = { "31", "petition", T0 - 86400, T0 + 400 * 86400, 500,
	    "{\"title\": {\"mn\": \"Өргөдөл\"}}", NULL, 0 };
	const char	*env = getenv("TEST_REPORT_MIX_SEED");
	char		*path, *cause = NULL;

	if ((f->dir = testdir_make("test_report_mix")) == NULL)
		return -1;
	path = xasprintf("%s/sanal.db", f->dir);
	if (consult_open(path, 1, &f->c, &cause) != 0)
		fail_msg("consult_open: %s", cause);
	free(path);
	if (item_add(f->c, &d, &cause) != 0 || item_add(f->c, &p, &cause) != 0)
		fail_msg("item_add: %s", cause);
	f->analysis = analysis && consult_analysis_open(f->c, NULL, &cause) == 0;
	if (analysis && !f->analysis) {
		print_message("no analysis (%s): stances and campaigns filed by hand "
		    "only\n", cause);
		free(cause);
	}
	f->seed = env != NULL ? strtoull(env, NULL, 10) : (uint64_t)clock_unix();
	if (f->seed == 0)
		f->seed = 1;
	f->now = T0;
	*state = f;
	return 0;
}

static int
setup(void **state)
{
	return setup_common(state, 1);
}

static int
setup_plain(void **state)
{
	return setup_common(state, 0);
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	consult_analysis_close(f->c);
	consult_close(f->c);
	testdir_remove(f->dir);
	free(f);
	return 0;
}

static void
test_mix(void **state)
{
	struct fixture	*f = *state;
	struct report	 r;
	const char	*env = getenv("TEST_REPORT_MIX_STEPS");
	int		 steps = env != NULL ? atoi(env) : STEPS, k;
	uint32_t	 what;

	print_message("seed %llu (TEST_REPORT_MIX_SEED)\n", (unsigned long long)f->seed);

	for (f->steps = 1; f->steps <= steps; f->steps++) {
		f->now += rnd(f, 5) == 0 ? rnd(f, 6 * 3600) : rnd(f, 120);
		k = (int)rnd(f, NPHONES);
		what = rnd(f, 100);
		if (what < 40)
			mix_sms(f, k);
		else if (what < 65)
			mix_ussd(f, k);
		else if (what < 85)
			mix_web(f, k);
		else
			mix_official(f);
		if (f->steps % CHECK_EVERY == 0 || f->steps == steps) {
			check_item(f, "12");
			check_item(f, "31");
		}
	}
	/* the mix reached every path */
	assert_int_equal(report_build(f->c, "12", REPORT_SOUMS, &r), 0);
	print_message("%d steps: %d SMS, %d USSD keys (%lld acts), %d web, %d erasures, "
	    "%d analysed, %d labels, %d quotes, %d deletes; item 12: %lld participants, "
	    "%lld votes, %lld comments, %zu campaigns, %zu days, %zu soum rows\n",
	    steps, f->did[D_SMS], f->did[D_USSD], (long long)db_query_int(
	    consult_db(f->c), "SELECT count(*) FROM audit WHERE channel = 'ussd' AND "
	    "action IN ('vote', 'article_vote', 'comment', 'sign')"), f->did[D_WEB],
	    f->did[D_ERASE],
	    f->did[D_ANALYSED], f->did[D_LABEL], f->did[D_QUOTE], f->did[D_DELETE],
	    (long long)r.participants, (long long)(r.support + r.oppose),
	    (long long)r.comments, r.ncampaigns, r.ndays, r.nsoums);
	if (steps >= STEPS) {
		assert_true(f->did[D_ERASE] > 0 && f->did[D_LABEL] > 0 &&
		    f->did[D_QUOTE] > 0 && f->did[D_DELETE] > 0);
		assert_true(r.ndays > 3 && r.nsoums > 0 && r.nquotes > 0);
		assert_true(r.methods.human > 0 && r.methods.campaign_copies > 0);
		for (k = 0; k < (int)r.narticles; k++)
			if (r.articles[k].support + r.articles[k].oppose > 0)
				break;
		assert_true(k < (int)r.narticles);		/* article votes */
		assert_true(db_query_int(consult_db(f->c), "SELECT count(*) FROM audit "
		    "WHERE channel = 'ussd' AND action IN ('vote', 'article_vote', "
		    "'comment', 'sign')") > 10);
		assert_true(db_query_int(consult_db(f->c), "SELECT count(*) FROM tally "
		    "WHERE item_id = 1 AND channel = 'web' AND n > 0") > 0);
		if (f->analysis) {
			assert_true(f->did[D_ANALYSED] > 0 && r.ncampaigns > 0);
			assert_true(r.methods.macro_f1 > 0 && r.methods.macro_f1 <= 1);
			assert_true(r.methods.f1_rows > 0);
		}
	}
	report_free(&r);
}

/* --- migration 5 on a database that already holds rows ----------------------- */

static void
exec(sqlite3 *h, const char *sql)
{
	char	*err = NULL;

	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
}

static void
test_backfill(void **state)
{
	struct fixture	*f = *state;
	struct report	 r;
	sqlite3		*h;
	char		*path = xasprintf("%s/old.db", f->dir), *cause = NULL, *sql;
	int		 i;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	for (i = 0; i < 4; i++)
		exec(h, db_migrations[i]);
	exec(h, "PRAGMA user_version = 4");
	sql = xasprintf("INSERT INTO item VALUES (1, '12', 'consultation', 0, "
	    "4000000000, 0, 'auto', '%s', 0)", doc12);
	exec(h, sql);
	free(sql);
	exec(h, "INSERT INTO article (item_id, number, pos) VALUES (1, '3', 1), "
	    "(1, '4', 2), (1, '5', 3), (1, '7', 4)");
	exec(h, "INSERT INTO participant (id, created, aimag) VALUES (1, 0, '67'), "
	    "(2, 0, '21'), (3, 0, NULL), (4, 0, '67')");
	exec(h, "INSERT INTO vote VALUES (1, 1, 'support', 'sms', 1767200000), "
	    "(1, 2, 'oppose', 'ussd', 1767290000), (1, 3, 'support', 'web', 1767400000)");
	exec(h, "INSERT INTO article_vote VALUES (1, '3', 1, 'support', 'ussd', 0), "
	    "(1, '3', 4, 'oppose', 'web', 0), (1, '5', 4, 'support', 'web', 0)");
	exec(h, "INSERT INTO comment (id, item_id, article, participant_id, channel, "
	    "text_raw, text_norm, ts, stance, topic, campaign_id) VALUES "
	    "(1, 1, '3', 1, 'sms', 'Төлбөр өндөр 99112233', 'x', 1767200000, 'oppose', "
	    "'fees', 1), (2, 1, '3', 2, 'sms', 'Төлбөр өндөр', 'x', 1767250000, "
	    "'oppose', 'fees', 1), (3, 1, NULL, 4, 'web', 'Сайн', 'x', 1767400000, "
	    "NULL, NULL, NULL), (4, 1, '4', 2, 'sms', 'Асуулт', 'x', 1767400000, "
	    "'question', 'water', 4)");
	exec(h, "INSERT INTO comment_label VALUES (4, 'amend', 'roads', 'Bat', 0)");
	exec(h, "INSERT INTO tally VALUES (1, 'support', 'sms', '67', 1), "
	    "(1, 'oppose', 'ussd', '21', 1), (1, 'support', 'web', '', 1), "
	    "(1, 'comment', 'sms', '67', 1), (1, 'comment', 'sms', '21', 2), "
	    "(1, 'comment', 'web', '67', 1)");
	sqlite3_close(h);
	consult_close(f->c);
	sql = xasprintf("%s.key", path);
	if (keyring_create(sql, &cause) != 0 ||
	    consult_open(path, 1, &f->c, &cause) != 0)
		fail_msg("consult_open: %s", cause);
	free(sql);
	free(path);
	f->steps = 0;
	check_item(f, "12");
	assert_int_equal(report_build(f->c, "12", 0, &r), 0);
	assert_int_equal(r.participants, 4);
	assert_int_equal(r.ncampaigns, 1);
	assert_int_equal(r.campaigns[0].n, 2);
	assert_string_equal(r.campaigns[0].text, "Төлбөр өндөр [дугаар]");
	assert_string_equal(r.campaigns[0].channels, "sms");
	assert_int_equal(r.campaigns[0].aimags, 2);
	assert_int_equal(r.methods.human, 1);
	assert_int_equal(r.methods.unclassified, 1);
	assert_int_equal(r.methods.campaign_copies, 1);
	assert_int_equal(r.ndays, 3);
	assert_string_equal(r.days[0].day, "2026-01-01");
	assert_string_equal(r.articles[0].number, "3");	/* busiest */
	assert_string_equal(r.articles[0].title, "Бэлчээр ашиглалтын төлбөр");
	assert_int_equal(r.articles[0].by_stance[1], 2);
	assert_string_equal(r.articles[0].topic[0], "fees");
	assert_null(r.articles[3].title);		/* no Mongolian title */
	report_free(&r);
}

/* Article votes from people first..first+n-1, support the first s of them. */
static void
article_votes(struct fixture *f, const char *article, int first, int n, int s)
{
	struct db_actor	 a = { 0, "", "web", T0 };
	int		 i;

	assert_int_equal(consult_begin(f->c), 0);
	for (i = 0; i < n; i++) {
		a.pid = first + i;
		assert_int_equal(db_article_vote(consult_db(f->c), 1, article, &a,
		    i < s ? "support" : "oppose"), 0);
	}
	assert_int_equal(consult_commit(f->c), 0);
}

/* The contested flag of article number in r. */
static int
contested(const struct report *r, const char *number)
{
	size_t	i;

	for (i = 0; i < r->narticles; i++)
		if (strcmp(r->articles[i].number, number) == 0)
			return r->articles[i].contested;
	fail_msg("no article %s", number);
	return -1;
}

/* Contested: support strictly within 40–60 % of at least REPORT_CONTESTED_MIN votes. */
static void
test_contested(void **state)
{
	struct fixture	*f = *state;
	struct report	 r;
	int		 i;

	for (i = 1; i <= 200; i++)
		exec_sql(f, xasprintf("INSERT INTO participant (id, created) VALUES (%d, 0)",
		    i));
	article_votes(f, "3", 1, 30, 13);		/* 43 %: contested */
	article_votes(f, "4", 31, 30, 12);		/* 40 %: not */
	article_votes(f, "5", 61, 30, 18);		/* 60 %: not */
	article_votes(f, "7", 91, 29, 14);		/* 48 % of 29: too few */
	f->steps = 0;
	check_item(f, "12");
	assert_int_equal(report_build(f->c, "12", 0, &r), 0);
	assert_int_equal(contested(&r, "3"), 1);
	assert_int_equal(contested(&r, "4"), 0);
	assert_int_equal(contested(&r, "5"), 0);
	assert_int_equal(contested(&r, "7"), 0);
	assert_string_equal(r.articles[3].number, "7");	/* 29 votes: the least busy */
	report_free(&r);
	article_votes(f, "7", 120, 1, 1);		/* 15 of 30 */
	article_votes(f, "5", 61, 1, 0);		/* 17 of 30: the first changes */
	check_item(f, "12");
	assert_int_equal(report_build(f->c, "12", 0, &r), 0);
	assert_int_equal(contested(&r, "7"), 1);
	assert_int_equal(contested(&r, "5"), 1);
	assert_int_equal(r.participants, 120);
	report_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_mix, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backfill, setup_plain, teardown),
		cmocka_unit_test_setup_teardown(test_contested, setup_plain, teardown),
	};

	return cmocka_run_group_tests(tests, testmsg_setup, testmsg_teardown);
}
