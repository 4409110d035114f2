/* SPDX-License-Identifier: ISC */
/*
 * Participants by phone number: the number is hashed with the secret key for
 * the look-up and sealed for storage; the clear number lives only in memory,
 * for as long as one message takes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consult_int.h"

int
participant_load(struct consult *c, const char *phone, struct participant *p)
{
	int	rc;

	memset(p, 0, sizeof *p);
	snprintf(p->phone, sizeof p->phone, "%s", phone);
	keyring_hash(c->kr, phone, p->hash);
	keyring_tag(p->hash, p->tag);
	rc = db_participant_find(c->db, p->hash, HASH_LEN, &p->row);
	if (rc == DB_NONE) {
		p->row.id = 0;
		strcpy(p->row.lang, "mn");
		strcpy(p->row.script, "cyr");
		return 0;
	}
	return rc;
}

int
participant_store(struct consult *c, struct participant *p, int64_t now)
{
	unsigned char	*enc;
	size_t		 len;
	int		 rc;

	if (p->row.id != 0)
		return 0;
	keyring_seal(c->kr, p->phone, &enc, &len);
	rc = db_participant_insert(c->db, p->hash, HASH_LEN, enc, len, &p->row, now);
	free(enc);
	return rc;
}

enum lang
participant_lang(const struct participant *p)
{
	enum lang	l;

	return lang_parse(p->row.lang, &l) == 0 ? l : LANG_MN;
}
