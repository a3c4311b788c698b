/* digest: what a model version was made of, by the SHA-256 of each of its files as it was
 * read (model_load_hashed): the files a run records and copies, and the model hash that
 * the workbooks carry so that import can refuse a sheet of another version. Nothing here
 * reads a file: every digest is of the bytes the model was loaded from. */
#ifndef FP_DIGEST_H
#define FP_DIGEST_H
#include "model.h"

/* model_file_sha256: the digest of m->files[file] as it was read, or NULL when the model
 * was loaded without hashing or the file was not read. */
const char *model_file_sha256(const model *m, size_t file);

/* model_file_rel: path (one of m->files) inside the model version's folder:
 * "measures/a.csv". A path outside it is returned as it is. */
const char *model_file_rel(const model *m, const char *path);

/* model_digest: the model hash of a version's plan data: SHA-256 over the name and digest
 * of every file it read but, unless with_actuals, the actuals (which change every
 * reporting period without making it another version). false, and hex "", when m was
 * loaded without hashing. */
bool model_digest(const model *m, bool with_actuals, char hex[HASH_HEX]);

#endif
