/* SPDX-License-Identifier: ISC */
/*
 * The catalogue of citizen-facing messages: one row per key with the kind of
 * each argument. It is the contract between the code that replies (consult/)
 * and the bundles in locales/<lang>.txt: msg_init refuses to start when a bundle
 * lacks a key, and the length test fills every argument with the longest value
 * of its kind to prove each reply fits one SMS.
 */
#include <stddef.h>
#include <string.h>

#include "common.h"
#include "msg.h"

static const struct msgdef msg_table[] = {
	{ "help", 0, { 0 } },
	{ "vote_support", 1, { MSGARG_CODE } },
	{ "vote_oppose", 1, { MSGARG_CODE } },
	{ "sign_ok", 2, { MSGARG_CODE, MSGARG_COUNT } },
	{ "sign_again", 1, { MSGARG_CODE } },
	{ "petition_no_oppose", 1, { MSGARG_CODE } },
	{ "comment_ok", 1, { MSGARG_CODE } },
	{ "comment_article_ok", 2, { MSGARG_CODE, MSGARG_ARTICLE } },
	{ "item_usage", 1, { MSGARG_CODE } },
	{ "item_unknown", 1, { MSGARG_CODE } },
	{ "article_unknown", 2, { MSGARG_CODE, MSGARG_ARTICLE } },
	{ "item_closed", 1, { MSGARG_CODE } },
	{ "item_not_yet", 1, { MSGARG_CODE } },
	{ "list", 1, { MSGARG_CODES } },
	{ "list_empty", 0, { 0 } },
	{ "register_ok", 1, { MSGARG_PLACE } },
	{ "register_unknown", 0, { 0 } },
	{ "stop_ok", 0, { 0 } },
	{ "start_ok", 0, { 0 } },
	{ "my", 4, { MSGARG_LANG, MSGARG_PLACE, MSGARG_TALLY, MSGARG_TALLY } },
	{ "delete_ok", 0, { 0 } },
	{ "lang_ok", 1, { MSGARG_LANG } },
	{ "lang_usage", 0, { 0 } },
	{ "empty_text", 0, { 0 } },
	{ "too_long", 1, { MSGARG_COUNT } },
	{ "bad_text", 0, { 0 } },
	{ "unknown", 0, { 0 } },
	{ "u_lang", 0, { 0 } },
	{ "u_resume", 0, { 0 } },
	{ "u_main", 0, { 0 } },
	{ "u_wrong", 0, { 0 } },
	{ "u_no_item", 0, { 0 } },
	{ "u_not_open", 0, { 0 } },
	{ "u_too_long", 0, { 0 } },
	{ "u_bad_text", 0, { 0 } },
	{ "u_more", 0, { 0 } },
	{ "u_back", 0, { 0 } },
	{ "u_drafts", 0, { 0 } },
	{ "u_petitions", 0, { 0 } },
	{ "u_mine", 0, { 0 } },
	{ "u_none", 0, { 0 } },
	{ "u_draft_menu", 0, { 0 } },
	{ "u_until", 1, { MSGARG_DATE } },
	{ "u_closed_line", 0, { 0 } },
	{ "u_not_yet_line", 1, { MSGARG_DATE } },
	{ "u_page", 2, { MSGARG_TALLY, MSGARG_TALLY } },
	{ "u_next", 0, { 0 } },
	{ "u_vote_item", 0, { 0 } },
	{ "u_sign_item", 0, { 0 } },
	{ "u_by_sms", 0, { 0 } },
	{ "u_question_opts", 0, { 0 } },
	{ "u_choice_support", 0, { 0 } },
	{ "u_choice_oppose", 0, { 0 } },
	{ "u_confirm_opts", 0, { 0 } },
	{ "u_voted", 0, { 0 } },
	{ "u_comment_prompt", 0, { 0 } },
	{ "u_comment_confirm", 1, { MSGARG_EXCERPT } },
	{ "u_receipt_vote", 2, { MSGARG_RECEIPT, MSGARG_DATE } },
	{ "u_receipt_comment", 1, { MSGARG_RECEIPT } },
	{ "u_handoff", 0, { 0 } },
	{ "u_handoff_sms", 1, { MSGARG_TARGET } },
	{ "u_articles", 0, { 0 } },
	{ "u_art", 1, { MSGARG_ARTICLE } },
	{ "u_article_menu", 0, { 0 } },
	{ "u_signers", 2, { MSGARG_COUNT, MSGARG_COUNT } },
	{ "u_petition_menu", 0, { 0 } },
	{ "u_sign_confirm", 0, { 0 } },
	{ "u_receipt_sign", 2, { MSGARG_RECEIPT, MSGARG_COUNT } },
	{ "u_signed_before", 0, { 0 } },
	{ "u_my_support", 1, { MSGARG_TITLE } },
	{ "u_my_oppose", 1, { MSGARG_TITLE } },
	{ "u_my_signed", 1, { MSGARG_TITLE } },
	{ "u_regions", 0, { 0 } },
	{ "u_aimags", 0, { 0 } },
	{ "u_districts", 0, { 0 } },
	{ "u_soums", 0, { 0 } },
	{ "u_place_confirm", 0, { 0 } },
	{ "u_place_ok", 1, { MSGARG_PLACE } },
	{ "u_sent", 0, { 0 } },
	{ "u_bye", 0, { 0 } },
	{ "u_expired", 0, { 0 } },
	{ "u_dialback", 1, { MSGARG_SERVICE } },
};

/* Every message key; *n is set to their number. */
const struct msgdef *
msg_catalogue(size_t *n)
{
	if (n != NULL)
		*n = nitems(msg_table);
	return msg_table;
}

/* The row of key, or NULL if the catalogue has no such key. */
const struct msgdef *
msg_find(const char *key)
{
	size_t	 i;

	if (key == NULL)
		return NULL;
	for (i = 0; i < nitems(msg_table); i++) {
		if (strcmp(msg_table[i].key, key) == 0)
			return &msg_table[i];
	}
	return NULL;
}
