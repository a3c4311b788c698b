/* strmap: linear probing, FNV-1a hashes, load factor at most 1/2. */
#include "strmap.h"
#include "xalloc.h"
#include <string.h>

void strmap_init(strmap *m)
{
	m->slots = NULL;
	m->cap = m->count = 0;
}

void strmap_release(strmap *m)
{
	free(m->slots);
	strmap_init(m);
}

uint32_t strmap_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static strmap_slot *find(const strmap *m, const char *key, size_t len, uint32_t h)
{
	size_t mask = m->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		strmap_slot *s = &m->slots[i];
		if (!s->key)
			return s;
		if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0)
			return s;
	}
}

/* Rehash into cap slots (a power of two, more than twice the keys). */
static void rehash(strmap *m, size_t cap)
{
	strmap old = *m;
	m->cap = cap;
	/* Zeroed by writing, not calloc: a large calloc maps the zero page, whose first write
	 * (a put finds an empty slot by reading it) faults again to copy it, and flushes the
	 * TLB of every core running this process: slow while several threads fill a map. */
	m->slots = xreallocarray(NULL, m->cap, sizeof *m->slots);
	memset(m->slots, 0, m->cap * sizeof *m->slots);
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].key)
			*find(m, old.slots[i].key, old.slots[i].len, old.slots[i].hash) = old.slots[i];
	free(old.slots);
}

static int32_t get_hashed(const strmap *m, const char *key, size_t len, uint32_t h)
{
	if (!m->cap)
		return -1;
	strmap_slot *s = find(m, key, len, h);
	return s->key ? s->value : -1;
}

int32_t strmap_get(const strmap *m, const char *key, size_t len)
{
	return get_hashed(m, key, len, strmap_hash(key, len));
}

void strmap_reserve(strmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 64;
	while ((m->count + n) * 2 > cap)
		cap *= 2;
	if (cap != m->cap)
		rehash(m, cap);
}

int32_t strmap_put(strmap *m, const char *key, size_t len, int32_t value)
{
	return strmap_put_hashed(m, key, len, strmap_hash(key, len), value);
}

int32_t strmap_put_hashed(strmap *m, const char *key, size_t len, uint32_t h, int32_t value)
{
	if ((m->count + 1) * 2 > m->cap)
		rehash(m, m->cap ? m->cap * 2 : 64);
	strmap_slot *s = find(m, key, len, h);
	if (s->key)
		return s->value;
	*s = (strmap_slot){key, (uint32_t)len, h, value};
	m->count++;
	return -1;
}

void strmap_sharded_init(strmap_sharded *m)
{
	for (unsigned i = 0; i < STRMAP_SHARDS; i++)
		strmap_init(&m->shard[i]);
}

void strmap_sharded_release(strmap_sharded *m)
{
	for (unsigned i = 0; i < STRMAP_SHARDS; i++)
		strmap_release(&m->shard[i]);
}

int32_t strmap_sharded_get(const strmap_sharded *m, const char *key, size_t len)
{
	uint32_t h = strmap_hash(key, len);
	return get_hashed(&m->shard[strmap_shard_of(h)], key, len, h);
}
