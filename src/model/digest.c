/* digest: see digest.h. */
#include "digest.h"
#include <string.h>

const char *model_file_sha256(const model *m, size_t file)
{
	if (!m->file_sha256 || file >= m->nfiles || !m->file_sha256[file][0])
		return NULL;
	return m->file_sha256[file];
}

const char *model_file_rel(const model *m, const char *path)
{
	size_t n = strlen(m->dir);
	if (strncmp(path, m->dir, n) != 0)
		return path;
	path += n;
	while (*path == '/')
		path++;
	return path;
}

bool model_digest(const model *m, bool with_actuals, char hex[HASH_HEX])
{
	hex[0] = '\0';
	if (!m->file_sha256)
		return false;
	hash_ctx *h = hash_new();
	hash_update_str(h, "fitplan-model-1");
	for (size_t i = 0; i < m->nfiles; i++) {
		const char *rel = model_file_rel(m, m->files[i]);
		const char *sha256 = model_file_sha256(m, i);
		if ((!with_actuals && strncmp(rel, "actuals/", 8) == 0) || !sha256)
			continue;
		hash_update_str(h, rel);
		hash_update_str(h, sha256);
	}
	hash_final(h, hex);
	return true;
}
