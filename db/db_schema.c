/* SPDX-License-Identifier: ISC */
/*
 * The schema, as numbered migrations applied in order inside one transaction;
 * PRAGMA user_version records how far a database has come. Append a migration,
 * never edit one that has shipped.
 *
 * Phone numbers never appear in clear: participant.phone_enc is a libsodium
 * secretbox, participant.phone_hash a keyed hash used for look-ups. Current
 * votes and signatures are one row per person and item; every change is also
 * appended to audit. Running totals (tally) are updated in the same transaction
 * as each vote so that reports never need a recount.
 */
#include "db_int.h"

const char *const db_migrations[] = {
	/* 1: the SMS spine */
	"CREATE TABLE item ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('consultation', 'petition')),"
	"  opens INTEGER NOT NULL,"
	"  closes INTEGER NOT NULL,"
	"  threshold INTEGER NOT NULL DEFAULT 0,"
	"  state TEXT NOT NULL DEFAULT 'auto' CHECK (state IN ('auto', 'open', 'closed')),"
	"  doc TEXT NOT NULL,"			/* the consultation file, as loaded (JSON) */
	"  created INTEGER NOT NULL);"
	"CREATE TABLE article ("
	"  id INTEGER PRIMARY KEY,"
	"  item_id INTEGER NOT NULL REFERENCES item(id),"
	"  number TEXT NOT NULL,"
	"  pos INTEGER NOT NULL,"
	"  UNIQUE (item_id, number));"
	"CREATE TABLE participant ("
	"  id INTEGER PRIMARY KEY,"
	"  phone_hash BLOB UNIQUE,"		/* NULL once erased */
	"  phone_enc BLOB,"			/* NULL once erased */
	"  lang TEXT NOT NULL DEFAULT 'mn',"
	"  script TEXT NOT NULL DEFAULT 'cyr' CHECK (script IN ('cyr', 'lat')),"
	"  aimag TEXT, soum TEXT,"
	"  opted_out INTEGER NOT NULL DEFAULT 0,"
	"  created INTEGER NOT NULL,"
	"  erased INTEGER);"
	"CREATE TABLE vote ("
	"  item_id INTEGER NOT NULL REFERENCES item(id),"
	"  participant_id INTEGER NOT NULL REFERENCES participant(id),"
	"  choice TEXT NOT NULL CHECK (choice IN ('support', 'oppose')),"
	"  channel TEXT NOT NULL,"
	"  ts INTEGER NOT NULL,"
	"  PRIMARY KEY (item_id, participant_id)) WITHOUT ROWID;"
	"CREATE TABLE signature ("
	"  item_id INTEGER NOT NULL REFERENCES item(id),"
	"  participant_id INTEGER NOT NULL REFERENCES participant(id),"
	"  channel TEXT NOT NULL,"
	"  ts INTEGER NOT NULL,"
	"  PRIMARY KEY (item_id, participant_id)) WITHOUT ROWID;"
	"CREATE TABLE comment ("
	"  id INTEGER PRIMARY KEY,"
	"  item_id INTEGER NOT NULL REFERENCES item(id),"
	"  article TEXT,"
	"  participant_id INTEGER NOT NULL REFERENCES participant(id),"
	"  channel TEXT NOT NULL,"
	"  text_raw TEXT NOT NULL,"
	"  text_norm TEXT NOT NULL,"		/* normalised Cyrillic */
	"  ts INTEGER NOT NULL,"
	"  script TEXT,"			/* cyr, lat, mixed */
	"  stance TEXT, topic TEXT,"		/* the classifier's labels, or NULL */
	"  confidence REAL,"
	"  review INTEGER NOT NULL DEFAULT 0,"	/* low confidence: for an official */
	"  fingerprint INTEGER,"		/* campaign_fingerprint() */
	"  campaign_id INTEGER,"		/* first comment of its campaign */
	"  analysed INTEGER NOT NULL DEFAULT 0);"	/* by sanalctl analyse */
	"CREATE INDEX comment_pending ON comment(id) WHERE analysed = 0;"
	"CREATE INDEX comment_item ON comment(item_id, article);"
	"CREATE INDEX comment_review ON comment(review) WHERE review = 1;"
	"CREATE TABLE comment_label ("		/* an official's labels feed training */
	"  comment_id INTEGER PRIMARY KEY REFERENCES comment(id),"
	"  stance TEXT NOT NULL, topic TEXT NOT NULL,"
	"  official TEXT NOT NULL,"
	"  ts INTEGER NOT NULL);"
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  ts INTEGER NOT NULL,"
	"  who_hash BLOB,"
	"  action TEXT NOT NULL,"		/* vote, sign, comment, register, erase, ... */
	"  item_code TEXT,"
	"  detail TEXT,"
	"  channel TEXT NOT NULL);"
	"CREATE TABLE mo ("
	"  id INTEGER PRIMARY KEY,"
	"  kannel_id TEXT UNIQUE,"		/* Kannel's %I: the idempotency key */
	"  phone_hash BLOB NOT NULL,"
	"  text_hash BLOB NOT NULL,"
	"  text TEXT NOT NULL,"
	"  smsc TEXT,"
	"  received INTEGER NOT NULL,"
	"  command TEXT NOT NULL,"
	"  reply TEXT NOT NULL);"
	"CREATE INDEX mo_dedupe ON mo(phone_hash, text_hash, received) "
	"  WHERE kannel_id IS NULL;"		/* only MOs without an id need it */
	"CREATE TABLE outbox ("
	"  id INTEGER PRIMARY KEY,"
	"  participant_id INTEGER REFERENCES participant(id),"
	"  phone_enc BLOB NOT NULL,"
	"  text TEXT NOT NULL,"
	"  kind TEXT NOT NULL DEFAULT 'notify',"
	"  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'delivered', 'failed')),"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  next_at INTEGER NOT NULL,"
	"  created INTEGER NOT NULL,"
	"  sent_at INTEGER,"
	"  last_error TEXT,"
	"  dlr_status INTEGER,"
	"  dlr_at INTEGER);"
	"CREATE INDEX outbox_due ON outbox(state, next_at);"
	"CREATE TABLE tally ("			/* running totals, kept in the vote's transaction */
	"  item_id INTEGER NOT NULL,"
	"  what TEXT NOT NULL,"			/* support, oppose, signature, comment */
	"  channel TEXT NOT NULL,"
	"  aimag TEXT NOT NULL DEFAULT '',"
	"  n INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (item_id, what, channel, aimag)) WITHOUT ROWID;",
	/* 2: USSD */
	"CREATE TABLE ussd_session ("		/* one per phone: a redial resumes */
	"  phone_hash BLOB PRIMARY KEY,"
	"  session TEXT NOT NULL,"		/* the door's id: aggregator sessionId, SMPP its_session_info */
	"  service TEXT NOT NULL,"		/* the code dialled, for the dial-back SMS */
	"  seen TEXT NOT NULL,"			/* aggregator: text so far; SMPP: Kannel id */
	"  stack TEXT NOT NULL,"		/* the menu path (consult/ussd.c) */
	"  draft TEXT,"				/* a comment typed, not yet confirmed */
	"  reply TEXT NOT NULL,"		/* the last screen, for replays */
	"  screen TEXT NOT NULL DEFAULT '',"	/* its id */
	"  ended INTEGER NOT NULL DEFAULT 0,"	/* 1 once an END screen went out */
	"  timed_out INTEGER NOT NULL DEFAULT 0,"
	"  dialback INTEGER NOT NULL DEFAULT 0,"	/* 1 once this flow got its SMS */
	"  updated INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE INDEX ussd_idle ON ussd_session(updated) WHERE ended = 0 AND timed_out = 0;"
	"CREATE TABLE article_vote ("		/* per-article votes (USSD, web): last wins */
	"  item_id INTEGER NOT NULL REFERENCES item(id),"
	"  article TEXT NOT NULL,"
	"  participant_id INTEGER NOT NULL REFERENCES participant(id),"
	"  choice TEXT NOT NULL CHECK (choice IN ('support', 'oppose')),"
	"  channel TEXT NOT NULL,"
	"  ts INTEGER NOT NULL,"
	"  PRIMARY KEY (item_id, article, participant_id)) WITHOUT ROWID;",
	/* 3: the web: sign-in codes and sessions */
	"CREATE TABLE login_code ("		/* one per code sent; never the code itself */
	"  id INTEGER PRIMARY KEY,"
	"  phone_hash BLOB NOT NULL,"
	"  phone_enc BLOB NOT NULL,"		/* to sign the person in (sealed); X'' once used */
	"  cookie_hash BLOB NOT NULL,"		/* the browser that asked */
	"  ip_hash BLOB NOT NULL,"		/* keyed: limits per address, no address kept */
	"  code_hash BLOB NOT NULL,"
	"  masked TEXT NOT NULL,"		/* '99** **33', shown on the code page */
	"  return_to TEXT,"			/* the page to go back to */
	"  outbox_id INTEGER,"			/* the SMS that carried it */
	"  created INTEGER NOT NULL,"
	"  expires INTEGER NOT NULL,"
	"  tries INTEGER NOT NULL DEFAULT 0,"
	"  used INTEGER NOT NULL DEFAULT 0);"	/* 1: used, voided by a newer one, or tried out */
	"CREATE INDEX login_code_phone ON login_code(phone_hash, created);"
	"CREATE INDEX login_code_cookie ON login_code(cookie_hash, created);"
	"CREATE INDEX login_code_ip ON login_code(ip_hash, created);"
	"CREATE TABLE web_session ("
	"  token_hash BLOB PRIMARY KEY,"
	"  participant_id INTEGER NOT NULL REFERENCES participant(id),"
	"  created INTEGER NOT NULL,"
	"  seen INTEGER NOT NULL) WITHOUT ROWID;",
	/* 4: a tamper-evident audit trail (db_audit.c) */
	"ALTER TABLE audit ADD COLUMN hash BLOB;"	/* chained to the row before */
	"CREATE TABLE meta ("				/* facts about the database */
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE decision ("			/* you said, we did */
	"  item_id INTEGER NOT NULL REFERENCES item(id),"
	"  article TEXT NOT NULL DEFAULT '',"		/* '' for the whole item */
	"  outcome TEXT NOT NULL CHECK (outcome IN ('adopted', 'changed', 'not_adopted')),"
	"  reason TEXT NOT NULL,"
	"  official TEXT NOT NULL,"
	"  ts INTEGER NOT NULL,"
	"  PRIMARY KEY (item_id, article)) WITHOUT ROWID;"
	"CREATE INDEX vote_participant ON vote(participant_id);"	/* МИНИЙ, УСТГА, */
	"CREATE INDEX article_vote_participant ON article_vote(participant_id);"
	"CREATE INDEX signature_participant ON signature(participant_id);"	/* /me, */
	"CREATE INDEX comment_participant ON comment(participant_id);"	/* БҮРТГЭЛ */
	"CREATE TABLE audit_head ("			/* published in open data, daily */
	"  day TEXT PRIMARY KEY,"			/* YYYY-MM-DD, Ulaanbaatar */
	"  row INTEGER NOT NULL,"
	"  hash BLOB NOT NULL,"
	"  ts INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE official ("			/* who may read and act (db_official.c) */
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  role TEXT NOT NULL CHECK (role IN ('viewer','analyst','admin')),"
	"  password_hash TEXT NOT NULL,"		/* argon2id, crypto_pwhash_str */
	"  created INTEGER NOT NULL,"
	"  disabled INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE api_token ("			/* bearer tokens; never the token */
	"  id INTEGER PRIMARY KEY,"
	"  official_id INTEGER NOT NULL REFERENCES official(id),"
	"  token_hash BLOB NOT NULL UNIQUE,"		/* keyed hash of the token */
	"  created INTEGER NOT NULL,"
	"  revoked INTEGER);",				/* when, or NULL */
};
const int db_nmigrations = (int)(sizeof db_migrations / sizeof db_migrations[0]);
