/* SPDX-License-Identifier: ISC */
/*
 * Training the stance and topic heads: L2-regularised multinomial logistic
 * regression by stochastic gradient descent over the hashed features of
 * classify.c. Each comment is turned into features once; then a fixed number
 * of passes visit the rows in an order drawn from a fixed seed, so the same
 * data always gives the same model. Regularisation uses the scaled-weight
 * trick (w = s·v, s shrinks each step), so a step touches only the comment's
 * own features. Classes are weighted by the square root of their rarity,
 * which helps the small topics (water, livestock) without letting a handful
 * of rows dominate. At the end weights are rounded to the digits the model
 * file keeps, so a saved and reloaded model predicts exactly as the trained
 * one.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "analytics.h"
#include "classify_int.h"

#define EPOCHS		40
#define ETA0		0.5
#define LAMBDA		2e-4
#define CLASS_POW	0.5		/* class weight (n / (k·n_c))^CLASS_POW */
#define PRUNE		1e-4		/* slots whose weights all stay below */

/* One training comment: its features and its labels per head. */
struct cls_row {
	uint32_t	*idx;
	float		*val;
	size_t		 n;
	int		 y[CLS_HEADS];
};

/* xorshift64*: the fixed-seed order of the passes. */
static uint64_t
cls_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

void
classify_names_free(struct classify *cls)
{
	uint32_t	 b;

	if (cls->names == NULL)
		return;
	for (b = 0; b < CLS_BUCKETS; b++)
		free(cls->names[b]);
	free(cls->names);
	cls->names = NULL;
}

/* Turns ex[0..n) into rows, naming every slot used. */
static struct cls_row *
cls_rows(struct classify *cls, const struct classify_example *ex, size_t n)
{
	struct cls_row	*rows = xcalloc(n ? n : 1, sizeof *rows);
	size_t		 i;

	classify_names_free(cls);
	cls->names = xcalloc(CLS_BUCKETS, sizeof *cls->names);
	for (i = 0; i < n; i++) {
		classify_features(cls, ex[i].text, ex[i].consultation, &cls->fv);
		rows[i].n = cls->fv.n;
		rows[i].idx = xcalloc(cls->fv.n + 1, sizeof *rows[i].idx);
		rows[i].val = xcalloc(cls->fv.n + 1, sizeof *rows[i].val);
		memcpy(rows[i].idx, cls->fv.idx, cls->fv.n * sizeof *rows[i].idx);
		memcpy(rows[i].val, cls->fv.val, cls->fv.n * sizeof *rows[i].val);
		rows[i].y[0] = ex[i].stance;
		rows[i].y[1] = ex[i].topic;
	}
	return rows;
}

/* Class weights of head h from the label counts of rows. */
static void
cls_class_weights(const struct cls_row *rows, size_t n, int h, int k, double *cw)
{
	size_t	 count[TOPIC_N] = { 0 }, i;
	int	 c;

	for (i = 0; i < n; i++)
		count[rows[i].y[h]]++;
	for (c = 0; c < k; c++)
		cw[c] = count[c] ? pow((double)n / (k * count[c]), CLASS_POW) : 0;
}

/* Probabilities for row r under scale s into p. */
static void
cls_row_probs(const struct cls_head *hd, const struct cls_row *r, double s,
    double *p)
{
	struct fvec	 fv;

	fv.n = r->n;
	memcpy(fv.idx, r->idx, r->n * sizeof *r->idx);
	for (fv.n = 0; fv.n < r->n; fv.n++)
		fv.val[fv.n] = (float)(r->val[fv.n] * s);
	classify_probs(hd, &fv, p);
}

/* One SGD step on row r; returns the new scale. */
static double
cls_step(struct cls_head *hd, const struct cls_row *r, int y, double cw,
    double eta, double s)
{
	double	 p[TOPIC_N], g[TOPIC_N];
	float	*w;
	size_t	 i;
	int	 c;

	cls_row_probs(hd, r, s, p);
	for (c = 0; c < hd->k; c++) {
		g[c] = (p[c] - (c == y)) * cw;
		hd->bias[c] -= (float)(eta * g[c]);
	}
	s *= 1 - eta * LAMBDA;
	for (i = 0; i < r->n; i++) {
		w = hd->w + (size_t)r->idx[i] * CLS_STRIDE;
		for (c = 0; c < hd->k; c++)
			w[c] -= (float)(eta * g[c] * r->val[i] / s);
	}
	return s;
}

/* Multiplies every weight of hd by s. */
static void
cls_rescale(struct cls_head *hd, double s)
{
	size_t	 b;
	int	 c;

	for (b = 0; b < CLS_BUCKETS; b++) {
		for (c = 0; c < hd->k; c++)
			hd->w[b * CLS_STRIDE + c] *= (float)s;
	}
}

/* Trains head h on rows[0..n). */
static void
cls_sgd(struct cls_head *hd, const struct cls_row *rows, size_t n, int h)
{
	double		 cw[TOPIC_N], s = 1, eta;
	size_t		*order = xcalloc(n ? n : 1, sizeof *order), i, j, t = 0, tmp;
	uint64_t	 seed = 0x5eed5a4a1ULL + h;
	int		 e;

	cls_class_weights(rows, n, h, hd->k, cw);
	for (i = 0; i < n; i++)
		order[i] = i;
	for (e = 0; e < EPOCHS; e++) {
		for (i = n; i > 1; i--) {
			j = cls_rand(&seed) % i;
			tmp = order[i - 1], order[i - 1] = order[j], order[j] = tmp;
		}
		for (i = 0; i < n; i++) {
			eta = ETA0 / (1 + ETA0 * LAMBDA * t++);
			s = cls_step(hd, &rows[order[i]], rows[order[i]].y[h],
			    cw[rows[order[i]].y[h]], eta, s);
			if (s < 1e-6)
				cls_rescale(hd, s), s = 1;
		}
	}
	cls_rescale(hd, s);
	free(order);
}

/* Rounds a weight to what the model file keeps. */
static float
cls_round(float w)
{
	char	 buf[32];

	snprintf(buf, sizeof buf, "%.5g", w);
	return strtof(buf, NULL);
}

/* Drops slots whose weights are all negligible; rounds the rest. */
static void
cls_prune(struct cls_head *hd)
{
	float	*w;
	size_t	 b;
	int	 c, keep;

	for (c = 0; c < hd->k; c++)
		hd->bias[c] = cls_round(hd->bias[c]);
	for (b = 0; b < CLS_BUCKETS; b++) {
		w = hd->w + b * CLS_STRIDE;
		for (c = keep = 0; c < hd->k; c++)
			keep |= fabsf(w[c]) >= PRUNE;
		for (c = 0; c < hd->k; c++)
			w[c] = keep ? cls_round(w[c]) : 0;
	}
}

void
classify_train(struct classify *cls, const struct classify_example *ex,
    size_t n)
{
	struct cls_row	*rows = cls_rows(cls, ex, n);
	size_t		 i;
	int		 h;

	classify_clear(cls);
	for (h = 0; h < CLS_HEADS; h++) {
		cls_sgd(&cls->head[h], rows, n, h);
		cls_prune(&cls->head[h]);
	}
	for (i = 0; i < n; i++) {
		free(rows[i].idx);
		free(rows[i].val);
	}
	free(rows);
}
