/* What a spreadsheet's cell means beyond its digits: its number format
 * says whether 0.095 is 9.5% and whether 45506 is a date. Shared by the
 * readers of .xlsx and .xls workbooks. */
#ifndef ASSAY_SHEET_CELLS_H
#define ASSAY_SHEET_CELLS_H

#include <stdbool.h>
#include <stddef.h>

#include "figures.h"

/* The form a number format gives a number: FIELD_PERCENT, FIELD_DATE or
 * FIELD_NUMBER. id is the format's number (the built-in ones have no
 * code), code its format code or NULL. */
enum field_form sheet_format_form(int id, const char *code);

/* The date (20230815) a date cell's serial number stands for, counting
 * from 1900 (with Excel's 29 February 1900) or from 1904; 0 when it is no
 * date in 1900-2999. */
int sheet_serial_date(double serial, bool date1904);

/* A number cell's text as the reader takes it, by its form: a percentage
 * as the person saw it ("9.5" for 0.095), a date as "2023-08-15", any
 * other number as written. Writes at most size bytes to out; -1 when a
 * date cell holds no date. */
int sheet_number_text(double value, enum field_form form, bool date1904, char *out, size_t size);

/* The letters of column col (1: "A", 28: "AB") into buf. */
const char *sheet_column_name(int col, char buf[4]);

/* A row of cells as a workbook reader gathers them. */
struct sheet_row {
	char **fields;          /* owned; gaps are "" */
	enum field_form *forms;
	size_t n;
};
/* Sets the cell in column col (1-based) to text (taken over). */
void sheet_row_set(struct sheet_row *row, int col, char *text, enum field_form form);
void sheet_row_clear(struct sheet_row *row);

/* A workbook's sheet read as a figures table: its first row decides
 * whether it is a reporting sheet; if not it is passed over and listed in
 * list.skipped. */
struct sheet_table {
	struct figure_list *list;
	const struct plan *plan;
	diag_t *d;
	const char *book, *name;
	struct figure_table_reader *table; /* NULL before the header row */
	size_t width;           /* the header's cells */
	bool skipped;
};
/* One row (row is trimmed of empty trailing cells and padded to the
 * header's width): 0, 1 when the sheet is passed over (read no further),
 * -1 with d set. */
int sheet_table_row(struct sheet_table *t, struct sheet_row *row, int line);
/* Ends the sheet: failed says a cell was refused (d says why). 0, or -1
 * with d set. */
int sheet_table_end(struct sheet_table *t, bool failed);
/* Refuses a workbook none of whose sheets is a reporting sheet; names
 * its sheets ("'a', 'b'"). */
int sheet_fail_no_figures(diag_t *d, const char *book, const char *names);

#endif
