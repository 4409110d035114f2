/* SPDX-License-Identifier: ISC */
/*
 * The officials' report of one item, /admin/c/CODE: report_build's aggregate
 * (by soum too when ?soum=1 asks) rendered by report_html as a fragment of the
 * admin page (its style, report_html_css, is part of /s.css), each topic ×
 * stance count a link to the comments behind it
 * (/admin/comments?code=&stance=&topic=). Officials see exact small counts,
 * so the page says it is not for publication (open data hides them).
 *
 * The same report downloads from /admin/c/CODE/report.csv (with a BOM, for
 * Excel), report.xlsx (libxlsxwriter writes a file: a mkstemp one in TMPDIR,
 * read back and removed) and report.json (the bytes of sanalctl report CODE
 * --format json). Each download is an audit row, report_export with the
 * official's name, committed before the file goes out.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin_pages.h"

static const struct {
	const char	*file;		/* after /admin/c/CODE/ */
	const char	*format;	/* in the audit row */
	const char	*ctype;
} report_files[] = {
	{ "report.csv", "csv", "text/csv; charset=utf-8" },
	{ "report.xlsx", "xlsx",
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
	{ "report.json", "json", "application/json" },
};

struct report_cell {
	struct web	*w;
	const char	*code;
};

struct report_dl {
	char		 code[16];
	char		 detail[128];
	size_t		 file;		/* in report_files */
	char		*data;
	size_t		 len;
};

/* The href of a topic × stance cell: the comments behind it. */
static void
report_cell_link(struct buf *b, const char *stance, const char *topic, void *arg)
{
	struct report_cell	*rc = arg;
	struct buf		 path;

	buf_init(&path);
	buf_adds(&path, "/admin/comments?code=");
	web_urlenc(&path, rc->code);
	buf_adds(&path, "&stance=");
	web_urlenc(&path, stance);
	buf_adds(&path, "&topic=");
	web_urlenc(&path, topic);
	web_link(rc->w, b, path.data);
	buf_free(&path);
}

/* A list item linking to path, its text from the bundles. */
static void
report_li(struct web *w, const char *path, const char *key, const char *a0)
{
	buf_adds(&w->body, "<li>");
	admin_pages_link(w, path, key, a0);
	buf_adds(&w->body, "</li>\n");
}

/* The downloads and the pages about the same item. */
static void
report_links(struct web *w, const char *code, int soums)
{
	char	 path[96];

	buf_adds(&w->body, "<nav aria-labelledby=\"report-links\"><h2 id=\"report-links\">");
	admin_pages_msg(w, "ar_report_links", NULL, NULL);
	buf_adds(&w->body, "</h2><ul>\n");
	snprintf(path, sizeof path, "/admin/c/%s/report.csv", code);
	report_li(w, path, "ar_download_csv", NULL);
	snprintf(path, sizeof path, "/admin/c/%s/report.xlsx", code);
	report_li(w, path, "ar_download_xlsx", NULL);
	snprintf(path, sizeof path, "/admin/c/%s/report.json", code);
	report_li(w, path, "ar_download_json", NULL);
	snprintf(path, sizeof path, "/admin/c/%s%s", code, soums ? "" : "?soum=1");
	report_li(w, path, soums ? "ar_without_soums" : "ar_by_soum", NULL);
	snprintf(path, sizeof path, "/admin/comments?code=%s", code);
	report_li(w, path, "ar_item_comments", code);
	snprintf(path, sizeof path, "/admin/c/%s/quotes", code);
	report_li(w, path, "ar_quotes_link", NULL);
	report_li(w, "/admin/review", "ar_review_link", NULL);
	buf_adds(&w->body, "</ul></nav>\n");
}

/* GET /admin/c/CODE: the page. */
static void
report_page(struct web *w, const char *code)
{
	const char	*soum = http_param(w->req, "soum");
	struct report_cell	 cell = { w, code };
	struct report	 r;
	int		 soums = soum != NULL && strcmp(soum, "1") == 0, rc;
	char		*html;

	if ((rc = report_build(w->c, code, soums ? REPORT_SOUMS : 0, &r)) == 1) {
		web_not_found(w);
		return;
	}
	if (rc != 0) {
		admin_pages_busy(w);
		return;
	}
	web_title(w, "ar_report_title", code);
	buf_adds(&w->body, "<p class=\"notice\"><strong>");
	html = web_msg(w, "ar_not_public", NULL, NULL);
	web_esc(&w->body, html);
	free(html);
	buf_adds(&w->body, "</strong></p>\n");
	report_links(w, code, soums);
	html = report_html(&r, w->lang, 0, report_cell_link, &cell);
	buf_adds(&w->body, html);
	free(html);
	report_free(&r);
	web_page(w, 200);
}

/* The workbook's bytes: report_xlsx writes a file, read back and removed. */
static char *
report_xlsx_bytes(const struct report *r, size_t *len)
{
	const char	*dir = getenv("TMPDIR");
	char		*path, *data = NULL, *cause = NULL;
	struct stat	 st;
	ssize_t		 n;
	size_t		 got = 0;
	int		 fd;

	path = xasprintf("%s/sanald-report.XXXXXX", dir && *dir ? dir : "/tmp");
	if ((fd = mkstemp(path)) == -1) {
		log_warn("admin: report xlsx: mkstemp %s: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	close(fd);
	fd = -1;
	if (report_xlsx(r, 0, path, &cause) != 0) {
		log_warn("admin: report xlsx: %s", cause);
		goto out;
	}
	if ((fd = open(path, O_RDONLY)) == -1 || fstat(fd, &st) == -1)
		goto out;
	data = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size &&
	    (n = read(fd, data + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)n;
	if (got != (size_t)st.st_size) {
		free(data);
		data = NULL;
	}
	*len = got;
out:
	if (fd != -1)
		close(fd);
	unlink(path);
	free(path);
	free(cause);
	return data;
}

static int
report_dl_apply(struct web *w, struct consult *c, void *arg)
{
	struct report_dl	*d = arg;

	return db_audit(consult_db(c), w->now, NULL, 0, "report_export", d->code,
	    d->detail, "admin");
}

/* After the audit row is committed: the file, as an attachment. */
static void
report_dl_done(struct web *w, int committed, int rc, void *arg)
{
	struct report_dl	*d = arg;
	char			 disp[96];
	const char		*h[] = { "Content-Disposition", disp, "Cache-Control",
				    "no-store", "X-Content-Type-Options", "nosniff",
				    "Content-Security-Policy", "default-src 'none'", NULL };

	(void)rc;
	if (!committed)
		admin_pages_busy(w);
	else {
		snprintf(disp, sizeof disp, "attachment; filename=\"sanal-%s-%s\"", d->code,
		    report_files[d->file].file);
		http_reply(w->req, 200, report_files[d->file].ctype, d->data, d->len, h);
		web_free(w);
	}
	free(d->data);
	free(d);
}

/* GET /admin/c/CODE/report.*: a download, audited. */
static void
report_download(struct web *w, struct admin_user *u, const char *code,
    const char *file)
{
	struct report_dl	*d;
	struct report		 r;
	size_t			 i;
	int			 rc;

	for (i = 0; i < nitems(report_files); i++) {
		if (strcmp(file, report_files[i].file) == 0)
			break;
	}
	if (i == nitems(report_files) || (rc = report_build(w->c, code, 0, &r)) == 1) {
		web_not_found(w);
		return;
	}
	if (rc != 0) {
		admin_pages_busy(w);
		return;
	}
	d = xcalloc(1, sizeof *d);
	d->file = i;
	snprintf(d->code, sizeof d->code, "%s", code);
	snprintf(d->detail, sizeof d->detail, "%s by official %s",
	    report_files[i].format, u->name);
	if (i == 0)
		d->data = report_csv(&r, REPORT_CSV_BOM, &d->len);
	else if (i == 1)
		d->data = report_xlsx_bytes(&r, &d->len);
	else {
		char *s = report_json(&r, 0);

		d->data = xasprintf("%s\n", s);
		d->len = strlen(d->data);
		free(s);
	}
	report_free(&r);
	if (d->data == NULL) {
		free(d);
		admin_pages_busy(w);
		return;
	}
	web_commit(w, d, report_dl_apply, report_dl_done);
}

void
admin_report(struct web *w, struct admin_user *u, const char *code)
{
	char	parts[5][16];
	int	n;

	if (!item_code_valid(code) ||
	    (n = web_split(w->req->path, parts, 5)) < 3 || n > 4) {
		web_not_found(w);
		return;
	}
	if (n == 4)
		report_download(w, u, code, parts[3]);
	else
		report_page(w, code);
}
