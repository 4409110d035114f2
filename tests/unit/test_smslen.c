/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for analytics/smslen.c: which texts are GSM-7, what the extension
 * table costs, the one-message limits (160 septets, 70 UTF-16 units) and their
 * neighbours, and how many parts a long text takes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "common.h"
#include "analytics.h"

/* Returns n copies of the UTF-8 string unit. Caller frees. */
static char *
repeat(const char *unit, size_t n)
{
	struct buf	 b;

	buf_init(&b);
	while (n-- > 0)
		buf_adds(&b, unit);
	return buf_steal(&b);
}

/* Checks units and segments of n copies of unit. */
static void
check_repeat(const char *unit, size_t n, size_t units, int segments)
{
	char	*s = repeat(unit, n);

	assert_int_equal(sms_units(s), units);
	assert_int_equal(sms_segments(s), segments);
	free(s);
}

/* The GSM alphabet: ASCII, the accented letters it has, Greek capitals. */
static void
test_gsm7_alphabet(void **state)
{
	(void)state;
	assert_true(sms_is_gsm7(""));
	assert_true(sms_is_gsm7("Sanal: 12 tiim, @home $5 _x_ #1 \"q\" 'a' (b)\r\n"));
	assert_true(sms_is_gsm7("Övörkhangai Sükhbaatar ÄÖÑÜ§¿äöñüà £¥èéùìòÇØøÅåÆæßÉ¤¡"));
	assert_true(sms_is_gsm7("ΔΦΓΛΩΠΨΣΘΞ"));
	assert_true(sms_is_gsm7("€{}[]\\^~|"));
	assert_false(sms_is_gsm7("Өвөл"));
	assert_false(sms_is_gsm7("a`b"));
	assert_false(sms_is_gsm7("tab\there"));
	assert_false(sms_is_gsm7("ô"));
	assert_false(sms_is_gsm7("α"));			/* Greek small letters are not */
	assert_false(sms_is_gsm7("ok \xf0\x9f\x91\x8d"));	/* emoji */
	assert_false(sms_is_gsm7("bad \xff"));
}

/* Extension characters count two septets. */
static void
test_extension(void **state)
{
	(void)state;
	assert_int_equal(sms_units("€"), 2);
	assert_int_equal(sms_units("{x}"), 5);
	assert_int_equal(sms_units("a[b]c\\d^e~f|g"), 19);
	assert_int_equal(sms_char_septets('{'), 2);
	assert_int_equal(sms_char_septets('A'), 1);
	assert_int_equal(sms_char_septets(0x20ac), 2);
	assert_int_equal(sms_char_septets(0x00e9), 1);
	assert_int_equal(sms_char_septets(0x04e9), 0);
	check_repeat("€", 80, 160, 1);
	check_repeat("€", 81, 162, 2);
	check_repeat("a", 159, 159, 1);
	assert_int_equal(sms_segments("a€"), 1);
}

/* GSM-7: 160 septets in one message, 161 need two parts. */
static void
test_gsm7_boundaries(void **state)
{
	(void)state;
	check_repeat("a", 160, 160, 1);
	check_repeat("a", 161, 161, 2);
	check_repeat("a", 306, 306, 2);
	check_repeat("a", 307, 307, 3);
	check_repeat("a", 459, 459, 3);
	check_repeat("a", 460, 460, 4);
}

/* An escape pair does not straddle two parts. */
static void
test_gsm7_no_split(void **state)
{
	char	*a = repeat("a", 152), *s;

	(void)state;
	s = xasprintf("%s€%s", a, a);	/* 152 + 2 + 152 = 306 septets */
	assert_int_equal(sms_units(s), 306);
	assert_int_equal(sms_segments(s), 3);
	free(s);
	free(a);
}

/* UCS-2: 70 units in one message, 71 need two parts of 67. */
static void
test_ucs2_boundaries(void **state)
{
	(void)state;
	check_repeat("ө", 70, 70, 1);
	check_repeat("ө", 71, 71, 2);
	check_repeat("ө", 134, 134, 2);
	check_repeat("ө", 135, 135, 3);
	check_repeat("€ө", 35, 70, 1);		/* € costs 1 unit in UCS-2 */
	check_repeat("a", 69, 69, 1);
	check_repeat("\xf0\x9f\x91\x8d", 35, 70, 1);	/* surrogate pairs */
	check_repeat("\xf0\x9f\x91\x8d", 36, 72, 2);
	check_repeat("\xf0\x9f\x91\x8d", 67, 134, 3);	/* 33 pairs per part */
}

/* One Cyrillic letter turns a Latin text into UCS-2. */
static void
test_mixed(void **state)
{
	char	*a = repeat("a", 69), *s;

	(void)state;
	s = xasprintf("%sө", a);
	assert_int_equal(sms_units(s), 70);
	assert_int_equal(sms_segments(s), 1);
	free(s);
	s = xasprintf("%saө", a);
	assert_int_equal(sms_segments(s), 2);
	free(s);
	free(a);
	assert_int_equal(sms_units(NULL), 0);
	assert_int_equal(sms_segments(NULL), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gsm7_alphabet),
		cmocka_unit_test(test_extension),
		cmocka_unit_test(test_gsm7_boundaries),
		cmocka_unit_test(test_gsm7_no_split),
		cmocka_unit_test(test_ucs2_boundaries),
		cmocka_unit_test(test_mixed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
