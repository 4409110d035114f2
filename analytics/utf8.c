/* SPDX-License-Identifier: ISC */
/*
 * Small UTF-8 helpers that need no ICU: strict validation (no overlong forms,
 * no surrogates, nothing above U+10FFFF, no NUL), counting code points and
 * cutting a string at a code point boundary. Everything that arrives from a
 * phone or a form is validated here before it goes further.
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "analytics.h"

/* Length of the sequence that lead byte c starts, or 0 if c cannot lead one. */
static size_t
utf8_seqlen(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	if (c >= 0xe0 && c <= 0xef)
		return 3;
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	return 0;
}

/* Lowest and highest allowed second byte after lead byte c. */
static void
utf8_second(unsigned char c, unsigned char *lo, unsigned char *hi)
{
	*lo = 0x80;
	*hi = 0xbf;
	if (c == 0xe0)
		*lo = 0xa0;		/* overlong */
	else if (c == 0xed)
		*hi = 0x9f;		/* surrogates */
	else if (c == 0xf0)
		*lo = 0x90;		/* overlong */
	else if (c == 0xf4)
		*hi = 0x8f;		/* above U+10FFFF */
}

/* Returns the length of the valid sequence at p (n bytes left), or 0. */
static size_t
utf8_seq_ok(const unsigned char *p, size_t n)
{
	unsigned char	 lo, hi;
	size_t		 len, i;

	if ((len = utf8_seqlen(p[0])) == 0 || len > n)
		return 0;
	if (len == 1)
		return p[0] != '\0';
	utf8_second(p[0], &lo, &hi);
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

/* 1 if the len bytes at s are valid UTF-8 without NUL, else 0. */
int
utf8_valid(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n;

	if (s == NULL)
		return 0;
	while (len > 0) {
		if ((n = utf8_seq_ok(p, len)) == 0)
			return 0;
		p += n;
		len -= n;
	}
	return 1;
}

/* Number of code points in s (continuation bytes are not counted). */
size_t
utf8_chars(const char *s)
{
	size_t	 n = 0;

	if (s == NULL)
		return 0;
	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* Copy of the first maxchars code points of s. Caller frees. */
char *
utf8_truncate(const char *s, size_t maxchars)
{
	size_t	 i, n = 0;

	if (s == NULL)
		return xstrdup("");
	for (i = 0; s[i] != '\0'; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (n == maxchars)
				break;
			n++;
		}
	}
	return xstrndup(s, i);
}
