/* walk: see walk.h. Recursion is as deep as the folders entered, one descriptor each; a
 * caller bounds it by saying WALK_SKIP (the record reader stops at RECDIR_MAX_DEPTH). */
#include "walk.h"
#include "../core/xalloc.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

walk_kind walk_kind_of(mode_t m)
{
	if (S_ISREG(m))
		return WALK_FILE;
	if (S_ISDIR(m))
		return WALK_FOLDER;
	if (S_ISLNK(m))
		return WALK_LINK;
	if (S_ISFIFO(m))
		return WALK_FIFO;
	if (S_ISSOCK(m))
		return WALK_SOCKET;
	if (S_ISCHR(m) || S_ISBLK(m))
		return WALK_DEVICE;
	return WALK_OTHER;
}

const char *walk_kind_words(walk_kind k)
{
	switch (k) {
	case WALK_FILE: return "a file";
	case WALK_FOLDER: return "a folder";
	case WALK_LINK: return "a symbolic link";
	case WALK_FIFO: return "a FIFO";
	case WALK_SOCKET: return "a socket";
	case WALK_DEVICE: return "a device";
	case WALK_OTHER: break;
	}
	return "an unknown kind of file";
}

/* prefix/name, or name below the root (malloc'ed). */
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

/* Walk the folder open as fd (taken over), whose path below the root is prefix (NULL for
 * the root). Returns 0, or errno when it could not be opened or read to its end. */
static int walk_dir(int fd, const char *prefix, int depth, walk_fn fn, void *ctx, bool *stop)
{
	DIR *dp = fdopendir(fd);
	if (!dp) {
		int err = errno;
		close(fd);
		return err;
	}
	int err = 0;
	while (!*stop) {
		errno = 0; /* readdir's end and its failure differ only by errno */
		struct dirent *de = readdir(dp);
		if (!de) {
			err = errno;
			break;
		}
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		struct stat sb;
		walk_entry e = {dirfd(dp), de->d_name, NULL, depth, WALK_OTHER, NULL, 0, false};
		if (fstatat(e.dirfd, e.name, &sb, AT_SYMLINK_NOFOLLOW) == 0) {
			e.kind = walk_kind_of(sb.st_mode);
			e.sb = &sb;
		} else {
			e.err = errno;
		}
		char *rel = child(prefix, e.name);
		e.rel = rel;
		walk_next next = fn(&e, ctx);
		if (next == WALK_STOP) {
			*stop = true;
		} else if (e.kind == WALK_FOLDER && next == WALK_NEXT) {
			/* O_NOFOLLOW: replaced by a link since it was looked at, it is not entered */
			int sub = openat(e.dirfd, e.name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
								  O_CLOEXEC);
			e.err = sub < 0 ? errno : walk_dir(sub, rel, depth + 1, fn, ctx, stop);
			e.post = true;
			if (!*stop && fn(&e, ctx) == WALK_STOP)
				*stop = true;
		}
		free(rel);
	}
	closedir(dp);
	return err;
}

int walk_at(int root, walk_fn fn, void *ctx)
{
	int fd = openat(root, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	bool stop = false;
	return walk_dir(fd, NULL, 0, fn, ctx, &stop);
}
