/* SPDX-License-Identifier: ISC */
/*
 * Internals shared by classify.c (features, prediction, model files),
 * classify_lex.c (keyword lexicons), classify_train.c (SGD) and
 * classify_eval.c (data files, scores, cross-validation).
 */
#ifndef SANAL_CLASSIFY_INT_H
#define SANAL_CLASSIFY_INT_H

#include <stdint.h>

#define CLS_BITS	16
#define CLS_BUCKETS	(1u << CLS_BITS)	/* hashed feature slots */
#define CLS_MAXFEAT	1536			/* features kept per comment */
#define CLS_MAXTOK	256			/* words looked at per comment */
#define CLS_HEADS	2			/* stance, topic */
#define CLS_WCACHE	4096			/* word cache sets, power of 2 */
#define CLS_WWAYS	4			/* ways per set */

/* A comment's features: bucket indices and values, L2-normalised. */
struct fvec {
	uint32_t	 idx[CLS_MAXFEAT];
	float		 val[CLS_MAXFEAT];
	size_t		 n;
};

/*
 * One softmax regression: a bias per class and weights for slot b, class c at
 * w[b * CLS_STRIDE + c]. Both heads share one array (stance first, topic
 * after), so a feature's weights for all 14 classes sit in one cache line.
 */
#define CLS_STRIDE	(STANCE_N + TOPIC_N)
struct cls_head {
	int		 k;
	float		*w;
	float		 bias[TOPIC_N];
};

/* What a word contributes beyond its stem, cached by the word's hash. */
struct cls_word {
	uint64_t	 hash;
	uint32_t	 lexmask;	/* keyword lexicons the word belongs to */
	char		 skel[24];	/* its consonant skeleton, "" if too short */
};

struct classify {
	struct lexicon		*lex;
	struct tokens		*tk;
	struct cls_head		 head[CLS_HEADS];
	float			*weights;	/* both heads, CLS_STRIDE a slot */
	double			 threshold;
	struct {				/* as train --cv measured it */
		double		 stance, topic;	/* macro-F1 */
		unsigned	 rows;		/* 0: not measured */
		int		 folds;
	}			 cv;
	char			**names;	/* while training: a name per bucket */
	struct cls_word		*wcache;
	struct token		 toks[CLS_MAXTOK];
	struct fvec		 fv;
};

/* classify.c */
/* Features of raw text into fv (normalised, transliterated first). */
void		 classify_features(struct classify *, const char *text,
		    const char *consultation, struct fvec *);
void		 classify_clear(struct classify *);		/* zeroes the model */

/* classify_train.c */
void		 classify_names_free(struct classify *);
/* Class probabilities of head h for fv into p[0..k). */
void		 classify_probs(const struct cls_head *, const struct fvec *,
		    double *p);

/* classify_lex.c */
#define LEX_NONE	0
int		 cls_lex_count(void);
const char	*cls_lex_name(int);
/* Bit i set if word (normalised) or its stem is in lexicon i. */
uint32_t	 cls_lex_match(const char *word, const char *stem);
/* Consonant skeleton shared by Cyrillic and Latin spellings; its length. */
size_t		 cls_skeleton(const char *word, char *out, size_t len);

#endif
