/* SPDX-License-Identifier: ISC */
/*
 * Phone numbers as people and operators write them, reduced to E.164 so that
 * one person is one participant whichever way the number arrives.
 */
#include <ctype.h>
#include <string.h>

#include "consult.h"

int
phone_normalise(const char *in, char out[PHONE_MAX])
{
	char		 digits[PHONE_MAX];
	size_t		 n = 0;
	int		 plus = 0;
	const char	*p;

	for (p = in; *p != '\0'; p++) {
		if (isdigit((unsigned char)*p)) {
			if (n + 1 >= sizeof digits)
				return -1;
			digits[n++] = *p;
		} else if (*p == '+' && n == 0 && !plus)
			plus = 1;
		else if (strchr(" -().", *p) == NULL)
			return -1;
	}
	digits[n] = '\0';
	if (!plus && n >= 2 && strncmp(digits, "00", 2) == 0) {
		memmove(digits, digits + 2, n - 1);
		n -= 2;
		plus = 1;
	}
	if (!plus && n == 8) {
		memcpy(out, "+976", 4);
		memcpy(out + 4, digits, 9);
		return 0;
	}
	if (!plus && n == 11 && strncmp(digits, "976", 3) == 0)
		plus = 1;
	if (!plus || n < 8 || n > 15 || (strncmp(digits, "976", 3) == 0 && n != 11))
		return -1;
	out[0] = '+';
	memcpy(out + 1, digits, n + 1);
	return 0;
}
