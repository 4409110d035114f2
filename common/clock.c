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

/* Accepts YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] with Z, ±HH:MM or no zone (taken as UTC+8). */
int
clock_parse_iso8601(const char *s, int64_t *out)
{
	int	 y, mo, d, h = 0, mi = 0, sec = 0, n = 0, zh = 8, zm = 0;
	char	 sign = '+';
	const char *p;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3)
		return -1;
	p = s + n;
	if (*p == 'T' || *p == ' ') {
		n = 0;
		if (sscanf(p + 1, "%2d:%2d%n", &h, &mi, &n) != 2)
			return -1;
		p += 1 + n;
		if (*p == ':') {
			n = 0;
			if (sscanf(p + 1, "%2d%n", &sec, &n) != 1)
				return -1;
			p += 1 + n;
		}
	}
	if (*p == 'Z') {
		zh = zm = 0;
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p;
		n = 0;
		if (sscanf(p + 1, "%2d:%2d%n", &zh, &zm, &n) != 2)
			return -1;
		p += 1 + n;
	}
	if (*p != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || sec > 60)
		return -1;
	*out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
	*out -= (sign == '-' ? -1 : 1) * (zh * 3600 + zm * 60);
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
