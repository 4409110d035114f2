/* SPDX-License-Identifier: ISC */
/* Scratch directories for unit tests. */
#ifndef SANAL_TESTDIR_H
#define SANAL_TESTDIR_H

/* Makes $TMPDIR/name.XXXXXX (or under /tmp); NULL on failure. Free with testdir_remove. */
char	*testdir_make(const char *name);
/* Removes the directory and everything in it, then frees dir; 0 or -1. */
int	 testdir_remove(char *dir);

#endif
