/* hash: see hash.h. */
#include "hash.h"
#include "../core/xalloc.h"
#include <errno.h>
#include <stdbool.h>
#include <nettle/sha2.h>
#include <nettle/version.h>
#include <stdio.h>
#include <string.h>

struct hash_ctx {
	struct sha256_ctx sha;
};

hash_ctx *hash_new(void)
{
	hash_ctx *h = xmalloc(sizeof *h);
	sha256_init(&h->sha);
	return h;
}

void hash_update(hash_ctx *h, const void *data, size_t len)
{
	sha256_update(&h->sha, len, data);
}

void hash_update_str(hash_ctx *h, const char *s)
{
	hash_update(h, s, strlen(s) + 1);
}

static void to_hex(const unsigned char *d, char hex[HASH_HEX])
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < SHA256_DIGEST_SIZE; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[64] = '\0';
}

void hash_final(hash_ctx *h, char hex[HASH_HEX])
{
	unsigned char d[SHA256_DIGEST_SIZE];
	sha256_digest(&h->sha, sizeof d, d);
	to_hex(d, hex);
	free(h);
}

fp_status hash_file(const char *path, char hex[HASH_HEX])
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return FP_ENOINPUT;
	hash_ctx *h = hash_new();
	unsigned char buf[1 << 16];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		hash_update(h, buf, n);
	bool err = ferror(f);
	fclose(f);
	hash_final(h, hex);
	return err ? FP_EIO : FP_OK;
}

void hash_bytes(const void *data, size_t len, char hex[HASH_HEX])
{
	hash_ctx *h = hash_new();
	hash_update(h, data, len);
	hash_final(h, hex);
}

const char *hash_nettle_version(char buf[HASH_VERSION_MAX])
{
	snprintf(buf, HASH_VERSION_MAX, "%d.%d", nettle_version_major(), nettle_version_minor());
	return buf;
}
