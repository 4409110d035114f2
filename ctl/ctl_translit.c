/* SPDX-License-Identifier: ISC */
/*
 * sanalctl translit and the translit half of sanalctl eval. Both run with no
 * database. The lexicon is hunspell-mn plus the gazetteer's aimag, district
 * and soum names (learned at start, so place names are known words); without
 * hunspell-mn the letter rules and vowel harmony still work, with a warning.
 * $SANAL_LEARN names a file of Cyrillic text (e.g. past comments) to learn
 * word counts from, as the running system does from what it receives.
 * `translit` writes each stdin line transliterated, one line per line, as
 * translit_text() returns it: Cyrillic in the case the writer used (the
 * convention of translit_dev.tsv); comment storage folds it with
 * normalise_text() on top.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "analytics.h"
#include "consult.h"
#include "ctl.h"

/* Learns the Cyrillic words of every line of path (Sanal's received text). */
static void
learn_file(struct lexicon *lx, const char *path)
{
	FILE *f;
	char *line = NULL;
	size_t cap = 0;

	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "sanalctl: %s: cannot open\n", path);
		return;
	}
	while (getline(&line, &cap, f) != -1)
		translit_learn(lx, line);
	free(line);
	fclose(f);
}

/* Opens the lexicon and teaches it the gazetteer's names; NULL without hunspell. */
static struct lexicon *
translit_lexicon(void)
{
	struct lexicon *lx;
	const char *path;
	char *cause;

	if (lexicon_open(NULL, &lx, &cause) != 0) {
		fprintf(stderr, "sanalctl: %s (letter rules only)\n", cause);
		free(cause);
		return NULL;
	}
	lexicon_teach_places(lx);
	if ((path = getenv("SANAL_LEARN")) != NULL)
		learn_file(lx, path);
	return lx;
}

/* Strips a trailing newline (and CR). */
static void
chomp(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

/* sanalctl translit: stdin lines to Cyrillic on stdout, streaming. */
int
ctl_translit(struct ctl *c, int argc, char **argv)
{
	struct lexicon *lx;
	char *line = NULL, *out;
	size_t cap = 0;
	int rc = 0;

	(void)c;
	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: sanalctl translit < LINES\n");
		return 2;
	}
	lx = translit_lexicon();
	while (getline(&line, &cap, stdin) != -1) {
		chomp(line);
		if ((out = translit_text(lx, line)) == NULL) {
			fprintf(stderr, "sanalctl: invalid UTF-8 line\n");
			out = xstrdup("");
			rc = 1;
		}
		printf("%s\n", out);
		fflush(stdout);
		free(out);
	}
	free(line);
	lexicon_free(lx);
	return rc;
}

/* Counts words of got equal (same position) to those of want; *nwant set. */
static size_t
words_equal(const char *got, const char *want, size_t *nwant)
{
	char *g = xstrdup(got), *w = xstrdup(want), *sg, *sw, *tg, *tw;
	size_t same = 0;

	*nwant = 0;
	tg = strtok_r(g, " ", &sg);
	for (tw = strtok_r(w, " ", &sw); tw != NULL;
	    tw = strtok_r(NULL, " ", &sw)) {
		(*nwant)++;
		if (tg != NULL && strcmp(tg, tw) == 0)
			same++;
		if (tg != NULL)
			tg = strtok_r(NULL, " ", &sg);
	}
	free(g);
	free(w);
	return same;
}

/* The index of column name in a tab-separated header, or -1. */
static int
column(const char *header, const char *name)
{
	char *h = xstrdup(header), *save, *t;
	int i = 0, found = -1;

	for (t = strtok_r(h, "\t", &save); t != NULL; t = strtok_r(NULL, "\t", &save), i++)
		if (strcmp(t, name) == 0 && found < 0)
			found = i;
	free(h);
	return found;
}

/* Field i of a tab-separated line (modified in place), or NULL. */
static char *
field(char *line, int i)
{
	char *p = line, *tab;

	for (; i > 0 && p != NULL; i--)
		p = (tab = strchr(p, '\t')) ? tab + 1 : NULL;
	if (p != NULL && (tab = strchr(p, '\t')) != NULL)
		*tab = '\0';
	return p;
}

/* Scores one row; prints it on stderr if $SANAL_EVAL_SHOW is set. */
static void
eval_row(struct lexicon *lx, char *line, int lat, int cyr, size_t *tot)
{
	char *copy = xstrdup(line), *l = field(line, lat), *w = field(copy, cyr);
	char *got;
	size_t n, same;

	if (l == NULL || w == NULL || (got = translit_text(lx, l)) == NULL) {
		free(copy);
		return;
	}
	same = words_equal(got, w, &n);
	tot[0] += same;
	tot[1] += n;
	tot[2] += strcmp(got, w) == 0;
	tot[3]++;
	if (strcmp(got, w) != 0 && getenv("SANAL_EVAL_SHOW") != NULL)
		fprintf(stderr, "- %s\n+ %s\n", w, got);
	free(got);
	free(copy);
}

/* Word and sentence accuracy of a latin<TAB>cyrillic file with a header. */
int
ctl_eval_translit(const char *path)
{
	FILE *f;
	struct lexicon *lx;
	char *line = NULL;
	size_t cap = 0, tot[4] = { 0, 0, 0, 0 };
	int lat = -1, cyr = -1;

	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "sanalctl: %s: cannot open\n", path);
		return 1;
	}
	if (getline(&line, &cap, f) != -1) {
		chomp(line);
		lat = column(line, "latin");
		cyr = column(line, "cyrillic");
	}
	if (lat < 0 || cyr < 0) {
		fprintf(stderr, "sanalctl: %s: no latin and cyrillic columns\n", path);
		free(line);
		fclose(f);
		return 1;
	}
	lx = translit_lexicon();
	while (getline(&line, &cap, f) != -1) {
		chomp(line);
		eval_row(lx, line, lat, cyr, tot);
	}
	printf("word accuracy: %.4f (%zu/%zu)\nsentence accuracy: %.4f (%zu/%zu)\n",
	    tot[1] ? (double)tot[0] / tot[1] : 0.0, tot[0], tot[1],
	    tot[3] ? (double)tot[2] / tot[3] : 0.0, tot[2], tot[3]);
	free(line);
	fclose(f);
	lexicon_free(lx);
	return 0;
}
