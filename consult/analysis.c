/* SPDX-License-Identifier: ISC */
/*
 * What analytics/ makes of each comment, as the consult layer keeps it: the
 * lexicon (hunspell-mn, taught the gazetteer's place names and the Cyrillic
 * comments already received, so its word counts improve with use), the
 * stance and topic model, and the campaign index, rebuilt from the stored
 * fingerprints at start-up. sanald stores comments raw and normalised;
 * sanalctl analyse runs consult_analysis_run over them in its own process.
 * With the first batch it stores, it files the model's cross-validated
 * macro-F1 (or forgets the last model's) in meta, for reports to cite.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "consult_int.h"
#include "smscmd.h"

#define LEARN_RECENT	100000	/* Cyrillic comments re-read for word counts */

struct analysis {
	struct lexicon		*lex;
	struct classify		*cl;		/* the stance and topic model */
	struct campaigns	*camp;
	int			 meta_done;	/* the model's figures are in meta */
};

void
lexicon_teach_places(struct lexicon *lex)
{
	size_t	i;

	for (i = 0; i < gazetteer_nunits; i++)
		translit_learn(lex, gazetteer_units[i].mn);
}

static void
analysis_learn_cb(const char *norm, void *arg)
{
	translit_learn(arg, norm);
}

static void
analysis_campaign_cb(int64_t id, uint64_t fp, void *arg)
{
	campaigns_add(arg, fp, id);
}

/* Opens the lexicon and teaches it; NULL (with a warning) without hunspell-mn. */
static struct lexicon *
analysis_lexicon(struct consult *c)
{
	struct lexicon	*lex;
	char		*cause;

	if (lexicon_open(NULL, &lex, &cause) != 0) {
		log_warn("%s: Latin-typed comments get letter rules only", cause);
		free(cause);
		return NULL;
	}
	lexicon_teach_places(lex);
	if (db_comment_cyrillic(c->db, LEARN_RECENT, analysis_learn_cb, lex) != 0)
		log_warn("learning from stored comments: %s", db_errmsg(c->db));
	return lex;
}

/* Builds the campaign index from the stored fingerprints; 0 or -1. */
static int
analysis_campaigns(struct consult *c, struct analysis *a)
{
	campaigns_free(a->camp);
	a->camp = campaigns_new();
	return db_comment_fingerprints(c->db, analysis_campaign_cb, a->camp);
}

int
consult_analysis_open(struct consult *c, const char *model, char **cause)
{
	struct analysis	*a = xcalloc(1, sizeof *a);
	char		*why;

	a->lex = analysis_lexicon(c);
	a->cl = classify_new(a->lex);
	if (model == NULL || *model == '\0')
		model = classify_default_model();
	if (classify_load(a->cl, model, &why) != 0) {
		*cause = xasprintf("model %s: %s", model, why);
		free(why);
	} else if (analysis_campaigns(c, a) != 0)
		*cause = xasprintf("campaigns: %s", db_errmsg(c->db));
	else {
		c->an = a;
		return 0;
	}
	c->an = a;		/* only to free it */
	consult_analysis_close(c);
	return -1;
}

void
consult_analysis_close(struct consult *c)
{
	if (c->an == NULL)
		return;
	classify_free(c->an->cl);
	campaigns_free(c->an->camp);
	lexicon_free(c->an->lex);
	free(c->an);
	c->an = NULL;
}

/*
 * Fills cm from the raw comment: the normalised Cyrillic the model reads
 * (Latin words transliterated), script, stance, topic, confidence, review
 * flag and fingerprint. *norm holds that text (caller frees). 0, or -1 if raw
 * is not valid UTF-8. Only called once consult_analysis_open succeeded.
 */
static int
analysis_comment(struct consult *c, const char *raw, const char *code,
    struct db_comment *cm, char **norm)
{
	static const char *const scripts[] = { NULL, "cyr", "lat", "mixed" };
	struct classify_result	 r;
	enum script		 script = script_detect(raw);
	int			 latin;

	if (!utf8_valid(raw, strlen(raw)))
		return -1;
	*norm = classify_prepare(c->an->cl, raw, &latin);
	classify_prepared(c->an->cl, *norm, latin, code, &r);
	cm->raw = raw;
	cm->norm = *norm;
	cm->script = scripts[script];
	cm->fingerprint = campaign_fingerprint(*norm);
	cm->stance = stance_name(r.stance);
	cm->topic = topic_name(r.topic);
	cm->confidence = r.confidence;
	cm->review = r.review;
	if (script == SCRIPT_CYRILLIC && c->an->lex != NULL)
		translit_learn(c->an->lex, *norm);
	return 0;
}

/* One batch: the pending comments and what analysis made of them. */
struct analysis_batch {
	int			 n;
	int64_t			*ids;
	char			**raws;
	char			**codes;
	char			**norms;
	struct db_comment	*cm;
	int64_t			*campaigns;
};

/* Collects one pending comment (the rows change as they are analysed). */
static void
analysis_pending_cb(int64_t id, const char *raw, const char *code, void *arg)
{
	struct analysis_batch	*b = arg;

	b->ids[b->n] = id;
	b->codes[b->n] = xstrdup(code);
	b->raws[b->n++] = xstrdup(raw);
}

/* Analyses comment i of the batch, outside any transaction. */
static void
analysis_one(struct consult *c, struct analysis_batch *b, int i)
{
	struct db_comment	*cm = &b->cm[i];

	if (analysis_comment(c, b->raws[i], b->codes[i], cm, &b->norms[i]) != 0) {
		memset(cm, 0, sizeof *cm);	/* stored, unreadable: leave it */
		cm->raw = b->raws[i];
		cm->norm = "";
	}
	b->campaigns[i] = cm->fingerprint ?
	    campaigns_add(c->an->camp, cm->fingerprint, b->ids[i]) : b->ids[i];
}

/* The model's cross-validated figures into meta ("" if it has none). */
static int
analysis_meta(struct consult *c)
{
	static const char *const keys[] = { "model_macro_f1",
	    "model_topic_macro_f1", "model_f1_rows", "model_cv_folds" };
	char		 v[4][32];
	double		 st = 0, tp = 0;
	unsigned	 rows = 0;
	int		 folds = 0, known, i, rc = 0;

	known = classify_cv_get(c->an->cl, &st, &tp, &rows, &folds) == 0;
	snprintf(v[0], sizeof v[0], "%.4f", st);
	snprintf(v[1], sizeof v[1], "%.4f", tp);
	snprintf(v[2], sizeof v[2], "%u", rows);
	snprintf(v[3], sizeof v[3], "%d", folds);
	for (i = 0; rc == 0 && i < (int)nitems(keys); i++)
		rc = db_meta_set(c->db, keys[i], known ? v[i] : NULL);
	return rc;
}

/* Writes the batch's results in one short transaction; 0, DB_BUSY or -1. */
static int
analysis_store(struct consult *c, struct analysis_batch *b)
{
	int	i, rc;

	if ((rc = db_begin(c->db)) != 0)
		return rc;
	if (!c->an->meta_done)
		rc = analysis_meta(c);
	for (i = 0; rc == 0 && i < b->n; i++)
		rc = db_comment_analysed(c->db, b->ids[i], &b->cm[i], b->campaigns[i]);
	if (rc == 0 && (rc = db_commit(c->db)) == 0)
		c->an->meta_done = 1;
	if (rc != 0)
		db_rollback(c->db);
	return rc;
}

static void
analysis_batch_free(struct analysis_batch *b)
{
	int	i;

	for (i = 0; i < b->n; i++) {
		free(b->raws[i]);
		free(b->codes[i]);
		free(b->norms[i]);
	}
	free(b->ids);
	free(b->raws);
	free(b->codes);
	free(b->norms);
	free(b->cm);
	free(b->campaigns);
}

/*
 * The slow part (transliteration, classification) runs with no lock held;
 * only the UPDATEs take the write lock, so sanald keeps storing messages. If
 * they fail, the campaign index, which already holds the batch, is rebuilt
 * from the database.
 */
int
consult_analysis_run(struct consult *c, int limit, int *done, char **cause)
{
	struct analysis_batch	b;
	int			i, rc;

	*done = 0;
	if (c->an == NULL) {
		*cause = xstrdup("analysis not opened");
		return -1;
	}
	memset(&b, 0, sizeof b);
	b.ids = xcalloc((size_t)limit, sizeof *b.ids);
	b.raws = xcalloc((size_t)limit, sizeof *b.raws);
	b.codes = xcalloc((size_t)limit, sizeof *b.codes);
	b.norms = xcalloc((size_t)limit, sizeof *b.norms);
	b.cm = xcalloc((size_t)limit, sizeof *b.cm);
	b.campaigns = xcalloc((size_t)limit, sizeof *b.campaigns);
	rc = db_comment_pending(c->db, limit, analysis_pending_cb, &b);
	for (i = 0; rc == 0 && i < b.n; i++)
		analysis_one(c, &b, i);
	if (rc == 0 && b.n > 0 && (rc = analysis_store(c, &b)) != 0 &&
	    analysis_campaigns(c, c->an) != 0)
		rc = -1;
	if (rc == 0)
		*done = b.n;
	else if (rc != DB_BUSY)
		*cause = xasprintf("%s", db_errmsg(c->db));
	analysis_batch_free(&b);
	return rc == 0 || rc == DB_BUSY ? rc : -1;
}
