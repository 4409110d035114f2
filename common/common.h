/* SPDX-License-Identifier: ISC */
/*
 * Helpers every module may use: allocation wrappers that abort on out-of-memory,
 * logging with printf checking, and the clock. Nothing here knows a third-party
 * library.
 */
#ifndef SANAL_COMMON_H
#define SANAL_COMMON_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define nitems(a) (sizeof(a) / sizeof((a)[0]))
#define PRINTFLIKE(a, b) __attribute__((format(printf, a, b)))

/* xmalloc.c: never return NULL; abort with a message on out-of-memory. */
void		*xmalloc(size_t);
void		*xcalloc(size_t, size_t);
void		*xrealloc(void *, size_t);
char		*xstrdup(const char *);
char		*xstrndup(const char *, size_t);
char		*xasprintf(const char *, ...) PRINTFLIKE(1, 2);

/* buf.c: a growable byte buffer, always NUL-terminated. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};
void		 buf_init(struct buf *);
void		 buf_add(struct buf *, const void *, size_t);
void		 buf_adds(struct buf *, const char *);
void		 buf_addf(struct buf *, const char *, ...) PRINTFLIKE(2, 3);
char		*buf_steal(struct buf *);	/* Caller frees; buf is empty after. */
void		 buf_free(struct buf *);

/* log.c: lines go to stderr with a level and a timestamp. Never log a phone number. */
enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };
void		 log_init(const char *progname, enum log_level min);
void		 log_debug(const char *, ...) PRINTFLIKE(1, 2);
void		 log_info(const char *, ...) PRINTFLIKE(1, 2);
void		 log_warn(const char *, ...) PRINTFLIKE(1, 2);
void		 log_error(const char *, ...) PRINTFLIKE(1, 2);
void		 fatal(const char *, ...) PRINTFLIKE(1, 2) __attribute__((noreturn));

/* clock.c */
int64_t		 clock_unix(void);		/* seconds since the epoch; SANAL_NOW overrides */
double		 clock_mono(void);		/* monotonic seconds */
int		 clock_parse_iso8601(const char *, int64_t *);	/* 0 or -1 */
void		 clock_format_ub(int64_t, char *, size_t);	/* "YYYY-MM-DD HH:MM" in UTC+8 */

#endif
