/* SPDX-License-Identifier: ISC */
/*
 * USSD screen layout. A screen is one USSD string: 160 GSM-7 characters, or 75
 * UTF-16 units as soon as one character is outside GSM-7 (any Cyrillic letter;
 * 80 is the network's limit, some handsets show fewer). Every screen keeps room
 * for the longest error line of its language, so the error variant fits too and
 * a list's pages do not move when one is shown. Titles and questions are the
 * elastic parts: they are shortened with ".." when a screen would not fit.
 */
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "ussd_int.h"

/* Error lines by UE_* bit; u_wrong can follow any key. */
static const struct {
	int		 bit;
	const char	*key;
} ux_errs[] = {
	{ 0, "u_wrong" }, { UE_NOT_OPEN, "u_not_open" }, { UE_SENT, "u_sent" },
	{ UE_NO_ITEM, "u_no_item" }, { UE_TEXT, "u_too_long" }, { UE_TEXT, "u_bad_text" },
};

/*
 * For Latin readers: "№" (not in GSM-7) as "No.", also where romanisation
 * already made it "No" before a receipt's digits.
 */
static char *
ux_plain(char *s)
{
	struct buf	 b;
	const char	*p;
	size_t		 nlen = strlen("№");

	buf_init(&b);
	for (p = s; *p != '\0'; p++) {
		if (strncmp(p, "№", nlen) == 0) {
			buf_adds(&b, "No.");
			p += nlen - 1;
		} else if (strncmp(p, "No", 2) == 0 && p[2] >= '0' && p[2] <= '9') {
			buf_adds(&b, "No.");
			p++;
		} else
			buf_add(&b, p, 1);
	}
	free(s);
	return buf_steal(&b);
}

char *
ux_msg(struct ussd_ctx *x, const char *key, const char *a0, const char *a1)
{
	const char	*args[2] = { a0, a1 };
	size_t		 n = a1 != NULL ? 2 : a0 != NULL ? 1 : 0;

	return x->latin ? ux_plain(reply_render(x->lang, x->latin, key, args, n)) :
	    reply_render(x->lang, 0, key, args, n);
}

char *
ux_text(struct ussd_ctx *x, const char *s)
{
	char	*r;

	if (!x->latin || sms_is_gsm7(s) || (r = romanise_text(s)) == NULL)
		return xstrdup(s);
	return r;
}

size_t
ux_limit(const char *screen)
{
	return sms_is_gsm7(screen) ? USSD_LIMIT_GSM7 : USSD_LIMIT_UCS2;
}

size_t
ux_err_reserve(struct ussd_ctx *x)
{
	static size_t	 cache[LANG_COUNT][2][16];
	size_t		 i, u, *r = &cache[x->lang][x->latin != 0][x->errs & 15];
	char		*s;

	if (*r != 0)
		return *r;
	for (i = 0; i < nitems(ux_errs); i++) {
		if (ux_errs[i].bit != 0 && (x->errs & ux_errs[i].bit) == 0)
			continue;
		s = ux_msg(x, ux_errs[i].key, NULL, NULL);
		if ((u = sms_units(s) + 1) > *r)
			*r = u;
		free(s);
	}
	return *r;
}

void
ux_add(struct ux_lines *l, char *owned, int elastic)
{
	if (l->n == (int)nitems(l->line)) {
		free(owned);
		return;
	}
	if (elastic)
		l->elastic = l->n;
	l->line[l->n++] = owned;
}

void
ux_addmsg(struct ussd_ctx *x, struct ux_lines *l, const char *key)
{
	ux_add(l, ux_msg(x, key, NULL, NULL), 0);
}

/* The lines joined by newlines. Caller frees. */
static char *
ux_joined(struct ux_lines *l)
{
	struct buf	b;
	int		i;

	buf_init(&b);
	for (i = 0; i < l->n; i++)
		buf_addf(&b, "%s%s", i ? "\n" : "", l->line[i]);
	return buf_steal(&b);
}

/* s cut to keep characters, with ".." when cut. Caller frees. */
static char *
ux_cut(const char *s, size_t keep)
{
	char	*t, *r;

	if (utf8_chars(s) <= keep)
		return xstrdup(s);
	t = utf8_truncate(s, keep > 2 ? keep - 2 : 1);
	while (*t != '\0' && t[strlen(t) - 1] == ' ')
		t[strlen(t) - 1] = '\0';
	r = xasprintf("%s..", t);
	free(t);
	return r;
}

void
ux_join(struct ux_lines *l, size_t reserve, struct buf *b)
{
	char	*s = ux_joined(l), *cut;
	size_t	 units, limit, len;
	int	 i, tries;

	for (tries = 0; tries < 4 && l->elastic >= 0; tries++) {
		units = sms_units(s);
		limit = ux_limit(s);
		if (units + reserve <= limit)
			break;
		len = utf8_chars(l->line[l->elastic]);
		if (len <= 3)
			break;
		cut = ux_cut(l->line[l->elastic], len + limit > units + reserve + 3 ?
		    len + limit - units - reserve : 3);
		free(l->line[l->elastic]);
		l->line[l->elastic] = cut;
		free(s);
		s = ux_joined(l);
	}
	buf_adds(b, s);
	free(s);
	for (i = 0; i < l->n; i++)
		free(l->line[i]);
	l->n = 0;
}

void
ux_list(struct ussd_ctx *x, char *header, char **labels, int n, int *page,
    int *pages, int back, struct buf *b)
{
	struct ux_lines	 l = { .elastic = -1 };
	char		*more = ux_msg(x, "u_more", NULL, NULL);
	char		*bk = ux_msg(x, "u_back", NULL, NULL);
	size_t		 limit, avail, used, u, fixed;
	int		 i, k, gsm7 = sms_is_gsm7(header) && sms_is_gsm7(bk), start, pg;

	for (i = 0; i < n; i++)
		gsm7 = gsm7 && sms_is_gsm7(labels[i]);
	limit = gsm7 ? USSD_LIMIT_GSM7 : USSD_LIMIT_UCS2;
	fixed = ux_err_reserve(x) + sms_units(header) + 1 + sms_units(more) + 1 +
	    (back ? sms_units(bk) + 1 : 0);
	avail = limit > fixed ? limit - fixed : 0;
	/* Pages are laid out greedily from the first label, the same way every time. */
	start = 0;
	for (pg = 0, i = 0, used = 0; i < n; i++) {
		if ((u = sms_units(labels[i]) + 1) > avail) {
			char *cut = ux_cut(labels[i], avail > 4 ? avail - 1 : 3);
			free(labels[i]);
			labels[i] = cut;
			u = sms_units(cut) + 1;
		}
		if ((used + u > avail || i - start == UX_PAGE_ITEMS) && used > 0) {
			if (pg == *page)
				break;
			pg++;
			start = i;
			used = 0;
		}
		used += u;
	}
	if (*page > pg)
		*page = pg;
	/* Count every page (the loop above may have stopped early). */
	*pages = pg + 1;
	for (used = 0, k = 0; i < n; i++, k++) {
		u = sms_units(labels[i]) + 1;
		if ((used + u > avail || k == UX_PAGE_ITEMS) && used > 0) {
			++*pages;
			used = 0;
			k = 0;
		}
		used += u;
	}
	if (n == 0)
		*pages = 1;
	ux_add(&l, header, 0);
	if (n == 0)
		ux_addmsg(x, &l, "u_none");
	for (i = start, used = 0; i < n; i++) {
		u = sms_units(labels[i]) + 1;
		if ((used + u > avail || i - start == UX_PAGE_ITEMS) && used > 0)
			break;
		used += u;
		ux_add(&l, xstrdup(labels[i]), 0);
	}
	if (i < n)
		ux_add(&l, more, 0);
	else
		free(more);
	if (back)
		ux_add(&l, bk, 0);
	else
		free(bk);
	ux_join(&l, 0, b);
}

int
ux_text_pages(struct ussd_ctx *x, const char *text, size_t mid, size_t last, int max,
    char ***pages)
{
	char		*prefix = ux_msg(x, "u_page", "9", "9"), *chunk, *t;
	const char	*p = text, *sp;
	size_t		 limit = sms_is_gsm7(text) && sms_is_gsm7(prefix) ?
			    USSD_LIMIT_GSM7 : USSD_LIMIT_UCS2, fixed, room[2];
	int		 n = 0, final;

	fixed = ux_err_reserve(x) + sms_units(prefix) + 1;
	free(prefix);
	room[0] = limit > fixed + mid + 8 ? limit - fixed - mid : 8;
	room[1] = limit > fixed + last + 8 ? limit - fixed - last : 8;
	*pages = xcalloc((size_t)max, sizeof **pages);
	while (*(p += strspn(p, " ")) != '\0' && n < max) {
		/* The last page has fewer options' room left for text. */
		final = n == max - 1 || utf8_chars(p) <= room[1];
		chunk = utf8_truncate(p, room[final]);
		if (strlen(chunk) < strlen(p) && (sp = strrchr(chunk, ' ')) != NULL &&
		    sp > chunk && (!final || n < max - 1))
			chunk[sp - chunk] = '\0';	/* end on a whole word */
		p += strlen(chunk);
		if (final && *p != '\0') {		/* the rest goes by SMS */
			t = utf8_truncate(chunk, room[1] - 2);
			free(chunk);
			chunk = xasprintf("%s..", t);
			free(t);
			p += strlen(p);
		}
		(*pages)[n++] = chunk;
	}
	return n;
}

void
ux_free_pages(char **pages, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		free(pages[i]);
	free(pages);
}
