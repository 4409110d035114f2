/* SPDX-License-Identifier: ISC */
/*
 * Stance and topic of a comment: two multinomial logistic regressions over
 * hashed features of the normalised (and, for Latin-typed text,
 * transliterated) comment. The features are the word stems (with negation
 * marks), stem bigrams, the first and last stem, consonant skeletons shared
 * by Latin and Cyrillic spellings, hits in small keyword lexicons, a question
 * mark, numbers, length, the consultation when known, and
 * character 3- to 5-grams of the text. Each feature hashes into one of
 * CLS_BUCKETS slots; a slot's weights per class sit together, so a comment
 * costs a few hundred cache lines and no allocation beyond normalising it.
 *
 * The model is a text file anyone can read: one line per used slot with its
 * weight for each class and the (first) feature that fell into it, e.g.
 * "81234 1.92 -0.41 -0.33 -0.60 -0.58 s:дэмж". Its header may carry the
 * macro-F1 that cross-validation measured on the training data ("cv_macro_f1
 * stance 0.8640 topic 0.7120 rows 240 folds 5"), which reports cite; files
 * without that line load as before. Training is in classify_train.c; files
 * and scores in classify_eval.c.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "analytics.h"
#include "classify_int.h"

#ifndef SANAL_MODEL_PATH
#define SANAL_MODEL_PATH	"sanal.model"
#endif
#define FNV_OFFSET	0xcbf29ce484222325ULL
#define FNV_PRIME	0x100000001b3ULL
#define MODEL_MAGIC	"sanal-classify 1"

/* How much each feature family weighs before normalising. */
#define W_STEM		1.0f
#define W_BIGRAM	0.6f
#define W_EDGE		0.6f
#define W_SKEL		0.6f
#define W_LEX		1.0f
#define W_FLAG		1.0f
#define W_CHAR		0.25f

static const char *const stance_names[STANCE_N] = {
	"support", "oppose", "amend", "question", "other",
};
static const char *const topic_names[TOPIC_N] = {
	"fees", "land_pasture", "water", "livestock", "education", "health",
	"roads", "governance", "other",
};
static const char *const head_names[CLS_HEADS] = { "stance", "topic" };

const char *
stance_name(int i)
{
	return i >= 0 && i < STANCE_N ? stance_names[i] : NULL;
}

const char *
topic_name(int i)
{
	return i >= 0 && i < TOPIC_N ? topic_names[i] : NULL;
}

/* Index of name in list[0..n), or -1. */
static int
cls_find(const char *const *list, int n, const char *name)
{
	int	 i;

	for (i = 0; i < n; i++) {
		if (strcmp(list[i], name) == 0)
			return i;
	}
	return -1;
}

int
stance_parse(const char *s)
{
	return cls_find(stance_names, STANCE_N, s);
}

int
topic_parse(const char *s)
{
	return cls_find(topic_names, TOPIC_N, s);
}

/* The class names of head h. */
static const char *const *
cls_classes(int h)
{
	return h == 0 ? stance_names : topic_names;
}

/* MurmurHash3's finaliser: FNV-1a alone leaves the low bits poorly mixed. */
static uint64_t
cls_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

/* Continues an FNV-1a hash over n bytes of s. */
static uint64_t
cls_hash(uint64_t h, const char *s, size_t n)
{
	while (n-- > 0)
		h = (h ^ (unsigned char)*s++) * FNV_PRIME;
	return h;
}

/* Adds the feature prefix+s[0..n) with value v to fv. */
static void
cls_add(struct classify *cls, struct fvec *fv, const char *prefix,
    const char *s, size_t n, float v)
{
	uint64_t	 h = cls_hash(cls_hash(FNV_OFFSET, prefix, strlen(prefix)), s, n);
	uint32_t	 b = (uint32_t)cls_mix(h) & (CLS_BUCKETS - 1);

	if (fv->n == CLS_MAXFEAT)
		return;
	fv->idx[fv->n] = b;
	fv->val[fv->n++] = v;
	if (cls->names != NULL && cls->names[b] == NULL)
		cls->names[b] = xasprintf("%s%.*s", prefix, (int)n, s);
}

/* Adds a feature named by a NUL-terminated string. */
static void
cls_adds(struct classify *cls, struct fvec *fv, const char *prefix,
    const char *s, float v)
{
	cls_add(cls, fv, prefix, s, strlen(s), v);
}

/* The lexicon hits and skeleton of a word, cached by the word's hash. */
static const struct cls_word *
cls_word(struct classify *cls, const struct token *t)
{
	uint64_t	 h = cls_mix(cls_hash(FNV_OFFSET, t->word, strlen(t->word)));
	struct cls_word	*w = &cls->wcache[(h & (CLS_WCACHE - 1)) * CLS_WWAYS];
	int		 i;

	for (i = 0; i < CLS_WWAYS; i++) {
		if (w[i].hash == h)
			return &w[i];
	}
	for (i = 0; i < CLS_WWAYS && w[i].hash != 0; i++)
		;
	w += i < CLS_WWAYS ? (size_t)i : (h >> 32) % CLS_WWAYS;	/* a free way, or evict */
	w->hash = h;
	w->lexmask = cls_lex_match(t->word, t->stem);
	if (cls_skeleton(t->word, w->skel, sizeof w->skel) < 2)
		w->skel[0] = '\0';
	return w;
}

/* Adds the lexicon hits in mask. */
static void
cls_add_lex(struct classify *cls, struct fvec *fv, uint32_t mask)
{
	int	 i;

	for (i = 0; i < cls_lex_count(); i++) {
		if (mask & (1u << i))
			cls_adds(cls, fv, "L:", cls_lex_name(i), W_LEX);
	}
}

/* Word features: stems, bigrams, edges, lexicons, skeletons. */
static void
cls_words(struct classify *cls, struct fvec *fv, size_t n, uint32_t *lexall)
{
	const struct cls_word	*w;
	char			 pair[2 * TOKEN_LEN + 1];
	size_t			 i;

	for (i = 0; i < n; i++) {
		cls_adds(cls, fv, "s:", cls->toks[i].stem, W_STEM);
		if (i > 0) {
			snprintf(pair, sizeof pair, "%s %s", cls->toks[i - 1].stem,
			    cls->toks[i].stem);
			cls_adds(cls, fv, "b:", pair, W_BIGRAM);
		}
		w = cls_word(cls, &cls->toks[i]);
		*lexall |= w->lexmask;
		cls_add_lex(cls, fv, w->lexmask);
		if (w->skel[0] != '\0')
			cls_adds(cls, fv, "k:", w->skel, W_SKEL);
	}
	if (n > 0) {
		cls_adds(cls, fv, "f:", cls->toks[0].stem, W_EDGE);
		cls_adds(cls, fv, "e:", cls->toks[n - 1].stem, W_EDGE);
	}
}

/* Character 3- to 5-grams of text, spaces at both ends. */
static void
cls_chars(struct classify *cls, struct fvec *fv, const char *text)
{
	uint16_t	 off[CLS_MAXFEAT / 3 + 2];
	size_t		 n = 0, i, k, len = strlen(text);
	char		 buf[CLS_MAXFEAT / 3 * 2 + 8];

	if (len > sizeof buf - 3)
		len = sizeof buf - 3;
	buf[0] = ' ';
	memcpy(buf + 1, text, len);
	buf[len + 1] = ' ';
	len += 2;
	for (i = 0; i < len && n < nitems(off) - 1; i++) {
		if (((unsigned char)buf[i] & 0xc0) != 0x80)
			off[n++] = i;
	}
	off[n] = i;
	for (i = 0; i < n; i++) {
		for (k = 3; k <= 5 && i + k <= n; k++)
			cls_add(cls, fv, "c:", buf + off[i], off[i + k] - off[i],
			    W_CHAR);
	}
}

/* Whole-comment flags: question mark, numbers, negation, length, script. */
static void
cls_flags(struct classify *cls, struct fvec *fv, const char *text, size_t n,
    int latin)
{
	static const char *const lens[] = { "0", "1", "2-3", "4-7", "8-15", "16+" };
	size_t		 i, neg = 0, num = 0, li;

	for (i = 0; i < n; i++) {
		neg += (cls->toks[i].flags & TOKEN_NEG) != 0;
		num += (cls->toks[i].flags & TOKEN_NUM) != 0;
	}
	if (strchr(text, '?') != NULL)
		cls_adds(cls, fv, "x:", "?", W_FLAG);
	if (neg > 0)
		cls_adds(cls, fv, "x:", "neg", W_FLAG);
	if (num > 0)
		cls_adds(cls, fv, "x:", "num", W_FLAG);
	if (latin)
		cls_adds(cls, fv, "x:", "latin", W_FLAG);
	li = n == 0 ? 0 : n == 1 ? 1 : n < 4 ? 2 : n < 8 ? 3 : n < 16 ? 4 : 5;
	cls_adds(cls, fv, "n:", lens[li], W_FLAG);
	cls_adds(cls, fv, "x:", "bias", W_FLAG);
}

/* Scales fv to unit length. */
static void
cls_normalise(struct fvec *fv)
{
	double	 ss = 0;
	size_t	 i;

	for (i = 0; i < fv->n; i++)
		ss += (double)fv->val[i] * fv->val[i];
	if (ss <= 0)
		return;
	ss = 1.0 / sqrt(ss);
	for (i = 0; i < fv->n; i++)
		fv->val[i] = (float)(fv->val[i] * ss);
}

/*
 * Normalised text, transliterated to Cyrillic when typed in Latin (translit
 * keeps each word's case, and normalised input is already folded). Caller frees.
 */
char *
classify_prepare(struct classify *cls, const char *raw, int *latin)
{
	char	*norm = normalise_text(raw), *cyr;

	if (norm == NULL)
		return xstrdup("");
	*latin = script_detect(norm) >= SCRIPT_LATIN;
	if (!*latin || (cyr = translit_text(cls->lex, norm)) == NULL)
		return norm;
	free(norm);
	return cyr;
}

/* The features of text as classify_prepare left it. */
static void
cls_features_prepared(struct classify *cls, const char *text, int latin,
    const char *consultation, struct fvec *fv)
{
	size_t		 n;
	uint32_t	 lexall = 0;

	fv->n = 0;
	n = tokens_split(cls->tk, text, cls->toks, CLS_MAXTOK);
	cls_words(cls, fv, n, &lexall);
	cls_flags(cls, fv, text, n, latin);
	if (consultation != NULL && *consultation != '\0')
		cls_adds(cls, fv, "h:", consultation, W_FLAG);
	cls_chars(cls, fv, text);
	cls_normalise(fv);
}

void
classify_features(struct classify *cls, const char *raw,
    const char *consultation, struct fvec *fv)
{
	char	*text;
	int	 latin = 0;

	text = classify_prepare(cls, raw, &latin);
	cls_features_prepared(cls, text, latin, consultation, fv);
	free(text);
}

/* Softmax of the k scores in z into p. */
static void
cls_softmax(const double *z, int k, double *p)
{
	double	 max = z[0], sum = 0;
	int	 c;

	for (c = 1; c < k; c++)
		max = z[c] > max ? z[c] : max;
	for (c = 0; c < k; c++)
		sum += p[c] = exp(z[c] - max);
	for (c = 0; c < k; c++)
		p[c] /= sum;
}

void
classify_probs(const struct cls_head *hd, const struct fvec *fv, double *p)
{
	double		 z[TOPIC_N];
	const float	*w;
	size_t		 i;
	int		 c;

	for (c = 0; c < hd->k; c++)
		z[c] = hd->bias[c];
	for (i = 0; i < fv->n; i++) {
		w = hd->w + (size_t)fv->idx[i] * CLS_STRIDE;
		for (c = 0; c < hd->k; c++)
			z[c] += (double)w[c] * fv->val[i];
	}
	cls_softmax(z, hd->k, p);
}

/* Both heads at once: one pass over the features, 14 sums in a row. */
static void
cls_probs_both(const struct classify *cls, const struct fvec *fv,
    double *pst, double *ptp)
{
	float		 acc[CLS_STRIDE] = { 0 };
	double		 z[CLS_STRIDE];
	const float	*w;
	size_t		 i;
	int		 c;

	for (i = 0; i < fv->n; i++) {
		w = cls->weights + (size_t)fv->idx[i] * CLS_STRIDE;
		for (c = 0; c < CLS_STRIDE; c++)
			acc[c] += w[c] * fv->val[i];
	}
	for (c = 0; c < STANCE_N; c++)
		z[c] = cls->head[0].bias[c] + acc[c];
	for (c = 0; c < TOPIC_N; c++)
		z[STANCE_N + c] = cls->head[1].bias[c] + acc[STANCE_N + c];
	cls_softmax(z, STANCE_N, pst);
	cls_softmax(z + STANCE_N, TOPIC_N, ptp);
}

/* The most probable class of p[0..k); its probability into *pp. */
static int
cls_argmax(const double *p, int k, double *pp)
{
	int	 c, best = 0;

	for (c = 1; c < k; c++) {
		if (p[c] > p[best])
			best = c;
	}
	*pp = p[best];
	return best;
}

void
classify_text(struct classify *cls, const char *text,
    const char *consultation, struct classify_result *r)
{
	char	*prepared;
	int	 latin = 0;

	prepared = classify_prepare(cls, text, &latin);
	classify_prepared(cls, prepared, latin, consultation, r);
	free(prepared);
}

void
classify_prepared(struct classify *cls, const char *text, int latin,
    const char *consultation, struct classify_result *r)
{
	double	 pst[STANCE_N], ptp[TOPIC_N];

	cls_features_prepared(cls, text, latin, consultation, &cls->fv);
	cls_probs_both(cls, &cls->fv, pst, ptp);
	r->stance = cls_argmax(pst, STANCE_N, &r->stance_p);
	r->topic = cls_argmax(ptp, TOPIC_N, &r->topic_p);
	r->confidence = r->stance_p < r->topic_p ? r->stance_p : r->topic_p;
	r->review = r->confidence < cls->threshold;
}

struct classify *
classify_new(struct lexicon *lex)
{
	struct classify	*cls = xcalloc(1, sizeof *cls);
	int		 h;

	cls->lex = lex;
	cls->tk = tokens_new(lex);
	cls->wcache = xcalloc(CLS_WCACHE * CLS_WWAYS, sizeof *cls->wcache);
	cls->weights = xcalloc((size_t)CLS_BUCKETS * CLS_STRIDE,
	    sizeof *cls->weights);
	cls->threshold = 0.5;
	for (h = 0; h < CLS_HEADS; h++) {
		cls->head[h].k = h == 0 ? STANCE_N : TOPIC_N;
		cls->head[h].w = cls->weights + (h == 0 ? 0 : STANCE_N);
	}
	cls->head[0].bias[STANCE_OTHER] = 1;	/* empty model: other */
	cls->head[1].bias[TOPIC_OTHER] = 1;
	return cls;
}

void
classify_free(struct classify *cls)
{
	if (cls == NULL)
		return;
	free(cls->weights);
	tokens_free(cls->tk);
	classify_names_free(cls);
	free(cls->wcache);
	free(cls);
}

int
classify_cv_get(const struct classify *cls, double *stance, double *topic,
    unsigned *rows, int *folds)
{
	if (cls->cv.rows == 0)
		return -1;
	*stance = cls->cv.stance;
	*topic = cls->cv.topic;
	*rows = cls->cv.rows;
	*folds = cls->cv.folds;
	return 0;
}

void
classify_cv_set(struct classify *cls, double stance, double topic, unsigned rows,
    int folds)
{
	cls->cv.stance = stance;
	cls->cv.topic = topic;
	cls->cv.rows = rows;
	cls->cv.folds = folds;
}

double
classify_threshold(const struct classify *cls)
{
	return cls->threshold;
}

void
classify_set_threshold(struct classify *cls, double t)
{
	cls->threshold = t;
}

const char *
classify_default_model(void)
{
	const char	*env = getenv("SANAL_MODEL");

	return env != NULL && *env != '\0' ? env : SANAL_MODEL_PATH;
}

/* Writes head h: its classes, biases and every used slot. */
static void
cls_save_head(const struct classify *cls, int h, FILE *f)
{
	const struct cls_head	*hd = &cls->head[h];
	const float		*w;
	uint32_t		 b;
	int			 c, used;

	fprintf(f, "head %s %d", head_names[h], hd->k);
	for (c = 0; c < hd->k; c++)
		fprintf(f, " %s", cls_classes(h)[c]);
	fprintf(f, "\nbias");
	for (c = 0; c < hd->k; c++)
		fprintf(f, " %.5g", hd->bias[c]);
	fprintf(f, "\n");
	for (b = 0; b < CLS_BUCKETS; b++) {
		w = hd->w + (size_t)b * CLS_STRIDE;
		for (c = used = 0; c < hd->k; c++)
			used |= w[c] != 0;
		if (!used)
			continue;
		fprintf(f, "%u", b);
		for (c = 0; c < hd->k; c++)
			fprintf(f, " %.5g", w[c]);
		fprintf(f, " %s\n", cls->names != NULL && cls->names[b] != NULL ?
		    cls->names[b] : "?");
	}
	fprintf(f, "end\n");
}

int
classify_save(const struct classify *cls, const char *path, char **cause)
{
	FILE	*f;
	char	*tmp = xasprintf("%s.tmp", path);
	int	 h;

	if ((f = fopen(tmp, "w")) == NULL) {
		*cause = xasprintf("%s: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	fprintf(f, "%s\n# slot, weight per class, first feature in the slot\n"
	    "buckets %u\nthreshold %.9g\n", MODEL_MAGIC, CLS_BUCKETS,
	    cls->threshold);
	if (cls->cv.rows > 0)
		fprintf(f, "cv_macro_f1 stance %.4f topic %.4f rows %u folds %d\n",
		    cls->cv.stance, cls->cv.topic, cls->cv.rows, cls->cv.folds);
	for (h = 0; h < CLS_HEADS; h++)
		cls_save_head(cls, h, f);
	if (ferror(f) | (fclose(f) != 0) || rename(tmp, path) != 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

/* Reads k floats after the first word of line into out; 0 or -1. */
static int
cls_floats(const char *line, int k, float *out, const char **rest)
{
	char	*end;
	int	 c;

	line += strcspn(line, " ");
	for (c = 0; c < k; c++) {
		errno = 0;
		out[c] = strtof(line, &end);
		if (end == line || errno != 0 || !isfinite(out[c]))
			return -1;
		line = end;
	}
	if (rest != NULL)
		*rest = line;
	return 0;
}

/* Checks a "head NAME K CLASS..." line against head h. */
static int
cls_head_line(const char *line, int h, int k)
{
	char		 want[256];
	int		 c, n;

	n = snprintf(want, sizeof want, "head %s %d", head_names[h], k);
	for (c = 0; c < k; c++)
		n += snprintf(want + n, sizeof want - n, " %s", cls_classes(h)[c]);
	return strcmp(line, want) == 0 ? 0 : -1;
}

/* Reads one weights line of head hd; 0, 1 at "end", -1 if malformed. */
static int
cls_load_line(struct cls_head *hd, const char *line)
{
	char		*end;
	unsigned long	 b;

	if (strcmp(line, "end") == 0)
		return 1;
	if (strncmp(line, "bias ", 5) == 0)
		return cls_floats(line, hd->k, hd->bias, NULL);
	b = strtoul(line, &end, 10);
	if (end == line || *end != ' ' || b >= CLS_BUCKETS)
		return -1;
	return cls_floats(line, hd->k, hd->w + b * CLS_STRIDE, NULL);
}

/* Reads a "cv_macro_f1 stance S topic T rows N folds K" line; 0 or -1. */
static int
cls_cv_line(struct classify *cls, const char *line)
{
	double		 st, tp;
	unsigned	 rows;
	int		 folds, end = 0;

	if (sscanf(line, "cv_macro_f1 stance %lf topic %lf rows %u folds %d%n", &st,
	    &tp, &rows, &folds, &end) != 4 || line[end] != '\0' || !(st >= 0 &&
	    st <= 1) || !(tp >= 0 && tp <= 1) || rows == 0 || folds < 2)
		return -1;
	classify_cv_set(cls, st, tp, rows, folds);
	return 0;
}

/* Reads the header and both heads from f into cls; 0, or the failing line. */
static size_t
cls_load_file(struct classify *cls, FILE *f)
{
	char	*line = NULL;
	size_t	 cap = 0, lineno = 0;
	ssize_t	 len;
	int	 h = -1, rc = 0;
	double	 t;

	while (rc == 0 && (len = getline(&line, &cap, f)) > 0) {
		lineno++;
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		if (lineno == 1)
			rc = strcmp(line, MODEL_MAGIC) == 0 ? 0 : -1;
		else if (line[0] == '#')
			continue;
		else if (h < 0 && strncmp(line, "buckets ", 8) == 0)
			rc = strtoul(line + 8, NULL, 10) == CLS_BUCKETS ? 0 : -1;
		else if (h < 0 && sscanf(line, "threshold %lf", &t) == 1)
			rc = t >= 0 && t <= 1 ? (cls->threshold = t, 0) : -1;
		else if (h < 0 && strncmp(line, "cv_macro_f1 ", 12) == 0)
			rc = cls_cv_line(cls, line);
		else if (h < CLS_HEADS - 1 && strncmp(line, "head ", 5) == 0) {
			h++;
			rc = cls_head_line(line, h, cls->head[h].k);
		}
		else if (h >= 0 && (rc = cls_load_line(&cls->head[h], line)) == 1)
			rc = h == CLS_HEADS - 1 ? 2 : 0;
		else if (h < 0)
			rc = -1;
	}
	free(line);
	return rc == 2 ? 0 : lineno > 0 ? lineno : 1;
}

void
classify_clear(struct classify *cls)
{
	int	 h;

	memset(cls->weights, 0, (size_t)CLS_BUCKETS * CLS_STRIDE *
	    sizeof *cls->weights);
	for (h = 0; h < CLS_HEADS; h++)
		memset(cls->head[h].bias, 0, sizeof cls->head[h].bias);
	memset(&cls->cv, 0, sizeof cls->cv);
}

int
classify_load(struct classify *cls, const char *path, char **cause)
{
	FILE	*f;
	size_t	 bad;

	if ((f = fopen(path, "r")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	classify_clear(cls);
	bad = cls_load_file(cls, f);
	fclose(f);
	if (bad != 0) {
		*cause = xasprintf("%s:%zu: not a sanal model line (or the file "
		    "ends early)", path, bad);
		classify_clear(cls);
		return -1;
	}
	return 0;
}
