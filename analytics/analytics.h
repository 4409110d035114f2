/* SPDX-License-Identifier: ISC */
/*
 * analytics/: pure text processing, no network, no event loop. Normalises what
 * citizens type (Cyrillic, Latin-typed Mongolian, look-alike letters), tells
 * scripts apart, romanises replies, and measures SMS length.
 */
#ifndef SANAL_ANALYTICS_H
#define SANAL_ANALYTICS_H

#include <stddef.h>
#include <stdint.h>

enum script {
	SCRIPT_NONE,		/* no letters at all (digits, punctuation) */
	SCRIPT_CYRILLIC,	/* Cyrillic letters (look-alike Latin inside Cyrillic words allowed) */
	SCRIPT_LATIN,		/* only Latin letters */
	SCRIPT_MIXED		/* Cyrillic words and Latin words */
};

/* utf8.c */
int	 utf8_valid(const char *s, size_t len);		/* 1 if valid UTF-8 without NUL */
size_t	 utf8_chars(const char *s);			/* code points */
char	*utf8_truncate(const char *s, size_t maxchars);	/* Caller frees. */

/* normalise.c */
/*
 * NFC, ICU case folding, Latin look-alike letters inside Cyrillic words repaired,
 * old substitutes (Ѳ Ɵ Ӧ → ө; Ӱ Ї → ү), whitespace squeezed and trimmed.
 * Kazakh letters, digits, phone numbers and USSD codes are kept as they are.
 * Returns NULL for invalid UTF-8. Caller frees.
 */
char	*normalise_text(const char *utf8);
enum script script_detect(const char *utf8);
int	 text_is_kazakh(const char *utf8);		/* has Ә Ғ Қ Ң Ұ Һ І */
/*
 * Finds the next token of valid UTF-8 text at or after byte *pos: a run of
 * letters (with their combining marks) or a run of digits; anything else
 * separates tokens, and a letter next to a digit ends the token. Returns 1 and
 * sets *start and *end (byte offsets, end exclusive; *pos = *end), or 0 when
 * no token is left. Lets callers outside analytics split words the same way
 * normalise_text() sees them, without ICU.
 */
int	 text_next_token(const char *utf8, size_t *pos, size_t *start, size_t *end);

/* romanise.c */
/*
 * Cyrillic → Latin for replies: ICU mn-mn_Latn/MNS, then Latin-ASCII, so the
 * result is GSM-7. Text already Latin passes unchanged. Caller frees.
 */
char	*romanise_text(const char *utf8);
void	 romanise_shutdown(void);			/* frees the cached transliterator */

/* smslen.c */
int	 sms_is_gsm7(const char *utf8);			/* every char in GSM 03.38 (incl. extension) */
size_t	 sms_units(const char *utf8);			/* septets if GSM-7, else UTF-16 units */
int	 sms_segments(const char *utf8);		/* 1 if ≤160 GSM-7 / ≤70 UCS-2, else parts */
int	 sms_char_septets(unsigned int cp);		/* 1 or 2 (extension table) in GSM-7; 0 if absent */

/* lexicon.c: "is this a Mongolian word", from hunspell-mn plus learned counts. */
struct lexicon;
/*
 * Opens hunspell's mn_MN dictionary from dir (NULL: $SANAL_DICDIR, else
 * /usr/share/hunspell). 0, or -1 with *cause (caller frees). One thread only.
 */
int	 lexicon_open(const char *dir, struct lexicon **, char **cause);
void	 lexicon_free(struct lexicon *);
int	 lexicon_known(struct lexicon *, const char *word);	/* 1 if a known word */
/* The stem hunspell gives (or a fallback) into out; 0, or -1 if none fits. */
int	 lexicon_stem(struct lexicon *, const char *word, char *out, size_t len);
void	 lexicon_learn(struct lexicon *, const char *word, unsigned n);
unsigned lexicon_freq(struct lexicon *, const char *word);

/* --- translit.c (Latin-typed Mongolian to Cyrillic) --- */
/*
 * Latin-typed Mongolian words of utf8 in Cyrillic; Cyrillic words stay (with
 * Latin look-alikes repaired), digits, punctuation and spacing are copied.
 * Case follows each input word (lowercase, ALL CAPS, Capitalised); callers
 * wanting the folded form apply normalise_text() on top. lx may be NULL
 * (letter rules and vowel harmony only). Returns NULL for invalid UTF-8.
 * Caller frees. Uses lx's caches: one thread per lexicon.
 */
char	*translit_text(struct lexicon *, const char *utf8);
/* Learns the Cyrillic words of utf8 (lowercased) as lexicon_learn(w, 1). */
void	 translit_learn(struct lexicon *, const char *utf8);

/* --- tokens.c, classify.c (stems, negation, stance and topic) --- */
#define TOKEN_LEN	64		/* bytes of word and stem, NUL included */
#define TOKEN_NUM	0x1		/* digits, perhaps with a suffix: 100-аас */
#define TOKEN_NEG	0x2		/* negated: the stem ends in "+NEG" */
#define TOKEN_LATIN	0x4		/* starts with a Latin letter */

struct token {
	char	 word[TOKEN_LEN];	/* as in the text (cut at a char boundary) */
	char	 stem[TOKEN_LEN];	/* "#" for numbers; "дэмж+NEG" when negated */
	int	 flags;
};

/* A word splitter with its stem cache; one thread. lex may be NULL. */
struct tokens;
struct tokens	*tokens_new(struct lexicon *lex);
void		 tokens_free(struct tokens *);
/*
 * Splits normalised text into at most max words (ICU word breaks; hyphenated
 * names and number+suffix kept whole) with stems and negation. Returns the
 * count. The stems stay valid in out; nothing is allocated.
 */
size_t		 tokens_split(struct tokens *, const char *text, struct token *out,
		    size_t max);
void		 tokens_negate(struct token *);		/* marks t's stem +NEG */
/* The suffix-stripping stem used for words hunspell does not know. */
void		 tokens_fallback_stem(const char *word, char *out, size_t len);

enum stance {
	STANCE_SUPPORT, STANCE_OPPOSE, STANCE_AMEND, STANCE_QUESTION,
	STANCE_OTHER, STANCE_N
};
enum topic {
	TOPIC_FEES, TOPIC_LAND_PASTURE, TOPIC_WATER, TOPIC_LIVESTOCK,
	TOPIC_EDUCATION, TOPIC_HEALTH, TOPIC_ROADS, TOPIC_GOVERNANCE,
	TOPIC_OTHER, TOPIC_N
};
const char	*stance_name(int);			/* "support"...; NULL if out of range */
const char	*topic_name(int);
int		 stance_parse(const char *);		/* enum value, or -1 */
int		 topic_parse(const char *);

struct classify_result {
	int	 stance;
	int	 topic;
	double	 stance_p;		/* probability of the stance chosen */
	double	 topic_p;
	double	 confidence;		/* the smaller of the two, in [0, 1] */
	int	 review;		/* confidence below the model's threshold */
};

/*
 * A labelled comment. consultation: the code of the consultation it answers
 * (a feature, so a bare "Дэмжинэ" can take the consultation's home topic), or
 * NULL if unknown.
 */
struct classify_example {
	const char	*text;
	const char	*consultation;
	int		 stance;
	int		 topic;
};

/*
 * A stance and topic model (two softmax regressions over hashed features) and
 * the scratch space to use it: one thread per struct classify; lex may be NULL
 * (fallback stems, no transliteration). An empty model predicts "other".
 */
struct classify;
struct classify	*classify_new(struct lexicon *lex);
void		 classify_free(struct classify *);
/* Reads / writes the text model format; 0, or -1 with *cause (caller frees). */
int		 classify_load(struct classify *, const char *path, char **cause);
int		 classify_save(const struct classify *, const char *path, char **cause);
/* Replaces the model with one trained on ex[0..n). Deterministic. */
void		 classify_train(struct classify *, const struct classify_example *ex,
		    size_t n);
/* Labels raw text (any script); consultation as in struct classify_example. */
void		 classify_text(struct classify *, const char *text,
		    const char *consultation, struct classify_result *);
/*
 * classify_text in two steps, for callers that keep the text: the normalised
 * Cyrillic the model reads (Latin words transliterated; *latin says the input
 * was Latin typed; caller frees), then the labels of that prepared text.
 */
char		*classify_prepare(struct classify *, const char *raw, int *latin);
void		 classify_prepared(struct classify *, const char *text, int latin,
		    const char *consultation, struct classify_result *);
double		 classify_threshold(const struct classify *);
/*
 * The model's cross-validated macro-F1 for stance and topic, the rows and
 * folds they were measured on, as sanalctl train --cv records them in the
 * file (a "cv_macro_f1" line; older files have none): 0, or -1 if unknown.
 * Training or loading another model forgets them.
 */
int		 classify_cv_get(const struct classify *, double *stance, double *topic,
		    unsigned *rows, int *folds);
void		 classify_cv_set(struct classify *, double stance, double topic,
		    unsigned rows, int folds);
void		 classify_set_threshold(struct classify *, double);
/* The model file classify uses: $SANAL_MODEL, else the installed default. */
const char	*classify_default_model(void);

/* classify_eval.c: labelled files and scores. */
struct classify_data {
	struct classify_example	*ex;
	size_t			 n;
	char			*buf;		/* the file; the strings point into it */
};
/*
 * Reads a comments TSV whose header names at least the columns stance, topic
 * and text (consultation optional; others ignored). 0, or -1 with *cause
 * (caller frees).
 */
int		 classify_data_read(const char *path, struct classify_data *,
		    char **cause);
void		 classify_data_free(struct classify_data *);

struct classify_scores {
	int		 nclass;
	unsigned	 confusion[TOPIC_N][TOPIC_N];	/* [gold][predicted] */
	double		 precision[TOPIC_N];
	double		 recall[TOPIC_N];
	double		 f1[TOPIC_N];
	double		 accuracy;
	double		 macro_f1;
};
void		 classify_scores_init(struct classify_scores *, int nclass);
void		 classify_scores_add(struct classify_scores *, int gold, int pred);
void		 classify_scores_finish(struct classify_scores *);
/*
 * K-fold cross-validation, folds stratified by stance in file order: each row
 * is scored by a model trained on the other folds only.
 */
void		 classify_cv(struct lexicon *, const struct classify_data *, int k,
		    struct classify_scores *stance, struct classify_scores *topic);

/* --- campaign.c (near-duplicates) --- */
/*
 * Fingerprints differing in at most this many bits are one campaign's texts.
 * The index finds every pair within 9 bits; larger values need a new index.
 */
#define CAMPAIGN_NEAR	9
struct campaigns;
/*
 * A 64-bit fingerprint (one-bit MinHash over words and their character
 * trigrams) of norm, the output of normalise_text(). Equal texts get equal
 * fingerprints; 0 if norm has no words. Stable across runs and builds, so it
 * may be stored. Any thread.
 */
uint64_t campaign_fingerprint(const char *norm);
unsigned campaign_distance(uint64_t, uint64_t);	/* differing bits, 0-64 */
int	 campaign_near(uint64_t, uint64_t);		/* distance <= CAMPAIGN_NEAR */
struct campaigns *campaigns_new(void);			/* Free with campaigns_free. */
void	 campaigns_free(struct campaigns *);		/* NULL is a no-op */
/*
 * Files comment_id with fingerprint fp and returns its campaign id: the id
 * of the first comment filed under the nearest fingerprint already seen
 * (exact repeats first), or comment_id itself if none is within
 * CAMPAIGN_NEAR. Rebuilding after a restart means adding the stored
 * (fp, comment id) pairs in the original order. One thread at a time.
 */
int64_t	 campaigns_add(struct campaigns *, uint64_t fp, int64_t comment_id);
size_t	 campaigns_count(const struct campaigns *);	/* distinct fingerprints */

#endif
