/* enums: the words of the model's enumerations, from the X-macro lists in enums.h. */
#include "enums.h"
#include <string.h>
#include <strings.h>

#define WORD_ITEM(name, word) word,
static const char *const unit_types[] = {UNIT_TYPES(WORD_ITEM)};
static const char *const kinds[] = {CATEGORY_KINDS(WORD_ITEM)};
static const char *const statuses[] = {MEASURE_STATUSES(WORD_ITEM)};
static const char *const natures[] = {MEASURE_NATURES(WORD_ITEM)};
#undef WORD_ITEM

static int lookup(const char *const *words, int n, const char *s, size_t len)
{
	for (int i = 0; i < n; i++)
		if (strlen(words[i]) == len && strncasecmp(words[i], s, len) == 0)
			return i;
	return -1;
}

const char *unit_type_word(unit_type t) { return unit_types[t]; }
const char *category_kind_word(category_kind k) { return kinds[k]; }
const char *measure_status_word(measure_status s) { return statuses[s]; }
const char *measure_nature_word(measure_nature n) { return natures[n]; }

int unit_type_parse(const char *s, size_t len)
{
	return lookup(unit_types, UNIT_TYPE_COUNT, s, len);
}

int category_kind_parse(const char *s, size_t len)
{
	return lookup(kinds, KIND_COUNT, s, len);
}

int measure_status_parse(const char *s, size_t len)
{
	return lookup(statuses, STATUS_COUNT, s, len);
}

int measure_nature_parse(const char *s, size_t len)
{
	return lookup(natures, NATURE_COUNT, s, len);
}
