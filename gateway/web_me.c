/* SPDX-License-Identifier: ISC */
/*
 * "My votes and data": everything Sanal holds about the signed-in person
 * (number, language, place, every vote, signature and comment with its
 * channel and time), links to change a vote, signing out, and erasure as by
 * SMS УСТГА: the number, place and sessions go, votes stay counted anonymously.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"

static void
me_row_cb(const char *what, const char *code, const char *article, const char *value,
    const char *channel, int64_t ts, void *arg)
{
	struct web	*w = arg;
	char		 date[32], path[48], *s;
	const char	*key = strcmp(what, "vote") == 0 ? "w_rec_vote" :
			    strcmp(what, "article_vote") == 0 ? "w_rec_article_vote" :
			    strcmp(what, "signature") == 0 ? "w_rec_signature" : "w_rec_comment";

	web_date(w, ts, date);
	buf_adds(&w->body, "<tr><td>");
	s = web_msg(w, key, code, article ? article : "");
	web_esc(&w->body, s);
	free(s);
	buf_adds(&w->body, "</td><td>");
	if (value != NULL && (strcmp(value, "support") == 0 || strcmp(value, "oppose") == 0)) {
		s = web_msg(w, value[0] == 's' ? "w_support" : "w_oppose", NULL, NULL);
		web_esc(&w->body, s);
		free(s);
		if (strcmp(what, "vote") == 0) {
			snprintf(path, sizeof path, "/c/%s/vote", code);
			s = web_msg(w, "w_change", NULL, NULL);
			buf_adds(&w->body, " <a href=\"");
			web_link(w, &w->body, path);
			buf_adds(&w->body, "\">");
			web_esc(&w->body, s);
			buf_adds(&w->body, "</a>");
			free(s);
		}
	} else
		web_esc(&w->body, value);	/* a comment, as written */
	buf_addf(&w->body, "</td><td>%s</td><td>%s</td></tr>\n", channel, date);
}

/* One line of what is held: a label and a value. */
static void
me_fact(struct web *w, const char *key, const char *value)
{
	char	*s = web_msg(w, key, NULL, NULL);

	buf_adds(&w->body, "<dt>");
	web_esc(&w->body, s);
	buf_adds(&w->body, "</dt><dd>");
	web_esc(&w->body, value && *value ? value : "-");
	buf_adds(&w->body, "</dd>\n");
	free(s);
}

static void
me_th(struct web *w, const char *key)
{
	char	*s = web_msg(w, key, NULL, NULL);

	buf_adds(&w->body, "<th scope=\"col\">");
	web_esc(&w->body, s);
	buf_adds(&w->body, "</th>");
	free(s);
}

void
page_me(struct web *w)
{
	char	*s, place[96];

	if (!w->signed_in) {
		page_need_sign_in(w, "/me");
		return;
	}
	web_title(w, "w_me_title", NULL);
	buf_adds(&w->body, "<dl>\n");
	me_fact(w, "w_me_phone", w->user.phone);
	me_fact(w, "w_me_lang", w->user.lang == LANG_EN ? "English" :
	    w->user.lang == LANG_KK ? "Қазақша" : w->user.latin ? "Mongol (latin)" :
	    "Монгол");
	consult_place_name(w->user.soum[0] ? w->user.soum : w->user.aimag, place,
	    sizeof place);
	me_fact(w, "w_me_place", place);
	s = web_msg(w, w->user.opted_out ? "w_me_no_sms" : "w_me_sms", NULL, NULL);
	me_fact(w, "w_me_notices", s);
	free(s);
	buf_adds(&w->body, "</dl>\n<div class=\"scroll\" role=\"region\" "
	    "aria-labelledby=\"record\" tabindex=\"0\"><table><caption id=\"record\">");
	s = web_msg(w, "w_me_record", NULL, NULL);
	web_esc(&w->body, s);
	free(s);
	buf_adds(&w->body, "</caption>\n<tr>");
	me_th(w, "w_me_what");
	me_th(w, "w_me_value");
	me_th(w, "w_me_channel");
	me_th(w, "w_me_when");
	buf_adds(&w->body, "</tr>\n");
	db_person_record(consult_db(w->c), w->user.pid, me_row_cb, w);
	buf_adds(&w->body, "</table></div>\n");
	web_form_open(w, "/sign-out");
	web_form_end(w, "w_sign_out", "secondary");
	web_button_link(w, "/me/erase", "w_erase_title");
	web_page(w, 200);
}

/* --- sign out, erase: a new anonymous cookie afterwards ------------------------------ */

static int
sign_out_apply(struct web *w, struct consult *c, void *arg)
{
	(void)arg;
	return web_sign_out(c, w->browser);
}

static int
erase_apply(struct web *w, struct consult *c, void *arg)
{
	(void)arg;
	return web_erase(c, w->user.pid, w->now);
}

static void
signed_out_done(struct web *w, int committed, int rc, void *arg)
{
	const char	*to = arg;
	char		*loc;

	(void)rc;
	if (!committed) {
		web_title(w, "w_busy_title", NULL);
		web_say(w, "w_busy", NULL, NULL);
		web_page(w, 503);
		return;
	}
	web_token_new(w->browser);		/* the old token is dead: a new one */
	w->set_cookie = 1;
	loc = *w->lang_param ? xasprintf("%s%slang=%s", to, strchr(to, '?') ? "&" : "?",
	    w->lang_param) : xstrdup(to);
	web_redirect(w, loc);
	free(loc);
}

void
page_sign_out(struct web *w)
{
	if (!w->signed_in) {
		web_redirect(w, "/");
		return;
	}
	web_commit(w, (void *)"/", sign_out_apply, signed_out_done);
}

void
page_me_erase(struct web *w)
{
	if (!w->signed_in) {
		page_need_sign_in(w, "/me/erase");
		return;
	}
	if (w->req->method == HTTP_POST) {
		web_commit(w, (void *)"/?erased=1", erase_apply, signed_out_done);
		return;
	}
	web_title(w, "w_erase_title", NULL);
	web_say(w, "w_erase_what", NULL, NULL);
	web_say(w, "w_erase_kept", NULL, NULL);
	web_form_open(w, "/me/erase");
	web_form_end(w, "w_erase_button", "danger");
	web_page(w, 200);
}
