/* figures: reported figures read from CSV or YAML files and checked
 * against a plan. Every figure keeps the file, line and column it came
 * from, so that an error can say where to fix it. */
#ifndef ASSAY_FIGURES_H
#define ASSAY_FIGURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "period.h"
#include "plan.h"
#include "sbuf.h"

/* One reported figure. A million of these for a province's month. */
struct figure {
	int unit, indicator;
	struct period period;
	double value;
	uint32_t note;          /* offset + 1 into figure_list.notes; 0: none */
	uint32_t file;          /* index into figure_list.files */
	int line, col;
};

/* A bonus or deduction item (加分项/扣分项) for a unit. */
struct adjustment {
	int unit;
	struct period period;
	double points;          /* + bonus, - deduction */
	char *reason, *source;  /* owned; source "" when none */
	size_t file;
	int line;
};

/* The last text a reader resolved, for the rows that repeat it (a file
 * gives a unit's figures together, a period's too). */
struct recent_text {
	char text[64];          /* "" when none */
	int index;
	struct period period;
};

struct figure_list {
	struct figure *v;
	size_t n, cap;
	struct sbuf notes;      /* the figures' notes, each NUL-terminated */
	struct recent_text unit, indicator, period;
	struct adjustment *adj;
	size_t nadj, adj_cap;
	char **files;           /* owned paths, in the order read; a workbook's
				 * sheet is "book.xlsx!sheet" */
	bool *in_cells;         /* per file: its lines and columns are a
				 * worksheet's cells (D7), not a text's */
	size_t nfiles;
	struct sbuf skipped;    /* sheets passed over as not reporting sheets,
				 * "book.xlsx!说明\n" each */
	const char *encoding;   /* the files' encoding for iconv; NULL for UTF-8 */
};

/* What a spreadsheet's cell holds besides its text (a CSV field is
 * always FIELD_TEXT). */
enum field_form {
	FIELD_TEXT,             /* text, or a number written as text */
	FIELD_NUMBER,           /* a number cell */
	FIELD_NUMBER_UNSURE,    /* a number cell whose format cannot be read
				 * (.xls): it may be shown as a percentage */
	FIELD_PERCENT,          /* a percent cell, its text the percentage seen */
	FIELD_DATE,             /* a date cell, its text "2023-08-15" */
	FIELD_ERROR,            /* an error (#DIV/0!), its text the error */
	FIELD_NO_VALUE,         /* a formula saved without its value */
};

/* One field as read, with where it stands. */
struct field {
	const char *text;
	int line, col;
	enum field_form form;
};

/* Where a field of the list's file stands, as fail_at takes it: file,
 * line and column of a text, or "book.xlsx!sheet!D7" (line and col 0) for
 * a worksheet's cell. */
struct place {
	const char *file;
	int line, col;
	char cell[512];
};
void figure_place(const struct figure_list *list, size_t file, int line, int col,
		  struct place *out);
/* fail_at at a field of the list's last file. */
int figures_fail_at(const struct figure_list *list, diag_t *d, int line, int col,
		    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Adds a file (or a workbook's sheet) to read; in_cells as for
 * figure_list.in_cells. */
void figure_list_add_file(struct figure_list *list, const char *name, bool in_cells);

/* Reads one file (by its extension: .csv, .tsv or .txt (tab-separated),
 * .xlsx, .xls, or .yaml/.yml) into list. Every
 * figure is checked against the plan: known unit and indicator, the unit
 * responsible for it, a period within the plan's year, a number that fits
 * the indicator (a '%' only for rates and shares, no negative counts). */
int figures_read_file(struct figure_list *list, const struct plan *plan, const char *path,
		      diag_t *d);
/* Puts the figures in order of period, unit and indicator (plan order),
 * the order the store keeps them in, and refuses a figure given twice
 * (same unit, indicator and period). */
int figures_check_duplicates(struct figure_list *list, const struct plan *plan, diag_t *d);
void figure_list_release(struct figure_list *list);

/* A figure's note, or "". */
const char *figure_note(const struct figure_list *list, const struct figure *f);

/* Makes room for more figures at once: a reader that knows how many rows
 * it has, so that a million figures are not grown into (and copied)
 * twenty times over. */
void figure_list_reserve(struct figure_list *list, size_t more);
/* Used by the readers: checks and appends one figure; note may be NULL. */
int figures_add(struct figure_list *list, const struct plan *plan, const struct field *unit,
		const struct field *indicator, const struct field *period,
		const struct field *value, const char *note, diag_t *d);
/* Used by the readers: checks and appends one adjustment (source may be
 * NULL). */
int figures_add_adjustment(struct figure_list *list, const struct plan *plan,
			   const struct field *unit, const struct field *period,
			   const struct field *points, const struct field *reason, const char *source,
			   diag_t *d);
/* Reads a whole file, converting it from encoding (NULL: UTF-8, or UTF-16
 * when the file starts with its byte order mark), refusing invalid text
 * and dropping a BOM; caller frees *text. */
int figures_slurp(const char *path, const char *encoding, char **text, size_t *len,
		  diag_t *d);

/* A CSV file (sep ','), or tab-separated text (sep '\t'). */
int figures_read_csv(struct figure_list *list, const struct plan *plan, char sep, diag_t *d);
/* Every reporting sheet of an Excel workbook (.xlsx) at path, each read as
 * CSV is; the other sheets are listed in list.skipped. */
int figures_read_xlsx(struct figure_list *list, const struct plan *plan, const char *path,
		      diag_t *d);
/* Every reporting sheet of an Excel 97-2003 workbook (.xls) at path, read
 * through FreeXL as .xlsx sheets are. */
int figures_read_xls(struct figure_list *list, const struct plan *plan, const char *path,
		     diag_t *d);
/* The column of an Excel cell reference: 1 for "A7", 28 for "AB7"; 0 when
 * it is not one. */
int xlsx_cell_column(const char *ref);

/* A table's rows read as figures (figures_table.c), as a CSV file or a
 * worksheet gives them: the first row is the header, then long or wide
 * rows. Reads the list's last file. */
struct figure_table_reader;
/* Whether a row is a figures table's header: it names a unit and a
 * period column. A workbook's sheet whose first row is not is passed over. */
bool figure_table_header(const char *const *fields, size_t n);
struct figure_table_reader *figure_table_reader_new(struct figure_list *list,
						    const struct plan *plan, diag_t *d);
/* One row of n fields (borrowed) at line (a worksheet's row), with their
 * forms (NULL: all text). 0, or -1 with d set; after a failure every row
 * is refused. */
int figure_table_reader_row(struct figure_table_reader *r, const char *const *fields,
			    const enum field_form *forms, size_t n, int line);
/* Whether a row failed. */
bool figure_table_reader_failed(const struct figure_table_reader *r);
/* Ends the table: -1 with d set when a row failed, the table is empty or
 * has only a header; frees r. */
int figure_table_reader_finish(struct figure_table_reader *r);
/* Frees r after a failure d already describes. */
void figure_table_reader_abandon(struct figure_table_reader *r);

struct ynode;
/* Bonus and deduction items given as YAML (the list under `adjustments`)
 * in path, as rule tests write them: an item without a period takes
 * `period` (a scalar node; NULL: every item needs one). */
int figures_read_adjustments(struct figure_list *list, const struct plan *plan,
			     const char *path, const struct ynode *seq, const struct ynode *period,
			     diag_t *d);
int figures_read_yaml(struct figure_list *list, const struct plan *plan, diag_t *d);

#endif
