/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for locales/: every message of the catalogue, in every language,
 * rendered with every argument at its longest value, fits one SMS: 70 UTF-16
 * units when it holds any character outside GSM-7, 160 septets otherwise; and
 * Mongolian also once romanised for citizens who write in Latin. The longest
 * place is computed from the gazetteer's TSV files when $top_srcdir is set.
 * Also: substitution, unknown keys, lang_parse, and msg_init failing cleanly.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "common.h"
#include "analytics.h"
#include "msg.h"

/* The longest "aimag, soum" pair, checked against soums.tsv in this test. */
#define LONGEST_PLACE	"Өвөрхангай, Баруунбаян-Улаан"
#define MAX_NAMES	64

static char	*longest_place;		/* Cyrillic */
static char	*longest_place_latin;	/* romanised */

/* The directory of the compiled bundles. */
static const char *
localedir(void)
{
	const char	*d = getenv("SANAL_LOCALEDIR");

	return d != NULL && *d != '\0' ? d : "locales/sanal";
}

/* Splits a TSV line in place into at most n fields; returns their number. */
static size_t
tsv_split(char *line, char **f, size_t n)
{
	size_t	 i = 0;

	line[strcspn(line, "\r\n")] = '\0';
	while (i < n) {
		f[i++] = line;
		if ((line = strchr(line, '\t')) == NULL)
			break;
		*line++ = '\0';
	}
	return i;
}

/* Reads admin_units.tsv: Cyrillic names by code, districts paired with UB. */
static void
read_units(FILE *fp, char codes[][8], char **names, size_t *n, char **best)
{
	char	 line[512], *f[7], *pair;
	size_t	 i;

	while (fgets(line, sizeof(line), fp) != NULL && *n < MAX_NAMES) {
		if (tsv_split(line, f, 7) < 4 || strcmp(f[0], "code") == 0)
			continue;
		snprintf(codes[*n], 8, "%s", f[0]);
		names[(*n)++] = xstrdup(f[3]);
		if (strcmp(f[1], "district") != 0)
			continue;
		for (i = 0; i < *n && strcmp(codes[i], f[2]) != 0; i++)
			;
		pair = xasprintf("%s, %s", i < *n ? names[i] : "", f[3]);
		if (*best == NULL || sms_units(pair) > sms_units(*best)) {
			free(*best);
			*best = pair;
		} else
			free(pair);
	}
}

/* Reads soums.tsv, keeping in *best the longest "aimag, soum" pair. */
static void
read_soums(FILE *fp, char codes[][8], char **names, size_t n, char **best)
{
	char	 line[512], *f[5], *pair;
	size_t	 i;

	while (fgets(line, sizeof(line), fp) != NULL) {
		if (tsv_split(line, f, 5) < 3 || strcmp(f[0], "code") == 0)
			continue;
		for (i = 0; i < n && strcmp(codes[i], f[1]) != 0; i++)
			;
		assert_true(i < n);
		pair = xasprintf("%s, %s", names[i], f[2]);
		if (*best == NULL || sms_units(pair) > sms_units(*best)) {
			free(*best);
			*best = pair;
		} else
			free(pair);
	}
}

/* The longest place in the gazetteer files, or NULL without $top_srcdir. */
static char *
gazetteer_longest(void)
{
	const char	*top = getenv("top_srcdir");
	char		 codes[MAX_NAMES][8], *names[MAX_NAMES], *best = NULL, *p;
	size_t		 n = 0, i;
	FILE		*au, *sm;

	if (top == NULL)
		return NULL;
	p = xasprintf("%s/consult/data/admin_units.tsv", top);
	au = fopen(p, "r");
	free(p);
	p = xasprintf("%s/consult/data/soums.tsv", top);
	sm = fopen(p, "r");
	free(p);
	if (au != NULL && sm != NULL) {
		read_units(au, codes, names, &n, &best);
		read_soums(sm, codes, names, n, &best);
	}
	if (au != NULL)
		fclose(au);
	if (sm != NULL)
		fclose(sm);
	for (i = 0; i < n; i++)
		free(names[i]);
	return best;
}

/* Opens the bundles and works out the longest place. */
static int
setup(void **state)
{
	char	*cause = NULL, *g;

	(void)state;
	if (msg_init(localedir(), &cause) == -1) {
		fprintf(stderr, "msg_init: %s\n", cause);
		free(cause);
		return -1;
	}
	longest_place = xstrdup(LONGEST_PLACE);
	if ((g = gazetteer_longest()) != NULL) {
		fprintf(stderr, "longest place in the gazetteer: %s (%zu)\n", g,
		    sms_units(g));
		if (sms_units(g) > sms_units(longest_place)) {
			free(longest_place);
			longest_place = g;
		} else
			free(g);
	}
	longest_place_latin = romanise_text(longest_place);
	return 0;
}

/* Frees what setup made. */
static int
teardown(void **state)
{
	(void)state;
	msg_shutdown();
	romanise_shutdown();
	free(longest_place);
	free(longest_place_latin);
	return 0;
}

/* The longest value of an argument kind; latin picks the romanised place. */
static const char *
longest(enum msgarg kind, int latin)
{
	switch (kind) {
	case MSGARG_CODE:
		return "999999";
	case MSGARG_ARTICLE:
		return "123456";
	case MSGARG_COUNT:
		return "9999999";
	case MSGARG_PLACE:
		return latin ? longest_place_latin : longest_place;
	case MSGARG_CODES:
		return "123, 124, 125, 126, 127, 128";
	case MSGARG_LANG:
		return "kk";
	case MSGARG_TALLY:
		return "999";
	case MSGARG_DATE:
		return "2027-12-31";
	case MSGARG_RECEIPT:
		return "999999-99999999";
	case MSGARG_EXCERPT:
		return latin ? "Bolovsruulaltyn tuhai..." : "Боловсруулалтын тухай...";
	case MSGARG_TITLE:
		return latin ? "Belcheeriin tukhai x" : "Бэлчээрийн тухай хуу";
	case MSGARG_TARGET:
		return "999999 123456";
	case MSGARG_SERVICE:
		return "*123456#";
	case MSGARG_PHONE:
		return "99** **33";
	}
	return "";
}

/*
 * 1 if def, in l, is also tried with a romanised place. The gazetteer gives
 * Cyrillic names; a caller may romanise one only for an English reply (a Latin
 * Mongolian reply is romanised whole, which the "mn romanised" row covers).
 */
static int
latin_place(const struct msgdef *def, enum lang l)
{
	size_t	 i;

	if (l != LANG_EN)
		return 0;
	for (i = 0; i < def->nargs; i++) {
		if (def->args[i] == MSGARG_PLACE)
			return 1;
	}
	return 0;
}

/* Prints one rendered text and its size; returns 1 if it does not fit one SMS. */
static int
check_fits(const char *key, const char *what, const char *s)
{
	size_t	 units = sms_units(s), limit = sms_is_gsm7(s) ? 160 : 70;
	int	 bad;

	if (msg_find(key) != NULL && msg_find(key)->web)	/* a web page's text */
		return strchr(s, '{') != NULL;
	bad = units > limit || sms_segments(s) != 1 || strchr(s, '{') != NULL;
	print_message("%-19s %-13s %3zu/%zu %s%s\n", key, what, units, limit,
	    bad ? "TOO LONG: " : "", s);
	return bad;
}

/* Renders def in l with its longest arguments; returns the failures. */
static int
check_key(const struct msgdef *def, enum lang l)
{
	const char	*args[4];
	char		*s, *r, what[16];
	size_t		 i;
	int		 latin, bad = 0;

	for (latin = 0; latin <= latin_place(def, l); latin++) {
		for (i = 0; i < def->nargs; i++)
			args[i] = longest(def->args[i], latin);
		s = msg_render(l, def->key, args, def->nargs);
		assert_non_null(s);
		snprintf(what, sizeof(what), "%s%s", lang_code(l),
		    latin ? " latin-place" : "");
		bad += check_fits(def->key, what, s);
		if (l == LANG_MN && !latin) {
			r = romanise_text(s);
			assert_non_null(r);
			assert_true(sms_is_gsm7(r));
			bad += check_fits(def->key, "mn romanised", r);
			free(r);
		}
		free(s);
	}
	return bad;
}

/* Every key, every language, longest arguments: one SMS each. */
static void
test_all_fit_one_sms(void **state)
{
	const struct msgdef	*cat;
	size_t			 i, n;
	int			 l, bad = 0;

	(void)state;
	cat = msg_catalogue(&n);
	assert_true(n >= 27);
	for (i = 0; i < n; i++) {
		for (l = 0; l < LANG_COUNT; l++)
			bad += check_key(&cat[i], (enum lang)l);
	}
	assert_int_equal(bad, 0);
}

/* Arguments land where the pattern says. */
static void
test_substitution(void **state)
{
	const char	*a[] = { "12", "345" };
	const char	*my[] = { "en", "Хөвсгөл, Мөрөн", "3", "0" };
	char		*s;

	(void)state;
	s = msg_render(LANG_EN, "sign_ok", a, 2);
	assert_non_null(s);
	assert_non_null(strstr(s, "petition 12."));
	assert_non_null(strstr(s, "has 345 signatures"));
	free(s);
	s = msg_render(LANG_MN, "vote_support", a, 1);
	assert_non_null(s);
	assert_true(strncmp(s, "12: «тийм»", strlen("12: «тийм»")) == 0);
	free(s);
	s = msg_render(LANG_KK, "my", my, 4);
	assert_non_null(s);
	assert_non_null(strstr(s, "en, Хөвсгөл, Мөрөн, дауыс 3, пікір 0."));
	free(s);
	s = msg_render(LANG_MN, "help", NULL, 0);
	assert_non_null(s);
	assert_non_null(strstr(s, "12 тийм"));
	free(s);
}

/* Unknown keys give NULL; a bad language falls back to mn. */
static void
test_unknown_key(void **state)
{
	char	*s, *mn;

	(void)state;
	assert_null(msg_render(LANG_MN, "no_such_key", NULL, 0));
	assert_null(msg_render(LANG_EN, NULL, NULL, 0));
	assert_null(msg_find("no_such_key"));
	assert_non_null(msg_find("register_unknown"));
	s = msg_render((enum lang)LANG_COUNT, "list_empty", NULL, 0);
	mn = msg_render(LANG_MN, "list_empty", NULL, 0);
	assert_non_null(s);
	assert_string_equal(s, mn);
	free(s);
	free(mn);
}

/* The catalogue has unique keys and at most four arguments each. */
static void
test_catalogue(void **state)
{
	const struct msgdef	*cat;
	size_t			 i, j, n;

	(void)state;
	cat = msg_catalogue(&n);
	for (i = 0; i < n; i++) {
		assert_true(cat[i].nargs <= 4);
		assert_ptr_equal(msg_find(cat[i].key), &cat[i]);
		for (j = i + 1; j < n; j++)
			assert_string_not_equal(cat[i].key, cat[j].key);
	}
}

/* Language codes and names. */
static void
test_lang_parse(void **state)
{
	enum lang	 l = LANG_COUNT;

	(void)state;
	assert_int_equal(lang_parse("mn", &l), 0);
	assert_int_equal(l, LANG_MN);
	assert_int_equal(lang_parse("EN", &l), 0);
	assert_int_equal(l, LANG_EN);
	assert_int_equal(lang_parse("kk", &l), 0);
	assert_int_equal(l, LANG_KK);
	assert_int_equal(lang_parse("қазақ", &l), 0);
	assert_int_equal(l, LANG_KK);
	assert_int_equal(lang_parse("монгол", &l), 0);
	assert_int_equal(l, LANG_MN);
	assert_int_equal(lang_parse("fr", &l), -1);
	assert_int_equal(lang_parse("", &l), -1);
	assert_int_equal(lang_parse(NULL, &l), -1);
	assert_string_equal(lang_code(LANG_MN), "mn");
	assert_string_equal(lang_code(LANG_EN), "en");
	assert_string_equal(lang_code(LANG_KK), "kk");
}

/* Copies src to dst; 0 or -1. */
static int
copy_file(const char *src, const char *dst)
{
	char	 b[4096];
	size_t	 n;
	FILE	*in, *out;

	if ((in = fopen(src, "rb")) == NULL)
		return -1;
	if ((out = fopen(dst, "wb")) == NULL) {
		fclose(in);
		return -1;
	}
	while ((n = fread(b, 1, sizeof(b), in)) > 0)
		fwrite(b, 1, n, out);
	fclose(in);
	return fclose(out) == 0 ? 0 : -1;
}

/* msg_init fails with a reason on a missing dir and on a bundle lacking keys. */
static void
test_init_fails(void **state)
{
	char	 tmp[] = "/tmp/test_msgfmt.XXXXXX", *src, *dst, *cause = NULL;

	(void)state;
	assert_int_equal(msg_init("/nonexistent/sanal", &cause), -1);
	assert_non_null(cause);
	print_message("bad dir: %s\n", cause);
	free(cause);
	assert_null(msg_render(LANG_MN, "help", NULL, 0));
	assert_non_null(mkdtemp(tmp));
	src = xasprintf("%s/root.res", localedir());
	dst = xasprintf("%s/mn.res", tmp);
	assert_int_equal(copy_file(src, dst), 0);
	cause = NULL;
	assert_int_equal(msg_init(tmp, &cause), -1);
	assert_non_null(cause);
	print_message("bad bundle: %s\n", cause);
	assert_non_null(strstr(cause, "lacks key"));
	free(cause);
	unlink(dst);
	rmdir(tmp);
	free(src);
	free(dst);
	cause = NULL;
	assert_int_equal(msg_init(localedir(), &cause), 0);
	assert_null(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_fit_one_sms),
		cmocka_unit_test(test_substitution),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_catalogue),
		cmocka_unit_test(test_lang_parse),
		cmocka_unit_test(test_init_fails),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
