/* SPDX-License-Identifier: ISC */
/* consult/ private: the handle and participants as the command handlers see them. */
#ifndef SANAL_CONSULT_INT_H
#define SANAL_CONSULT_INT_H

#include "common.h"
#include "consult.h"
#include "db.h"

struct analysis;

struct consult {
	struct db	*db;
	struct keyring	*kr;
	int		 dedupe_window;		/* seconds */
	struct analysis	*an;			/* NULL until consult_analysis_open */
};



/* participant.c */
struct participant {
	struct db_participant	 row;		/* row.id == 0 until stored */
	char			 phone[PHONE_MAX];
	unsigned char		 hash[HASH_LEN];
	char			 tag[9];	/* short keyed tag for logs */
};
/* Looks the number up; a number never seen gets defaults (mn, Cyrillic), unstored. */
int	 participant_load(struct consult *, const char *phone, struct participant *);
/* Stores a participant not stored yet; 0 or -1. */
int	 participant_store(struct consult *, struct participant *, int64_t now);
enum lang participant_lang(const struct participant *);
/* Erases a person (УСТГА, or the web's erase): see apply.c. 0 or -1. */
int	 participant_erase(struct consult *, struct participant *, int64_t now,
	    const char *channel);

/* web.c: a signed-in person by participant id. 0, DB_NONE, -1. */
int	 web_person(struct consult *, int64_t pid, struct participant *);

/* report_decision.c: the item's published decisions, into r (replacing any). 0 or -1. */
int	 report_decisions(struct consult *, struct report *r);
void	 report_decisions_free(struct report *r);	/* idempotent */

#endif
