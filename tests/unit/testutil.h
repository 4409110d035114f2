/* SPDX-License-Identifier: ISC */
/* What several unit tests need: scratch directories, a lexicon fixture. */
#ifndef SANAL_TESTUTIL_H
#define SANAL_TESTUTIL_H

/* Makes $TMPDIR/name.XXXXXX (or under /tmp); NULL on failure. Free with testdir_remove. */
char	*testdir_make(const char *name);
/* Removes the directory and everything in it, then frees dir; 0 or -1. */
int	 testdir_remove(char *dir);

/* cmocka group fixtures: *state is a lexicon on hunspell-mn (setup fails without it). */
int	 testlex_setup(void **state);
int	 testlex_teardown(void **state);

#endif
