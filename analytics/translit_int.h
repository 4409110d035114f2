/* SPDX-License-Identifier: ISC */
/*
 * Private to the transliteration files (lexicon.c, translit*.c): a string
 * hash map used for the spelling cache, the learned word counts and the
 * per-word transliteration cache, and the lexicon internals translit needs.
 */
#ifndef SANAL_TRANSLIT_INT_H
#define SANAL_TRANSLIT_INT_H

#include <stddef.h>
#include <stdint.h>

struct lexicon;

/* An open-addressing map from NUL-terminated keys to a count and a pointer. */
struct translit_ent {
	char		*key;		/* NULL: empty slot */
	uint32_t	 hash;
	unsigned	 n;
	void		*val;
};
struct translit_map {
	struct translit_ent	*ent;
	size_t			 cap;
	size_t			 len;
};
void	 translit_map_init(struct translit_map *);
/* Frees keys, and values with freeval unless it is NULL. */
void	 translit_map_clear(struct translit_map *, void (*freeval)(void *));
struct translit_ent *translit_map_get(struct translit_map *, const char *key);
/* Finds key or adds it with n 0 and val NULL. */
struct translit_ent *translit_map_put(struct translit_map *, const char *key);

/* lexicon.c internals for translit. */
struct translit_map *lexicon_cache(struct lexicon *);	/* per-word translit cache */
int	 lexicon_hunspell(struct lexicon *, const char *);	/* 1 if hunspell knows it */

/* translit_word.c: ranked Cyrillic candidates for one lowercase ASCII word. */
#define TRANSLIT_MAXCAND	4
#define TRANSLIT_LONGEST	24	/* letters; longer words skip the lexicon */
#define TRANSLIT_WORDMAX	64	/* longer Latin words are copied as they are */
struct translit_cand {
	char	*cyr[TRANSLIT_MAXCAND];	/* lowercase Cyrillic, best first */
	float	 score[TRANSLIT_MAXCAND];	/* lower is better */
	int	 n;
};
/* Candidates for word (lowercase ASCII letters). Caller frees with translit_cand_free. */
struct translit_cand *translit_word_cands(struct lexicon *, const char *word);
void	 translit_cand_free(void *);

/* translit_prior.c: common words with a rough weight, learned at open. */
void	 translit_prior_learn(struct lexicon *);

#endif
