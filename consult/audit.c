/* SPDX-License-Identifier: ISC */
/*
 * Checking the audit trail: every row's hash is recomputed from its content
 * and the row before; the first row that does not match is named, with what
 * most likely happened to it (changed, removed before it, or slipped in).
 */
#include <stdio.h>
#include <string.h>

#include "consult_int.h"

struct verify {
	struct consult		*c;
	struct audit_verdict	*v;
	unsigned char		 prev[HASH_LEN];
	int			 have_prev;
};

static int
audit_verify_cb(const struct db_audit_row *r, const unsigned char *hash, size_t len,
    void *arg)
{
	struct verify		*s = arg;
	struct audit_verdict	*v = s->v;
	unsigned char		 want[HASH_LEN];

	if (r->id != v->rows + 1) {
		v->bad_id = v->rows + 1;
		snprintf(v->what, sizeof v->what, r->id > v->rows + 1 ?
		    "removed (the next row is %lld)" : "out of order (then row %lld)",
		    (long long)r->id);
		return 1;
	}
	if (len != HASH_LEN) {
		v->bad_id = r->id;
		snprintf(v->what, sizeof v->what, "has no hash: written outside sanald");
		return 1;
	}
	db_audit_hash(s->c->db, r, s->have_prev ? s->prev : NULL, want);
	if (!keyring_equal(want, hash, HASH_LEN)) {
		v->bad_id = r->id;
		snprintf(v->what, sizeof v->what, "was changed, or slipped in");
		return 1;
	}
	memcpy(s->prev, hash, HASH_LEN);
	s->have_prev = 1;
	v->rows++;
	v->head_ts = r->ts;
	memcpy(v->head, hash, HASH_LEN);
	return 0;
}

int
audit_verify(struct consult *c, struct audit_verdict *v)
{
	struct verify	s;

	memset(v, 0, sizeof *v);
	memset(&s, 0, sizeof s);
	s.c = c;
	s.v = v;
	return db_audit_each(c->db, audit_verify_cb, &s);
}
