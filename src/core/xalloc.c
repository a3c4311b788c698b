/* xalloc: allocation that exits on failure (see xalloc.h). */
#include "xalloc.h"
#include "interrupt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Noreturn void xnomem(void)
{
	fputs("fitplan: error: out of memory\n", stderr);
	fflush(stdout);
	/* No half-written run folder is left behind, and the process ends at once: exit()
	 * would run its handlers while the workbook threads go on writing. */
	interrupt_exit(70);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		xnomem();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		xnomem();
	return p;
}

void *xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);
	if (!q)
		xnomem();
	return q;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > (size_t)-1 / size)
		xnomem();
	return xrealloc(p, n * size);
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}
