#include <unistd.h>

#include "figures.h"
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

/* A write libxlsxwriter refuses fails the whole workbook, naming the sheet
 * and the cell, and leaves no file, held or streamed. */
static void refused_write_fails_the_workbook(bool streamed)
{
	char dir[UNIT_DIR];
	unit_tmpdir(dir);
	char *path = unit_write_file(dir, "r.xlsx", "");
	unlink(path);
	struct xlsx_out x;
	diag_t d;
	ck_assert_int_eq(xlsx_out_begin(&x, path, streamed, &d), 0);
	lxw_worksheet *ws = xlsx_out_sheet(&x, "lights", NULL);
	xlsx_out_string(&x, ws, 0, 0, "unit", NULL);
	xlsx_out_string(&x, ws, 0, 16383, "the last column", NULL);
	xlsx_out_string(&x, ws, 0, 16384, "past it", NULL);
	xlsx_out_number(&x, ws, 1048576, 0, 1, NULL);
	ck_assert_int_eq(xlsx_out_commit(&x, &d), -1);
	char want[512];
	snprintf(want, sizeof want, "unable to write '%s': sheet 'lights', cell XFE1: %s; nothing "
		 "was written (--format csv has no such limits)", path,
		 lxw_strerror(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE));
	ck_assert_str_eq(d.text, want);
	ck_assert_int_eq(access(path, F_OK), -1);
	free(path);
	unit_rmdir(dir);
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
	char dir[UNIT_DIR];
	unit_tmpdir(dir);
	char *path = unit_write_file(dir, "r.xlsx", "");
	struct xlsx_out x;
	diag_t d;
	ck_assert_int_eq(xlsx_out_begin(&x, path, true, &d), 0);
	lxw_worksheet *ws = xlsx_out_sheet(&x, "ranking", NULL);
	xlsx_out_string(&x, ws, 5, 0, "later", NULL);
	xlsx_out_string(&x, ws, 2, 1, "earlier", NULL);
	ck_assert_int_eq(xlsx_out_commit(&x, &d), -1);
	ck_assert_ptr_nonnull(strstr(d.text, "sheet 'ranking', cell B3: "));
	free(path);
	unit_rmdir(dir);
}
END_TEST

START_TEST(written_workbook_is_in_place)
{
	char dir[UNIT_DIR];
	unit_tmpdir(dir);
	char *path = unit_write_file(dir, "r.xlsx", "");
	struct xlsx_out x;
	diag_t d;
	ck_assert_int_eq(xlsx_out_begin(&x, path, true, &d), 0);
	lxw_worksheet *ws = xlsx_out_sheet(&x, "ranking", NULL);
	xlsx_out_string(&x, ws, 0, 0, "unit", NULL);
	xlsx_out_number(&x, ws, 1, 16383, 1, NULL);
	xlsx_out_width(&x, ws, 0, 0, 20);
	ck_assert_int_eq(xlsx_out_commit(&x, &d), 0);
	ck_assert_int_eq(access(path, F_OK), 0);
	free(path);
	unit_rmdir(dir);
}
END_TEST

Suite *xlsx_suite(void)
{
	Suite *s = suite_create("xlsx");
	TCase *tc = tcase_create("xlsx");
	tcase_add_test(tc, cell_columns);
	tcase_add_test(tc, not_cell_references);
	tcase_add_test(tc, refused_write_fails_a_held_workbook);
	tcase_add_test(tc, refused_write_fails_a_streamed_workbook);
	tcase_add_test(tc, streamed_workbook_refuses_a_row_out_of_order);
	tcase_add_test(tc, written_workbook_is_in_place);
	suite_add_tcase(s, tc);
	return s;
}
