/* SPDX-License-Identifier: ISC */
/*
 * ussd_walk: the invariant walker of USSD.md §1.5. Several phones random-walk
 * sanald's USSD menu over POST /ussd (the aggregators' form: sessionId,
 * serviceCode, phoneNumber, text = the session's inputs joined by '*'),
 * choosing among the keys each screen offers (its "N label" lines), with
 * wrong keys, 0, 00, 98, replays of the previous request, typed comments
 * (some holding '*'), deep dials and drops (a new sessionId mid-dialogue)
 * mixed in. Every answer is checked:
 *
 *   - HTTP 200, a body starting "CON " or "END ", valid UTF-8, a known
 *     X-Sanal-Screen id of the right kind (END screens are the E* ids);
 *   - the screen fits: ≤ 160 GSM-7 septets, else ≤ 75 UTF-16 units; pure
 *     GSM-7 for a phone that chose Mongolian in Latin or English;
 *   - a wrong key never ENDs: same screen, an error line first; a key the
 *     screen offers is never refused as wrong; 98 keeps the screen and a
 *     list's next page starts after the previous page's last number;
 *   - "00" gives M0; "0" gives a screen already seen in this dialogue (or
 *     E0 when leaving M0; on RS or L0, what the call opened with); menus
 *     and lists offer "0";
 *   - a replay gets the identical body and screen id and changes nothing;
 *   - the vote, article_vote, signature and comment rows and the
 *     participants' places change only on key 1 of C5, P3, G4 or C8, and
 *     those keys do what their screen says (C6; EC with the typed text
 *     stored intact; ES with one more signature, or EA; EP);
 *   - a stray request (an unknown sessionId, text no dial string) ENDs with
 *     EX, writes nothing and leaves the phone's live dialogue as it was.
 *
 * A failed check is printed (phone, session, text sent, previous screen,
 * answer) and the walk goes on; the exit status is 1 if any check failed, 2
 * on a usage or set-up error. The last line is a summary: steps, sessions,
 * failures and visits per screen.
 *
 * Usage: ussd_walk [-s seed] [-n steps] [-p phones] URL DATABASE
 * (defaults: seed from $USSD_WALK_SEED, else the clock; 6000 steps; 6
 * phones). The database is opened read-only, between steps.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <sqlite3.h>

#include "analytics.h"

#define WALK_PHONES_MAX	16
#define WALK_SHOWN	3	/* failures printed in full per kind */
#define WALK_KEYS	32

static const char *const screen_ids[] = {
	"L0", "RS", "M0", "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "A1",
	"A2", "A3", "P1", "P2", "P3", "MY", "G1", "G2", "G3", "G4",
	"E0", "EV", "EC", "ES", "EA", "EH", "EP", "EX"
};
#define NSCREENS	(sizeof screen_ids / sizeof screen_ids[0])

/* The error lines a wrong key shows, in every language and script. */
static const char *const wrong_lines[] = {
	"Буруу.", "Buruu.", "Қате.", "Wrong key.", NULL
};
/* ... and the ones a typed comment may get. */
static const char *const text_lines[] = {
	"Хэт урт.", "Khet urt.", "Тым ұзын.", "Too long.", "Буруу.", "Buruu.",
	"Қате.", "Wrong key.", NULL
};

/* Screens that must offer "0" (back, or exit on M0). */
static const char back_screens[] =
    " M0 C1 C2 C3 C4 C5 C7 C8 A1 A2 A3 P1 P2 MY G1 G2 G3 ";
/* Lists numbered 1..n across their pages. */
static const char list_screens[] = " C1 P1 MY A1 G2 G3 ";
/* Screens whose keys are exactly the ones shown (no hidden list numbers). */
static const char strict_screens[] =
    " L0 RS M0 C2 C4 C5 C6 C8 A2 P2 P3 G1 G4 ";

/* Deep dials a new session may start with, and the screens they pass. */
static const struct dial {
	const char	*svc;
	const char	*text;
	const char	*path;		/* screens under the one shown */
} dials[] = {
	{ "*1234#", "12", "C2" }, { "*1234#", "12*2", "C2 C4" },
	{ "*1234#", "12*3", "C2 A1" }, { "*1234#", "12*3*98", "C2 A1" },
	{ "*1234#", "12*1", "C2 C3" }, { "*1234#", "12*2*1", "C2 C4 C5" },
	{ "*1234#", "31", "P2" }, { "*1234#", "31*2", "P2 P3" },
	{ "*1234#", "99", "" }, { "*1234*12#", "", "C2" },
	{ "*1234*31#", "", "P2" }, { "*1234*12*3#", "", "C2 A1" },
};

/* Typed comments; plain: romanised, it is GSM-7 on a Latin screen. */
static const struct comment {
	const char	*text;
	int		 plain;
} comments[] = {
	{ "сайн * муу", 1 }, { "Бэлчээрийн төлбөр хэт өндөр", 1 },
	{ "belcheeriin tulbur undur baina", 1 }, { "a*b*c", 1 }, { "**", 1 },
	{ "12 тийм", 1 }, { "98", 1 }, { "Малчдын * бүлэг * гэрээ 5 жил", 1 },
	{ "😀 гоё", 0 }, { "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀", 0 },
	{ "Жайылым туралы пікір", 0 },
};

struct resp {
	long	 code;
	char	*body;
	size_t	 len;
	char	 screen[16];
};

struct counts {
	long	 vote, vote_s, avote, avote_s, sig, comment;
	char	*places;
};

struct phone {
	char		 num[16];
	char		 session[48];
	char		*text;		/* the session's text so far; NULL: none */
	char		*body;		/* the last answer */
	char		 screen[16];	/* its screen id */
	char		*draft;		/* the comment typed last */
	int		 draft_plain;
	int		 ended;
	int		 latin;		/* chose Mongol (latin) or English */
	uint64_t	 seen;		/* screens seen in this dialogue */
};

struct walk {
	CURL		*curl;
	sqlite3		*db;
	const char	*url;
	uint64_t	 rng;
	struct phone	 ph[WALK_PHONES_MAX];
	int		 nph;
	long		 steps, sessions, failures, visits[NSCREENS];
	char		*fkinds[64];
	int		 fcount[64], nfk;
	/* the step being checked, for failure reports */
	const struct phone *cur;
	const char	*sent, *prev_screen;
	const struct resp *got;
};

static void *
walk_alloc(size_t n)
{
	void	*p = calloc(1, n ? n : 1);

	if (p == NULL) {
		fprintf(stderr, "ussd_walk: out of memory\n");
		exit(2);
	}
	return p;
}

static char *
walk_strdup(const char *s)
{
	char	*p = walk_alloc(strlen(s) + 1);

	return strcpy(p, s);
}

/* xorshift64*: the walk is the seed's. */
static uint64_t
rnd(struct walk *w)
{
	w->rng ^= w->rng >> 12;
	w->rng ^= w->rng << 25;
	w->rng ^= w->rng >> 27;
	return w->rng * 2685821657736338717ULL;
}

static int
pick(struct walk *w, int n)
{
	return (int)(rnd(w) % (uint64_t)n);
}

static int
screen_index(const char *id)
{
	size_t	i;

	for (i = 0; i < NSCREENS; i++) {
		if (strcmp(screen_ids[i], id) == 0)
			return (int)i;
	}
	return -1;
}

/* 1 if id is one of the space-separated ids of set. */
static int
in_set(const char *set, const char *id)
{
	char	word[20];

	if (*id == '\0' || strlen(id) > 16)
		return 0;
	snprintf(word, sizeof word, " %s ", id);
	return strstr(set, word) != NULL;
}

/* s with newlines as '~', for one-line reports. Caller frees. */
static char *
oneline(const char *s)
{
	char	*t = walk_strdup(s ? s : "(none)"), *p;

	for (p = t; *p; p++)
		if (*p == '\n')
			*p = '~';
	return t;
}

/* One failed check: counted by kind; the first few of a kind in full. */
static void __attribute__((format(printf, 3, 4)))
walk_fail(struct walk *w, const char *kind, const char *fmt, ...)
{
	va_list	 ap;
	char	*sent = oneline(w->sent), *body = oneline(w->got ? w->got->body : NULL);
	int	 i;

	w->failures++;
	for (i = 0; i < w->nfk && strcmp(w->fkinds[i], kind) != 0; i++)
		;
	if (i == w->nfk && w->nfk < 64)
		w->fkinds[w->nfk++] = walk_strdup(kind);
	if (i < 64 && ++w->fcount[i] <= WALK_SHOWN) {
		printf("FAIL [%s] step %ld: ", kind, w->steps);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		printf("\n  phone %s session %s previous screen %s\n  sent text '%s'\n"
		    "  got %ld [%s] '%s'\n", w->cur->num, w->cur->session,
		    w->prev_screen ? w->prev_screen : "-", sent,
		    w->got ? w->got->code : 0L, w->got ? w->got->screen : "", body);
		fflush(stdout);
	}
	free(sent);
	free(body);
}

/* --- HTTP ------------------------------------------------------------------ */

static size_t
body_cb(char *p, size_t size, size_t n, void *arg)
{
	struct resp	*r = arg;

	r->body = realloc(r->body, r->len + size * n + 1);
	if (r->body == NULL)
		exit(2);
	memcpy(r->body + r->len, p, size * n);
	r->len += size * n;
	r->body[r->len] = '\0';
	return size * n;
}

static size_t
header_cb(char *p, size_t size, size_t n, void *arg)
{
	struct resp	*r = arg;
	size_t		 len = size * n, k = strlen("X-Sanal-Screen:"), i = 0;

	if (len > k && strncasecmp(p, "X-Sanal-Screen:", k) == 0) {
		for (p += k, len -= k; len > 0 && *p == ' '; p++, len--)
			;
		while (i < len && i + 1 < sizeof r->screen && p[i] != '\r' && p[i] != '\n') {
			r->screen[i] = p[i];
			i++;
		}
		r->screen[i] = '\0';
	}
	return size * n;
}

/* "name=value&" url-encoded onto *form. */
static void
form_add(struct walk *w, char **form, const char *name, const char *value)
{
	char	*v = curl_easy_escape(w->curl, value, (int)strlen(value)), *f;
	size_t	 len = (*form ? strlen(*form) : 0) + strlen(name) + strlen(v) + 3;

	f = walk_alloc(len);
	snprintf(f, len, "%s%s%s=%s", *form ? *form : "", *form ? "&" : "", name, v);
	curl_free(v);
	free(*form);
	*form = f;
}

/* One POST /ussd. r->code 0 if nothing answered. */
static void
post(struct walk *w, const struct phone *ph, const char *svc, const char *text,
    struct resp *r)
{
	char	*form = NULL;

	memset(r, 0, sizeof *r);
	r->body = walk_strdup("");
	form_add(w, &form, "sessionId", ph->session);
	form_add(w, &form, "serviceCode", svc);
	form_add(w, &form, "phoneNumber", ph->num);
	form_add(w, &form, "text", text);
	curl_easy_setopt(w->curl, CURLOPT_URL, w->url);
	curl_easy_setopt(w->curl, CURLOPT_POSTFIELDS, form);
	curl_easy_setopt(w->curl, CURLOPT_WRITEFUNCTION, body_cb);
	curl_easy_setopt(w->curl, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(w->curl, CURLOPT_HEADERFUNCTION, header_cb);
	curl_easy_setopt(w->curl, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(w->curl, CURLOPT_TIMEOUT, 10L);
	if (curl_easy_perform(w->curl) == CURLE_OK)
		curl_easy_getinfo(w->curl, CURLINFO_RESPONSE_CODE, &r->code);
	free(form);
}

/* --- the database -------------------------------------------------------------- */

static long
count(struct walk *w, const char *sql)
{
	sqlite3_stmt	*st;
	long		 n = -1;

	if (sqlite3_prepare_v2(w->db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "ussd_walk: %s: %s\n", sql, sqlite3_errmsg(w->db));
		exit(2);
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static char *
text_of(struct walk *w, const char *sql)
{
	sqlite3_stmt	*st;
	char		*s;

	if (sqlite3_prepare_v2(w->db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "ussd_walk: %s: %s\n", sql, sqlite3_errmsg(w->db));
		exit(2);
	}
	s = walk_strdup(sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) ?
	    (const char *)sqlite3_column_text(st, 0) : "");
	sqlite3_finalize(st);
	return s;
}

static void
counts_read(struct walk *w, struct counts *c)
{
	c->vote = count(w, "SELECT count(*) FROM vote");
	c->vote_s = count(w, "SELECT count(*) FROM vote WHERE choice = 'support'");
	c->avote = count(w, "SELECT count(*) FROM article_vote");
	c->avote_s = count(w, "SELECT count(*) FROM article_vote WHERE choice = 'support'");
	c->sig = count(w, "SELECT count(*) FROM signature");
	c->comment = count(w, "SELECT count(*) FROM comment");
	c->places = text_of(w, "SELECT group_concat(id || ':' || coalesce(aimag, '') || "
	    "':' || coalesce(soum, ''), ',') FROM participant "
	    "WHERE aimag IS NOT NULL OR soum IS NOT NULL");
}

static int
counts_same(const struct counts *a, const struct counts *b)
{
	return a->vote == b->vote && a->vote_s == b->vote_s && a->avote == b->avote &&
	    a->avote_s == b->avote_s && a->sig == b->sig && a->comment == b->comment &&
	    strcmp(a->places, b->places) == 0;
}

static char *
counts_str(const struct counts *c)
{
	char	buf[160];

	snprintf(buf, sizeof buf, "votes %ld (%ld support), article votes %ld (%ld), "
	    "signatures %ld, comments %ld, places [%.40s]", c->vote, c->vote_s,
	    c->avote, c->avote_s, c->sig, c->comment, c->places);
	return walk_strdup(buf);
}

/* --- screens ------------------------------------------------------------------- */

/* Valid UTF-8 (our own decoder); *u16 its UTF-16 units. */
static int
utf8_check(const char *s, size_t *u16)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned		 cp;
	int			 k, i;

	for (*u16 = 0; *p; p += k + 1) {
		if (*p < 0x80)
			k = 0, cp = *p;
		else if ((*p & 0xe0) == 0xc0)
			k = 1, cp = *p & 0x1f;
		else if ((*p & 0xf0) == 0xe0)
			k = 2, cp = *p & 0x0f;
		else if ((*p & 0xf8) == 0xf0)
			k = 3, cp = *p & 0x07;
		else
			return 0;
		for (i = 1; i <= k; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (p[i] & 0x3f);
		}
		if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ||
		    (k == 1 && cp < 0x80) || (k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000))
			return 0;
		*u16 += cp > 0xffff ? 2 : 1;
	}
	return 1;
}

/* The first line of a CON screen (after "CON "). Caller frees. */
static char *
first_line(const char *body)
{
	const char	*s = strlen(body) > 4 ? body + 4 : "";

	return strndup(s, strcspn(s, "\n"));
}

static int
first_line_in(const char *body, const char *const *set)
{
	char	*l = first_line(body);
	int	 i, in = 0;

	for (i = 0; set[i] != NULL && !in; i++)
		in = strcmp(l, set[i]) == 0;
	free(l);
	return in;
}

/* The keys a screen offers: the numbers starting its lines. */
static int
offered(const char *body, char keys[][8], int max)
{
	const char	*p = body;
	size_t		 n;
	int		 k = 0;

	for (p = strlen(body) > 4 ? body + 4 : ""; *p && k < max; p += strcspn(p, "\n"),
	    p += *p == '\n') {
		n = strspn(p, "0123456789");
		if (n > 0 && n < 8 && p[n] == ' ') {
			memcpy(keys[k], p, n);
			keys[k++][n] = '\0';
		}
	}
	return k;
}

static int
has_key(const char *body, const char *key)
{
	char	keys[WALK_KEYS][8];
	int	i, n = offered(body, keys, WALK_KEYS);

	for (i = 0; i < n; i++)
		if (strcmp(keys[i], key) == 0)
			return 1;
	return 0;
}

/* The first and last list numbers shown (not 0 or 98); 0 if none. */
static void
list_range(const char *body, int *first, int *last)
{
	char	keys[WALK_KEYS][8];
	int	i, v, n = offered(body, keys, WALK_KEYS);

	*first = *last = 0;
	for (i = 0; i < n; i++) {
		v = atoi(keys[i]);
		if (v == 0 || v == 98)
			continue;
		if (*first == 0)
			*first = v;
		*last = v;
	}
}

/* Checks every answer must pass. 0 if it is a well-formed 200 answer. */
static int
check_answer(struct walk *w, const struct phone *ph, const struct resp *r, int replay)
{
	size_t	 u16, units;
	int	 idx, end, gsm7;

	if (r->code != 200) {
		walk_fail(w, "status", "HTTP %ld", r->code);
		return -1;
	}
	end = strncmp(r->body, "END ", 4) == 0;
	if (!end && strncmp(r->body, "CON ", 4) != 0) {
		walk_fail(w, "con-end", "body starts with neither CON nor END");
		return -1;
	}
	if ((idx = screen_index(r->screen)) < 0) {
		if (!replay)		/* else replay-screen tells */
			walk_fail(w, "screen-id", "unknown X-Sanal-Screen '%s'", r->screen);
	}
	else {
		w->visits[idx]++;
		if (end != (r->screen[0] == 'E'))
			walk_fail(w, "screen-kind", "%s screen %s", end ? "END" : "CON",
			    r->screen);
	}
	if (!utf8_check(r->body, &u16)) {
		walk_fail(w, "utf8", "body is not valid UTF-8");
		return 0;
	}
	gsm7 = sms_is_gsm7(r->body + 4);
	units = sms_units(r->body + 4);
	if (!gsm7 && units != u16 - 4)
		walk_fail(w, "units", "sms_units %zu, UTF-16 units %zu", units, u16 - 4);
	if (units > (gsm7 ? 160u : 75u))
		walk_fail(w, "budget", "%zu %s > %d", units, gsm7 ? "GSM-7 septets" :
		    "UTF-16 units", gsm7 ? 160 : 75);
	if (ph->latin && !gsm7 && strcmp(r->screen, "L0") != 0 &&
	    !(strcmp(r->screen, "C8") == 0 && !ph->draft_plain))
		walk_fail(w, "latin-gsm7", "a Latin reader's screen is not GSM-7");
	if (!end && in_set(back_screens, r->screen) && !has_key(r->body, "0"))
		walk_fail(w, "no-back", "screen %s offers no 0", r->screen);
	return 0;
}

/* --- one step ---------------------------------------------------------------------- */

static void
seen_add(struct phone *ph, const char *id)
{
	int	i = screen_index(id);

	if (i >= 0)
		ph->seen |= (uint64_t)1 << i;
}

static int
seen_has(const struct phone *ph, const char *id)
{
	int	i = screen_index(id);

	return i >= 0 && (ph->seen >> i & 1);
}

/* What the step did, for the checks after it. */
enum act { ACT_DIAL, ACT_KEY, ACT_WRONG, ACT_BACK, ACT_HOME, ACT_REPLAY, ACT_TYPE };

struct move {
	enum act		 act;
	const char		*svc;		/* serviceCode */
	const char		*key;		/* the input appended, or the dial's text */
	const struct dial	*dial;		/* ACT_DIAL: the dial made */
};

/* Checks what this key did against where it was pressed. */
static void
check_key(struct walk *w, struct phone *ph, enum act act, const char *key,
    const struct resp *r)
{
	const char	*prev = ph->screen;
	int		 end = strncmp(r->body, "END ", 4) == 0, f0, l0, f1, l1;

	if (act == ACT_WRONG || (act == ACT_TYPE && strlen(key) > 0 &&
	    utf8_chars(key) > 140)) {
		if (end || strcmp(r->screen, prev) != 0)
			walk_fail(w, "wrong-key", "wrong key '%.20s' on %s gave %s", key,
			    prev, r->screen);
		else if (!first_line_in(r->body, act == ACT_TYPE ? text_lines : wrong_lines))
			walk_fail(w, "wrong-line", "wrong key on %s: no error line", prev);
		return;
	}
	if (act == ACT_TYPE && (end || strcmp(r->screen, "C8") != 0))
		walk_fail(w, "typed", "a typed comment on C7 gave %s", r->screen);
	if (act == ACT_HOME && (end || strcmp(r->screen, "M0") != 0 ||
	    first_line_in(r->body, text_lines)))
		walk_fail(w, "home", "00 on %s gave %s", prev, r->screen);
	/*
	 * 0 on the "continue?" screen goes back to where the dropped call was,
	 * and 0 on a first call's language screen to what the call opens with
	 * (a deep dial's item, the "continue?" screen): screens this dialogue has
	 * not shown. Any screen but an END will do.
	 */
	if (act == ACT_BACK && (strcmp(prev, "RS") == 0 || strcmp(prev, "L0") == 0)) {
		if (end)
			walk_fail(w, "back", "0 on %s ended the dialogue (%s)", prev,
			    r->screen);
	} else if (act == ACT_BACK) {
		if (strcmp(prev, "M0") == 0 ? strcmp(r->screen, "E0") != 0 :
		    end || !seen_has(ph, r->screen))
			walk_fail(w, "back", "0 on %s gave %s, not seen in this dialogue",
			    prev, r->screen);
	}
	if (act == ACT_KEY && !end && first_line_in(r->body, wrong_lines))
		walk_fail(w, "offered-refused", "key %s offered on %s was refused", key, prev);
	if (act == ACT_KEY && strcmp(key, "98") == 0) {
		if (strcmp(r->screen, prev) != 0)
			walk_fail(w, "page", "98 on %s gave %s", prev, r->screen);
		else if (in_set(list_screens, prev)) {
			list_range(ph->body, &f0, &l0);
			list_range(r->body, &f1, &l1);
			if (f1 != l0 + 1)
				walk_fail(w, "numbering", "page after %d..%d starts at %d",
				    f0, l0, f1);
		}
	}
}

/* The writes a confirm key must make, and that nothing else writes. */
static void
check_writes(struct walk *w, struct phone *ph, enum act act, const char *key,
    const struct resp *r, const struct counts *a, const struct counts *b)
{
	const char	*prev = ph->screen;
	char		*sa, *sb, *raw;
	int		 confirm = act == ACT_KEY && strcmp(key, "1") == 0 &&
			    in_set(" C5 P3 G4 C8 ", prev);

	if (!confirm && !counts_same(a, b)) {
		sa = counts_str(a);
		sb = counts_str(b);
		walk_fail(w, act == ACT_REPLAY ? "replay-wrote" : "unconfirmed-write",
		    "%s '%s' on %s wrote: %s -> %s", act == ACT_REPLAY ? "replay" : "key",
		    key, prev, sa, sb);
		free(sa);
		free(sb);
	}
	if (!confirm)
		return;
	if (strcmp(prev, "C5") == 0 && strcmp(r->screen, "C6") != 0)
		walk_fail(w, "confirm", "1 on C5 gave %s", r->screen);
	if (strcmp(prev, "G4") == 0 && strcmp(r->screen, "EP") != 0)
		walk_fail(w, "confirm", "1 on G4 gave %s", r->screen);
	if (strcmp(prev, "P3") == 0 && !(strcmp(r->screen, "ES") == 0 && b->sig == a->sig + 1) &&
	    !(strcmp(r->screen, "EA") == 0 && b->sig == a->sig))
		walk_fail(w, "confirm", "1 on P3 gave %s, signatures %ld -> %ld", r->screen,
		    a->sig, b->sig);
	if (strcmp(prev, "C8") == 0) {
		if (strcmp(r->screen, "EC") != 0 || b->comment != a->comment + 1) {
			walk_fail(w, "confirm", "1 on C8 gave %s, comments %ld -> %ld",
			    r->screen, a->comment, b->comment);
			return;
		}
		raw = text_of(w, "SELECT text_raw FROM comment ORDER BY id DESC LIMIT 1");
		if (ph->draft == NULL || strcmp(raw, ph->draft) != 0)
			walk_fail(w, "comment-text", "stored '%s', typed '%s'", raw,
			    ph->draft ? ph->draft : "(none)");
		free(raw);
	}
}

/* A new session for ph: a plain dial most often, else a deep dial. */
static const struct dial *
new_session(struct walk *w, struct phone *ph)
{
	static const struct dial plain = { "*1234#", "", "" };
	const struct dial *d = pick(w, 100) < 65 ? &plain :
	    &dials[pick(w, (int)(sizeof dials / sizeof dials[0]))];
	char		 num[16];

	w->sessions++;
	snprintf(num, sizeof num, "%s", ph->num + 4);
	snprintf(ph->session, sizeof ph->session, "w%s-%ld", num, w->sessions);
	return d;
}

/* A key that no screen of class prev takes. */
static const char *
wrong_key(struct walk *w, const struct phone *ph)
{
	static const char *const any[] = { "99", "55", "x", "1.5", "", "#", "-1", "abc" };
	static const char *const digits[] = { "1", "2", "3", "4", "5", "6", "7", "8", "9" };
	int	 i;

	const char	*k;

	if (!has_key(ph->body, "98") && !in_set(" C3 A3 ", ph->screen) && pick(w, 4) == 0)
		return "98";
	if (in_set(strict_screens, ph->screen) && pick(w, 2) == 0) {
		for (i = 0; i < 20; i++) {
			k = digits[pick(w, 9)];
			if (!has_key(ph->body, k))
				return k;
		}
	}
	do		/* "" as the first input would repeat the dial */
		k = any[pick(w, (int)(sizeof any / sizeof any[0]))];
	while (*k == '\0' && ph->text[0] == '\0');
	return k;
}

/* Chooses this step's input; *act says what kind it is. */
static const char *
choose(struct walk *w, struct phone *ph, enum act *act, char *buf, size_t bufsz)
{
	static char	 keys[WALK_KEYS][8];
	const struct comment *c;
	const char	*k;
	int		 r = pick(w, 100), n, i;

	if (strcmp(ph->screen, "C7") == 0 && r >= 14) {
		*act = ACT_TYPE;
		if (r < 20) {			/* 141 letters: too long */
			buf[0] = '\0';
			for (i = 0; i < 141 && strlen(buf) + 3 < bufsz; i++)
				strcat(buf, "а");
			return buf;
		}
		c = &comments[pick(w, (int)(sizeof comments / sizeof comments[0]))];
		free(ph->draft);
		ph->draft = walk_strdup(c->text);
		ph->draft_plain = c->plain;
		return c->text;
	}
	if (r < 10 && strcmp(ph->screen, "C7") != 0) {
		*act = ACT_WRONG;
		return wrong_key(w, ph);
	}
	if (r < 17) {
		*act = ACT_BACK;
		return "0";
	}
	if (r < 20) {
		*act = ACT_HOME;
		return "00";
	}
	*act = ACT_KEY;
	if ((n = offered(ph->body, keys, WALK_KEYS)) == 0) {
		*act = ACT_BACK;
		return "0";
	}
	/* forward keys mostly, so walks reach the confirm screens */
	for (i = 0, k = keys[pick(w, n)]; i < 3 && strcmp(k, "0") == 0; i++)
		k = keys[pick(w, n)];
	if (strcmp(k, "0") == 0)
		*act = ACT_BACK;
	return k;
}

/*
 * A stray request for ph: another sessionId whose text is no dial string (a
 * late request of a dialogue sanald never saw). It must END (EX), write
 * nothing, and leave ph's own dialogue as it was: a replay of ph's last
 * request still gets ph's last screen. ph dials anew afterwards.
 */
static void
stray(struct walk *w, struct phone *ph)
{
	struct phone	 s = *ph;
	struct counts	 a, b;
	struct resp	 r, r2;

	counts_read(w, &a);
	snprintf(s.session, sizeof s.session, "stray-%ld", ++w->sessions);
	w->cur = &s;
	w->sent = "1*2*hello";
	w->prev_screen = NULL;
	w->got = &r;
	post(w, &s, "*1234#", w->sent, &r);
	w->steps++;
	if (check_answer(w, &s, &r, 0) == 0 && strcmp(r.screen, "EX") != 0)
		walk_fail(w, "stray", "a request of an unknown session gave %s", r.screen);
	w->cur = ph;
	w->sent = ph->text;
	w->prev_screen = ph->screen;
	w->got = &r2;
	post(w, ph, "*1234#", ph->text, &r2);
	w->steps++;
	if (check_answer(w, ph, &r2, 1) == 0 && (strcmp(r2.body, ph->body) != 0 ||
	    strcmp(r2.screen, ph->screen) != 0))
		walk_fail(w, "stray-hijack", "after a stray request of another session, "
		    "a replay in this one got another answer ([%s], was [%s] '%.60s...')",
		    r2.screen, ph->screen, ph->body);
	counts_read(w, &b);
	if (!counts_same(&a, &b))
		walk_fail(w, "stray-wrote", "a stray request wrote");
	free(a.places);
	free(b.places);
	free(r.body);
	free(r2.body);
	free(ph->text);
	ph->text = NULL;
}

/* What ph sends next: a dial, a replay or a key; the session's whole text. */
static char *
next_text(struct walk *w, struct phone *ph, struct move *m, char *buf, size_t bufsz)
{
	char	*text;
	size_t	 len;

	m->svc = "*1234#";
	m->key = "";
	m->dial = NULL;
	if (ph->text == NULL || (ph->ended && pick(w, 100) >= 15) ||
	    (!ph->ended && pick(w, 100) < 3)) {
		m->act = ACT_DIAL;	/* the first, after an END, or a drop */
		m->dial = new_session(w, ph);
		m->svc = m->dial->svc;
		m->key = m->dial->text;
		return walk_strdup(m->key);
	}
	if (ph->ended || pick(w, 100) < 5) {
		m->act = ACT_REPLAY;
		return walk_strdup(ph->text);
	}
	m->key = choose(w, ph, &m->act, buf, bufsz);
	len = strlen(ph->text) + strlen(m->key) + 2;
	text = walk_alloc(len);
	snprintf(text, len, "%s%s%s", ph->text, ph->text[0] ? "*" : "", m->key);
	return text;
}

/* ph after the answer r to text (which it keeps): its screen and what it saw. */
static void
remember(struct phone *ph, const struct move *m, char *text, const struct resp *r)
{
	const char	*p;
	char		 id[3];

	if (m->act == ACT_DIAL) {
		if (strcmp(r->screen, "RS") != 0)
			ph->seen = 0;	/* a new dialogue, unless resumed */
		seen_add(ph, "M0");
		for (p = m->dial->path; strlen(p) >= 2; p += p[2] ? 3 : 2) {
			memcpy(id, p, 2);
			id[2] = '\0';
			seen_add(ph, id);
		}
	}
	seen_add(ph, r->screen);
	free(ph->text);
	ph->text = text;
	free(ph->body);
	ph->body = walk_strdup(r->body);
	snprintf(ph->screen, sizeof ph->screen, "%s", r->screen);
	ph->ended = strncmp(r->body, "END ", 4) == 0 || r->code != 200;
}

/* One step of ph, with every check on its answer. */
static void
step(struct walk *w, struct phone *ph)
{
	struct counts	 a, b;
	struct resp	 r;
	struct move	 m;
	char		*text, buf[512];

	if (ph->text != NULL && !ph->ended && pick(w, 100) == 0) {
		stray(w, ph);
		return;
	}
	counts_read(w, &a);
	text = next_text(w, ph, &m, buf, sizeof buf);
	w->cur = ph;
	w->sent = text;
	w->prev_screen = m.act == ACT_DIAL ? NULL : ph->screen;
	w->got = &r;
	post(w, ph, m.svc, text, &r);
	w->steps++;
	if (r.code == 0) {
		fprintf(stderr, "ussd_walk: nothing answers at %s\n", w->url);
		exit(1);
	}
	/* a language choice sticks once L0 lets go */
	if (strcmp(ph->screen, "L0") == 0 && m.act == ACT_KEY && strcmp(r.screen, "L0") != 0 &&
	    m.key[0] >= '1' && m.key[0] <= '4' && m.key[1] == '\0')
		ph->latin = m.key[0] == '2' || m.key[0] == '4';
	if (check_answer(w, ph, &r, m.act == ACT_REPLAY) == 0) {
		counts_read(w, &b);
		if (m.act == ACT_REPLAY && strcmp(r.body, ph->body) != 0)
			walk_fail(w, "replay-body", "a replay got another body: '%s'", ph->body);
		if (m.act == ACT_REPLAY && strcmp(r.screen, ph->screen) != 0)
			walk_fail(w, "replay-screen", "a replay names screen %s, the original %s",
			    r.screen, ph->screen);
		if (m.act != ACT_REPLAY && m.act != ACT_DIAL)
			check_key(w, ph, m.act, m.key, &r);
		check_writes(w, ph, m.act, m.key, &r, &a, &b);
		free(b.places);
	}
	free(a.places);
	if (m.act != ACT_REPLAY)
		remember(ph, &m, text, &r);
	else
		free(text);
	free(r.body);
}

static void
summary(struct walk *w)
{
	size_t	i;
	int	k;

	printf("ussd_walk: %ld steps, %ld sessions, %d phones, %ld failed checks; visits:",
	    w->steps, w->sessions, w->nph, w->failures);
	for (i = 0; i < NSCREENS; i++)
		printf(" %s=%ld", screen_ids[i], w->visits[i]);
	printf("\n");
	for (k = 0; k < w->nfk; k++)
		printf("ussd_walk: failed [%s] %d times\n", w->fkinds[k], w->fcount[k]);
}

static void
usage(void)
{
	fprintf(stderr, "usage: ussd_walk [-s seed] [-n steps] [-p phones] URL DATABASE\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct walk	 w;
	const char	*env = getenv("USSD_WALK_SEED");
	uint64_t	 seed = env && *env ? strtoull(env, NULL, 10) :
			    (uint64_t)time(NULL) ^ (uint64_t)getpid() << 16;
	long		 nsteps = 6000, i;
	int		 c;

	memset(&w, 0, sizeof w);
	w.nph = 6;
	while ((c = getopt(argc, argv, "s:n:p:")) != -1) {
		switch (c) {
		case 's': seed = strtoull(optarg, NULL, 10); break;
		case 'n': nsteps = strtol(optarg, NULL, 10); break;
		case 'p': w.nph = atoi(optarg); break;
		default: usage();
		}
	}
	if (argc - optind != 2 || w.nph < 1 || w.nph > WALK_PHONES_MAX || nsteps < 1)
		usage();
	w.url = argv[optind];
	printf("ussd_walk: seed %llu (replay: USSD_WALK_SEED=%llu)\n",
	    (unsigned long long)seed, (unsigned long long)seed);
	fflush(stdout);
	w.rng = seed * 0x9e3779b97f4a7c15ULL + 1;
	if (sqlite3_open_v2(argv[optind + 1], &w.db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "ussd_walk: %s: %s\n", argv[optind + 1], sqlite3_errmsg(w.db));
		return 2;
	}
	sqlite3_busy_timeout(w.db, 10000);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	w.curl = curl_easy_init();
	for (c = 0; c < w.nph; c++) {
		snprintf(w.ph[c].num, sizeof w.ph[c].num, "9930%04d", c + 1);
		w.ph[c].body = walk_strdup("");
	}
	for (i = 0; i < nsteps; i++)
		step(&w, &w.ph[pick(&w, w.nph)]);
	summary(&w);
	for (c = 0; c < w.nph; c++) {
		free(w.ph[c].text);
		free(w.ph[c].body);
		free(w.ph[c].draft);
	}
	for (c = 0; c < w.nfk; c++)
		free(w.fkinds[c]);
	curl_easy_cleanup(w.curl);
	curl_global_cleanup();
	sqlite3_close(w.db);
	return w.failures ? 1 : 0;
}
