/* SPDX-License-Identifier: ISC */
/*
 * The report for one item (REPORTS.md 3.2) as one aggregate that every
 * format renders: votes, signatures and comments by channel and aimag,
 * participants, articles busiest first with a contested flag, days in
 * Ulaanbaatar, comments by stance × topic (an official's label wins over the
 * model), campaigns, approved quotes, soums on demand, methods. Everything
 * but quotes (a table of their own) and soums (counted from the rows) comes
 * from the running totals kept in each change's transaction (db_report.c,
 * migration 5); REPORT_RECOUNT counts every section from the rows instead,
 * to check them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "consult_int.h"

const char *const report_stance[REPORT_NSTANCE] = {
	"support", "oppose", "amend", "question", "other"
};

/* While building: the report, and each article's comments per topic. */
struct report_ctx {
	struct report	*r;
	int64_t		(*topic_n)[TOPIC_N];	/* per article */
};

/* Adds one (what, channel, aimag, n) row to the report and to its totals. */
static void
report_row_cb(const char *what, const char *channel, const char *aimag, int64_t n,
    void *arg)
{
	struct report		*r = arg;
	struct report_row	*row;

	r->rows = xrealloc(r->rows, (r->nrows + 1) * sizeof *r->rows);
	row = &r->rows[r->nrows++];
	snprintf(row->what, sizeof row->what, "%s", what);
	snprintf(row->channel, sizeof row->channel, "%s", channel);
	snprintf(row->aimag, sizeof row->aimag, "%s", aimag ? aimag : "");
	row->n = n;
	if (strcmp(what, "support") == 0)
		r->support += n;
	else if (strcmp(what, "oppose") == 0)
		r->oppose += n;
	else if (strcmp(what, "signature") == 0)
		r->signatures += n;
	else if (strcmp(what, "comment") == 0)
		r->comments += n;
}

/* The same row by soum, kept apart. */
static void
report_soum_cb(const char *what, const char *channel, const char *soum, int64_t n,
    void *arg)
{
	struct report		*r = arg;
	struct report_row	*row;

	r->soums = xrealloc(r->soums, (r->nsoums + 1) * sizeof *r->soums);
	row = &r->soums[r->nsoums++];
	snprintf(row->what, sizeof row->what, "%s", what);
	snprintf(row->channel, sizeof row->channel, "%s", channel);
	snprintf(row->aimag, sizeof row->aimag, "%s", soum);
	row->n = n;
}

/* The index of stance s in report_stance, or -1. */
static int
report_stance_index(const char *s)
{
	int	i;

	for (i = 0; i < REPORT_NSTANCE; i++)
		if (strcmp(s, report_stance[i]) == 0)
			return i;
	return -1;
}

/* The article numbered number, or NULL. */
static struct report_article *
report_article_find(struct report *r, const char *number)
{
	size_t	i;

	for (i = 0; i < r->narticles; i++)
		if (strcmp(r->articles[i].number, number) == 0)
			return &r->articles[i];
	return NULL;
}

/* Each article of the item's file, in order, with its Mongolian title. */
static int
report_article_cb(const char *number, const char *title, const char *text,
    void *arg)
{
	struct report_ctx	*x = arg;
	struct report		*r = x->r;
	struct report_article	*a;

	(void)text;
	if (report_article_find(r, number) != NULL)
		return 0;
	r->articles = xrealloc(r->articles, (r->narticles + 1) * sizeof *r->articles);
	x->topic_n = xrealloc(x->topic_n, (r->narticles + 1) * sizeof *x->topic_n);
	memset(x->topic_n[r->narticles], 0, sizeof *x->topic_n);
	a = &r->articles[r->narticles++];
	memset(a, 0, sizeof *a);
	snprintf(a->number, sizeof a->number, "%s", number);
	a->title = title != NULL && *title != '\0' ? xstrdup(title) : NULL;
	return 0;
}

static void
report_article_votes_cb(const char *number, int64_t support, int64_t oppose,
    void *arg)
{
	struct report_article	*a = report_article_find(((struct report_ctx *)arg)->r,
	    number);

	if (a != NULL) {
		a->support = support;
		a->oppose = oppose;
	}
}

/* The stance × topic cell, added if new. */
static struct report_topic *
report_topic_get(struct report *r, const char *stance, const char *topic)
{
	struct report_topic	*t;
	size_t			 i;

	for (i = 0; i < r->ntopics; i++) {
		t = &r->topics[i];
		if (strcmp(t->stance, stance) == 0 && strcmp(t->topic, topic) == 0)
			return t;
	}
	r->topics = xrealloc(r->topics, (r->ntopics + 1) * sizeof *r->topics);
	t = &r->topics[r->ntopics++];
	memset(t, 0, sizeof *t);
	snprintf(t->stance, sizeof t->stance, "%s", stance);
	snprintf(t->topic, sizeof t->topic, "%s", topic);
	return t;
}

/* One (article, stance, topic) count: into the article, the topics, the methods. */
static void
report_cell_cb(const struct db_report_cell *cell, void *arg)
{
	struct report_ctx	*x = arg;
	struct report		*r = x->r;
	struct report_article	*a = report_article_find(r, cell->article);
	struct report_topic	*t;
	int			 s = report_stance_index(cell->stance);
	int			 k = topic_parse(cell->topic);

	r->methods.human += cell->human;
	r->methods.campaign_copies += cell->campaign;
	if (*cell->stance == '\0')
		r->methods.unclassified += cell->n;
	else {
		t = report_topic_get(r, cell->stance, cell->topic);
		t->n += cell->n;
		t->human += cell->human;
		t->campaign += cell->campaign;
	}
	if (a == NULL)
		return;
	a->comments += cell->n;
	if (s >= 0)
		a->by_stance[s] += cell->n;
	if (k >= 0)
		x->topic_n[a - r->articles][k] += cell->n;
}

/* An article's two commonest topics, the first named topic winning a tie. */
static void
report_article_topics(struct report_article *a, const int64_t *n)
{
	int	k, best[2] = { -1, -1 };

	for (k = 0; k < TOPIC_N; k++) {
		if (n[k] == 0)
			continue;
		if (best[0] < 0 || n[k] > n[best[0]]) {
			best[1] = best[0];
			best[0] = k;
		} else if (best[1] < 0 || n[k] > n[best[1]])
			best[1] = k;
	}
	for (k = 0; k < 2; k++)
		snprintf(a->topic[k], sizeof a->topic[k], "%s", best[k] >= 0 ?
		    topic_name(best[k]) : "");
}

/* qsort: busiest first (votes and comments), else in the file's order. */
static int
report_article_cmp(const void *p, const void *q)
{
	const struct report_article	*a = p, *b = q;
	int64_t				 x = a->support + a->oppose + a->comments;
	int64_t				 y = b->support + b->oppose + b->comments;

	if (x != y)
		return x > y ? -1 : 1;
	return a->contested - b->contested;	/* holds the file position */
}

/* Tops, contested flags and the order of the articles. */
static void
report_articles_finish(struct report_ctx *x)
{
	struct report		*r = x->r;
	struct report_article	*a;
	int64_t			 t, d;
	size_t			 i;

	for (i = 0; i < r->narticles; i++) {
		a = &r->articles[i];
		report_article_topics(a, x->topic_n[i]);
		a->contested = (int)i;		/* the sort's tie-break */
	}
	if (r->narticles > 1)
		qsort(r->articles, r->narticles, sizeof *r->articles,
		    report_article_cmp);
	for (i = 0; i < r->narticles; i++) {
		a = &r->articles[i];
		t = a->support + a->oppose;
		d = 2 * a->support - t;
		a->contested = t >= REPORT_CONTESTED_MIN && (d < 0 ? -d : d) * 5 < t;
	}
}

/* qsort: topics by stance in report_stance order, then biggest first. */
static int
report_topic_cmp(const void *p, const void *q)
{
	const struct report_topic	*a = p, *b = q;
	int				 x = report_stance_index(a->stance);
	int				 y = report_stance_index(b->stance);

	if (x != y)
		return (unsigned)x < (unsigned)y ? -1 : 1;	/* unknown ones last */
	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	if (strcmp(a->stance, b->stance) != 0)
		return strcmp(a->stance, b->stance);
	return strcmp(a->topic, b->topic);
}

static void
report_day_cb(const char *day, int64_t votes, int64_t comments, int64_t signatures,
    void *arg)
{
	struct report		*r = arg;
	struct report_day	*d;

	r->days = xrealloc(r->days, (r->ndays + 1) * sizeof *r->days);
	d = &r->days[r->ndays++];
	snprintf(d->day, sizeof d->day, "%s", day);
	d->votes = votes;
	d->comments = comments;
	d->signatures = signatures;
}

static void
report_campaign_cb(const struct db_campaign *k, void *arg)
{
	static const char *const channels[] = { "sms", "ussd", "web" };
	struct report		*r = arg;
	struct report_campaign	*c;
	size_t			 i, len;

	r->campaigns = xrealloc(r->campaigns, (r->ncampaigns + 1) *
	    sizeof *r->campaigns);
	c = &r->campaigns[r->ncampaigns++];
	memset(c, 0, sizeof *c);
	c->id = k->id;
	c->n = k->n;
	c->first = k->first;
	c->last = k->last;
	c->aimags = k->aimags;
	c->text = quote_scrub(k->text != NULL ? k->text : "");
	for (i = 0; i < nitems(channels); i++) {
		if ((k->channels & 1 << i) == 0)
			continue;
		len = strlen(c->channels);
		snprintf(c->channels + len, sizeof c->channels - len, "%s%s",
		    len ? "," : "", channels[i]);
	}
}

static void
report_quote_cb(const struct db_quote *q, void *arg)
{
	struct report		*r = arg;
	struct report_quote	*o;

	r->quotes = xrealloc(r->quotes, (r->nquotes + 1) * sizeof *r->quotes);
	o = &r->quotes[r->nquotes++];
	memset(o, 0, sizeof *o);
	o->comment_id = q->comment_id;
	snprintf(o->article, sizeof o->article, "%s", q->article);
	snprintf(o->aimag, sizeof o->aimag, "%s", q->aimag);
	snprintf(o->channel, sizeof o->channel, "%s", q->channel);
	snprintf(o->stance, sizeof o->stance, "%s", q->stance);
	snprintf(o->topic, sizeof o->topic, "%s", q->topic);
	snprintf(o->approved_by, sizeof o->approved_by, "%s", q->official);
	o->ts = q->ts;
	o->text = xstrdup(q->text);
}

/* The classifier's cross-validated figures, as sanalctl analyse stored them. */
static int
report_methods(struct consult *c, struct report_methods *m)
{
	char	v[32];
	int	rc;

	m->macro_f1 = m->topic_macro_f1 = -1;
	m->f1_rows = -1;
	if ((rc = db_meta_get(c->db, "model_macro_f1", v, sizeof v)) == 0)
		m->macro_f1 = strtod(v, NULL);
	if (rc >= 0 && (rc = db_meta_get(c->db, "model_topic_macro_f1", v,
	    sizeof v)) == 0)
		m->topic_macro_f1 = strtod(v, NULL);
	if (rc >= 0 && (rc = db_meta_get(c->db, "model_f1_rows", v, sizeof v)) == 0)
		m->f1_rows = strtoll(v, NULL, 10);
	return rc < 0 ? -1 : 0;
}

/* Every section but the header, from the totals or the rows. */
static int
report_sections(struct consult *c, int64_t id, int flags, struct report *r)
{
	struct report_ctx	 x = { r, NULL };
	int			 recount = (flags & REPORT_RECOUNT) != 0, rc;

	rc = (recount ? db_recount_each : db_tally_each)(c->db, id, report_row_cb, r);
	if (rc == 0)
		rc = db_report_participants(c->db, id, recount, &r->participants);
	if (rc == 0)
		rc = db_article_each(c->db, id, "mn", report_article_cb, &x);
	if (rc == 0)
		rc = db_report_articles(c->db, id, recount, report_article_votes_cb, &x);
	if (rc == 0)
		rc = db_report_cells(c->db, id, recount, report_cell_cb, &x);
	if (rc == 0) {
		report_articles_finish(&x);
		if (r->ntopics > 1)
			qsort(r->topics, r->ntopics, sizeof *r->topics,
			    report_topic_cmp);
		rc = db_report_days(c->db, id, recount, report_day_cb, r);
	}
	free(x.topic_n);
	if (rc == 0)
		rc = db_report_campaigns(c->db, id, recount, report_campaign_cb, r);
	if (rc == 0)
		rc = db_quote_each(c->db, id, report_quote_cb, r);
	if (rc == 0 && (flags & REPORT_SOUMS))
		rc = db_report_soums(c->db, id, report_soum_cb, r);
	if (rc == 0)
		rc = report_methods(c, &r->methods);
	if (rc == 0)
		rc = report_decisions(c, r);
	return rc;
}

int
report_build(struct consult *c, const char *code, int flags, struct report *r)
{
	struct db_item	it;
	int		rc;

	memset(r, 0, sizeof *r);
	if ((rc = db_item_get(c->db, code, &it)) != 0)
		return rc == DB_NONE ? 1 : -1;
	r->asof = clock_unix();
	snprintf(r->code, sizeof r->code, "%s", it.code);
	snprintf(r->kind, sizeof r->kind, "%s", it.kind);
	r->status = item_status_at(it.state, it.opens, it.closes, r->asof);
	r->opens = it.opens;
	r->closes = it.closes;
	r->threshold = it.threshold;
	r->doc = db_item_doc(c->db, it.id);
	if (db_item_text(c->db, it.id, "title", "mn", &r->title) < 0 ||
	    report_sections(c, it.id, flags, r) != 0) {
		report_free(r);
		return -1;
	}
	return 0;
}

void
report_free(struct report *r)
{
	size_t	i;

	for (i = 0; i < r->narticles; i++)
		free(r->articles[i].title);
	for (i = 0; i < r->ncampaigns; i++)
		free(r->campaigns[i].text);
	for (i = 0; i < r->nquotes; i++)
		free(r->quotes[i].text);
	report_decisions_free(r);
	free(r->rows);
	free(r->doc);
	free(r->title);
	free(r->articles);
	free(r->days);
	free(r->topics);
	free(r->campaigns);
	free(r->quotes);
	free(r->soums);
	memset(r, 0, sizeof *r);
}
