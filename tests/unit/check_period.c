#include "period.h"
#include "unit.h"

static const char *roundtrip(const char *text, char buf[PERIOD_TEXT])
{
	struct period p;
	if (period_parse(text, &p) != 0)
		return "invalid";
	return period_format(&p, buf);
}

START_TEST(parses_years_quarters_months)
{
	char buf[PERIOD_TEXT];
	ck_assert_str_eq(roundtrip("2023", buf), "2023");
	ck_assert_str_eq(roundtrip("2023Q3", buf), "2023Q3");
	ck_assert_str_eq(roundtrip("2023q3", buf), "2023Q3");
	ck_assert_str_eq(roundtrip("2023-09", buf), "2023-09");
}
END_TEST

START_TEST(rejects_malformed_periods)
{
	const char *bad[] = {"", "23", "2023-13", "2023-00", "2023Q5", "2023Q0", "2023-9",
			     "2023-09-01", "abcd", "2023 ", "2023Q", "1800"};
	struct period p;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ck_assert_msg(period_parse(bad[i], &p) != 0, "'%s' should not parse", bad[i]);
}
END_TEST

START_TEST(time_progress_at_period_end)
{
	struct period p;
	period_parse("2023-09", &p);
	ck_assert_double_eq(period_time_progress(&p), 9.0 / 12);
	period_parse("2023Q2", &p);
	ck_assert_int_eq(period_end_month(&p), 6);
	ck_assert_double_eq(period_time_progress(&p), 0.5);
	period_parse("2023", &p);
	ck_assert_double_eq(period_time_progress(&p), 1.0);
	struct period last = period_last_month(&p);
	char buf[PERIOD_TEXT];
	ck_assert_str_eq(period_format(&last, buf), "2023-12");
}
END_TEST

START_TEST(dates_parse_and_count_days)
{
	int d;
	char buf[DATE_TEXT];
	ck_assert_int_eq(date_parse("2023-10-15", &d), 0);
	ck_assert_int_eq(d, 20231015);
	ck_assert_int_eq(date_parse("2024-02", &d), 0); /* a month means its last day */
	ck_assert_str_eq(date_format(d, buf), "2024-02-29");
	ck_assert_int_eq(date_parse("2023-02", &d), 0);
	ck_assert_int_eq(d, 20230228);
	const char *bad[] = {"2023-02-29", "2023-13-01", "2023-1-01", "2023/10/15", "2023-10-1",
			     "", "2023"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ck_assert_msg(date_parse(bad[i], &d) != 0, "'%s' should not parse", bad[i]);
	ck_assert_int_eq(date_days(19700101), 0);
	ck_assert_int_eq(date_days(20231012) - date_days(20230930), 12);
	ck_assert_int_eq(date_days(20240301) - date_days(20240228), 2); /* leap day */
	ck_assert_int_eq(date_days(20000301) - date_days(20000228), 2); /* 2000 is leap */
	ck_assert_int_eq(date_days(21000301) - date_days(21000228), 1); /* 2100 is not */
}
END_TEST

START_TEST(periods_end_and_contain)
{
	struct period q3, aug, jun, y;
	period_parse("2023Q3", &q3);
	period_parse("2023-08", &aug);
	period_parse("2023-06", &jun);
	period_parse("2023", &y);
	ck_assert_int_eq(period_end_date(&q3), 20230930);
	ck_assert_int_eq(period_end_date(&y), 20231231);
	ck_assert(period_within(&aug, &q3));
	ck_assert(!period_within(&jun, &q3));
	ck_assert(period_within(&q3, &y));
	ck_assert(!period_within(&y, &q3));
	ck_assert(period_within(&aug, &aug));
}
END_TEST

Suite *period_suite(void)
{
	Suite *s = suite_create("period");
	TCase *tc = tcase_create("period");
	tcase_add_test(tc, parses_years_quarters_months);
	tcase_add_test(tc, rejects_malformed_periods);
	tcase_add_test(tc, time_progress_at_period_end);
	tcase_add_test(tc, dates_parse_and_count_days);
	tcase_add_test(tc, periods_end_and_contain);
	suite_add_tcase(s, tc);
	return s;
}
