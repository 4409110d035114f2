/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for consult/gazetteer.c and the table gazetteer_gen.sh makes:
 * every aimag and the capital by its Cyrillic, MNS and ASCII name (listed
 * here by hand, not read back from the table), the usual variant spellings,
 * soums inside their aimag (including names that repeat across aimags),
 * capital districts, and words that are no place at all.
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
#include "smscmd.h"

static const struct {
	const char	*code;
	const char	*mn;
	const char	*mns;
	const char	*ascii;
} aimags[] = {
	{ "11", "Улаанбаатар", "Ulaanbaatar", "Ulaanbaatar" },
	{ "21", "Дорнод", "Dornod", "Dornod" },
	{ "22", "Сүхбаатар", "Sükhbaatar", "Sukhbaatar" },
	{ "23", "Хэнтий", "Khentii", "Khentii" },
	{ "41", "Төв", "Töv", "Tov" },
	{ "42", "Говьсүмбэр", "Govisümber", "Govisumber" },
	{ "43", "Сэлэнгэ", "Selenge", "Selenge" },
	{ "44", "Дорноговь", "Dornogovi", "Dornogovi" },
	{ "45", "Дархан-Уул", "Darkhan-Uul", "Darkhan-Uul" },
	{ "46", "Өмнөговь", "Ömnögovi", "Omnogovi" },
	{ "48", "Дундговь", "Dundgovi", "Dundgovi" },
	{ "61", "Орхон", "Orkhon", "Orkhon" },
	{ "62", "Өвөрхангай", "Övörkhangai", "Ovorkhangai" },
	{ "63", "Булган", "Bulgan", "Bulgan" },
	{ "64", "Баянхонгор", "Bayankhongor", "Bayankhongor" },
	{ "65", "Архангай", "Arkhangai", "Arkhangai" },
	{ "67", "Хөвсгөл", "Khövsgöl", "Khovsgol" },
	{ "81", "Завхан", "Zavkhan", "Zavkhan" },
	{ "82", "Говь-Алтай", "Govi-Altai", "Govi-Altai" },
	{ "83", "Баян-Өлгий", "Bayan-Ölgii", "Bayan-Olgii" },
	{ "84", "Ховд", "Khovd", "Khovd" },
	{ "85", "Увс", "Uvs", "Uvs" },
};

/* Input, return, aimag code, soum code. */
static const struct {
	const char	*in;
	int		 ret;
	const char	*aimag;
	const char	*soum;
} cases[] = {
	/* Variant spellings of aimags. */
	{ "Khuvsgul", 0, "67", "" },
	{ "Hovsgol", 0, "67", "" },
	{ "ХӨВСГӨЛ", 0, "67", "" },
	{ "хөвсгөл аймаг", 0, "67", "" },
	{ "Xөвсгөл", 0, "67", "" },			/* Latin X */
	{ "Ѳвөрхангай", 0, "62", "" },			/* old Ѳ */
	{ "Uvurkhangai", 0, "62", "" },
	{ "Uvurhangai", 0, "62", "" },
	{ "Umnugovi", 0, "46", "" },
	{ "Umnugobi", 0, "46", "" },			/* English "Gobi" */
	{ "Gobi-Altai", 0, "82", "" },
	{ "Zavkhab", -1, "", "" },			/* a typo is no place */
	{ "Tuv", 0, "41", "" },
	{ "Tuv aimag", 0, "41", "" },
	{ "Arhangai", 0, "65", "" },
	{ "Hovd", 0, "84", "" },
	{ "Hentii", 0, "23", "" },
	{ "Hentiy", 0, "23", "" },
	{ "Bayan-Olgii", 0, "83", "" },
	{ "Bayan Ulgii", 0, "83", "" },
	{ "Баян Өлгий", 0, "83", "" },
	{ "БАЯН-ӨЛГИЙ АЙМАГ", 0, "83", "" },
	{ "bayanulgii", 0, "83", "" },
	{ "Darhan uul", 0, "45", "" },
	{ "Govi Altai", 0, "82", "" },
	{ "Zavhan", 0, "81", "" },
	{ "Suhbaatar", 0, "22", "" },
	{ "Сүхбаатар", 0, "22", "" },
	{ "УБ", 0, "11", "" },
	{ "ub", 0, "11", "" },
	{ "Улаанбаатар хот", 0, "11", "" },
	{ "Ulanbator", 0, "11", "" },
	/* Soums inside their aimag. */
	{ "Хөвсгөл Мөрөн", 0, "67", "6701" },
	{ "Khuvsgul Murun", 0, "67", "6701" },
	{ "Khövsgöl aimag, Mörön sum", 0, "67", "6701" },
	{ "Хэнтий Мөрөн", 0, "23", "2340" },
	{ "Мөрөн, Хөвсгөл", 0, "67", "6701" },		/* soum first */
	{ "Сүхбаатар Баруун-Урт", 0, "22", "2201" },
	{ "Suhbaatar Baruun Urt", 0, "22", "2201" },
	{ "Сэлэнгэ Сүхбаатар сум", 0, "43", "4301" },
	{ "Говь-Алтай Алтай", 0, "82", "8204" },
	{ "Bayan-Olgii Altai", 0, "83", "8304" },
	{ "Ховд Алтай", 0, "84", "8404" },
	/* Булган and Жаргалант, six aimags each. */
	{ "Дорнод Булган", 0, "21", "2113" },
	{ "Өмнөговь Булган", 0, "46", "4610" },
	{ "Булган Булган", 0, "63", "6301" },
	{ "Arkhangai Bulgan", 0, "65", "6507" },
	{ "Баян-Өлгий Булган", 0, "83", "8316" },
	{ "Khovd Bulgan", 0, "84", "8407" },
	{ "Төв Жаргалант", 0, "41", "4149" },
	{ "Orhon Jargalant", 0, "61", "6104" },
	{ "Хөвсгөл Жаргалант", 0, "67", "6719" },
	{ "Hovd Jargalant", 0, "84", "8401" },
	/* Spellings that vary between official sources. */
	{ "Хэнтий Баян-Адрага", 0, "23", "2310" },
	{ "Хэнтий Баян-Адарга", 0, "23", "2310" },
	{ "Khentii Galshir", 0, "23", "2325" },
	{ "Архангай Их Тамир", 0, "65", "6513" },
	{ "Arkhangai Ikh Tamir", 0, "65", "6513" },
	/* Capital districts. */
	{ "УБ Сүхбаатар", 0, "11", "1119" },
	{ "Сүхбаатар дүүрэг", 0, "11", "1119" },
	{ "Ulaanbaatar Bayanzurkh", 0, "11", "1110" },
	{ "Баянзүрх", 0, "11", "1110" },
	{ "Songinokhairkhan duureg", 0, "11", "1116" },
	{ "UB Nalaih", 0, "11", "1113" },
	/* An aimag with a soum we do not know. */
	{ "Хөвсгөл Абракадабра", 1, "67", "" },
	{ "Uvs 5-r bag", 1, "85", "" },
	/* No place. */
	{ "Москва", -1, "", "" },
	{ "Мөрөн", -1, "", "" },			/* soum without aimag */
	{ "аймаг сум", -1, "", "" },
	{ "", -1, "", "" },
	{ "12345", -1, "", "" },
	{ "\xff\xfe", -1, "", "" },
};

/* Checks one lookup; prints the row before failing. */
static void
check(const char *in, int ret, const char *aimag, const char *soum)
{
	struct place	 p;
	int		 r;

	r = gazetteer_find(in, &p);
	if (r != ret || strcmp(p.aimag_code, aimag) != 0 ||
	    strcmp(p.soum_code, soum) != 0)
		fail_msg("\"%s\": %d \"%s\" \"%s\", want %d \"%s\" \"%s\"", in,
		    r, p.aimag_code, p.soum_code, ret, aimag, soum);
	if (*aimag != '\0')
		assert_string_equal(p.aimag_mn, gazetteer_aimag_name(aimag));
	else
		assert_null(p.aimag_mn);
	if (*soum == '\0')
		assert_null(p.soum_mn);
	else
		assert_non_null(p.soum_mn);
}

/* Every aimag and the capital by each of its three names. */
static void
test_gazetteer_aimags(void **state)
{
	size_t	 i;

	(void)state;
	for (i = 0; i < nitems(aimags); i++) {
		check(aimags[i].mn, 0, aimags[i].code, "");
		check(aimags[i].mns, 0, aimags[i].code, "");
		check(aimags[i].ascii, 0, aimags[i].code, "");
		assert_string_equal(gazetteer_aimag_name(aimags[i].code),
		    aimags[i].mn);
	}
}

/* The table rows of variants, soums, districts and non-places. */
static void
test_gazetteer_cases(void **state)
{
	size_t	 i;

	(void)state;
	for (i = 0; i < nitems(cases); i++)
		check(cases[i].in, cases[i].ret, cases[i].aimag, cases[i].soum);
}

/* Khuvsgul, Hovsgol and Хөвсгөл are one place. */
static void
test_gazetteer_same(void **state)
{
	struct place	 a, b, c;

	(void)state;
	assert_int_equal(gazetteer_find("Khuvsgul", &a), 0);
	assert_int_equal(gazetteer_find("Hovsgol", &b), 0);
	assert_int_equal(gazetteer_find("Хөвсгөл", &c), 0);
	assert_string_equal(a.aimag_code, b.aimag_code);
	assert_string_equal(b.aimag_code, c.aimag_code);
	assert_string_equal(c.aimag_mn, "Хөвсгөл");
}

/* Every soum and district resolves to itself by each of its names. */
static void
test_gazetteer_every_soum(void **state)
{
	const struct gazetteer_unit	*u;
	const char			*names[3];
	char				 in[256], ok[256];
	size_t				 i, j, nsoum = 0;

	(void)state;
	for (i = 0; i < gazetteer_nunits; i++) {
		u = &gazetteer_units[i];
		if (u->parent[0] == '\0')
			continue;
		nsoum++;
		names[0] = u->mn;
		names[1] = u->mns;
		names[2] = u->ascii;
		for (j = 0; j < 3; j++) {
			snprintf(in, sizeof(in), "%s %s",
			    gazetteer_aimag_name(u->parent), names[j]);
			snprintf(ok, sizeof(ok), "%s", u->code);
			check(in, 0, u->parent, ok);
		}
	}
	assert_int_equal(nsoum, 330 + 9);
}

/* Codes that are not aimags, and NULL. */
static void
test_gazetteer_aimag_name(void **state)
{
	struct place	 p;

	(void)state;
	assert_null(gazetteer_aimag_name("99"));
	assert_null(gazetteer_aimag_name("6701"));	/* a soum */
	assert_null(gazetteer_aimag_name(""));
	assert_null(gazetteer_aimag_name(NULL));
	assert_int_equal(gazetteer_find(NULL, &p), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gazetteer_aimags),
		cmocka_unit_test(test_gazetteer_cases),
		cmocka_unit_test(test_gazetteer_same),
		cmocka_unit_test(test_gazetteer_every_soum),
		cmocka_unit_test(test_gazetteer_aimag_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
