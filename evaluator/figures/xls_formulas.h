/* The formula cells of an Excel 97-2003 workbook (.xls) and the values
 * saved with them. FreeXL reads no FORMULA record: through it a formula
 * cell, with its saved value or without one, is an empty cell. These are
 * read from the workbook's BIFF records instead: the stream is taken out
 * of its OLE2 container by libgsf, and its records are walked here. */
#ifndef ASSAY_XLS_FORMULAS_H
#define ASSAY_XLS_FORMULAS_H

#include <stddef.h>

#include "diag.h"
#include "figures.h"

/* A formula cell as the workbook saved it. form is FIELD_NO_VALUE when no
 * value was saved with the formula (README, "Old .xls workbooks", says
 * when that is), FIELD_ERROR for an error (text "#DIV/0!"), FIELD_TEXT
 * for text or a boolean ("1", "0"); a number is read by its cell's number
 * format, as sheet_number_text() does (FIELD_PERCENT "9.5", FIELD_DATE
 * "2023-06-20", FIELD_NUMBER), FIELD_NUMBER_UNSURE when the workbook does
 * not define the cell's style. */
struct xls_formula {
	unsigned row, col;      /* 0-based, as FreeXL counts */
	enum field_form form;
	char *text;             /* owned; "" when there is no value */
};

struct xls_sheet_formulas {
	struct xls_formula *cells;
	size_t n, cap;
};

/* Every sheet's formula cells, the sheets in the order of the workbook's
 * BOUNDSHEET records, which is FreeXL's. */
struct xls_formulas {
	struct xls_sheet_formulas *sheets;
	size_t nsheets;
};

/* Walks a workbook stream's BIFF records (BIFF8, or BIFF5's) into f.
 * 0, or -1 with d saying what is wrong (a record running past the end of
 * the stream, a sheet that is not where the workbook says): f then holds
 * what was read before, for xls_formulas_release. */
int xls_formulas_parse(struct xls_formulas *f, const unsigned char *stream, size_t size,
		       diag_t *d);

/* Reads the formula cells of the workbook at path. 0, or -1 with d set
 * (the text without the file's name). */
int xls_formulas_read(struct xls_formulas *f, const char *path, diag_t *d);

/* The formula at row, col of sheet (0-based), or NULL. */
const struct xls_formula *xls_formula_at(const struct xls_formulas *f, size_t sheet,
					 unsigned row, unsigned col);

void xls_formulas_release(struct xls_formulas *f);

#endif
