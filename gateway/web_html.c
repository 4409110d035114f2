/* SPDX-License-Identifier: ISC */
/*
 * The pieces of a page: texts from the bundles in the page's language and
 * script, escaping, links that keep the language, the form token, the error
 * summary (first in <main>, linked to the fields), a bar chart (consult/chart.c:
 * SVG with the same numbers in a table), and the document around it all: a skip
 * link, one heading per page, the same help link in the same place on every
 * page, a stylesheet of its own and no script, font or third-party request.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "chart.h"
#include "web.h"

char *
web_msg(struct web *w, const char *key, const char *a0, const char *a1)
{
	const char	*args[2] = { a0, a1 };

	return reply_render(w->lang, w->latin, key, args, a1 ? 2 : a0 ? 1 : 0);
}

void
web_esc(struct buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		switch (*s) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		case '\'': buf_adds(b, "&#39;"); break;
		default: buf_add(b, s, 1); break;
		}
	}
}

void
web_say(struct web *w, const char *key, const char *a0, const char *a1)
{
	char	*s = web_msg(w, key, a0, a1);

	buf_adds(&w->body, "<p>");
	web_esc(&w->body, s);
	buf_adds(&w->body, "</p>\n");
	free(s);
}

void
web_text(struct web *w, const char *s)
{
	char	*r;

	if (w->latin && !sms_is_gsm7(s) && (r = romanise_text(s)) != NULL) {
		web_esc(&w->body, r);
		free(r);
	} else
		web_esc(&w->body, s);
}

void
web_title(struct web *w, const char *key, const char *a0)
{
	free(w->title);
	w->title = web_msg(w, key, a0, NULL);
	buf_adds(&w->body, "<h1>");
	web_esc(&w->body, w->title);
	buf_adds(&w->body, "</h1>\n");
}

void
web_link(struct web *w, struct buf *b, const char *path)
{
	const char	*frag = strchr(path, '#');
	char		*p = xstrdup(path);

	if (frag != NULL)
		p[frag - path] = '\0';		/* the language goes before "#..." */
	web_esc(b, p);
	if (*w->lang_param != '\0')
		buf_addf(b, "%slang=%s", strchr(p, '?') ? "&amp;" : "?", w->lang_param);
	web_esc(b, frag);
	free(p);
}

void
web_hidden(struct web *w)
{
	buf_addf(&w->body, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n",
	    w->csrf);
}

void
web_chart(struct web *w, const char *caption, const char *const *labels,
    const int64_t *values, int n)
{
	char		id[16];
	struct chart	c = { .id = id, .title = caption, .labels = labels, .n = n,
			    .values = values, .cycle = 1 };

	snprintf(id, sizeof id, "ch%d", ++w->charts);
	chart_bars(&w->body, &c);
}

void
web_errors(struct web *w, const char *const *fields, const char *const *keys, int n)
{
	struct buf	 b;
	char		*s;
	int		 i;

	if (n == 0)
		return;
	w->error = 1;
	buf_init(&b);
	s = web_msg(w, "w_error_summary", NULL, NULL);
	buf_adds(&b, "<div class=\"errors\" role=\"alert\" aria-labelledby=\"errors\" "
	    "tabindex=\"-1\"><h2 id=\"errors\">");
	web_esc(&b, s);
	buf_adds(&b, "</h2><ul>\n");
	free(s);
	for (i = 0; i < n; i++) {
		s = web_msg(w, keys[i], NULL, NULL);
		buf_addf(&b, "<li><a href=\"#%s\">", fields[i]);
		web_esc(&b, s);
		buf_adds(&b, "</a></li>\n");
		free(s);
	}
	buf_adds(&b, "</ul></div>\n");
	buf_add(&b, w->body.data, w->body.len);
	buf_free(&w->body);
	w->body = b;
}

char *
web_item_text(struct web *w, int64_t item_id, const char *field)
{
	char	*s;

	if (db_item_text(consult_db(w->c), item_id, field, lang_code(w->lang), &s) == 0 ||
	    db_item_text(consult_db(w->c), item_id, field, "mn", &s) == 0)
		return s;
	return NULL;
}

void
web_date(struct web *w, int64_t t, char out[32])
{
	(void)w;
	clock_format_ub(t, out, 32);
	out[10] = '\0';			/* YYYY-MM-DD, Ulaanbaatar */
}

void
web_form_open(struct web *w, const char *path)
{
	buf_adds(&w->body, "<form method=\"post\" novalidate action=\"");
	web_link(w, &w->body, path);
	buf_adds(&w->body, "\">\n");
	web_hidden(w);
}

void
web_form_end(struct web *w, const char *key, const char *class)
{
	char	*s = web_msg(w, key, NULL, NULL);

	buf_addf(&w->body, "<button%s%s%s>", class ? " class=\"" : "", class ? class : "",
	    class ? "\"" : "");
	web_esc(&w->body, s);
	buf_adds(&w->body, "</button>\n</form>\n");
	free(s);
}

void
web_button_link(struct web *w, const char *path, const char *key)
{
	char	*s = web_msg(w, key, NULL, NULL);

	buf_adds(&w->body, "<p><a class=\"button\" href=\"");
	web_link(w, &w->body, path);
	buf_adds(&w->body, "\">");
	web_esc(&w->body, s);
	buf_adds(&w->body, "</a></p>\n");
	free(s);
}

void
web_h2(struct web *w, const char *key, const char *a0, const char *id)
{
	char	*s = web_msg(w, key, a0, NULL);

	buf_adds(&w->body, "<h2");
	if (id != NULL)
		buf_addf(&w->body, " id=\"%s\"", id);
	buf_adds(&w->body, ">");
	web_esc(&w->body, s);
	buf_adds(&w->body, "</h2>\n");
	free(s);
}

void
web_field_error(struct web *w, const char *name, const char *key)
{
	char	*s;

	if (key == NULL)
		return;
	s = web_msg(w, key, NULL, NULL);
	buf_addf(&w->body, "<p class=\"error\" id=\"%s-error\">", name);
	web_esc(&w->body, s);
	buf_adds(&w->body, "</p>\n");
	free(s);
}

void
web_urlenc(struct buf *b, const char *s)
{
	static const char	 keep[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/";

	for (; s != NULL && *s != '\0'; s++) {
		if (strchr(keep, *s) != NULL)
			buf_add(b, s, 1);
		else
			buf_addf(b, "%%%02X", (unsigned char)*s);
	}
}

void
web_query(const struct http_req *r, struct buf *b)
{
	size_t	i;
	int	first = 1;

	for (i = 0; i < r->nquery; i++) {
		if (strcmp(r->params[i].key, "lang") == 0)
			continue;
		if (!first)
			buf_adds(b, "&");
		first = 0;
		web_urlenc(b, r->params[i].key);
		buf_adds(b, "=");
		web_urlenc(b, r->params[i].value);
	}
}

/*
 * The language links: each language in its own name, the current one marked.
 * They keep the query a page needs again: on the pages of a signed-in
 * official (admin_bar set) read with GET all of it but lang (the comments'
 * filters), else return, page and choice.
 */
static void
web_lang_nav(struct web *w, struct buf *b)
{
	static const struct {
		const char	*param, *name, *tag;
	} langs[] = {
		{ "", "Монгол", "mn" }, { "mn-Latn", "Mongol", "mn-Latn" },
		{ "kk", "Қазақша", "kk" }, { "en", "English", "en" },
	};
	static const char *const kept[] = { "return", "page", "choice" };
	const char	*path = w->req != NULL ? w->req->path : "/", *v;
	struct buf	 keep;
	size_t		 i, k;
	int		 all = w->req != NULL && w->admin && w->admin_bar.len > 0 &&
			    w->req->method != HTTP_POST;

	buf_init(&keep);
	if (all)
		web_query(w->req, &keep);
	for (k = 0; w->req != NULL && !all && k < nitems(kept); k++) {
		if ((v = http_param(w->req, kept[k])) == NULL || *v == '\0')
			continue;
		buf_addf(&keep, "%s%s=", keep.len ? "&" : "", kept[k]);
		web_urlenc(&keep, v);
	}
	buf_adds(b, "<nav aria-label=\"Language / Хэл\"><ul class=\"langs\">");
	for (i = 0; i < nitems(langs); i++) {
		if (strcmp(langs[i].param, w->lang_param) == 0)
			buf_addf(b, "<li><span lang=\"%s\" aria-current=\"true\">%s</span></li>",
			    langs[i].tag, langs[i].name);
		else {
			buf_adds(b, "<li><a href=\"");
			web_esc(b, path);
			if (keep.len) {
				buf_adds(b, "?");
				web_esc(b, keep.data);
			}
			if (*langs[i].param)
				buf_addf(b, "%slang=%s", keep.len ? "&amp;" : "?", langs[i].param);
			buf_addf(b, "\" lang=\"%s\" hreflang=\"%s\">%s</a></li>", langs[i].tag,
			    langs[i].tag, langs[i].name);
		}
	}
	buf_adds(b, "</ul></nav>");
	buf_free(&keep);
}

/* An anchor to path with the page's language, and a text from the bundles. */
static void
web_anchor(struct web *w, struct buf *b, const char *path, const char *key)
{
	char	*s = web_msg(w, key, NULL, NULL);

	buf_adds(b, "<a href=\"");
	web_link(w, b, path);
	buf_adds(b, "\">");
	web_esc(b, s);
	buf_adds(b, "</a>");
	free(s);
}

char *
web_document(struct web *w)
{
	static const char *const tags[] = { "mn", "en", "kk" };
	struct buf	 b;
	char		*s;

	buf_init(&b);
	buf_addf(&b, "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
	    "<title>", w->latin && w->lang == LANG_MN ? "mn-Latn" : tags[w->lang]);
	if (w->error) {
		s = web_msg(w, "w_error_prefix", NULL, NULL);
		web_esc(&b, s);
		buf_adds(&b, " ");
		free(s);
	}
	web_esc(&b, w->title ? w->title : "");
	buf_addf(&b, " - Sanal</title><link rel=\"icon\" href=\"data:,\">"
	    "<link rel=\"stylesheet\" href=\"/s.css\"></head>\n<body%s>",
	    w->admin ? " class=\"admin\"" : "");
	s = web_msg(w, "w_skip", NULL, NULL);
	buf_adds(&b, "<a class=\"skip\" href=\"#main\">");
	web_esc(&b, s);
	free(s);
	buf_adds(&b, "</a>\n<header><a class=\"brand\" href=\"");
	web_link(w, &b, w->admin ? "/admin" : "/");
	buf_addf(&b, "\" lang=\"mn\">%s</a>", w->latin ? "Sanal" : "Санал");
	web_lang_nav(w, &b);
	if (w->admin) {		/* the officials' pages: who is signed in (admin.c) */
		if (w->admin_bar.len > 0)
			buf_add(&b, w->admin_bar.data, w->admin_bar.len);
	} else {
		buf_adds(&b, "<p class=\"account\">");
		web_anchor(w, &b, w->signed_in ? "/me" : "/sign-in", w->signed_in ?
		    "w_me" : "w_sign_in");
		buf_adds(&b, "</p>");
	}
	buf_adds(&b, "</header>\n<main id=\"main\">\n");
	buf_add(&b, w->body.data, w->body.len);
	buf_adds(&b, "</main>\n<footer><p>");
	web_anchor(w, &b, "/#help", "w_help");
	buf_adds(&b, "</p></footer>\n</body></html>\n");
	return buf_steal(&b);
}
