/* SPDX-License-Identifier: ISC */
/*
 * The secret key file and everything done with it (libsodium). One master key,
 * from which two subkeys are derived: one for secretbox encryption of phone
 * numbers at rest, one for the keyed hash (BLAKE2b) used to look them up. The
 * only file that includes <sodium.h>.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "common.h"
#include "consult.h"

#define KEYFILE_MAGIC	"sanal-key-v1\n"

struct keyring {
	unsigned char	box[crypto_secretbox_KEYBYTES];
	unsigned char	hash[crypto_generichash_KEYBYTES];
};

/* Makes sure libsodium is initialised; fatal if it cannot be. */
static void
keyring_sodium_init(void)
{
	if (sodium_init() < 0)
		fatal("libsodium: initialisation failed");
}

int
keyring_create(const char *path, char **cause)
{
	unsigned char	master[crypto_kdf_KEYBYTES];
	int		fd;
	ssize_t		n;

	keyring_sodium_init();
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	crypto_kdf_keygen(master);
	n = write(fd, KEYFILE_MAGIC, strlen(KEYFILE_MAGIC));
	if (n >= 0)
		n = write(fd, master, sizeof master);
	sodium_memzero(master, sizeof master);
	if (n != (ssize_t)sizeof master || fsync(fd) != 0 || close(fd) != 0) {
		*cause = xasprintf("%s: write failed: %s", path, strerror(errno));
		unlink(path);
		return -1;
	}
	return 0;
}

/* Reads the master key from path into master; 0 or -1 with *cause. */
static int
keyring_read(const char *path, unsigned char *master, char **cause)
{
	char		 buf[64];
	struct stat	 sb;
	size_t		 mlen = strlen(KEYFILE_MAGIC);
	FILE		*f;
	size_t		 n;

	if ((f = fopen(path, "rb")) == NULL) {
		*cause = xasprintf("%s: %s (run sanalctl init first)", path,
		    strerror(errno));
		return -1;
	}
	if (fstat(fileno(f), &sb) == 0 && (sb.st_mode & 077) != 0)
		log_warn("%s: key file is readable by others (mode %o); chmod 600",
		    path, (unsigned)(sb.st_mode & 0777));
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	if (n != mlen + crypto_kdf_KEYBYTES || memcmp(buf, KEYFILE_MAGIC, mlen) != 0) {
		*cause = xasprintf("%s: not a Sanal key file", path);
		return -1;
	}
	memcpy(master, buf + mlen, crypto_kdf_KEYBYTES);
	sodium_memzero(buf, sizeof buf);
	return 0;
}

int
keyring_load(const char *path, struct keyring **out, char **cause)
{
	unsigned char	 master[crypto_kdf_KEYBYTES];
	struct keyring	*kr;

	keyring_sodium_init();
	if (keyring_read(path, master, cause) != 0)
		return -1;
	kr = xcalloc(1, sizeof *kr);
	crypto_kdf_derive_from_key(kr->box, sizeof kr->box, 1, "sanalbox", master);
	crypto_kdf_derive_from_key(kr->hash, sizeof kr->hash, 2, "sanalmac", master);
	sodium_memzero(master, sizeof master);
	*out = kr;
	return 0;
}

void
keyring_free(struct keyring *kr)
{
	if (kr == NULL)
		return;
	sodium_memzero(kr, sizeof *kr);
	free(kr);
}

void
keyring_hash(const struct keyring *kr, const char *phone, unsigned char out[HASH_LEN])
{
	crypto_generichash(out, HASH_LEN, (const unsigned char *)phone, strlen(phone),
	    kr->hash, sizeof kr->hash);
}

void
keyring_text_hash(const char *text, unsigned char out[HASH_LEN])
{
	crypto_generichash(out, HASH_LEN, (const unsigned char *)text, strlen(text),
	    NULL, 0);
}

void
keyring_seal(const struct keyring *kr, const char *phone, unsigned char **out,
    size_t *len)
{
	size_t	 plen = strlen(phone);
	unsigned char *p;

	*len = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plen;
	p = xmalloc(*len);
	randombytes_buf(p, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(p + crypto_secretbox_NONCEBYTES,
	    (const unsigned char *)phone, plen, p, kr->box);
	*out = p;
}

int
keyring_open(const struct keyring *kr, const unsigned char *in, size_t len,
    char *phone)
{
	size_t	over = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;

	if (len < over || len - over >= PHONE_MAX)
		return -1;
	if (crypto_secretbox_open_easy((unsigned char *)phone,
	    in + crypto_secretbox_NONCEBYTES, len - crypto_secretbox_NONCEBYTES, in,
	    kr->box) != 0)
		return -1;
	phone[len - over] = '\0';
	return 0;
}

void
keyring_random(unsigned char *p, size_t n)
{
	keyring_sodium_init();
	randombytes_buf(p, n);
}

void
keyring_tag(const unsigned char hash[HASH_LEN], char tag[9])
{
	sodium_bin2hex(tag, 9, hash, 4);
}

int
keyring_equal(const void *a, const void *b, size_t len)
{
	return sodium_memcmp(a, b, len) == 0;
}

int
keyring_password_hash(const char *password, char out[KEYRING_PWHASH_LEN])
{
	keyring_sodium_init();
	if (crypto_pwhash_str_alg(out, password, strlen(password),
	    crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE,
	    crypto_pwhash_ALG_ARGON2ID13) != 0)
		return -1;
	return 0;
}

int
keyring_password_check(const char *hash, const char *password)
{
	keyring_sodium_init();
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void
keyring_wipe(void *p, size_t len)
{
	sodium_memzero(p, len);
}
