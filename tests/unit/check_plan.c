#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mem.h"
#include "path.h"
#include "plan.h"
#include "plan_target.h"
#include "sbuf.h"
#include "unit.h"

static char *fixture(const char *name)
{
	struct sbuf b = {0};
	sbuf_addf(&b, "%s/tests/e2e/fixtures/%s", unit_root(), name);
	return sbuf_detach(&b);
}

START_TEST(loads_the_mini_plan)
{
	char *path = fixture("mini.yaml");
	struct plan p;
	diag_t d;
	ck_assert_msg(plan_load(&p, path, &d) == 0, "%s", d.text);
	ck_assert_str_eq(p.id, "mini");
	ck_assert_int_eq(p.year, 2023);
	ck_assert_uint_eq(p.nunits, 4);
	ck_assert_uint_eq(p.nindicators, 4);
	ck_assert_uint_eq(p.nassignments, 7);
	int finance = plan_find_unit(&p, "区财政局");
	ck_assert_int_eq(finance, plan_find_unit(&p, "finance"));
	int trade = plan_find_indicator(&p, "服务贸易额");
	long a = plan_find_assignment(&p, finance, trade);
	ck_assert_int_ge(a, 0);
	ck_assert_double_eq(p.assignments[a].value, 3500); /* per-unit target */
	ck_assert_int_lt(plan_find_assignment(&p, finance, plan_find_indicator(&p, "stores")), 0);
	ck_assert_int_eq(p.indicators[plan_find_indicator(&p, "energy")].kind, KIND_LEVEL);
	ck_assert(p.indicators[plan_find_indicator(&p, "energy")].lower_is_better);
	plan_release(&p);
	free(path);
}
END_TEST

static char *semantics_plan(const char *name)
{
	struct sbuf b = {0};
	sbuf_addf(&b, "%s/tests/plans/%s", unit_root(), name);
	return sbuf_detach(&b);
}

static const struct plan_assignment *assignment(const struct plan *p, const char *unit,
						const char *indicator)
{
	long a = plan_find_assignment(p, plan_find_unit(p, unit), plan_find_indicator(p, indicator));
	ck_assert_int_ge(a, 0);
	return &p->assignments[a];
}

static struct plan_target target_of(const struct plan *p, const char *unit, const char *indicator)
{
	return plan_target_of(p, assignment(p, unit, indicator));
}

START_TEST(schedules_give_time_progress)
{
	char *path = semantics_plan("progress.yaml");
	struct plan p;
	diag_t d;
	ck_assert_msg(plan_load(&p, path, &d) == 0, "%s", d.text);
	const struct plan_assignment *a = assignment(&p, "a", "investment");
	/* 10, 35, 65, 100 by quarter ends: spread evenly over each quarter */
	ck_assert_double_eq_tol(plan_time_progress(&p, a, p.year, 3), 0.10, 1e-12);
	ck_assert_double_eq_tol(plan_time_progress(&p, a, p.year, 4), 0.10 + 0.25 / 3, 1e-12);
	ck_assert_double_eq_tol(plan_time_progress(&p, a, p.year, 6), 0.35, 1e-12);
	ck_assert_double_eq_tol(plan_time_progress(&p, a, p.year, 12), 1.0, 1e-12);
	/* the unit's own monthly schedule wins */
	ck_assert_double_eq_tol(plan_time_progress(&p, assignment(&p, "b", "investment"), p.year, 7), 0.40,
				1e-12);
	/* no schedule: the share of the year elapsed */
	ck_assert_double_eq(plan_time_progress(&p, assignment(&p, "a", "trade"), p.year, 9), 0.75);
	plan_release(&p);
	free(path);
}
END_TEST

START_TEST(target_forms_are_read)
{
	char *path = semantics_plan("targets.yaml");
	struct plan p;
	diag_t d;
	ck_assert_msg(plan_load(&p, path, &d) == 0, "%s", d.text);
	struct plan_target t = target_of(&p, "a", "gdp_growth");
	ck_assert_int_eq(t.form, FORM_ABOUT);
	ck_assert_double_eq(t.value, 6);
	t = target_of(&p, "a", "occupancy");
	ck_assert_int_eq(t.form, FORM_BETWEEN);
	ck_assert_double_eq(t.value, 94);
	ck_assert_double_eq(t.high, 96);
	t = target_of(&p, "b", "sme_loan_growth");
	ck_assert_int_eq(t.form, FORM_RELATIVE);
	ck_assert_int_eq(t.relative_to, plan_find_indicator(&p, "loan_growth"));
	t = target_of(&p, "a", "parks");
	ck_assert_int_eq(t.form, FORM_AT_LEAST);
	ck_assert_double_eq(t.base, 12);
	ck_assert_int_eq(t.since, 2021);
	ck_assert_int_eq(target_of(&p, "a", "jobless").form, FORM_AT_MOST);
	t = target_of(&p, "a", "service_investment");
	ck_assert_int_eq(t.form, FORM_GROWTH);
	ck_assert(p.needs_last_year);
	ck_assert(!p.indicators[plan_find_indicator(&p, "loan_growth")].scored);
	struct sbuf text = {0};
	plan_describe_target(&p, &p.indicators[plan_find_indicator(&p, "service_investment")],
			     &t, &text);
	ck_assert_str_eq(sbuf_str(&text), "≥ +8% y/y");
	sbuf_release(&text);
	plan_release(&p);
	free(path);
}
END_TEST

/* Writes text to a temporary plan file and loads it; returns the message. */
static void load_text(const char *text, diag_t *d, int *rc)
{
	char path[] = "/tmp/assay-plan-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	struct plan p;
	*rc = plan_load(&p, path, d);
	if (*rc == 0)
		plan_release(&p);
	unlink(path);
	/* drop the temporary path from the message */
	size_t n = strlen(path);
	if (strncmp(d->text, path, n) == 0)
		memmove(d->text, d->text + n, strlen(d->text + n) + 1);
}

START_TEST(missing_required_key)
{
	diag_t d;
	int rc;
	load_text("id: x\ntitle: t\nyear: 2023\n", &d, &rc);
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(d.text, ":1:1: the plan has no 'rules'");
}
END_TEST

START_TEST(empty_plan)
{
	diag_t d;
	int rc;
	load_text("", &d, &rc);
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(d.text, ":1:1: the plan is empty");
}
END_TEST

START_TEST(deep_nesting_refused)
{
	struct sbuf b = {0};
	for (int i = 0; i < 200; i++)
		sbuf_add(&b, "[");
	diag_t d;
	int rc;
	load_text(sbuf_str(&b), &d, &rc);
	sbuf_release(&b);
	ck_assert_int_eq(rc, -1);
	ck_assert_msg(strstr(d.text, "nesting deeper than 64 levels"), "%s", d.text);
}
END_TEST

START_TEST(years_and_checkpoints)
{
	char *path = semantics_plan("years.yaml");
	struct plan p;
	diag_t d;
	char text[64];
	ck_assert_msg(plan_load(&p, path, &d) == 0, "%s", d.text);
	ck_assert_int_eq(p.year, 2023);
	ck_assert_int_eq(p.end_year, 2027);
	ck_assert(plan_has_year(&p, 2025) && !plan_has_year(&p, 2022) && !plan_has_year(&p, 2028));
	ck_assert_str_eq(plan_years_text(&p, text, sizeof text), "years 2023-2027");
	const struct plan_assignment *projects = assignment(&p, "a", "projects");
	ck_assert(plan_counts_across_years(&p, projects));
	struct plan_target projects_target = plan_target_of(&p, projects);
	ck_assert_double_eq(plan_target_in_year(&p, &projects_target, 2023).value, 3);
	ck_assert_double_eq(plan_target_in_year(&p, &projects_target, 2026).value, 16);
	ck_assert_double_eq(plan_target_in_year(&p, &projects_target, 2027).value, 20);
	ck_assert_int_eq(plan_target_in_year(&p, &projects_target, 2025).checkpoints, -1);
	/* expected at a year's end: that year's checkpoint, all of it */
	ck_assert_double_eq_tol(plan_time_progress(&p, projects, 2024, 12), 1.0, 1e-12);
	/* mid-2024: 2023's 3, and half of the 5 more 2024 adds, of 2024's 8 */
	ck_assert_double_eq_tol(plan_time_progress(&p, projects, 2024, 6), 5.5 / 8, 1e-12);
	/* no checkpoints: a straight line from 0 (2022) to 50000 (2027) */
	const struct plan_assignment *trainings = assignment(&p, "a", "trainings");
	ck_assert_double_eq_tol(plan_time_progress(&p, trainings, 2023, 12), 0.2, 1e-12);
	ck_assert_double_eq_tol(plan_time_progress(&p, trainings, 2025, 3), 0.45, 1e-12);
	/* not counted across the years: the share of the year elapsed */
	const struct plan_assignment *share = assignment(&p, "a", "employment_share");
	ck_assert(!plan_counts_across_years(&p, share));
	struct plan_target share_target = plan_target_of(&p, share);
	ck_assert_double_eq(plan_time_progress(&p, share, 2024, 9), 0.75);
	ck_assert_double_eq(plan_target_in_year(&p, &share_target, 2023).value, 66);
	ck_assert_double_eq(plan_target_in_year(&p, &share_target, 2024).value, 70);
	struct sbuf out = {0};
	plan_describe_target(&p, &p.indicators[projects->indicator], &projects_target, &out);
	ck_assert_str_eq(sbuf_str(&out), "≥ 20 since 2023; 2023: 3, 2024: 8, 2025: 12, 2026: 16");
	sbuf_release(&out);
	plan_release(&p);
	free(path);
}
END_TEST

START_TEST(documents_forms_are_read)
{
	char *path = semantics_plan("forms.yaml");
	struct plan p;
	diag_t d;
	ck_assert_msg(plan_load(&p, path, &d) == 0, "%s", d.text);
	struct plan_target t = target_of(&p, "a", "visitors");
	ck_assert_int_eq(t.form, FORM_MORE_THAN);
	ck_assert_double_eq(t.value, 3800);
	ck_assert_str_eq(target_form_name(t.form), "more_than");
	t = target_of(&p, "c", "associations");
	ck_assert_int_eq(t.form, FORM_RANGE);
	ck_assert_double_eq(t.value, 1);
	ck_assert_double_eq(t.high, 2);
	ck_assert_str_eq(target_form_name(t.form), "range");
	/* 年均 from the stored figures of 2022, or from a base of 200 */
	struct plan_target stored = target_of(&p, "a", "revenue");
	struct plan_target based = target_of(&p, "b", "output");
	ck_assert(stored.form == FORM_GROWTH && stored.yearly_average && stored.base == 0);
	ck_assert(based.yearly_average && based.base == 200);
	ck_assert(p.needs_base_year && !p.needs_last_year);
	ck_assert_int_eq(plan_growth_from_year(&p, &stored, 2025), 2022);
	ck_assert_int_eq(plan_growth_years(&p, &stored, 2025), 3);
	const char *shown[][2] = {{"visitors", "> 3800"}, {"associations", "1–2"},
				  {"revenue", "≥ +8%/yr avg"}, {"output", "≥ +8%/yr avg (base 200)"}};
	const char *units[] = {"a", "c", "a", "b"};
	for (size_t k = 0; k < 4; k++) {
		struct sbuf text = {0};
		t = target_of(&p, units[k], shown[k][0]);
		plan_describe_target(&p, &p.indicators[plan_find_indicator(&p, shown[k][0])], &t,
				     &text);
		ck_assert_str_eq(sbuf_str(&text), shown[k][1]);
		sbuf_release(&text);
	}
	plan_release(&p);
	free(path);
}
END_TEST

/* A plan of several years whose first indicator has the given target. */
static void load_years_plan(const char *years, const char *target, diag_t *d, int *rc)
{
	struct sbuf b = {0};
	char cwd[4096];
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
	char *root = unit_root()[0] == '/' ? xstrdup(unit_root()) : path_join(cwd, unit_root());
	sbuf_addf(&b, "id: x\ntitle: t\n%s\nrules: %s/tests/plans/plain.lua\n"
		  "groups: [{id: g, name: G}]\nunits: [{id: a, name: A, group: g}]\n"
		  "indicators:\n  - id: n\n    name: N\n    kind: count\n"
		  "    target: %s\n    units: [a]\nrules_folder: %s/tests/plans\n", years, root,
		  target, root);
	load_text(sbuf_str(&b), d, rc);
	sbuf_release(&b);
	free(root);
}

START_TEST(years_refused_with_their_place)
{
	static const struct {
		const char *years, *target, *message;
	} cases[] = {
		{"years: 2027-2023", "1", ":3:8: years must be a first and a later last year such as "
		 "2023-2027, not '2027-2023'"},
		{"years: 2023", "1", ":3:8: years must be a first and a later last year such as "
		 "2023-2027, not '2023'"},
		{"years: 2000-2030", "1", ":3:8: years 2000-2030: a plan covers at most 16 years"},
		{"year: 2023\nyears: 2023-2025", "1", ":4:8: the plan has 'year' and 'years': give "
		 "one of them"},
		{"year: 2023", "{at_least: 2, checkpoints: {2023: 1}}", ":11:40: checkpoints need a "
		 "plan of several years (years: 2023-2027)"},
		{"years: 2023-2025", "{at_least: 2, checkpoints: {2025: 1}}", ":11:41: checkpoint "
		 "2025 is not a year before the plan's last: use 2023 to 2024 (the target itself is "
		 "for 2025)"},
		{"years: 2023-2025", "{between: [1, 2], checkpoints: {2023: 1}}", ":11:44: "
		 "checkpoints give one number a year: a 'between' target has none"},
		{"years: 2023-2025", "{range: [1, 2], checkpoints: {2023: 1}}", ":11:42: "
		 "checkpoints give one number a year: a 'range' target has none"},
		{"years: 2023-2025", "{range: [3, 2]}", ":11:21: range: the high end 2 is below "
		 "the low end 3"},
		{"years: 2023-2025", "{range: 2}", ":11:21: range takes [low, high]"},
		{"year: 2023", "{growth: 8, yearly_average: true}", ":11:41: a yearly average needs "
		 "a plan of several years (years: 2023-2027); in one year it is the growth itself"},
		{"years: 2023-2025", "{more_than: 8, yearly_average: true}", ":11:44: "
		 "'yearly_average' goes with 'growth': {growth: 8, yearly_average: true} for "
		 "年均增长8%"},
		{"years: 2023-2025", "{more_than: 8, at_least: 9}", ":11:25: a target has one "
		 "form: 'at_least' and 'more_than' both given"},
		{"years: 2023-2025", "{at_least: 2, checkpoints: {2023: many}}", ":11:47: a "
		 "checkpoint must be a number, not 'many'"},
		{"years: 2023-2025", "{at_least: 2, since: 2024}", ":11:34: since 2024 is after the "
		 "plan's first year 2023: a target counted since a year adds up every plan year "
		 "from it"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		diag_t d;
		int rc;
		load_years_plan(cases[k].years, cases[k].target, &d, &rc);
		ck_assert_int_eq(rc, -1);
		ck_assert_str_eq(d.text, cases[k].message);
	}
}
END_TEST

Suite *plan_suite(void)
{
	Suite *s = suite_create("plan");
	TCase *tc = tcase_create("plan");
	tcase_add_test(tc, loads_the_mini_plan);
	tcase_add_test(tc, missing_required_key);
	tcase_add_test(tc, empty_plan);
	tcase_add_test(tc, deep_nesting_refused);
	tcase_add_test(tc, schedules_give_time_progress);
	tcase_add_test(tc, target_forms_are_read);
	tcase_add_test(tc, documents_forms_are_read);
	tcase_add_test(tc, years_and_checkpoints);
	tcase_add_test(tc, years_refused_with_their_place);
	suite_add_tcase(s, tc);
	return s;
}
