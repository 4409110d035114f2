/* SPDX-License-Identifier: ISC */
/*
 * Replies in the participant's language and in the script they wrote in: a
 * citizen who typed Latin gets Latin (MNS, then ASCII) so the reply stays in
 * GSM-7 and costs one 160-character SMS instead of a 70-character one.
 *
 * The same few replies go out again and again ("12: vote recorded"), and ICU
 * formatting plus transliteration is the costliest step of a message, so
 * rendered replies are kept in a small direct-mapped cache keyed by language,
 * script, key and arguments. The cache belongs to the thread that handles
 * messages (sanald's loop).
 */
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "consult_int.h"

#define REPLY_CACHE	512

static struct {
	char	*id;		/* lang, script, key and arguments */
	char	*text;
} reply_cache[REPLY_CACHE];

/* The cache key for one reply. Caller frees. */
static char *
reply_id(enum lang lang, int latin, const char *key, const char *const *args,
    size_t nargs)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	buf_addf(&b, "%d%d%s", (int)lang, latin, key);
	for (i = 0; i < nargs; i++)
		buf_addf(&b, "\x1f%s", args[i]);
	return buf_steal(&b);
}

/* FNV-1a, for the cache slot. */
static size_t
reply_slot(const char *id)
{
	uint32_t	h = 2166136261u;

	for (; *id != '\0'; id++)
		h = (h ^ (unsigned char)*id) * 16777619u;
	return h % REPLY_CACHE;
}

/* Formats and, for Latin writers, romanises one reply. Caller frees. */
static char *
reply_format(enum lang lang, int latin, const char *key, const char *const *args,
    size_t nargs)
{
	char	*text, *roman;

	if ((text = msg_render(lang, key, args, nargs)) == NULL)
		fatal("reply: no message \"%s\" in the bundles", key);
	if (!latin || lang == LANG_EN)
		return text;
	if ((roman = romanise_text(text)) == NULL)
		return text;		/* ICU failed: Cyrillic beats nothing */
	free(text);
	return roman;
}

char *
reply_render(enum lang lang, int latin, const char *key, const char *const *args,
    size_t nargs)
{
	char	*id = reply_id(lang, latin, key, args, nargs);
	size_t	 slot = reply_slot(id);

	if (reply_cache[slot].id == NULL || strcmp(reply_cache[slot].id, id) != 0) {
		free(reply_cache[slot].id);
		free(reply_cache[slot].text);
		reply_cache[slot].text = reply_format(lang, latin, key, args, nargs);
		reply_cache[slot].id = id;
	} else
		free(id);
	return xstrdup(reply_cache[slot].text);
}

void
reply_cache_clear(void)
{
	size_t	i;

	for (i = 0; i < REPLY_CACHE; i++) {
		free(reply_cache[i].id);
		free(reply_cache[i].text);
		reply_cache[i].id = reply_cache[i].text = NULL;
	}
}
