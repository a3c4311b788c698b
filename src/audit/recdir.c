/* recdir: see recdir.h. */
#include "recdir.h"
#include "../core/xalloc.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *recdir_kind_words(recdir_kind k)
{
	switch (k) {
	case RECDIR_FILE: return "a file";
	case RECDIR_FOLDER: return "a folder";
	case RECDIR_LINK: return "a symbolic link";
	case RECDIR_FIFO: return "a FIFO";
	case RECDIR_SOCKET: return "a socket";
	case RECDIR_DEVICE: return "a device";
	case RECDIR_OTHER: break;
	}
	return "an unknown kind of file";
}

static recdir_kind kind_of(mode_t m)
{
	if (S_ISREG(m))
		return RECDIR_FILE;
	if (S_ISDIR(m))
		return RECDIR_FOLDER;
	if (S_ISLNK(m))
		return RECDIR_LINK;
	if (S_ISFIFO(m))
		return RECDIR_FIFO;
	if (S_ISSOCK(m))
		return RECDIR_SOCKET;
	if (S_ISCHR(m) || S_ISBLK(m))
		return RECDIR_DEVICE;
	return RECDIR_OTHER;
}

int recdir_open(const char *run_dir)
{
	return open(run_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

static fp_status missing_or_io(void)
{
	return errno == ENOENT || errno == ENOTDIR || errno == ELOOP ? FP_ENOINPUT : FP_EIO;
}

fp_status recdir_open_file(int root, const char *rel, int *fd, recdir_kind *kind)
{
	*fd = -1;
	*kind = RECDIR_OTHER;
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
	*kind = kind_of(sb.st_mode);
	if (*kind != RECDIR_FILE) {
		st = FP_EDATA;
		goto out;
	}
	/* It may have been replaced since: O_NOFOLLOW refuses a link, O_NONBLOCK makes a FIFO
	 * open at once, and fstat says what was opened. Another regular file in its place is
	 * harmless: what is read is what is hashed. */
	int f = openat(dir, part, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (f < 0) {
		if (errno == ELOOP) {
			*kind = RECDIR_LINK;
			st = FP_EDATA;
		} else {
			st = missing_or_io();
		}
		goto out;
	}
	if (fstat(f, &sb) != 0 || (*kind = kind_of(sb.st_mode)) != RECDIR_FILE) {
		st = *kind != RECDIR_FILE ? FP_EDATA : FP_EIO;
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

static size_t push(recdir_list *l, char *rel, recdir_kind kind)
{
	VEC_GROW(l->e, l->n, l->cap);
	l->e[l->n] = (recdir_entry){rel, kind, 0, false};
	return l->n++;
}

static char *child(const char *prefix, const char *name)
{
	size_t a = prefix ? strlen(prefix) : 0, b = strlen(name);
	char *s = xmalloc(a + b + 2);
	if (prefix) {
		memcpy(s, prefix, a);
		s[a++] = '/';
	}
	memcpy(s + a, name, b + 1);
	return s;
}

/* List the folder open as fd (taken over) whose entry is l->e[self] (none for the root).
 * Recursion is as deep as the folders, at most RECDIR_MAX_DEPTH, one descriptor each.
 * Returns 0, or errno when the folder itself could not be read (also set on its entry). */
static int list_dir(int fd, recdir_list *l, long self, int depth)
{
	DIR *dp = fdopendir(fd);
	if (!dp) {
		int err = errno;
		if (self >= 0)
			l->e[self].err = err;
		close(fd);
		return err;
	}
	const char *prefix_src = self >= 0 ? l->e[self].rel : NULL;
	char *prefix = prefix_src ? xstrdup(prefix_src) : NULL; /* l->e moves as it grows */
	struct dirent *de;
	errno = 0;
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		struct stat sb;
		recdir_kind kind = RECDIR_OTHER;
		int err = 0;
		if (fstatat(dirfd(dp), de->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0)
			kind = kind_of(sb.st_mode);
		else
			err = errno;
		size_t ix = push(l, child(prefix, de->d_name), kind);
		l->e[ix].err = err;
		if (kind == RECDIR_FOLDER) {
			if (depth + 1 >= RECDIR_MAX_DEPTH) {
				l->e[ix].too_deep = true;
			} else {
				int sub = openat(dirfd(dp), de->d_name,
						 O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
				if (sub < 0)
					l->e[ix].err = errno;
				else
					list_dir(sub, l, (long)ix, depth + 1);
			}
		}
		errno = 0;
	}
	int err = errno;
	if (err != 0 && self >= 0)
		l->e[self].err = err;
	closedir(dp);
	free(prefix);
	return err;
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const recdir_entry *)a)->rel, ((const recdir_entry *)b)->rel);
}

int recdir_list_all(int root, recdir_list *l)
{
	memset(l, 0, sizeof *l);
	int fd = openat(root, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int err = fd < 0 ? errno : list_dir(fd, l, -1, 0);
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
	recdir_entry key = {(char *)rel, RECDIR_OTHER, 0, false};
	return l->n ? bsearch(&key, l->e, l->n, sizeof *l->e, cmp_entry) : NULL;
}
