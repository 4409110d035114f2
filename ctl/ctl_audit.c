/* SPDX-License-Identifier: ISC */
/*
 * sanalctl audit verify: recomputes the audit trail's hash chain and names the
 * first row that was changed, removed or slipped in (exit 1), else prints how
 * many rows check out and the head hash. sanalctl audit head: the head alone,
 * to publish (open data does, daily) so that a rewritten history shows.
 */
#include <stdio.h>
#include <string.h>

#include "common.h"
#include "consult.h"
#include "ctl.h"
#include "db.h"

static void
ctl_audit_head(const struct audit_verdict *v)
{
	char	when[32];
	int	i;

	clock_format_ub(v->head_ts, when, sizeof when);
	printf("head row %lld at %s (Ulaanbaatar): ", (long long)v->rows, when);
	for (i = 0; i < HASH_LEN; i++)
		printf("%02x", v->head[i]);
	printf("\n");
}

int
ctl_audit(struct ctl *ctl, int argc, char **argv)
{
	struct audit_verdict	v;

	if (argc != 2 || (strcmp(argv[1], "verify") != 0 && strcmp(argv[1], "head") != 0)) {
		fprintf(stderr, "usage: sanalctl audit verify | head\n");
		return 2;
	}
	if (audit_verify(ctl->c, &v) != 0) {
		fprintf(stderr, "sanalctl: audit: %s\n", db_errmsg(consult_db(ctl->c)));
		return 1;
	}
	if (v.bad_id != 0) {
		printf("audit row %lld %s; rows 1 to %lld check out\n", (long long)v.bad_id,
		    v.what, (long long)v.rows);
		return 1;
	}
	if (strcmp(argv[1], "verify") == 0)
		printf("audit trail intact: %lld rows\n", (long long)v.rows);
	if (v.rows > 0)
		ctl_audit_head(&v);
	return 0;
}
