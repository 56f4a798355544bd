/* xlsx_out: an Excel workbook written with libxlsxwriter, whole or not at
 * all (through output.h), with the formats the reports and templates
 * share. */
#ifndef ASSAY_XLSX_OUT_H
#define ASSAY_XLSX_OUT_H

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
};

/* Starts a workbook for path. 0, or -1 with d set. */
int xlsx_out_begin(struct xlsx_out *x, const char *path, diag_t *d);
/* Writes the workbook and puts it in place. 0, or -1 with d set. */
int xlsx_out_commit(struct xlsx_out *x, diag_t *d);
/* A sheet named name, or fallback when Excel would refuse the name (too
 * long, a character such as '/', or taken), else Excel's "SheetN". */
lxw_worksheet *xlsx_out_sheet(struct xlsx_out *x, const char *name, const char *fallback);
/* A row of header cells from column 0. */
void xlsx_out_header(struct xlsx_out *x, lxw_worksheet *ws, lxw_row_t row,
		     const char *const *cells, size_t n);

#endif
