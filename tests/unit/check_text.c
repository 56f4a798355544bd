#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figure_text.h"
#include "names.h"
#include "numbers.h"
#include "path.h"
#include "unit.h"
#include "utf8.h"

START_TEST(rounds_half_away_from_zero_as_on_paper)
{
	ck_assert_double_eq(round_half_away(89.125, 2), 89.13);
	ck_assert_double_eq(round_half_away(1.005, 2), 1.01);
	ck_assert_double_eq(round_half_away(-1.005, 2), -1.01);
	ck_assert_double_eq(round_half_away(2.675, 2), 2.68);
	ck_assert_double_eq(round_half_away(0.125, 2), 0.13);
	ck_assert_double_eq(round_half_away(0.124999, 2), 0.12);
	/* 5 × (0.6012 − 0.6) ÷ 0.4 is 0.015 on paper, 0.01499999999999974 in
	 * binary: a half-cent, rounded away from zero */
	ck_assert_double_eq(round_half_away(5 * (0.6012 - 0.6) / 0.4, 2), 0.02);
	ck_assert_double_eq(round_half_away(-5 * (0.6012 - 0.6) / 0.4, 2), -0.02);
	ck_assert_double_eq(round_half_away(0.014999, 2), 0.01); /* a real difference */
	ck_assert_double_eq(round_half_away(2.5, 0), 3);
	ck_assert_double_eq(round_half_away(-2.5, 0), -3);
}
END_TEST

START_TEST(format_fixed_has_no_negative_zero)
{
	char buf[32];
	ck_assert_str_eq(format_fixed(buf, sizeof buf, -0.001, 2), "0.00");
	ck_assert_str_eq(format_fixed(buf, sizeof buf, 66.666666, 2), "66.67");
}
END_TEST

START_TEST(format_number_is_shortest_exact)
{
	char buf[64];
	ck_assert_str_eq(format_number(buf, sizeof buf, 0.1), "0.1");
	ck_assert_str_eq(format_number(buf, sizeof buf, 7000), "7000");
	ck_assert_str_eq(format_number(buf, sizeof buf, 2.331), "2.331");
	ck_assert_double_eq(strtod(format_number(buf, sizeof buf, 1.0 / 3), NULL), 1.0 / 3);
}
END_TEST

/* format_number as it was before its fast path: the first of 15, 16 and
 * 17 significant digits that reads back as x. */
static const char *format_number_by_printf(char *buf, size_t size, double x)
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, size, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	return buf;
}

/* A deterministic spread of doubles: decimals of every length, the
 * noise of sums (0.1 + 0.2), tiny and huge magnitudes, and raw bits. */
static double sample_double(unsigned i)
{
	static const double scales[] = {1, 10, 100, 1000, 1e4, 1e6, 1e9, 1e15, 1e16};
	unsigned long long r = (unsigned long long)i * 6364136223846793005ULL + 1442695040888963407ULL;
	double v = (double)(r >> 20) / scales[i % 9];
	switch (i % 7) {
	case 0: return v;
	case 1: return -v;
	case 2: return v / 3;
	case 3: return v * 1e-9;
	case 4: return v + 0.1 + 0.2;
	case 5: { double x; memcpy(&x, &r, sizeof x); return isfinite(x) ? x : 0.5; }
	default: return floor(v);
	}
}

START_TEST(format_number_fast_path_prints_what_printf_does)
{
	char fast[64], slow[64];
	for (unsigned i = 0; i < 200000; i++) {
		double x = sample_double(i);
		ck_assert_str_eq(format_number(fast, sizeof fast, x),
				 format_number_by_printf(slow, sizeof slow, x));
	}
	ck_assert_str_eq(format_number(fast, sizeof fast, 0.0001), "0.0001");
	ck_assert_str_eq(format_number(fast, sizeof fast, -0.5), "-0.5");
	ck_assert_str_eq(format_number(fast, sizeof fast, 0.1 + 0.2), "0.30000000000000004");
	ck_assert_str_eq(format_number(fast, sizeof fast, 1e15), "1e+15");
	ck_assert_str_eq(format_number(fast, sizeof fast, -0.0), "-0");
}
END_TEST

START_TEST(parse_json_number_reads_back_every_double)
{
	char buf[64];
	for (unsigned i = 0; i < 200000; i++) {
		double x = sample_double(i), y;
		const char *p = format_number(buf, sizeof buf, x);
		ck_assert_msg(parse_json_number(&p, &y) && *p == '\0', "%s not read", buf);
		ck_assert_msg(memcmp(&x, &y, sizeof x) == 0, "%s read as %.17g", buf, y);
	}
}
END_TEST

START_TEST(parse_json_number_takes_json_grammar_only)
{
	static const char *const bad[] = {"", "-", "+1", "01", ".5", "5.", "1e", "1e+", "nan",
					  "inf", "1e999"};
	double v;
	for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
		const char *p = bad[k];
		ck_assert_msg(!parse_json_number(&p, &v), "'%s' taken", bad[k]);
	}
	const char *p = "107.39,\"x\"";
	ck_assert(parse_json_number(&p, &v) && v == 107.39 && *p == ',');
	p = "-0.0012]";
	ck_assert(parse_json_number(&p, &v) && v == -0.0012 && *p == ']');
	p = "2.5E-3";
	ck_assert(parse_json_number(&p, &v) && v == 0.0025 && *p == '\0');
	p = "0.30000000000000004";
	ck_assert(parse_json_number(&p, &v) && v == 0.1 + 0.2);
	p = "-0";
	ck_assert(parse_json_number(&p, &v) && v == 0 && signbit(v));
	p = "0x10"; /* the number is the 0; what follows is the caller's */
	ck_assert(parse_json_number(&p, &v) && v == 0 && *p == 'x');
}
END_TEST

START_TEST(format_integer_writes_any_long_long)
{
	char buf[24];
	ck_assert_str_eq(format_integer(buf, 0), "0");
	ck_assert_str_eq(format_integer(buf, 1234567), "1234567");
	ck_assert_str_eq(format_integer(buf, -42), "-42");
	ck_assert_str_eq(format_integer(buf, LLONG_MIN), "-9223372036854775808");
}
END_TEST

START_TEST(display_width_counts_cjk_as_two)
{
	ck_assert_int_eq(text_width("abc"), 3);
	ck_assert_int_eq(text_width("区商务局"), 8);
	ck_assert_int_eq(text_width("品牌首店 (家)"), 13);
	ck_assert_int_eq(text_width("“金蓝领”"), 8);
	ck_assert_int_eq(text_width("—"), 1);
}
END_TEST

START_TEST(parse_number_is_strict)
{
	double v;
	ck_assert(parse_number("12.5", &v) && v == 12.5);
	ck_assert(parse_number("-3e2", &v) && v == -300);
	ck_assert(!parse_number("12,3", &v));
	ck_assert(!parse_number("", &v));
	ck_assert(!parse_number("nan", &v));
	ck_assert(!parse_number("inf", &v));
	ck_assert(!parse_number("1e999", &v));
	ck_assert(!parse_number("0x10", &v));
	ck_assert(!parse_number("8.5%", &v));
}
END_TEST

START_TEST(parse_figure_reads_spreadsheet_numbers)
{
	double v;
	bool pct;
	ck_assert_int_eq(parse_figure("1,234.5", &v, &pct), FIGURE_OK);
	ck_assert(v == 1234.5 && !pct);
	ck_assert_int_eq(parse_figure("-1,234,567", &v, &pct), FIGURE_OK);
	ck_assert(v == -1234567);
	ck_assert_int_eq(parse_figure(" 8.5 % ", &v, &pct), FIGURE_OK);
	ck_assert(v == 8.5 && pct);
	ck_assert_int_eq(parse_figure("\xEF\xBC\x8D\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x8E\xEF\xBC\x95", &v, &pct),
			 FIGURE_OK); /* full-width -12.5 */
	ck_assert(v == -12.5);
	ck_assert_int_eq(parse_figure("12,3", &v, &pct), FIGURE_NOT_A_NUMBER);
	ck_assert_int_eq(parse_figure("1,2345", &v, &pct), FIGURE_NOT_A_NUMBER);
	ck_assert_int_eq(parse_figure("1234,567", &v, &pct), FIGURE_NOT_A_NUMBER);
	ck_assert_int_eq(parse_figure(",123", &v, &pct), FIGURE_NOT_A_NUMBER);
	ck_assert_int_eq(parse_figure("1,234e3", &v, &pct), FIGURE_NOT_A_NUMBER);
	ck_assert_int_eq(parse_figure("%", &v, &pct), FIGURE_NOT_A_NUMBER);
	ck_assert_int_eq(parse_figure("\xC2\xB2", &v, &pct), FIGURE_NOT_A_NUMBER); /* superscript 2 */
	ck_assert_int_eq(parse_figure("  ", &v, &pct), FIGURE_EMPTY);
	ck_assert_int_eq(parse_figure("NaN", &v, &pct), FIGURE_NAN);
	ck_assert_int_eq(parse_figure("-Infinity", &v, &pct), FIGURE_INFINITE);
	ck_assert_int_eq(parse_figure("1e999", &v, &pct), FIGURE_OUT_OF_RANGE);
}
END_TEST

START_TEST(text_position_counts_characters)
{
	int line, col;
	const char *s = "ab\n\xE5\x8C\xBA\xE5\x95\x86x";
	text_position(s, 3, &line, &col);
	ck_assert(line == 2 && col == 1);
	text_position(s, 9, &line, &col);
	ck_assert(line == 2 && col == 3);
	ck_assert_uint_eq(utf8_valid_prefix("ab\xE5\x8C", 4), 2);
}
END_TEST

START_TEST(nearest_name_finds_typos_only)
{
	const char *names[] = {"gdp_growth", "trade", "weights", "区商务局"};
	ck_assert_str_eq(nearest_name("gdp_grwoth", names, 4), "gdp_growth");
	ck_assert_str_eq(nearest_name("trad", names, 4), "trade");
	ck_assert_str_eq(nearest_name("区商物局", names, 4), "区商务局");
	ck_assert_ptr_null(nearest_name("completely_else", names, 4));
	ck_assert_ptr_null(nearest_name("trade", names, 4)); /* an exact name is no typo */
}
END_TEST

START_TEST(utf8_validation)
{
	ck_assert(utf8_valid("区商务局", 12));
	ck_assert(!utf8_valid("\xc7\xf8\xc9\xcc", 4)); /* 区商 in GBK */
	ck_assert(!utf8_valid("\xe5\x8c", 2));           /* cut short */
}
END_TEST

/* Tabs and line breaks are text; other C0 controls, DEL and C1 controls
 * (two bytes in UTF-8) are not; U+00A0 and above are. */
START_TEST(control_characters_found)
{
	unsigned code = 99;
	char name[16];
	ck_assert_uint_eq(utf8_control_at("a\tb\r\nc 区\xc2\xa0", 12, &code), 12);
	ck_assert_uint_eq(utf8_control_at("8\0000", 3, &code), 1);
	ck_assert_str_eq(control_char_name(code, name), "U+0000 (NUL)");
	ck_assert_uint_eq(utf8_control_at("ab\x1b", 3, &code), 2);
	ck_assert_str_eq(control_char_name(code, name), "U+001B");
	ck_assert_uint_eq(utf8_control_at("\x7f", 1, &code), 0);
	ck_assert_str_eq(control_char_name(code, name), "U+007F (DEL)");
	ck_assert_uint_eq(utf8_control_at("x\xc2\x85", 3, &code), 1);
	ck_assert_uint_eq(code, 0x85);
	ck_assert_uint_eq(utf8_control_at("x\xc2", 2, &code), 2); /* cut short: not a control */
}
END_TEST

/* Rounding the way the 15-digit decimal reads, the slow and sure way. */
static double round_printed_once(double x, int digits)
{
	char buf[64];
	double scale = pow(10, digits);
	snprintf(buf, sizeof buf, "%.15g", x * scale);
	double y = strtod(buf, NULL);
	return (y >= 0 ? floor(y + 0.5) : -floor(-y + 0.5)) / scale;
}

/* ...after dropping the noise below 9 decimals, as on a calculator. */
static double round_as_printed(double x, int digits)
{
	return round_printed_once(digits < 9 ? round_printed_once(x, 9) : x, digits);
}

START_TEST(rounding_agrees_with_the_printed_decimal)
{
	/* halves written in decimal, their neighbours one ulp away, and a
	 * spread of ordinary values, at the digits the rules use */
	static const int digits[] = {0, 1, 2, 9};
	unsigned seed = 12345;
	for (int k = 0; k < 200000; k++) {
		seed = seed * 1103515245u + 12345u;
		int d = digits[k % 4];
		double base = (double)(seed % 2000000) / 1000.0 - 1000.0;
		double x = k % 3 == 0 ? base + 0.5 / pow(10, d) : base / 7.0;
		double tries[3] = {x, nextafter(x, INFINITY), nextafter(x, -INFINITY)};
		for (int t = 0; t < 3; t++)
			ck_assert_msg(round_half_away(tries[t], d) == round_as_printed(tries[t], d),
				      "%.17g at %d digits: %.17g, printed %.17g", tries[t], d,
				      round_half_away(tries[t], d), round_as_printed(tries[t], d));
	}
}
END_TEST

/* The running program is found, as the installed binary finds the
 * standard library beside it. */
START_TEST(the_program_knows_where_it_is)
{
	char *program = path_of_program();
	ck_assert_ptr_nonnull(program);
	ck_assert_str_eq(path_basename(program), "check_assay");
	char *dir = path_dirname(program);
	ck_assert(program[0] == '/' && path_is_folder(dir) && !path_is_folder(program));
	free(dir);
	free(program);
}
END_TEST

Suite *text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("text");
	/* the round trips run over hundreds of thousands of values: room for a
	 * busy machine */
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, rounds_half_away_from_zero_as_on_paper);
	tcase_add_test(tc, rounding_agrees_with_the_printed_decimal);
	tcase_add_test(tc, format_fixed_has_no_negative_zero);
	tcase_add_test(tc, format_number_is_shortest_exact);
	tcase_add_test(tc, format_number_fast_path_prints_what_printf_does);
	tcase_add_test(tc, parse_json_number_reads_back_every_double);
	tcase_add_test(tc, parse_json_number_takes_json_grammar_only);
	tcase_add_test(tc, format_integer_writes_any_long_long);
	tcase_add_test(tc, display_width_counts_cjk_as_two);
	tcase_add_test(tc, parse_number_is_strict);
	tcase_add_test(tc, parse_figure_reads_spreadsheet_numbers);
	tcase_add_test(tc, text_position_counts_characters);
	tcase_add_test(tc, nearest_name_finds_typos_only);
	tcase_add_test(tc, utf8_validation);
	tcase_add_test(tc, control_characters_found);
	tcase_add_test(tc, the_program_knows_where_it_is);
	suite_add_tcase(s, tc);
	return s;
}
