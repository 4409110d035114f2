/* SPDX-License-Identifier: ISC */
/*
 * Signing in with a security code sent by SMS (the phone number is the
 * identity SMS and USSD use; officials' code page, admin.c, is this one at
 * other paths), signing out, and "my votes and data": what
 * Sanal holds about the person, and its erasure. The code page has one field
 * that takes a paste and the phone's autofill (autocomplete=one-time-code); a
 * successful code gives the browser a new cookie, the session's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"

/* The page to return to after signing in: a path of ours, else /me. */
static const char *
return_path(const char *p)
{
	size_t	i;

	if (p == NULL || p[0] != '/' || p[1] == '/' || p[1] == '\\' || strlen(p) > 200)
		return "/me";
	for (i = 0; p[i] != '\0'; i++) {
		if ((unsigned char)p[i] < 0x21 || p[i] == '\\' || p[i] == '"')
			return "/me";
	}
	return p;
}

/* A labelled text field with its hint and error; value kept. */
static void
text_field(struct web *w, const char *name, const char *type, const char *label,
    const char *hint, const char *attrs, const char *value, const char *error)
{
	char	*s = web_msg(w, label, NULL, NULL);

	buf_addf(&w->body, "<label for=\"%s\">", name);
	web_esc(&w->body, s);
	free(s);
	s = web_msg(w, hint, NULL, NULL);
	buf_addf(&w->body, "</label>\n<p class=\"hint\" id=\"%s-hint\">", name);
	web_esc(&w->body, s);
	buf_adds(&w->body, "</p>\n");
	free(s);
	web_field_error(w, name, error);
	buf_addf(&w->body, "<input type=\"%s\" id=\"%s\" name=\"%s\" %s "
	    "aria-describedby=\"%s-hint", type, name, name, attrs, name);
	if (error != NULL)
		buf_addf(&w->body, " %s-error", name);
	buf_adds(&w->body, "\" value=\"");
	web_esc(&w->body, value);
	buf_adds(&w->body, "\">\n");
}

void
web_goto(struct web *w, const char *path)
{
	char	*loc = *w->lang_param ? xasprintf("%s%slang=%s", path,
		    strchr(path, '?') ? "&" : "?", w->lang_param) : xstrdup(path);

	web_redirect(w, loc);
	free(loc);
}

/* --- sign in: the phone number ------------------------------------------------------ */

struct code_post {
	char			 phone[64], ret[208], ip[64];
	enum code_result	 res;
	int			 wait;
};

static int
code_send_apply(struct web *w, struct consult *c, void *arg)
{
	struct code_post	*p = arg;
	struct code_req		 rq = { p->phone, w->browser, p->ip, p->ret, w->lang, w->now };

	p->res = web_code_send(c, &rq, &p->wait);
	return p->res == CODE_ERROR ? -1 : 0;
}

static void sign_in_form(struct web *, const char *phone, const char *ret,
    const char *error, const char *wait);

static void
code_send_done(struct web *w, int committed, int rc, void *arg)
{
	struct code_post	*p = arg;
	char			 wait[16];

	(void)rc;
	if (!committed) {
		web_title(w, "w_busy_title", NULL);
		web_say(w, "w_busy", NULL, NULL);
		web_page(w, 503);
	} else if (p->res == CODE_SENT) {
		metrics_inc(M_WEB_CODES, 1);
		web_goto(w, "/sign-in/code");
	} else {
		snprintf(wait, sizeof wait, "%d", p->wait);
		sign_in_form(w, p->phone, p->ret, p->res == CODE_WAIT ? "w_code_wait" :
		    p->res == CODE_LIMIT ? "w_code_limit" : "w_phone_bad", wait);
	}
	free(p);
}

static void
sign_in_form(struct web *w, const char *phone, const char *ret, const char *error,
    const char *wait)
{
	static const char *const fields[] = { "phone" };
	const char	*keys[1] = { error };
	char		*s;

	web_title(w, "w_sign_in_title", NULL);
	web_say(w, "w_sign_in_intro", NULL, NULL);
	if (error != NULL && strcmp(error, "w_code_wait") == 0)
		web_say(w, "w_code_wait_n", wait, NULL);
	web_form_open(w, "/sign-in");
	buf_adds(&w->body, "<input type=\"hidden\" name=\"return\" value=\"");
	web_esc(&w->body, return_path(ret));
	buf_adds(&w->body, "\">\n");
	text_field(w, "phone", "tel", "w_phone_label", "w_phone_hint",
	    "autocomplete=\"tel\" inputmode=\"tel\" maxlength=\"20\"", phone ? phone : "",
	    error);
	web_form_end(w, "w_get_code", NULL);
	s = web_msg(w, "w_sign_in_why", NULL, NULL);
	buf_adds(&w->body, "<p class=\"hint\">");
	web_esc(&w->body, s);
	buf_adds(&w->body, "</p>\n");
	free(s);
	if (error != NULL)
		web_errors(w, fields, keys, 1);
	web_page(w, error ? 400 : 200);
}

void
page_sign_in(struct web *w)
{
	const char		*phone = web_form(w, "phone"), *ret = web_form(w, "return");
	struct code_post	*p;
	char			 e164[PHONE_MAX], ip[64];

	if (w->req->method != HTTP_POST) {
		sign_in_form(w, NULL, ret, NULL, NULL);
		return;
	}
	if (phone == NULL || *phone == '\0') {
		sign_in_form(w, "", ret, "w_phone_missing", NULL);
		return;
	}
	if (strlen(phone) > 40 || phone_normalise(phone, e164) != 0) {
		sign_in_form(w, phone, ret, "w_phone_bad", NULL);
		return;
	}
	p = xcalloc(1, sizeof *p);
	snprintf(p->phone, sizeof p->phone, "%s", phone);
	snprintf(p->ret, sizeof p->ret, "%s", return_path(ret));
	snprintf(p->ip, sizeof p->ip, "%s", web_client(w, ip));
	web_commit(w, p, code_send_apply, code_send_done);
}

/* --- sign in: the code -------------------------------------------------------------------- */

struct check_post {
	char			 code[16];
	char			 token[WEB_TOKEN_LEN + 1];
	char			*ret;
	enum verify_result	 res;
};

static int
code_check_apply(struct web *w, struct consult *c, void *arg)
{
	struct check_post	*p = arg;

	p->res = web_code_check(c, w->browser, p->code, w->now, p->token, &p->ret);
	return p->res == VERIFY_ERROR ? -1 : 0;
}

static const struct web_code_page code_page = { "/sign-in/code", "/sign-in",
	web_code_pending };

static void
code_check_done(struct web *w, int committed, int rc, void *arg)
{
	struct check_post	*p = arg;

	(void)rc;
	if (!committed) {
		web_title(w, "w_busy_title", NULL);
		web_say(w, "w_busy", NULL, NULL);
		web_page(w, 503);
	} else if (p->res == VERIFY_OK) {
		memcpy(w->browser, p->token, sizeof w->browser);	/* a new cookie */
		w->set_cookie = 1;
		web_goto(w, return_path(p->ret));
	} else
		web_code_refused(w, &code_page, p->res);
	free(p->ret);
	free(p);
}

void
web_code_form(struct web *w, const struct web_code_page *cp, const char *masked,
    const char *error)
{
	static const char *const fields[] = { "code" };
	const char	*keys[1] = { error };
	char		*s;

	web_title(w, "w_code_title", NULL);
	if (masked != NULL) {
		web_say(w, "w_code_sent", masked, NULL);
		web_form_open(w, cp->action);
		text_field(w, "code", "text", "w_code_label", "w_code_hint",
		    "autocomplete=\"one-time-code\" inputmode=\"numeric\" maxlength=\"12\" "
		    "spellcheck=\"false\"", "", error);
		web_form_end(w, "w_sign_in_button", NULL);
	}
	s = web_msg(w, "w_code_again", NULL, NULL);
	buf_adds(&w->body, "<p><a href=\"");
	web_link(w, &w->body, cp->again);
	buf_adds(&w->body, "\">");
	web_esc(&w->body, s);
	buf_adds(&w->body, "</a></p>\n");
	free(s);
	if (error != NULL)
		web_errors(w, fields, keys, 1);
	web_page(w, error ? 400 : 200);
}

int
web_code_asked(struct web *w, const struct web_code_page *cp, const char *code)
{
	char	masked[24];

	if (w->req->method != HTTP_POST) {
		if (cp->pending(w->c, w->browser, w->now, masked) == 0)
			web_code_form(w, cp, masked, NULL);
		else
			web_goto(w, cp->again);
		return 0;
	}
	if (code == NULL || strspn(code, " ") == strlen(code)) {
		if (cp->pending(w->c, w->browser, w->now, masked) == 0)
			web_code_form(w, cp, masked, "w_code_missing");
		else
			web_code_form(w, cp, NULL, "w_code_none");
		return 0;
	}
	return 1;
}

void
web_code_refused(struct web *w, const struct web_code_page *cp,
    enum verify_result res)
{
	char	masked[24] = "";

	if (res == VERIFY_WRONG && cp->pending(w->c, w->browser, w->now, masked) == 0)
		web_code_form(w, cp, masked, "w_code_wrong");
	else
		web_code_form(w, cp, NULL, "w_code_none");
}

void
page_sign_in_code(struct web *w)
{
	const char		*code = web_form(w, "code");
	struct check_post	*p;

	if (!web_code_asked(w, &code_page, code))
		return;
	p = xcalloc(1, sizeof *p);
	snprintf(p->code, sizeof p->code, "%s", code);
	web_commit(w, p, code_check_apply, code_check_done);
}
