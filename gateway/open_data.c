/* SPDX-License-Identifier: ISC */
/*
 * Open data: /open/CODE.json and /open/CODE.csv, each item's public counts
 * (no personal data; a breakdown count from 1 to 4 written "<5"), and
 * /open/datapackage.json, the Frictionless Data Package descriptor that lists
 * them with the CSV's schema. Anyone may read them from any origin
 * (Access-Control-Allow-Origin: *); shared caches may keep them a minute. The
 * counts come from the running totals, so a report is one indexed query and
 * is built on the loop.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "consult.h"
#include "gateway.h"

#define OPEN_PREFIX	"/open/"
#define OPEN_JSON	"application/json"
#define OPEN_CSV	"text/csv; charset=utf-8; header=present"

static struct consult	*open_consult;

static const char *const open_hdrs[] = {
	"Access-Control-Allow-Origin", "*",
	"Cache-Control", "public, max-age=60",
	NULL
};

/* The handle the reports are read from. */
void
open_data_init(struct consult *c)
{
	open_consult = c;
}

/* Answers with a JSON error object. */
static void
open_error(struct http_req *req, int status, const char *error)
{
	char	*body = xasprintf("{\"error\": \"%s\"}\n", error);

	http_reply(req, status, OPEN_JSON, body, strlen(body), open_hdrs);
	free(body);
}

/* datapackage.json: every item's two files. */
static void
open_datapackage(struct http_req *req)
{
	char	*s;

	if ((s = report_datapackage(open_consult)) == NULL) {
		open_error(req, 503, "database unavailable");
		return;
	}
	http_reply(req, 200, OPEN_JSON, s, strlen(s), open_hdrs);
	free(s);
}

/* CODE.json or CODE.csv: the item's public report. */
static void
open_report(struct http_req *req, const char *code, int csv)
{
	struct report	 r;
	char		*s;
	size_t		 len;
	int		 rc;

	if (!item_code_valid(code) ||
	    (rc = report_build(open_consult, code, 0, &r)) == 1) {
		open_error(req, 404, "no item with that code");
		return;
	}
	if (rc != 0) {
		open_error(req, 503, "database unavailable");
		return;
	}
	if (csv) {
		s = report_csv(&r, REPORT_CSV_PUBLIC, &len);
		http_reply(req, 200, OPEN_CSV, s, len, open_hdrs);
	} else {
		s = report_json(&r, 1);
		http_reply(req, 200, OPEN_JSON, s, strlen(s), open_hdrs);
	}
	free(s);
	report_free(&r);
}

/* Every path under /open/: datapackage.json, CODE.json, CODE.csv, else 404. */
void
open_data_serve(struct http_req *req)
{
	const char	*name = req->path + strlen(OPEN_PREFIX), *dot;
	char		 code[16];

	if (strncmp(req->path, OPEN_PREFIX, strlen(OPEN_PREFIX)) != 0) {
		open_error(req, 404, "not found");
		return;
	}
	if (strcmp(name, "datapackage.json") == 0) {
		open_datapackage(req);
		return;
	}
	dot = strrchr(name, '.');
	if (dot == NULL || (size_t)(dot - name) >= sizeof code ||
	    (strcmp(dot, ".json") != 0 && strcmp(dot, ".csv") != 0)) {
		open_error(req, 404, "not found");
		return;
	}
	memcpy(code, name, (size_t)(dot - name));
	code[dot - name] = '\0';
	open_report(req, code, strcmp(dot, ".csv") == 0);
}
