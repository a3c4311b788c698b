/* register: the contract of the measures in the workbooks, in plain C: the full register
 * (every field and plan year, read-only) and the department head's sheet (a few locked
 * columns and the input cells), their sheets, rows and columns, the words of their headers
 * and of the statuses in Dutch and English, and what the input cells accept. export/ writes
 * both by it and returns/ reads the head's sheet of a returned unit workbook by it, so the
 * writer and the reader cannot drift apart. */
#ifndef FP_REGISTER_H
#define FP_REGISTER_H
#include "model.h"

/* The languages of the workbooks. */
typedef enum register_lang { REGISTER_NL, REGISTER_EN, REGISTER_NLANGS } register_lang;

/* The rows of every register sheet and head's sheet: a title, a note, the header, then one
 * row per measure. */
enum {
	REGISTER_TITLE_ROW = 0,
	REGISTER_NOTE_ROW = 1,
	REGISTER_HEAD_ROW = 2,
	REGISTER_FIRST_ROW = 3 /* the first measure's row */
};

/* The fixed columns of the register, then one amount per plan year from REGISTER_Y0. */
typedef enum register_col {
	REGISTER_ID,
	REGISTER_UNIT,
	REGISTER_NAME,
	REGISTER_TITLE,
	REGISTER_PILLAR,
	REGISTER_CATEGORY,
	REGISTER_NATURE,
	REGISTER_STATUS,
	REGISTER_FTE,
	REGISTER_Y0
} register_col;

/* The amount input cells take euros with at most two decimals from
 * -REGISTER_AMOUNT_MAX_EUR to REGISTER_AMOUNT_MAX_EUR (the workbook's validation;
 * register_amount_message is the message it shows otherwise, in the workbook's language). */
#define REGISTER_AMOUNT_MAX_EUR INT64_C(1000000000000)

/* The columns of the full register for one model version: every cell says what the
 * scenario's plan says; nothing is an input (the head's sheet, below, holds the inputs). */
typedef struct register_layout {
	int nyears;       /* the plan years: REGISTER_Y0 .. REGISTER_Y0 + nyears - 1 */
	int c_extra;      /* the extra columns of the measures files, nextra from here, each */
	size_t nextra;    /* name once, in order of first appearance */
	int c_origin;     /* the script line that made a measure ("" for the model's own) */
	int ncols;        /* c_origin + 1 */
	/* The header of every column (ncols), per language: the words below and the years,
	 * made unique for Excel's tables (register_layout_init). Owned by the layout. */
	char **head[REGISTER_NLANGS];
	int32_t *extra_col; /* per measures file, per its extra column: the register column */
	size_t *extra_off;  /* per measures file: its first entry in extra_col */
} register_layout;

/* register_layout_init: the full register of m's measures. Headers: the fixed words, the
 * plan years ("2023"), the extra columns' names and "Herkomst" / "Origin". Excel wants a
 * table's headers unique, ignoring case, and libxlsxwriter refuses one over TEXT_NAME_MAX
 * bytes: a header equal to an earlier one gets " (its column number)", its name cut to make
 * room. Out of memory is fatal. register_layout_release in any case. */
void register_layout_init(register_layout *l, const model *m);
void register_layout_release(register_layout *l);

/* register_extra_col: the column of extra column e of measures file file. */
int register_extra_col(const register_layout *l, int32_t file, size_t e);

/* register_sheet_word: the register's sheet name ("Maatregelen", "Measures"); the title row
 * starts with it too. */
const char *register_sheet_word(register_lang lang);

/* register_sheet_name: the name of sheet k (0-based) of a register, which continues on
 * further sheets when it is longer than a sheet holds: "Maatregelen", "Maatregelen (2)",
 * ... Returns buf, cut to cap. */
char *register_sheet_name(char *buf, size_t cap, register_lang lang, size_t k);

/* register_status_word: status s as a workbook in lang shows it ("gepland", "planned");
 * the English words are the data files' (measure_status_word). */
const char *register_status_word(register_lang lang, measure_status s);

/* register_status_parse: the status of a word of either language ("besloten",
 * "Decided"; ASCII case is ignored), or -1. */
int register_status_parse(const char *s, size_t len);

/* register_status_choices: the words the new-status cell offers (the drop-down) in lang,
 * in order, NULL after the last: register_status_word of every status. */
void register_status_choices(register_lang lang, const char *out[STATUS_COUNT + 1]);

/* ---- the department head's sheet ---- */

/* Its columns: the measure's id, title and current status (locked), the input cell for a
 * new status, the plan for the current year and the plan to date to the end of the
 * reporting period (locked), then the input cells: what was realised in the period, the
 * expected amount of the current year and each later year up to the target year, and a
 * comment. At most REGISTER_UPDATE_MAX_COLS columns in all, so that it prints on one A4
 * landscape page width: later years beyond that are not asked for. */
typedef enum register_update_col {
	UPDATE_ID,
	UPDATE_TITLE,
	UPDATE_STATUS,
	UPDATE_NEW_STATUS,
	UPDATE_PLAN,
	UPDATE_PLAN_TD,
	UPDATE_REALISED,
	UPDATE_EXPECTED /* the first of nexpected */
} register_update_col;
#define REGISTER_UPDATE_MAX_COLS 16

typedef struct register_update {
	int32_t year;  /* the current year: the year of the model's document time, within the
			* plan years; the year of the reporting period */
	int year_ix;   /* its plan-year index */
	char period[16]; /* the reporting period's label (register_update_period) */
	int period_month; /* the last month of the period in year: the plan to date runs to it */
	int nexpected; /* "Verwacht <year>" for year .. year + nexpected - 1 */
	int c_comment; /* UPDATE_EXPECTED + nexpected */
	int ncols;     /* c_comment + 1 */
	char **head[REGISTER_NLANGS]; /* ncols headers per language, owned */
} register_update;

/* register_update_period: the reporting period of the head's sheet of m in the year year
 * (the current year, below): its label, as the headers name it, into label[16], and the last
 * month it runs to. Today the reporting year itself ("2023", month 12); a hand-out run for
 * a period ("2023-Q3", month 9) will give it here, the one place that decides it. */
void register_update_period(const model *m, int32_t year, char label[16], int *last_month);

/* register_update_init: the head's sheet of model m: "Maatregel", "Titel", "Status",
 * "Nieuwe status", "Plan 2023", "Plan t/m 2023-Q3", "Gerealiseerd in 2023-Q3",
 * "Verwacht 2023" ..., "Toelichting" (in English "Measure", "Title", "Status", "New status",
 * "Plan 2023", "Plan to date 2023-Q3", "Realised in 2023-Q3", "Expected 2023", "Comment"),
 * the period as register_update_period gives it. Out of memory is fatal;
 * register_update_release in any case. */
void register_update_init(register_update *l, const model *m);
void register_update_release(register_update *l);

/* register_update_sheet_word: the head's sheet's name ("Voortgang", "Update"); a long list
 * continues on "Voortgang (2)", ... (register_update_sheet_name, as register_sheet_name). */
const char *register_update_sheet_word(register_lang lang);
char *register_update_sheet_name(char *buf, size_t cap, register_lang lang, size_t k);

/* register_amount_message: what the amount validation of the head's sheet says of a value
 * it refuses, in lang. */
const char *register_amount_message(register_lang lang);

/* register_update_note: the note row of the head's sheet. */
const char *register_update_note(register_lang lang);

/* register_readonly_note: the note row of a unit workbook's full register, which is
 * protected: where the inputs are. */
const char *register_readonly_note(register_lang lang);

#endif
