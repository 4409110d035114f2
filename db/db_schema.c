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

/*
 * Migration 5's triggers keep the reports' running totals (db_report.c) in
 * the transaction of every change to vote, article_vote, signature, comment
 * and comment_label, whoever makes it: SMS, USSD, web, erasure (which keeps
 * the rows), analysis, officials' labels. Columns the totals are keyed on
 * are fixed once written; a delete takes a row out of every total, the C-kept
 * tally included. Days are Ulaanbaatar's (UTC+8, no daylight saving),
 * numbered from 1970-01-01.
 */
#define UB_DAY(ts)	"((" ts ") + 28800) / 86400"
/*
 * 1 if row r's participant has no other row on its item in vote,
 * signature, article_vote and comment than those the conditions v, s, a, c
 * leave out ("0": the table holds only r's row; "1": none is r).
 */
#define PERSON_ALONE(r, v, s, a, c) \
	"NOT EXISTS (SELECT 1 FROM vote WHERE item_id = " r ".item_id AND" \
	" participant_id = " r ".participant_id AND " v ") AND NOT EXISTS" \
	" (SELECT 1 FROM signature WHERE item_id = " r ".item_id AND" \
	" participant_id = " r ".participant_id AND " s ") AND NOT EXISTS" \
	" (SELECT 1 FROM article_vote WHERE participant_id = " r ".participant_id" \
	" AND +item_id = " r ".item_id AND " a ") AND NOT EXISTS (SELECT 1 FROM" \
	" comment WHERE participant_id = " r ".participant_id AND +item_id = " r \
	".item_id AND " c ")"
/* Row r was its participant's first on the item (insert) or last (delete). */
#define PERSON_IN(r, v, s, a, c) \
	"UPDATE tally_item SET participants = participants + 1 WHERE item_id = " \
	r ".item_id AND " PERSON_ALONE(r, v, s, a, c) ";"
#define PERSON_OUT(r) \
	"UPDATE tally_item SET participants = participants - 1 WHERE item_id = " \
	r ".item_id AND " PERSON_ALONE(r, "1", "1", "1", "1") ";"
/* Adds d to column col of item i on the day of ts. */
#define DAY_ADD(col, i, ts, d) \
	"INSERT INTO tally_day (item_id, day, " col ") VALUES (" i ", " UB_DAY(ts) \
	", " d ") ON CONFLICT (item_id, day) DO UPDATE SET " col " = " col \
	" + excluded." col ";"
/* Adds d to the article's support or oppose, as article_vote row r says. */
#define ARTICLE_ADD(r, d) \
	"INSERT INTO tally_article (item_id, article, support, oppose) VALUES (" \
	r ".item_id, " r ".article, " d " * (" r ".choice = 'support'), " d \
	" * (" r ".choice = 'oppose')) ON CONFLICT (item_id, article) DO UPDATE" \
	" SET support = support + excluded.support, oppose = oppose + excluded.oppose;"
#define CELL_UPSERT \
	" ON CONFLICT (item_id, article, stance, topic) DO UPDATE SET" \
	" n = n + excluded.n, human = human + excluded.human," \
	" campaign = campaign + excluded.campaign;"
#define CELL_INSERT \
	"INSERT INTO tally_cell (item_id, article, stance, topic, n, human, campaign)"
/* Adds d to the cell of comment row r (new or old): its label wins. */
#define CELL_ROW(r, d) \
	CELL_INSERT " SELECT " r ".item_id, coalesce(" r ".article, ''), coalesce(" \
	"l.stance, " r ".stance, ''), coalesce(l.topic, " r ".topic, ''), " d ", " \
	d " * (l.comment_id IS NOT NULL), " d " * coalesce(" r ".campaign_id != " \
	r ".id, 0) FROM (SELECT 1) LEFT JOIN comment_label l ON l.comment_id = " \
	r ".id WHERE true" CELL_UPSERT
/* Adds a new comment to its cell (no label can name it yet). */
#define CELL_NEW \
	CELL_INSERT " VALUES (new.item_id, coalesce(new.article, ''), coalesce(" \
	"new.stance, ''), coalesce(new.topic, ''), 1, 0, coalesce(new.campaign_id" \
	" != new.id, 0))" CELL_UPSERT
/* Adds d to the cell of comment id under this stance and topic (human: 0, 1). */
#define CELL_OF(id, stance, topic, d, human) \
	CELL_INSERT " SELECT c.item_id, coalesce(c.article, ''), " stance ", " \
	topic ", " d ", " d " * " human ", " d " * coalesce(c.campaign_id != c.id, 0)" \
	" FROM comment c WHERE c.id = " id CELL_UPSERT
/*
 * Adds d to the campaign of comment row r if it is a copy (campaign_id !=
 * id): copies, first and last seen, channels, and copies per aimag (the
 * author's, moved with them by participant_tally_aimag).
 */
#define CAMPAIGN_ADD(r, d) \
	"INSERT INTO tally_campaign (item_id, campaign_id, copies, first, last, sms," \
	" ussd, web) SELECT " r ".item_id, " r ".campaign_id, " d ", " r ".ts, " r \
	".ts, " d " * (" r ".channel = 'sms'), " d " * (" r ".channel = 'ussd'), " \
	d " * (" r ".channel = 'web') WHERE " r ".campaign_id != " r ".id" \
	" ON CONFLICT (item_id, campaign_id) DO UPDATE SET copies = copies +" \
	" excluded.copies, first = coalesce(min(first, excluded.first)," \
	" excluded.first), last = coalesce(max(last, excluded.last), excluded.last)," \
	" sms = sms + excluded.sms, ussd = ussd + excluded.ussd," \
	" web = web + excluded.web;" \
	"INSERT INTO tally_campaign_aimag (item_id, campaign_id, aimag, n) SELECT " \
	r ".item_id, " r ".campaign_id, coalesce(p.aimag, ''), " d " FROM" \
	" participant p WHERE p.id = " r ".participant_id AND " r ".campaign_id != " \
	r ".id ON CONFLICT (item_id, campaign_id, aimag) DO UPDATE SET" \
	" n = n + excluded.n;"
/* After a copy left campaign row r names: its first and last seen again. */
#define CAMPAIGN_SPAN(r) \
	"UPDATE tally_campaign SET first = (SELECT min(ts) FROM comment WHERE" \
	" item_id = " r ".item_id AND campaign_id = " r ".campaign_id AND" \
	" campaign_id != id), last = (SELECT max(ts) FROM comment WHERE item_id = " \
	r ".item_id AND campaign_id = " r ".campaign_id AND campaign_id != id)" \
	" WHERE item_id = " r ".item_id AND campaign_id = " r ".campaign_id;"
/* Adds sign * (a participant's copies) to their aimag a, per campaign. */
#define CAMPAIGN_MOVE(a, sign) \
	"INSERT INTO tally_campaign_aimag (item_id, campaign_id, aimag, n) SELECT" \
	" item_id, campaign_id, coalesce(" a ", ''), " sign " * count(*) FROM" \
	" comment WHERE participant_id = new.id AND campaign_id != id GROUP BY" \
	" item_id, campaign_id ON CONFLICT (item_id, campaign_id, aimag) DO UPDATE" \
	" SET n = n + excluded.n;"
/* Takes a deleted row out of the tally that db_action.c keeps. */
#define TALLY_OUT(what) \
	"UPDATE tally SET n = n - 1 WHERE item_id = old.item_id AND what = " what \
	" AND channel = old.channel AND aimag = (SELECT coalesce(aimag, '') FROM" \
	" participant WHERE id = old.participant_id);"
/* Refuses to change the columns of table t that the totals are keyed on. */
#define FIXED(t, cols, changed) \
	"CREATE TRIGGER " t "_fixed BEFORE UPDATE OF " cols " ON " t " WHEN " \
	changed " BEGIN SELECT RAISE(ABORT, '" t " (" cols "): fixed once written');" \
	" END;"

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
	/* 5: reports: running totals kept by triggers (see above), approved quotes */
	"CREATE TABLE tally_item ("
	"  item_id INTEGER PRIMARY KEY,"
	"  participants INTEGER NOT NULL DEFAULT 0);"	/* anyone with a row on it */
	"CREATE TABLE tally_article ("			/* current article votes */
	"  item_id INTEGER NOT NULL,"
	"  article TEXT NOT NULL,"
	"  support INTEGER NOT NULL DEFAULT 0,"
	"  oppose INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (item_id, article)) WITHOUT ROWID;"
	"CREATE TABLE tally_day ("
	"  item_id INTEGER NOT NULL,"
	"  day INTEGER NOT NULL,"			/* UB_DAY() */
	"  votes INTEGER NOT NULL DEFAULT 0,"		/* current, by the day last cast */
	"  comments INTEGER NOT NULL DEFAULT 0,"
	"  signatures INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (item_id, day)) WITHOUT ROWID;"
	"CREATE TABLE tally_cell ("			/* comments by article, stance, topic */
	"  item_id INTEGER NOT NULL,"
	"  article TEXT NOT NULL,"			/* '' for the whole item */
	"  stance TEXT NOT NULL,"			/* a label's, else the model's; '' */
	"  topic TEXT NOT NULL,"
	"  n INTEGER NOT NULL DEFAULT 0,"
	"  human INTEGER NOT NULL DEFAULT 0,"		/* labelled by an official */
	"  campaign INTEGER NOT NULL DEFAULT 0,"	/* copies: campaign_id != id */
	"  PRIMARY KEY (item_id, article, stance, topic)) WITHOUT ROWID;"
	"CREATE TABLE quote ("				/* representative comments */
	"  comment_id INTEGER PRIMARY KEY REFERENCES comment(id),"
	"  text TEXT NOT NULL,"				/* as approved, scrubbed */
	"  official TEXT NOT NULL,"
	"  ts INTEGER NOT NULL);"
	"CREATE TABLE tally_campaign ("			/* copies: campaign_id != id */
	"  item_id INTEGER NOT NULL,"
	"  campaign_id INTEGER NOT NULL,"		/* its first comment */
	"  copies INTEGER NOT NULL DEFAULT 0,"
	"  first INTEGER, last INTEGER,"		/* seen: the copies' times */
	"  sms INTEGER NOT NULL DEFAULT 0,"		/* copies by channel */
	"  ussd INTEGER NOT NULL DEFAULT 0,"
	"  web INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (item_id, campaign_id)) WITHOUT ROWID;"
	"CREATE TABLE tally_campaign_aimag ("		/* copies by their authors' aimag */
	"  item_id INTEGER NOT NULL,"
	"  campaign_id INTEGER NOT NULL,"
	"  aimag TEXT NOT NULL,"			/* '' unknown */
	"  n INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (item_id, campaign_id, aimag)) WITHOUT ROWID;"
	"CREATE INDEX comment_campaign ON comment(item_id, campaign_id, ts)"
	"  WHERE campaign_id != id;"			/* copies: first and last seen */
	"CREATE INDEX comment_stance ON comment(item_id, stance, topic, confidence)"
	"  WHERE stance IS NOT NULL;"			/* quotes: the most confident */
	/* the totals of the rows already there */
	"INSERT INTO tally_item (item_id, participants) SELECT i.id, (SELECT count(*)"
	"  FROM (SELECT participant_id FROM vote WHERE item_id = i.id"
	"  UNION SELECT participant_id FROM article_vote WHERE item_id = i.id"
	"  UNION SELECT participant_id FROM signature WHERE item_id = i.id"
	"  UNION SELECT participant_id FROM comment WHERE item_id = i.id)) FROM item i;"
	"INSERT INTO tally_article (item_id, article, support, oppose)"
	"  SELECT item_id, article, sum(choice = 'support'), sum(choice = 'oppose')"
	"  FROM article_vote GROUP BY item_id, article;"
	"INSERT INTO tally_day (item_id, day, votes, comments, signatures)"
	"  SELECT item_id, " UB_DAY("ts") ", sum(w = 'v'), sum(w = 'c'), sum(w = 's')"
	"  FROM (SELECT item_id, ts, 'v' AS w FROM vote"
	"  UNION ALL SELECT item_id, ts, 'c' FROM comment"
	"  UNION ALL SELECT item_id, ts, 's' FROM signature) GROUP BY 1, 2;"
	CELL_INSERT " SELECT c.item_id, coalesce(c.article, ''),"
	"  coalesce(l.stance, c.stance, ''), coalesce(l.topic, c.topic, ''), count(*),"
	"  count(l.comment_id), sum(coalesce(c.campaign_id != c.id, 0))"
	"  FROM comment c LEFT JOIN comment_label l ON l.comment_id = c.id"
	"  GROUP BY 1, 2, 3, 4;"
	"INSERT INTO tally_campaign (item_id, campaign_id, copies, first, last, sms,"
	"  ussd, web) SELECT item_id, campaign_id, count(*), min(ts), max(ts),"
	"  sum(channel = 'sms'), sum(channel = 'ussd'), sum(channel = 'web')"
	"  FROM comment WHERE campaign_id != id GROUP BY 1, 2;"
	"INSERT INTO tally_campaign_aimag (item_id, campaign_id, aimag, n)"
	"  SELECT c.item_id, c.campaign_id, coalesce(p.aimag, ''), count(*)"
	"  FROM comment c JOIN participant p ON p.id = c.participant_id"
	"  WHERE c.campaign_id != c.id GROUP BY 1, 2, 3;"
	"CREATE TRIGGER item_tally AFTER INSERT ON item BEGIN"
	"  INSERT INTO tally_item (item_id) VALUES (new.id); END;"
	/* votes: one current per person and item; its day moves when cast again */
	"CREATE TRIGGER vote_tally_in AFTER INSERT ON vote BEGIN "
	DAY_ADD("votes", "new.item_id", "new.ts", "1")
	PERSON_IN("new", "0", "1", "1", "1") " END;"
	"CREATE TRIGGER vote_tally_day AFTER UPDATE OF ts ON vote"
	"  WHEN " UB_DAY("old.ts") " != " UB_DAY("new.ts") " BEGIN "
	DAY_ADD("votes", "old.item_id", "old.ts", "-1")
	DAY_ADD("votes", "new.item_id", "new.ts", "1") " END;"
	"CREATE TRIGGER vote_tally_out AFTER DELETE ON vote BEGIN "
	DAY_ADD("votes", "old.item_id", "old.ts", "-1")
	PERSON_OUT("old") TALLY_OUT("old.choice") " END;"
	FIXED("vote", "item_id, participant_id", "old.item_id != new.item_id OR"
	    " old.participant_id != new.participant_id")
	/* article votes: the last one counts */
	"CREATE TRIGGER article_vote_tally_in AFTER INSERT ON article_vote BEGIN "
	ARTICLE_ADD("new", "1")
	PERSON_IN("new", "1", "1", "article != new.article", "1") " END;"
	"CREATE TRIGGER article_vote_tally_choice AFTER UPDATE OF choice ON article_vote"
	"  WHEN old.choice != new.choice BEGIN "
	ARTICLE_ADD("old", "-1") ARTICLE_ADD("new", "1") " END;"
	"CREATE TRIGGER article_vote_tally_out AFTER DELETE ON article_vote BEGIN "
	ARTICLE_ADD("old", "-1") PERSON_OUT("old") " END;"
	FIXED("article_vote", "item_id, article, participant_id", "old.item_id !="
	    " new.item_id OR old.article != new.article OR old.participant_id !="
	    " new.participant_id")
	/* signatures: once */
	"CREATE TRIGGER signature_tally_in AFTER INSERT ON signature BEGIN "
	DAY_ADD("signatures", "new.item_id", "new.ts", "1")
	PERSON_IN("new", "1", "0", "1", "1") " END;"
	"CREATE TRIGGER signature_tally_out AFTER DELETE ON signature BEGIN "
	DAY_ADD("signatures", "old.item_id", "old.ts", "-1")
	PERSON_OUT("old") TALLY_OUT("'signature'") " END;"
	FIXED("signature", "item_id, participant_id, channel, ts", "old.item_id !="
	    " new.item_id OR old.participant_id != new.participant_id OR old.channel !="
	    " new.channel OR old.ts != new.ts")
	/* comments: stored, then analysed (stance, topic, campaign), maybe labelled */
	"CREATE TRIGGER comment_tally_in AFTER INSERT ON comment BEGIN "
	DAY_ADD("comments", "new.item_id", "new.ts", "1")
	PERSON_IN("new", "1", "1", "1", "id != new.id") CELL_NEW " END;"
	"CREATE TRIGGER comment_tally_in_campaign AFTER INSERT ON comment"
	"  WHEN new.campaign_id != new.id BEGIN " CAMPAIGN_ADD("new", "1") " END;"
	"CREATE TRIGGER comment_tally_cell AFTER UPDATE OF stance, topic, campaign_id"
	"  ON comment WHEN old.stance IS NOT new.stance OR old.topic IS NOT new.topic"
	"  OR old.campaign_id IS NOT new.campaign_id BEGIN "
	CELL_ROW("old", "-1") CELL_ROW("new", "1") " END;"
	"CREATE TRIGGER comment_tally_campaign AFTER UPDATE OF campaign_id ON comment"
	"  WHEN old.campaign_id IS NOT new.campaign_id BEGIN "
	CAMPAIGN_ADD("old", "-1") CAMPAIGN_SPAN("old") CAMPAIGN_ADD("new", "1") " END;"
	"CREATE TRIGGER comment_tally_out AFTER DELETE ON comment BEGIN "
	DAY_ADD("comments", "old.item_id", "old.ts", "-1")
	PERSON_OUT("old") CELL_ROW("old", "-1")
	CAMPAIGN_ADD("old", "-1") CAMPAIGN_SPAN("old") TALLY_OUT("'comment'") " END;"
	FIXED("comment", "item_id, participant_id, article, channel, ts", "old.item_id"
	    " != new.item_id OR old.participant_id != new.participant_id OR old.article"
	    " IS NOT new.article OR old.channel != new.channel OR old.ts != new.ts")
	/* an official's label wins over the model's stance and topic */
	"CREATE TRIGGER comment_label_tally_in AFTER INSERT ON comment_label BEGIN "
	CELL_OF("new.comment_id", "coalesce(c.stance, '')", "coalesce(c.topic, '')",
	    "-1", "0")
	CELL_OF("new.comment_id", "new.stance", "new.topic", "1", "1") " END;"
	"CREATE TRIGGER comment_label_tally_change AFTER UPDATE OF stance, topic"
	"  ON comment_label WHEN old.stance != new.stance OR old.topic != new.topic"
	"  BEGIN "
	CELL_OF("old.comment_id", "old.stance", "old.topic", "-1", "1")
	CELL_OF("new.comment_id", "new.stance", "new.topic", "1", "1") " END;"
	"CREATE TRIGGER comment_label_tally_out AFTER DELETE ON comment_label BEGIN "
	CELL_OF("old.comment_id", "old.stance", "old.topic", "-1", "1")
	CELL_OF("old.comment_id", "coalesce(c.stance, '')", "coalesce(c.topic, '')",
	    "1", "0") " END;"
	FIXED("comment_label", "comment_id", "old.comment_id != new.comment_id")
	/* a campaign's aimags follow its authors (БҮРТГЭЛ, erasure) */
	"CREATE TRIGGER participant_tally_aimag AFTER UPDATE OF aimag ON participant"
	"  WHEN old.aimag IS NOT new.aimag BEGIN "
	CAMPAIGN_MOVE("old.aimag", "-1") CAMPAIGN_MOVE("new.aimag", "1") " END;"
	FIXED("participant", "id", "old.id != new.id"),
	/* 6: officials sign in on the web: a phone for the code, sessions (db_official.c) */
	"ALTER TABLE official ADD COLUMN phone_hash BLOB;"	/* keyed, like participant's */
	"ALTER TABLE official ADD COLUMN phone_enc BLOB;"	/* sealed; NULL: none yet */
	"ALTER TABLE login_code ADD COLUMN official_id INTEGER REFERENCES official(id);"
	"CREATE TABLE admin_session ("			/* never the token itself */
	"  token_hash BLOB PRIMARY KEY,"
	"  official_id INTEGER NOT NULL REFERENCES official(id),"
	"  created INTEGER NOT NULL,"
	"  seen INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE INDEX admin_session_official ON admin_session(official_id);"
	"CREATE TABLE admin_attempt ("			/* refused passwords, a day long */
	"  id INTEGER PRIMARY KEY,"
	"  name_hash BLOB NOT NULL,"			/* keyed: no guessed name kept */
	"  ip_hash BLOB NOT NULL,"
	"  ts INTEGER NOT NULL);"
	"CREATE INDEX admin_attempt_name ON admin_attempt(name_hash, ts);"
	"CREATE INDEX admin_attempt_ip ON admin_attempt(ip_hash, ts);",
};
const int db_nmigrations = (int)(sizeof db_migrations / sizeof db_migrations[0]);
