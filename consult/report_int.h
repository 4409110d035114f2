/* SPDX-License-Identifier: ISC */
/*
 * consult/ private, for the report's renderers: the rows of each per-section
 * table (report_csv_sections) walked once, in report_csv.c, and written
 * through a sink, so that the CSV files and the XLSX sheets hold the same
 * cells under the same columns.
 */
#ifndef SANAL_REPORT_INT_H
#define SANAL_REPORT_INT_H

#include <stdint.h>

#include "consult.h"

struct report_sink {
	void	(*text)(struct report_sink *, const char *);	/* NULL: "" */
	void	(*count)(struct report_sink *, int64_t);	/* "<5" when public and small */
	void	(*number)(struct report_sink *, int64_t);	/* an id or a total: exact */
	void	(*share)(struct report_sink *, int64_t permille);	/* -1: empty */
	void	(*flag)(struct report_sink *, int);
	void	(*end)(struct report_sink *);			/* the row is complete */
	int	  public;
};

/* The section called name, or NULL. */
const struct report_csv_section *report_section_find(const char *name);
/* Writes every row of section s (not its header) to k. */
void	 report_section_rows(const struct report *, const struct report_csv_section *s,
	    struct report_sink *k);

#endif
