/* SPDX-License-Identifier: ISC */
/*
 * Small keyword lexicons for the classifier and the consonant skeleton that
 * lets Latin-typed and Cyrillic spellings of a word share a feature.
 *
 * Each lexicon is general Mongolian vocabulary for one class: question words,
 * amendment cues, words of agreement and rejection, greetings and ads, and
 * the subject words of each topic (төлбөр, татвар, торгууль for fees). The
 * classifier learns how much each lexicon counts; the lists only say that
 * these words belong together, which generalises beyond the training rows.
 * An entry "x" matches words starting with x, "=x" a word or stem equal to
 * x, and "-x" words ending in x.
 *
 * The skeleton drops vowels and the letters whose Latin spelling varies by
 * writer (в/v/w, й, ь, ъ) and folds kh/x/h, ts/c, zh/j: "төлбөр", "tulbur"
 * and "tqlbqr" all give "tlbr". It is a feature only, never shown.
 */
#include <stdint.h>
#include <string.h>

#include "common.h"
#include "analytics.h"
#include "classify_int.h"

struct lexentry {
	int		 lex;
	const char	*entry;
};

enum {
	LX_QUESTION, LX_AMEND, LX_IMPERATIVE, LX_SUPPORT, LX_OPPOSE, LX_OTHER,
	LX_FEES, LX_LAND, LX_WATER, LX_LIVESTOCK, LX_EDUCATION, LX_HEALTH,
	LX_ROADS, LX_GOVERNANCE, LX_N
};

static const char *const lex_names[LX_N] = {
	"question", "amend", "imperative", "support", "oppose", "other",
	"fees", "land_pasture", "water", "livestock", "education", "health",
	"roads", "governance",
};

static const struct lexentry lexicon[] = {
	/* Question words and particles. */
	{ LX_QUESTION, "хэзээ" }, { LX_QUESTION, "=хэн" }, { LX_QUESTION, "хэнээс" },
	{ LX_QUESTION, "хэнд" }, { LX_QUESTION, "хэний" }, { LX_QUESTION, "хаана" },
	{ LX_QUESTION, "хаашаа" }, { LX_QUESTION, "яаж" }, { LX_QUESTION, "яагаад" },
	{ LX_QUESTION, "=хэд" }, { LX_QUESTION, "хэдэн" }, { LX_QUESTION, "хэдий" },
	{ LX_QUESTION, "хэчнээн" }, { LX_QUESTION, "=ямар" }, { LX_QUESTION, "=юу" },
	{ LX_QUESTION, "=юунд" }, { LX_QUESTION, "=уу" }, { LX_QUESTION, "=үү" },
	{ LX_QUESTION, "=юү" }, { LX_QUESTION, "=вэ" }, { LX_QUESTION, "=бэ" },
	{ LX_QUESTION, "=аль" }, { LX_QUESTION, "асуу" }, { LX_QUESTION, "=мэдэх" },
	/* Proposals: add, change, make into, is needed, include, remove. */
	{ LX_AMEND, "нэм" }, { LX_AMEND, "өөрчл" }, { LX_AMEND, "болго" },
	{ LX_AMEND, "хэрэгтэй" }, { LX_AMEND, "=санал" }, { LX_AMEND, "оруул" },
	{ LX_AMEND, "тусга" }, { LX_AMEND, "заалт" }, { LX_AMEND, "=хас" },
	{ LX_AMEND, "хасах" }, { LX_AMEND, "оронд" }, { LX_AMEND, "зөвхөн" },
	{ LX_AMEND, "шаардлагатай" }, { LX_AMEND, "ёстой" }, { LX_AMEND, "=дээр" },
	{ LX_AMEND, "чөлөөл" }, { LX_AMEND, "хөнгөл" }, { LX_AMEND, "нэмэлт" },
	/* Imperative and conditional endings: оруулаач, нэмээч, болбол. */
	{ LX_IMPERATIVE, "-аач" }, { LX_IMPERATIVE, "-ээч" }, { LX_IMPERATIVE, "-ооч" },
	{ LX_IMPERATIVE, "-өөч" }, { LX_IMPERATIVE, "-аарай" }, { LX_IMPERATIVE, "-ээрэй" },
	{ LX_IMPERATIVE, "-оорой" }, { LX_IMPERATIVE, "-өөрэй" }, { LX_IMPERATIVE, "-вал" },
	{ LX_IMPERATIVE, "-вэл" }, { LX_IMPERATIVE, "-бал" }, { LX_IMPERATIVE, "-бэл" },
	{ LX_IMPERATIVE, "-вол" }, { LX_IMPERATIVE, "-бол" }, { LX_IMPERATIVE, "-ууштай" },
	{ LX_IMPERATIVE, "-үүштэй" },
	/* Agreement and praise. */
	{ LX_SUPPORT, "дэмж" }, { LX_SUPPORT, "=зөв" }, { LX_SUPPORT, "=сайн" },
	{ LX_SUPPORT, "зүйтэй" }, { LX_SUPPORT, "шударга" }, { LX_SUPPORT, "чухал" },
	{ LX_SUPPORT, "талархаж" }, { LX_SUPPORT, "баяртай" }, { LX_SUPPORT, "=тийм" },
	{ LX_SUPPORT, "сайшаа" }, { LX_SUPPORT, "хүлээж" }, { LX_SUPPORT, "сайхан" },
	{ LX_SUPPORT, "зөвшөөр" }, { LX_SUPPORT, "=зурлаа" }, { LX_SUPPORT, "=зурж" },
	/* Rejection. */
	{ LX_OPPOSE, "эсрэг" }, { LX_OPPOSE, "буруу" }, { LX_OPPOSE, "утгагүй" },
	{ LX_OPPOSE, "хор" }, { LX_OPPOSE, "эсэргүүц" }, { LX_OPPOSE, "=үгүй" },
	{ LX_OPPOSE, "болохгүй" }, { LX_OPPOSE, "хэрэггүй" }, { LX_OPPOSE, "шаардлагагүй" },
	{ LX_OPPOSE, "дүнгүй" }, { LX_OPPOSE, "татгалз" },
	{ LX_OPPOSE, "хүчингүй" }, { LX_OPPOSE, "=битгий" }, { LX_OPPOSE, "дарамт" },
	/* Greetings, thanks, tests, ads, wrong numbers. */
	{ LX_OTHER, "мэнд" }, { LX_OTHER, "тест" },
	{ LX_OTHER, "=test" }, { LX_OTHER, "зарна" }, { LX_OTHER, "=зар" },
	{ LX_OTHER, "худалдан" }, { LX_OTHER, "хямд" }, { LX_OTHER, "баярла" },
	{ LX_OTHER, "=ok" }, { LX_OTHER, "=ок" }, { LX_OTHER, "=hi" },
	{ LX_OTHER, "=hello" }, { LX_OTHER, "=thanks" }, { LX_OTHER, "=pls" },
	{ LX_OTHER, "цэнэг" }, { LX_OTHER, "нэгж" }, { LX_OTHER, "дугаар" },
	{ LX_OTHER, "=утас" }, { LX_OTHER, "хожи" },
	{ LX_OTHER, "=уучлаарай" },
	/* fees: money asked of citizens. */
	{ LX_FEES, "төлбөр" }, { LX_FEES, "татвар" }, { LX_FEES, "торгууль" },
	{ LX_FEES, "торго" }, { LX_FEES, "хураамж" }, { LX_FEES, "мөнгө" },
	{ LX_FEES, "=төл" }, { LX_FEES, "төлөх" }, { LX_FEES, "төлнө" },
	{ LX_FEES, "төлдөг" }, { LX_FEES, "=үнэ" }, { LX_FEES, "үнийн" },
	{ LX_FEES, "зардал" }, { LX_FEES, "шимтгэл" }, { LX_FEES, "хөнгөлөлт" },
	{ LX_FEES, "төгрөг" }, { LX_FEES, "₮" }, { LX_FEES, "=үнэгүй" },
	{ LX_FEES, "орлого" }, { LX_FEES, "хураа" },
	/* land_pasture. */
	{ LX_LAND, "бэлчээр" }, { LX_LAND, "=отор" }, { LX_LAND, "отрын" },
	{ LX_LAND, "отроор" }, { LX_LAND, "нутаг" }, { LX_LAND, "өвөлжөө" },
	{ LX_LAND, "хаваржаа" }, { LX_LAND, "зуслан" }, { LX_LAND, "намаржаа" },
	{ LX_LAND, "газар" }, { LX_LAND, "уурхай" }, { LX_LAND, "даац" },
	{ LX_LAND, "сэлгэ" }, { LX_LAND, "доройт" }, { LX_LAND, "цөлж" },
	{ LX_LAND, "өвс" }, { LX_LAND, "хадлан" }, 
	/* water. */
	{ LX_WATER, "=ус" }, { LX_WATER, "усны" }, { LX_WATER, "усыг" },
	{ LX_WATER, "=усан" }, { LX_WATER, "уснаас" }, { LX_WATER, "усаар" },
	{ LX_WATER, "худаг" }, { LX_WATER, "булаг" }, { LX_WATER, "=гол" },
	{ LX_WATER, "голын" }, { LX_WATER, "горхи" }, { LX_WATER, "усалгаа" },
	{ LX_WATER, "ундны" }, { LX_WATER, "усжуул" }, { LX_WATER, "нуур" },
	/* livestock. */
	{ LX_LIVESTOCK, "=мал" }, { LX_LIVESTOCK, "малын" }, { LX_LIVESTOCK, "малаа" },
	{ LX_LIVESTOCK, "малыг" }, { LX_LIVESTOCK, "малтай" }, { LX_LIVESTOCK, "ямаа" },
	{ LX_LIVESTOCK, "хонь" }, { LX_LIVESTOCK, "хонин" }, { LX_LIVESTOCK, "үхэр" },
	{ LX_LIVESTOCK, "тэмээ" }, { LX_LIVESTOCK, "адуу" }, { LX_LIVESTOCK, "сарлаг" },
	{ LX_LIVESTOCK, "ноолуур" }, { LX_LIVESTOCK, "ноос" }, { LX_LIVESTOCK, "=мах" },
	{ LX_LIVESTOCK, "махны" }, { LX_LIVESTOCK, "=сүү" }, { LX_LIVESTOCK, "арьс" },
	{ LX_LIVESTOCK, "үржил" }, { LX_LIVESTOCK, "толгой" },
	/* education. */
	{ LX_EDUCATION, "сургууль" }, { LX_EDUCATION, "сургуул" }, { LX_EDUCATION, "багш" },
	{ LX_EDUCATION, "сурагч" }, { LX_EDUCATION, "суралц" }, { LX_EDUCATION, "хичээл" },
	{ LX_EDUCATION, "сурах" }, { LX_EDUCATION, "боловсрол" }, { LX_EDUCATION, "=анги" },
	{ LX_EDUCATION, "ангийн" }, { LX_EDUCATION, "цэцэрлэг" }, { LX_EDUCATION, "дотуур" },
	{ LX_EDUCATION, "оюутан" }, { LX_EDUCATION, "шалгалт" }, { LX_EDUCATION, "=ном" },
	{ LX_EDUCATION, "номын" }, { LX_EDUCATION, "хүүхэд" },
	/* health. */
	{ LX_HEALTH, "эмч" }, { LX_HEALTH, "эмнэлэг" }, { LX_HEALTH, "сувилагч" },
	{ LX_HEALTH, "=эм" }, { LX_HEALTH, "эмийн" }, { LX_HEALTH, "өвчин" }, { LX_HEALTH, "өвчт" }, { LX_HEALTH, "эрүүл" },
	{ LX_HEALTH, "шүд" }, { LX_HEALTH, "вакцин" }, { LX_HEALTH, "ханиад" },
	{ LX_HEALTH, "төрөх" }, { LX_HEALTH, "тусламж" },
	/* roads. */
	{ LX_ROADS, "=зам" }, { LX_ROADS, "замын" }, { LX_ROADS, "замыг" },
	{ LX_ROADS, "замд" }, { LX_ROADS, "замаа" }, { LX_ROADS, "замаар" },
	{ LX_ROADS, "гүүр" }, { LX_ROADS, "хучилт" }, { LX_ROADS, "асфальт" },
	{ LX_ROADS, "осол" }, { LX_ROADS, "осл" }, { LX_ROADS, "хурд" },
	{ LX_ROADS, "гэрэлтүүлэг" }, { LX_ROADS, "тэмдэг" }, { LX_ROADS, "жолооч" },
	{ LX_ROADS, "гарц" }, { LX_ROADS, "авто" }, { LX_ROADS, "машин" },
	{ LX_ROADS, "засвар" },
	/* governance. */
	{ LX_GOVERNANCE, "албан" }, { LX_GOVERNANCE, "авлиг" }, { LX_GOVERNANCE, "хулгай" },
	{ LX_GOVERNANCE, "тендер" }, { LX_GOVERNANCE, "=ил" }, { LX_GOVERNANCE, "концесс" },
	{ LX_GOVERNANCE, "засаг" }, { LX_GOVERNANCE, "=уих" }, { LX_GOVERNANCE, "уих-" },
	{ LX_GOVERNANCE, "парламент" }, { LX_GOVERNANCE, "хурал" }, { LX_GOVERNANCE, "шийдвэр" },
	{ LX_GOVERNANCE, "өргөдөл" }, { LX_GOVERNANCE, "үсэг" }, { LX_GOVERNANCE, "сонгууль" },
	{ LX_GOVERNANCE, "улстөр" }, { LX_GOVERNANCE, "хяна" }, { LX_GOVERNANCE, "хяналт" },
	{ LX_GOVERNANCE, "хэлэлц" }, { LX_GOVERNANCE, "дарга" }, { LX_GOVERNANCE, "итгэ" },
	{ LX_GOVERNANCE, "худал" }, { LX_GOVERNANCE, "луйвар" },
};

/* Latin and Cyrillic letters and what the skeleton keeps of them. */
static const struct {
	const char	*from;
	char		 to;		/* 0: dropped */
} skel_map[] = {
	{ "б", 'b' }, { "г", 'g' }, { "д", 'd' }, { "ж", 'j' }, { "з", 'z' },
	{ "к", 'k' }, { "л", 'l' }, { "м", 'm' }, { "н", 'n' }, { "п", 'p' },
	{ "р", 'r' }, { "с", 's' }, { "т", 't' }, { "ф", 'f' }, { "х", 'h' },
	{ "ц", 'c' }, { "ч", 'C' }, { "ш", 'S' }, { "щ", 'S' },
	{ "kh", 'h' }, { "ts", 'c' }, { "zh", 'j' }, { "ch", 'C' }, { "sh", 'S' },
	{ "b", 'b' }, { "g", 'g' }, { "d", 'd' }, { "j", 'j' }, { "z", 'z' },
	{ "k", 'k' }, { "l", 'l' }, { "m", 'm' }, { "n", 'n' }, { "p", 'p' },
	{ "r", 'r' }, { "s", 's' }, { "t", 't' }, { "f", 'f' }, { "h", 'h' },
	{ "x", 'h' }, { "c", 'c' },
};

int
cls_lex_count(void)
{
	return LX_N;
}

const char *
cls_lex_name(int i)
{
	return i >= 0 && i < LX_N ? lex_names[i] : NULL;
}

/* 1 if the lexicon entry e matches word (or, for "=x", its stem). */
static int
cls_lex_hit(const char *e, const char *word, size_t wlen, const char *stem)
{
	size_t	 el;

	if (e[0] == '=')
		return strcmp(word, e + 1) == 0 || strcmp(stem, e + 1) == 0;
	if (e[0] == '-') {
		el = strlen(e + 1);
		return wlen > el + 2 && memcmp(word + wlen - el, e + 1, el) == 0;
	}
	return strncmp(word, e, strlen(e)) == 0;
}

uint32_t
cls_lex_match(const char *word, const char *stem)
{
	uint32_t	 mask = 0;
	size_t		 i, wlen = strlen(word);

	for (i = 0; i < nitems(lexicon); i++) {
		if (cls_lex_hit(lexicon[i].entry, word, wlen, stem))
			mask |= 1u << lexicon[i].lex;
	}
	return mask;
}

/* The skeleton letter for the spelling at s; sets *used to its bytes. */
static char
cls_skel_letter(const char *s, size_t *used)
{
	size_t	 i, n;

	for (i = 0; i < nitems(skel_map); i++) {
		n = strlen(skel_map[i].from);
		if (strncmp(s, skel_map[i].from, n) == 0) {
			*used = n;
			return skel_map[i].to;
		}
	}
	n = 1;				/* vowels and the rest: skip one char */
	while (((unsigned char)s[n] & 0xc0) == 0x80)
		n++;
	*used = n;
	return 0;
}

size_t
cls_skeleton(const char *word, char *out, size_t len)
{
	size_t	 n = 0, used;
	char	 c;

	while (*word != '\0' && n + 1 < len) {
		c = cls_skel_letter(word, &used);
		if (c != 0 && (n == 0 || out[n - 1] != c))
			out[n++] = c;
		word += used;
	}
	out[n] = '\0';
	return n;
}
