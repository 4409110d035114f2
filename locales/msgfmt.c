/* SPDX-License-Identifier: ISC */
/*
 * Formats citizen-facing messages. msg_init opens the mn, en and kk bundles
 * that genrb compiled from locales/<lang>.txt, checks that each holds every key of
 * the catalogue (msgcat.c) and compiles every pattern once with ICU
 * MessageFormat; after that msg_render only reads, so any thread may call it.
 * Every argument is a string: an untyped {0} in ICU's C API takes a UChar *.
 * Bundles are opened directly, without ICU's locale fallback, so a missing key
 * is found at start-up instead of silently answered from another language.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <unicode/umsg.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>

#include "common.h"
#include "msg.h"

#define MSG_MAXARGS	4
#define MSG_MAXKEYS	1024

static const char *const lang_codes[LANG_COUNT] = { "mn", "en", "kk" };

/* Spellings ХЭЛ accepts besides the codes (the text arrives case-folded). */
static const struct {
	const char	*name;
	enum lang	 lang;
} lang_aliases[] = {
	{ "mon", LANG_MN }, { "mongol", LANG_MN }, { "монгол", LANG_MN },
	{ "мн", LANG_MN },
	{ "eng", LANG_EN }, { "english", LANG_EN }, { "англи", LANG_EN },
	{ "kaz", LANG_KK }, { "kazakh", LANG_KK }, { "qazaq", LANG_KK },
	{ "казах", LANG_KK }, { "қазақ", LANG_KK }, { "кк", LANG_KK },
};

static UResourceBundle	*msg_bundle[LANG_COUNT];
static UMessageFormat	*msg_fmt[LANG_COUNT][MSG_MAXKEYS];

/* The code of a language: "mn", "en" or "kk". */
const char *
lang_code(enum lang l)
{
	if ((unsigned int)l >= LANG_COUNT)
		return lang_codes[LANG_MN];
	return lang_codes[l];
}

/* Reads a language code or name into *out; 0, or -1 if unknown. */
int
lang_parse(const char *s, enum lang *out)
{
	size_t	 i;

	if (s == NULL)
		return -1;
	for (i = 0; i < LANG_COUNT; i++) {
		if (strcasecmp(s, lang_codes[i]) == 0) {
			*out = (enum lang)i;
			return 0;
		}
	}
	for (i = 0; i < nitems(lang_aliases); i++) {
		if (strcasecmp(s, lang_aliases[i].name) == 0) {
			*out = lang_aliases[i].lang;
			return 0;
		}
	}
	return -1;
}

/* 1 if dir holds mn.res. */
static int
has_bundles(const char *dir)
{
	char	*p = xasprintf("%s/mn.res", dir);
	int	 ok = access(p, R_OK) == 0;

	free(p);
	return ok;
}

/* The directory with the .res files, ending in '/'; or NULL. Caller frees. */
static char *
msg_resdir(const char *dir, char **cause)
{
	char	*sub;

	if (dir == NULL || *dir == '\0')
		dir = getenv("SANAL_LOCALEDIR");
	if (dir == NULL || *dir == '\0')
		dir = SANAL_LOCALEDIR;
	if (has_bundles(dir))
		return xasprintf("%s/", dir);
	sub = xasprintf("%s/sanal", dir);
	if (has_bundles(sub)) {
		free(sub);
		return xasprintf("%s/sanal/", dir);
	}
	free(sub);
	*cause = xasprintf("no message bundles (mn.res) in %s or %s/sanal",
	    dir, dir);
	return NULL;
}

/* Compiles the pattern of catalogue key i in lang l; 0 or -1 with *cause. */
static int
msg_compile(enum lang l, size_t i, const char *key, char **cause)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UParseError	 pe;
	const UChar	*pat;
	int32_t		 len;

	pat = ures_getStringByKey(msg_bundle[l], key, &len, &st);
	if (U_FAILURE(st)) {
		*cause = xasprintf("message bundle %s.res lacks key \"%s\" (%s)",
		    lang_codes[l], key, u_errorName(st));
		return -1;
	}
	msg_fmt[l][i] = umsg_open(pat, len, lang_codes[l], &pe, &st);
	if (U_FAILURE(st)) {
		msg_fmt[l][i] = NULL;
		*cause = xasprintf("message %s in %s.res: bad pattern at %d (%s)",
		    key, lang_codes[l], (int)pe.offset, u_errorName(st));
		return -1;
	}
	return 0;
}

/* Opens the bundle of lang l in path and compiles all its messages. */
static int
msg_open_lang(const char *path, enum lang l, char **cause)
{
	const struct msgdef	*cat;
	UErrorCode		 st = U_ZERO_ERROR;
	size_t			 i, n;

	msg_bundle[l] = ures_openDirect(path, lang_codes[l], &st);
	if (U_FAILURE(st)) {
		msg_bundle[l] = NULL;
		*cause = xasprintf("cannot open message bundle %s%s.res: %s",
		    path, lang_codes[l], u_errorName(st));
		return -1;
	}
	cat = msg_catalogue(&n);
	for (i = 0; i < n; i++) {
		if (msg_compile(l, i, cat[i].key, cause) == -1)
			return -1;
	}
	return 0;
}

/* Opens and checks every bundle; 0, or -1 with *cause set (caller frees). */
int
msg_init(const char *dir, char **cause)
{
	char	*path;
	size_t	 n;
	int	 l;

	msg_shutdown();
	msg_catalogue(&n);
	if (n > MSG_MAXKEYS)
		fatal("msg_init: catalogue has %zu keys, room for %d", n,
		    MSG_MAXKEYS);
	if ((path = msg_resdir(dir, cause)) == NULL)
		return -1;
	for (l = 0; l < LANG_COUNT; l++) {
		if (msg_open_lang(path, (enum lang)l, cause) == -1) {
			free(path);
			msg_shutdown();
			return -1;
		}
	}
	free(path);
	return 0;
}

/* Closes the bundles and frees the compiled messages. */
void
msg_shutdown(void)
{
	size_t	 i;
	int	 l;

	for (l = 0; l < LANG_COUNT; l++) {
		for (i = 0; i < MSG_MAXKEYS; i++) {
			if (msg_fmt[l][i] != NULL)
				umsg_close(msg_fmt[l][i]);
			msg_fmt[l][i] = NULL;
		}
		if (msg_bundle[l] != NULL)
			ures_close(msg_bundle[l]);
		msg_bundle[l] = NULL;
	}
}

/* A new UTF-16 copy of utf8 (NULL gives ""); bad bytes become U+FFFD. */
static UChar *
utf8_to_uchars(const char *utf8)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UChar		*u;
	int32_t		 len;

	if (utf8 == NULL)
		utf8 = "";
	u_strFromUTF8WithSub(NULL, 0, &len, utf8, -1, 0xfffd, NULL, &st);
	u = xcalloc((size_t)len + 1, sizeof(*u));
	st = U_ZERO_ERROR;
	u_strFromUTF8WithSub(u, len + 1, NULL, utf8, -1, 0xfffd, NULL, &st);
	return u;
}

/* A new UTF-8 copy of u. Caller frees. */
static char *
uchars_to_utf8(const UChar *u, int32_t ulen)
{
	UErrorCode	 st = U_ZERO_ERROR;
	char		*s;
	int32_t		 len;

	u_strToUTF8WithSub(NULL, 0, &len, u, ulen, 0xfffd, NULL, &st);
	s = xmalloc((size_t)len + 1);
	st = U_ZERO_ERROR;
	u_strToUTF8WithSub(s, len + 1, NULL, u, ulen, 0xfffd, NULL, &st);
	s[len] = '\0';
	return s;
}

/* Formats fmt with four string arguments; NULL on an ICU error. */
static char *
msg_format(const UMessageFormat *fmt, UChar *const *a)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UChar		*out;
	int32_t		 len;
	char		*s;

	len = umsg_format(fmt, NULL, 0, &st, a[0], a[1], a[2], a[3]);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		return NULL;
	out = xcalloc((size_t)len + 1, sizeof(*out));
	st = U_ZERO_ERROR;
	umsg_format(fmt, out, len + 1, &st, a[0], a[1], a[2], a[3]);
	s = U_FAILURE(st) ? NULL : uchars_to_utf8(out, len);
	free(out);
	return s;
}

/* The compiled message of catalogue row i in l, else in mn; or NULL. */
static const UMessageFormat *
msg_lookup(enum lang l, size_t i)
{
	if ((unsigned int)l < LANG_COUNT && msg_fmt[l][i] != NULL)
		return msg_fmt[l][i];
	return msg_fmt[LANG_MN][i];
}

/* Formats key in l with nargs UTF-8 arguments. Caller frees. */
char *
msg_render(enum lang l, const char *key, const char *const *args,
    size_t nargs)
{
	const struct msgdef	*cat, *def;
	const UMessageFormat	*fmt;
	UChar			*a[MSG_MAXARGS];
	size_t			 i;
	char			*s;

	if ((def = msg_find(key)) == NULL)
		return NULL;
	cat = msg_catalogue(NULL);
	if ((fmt = msg_lookup(l, (size_t)(def - cat))) == NULL) {
		log_error("msg_render: %s: messages not initialised", key);
		return NULL;
	}
	if (nargs != def->nargs)
		log_warn("msg_render: %s takes %zu arguments, got %zu", key,
		    def->nargs, nargs);
	for (i = 0; i < MSG_MAXARGS; i++)
		a[i] = utf8_to_uchars(i < nargs && args != NULL ? args[i] : "");
	s = msg_format(fmt, a);
	for (i = 0; i < MSG_MAXARGS; i++)
		free(a[i]);
	return s;
}
