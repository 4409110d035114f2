/* SPDX-License-Identifier: ISC */
/*
 * The charts of chart.h, hand-written SVG: three kinds are all a report needs,
 * and writing them here keeps them small (a few KB), accessible and the same
 * bytes every time, with no library that draws text as outlines.
 *
 * Units are CSS pixels at the chart's natural width, 320: a phone's column
 * after the page's margins, where the stylesheet's max-width:100% shrinks it a
 * little at most, so 14 px text stays readable. Coordinates are kept in tenths
 * of a pixel and written as integers with at most one decimal, by integer
 * arithmetic. Text cannot be measured here: each character's width is guessed
 * from its kind (narrow, wide, capital) on the generous side, and a label that
 * may not fit is cut, ending in "…". Colours are the stylesheet's bar0-bar2,
 * written as fills so that a chart outside sanald's pages looks the same; all
 * are 4.8:1 or more against white, and never the only cue: a label or legend
 * says what each bar is.
 */
#include <stdio.h>
#include <string.h>

#include "chart.h"

#define CHART_W		320	/* viewBox width and natural width, px */
#define CHART_FONT	14	/* labels and counts, px */
#define CHART_SMALL	12	/* columns: scale and days, px */
#define CHART_ROW	40	/* bars, diverging: label line, bar, gap */
#define CHART_BAR	14	/* bar thickness */
#define CHART_DIGIT	10	/* a digit (0.66 em) at 14 px, and a little */
#define CHART_LEGEND	24	/* diverging: the legend's line */
#define CHART_TOP	8	/* columns: room above the scale's top */
#define CHART_PLOT	120	/* columns: the plot's height */
#define CHART_COL_MAX	400	/* columns: the widest column step, tenths */
#define CHART_DAY_MAX	100	/* columns: a day label's widest, px */
#define CHART_ELLIPSIS	100	/* "…" in hundredths of an em */

/* bar0 (green), bar1 (red), bar2 (blue) of gateway/web_css.c: 6.2, 4.9, 8.1:1. */
static const char *const chart_fill[] = { "#00703c", "#d4351c", "#1d4f91" };
#define CHART_SUPPORT	2
#define CHART_OPPOSE	1
#define CHART_GRID	"#949494"	/* 3.0:1 */
#define CHART_INK	"#0b0c0c"

/* The code point at s (its length in *len), U+FFFD for a malformed sequence. */
static uint32_t
chart_utf8(const unsigned char *s, size_t avail, size_t *len)
{
	static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	uint32_t	 cp;
	size_t		 n, i;

	*len = 1;
	if (s[0] < 0x80)
		return s[0];
	n = s[0] >= 0xf0 && s[0] < 0xf5 ? 4 : s[0] >= 0xe0 && s[0] < 0xf0 ? 3 :
	    s[0] >= 0xc2 && s[0] < 0xe0 ? 2 : 0;
	if (n == 0 || n > avail)
		return 0xfffd;
	cp = s[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0xfffd;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min[n] || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000) ||
	    cp == 0xfffe || cp == 0xffff)
		return 0xfffd;
	*len = n;
	return cp;
}

/* Whether cp is one of the characters of set (UTF-8). */
static int
chart_in(uint32_t cp, const char *set)
{
	const unsigned char	*p = (const unsigned char *)set;
	size_t			 len;

	for (; *p != '\0'; p += len)
		if (chart_utf8(p, strlen((const char *)p), &len) == cp)
			return 1;
	return 0;
}

/*
 * A character's width in hundredths of an em: the widest of its kind in DejaVu
 * Sans, the broad font Linux falls back on; Roboto, Noto Sans, Segoe UI and San
 * Francisco are narrower.
 */
static int
chart_em(uint32_t cp)
{
	if ((cp >= 0x300 && cp < 0x370) || (cp >= 0x483 && cp < 0x48a))
		return 0;			/* combining marks */
	if (chart_in(cp, " !\"'(),-./:;IJ[\\]`fijlrt|ІіЇїЈј"))
		return 42;
	if (chart_in(cp, "@WmЖШЩЮЉЊ") || cp >= 0x1100)
		return 110;			/* and CJK, emoji, symbols */
	if (chart_in(cp, "%#+<=>^~MwФЫЪжшщюфыљњ"))
		return 95;
	if ((cp >= 'A' && cp <= 'Z') || (cp >= 0x400 && cp < 0x430) ||
	    (cp >= 0x460 && cp < 0x530 && cp % 2 == 0) || chart_in(cp, "&дмцъ"))
		return 80;			/* capitals: Latin, Cyrillic (Ө Ү Қ ...) */
	return 66;				/* digits, small letters */
}

/* Appends n bytes of s escaped for XML and HTML, without control characters. */
static void
chart_esc(struct buf *b, const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, len;
	uint32_t		 cp;

	for (i = 0; s != NULL && i < n && p[i] != '\0'; i += len) {
		cp = chart_utf8(p + i, n - i, &len);
		switch (cp) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		case '\'': buf_adds(b, "&#39;"); break;
		case 0xfffd: buf_adds(b, "\xef\xbf\xbd"); break;
		default:
			if (cp >= 0x20 && cp != 0x7f)
				buf_add(b, p + i, len);
			else if (cp == '\t' || cp == '\n' || cp == '\r')
				buf_adds(b, " ");
			break;
		}
	}
}

/* Appends s escaped, whole. */
static void
chart_escs(struct buf *b, const char *s)
{
	chart_esc(b, s, s != NULL ? strlen(s) : 0);
}

/*
 * How many bytes of s fit in max px at font px; *cut set when s must end in
 * "…" to fit (trailing spaces dropped). *w gets the width printed, px.
 */
static size_t
chart_fit(const char *s, int max, int font, int *cut, int *w)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, len, n = s != NULL ? strlen(s) : 0, keep = 0;
	long			 em = 0, lim = (long)max * 100 / font, kept = 0;

	*cut = 0;
	for (i = 0; i < n; i += len) {
		em += chart_em(chart_utf8(p + i, n - i, &len));
		if (em + CHART_ELLIPSIS <= lim) {
			keep = i + len;
			kept = em;
		}
		if (em > lim) {
			*cut = 1;
			while (keep > 0 && s[keep - 1] == ' ') {
				keep--;
				kept -= chart_em(' ');
			}
			*w = (int)((kept + CHART_ELLIPSIS) * font / 100);
			return keep;
		}
	}
	*w = (int)(em * font / 100);
	return n;
}

/* Appends a coordinate given in tenths: "12" or "12.5". */
static void
chart_num(struct buf *b, int tenths)
{
	if (tenths < 0) {
		buf_adds(b, "-");
		tenths = -tenths;
	}
	if (tenths % 10 == 0)
		buf_addf(b, "%d", tenths / 10);
	else
		buf_addf(b, "%d.%d", tenths / 10, tenths % 10);
}

/* <rect> at x, y, of w × h, all in tenths. */
static void
chart_rect(struct buf *b, int x, int y, int w, int h, const char *fill)
{
	buf_adds(b, "<rect x=\"");
	chart_num(b, x);
	buf_adds(b, "\" y=\"");
	chart_num(b, y);
	buf_adds(b, "\" width=\"");
	chart_num(b, w);
	buf_adds(b, "\" height=\"");
	chart_num(b, h);
	buf_addf(b, "\" fill=\"%s\"/>\n", fill);
}

/* <text> at x, y (tenths) anchored start, middle or end, cut to max px. */
static void
chart_text(struct buf *b, int x, int y, const char *anchor, const char *s, int max,
    int font)
{
	int	cut, w;
	size_t	n = chart_fit(s, max, font, &cut, &w);

	buf_adds(b, "<text x=\"");
	chart_num(b, x);
	buf_adds(b, "\" y=\"");
	chart_num(b, y);
	if (anchor != NULL)
		buf_addf(b, "\" text-anchor=\"%s", anchor);
	buf_adds(b, "\">");
	chart_esc(b, s, n);
	buf_adds(b, cut ? "\xe2\x80\xa6</text>\n" : "</text>\n");
}

/* A count as text at x, y (tenths). */
static void
chart_count(struct buf *b, int x, int y, const char *anchor, int64_t v)
{
	char	s[24];

	snprintf(s, sizeof s, "%lld", (long long)v);
	chart_text(b, x, y, anchor, s, CHART_W, CHART_FONT);
}

/* The characters of v written out, sign included. */
static int
chart_digits(int64_t v)
{
	char	s[24];

	return snprintf(s, sizeof s, "%lld", (long long)v);
}

/* The largest of n counts, 0 at least. */
static int64_t
chart_max(const int64_t *v, int n)
{
	int64_t	max = 0;
	int	i;

	for (i = 0; v != NULL && i < n; i++)
		max = v[i] > max ? v[i] : max;
	return max;
}

/* v's share of len, rounded, without overflow; a count above 0 gets 1 at least. */
static int
chart_scale(int64_t v, int64_t max, int len)
{
	int64_t	r;

	if (v <= 0 || max <= 0 || len <= 0)
		return 0;
	while (max > INT64_MAX / (2 * (int64_t)len + 1)) {
		v /= 2;
		max /= 2;
	}
	r = (v * len * 2 + max) / (2 * max);
	return r < 1 ? 1 : (int)r;
}

/* <figure>, <svg> and its name: the title and the description. */
static void
chart_open(struct buf *b, const struct chart *c, int width, int height, int font)
{
	buf_adds(b, "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" "
	    "role=\"img\" aria-labelledby=\"");
	chart_escs(b, c->id);
	buf_adds(b, "-t ");
	chart_escs(b, c->id);
	buf_addf(b, "-d\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	    "font-family=\"system-ui,sans-serif\" font-size=\"%d\">\n<title id=\"",
	    width, height, width, height, font);
	chart_escs(b, c->id);
	buf_adds(b, "-t\">");
	chart_escs(b, c->title);
	buf_adds(b, "</title>\n<desc id=\"");
	chart_escs(b, c->id);
	buf_adds(b, "-d\">");
}

/* The description the caller gave, else each label with its numbers. */
static void
chart_desc(struct buf *b, const struct chart *c, int diverging)
{
	int	i;

	if (c->desc != NULL || c->n == 0)
		chart_escs(b, c->desc != NULL ? c->desc : c->title);
	for (i = 0; c->desc == NULL && i < c->n; i++) {
		buf_adds(b, i == 0 ? "" : diverging ? "; " : ", ");
		chart_escs(b, c->labels[i]);
		if (!diverging) {
			buf_addf(b, " %lld", (long long)c->values[i]);
			continue;
		}
		buf_adds(b, ": ");
		chart_escs(b, c->support_name);
		buf_addf(b, " %lld, ", (long long)c->support[i]);
		chart_escs(b, c->oppose_name);
		buf_addf(b, " %lld", (long long)c->oppose[i]);
	}
	buf_adds(b, "</desc>\n");
}

/* </svg>, the same numbers as a table (unless the caller has its own), </figure>. */
static void
chart_table(struct buf *b, const struct chart *c, int diverging)
{
	int	i;

	if (c->notable) {		/* the caller's table has the numbers */
		buf_adds(b, "</svg>\n<figcaption>");
		chart_escs(b, c->title);
		buf_adds(b, "</figcaption></figure>\n");
		return;
	}
	buf_adds(b, "</svg>\n<table><caption>");
	chart_escs(b, c->title);
	buf_adds(b, "</caption>\n");
	if (diverging) {
		buf_adds(b, "<tr><td></td><th scope=\"col\">");
		chart_escs(b, c->support_name);
		buf_adds(b, "</th><th scope=\"col\">");
		chart_escs(b, c->oppose_name);
		buf_adds(b, "</th></tr>\n");
	}
	for (i = 0; i < c->n; i++) {
		buf_adds(b, "<tr><th scope=\"row\">");
		chart_escs(b, c->labels[i]);
		if (diverging)
			buf_addf(b, "</th><td>%lld</td><td>%lld</td></tr>\n",
			    (long long)c->support[i], (long long)c->oppose[i]);
		else
			buf_addf(b, "</th><td>%lld</td></tr>\n", (long long)c->values[i]);
	}
	buf_adds(b, "</table></figure>\n");
}

void
chart_bars(struct buf *b, const struct chart *c)
{
	int64_t	 max = chart_max(c->values, c->n);
	int	 room = CHART_W - 6 - CHART_DIGIT * chart_digits(max), i, y, w;

	chart_open(b, c, CHART_W, c->n > 0 ? c->n * CHART_ROW : CHART_ROW / 2,
	    CHART_FONT);
	chart_desc(b, c, 0);
	for (i = 0; i < c->n; i++) {
		y = i * CHART_ROW;
		chart_text(b, 0, (y + 14) * 10, NULL, c->labels[i], CHART_W, CHART_FONT);
		w = chart_scale(c->values[i], max, room);
		if (w > 0)
			chart_rect(b, 0, (y + 19) * 10, w * 10, CHART_BAR * 10,
			    chart_fill[c->cycle ? i % 3 : 2]);
		chart_count(b, (w + 4) * 10, (y + 31) * 10, NULL, c->values[i]);
	}
	chart_table(b, c, 0);
}

/* The legend: oppose's colour and name left of the centre, support's right. */
static void
chart_legend(struct buf *b, const struct chart *c, int mid)
{
	chart_text(b, (mid - 18) * 10, 140, "end", c->oppose_name, mid - 20, CHART_FONT);
	chart_rect(b, (mid - 14) * 10, 40, 100, 100, chart_fill[CHART_OPPOSE]);
	chart_rect(b, (mid + 5) * 10, 40, 100, 100, chart_fill[CHART_SUPPORT]);
	chart_text(b, (mid + 19) * 10, 140, NULL, c->support_name, mid - 20, CHART_FONT);
}

void
chart_diverging(struct buf *b, const struct chart *c)
{
	int64_t	 ms = chart_max(c->support, c->n), mo = chart_max(c->oppose, c->n);
	int64_t	 max = ms > mo ? ms : mo;
	int	 count = 6 + CHART_DIGIT * chart_digits(max), mid = CHART_W / 2;
	int	 i, y, ws, wo, room;

	if (count + 40 > mid)
		mid = count + 40;		/* counts of 12 digits or more: wider */
	room = mid - count;
	chart_open(b, c, 2 * mid, CHART_LEGEND + c->n * CHART_ROW, CHART_FONT);
	chart_desc(b, c, 1);
	chart_legend(b, c, mid);
	for (i = 0; i < c->n; i++) {
		y = CHART_LEGEND + i * CHART_ROW;
		chart_text(b, 0, (y + 14) * 10, NULL, c->labels[i], 2 * mid, CHART_FONT);
		wo = chart_scale(c->oppose[i], max, room);
		ws = chart_scale(c->support[i], max, room);
		if (wo > 0)
			chart_rect(b, (mid - wo) * 10, (y + 19) * 10, wo * 10,
			    CHART_BAR * 10, chart_fill[CHART_OPPOSE]);
		if (ws > 0)
			chart_rect(b, (mid + 1) * 10, (y + 19) * 10, ws * 10,
			    CHART_BAR * 10, chart_fill[CHART_SUPPORT]);
		chart_rect(b, mid * 10, (y + 17) * 10, 10, (CHART_BAR + 4) * 10, CHART_INK);
		chart_count(b, (mid - wo - 4) * 10, (y + 31) * 10, "end", c->oppose[i]);
		chart_count(b, (mid + ws + 5) * 10, (y + 31) * 10, NULL, c->support[i]);
	}
	chart_table(b, c, 1);
}

/* The scale's step: 1, 2 or 5 × 10^k, so that 5 steps or fewer reach max. */
static int64_t
chart_step(int64_t max)
{
	int64_t	p = 1, raw = max / 5 + (max % 5 != 0);

	while (raw > 1) {
		if (p >= raw)
			return p;
		if (p * 2 >= raw)
			return p * 2;
		if (p * 5 >= raw || p > INT64_MAX / 10)
			return p * 5 >= raw ? p * 5 : raw;
		p *= 10;
	}
	return 1;
}

/* Columns: the scale's lines and numbers, left of and across the plot. */
static void
chart_scale_lines(struct buf *b, int64_t top, int64_t step, int x0)
{
	char	s[24];
	int64_t	t;
	int	y;

	for (t = 0; t <= top && t >= 0; t += step) {
		y = (CHART_TOP + CHART_PLOT) * 10 - chart_scale(t, top, CHART_PLOT * 10);
		chart_rect(b, x0 * 10, y, (CHART_W - x0) * 10, 10, t ? CHART_GRID : CHART_INK);
		snprintf(s, sizeof s, "%lld", (long long)t);
		chart_text(b, (x0 - 6) * 10, y + 45, "end", s, x0, CHART_SMALL);
		if (t > INT64_MAX - step)
			break;
	}
}

/* Columns: the day labels, every k-th one, none closer than 6 px to the last. */
static void
chart_days(struct buf *b, const struct chart *c, int x0, int step)
{
	int		 i, k, w, widest = 0, cut, l, mid, last = -CHART_W * 10;
	int		 y = (CHART_TOP + CHART_PLOT + 16) * 10;
	const char	*anchor;

	for (i = 0; i < c->n; i++) {
		chart_fit(c->labels[i], CHART_DAY_MAX, CHART_SMALL, &cut, &w);
		widest = w > widest ? w : widest;
	}
	k = step > 0 ? ((widest + 6) * 10 + step - 1) / step : 1;
	for (i = 0; i < c->n; i += k > 0 ? k : 1) {
		chart_fit(c->labels[i], CHART_DAY_MAX, CHART_SMALL, &cut, &w);
		mid = x0 * 10 + i * step + step / 2;
		anchor = "middle";
		if ((l = mid - w * 5) < 0) {
			anchor = NULL;			/* from the left edge */
			mid = l = 0;
		} else if (mid + w * 5 > CHART_W * 10) {
			anchor = "end";			/* to the right edge */
			mid = CHART_W * 10;
			l = mid - w * 10;
		}
		if (l < last + 60)
			continue;
		chart_text(b, mid, y, anchor, c->labels[i], CHART_DAY_MAX, CHART_SMALL);
		last = l + w * 10;
	}
}

void
chart_columns(struct buf *b, const struct chart *c)
{
	int64_t	 max = chart_max(c->values, c->n), step = chart_step(max), top;
	int	 x0, cs, gap, i, h, base = (CHART_TOP + CHART_PLOT) * 10;

	top = max / step * step;
	if (top < max)
		top = top > INT64_MAX - step ? max : top + step;
	if (top == 0)
		top = step;
	x0 = 10 + 8 * chart_digits(top);	/* 12 px digits */
	cs = c->n > 0 ? (CHART_W - x0) * 10 / c->n : 0;
	cs = cs > CHART_COL_MAX ? CHART_COL_MAX : cs;
	gap = cs / 5;
	chart_open(b, c, CHART_W, CHART_TOP + CHART_PLOT + 22, CHART_SMALL);
	chart_desc(b, c, 0);
	chart_scale_lines(b, top, step, x0);
	for (i = 0; i < c->n; i++) {
		h = chart_scale(c->values[i], top, CHART_PLOT * 10);
		h = h > 0 && h < 10 ? 10 : h;		/* 1 px at least: not 0 */
		if (h > 0)
			chart_rect(b, x0 * 10 + i * cs + gap / 2, base - h, cs - gap, h,
			    chart_fill[CHART_SUPPORT]);
	}
	chart_days(b, c, x0, cs);
	chart_table(b, c, 0);
}
