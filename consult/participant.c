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

/*
 * Erasure: the number, the place, queued messages, USSD and web sessions and
 * sign-in codes go;
 * votes stay counted. Earlier messages are unlinked from the number, and the
 * audit trail keeps every action linked to one random pseudonym instead of
 * the number's hash.
 */
int
participant_erase(struct consult *c, struct participant *p, int64_t now,
    const char *channel)
{
	unsigned char	pseudonym[HASH_LEN];

	keyring_random(pseudonym, sizeof pseudonym);
	if (db_audit(c->db, now, p->hash, HASH_LEN, "erase", NULL, NULL, channel) != 0 ||
	    db_participant_erase(c->db, p->row.id, now) != 0 ||
	    db_ussd_forget(c->db, p->hash) != 0 ||
	    db_session_delete(c->db, DB_SESSION_WEB, NULL, p->row.id) != 0 ||
	    db_code_forget(c->db, p->hash, 0) != 0 ||
	    db_mo_unlink(c->db, p->hash) != 0 ||
	    db_audit_pseudonymise(c->db, p->hash, HASH_LEN, pseudonym) != 0)
		return -1;
	return 0;
}
