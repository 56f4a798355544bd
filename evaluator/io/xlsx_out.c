#include "xlsx_out.h"

#include <stdio.h>
#include <string.h>

#include "lang.h"

int xlsx_out_begin(struct xlsx_out *x, const char *path, bool streamed, diag_t *d)
{
	memset(x, 0, sizeof *x);
	if (output_begin(&x->file, path, d) != 0)
		return -1;
	lxw_workbook_options options = {.constant_memory = streamed, .use_zip64 = streamed};
	x->book = workbook_new_opt(x->file.temp, &options);
	if (!x->book) {
		output_abandon(&x->file);
		return fail(d, _("unable to write '%s': the workbook could not be created"), path);
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

void xlsx_out_properties(struct xlsx_out *x, const struct xlsx_properties *p)
{
	lxw_doc_properties properties = {.title = (char *)p->title, .subject = (char *)p->subject,
					 .status = (char *)p->status,
					 .keywords = (char *)p->keywords,
					 .comments = (char *)p->comments, .created = p->created};
	workbook_set_properties(x->book, &properties);
}

void xlsx_out_custom_property(struct xlsx_out *x, const char *name, const char *text)
{
	workbook_set_custom_property_string(x->book, name, text);
}

/* Keeps the first refused write and where it was. */
static void note(struct xlsx_out *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, lxw_error err)
{
	if (err == LXW_NO_ERROR || x->refused != LXW_NO_ERROR)
		return;
	x->refused = err;
	snprintf(x->refused_sheet, sizeof x->refused_sheet, "%s", ws->name);
	lxw_rowcol_to_cell(x->refused_cell, row, col);
}

void xlsx_out_string(struct xlsx_out *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		     const char *text, lxw_format *f)
{
	note(x, ws, row, col, worksheet_write_string(ws, row, col, text, f));
}

void xlsx_out_number(struct xlsx_out *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		     double number, lxw_format *f)
{
	note(x, ws, row, col, worksheet_write_number(ws, row, col, number, f));
}

void xlsx_out_blank(struct xlsx_out *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		    lxw_format *f)
{
	note(x, ws, row, col, worksheet_write_blank(ws, row, col, f));
}

void xlsx_out_validation(struct xlsx_out *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
			 lxw_data_validation *v)
{
	note(x, ws, row, col, worksheet_data_validation_cell(ws, row, col, v));
}

void xlsx_out_width(struct xlsx_out *x, lxw_worksheet *ws, lxw_col_t first, lxw_col_t last,
		    double width)
{
	note(x, ws, 0, first, worksheet_set_column(ws, first, last, width, NULL));
}

int xlsx_out_commit(struct xlsx_out *x, diag_t *d)
{
	if (x->refused != LXW_NO_ERROR) {
		fail(d, _("unable to write '%s': sheet '%s', cell %s: %s; nothing was written "
		     "(--format csv has no such limits)"), x->file.path, x->refused_sheet,
		     x->refused_cell, lxw_strerror(x->refused));
		workbook_close(x->book);
		x->book = NULL;
		output_abandon(&x->file);
		return -1;
	}
	lxw_error err = workbook_close(x->book);
	x->book = NULL;
	if (err != LXW_NO_ERROR) {
		fail(d, _("unable to write '%s': %s"), x->file.path, lxw_strerror(err));
		output_abandon(&x->file);
		return -1;
	}
	return output_commit(&x->file, d);
}

static void print_setup(lxw_worksheet *ws)
{
	enum { PAPER_A4 = 9 };
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, PAPER_A4);
	worksheet_fit_to_pages(ws, 1, 0);       /* one page wide, as long as it takes */
}

void xlsx_out_table(struct xlsx_out *x, lxw_worksheet *ws, lxw_row_t header, lxw_row_t last,
		    lxw_col_t last_col, lxw_col_t frozen_cols)
{
	worksheet_freeze_panes(ws, header + 1, frozen_cols);
	note(x, ws, header, 0, worksheet_autofilter(ws, header, 0, last > header ? last : header,
						    last_col));
	print_setup(ws);
	note(x, ws, header, 0, worksheet_repeat_rows(ws, header, header));
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
		xlsx_out_string(x, ws, row, (lxw_col_t)c, cells[c], x->header);
}
