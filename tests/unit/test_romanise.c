/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for analytics/romanise.c: Mongolian Cyrillic becomes MNS Latin
 * without diacritics, Kazakh letters and stray scripts never leave a character
 * outside GSM-7, Latin passes unchanged, and the cache survives a shutdown.
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

/* Romanises in and checks the result is want. */
static void
check(const char *in, const char *want)
{
	char	*out = romanise_text(in);

	assert_non_null(out);
	assert_string_equal(out, want);
	free(out);
}

/* Romanises in and checks the result is GSM-7 with no '?' unless allowed. */
static void
check_gsm7(const char *in, int qmarks_ok)
{
	char	*out = romanise_text(in);

	assert_non_null(out);
	print_message("%s -> %s\n", in, out);
	assert_true(sms_is_gsm7(out));
	if (!qmarks_ok)
		assert_null(strchr(out, '?'));
	free(out);
}

/* Mongolian words in MNS, ö/ü written o/u. */
static void
test_mongolian(void **state)
{
	(void)state;
	check("Өвөл хүн", "Ovol khun");
	check("Өвөл", "Ovol");
	check("Хөвсгөл, Мөрөн", "Khovsgol, Moron");
	check("Сонгинохайрхан", "Songinokhairkhan");
	check("Цагаан сар", "Tsagaan sar");
	check("Жаргал", "Jargal");
	check("12 тийм", "12 tiim");
	check("Санал 999999: дэмжсэн.", "Sanal 999999: demjsen.");
}

/* Every Mongolian and Kazakh letter, both cases, ends up GSM-7. */
static void
test_alphabets(void **state)
{
	(void)state;
	check_gsm7("АБВГДЕЁЖЗИЙКЛМНОӨПРСТУҮФХЦЧШЩЪЫЬЭЮЯ", 0);
	check_gsm7("абвгдеёжзийклмноөпрстуүфхцчшщъыьэюя", 0);
	check_gsm7("ӘҒҚҢҰҺІ әғқңұһі", 0);
	check_gsm7("Сәлем! Қазақша дауыс берілді. Бір-екі үш, Ұлан, Һ", 0);
	check_gsm7("Баян-Өлгий, Ногооннуур: ҚАҢ Ғалым", 0);
	check_gsm7("«Сайн» — №5 “quote” …", 0);
	check_gsm7("Ελληνικά, 中文, עברית", 1);
	check_gsm7("ok \xf0\x9f\x91\x8d", 1);
}

/* Kazakh letters get their usual Latin spelling. */
static void
test_kazakh(void **state)
{
	(void)state;
	check("қала", "qala");
	check("Әке", "Ake");		/* е after a consonant is e */
	check("Ер", "Yer");		/* word-initial е stays ye (MNS) */
	check("Мессеж «тийм»", "Messej \"tiim\"");
	check("ҚАҢ", "QANG");
	check("ҒЫЛЫМ", "GHYLYM");
	check("аң", "ang");
}

/* Text that is GSM-7 already is returned as it is. */
static void
test_latin(void **state)
{
	(void)state;
	check("", "");
	check("Sanal: send 12 tiim", "Sanal: send 12 tiim");
	check("Övörkhangai €{}", "Övörkhangai €{}");
	assert_null(romanise_text(NULL));
}

/* The transliterator is rebuilt after a shutdown. */
static void
test_shutdown(void **state)
{
	(void)state;
	check("хүн", "khun");
	romanise_shutdown();
	romanise_shutdown();
	check("хүн", "khun");
}

/* Frees the cache so ASan sees no leak. */
static int
teardown(void **state)
{
	(void)state;
	romanise_shutdown();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mongolian),
		cmocka_unit_test(test_alphabets),
		cmocka_unit_test(test_kazakh),
		cmocka_unit_test(test_latin),
		cmocka_unit_test(test_shutdown),
	};

	return cmocka_run_group_tests(tests, NULL, teardown);
}
