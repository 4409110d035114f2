/* SPDX-License-Identifier: ISC */
/*
 * Replies in the participant's language and in the script they wrote in: a
 * citizen who typed Latin gets Latin (MNS, then ASCII) so the reply stays in
 * GSM-7 and costs one 160-character SMS instead of a 70-character one.
 */
#include <stdlib.h>

#include "analytics.h"
#include "consult_int.h"

char *
reply_render(enum lang lang, int latin, const char *key, const char *const *args,
    size_t nargs)
{
	char	*text, *roman;

	if ((text = msg_render(lang, key, args, nargs)) == NULL)
		fatal("reply: no message \"%s\" in the bundles", key);
	if (!latin || lang == LANG_EN)
		return text;
	roman = romanise_text(text);
	free(text);
	return roman;
}
