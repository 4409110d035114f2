/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for analytics/tokens.c: hyphenated place names and numbers with
 * suffixes stay one token, stems meet across inflections, negation survives
 * stemming (дэмжихгүй, хэрэггүй, "X биш", "битгий X"), the fallback stemmer
 * strips suffixes longest first, and the output never overflows.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "common.h"
#include "analytics.h"
#include "testutil.h"

/* Splits text with lex and returns the count; words into t. */
static size_t
split(struct lexicon *lex, const char *text, struct token *t, size_t max)
{
	struct tokens	*tk = tokens_new(lex);
	size_t		 n = tokens_split(tk, text, t, max);

	tokens_free(tk);
	return n;
}

static void
test_hyphen_number(void **state)
{
	struct token	 t[16];
	size_t		 n;

	n = split(*state, "дархан-уул, баян-өлгий 100-аас 3-р уих-аар 2.5 *123#",
	    t, 16);
	assert_int_equal(n, 7);
	assert_string_equal(t[0].word, "дархан-уул");
	assert_string_equal(t[1].word, "баян-өлгий");
	assert_string_equal(t[2].word, "100-аас");
	assert_true(t[2].flags & TOKEN_NUM);
	assert_string_equal(t[2].stem, "#");
	assert_string_equal(t[3].word, "3-р");
	assert_true(t[3].flags & TOKEN_NUM);
	assert_string_equal(t[4].word, "уих-аар");
	assert_false(t[4].flags & TOKEN_NUM);
	assert_string_equal(t[5].word, "2.5");
	assert_string_equal(t[6].word, "123");
	/* A dash between spaces is no joiner. */
	n = split(*state, "зам - гүүр", t, 16);
	assert_int_equal(n, 2);
}

/* The stem of one word. */
static void
stem_of(struct lexicon *lex, const char *word, char *out)
{
	struct token	 t[4];

	assert_int_equal(split(lex, word, t, 4), 1);
	strcpy(out, t[0].stem);
}

/* Negation with lexicon lex: the negated stem is the positive one + "+NEG". */
static void
check_negation(struct lexicon *lex)
{
	char	 pos[TOKEN_LEN], neg[TOKEN_LEN], want[TOKEN_LEN + 8];

	stem_of(lex, "дэмжинэ", pos);
	stem_of(lex, "дэмжихгүй", neg);
	assert_string_equal(pos, "дэмж");
	snprintf(want, sizeof want, "%s+NEG", pos);
	assert_string_equal(neg, want);
	stem_of(lex, "хэрэгтэй", pos);
	stem_of(lex, "хэрэггүй", neg);
	assert_string_equal(pos, "хэрэг");
	assert_string_equal(neg, "хэрэг+NEG");
	stem_of(lex, "үгүй", neg);			/* too short to strip */
	assert_null(strstr(neg, "+NEG"));
}

static void
test_negation_suffix(void **state)
{
	check_negation(*state);
	check_negation(NULL);
}

static void
test_negation_words(void **state)
{
	struct token	 t[8];
	size_t		 n;

	n = split(*state, "эмч биш зам хэрэгтэй", t, 8);
	assert_int_equal(n, 4);
	assert_string_equal(t[0].stem, "эмч+NEG");
	assert_true(t[0].flags & TOKEN_NEG);
	assert_false(t[2].flags & TOKEN_NEG);
	assert_false(t[3].flags & TOKEN_NEG);
	n = split(*state, "битгий нэм", t, 8);
	assert_int_equal(n, 2);
	assert_true(t[1].flags & TOKEN_NEG);
	assert_non_null(strstr(t[1].stem, "+NEG"));
	n = split(*state, "биш", t, 8);		/* nothing before it */
	assert_int_equal(n, 1);
	assert_false(t[0].flags & TOKEN_NEG);
	n = split(*state, "demjihgui", t, 8);		/* Latin left as typed */
	assert_int_equal(n, 1);
	assert_string_equal(t[0].stem, "demjih+NEG");
	assert_true(t[0].flags & TOKEN_LATIN);
}

static void
test_fallback(void **state)
{
	static const struct {
		const char	*word;
		const char	*stem;
	} cases[] = {
		{ "замыг", "зам" }, { "замын", "зам" }, { "дэмжинэ", "дэмж" },
		{ "дэмжих", "дэмж" }, { "төлбөрийн", "төлбөр" },
		{ "сургуульд", "сургуул" }, { "сургуулийн", "сургуул" },
		{ "малчдаас", "малчд" }, { "нэмээч", "нэм" }, { "эмч", "эмч" },
		{ "ус", "ус" }, { "online", "online" },
	};
	char	 out[TOKEN_LEN];
	size_t	 i;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		tokens_fallback_stem(cases[i].word, out, sizeof out);
		assert_string_equal(out, cases[i].stem);
	}
}

static void
test_stems_meet(void **state)
{
	char	 a[TOKEN_LEN], b[TOKEN_LEN];

	stem_of(*state, "хуулийн", a);
	stem_of(*state, "хууль", b);
	assert_string_equal(a, b);
	stem_of(*state, "бэлчээрийн", a);
	assert_string_equal(a, "бэлчээр");
}

static void
test_bounds(void **state)
{
	struct token	 t[3];
	char		 longword[400];
	size_t		 n, i;

	n = split(*state, "нэг хоёр гурав дөрөв тав", t, 3);
	assert_int_equal(n, 3);
	for (i = 0; i + 2 < sizeof longword; i += 2)
		memcpy(longword + i, "ө", 2);
	longword[i] = '\0';
	n = split(*state, longword, t, 3);
	assert_int_equal(n, 1);
	assert_true(strlen(t[0].word) < TOKEN_LEN);
	assert_true(utf8_valid(t[0].word, strlen(t[0].word)));
	assert_int_equal(split(*state, "", t, 3), 0);
	assert_int_equal(split(*state, " ?! ", t, 3), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hyphen_number),
		cmocka_unit_test(test_negation_suffix),
		cmocka_unit_test(test_negation_words),
		cmocka_unit_test(test_fallback),
		cmocka_unit_test(test_stems_meet),
		cmocka_unit_test(test_bounds),
	};

	return cmocka_run_group_tests(tests, testlex_setup, testlex_teardown);
}
