/* SPDX-License-Identifier: ISC */
/*
 * sanalctl classify, train and eval: the stance and topic classifier from the
 * command line, without the database. classify labels each stdin line with
 * the model from --model, $SANAL_MODEL or the installed default; train writes
 * a model from any labelled comments file (with --cv K, the model also
 * carries its K-fold cross-validated macro-F1, which reports cite); eval
 * scores a model on a file, or
 * cross-validates with --cv K, or hands a transliteration file (columns
 * latin, cyrillic) to ctl_eval_translit().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "analytics.h"
#include "ctl.h"

#define CTL_DEFAULT_OUT	"sanal.model"

/* Options shared by the three commands. */
struct ctl_cls_opts {
	const char	*model;
	const char	*data;
	const char	*out;
	const char	*consultation;
	int		 cv;
	int		 review;
};

/* Parses --model, --data, --out, --cv, --consultation, --review; -1 if bad. */
static int
ctl_cls_args(int argc, char **argv, struct ctl_cls_opts *o)
{
	int	 i;

	memset(o, 0, sizeof *o);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--review") == 0)
			o->review = 1;
		else if (i + 1 == argc)
			return -1;
		else if (strcmp(argv[i], "--model") == 0)
			o->model = argv[++i];
		else if (strcmp(argv[i], "--data") == 0)
			o->data = argv[++i];
		else if (strcmp(argv[i], "--out") == 0)
			o->out = argv[++i];
		else if (strcmp(argv[i], "--consultation") == 0)
			o->consultation = argv[++i];
		else if (strcmp(argv[i], "--cv") == 0) {
			if ((o->cv = atoi(argv[++i])) < 2)
				return -1;
		} else
			return -1;
	}
	return 0;
}

/* Opens hunspell's dictionary; without it, fallback stems (with a warning). */
static struct lexicon *
ctl_cls_lexicon(void)
{
	struct lexicon	*lex = NULL;
	char		*cause;

	if (lexicon_open(NULL, &lex, &cause) != 0) {
		fprintf(stderr, "sanalctl: %s (stems without hunspell)\n", cause);
		free(cause);
		return NULL;
	}
	return lex;
}

/* A classifier with the model at path, or NULL after saying why. */
static struct classify *
ctl_cls_open(struct lexicon *lex, const char *path)
{
	struct classify	*cls = classify_new(lex);
	char		*cause;

	if (classify_load(cls, path, &cause) != 0) {
		fprintf(stderr, "sanalctl: %s\n", cause);
		free(cause);
		classify_free(cls);
		return NULL;
	}
	return cls;
}

/* Labels each line of stdin. */
static void
ctl_cls_lines(struct classify *cls, const struct ctl_cls_opts *o)
{
	struct classify_result	 r;
	char			*line = NULL;
	size_t			 cap = 0;
	ssize_t			 len;

	while ((len = getline(&line, &cap, stdin)) != -1) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		classify_text(cls, line, o->consultation, &r);
		printf("%s\t%s\t%.3f%s\n", stance_name(r.stance),
		    topic_name(r.topic), r.confidence,
		    o->review && r.review ? "\treview" : "");
	}
	free(line);
}

int
ctl_classify(struct ctl *ctl, int argc, char **argv)
{
	struct ctl_cls_opts	 o;
	struct lexicon		*lex;
	struct classify		*cls;

	(void)ctl;
	if (ctl_cls_args(argc, argv, &o) != 0 || o.data != NULL) {
		fprintf(stderr, "usage: sanalctl classify [--model FILE] "
		    "[--consultation CODE] [--review] < LINES\n");
		return 2;
	}
	lex = ctl_cls_lexicon();
	if ((cls = ctl_cls_open(lex, o.model ? o.model :
	    classify_default_model())) == NULL) {
		lexicon_free(lex);
		return 1;
	}
	ctl_cls_lines(cls, &o);
	classify_free(cls);
	lexicon_free(lex);
	return 0;
}

/* Cross-validates on d and records the macro-F1 in the model cls. */
static void
ctl_train_cv(struct classify *cls, struct lexicon *lex,
    const struct classify_data *d, int k)
{
	struct classify_scores	st, tp;

	classify_cv(lex, d, k, &st, &tp);
	classify_cv_set(cls, st.macro_f1, tp.macro_f1, (unsigned)d->n, k);
	printf("%d-fold cross-validated macro-F1: stance %.3f, topic %.3f\n", k,
	    st.macro_f1, tp.macro_f1);
}

int
ctl_train(struct ctl *ctl, int argc, char **argv)
{
	struct ctl_cls_opts	 o;
	struct classify_data	 d;
	struct lexicon		*lex;
	struct classify		*cls;
	char			*cause;
	int			 rc = 0;

	(void)ctl;
	if (ctl_cls_args(argc, argv, &o) != 0 || o.data == NULL) {
		fprintf(stderr, "usage: sanalctl train --data FILE.tsv "
		    "[--out MODEL] [--cv K]\n");
		return 2;
	}
	if (classify_data_read(o.data, &d, &cause) != 0) {
		fprintf(stderr, "sanalctl: %s\n", cause);
		free(cause);
		return 1;
	}
	lex = ctl_cls_lexicon();
	cls = classify_new(lex);
	classify_train(cls, d.ex, d.n);
	if (o.cv > 0)
		ctl_train_cv(cls, lex, &d, o.cv);
	if (classify_save(cls, o.out ? o.out : CTL_DEFAULT_OUT, &cause) != 0) {
		fprintf(stderr, "sanalctl: %s\n", cause);
		free(cause);
		rc = 1;
	} else
		printf("trained on %zu rows: %s\n", d.n, o.out ? o.out :
		    CTL_DEFAULT_OUT);
	classify_free(cls);
	lexicon_free(lex);
	classify_data_free(&d);
	return rc;
}

/* Prints one head's scores and confusion matrix. */
static void
ctl_eval_print(const char *what, const struct classify_scores *sc,
    const char *(*name)(int))
{
	unsigned	 support;
	int		 c, o;

	printf("%s: accuracy %.3f, macro-F1 %.3f\n", what, sc->accuracy,
	    sc->macro_f1);
	printf("  %-13s %9s %7s %6s %8s\n", "class", "precision", "recall",
	    "F1", "support");
	for (c = 0; c < sc->nclass; c++) {
		for (o = 0, support = 0; o < sc->nclass; o++)
			support += sc->confusion[c][o];
		printf("  %-13s %9.3f %7.3f %6.3f %8u\n", name(c),
		    sc->precision[c], sc->recall[c], sc->f1[c], support);
	}
	printf("  confusion (rows: true, columns: predicted)\n  %-13s", "");
	for (o = 0; o < sc->nclass; o++)
		printf(" %5.5s", name(o));
	for (c = 0; c < sc->nclass; c++) {
		printf("\n  %-13s", name(c));
		for (o = 0; o < sc->nclass; o++)
			printf(" %5u", sc->confusion[c][o]);
	}
	printf("\n\n");
}

/* Scores the model at path on every row of d. */
static int
ctl_eval_model(struct lexicon *lex, const char *path,
    const struct classify_data *d, struct classify_scores *st,
    struct classify_scores *tp)
{
	struct classify		*cls;
	struct classify_result	 r;
	size_t			 i;

	if ((cls = ctl_cls_open(lex, path)) == NULL)
		return -1;
	classify_scores_init(st, STANCE_N);
	classify_scores_init(tp, TOPIC_N);
	for (i = 0; i < d->n; i++) {
		classify_text(cls, d->ex[i].text, d->ex[i].consultation, &r);
		classify_scores_add(st, d->ex[i].stance, r.stance);
		classify_scores_add(tp, d->ex[i].topic, r.topic);
	}
	classify_scores_finish(st);
	classify_scores_finish(tp);
	classify_free(cls);
	return 0;
}

/* 1 if the header line of path names a "latin" column. */
static int
ctl_is_translit(const char *path)
{
	FILE	*f = fopen(path, "r");
	char	 line[512];
	int	 yes = 0;

	if (f != NULL && fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		yes = strncmp(line, "latin\t", 6) == 0 ||
		    strstr(line, "\tlatin\t") != NULL ||
		    (strlen(line) >= 6 && strcmp(line + strlen(line) - 6, "\tlatin") == 0);
	}
	if (f != NULL)
		fclose(f);
	return yes;
}

/* Evaluates a comments file: cross-validated, or with a trained model. */
static int
ctl_eval_comments(const struct ctl_cls_opts *o)
{
	struct classify_data	 d;
	struct classify_scores	 st, tp;
	struct lexicon		*lex;
	char			*cause;
	int			 rc = 0;

	if (classify_data_read(o->data, &d, &cause) != 0) {
		fprintf(stderr, "sanalctl: %s\n", cause);
		free(cause);
		return 1;
	}
	lex = ctl_cls_lexicon();
	if (o->cv > 0) {
		classify_cv(lex, &d, o->cv, &st, &tp);
		printf("%d-fold cross-validation, %zu rows\n\n", o->cv, d.n);
	} else if (ctl_eval_model(lex, o->model ? o->model :
	    classify_default_model(), &d, &st, &tp) != 0)
		rc = 1;
	else
		printf("model %s, %zu rows\n\n", o->model ? o->model :
		    classify_default_model(), d.n);
	if (rc == 0) {
		ctl_eval_print("stance", &st, stance_name);
		ctl_eval_print("topic", &tp, topic_name);
	}
	lexicon_free(lex);
	classify_data_free(&d);
	return rc;
}

int
ctl_eval(struct ctl *ctl, int argc, char **argv)
{
	struct ctl_cls_opts	 o;

	(void)ctl;
	if (ctl_cls_args(argc, argv, &o) != 0 || o.data == NULL) {
		fprintf(stderr, "usage: sanalctl eval --data FILE.tsv [--cv K] "
		    "[--model FILE]\n");
		return 2;
	}
	if (ctl_is_translit(o.data))
		return ctl_eval_translit(o.data);
	return ctl_eval_comments(&o);
}
