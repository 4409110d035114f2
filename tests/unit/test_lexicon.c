/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for analytics/lexicon.c: hunspell-mn answers (known words, stems
 * with the negation suffix left to tokens.c), the fallback stem for unknown
 * words, learned counts, and a clear cause when the dictionary is missing.
 * Tests that need hunspell-mn skip when it is not installed.
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

/* Opens the system lexicon, or skips the test. */
static struct lexicon *
open_or_skip(void)
{
	struct lexicon *lx;
	char *cause;

	if (lexicon_open(NULL, &lx, &cause) != 0) {
		free(cause);
		skip();
	}
	return lx;
}

/* A missing dictionary fails with a cause that says what to install. */
static void
test_missing(void **state)
{
	struct lexicon *lx = (void *)1;
	char *cause = NULL;

	(void)state;
	assert_int_equal(lexicon_open("/nonexistent", &lx, &cause), -1);
	assert_null(lx);
	assert_non_null(strstr(cause, "install hunspell-mn"));
	free(cause);
	lexicon_free(NULL);
}

/* Hunspell knows inflected words and not Latin or nonsense. */
static void
test_known(void **state)
{
	struct lexicon *lx = open_or_skip();

	(void)state;
	assert_true(lexicon_known(lx, "байна"));
	assert_true(lexicon_known(lx, "хуулийн"));
	assert_true(lexicon_known(lx, "нүүр"));
	assert_false(lexicon_known(lx, "сумийн"));
	assert_false(lexicon_known(lx, "baina"));
	assert_false(lexicon_known(lx, ""));
	assert_true(lexicon_known(lx, "байна"));		/* cached */
	lexicon_free(lx);
}

/* Stems from hunspell, and the fallback for unknown words. */
static void
test_stem(void **state)
{
	struct lexicon *lx = open_or_skip();
	char out[64];

	(void)state;
	assert_int_equal(lexicon_stem(lx, "хуулийн", out, sizeof(out)), 0);
	assert_string_equal(out, "хууль");
	assert_int_equal(lexicon_stem(lx, "сургуулийн", out, sizeof(out)), 0);
	assert_string_equal(out, "сургууль");
	assert_int_equal(lexicon_stem(lx, "ганбаатарын", out, sizeof(out)), 0);
	assert_string_equal(out, "ганбаатар");			/* fallback */
	assert_int_equal(lexicon_stem(lx, "хуулийн", out, 4), -1);	/* too small */
	assert_int_equal(lexicon_stem(NULL, "малчдын", out, sizeof(out)), 0);
	assert_string_equal(out, "малчд");
	lexicon_free(lx);
}

/* Learned counts add up and make a word known. */
static void
test_learn(void **state)
{
	struct lexicon *lx = open_or_skip();

	(void)state;
	assert_int_equal(lexicon_freq(lx, "цэрэндулам"), 0);
	assert_false(lexicon_known(lx, "цэрэндулам"));
	lexicon_learn(lx, "цэрэндулам", 2);
	lexicon_learn(lx, "цэрэндулам", 3);
	assert_int_equal(lexicon_freq(lx, "цэрэндулам"), 5);
	assert_true(lexicon_known(lx, "цэрэндулам"));
	assert_true(lexicon_freq(lx, "байна") > 0);		/* the prior */
	lexicon_learn(NULL, "x", 1);
	assert_int_equal(lexicon_freq(NULL, "x"), 0);
	lexicon_free(lx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_known),
		cmocka_unit_test(test_stem),
		cmocka_unit_test(test_learn),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
