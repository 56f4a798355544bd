#include <stdlib.h>

#include "table.h"
#include "unit.h"

START_TEST(aligns_by_display_width)
{
	static const char *const headers[] = {"unit", ">total"};
	static const char *const r1[] = {"区商务局", "9.5"};
	static const char *const r2[] = {"wuma", "100.25"};
	struct table t;
	struct sbuf out = {0};
	table_init(&t, 2, headers);
	table_add_row(&t, r1);
	table_add_row(&t, r2);
	table_render(&t, "  ", &out);
	ck_assert_str_eq(sbuf_str(&out),
			 "  unit       total\n"
			 "  区商务局     9.5\n"
			 "  wuma      100.25\n");
	table_release(&t);
	sbuf_release(&out);
}
END_TEST

START_TEST(no_trailing_spaces)
{
	static const char *const headers[] = {"a", "reason"};
	static const char *const r1[] = {"x", ""};
	struct table t;
	struct sbuf out = {0};
	table_init(&t, 2, headers);
	table_add_row(&t, r1);
	table_render(&t, "", &out);
	ck_assert_str_eq(sbuf_str(&out), "a  reason\nx\n");
	table_release(&t);
	sbuf_release(&out);
}
END_TEST

Suite *table_suite(void)
{
	Suite *s = suite_create("table");
	TCase *tc = tcase_create("table");
	tcase_add_test(tc, aligns_by_display_width);
	tcase_add_test(tc, no_trailing_spaces);
	suite_add_tcase(s, tc);
	return s;
}
