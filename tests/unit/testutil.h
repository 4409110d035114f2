/* SPDX-License-Identifier: ISC */
/* What several unit tests need: scratch directories, lexicon and message fixtures. */
#ifndef SANAL_TESTUTIL_H
#define SANAL_TESTUTIL_H

/* Makes $TMPDIR/name.XXXXXX (or under /tmp); NULL on failure. Free with testdir_remove. */
char	*testdir_make(const char *name);
/* Removes the directory and everything in it, then frees dir; 0 or -1. */
int	 testdir_remove(char *dir);

/* cmocka group fixtures: *state is a lexicon on hunspell-mn (setup fails without it). */
int	 testlex_setup(void **state);
int	 testlex_teardown(void **state);

/* cmocka group fixtures: the message bundles ($SANAL_LOCALEDIR), for tests that reply. */
int	 testmsg_setup(void **state);
int	 testmsg_teardown(void **state);

#endif
