#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plan.h"
#include "text.h"
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
	ck_assert_double_eq(p.assignments[a].target.value, 3500); /* per-unit target */
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

START_TEST(schedules_give_time_progress)
{
	char *path = semantics_plan("progress.yaml");
	struct plan p;
	diag_t d;
	ck_assert_msg(plan_load(&p, path, &d) == 0, "%s", d.text);
	const struct plan_assignment *a = assignment(&p, "a", "investment");
	/* 10, 35, 65, 100 by quarter ends: spread evenly over each quarter */
	ck_assert_double_eq_tol(plan_time_progress(&p, a, 3), 0.10, 1e-12);
	ck_assert_double_eq_tol(plan_time_progress(&p, a, 4), 0.10 + 0.25 / 3, 1e-12);
	ck_assert_double_eq_tol(plan_time_progress(&p, a, 6), 0.35, 1e-12);
	ck_assert_double_eq_tol(plan_time_progress(&p, a, 12), 1.0, 1e-12);
	/* the unit's own monthly schedule wins */
	ck_assert_double_eq_tol(plan_time_progress(&p, assignment(&p, "b", "investment"), 7), 0.40,
				1e-12);
	/* no schedule: the share of the year elapsed */
	ck_assert_double_eq(plan_time_progress(&p, assignment(&p, "a", "trade"), 9), 0.75);
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
	const struct plan_target *t = &assignment(&p, "a", "gdp_growth")->target;
	ck_assert_int_eq(t->form, FORM_ABOUT);
	ck_assert_double_eq(t->value, 6);
	t = &assignment(&p, "a", "occupancy")->target;
	ck_assert_int_eq(t->form, FORM_BETWEEN);
	ck_assert_double_eq(t->value, 94);
	ck_assert_double_eq(t->high, 96);
	t = &assignment(&p, "b", "sme_loan_growth")->target;
	ck_assert_int_eq(t->form, FORM_RELATIVE);
	ck_assert_int_eq(t->relative_to, plan_find_indicator(&p, "loan_growth"));
	t = &assignment(&p, "a", "parks")->target;
	ck_assert_int_eq(t->form, FORM_AT_LEAST);
	ck_assert_double_eq(t->base, 12);
	ck_assert_int_eq(t->since, 2021);
	ck_assert_int_eq(assignment(&p, "a", "jobless")->target.form, FORM_AT_MOST);
	ck_assert_int_eq(assignment(&p, "a", "service_investment")->target.form, FORM_GROWTH);
	ck_assert(p.needs_last_year);
	ck_assert(!p.indicators[plan_find_indicator(&p, "loan_growth")].scored);
	struct sbuf text = {0};
	plan_describe_target(&p, &p.indicators[plan_find_indicator(&p, "service_investment")],
			     &assignment(&p, "a", "service_investment")->target, &text);
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
	suite_add_tcase(s, tc);
	return s;
}
