/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for consult/keyring.c: the key file is made private and never
 * overwritten; files that are not key files are refused with a cause; phone
 * numbers sealed with a random nonce open again only untouched and only with
 * their own key; the keyed hash is stable per key and differs across keys.
 * Each test works in a fresh directory under $TMPDIR (or /tmp).
 */
#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "common.h"
#include "consult.h"
#include "testutil.h"

#define MAGIC	"sanal-key-v1\n"

struct fixture {
	char	*dir;
	char	*a, *b;			/* two key file paths */
};

static int
setup(void **state)
{
	struct fixture	*f = xcalloc(1, sizeof *f);

	if ((f->dir = testdir_make("test_keyring")) == NULL)
		return -1;
	f->a = xasprintf("%s/a.key", f->dir);
	f->b = xasprintf("%s/b.key", f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	testdir_remove(f->dir);
	free(f->a);
	free(f->b);
	free(f);
	return 0;
}

/* Writes len bytes of data to path. */
static void
write_file(const char *path, const void *data, size_t len)
{
	FILE	*fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(chmod(path, 0600), 0);
}

/* Creates a key file and loads it. */
static struct keyring *
make_key(const char *path)
{
	struct keyring	*kr = NULL;
	char		*cause = NULL;

	if (keyring_create(path, &cause) != 0 || keyring_load(path, &kr, &cause) != 0)
		fail_msg("%s: %s", path, cause);
	return kr;
}

/* A new key file is 0600, starts with the magic, and is never overwritten. */
static void
test_keyring_create(void **state)
{
	struct fixture	*f = *state;
	struct stat	 sb, sb2;
	char		*cause = NULL, head[sizeof MAGIC];
	FILE		*fp;

	assert_int_equal(keyring_create(f->a, &cause), 0);
	assert_int_equal(stat(f->a, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(sb.st_size, strlen(MAGIC) + 32);
	fp = fopen(f->a, "rb");
	assert_non_null(fp);
	assert_int_equal(fread(head, 1, strlen(MAGIC), fp), strlen(MAGIC));
	fclose(fp);
	assert_memory_equal(head, MAGIC, strlen(MAGIC));

	assert_int_equal(keyring_create(f->a, &cause), -1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, f->a));
	assert_non_null(strstr(cause, "exists"));
	free(cause);
	assert_int_equal(stat(f->a, &sb2), 0);
	assert_int_equal(sb2.st_ino, sb.st_ino);
	assert_int_equal(sb2.st_mtime, sb.st_mtime);

	/* The same key after the refused overwrite. */
	{
		struct keyring	*k1 = make_key(f->b), *k2 = NULL;
		unsigned char	 h1[HASH_LEN], h2[HASH_LEN];

		assert_int_equal(keyring_create(f->b, &cause), -1);
		free(cause);
		assert_int_equal(keyring_load(f->b, &k2, &cause), 0);
		keyring_hash(k1, "+97699112233", h1);
		keyring_hash(k2, "+97699112233", h2);
		assert_memory_equal(h1, h2, HASH_LEN);
		keyring_free(k1);
		keyring_free(k2);
	}
}

/* Missing, empty, short, long and foreign files are refused with a cause. */
static void
test_keyring_load_bad(void **state)
{
	struct fixture	*f = *state;
	static const size_t lens[] = { 0, 5, sizeof MAGIC - 1, sizeof MAGIC - 1 + 31,
	    sizeof MAGIC - 1 + 33, 128 };
	struct keyring	*kr = NULL;
	char		*cause = NULL, buf[128];
	size_t		 i;

	assert_int_equal(keyring_load(f->a, &kr, &cause), -1);
	assert_null(kr);
	assert_non_null(strstr(cause, f->a));
	assert_non_null(strstr(cause, "sanalctl init"));
	free(cause);

	for (i = 0; i < nitems(lens); i++) {
		memset(buf, 'k', sizeof buf);
		memcpy(buf, MAGIC, lens[i] < strlen(MAGIC) ? lens[i] : strlen(MAGIC));
		write_file(f->a, buf, lens[i]);
		cause = NULL;
		if (keyring_load(f->a, &kr, &cause) != -1)
			fail_msg("a %zu-byte file loaded", lens[i]);
		assert_null(kr);
		assert_non_null(strstr(cause, "not a Sanal key file"));
		free(cause);
	}
	/* Right length, wrong magic. */
	memset(buf, 'k', sizeof buf);
	memcpy(buf, "sanal-key-v2\n", strlen(MAGIC));
	write_file(f->a, buf, strlen(MAGIC) + 32);
	assert_int_equal(keyring_load(f->a, &kr, &cause), -1);
	assert_non_null(strstr(cause, "not a Sanal key file"));
	free(cause);
	/* Right length and magic: any 32 bytes are a key. */
	memcpy(buf, MAGIC, strlen(MAGIC));
	write_file(f->a, buf, strlen(MAGIC) + 32);
	assert_int_equal(keyring_load(f->a, &kr, &cause), 0);
	assert_non_null(kr);
	keyring_free(kr);
	keyring_free(NULL);
}

/* Sealed numbers open to themselves, for every length a number can have. */
static void
test_keyring_roundtrip(void **state)
{
	static const char *const phones[] = {
		"+97699112233", "+79123456789", "+123456789012345", "", "x",
		"1234567890123456789",		/* PHONE_MAX - 1 */
	};
	struct fixture	*f = *state;
	struct keyring	*kr = make_key(f->a);
	unsigned char	*box;
	char		 out[PHONE_MAX];
	size_t		 len, i;

	for (i = 0; i < nitems(phones); i++) {
		keyring_seal(kr, phones[i], &box, &len);
		assert_true(len > strlen(phones[i]) + 32);
		if (strlen(phones[i]) > 3)
			assert_null(memmem(box, len, phones[i], strlen(phones[i])));
		memset(out, 'z', sizeof out);
		assert_int_equal(keyring_open(kr, box, len, out), 0);
		assert_string_equal(out, phones[i]);
		free(box);
	}
	keyring_free(kr);
}

/* Two seals of one number differ (random nonce); both open. */
static void
test_keyring_nonce(void **state)
{
	struct fixture	*f = *state;
	struct keyring	*kr = make_key(f->a);
	unsigned char	*b1, *b2;
	size_t		 l1, l2;
	char		 out[PHONE_MAX];

	keyring_seal(kr, "+97699112233", &b1, &l1);
	keyring_seal(kr, "+97699112233", &b2, &l2);
	assert_int_equal(l1, l2);
	assert_memory_not_equal(b1, b2, l1);
	assert_memory_not_equal(b1, b2, 24);		/* the nonces */
	assert_int_equal(keyring_open(kr, b2, l2, out), 0);
	assert_string_equal(out, "+97699112233");
	free(b1);
	free(b2);
	keyring_free(kr);
}

/* Any flipped bit, a cut box, an oversized box or another key: open fails. */
static void
test_keyring_tamper(void **state)
{
	struct fixture	*f = *state;
	struct keyring	*kr = make_key(f->a), *other = make_key(f->b);
	unsigned char	*box, *big;
	size_t		 len, i;
	char		 out[PHONE_MAX];

	keyring_seal(kr, "+97699112233", &box, &len);
	for (i = 0; i < len; i++) {
		box[i] ^= 0x01;
		if (keyring_open(kr, box, len, out) != -1)
			fail_msg("box with byte %zu flipped opened", i);
		box[i] ^= 0x01;
	}
	for (i = 0; i < len; i++)
		assert_int_equal(keyring_open(kr, box, i, out), -1);
	assert_int_equal(keyring_open(other, box, len, out), -1);
	assert_int_equal(keyring_open(kr, box, len, out), 0);
	free(box);

	/* A box whose number would not fit PHONE_MAX is refused before opening. */
	keyring_seal(kr, "12345678901234567890", &big, &len);
	assert_int_equal(keyring_open(kr, big, len, out), -1);
	free(big);
	keyring_free(kr);
	keyring_free(other);
}

/* The keyed hash: same key and number, same hash; any change, another hash. */
static void
test_keyring_hash(void **state)
{
	struct fixture	*f = *state;
	struct keyring	*a = make_key(f->a), *b = make_key(f->b);
	unsigned char	 h1[HASH_LEN], h2[HASH_LEN], h3[HASH_LEN], t1[HASH_LEN],
			 t2[HASH_LEN];

	keyring_hash(a, "+97699112233", h1);
	keyring_hash(a, "+97699112233", h2);
	assert_memory_equal(h1, h2, HASH_LEN);
	keyring_hash(b, "+97699112233", h2);
	assert_memory_not_equal(h1, h2, HASH_LEN);
	keyring_hash(a, "+97699112234", h3);
	assert_memory_not_equal(h1, h3, HASH_LEN);

	/* The text hash is unkeyed: the same whichever key is loaded. */
	keyring_text_hash("12 тийм", t1);
	keyring_text_hash("12 тийм", t2);
	assert_memory_equal(t1, t2, HASH_LEN);
	assert_memory_not_equal(t1, h1, HASH_LEN);
	keyring_text_hash("12 үгүй", t2);
	assert_memory_not_equal(t1, t2, HASH_LEN);
	keyring_free(a);
	keyring_free(b);
}

/* The log tag is the first four bytes of the hash in lower-case hex. */
static void
test_keyring_tag(void **state)
{
	static const unsigned char h[HASH_LEN] = { 0xde, 0xad, 0x0b, 0xef, 0x55 };
	struct fixture	*f = *state;
	struct keyring	*kr = make_key(f->a);
	unsigned char	 hash[HASH_LEN];
	char		 tag[9], tag2[9];
	size_t		 i;

	memset(tag, 'z', sizeof tag);
	keyring_tag(h, tag);
	assert_string_equal(tag, "dead0bef");

	keyring_hash(kr, "+97699112233", hash);
	keyring_tag(hash, tag);
	assert_int_equal(strlen(tag), 8);
	for (i = 0; i < 8; i++)
		assert_non_null(strchr("0123456789abcdef", tag[i]));
	keyring_hash(kr, "+97688001122", hash);
	keyring_tag(hash, tag2);
	assert_string_not_equal(tag, tag2);
	keyring_free(kr);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_keyring_create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keyring_load_bad, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keyring_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keyring_nonce, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keyring_tamper, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keyring_hash, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keyring_tag, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
