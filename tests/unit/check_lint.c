/* lint: what assay check warns about in a plan's rules, on a plan of five
 * units that declares full marks of 100. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "lint.h"
#include "sbuf.h"
#include "unit.h"

/* Every unit is scored on x; on y only a, unless y_units says otherwise.
 * full_marks is at line 5, column 13. */
static char *plan_with(const char *y_units, const char *x_more)
{
	struct sbuf b = {0};
	sbuf_addf(&b, "id: lint\n"
		      "title: 规则检查\n"
		      "year: 2023\n"
		      "rules: rules.lua\n"
		      "full_marks: 100\n"
		      "groups: [{id: g, name: 部门}]\n"
		      "units:\n"
		      "  - {id: a, name: 甲局, group: g}\n"
		      "  - {id: b, name: 乙局, group: g}\n"
		      "  - {id: c, name: 丙局, group: g}\n"
		      "  - {id: d, name: 丁局, group: g}\n"
		      "  - {id: e, name: 戊局, group: g}\n"
		      "indicators:\n"
		      "  - {id: x, name: 指标甲, target: 100, units: [a, b, c, d, e]%s}\n"
		      "  - {id: y, name: 指标乙, target: 100, units: [%s]}\n",
		  x_more, y_units);
	return sbuf_detach(&b);
}

/* Weights at line 2; std.ratio's cap: at most 1.2 times each weight. */
static const char rules_base[] = "local std = require 'std'\n"
				 "weights { x = 60, y = 40 }\n"
				 "score.default = std.ratio { floor = 0.6, full = 1.0, cap = 1.2 }\n"
				 "light = std.time_progress { yellow = 0, red = 0.10 }\n";

/* Replaces each "{rules}" and "{plan}" in text with the fixture's paths. */
static char *with_paths(const struct unit_fixture *fx, const char *text)
{
	struct sbuf b = {0};
	while (*text) {
		if (strncmp(text, "{rules}", 7) == 0) {
			sbuf_add(&b, fx->rules_path);
			text += 7;
		} else if (strncmp(text, "{plan}", 6) == 0) {
			sbuf_add(&b, fx->plan_path);
			text += 6;
		} else {
			sbuf_addc(&b, *text++);
		}
	}
	return sbuf_detach(&b);
}

/* lint_rules on plan_with(y_units, x_more) and the base rules with `more`
 * from line 5 says `expected` ({rules}, {plan}: their paths). */
static void expect_lint(const char *y_units, const char *x_more, const char *more,
			const char *expected)
{
	const struct host_limits limits = HOST_DEFAULT_LIMITS;
	struct unit_fixture fx;
	struct sbuf rules = {0}, out = {0};
	struct host *h;
	diag_t d;
	char *plan = plan_with(y_units, x_more);
	sbuf_add(&rules, rules_base);
	sbuf_add(&rules, more);
	unit_fixture_open(&fx, plan, sbuf_str(&rules));
	free(plan);
	sbuf_release(&rules);
	ck_assert_msg(host_open(&h, &fx.plan, &limits, &d) == 0, "%s", d.text);
	lint_rules(&fx.plan, h, &out);
	host_close(h);
	char *want = with_paths(&fx, expected);
	ck_assert_str_eq(sbuf_str(&out), want);
	free(want);
	sbuf_release(&out);
	unit_fixture_close(&fx);
}

START_TEST(weights_that_miss_the_full_marks_are_named_with_their_units)
{
	/* a: 60 + 40; the four others 60 alone, three named */
	expect_lint("a", "", "",
		    "{rules}:2: warning: the weights add up to 60 for 乙局, 丙局, 丁局 and 1 more, not "
		    "the full marks 100 the plan declares ({plan}:5:13): change a weight, or "
		    "full_marks\n");
}
END_TEST

START_TEST(rules_that_add_up_and_reach_their_verdicts_say_nothing)
{
	/* 120 is reached with every indicator at its cap; two red lights with
	 * both red; veto is asked of the binding indicator x */
	expect_lint("a, b, c, d, e", ", binding: true",
		    "commend = std.commend { total = 120 }\n"
		    "red_light = std.red_light { red = 2 }\n"
		    "veto = function(card, failed) return '一票否决' end\n",
		    "");
}
END_TEST

START_TEST(verdicts_no_unit_can_reach_are_warned_of)
{
	expect_lint("a, b, c, d, e", "",
		    "commend = std.commend { total = 130 }\n"
		    "red_light = std.red_light { red = 3 }\n"
		    "veto = function(card, failed) return '一票否决' end\n",
		    "{rules}:5: warning: std.commend { total = 130 } is never met without bonus items: "
		    "a unit totals at most 120.00 on its indicators (each at its highest score): "
		    "lower the total, or raise the weights or the caps\n"
		    "{rules}:6: warning: std.red_light { red = 3 } is never met: no unit is scored on "
		    "more than 2 indicators, so none has 3 red lights: lower red\n"
		    "{rules}:7: warning: veto is never asked: no indicator of the plan is binding "
		    "(binding: true)\n");
}
END_TEST

START_TEST(bonus_points_count_toward_the_highest_total)
{
	/* 120 and 5 bonus points: 125 is reached, 130 is not */
	expect_lint("a, b, c, d, e", "",
		    "commend = std.commend { total = 125 }\n"
		    "adjust = std.adjustments { bonus = 5 }\n",
		    "");
	expect_lint("a, b, c, d, e", "",
		    "commend = std.commend { total = 130 }\n"
		    "adjust = std.adjustments { bonus = 5 }\n",
		    "{rules}:5: warning: std.commend { total = 130 } is never met: a unit totals at "
		    "most 120.00 on its indicators (each at its highest score) plus 5 bonus points: "
		    "lower the total, or raise the weights or the caps\n");
}
END_TEST

Suite *lint_suite(void)
{
	Suite *s = suite_create("lint");
	TCase *tc = tcase_create("lint");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, weights_that_miss_the_full_marks_are_named_with_their_units);
	tcase_add_test(tc, rules_that_add_up_and_reach_their_verdicts_say_nothing);
	tcase_add_test(tc, verdicts_no_unit_can_reach_are_warned_of);
	tcase_add_test(tc, bonus_points_count_toward_the_highest_total);
	suite_add_tcase(s, tc);
	return s;
}
