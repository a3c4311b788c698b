/* strmap: an open-addressing map from byte strings to int32 values, for looking up unit,
 * category and measure codes. Keys are not copied: they must outlive the map (they live
 * in the run's arena). Iteration order is never used for output. */
#ifndef FP_STRMAP_H
#define FP_STRMAP_H
#include <stddef.h>
#include <stdint.h>

typedef struct strmap_slot {
	const char *key;
	uint32_t len;
	uint32_t hash;
	int32_t value;
} strmap_slot;

typedef struct strmap {
	strmap_slot *slots;
	size_t cap, count; /* cap is a power of two */
} strmap;

void strmap_init(strmap *m);
void strmap_release(strmap *m);

/* strmap_get: the value of key, or -1. */
int32_t strmap_get(const strmap *m, const char *key, size_t len);

/* strmap_put: insert key -> value unless the key is there; returns the value already
 * stored (the first one wins) or -1 when the key was new. */
int32_t strmap_put(strmap *m, const char *key, size_t len, int32_t value);

/* strmap_hash: the hash strmap keeps for key, so that a caller can compute it once, where
 * the key is at hand (a reading thread), and insert later with strmap_put_hashed. */
uint32_t strmap_hash(const char *key, size_t len);

/* strmap_put_hashed: strmap_put of a key whose hash is strmap_hash(key, len). */
int32_t strmap_put_hashed(strmap *m, const char *key, size_t len, uint32_t hash, int32_t value);

/* strmap_reserve: room for n more keys, so that putting them does not grow the map (for
 * many keys at once: growing rehashes every key). */
void strmap_reserve(strmap *m, size_t n);

/* strmap_prefetch: start loading the slot where a key of this hash is looked for first, a
 * few puts before putting it: a large map's slots are not in the cache. Changes nothing. */
static inline void strmap_prefetch(const strmap *m, uint32_t hash)
{
	if (m->cap)
		__builtin_prefetch(&m->slots[hash & (m->cap - 1)], 1);
}

/* strmap_sharded: STRMAP_SHARDS strmaps, a key in the one its hash's top bits name, so
 * that several threads can fill one (each shard put by one thread at a time: the measure
 * ids of 1,000,000 rows, put on every core). A shard of a large map is small enough for
 * the cache. Lookups as with a strmap. */
#define STRMAP_SHARD_BITS 6
#define STRMAP_SHARDS (1u << STRMAP_SHARD_BITS)

typedef struct strmap_sharded {
	strmap shard[STRMAP_SHARDS];
} strmap_sharded;

/* strmap_shard_of: the shard of a key whose strmap_hash is hash. */
static inline unsigned strmap_shard_of(uint32_t hash)
{
	return hash >> (32 - STRMAP_SHARD_BITS);
}

void strmap_sharded_init(strmap_sharded *m);
void strmap_sharded_release(strmap_sharded *m);

/* strmap_sharded_get: the value of key, or -1. */
int32_t strmap_sharded_get(const strmap_sharded *m, const char *key, size_t len);

#endif
