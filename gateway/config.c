/* SPDX-License-Identifier: ISC */
/*
 * sanald's configuration: defaults in one place, a table of keys with a parser
 * each, "key = value" lines with # comments, errors as file:line: reason.
 * Flags given on the command line are applied after the file and win.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "gateway.h"

enum config_type { CONFIG_STRING, CONFIG_INT, CONFIG_SIZE };

static const struct config_key {
	const char		*name;
	enum config_type	 type;
	size_t			 offset;
	long			 min, max;
} config_keys[] = {
	{ "listen", CONFIG_STRING, offsetof(struct config, listen), 0, 0 },
	{ "database", CONFIG_STRING, offsetof(struct config, database), 0, 0 },
	{ "kannel_key", CONFIG_STRING, offsetof(struct config, kannel_key), 0, 0 },
	{ "sendsms_url", CONFIG_STRING, offsetof(struct config, sendsms_url), 0, 0 },
	{ "sendsms_user", CONFIG_STRING, offsetof(struct config, sendsms_user), 0, 0 },
	{ "sendsms_password", CONFIG_STRING,
	    offsetof(struct config, sendsms_password), 0, 0 },
	{ "sender", CONFIG_STRING, offsetof(struct config, sender), 0, 0 },
	{ "dlr_url", CONFIG_STRING, offsetof(struct config, dlr_url), 0, 0 },
	{ "dedupe_window", CONFIG_INT, offsetof(struct config, dedupe_window), 0, 86400 },
	{ "log_level", CONFIG_INT, offsetof(struct config, log_level), 0, 3 },
	{ "busy_ms", CONFIG_INT, offsetof(struct config, busy_ms), 0, 10000 },
	{ "max_body", CONFIG_SIZE, offsetof(struct config, max_body), 1024, 16777216 },
	{ "outbox_parallel", CONFIG_INT, offsetof(struct config, outbox_parallel), 1, 256 },
	{ "ussd_key", CONFIG_STRING, offsetof(struct config, ussd_key), 0, 0 },
	{ "ussd_code", CONFIG_STRING, offsetof(struct config, ussd_code), 0, 0 },
	{ "ussd_timeout", CONFIG_INT, offsetof(struct config, ussd_timeout), 10, 3600 },
	{ "ussd_dialback", CONFIG_INT, offsetof(struct config, ussd_dialback), 0, 1 },
	{ "web_proxy", CONFIG_STRING, offsetof(struct config, web_proxy), 0, 0 },
};

void
config_defaults(struct config *cf)
{
	memset(cf, 0, sizeof *cf);
	cf->listen = xstrdup("127.0.0.1:8080");
	cf->database = xstrdup("./var/sanal.db");
	cf->kannel_key = xstrdup("");
	cf->sendsms_url = xstrdup("");
	cf->sendsms_user = xstrdup("");
	cf->sendsms_password = xstrdup("");
	cf->sender = xstrdup("1234");
	cf->dlr_url = xstrdup("");
	cf->dedupe_window = 120;
	cf->log_level = 1;
	cf->busy_ms = 50;
	cf->max_body = 65536;
	cf->outbox_parallel = 8;
	cf->ussd_key = xstrdup("");
	cf->ussd_code = xstrdup("");
	cf->ussd_timeout = 180;
	cf->ussd_dialback = 0;
	cf->web_proxy = xstrdup("");
}

/* Parses a whole decimal number within [min, max]; 0 or -1. */
static int
config_number(const char *s, long min, long max, long *out)
{
	char	*end;

	errno = 0;
	*out = strtol(s, &end, 10);
	return (errno != 0 || end == s || *end != '\0' || *out < min || *out > max) ?
	    -1 : 0;
}

int
config_set(struct config *cf, const char *key, const char *value, char **cause)
{
	const struct config_key	*k;
	char			*field;
	long			 n;
	size_t			 i;

	for (i = 0; i < nitems(config_keys); i++) {
		k = &config_keys[i];
		if (strcmp(k->name, key) != 0)
			continue;
		field = (char *)cf + k->offset;
		if (k->type == CONFIG_STRING) {
			free(*(char **)field);
			*(char **)field = xstrdup(value);
			return 0;
		}
		if (config_number(value, k->min, k->max, &n) != 0) {
			*cause = xasprintf("%s: \"%s\" is not a number from %ld to %ld",
			    key, value, k->min, k->max);
			return -1;
		}
		if (k->type == CONFIG_INT)
			*(int *)field = (int)n;
		else
			*(size_t *)field = (size_t)n;
		return 0;
	}
	*cause = xasprintf("unknown key \"%s\"", key);
	return -1;
}

/* Trims spaces at both ends, in place. */
static char *
config_trim(char *s)
{
	char	*end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

/* The first '#' outside double quotes, or NULL: "pa#ss" is a value, not a comment. */
static char *
config_comment(char *line)
{
	int	quoted = 0;

	for (; *line != '\0'; line++) {
		if (*line == '"')
			quoted = !quoted;
		else if (*line == '#' && !quoted)
			return line;
	}
	return NULL;
}

/* Parses one line; 0 or -1 with *cause (without the file:line prefix). */
static int
config_line(struct config *cf, char *line, char **cause)
{
	char	*eq, *key, *value;
	size_t	 len;

	if ((eq = config_comment(line)) != NULL)
		*eq = '\0';
	line = config_trim(line);
	if (*line == '\0')
		return 0;
	if ((eq = strchr(line, '=')) == NULL) {
		*cause = xstrdup("expected key = value");
		return -1;
	}
	*eq = '\0';
	key = config_trim(line);
	value = config_trim(eq + 1);
	len = strlen(value);
	if (len >= 2 && value[0] == '"' && value[len - 1] == '"') {
		value[len - 1] = '\0';
		value++;
	}
	return config_set(cf, key, value, cause);
}

int
config_load(struct config *cf, const char *path, char **cause)
{
	FILE	*f;
	char	*line = NULL, *why = NULL;
	size_t	 cap = 0;
	int	 lineno = 0, rc = 0;

	if ((f = fopen(path, "r")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	while (rc == 0 && getline(&line, &cap, f) != -1) {
		lineno++;
		if ((rc = config_line(cf, line, &why)) != 0) {
			*cause = xasprintf("%s:%d: %s", path, lineno, why);
			free(why);
		}
	}
	free(line);
	fclose(f);
	return rc;
}

void
config_free(struct config *cf)
{
	size_t	i;

	for (i = 0; i < nitems(config_keys); i++) {
		if (config_keys[i].type == CONFIG_STRING)
			free(*(char **)((char *)cf + config_keys[i].offset));
	}
}
