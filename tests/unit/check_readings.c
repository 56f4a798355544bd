/* readings: what the store's figures say at a period's end, worked out by
 * hand from the figures each test imports. */
#include <math.h>
#include <stdlib.h>

#include "readings.h"
#include "unit.h"

/* Rules are not asked here; the plan needs a file of them all the same. */
static const char rules[] = "local std = require 'std'\n"
			    "weights { default = 10 }\n"
			    "score.default = std.ratio { floor = 0, full = 1, cap = 1 }\n"
			    "light = std.time_progress { yellow = 0, red = 0.10 }\n";

/* Monthly figures year to date and per month, a quarterly report, a
 * rate with a jump factor of its own, and growth targets against last
 * year's figures year to date and per month. */
static const char plan_text[] =
	"id: readings\n"
	"title: 读数\n"
	"year: 2023\n"
	"rules: rules.lua\n"
	"jump_factor: 3\n"
	"groups:\n"
	"  - {id: g, name: 部门}\n"
	"units:\n"
	"  - {id: a, name: 甲局, group: g}\n"
	"  - {id: b, name: 乙局, group: g}\n"
	"indicators:\n"
	"  - {id: sales, name: 销售额, target: 120, units: [a, b]}\n"
	"  - {id: sales_month, name: 当月销售额, basis: period, target: 120, units: [a, b]}\n"
	"  - {id: investment, name: 固定资产投资, every: quarter, target: 100, units: [a, b]}\n"
	"  - {id: occupancy, name: 入住率, kind: rate, target: 80, jump_factor: 2, units: [a]}\n"
	"  - {id: exports, name: 出口额, target: {growth: 8}, units: [a, b]}\n"
	"  - {id: orders, name: 当月订单, basis: period, target: {growth: 10}, units: [a]}\n";

static const struct store_figure figures[] = {
	/* year to date: a falls back in March, b's March adds 60 after 10 and 10 */
	UNIT_FIGURE("a", "sales", "2023-01", 10),
	UNIT_FIGURE("a", "sales", "2023-02", 20),
	{"a", "sales", "2023-03", 18, "含退货冲减", "unit test", 0},
	UNIT_FIGURE("b", "sales", "2023-01", 10),
	UNIT_FIGURE("b", "sales", "2023-02", 20),
	UNIT_FIGURE("b", "sales", "2023-03", 80),
	/* last year's sales: no growth target, so never read */
	UNIT_FIGURE("a", "sales", "2022-03", 999),
	/* per month: b's February is missing */
	UNIT_FIGURE("a", "sales_month", "2023-01", 10),
	UNIT_FIGURE("a", "sales_month", "2023-02", 15),
	UNIT_FIGURE("a", "sales_month", "2023-03", 20),
	UNIT_FIGURE("b", "sales_month", "2023-01", 12),
	UNIT_FIGURE("b", "sales_month", "2023-03", 15),
	/* quarterly, year to date; b also gives March itself */
	UNIT_FIGURE("a", "investment", "2023Q1", 20),
	UNIT_FIGURE("a", "investment", "2023Q2", 55),
	UNIT_FIGURE("b", "investment", "2023Q1", 20),
	UNIT_FIGURE("b", "investment", "2023-03", 21),
	/* a rate: 70 after 32 is more than twice */
	UNIT_FIGURE("a", "occupancy", "2023-01", 30),
	UNIT_FIGURE("a", "occupancy", "2023-02", 32),
	UNIT_FIGURE("a", "occupancy", "2023-03", 70),
	/* growth year to date: a has last year's March (and February), b none */
	UNIT_FIGURE("a", "exports", "2022-02", 70),
	UNIT_FIGURE("a", "exports", "2022-03", 100),
	UNIT_FIGURE("a", "exports", "2023-03", 112),
	UNIT_FIGURE("b", "exports", "2023-03", 50),
	/* growth per month: last year's January and February add up */
	UNIT_FIGURE("a", "orders", "2022-01", 40),
	UNIT_FIGURE("a", "orders", "2022-02", 60),
	UNIT_FIGURE("a", "orders", "2022-03", 50),
	UNIT_FIGURE("a", "orders", "2023-01", 50),
	UNIT_FIGURE("a", "orders", "2023-02", 70),
};

/* The plan above with its figures imported, gathered at period. */
static void gather(struct unit_fixture *fx, struct readings *r, const char *period_text)
{
	struct period period = unit_period(period_text);
	diag_t d;
	ck_assert_msg(readings_gather(r, &fx->plan, fx->store, &period, &d) == 0, "%s", d.text);
	ck_assert_uint_eq(r->n, fx->plan.nassignments);
}

static void open_figures(struct unit_fixture *fx)
{
	unit_fixture_open(fx, plan_text, rules);
	unit_import_ok(fx, figures, sizeof figures / sizeof *figures, NULL, 0);
}

static const struct reading *reading_of(const struct readings *r, const char *unit,
					const char *indicator)
{
	const struct plan *p = r->plan;
	long a = plan_find_assignment(p, plan_find_unit(p, unit), plan_find_indicator(p, indicator));
	ck_assert_int_ge(a, 0);
	return readings_at(r, (size_t)a);
}

START_TEST(per_month_figures_add_up_to_the_year_to_date)
{
	struct unit_fixture fx;
	struct readings r;
	open_figures(&fx);
	gather(&fx, &r, "2023-03");
	/* 10 + 15 + 20; March's own 20 is the increment */
	const struct reading *rd = reading_of(&r, "a", "sales_month");
	ck_assert_double_eq(rd->value, 45);
	ck_assert_double_eq(rd->increment, 20);
	ck_assert_int_eq(rd->as_of, 3);
	ck_assert_uint_eq(rd->flags, 0);
	/* February missing: no year to date at all, not 27 */
	rd = reading_of(&r, "b", "sales_month");
	ck_assert(isnan(rd->value));
	ck_assert_uint_eq(rd->flags, FLAG_GAP | FLAG_MISSING);
	/* year to date as reported: March's increment is 18 - 20 */
	rd = reading_of(&r, "a", "sales");
	ck_assert_double_eq(rd->value, 18);
	ck_assert_double_eq(rd->increment, -2);
	ck_assert_str_eq(reading_note(&r, rd), "含退货冲减");
	ck_assert_str_eq(reading_note(&r, reading_of(&r, "b", "sales")), "");
	readings_release(&r);
	unit_fixture_close(&fx);
}
END_TEST

START_TEST(quarterly_figures_are_carried_until_the_next_is_due)
{
	struct unit_fixture fx;
	struct readings r;
	open_figures(&fx);
	/* February: the first quarter's report is not due yet */
	gather(&fx, &r, "2023-02");
	const struct reading *rd = reading_of(&r, "a", "investment");
	ck_assert_uint_eq(rd->flags, FLAG_NOT_DUE);
	ck_assert_int_eq(rd->as_of, 0);
	ck_assert(isnan(rd->value));
	readings_release(&r);
	/* May: March's 20 carried */
	gather(&fx, &r, "2023-05");
	rd = reading_of(&r, "a", "investment");
	ck_assert_double_eq(rd->value, 20);
	ck_assert_int_eq(rd->as_of, 3);
	ck_assert_uint_eq(rd->flags, FLAG_CARRIED);
	readings_release(&r);
	/* August: June's 55 carried, 35 more than March's */
	gather(&fx, &r, "2023-08");
	rd = reading_of(&r, "a", "investment");
	ck_assert_double_eq(rd->value, 55);
	ck_assert_double_eq(rd->increment, 35);
	ck_assert_int_eq(rd->as_of, 6);
	ck_assert_uint_eq(rd->flags, FLAG_CARRIED);
	readings_release(&r);
	/* October: September's report is due and missing; June's is not carried */
	gather(&fx, &r, "2023-10");
	rd = reading_of(&r, "a", "investment");
	ck_assert(isnan(rd->value));
	ck_assert_uint_eq(rd->flags, FLAG_MISSING);
	readings_release(&r);
	unit_fixture_close(&fx);
}
END_TEST

START_TEST(a_months_own_figure_wins_over_its_quarters)
{
	struct unit_fixture fx;
	struct readings r;
	open_figures(&fx);
	gather(&fx, &r, "2023Q1");
	const struct reading *rd = reading_of(&r, "b", "investment");
	ck_assert_double_eq(rd->value, 21);
	ck_assert_int_eq(rd->as_of, 3);
	ck_assert_uint_eq(rd->flags, 0);
	readings_release(&r);
	unit_fixture_close(&fx);
}
END_TEST

START_TEST(figures_that_fall_back_or_jump_are_flagged)
{
	struct unit_fixture fx;
	struct readings r;
	open_figures(&fx);
	gather(&fx, &r, "2023-02");
	/* 20 after 10, each month adding 10: nothing to review */
	ck_assert_uint_eq(reading_of(&r, "a", "sales")->flags, 0);
	ck_assert_uint_eq(reading_of(&r, "b", "sales")->flags, 0);
	readings_release(&r);
	gather(&fx, &r, "2023-03");
	/* 18 year to date after 20: it fell back; a fall is no jump */
	const struct reading *rd = reading_of(&r, "a", "sales");
	ck_assert_uint_eq(rd->flags, FLAG_BACKWARDS);
	ck_assert(isnan(rd->jump));
	/* March adds 60 after February's 10: 6 times, beyond the plan's 3 */
	rd = reading_of(&r, "b", "sales");
	ck_assert_uint_eq(rd->flags, FLAG_JUMP);
	ck_assert_double_eq_tol(rd->jump, 6, 1e-12);
	/* a rate is compared as it stands: 70 / 32, beyond its own factor 2 */
	rd = reading_of(&r, "a", "occupancy");
	ck_assert_uint_eq(rd->flags, FLAG_JUMP);
	ck_assert_double_eq_tol(rd->jump, 70.0 / 32, 1e-12);
	readings_release(&r);
	unit_fixture_close(&fx);
}
END_TEST

START_TEST(growth_targets_read_last_years_figure_at_the_same_point)
{
	struct unit_fixture fx;
	struct readings r;
	open_figures(&fx);
	ck_assert(fx.plan.needs_last_year);
	gather(&fx, &r, "2023-03");
	/* last year's March, not its February */
	const struct reading *rd = reading_of(&r, "a", "exports");
	ck_assert_double_eq(rd->value, 112);
	ck_assert_double_eq(rd->last_year, 100);
	ck_assert_uint_eq(rd->flags, 0);
	/* nothing a year before to grow against */
	rd = reading_of(&r, "b", "exports");
	ck_assert_double_eq(rd->value, 50);
	ck_assert(isnan(rd->last_year));
	ck_assert_uint_eq(rd->flags, FLAG_NO_BASE);
	/* no growth target: last year's figure is not read */
	ck_assert(isnan(reading_of(&r, "a", "sales")->last_year));
	readings_release(&r);
	/* per month: January and February of each year added up (50 + 70
	 * against 40 + 60), last year's March left out */
	gather(&fx, &r, "2023-02");
	rd = reading_of(&r, "a", "orders");
	ck_assert_double_eq(rd->value, 120);
	ck_assert_double_eq(rd->last_year, 100);
	ck_assert_uint_eq(rd->flags, 0);
	readings_release(&r);
	unit_fixture_close(&fx);
}
END_TEST

START_TEST(adjustments_count_in_the_periods_they_fall_in)
{
	static const struct store_adjustment adjs[] = {
		{"a", "2023-02", 2, "获市政府通报表扬", "沪府办〔2023〕5号", "unit test"},
		{"b", "2023-04", -1, "信息报送迟报", "", "unit test"},
		{"b", "2022-12", -3, "去年的扣分", "", "unit test"},
	};
	struct unit_fixture fx;
	struct readings r;
	unit_fixture_open(&fx, plan_text, rules);
	unit_import_ok(&fx, NULL, 0, adjs, sizeof adjs / sizeof *adjs);
	gather(&fx, &r, "2023Q1");
	ck_assert_uint_eq(r.nadj, 1);
	ck_assert_int_eq(r.adj[0].unit, plan_find_unit(&fx.plan, "a"));
	ck_assert_double_eq(r.adj[0].points, 2);
	ck_assert_str_eq(readings_text(&r, r.adj[0].reason), "获市政府通报表扬");
	ck_assert_str_eq(readings_text(&r, r.adj[0].source), "沪府办〔2023〕5号");
	readings_release(&r);
	/* April falls in the year, not in March */
	gather(&fx, &r, "2023-03");
	ck_assert_uint_eq(r.nadj, 0);
	readings_release(&r);
	gather(&fx, &r, "2023");
	ck_assert_uint_eq(r.nadj, 2);
	ck_assert_double_eq(r.adj[0].points + r.adj[1].points, 1);
	readings_release(&r);
	unit_fixture_close(&fx);
}
END_TEST

/* A count since the plan's first year, reported once a year. */
static const char years_plan[] =
	"id: years\n"
	"title: 三年\n"
	"years: 2023-2025\n"
	"rules: rules.lua\n"
	"groups: [{id: g, name: 区}]\n"
	"units: [{id: a, name: 甲区, group: g}, {id: b, name: 乙区, group: g}]\n"
	"indicators:\n"
	"  - {id: projects, name: 累计项目, kind: count, every: year,\n"
	"     target: {at_least: 20, since: 2023}, units: [a, b]}\n";

START_TEST(a_count_across_the_years_adds_the_earlier_years_up)
{
	static const struct store_figure figs[] = {
		UNIT_FIGURE("a", "projects", "2023", 3),
		UNIT_FIGURE("a", "projects", "2024", 6),
		UNIT_FIGURE("a", "projects", "2025", 2),
		UNIT_FIGURE("b", "projects", "2023", 3),
		UNIT_FIGURE("b", "projects", "2025", 4),
	};
	struct unit_fixture fx;
	struct readings r;
	unit_fixture_open(&fx, years_plan, rules);
	unit_import_ok(&fx, figs, sizeof figs / sizeof *figs, NULL, 0);
	gather(&fx, &r, "2025");
	/* the year's 2, and 3 + 6 before it */
	const struct reading *rd = reading_of(&r, "a", "projects");
	ck_assert_double_eq(rd->value, 2);
	ck_assert_double_eq(rd->earlier, 9);
	ck_assert_uint_eq(rd->flags, 0);
	/* 2024 missing: no total across the years */
	rd = reading_of(&r, "b", "projects");
	ck_assert(isnan(rd->value));
	ck_assert_uint_eq(rd->flags, FLAG_EARLIER_GAP | FLAG_MISSING);
	readings_release(&r);
	unit_fixture_close(&fx);
}
END_TEST

Suite *readings_suite(void)
{
	Suite *s = suite_create("readings");
	TCase *tc = tcase_create("readings");
	tcase_add_test(tc, per_month_figures_add_up_to_the_year_to_date);
	tcase_add_test(tc, quarterly_figures_are_carried_until_the_next_is_due);
	tcase_add_test(tc, a_months_own_figure_wins_over_its_quarters);
	tcase_add_test(tc, figures_that_fall_back_or_jump_are_flagged);
	tcase_add_test(tc, growth_targets_read_last_years_figure_at_the_same_point);
	tcase_add_test(tc, adjustments_count_in_the_periods_they_fall_in);
	tcase_add_test(tc, a_count_across_the_years_adds_the_earlier_years_up);
	suite_add_tcase(s, tc);
	return s;
}
