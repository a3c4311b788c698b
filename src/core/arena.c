/* arena: bump allocation in blocks of at least ARENA_BLOCK bytes; a large request gets a
 * block of its own so the current block's free space is not wasted. */
#include "arena.h"
#include "xalloc.h"
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#ifndef MAP_POPULATE
#define MAP_POPULATE 0 /* not Linux: the pages come a fault at a time, as from malloc */
#endif

#define ARENA_BLOCK ((size_t)1 << 20)
#define ARENA_ALIGN 16 /* strings are packed with alignment 1 */

struct arena_block {
	arena_block *next;
	size_t cap, used;
	size_t mapped; /* the bytes of its own mapping (arena_prefault), or 0: malloc'd */
	_Alignas(16) unsigned char data[];
};

void arena_init(arena *a)
{
	a->head = NULL;
	a->used_bytes = 0;
	a->prefault = false;
}

void arena_prefault(arena *a)
{
	a->prefault = true;
}

void arena_release(arena *a)
{
	arena_block *b = a->head;
	while (b) {
		arena_block *next = b->next;
		if (b->mapped)
			munmap(b, b->mapped);
		else
			free(b);
		b = next;
	}
	arena_init(a);
}

static arena_block *block_new(const arena *a, size_t cap)
{
	if (cap > SIZE_MAX - sizeof(arena_block) - 4096)
		xnomem();
	arena_block *b = NULL;
	size_t mapped = 0;
	if (a->prefault) {
		/* Every page of the block in place in one system call, instead of a page fault
		 * a page as the block fills. */
		mapped = (sizeof *b + cap + 4095) & ~(size_t)4095;
		void *p = mmap(NULL, mapped, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		if (p == MAP_FAILED)
			xnomem();
		b = p;
	} else {
		b = xmalloc(sizeof *b + cap);
	}
	b->mapped = mapped;
	b->cap = cap;
	b->used = 0;
	b->next = NULL;
	return b;
}

/* Bump allocation aligned to align (a power of two, at most ARENA_ALIGN). */
static void *alloc_aligned(arena *a, size_t size, size_t align)
{
	size_t need = (size + align - 1) & ~(align - 1);
	if (need < size)
		xnomem();
	a->used_bytes += need;
	arena_block *b = a->head;
	if (b) {
		size_t at = (b->used + align - 1) & ~(align - 1);
		if (at <= b->cap && b->cap - at >= need) {
			b->used = at + need;
			return b->data + at;
		}
	}
	if (need > ARENA_BLOCK / 4) {
		/* A big request: its own block, kept behind the current one. */
		arena_block *big = block_new(a, need);
		big->used = need;
		if (b) {
			big->next = b->next;
			b->next = big;
		} else {
			a->head = big;
		}
		return big->data;
	}
	arena_block *nb = block_new(a, ARENA_BLOCK);
	nb->next = b;
	a->head = nb;
	nb->used = need;
	return nb->data;
}

void *arena_alloc(arena *a, size_t size)
{
	return alloc_aligned(a, size, ARENA_ALIGN);
}

void *arena_zalloc(arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		xnomem();
	void *p = arena_alloc(a, n * size);
	memset(p, 0, n * size);
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
	char *p = alloc_aligned(a, len + 1, 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *p = alloc_aligned(a, (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void arena_adopt(arena *a, arena *from)
{
	arena_block *last = from->head;
	if (!last)
		return;
	while (last->next)
		last = last->next;
	/* Behind a's current block, whose free space stays a's to use. */
	if (a->head) {
		last->next = a->head->next;
		a->head->next = from->head;
	} else {
		a->head = from->head;
	}
	a->used_bytes += from->used_bytes;
	arena_init(from);
}
