/* SPDX-License-Identifier: ISC */
/*
 * Representative comments (REPORTS.md 3.2 §8). A rule proposes, for each
 * stance × topic of an item, among its QUOTE_POOL × n most confident
 * comments that are not campaign copies, n spread over aimags and channels
 * (labelled comments count as confidence 1); an analyst approves
 * some (the text scrubbed of phone numbers, e-mail addresses and long digit
 * runs, or a text of their own, scrubbed too) and only those reach reports.
 * Approving and withdrawing are audited with the official's name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "consult_int.h"

#define SCRUB_PHONE	"[дугаар]"
#define SCRUB_EMAIL	"[и-мэйл]"
#define SCRUB_DIGITS	6	/* digits in a run that make it a number to hide */
#define QUOTE_MAX_CHARS	1000	/* an approved text */
#define QUOTE_PER_MAX	20
#define QUOTE_POOL	20	/* × per: the most confident looked at per cell */

/* 1 if c may be in the local part of an e-mail address. */
static int
scrub_local(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' && strchr("._%+-", c) != NULL);
}

/* 1 if c may be in an e-mail address's domain. */
static int
scrub_domain(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '.' || c == '-';
}

/*
 * The end of the e-mail address starting at p (a local part, @, a domain
 * with a dot and two letters or more after it), or NULL if none starts there.
 */
static const char *
scrub_email(const char *p)
{
	const char	*q = p, *d, *dot, *end;

	while (scrub_local((unsigned char)*q))
		q++;
	if (q == p || *q != '@')
		return NULL;
	for (d = end = q + 1; scrub_domain((unsigned char)*end); end++)
		;
	while (end > d && (end[-1] == '.' || end[-1] == '-'))
		end--;
	for (dot = end; dot > d && dot[-1] != '.'; dot--)
		;
	if (dot - 1 <= d || end - dot < 2)	/* "x.mn": a name, a dot, two letters */
		return NULL;
	return end;
}

/* The bytes of one separator character at p: 0 if it is none. */
static size_t
scrub_sep1(const unsigned char *p)
{
	if (strchr(" -./()_,*#\t", *p) != NULL && *p != '\0')
		return 1;
	if (p[0] == 0xc2 && p[1] == 0xa0)
		return 2;		/* no-break space */
	if (p[0] == 0xe2 && p[1] == 0x80 && ((p[2] >= 0x80 && p[2] <= 0x95) ||
	    p[2] == 0xaf))
		return 3;		/* spaces, hyphens and dashes; narrow no-break space */
	if (p[0] == 0xe2 && p[1] == 0x88 && p[2] == 0x92)
		return 3;		/* minus sign */
	return 0;
}

/* The length of the separator between digit groups at p (0 if none). */
static size_t
scrub_sep(const char *p)
{
	size_t	n = 0, k;
	int	chars;

	for (chars = 0; chars < 4; chars++) {	/* "9911 - 2233", "9911    2233" */
		if ((k = scrub_sep1((const unsigned char *)p + n)) == 0)
			break;
		n += k;
	}
	return n;
}

/*
 * A run of digits at p, groups joined by short separators ("+976 9911-2233",
 * "(976) 99 11 22 33"), with its leading + or (: its end (after the last
 * digit) and *digits how many; NULL if p starts none.
 */
static const char *
scrub_number(const char *p, int *digits)
{
	const char	*end = NULL;
	size_t		 sep;

	*digits = 0;
	if ((*p == '+' || *p == '(') && p[1] >= '0' && p[1] <= '9')
		p++;
	if (*p < '0' || *p > '9')
		return NULL;
	for (;;) {
		while (*p >= '0' && *p <= '9') {
			p++;
			(*digits)++;
		}
		end = p;
		sep = scrub_sep(p);
		if (sep == 0 || p[sep] < '0' || p[sep] > '9')
			break;
		p += sep;
	}
	return end;
}

char *
quote_scrub(const char *text)
{
	struct buf	 b;
	const char	*p = text, *end;
	int		 digits, word = 0;

	buf_init(&b);
	while (*p != '\0') {
		if (!word && (end = scrub_email(p)) != NULL) {
			buf_adds(&b, SCRUB_EMAIL);
			p = end;
		} else if ((end = scrub_number(p, &digits)) != NULL) {
			if (digits >= SCRUB_DIGITS)
				buf_adds(&b, SCRUB_PHONE);
			else
				buf_add(&b, p, (size_t)(end - p));
			p = end;
		} else {
			word = scrub_local((unsigned char)*p);
			buf_add(&b, p++, 1);
			continue;
		}
		word = 0;
	}
	return buf_steal(&b);
}

/* The candidates as the database proposes them, before the choice. */
struct quote_pool {
	struct quote_candidate	*v;
	size_t			 n;
	unsigned char		*taken;
};

static void
quote_pool_cb(const struct db_quote *q, void *arg)
{
	struct quote_pool	*pool = arg;
	struct quote_candidate	*c;

	pool->v = xrealloc(pool->v, (pool->n + 1) * sizeof *pool->v);
	c = &pool->v[pool->n++];
	memset(c, 0, sizeof *c);
	c->comment_id = q->comment_id;
	snprintf(c->article, sizeof c->article, "%s", q->article);
	snprintf(c->aimag, sizeof c->aimag, "%s", q->aimag);
	snprintf(c->channel, sizeof c->channel, "%s", q->channel);
	snprintf(c->stance, sizeof c->stance, "%s", q->stance);
	snprintf(c->topic, sizeof c->topic, "%s", q->topic);
	c->confidence = q->confidence;
	c->ts = q->ts;
	c->approved = q->approved;
	c->text = q->approved ? xstrdup(q->text) : quote_scrub(q->text);
}

/* 1 if a candidate already taken in [from, to) has c's aimag (or channel). */
static int
quote_seen(const struct quote_pool *pool, size_t from, size_t to,
    const struct quote_candidate *c, int channel)
{
	size_t	i;

	for (i = from; i < to; i++)
		if (pool->taken[i] && strcmp(channel ? pool->v[i].channel :
		    pool->v[i].aimag, channel ? c->channel : c->aimag) == 0)
			return 1;
	return 0;
}

/*
 * Chooses from one stance × topic [from, to), ordered approved first, then
 * by confidence: every approved one, then up to per in all, each time the
 * most confident of those that add a new aimag and channel, else one of
 * them, else any.
 */
static void
quote_choose(struct quote_pool *pool, size_t from, size_t to, int per,
    struct quote_candidate **out, size_t *n)
{
	size_t	i, best;
	int	k, score, top;

	for (i = from, k = 0; i < to; i++)
		if (pool->v[i].approved)
			pool->taken[i] = 1, k++;
	for (; k < per; k++) {
		for (i = from, best = to, top = -1; i < to; i++) {
			if (pool->taken[i])
				continue;
			score = !quote_seen(pool, from, to, &pool->v[i], 0) +
			    !quote_seen(pool, from, to, &pool->v[i], 1);
			if (score > top)
				best = i, top = score;
		}
		if (best == to)
			break;
		pool->taken[best] = 1;
	}
	for (i = from; i < to; i++) {
		if (!pool->taken[i])
			continue;
		*out = xrealloc(*out, (*n + 1) * sizeof **out);
		(*out)[(*n)++] = pool->v[i];
		pool->v[i].text = NULL;		/* moved */
	}
}

/* qsort: by comment, approved first (duplicates follow the one kept). */
static int
quote_id_cmp(const void *p, const void *q)
{
	const struct quote_candidate	*a = p, *b = q;

	if (a->comment_id != b->comment_id)
		return a->comment_id < b->comment_id ? -1 : 1;
	return b->approved - a->approved;
}

/* qsort: by stance and topic, approved first, then the most confident. */
static int
quote_cell_cmp(const void *p, const void *q)
{
	const struct quote_candidate	*a = p, *b = q;
	int				 c;

	if ((c = strcmp(a->stance, b->stance)) != 0 ||
	    (c = strcmp(a->topic, b->topic)) != 0)
		return c;
	if (a->approved != b->approved)
		return b->approved - a->approved;
	if (a->confidence != b->confidence)
		return a->confidence > b->confidence ? -1 : 1;
	return a->comment_id < b->comment_id ? -1 : a->comment_id > b->comment_id;
}

/* Drops the pool's duplicates (an approved comment is also labelled, say). */
static void
quote_pool_sort(struct quote_pool *pool)
{
	size_t	i, k;

	if (pool->n < 2)
		return;
	qsort(pool->v, pool->n, sizeof *pool->v, quote_id_cmp);
	for (i = k = 1; i < pool->n; i++) {
		if (pool->v[i].comment_id == pool->v[k - 1].comment_id)
			free(pool->v[i].text);
		else
			pool->v[k++] = pool->v[i];
	}
	pool->n = k;
	qsort(pool->v, pool->n, sizeof *pool->v, quote_cell_cmp);
}

/* 1 if stance s comes in position k of report_stance (k == NSTANCE: none). */
static int
quote_stance_at(const char *s, int k)
{
	int	i;

	if (k < REPORT_NSTANCE)
		return strcmp(s, report_stance[k]) == 0;
	for (i = 0; i < REPORT_NSTANCE; i++)
		if (strcmp(s, report_stance[i]) == 0)
			return 0;
	return 1;
}

int
quote_candidates(struct consult *c, const char *code, int per,
    struct quote_candidate **out, size_t *n)
{
	struct quote_pool	 pool = { NULL, 0, NULL };
	struct db_item		 it;
	size_t			 i, j;
	int			 rc, k;

	*out = NULL;
	*n = 0;
	if (per < 1 || per > QUOTE_PER_MAX)
		per = per < 1 ? 1 : QUOTE_PER_MAX;
	if ((rc = db_item_get(c->db, code, &it)) != 0)
		return rc == DB_NONE ? 1 : -1;
	db_item_clear(&it);
	if (db_quote_candidates(c->db, it.id, per * QUOTE_POOL, quote_pool_cb,
	    &pool) != 0) {
		quote_candidates_free(pool.v, pool.n);
		return -1;
	}
	quote_pool_sort(&pool);
	pool.taken = xcalloc(pool.n + 1, 1);
	for (k = 0; k <= REPORT_NSTANCE; k++) {
		for (i = 0; i < pool.n; i = j) {
			for (j = i + 1; j < pool.n && strcmp(pool.v[j].stance,
			    pool.v[i].stance) == 0 && strcmp(pool.v[j].topic,
			    pool.v[i].topic) == 0; j++)
				;
			if (quote_stance_at(pool.v[i].stance, k))
				quote_choose(&pool, i, j, per, out, n);
		}
	}
	quote_candidates_free(pool.v, pool.n);
	free(pool.taken);
	return 0;
}

void
quote_candidates_free(struct quote_candidate *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i].text);
	free(v);
}

/* Checks an official's name: 0, or -1 with *cause. */
static int
quote_official_ok(const char *official, char **cause)
{
	if (official == NULL || *official == '\0' || strlen(official) > 63 ||
	    !utf8_valid(official, strlen(official))) {
		*cause = xstrdup("the official's name must be 1 to 63 bytes of UTF-8");
		return -1;
	}
	return 0;
}

/*
 * Stores (or, text NULL, withdraws) a quote and audits it: in a transaction
 * of its own, or in a savepoint of the caller's (sanald's batch).
 */
static int
quote_store(struct consult *c, int64_t id, const char *code, const char *text,
    const char *official, int64_t now, char **cause)
{
	char	detail[96];
	int	own = !db_in_transaction(c->db), rc;

	snprintf(detail, sizeof detail, "comment %lld by %.48s", (long long)id,
	    official);
	if ((rc = own ? db_begin(c->db) : db_savepoint(c->db)) != 0) {
		*cause = xstrdup(rc == DB_BUSY ? "the database is busy, try again" :
		    db_errmsg(c->db));
		return -1;
	}
	rc = text != NULL ? db_quote_set(c->db, id, text, official, now) :
	    db_quote_delete(c->db, id);
	if (rc == 0)
		rc = db_audit(c->db, now, NULL, 0, text != NULL ? "quote_approve" :
		    "quote_withdraw", code, detail, "admin");
	if (rc == 0 && (rc = own ? db_commit(c->db) : db_release(c->db)) == 0)
		return 0;
	*cause = rc == DB_NONE ? xasprintf("comment %lld is not an approved quote",
	    (long long)id) : xstrdup(db_errmsg(c->db));
	if (own)
		db_rollback(c->db);
	else
		db_rollback_savepoint(c->db);
	return -1;
}

int
quote_approve(struct consult *c, int64_t comment_id, const char *text,
    const char *official, int64_t now, char **cause)
{
	char	 code[16], *raw, *clean;
	int	 rc;

	if (quote_official_ok(official, cause) != 0)
		return -1;
	if (text != NULL && (*text == '\0' || !utf8_valid(text, strlen(text)) ||
	    utf8_chars(text) > QUOTE_MAX_CHARS)) {
		*cause = xasprintf("the text must be 1 to %d characters of UTF-8",
		    QUOTE_MAX_CHARS);
		return -1;
	}
	if ((rc = db_quote_comment(c->db, comment_id, &raw, code)) != 0) {
		*cause = rc == DB_NONE ? xasprintf("no comment %lld (or its author "
		    "erased their data)", (long long)comment_id) :
		    xstrdup(db_errmsg(c->db));
		return -1;
	}
	clean = quote_scrub(text != NULL ? text : raw);
	free(raw);
	rc = quote_store(c, comment_id, code, clean, official, now, cause);
	free(clean);
	return rc;
}

int
quote_withdraw(struct consult *c, int64_t comment_id, const char *official,
    int64_t now, char **cause)
{
	char	 code[16], *raw;
	int	 rc;

	if (quote_official_ok(official, cause) != 0)
		return -1;
	if ((rc = db_quote_comment(c->db, comment_id, &raw, code)) == DB_NONE)
		snprintf(code, sizeof code, "%s", "");
	else if (rc != 0) {
		*cause = xstrdup(db_errmsg(c->db));
		return -1;
	}
	free(raw);
	return quote_store(c, comment_id, *code ? code : NULL, NULL, official, now,
	    cause);
}
