/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for gateway/config.c: the defaults, a file with comments, quotes
 * and odd spacing, errors as "file:line: reason" naming the key, command-line
 * overrides, and config_free releasing every string (under --enable-asan the
 * leak checker runs at exit and fails the test on a leak).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "common.h"
#include "gateway.h"
#include "testutil.h"

struct fixture {
	char	*dir;
	char	*path;
};

static int
setup(void **state)
{
	struct fixture	*f = xcalloc(1, sizeof *f);

	if ((f->dir = testdir_make("test_config")) == NULL)
		return -1;
	f->path = xasprintf("%s/sanald.conf", f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	testdir_remove(f->dir);
	free(f->path);
	free(f);
	return 0;
}

/* Writes text to the fixture's config file. */
static void
write_conf(struct fixture *f, const char *text)
{
	FILE	*fp = fopen(f->path, "w");

	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

/* Every default, as sanald.conf(5) would list it. */
static void
test_config_defaults(void **state)
{
	struct config	cf;

	(void)state;
	memset(&cf, 0xa5, sizeof cf);
	config_defaults(&cf);
	assert_string_equal(cf.listen, "127.0.0.1:8080");
	assert_string_equal(cf.database, "./var/sanal.db");
	assert_string_equal(cf.kannel_key, "");
	assert_string_equal(cf.sendsms_url, "");
	assert_string_equal(cf.sendsms_user, "");
	assert_string_equal(cf.sendsms_password, "");
	assert_string_equal(cf.sender, "1234");
	assert_string_equal(cf.dlr_url, "");
	assert_int_equal(cf.dedupe_window, 120);
	assert_int_equal(cf.log_level, 1);
	assert_int_equal(cf.busy_ms, 50);
	assert_int_equal(cf.max_body, 65536);
	assert_int_equal(cf.outbox_parallel, 8);
	config_free(&cf);
}

/* Comments, blank lines, spaces and tabs around "=", quotes; later lines win. */
static void
test_config_load(void **state)
{
	struct fixture	*f = *state;
	struct config	 cf;
	char		*cause = NULL;

	write_conf(f,
	    "# sanald.conf\n"
	    "\n"
	    "   \t\n"
	    "listen = 0.0.0.0:9090\n"
	    "  database\t=\t/var/lib/sanal/sanal.db   # trailing comment\n"
	    "kannel_key=s3cret\n"
	    "sendsms_url = \"http://127.0.0.1:13013/cgi-bin/sendsms\"\n"
	    "sendsms_user = \"  spaced user  \"\n"
	    "sendsms_password = \"pa#ss\"   # a hash inside quotes is not a comment\n"
	    "sender = \"\"\n"
	    "dlr_url = \"unbalanced\n"
	    "dedupe_window = 300\n"
	    "log_level = 0\n"
	    "busy_ms = 10000\n"
	    "max_body = 1024\n"
	    "outbox_parallel = 1\n"
	    "outbox_parallel = 256\n"
	    "listen = 127.0.0.1:8181\n"
	    "# listen = ignored:1\n");
	config_defaults(&cf);
	if (config_load(&cf, f->path, &cause) != 0)
		fail_msg("%s", cause);
	assert_string_equal(cf.listen, "127.0.0.1:8181");
	assert_string_equal(cf.database, "/var/lib/sanal/sanal.db");
	assert_string_equal(cf.kannel_key, "s3cret");
	assert_string_equal(cf.sendsms_url, "http://127.0.0.1:13013/cgi-bin/sendsms");
	assert_string_equal(cf.sendsms_user, "  spaced user  ");
	assert_string_equal(cf.sendsms_password, "pa#ss");
	assert_string_equal(cf.sender, "");
	assert_string_equal(cf.dlr_url, "\"unbalanced");
	assert_int_equal(cf.dedupe_window, 300);
	assert_int_equal(cf.log_level, 0);
	assert_int_equal(cf.busy_ms, 10000);
	assert_int_equal(cf.max_body, 1024);
	assert_int_equal(cf.outbox_parallel, 256);
	config_free(&cf);
}

/* Bad files: each cause is "file:line: reason", and the reason names the key. */
static void
test_config_errors(void **state)
{
	static const struct {
		const char	*text;
		int		 line;
		const char	*reason;
	} cases[] = {
		{ "listen = x\nlisten_addr = 1\n", 2, "unknown key \"listen_addr\"" },
		{ "# c\n\nDatabase = x\n", 3, "unknown key \"Database\"" },
		{ "just words\n", 1, "expected key = value" },
		{ "dedupe_window = abc\n", 1, "dedupe_window: \"abc\" is not a number" },
		{ "dedupe_window = 12abc\n", 1, "dedupe_window: \"12abc\"" },
		{ "dedupe_window =\n", 1, "dedupe_window: \"\"" },
		{ "dedupe_window = 86401\n", 1,
		    "dedupe_window: \"86401\" is not a number from 0 to 86400" },
		{ "log_level = -1\n", 1, "log_level: \"-1\"" },
		{ "log_level = 4\n", 1, "log_level: \"4\"" },
		{ "busy_ms = 1.5\n", 1, "busy_ms: \"1.5\"" },
		{ "max_body = 1023\n", 1, "max_body: \"1023\" is not a number from 1024" },
		{ "max_body = 99999999999999999999\n", 1, "max_body:" },
		{ "outbox_parallel = 0\n", 1, "outbox_parallel: \"0\"" },
		{ "x\n", 1, "expected key = value" },
		{ "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk = 1\n", 1, "expected" },
		{ "log_level = 2\n\n\n\n\n\n\n\n\n\nnope = 1\n", 11, "unknown key" },
	};
	struct fixture	*f = *state;
	struct config	 cf;
	char		*cause, *want;
	size_t		 i;

	for (i = 0; i < nitems(cases); i++) {
		write_conf(f, cases[i].text);
		config_defaults(&cf);
		cause = NULL;
		if (config_load(&cf, f->path, &cause) != -1)
			fail_msg("case %zu loaded", i);
		want = xasprintf("%s:%d: %s", f->path, cases[i].line, cases[i].reason);
		if (cause == NULL || strncmp(cause, want, strlen(want)) != 0)
			fail_msg("case %zu: \"%s\", want \"%s...\"", i, cause, want);
		free(want);
		free(cause);
		config_free(&cf);
	}
}

/* A file that cannot be opened names the file and the reason. */
static void
test_config_missing(void **state)
{
	struct fixture	*f = *state;
	struct config	 cf;
	char		*cause = NULL;

	config_defaults(&cf);
	assert_int_equal(config_load(&cf, f->path, &cause), -1);
	assert_non_null(strstr(cause, f->path));
	assert_non_null(strstr(cause, "No such file"));
	assert_string_equal(cf.listen, "127.0.0.1:8080");
	free(cause);
	config_free(&cf);
}

/* config_set is how command-line flags override the file. */
static void
test_config_set(void **state)
{
	struct fixture	*f = *state;
	struct config	 cf;
	char		*cause = NULL;

	write_conf(f, "listen = 0.0.0.0:9090\ndedupe_window = 60\n");
	config_defaults(&cf);
	assert_int_equal(config_load(&cf, f->path, &cause), 0);
	assert_int_equal(config_set(&cf, "listen", "127.0.0.1:1", &cause), 0);
	assert_int_equal(config_set(&cf, "dedupe_window", "0", &cause), 0);
	assert_int_equal(config_set(&cf, "max_body", "16777216", &cause), 0);
	assert_int_equal(config_set(&cf, "sendsms_password", "", &cause), 0);
	assert_string_equal(cf.listen, "127.0.0.1:1");
	assert_int_equal(cf.dedupe_window, 0);
	assert_int_equal(cf.max_body, 16777216);
	assert_string_equal(cf.sendsms_password, "");

	assert_int_equal(config_set(&cf, "nosuch", "1", &cause), -1);
	assert_string_equal(cause, "unknown key \"nosuch\"");
	free(cause);
	assert_int_equal(config_set(&cf, "busy_ms", "lots", &cause), -1);
	assert_non_null(strstr(cause, "busy_ms"));
	free(cause);
	assert_int_equal(cf.busy_ms, 50);		/* unchanged by the failure */
	config_free(&cf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_defaults),
		cmocka_unit_test_setup_teardown(test_config_load, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_set, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
