/* SPDX-License-Identifier: ISC */
/*
 * Logging to stderr, one line per event, with the level and UTC time. Callers
 * must never pass a phone number: log the participant's short tag instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "common.h"

static const char	*log_name = "sanal";
static enum log_level	 log_min = LOG_INFO;

void
log_init(const char *progname, enum log_level min)
{
	log_name = progname;
	log_min = min;
}

static void __attribute__((format(printf, 2, 0)))
log_vwrite(enum log_level level, const char *fmt, va_list ap)
{
	static const char *names[] = { "debug", "info", "warn", "error" };
	char		 when[32];
	time_t		 t = time(NULL);
	struct tm	 tm;

	if (level < log_min)
		return;
	gmtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "%s %s[%s] ", when, log_name, names[level]);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

#define LOG_FN(fn, level)			\
void						\
fn(const char *fmt, ...)			\
{						\
	va_list	ap;				\
						\
	va_start(ap, fmt);			\
	log_vwrite(level, fmt, ap);		\
	va_end(ap);				\
}
LOG_FN(log_debug, LOG_DEBUG)
LOG_FN(log_info, LOG_INFO)
LOG_FN(log_warn, LOG_WARN)
LOG_FN(log_error, LOG_ERROR)

void
fatal(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(LOG_ERROR, fmt, ap);
	va_end(ap);
	exit(1);
}
