/* SPDX-License-Identifier: ISC */
/*
 * The lexicon answers "is this a Mongolian word" and "what is its stem" for
 * the transliterator and the classifier. It wraps Debian's hunspell-mn
 * (mn_MN.dic is UTF-8: its .aff says SET UTF-8) through libhunspell's C API,
 * caches every answer, and adds the word counts Sanal learns from the
 * Cyrillic text it receives, so names and new words become known with use.
 * Hunspell is slow per call (microseconds) and not thread-safe, so one
 * lexicon belongs to one thread.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hunspell/hunspell.h>

#include "common.h"
#include "analytics.h"
#include "translit_int.h"

#define LEXICON_SPELL_MAX	(1 << 20)	/* cached hunspell answers */
#define LEXICON_LEARN_MAX	(1 << 20)	/* learned words */
#define LEXICON_WORDMAX		96		/* bytes: longer runs are not words */
#define LEXICON_STALE		1000		/* new words before cached spellings go */

struct lexicon {
	Hunhandle		*hs;
	struct translit_map	 spell;		/* word → n = 1 + known */
	struct translit_map	 freq;		/* word → learned count */
	struct translit_map	 cache;		/* Latin word → struct translit_cand */
	unsigned		 learned;	/* new words since the cache was cleared */
};

/* Common Mongolian case and plural endings, longest first (fallback stems). */
static const char *const lexicon_suffixes[] = {
	"уудын", "үүдийн", "ийнхээ", "ынхаа", "гаараа", "гээрээ", "аасаа",
	"ээсээ", "оосоо", "өөсөө", "уудаа", "үүдээ", "ийг", "ийн", "гаас",
	"гээс", "гоос", "гөөс", "аас", "ээс", "оос", "өөс", "аар", "ээр",
	"оор", "өөр", "тай", "тэй", "той", "даа", "дээ", "доо", "дөө",
	"ууд", "үүд", "ын", "ыг", "ад", "эд", "од", "өд", "нд", "н", "д",
	"т", NULL
};

/* The path dir/mn_MN.ext; caller frees. */
static char *
lexicon_path(const char *dir, const char *ext)
{
	return xasprintf("%s/mn_MN.%s", dir, ext);
}

/* Opens hunspell's mn_MN files from dir (NULL: $SANAL_DICDIR or the system's). */
int
lexicon_open(const char *dir, struct lexicon **out, char **cause)
{
	struct lexicon *lx;
	char *aff, *dic;

	*out = NULL;
	if (dir == NULL && (dir = getenv("SANAL_DICDIR")) == NULL)
		dir = "/usr/share/hunspell";
	aff = lexicon_path(dir, "aff");
	dic = lexicon_path(dir, "dic");
	if (access(aff, R_OK) != 0 || access(dic, R_OK) != 0) {
		*cause = xasprintf("%s missing: install hunspell-mn", dic);
		free(aff);
		free(dic);
		return -1;
	}
	lx = xcalloc(1, sizeof(*lx));
	lx->hs = Hunspell_create(aff, dic);
	free(aff);
	free(dic);
	if (lx->hs == NULL) {
		*cause = xasprintf("hunspell could not load mn_MN from %s", dir);
		free(lx);
		return -1;
	}
	translit_prior_learn(lx);
	*out = lx;
	return 0;
}

/* Frees the lexicon and its caches; NULL is a no-op. */
void
lexicon_free(struct lexicon *lx)
{
	if (lx == NULL)
		return;
	translit_map_clear(&lx->spell, NULL);
	translit_map_clear(&lx->freq, NULL);
	translit_map_clear(&lx->cache, translit_cand_free);
	Hunspell_destroy(lx->hs);
	free(lx);
}

/* 1 if hunspell knows word; answers are cached. */
int
lexicon_hunspell(struct lexicon *lx, const char *word)
{
	struct translit_ent *e;

	if (lx == NULL || *word == '\0')
		return 0;
	if (lx->spell.len >= LEXICON_SPELL_MAX)	/* bounded: words can be anything */
		translit_map_clear(&lx->spell, NULL);
	e = translit_map_put(&lx->spell, word);
	if (e->n == 0)
		e->n = 1 + (Hunspell_spell(lx->hs, word) != 0);
	return e->n == 2;
}

/* 1 if hunspell knows word or Sanal has learned it. */
int
lexicon_known(struct lexicon *lx, const char *word)
{
	return lexicon_freq(lx, word) > 0 || lexicon_hunspell(lx, word);
}

/* Copies s into out if it fits. */
static int
lexicon_copy(const char *s, size_t n, char *out, size_t len)
{
	if (n == 0 || n >= len)
		return -1;
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}

/* Strips the longest common ending that leaves at least 2 letters. */
static int
lexicon_fallback(const char *word, char *out, size_t len)
{
	size_t n = strlen(word), k;
	int i;

	for (i = 0; lexicon_suffixes[i] != NULL; i++) {
		k = strlen(lexicon_suffixes[i]);
		if (n >= k + 4 && strcmp(word + n - k, lexicon_suffixes[i]) == 0)
			return lexicon_copy(word, n - k, out, len);
	}
	return lexicon_copy(word, n, out, len);
}

/* Hunspell's first stem for word, else the fallback. */
int
lexicon_stem(struct lexicon *lx, const char *word, char *out, size_t len)
{
	char **list;
	int n, rc;

	if (lx == NULL || *word == '\0')
		return lexicon_fallback(word, out, len);
	n = Hunspell_stem(lx->hs, &list, word);
	if (n <= 0)
		return lexicon_fallback(word, out, len);
	rc = lexicon_copy(list[0], strlen(list[0]), out, len);
	Hunspell_free_list(lx->hs, &list, n);
	return rc;
}

/*
 * Adds n to the learned count of word. A new word may change which spellings
 * count as known, so cached transliterations are dropped, but only every
 * LEXICON_STALE new words: clearing on each one kept the cache empty. The
 * table is bounded (what citizens send is not to be trusted to stay small):
 * when full, only words already in it are counted.
 */
void
lexicon_learn(struct lexicon *lx, const char *word, unsigned n)
{
	struct translit_ent *e;

	if (lx == NULL || *word == '\0' || n == 0 || strlen(word) > LEXICON_WORDMAX)
		return;
	if ((e = translit_map_get(&lx->freq, word)) == NULL) {
		if (lx->freq.len >= LEXICON_LEARN_MAX)
			return;
		e = translit_map_put(&lx->freq, word);
		if (++lx->learned >= LEXICON_STALE) {
			translit_map_clear(&lx->cache, translit_cand_free);
			lx->learned = 0;
		}
	}
	e->n = e->n + n < e->n ? ~0u : e->n + n;
}

/* The learned count of word. */
unsigned
lexicon_freq(struct lexicon *lx, const char *word)
{
	struct translit_ent *e;

	if (lx == NULL)
		return 0;
	e = translit_map_get(&lx->freq, word);
	return e != NULL ? e->n : 0;
}

/* The per-word transliteration cache. */
struct translit_map *
lexicon_cache(struct lexicon *lx)
{
	return &lx->cache;
}
