/* SPDX-License-Identifier: ISC */
/*
 * sanalctl: administration without the network. Opens the same database and
 * key file as sanald (-d DB, default ./var/sanal.db; the key is DB.key) and
 * runs one command from the table below.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"
#include "consult.h"
#include "ctl.h"
#include "gateway.h"

static int	ctl_init(struct ctl *, int, char **);

static const struct ctl_entry {
	const char	*name;
	const char	*usage;
	int		 opens_db;
	int		(*fn)(struct ctl *, int, char **);
} ctl_table[] = {
	{ "init", "init", 0, ctl_init },
	{ "consultation", "consultation add FILE.json | list | open CODE | close CODE"
	    " | auto CODE", 1, ctl_consultation },
	{ "report", "report CODE [--format json|csv|text|html|xlsx] [--section NAME]"
	    " [--lang L] [--out FILE] [--bom] [--public] [--recount] [--soums]",
	    1, ctl_report },
	{ "notify", "notify CODE --text TEXT", 1, ctl_notify },
	{ "audit", "audit verify | head", 1, ctl_audit },
	{ "decision", "decision add CODE [--article N] --outcome O --reason TEXT --by NAME"
	    " | list CODE | notify CODE [--yes]", 1, ctl_decision },
	{ "official", "official add NAME --role viewer|analyst|admin [--phone NUMBER]"
	    " | phone NAME NUMBER | disable NAME | enable NAME | list", 1, ctl_official },
	{ "token", "token add NAME | list | revoke ID", 1, ctl_token },
	{ "analyse", "analyse [--follow] [--model FILE] [--batch N]", 1, ctl_analyse },
	{ "review", "review [--limit N]", 1, ctl_review },
	{ "label", "label ID --stance S --topic T --by NAME", 1, ctl_label },
	{ "labels", "labels > FILE.tsv", 1, ctl_labels },
	{ "quote", "quote CODE [--per N] | approve ID --by NAME [--text T]"
	    " | withdraw ID --by NAME", 1, ctl_quote },
	{ "translit", "translit < LINES", 0, ctl_translit },
	{ "classify", "classify [--model FILE] < LINES", 0, ctl_classify },
	{ "train", "train --data FILE.tsv [--out MODEL] [--cv K]", 0, ctl_train },
	{ "eval", "eval --data FILE.tsv [--cv K]", 0, ctl_eval },
};

static void __attribute__((noreturn))
usage(void)
{
	size_t	i;

	fprintf(stderr, "usage: sanalctl [-d database] [-c config] command ...\n");
	for (i = 0; i < nitems(ctl_table); i++)
		fprintf(stderr, "       sanalctl %s\n", ctl_table[i].usage);
	exit(2);
}

/* Makes the directory that will hold the database, if missing. */
static void
ctl_mkdir_for(const char *path)
{
	char	*dir = xstrdup(path), *slash = strrchr(dir, '/');

	if (slash != NULL && slash != dir) {
		*slash = '\0';
		if (mkdir(dir, 0750) != 0 && errno != EEXIST)
			fatal("%s: %s", dir, strerror(errno));
	}
	free(dir);
}

/* init: creates the database and its key file; safe to run twice. */
static int
ctl_init(struct ctl *ctl, int argc, char **argv)
{
	char	*cause;
	int	 existed = access(ctl->dbpath, F_OK) == 0;

	(void)argv;
	if (argc != 1)
		usage();
	ctl_mkdir_for(ctl->dbpath);
	if (consult_open(ctl->dbpath, 1, &ctl->c, &cause) != 0) {
		fprintf(stderr, "sanalctl: %s\n", cause);
		free(cause);
		return 1;
	}
	printf("%s %s (key %s.key)\n", existed ? "database up to date:" :
	    "created", ctl->dbpath, ctl->dbpath);
	return 0;
}

/* The database named by a sanald config file (the same parser sanald uses). */
static char *
ctl_config_database(const char *path)
{
	struct config	 cf;
	char		*cause, *db;

	config_defaults(&cf);
	if (config_load(&cf, path, &cause) != 0)
		fatal("%s", cause);
	db = xstrdup(cf.database);
	config_free(&cf);
	return db;
}

int
main(int argc, char **argv)
{
	struct ctl	 ctl = { "./var/sanal.db", NULL };
	char		*cause, *fromconf = NULL;
	const char	*dbflag = NULL;
	size_t		 i;
	int		 ch, rc;

	log_init("sanalctl", LOG_WARN);
	umask(077);		/* the database holds personal data */
	while ((ch = getopt(argc, argv, "+d:c:")) != -1) {
		if (ch == 'd')
			dbflag = optarg;
		else if (ch == 'c')
			fromconf = ctl_config_database(optarg);
		else
			usage();
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();
	ctl.dbpath = dbflag ? dbflag : fromconf ? fromconf : ctl.dbpath;
	for (i = 0; i < nitems(ctl_table); i++) {
		if (strcmp(ctl_table[i].name, argv[0]) == 0)
			break;
	}
	if (i == nitems(ctl_table))
		usage();
	if (ctl_table[i].opens_db && consult_open(ctl.dbpath, 0, &ctl.c, &cause) != 0) {
		fprintf(stderr, "sanalctl: %s\n", cause);
		return 1;
	}
	rc = ctl_table[i].fn(&ctl, argc, argv);
	consult_close(ctl.c);
	free(fromconf);
	return rc;
}
