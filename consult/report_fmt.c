/* SPDX-License-Identifier: ISC */
/*
 * What every rendering of a report shares, so that JSON, CSV, XLSX, text and
 * HTML say the same thing: a count written "<5" when public and small, shares
 * as fixed decimals, times as ISO 8601 in Ulaanbaatar, the totals without
 * campaign copies, which campaigns a public output shows, and the methods and
 * caveats in the reader's language (REPORTS.md 3.2 §9). Numbers are written
 * with integer arithmetic only: printf's %f follows LC_NUMERIC, and a report
 * must be the same bytes in any locale.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analytics.h"
#include "consult_int.h"

#define UB_OFFSET	(8 * 3600)

int
report_small(int64_t n, int public)
{
	return public && n > 0 && n < REPORT_SMALL;
}

void
report_count(char out[24], int64_t n, int public)
{
	if (report_small(n, public))
		snprintf(out, 24, "%s", REPORT_SUPPRESSED);
	else
		snprintf(out, 24, "%lld", (long long)n);
}

/* part / whole in units of 1 / scale, rounded half up; -1 if whole is not above 0. */
static int64_t
report_ratio(int64_t part, int64_t whole, int64_t scale)
{
	if (part > whole)
		part = whole;
	if (whole <= 0 || part < 0)
		return -1;
	while (part > INT64_MAX / (2 * scale) || whole > INT64_MAX / 2) {
		part /= 2;
		whole /= 2;
	}
	if (whole == 0)
		return -1;
	return (part * scale * 2 + whole) / (2 * whole);
}

int64_t
report_permille(int64_t part, int64_t whole)
{
	return report_ratio(part, whole, 1000);
}

void
report_percent(char out[16], int64_t part, int64_t whole)
{
	int64_t	t = report_ratio(part, whole, 1000);

	if (t < 0)
		out[0] = '\0';
	else
		snprintf(out, 16, "%d.%d", (int)(t / 10), (int)(t % 10));	/* t <= 1000 */
}

void
report_fraction(char out[16], int64_t part, int64_t whole)
{
	int64_t	t = report_ratio(part, whole, 1000);

	if (t < 0)
		out[0] = '\0';
	else
		snprintf(out, 16, "%d.%03d", (int)(t / 1000), (int)(t % 1000));
}

void
report_iso(int64_t ts, char out[32])
{
	time_t		t = (time_t)(ts + UB_OFFSET);
	struct tm	tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(out, 32, "%Y-%m-%dT%H:%M:%S+08:00", &tm) == 0)
		snprintf(out, 32, "%s", "");
}

int64_t
report_without_campaigns(const struct report *r)
{
	int64_t	n = r->comments - r->methods.campaign_copies;

	return n < 0 ? 0 : n;
}

int
report_campaign_shown(const struct report *r, size_t i, int public)
{
	return i < r->ncampaigns && (!public || r->campaigns[i].n >= REPORT_SMALL);
}

/* --- the methods and caveats ------------------------------------------------------ */

struct lines {
	char	**v;
	size_t	  n;
};

/* Appends key rendered in lang with its arguments; a missing text is skipped. */
static void
report_line(struct lines *l, enum lang lang, const char *key,
    const char *const *args, size_t nargs)
{
	char	*s = msg_render(lang, key, args, nargs);

	if (s == NULL)
		return;
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	l->v[l->n++] = s;
}

/* Macro-F1 as "0.713", from a double without printf's %f. */
static void
report_f1(char out[16], double f1)
{
	int	t = f1 >= 1 ? 1000 : (int)(f1 * 1000 + 0.5);

	snprintf(out, 16, "%d.%03d", t / 1000, t % 1000);
}

char **
report_methods_text(const struct report *r, enum lang lang, int public, size_t *n)
{
	const struct report_methods	*m = &r->methods;
	struct lines			 l = { NULL, 0 };
	char				 a[4][32];
	const char			*args[4] = { a[0], a[1], a[2], a[3] };

	report_line(&l, lang, "r_m_self", NULL, 0);
	report_line(&l, lang, "r_m_moe", NULL, 0);
	if (m->macro_f1 >= 0) {
		report_f1(a[0], m->macro_f1);
		snprintf(a[1], sizeof a[1], "%lld", (long long)m->f1_rows);
		report_line(&l, lang, "r_m_f1", args, 2);
	} else
		report_line(&l, lang, "r_m_f1_none", NULL, 0);
	snprintf(a[0], sizeof a[0], "%lld", (long long)m->unclassified);
	snprintf(a[1], sizeof a[1], "%lld", (long long)r->comments);
	report_percent(a[2], m->unclassified, r->comments);
	if (a[2][0] == '\0')
		snprintf(a[2], sizeof a[2], "0.0");
	report_line(&l, lang, "r_m_unclassified", args, 3);
	snprintf(a[0], sizeof a[0], "%lld", (long long)m->human);
	report_line(&l, lang, "r_m_human", args, 1);
	report_line(&l, lang, "r_m_vote", NULL, 0);
	snprintf(a[0], sizeof a[0], "%zu", r->ncampaigns);
	snprintf(a[1], sizeof a[1], "%lld", (long long)m->campaign_copies);
	snprintf(a[2], sizeof a[2], "%d", CAMPAIGN_NEAR);
	report_line(&l, lang, "r_m_campaigns", args, 3);
	report_line(&l, lang, "r_m_tz", NULL, 0);
	report_iso(r->asof, a[0]);
	report_line(&l, lang, "r_m_asof", args, 1);
	if (public)
		report_line(&l, lang, "r_m_small", NULL, 0);
	*n = l.n;
	return l.v;
}
