/* SPDX-License-Identifier: ISC */
/*
 * consult/chart.c: the project's own charts, inline SVG written into a struct
 * buf, for sanald's pages and sanalctl's HTML report. Each chart is a
 * <figure> holding an <svg role="img"> named by its <title> and <desc>, then
 * the same numbers as a <table> for screen readers and anyone who cannot see
 * the picture. Every text is escaped; labels too long for the drawing end in
 * "…" there and stay whole in the table. Only integers are written, never
 * with printf's %f or %g (they follow LC_NUMERIC): the same data gives the
 * same bytes in any locale. No words of its own: every text comes from the
 * caller, already in the reader's language.
 */
#ifndef SANAL_CHART_H
#define SANAL_CHART_H

#include <stdint.h>

#include "common.h"

struct chart {
	const char		*id;	/* unique in the page; ids ID-t, ID-d */
	const char		*title;	/* the <title> and the table's <caption> */
	const char		*desc;	/* the <desc>: a sentence with the key numbers;
					   NULL: every label with its numbers */
	const char *const	*labels;	/* n labels (columns: days), UTF-8 */
	int			 n;
	const int64_t		*values;	/* bars, columns: n counts */
	const int64_t		*support;	/* diverging: n counts, drawn right */
	const int64_t		*oppose;	/* diverging: n counts, drawn left */
	const char		*support_name;	/* diverging: legend and column heads */
	const char		*oppose_name;
	int			 cycle;	/* bars: row i in colour i % 3 (support,
					   oppose, ...); 0: all in one colour */
	int			 notable;	/* 1: the title as a <figcaption>, no
					   table: the caller prints the same
					   numbers in one of its own */
};

/*
 * Each appends one <figure> (SVG, then table) to b, 320 px wide (a diverging
 * chart with counts of 12 digits or more, wider). Counts below zero are drawn
 * as zero and printed as they are. Pure: no I/O, no locale, no global state;
 * safe from any thread.
 */
/* Horizontal bars, one per label, the label above its bar, the count after it. */
void	 chart_bars(struct buf *b, const struct chart *);
/* One row per label: support to the right of a centre line, oppose to its left. */
void	 chart_diverging(struct buf *b, const struct chart *);
/* Columns over time, one per day, with a scale of round numbers and as many
   day labels as fit without overlapping. */
void	 chart_columns(struct buf *b, const struct chart *);

#endif
