/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for consult/quote.c. quote_scrub hides phone numbers in every
 * shape people write them (+976, 00976, spaces, dashes, dots, brackets, a
 * no-break space), e-mail addresses and runs of six digits or more, and
 * keeps everything else byte for byte, Cyrillic included; random strings
 * never leave six digits together, never read past the end (ASan), and
 * scrubbing twice changes nothing. Then, on a real database: the candidates
 * the rule picks (confident, not campaign copies, not erased, not too short,
 * spread over aimags and channels, approved first, a label winning), and
 * approving and withdrawing (scrubbed, audited, shown by report_build).
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

#define P	"[дугаар]"
#define E	"[и-мэйл]"

static const struct {
	const char	*in, *want;
} scrubs[] = {
	{ "Утас 99112233 руу залгаарай", "Утас " P " руу залгаарай" },
	{ "99112233", P },
	{ "+97699112233", P },
	{ "+976 9911 2233", P },
	{ "+976-99-11-22-33 энэ", P " энэ" },
	{ "(976) 9911-2233.", P "." },
	{ "00976 88112233,", P "," },
	{ "976 88 11 22 33", P },
	{ "99.11.22.33", P },
	{ "9911 2233 бол минийх", P " бол минийх" },
	{ "8811\xc2\xa0" "2233", P },
	{ "тел:99112233", "тел:" P },
	{ "ID123456789", "ID" P },
	{ "1 2 3 4 5 6", P },
	{ "70 11 22", P },
	{ "12345", "12345" },
	{ "2024 онд 15 хувь", "2024 онд 15 хувь" },
	{ "3-р зүйл, 4-р зүйл", "3-р зүйл, 4-р зүйл" },
	{ "1.5 сая", "1.5 сая" },
	{ "bat.dorj@gmail.com", E },
	{ "Имэйл: bat_dorj+x@mail.gov.mn.", "Имэйл: " E "." },
	{ "<b@x.mn>", "<" E ">" },
	{ "99112233@mail.mn", E },
	{ "a@b", "a@b" },
	{ "a@b.c", "a@b.c" },
	{ "@gmail.com", "@gmail.com" },
	{ "bat@", "bat@" },
	{ "bat@x.", "bat@x." },
	{ "Бэлчээрийн төлбөр хэт өндөр байна", "Бэлчээрийн төлбөр хэт өндөр байна" },
	{ "belcheeriin tulbur het undur", "belcheeriin tulbur het undur" },
	{ "", "" },
	{ "+", "+" },
	{ "(", "(" },
	{ "9911 ", "9911 " },
	{ "99112233 ба 88112233", P " ба " P },
	{ "9911\xe2\x80\x93" "2233", P },		/* en dash */
	{ "9911\xe2\x80\x94" "2233 руу", P " руу" },	/* em dash */
	{ "9911,2233", P },
	{ "9911_2233", P },
	{ "9911    2233", P },			/* four spaces */
	{ "9911 - 2233", P },
	{ "9911\xe2\x80\xaf" "2233", P },		/* narrow no-break space */
	{ "99\xe2\x88\x92" "11\xe2\x88\x92" "22 33", P },	/* minus signs */
	{ "5, 6 дугаар зүйл", "5, 6 дугаар зүйл" },	/* short numbers stay */
};

static void
test_scrub(void **state)
{
	char	*s;
	size_t	 i;

	(void)state;
	for (i = 0; i < nitems(scrubs); i++) {
		s = quote_scrub(scrubs[i].in);
		if (strcmp(s, scrubs[i].want) != 0)
			fail_msg("scrub \"%s\": got \"%s\", want \"%s\"", scrubs[i].in, s,
			    scrubs[i].want);
		free(s);
	}
}

/* 1 if s holds six ASCII digits in a row. */
static int
six_digits(const char *s)
{
	int	run = 0;

	for (; *s != '\0'; s++)
		if ((run = *s >= '0' && *s <= '9' ? run + 1 : 0) >= 6)
			return 1;
	return 0;
}

/* Random strings of the bytes scrubbing looks at, each in a buffer of its own size. */
static void
test_scrub_random(void **state)
{
	static const char *const parts[] = { "9", "1", "0", " ", "-", ".", "(", ")",
	    "+", "@", "a", "Z", "_", "\xc2\xa0", "б", "ө", "\xc2", "mn", "/" };
	unsigned	 seed = 6;
	char		*in, *once, *twice;
	struct buf	 b;
	int		 i, k, n;

	(void)state;
	for (i = 0; i < 20000; i++) {
		buf_init(&b);
		seed = seed * 1103515245u + 12345u;
		n = (int)((seed >> 16) % 24);
		for (k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			buf_adds(&b, parts[(seed >> 16) % nitems(parts)]);
		}
		in = xmalloc(b.len + 1);	/* exactly its size: ASan sees overruns */
		memcpy(in, b.data ? b.data : "", b.len + 1);
		buf_free(&b);
		once = quote_scrub(in);
		twice = quote_scrub(once);
		if (six_digits(once) || strcmp(once, twice) != 0)
			fail_msg("\"%s\" -> \"%s\" -> \"%s\"", in, once, twice);
		free(in);
		free(once);
		free(twice);
	}
}

struct fixture {
	char		*dir;
	struct consult	*c;
	int64_t		 now;
};

static int
setup(void **state)
{
	static const char *const arts[] = { "3", "4" };
	struct fixture	*f = xcalloc(1, sizeof *f);
	char		*path, *cause = NULL;
	struct item_def	 d = { "12", "consultation", 0, 0, 0, "{}", arts, 2 };

	if ((f->dir = testdir_make("test_quote")) == NULL)
		return -1;
	path = xasprintf("%s/sanal.db", f->dir);
	if (consult_open(path, 1, &f->c, &cause) != 0)
		fail_msg("consult_open: %s", cause);
	free(path);
	f->now = clock_unix();
	d.opens = f->now - 86400;
	d.closes = f->now + 86400 * 30;
	if (item_add(f->c, &d, &cause) != 0)
		fail_msg("item_add: %s", cause);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	consult_close(f->c);
	testdir_remove(f->dir);
	free(f);
	return 0;
}

/* One SMS from phone, applied in its own transaction. */
static void
sms(struct fixture *f, const char *phone, const char *text)
{
	struct inbound	 in = { "sms", phone, text, NULL, NULL, f->now++ };
	const char	*command;
	char		*reply = NULL;

	assert_int_equal(consult_begin(f->c), 0);
	assert_int_equal(apply_inbound(f->c, &in, &reply, &command), APPLY_DONE);
	assert_int_equal(consult_commit(f->c), 0);
	free(reply);
}

/* The participant id of phone (which has sent an SMS). */
static int64_t
pid_of(struct fixture *f, const char *phone)
{
	struct db_participant	p;
	unsigned char		hash[HASH_LEN];
	char			e164[PHONE_MAX];

	assert_int_equal(phone_normalise(phone, e164), 0);
	keyring_hash(consult_keyring(f->c), e164, hash);
	assert_int_equal(db_participant_find(consult_db(f->c), hash, HASH_LEN, &p), 0);
	return p.id;
}

/*
 * A comment on 12 from phone by SMS or the web, then filed as analysis
 * would; campaign 0: its own. Returns its id.
 */
static int64_t
comment(struct fixture *f, const char *phone, const char *text, int web,
    const char *stance, double confidence, int64_t campaign)
{
	struct db_comment	 cm = { 0 };
	struct db		*db = consult_db(f->c);
	int64_t			 id, receipt;

	sms(f, phone, "ХЭЛ mn");
	if (web) {
		assert_int_equal(consult_begin(f->c), 0);
		assert_int_equal(web_comment(f->c, pid_of(f, phone), "12", NULL, text,
		    f->now++, &receipt), 0);
		assert_int_equal(consult_commit(f->c), 0);
	} else {
		char *sms_text = xasprintf("12 %s", text);

		sms(f, phone, sms_text);
		free(sms_text);
	}
	id = db_query_int(db, "SELECT max(id) FROM comment");
	cm.raw = cm.norm = text;
	cm.script = "cyr";
	cm.stance = stance;
	cm.topic = "fees";
	cm.confidence = confidence;
	assert_int_equal(consult_begin(f->c), 0);
	assert_int_equal(db_comment_analysed(db, id, &cm, campaign ? campaign : id), 0);
	assert_int_equal(consult_commit(f->c), 0);
	return id;
}

/* The candidates' ids in order, as "1 5 7". */
static void
candidates(struct fixture *f, int per, char *out, size_t len)
{
	struct quote_candidate	*v;
	size_t			 n, i, at = 0;

	assert_int_equal(quote_candidates(f->c, "12", per, &v, &n), 0);
	out[0] = '\0';
	for (i = 0; i < n; i++)
		at += (size_t)snprintf(out + at, len - at, "%s%lld%s", i ? " " : "",
		    (long long)v[i].comment_id, v[i].approved ? "*" : "");
	quote_candidates_free(v, n);
}

static void
test_candidates(void **state)
{
	struct fixture	*f = *state;
	struct db	*db = consult_db(f->c);
	struct report	 r;
	char		 got[256], want[256], *cause = NULL;
	int64_t		 a, b, c, w, g, h;

	sms(f, "99110001", "БҮРТГЭЛ Хөвсгөл");
	sms(f, "99110002", "БҮРТГЭЛ Хөвсгөл");
	sms(f, "99110003", "БҮРТГЭЛ Дорнод");
	sms(f, "99110008", "БҮРТГЭЛ Хөвсгөл");
	a = comment(f, "99110001", "Бэлчээрийн төлбөр хэт өндөр байна, 99112233", 0,
	    "oppose", 0.9, 0);
	b = comment(f, "99110002", "Төлбөрийг бууруулах хэрэгтэй гэж бодож байна", 0,
	    "oppose", 0.8, 0);
	c = comment(f, "99110003", "Малчдад төлбөр хэт их ачаа болно шүү", 0,
	    "oppose", 0.5, 0);
	w = comment(f, "99110008", "Төлбөрийн хэмжээг хэт өндөр тогтоожээ", 1,
	    "oppose", 0.6, 0);
	comment(f, "99110004", "Бэлчээрийн төлбөр хэт өндөр байна, 99112233", 0,
	    "oppose", 0.99, a);				/* a campaign copy */
	comment(f, "99110005", "Өндөр байна", 0, "oppose", 0.99, 0);	/* short */
	g = comment(f, "99110006", "Төлбөр хэт өндөр, бууруулаач ээ", 0, "oppose",
	    0.95, 0);
	sms(f, "99110006", "УСТГА");			/* g's author erased */
	h = comment(f, "99110007", "Төлбөрийн журмыг дэмжиж байна, зөв шийдвэр", 0,
	    "oppose", 0.3, 0);
	/* h labelled support leaves the oppose cell, with confidence 1 */
	assert_int_equal(comment_label(f->c, h, "support", "fees", "Bat", f->now,
	    &cause), 0);
	/* oppose × fees: a (0.9, Хөвсгөл, sms), w (the web), c (Дорнод), not b */
	snprintf(want, sizeof want, "%lld %lld %lld %lld", (long long)h, (long long)a,
	    (long long)w, (long long)c);
	candidates(f, 3, got, sizeof got);
	assert_string_equal(got, want);
	snprintf(want, sizeof want, "%lld %lld %lld %lld %lld", (long long)h,
	    (long long)a, (long long)b, (long long)w, (long long)c);
	candidates(f, 20, got, sizeof got);
	assert_string_equal(got, want);
	/* approved ones first; what is left prefers a new aimag or channel */
	assert_int_equal(quote_approve(f->c, b, NULL, "Bat", f->now, &cause), 0);
	snprintf(want, sizeof want, "%lld %lld* %lld", (long long)h, (long long)b,
	    (long long)w);
	candidates(f, 2, got, sizeof got);
	assert_string_equal(got, want);
	/* a's number is scrubbed, and so is a text given */
	assert_int_equal(quote_approve(f->c, a, NULL, "Bat", f->now, &cause), 0);
	assert_int_equal(quote_approve(f->c, c, "Малчдад хэт их, bat@mail.mn",
	    "Dorj", f->now, &cause), 0);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM quote WHERE text = "
	    "'Бэлчээрийн төлбөр хэт өндөр байна, " P "'"), 1);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM quote WHERE text = "
	    "'Малчдад хэт их, " E "' AND official = 'Dorj'"), 1);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM audit WHERE action = "
	    "'quote_approve' AND item_code = '12' AND detail LIKE 'comment % by Bat'"), 2);
	/* the report shows the three, with who approved them */
	assert_int_equal(report_build(f->c, "12", 0, &r), 0);
	assert_int_equal(r.nquotes, 3);
	assert_int_equal(r.quotes[0].comment_id, a);	/* by stance, topic, time */
	assert_string_equal(r.quotes[0].stance, "oppose");
	assert_string_equal(r.quotes[0].topic, "fees");
	assert_string_equal(r.quotes[0].aimag, "67");
	assert_string_equal(r.quotes[0].channel, "sms");
	assert_string_equal(r.quotes[0].approved_by, "Bat");
	assert_null(strstr(r.quotes[0].text, "99112233"));
	report_free(&r);
	/* withdrawn: gone from the report, audited; twice is an error */
	assert_int_equal(quote_withdraw(f->c, a, "Bat", f->now, &cause), 0);
	assert_int_equal(quote_withdraw(f->c, a, "Bat", f->now, &cause), -1);
	assert_non_null(strstr(cause, "not an approved quote"));
	free(cause);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM audit WHERE action = "
	    "'quote_withdraw' AND detail LIKE 'comment % by Bat'"), 1);
	assert_int_equal(report_build(f->c, "12", 0, &r), 0);
	assert_int_equal(r.nquotes, 2);
	report_free(&r);
	/* refused: no comment, an erased author, no official, an empty text */
	assert_int_equal(quote_approve(f->c, 9999, NULL, "Bat", f->now, &cause), -1);
	free(cause);
	assert_int_equal(quote_approve(f->c, g, NULL, "Bat", f->now, &cause), -1);
	free(cause);
	assert_int_equal(quote_approve(f->c, b, NULL, "", f->now, &cause), -1);
	free(cause);
	assert_int_equal(quote_approve(f->c, b, "", "Bat", f->now, &cause), -1);
	free(cause);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM quote"), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scrub),
		cmocka_unit_test(test_scrub_random),
		cmocka_unit_test_setup_teardown(test_candidates, setup, teardown),
	};

	return cmocka_run_group_tests(tests, testmsg_setup, testmsg_teardown);
}
