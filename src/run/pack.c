/* pack: see pack.h. */
#include "pack.h"
#include "inrecord.h"
#include "office.h"
#include "rerun.h"
#include "../core/xalloc.h"
#include "../io/atomic.h"
#include "../io/text.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The first bytes of every PDF (ISO 32000-1, 7.5.2). */
static const char pdf_magic[] = "%PDF-";

fp_status pack_open(pack *pk, const char *run_dir, diag *d)
{
	pk->run_dir = run_dir;
	fp_status st = manifest_read(&pk->mf, run_dir, d);
	if (st == FP_OK)
		st = manifest_check(&pk->mf, run_dir, d);
	if (st == FP_OK || st == FP_ENOINPUT)
		return st;
	diag_finish(d);
	fprintf(stderr, "fitplan: %s: error: the run record was changed or is incomplete; no "
			"pack made\n", run_dir);
	return FP_EDATA;
}

void pack_close(pack *pk)
{
	manifest_release(&pk->mf);
}

/* p without its trailing slashes ("/" stays). */
static void trim_slashes(char *p)
{
	size_t n = strlen(p);
	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
}

/* The run folder as named, with a symbolic link at its last part followed (a few times at
 * most), so that "reports/latest" becomes "reports/<model>/<run id>". malloc'ed. */
static char *follow_link(const char *run_dir)
{
	char *p = xstrdup(run_dir);
	trim_slashes(p);
	for (int hops = 0; hops < 8; hops++) {
		struct stat sb;
		char target[PATH_MAX];
		ssize_t n;
		if (lstat(p, &sb) != 0 || !S_ISLNK(sb.st_mode) ||
		    (n = readlink(p, target, sizeof target - 1)) <= 0)
			break;
		target[n] = '\0';
		char *slash = strrchr(p, '/');
		char *next;
		if (target[0] == '/' || !slash) {
			next = xstrdup(target);
		} else {
			size_t len = (size_t)(slash - p) + strlen(target) + 2;
			next = xmalloc(len);
			snprintf(next, len, "%.*s/%s", (int)(slash - p), p, target);
		}
		free(p);
		p = next;
		trim_slashes(p);
	}
	return p;
}

/* A scenario name that can be part of a file name as it is: not empty, no '/', no
 * control byte, not starting with '.' or '-'. A record's own names always are (they are
 * its scripts' names); a forged one might not be. */
static bool file_name_part(const char *s)
{
	if (!*s || *s == '.' || *s == '-')
		return false;
	for (; *s; s++)
		if (*s == '/' || (unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return true;
}

char *pack_default_out(const pack *pk, int scen, fp_status *st, diag *d)
{
	const char *name = pk->mf.scenarios[scen].name;
	if (!file_name_part(name)) {
		diag_report(d, DIAG_ERROR, FP_EDATA, pk->run_dir, 0, 0,
			    "the scenario name %s cannot be part of a file name; give --out FILE.pdf",
			    text_quotez(name));
		*st = FP_EDATA;
		return NULL;
	}
	char *p = follow_link(pk->run_dir);
	char *slash = strrchr(p, '/');
	const char *base = slash ? slash + 1 : p;
	if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
		/* "." or "dir/..": the folder's own name is what names the pack. */
		char *real = realpath(p, NULL);
		free(p);
		p = real ? real : xstrdup("/");
		slash = strrchr(p, '/');
		base = slash + 1;
	}
	size_t len = strlen(p) + strlen(name) + sizeof "/-.pdf";
	char *out = xmalloc(len);
	if (!slash)
		snprintf(out, len, "%s-%s.pdf", base, name);
	else if (slash == p)
		snprintf(out, len, "/%s-%s.pdf", base, name);
	else
		snprintf(out, len, "%.*s/%s-%s.pdf", (int)(slash - p), p, base, name);
	free(p);
	*st = FP_OK;
	return out;
}

/* Why path may not be replaced by a pack, or NULL when it may: a regular file (not a link)
 * that starts with "%PDF-". */
static const char *not_a_pdf(const char *path)
{
	struct stat sb;
	if (lstat(path, &sb) != 0)
		return NULL; /* gone meanwhile: nothing to replace */
	if (S_ISLNK(sb.st_mode))
		return "a symbolic link";
	if (!S_ISREG(sb.st_mode))
		return S_ISDIR(sb.st_mode) ? "a folder" : "a special file";
	char head[sizeof pdf_magic - 1];
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
	ssize_t n = fd >= 0 ? read(fd, head, sizeof head) : -1;
	if (fd >= 0)
		close(fd);
	if (n != (ssize_t)sizeof head || memcmp(head, pdf_magic, sizeof head) != 0)
		return "it does not start with %PDF-";
	return NULL;
}

/* The rule of --force (an outdir_replace_fn; ctx unused). */
static fp_status pdf_replaceable(const char *target, void *ctx, diag *d)
{
	(void)ctx;
	const char *why = not_a_pdf(target);
	if (!why)
		return FP_OK;
	diag_report(d, DIAG_ERROR, FP_ECANTCREAT, target, 0, 0,
		    "not a PDF (%s); --force replaces only a PDF", why);
	return FP_ECANTCREAT;
}

/* out may be written: in no run record, not a folder (the run folder itself above all:
 * "the file exists" or "not a PDF" would not say why), and free or (with force) a PDF. */
static fp_status out_writable(const char *out, bool force, diag *d)
{
	fp_status st = inrecord_refuse(out, d);
	if (st != FP_OK || !path_exists(out))
		return st;
	struct stat sb;
	if (stat(out, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		/* A record found for a name inside out: out is one (or in one, refused above). */
		char *inside = manifest_join(out, "pack.pdf");
		char *rec = inrecord_find(inside);
		free(inside);
		if (rec)
			diag_report(d, DIAG_ERROR, FP_ECANTCREAT, out, 0, 0,
				    "the run record itself, not a file (the pack is a print of the "
				    "record, not part of it): give --out FILE.pdf outside it");
		else
			diag_report(d, DIAG_ERROR, FP_ECANTCREAT, out, 0, 0,
				    "a folder, not a file: give --out FILE.pdf");
		free(rec);
		return FP_ECANTCREAT;
	}
	if (!force) {
		diag_report(d, DIAG_ERROR, FP_ECANTCREAT, out, 0, 0,
			    "the file exists; --force replaces it if it is a PDF");
		return FP_ECANTCREAT;
	}
	return pdf_replaceable(out, NULL, d);
}

/* Whether the PDF in (read from its start so far) ends as a whole one does: "%%EOF" in
 * its last 1024 bytes, where readers look for it (ISO 32000-1, 7.5.5). A converter that
 * stopped half-way, yet exited 0, leaves a file without it. in is left where it was. */
static bool pdf_whole(FILE *in)
{
	long at = ftell(in);
	char tail[1024 + 1];
	if (at < 0 || fseek(in, 0, SEEK_END) != 0)
		return false;
	long size = ftell(in);
	long from = size > 1024 ? size - 1024 : 0;
	size_t n = fseek(in, from, SEEK_SET) == 0 ? fread(tail, 1, 1024, in) : 0;
	bool whole = false;
	for (size_t i = 0; i + 5 <= n && !whole; i++)
		whole = memcmp(tail + i, "%%EOF", 5) == 0;
	if (fseek(in, at, SEEK_SET) != 0)
		return false;
	return whole;
}

/* What copy_pdf copies: the PDF LibreOffice wrote, and the workbook as messages name it. */
typedef struct pdf_copy {
	const char *from, *shown;
} pdf_copy;

/* atomic_write_file's fill: the PDF LibreOffice wrote (ctx a pdf_copy), which must be a
 * whole one; a fault is reported at the workbook, as LibreOffice's other faults are. */
static fp_status copy_pdf(FILE *f, void *ctx, diag *d)
{
	const pdf_copy *pc = ctx;
	const char *from = pc->from;
	FILE *in = fopen(from, "rb");
	if (!in) {
		diag_report(d, DIAG_ERROR, FP_EUNAVAILABLE, from, 0, 0, "cannot read: %s",
			    strerror(errno));
		return FP_EUNAVAILABLE;
	}
	char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof buf, in);
	fp_status st = FP_OK;
	if (n < sizeof pdf_magic - 1 || memcmp(buf, pdf_magic, sizeof pdf_magic - 1) != 0) {
		diag_report(d, DIAG_ERROR, FP_EUNAVAILABLE, pc->shown, 0, 0,
			    "LibreOffice wrote a file that is not a PDF");
		st = FP_EUNAVAILABLE;
	} else if (!pdf_whole(in)) {
		diag_report(d, DIAG_ERROR, FP_EUNAVAILABLE, pc->shown, 0, 0,
			    "LibreOffice wrote an incomplete PDF (no %%%%EOF at its end)");
		st = FP_EUNAVAILABLE;
	}
	for (; st == FP_OK && n > 0; n = fread(buf, 1, sizeof buf, in))
		fwrite(buf, 1, n, f); /* a write error shows in f (atomic.h) */
	if (st == FP_OK && ferror(in)) {
		diag_report(d, DIAG_ERROR, FP_EIO, from, 0, 0, "cannot read: %s", strerror(errno));
		st = FP_EIO;
	}
	fclose(in);
	return st;
}

/* Copy the workbook into the scratch folder, convert it there and put the PDF at out. */
static fp_status convert(const pack *pk, const manifest_file *book, const char *program,
			 const char *scratch, const char *out, bool force, unsigned timeout_s,
			 diag *d)
{
	char *input = manifest_join(scratch, "book/" PACK_WORKBOOK);
	char *pdfdir = manifest_join(scratch, "pdf");
	char *expect = manifest_join(pdfdir, "monitor.pdf");
	char *profile = manifest_join(scratch, "profile");
	char *log = manifest_join(scratch, "office.log");
	char *shown = manifest_join(pk->run_dir, book->path);
	fp_status st = manifest_copy_output(&pk->mf, pk->run_dir, book, input, d);
	if (st == FP_EDATA)
		fprintf(stderr, "fitplan: %s: error: the run record changed while pack read it; "
				"no pack made\n", pk->run_dir);
	if (st == FP_OK) {
		office_job j = {.program = program, .profile = profile, .input = input,
				.shown = shown, .outdir = pdfdir, .expect = expect, .log = log,
				.timeout_s = timeout_s};
		st = office_convert(&j, d);
	}
	pdf_copy pc = {.from = expect, .shown = shown};
	if (st == FP_OK && strcmp(out, PACK_STDOUT) == 0) {
		/* Standard output: the PDF's bytes as they come; a reader that went away is a
		 * write error (or SIGPIPE, which removes the scratch folder). */
		st = copy_pdf(stdout, &pc, d);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			if (st == FP_OK)
				diag_report(d, DIAG_ERROR, FP_EIO, NULL, 0, 0,
					    "cannot write the PDF to standard output: %s",
					    strerror(errno));
			st = FP_EIO;
		}
	} else if (st == FP_OK) {
		st = atomic_write_file(out, copy_pdf, &pc, force ? pdf_replaceable : NULL, NULL, d);
	}
	free(shown);
	free(log);
	free(profile);
	free(expect);
	free(pdfdir);
	free(input);
	return st;
}

fp_status pack_write(const pack *pk, int scen, const char *out, bool force,
		     unsigned timeout_s, diag *d)
{
	const char *name = pk->mf.scenarios[scen].name;
	size_t len = strlen(name) + sizeof "/" PACK_WORKBOOK;
	char *rel = xmalloc(len);
	snprintf(rel, len, "%s/%s", name, PACK_WORKBOOK);
	const manifest_file *book = manifest_output(&pk->mf, rel);
	if (!book)
		diag_report(d, DIAG_ERROR, FP_ENOINPUT, pk->run_dir, 0, 0,
			    "the record has no committee workbook %s (the run was made with "
			    "--no-workbooks?)", text_quotez(rel));
	free(rel);
	if (!book)
		return FP_ENOINPUT;
	fp_status st = strcmp(out, PACK_STDOUT) == 0 ? FP_OK : out_writable(out, force, d);
	if (st != FP_OK)
		return st;
	char *program = office_find();
	if (!program) {
		diag_report(d, DIAG_ERROR, FP_EUNAVAILABLE, NULL, 0, 0,
			    "LibreOffice is not installed (no soffice or libreoffice on PATH); "
			    "fitplan pack needs it to print the workbook: " OFFICE_INSTALL_HINT);
		return FP_EUNAVAILABLE;
	}
	rerun rr; /* for its scratch folder, which a signal removes */
	st = rerun_begin(&rr, "pack", d);
	if (st == FP_OK)
		st = convert(pk, book, program, rr.scratch, out, force, timeout_s, d);
	rerun_end(&rr);
	free(program);
	return st;
}
