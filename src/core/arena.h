/* arena: one bump allocator per run for everything parsed. Nothing allocated from an
 * arena is freed on its own; arena_release frees it all at once. Allocations are
 * 16-byte aligned and never fail (out of memory is fatal, see xalloc.h). */
#ifndef FP_ARENA_H
#define FP_ARENA_H
#include <stdbool.h>
#include <stddef.h>

typedef struct arena_block arena_block;
typedef struct arena {
	arena_block *head;
	size_t used_bytes; /* total handed out, for the benchmark's memory figures */
	bool prefault;     /* arena_prefault */
} arena;

void arena_init(arena *a);
/* arena_prefault: the blocks a makes from now on have their pages in place (mapped with
 * MAP_POPULATE): for an arena that fills many blocks at once (a reading thread's), one
 * system call a block instead of a page fault a page. A block is used whole, so at most
 * one block's unused tail costs memory. arena_init ends it. */
void arena_prefault(arena *a);
/* arena_release: free every block; the arena can be used again after arena_init. */
void arena_release(arena *a);
/* arena_adopt: move everything allocated from `from` into a (nothing is copied: it stays
 * where it is and is freed with a); `from` is left empty, as after arena_init. For a
 * thread that allocated into an arena of its own. */
void arena_adopt(arena *a, arena *from);
/* arena_alloc: size bytes, uninitialised. */
void *arena_alloc(arena *a, size_t size);
/* arena_zalloc: n * size bytes, zeroed; overflow of n * size is fatal. */
void *arena_zalloc(arena *a, size_t n, size_t size);
/* arena_strndup: a NUL-terminated copy of s[0..len). */
char *arena_strndup(arena *a, const char *s, size_t len);
char *arena_strdup(arena *a, const char *s);
/* arena_printf: a formatted string in the arena. */
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
