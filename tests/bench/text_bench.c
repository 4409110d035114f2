/* SPDX-License-Identifier: ISC */
/*
 * Benchmark 4: comments per second through the language layer on one core.
 * Each comment of a labelled comments file (the dev data) is normalised,
 * transliterated and classified, as consult/ does when it stores a comment,
 * and the file is repeated until at least N comments have gone through.
 * It prints the rate of the whole chain (goal >= 50,000 comments/s) and of
 * each stage alone, so a slow stage shows itself. Prints figures; never
 * fails because something was slow.
 *
 * Usage: text_bench FILE.tsv N MODEL. Uses hunspell-mn through the lexicon
 * (as sanalctl does; $SANAL_DICDIR overrides the directory) and the
 * classifier model MODEL. Built and run by text.sh against a build
 * directory's libanalytics.a.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common.h"
#include "analytics.h"

/* The comments of the file, repeated as often as the run needs. */
struct corpus {
	char	**text;
	char	**consultation;
	size_t	  n;
};

/* What one stage does to one comment. */
typedef void (*stage_fn)(const char *, const char *);

static struct lexicon	*lex;
static struct classify	*cls;
static volatile size_t	 sink;		/* keeps results from being optimised out */

/* Seconds on a monotonic clock. */
static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Reads columns 2 (consultation) and 6 (text) of a comments file. */
static void
corpus_load(struct corpus *c, const char *path)
{
	char	 line[8192], *f[6], *p;
	FILE	*fp;
	int	 k;

	if ((fp = fopen(path, "r")) == NULL)
		fatal("%s: cannot open", path);
	memset(c, 0, sizeof(*c));
	while (fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		for (p = line, k = 0; k < 6 && p != NULL; k++) {
			f[k] = p;
			if ((p = strchr(p, '\t')) != NULL)
				*p++ = '\0';
		}
		if (k < 6 || strcmp(f[0], "id") == 0)
			continue;
		c->text = xrealloc(c->text, (c->n + 1) * sizeof(char *));
		c->consultation = xrealloc(c->consultation,
		    (c->n + 1) * sizeof(char *));
		c->text[c->n] = xstrdup(f[5]);
		c->consultation[c->n++] = xstrdup(f[1]);
	}
	fclose(fp);
	if (c->n == 0)
		fatal("%s: no comments", path);
}

/* Stage: normalise_text. */
static void
stage_normalise(const char *text, const char *consultation)
{
	char	*n = normalise_text(text);

	(void)consultation;
	sink += n != NULL ? strlen(n) : 0;
	free(n);
}

/* Stage: translit_text then normalise_text, the form consult/ stores. */
static void
stage_translit(const char *text, const char *consultation)
{
	char	*t = translit_text(lex, text), *n;

	(void)consultation;
	n = normalise_text(t);
	sink += n != NULL ? strlen(n) : 0;
	free(n);
	free(t);
}

/* Stage: classify_text on the raw comment. */
static void
stage_classify(const char *text, const char *consultation)
{
	struct classify_result	 r;

	classify_text(cls, text, consultation, &r);
	sink += (size_t)r.stance + (size_t)r.topic;
}

/*
 * The whole chain as sanalctl analyse runs it: normalise, transliterate when
 * Latin typed (the text it stores), then classify that same text.
 */
static void
stage_all(const char *text, const char *consultation)
{
	struct classify_result	 r;
	char			*prepared;
	int			 latin;

	prepared = classify_prepare(cls, text, &latin);
	classify_prepared(cls, prepared, latin, consultation, &r);
	sink += strlen(prepared) + (size_t)r.stance + (size_t)r.topic;
	free(prepared);
}

/* Runs fn over at least want comments; returns comments per second. */
static double
run(const struct corpus *c, stage_fn fn, size_t want, size_t *done)
{
	double	 t0;
	size_t	 i;

	for (i = 0; i < c->n; i++)		/* warm caches, untimed */
		fn(c->text[i], c->consultation[i]);
	t0 = now();
	for (*done = 0; *done < want; (*done)++)
		fn(c->text[*done % c->n], c->consultation[*done % c->n]);
	return *done / (now() - t0);
}

/* Opens the lexicon and the classifier with model path. */
static void
setup(const char *model)
{
	char	*cause = NULL;

	if (lexicon_open(NULL, &lex, &cause) != 0)
		fatal("lexicon: %s", cause);
	cls = classify_new(lex);
	if (classify_load(cls, model, &cause) != 0)
		fatal("model: %s", cause);
}

int
main(int argc, char **argv)
{
	static const struct {
		const char	*name;
		stage_fn	 fn;
	} stages[] = {
		{ "normalise", stage_normalise },
		{ "translit+normalise", stage_translit },
		{ "classify", stage_classify },
		{ "all", stage_all },
	};
	struct corpus	 c;
	size_t		 want, done, i;
	double		 rate;

	if (argc != 4)
		fatal("usage: text_bench FILE.tsv N MODEL");
	log_init("text_bench", LOG_WARN);
	corpus_load(&c, argv[1]);
	want = strtoul(argv[2], NULL, 10);
	setup(argv[3]);
	for (i = 0; i < nitems(stages); i++) {
		rate = run(&c, stages[i].fn, i + 1 < nitems(stages) ?
		    want / 4 : want, &done);
		printf("TEXT stage=%s comments=%zu rate=%.0f\n", stages[i].name,
		    done, rate);
	}
	classify_free(cls);
	lexicon_free(lex);
	return 0;
}
