/* enums: the enumerations of a model version (unit types, category kinds, measure statuses
 * and natures) as X-macro lists of their constant and the word the CSV files use, and the
 * conversions between the two. The lists are the one place a word is spelled. */
#ifndef FP_MODEL_ENUMS_H
#define FP_MODEL_ENUMS_H
#include <stddef.h>

#define UNIT_TYPES(X)                       \
	X(UNIT_ORGANISATION, "organisation") \
	X(UNIT_DIVISION, "division")         \
	X(UNIT_DIRECTORATE, "directorate")   \
	X(UNIT_DEPARTMENT, "department")     \
	X(UNIT_SERVICE, "service")           \
	X(UNIT_COST_CENTRE, "cost_centre")
#define CATEGORY_KINDS(X)                   \
	X(KIND_PERSONNEL, "personnel")       \
	X(KIND_PROCUREMENT, "procurement")   \
	X(KIND_OTHER_COST, "other_cost")     \
	X(KIND_DEPRECIATION, "depreciation") \
	X(KIND_REVENUE, "revenue")
#define MEASURE_STATUSES(X)            \
	X(STATUS_IDEA, "idea")          \
	X(STATUS_PLANNED, "planned")    \
	X(STATUS_DECIDED, "decided")    \
	X(STATUS_REALISED, "realised")
#define MEASURE_NATURES(X)                  \
	X(NATURE_STRUCTURAL, "structural")   \
	X(NATURE_INCIDENTAL, "incidental")

#define ENUM_ITEM(name, word) name,
typedef enum unit_type { UNIT_TYPES(ENUM_ITEM) UNIT_TYPE_COUNT } unit_type;
typedef enum category_kind { CATEGORY_KINDS(ENUM_ITEM) KIND_COUNT } category_kind;
typedef enum measure_status { MEASURE_STATUSES(ENUM_ITEM) STATUS_COUNT } measure_status;
typedef enum measure_nature { MEASURE_NATURES(ENUM_ITEM) NATURE_COUNT } measure_nature;
#undef ENUM_ITEM
#define PILLAR_COUNT 3

/* The words of the CSV files for each enumeration, and their reverse (-1 when unknown;
 * ASCII case is ignored). */
const char *unit_type_word(unit_type t);
const char *category_kind_word(category_kind k);
const char *measure_status_word(measure_status s);
const char *measure_nature_word(measure_nature n);
int unit_type_parse(const char *s, size_t len);
int category_kind_parse(const char *s, size_t len);
int measure_status_parse(const char *s, size_t len);
int measure_nature_parse(const char *s, size_t len);

#endif
