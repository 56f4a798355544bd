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

Suite *period_suite(void)
{
	Suite *s = suite_create("period");
	TCase *tc = tcase_create("period");
	tcase_add_test(tc, parses_years_quarters_months);
	tcase_add_test(tc, rejects_malformed_periods);
	tcase_add_test(tc, time_progress_at_period_end);
	suite_add_tcase(s, tc);
	return s;
}
