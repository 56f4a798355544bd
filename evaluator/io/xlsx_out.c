#include "xlsx_out.h"

#include <string.h>

int xlsx_out_begin(struct xlsx_out *x, const char *path, diag_t *d)
{
	memset(x, 0, sizeof *x);
	if (output_begin(&x->file, path, d) != 0)
		return -1;
	x->book = workbook_new(x->file.temp);
	if (!x->book) {
		output_abandon(&x->file);
		return fail(d, "unable to write '%s': the workbook could not be created", path);
	}
	x->header = workbook_add_format(x->book);
	format_set_bold(x->header);
	format_set_bg_color(x->header, 0xE8E8E8);
	x->fixed2 = workbook_add_format(x->book);
	format_set_num_format(x->fixed2, "0.00");
	x->percent = workbook_add_format(x->book);
	format_set_num_format(x->percent, "0.0%");
	x->text = workbook_add_format(x->book);
	format_set_num_format(x->text, "@");
	return 0;
}

int xlsx_out_commit(struct xlsx_out *x, diag_t *d)
{
	lxw_error err = workbook_close(x->book);
	x->book = NULL;
	if (err != LXW_NO_ERROR) {
		fail(d, "unable to write '%s': %s", x->file.path, lxw_strerror(err));
		output_abandon(&x->file);
		return -1;
	}
	return output_commit(&x->file, d);
}

lxw_worksheet *xlsx_out_sheet(struct xlsx_out *x, const char *name, const char *fallback)
{
	if (workbook_validate_sheet_name(x->book, name) == LXW_NO_ERROR)
		return workbook_add_worksheet(x->book, name);
	if (fallback && workbook_validate_sheet_name(x->book, fallback) == LXW_NO_ERROR)
		return workbook_add_worksheet(x->book, fallback);
	return workbook_add_worksheet(x->book, NULL); /* "Sheet4" */
}

void xlsx_out_header(struct xlsx_out *x, lxw_worksheet *ws, lxw_row_t row,
		     const char *const *cells, size_t n)
{
	for (size_t c = 0; c < n; c++)
		worksheet_write_string(ws, row, (lxw_col_t)c, cells[c], x->header);
}
