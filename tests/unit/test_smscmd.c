/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for consult/smscmd.c: real-looking messages in Cyrillic, Latin
 * and mixed script, with Latin look-alike letters inside Cyrillic keywords
 * (marked "Latin X" in the comments: the bytes differ, the glyphs do not),
 * ALL CAPS, extra spaces and punctuation. One table row per message:
 * {input, kind, code, article, choice, text}; text NULL means none.
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

#define S	SMSCMD_SUPPORT
#define O	SMSCMD_OPPOSE

static const struct {
	const char		*in;
	enum smscmd_kind	 kind;
	const char		*code;
	const char		*article;
	int			 choice;
	const char		*text;
} cases[] = {
	/* Votes for. */
	{ "12 тийм", SMSCMD_VOTE, "12", "", S, NULL },
	{ "12 tiim", SMSCMD_VOTE, "12", "", S, NULL },
	{ "12 tiym", SMSCMD_VOTE, "12", "", S, NULL },
	{ "12 yes", SMSCMD_VOTE, "12", "", S, NULL },
	{ "12 1", SMSCMD_VOTE, "12", "", S, NULL },
	{ "12 дэмжинэ", SMSCMD_VOTE, "12", "", S, NULL },
	{ "12 demjine", SMSCMD_VOTE, "12", "", S, NULL },
	{ "12 за", SMSCMD_VOTE, "12", "", S, NULL },
	{ "12 Za", SMSCMD_VOTE, "12", "", S, NULL },
	{ "12 дэмжиж байна", SMSCMD_VOTE, "12", "", S, NULL },
	{ "12 DEMJIJ BAINA", SMSCMD_VOTE, "12", "", S, NULL },
	{ "12 ok", SMSCMD_VOTE, "12", "", S, NULL },
	{ "12 ТИЙМ", SMSCMD_VOTE, "12", "", S, NULL },
	{ "12 TIIM", SMSCMD_VOTE, "12", "", S, NULL },
	{ "12, тийм!", SMSCMD_VOTE, "12", "", S, NULL },
	{ "12.тийм", SMSCMD_VOTE, "12", "", S, NULL },
	{ "   12    тийм   ", SMSCMD_VOTE, "12", "", S, NULL },
	{ "12\nТийм.", SMSCMD_VOTE, "12", "", S, NULL },
	{ "12тийм", SMSCMD_VOTE, "12", "", S, NULL },
	{ "12 тийM", SMSCMD_VOTE, "12", "", S, NULL },		/* Latin M */
	{ "12 TИЙM", SMSCMD_VOTE, "12", "", S, NULL },		/* Latin T, M */
	{ "12 ДЭMЖИНЭ", SMSCMD_VOTE, "12", "", S, NULL },	/* Latin M */
	{ "0451 иә", SMSCMD_VOTE, "0451", "", S, NULL },	/* Kazakh */
	{ "123456789012345 тийм", SMSCMD_VOTE, "123456789012345", "", S,
	    NULL },
	/* Votes against. */
	{ "12 үгүй", SMSCMD_VOTE, "12", "", O, NULL },
	{ "12 ugui", SMSCMD_VOTE, "12", "", O, NULL },
	{ "12 vgvi", SMSCMD_VOTE, "12", "", O, NULL },
	{ "12 ugvi", SMSCMD_VOTE, "12", "", O, NULL },
	{ "12 ugyi", SMSCMD_VOTE, "12", "", O, NULL },
	{ "12 no", SMSCMD_VOTE, "12", "", O, NULL },
	{ "12 NO!", SMSCMD_VOTE, "12", "", O, NULL },
	{ "12 2", SMSCMD_VOTE, "12", "", O, NULL },
	{ "12 эсрэг", SMSCMD_VOTE, "12", "", O, NULL },
	{ "12 esreg", SMSCMD_VOTE, "12", "", O, NULL },
	{ "12 ЭCPЭГ", SMSCMD_VOTE, "12", "", O, NULL },		/* Latin C, P */
	{ "12 дэмжихгүй", SMSCMD_VOTE, "12", "", O, NULL },
	{ "12 demjihgui", SMSCMD_VOTE, "12", "", O, NULL },
	{ "12 demjikhgui", SMSCMD_VOTE, "12", "", O, NULL },
	{ "12 demjixgvi", SMSCMD_VOTE, "12", "", O, NULL },
	{ "12 дэмжихгүй байна", SMSCMD_VOTE, "12", "", O, NULL },
	{ "12 ҮГҮЙ!!!", SMSCMD_VOTE, "12", "", O, NULL },
	{ "12 угуй", SMSCMD_VOTE, "12", "", O, NULL },		/* у for ү */
	{ "12 yгyй", SMSCMD_VOTE, "12", "", O, NULL },		/* Latin y */
	{ "12 ҮГҮЙ", SMSCMD_VOTE, "12", "", O, NULL },
	{ "12 Ӱгӱй", SMSCMD_VOTE, "12", "", O, NULL },		/* old Ӱ */
	{ "7 жоқ", SMSCMD_VOTE, "7", "", O, NULL },		/* Kazakh */
	/* Comments on the whole item. */
	{ "12 Малчдын эрх ашгийг хамгаалах хэрэгтэй", SMSCMD_COMMENT, "12",
	    "", 0, "Малчдын эрх ашгийг хамгаалах хэрэгтэй" },
	{ "12 тийм, гэхдээ төлбөрийг бууруулах хэрэгтэй", SMSCMD_COMMENT,
	    "12", "", 0, "тийм, гэхдээ төлбөрийг бууруулах хэрэгтэй" },
	{ "12 Surguuliin avtobus heregtei bna  ", SMSCMD_COMMENT, "12", "", 0,
	    "Surguuliin avtobus heregtei bna" },
	{ "7, Дотууp байрны төлбөр нэмэx нь буруу", SMSCMD_COMMENT, "7", "",
	    0, "Дотууp байрны төлбөр нэмэx нь буруу" },	/* as typed */
	{ "12 дэмжинэ OK", SMSCMD_COMMENT, "12", "", 0, "дэмжинэ OK" },
	{ "12 2.5 сая төгрөг их байна", SMSCMD_COMMENT, "12", "", 0,
	    "2.5 сая төгрөг их байна" },
	{ "12 1000 төгрөг хангалттай", SMSCMD_COMMENT, "12", "", 0,
	    "1000 төгрөг хангалттай" },
	{ "12: ЗАМ ХЭРЭГТЭЙ", SMSCMD_COMMENT, "12", "", 0, "ЗАМ ХЭРЭГТЭЙ" },
	{ "12 yes pls", SMSCMD_COMMENT, "12", "", 0, "yes pls" },
	/* Comments on one article. */
	{ "12 3 Торгуулийн хэмжээ хэт өндөр байна", SMSCMD_COMMENT, "12", "3",
	    0, "Торгуулийн хэмжээ хэт өндөр байна" },
	{ "12 3-р зүйл Торгууль их байна.", SMSCMD_COMMENT, "12", "3", 0,
	    "Торгууль их байна." },
	{ "12 3-r zuil torguuli ih bna", SMSCMD_COMMENT, "12", "3", 0,
	    "torguuli ih bna" },
	{ "12 зүйл 3 өвөлжөөний газрыг хамгаал", SMSCMD_COMMENT, "12", "3", 0,
	    "өвөлжөөний газрыг хамгаал" },
	{ "12 ЗҮЙЛ 14: Худаг засах", SMSCMD_COMMENT, "12", "14", 0,
	    "Худаг засах" },
	{ "12 1 дэмжинэ", SMSCMD_COMMENT, "12", "1", 0, "дэмжинэ" },
	{ "12 3 дугаар заалт хасах", SMSCMD_COMMENT, "12", "3", 0, "хасах" },
	{ "12 3 1", SMSCMD_COMMENT, "12", "3", 0, "1" },
	/* Item alone, or article alone. */
	{ "12", SMSCMD_ITEM, "12", "", 0, NULL },
	{ " 12 ", SMSCMD_ITEM, "12", "", 0, NULL },
	{ "12!!", SMSCMD_ITEM, "12", "", 0, NULL },
	{ "12 3", SMSCMD_ITEM, "12", "3", 0, NULL },
	{ "12 3-р зүйл", SMSCMD_ITEM, "12", "3", 0, NULL },
	{ "12 1-р зүйл", SMSCMD_ITEM, "12", "1", 0, NULL },
	{ "12 зүйл 5", SMSCMD_ITEM, "12", "5", 0, NULL },
	/* Keywords. */
	{ "ЖАГСААЛТ", SMSCMD_LIST, "", "", 0, NULL },
	{ "jagsaalt", SMSCMD_LIST, "", "", 0, NULL },
	{ "List", SMSCMD_LIST, "", "", 0, NULL },
	{ "ЖАГCААЛТ", SMSCMD_LIST, "", "", 0, NULL },		/* Latin C */
	{ "ТУСЛАМЖ?", SMSCMD_HELP, "", "", 0, NULL },
	{ "tuslamj", SMSCMD_HELP, "", "", 0, NULL },
	{ "tuslamzh", SMSCMD_HELP, "", "", 0, NULL },
	{ "HELP!", SMSCMD_HELP, "", "", 0, NULL },
	{ "?", SMSCMD_HELP, "", "", 0, NULL },
	{ " ?? ", SMSCMD_HELP, "", "", 0, NULL },
	{ "БҮРТГЭЛ Хөвсгөл Мөрөн", SMSCMD_REGISTER, "", "", 0,
	    "Хөвсгөл Мөрөн" },
	{ "burtgel Khuvsgul Murun", SMSCMD_REGISTER, "", "", 0,
	    "Khuvsgul Murun" },
	{ "bvrtgel arhangai", SMSCMD_REGISTER, "", "", 0, "arhangai" },
	{ "register Bayan-Olgii", SMSCMD_REGISTER, "", "", 0, "Bayan-Olgii" },
	{ "Бүртгэл: Дархан-Уул, Шарынгол", SMSCMD_REGISTER, "", "", 0,
	    "Дархан-Уул, Шарынгол" },
	{ "БYРТГЭЛ Увс", SMSCMD_REGISTER, "", "", 0, "Увс" },	/* Latin Y */
	{ "БҮРТГЭЛ", SMSCMD_REGISTER, "", "", 0, "" },
	{ "ЗОГС", SMSCMD_STOP, "", "", 0, NULL },
	{ "zogs", SMSCMD_STOP, "", "", 0, NULL },
	{ "STOP", SMSCMD_STOP, "", "", 0, NULL },
	{ "ЗOГC.", SMSCMD_STOP, "", "", 0, NULL },		/* Latin O, C */
	{ "ЭХЛЭ", SMSCMD_START, "", "", 0, NULL },
	{ "ehle", SMSCMD_START, "", "", 0, NULL },
	{ "ekhle", SMSCMD_START, "", "", 0, NULL },
	{ "Start", SMSCMD_START, "", "", 0, NULL },
	{ "МИНИЙ", SMSCMD_MY, "", "", 0, NULL },
	{ "minii", SMSCMD_MY, "", "", 0, NULL },
	{ "my", SMSCMD_MY, "", "", 0, NULL },
	{ "УСТГА", SMSCMD_DELETE, "", "", 0, NULL },
	{ "ustga", SMSCMD_DELETE, "", "", 0, NULL },
	{ "DELETE", SMSCMD_DELETE, "", "", 0, NULL },
	{ "ХЭЛ en", SMSCMD_LANG, "", "", 0, "en" },
	{ "hel mn", SMSCMD_LANG, "", "", 0, "mn" },
	{ "xel EN", SMSCMD_LANG, "", "", 0, "en" },
	{ "khel kk", SMSCMD_LANG, "", "", 0, "kk" },
	{ "LANG KK", SMSCMD_LANG, "", "", 0, "kk" },
	{ "XЭЛ mn", SMSCMD_LANG, "", "", 0, "mn" },		/* Latin X */
	{ "ХЭЛ", SMSCMD_LANG, "", "", 0, "" },
	/* Nothing, or nothing we know. */
	{ "", SMSCMD_EMPTY, "", "", 0, NULL },
	{ "   ", SMSCMD_EMPTY, "", "", 0, NULL },
	{ "...", SMSCMD_EMPTY, "", "", 0, NULL },
	{ "!!!", SMSCMD_EMPTY, "", "", 0, NULL },
	{ "Сайн байна уу", SMSCMD_UNKNOWN, "", "", 0, NULL },
	{ "Миний бодлоор энэ хууль муу", SMSCMD_UNKNOWN, "", "", 0, NULL },
	{ "тийм", SMSCMD_UNKNOWN, "", "", 0, NULL },
	{ "Зогс гэж юу вэ", SMSCMD_UNKNOWN, "", "", 0, NULL },
	{ "1234567890123456 тийм", SMSCMD_UNKNOWN, "", "", 0, NULL },
	{ "*123#", SMSCMD_UNKNOWN, "", "", 0, NULL },
	{ "+97699112233", SMSCMD_UNKNOWN, "", "", 0, NULL },
	{ "١٢ тийм", SMSCMD_UNKNOWN, "", "", 0, NULL },	/* Arabic-Indic */
};

/* Prints what row i parsed to, for a failing assertion. */
static void
print_row(size_t i, const struct smscmd *c)
{
	print_error("row %zu \"%s\": %s code \"%s\" article \"%s\" choice %d "
	    "text %s%s%s\n", i, cases[i].in, smscmd_kind_name(c->kind),
	    c->code, c->article, (int)c->choice, c->text ? "\"" : "",
	    c->text ? c->text : "NULL", c->text ? "\"" : "");
}

/* 1 if cmd is what row i expects. */
static int
row_ok(size_t i, const struct smscmd *c)
{
	if (c->kind != cases[i].kind || strcmp(c->code, cases[i].code) != 0 ||
	    strcmp(c->article, cases[i].article) != 0)
		return 0;
	if (c->kind == SMSCMD_VOTE && (int)c->choice != cases[i].choice)
		return 0;
	if (cases[i].text == NULL)
		return c->text == NULL;
	return c->text != NULL && strcmp(c->text, cases[i].text) == 0;
}

/* Every row parses as expected; all failures are printed, then one fails. */
static void
test_smscmd_table(void **state)
{
	struct smscmd	 c;
	size_t		 i, bad = 0;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		assert_int_equal(smscmd_parse(cases[i].in, &c), 0);
		if (!row_ok(i, &c)) {
			print_row(i, &c);
			bad++;
		}
		smscmd_free(&c);
	}
	assert_int_equal(bad, 0);
}

/* The table is as large as the brief asks. */
static void
test_smscmd_count(void **state)
{
	(void)state;
	assert_true(nitems(cases) >= 60);
}

/* Invalid UTF-8 and NULL are refused with -1 and leave nothing to free. */
static void
test_smscmd_invalid(void **state)
{
	struct smscmd	 c;

	(void)state;
	assert_int_equal(smscmd_parse("12 \xff", &c), -1);
	assert_null(c.text);
	assert_int_equal(smscmd_parse("12 \xd1", &c), -1);
	assert_int_equal(smscmd_parse(NULL, &c), -1);
	smscmd_free(&c);
	smscmd_free(NULL);
}

/* The script the citizen wrote in is recorded. */
static void
test_smscmd_script(void **state)
{
	static const struct {
		const char	*in;
		enum script	 want;
	} sc[] = {
		{ "12 тийм", SCRIPT_CYRILLIC },
		{ "12 TИЙM", SCRIPT_CYRILLIC },	/* look-alikes inside */
		{ "12 tiim", SCRIPT_LATIN },
		{ "12 дэмжинэ OK", SCRIPT_MIXED },
		{ "12", SCRIPT_NONE },
	};
	struct smscmd	 c;
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(sc); i++) {
		assert_int_equal(smscmd_parse(sc[i].in, &c), 0);
		assert_int_equal(c.script, sc[i].want);
		smscmd_free(&c);
	}
}

/* A long comment keeps all its text, beyond the tokens looked at. */
static void
test_smscmd_long(void **state)
{
	struct smscmd	 c;
	char		 in[1200];
	size_t		 i;

	(void)state;
	memcpy(in, "42 ", 3);
	for (i = 3; i + 5 < sizeof(in); i += 5)
		memcpy(in + i, "үг ", 5);
	in[i] = '\0';
	assert_int_equal(smscmd_parse(in, &c), 0);
	assert_int_equal(c.kind, SMSCMD_COMMENT);
	assert_string_equal(c.code, "42");
	assert_non_null(c.text);
	assert_true(strlen(c.text) > 1000);
	smscmd_free(&c);
	assert_null(c.text);
}

/* Kind names, and an out-of-range kind. */
static void
test_smscmd_kind_name(void **state)
{
	(void)state;
	assert_string_equal(smscmd_kind_name(SMSCMD_EMPTY), "empty");
	assert_string_equal(smscmd_kind_name(SMSCMD_VOTE), "vote");
	assert_string_equal(smscmd_kind_name(SMSCMD_LANG), "lang");
	assert_string_equal(smscmd_kind_name(SMSCMD_UNKNOWN), "unknown");
	assert_string_equal(smscmd_kind_name((enum smscmd_kind)99), "?");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_smscmd_table),
		cmocka_unit_test(test_smscmd_count),
		cmocka_unit_test(test_smscmd_invalid),
		cmocka_unit_test(test_smscmd_script),
		cmocka_unit_test(test_smscmd_long),
		cmocka_unit_test(test_smscmd_kind_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
