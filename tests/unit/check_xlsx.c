#include <unistd.h>

#include "figures.h"
#include "sheet_cells.h"
#include "unit.h"
#include "xlsx_out.h"

START_TEST(cell_columns)
{
	ck_assert_int_eq(xlsx_cell_column("A1"), 1);
	ck_assert_int_eq(xlsx_cell_column("J12"), 10);
	ck_assert_int_eq(xlsx_cell_column("Z3"), 26);
	ck_assert_int_eq(xlsx_cell_column("AA3"), 27);
	ck_assert_int_eq(xlsx_cell_column("AB7"), 28);
	ck_assert_int_eq(xlsx_cell_column("XFD1048576"), 16384);
}
END_TEST

START_TEST(not_cell_references)
{
	ck_assert_int_eq(xlsx_cell_column(""), 0);
	ck_assert_int_eq(xlsx_cell_column("A"), 0);        /* no row */
	ck_assert_int_eq(xlsx_cell_column("12"), 0);       /* no column */
	ck_assert_int_eq(xlsx_cell_column("a1"), 0);       /* Excel writes capitals */
	ck_assert_int_eq(xlsx_cell_column("XFE1"), 0);     /* beyond Excel's last column */
	ck_assert_int_eq(xlsx_cell_column("AAAAAAAAAAAAAAAAAAAAAAA1"), 0); /* no overflow */
}
END_TEST

START_TEST(number_formats)
{
	ck_assert_int_eq(sheet_format_form(0, NULL), FIELD_NUMBER);   /* General */
	ck_assert_int_eq(sheet_format_form(9, NULL), FIELD_PERCENT);  /* 0% */
	ck_assert_int_eq(sheet_format_form(10, NULL), FIELD_PERCENT); /* 0.00% */
	ck_assert_int_eq(sheet_format_form(14, NULL), FIELD_DATE);    /* m/d/yyyy */
	ck_assert_int_eq(sheet_format_form(31, NULL), FIELD_DATE);    /* yyyy年m月d日 */
	ck_assert_int_eq(sheet_format_form(20, NULL), FIELD_NUMBER);  /* h:mm, a time */
	ck_assert_int_eq(sheet_format_form(164, "0.0%"), FIELD_PERCENT);
	ck_assert_int_eq(sheet_format_form(164, "yyyy\"年\"m\"月\"d\"日\""), FIELD_DATE);
	ck_assert_int_eq(sheet_format_form(164, "yyyy-mm"), FIELD_DATE);
	ck_assert_int_eq(sheet_format_form(164, "[$-804]mmmm d"), FIELD_DATE);
	ck_assert_int_eq(sheet_format_form(164, "#,##0.00_);[Red]\\(#,##0.00\\)"), FIELD_NUMBER);
	ck_assert_int_eq(sheet_format_form(164, "0.00\"%\""), FIELD_NUMBER); /* a literal % */
	ck_assert_int_eq(sheet_format_form(164, "0.0\"万元\""), FIELD_NUMBER);
	ck_assert_int_eq(sheet_format_form(164, "G/通用格式"), FIELD_NUMBER); /* WPS's General */
	ck_assert_int_eq(sheet_format_form(164, "0.00E+00"), FIELD_NUMBER);
	ck_assert_int_eq(sheet_format_form(164, "[h]:mm:ss"), FIELD_NUMBER);
}
END_TEST

START_TEST(serial_dates)
{
	ck_assert_int_eq(sheet_serial_date(1, false), 19000101);
	ck_assert_int_eq(sheet_serial_date(59, false), 19000228);
	ck_assert_int_eq(sheet_serial_date(61, false), 19000301); /* after 29 Feb 1900 */
	ck_assert_int_eq(sheet_serial_date(45097, false), 20230620);
	ck_assert_int_eq(sheet_serial_date(45097.75, false), 20230620); /* a time of day */
	ck_assert_int_eq(sheet_serial_date(43635, true), 20230620);
	ck_assert_int_eq(sheet_serial_date(0, false), 0);
	ck_assert_int_eq(sheet_serial_date(-3, false), 0);
	ck_assert_int_eq(sheet_serial_date(1e12, false), 0);
}
END_TEST

START_TEST(number_texts)
{
	char out[64];
	ck_assert_int_eq(sheet_number_text(0.095, FIELD_PERCENT, false, out, sizeof out), 0);
	ck_assert_str_eq(out, "9.5");
	sheet_number_text(0.0781, FIELD_PERCENT, false, out, sizeof out);
	ck_assert_str_eq(out, "7.81");
	sheet_number_text(45097, FIELD_DATE, false, out, sizeof out);
	ck_assert_str_eq(out, "2023-06-20");
	ck_assert_int_eq(sheet_number_text(-1, FIELD_DATE, false, out, sizeof out), -1);
	char letters[4];
	ck_assert_str_eq(sheet_column_name(1, letters), "A");
	ck_assert_str_eq(sheet_column_name(10, letters), "J");
	ck_assert_str_eq(sheet_column_name(28, letters), "AB");
	ck_assert_str_eq(sheet_column_name(16384, letters), "XFD");
}
END_TEST

/* A workbook begun in a scratch folder, with one sheet; the path is where
 * it would be put, no file there yet. */
struct scratch_book {
	char dir[UNIT_DIR];
	char *path;
	struct xlsx_out x;
	lxw_worksheet *ws;
	diag_t d;
};

static void scratch_book_begin(struct scratch_book *b, bool streamed, const char *sheet)
{
	unit_tmpdir(b->dir);
	b->path = unit_write_file(b->dir, "r.xlsx", "");
	unlink(b->path);
	ck_assert_int_eq(xlsx_out_begin(&b->x, b->path, streamed, &b->d), 0);
	b->ws = xlsx_out_sheet(&b->x, sheet, NULL);
}

static void scratch_book_end(struct scratch_book *b)
{
	free(b->path);
	unit_rmdir(b->dir);
}

/* A write libxlsxwriter refuses fails the whole workbook, naming the sheet
 * and the cell, and leaves no file, held or streamed. */
static void refused_write_fails_the_workbook(bool streamed)
{
	struct scratch_book b;
	scratch_book_begin(&b, streamed, "lights");
	xlsx_out_string(&b.x, b.ws, 0, 0, "unit", NULL);
	xlsx_out_string(&b.x, b.ws, 0, 16383, "the last column", NULL);
	xlsx_out_string(&b.x, b.ws, 0, 16384, "past it", NULL);
	xlsx_out_number(&b.x, b.ws, 1048576, 0, 1, NULL);
	ck_assert_int_eq(xlsx_out_commit(&b.x, &b.d), -1);
	char want[512];
	snprintf(want, sizeof want, "unable to write '%s': sheet 'lights', cell XFE1: %s; nothing "
		 "was written (--format csv has no such limits)", b.path,
		 lxw_strerror(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE));
	ck_assert_str_eq(b.d.text, want);
	ck_assert_int_eq(access(b.path, F_OK), -1);
	scratch_book_end(&b);
}

START_TEST(refused_write_fails_a_held_workbook)
{
	refused_write_fails_the_workbook(false);
}
END_TEST

START_TEST(refused_write_fails_a_streamed_workbook)
{
	refused_write_fails_the_workbook(true);
}
END_TEST

/* Streamed, a cell written above the row being written is refused (it
 * could no longer be put in place), not lost. */
START_TEST(streamed_workbook_refuses_a_row_out_of_order)
{
	struct scratch_book b;
	scratch_book_begin(&b, true, "ranking");
	xlsx_out_string(&b.x, b.ws, 5, 0, "later", NULL);
	xlsx_out_string(&b.x, b.ws, 2, 1, "earlier", NULL);
	ck_assert_int_eq(xlsx_out_commit(&b.x, &b.d), -1);
	ck_assert_ptr_nonnull(strstr(b.d.text, "sheet 'ranking', cell B3: "));
	scratch_book_end(&b);
}
END_TEST

START_TEST(written_workbook_is_in_place)
{
	struct scratch_book b;
	scratch_book_begin(&b, true, "ranking");
	xlsx_out_string(&b.x, b.ws, 0, 0, "unit", NULL);
	xlsx_out_number(&b.x, b.ws, 1, 16383, 1, NULL);
	xlsx_out_width(&b.x, b.ws, 0, 0, 20);
	ck_assert_int_eq(xlsx_out_commit(&b.x, &b.d), 0);
	ck_assert_int_eq(access(b.path, F_OK), 0);
	scratch_book_end(&b);
}
END_TEST

Suite *xlsx_suite(void)
{
	Suite *s = suite_create("xlsx");
	TCase *tc = tcase_create("xlsx");
	tcase_add_test(tc, cell_columns);
	tcase_add_test(tc, not_cell_references);
	tcase_add_test(tc, number_formats);
	tcase_add_test(tc, serial_dates);
	tcase_add_test(tc, number_texts);
	tcase_add_test(tc, refused_write_fails_a_held_workbook);
	tcase_add_test(tc, refused_write_fails_a_streamed_workbook);
	tcase_add_test(tc, streamed_workbook_refuses_a_row_out_of_order);
	tcase_add_test(tc, written_workbook_is_in_place);
	suite_add_tcase(s, tc);
	return s;
}
