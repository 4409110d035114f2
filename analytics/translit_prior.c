/* SPDX-License-Identifier: ISC */
/*
 * A small prior for the lexicon: common Mongolian words with a rough weight,
 * written by hand from general usage (function words, the question
 * particles, everyday verbs and the vocabulary of consultations on pastures,
 * schools, roads and health). It decides between spellings that are all real
 * words (ус/үс, төр/тор, хүн/хун) until Sanal has learned counts of its own
 * from the Cyrillic messages it receives; learned counts add to it.
 */
#include <stddef.h>

#include "common.h"
#include "analytics.h"
#include "translit_int.h"

static const struct {
	const char	*word;
	unsigned	 weight;
} prior[] = {
	/* function words and particles */
	{ "байна", 200 }, { "уу", 100 }, { "үү", 100 }, { "юу", 80 },
	{ "вэ", 80 }, { "бэ", 60 }, { "нь", 150 }, { "энэ", 120 },
	{ "тэр", 60 }, { "бид", 60 }, { "би", 80 }, { "та", 60 },
	{ "манай", 80 }, { "их", 80 }, { "маш", 60 }, { "бүр", 60 },
	{ "юм", 80 }, { "ч", 50 }, { "л", 50 }, { "шүү", 40 },
	{ "бус", 40 }, { "биш", 40 }, { "гэж", 60 }, { "гэсэн", 60 },
	{ "бол", 60 }, { "ер", 30 }, { "дээр", 40 }, { "руу", 40 },
	{ "рүү", 40 }, { "хүртэл", 30 }, { "хэзээ", 40 }, { "хаана", 40 },
	{ "хэд", 40 }, { "хэдэн", 40 }, { "хэн", 40 }, { "яагаад", 30 },
	{ "маань", 60 }, { "минь", 40 }, { "чинь", 30 }, { "бүү", 20 },
	{ "түр", 30 }, { "за", 40 },
	/* everyday and consultation vocabulary */
	{ "хүн", 100 }, { "ус", 60 }, { "сум", 80 }, { "төр", 40 },
	{ "төсөл", 60 }, { "хууль", 80 }, { "санал", 80 }, { "хэрэгтэй", 80 },
	{ "хол", 30 }, { "хөл", 30 }, { "нуур", 30 }, { "нүүр", 20 },
	{ "уул", 30 }, { "од", 20 }, { "үг", 30 }, { "сүү", 30 },
	{ "түүх", 20 }, { "мал", 60 }, { "малчин", 40 }, { "бэлчээр", 40 },
	{ "аймаг", 60 }, { "хот", 50 }, { "зам", 60 }, { "эмч", 50 },
	{ "эмнэлэг", 40 }, { "сургууль", 50 }, { "багш", 40 }, { "хүүхэд", 50 },
	{ "төлбөр", 50 }, { "төгрөг", 50 }, { "үнэ", 40 }, { "мөнгө", 40 },
	{ "иргэн", 40 }, { "хурал", 40 }, { "худаг", 30 }, { "өдөр", 40 },
	{ "өнөөдөр", 40 }, { "маргааш", 40 }, { "өчигдөр", 30 }, { "эрх", 30 },
	{ "эрт", 20 }, { "ажил", 40 }, { "гэр", 40 }, { "сайн", 60 },
	{ "муу", 40 }, { "шинэ", 40 }, { "зөв", 40 }, { "буруу", 30 },
	{ "өгөх", 30 }, { "авах", 30 }, { "явах", 30 }, { "ирэх", 30 },
	{ "болох", 30 }, { "төлөх", 30 }, { "байгаа", 40 }, { "байх", 40 },
	{ "хэрэг", 30 }, { "өрх", 20 }, { "өвөл", 20 }, { "өвөлжөө", 20 },
};

/* Learns the prior's words into lx. */
void
translit_prior_learn(struct lexicon *lx)
{
	size_t i;

	for (i = 0; i < nitems(prior); i++)
		lexicon_learn(lx, prior[i].word, prior[i].weight);
}
