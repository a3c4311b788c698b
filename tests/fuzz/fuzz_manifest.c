/* fuzz_manifest: the run-record reader (src/audit/manifest.c): the input is a bundle (see
 * fuzz.h) whose first file is manifest.json and whose later files, named by their
 * separator lines (e.g. "%% inputs/model.csv"), are written beside it; then
 * manifest_read, and manifest_check when the manifest is good, over that scratch folder,
 * as `fitplan verify` does. Checked beyond the sanitizers: a rejected manifest reported
 * something, and a good one's paths are all inside the record. */
#include "fuzz.h"
#include "audit/manifest.h"

static const char *const names[] = {"manifest.json"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char dir[300];
	snprintf(dir, sizeof dir, "%s/run", fuzz_dir());
	fuzz_clear(dir);
	fuzz_unbundle(dir, data, size, names, 1);
	diag d;
	diag_init(&d, fuzz_devnull());
	manifest mf;
	fp_status st = manifest_read(&mf, dir, &d);
	if (st != FP_OK && d.errors == 0)
		abort();
	if (st == FP_OK) {
		for (size_t i = 0; i < mf.ninputs; i++)
			if (mf.inputs[i].path[0] == '/' || strstr(mf.inputs[i].path, "..") == mf.inputs[i].path ||
			    strncmp(mf.inputs[i].path, "inputs/", 7) != 0 || strlen(mf.inputs[i].sha256) != 64)
				abort();
		unsigned long before = d.errors;
		if (manifest_check(&mf, dir, &d) != FP_OK && d.errors == before)
			abort();
	}
	manifest_release(&mf);
	return 0;
}
