/* register: the contract of the measure register in the workbooks, in plain C: its sheets,
 * rows and columns, the words of its header in Dutch and English, which columns are input
 * cells and what they accept. export/book.c writes the register by it and returns/ reads
 * returned unit workbooks by it, so the writer and the reader cannot drift apart. */
#ifndef FP_REGISTER_H
#define FP_REGISTER_H
#include "model.h"

/* The languages of the workbooks. */
typedef enum register_lang { REGISTER_NL, REGISTER_EN, REGISTER_NLANGS } register_lang;

/* The rows of every register sheet: a title, a note, the header, then one row per measure. */
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

/* The amount input cells take whole euros from -REGISTER_AMOUNT_MAX_EUR to
 * REGISTER_AMOUNT_MAX_EUR (the workbook's validation; the message it shows otherwise). */
#define REGISTER_AMOUNT_MAX_EUR INT64_C(1000000000000)
#define REGISTER_AMOUNT_MESSAGE "hele euro's / whole euros"

/* The columns of the register for one model version. Left of the inputs every cell is
 * locked and says what the model version says; with inputs (a unit's workbook), the
 * columns from c_new_status to the last are the input cells. */
typedef struct register_layout {
	bool inputs;
	int nyears;       /* the plan years: REGISTER_Y0 .. REGISTER_Y0 + nyears - 1 */
	int c_extra;      /* the extra columns of the measures files, nextra from here, each */
	size_t nextra;    /* name once, in order of first appearance */
	int c_origin;     /* the script line that made a measure ("" for the model's own) */
	int c_new_status; /* input: a status (register_status_choices) */
	int c_realised;   /* input: realised in the period, whole euros */
	int c_expected;   /* input: expected per plan year (nyears of them), whole euros */
	int c_comment;    /* input: text */
	int ncols;        /* without inputs c_origin + 1: the input columns are not there */
	/* The header of every column (ncols), per language: the words below and the years,
	 * made unique for Excel's tables (register_layout_init). Owned by the layout. */
	char **head[REGISTER_NLANGS];
	int32_t *extra_col; /* per measures file, per its extra column: the register column */
	size_t *extra_off;  /* per measures file: its first entry in extra_col */
} register_layout;

/* register_layout_init: the register of m's measures, with or without the input columns.
 * Headers: the fixed words, the plan years ("2023"), the extra columns' names, "Herkomst"
 * / "Origin", and with inputs "Nieuwe status", "Gerealiseerd", "Verwacht 2023" ...,
 * "Toelichting" (in English "New status", "Realised", "Expected 2023", "Comment"). Excel
 * wants a table's headers unique, ignoring case, and libxlsxwriter refuses one over
 * TEXT_NAME_MAX bytes: a header equal to an earlier one gets " (its column number)", its
 * name cut to make room. Out of memory is fatal. register_layout_release in any case. */
void register_layout_init(register_layout *l, const model *m, bool inputs);
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

/* register_input_note: the note row of a register with inputs. */
const char *register_input_note(register_lang lang);

/* register_status_choices: the words the new-status cell offers (the drop-down), in
 * order, NULL after the last: measure_status_word of every status. */
void register_status_choices(const char *out[STATUS_COUNT + 1]);

#endif
