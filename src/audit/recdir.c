/* recdir: see recdir.h. */
#include "recdir.h"
#include "../core/xalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int recdir_open(const char *run_dir)
{
	return open(run_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

static fp_status missing_or_io(void)
{
	return errno == ENOENT || errno == ENOTDIR || errno == ELOOP ? FP_ENOINPUT : FP_EIO;
}

fp_status recdir_open_file(int root, const char *rel, int *fd, walk_kind *kind)
{
	*fd = -1;
	*kind = WALK_OTHER;
	int dir = root, owned = -1;
	const char *part = rel;
	char name[NAME_MAX + 1];
	fp_status st = FP_OK;
	/* The folders on the way, one at a time: O_NOFOLLOW refuses a link, O_DIRECTORY a
	 * FIFO or device before it is opened. */
	for (const char *slash; (slash = strchr(part, '/')) != NULL; part = slash + 1) {
		size_t n = (size_t)(slash - part);
		if (n == 0 || n > NAME_MAX) {
			errno = ENOENT;
			st = FP_ENOINPUT;
			goto out;
		}
		memcpy(name, part, n);
		name[n] = '\0';
		int next = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0) {
			st = missing_or_io();
			goto out;
		}
		if (owned >= 0)
			close(owned);
		dir = owned = next;
	}
	/* Look first, so that what is not a regular file is never opened. */
	struct stat sb;
	if (fstatat(dir, part, &sb, AT_SYMLINK_NOFOLLOW) != 0) {
		st = missing_or_io();
		goto out;
	}
	*kind = walk_kind_of(sb.st_mode);
	if (*kind != WALK_FILE) {
		st = FP_EDATA;
		goto out;
	}
	/* It may have been replaced since: O_NOFOLLOW refuses a link, O_NONBLOCK makes a FIFO
	 * open at once, and fstat says what was opened. Another regular file in its place is
	 * harmless: what is read is what is hashed. */
	int f = openat(dir, part, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (f < 0) {
		if (errno == ELOOP) {
			*kind = WALK_LINK;
			st = FP_EDATA;
		} else {
			st = missing_or_io();
		}
		goto out;
	}
	if (fstat(f, &sb) != 0 || (*kind = walk_kind_of(sb.st_mode)) != WALK_FILE) {
		st = *kind != WALK_FILE ? FP_EDATA : FP_EIO;
		close(f);
		goto out;
	}
	int flags = fcntl(f, F_GETFL);
	if (flags >= 0)
		fcntl(f, F_SETFL, flags & ~O_NONBLOCK);
	*fd = f;
out:
	if (owned >= 0) {
		int saved = errno;
		close(owned);
		errno = saved;
	}
	return st;
}

/* What recdir_list_all keeps while the walk goes: the list, and the index in it of the
 * folder being walked at each depth (its read error is set on it after its entries). */
typedef struct lister {
	recdir_list *l;
	size_t folder[RECDIR_MAX_DEPTH];
} lister;

static walk_next list_entry(const walk_entry *e, void *ctx)
{
	lister *ls = ctx;
	recdir_list *l = ls->l;
	if (e->post) { /* depth < RECDIR_MAX_DEPTH - 1: deeper folders are not entered */
		if (e->err)
			l->e[ls->folder[e->depth]].err = e->err;
		return WALK_NEXT;
	}
	VEC_GROW(l->e, l->n, l->cap);
	size_t ix = l->n++;
	l->e[ix] = (recdir_entry){xstrdup(e->rel), e->kind, e->err, false};
	if (e->kind != WALK_FOLDER)
		return WALK_NEXT;
	if (e->depth + 1 >= RECDIR_MAX_DEPTH) {
		l->e[ix].too_deep = true;
		return WALK_SKIP;
	}
	ls->folder[e->depth] = ix;
	return WALK_NEXT;
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const recdir_entry *)a)->rel, ((const recdir_entry *)b)->rel);
}

int recdir_list_all(int root, recdir_list *l)
{
	memset(l, 0, sizeof *l);
	lister ls = {l, {0}};
	int err = walk_at(root, list_entry, &ls);
	/* readdir order is the file system's: sort, so every machine reports alike. */
	if (l->n)
		qsort(l->e, l->n, sizeof *l->e, cmp_entry);
	return err;
}

void recdir_list_release(recdir_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->e[i].rel);
	free(l->e);
	memset(l, 0, sizeof *l);
}

const recdir_entry *recdir_find(const recdir_list *l, const char *rel)
{
	recdir_entry key = {(char *)rel, WALK_OTHER, 0, false};
	return l->n ? bsearch(&key, l->e, l->n, sizeof *l->e, cmp_entry) : NULL;
}
