/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for analytics/normalise.c and analytics/utf8.c: look-alike
 * repair inside Cyrillic words, NFC, case folding, old substitutes for Ө and
 * Ү, whitespace, numbers that must survive untouched, invalid UTF-8, script
 * detection and the Kazakh test. Tables of {input, expected}.
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

static const struct {
	const char	*in;
	const char	*want;
} norm_cases[] = {
	/* Latin look-alikes inside Cyrillic words (p, x are Latin). */
	{ "Дотууp байрны төлбөр нэмэx нь", "дотуур байрны төлбөр нэмэх нь" },
	{ "ТИЙM", "тийм" },				/* Latin M */
	{ "XЭЛ en", "хэл en" },				/* Latin X */
	{ "ЖАГCААЛТ", "жагсаалт" },			/* Latin C */
	{ "БYРТГЭЛ Хөвсгөл", "бүртгэл хөвсгөл" },	/* Latin Y = Ү */
	{ "бyс", "бус" },				/* Latin y = у */
	{ "HЭMЭX", "нэмэх" },				/* Latin H M X */
	{ "TEKBEP", "tekbep" },				/* Latin only: stays */
	{ "Дэмжинэ OK", "дэмжинэ ok" },			/* Latin word stays */
	{ "pls тусламж", "pls тусламж" },
	{ "Кирилл-abc", "кирилл-abc" },			/* hyphen splits words */
	/* Case folding. */
	{ "ЗОГС", "зогс" },
	{ "ҮГҮЙ", "үгүй" },
	{ "Tiim", "tiim" },
	{ "ӨВӨРХАНГАЙ", "өвөрхангай" },
	/* NFC: decomposed й (и + U+0306) and ё (е + U+0308). */
	{ "тии\xcc\x86м", "тийм" },
	{ "е\xcc\x88", "ё" },
	/* Old substitutes. */
	{ "Ѳвөрхангай", "өвөрхангай" },
	{ "ѳндөр", "өндөр" },
	{ "ƟМНӨГОВЬ", "өмнөговь" },
	{ "Ӧлгий", "өлгий" },
	{ "Ӱгүй", "үгүй" },
	{ "Їгїй", "үгүй" },
	{ "О\xcc\x88лгий", "өлгий" },			/* О + U+0308 → Ӧ → ө */
	/* Kazakh letters kept (folded only). */
	{ "Қазақ тілі", "қазақ тілі" },
	{ "ӘҒҚҢҰҺІ", "әғқңұһі" },
	/* Whitespace. */
	{ "  12    тийм  ", "12 тийм" },
	{ "12\t\n\r тийм", "12 тийм" },
	{ "12\xc2\xa0тийм", "12 тийм" },		/* no-break space */
	{ "12\xe2\x80\x8bтийм", "12 тийм" },		/* zero-width space */
	{ "   ", "" },
	{ "", "" },
	/* Digits, phones, USSD, punctuation kept. */
	{ "+976 99112233", "+976 99112233" },
	{ "*123#", "*123#" },
	{ "*131*1#", "*131*1#" },
	{ "12, тийм!", "12, тийм!" },
	{ "100-аас 2.5%", "100-аас 2.5%" },
};

static const char *const invalid_cases[] = {
	"\xff",
	"abc\xc3",			/* truncated */
	"\xc0\xaf",			/* overlong '/' */
	"\xe0\x80\xaf",			/* overlong */
	"\xed\xa0\x80",			/* surrogate */
	"\xf4\x90\x80\x80",		/* above U+10FFFF */
	"\xd1\x82\xd0",			/* т then a cut sequence */
	"\x80",				/* lone continuation */
};

static const struct {
	const char	*in;
	enum script	 want;
} script_cases[] = {
	{ "", SCRIPT_NONE },
	{ "12 *123# +976", SCRIPT_NONE },
	{ "12 тийм", SCRIPT_CYRILLIC },
	{ "Дотууp байрны төлбөр нэмэx нь", SCRIPT_CYRILLIC },
	{ "12 tiim", SCRIPT_LATIN },
	{ "Khövsgöl aimag", SCRIPT_LATIN },
	{ "Дэмжинэ OK", SCRIPT_MIXED },
	{ "Сургуулийн автобус heregtei bna", SCRIPT_MIXED },
	{ "Қазақ тілі", SCRIPT_CYRILLIC },
	{ "\xff", SCRIPT_NONE },
};

static const struct {
	const char	*in;
	int		 want;
} kazakh_cases[] = {
	{ "Сәлеметсіз бе", 1 },
	{ "Жол салу керек, рақмет", 1 },
	{ "ҚАЗАҚ", 1 },
	{ "Ұлы", 1 },
	{ "Сайн байна уу", 0 },
	{ "Өмнөговь, Үүрэг", 0 },		/* Ө Ү are Mongolian too */
	{ "Ikh Tamir", 0 },			/* Latin I is not Kazakh І */
	{ "", 0 },
	{ "\xd2\x9b\xff", 0 },			/* қ then garbage: invalid */
};

/* Every table row normalises to its expected form. */
static void
test_normalise_table(void **state)
{
	size_t	 i;
	char	*out;
	int	 same;

	(void)state;
	for (i = 0; i < nitems(norm_cases); i++) {
		out = normalise_text(norm_cases[i].in);
		assert_non_null(out);
		same = strcmp(out, norm_cases[i].want) == 0;
		if (!same)
			print_error("row %zu: \"%s\" -> \"%s\", want \"%s\"\n",
			    i, norm_cases[i].in, out, norm_cases[i].want);
		free(out);
		assert_true(same);
	}
}

/* Normalising twice changes nothing more. */
static void
test_normalise_idempotent(void **state)
{
	size_t	 i;
	char	*once, *twice;

	(void)state;
	for (i = 0; i < nitems(norm_cases); i++) {
		once = normalise_text(norm_cases[i].in);
		twice = normalise_text(once);
		assert_non_null(twice);
		assert_string_equal(once, twice);
		free(once);
		free(twice);
	}
}

/* Invalid UTF-8 (and NULL) give NULL. */
static void
test_normalise_invalid(void **state)
{
	size_t	 i;

	(void)state;
	for (i = 0; i < nitems(invalid_cases); i++) {
		assert_null(normalise_text(invalid_cases[i]));
		assert_int_equal(utf8_valid(invalid_cases[i],
		    strlen(invalid_cases[i])), 0);
	}
	assert_null(normalise_text(NULL));
}

/* utf8_valid accepts good text and rejects an embedded NUL. */
static void
test_utf8_valid(void **state)
{
	(void)state;
	assert_int_equal(utf8_valid("тийм 12 ü 😀", strlen("тийм 12 ü 😀")), 1);
	assert_int_equal(utf8_valid("", 0), 1);
	assert_int_equal(utf8_valid("ab\0cd", 5), 0);
	assert_int_equal(utf8_valid("\xef\xbf\xbf", 3), 1);	/* U+FFFF */
	assert_int_equal(utf8_valid("\xf4\x8f\xbf\xbf", 4), 1);	/* U+10FFFF */
}

/* utf8_chars counts code points, utf8_truncate cuts on their boundaries. */
static void
test_utf8_chars_truncate(void **state)
{
	char	*s;

	(void)state;
	assert_int_equal(utf8_chars(""), 0);
	assert_int_equal(utf8_chars("abc"), 3);
	assert_int_equal(utf8_chars("тийм"), 4);
	assert_int_equal(utf8_chars("ө😀a"), 3);
	s = utf8_truncate("төлбөр", 3);
	assert_string_equal(s, "төл");
	free(s);
	s = utf8_truncate("ab", 5);
	assert_string_equal(s, "ab");
	free(s);
	s = utf8_truncate("😀😀", 1);
	assert_string_equal(s, "😀");
	free(s);
	s = utf8_truncate("abc", 0);
	assert_string_equal(s, "");
	free(s);
}

/* script_detect table. */
static void
test_script_detect(void **state)
{
	size_t	 i;

	(void)state;
	for (i = 0; i < nitems(script_cases); i++)
		if (script_detect(script_cases[i].in) != script_cases[i].want)
			fail_msg("row %zu: \"%s\" -> %d, want %d", i,
			    script_cases[i].in,
			    (int)script_detect(script_cases[i].in),
			    (int)script_cases[i].want);
}

/* text_is_kazakh table. */
static void
test_text_is_kazakh(void **state)
{
	size_t	 i;

	(void)state;
	for (i = 0; i < nitems(kazakh_cases); i++)
		if (text_is_kazakh(kazakh_cases[i].in) != kazakh_cases[i].want)
			fail_msg("row %zu: \"%s\"", i, kazakh_cases[i].in);
}

/* text_next_token splits letter runs from digit runs and skips the rest. */
static void
test_next_token(void **state)
{
	static const char *const want[] = {
		"12", "тийм", "3", "р", "зүйл", "ти\xcc\x86м", "123", "OK"
	};
	const char	*in = " 12,тийм! 3-р зүйл ти\xcc\x86м *123# OK?";
	size_t		 pos = 0, start, end, n = 0;

	(void)state;
	while (text_next_token(in, &pos, &start, &end)) {
		assert_true(n < nitems(want));
		assert_int_equal(end - start, strlen(want[n]));
		assert_memory_equal(in + start, want[n], end - start);
		assert_int_equal(pos, end);
		n++;
	}
	assert_int_equal(n, nitems(want));
	assert_int_equal(pos, strlen(in));
	pos = 0;
	assert_int_equal(text_next_token(" ,.!? ", &pos, &start, &end), 0);
	assert_int_equal(pos, 6);
	pos = 0;
	assert_int_equal(text_next_token("", &pos, &start, &end), 0);
}

/* A long message (more than ICU's first guess at the size) survives. */
static void
test_normalise_long(void **state)
{
	char	*in, *out;
	size_t	 i, n = 4000;

	(void)state;
	in = xmalloc(n * 2 + 1);
	for (i = 0; i < n; i++)
		memcpy(in + i * 2, "\xc3\x9f", 2);	/* ß folds to ss */
	in[n * 2] = '\0';
	out = normalise_text(in);
	assert_non_null(out);
	assert_int_equal(strlen(out), n * 2);
	assert_int_equal(out[0], 's');
	free(in);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalise_table),
		cmocka_unit_test(test_normalise_idempotent),
		cmocka_unit_test(test_normalise_invalid),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_chars_truncate),
		cmocka_unit_test(test_script_detect),
		cmocka_unit_test(test_text_is_kazakh),
		cmocka_unit_test(test_next_token),
		cmocka_unit_test(test_normalise_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
