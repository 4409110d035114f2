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

	a->lex = analysis_lexicon(c);
	a->cl = classify_new(a->lex);
	if (model == NULL || *model == '\0')
		model = classify_default_model();
	if (classify_load(a->cl, model, cause) != 0) {
		log_warn("model %s: %s: comments stay unclassified", model, *cause);
		free(*cause);
		classify_free(a->cl);
		a->cl = NULL;
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
int
analysis_comment(struct consult *c, const char *raw, struct db_comment *cm,
    char **norm)
{
	struct lexicon		*lex = c->an ? c->an->lex : NULL;
	struct classify_result	 r;
	enum script		 script = script_detect(raw);
	char			*cyr = NULL;

	static const char *const scripts[] = { NULL, "cyr", "lat", "mixed" };

	if (script == SCRIPT_LATIN || script == SCRIPT_MIXED)
		cyr = translit_text(lex, raw);
	*norm = normalise_text(cyr ? cyr : raw);
	free(cyr);
	if (*norm == NULL)
		return -1;
	cm->raw = raw;
	cm->norm = *norm;
	cm->script = scripts[script];
	cm->fingerprint = campaign_fingerprint(*norm);
	if (c->an != NULL && c->an->cl != NULL) {
		classify_text(c->an->cl, raw, NULL, &r);
		cm->stance = stance_name(r.stance);
		cm->topic = topic_name(r.topic);
		cm->confidence = r.confidence;
		cm->review = r.review;
	}
	if (script == SCRIPT_CYRILLIC && lex != NULL)
		translit_learn(lex, *norm);
	return 0;
}

/* The campaign of a stored comment: its own id, or the first near copy's. */
int64_t
analysis_campaign(struct consult *c, uint64_t fp, int64_t id)
{
	if (c->an == NULL || fp == 0)
		return id;
	return campaigns_add(c->an->camp, fp, id);
}
