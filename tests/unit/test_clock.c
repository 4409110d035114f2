/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for common/clock.c: ISO 8601 dates as consultation files write
 * them (Z, numeric zones, no zone meaning Ulaanbaatar time, date only),
 * malformed dates rejected, Ulaanbaatar display time, and SANAL_NOW standing
 * in for the wall clock. Expected values were computed with date(1).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "common.h"

#define T2026	INT64_C(1767225600)	/* 2026-01-01T00:00:00Z */
#define HOUR	3600

static const struct {
	const char	*in;
	int64_t		 want;
} good[] = {
	{ "2026-01-01T00:00:00Z", T2026 },
	{ "2026-01-01T00:00Z", T2026 },
	{ "2026-01-01 00:00:00Z", T2026 },
	{ "2026-01-01T08:00:00+08:00", T2026 },
	{ "2026-01-01T08:00+08:00", T2026 },
	{ "2025-12-31T18:30:00-05:30", T2026 },
	{ "2026-01-01T08:00:00", T2026 },		/* no zone: UTC+8 */
	{ "2026-01-01T08:00", T2026 },
	{ "2026-01-01", T2026 - 8 * HOUR },		/* midnight in Ulaanbaatar */
	{ "2026-01-01Z", T2026 },
	{ "2026-03-15T10:30:45Z", INT64_C(1773570645) },
	{ "2024-02-29T00:00:00Z", INT64_C(1709164800) },	/* leap day */
	{ "1970-01-01T00:00:00Z", 0 },
	{ "2026-01-01T23:59:59Z", T2026 + 86399 },
};

static const char *const bad[] = {
	"",
	"garbage",
	"2026",
	"2026-01",
	"2026-13-01",
	"2026-00-10",
	"2026-01-00",
	"2026-01-32",
	"2026-02-30",			/* no such day */
	"2025-02-29",			/* not a leap year */
	"2026-04-31",
	"2026-01-01T24:00:00Z",
	"2026-01-01T10:60:00Z",
	"2026-01-01T10:00:61Z",
	"2026-01-01T-1:00Z",		/* negative hour */
	"2026-01-01T10:-5Z",
	"2026-01-01T10",
	"2026-01-01T",
	"2026-01-01T10:00:00 junk",
	"2026-01-01T10:00:00Zjunk",
	"2026-01-01T10:00:00+08:00x",
	"2026-01-01junk",
	"2026-01-01T10:00:00+0800",
	"2026-01-01T10:00:00+8",
	"2026-01-01T10:00:00+25:00",	/* no such zone */
	"2026-01-01T10:00:00+08:75",
	"2026-1-1",			/* fixed widths only */
	"2026-01-01T1:2Z",
	" 2026-01-01",
	"+2026-01-01",
	"2026-01-01T10:00:5Z",
};

/* Every well-formed date gives the instant date(1) gives. */
static void
test_clock_parse_good(void **state)
{
	int64_t	t;
	size_t	i;

	(void)state;
	for (i = 0; i < nitems(good); i++) {
		t = -1;
		if (clock_parse_iso8601(good[i].in, &t) != 0)
			fail_msg("\"%s\" rejected", good[i].in);
		if (t != good[i].want)
			fail_msg("\"%s\": %lld, want %lld", good[i].in,
			    (long long)t, (long long)good[i].want);
	}
}

/* Malformed or impossible dates are refused and leave the output alone. */
static void
test_clock_parse_bad(void **state)
{
	int64_t	t;
	size_t	i;

	(void)state;
	for (i = 0; i < nitems(bad); i++) {
		t = 42;
		if (clock_parse_iso8601(bad[i], &t) != -1)
			fail_msg("\"%s\" accepted as %lld", bad[i], (long long)t);
		assert_int_equal(t, 42);
	}
}

/* Display time is Ulaanbaatar's, UTC+8, with no daylight saving. */
static void
test_clock_format_ub(void **state)
{
	static const struct {
		int64_t		 t;
		const char	*want;
	} cases[] = {
		{ T2026, "2026-01-01 08:00" },
		{ T2026 - 8 * HOUR, "2026-01-01 00:00" },
		{ T2026 - 8 * HOUR - 60, "2025-12-31 23:59" },
		{ INT64_C(1773570645), "2026-03-15 18:30" },
		{ INT64_C(1719792000), "2024-07-01 08:00" },	/* summer: still +8 */
		{ 0, "1970-01-01 08:00" },
	};
	char	buf[32];
	size_t	i;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		memset(buf, 'x', sizeof buf);
		clock_format_ub(cases[i].t, buf, sizeof buf);
		assert_string_equal(buf, cases[i].want);
	}
}

/* A date formatted for display parses back to the same minute. */
static void
test_clock_roundtrip(void **state)
{
	char	buf[32];
	int64_t	t, back;

	(void)state;
	for (t = T2026 - 400 * 86400; t < T2026 + 400 * 86400; t += 86400 + 3 * 60) {
		clock_format_ub(t, buf, sizeof buf);
		assert_int_equal(clock_parse_iso8601(buf, &back), 0);
		assert_int_equal(back, t - t % 60);
	}
}

/* SANAL_NOW replaces the wall clock; unset or empty, the real time is back. */
static void
test_clock_sanal_now(void **state)
{
	int64_t	real;

	(void)state;
	assert_int_equal(setenv("SANAL_NOW", "1767225600", 1), 0);
	assert_int_equal(clock_unix(), T2026);
	assert_int_equal(setenv("SANAL_NOW", "12", 1), 0);
	assert_int_equal(clock_unix(), 12);
	assert_int_equal(setenv("SANAL_NOW", "", 1), 0);
	real = (int64_t)time(NULL);
	assert_true(clock_unix() >= real && clock_unix() <= real + 2);
	assert_int_equal(unsetenv("SANAL_NOW"), 0);
	real = (int64_t)time(NULL);
	assert_true(clock_unix() >= real && clock_unix() <= real + 2);
}

/* The monotonic clock never goes back. */
static void
test_clock_mono(void **state)
{
	double	a, b;

	(void)state;
	a = clock_mono();
	b = clock_mono();
	assert_true(a > 0);
	assert_true(b >= a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clock_parse_good),
		cmocka_unit_test(test_clock_parse_bad),
		cmocka_unit_test(test_clock_format_ub),
		cmocka_unit_test(test_clock_roundtrip),
		cmocka_unit_test(test_clock_sanal_now),
		cmocka_unit_test(test_clock_mono),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
