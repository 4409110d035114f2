/* SPDX-License-Identifier: ISC */
/* What several unit tests need: scratch directories, lexicon and message fixtures. */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>

#include "analytics.h"
#include "common.h"
#include "consult.h"
#include "msg.h"
#include "testutil.h"

char *
testdir_make(const char *name)
{
	const char	*tmp = getenv("TMPDIR");
	char		*dir;

	dir = xasprintf("%s/%s.XXXXXX", tmp != NULL && *tmp != '\0' ? tmp : "/tmp",
	    name);
	if (mkdtemp(dir) == NULL) {
		free(dir);
		return NULL;
	}
	return dir;
}

/* Removes one entry; nftw calls it children first (FTW_DEPTH). */
static int
testdir_unlink_cb(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb;
	(void)type;
	(void)ftw;
	return remove(path);
}

int
testdir_remove(char *dir)
{
	int	rc = nftw(dir, testdir_unlink_cb, 16, FTW_DEPTH | FTW_PHYS);

	free(dir);
	return rc == 0 ? 0 : -1;
}

int
testlex_setup(void **state)
{
	struct lexicon	*lex = NULL;
	char		*cause;

	if (lexicon_open(NULL, &lex, &cause) != 0) {
		fprintf(stderr, "no hunspell-mn: %s\n", cause);
		free(cause);
		return -1;
	}
	*state = lex;
	return 0;
}

int
testlex_teardown(void **state)
{
	lexicon_free(*state);
	return 0;
}

int
testmsg_setup(void **state)
{
	char	*cause = NULL;

	(void)state;
	if (msg_init(NULL, &cause) != 0) {
		fprintf(stderr, "msg_init (set SANAL_LOCALEDIR): %s\n", cause);
		free(cause);
		return -1;
	}
	return 0;
}

int
testmsg_teardown(void **state)
{
	(void)state;
	reply_cache_clear();
	msg_shutdown();
	romanise_shutdown();
	return 0;
}
