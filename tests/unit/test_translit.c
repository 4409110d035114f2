/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for analytics/translit*.c: the letter rules of each writer
 * profile, the ambiguous pairs (ус/үс, сум/сүм, нуур/нүүр, е/э, ы/ий, ц/тс),
 * case, numbers and USSD codes untouched, mixed messages, loans, shorthand,
 * invalid UTF-8, a large input, the lexicon-free mode, and word accuracy on
 * analytics/data/translit_dev.tsv (≥ 0.97, the target).
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
#include "smscmd.h"

static const struct {
	const char	*in, *want;
} cases[] = {
	/* profiles A-H */
	{ "huraamj tuluhgvi shvv", "хураамж төлөхгүй шүү" },
	{ "khuuliin tosol khaana baina ve", "хуулийн төсөл хаана байна вэ" },
	{ "qvliin beltgelee hiij baina", "өвлийн бэлтгэлээ хийж байна" },
	{ "xatgalaas moron xvrtel 100 km", "хатгалаас мөрөн хүртэл 100 км" },
	{ "bid ireh sard uwuljuu rvvgee nvvne", "бид ирэх сард өвөлжөө рүүгээ нүүнэ" },
	{ "bolgoomzhtoi yesdugeer", "болгоомжтой есдүгээр" },
	{ "sumin emnelegt", "сумын эмнэлэгт" },
	{ "bayankhongoryn zhargalant sumyn", "баянхонгорын жаргалант сумын" },
	{ "oroi 8 cagt zalgaarai", "орой 8 цагт залгаарай" },
	{ "bor mori maani", "бор морь маань" },
	{ "aduu maan alga", "адуу маань алга" },
	{ "margaash uulzya", "маргааш уулзъя" },
	/* ambiguous pairs */
	{ "goliin us shirgechihsen", "голын ус ширгэчихсэн" },
	{ "svm deer lam", "сүм дээр лам" },
	{ "hun shuvuu nuurand irlee", "хун шувуу нууранд ирлээ" },
	{ "hun bur sanal ogoh", "хүн бүр санал өгөх" },
	{ "huitend nuur holdood baina", "хүйтэнд нүүр хөлдөөд байна" },
	{ "hovsgol nuurt", "хөвсгөл нуурт" },
	{ "er ni ene huuli zov", "ер нь энэ хууль зөв" },
	{ "er hun bur", "эр хүн бүр" },
	{ "ert bosood", "эрт босоод" },
	{ "hentiin", "хэнтийн" },
	{ "batsaihan ah aa", "батсайхан ах аа" },
	{ "battsengel sumiin", "батцэнгэл сумын" },
	{ "ireh uu", "ирэх үү" },
	{ "boloh uu", "болох уу" },
	{ "uul ruu", "уул руу" },
	{ "Tor irgedee sonsoh yostoi", "Төр иргэдээ сонсох ёстой" },
	/* case */
	{ "ONOODOR 3 HONI ALGA BOLSON", "ӨНӨӨДӨР 3 ХОНЬ АЛГА БОЛСОН" },
	{ "Tsalin baga baina", "Цалин бага байна" },
	{ "Ih-Uul sumaas", "Их-Уул сумаас" },
	/* numbers, phones, USSD, punctuation */
	{ "*123# daraad sanal ugnu", "*123# дараад санал өгнө" },
	{ "Telefon dugaar 99112233", "Телефон дугаар 99112233" },
	{ "online hural 14:00 tsagt", "онлайн хурал 14:00 цагт" },
	{ "15-nd, 10-r!", "15-нд, 10-р!" },
	{ "  , . 123  ", "  , . 123  " },
	{ "", "" },
	/* mixed messages, English tags, look-alikes */
	{ "Дэмжинэ OK", "Дэмжинэ OK" },
	{ "Сайн байна уу, bi sanal ugnu", "Сайн байна уу, би санал өгнө" },
	{ "Дотууp байр thanks", "Дотуур байр thanks" },
	{ "pls tuslaarai", "pls туслаарай" },
	/* loans and shorthand */
	{ "wifi ajillaxgvi baina", "вайфай ажиллахгүй байна" },
	{ "Facebook huudsand", "Фэйсбүүк хуудсанд" },
	{ "COVID", "КОВИД" },
	{ "sain bnuu", "сайн байна уу" },
	{ "ene hergtei ym bn", "энэ хэрэгтэй юм байна" },
	{ "bgaa bhgui", "байгаа байхгүй" },
};

static struct lexicon *lx;

/* Opens the lexicon with the gazetteer's names, as sanalctl does. */
static int
setup(void **state)
{
	char *cause;
	size_t i;

	(void)state;
	if (lexicon_open(NULL, &lx, &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		return -1;
	}
	for (i = 0; i < gazetteer_nunits; i++)
		translit_learn(lx, gazetteer_units[i].mn);
	return 0;
}

/* Frees the lexicon. */
static int
teardown(void **state)
{
	(void)state;
	lexicon_free(lx);
	return 0;
}

/* Every table case, twice (the second time from the cache). */
static void
test_cases(void **state)
{
	size_t i;
	char *out;
	int pass;

	(void)state;
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < nitems(cases); i++) {
			out = translit_text(lx, cases[i].in);
			assert_non_null(out);
			if (strcmp(out, cases[i].want) != 0)
				fail_msg("%s: got %s, want %s", cases[i].in,
				    out, cases[i].want);
			free(out);
		}
	}
}

/* Invalid UTF-8 gives NULL. */
static void
test_invalid(void **state)
{
	(void)state;
	assert_null(translit_text(lx, "baina \xff"));
	assert_null(translit_text(lx, "\xd0"));
	assert_null(translit_text(lx, "\xed\xa0\x80"));		/* surrogate */
	assert_null(translit_text(lx, NULL));
}

/* 100 KB of words, letters without spaces and Cyrillic survive. */
static void
test_large(void **state)
{
	size_t n = 100 * 1024, i;
	char *in = xmalloc(n + 1), *out;

	(void)state;
	for (i = 0; i < n; i++)
		in[i] = "sain baina uu 123 "[i % 18];
	in[n] = '\0';
	out = translit_text(lx, in);
	assert_non_null(out);
	assert_int_equal(strncmp(out, "сайн байна уу 123 ", 26), 0);
	free(out);
	memset(in, 'u', n);					/* one huge word */
	out = translit_text(lx, in);
	assert_non_null(out);
	free(out);
	for (i = 0; i + 2 <= n; i += 2)
		memcpy(in + i, "ө", 2);
	out = translit_text(lx, in);
	assert_string_equal(out, in);
	free(out);
	free(in);
}

/* Without a lexicon the letter rules and harmony still give Cyrillic. */
static void
test_no_lexicon(void **state)
{
	char *out;

	(void)state;
	out = translit_text(NULL, "Sain baina uu, 99112233");
	assert_string_equal(out, "Сайн байна уу, 99112233");
	free(out);
	translit_learn(NULL, "байна");
}

/* Counts equal words at the same positions; *n is the gold's word count. */
static size_t
same_words(const char *got, const char *want, size_t *n)
{
	char *g = xstrdup(got), *w = xstrdup(want), *sg, *sw, *tg, *tw;
	size_t same = 0;

	*n = 0;
	tg = strtok_r(g, " ", &sg);
	for (tw = strtok_r(w, " ", &sw); tw != NULL; tw = strtok_r(NULL, " ", &sw)) {
		(*n)++;
		same += tg != NULL && strcmp(tg, tw) == 0;
		if (tg != NULL)
			tg = strtok_r(NULL, " ", &sg);
	}
	free(g);
	free(w);
	return same;
}

/* Word accuracy on translit_dev.tsv reaches the 97%. */
static void
test_accuracy(void **state)
{
	const char *top = getenv("top_srcdir");
	char *path, *line = NULL, *lat, *cyr, *out;
	size_t cap = 0, same = 0, total = 0, n;
	FILE *f;

	(void)state;
	path = xasprintf("%s/analytics/data/translit_dev.tsv", top ? top : "..");
	if ((f = fopen(path, "r")) == NULL)
		fail_msg("%s: cannot open", path);
	while (getline(&line, &cap, f) != -1) {
		line[strcspn(line, "\r\n")] = '\0';
		if ((lat = strchr(line, '\t')) == NULL ||
		    (cyr = strchr(++lat, '\t')) == NULL ||
		    strncmp(line, "id\t", 3) == 0)
			continue;
		*cyr++ = '\0';
		out = translit_text(lx, lat);
		same += same_words(out, cyr, &n);
		total += n;
		free(out);
	}
	fclose(f);
	free(line);
	free(path);
	print_message("translit_dev word accuracy %.4f (%zu/%zu)\n",
	    (double)same / (double)total, same, total);
	assert_true(total > 900);
	assert_true((double)same / (double)total >= 0.97);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_large),
		cmocka_unit_test(test_no_lexicon),
		cmocka_unit_test(test_accuracy),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
