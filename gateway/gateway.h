/* SPDX-License-Identifier: ISC */
/*
 * gateway/: the only module that speaks HTTP. One libevent loop serves Kannel's
 * MO and DLR calls, health and metrics; every database write goes through the
 * batch, one transaction per loop pass, answered only after COMMIT; the outbox
 * hands outgoing SMS to Kannel's sendsms with libcurl's multi interface.
 */
#ifndef SANAL_GATEWAY_H
#define SANAL_GATEWAY_H

#include <stddef.h>
#include <stdint.h>
#include <sys/queue.h>

struct consult;
struct event_base;
struct evhttp_request;

/* config.c */
struct config {
	char	*listen;		/* ADDR:PORT */
	char	*database;
	char	*kannel_key;
	char	*sendsms_url;		/* "" disables the outbox sender */
	char	*sendsms_user;
	char	*sendsms_password;
	char	*sender;
	char	*dlr_url;		/* "" means http://<listen>/kannel/dlr */
	int	 dedupe_window;		/* seconds */
	int	 log_level;		/* 0 debug .. 3 error */
	int	 busy_ms;		/* how long a write waits for a lock before 503 */
	size_t	 max_body;		/* bytes; larger requests get 413 */
	int	 outbox_parallel;	/* concurrent sendsms requests */
	char	*ussd_key;		/* "" lets any aggregator post to /ussd */
	char	*ussd_code;		/* "*1234#": what a deep dial's keys follow */
	int	 ussd_timeout;		/* seconds before an idle dialogue counts as dropped */
	int	 ussd_dialback;		/* 1: one "please dial back" SMS per dropped vote */
	char	*web_proxy;		/* the TLS proxy's address: X-Forwarded-For is trusted from it */
};
void	 config_defaults(struct config *);
/* Reads key = value lines; 0, or -1 with *cause "file:line: reason". */
int	 config_load(struct config *, const char *path, char **cause);
int	 config_set(struct config *, const char *key, const char *value, char **cause);
void	 config_free(struct config *);

/* http.c: requests as handlers see them, without libevent types. */
enum http_method { HTTP_GET = 1, HTTP_POST = 2, HTTP_HEAD = 4, HTTP_OTHER = 8 };
struct http_param {
	char	*key;
	char	*value;			/* NUL-terminated; may hold NULs too */
	size_t	 value_len;
};
struct http_req {
	struct evhttp_request	*ev;
	enum http_method	 method;
	char			*path;
	struct http_param	*params;
	size_t			 nparams;
	size_t			 nquery;	/* params[nquery..]: a form body's */
	char			*body;
	size_t			 body_len;
	double			 started;
	const char		*route;		/* for metrics */
};
struct route {
	const char	*path;			/* ending in '*': a prefix */
	int		 methods;		/* enum http_method bits */
	void		(*handler)(struct http_req *);
};
struct gateway;
/* Binds addr ("127.0.0.1:8080"), serves routes. 0, or -1 with *cause. */
int	 http_start(struct event_base *, const char *addr, const struct route *,
	    size_t nroutes, size_t max_body, char **cause);
void	 http_stop(void);
const char *http_param(const struct http_req *, const char *key);	/* or NULL */
size_t	 http_param_len(const struct http_req *, const char *key);	/* bytes */
const char *http_header(const struct http_req *, const char *name);	/* or NULL */
const char *http_peer(const struct http_req *);		/* the client's address */
/* A field of a POST's form body (never the query's); *len its bytes. */
const char *http_form(const struct http_req *, const char *key, size_t *len);
/* Sends the response and frees req. hdrs is name, value, ..., NULL. */
void	 http_reply(struct http_req *, int status, const char *ctype,
	    const char *body, size_t len, const char *const *hdrs);
void	 http_text(struct http_req *, int status, const char *text);

/* batch.c: group commit. */
struct batch_job {
	/* Runs inside the open transaction; may not fail the transaction. */
	void			(*apply)(struct batch_job *, struct consult *);
	/* After COMMIT (committed = 1) or when the database was busy (0). */
	void			(*done)(struct batch_job *, int committed);
	TAILQ_ENTRY(batch_job)	 entry;
};
void	 batch_init(struct event_base *, struct consult *);
void	 batch_submit(struct batch_job *);	/* flushed at the end of this loop pass */
void	 batch_flush(void);			/* now (at shutdown) */
size_t	 batch_pending(void);

/* kannel_mo.c, kannel_dlr.c */
void	 kannel_init(struct consult *, const struct config *);
void	 kannel_mo(struct http_req *);
void	 kannel_dlr(struct http_req *);
/* Checks the shared secret; answers 403 and returns 0 if it is wrong. */
int	 kannel_authorised(struct http_req *);

/* outbox.c */
int	 outbox_init(struct event_base *, struct consult *, const struct config *,
	    char **cause);
void	 outbox_shutdown(void);

/* ussd_door.c */
struct event_base;
void	 ussd_init(struct event_base *, const struct config *);
void	 ussd_shutdown(void);
void	 ussd_http(struct http_req *);		/* POST /ussd */
/*
 * An MO whose meta-data carries ussd_service_op goes to the USSD menu: 1 (the
 * request is taken, and text with it), else 0.
 */
int	 ussd_kannel(struct http_req *, const char *meta, const char *from,
	    char *text);

/* web.c: the citizens' web pages (web.h). */
void	 web_init(struct consult *, const struct config *);
void	 web_route(struct http_req *);		/* every page */
void	 web_css_serve(struct http_req *);	/* /s.css */

/* open_data.c: /open/CODE.json, /open/CODE.csv, /open/datapackage.json. */
void	 open_data_init(struct event_base *, struct consult *);
void	 open_data_shutdown(void);
void	 open_data_serve(struct http_req *);

/* api.c: /api/v1/..., the officials' JSON API (bearer tokens). */
void	 api_serve(struct http_req *);

/* metrics.c */
enum metric {
	M_MO_IN, M_MO_REPEAT, M_MO_BAD, M_REPLIES, M_BUSY, M_ERRORS, M_DLR_IN,
	M_OUTBOX_SENT, M_OUTBOX_RETRY, M_OUTBOX_FAILED, M_COMMITS, M_BATCHED,
	M_USSD_IN, M_USSD_REPEAT, M_USSD_BAD, M_WEB_PAGES, M_WEB_FORGED, M_WEB_CODES,
	M_COUNT
};
enum ussd_event { USSD_EV_ENTRY, USSD_EV_COMPLETE, USSD_EV_ERROR, USSD_EV_TIMEOUT,
	USSD_EV_COUNT };
void	 metrics_ussd(const char *screen, enum ussd_event);
void	 metrics_inc(enum metric, uint64_t);
void	 metrics_status(int status);
void	 metrics_latency(double seconds);
void	 metrics_set_consult(struct consult *);
void	 metrics_serve(struct http_req *);
void	 healthz_serve(struct http_req *);

#endif
