/* SPDX-License-Identifier: ISC */
/*
 * The SMS command language. One message is split into tokens (letter runs
 * and digit runs, so "12, тийм!", "12.тийм" and "ТУСЛАМЖ?" lose their
 * punctuation), each token goes through normalise_text() (case folding,
 * look-alike letters, old Ө/Ү substitutes) and then through a spelling
 * skeleton that merges the usual Latin habits (kh/x = h, zh = j, ts = c,
 * v/y = u for ү, q = o for ө, MNS ü/ö) and the Russian-keyboard ones
 * (у for ү, о for ө), so the tables below list each word only once or twice.
 *
 * Grammar, tried in this order:
 *	(nothing)			EMPTY, or HELP if the message has a "?"
 *	<code>				ITEM
 *	<code> <vote phrase>		VOTE (the phrase must be all that follows)
 *	<code> <art> [р] [зүйл] [text]	COMMENT on article art, or ITEM + article
 *	<code> зүйл <art> [text]	the same
 *	<code> <text>			COMMENT
 *	<keyword> [argument]		a row of smscmd_table
 * A code is 1-15 ASCII digits; more is UNKNOWN, and so are USSD codes
 * ("*123#") and numbers after a "+" (a phone number). Choices for ambiguous input:
 * "12 1" and "12 2" are votes, "12 3" (any other number, nothing after) is
 * ITEM with the article set, so the consult layer can answer with how to
 * comment on that article. An article is 1-3 digits; a longer number, or a
 * decimal such as "12 2.5 сая", starts plain comment text. A vote word with
 * more words after it ("12 тийм, гэхдээ ...") is a COMMENT: the text keeps
 * the stance for the analysts. Keywords without arguments must stand alone,
 * because "Миний бодлоор ..." is an uncoded comment, not МИНИЙ.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "analytics.h"
#include "smscmd.h"

#define SMSCMD_MAXTOK	8	/* tokens looked at; the rest is only text */
#define SMSCMD_MAXCODE	15
#define SMSCMD_MAXART	3

/* One command of the language (tmux's cmd_entry). */
struct smscmd_entry {
	const char		*name;		/* Cyrillic keyword */
	const char		*aliases[8];	/* Latin and other spellings */
	enum smscmd_kind	 kind;
	int			 args;		/* 0: stands alone; 1: takes the rest */
};

static const struct smscmd_entry smscmd_table[] = {
	{ "жагсаалт", { "jagsaalt", "jagsalt", "list", "жагсалт", NULL },
	    SMSCMD_LIST, 0 },
	{ "тусламж", { "tuslamj", "help", "туслам", "tuslam", NULL },
	    SMSCMD_HELP, 0 },
	{ "бүртгэл", { "burtgel", "register", "reg", "бүртгүүлэх",
	    "burtguuleh", NULL }, SMSCMD_REGISTER, 1 },
	{ "зогс", { "zogs", "stop", "зогсоо", "zogsoo", NULL },
	    SMSCMD_STOP, 0 },
	{ "эхлэ", { "ehle", "start", "эхлэх", "ehleh", NULL },
	    SMSCMD_START, 0 },
	{ "миний", { "minii", "mini", "my", NULL }, SMSCMD_MY, 0 },
	{ "устга", { "ustga", "delete", "устгах", "ustgah", NULL },
	    SMSCMD_DELETE, 0 },
	{ "хэл", { "hel", "lang", "language", NULL }, SMSCMD_LANG, 1 },
};

/*
 * Vote phrases; a phrase of several words matches as many tokens. All table
 * words are written lower case and NFC, as normalise_text() would give them.
 */
static const struct {
	const char		*phrase;
	enum smscmd_choice	 choice;
} smscmd_votes[] = {
	{ "тийм", SMSCMD_SUPPORT },	{ "tiim", SMSCMD_SUPPORT },
	{ "tiym", SMSCMD_SUPPORT },	{ "tim", SMSCMD_SUPPORT },
	{ "yes", SMSCMD_SUPPORT },	{ "1", SMSCMD_SUPPORT },
	{ "дэмжинэ", SMSCMD_SUPPORT },	{ "demjine", SMSCMD_SUPPORT },
	{ "за", SMSCMD_SUPPORT },	{ "za", SMSCMD_SUPPORT },
	{ "ok", SMSCMD_SUPPORT },	{ "ок", SMSCMD_SUPPORT },
	{ "дэмжиж байна", SMSCMD_SUPPORT },
	{ "demjij baina", SMSCMD_SUPPORT },
	{ "demjij bn", SMSCMD_SUPPORT },
	{ "үгүй", SMSCMD_OPPOSE },	{ "ugui", SMSCMD_OPPOSE },
	{ "ugi", SMSCMD_OPPOSE },	{ "no", SMSCMD_OPPOSE },
	{ "2", SMSCMD_OPPOSE },		{ "эсрэг", SMSCMD_OPPOSE },
	{ "esreg", SMSCMD_OPPOSE },	{ "дэмжихгүй", SMSCMD_OPPOSE },
	{ "demjihgui", SMSCMD_OPPOSE },	{ "demjihgu", SMSCMD_OPPOSE },
	{ "дэмжихгүй байна", SMSCMD_OPPOSE },
	{ "demjihgui baina", SMSCMD_OPPOSE },
	{ "demjihgui bn", SMSCMD_OPPOSE },
	{ "иә", SMSCMD_SUPPORT },	{ "жоқ", SMSCMD_OPPOSE },	/* Kazakh */
};

/* Words around an article number: "3-р зүйл", "зүйл 3", "3 дугаар заалт". */
static const char *const smscmd_ordinal[] = {
	"р", "r", "дугаар", "дүгээр", "dugaar", "dugeer", NULL
};
static const char *const smscmd_article[] = {
	"зүйл", "зүйлд", "зүйлийн", "zuil", "zuild", "zuiliin", "заалт",
	"заалтад", "zaalt", "zaaltad", "article", "art", NULL
};

/* Spelling habits merged by the skeleton, longest first. */
static const struct {
	const char	*from;
	const char	*to;
} smscmd_habits[] = {
	{ "kh", "h" }, { "zh", "j" }, { "ts", "c" }, { "x", "h" },
	{ "v", "u" }, { "y", "u" }, { "q", "o" },
	{ "ü", "u" }, { "ö", "o" }, { "ө", "о" }, { "ү", "у" },
};

static const char *const smscmd_kind_names[] = {
	"empty", "vote", "comment", "item", "list", "help", "register",
	"stop", "start", "my", "delete", "lang", "unknown"
};

/* A token of the message: bytes in the raw text and its skeleton. */
struct smscmd_tok {
	size_t	 start;
	size_t	 end;
	char	*skel;
	int	 digits;	/* all ASCII digits */
};

struct smscmd_msg {
	const char		*raw;
	struct smscmd_tok	 tok[SMSCMD_MAXTOK];
	size_t			 ntok;
	int			 more;	/* tokens beyond SMSCMD_MAXTOK */
};

/* The skeleton of already normalised s, in place (it never grows). */
static void
smscmd_skeleton(char *s)
{
	char	*out = s;
	size_t	 k, n;

	while (*s != '\0') {
		/* Most bytes start no habit: only these can. */
		if (strchr("kztxvyq\xc3\xd2\xd3", *s) == NULL) {
			*out++ = *s++;
			continue;
		}
		for (k = 0; k < nitems(smscmd_habits); k++) {
			n = strlen(smscmd_habits[k].from);
			if (strncmp(s, smscmd_habits[k].from, n) == 0)
				break;
		}
		if (k == nitems(smscmd_habits)) {
			*out++ = *s++;
			continue;
		}
		n = strlen(smscmd_habits[k].to);
		memmove(out, smscmd_habits[k].to, n);
		out += n;
		s += strlen(smscmd_habits[k].from);
	}
	*out = '\0';
}

/* Normalised skeleton of the n bytes at s. Caller frees. */
static char *
smscmd_fold(const char *s, size_t n)
{
	char	*raw, *norm;

	raw = xstrndup(s, n);
	norm = normalise_text(raw);
	free(raw);
	if (norm == NULL)
		norm = xstrdup("");
	smscmd_skeleton(norm);
	return norm;
}

/*
 * 1 if token skeleton s equals the n bytes of table word w once skeletonised.
 * Table words are written already normalised (lower case, NFC), so this
 * needs no ICU.
 */
static int
smscmd_word_is(const char *s, const char *w, size_t n)
{
	static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;
	static struct {
		const char	*w;
		size_t		 n;
		char		 skel[48];
	}			 memo[256];	/* table words are static: memoise */
	size_t			 slot = ((uintptr_t)w / 8 + n) % nitems(memo);
	char			 buf[48];

	if (n >= sizeof(buf))
		return 0;
	pthread_mutex_lock(&lock);
	if (memo[slot].w != w || memo[slot].n != n) {
		memcpy(memo[slot].skel, w, n);
		memo[slot].skel[n] = '\0';
		smscmd_skeleton(memo[slot].skel);
		memo[slot].w = w;
		memo[slot].n = n;
	}
	memcpy(buf, memo[slot].skel, sizeof buf);
	pthread_mutex_unlock(&lock);
	return strcmp(s, buf) == 0;
}

/* 1 if token i exists and matches a word of the NULL-terminated list. */
static int
smscmd_tok_in(const struct smscmd_msg *m, size_t i, const char *const *list)
{
	if (i >= m->ntok)
		return 0;
	for (; *list != NULL; list++)
		if (smscmd_word_is(m->tok[i].skel, *list, strlen(*list)))
			return 1;
	return 0;
}

/* 1 if the n bytes at s are all ASCII digits. */
static int
smscmd_all_digits(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

/* Splits raw (valid UTF-8) into at most SMSCMD_MAXTOK folded tokens. */
static void
smscmd_tokenise(struct smscmd_msg *m, const char *raw)
{
	struct smscmd_tok	*t;
	size_t			 pos = 0, start, end;

	memset(m, 0, sizeof(*m));
	m->raw = raw;
	while (text_next_token(raw, &pos, &start, &end)) {
		if (m->ntok == SMSCMD_MAXTOK) {
			m->more = 1;
			break;
		}
		t = &m->tok[m->ntok++];
		t->start = start;
		t->end = end;
		t->skel = smscmd_fold(raw + start, end - start);
		t->digits = smscmd_all_digits(raw + start, end - start);
	}
}

/* Frees the token skeletons. */
static void
smscmd_msg_free(struct smscmd_msg *m)
{
	size_t	 i;

	for (i = 0; i < m->ntok; i++)
		free(m->tok[i].skel);
}

/* Length of the separator s starts with (space, comma, dash...), or 0. */
static size_t
smscmd_sep_len(const char *s)
{
	static const char *const seps[] = {
		" ", "\t", "\r", "\n", ",", ".", ":", ";", "-", ")", "_", "/",
		"\xc2\xa0", "\xe2\x80\x8b", "\xe2\x80\x93", "\xe2\x80\x94"
	};
	size_t	 k, n;

	for (k = 0; k < nitems(seps); k++) {
		n = strlen(seps[k]);
		if (strncmp(s, seps[k], n) == 0)
			return n;
	}
	return 0;
}

/* The raw text after token i, separators skipped, trimmed. Caller frees. */
static char *
smscmd_rest(const struct smscmd_msg *m, size_t i)
{
	const char	*s = m->raw + m->tok[i].end, *e;
	size_t		 n;

	while ((n = smscmd_sep_len(s)) > 0)
		s += n;
	e = s + strlen(s);
	while (e > s && strchr(" \t\r\n", e[-1]) != NULL)
		e--;
	if (e - s >= 2 && (unsigned char)e[-2] == 0xc2 &&
	    (unsigned char)e[-1] == 0xa0)
		e -= 2;
	return xstrndup(s, (size_t)(e - s));
}

/* Number of tokens from i that vote phrase p matches exactly, or 0. */
static size_t
smscmd_phrase(const struct smscmd_msg *m, size_t i, const char *p)
{
	size_t	 n = 0, len;

	for (; *p != '\0'; n++) {
		len = strcspn(p, " ");
		if (i + n >= m->ntok ||
		    !smscmd_word_is(m->tok[i + n].skel, p, len))
			return 0;
		p += len;
		p += *p == ' ';
	}
	return n;
}

/* 1 and sets cmd if everything after the code is one vote phrase. */
static int
smscmd_try_vote(const struct smscmd_msg *m, struct smscmd *cmd)
{
	size_t	 k, n;

	if (m->more)
		return 0;
	for (k = 0; k < nitems(smscmd_votes); k++) {
		n = smscmd_phrase(m, 1, smscmd_votes[k].phrase);
		if (n > 0 && 1 + n == m->ntok) {
			cmd->kind = SMSCMD_VOTE;
			cmd->choice = smscmd_votes[k].choice;
			return 1;
		}
	}
	return 0;
}

/* 1 if token i is an article number (1-3 digits, not "2.5"). */
static int
smscmd_is_article(const struct smscmd_msg *m, size_t i)
{
	const struct smscmd_tok	*t;
	const char		*after;

	if (i >= m->ntok)
		return 0;
	t = &m->tok[i];
	after = m->raw + t->end;
	if (!t->digits || t->end - t->start > SMSCMD_MAXART)
		return 0;
	return !((after[0] == '.' || after[0] == ',') &&
	    after[1] >= '0' && after[1] <= '9');
}

/*
 * Finds "<art> [р] [зүйл]" or "зүйл <art>" after the code. Returns the index
 * of the last token used and copies the number to cmd->article, or 0.
 */
static size_t
smscmd_find_article(const struct smscmd_msg *m, struct smscmd *cmd)
{
	size_t	 i, art;

	if (m->ntok > 1 && smscmd_is_article(m, 1)) {
		art = i = 1;
		if (smscmd_tok_in(m, i + 1, smscmd_ordinal))
			i++;
		if (smscmd_tok_in(m, i + 1, smscmd_article))
			i++;
	} else if (smscmd_tok_in(m, 1, smscmd_article) && m->ntok > 2 &&
	    smscmd_is_article(m, 2))
		art = i = 2;
	else
		return 0;
	memcpy(cmd->article, m->raw + m->tok[art].start,
	    m->tok[art].end - m->tok[art].start);
	return i;
}

/* 1 if token 0 is an item code: not too long, not "*123#" nor "+976...". */
static int
smscmd_is_code(const struct smscmd_msg *m)
{
	const struct smscmd_tok	*t = &m->tok[0];
	size_t			 i;

	if (t->end - t->start > SMSCMD_MAXCODE)
		return 0;
	for (i = 0; i < t->start; i++)
		if (strchr("*#+", m->raw[i]) != NULL)
			return 0;
	return m->raw[t->end] == '\0' || strchr("*#", m->raw[t->end]) == NULL;
}

/* Parses a message that starts with an item code. */
static void
smscmd_parse_code(const struct smscmd_msg *m, struct smscmd *cmd)
{
	const struct smscmd_tok	*t = &m->tok[0];
	size_t			 last;

	if (!smscmd_is_code(m)) {
		cmd->kind = SMSCMD_UNKNOWN;
		return;
	}
	memcpy(cmd->code, m->raw + t->start, t->end - t->start);
	cmd->kind = SMSCMD_ITEM;
	if (m->ntok == 1 || smscmd_try_vote(m, cmd))
		return;
	last = smscmd_find_article(m, cmd);
	if (last + 1 == m->ntok && !m->more)
		return;		/* "12 3", "12 3-р зүйл": ITEM + article */
	cmd->kind = SMSCMD_COMMENT;
	cmd->text = smscmd_rest(m, last);
}

/* The table row whose name or alias token 0 spells, or NULL. */
static const struct smscmd_entry *
smscmd_lookup(const struct smscmd_msg *m)
{
	const struct smscmd_entry	*e;
	size_t				 k;

	for (k = 0; k < nitems(smscmd_table); k++) {
		e = &smscmd_table[k];
		if (smscmd_word_is(m->tok[0].skel, e->name, strlen(e->name)) ||
		    smscmd_tok_in(m, 0, e->aliases))
			return e;
	}
	return NULL;
}

/* Parses a message that starts with a keyword. */
static void
smscmd_parse_keyword(const struct smscmd_msg *m, struct smscmd *cmd)
{
	const struct smscmd_entry	*e;
	const struct smscmd_tok		*t;
	char				*arg;

	if ((e = smscmd_lookup(m)) == NULL ||
	    (e->args == 0 && (m->ntok > 1 || m->more))) {
		cmd->kind = SMSCMD_UNKNOWN;
		return;
	}
	cmd->kind = e->kind;
	if (e->kind == SMSCMD_LANG && m->ntok > 1) {
		t = &m->tok[1];
		arg = xstrndup(m->raw + t->start, t->end - t->start);
		cmd->text = normalise_text(arg);
		free(arg);
	} else if (e->kind == SMSCMD_LANG)
		cmd->text = xstrdup("");
	else if (e->args > 0)
		cmd->text = smscmd_rest(m, 0);
}

/* Parses one message; see smscmd.h. LANG's text is the folded first word. */
int
smscmd_parse(const char *text, struct smscmd *cmd)
{
	struct smscmd_msg	 m;

	memset(cmd, 0, sizeof(*cmd));
	if (text == NULL || !utf8_valid(text, strlen(text)))
		return -1;
	cmd->script = script_detect(text);
	smscmd_tokenise(&m, text);
	if (m.ntok == 0)
		cmd->kind = strchr(text, '?') != NULL ? SMSCMD_HELP :
		    SMSCMD_EMPTY;
	else if (m.tok[0].digits)
		smscmd_parse_code(&m, cmd);
	else
		smscmd_parse_keyword(&m, cmd);
	smscmd_msg_free(&m);
	return 0;
}

/* Frees what smscmd_parse allocated; cmd may be reused after. */
void
smscmd_free(struct smscmd *cmd)
{
	if (cmd == NULL)
		return;
	free(cmd->text);
	cmd->text = NULL;
}

/* Short English name of kind k, for logs and tests. */
const char *
smscmd_kind_name(enum smscmd_kind k)
{
	if ((size_t)k >= nitems(smscmd_kind_names))
		return "?";
	return smscmd_kind_names[k];
}
