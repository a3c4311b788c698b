/* hash: SHA-256 of files and byte strings, with nettle (the only file that includes it).
 * Digests are printed as 64 lower-case hex digits. The loader hashes the bytes it reads
 * (csvread.h, the scenario's script reader), so that what a run record lists and copies
 * is tied to what was computed from. */
#ifndef FP_HASH_H
#define FP_HASH_H
#include "../core/status.h"
#include <stddef.h>

#define HASH_HEX 65 /* 64 hex digits and a NUL */

typedef struct hash_ctx hash_ctx;

/* hash_new / hash_update / hash_final: an incremental SHA-256; hash_final frees ctx. */
hash_ctx *hash_new(void);
void hash_update(hash_ctx *h, const void *data, size_t len);
void hash_update_str(hash_ctx *h, const char *s); /* s and its NUL, so fields stay apart */
void hash_final(hash_ctx *h, char hex[HASH_HEX]);

/* hash_file: SHA-256 of a file's bytes; FP_ENOINPUT or FP_EIO (errno set) on failure. */
fp_status hash_file(const char *path, char hex[HASH_HEX]);

/* hash_bytes: SHA-256 of len bytes at data. */
void hash_bytes(const void *data, size_t len, char hex[HASH_HEX]);

#define HASH_VERSION_MAX 24
/* hash_nettle_version: nettle's version ("3.8") into buf, for the run record; returns buf. */
const char *hash_nettle_version(char buf[HASH_VERSION_MAX]);

#endif
