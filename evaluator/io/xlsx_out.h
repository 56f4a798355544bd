/* xlsx_out: an Excel workbook written with libxlsxwriter, whole or not at
 * all (through output.h), with the formats the reports and templates
 * share. Cells go through xlsx_out_string/number/blank, which keep the
 * first write libxlsxwriter refused (a cell past Excel's last row or
 * column, a text too long), so that commit fails instead of leaving a cell
 * out. */
#ifndef ASSAY_XLSX_OUT_H
#define ASSAY_XLSX_OUT_H

#include <stdbool.h>
#include <time.h>
#include <xlsxwriter.h>

#include "diag.h"
#include "output.h"

struct xlsx_out {
	struct output file;
	lxw_workbook *book;
	lxw_format *header;     /* bold on grey */
	lxw_format *fixed2;     /* 0.00 */
	lxw_format *percent;    /* 0.0% */
	lxw_format *text;       /* @: what is typed stays text (dates of tasks) */
	lxw_error refused;      /* the first write refused, or LXW_NO_ERROR */
	char refused_sheet[32]; /* where: Excel's sheet names are at most 31 bytes */
	char refused_cell[LXW_MAX_CELL_NAME_LENGTH];
};

/* Starts a workbook for path. streamed: each sheet written row after row
 * to a temporary file (libxlsxwriter's constant memory), for workbooks too
 * large to hold, whose cells must then come in order of rows. 0, or -1
 * with d set. */
int xlsx_out_begin(struct xlsx_out *x, const char *path, bool streamed, diag_t *d);
/* Writes the workbook and puts it in place. 0, or -1 with d set. */
int xlsx_out_commit(struct xlsx_out *x, diag_t *d);
/* A sheet named name, or fallback when Excel would refuse the name (too
 * long, a character such as '/', or taken), else Excel's "SheetN". */
lxw_worksheet *xlsx_out_sheet(struct xlsx_out *x, const char *name, const char *fallback);
void xlsx_out_string(struct xlsx_out *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		     const char *text, lxw_format *f);
void xlsx_out_number(struct xlsx_out *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		     double number, lxw_format *f);
void xlsx_out_blank(struct xlsx_out *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		    lxw_format *f);
/* A cell's data validation (the list, range or length it takes, and the
 * message shown when it is selected). */
void xlsx_out_validation(struct xlsx_out *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
			 lxw_data_validation *v);
/* Columns first..last width characters wide. */
void xlsx_out_width(struct xlsx_out *x, lxw_worksheet *ws, lxw_col_t first, lxw_col_t last,
		    double width);
/* A sheet that is one table, its header at row `header` and its last row
 * `last`: the rows down to the header frozen (and the first frozen_cols
 * columns), a filter on the header, and printed on A4 in landscape, as
 * wide as one page, the header row repeated on every page. */
void xlsx_out_table(struct xlsx_out *x, lxw_worksheet *ws, lxw_row_t header, lxw_row_t last,
		    lxw_col_t last_col, lxw_col_t frozen_cols);
/* The document's properties, as File > Properties shows them; a forwarded
 * file says what it is. Every string may be NULL. */
struct xlsx_properties {
	const char *title, *subject, *status, *keywords, *comments;
	time_t created;         /* 0: now; a known time makes the same bytes again */
};
void xlsx_out_properties(struct xlsx_out *x, const struct xlsx_properties *p);
/* A custom property (File > Properties > Custom): name and text. */
void xlsx_out_custom_property(struct xlsx_out *x, const char *name, const char *text);
/* A row of header cells from column 0. */
void xlsx_out_header(struct xlsx_out *x, lxw_worksheet *ws, lxw_row_t row,
		     const char *const *cells, size_t n);

#endif
