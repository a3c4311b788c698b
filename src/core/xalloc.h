/* xalloc: allocation that cannot fail. Out of memory is fatal in a command-line tool:
 * these print "fitplan: error: out of memory" and exit 70 instead of returning NULL. */
#ifndef FP_XALLOC_H
#define FP_XALLOC_H
#include <stddef.h>
#include <stdlib.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/* xreallocarray: grow p to n elements of size bytes each, checking n * size for overflow. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
/* xnomem: report out of memory and exit; for callbacks of libraries that returned NULL. */
_Noreturn void xnomem(void);

/* VEC_GROW: make room for one more element in a (ptr, len, cap) array. */
#define VEC_GROW(ptr, len, cap)                                            \
	do {                                                               \
		if ((len) >= (cap)) {                                      \
			(cap) = (cap) ? (cap) * 2 : 16;                    \
			(ptr) = xreallocarray((ptr), (cap), sizeof *(ptr)); \
		}                                                          \
	} while (0)

#endif
