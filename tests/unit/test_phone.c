/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for consult/phone.c: Mongolian numbers in every way operators and
 * people write them come out as one E.164 number; foreign numbers keep their
 * country code; anything that is not a phone number is refused. One row per
 * input: {in, want}, want NULL meaning rejected.
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
#include "consult.h"

static const struct {
	const char	*in;
	const char	*want;
} cases[] = {
	/* Mongolian numbers. */
	{ "99112233", "+97699112233" },
	{ "+97699112233", "+97699112233" },
	{ "97699112233", "+97699112233" },
	{ "0097699112233", "+97699112233" },
	{ "+976 9911-2233", "+97699112233" },
	{ "(976) 99112233", "+97699112233" },
	{ "+976 (99) 11.22.33", "+97699112233" },
	{ "9911 2233", "+97699112233" },
	{ "  99112233  ", "+97699112233" },
	{ "00 976 9911 2233", "+97699112233" },
	{ "88001122", "+97688001122" },
	/* Foreign numbers keep their country code. */
	{ "+7 912 345 6789", "+79123456789" },
	{ "+86 138 0013 8000", "+8613800138000" },
	{ "0079123456789", "+79123456789" },
	{ "+12025550123", "+12025550123" },
	{ "+123456789012345", "+123456789012345" },	/* 15 digits: the most */
	{ "+12345678", "+12345678" },			/* 8 digits: the least */
	/* Not phone numbers. */
	{ "", NULL },
	{ "abc", NULL },
	{ "9911223a", NULL },
	{ "99112233x", NULL },
	{ "x99112233", NULL },
	{ "123", NULL },
	{ "1234567", NULL },
	{ "+1234567", NULL },
	{ "+976123", NULL },				/* too short for +976 */
	{ "+9761234567", NULL },
	{ "+976991122334", NULL },			/* too long for +976 */
	{ "0097612345", NULL },
	{ "+1234567890123456", NULL },			/* 16 digits */
	{ "+12345678901234567890123", NULL },
	{ "12345678901234567890", NULL },
	{ "++97699112233", NULL },
	{ "9911+2233", NULL },
	{ "+", NULL },
	{ "00", NULL },
	{ "99112233\n", NULL },
	{ "99112233;", NULL },
	{ "9911\xd0\xb0" "2233", NULL },			/* Cyrillic а */
	{ "\xd9\xa9\xd9\xa9" "112233", NULL },		/* Arabic-Indic digits */
};

/* Every row normalises as listed, or is refused. */
static void
test_phone_table(void **state)
{
	char	out[PHONE_MAX];
	size_t	i;
	int	rc;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		memset(out, 0, sizeof out);
		rc = phone_normalise(cases[i].in, out);
		if (cases[i].want == NULL && rc != -1)
			fail_msg("\"%s\" accepted as \"%s\"", cases[i].in, out);
		if (cases[i].want != NULL && rc != 0)
			fail_msg("\"%s\" rejected", cases[i].in);
		if (cases[i].want != NULL && strcmp(out, cases[i].want) != 0)
			fail_msg("\"%s\" -> \"%s\", want \"%s\"", cases[i].in, out,
			    cases[i].want);
	}
}

/* A normalised number is a fixed point: normalising it again changes nothing. */
static void
test_phone_idempotent(void **state)
{
	char	once[PHONE_MAX], twice[PHONE_MAX];
	size_t	i;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		if (cases[i].want == NULL)
			continue;
		assert_int_equal(phone_normalise(cases[i].in, once), 0);
		assert_int_equal(phone_normalise(once, twice), 0);
		assert_string_equal(once, twice);
		assert_true(strlen(once) < PHONE_MAX);
	}
}

/* Long runs of digits never write past the output (ASan checks the bounds). */
static void
test_phone_long(void **state)
{
	char	in[256], out[PHONE_MAX];
	size_t	n;

	(void)state;
	for (n = 1; n < sizeof in - 1; n++) {
		memset(in, '9', n);
		in[n] = '\0';
		assert_int_equal(phone_normalise(in, out) == 0, n == 8);
	}
	in[0] = '+';
	for (n = 2; n < sizeof in - 1; n++) {
		memset(in + 1, '7', n - 1);
		in[n] = '\0';
		assert_int_equal(phone_normalise(in, out) == 0,
		    n - 1 >= 8 && n - 1 <= 15);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phone_table),
		cmocka_unit_test(test_phone_idempotent),
		cmocka_unit_test(test_phone_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
