/* SPDX-License-Identifier: ISC */
/*
 * sanald: the Sanal daemon. Reads the configuration, opens the database and its
 * key, loads the message bundles, and runs one libevent loop serving Kannel
 * (MO, DLR), USSD, the web pages, open data, health and metrics, and the
 * outbox sender. SIGTERM and SIGINT commit what is pending and stop.
 */
#include <sys/stat.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>

#include "analytics.h"
#include "common.h"
#include "consult.h"
#include "db.h"
#include "gateway.h"
#include "msg.h"

static const struct route routes[] = {
	{ "/kannel/mo", HTTP_GET | HTTP_POST, kannel_mo },
	{ "/kannel/dlr", HTTP_GET | HTTP_POST, kannel_dlr },
	{ "/healthz", HTTP_GET | HTTP_HEAD, healthz_serve },
	{ "/metrics", HTTP_GET, metrics_serve },
	{ "/ussd", HTTP_GET | HTTP_POST, ussd_http },
	{ "/s.css", HTTP_GET | HTTP_HEAD, web_css_serve },
	{ "/open/*", HTTP_GET | HTTP_HEAD, open_data_serve },
	{ "/api/v1/*", HTTP_GET | HTTP_HEAD | HTTP_POST, api_serve },
	{ "/", HTTP_GET | HTTP_HEAD, web_route },
	{ "/c/*", HTTP_GET | HTTP_HEAD | HTTP_POST, web_route },
	{ "/p/*", HTTP_GET | HTTP_HEAD | HTTP_POST, web_route },
	{ "/sign-in", HTTP_GET | HTTP_HEAD | HTTP_POST, web_route },
	{ "/sign-in/code", HTTP_GET | HTTP_HEAD | HTTP_POST, web_route },
	{ "/sign-out", HTTP_POST, web_route },
	{ "/me", HTTP_GET | HTTP_HEAD, web_route },
	{ "/me/erase", HTTP_GET | HTTP_HEAD | HTTP_POST, web_route },
	{ "/admin", HTTP_GET | HTTP_HEAD | HTTP_POST, web_route },	/* admin.c */
	{ "/admin/*", HTTP_GET | HTTP_HEAD | HTTP_POST, web_route },
	{ "/*", HTTP_GET | HTTP_HEAD, web_route },	/* the web's own 404 page */
};

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: sanald [-v] [-c file] [-d database] [-l addr:port] "
	    "[-k kannel_key]\n\t[-s sendsms_url] [-u sendsms_user] "
	    "[-p sendsms_password] [-S sender] [-D dlr_url]\n");
	exit(2);
}

/* Applies one command-line flag as the config key it overrides. */
static void
flag_set(struct config *cf, const char *key, const char *value)
{
	char	*cause;

	if (config_set(cf, key, value, &cause) != 0)
		fatal("%s", cause);
}

/* Reads the config file (if any) and then the flags, which win. */
static void
parse_args(int argc, char **argv, struct config *cf)
{
	static const char	*keys[128];
	const char		*values[128] = { 0 };
	char			*cause, *file = NULL, *dlr;
	int			 ch, i;

	keys['d'] = "database"; keys['l'] = "listen"; keys['k'] = "kannel_key";
	keys['s'] = "sendsms_url"; keys['u'] = "sendsms_user";
	keys['p'] = "sendsms_password"; keys['S'] = "sender"; keys['D'] = "dlr_url";
	config_defaults(cf);
	while ((ch = getopt(argc, argv, "c:d:l:k:s:u:p:S:D:v")) != -1) {
		if (ch == 'c')
			file = optarg;
		else if (ch == 'v')
			values['v'] = "0";
		else if (ch > 0 && ch < 128 && keys[ch] != NULL)
			values[ch] = optarg;
		else
			usage();
	}
	if (optind != argc)
		usage();
	if (file != NULL && config_load(cf, file, &cause) != 0)
		fatal("%s", cause);
	for (i = 0; i < 128; i++) {
		if (values[i] != NULL)
			flag_set(cf, i == 'v' ? "log_level" : keys[i], values[i]);
	}
	if (cf->dlr_url[0] == '\0') {
		dlr = xasprintf("http://%s/kannel/dlr", cf->listen);
		flag_set(cf, "dlr_url", dlr);
		free(dlr);
	}
}

static void
signal_cb(evutil_socket_t sig, short what, void *arg)
{
	struct event_base	*base = arg;

	(void)what;
	log_info("signal %d: committing what is pending and stopping", (int)sig);
	batch_flush();
	event_base_loopbreak(base);
}

int
main(int argc, char **argv)
{
	struct config		 cf;
	struct consult		*c;
	struct event_base	*base;
	struct event		*sigterm, *sigint;
	char			*cause;

	parse_args(argc, argv, &cf);
	umask(077);		/* the database holds personal data */
	log_init("sanald", (enum log_level)cf.log_level);
	signal(SIGPIPE, SIG_IGN);
	if (cf.kannel_key[0] == '\0')
		log_warn("no kannel_key set: anyone who can reach %s may post MOs",
		    cf.listen);
	if (cf.ussd_key[0] == '\0')
		log_warn("no ussd_key set: anyone who can reach %s may post to /ussd",
		    cf.listen);
	if (msg_init(NULL, &cause) != 0)
		fatal("locales: %s", cause);
	if (consult_open(cf.database, 0, &c, &cause) != 0 || official_init(&cause) != 0)
		fatal("%s", cause);
	db_busy_timeout(consult_db(c), cf.busy_ms);
	if ((base = event_base_new()) == NULL)
		fatal("libevent: cannot create the event loop");
	kannel_init(c, &cf);
	batch_init(base, c);
	ussd_init(base, &cf);
	web_init(c, &cf);
	open_data_init(base, c);
	metrics_set_consult(c);
	if (http_start(base, cf.listen, routes, nitems(routes), cf.max_body, &cause) != 0 ||
	    outbox_init(base, c, &cf, &cause) != 0)
		fatal("%s", cause);
	sigterm = evsignal_new(base, SIGTERM, signal_cb, base);
	sigint = evsignal_new(base, SIGINT, signal_cb, base);
	evsignal_add(sigterm, NULL);
	evsignal_add(sigint, NULL);
	log_info("listening on %s, database %s", cf.listen, cf.database);
	event_base_dispatch(base);
	batch_flush();
	outbox_shutdown();
	ussd_shutdown();
	open_data_shutdown();
	batch_flush();
	http_stop();
	event_free(sigterm);
	event_free(sigint);
	event_base_free(base);
	consult_close(c);
	reply_cache_clear();
	msg_shutdown();
	romanise_shutdown();
	config_free(&cf);
	log_info("stopped");
	return 0;
}
