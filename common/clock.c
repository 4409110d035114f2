/* SPDX-License-Identifier: ISC */
/*
 * Time: wall clock (overridable by SANAL_NOW for tests of opening and closing
 * dates), monotonic time for latencies, ISO 8601 parsing for consultation files,
 * and Ulaanbaatar local time (UTC+8, no daylight saving since 2017) for display.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common.h"

int64_t
clock_unix(void)
{
	const char	*fake = getenv("SANAL_NOW");

	if (fake != NULL && *fake != '\0')
		return strtoll(fake, NULL, 10);
	return (int64_t)time(NULL);
}

double
clock_mono(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t		era;
	unsigned	yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/* Reads exactly n ASCII digits at *p into *out and advances *p; 0 or -1. */
static int
clock_digits(const char **p, int n, int *out)
{
	int	i;

	*out = 0;
	for (i = 0; i < n; i++) {
		if ((*p)[i] < '0' || (*p)[i] > '9')
			return -1;
		*out = *out * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return 0;
}

/* Reads "HH:MM" at *p; 0 or -1. */
static int
clock_hhmm(const char **p, int *h, int *m)
{
	if (clock_digits(p, 2, h) != 0 || **p != ':')
		return -1;
	(*p)++;
	return clock_digits(p, 2, m);
}

/* Days in month m of year y. */
static int
clock_mdays(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* Accepts YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] with Z, ±HH:MM or no zone (taken as UTC+8). */
int
clock_parse_iso8601(const char *s, int64_t *out)
{
	int		 y, mo, d, h = 0, mi = 0, sec = 0, zh = 8, zm = 0, sign = 1;
	const char	*p = s;

	if (clock_digits(&p, 4, &y) != 0 || *p++ != '-' ||
	    clock_digits(&p, 2, &mo) != 0 || *p++ != '-' ||
	    clock_digits(&p, 2, &d) != 0)
		return -1;
	if (*p == 'T' || *p == ' ') {
		p++;
		if (clock_hhmm(&p, &h, &mi) != 0)
			return -1;
		if (*p == ':' && (p++, clock_digits(&p, 2, &sec)) != 0)
			return -1;
	}
	if (*p == 'Z') {
		zh = zm = 0;
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p++ == '-' ? -1 : 1;
		if (clock_hhmm(&p, &zh, &zm) != 0 || zh > 14 || zm > 59)
			return -1;
	}
	if (*p != '\0' || mo < 1 || mo > 12 || d < 1 || d > clock_mdays(y, mo) ||
	    h > 23 || mi > 59 || sec > 60)
		return -1;
	*out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
	*out -= sign * (zh * 3600 + zm * 60);
	return 0;
}

void
clock_format_ub(int64_t t, char *out, size_t len)
{
	time_t		local = (time_t)(t + 8 * 3600);
	struct tm	tm;

	gmtime_r(&local, &tm);
	strftime(out, len, "%Y-%m-%d %H:%M", &tm);
}
