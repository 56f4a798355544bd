#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "path.h"
#include "period.h"
#include "plan.h"
#include "sbuf.h"
#include "unit.h"

/* The mini plan's rules, by an absolute path: the plan is in /tmp. */
static char *mini_lua(void)
{
	struct sbuf b = {0};
	char cwd[4096] = "";
	if (unit_root()[0] != '/')
		ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
	sbuf_addf(&b, "%s%s%s/tests/e2e/fixtures/mini.lua", cwd, *cwd ? "/" : "", unit_root());
	return sbuf_detach(&b);
}

/* A plan of one unit on one indicator whose rules are `rules` (YAML),
 * loaded from a temporary file; rule files are the mini plan's. */
static void load_scheduled(struct plan *p, const char *rules)
{
	char path[] = "/tmp/assay-schedule-XXXXXX";
	struct sbuf text = {0};
	char *lua = mini_lua(), *folder = path_dirname(lua);
	sbuf_addf(&text, "id: s\ntitle: 规则沿革\nyear: 2023\nrules:\n%s\n"
		  "groups: [{id: g, name: 组}]\nunits: [{id: u, name: 甲, group: g}]\n"
		  "indicators: [{id: i, name: 数, target: 1, units: [u]}]\nrules_folder: %s\n",
		  rules, folder);
	free(folder);
	free(lua);
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text.s, text.len), (ssize_t)text.len);
	close(fd);
	diag_t d;
	ck_assert_msg(plan_load(p, path, &d) == 0, "%s", d.text);
	unlink(path);
	sbuf_release(&text);
}

START_TEST(the_rules_in_force_are_the_last_from_that_date)
{
	char *lua = mini_lua(), rules[2048];
	snprintf(rules, sizeof rules,
		 "  - {from: 2022-12-01, file: %s}\n"
		 "  - {from: 2023-07, file: %s, params: {red_margin: 0.15, floor: 0.5}}", lua, lua);
	struct plan p;
	load_scheduled(&p, rules);
	ck_assert_uint_eq(p.nrules, 2);
	ck_assert_int_eq(p.rules[0].from, 20221201);
	ck_assert_int_eq(p.rules[1].from, 20230701); /* a month means its first day */
	ck_assert_ptr_eq(plan_rules_at(&p, 20230101), &p.rules[0]);
	ck_assert_ptr_eq(plan_rules_at(&p, 20230630), &p.rules[0]);
	ck_assert_ptr_eq(plan_rules_at(&p, 20230701), &p.rules[1]);
	ck_assert_ptr_eq(plan_rules_at(&p, 20231231), &p.rules[1]);
	struct period q2 = {2023, PERIOD_QUARTER, 2}, july = {2023, PERIOD_MONTH, 7};
	ck_assert_ptr_eq(plan_rules_at(&p, period_end_date(&q2)), &p.rules[0]);
	ck_assert_ptr_eq(plan_rules_at(&p, period_end_date(&july)), &p.rules[1]);
	ck_assert_uint_eq(p.rules[1].nparams, 2);
	ck_assert_str_eq(p.rules[1].params[0].name, "red_margin");
	ck_assert_double_eq(p.rules[1].params[0].value, 0.15);
	ck_assert_int_eq(p.rules[1].params[1].line, 6);
	ck_assert_str_eq(p.rules_path, p.rules[1].path); /* the year's end */
	plan_release(&p);
	free(lua);
}
END_TEST

START_TEST(one_rule_file_is_in_force_all_year)
{
	char *lua = mini_lua(), rules[1024];
	snprintf(rules, sizeof rules, "  %s", lua);
	struct plan p;
	load_scheduled(&p, rules);
	ck_assert_uint_eq(p.nrules, 1);
	ck_assert_int_eq(p.rules[0].from, 0);
	ck_assert_uint_eq(p.rules[0].nparams, 0);
	ck_assert_ptr_eq(plan_rules_at(&p, 20230101), &p.rules[0]);
	ck_assert_ptr_eq(plan_rules_at(&p, 20231231), &p.rules[0]);
	plan_release(&p);
	free(lua);
}
END_TEST

Suite *schedule_suite(void)
{
	Suite *s = suite_create("rule schedule");
	TCase *tc = tcase_create("rules in force");
	tcase_add_test(tc, the_rules_in_force_are_the_last_from_that_date);
	tcase_add_test(tc, one_rule_file_is_in_force_all_year);
	suite_add_tcase(s, tc);
	return s;
}
