/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for the USSD menu (consult/ussd*.c) against a real database, with
 * items as long as a consultation file allows: six-digit codes, long titles
 * without title_short, long questions, summaries and article texts in mn, kk
 * and en, a seven-digit threshold. Every screen of every language and script,
 * error variants included, must fit one USSD string: 75 UTF-16 units when it
 * holds a character outside GSM-7, else 160 septets; Latin readers must get
 * GSM-7 only. A scripted tour checks the main paths and what they store; a
 * seeded random walk then presses keys for a few thousand steps per language.
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

#define DAY		86400
#define WALK_STEPS	2500

struct fixture {
	char		*dir;
	struct consult	*c;
	int64_t		 now;
	char		 text[8192];	/* the session's inputs so far */
	char		*screen;	/* the last answer */
	char		 id[4];		/* its screen id */
	int		 end, wrong;
	int		 steps;
};

/* Words repeated to n characters or more: long texts in one language. */
static void
add_long(struct buf *b, const char *lang, const char *words, size_t n)
{
	size_t	start;

	buf_addf(b, "\"%s\": \"", lang);
	start = b->len;
	while (b->len - start < n)
		buf_addf(b, "%s ", words);
	buf_adds(b, "\"");
}

/* A consultation file with every text long, in three languages. */
static char *
long_doc(void)
{
	static const char *const mn = "Бэлчээрийг хамгаалах, зохистой ашиглах тухай";
	static const char *const kk = "Жайылымдарды қорғау және тиімді пайдалану";
	static const char *const en = "Protection and sustainable use of pastureland";
	static const char *const fields[] = { "title", "question", "summary" };
	static const size_t lens[] = { 60, 90, 700 };
	struct buf	b;
	size_t		i;

	buf_init(&b);
	buf_adds(&b, "{");
	for (i = 0; i < nitems(fields); i++) {
		buf_addf(&b, "\"%s\": {", fields[i]);
		add_long(&b, "mn", mn, lens[i]);
		buf_adds(&b, ", ");
		add_long(&b, "kk", kk, lens[i]);
		buf_adds(&b, ", ");
		add_long(&b, "en", en, lens[i]);
		buf_adds(&b, "}, ");
	}
	buf_adds(&b, "\"articles\": [");
	for (i = 0; i < 12; i++) {
		buf_addf(&b, "%s{\"number\": \"%s\", \"title\": {", i ? ", " : "",
		    i == 11 ? "123456" : (char[8]){ (char)('1' + i % 9), 0 });
		add_long(&b, "mn", mn, 50);
		buf_adds(&b, ", ");
		add_long(&b, "en", en, 50);
		buf_adds(&b, "}, \"text\": {");
		add_long(&b, "mn", mn, 1000);
		buf_adds(&b, ", ");
		add_long(&b, "en", en, 1000);
		buf_adds(&b, "}}");
	}
	buf_adds(&b, "]}");
	return buf_steal(&b);
}

/* Sends one input (NULL: a new session), checks the answer's budget and script. */
static void
press(struct fixture *f, const char *session, const char *phone, const char *input,
    int *latin)
{
	struct ussd_req		rq = { 0 };
	struct ussd_reply	r;
	enum apply_result	res;
	size_t			units, limit;

	if (input == NULL || f->end)
		f->text[0] = '\0';
	if (input != NULL && strlen(f->text) + strlen(input) + 2 < sizeof f->text) {
		if (f->text[0] != '\0')
			strcat(f->text, "*");
		strcat(f->text, input);
	}
	rq.door = USSD_HTTP;
	rq.phone = phone;
	rq.session = session;
	rq.service = "*1234#";
	rq.text = f->text;
	rq.now = f->now;
	assert_int_equal(consult_begin(f->c), 0);
	res = ussd_step(f->c, &rq, &r);
	assert_int_equal(consult_commit(f->c), 0);
	if (res != APPLY_DONE && res != APPLY_REPEAT)
		fail_msg("step %d (%s): result %d", f->steps, f->text, (int)res);
	units = sms_units(r.text);
	limit = sms_is_gsm7(r.text) ? 160 : 75;
	if (units > limit)
		fail_msg("%s: screen %s is %zu units, over %zu:\n%s", session, r.screen,
		    units, limit, r.text);
	if (getenv("TEST_USSD_TRACE") != NULL)
		print_message("%-6s %-4s -> %s\n", session, input ? input : "-", r.screen);
	if (strcmp(f->id, "L0") == 0 && input != NULL && !r.wrong)	/* a language chosen */
		*latin = strcmp(input, "2") == 0 || strcmp(input, "4") == 0;
	if (*latin && strcmp(r.screen, "L0") != 0 && !sms_is_gsm7(r.text))
		fail_msg("%s: screen %s is not GSM-7 for a Latin reader:\n%s", session,
		    r.screen, r.text);
	free(f->screen);
	f->screen = r.text;
	snprintf(f->id, sizeof f->id, "%s", r.screen);
	f->end = r.end;
	f->wrong = r.wrong;
	f->steps++;
}

/* Presses keys in order; the last screen must be want. */
static void
tour(struct fixture *f, const char *session, const char *phone, int *latin,
    const char *const *keys, const char *want)
{
	for (; *keys != NULL; keys++) {
		press(f, session, phone, *keys, latin);
		if (!f->end && strcmp(f->id, "C7") != 0) {	/* the error variant too */
			press(f, session, phone, "77", latin);
			assert_true(f->wrong);
			assert_false(f->end);
		}
	}
	if (strcmp(f->id, want) != 0)
		fail_msg("%s: ended on %s, not %s:\n%s", session, f->id, want, f->screen);
}

static int
setup(void **state)
{
	static const char *const arts[] = { "1", "2", "3", "4", "5", "6", "7", "8",
	    "9", "1", "2", "123456" };
	struct fixture	*f = xcalloc(1, sizeof *f);
	char		*doc = long_doc(), *path, *cause = NULL;
	struct item_def	 d = { "999999", "consultation", 0, 0, 0, doc, arts, 9 };
	struct item_def	 p = { "999998", "petition", 0, 0, 9999999, doc, arts, 9 };

	if ((f->dir = testdir_make("test_ussd")) == NULL)
		return -1;
	path = xasprintf("%s/sanal.db", f->dir);
	if (consult_open(path, 1, &f->c, &cause) != 0)
		fail_msg("consult_open: %s", cause);
	free(path);
	f->now = clock_unix();
	d.opens = p.opens = f->now - DAY;
	d.closes = p.closes = f->now + 30 * DAY;
	if (item_add(f->c, &d, &cause) != 0 || item_add(f->c, &p, &cause) != 0)
		fail_msg("item_add: %s", cause);
	free(doc);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	consult_close(f->c);
	free(f->screen);
	testdir_remove(f->dir);
	free(f);
	return 0;
}

static const char *const langs[] = { "1", "2", "3", "4" };	/* mn, mn latin, kk, en */

/* Every screen of the tree, in each language: votes, comments, pages, places. */
static void
test_tour(void **state)
{
	static const char *const vote[] = { "1", "1", "1", "1", "98", "1", "4", "0",
	    "0", "0", "2", "1", "2", "1", "1", "Бэлчээрийн * хуулийг дэмжиж байна", "1",
	    NULL };
	static const char *const article[] = { "1", "1", "3", "98", "98", "0", "1", "1",
	    "1", "1", "1", "1", "4", "0", "0", "0", "0", "0", "3", "1", "3", NULL };
	static const char *const sign[] = { "2", "1", "1", "0", "2", "1", NULL };
	static const char *const place[] = { "4", "3", "98", "1", "98", "2", "1", NULL };
	static const char *const capital[] = { "4", "1", "98", "3", "1", NULL };
	static const char *const mine[] = { "3", "1", "0", "0", "5", NULL };
	static const struct {
		const char *const	*keys;
		const char		*end;		/* the screen it ends on */
	} tours[] = { { vote, "EC" }, { article, "EV" }, { sign, "ES" },
	    { place, "EP" }, { capital, "EP" }, { mine, "L0" } };
	struct fixture	*f = *state;
	char		 phone[16], session[16];
	size_t		 l, t;

	for (l = 0; l < nitems(langs); l++) {
		int latin = 0;

		snprintf(phone, sizeof phone, "9911000%zu", l);
		snprintf(session, sizeof session, "tour%zu", l);
		press(f, session, phone, NULL, &latin);
		assert_string_equal(f->id, "L0");
		press(f, session, phone, langs[l], &latin);
		assert_string_equal(f->id, "M0");
		for (t = 0; t < nitems(tours); t++) {
			snprintf(session, sizeof session, "tour%zu-%zu", l, t);
			if (t > 0)
				press(f, session, phone, NULL, &latin);
			tour(f, session, phone, &latin, tours[t].keys, tours[t].end);
		}
	}
	/* one current vote per person, one signature, one comment each */
	assert_int_equal(db_tally_total(consult_db(f->c), 1, "support") +
	    db_tally_total(consult_db(f->c), 1, "oppose"), 4);
	assert_int_equal(db_tally_total(consult_db(f->c), 2, "signature"), 4);
	assert_int_equal(db_tally_total(consult_db(f->c), 1, "comment"), 4);
}

/* Random keys from several phones: every answer within budget, no errors. */
static void
test_walk(void **state)
{
	static const char *const keys[] = { "0", "00", "98", "1", "1", "2", "2", "3",
	    "4", "5", "6", "9", "77", "", "тийм", "Энэ хууль * малчдад ашигтай, гэхдээ "
	    "бэлчээрийн даац хэтэрсэн газарт хориг тавих хэрэгтэй. Сумын засаг дарга "
	    "хяналтаа сайжруулж, малчдын бүлэгтэй гэрээг жил бүр шинэчлэх ёстой." };
	struct fixture	*f = *state;
	char		 phone[16], session[24];
	unsigned	 seed = 20261127, l;
	int		 i, sessions = 0;

	for (l = 0; l < nitems(langs); l++) {
		int latin = 0;

		snprintf(phone, sizeof phone, "9922000%u", l);
		snprintf(session, sizeof session, "walk%u-%d", l, sessions++);
		press(f, session, phone, NULL, &latin);
		press(f, session, phone, langs[l], &latin);
		for (i = 0; i < WALK_STEPS; i++) {
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 16) % 40 == 0 || f->end) {	/* a drop, or a new call */
				snprintf(session, sizeof session, "walk%u-%d", l, sessions++);
				press(f, session, phone, NULL, &latin);
				continue;
			}
			press(f, session, phone, keys[(seed >> 16) % nitems(keys)], &latin);
		}
	}
	print_message("%d steps, %d sessions\n", f->steps, sessions);
}

static void
count_cb(const char *screen, void *arg)
{
	char	*last = arg;

	snprintf(last, 4, "%s", screen);
}

/* Rows of the outbox of one kind. */
static int64_t
outbox_count(struct fixture *f, const char *kind)
{
	struct buf	 b;
	int64_t		 n;

	buf_init(&b);
	buf_addf(&b, "SELECT count(*) FROM outbox WHERE kind = '%s'", kind);
	n = db_query_int(consult_db(f->c), b.data);
	buf_free(&b);
	return n;
}

/*
 * A dialogue dropped on the vote confirm screen: the sweep reports the screen
 * once and, with dial-back on, queues one SMS for the flow, never a second.
 */
static void
test_sweep(void **state)
{
	struct fixture	*f = *state;
	char		 last[4] = "";
	int		 latin = 0;

	press(f, "drop1", "99330001", NULL, &latin);
	press(f, "drop1", "99330001", "1", &latin);		/* Монгол */
	press(f, "drop1", "99330001", "1", &latin);
	press(f, "drop1", "99330001", "1", &latin);
	press(f, "drop1", "99330001", "2", &latin);
	press(f, "drop1", "99330001", "1", &latin);
	assert_string_equal(f->id, "C5");
	assert_int_equal(consult_begin(f->c), 0);
	assert_int_equal(ussd_sweep(f->c, f->now - 1, 1, count_cb, last), 0);
	assert_string_equal(last, "");				/* not idle yet */
	assert_int_equal(ussd_sweep(f->c, f->now + 1, 0, count_cb, last), 0);
	assert_int_equal(consult_commit(f->c), 0);
	assert_string_equal(last, "C5");
	assert_int_equal(outbox_count(f, "dialback"), 0);	/* dial-back off */
	/* the same drop is reported once; a new call resumes, drops again */
	last[0] = '\0';
	press(f, "drop2", "99330001", NULL, &latin);
	assert_string_equal(f->id, "RS");
	press(f, "drop2", "99330001", "1", &latin);
	assert_string_equal(f->id, "C5");
	f->now += 10;
	assert_int_equal(consult_begin(f->c), 0);
	assert_int_equal(ussd_sweep(f->c, f->now + 1, 1, count_cb, last), 0);
	assert_int_equal(ussd_sweep(f->c, f->now + 1, 1, count_cb, last), 0);
	assert_int_equal(consult_commit(f->c), 0);
	assert_string_equal(last, "C5");
	assert_int_equal(outbox_count(f, "dialback"), 1);
	press(f, "drop3", "99330001", NULL, &latin);
	press(f, "drop3", "99330001", "1", &latin);
	f->now += 10;
	assert_int_equal(consult_begin(f->c), 0);
	assert_int_equal(ussd_sweep(f->c, f->now + 1, 1, count_cb, last), 0);
	assert_int_equal(consult_commit(f->c), 0);
	assert_int_equal(outbox_count(f, "dialback"), 1);	/* one per flow */
	assert_int_equal(db_tally_total(consult_db(f->c), 1, "support"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tour, setup, teardown),
		cmocka_unit_test_setup_teardown(test_walk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sweep, setup, teardown),
	};

	return cmocka_run_group_tests(tests, testmsg_setup, testmsg_teardown);
}
