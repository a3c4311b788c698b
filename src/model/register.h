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
	int32_t year;  /* the reporting year: the hand-out's period's year; for a view (no
			* period), the year of the model's document time, within the plan years */
	/* The reporting period of a hand-out ("2023-Q2", period_parse), "" for a read-only
	 * view: the hook for whatever the head's sheet says about the period
	 * (register_update_label, register_update_is_handout). */
	char period[16];
	int year_ix;   /* its plan-year index */
	char period_label[16]; /* the period as the headers name it (register_update_period) */
	int period_month; /* the last month of the period in year: the plan to date runs to it */
	int nexpected; /* "Verwacht <year>" for year .. year + nexpected - 1 */
	int c_comment; /* UPDATE_EXPECTED + nexpected */
	int ncols;     /* c_comment + 1 */
	char **head[REGISTER_NLANGS]; /* ncols headers per language, owned */
} register_update;

/* register_update_period: the reporting period of the head's sheet in the year year (the
 * reporting year, below): its label, as the headers name it, into label[16], and the last
 * month it runs to. A hand-out's period p (not NULL) gives itself ("2023-Q3", month 9); a
 * view (p NULL) the reporting year itself ("2023", month 12). The one place that decides it. */
void register_update_period(const period *p, int32_t year, char label[16], int *last_month);

/* register_update_init: the head's sheet of model m: "Maatregel", "Titel", "Status",
 * "Nieuwe status", "Plan 2023", "Plan t/m 2023-Q3", "Gerealiseerd in 2023-Q3",
 * "Verwacht 2023" ..., "Toelichting" (in English "Measure", "Title", "Status", "New status",
 * "Plan 2023", "Plan to date 2023-Q3", "Realised in 2023-Q3", "Expected 2023", "Comment"),
 * the period as register_update_period gives it. Out of memory is fatal;
 * register_update_release in any case. */
void register_update_init(register_update *l, const model *m);
void register_update_release(register_update *l);

/* register_update_init_period: as register_update_init, for the hand-out of reporting
 * period period_name (a name period_parse takes, whose year is a plan year): the reporting
 * year is the period's. NULL or "": a read-only view, as register_update_init. */
void register_update_init_period(register_update *l, const model *m, const char *period_name);

/* register_update_is_handout: l is the head's sheet of a hand-out (it has a period). */
bool register_update_is_handout(const register_update *l);

/* register_update_label: the head's sheet's title word and its period, "Voortgang
 * 2023-Q2" ("Update 2023-Q2"); for a view, the word and the year ("Voortgang 2023").
 * Into buf (cut to cap), which is returned. */
char *register_update_label(const register_update *l, register_lang lang, char *buf,
			    size_t cap);

/* register_update_view_note: the note row of a view's head's sheet: read-only, and how to
 * get a hand-out. */
const char *register_update_view_note(register_lang lang);

/* ---- the identity sheet and the fingerprints of the head's sheet ---- */

/* The hidden, protected sheet of a unit workbook that says which run, unit and period it
 * is of, in cells every spreadsheet program keeps (custom document properties are dropped
 * by some): key/value rows from row REGISTER_ID_FIRST_ROW, then the header row
 * REGISTER_ID_TABLE_HEAD (its column A says "measure") and one row per measure of the
 * head's sheet with its fingerprints (register_fp_col). docs/formats.md. */
#define REGISTER_ID_SHEET "fitplan"
#define REGISTER_ID_FORMAT "1"
#define REGISTER_ID_TABLE_HEAD "measure"
enum { REGISTER_ID_FIRST_ROW = 1 };

/* The keys of the identity sheet, in the order written. */
typedef enum register_id_key {
	REGISTER_KEY_FORMAT,
	REGISTER_KEY_MODEL,
	REGISTER_KEY_MODEL_HASH,
	REGISTER_KEY_UNIT,
	REGISTER_KEY_RUN_ID,
	REGISTER_KEY_SCENARIO,
	REGISTER_KEY_PERIOD,
	REGISTER_KEY_LANG,
	REGISTER_KEY_HANDOUT,
	REGISTER_KEY_FITPLAN,
	REGISTER_NKEYS
} register_id_key;

/* register_id_key_word: "format", "model", "model_hash", "unit", "run_id", "scenario",
 * "period", "lang", "handout", "fitplan". */
const char *register_id_key_word(register_id_key k);

/* The columns of a measure's row in the identity sheet: its id, then one fingerprint per
 * field of what the head was shown and what the return depends on, then one over them all. */
typedef enum register_fp_col {
	REGISTER_FP_ID,
	REGISTER_FP_UNIT,   /* the unit's code */
	REGISTER_FP_TITLE,
	REGISTER_FP_STATUS, /* the status shown, as its English word */
	REGISTER_FP_PLAN,   /* the plan amount of the reporting year (the locked Plan cell) */
	REGISTER_FP_YEARS,  /* the plan to date and the plan amounts of every year the sheet
			     * asks an expected amount for */
	REGISTER_FP_ALL,    /* over the fields above */
	REGISTER_FP_NCOLS
} register_fp_col;

/* A fingerprint: the first 16 hex digits (64 bits) of a SHA-256. */
#define REGISTER_FP_HEX 17

/* register_fp_head: the header of column c ("measure", "unit", "title", "status", "plan",
 * "years", "all"); the field's name in import's messages. */
const char *register_fp_head(register_fp_col c);

/* register_fp: the fingerprint of field c holding value: SHA-256 over a tag, the field's
 * name and value, cut to 16 hex digits. */
void register_fp(register_fp_col c, const char *value, char out[REGISTER_FP_HEX]);

/* register_fp_amount: the fingerprint of one amount in field c (REGISTER_FP_PLAN), as
 * cents in decimal. */
void register_fp_amount(register_fp_col c, int64_t cents, char out[REGISTER_FP_HEX]);

/* register_fp_measure: every fingerprint of measure ms (of the scenario's plan, unit code
 * unit_code) as the head's sheet l shows it: out[REGISTER_FP_ID] is empty (the id is kept
 * as it is). */
void register_fp_measure(const register_update *l, const measure *ms, const char *unit_code,
			 char out[REGISTER_FP_NCOLS][REGISTER_FP_HEX]);

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
