/* SPDX-License-Identifier: ISC */
/* Scratch directories for unit tests: made fresh, removed whole. */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>

#include "common.h"
#include "testdir.h"

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
