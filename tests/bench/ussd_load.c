/* SPDX-License-Identifier: ISC */
/*
 * Benchmark 5: the USSD load generator. N virtual users, each with its own
 * phone number (+9769xxxxxxx) and its own sessions, walk the voting dialogue
 * over POST /ussd at once, as an operator's USSD gateway would send it
 * (form fields sessionId, serviceCode, phoneNumber and text, the inputs of
 * the session so far joined by '*'):
 *
 *	dial ("") -> [language] -> drafts -> first draft -> vote ->
 *	support or oppose (alternating per session) -> confirm -> finish (END)
 *
 * The walk follows the answers rather than counting screens: a first
 * contact gets the language screen (it names "English") and the user picks
 * the first listed; later sessions of the same phone start at the main
 * menu, or, after a session that was cut (sanald's X-Sanal-Screen: RS),
 * at "continue or start again", where the user starts again. An answer
 * that does not start with "CON " or "END ", a status other than 200 or a
 * transport failure is an error; an END before the finish, or no END after
 * it, is unexpected. Both are counted and the first few printed, and the
 * user dials a new session; the run goes on.
 *
 * Every request's round trip is timed on the monotonic clock. The run stops
 * sending after STEPS requests or SECONDS, whichever comes first, and waits
 * for those in flight (each times out after 10 s). It prints a USSD-BENCH
 * line, one USSD-STEP line per kind of step, and USSD-ERROR lines. Prints
 * figures; never fails because something was slow.
 *
 * Usage: ussd_load [-u users] [-n steps] [-t seconds] [-b first] URL
 * (defaults 64 users, 20000 steps, 60 s; phone numbers +9769 followed by
 * first, first + 1, ... in 7 digits). Built and run by ussd.sh:
 *	cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -o ussd_load ussd_load.c \
 *	    $(pkg-config --cflags --libs libcurl)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#define USSD_SERVICE	"*1234#"
#define USSD_MAXREPLY	2048	/* longer answers are cut (USSD allows 182) */
#define USSD_SHOWN	20	/* error lines printed in full */

/* What a request does; its input is appended to the session's text. */
enum step {
	STEP_DIAL, STEP_LANG, STEP_RESUME, STEP_MENU, STEP_DRAFT, STEP_VOTE,
	STEP_CHOICE, STEP_CONFIRM, STEP_FINISH, STEP_COUNT
};

/* The walk: each step's input and the step after a "CON" answer. */
static const struct {
	const char	*name;
	const char	*input;		/* NULL: 1 or 2, alternating per session */
	enum step	 next;		/* STEP_DIAL: the answer decides */
} steps[STEP_COUNT] = {
	/* -> language screen, "continue or start again" or main menu */
	[STEP_DIAL] = { "dial", "", STEP_DIAL },
	/* the first language listed -> main menu */
	[STEP_LANG] = { "language", "1", STEP_MENU },
	/* start again (the last session was cut) -> main menu */
	[STEP_RESUME] = { "resume", "2", STEP_MENU },
	[STEP_MENU] = { "drafts", "1", STEP_DRAFT },	/* -> drafts list */
	[STEP_DRAFT] = { "draft", "1", STEP_VOTE },	/* -> the first draft */
	[STEP_VOTE] = { "vote", "2", STEP_CHOICE },	/* -> the question */
	[STEP_CHOICE] = { "choice", NULL, STEP_CONFIRM }, /* -> confirm screen */
	[STEP_CONFIRM] = { "confirm", "1", STEP_FINISH }, /* -> offers a comment */
	[STEP_FINISH] = { "finish", "3", STEP_DIAL },	/* -> END receipt */
};

/* One virtual user: a phone, its current session and its request. */
struct user {
	CURL		*easy;
	unsigned	 id;
	char		 phone[16];
	unsigned	 nsession;
	char		 session[48];
	char		 text[64];	/* inputs of this session, joined by '*' */
	enum step	 step;		/* what the request in flight does */
	char		 post[256];
	char		 reply[USSD_MAXREPLY];
	size_t		 len;
	char		 screen[8];	/* X-Sanal-Screen of the answer, if any */
	double		 t0;
};

/* One timed request. */
struct sample {
	float		 ms;
	unsigned char	 step;
};

static struct sample	*samples;
static size_t		 nsamples, maxsteps = 20000;
static unsigned long	 nerrors, nunexpected, nsessions, nshown;

/* Seconds on a monotonic clock. */
static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Appends "key=value" URL-encoded to dst of size n (always fits here). */
static void
form_add(char *dst, size_t n, const char *key, const char *value)
{
	static const char	 hex[] = "0123456789ABCDEF";
	size_t			 len = strlen(dst);

	len += snprintf(dst + len, n - len, "%s%s=", len > 0 ? "&" : "", key);
	for (; *value != '\0' && len + 4 < n; value++) {
		unsigned char	c = (unsigned char)*value;

		if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
		    (c >= 'a' && c <= 'z') || strchr("-._~", c) != NULL) {
			dst[len++] = (char)c;
			continue;
		}
		dst[len++] = '%';
		dst[len++] = hex[c >> 4];
		dst[len++] = hex[c & 15];
	}
	dst[len] = '\0';
}

/* curl write callback: keeps the start of the answer. */
static size_t
user_write_cb(char *data, size_t size, size_t n, void *arg)
{
	struct user	*u = arg;
	size_t		 room = sizeof(u->reply) - 1 - u->len;
	size_t		 take = size * n < room ? size * n : room;

	memcpy(u->reply + u->len, data, take);
	u->len += take;
	u->reply[u->len] = '\0';
	return size * n;
}

/* curl header callback: keeps X-Sanal-Screen, sanald's id of the screen. */
static size_t
user_header_cb(char *data, size_t size, size_t n, void *arg)
{
	static const char	 name[] = "X-Sanal-Screen:";
	struct user		*u = arg;
	size_t			 len = size * n, k = sizeof(name) - 1;

	if (len > k && strncasecmp(data, name, k) == 0) {
		while (k < len && data[k] == ' ')
			k++;
		snprintf(u->screen, sizeof(u->screen), "%.*s",
		    (int)strcspn(data + k, "\r\n"), data + k);
	}
	return len;
}

/* Starts the next request of u: appends the step's input, posts the form. */
static void
user_send(struct user *u, CURLM *multi)
{
	const char	*in = steps[u->step].input;
	size_t		 len = strlen(u->text);

	if (in == NULL)
		in = u->nsession % 2 ? "1" : "2";
	if (u->step == STEP_DIAL) {
		u->nsession++;
		nsessions++;
		snprintf(u->session, sizeof(u->session), "ld%ld-%u-%u",
		    (long)getpid(), u->id, u->nsession);
		u->text[0] = '\0';
	} else
		snprintf(u->text + len, sizeof(u->text) - len, "%s%s",
		    len > 0 ? "*" : "", in);
	u->post[0] = '\0';
	form_add(u->post, sizeof(u->post), "sessionId", u->session);
	form_add(u->post, sizeof(u->post), "serviceCode", USSD_SERVICE);
	form_add(u->post, sizeof(u->post), "phoneNumber", u->phone);
	form_add(u->post, sizeof(u->post), "text", u->text);
	curl_easy_setopt(u->easy, CURLOPT_POSTFIELDS, u->post);
	u->len = 0;
	u->reply[0] = '\0';
	u->screen[0] = '\0';
	u->t0 = now();
	curl_multi_add_handle(multi, u->easy);
}

/* Prints one error or unexpected answer, up to USSD_SHOWN of them. */
static void
user_report(const struct user *u, const char *what, long status)
{
	char	line[120];
	size_t	i;

	if (nshown++ >= USSD_SHOWN)
		return;
	snprintf(line, sizeof(line), "%.*s", (int)sizeof(line) - 1, u->reply);
	for (i = 0; line[i] != '\0'; i++)
		if (line[i] == '\n' || line[i] == '\r')
			line[i] = '|';
	printf("USSD-ERROR %s step=%s session=%s text=\"%s\" status=%ld "
	    "screen=%s reply=\"%s\"\n", what, steps[u->step].name, u->session,
	    u->text, status, u->screen[0] != '\0' ? u->screen : "-", line);
}

/* Records the answer to u's request and picks u's next step. */
static void
user_done(struct user *u, CURLcode rc)
{
	long	status = 0;
	int	con, end;

	samples[nsamples].ms = (float)((now() - u->t0) * 1e3);
	samples[nsamples++].step = (unsigned char)u->step;
	curl_easy_getinfo(u->easy, CURLINFO_RESPONSE_CODE, &status);
	con = strncmp(u->reply, "CON ", 4) == 0;
	end = strncmp(u->reply, "END ", 4) == 0;
	if (rc != CURLE_OK || status != 200 || (!con && !end)) {
		if (rc != CURLE_OK)
			snprintf(u->reply, sizeof(u->reply), "%s",
			    curl_easy_strerror(rc));
		nerrors++;
		user_report(u, "error", status);
		u->step = STEP_DIAL;
	} else if (end != (u->step == STEP_FINISH)) {
		nunexpected++;
		user_report(u, end ? "early-end" : "no-end", status);
		u->step = STEP_DIAL;
	} else if (end)
		u->step = STEP_DIAL;
	else if (u->step != STEP_DIAL)
		u->step = steps[u->step].next;
	else if (strstr(u->reply, "English") != NULL)
		u->step = STEP_LANG;
	else
		u->step = strcmp(u->screen, "RS") == 0 ? STEP_RESUME : STEP_MENU;
}

/* Orders samples by time. */
static int
sample_cmp(const void *a, const void *b)
{
	float	x = ((const struct sample *)a)->ms;
	float	y = ((const struct sample *)b)->ms;

	return (x > y) - (x < y);
}

/* Prints "p50_ms=.. p90_ms=.. p99_ms=.. max_ms=.." of sorted ms[0..n). */
static void
print_quantiles(const float *ms, size_t n)
{
	static const double	 q[] = { 0.5, 0.9, 0.99 };
	size_t			 i, k;

	for (i = 0; i < 3; i++) {
		k = n > 0 ? (size_t)(q[i] * n + 0.999999) - 1 : 0;
		printf(" p%.0f_ms=%.2f", q[i] * 100, n > 0 ? ms[k] : 0.0);
	}
	printf(" max_ms=%.2f\n", n > 0 ? ms[n - 1] : 0.0);
}

/* Prints the summary line and one line per kind of step. */
static void
report(unsigned users, double elapsed)
{
	float	*ms = calloc(nsamples + 1, sizeof(*ms));
	size_t	 i, n;
	int	 s;

	if (ms == NULL)
		abort();
	qsort(samples, nsamples, sizeof(*samples), sample_cmp);
	for (i = 0; i < nsamples; i++)
		ms[i] = samples[i].ms;
	printf("USSD-BENCH users=%u steps=%zu sessions=%lu errors=%lu "
	    "unexpected=%lu elapsed_s=%.1f rate=%.0f", users, nsamples,
	    nsessions, nerrors, nunexpected, elapsed,
	    elapsed > 0 ? nsamples / elapsed : 0.0);
	print_quantiles(ms, nsamples);
	for (s = 0; s < STEP_COUNT; s++) {
		for (i = n = 0; i < nsamples; i++)
			if (samples[i].step == s)
				ms[n++] = samples[i].ms;
		if (n == 0)
			continue;
		printf("USSD-STEP step=%s n=%zu", steps[s].name, n);
		print_quantiles(ms, n);
	}
	free(ms);
}

/* Runs the users until the step budget or the time cap is spent. */
static void
run(struct user *users, unsigned nusers, double seconds)
{
	CURLM		*multi = curl_multi_init();
	CURLMsg		*m;
	CURLcode	 rc;
	struct user	*u;
	size_t		 sent = 0, inflight = 0;
	double		 t0 = now();
	unsigned	 i;
	int		 left;

	if (multi == NULL)
		abort();
	for (i = 0; i < nusers && sent < maxsteps; i++, sent++, inflight++)
		user_send(&users[i], multi);
	while (inflight > 0) {
		curl_multi_perform(multi, &left);
		while ((m = curl_multi_info_read(multi, &left)) != NULL) {
			if (m->msg != CURLMSG_DONE)
				continue;
			rc = m->data.result;	/* m dies with the handle */
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &u);
			curl_multi_remove_handle(multi, u->easy);
			user_done(u, rc);
			if (sent < maxsteps && now() - t0 < seconds) {
				user_send(u, multi);
				sent++;
			} else
				inflight--;
		}
		curl_multi_poll(multi, NULL, 0, 100, NULL);
	}
	if (nshown > USSD_SHOWN)
		printf("USSD-ERROR (%lu more not shown)\n", nshown - USSD_SHOWN);
	report(nusers, now() - t0);
	curl_multi_cleanup(multi);
}

int
main(int argc, char **argv)
{
	struct user	*users;
	unsigned	 nusers = 64, first = 0, i;
	double		 seconds = 60;
	int		 ch;

	while ((ch = getopt(argc, argv, "b:n:t:u:")) != -1) {
		switch (ch) {
		case 'b':
			first = strtoul(optarg, NULL, 10);
			break;
		case 'n':
			maxsteps = strtoul(optarg, NULL, 10);
			break;
		case 't':
			seconds = strtod(optarg, NULL);
			break;
		case 'u':
			nusers = strtoul(optarg, NULL, 10);
			break;
		default:
			goto usage;
		}
	}
	if (optind + 1 != argc || nusers == 0 || maxsteps == 0)
		goto usage;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	users = calloc(nusers, sizeof(*users));
	samples = calloc(maxsteps, sizeof(*samples));
	if (users == NULL || samples == NULL)
		abort();
	for (i = 0; i < nusers; i++) {
		users[i].id = i;
		snprintf(users[i].phone, sizeof(users[i].phone), "+9769%07u",
		    (first + i) % 10000000);
		if ((users[i].easy = curl_easy_init()) == NULL)
			abort();
		curl_easy_setopt(users[i].easy, CURLOPT_URL, argv[optind]);
		curl_easy_setopt(users[i].easy, CURLOPT_WRITEFUNCTION, user_write_cb);
		curl_easy_setopt(users[i].easy, CURLOPT_WRITEDATA, &users[i]);
		curl_easy_setopt(users[i].easy, CURLOPT_HEADERFUNCTION,
		    user_header_cb);
		curl_easy_setopt(users[i].easy, CURLOPT_HEADERDATA, &users[i]);
		curl_easy_setopt(users[i].easy, CURLOPT_PRIVATE, &users[i]);
		curl_easy_setopt(users[i].easy, CURLOPT_TIMEOUT_MS, 10000L);
		curl_easy_setopt(users[i].easy, CURLOPT_NOSIGNAL, 1L);
	}
	run(users, nusers, seconds);
	for (i = 0; i < nusers; i++)
		curl_easy_cleanup(users[i].easy);
	free(users);
	free(samples);
	curl_global_cleanup();
	return 0;
usage:
	fprintf(stderr, "usage: ussd_load [-u users] [-n steps] [-t seconds] "
	    "[-b first] URL\n");
	return 2;
}
