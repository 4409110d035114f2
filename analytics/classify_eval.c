/* SPDX-License-Identifier: ISC */
/*
 * Labelled comment files and how well the classifier does on them. A file is
 * tab-separated with a header naming its columns; stance, topic and text are
 * required, consultation is used when present, anything else (id, script) is
 * ignored, so a table of officials' labels exported in the same shape trains
 * the next model. Scores are the usual ones: accuracy, per-class precision,
 * recall and F1, their unweighted mean (macro-F1) and the confusion matrix.
 * Cross-validation splits the rows into K folds, stratified by stance in
 * file order (no randomness), and scores each fold with a model trained on
 * the others.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "analytics.h"
#include "classify_int.h"

enum { COL_CONS, COL_STANCE, COL_TOPIC, COL_TEXT, COL_N };
static const char *const col_names[COL_N] = {
	"consultation", "stance", "topic", "text"
};

/* Reads all of path into a NUL-terminated buffer. Caller frees. */
static char *
cls_slurp(const char *path, char **cause)
{
	FILE		*f = fopen(path, "r");
	struct buf	 b;
	char		 chunk[65536];
	size_t		 n;

	if (f == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return NULL;
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_steal(&b);
}

/* Splits line at tabs into at most max fields; returns the count. */
static int
cls_fields(char *line, char **field, int max)
{
	int	 n = 0;

	while (n < max) {
		field[n++] = line;
		if ((line = strchr(line, '\t')) == NULL)
			break;
		*line++ = '\0';
	}
	return n;
}

/* Maps header fields to column numbers in col[]; -1 if a required one lacks. */
static int
cls_header(char *line, int *col)
{
	char	*field[64];
	int	 n = cls_fields(line, field, 64), i, c;

	for (c = 0; c < COL_N; c++)
		col[c] = -1;
	for (i = 0; i < n; i++) {
		field[i][strcspn(field[i], "\r")] = '\0';
		for (c = 0; c < COL_N; c++) {
			if (strcmp(field[i], col_names[c]) == 0)
				col[c] = i;
		}
	}
	return col[COL_STANCE] < 0 || col[COL_TOPIC] < 0 || col[COL_TEXT] < 0 ?
	    -1 : 0;
}

/* Fills ex from one data line; 0, or -1 if a field or label is bad. */
static int
cls_row(char *line, const int *col, struct classify_example *ex)
{
	char	*field[64];
	int	 n = cls_fields(line, field, 64), i;

	field[n - 1][strcspn(field[n - 1], "\r")] = '\0';
	for (i = 0; i < COL_N; i++) {
		if (col[i] >= n)
			return -1;
	}
	ex->consultation = col[COL_CONS] >= 0 ? field[col[COL_CONS]] : NULL;
	ex->text = field[col[COL_TEXT]];
	ex->stance = stance_parse(field[col[COL_STANCE]]);
	ex->topic = topic_parse(field[col[COL_TOPIC]]);
	return ex->stance < 0 || ex->topic < 0 ? -1 : 0;
}

/* Parses the lines of d->buf into d->ex; 0, or the bad line number. */
static size_t
cls_parse(struct classify_data *d)
{
	char	*line = d->buf, *next;
	size_t	 lineno = 0, cap = 0;
	int	 col[COL_N];

	for (; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (++lineno == 1) {
			if (cls_header(line, col) != 0)
				return 1;
			continue;
		}
		if (*line == '\0' || *line == '\r')
			continue;
		if (d->n == cap) {
			cap = cap ? cap * 2 : 256;
			d->ex = xrealloc(d->ex, cap * sizeof *d->ex);
		}
		if (cls_row(line, col, &d->ex[d->n++]) != 0)
			return lineno;
	}
	return lineno == 0 ? 1 : 0;
}

int
classify_data_read(const char *path, struct classify_data *d, char **cause)
{
	size_t	 bad;

	memset(d, 0, sizeof *d);
	if ((d->buf = cls_slurp(path, cause)) == NULL)
		return -1;
	if ((bad = cls_parse(d)) != 0) {
		*cause = xasprintf("%s:%zu: %s", path, bad, bad == 1 ?
		    "header needs stance, topic and text columns" :
		    "missing field or unknown stance/topic label");
		classify_data_free(d);
		return -1;
	}
	return 0;
}

void
classify_data_free(struct classify_data *d)
{
	free(d->ex);
	free(d->buf);
	memset(d, 0, sizeof *d);
}

void
classify_scores_init(struct classify_scores *sc, int nclass)
{
	memset(sc, 0, sizeof *sc);
	sc->nclass = nclass;
}

void
classify_scores_add(struct classify_scores *sc, int gold, int pred)
{
	if (gold >= 0 && gold < sc->nclass && pred >= 0 && pred < sc->nclass)
		sc->confusion[gold][pred]++;
}

/* a / b, or 0 when b is 0. */
static double
cls_ratio(double a, double b)
{
	return b > 0 ? a / b : 0;
}

void
classify_scores_finish(struct classify_scores *sc)
{
	double	 tp, gold, pred, all = 0, right = 0;
	int	 c, o;

	sc->macro_f1 = 0;
	for (c = 0; c < sc->nclass; c++) {
		tp = sc->confusion[c][c];
		for (o = 0, gold = pred = 0; o < sc->nclass; o++) {
			gold += sc->confusion[c][o];
			pred += sc->confusion[o][c];
		}
		sc->precision[c] = cls_ratio(tp, pred);
		sc->recall[c] = cls_ratio(tp, gold);
		sc->f1[c] = cls_ratio(2 * sc->precision[c] * sc->recall[c],
		    sc->precision[c] + sc->recall[c]);
		sc->macro_f1 += sc->f1[c] / sc->nclass;
		all += gold;
		right += tp;
	}
	sc->accuracy = cls_ratio(right, all);
}

/* Assigns each row a fold, dealing each stance's rows round-robin. */
static void
cls_folds(const struct classify_data *d, int k, int *fold)
{
	int	 next[STANCE_N] = { 0 };
	size_t	 i;

	for (i = 0; i < d->n; i++) {
		fold[i] = next[d->ex[i].stance];
		next[d->ex[i].stance] = (next[d->ex[i].stance] + 1) % k;
	}
}

/* Trains on the rows outside fold f and scores the rows inside it. */
static void
cls_cv_fold(struct classify *cls, const struct classify_data *d,
    const int *fold, int f, struct classify_scores *st,
    struct classify_scores *tp)
{
	struct classify_example	*train = xcalloc(d->n, sizeof *train);
	struct classify_result	 r;
	size_t			 i, n = 0;

	for (i = 0; i < d->n; i++) {
		if (fold[i] != f)
			train[n++] = d->ex[i];
	}
	classify_train(cls, train, n);
	classify_names_free(cls);
	for (i = 0; i < d->n; i++) {
		if (fold[i] != f)
			continue;
		classify_text(cls, d->ex[i].text, d->ex[i].consultation, &r);
		classify_scores_add(st, d->ex[i].stance, r.stance);
		classify_scores_add(tp, d->ex[i].topic, r.topic);
	}
	free(train);
}

void
classify_cv(struct lexicon *lex, const struct classify_data *d, int k,
    struct classify_scores *st, struct classify_scores *tp)
{
	struct classify	*cls = classify_new(lex);
	int		*fold = xcalloc(d->n ? d->n : 1, sizeof *fold), f;

	classify_scores_init(st, STANCE_N);
	classify_scores_init(tp, TOPIC_N);
	if (k < 2)
		k = 2;
	cls_folds(d, k, fold);
	for (f = 0; f < k; f++)
		cls_cv_fold(cls, d, fold, f, st, tp);
	classify_scores_finish(st);
	classify_scores_finish(tp);
	free(fold);
	classify_free(cls);
}
