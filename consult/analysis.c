/* SPDX-License-Identifier: ISC */
/*
 * What analytics/ makes of each comment, as the consult layer keeps it: the
 * lexicon (hunspell-mn, taught the gazetteer's place names and the Cyrillic
 * comments already received, so its word counts improve with use), the
 * stance and topic model, and the campaign index, rebuilt from the stored
 * fingerprints at start-up. Without consult_analysis_open comments are still
 * normalised and fingerprinted, only not classified or grouped.
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
	struct classify		*cl;		/* NULL without a model */
	struct campaigns	*camp;
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
		c->an = a;
		return -1;
	}
	a->camp = campaigns_new();
	if (db_comment_fingerprints(c->db, analysis_campaign_cb, a->camp) != 0) {
		*cause = xasprintf("campaigns: %s", db_errmsg(c->db));
		c->an = a;
		return -1;
	}
	c->an = a;
	return 0;
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
 * Fills cm from the raw comment: normalised Cyrillic (Latin words
 * transliterated), script, stance, topic, confidence and fingerprint.
 * *norm holds the normalised text (caller frees). 0, or -1 if raw is not
 * valid UTF-8.
 */
static int
analysis_comment(struct consult *c, const char *raw, const char *code,
    struct db_comment *cm, char **norm)
{
	static const char *const scripts[] = { NULL, "cyr", "lat", "mixed" };
	struct lexicon		*lex = c->an ? c->an->lex : NULL;
	struct classify		*cl = c->an ? c->an->cl : NULL;
	struct classify_result	 r;
	enum script		 script = script_detect(raw);
	char			*cyr = NULL;
	int			 latin;

	if (!utf8_valid(raw, strlen(raw)))
		return -1;
	if (cl != NULL)			/* the text the model reads: stored as is */
		*norm = classify_prepare(cl, raw, &latin);
	else {
		if (script == SCRIPT_LATIN || script == SCRIPT_MIXED)
			cyr = translit_text(lex, raw);
		*norm = normalise_text(cyr ? cyr : raw);
		free(cyr);
		if (*norm == NULL)
			return -1;
	}
	cm->raw = raw;
	cm->norm = *norm;
	cm->script = scripts[script];
	cm->fingerprint = campaign_fingerprint(*norm);
	if (cl != NULL) {
		classify_prepared(cl, *norm, latin, code, &r);
		cm->stance = stance_name(r.stance);
		cm->topic = topic_name(r.topic);
		cm->confidence = r.confidence;
		cm->review = r.review;
	}
	if (script == SCRIPT_CYRILLIC && lex != NULL)
		translit_learn(lex, *norm);
	return 0;
}

struct analysis_batch {
	int64_t		*ids;
	char		**raws;
	char		**codes;
	int		 n;
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

/* Analyses one comment on item code and stores the result; 0 or -1. */
static int
analysis_one(struct consult *c, int64_t id, const char *raw, const char *code)
{
	struct db_comment	 cm;
	int64_t			 campaign;
	char			*norm = NULL;
	int			 rc;

	memset(&cm, 0, sizeof cm);
	if (analysis_comment(c, raw, code, &cm, &norm) != 0) {
		cm.raw = raw;		/* stored, unreadable: leave it as it is */
		cm.norm = "";
	}
	campaign = cm.fingerprint ? campaigns_add(c->an->camp, cm.fingerprint, id) : id;
	rc = db_comment_analysed(c->db, id, &cm, campaign);
	free(norm);
	return rc;
}

int
consult_analysis_run(struct consult *c, int limit, int *done, char **cause)
{
	struct analysis_batch	b = { NULL, NULL, NULL, 0 };
	int			i, rc;

	*done = 0;
	if (c->an == NULL) {
		*cause = xstrdup("analysis not opened");
		return -1;
	}
	if ((rc = db_begin(c->db)) != 0) {
		if (rc != DB_BUSY)
			*cause = xasprintf("%s", db_errmsg(c->db));
		return rc;
	}
	b.ids = xcalloc((size_t)limit, sizeof *b.ids);
	b.raws = xcalloc((size_t)limit, sizeof *b.raws);
	b.codes = xcalloc((size_t)limit, sizeof *b.codes);
	rc = db_comment_pending(c->db, limit, analysis_pending_cb, &b);
	for (i = 0; rc == 0 && i < b.n; i++)
		rc = analysis_one(c, b.ids[i], b.raws[i], b.codes[i]);
	if (rc == 0)
		rc = db_commit(c->db);
	if (rc != 0) {
		*cause = xasprintf("%s", db_errmsg(c->db));
		db_rollback(c->db);
	} else
		*done = b.n;
	for (i = 0; i < b.n; i++) {
		free(b.raws[i]);
		free(b.codes[i]);
	}
	free(b.ids);
	free(b.raws);
	free(b.codes);
	return rc == 0 ? 0 : -1;
}
