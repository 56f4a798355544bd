#include "figures.h"
#include "unit.h"

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

Suite *xlsx_suite(void)
{
	Suite *s = suite_create("xlsx");
	TCase *tc = tcase_create("xlsx");
	tcase_add_test(tc, cell_columns);
	tcase_add_test(tc, not_cell_references);
	suite_add_tcase(s, tc);
	return s;
}
