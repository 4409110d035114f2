/* SPDX-License-Identifier: ISC */
/*
 * How much an SMS costs. A text made only of characters from the GSM 03.38
 * default alphabet travels as 7-bit septets: 160 in one message, 153 per part
 * of a long one; characters from the extension table (€ { } [ ] \ ^ ~ | and
 * form feed) take an escape plus the character, two septets, and never
 * straddle two parts. Any other character forces UCS-2: 70 UTF-16 units in one
 * message, 67 per part, and a surrogate pair is kept in one part. Replies are
 * built to fit one message; the outbox uses these figures to pick the coding.
 */
#include <stddef.h>
#include <stdint.h>

#include <unicode/utf8.h>

#include "analytics.h"
#include "common.h"

#define GSM7_SINGLE	160
#define GSM7_PART	153
#define UCS2_SINGLE	70
#define UCS2_PART	67

/* Non-ASCII characters of the GSM 03.38 default alphabet (one septet each). */
static const uint16_t gsm7_basic[] = {
	0x00a1, 0x00a3, 0x00a4, 0x00a5, 0x00a7, 0x00bf, 0x00c4, 0x00c5,
	0x00c6, 0x00c7, 0x00c9, 0x00d1, 0x00d6, 0x00d8, 0x00dc, 0x00df,
	0x00e0, 0x00e4, 0x00e5, 0x00e6, 0x00e8, 0x00e9, 0x00ec, 0x00f1,
	0x00f2, 0x00f6, 0x00f8, 0x00f9, 0x00fc, 0x0393, 0x0394, 0x0398,
	0x039b, 0x039e, 0x03a0, 0x03a3, 0x03a6, 0x03a8, 0x03a9
};

/* Septets an ASCII character takes: 0 if it is not in the GSM alphabet. */
static int
ascii_septets(unsigned int c)
{
	switch (c) {
	case '\n':
	case '\r':
		return 1;
	case '\f':
	case '^':
	case '{':
	case '}':
	case '\\':
	case '[':
	case ']':
	case '~':
	case '|':
		return 2;
	case '`':
		return 0;
	default:
		return c >= 0x20 && c < 0x7f;
	}
}

/* Septets one code point takes in GSM-7: 1, 2 (extension table) or 0 (none). */
int
sms_char_septets(unsigned int cp)
{
	size_t	 lo = 0, hi = nitems(gsm7_basic), mid;

	if (cp < 0x80)
		return ascii_septets(cp);
	if (cp == 0x20ac)
		return 2;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (gsm7_basic[mid] == cp)
			return 1;
		if (gsm7_basic[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Decodes the next code point of s at *i; invalid bytes give U+FFFD. */
static UChar32
next_cp(const char *s, int32_t *i)
{
	UChar32	 c;

	U8_NEXT(s, *i, -1, c);
	return c < 0 ? 0xfffd : c;
}

/* 1 if every character of utf8 is in the GSM alphabet or its extension. */
int
sms_is_gsm7(const char *utf8)
{
	int32_t	 i = 0;

	if (utf8 == NULL)
		return 1;
	while (utf8[i] != '\0') {
		if (sms_char_septets((unsigned int)next_cp(utf8, &i)) == 0)
			return 0;
	}
	return 1;
}

/* Cost of one code point in the chosen coding. */
static size_t
char_units(UChar32 c, int gsm7)
{
	if (gsm7)
		return (size_t)sms_char_septets((unsigned int)c);
	return (size_t)U16_LENGTH(c);
}

/* Septets if the text is GSM-7, else UTF-16 units. */
size_t
sms_units(const char *utf8)
{
	int32_t	 i = 0;
	size_t	 n = 0;
	int	 gsm7;

	if (utf8 == NULL)
		return 0;
	gsm7 = sms_is_gsm7(utf8);
	while (utf8[i] != '\0')
		n += char_units(next_cp(utf8, &i), gsm7);
	return n;
}

/* Parts of a long message: fills each part, never splitting one character. */
static int
count_parts(const char *utf8, int gsm7)
{
	int32_t	 i = 0;
	size_t	 used = 0, u, part = gsm7 ? GSM7_PART : UCS2_PART;
	int	 parts = 1;

	while (utf8[i] != '\0') {
		u = char_units(next_cp(utf8, &i), gsm7);
		if (used + u > part) {
			parts++;
			used = 0;
		}
		used += u;
	}
	return parts;
}

/* Messages the text takes: 1 if it fits one, else the parts of a long one. */
int
sms_segments(const char *utf8)
{
	int	 gsm7;

	if (utf8 == NULL)
		return 1;
	gsm7 = sms_is_gsm7(utf8);
	if (sms_units(utf8) <= (gsm7 ? GSM7_SINGLE : UCS2_SINGLE))
		return 1;
	return count_parts(utf8, gsm7);
}
