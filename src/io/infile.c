/* infile: see infile.h. Opened without blocking, so that a FIFO without a writer is found
 * out by fstat instead of waited on; the descriptor is made blocking again for reading. */
#include "infile.h"
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *kind_of(mode_t mode)
{
	return S_ISFIFO(mode)  ? "a FIFO or pipe"
	       : S_ISSOCK(mode) ? "a socket"
	       : S_ISCHR(mode)  ? "a character device"
	       : S_ISBLK(mode)  ? "a block device"
				: "not a regular file";
}

FILE *infile_open(const char *path, diag *d, fp_status *st)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		diag_report(d, DIAG_ERROR, FP_ENOINPUT, path, 0, 0, "cannot open: %s",
			    strerror(errno));
		*st = FP_ENOINPUT;
		return NULL;
	}
	struct stat sb;
	if (fstat(fd, &sb) != 0) {
		diag_report(d, DIAG_ERROR, FP_EIO, path, 0, 0, "read error: %s", strerror(errno));
		close(fd);
		*st = FP_EIO;
		return NULL;
	}
	if (S_ISDIR(sb.st_mode)) {
		diag_report(d, DIAG_ERROR, FP_EIO, path, 0, 0, "read error: %s", strerror(EISDIR));
		close(fd);
		*st = FP_EIO;
		return NULL;
	}
	if (!S_ISREG(sb.st_mode)) {
		diag_report(d, DIAG_ERROR, FP_ENOINPUT, path, 0, 0,
			    "not a file but %s: an input is read again for the run record, so it "
			    "must be a file",
			    kind_of(sb.st_mode));
		close(fd);
		*st = FP_ENOINPUT;
		return NULL;
	}
	int flags = fcntl(fd, F_GETFL);
	FILE *f = flags >= 0 && fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == 0 ? fdopen(fd, "rb")
									       : NULL;
	if (!f) {
		diag_report(d, DIAG_ERROR, FP_EIO, path, 0, 0, "read error: %s", strerror(errno));
		close(fd);
		*st = FP_EIO;
	}
	return f;
}
