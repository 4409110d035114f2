/* SPDX-License-Identifier: ISC */
/*
 * sanalctl official and token: officials' accounts (a password made here,
 * printed once, kept only as argon2id; the phone their /admin sign-in codes
 * go to, sealed) and their API bearer tokens (printed once, kept only as a
 * keyed hash). Lists never show a secret nor a phone number: a phone is shown
 * masked. Everything here is audited by consult/official.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "consult.h"
#include "ctl.h"
#include "db.h"

static int
ctl_official_usage(void)
{
	fprintf(stderr, "usage: sanalctl official add NAME --role viewer|analyst|admin "
	    "[--phone NUMBER]\n"
	    "       sanalctl official phone NAME NUMBER\n"
	    "       sanalctl official disable|enable NAME\n"
	    "       sanalctl official list\n");
	return 2;
}

static int
ctl_token_usage(void)
{
	fprintf(stderr, "usage: sanalctl token add NAME | list | revoke ID\n");
	return 2;
}

/* "2024-05-01 10:00" in Ulaanbaatar time, or "-" for 0. */
static const char *
ctl_official_time(int64_t t, char *buf, size_t len)
{
	if (t == 0)
		return "-";
	clock_format_ub(t, buf, len);
	return buf;
}

static void
ctl_official_row_cb(const struct db_official *o, void *arg)
{
	struct ctl	*ctl = arg;
	char		 created[32], masked[24];

	official_phone_masked(ctl->c, o->phone_enc, o->phone_len, masked);
	printf("%-6lld %-24s %-8s %-20s %-10s %s\n", (long long)o->id, o->name, o->role,
	    ctl_official_time(o->created, created, sizeof created),
	    *masked ? masked : "-", o->disabled ? "disabled" : "");
}

static int
ctl_official_add(struct ctl *ctl, int argc, char **argv)
{
	const char	*role = NULL, *phone = NULL;
	char		*pw, *cause;
	int		 i;

	if (argc < 5)
		return ctl_official_usage();
	for (i = 3; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--role") == 0 && role == NULL)
			role = argv[i + 1];
		else if (strcmp(argv[i], "--phone") == 0 && phone == NULL)
			phone = argv[i + 1];
		else
			return ctl_official_usage();
	}
	if (i != argc || role == NULL)
		return ctl_official_usage();
	if (official_add(ctl->c, argv[2], role, phone, clock_unix(), &pw, &cause) != 0) {
		fprintf(stderr, "sanalctl: official add: %s\n", cause);
		free(cause);
		return 1;
	}
	printf("official %s (%s) created\npassword: %s\n"
	    "This password will not be shown again: give it to %s now.\n",
	    argv[2], role, pw, argv[2]);
	if (phone == NULL)
		printf("No phone yet: %s can sign in at /admin once "
		    "\"sanalctl official phone %s NUMBER\" sets one.\n", argv[2], argv[2]);
	keyring_wipe(pw, strlen(pw));
	free(pw);
	return 0;
}

/* official phone NAME NUMBER, official disable|enable NAME. */
static int
ctl_official_set(struct ctl *ctl, int argc, char **argv)
{
	char	*cause;
	int	 rc;

	if (strcmp(argv[1], "phone") == 0 && argc == 4)
		rc = official_phone(ctl->c, argv[2], argv[3], clock_unix(), &cause);
	else if (strcmp(argv[1], "phone") != 0 && argc == 3)
		rc = official_disable(ctl->c, argv[2], strcmp(argv[1], "disable") == 0,
		    clock_unix(), &cause);
	else
		return ctl_official_usage();
	if (rc != 0) {
		fprintf(stderr, "sanalctl: official %s: %s\n", argv[1], cause);
		free(cause);
		return 1;
	}
	printf("official %s: %s\n", argv[2], strcmp(argv[1], "phone") == 0 ?
	    "phone set" : strcmp(argv[1], "disable") == 0 ? "disabled" : "enabled");
	return 0;
}

int
ctl_official(struct ctl *ctl, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return ctl_official_add(ctl, argc, argv);
	if (argc >= 3 && (strcmp(argv[1], "phone") == 0 ||
	    strcmp(argv[1], "disable") == 0 || strcmp(argv[1], "enable") == 0))
		return ctl_official_set(ctl, argc, argv);
	if (argc != 2 || strcmp(argv[1], "list") != 0)
		return ctl_official_usage();
	printf("%-6s %-24s %-8s %-20s %-10s\n", "id", "name", "role", "created", "phone");
	if (db_official_each(consult_db(ctl->c), ctl_official_row_cb, ctl) != 0) {
		fprintf(stderr, "sanalctl: cannot read the database\n");
		return 1;
	}
	return 0;
}

static void
ctl_token_row_cb(const struct db_token *t, void *arg)
{
	char	created[32], revoked[32];

	(void)arg;
	printf("%-6lld %-24s %-8s %-20s %s\n", (long long)t->id, t->official, t->role,
	    ctl_official_time(t->created, created, sizeof created),
	    ctl_official_time(t->revoked, revoked, sizeof revoked));
}

static int
ctl_token_add(struct ctl *ctl, const char *name)
{
	char	*token, *cause;
	int64_t	 id;

	if (token_add(ctl->c, name, clock_unix(), &token, &id, &cause) != 0) {
		fprintf(stderr, "sanalctl: token add: %s\n", cause);
		free(cause);
		return 1;
	}
	printf("token %lld for %s: %s\n"
	    "This token will not be shown again: send it as "
	    "\"Authorization: Bearer TOKEN\".\n", (long long)id, name, token);
	keyring_wipe(token, strlen(token));
	free(token);
	return 0;
}

static int
ctl_token_revoke(struct ctl *ctl, const char *arg)
{
	char		*end, *cause;
	long long	 id = strtoll(arg, &end, 10);

	if (*arg == '\0' || *end != '\0' || id <= 0) {
		fprintf(stderr, "sanalctl: token revoke: \"%s\" is not a token id "
		    "(see sanalctl token list)\n", arg);
		return 1;
	}
	if (token_revoke(ctl->c, id, clock_unix(), &cause) != 0) {
		fprintf(stderr, "sanalctl: token revoke: %s\n", cause);
		free(cause);
		return 1;
	}
	printf("token %lld revoked\n", id);
	return 0;
}

int
ctl_token(struct ctl *ctl, int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "add") == 0)
		return ctl_token_add(ctl, argv[2]);
	if (argc == 3 && strcmp(argv[1], "revoke") == 0)
		return ctl_token_revoke(ctl, argv[2]);
	if (argc != 2 || strcmp(argv[1], "list") != 0)
		return ctl_token_usage();
	printf("%-6s %-24s %-8s %-20s %s\n", "id", "official", "role", "created",
	    "revoked");
	if (db_token_each(consult_db(ctl->c), ctl_token_row_cb, NULL) != 0) {
		fprintf(stderr, "sanalctl: cannot read the database\n");
		return 1;
	}
	return 0;
}
