/* SPDX-License-Identifier: ISC */
/*
 * USSD dialogues. Both doors end here: the aggregator's POST /ussd, whose text
 * holds every input so far joined by '*' (the newest input is what follows the
 * text seen before, never a split on '*': a typed comment may hold one), and
 * Kannel's SMPP link, which brings only the newest input. The menu position is
 * kept per phone (by its keyed hash), not per session: a user whose call drops
 * and who dials again within 15 minutes is offered to continue. A repeated
 * request (same text, or same Kannel id) gets the stored screen and changes
 * nothing; a vote is written once, at its confirm key.
 *
 * Keys everywhere: 0 back one step (a page counts as a step), 00 main menu,
 * 98 next page; a wrong key shows the same screen with an error line and never
 * ends the dialogue.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "ussd_int.h"

#define USSD_RESUME	900		/* seconds an unfinished dialogue waits */
#define USSD_INPUT_MAX	1000		/* bytes in one input */

struct uframe *
ussd_top(struct ussd_ctx *x)
{
	return &x->st[x->n - 1];
}

struct uframe *
ussd_push(struct ussd_ctx *x, enum ussd_screen s, const char *code, const char *arg)
{
	struct uframe	*f;

	if (x->n == USSD_DEPTH) {		/* keep the main menu, drop the next */
		memmove(&x->st[1], &x->st[2], (USSD_DEPTH - 2) * sizeof x->st[0]);
		x->n--;
	}
	f = &x->st[x->n++];
	memset(f, 0, sizeof *f);
	f->s = s;
	snprintf(f->code, sizeof f->code, "%s", code ? code : "");
	snprintf(f->arg, sizeof f->arg, "%s", arg ? arg : "");
	return f;
}

void
ussd_pop(struct ussd_ctx *x)
{
	if (x->n > 1)
		x->n--;
	else
		ussd_home(x);
}

void
ussd_home(struct ussd_ctx *x)
{
	x->fresh_flow = 1;
	x->n = 0;
	ussd_push(x, U_MAIN, NULL, NULL);
	free(x->draft);
	x->draft = NULL;
}

void
ussd_end(struct ussd_ctx *x, const char *id, const char *key, const char *a0,
    const char *a1)
{
	x->end_id = id;
	x->end_key = key;
	snprintf(x->end_buf[0], sizeof x->end_buf[0], "%s", a0 ? a0 : "");
	snprintf(x->end_buf[1], sizeof x->end_buf[1], "%s", a1 ? a1 : "");
	x->end_args[0] = a0 ? x->end_buf[0] : NULL;
	x->end_args[1] = a1 ? x->end_buf[1] : NULL;
}

int
ussd_store_participant(struct ussd_ctx *x)
{
	return participant_store(x->c, &x->p, x->rq->now);
}

int
ussd_audit(struct ussd_ctx *x, const char *action, const char *code,
    const char *detail, int64_t *id)
{
	if (db_audit(x->c->db, x->rq->now, x->p.hash, HASH_LEN, action, code, detail,
	    "ussd") != 0)
		return -1;
	if (id != NULL)
		*id = db_last_id(x->c->db);
	return 0;
}

int
ussd_queue_sms(struct ussd_ctx *x, const char *text, const char *kind)
{
	unsigned char	*enc;
	size_t		 len;
	int		 rc;

	if (ussd_store_participant(x) != 0)
		return -1;
	keyring_seal(x->c->kr, x->p.phone, &enc, &len);
	rc = db_outbox_add(x->c->db, x->p.row.id, enc, len, text, kind, x->rq->now);
	free(enc);
	return rc;
}

const char *
ussd_screen_id(int i)
{
	return i >= 0 && i < U_NSCREENS ? ussd_screens[i].id : NULL;
}

/* The menu path as stored: "id|code|arg|page|choice|num;" per frame. */
static char *
ussd_stack_save(struct ussd_ctx *x)
{
	struct buf	b;
	int		i;

	buf_init(&b);
	for (i = 0; i < x->n; i++)
		buf_addf(&b, "%s|%s|%s|%d|%c|%lld;", ussd_screens[x->st[i].s].id,
		    x->st[i].code, x->st[i].arg, x->st[i].page,
		    x->st[i].choice ? x->st[i].choice : '-', (long long)x->st[i].num);
	return buf_steal(&b);
}

/* 0, or -1 if s is not a path this version wrote (then the caller starts over). */
static int
ussd_stack_load(struct ussd_ctx *x, const char *s)
{
	char		*copy, *frame, *rest, *fld[6], *end;
	struct uframe	*f;
	int		 i, k, ok = 1;

	x->n = 0;
	if (s == NULL)
		return -1;
	rest = copy = xstrdup(s);
	while (ok && (frame = strsep(&rest, ";")) != NULL && *frame != '\0') {
		for (k = 0; k < 6 && frame != NULL; k++)
			fld[k] = strsep(&frame, "|");
		for (i = 0; i < U_NSCREENS && k == 6 &&
		    strcmp(ussd_screens[i].id, fld[0]) != 0; i++)
			;
		if (k != 6 || i == U_NSCREENS || x->n == USSD_DEPTH) {
			ok = 0;
			break;
		}
		f = &x->st[x->n++];
		memset(f, 0, sizeof *f);
		f->s = (enum ussd_screen)i;
		snprintf(f->code, sizeof f->code, "%s", fld[1]);
		snprintf(f->arg, sizeof f->arg, "%s", fld[2]);
		f->page = (int)strtol(fld[3], &end, 10);
		f->choice = fld[4][0] == 's' || fld[4][0] == 'o' ? fld[4][0] : 0;
		f->num = strtoll(fld[5], NULL, 10);
		if (*end != '\0' || f->page < 0 || f->page > 99)
			ok = 0;
	}
	free(copy);
	return ok && x->n > 0 ? 0 : -1;
}

/*
 * Loads a stored path to resume: one that stopped anywhere but the main menu
 * or the language choice. A call dropped on the "continue?" screen itself
 * still resumes what lay under it.
 */
static int
ussd_resumable(struct ussd_ctx *x, const char *stack)
{
	if (ussd_stack_load(x, stack) != 0)
		return 0;
	while (x->n > 1 && ussd_top(x)->s == U_RESUME)
		x->n--;
	return x->n > 1 && ussd_top(x)->s != U_LANG;
}

/* A screen id as stored, as one of ours (static), or NULL. */
static const char *
ussd_screen_name(const char *id)
{
	static const char *const ends[] = { "E0", "EV", "EC", "ES", "EA", "EH", "EP",
	    "EX" };
	size_t	i;

	for (i = 0; i < U_NSCREENS; i++) {
		if (strcmp(ussd_screens[i].id, id) == 0)
			return ussd_screens[i].id;
	}
	for (i = 0; i < nitems(ends); i++) {
		if (strcmp(ends[i], id) == 0)
			return ends[i];
	}
	return "M0";
}

/* Applies one key to the screen on top. */
static int
ussd_press(struct ussd_ctx *x, const char *input, struct ussd_reply *r)
{
	struct uframe			*top = ussd_top(x);
	const struct uscreen_def	*def = &ussd_screens[top->s];
	int				 rc;

	if (strcmp(input, "00") == 0) {
		r->left = def->id;
		ussd_home(x);
		return 0;
	}
	if (strcmp(input, "0") == 0) {
		r->left = def->id;
		if (top->s == U_MAIN)
			ussd_end(x, "E0", "u_bye", NULL, NULL);
		else if (top->page > 0)
			top->page--;
		else
			ussd_pop(x);
		return 0;
	}
	if (!def->typing && strcmp(input, "98") == 0) {
		if (!def->pages || top->page + 1 >= ussd_page_count(x, top))
			goto wrong;
		top->page++;
		r->left = def->id;
		return 0;
	}
	if (!utf8_valid(input, strlen(input))) {
		x->err = def->typing ? "u_bad_text" : NULL;
		goto wrong;
	}
	if (def->key == NULL || (rc = def->key(x, top, input)) == 1)
		goto wrong;
	if (rc == 0)
		r->left = def->id;
	return rc;
wrong:
	if (x->err == NULL)
		x->err = "u_wrong";
	r->wrong = 1;
	return 0;
}

/*
 * The keys a dial string carries after the service code: "*1234*12*2#" gives
 * 12 and 2. The service code is base ("*1234#", "*384*1234#") when the dial
 * string starts with it, else the first number. Without base (an aggregator's
 * text, "12*2") every number is a key.
 */
static int
ussd_keys(const char *s, const char *base, char keys[][8], int max)
{
	size_t	len, blen = base ? strcspn(base, "#") : 0;
	int	n = 0, skip = base != NULL;

	if (s != NULL && blen > 0 && strncmp(s, base, blen) == 0 &&
	    (s[blen] == '*' || s[blen] == '#' || s[blen] == '\0')) {
		s += blen;
		skip = 0;
	}
	while (s != NULL && *s != '\0' && n < max) {
		s += strspn(s, "*#");
		if ((len = strcspn(s, "*#")) == 0)
			break;
		if (skip)
			skip = 0;
		else if (len < 8) {
			memcpy(keys[n], s, len);
			keys[n++][len] = '\0';
		} else				/* no code is that long: "not found" */
			strcpy(keys[n++], "-");
		s += len;
	}
	return n;
}

/* 1 if s is a dial string's tail: digits joined by '*' (deep dial by HTTP). */
static int
ussd_is_dial(const char *s)
{
	return strspn(s, "0123456789*#") == strlen(s);
}

/*
 * A new dialogue: deep-dial keys go straight to their screen (stopping before
 * any confirm), else an unfinished dialogue is offered to continue, and a
 * phone never seen first chooses its language.
 */
static int
ussd_begin(struct ussd_ctx *x, const struct db_ussd *old, struct ussd_reply *r)
{
	const char	*base;
	char		 keys[6][8];
	int		 nkeys, i, resume;

	base = x->rq->base != NULL && *x->rq->base ? x->rq->base : "";
	if (x->rq->door == USSD_SMPP)		/* the dial string itself */
		nkeys = ussd_keys(x->rq->text, base, keys, 6);
	else {					/* the code's tail, then the text's */
		nkeys = ussd_keys(x->rq->service, base, keys, 6);
		nkeys += ussd_keys(x->rq->text, NULL, keys + nkeys, 6 - nkeys);
	}
	resume = old != NULL && !old->ended && old->updated >= x->rq->now - USSD_RESUME &&
	    ussd_resumable(x, old->stack);
	ussd_home(x);
	if (nkeys > 0) {
		if (ussd_open_item(x, keys[0]) != 0)
			return -1;
		for (i = 1; i < nkeys && x->err == NULL && x->end_key == NULL; i++) {
			if (ussd_screens[ussd_top(x)->s].confirm ||
			    ussd_screens[ussd_top(x)->s].typing)
				break;
			if (ussd_press(x, keys[i], r) != 0)
				return -1;
		}
		r->left = NULL;
		r->wrong = 0;
	} else if (resume) {
		(void)ussd_resumable(x, old->stack);
		x->draft = old->draft ? xstrdup(old->draft) : NULL;
		ussd_push(x, U_RESUME, NULL, NULL);
		x->fresh_flow = 0;		/* the same flow, if it goes on */
	}
	if (x->first && x->end_key == NULL)
		ussd_push(x, U_LANG, NULL, NULL);
	return 0;
}

/*
 * 1 if an aggregator's text was seen already: the same request again, or an
 * older one of this session arriving late ("1*2" after "1*2*1"). Either gets
 * the current screen and changes nothing.
 */
static int
ussd_seen(const char *text, const char *seen)
{
	size_t	len = strlen(text);

	return strcmp(text, seen) == 0 || (strncmp(seen, text, len) == 0 &&
	    (len == 0 || seen[len] == '*'));
}

/* The newest input of an aggregator request: what follows the text seen before. */
static const char *
ussd_newest(const char *text, const char *seen)
{
	size_t	len = strlen(seen);

	if (len == 0)
		return text;
	if (strncmp(text, seen, len) == 0 && text[len] == '*')
		return text + len + 1;
	return text;		/* not a continuation: take it whole */
}

/* Draws the screen this step answers with. */
static void
ussd_render(struct ussd_ctx *x, struct ussd_reply *r, struct buf *b)
{
	struct uframe	*top;
	char		*s;

	if (x->end_key != NULL) {
		s = ux_msg(x, x->end_key, x->end_args[0], x->end_args[1]);
		buf_adds(b, s);
		free(s);
		r->end = 1;
		r->screen = x->end_id;
		return;
	}
	top = ussd_top(x);
	r->screen = ussd_screens[top->s].id;
	if (x->err != NULL) {
		s = ux_msg(x, x->err, NULL, NULL);
		buf_addf(b, "%s\n", s);
		free(s);
	}
	if (ussd_draw(x, top, b) != 0)
		r->screen = NULL;
}

/* Sets the language and script the participant chose or has. */
static void
ussd_lang(struct ussd_ctx *x)
{
	x->lang = participant_lang(&x->p);
	x->latin = x->lang == LANG_EN || strcmp(x->p.row.script, "lat") == 0;
}

/* The dialogue step proper, inside the savepoint. */
static enum apply_result
ussd_run(struct ussd_ctx *x, struct ussd_reply *r)
{
	const struct ussd_req	*rq = x->rq;
	struct db_ussd		 old, row;
	struct buf		 b;
	const char		*input;
	int			 rc, have, same, fresh;

	if ((rc = db_ussd_get(x->c->db, x->p.hash, &old)) != 0 && rc != DB_NONE)
		return APPLY_ERROR;
	have = rc == 0;
	same = have && rq->session != NULL && strcmp(old.session, rq->session) == 0;
	if (same && (rq->door == USSD_HTTP ? ussd_seen(rq->text, old.seen) :
	    rq->request_id != NULL && *rq->request_id && strcmp(rq->request_id,
	    old.seen) == 0)) {
		r->text = xstrdup(old.reply);
		r->end = old.ended;
		r->replay = 1;
		r->screen = ussd_screen_name(old.screen);
		db_ussd_clear(&old);
		return APPLY_REPEAT;
	}
	fresh = rq->door == USSD_SMPP ? rq->begin : !same;
	if (have && !old.ended && !old.timed_out && fresh &&
	    ussd_stack_load(x, old.stack) == 0)
		r->dropped = ussd_screens[ussd_top(x)->s].id;
	x->first = x->p.row.id == 0;
	ussd_lang(x);
	if (fresh && (rq->door == USSD_SMPP || ussd_is_dial(rq->text))) {
		if (ussd_begin(x, have ? &old : NULL, r) != 0)
			goto fail;
	} else if (fresh || !same || old.ended) {
		ussd_end(x, "EX", "u_expired", NULL, NULL);	/* an unknown session */
	} else {
		if (ussd_stack_load(x, old.stack) != 0)
			ussd_home(x);
		x->draft = old.draft ? xstrdup(old.draft) : NULL;
		input = rq->door == USSD_HTTP ? ussd_newest(rq->text, old.seen) : rq->text;
		if (strlen(input) > USSD_INPUT_MAX) {
			x->err = ussd_screens[ussd_top(x)->s].typing ? "u_too_long" : "u_wrong";
			r->wrong = 1;
		} else if (ussd_press(x, input, r) != 0)
			goto fail;
	}
	buf_init(&b);
	ussd_render(x, r, &b);
	if (r->screen == NULL) {
		buf_free(&b);
		goto fail;
	}
	r->text = buf_steal(&b);
	if (x->end_key != NULL && strcmp(x->end_id, "EX") == 0) {
		/* a stray request: the phone's live dialogue stays as it was */
		db_ussd_clear(&old);
		return APPLY_DONE;
	}
	memset(&row, 0, sizeof row);
	row.session = (char *)(rq->session ? rq->session : "");
	row.service = (char *)(fresh && rq->service ? rq->service : have ? old.service : "");
	row.seen = (char *)(rq->door == USSD_HTTP ? rq->text :
	    rq->request_id ? rq->request_id : "");
	if (r->end)
		ussd_home(x);
	row.stack = ussd_stack_save(x);
	row.draft = x->draft;
	row.reply = r->text;
	snprintf(row.screen, sizeof row.screen, "%s", r->screen);
	row.ended = r->end;
	row.dialback = have && !r->end && !x->fresh_flow ? old.dialback : 0;
	row.updated = rq->now;
	rc = db_ussd_put(x->c->db, x->p.hash, &row);
	free(row.stack);
	db_ussd_clear(&old);
	return rc == 0 ? APPLY_DONE : APPLY_ERROR;
fail:
	db_ussd_clear(&old);
	return APPLY_ERROR;
}

enum apply_result
ussd_step(struct consult *c, const struct ussd_req *rq, struct ussd_reply *r)
{
	struct ussd_ctx		*x = xcalloc(1, sizeof *x);
	char			 phone[PHONE_MAX];
	enum apply_result	 res = APPLY_ERROR;

	memset(r, 0, sizeof *r);
	x->c = c;
	x->rq = rq;
	if (phone_normalise(rq->phone, phone) != 0) {
		res = APPLY_BAD_PHONE;
		goto out;
	}
	if (participant_load(c, phone, &x->p) != 0 || db_savepoint(c->db) != 0)
		goto out;
	if ((res = ussd_run(x, r)) == APPLY_ERROR || db_release(c->db) != 0) {
		log_warn("ussd %s: %s", x->p.tag, db_errmsg(c->db));
		db_rollback_savepoint(c->db);
		free(r->text);
		memset(r, 0, sizeof *r);
		res = APPLY_ERROR;
	}
out:
	free(x->draft);
	free(x);
	return res;
}

/* Screens where a dropped call leaves a vote or signature unfinished. */
static int
ussd_unfinished_vote(enum ussd_screen s)
{
	return s == U_QUESTION || s == U_CONFIRM || s == U_SIGN;
}

int
ussd_sweep(struct consult *c, int64_t before, int dialback,
    void (*cb)(const char *screen, void *), void *arg)
{
	struct db_ussd		*idle;
	struct ussd_ctx		*x = xcalloc(1, sizeof *x);
	struct ussd_req		 rq = { .now = clock_unix() };
	struct db_participant	 pr;
	unsigned char		*enc;
	size_t			 n, i, len;
	char			*text, svc[16];
	int			 rc, send;

	x->c = c;
	x->rq = &rq;
	if ((rc = db_ussd_idle(c->db, before, 500, &idle, &n)) != 0)
		goto out;
	for (i = 0; i < n && rc == 0; i++) {
		send = 0;
		if (ussd_stack_load(x, idle[i].stack) == 0) {
			cb(ussd_screens[ussd_top(x)->s].id, arg);
			send = dialback && !idle[i].dialback &&
			    ussd_unfinished_vote(ussd_top(x)->s);
		}
		if (send && db_participant_find(c->db, idle[i].hash, HASH_LEN, &pr) == 0 &&
		    db_participant_phone(c->db, pr.id, &enc, &len) == 0) {
			x->p.row = pr;
			ussd_lang(x);
			snprintf(svc, sizeof svc, "%s", idle[i].service);
			text = ux_msg(x, "u_dialback", svc, NULL);
			rc = db_outbox_add(c->db, pr.id, enc, len, text, "dialback", rq.now);
			free(text);
			free(enc);
		}
		if (rc == 0)
			rc = db_ussd_timed_out(c->db, idle[i].hash, send);
	}
	for (i = 0; i < n; i++) {
		free(idle[i].stack);
		free(idle[i].service);
	}
	free(idle);
out:
	free(x);
	return rc;
}
