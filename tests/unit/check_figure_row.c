#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "figure_row.h"
#include "unit.h"

/* The row written, then read back from a copy of its text. */
static void round_trip(const struct figure_row *in, struct figure_row *out, struct sbuf *text)
{
	sbuf_reset(text);
	figure_row_write(in, text);
	ck_assert_int_eq(figure_row_parse(out, text->s), 0);
}

START_TEST(row_reads_back_what_was_written)
{
	static const struct row_figure figs[] = {
		{"gdp", 107.39, "", 1, 2},
		{"trade", -0.0012, "含技术服务,咨询", 3, 118},
		{"odd", 0.1 + 0.2, "quote \" backslash \\ tab \t line\nend \x01", 12, 0},
		{"big", 1e300, "", 2147483647L, 2147483647},
	};
	struct figure_row in = {0}, out = {0};
	struct sbuf text = {0};
	for (size_t k = 0; k < sizeof figs / sizeof *figs; k++)
		figure_row_push(&in, &figs[k]);
	round_trip(&in, &out, &text);
	ck_assert_uint_eq(out.n, in.n);
	for (size_t k = 0; k < in.n; k++) {
		ck_assert_str_eq(out.v[k].indicator, figs[k].indicator);
		ck_assert(memcmp(&out.v[k].value, &figs[k].value, sizeof(double)) == 0);
		ck_assert_str_eq(out.v[k].note, figs[k].note);
		ck_assert_int_eq(out.v[k].file, figs[k].file);
		ck_assert_int_eq(out.v[k].line, figs[k].line);
	}
	figure_row_release(&in);
	figure_row_release(&out);
	sbuf_release(&text);
}
END_TEST

START_TEST(row_is_compact_json)
{
	struct figure_row row = {0};
	struct sbuf text = {0};
	figure_row_push(&row, &(struct row_figure){"trade", 12.5, "含\"引号\"", 3, 7});
	figure_row_push(&row, &(struct row_figure){"gdp", 100, "", 3, 8});
	figure_row_write(&row, &text);
	ck_assert_str_eq(text.s, "{\"trade\":[12.5,\"含\\\"引号\\\"\",3,7],\"gdp\":[100,\"\",3,8]}");
	figure_row_sort(&row);
	ck_assert_str_eq(row.v[0].indicator, "gdp");
	ck_assert_str_eq(row.v[1].indicator, "trade");
	figure_row_release(&row);
	sbuf_release(&text);
}
END_TEST

/* What another JSON writer may make of a row: spaces, escapes of every
 * kind, a surrogate pair, an exponent. */
START_TEST(row_reads_any_json_spelling)
{
	char text[] = " { \"a\\u0062\" : [ 1.5e2 , \"\\u533a\\ud83d\\ude00\\/\\n\" , 4 , 0 ] ,\n"
		      "\"c\":[-3,\"\",5,6] } ";
	struct figure_row row = {0};
	ck_assert_int_eq(figure_row_parse(&row, text), 0);
	ck_assert_uint_eq(row.n, 2);
	ck_assert_str_eq(row.v[0].indicator, "ab");
	ck_assert(row.v[0].value == 150);
	ck_assert_str_eq(row.v[0].note, "区\xF0\x9F\x98\x80/\n");
	ck_assert_int_eq(row.v[0].file, 4);
	ck_assert_str_eq(row.v[1].indicator, "c");
	ck_assert(row.v[1].value == -3 && row.v[1].line == 6);
	char empty[] = "{}";
	ck_assert_int_eq(figure_row_parse(&row, empty), 0);
	ck_assert_uint_eq(row.n, 0);
	figure_row_release(&row);
}
END_TEST

START_TEST(row_refuses_what_is_not_a_row)
{
	static const char *const bad[] = {
		"", "[]", "{", "{\"a\":[1,\"\",2,3]", "{\"a\":[1,\"\",2,3]} x",
		"{\"a\":[1,\"\",2]}", "{\"a\":[1,\"\",2,3,4]}", "{\"a\":[\"1\",\"\",2,3]}",
		"{\"a\":[1,2,2,3]}", "{\"a\":[1,\"\",2.5,3]}", "{\"a\":[1,\"\",-1,3]}",
		"{\"a\":[1,\"\",2,3],}", "{\"a\":[1,\"x\ny\",2,3]}", "{\"a\":[1,\"\\x\",2,3]}",
		"{\"a\":[1,\"\\ud800\",2,3]}", "{\"a\":[1,\"\\u0000\",2,3]}", "{\"a\":[1,\"\\u12\",2,3]}",
		"{a:[1,\"\",2,3]}", "{\"a\":[NaN,\"\",2,3]}", "{\"a\" [1,\"\",2,3]}",
	};
	struct figure_row row = {0};
	for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
		char *text = strdup(bad[k]);
		ck_assert_msg(figure_row_parse(&row, text) != 0, "'%s' read as a row", bad[k]);
		free(text);
	}
	figure_row_release(&row);
}
END_TEST

Suite *figure_row_suite(void)
{
	Suite *s = suite_create("figure_row");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, row_reads_back_what_was_written);
	tcase_add_test(tc, row_is_compact_json);
	tcase_add_test(tc, row_reads_any_json_spelling);
	tcase_add_test(tc, row_refuses_what_is_not_a_row);
	suite_add_tcase(s, tc);
	return s;
}
