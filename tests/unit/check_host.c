#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "plan.h"
#include "sbuf.h"
#include "std_core.h"
#include "unit.h"

static const char base_rules[] =
	"local std = require 'std'\n"
	"weights { trade = 10, stores = 5, energy = 5, events = 5 }\n"
	"score.default = std.ratio { floor = 0.6, full = 1.0, cap = 1.2 }\n"
	"light = std.time_progress { yellow = 0, red = 0.10 }\n";

/* Scores the first item of unit `unit` with actual at period. */
static int score_one(struct host *h, const struct plan *p, const char *period_text,
		     const char *unit_id, double actual, struct board *b, struct item **out)
{
	struct period period;
	period_parse(period_text, &period);
	board_init(b, p, &period, BOARD_SHOWN);
	int u = plan_find_unit(p, unit_id);
	size_t a = p->unit_first[u];
	struct item *it = &b->items[a];
	it->indicator = p->assignments[a].indicator;
	it->assignment = (uint32_t)a;
	it->actual = actual;
	it->flags = isnan(actual) ? FLAG_MISSING : 0;
	it->target = p->assignments[a].value;
	b->weights[it->indicator] = host_weight(h, it->indicator);
	*out = it;
	int rc = host_score_item(h, b, u, it);
	std_native_write_reason(b, it); /* as the engine does before showing items */
	return rc;
}

/* std.completion of the forms the documents write, worked by hand. */
START_TEST(completion_of_more_than_and_ranges)
{
	struct std_figure f = {.form = FORM_MORE_THAN, .actual = 3900, .target = 3800,
			       .target_high = NAN, .measure = ""};
	ck_assert_double_eq_tol(std_completion(&f), 3900.0 / 3800, 1e-12);
	f.actual = 3800; /* 超过3800: reaching it is not exceeding it */
	ck_assert_double_eq(std_completion(&f), 0.999);
	f.actual = 1900;
	ck_assert_double_eq(std_completion(&f), 0.5);
	f.target = 0;
	f.actual = 0; /* 超过0 with 0: not met, though a ratio means nothing */
	ck_assert_double_eq(std_completion(&f), 0.999);
	f.actual = 0.1;
	ck_assert_double_eq(std_completion(&f), 1);
	f = (struct std_figure){.form = FORM_RANGE, .actual = 1, .target = 1, .target_high = 2,
				.measure = ""};
	ck_assert_double_eq(std_completion(&f), 1);
	f.actual = 3; /* above the range's high end: no fault, 3 ÷ 1 */
	ck_assert_double_eq(std_completion(&f), 3);
	f.actual = 0.5;
	ck_assert_double_eq(std_completion(&f), 0.5);
	f.lower = true; /* lower is better: met up to the high end, 2 ÷ 4 above it */
	f.actual = 4;
	ck_assert_double_eq(std_completion(&f), 0.5);
	struct sbuf said = {0};
	f = (struct std_figure){.form = FORM_GROWTH, .actual = 5, .target = 8,
				.yearly_average = true, .measure = ""};
	std_add_said(&said, &f);
	ck_assert_str_eq(sbuf_str(&said), "年均增长5%（目标8%），");
	sbuf_reset(&said);
	f = (struct std_figure){.form = FORM_MORE_THAN, .actual = 3800, .target = 3800,
				.measure = "万人次"};
	std_add_said(&said, &f);
	ck_assert_str_eq(sbuf_str(&said), "实际3800万人次（目标超过3800万人次），");
	sbuf_release(&said);
}
END_TEST

START_TEST(scores_with_the_standard_library)
{
	struct unit_fixture fx;
	struct host *h;
	struct board b;
	struct item *it;
	diag_t d;
	struct host_limits limits = HOST_DEFAULT_LIMITS;
	unit_mini_open(&fx, base_rules);
	ck_assert_msg(host_open(&h, &fx.plan, &limits, &d) == 0, "%s", d.text);
	/* 5600 of 7000 at the end of June: 80%, 30 points ahead of 50% */
	ck_assert_int_eq(score_one(h, &fx.plan, "2023-06", "commerce", 5600, &b, &it), 0);
	ck_assert_double_eq_tol(it->completion, 0.8, 1e-12);
	ck_assert_double_eq_tol(it->score, 5.0, 1e-12); /* (0.8 - 0.6) / 0.4 * 10 */
	ck_assert_int_eq(it->light, LIGHT_GREEN);
	ck_assert_str_eq(board_text(&b, it->reason), "完成率80%，超过时序进度30个百分点");
	board_release(&b);
	/* not reported: no completion, no points, red, and said so */
	ck_assert_int_eq(score_one(h, &fx.plan, "2023-06", "commerce", NAN, &b, &it), 0);
	ck_assert(isnan(it->completion));
	ck_assert_double_eq(it->score, 0);
	ck_assert_int_eq(it->light, LIGHT_RED);
	ck_assert_str_eq(board_text(&b, it->reason), "未报送");
	board_release(&b);
	host_close(h);
	unit_fixture_close(&fx);
}
END_TEST

START_TEST(runaway_rule_is_stopped_and_the_next_call_works)
{
	struct unit_fixture fx;
	struct host *h;
	struct board b;
	struct item *it;
	diag_t d;
	struct host_limits limits = {1000000, 4u << 20, HOST_DEFAULT_SECONDS, 0, 0};
	struct sbuf rules = {0};
	sbuf_add(&rules, base_rules);
	sbuf_add(&rules, "score.trade = function(it)\n"
			 "  if it.actual == 1 then while true do end end\n"
			 "  if it.actual == 2 then local t = {} while true do t[#t + 1] = {} end end\n"
			 "  return it.weight\n"
			 "end\n");
	unit_mini_open(&fx, sbuf_str(&rules));
	sbuf_release(&rules);
	ck_assert_msg(host_open(&h, &fx.plan, &limits, &d) == 0, "%s", d.text);

	ck_assert_int_eq(score_one(h, &fx.plan, "2023-06", "commerce", 1, &b, &it), -1);
	ck_assert_msg(strstr(board_text(&b, it->error), "rules.lua:6: instruction limit exceeded (1000000 instructions)"),
		      "%s", board_text(&b, it->error));
	ck_assert_msg(strstr(board_text(&b, it->error), "(unit 区商务局, indicator trade)"), "%s",
		      board_text(&b, it->error));
	board_release(&b);

	ck_assert_int_eq(score_one(h, &fx.plan, "2023-06", "commerce", 2, &b, &it), -1);
	ck_assert_msg(strstr(board_text(&b, it->error), "memory limit exceeded (4 MiB) (unit 区商务局, indicator trade)"),
		      "%s", board_text(&b, it->error));
	board_release(&b);

	ck_assert_int_eq(score_one(h, &fx.plan, "2023-06", "commerce", 3, &b, &it), 0);
	ck_assert_double_eq(it->score, 10);
	board_release(&b);
	host_close(h);
	unit_fixture_close(&fx);
}
END_TEST

START_TEST(rule_table_rejects_unknown_indicator)
{
	struct unit_fixture fx;
	struct host *h;
	diag_t d;
	struct host_limits limits = HOST_DEFAULT_LIMITS;
	struct sbuf rules = {0};
	sbuf_add(&rules, base_rules);
	sbuf_add(&rules, "score.stroes = std.ratio {}\n");
	unit_mini_open(&fx, sbuf_str(&rules));
	sbuf_release(&rules);
	ck_assert_int_eq(host_open(&h, &fx.plan, &limits, &d), -1);
	ck_assert_msg(strstr(d.text, "rules.lua:5: score.stroes: the plan has no indicator 'stroes' (did you mean 'stores'?)"),
		      "%s", d.text);
	unit_fixture_close(&fx);
}
END_TEST

/* The value named `name` of a step, NAN when it has none. */
static double step_value(const struct trace_step *s, const char *name)
{
	for (size_t k = 0; k < s->nvalues; k++)
		if (strcmp(s->values[k].name, name) == 0)
			return s->values[k].number;
	return NAN;
}

START_TEST(traced_scoring_notes_each_step_with_its_values)
{
	struct unit_fixture fx;
	struct host *h;
	struct board b;
	struct item *it;
	struct trace trace;
	diag_t d;
	unit_mini_open(&fx, base_rules);
	trace_init(&trace, plan_find_unit(&fx.plan, "commerce"));
	struct host_setup setup = {.limits = HOST_DEFAULT_LIMITS, .trace = &trace};
	ck_assert_msg(host_open_setup(&h, &fx.plan, &setup, &d) == 0, "%s", d.text);
	/* the same result as in C: 80% is 5 points, 30 points ahead of June */
	ck_assert_int_eq(score_one(h, &fx.plan, "2023-06", "commerce", 5600, &b, &it), 0);
	ck_assert_double_eq_tol(it->score, 5.0, 1e-12);
	ck_assert_str_eq(board_text(&b, it->reason), "完成率80%，超过时序进度30个百分点");
	ck_assert_uint_eq(trace.nsteps, 3);
	ck_assert_str_eq(trace.steps[0].stage, "completion");
	ck_assert_str_eq(trace.steps[0].function, "std.completion");
	ck_assert_str_eq(trace.steps[0].text, "actual 5600 ÷ target 7000 → 80%");
	ck_assert_str_eq(trace.steps[1].function, "std.ratio");
	ck_assert_msg(strstr(trace.steps[1].made_at, "rules.lua:3"), "%s", trace.steps[1].made_at);
	ck_assert_double_eq_tol(step_value(&trace.steps[1], "share"), 0.5, 1e-12);
	ck_assert_double_eq_tol(step_value(&trace.steps[1], "cap"), 1.2, 1e-12);
	ck_assert_str_eq(trace.steps[2].stage, "light");
	ck_assert_double_eq_tol(step_value(&trace.steps[2], "behind"), -0.3, 1e-12);
	ck_assert_int_eq(trace.steps[2].item, it - b.items);
	board_release(&b);
	/* another unit is scored, not traced */
	ck_assert_int_eq(score_one(h, &fx.plan, "2023-06", "wuma", 3, &b, &it), 0);
	ck_assert_uint_eq(trace.nsteps, 3);
	board_release(&b);
	host_close(h);
	trace_release(&trace);
	unit_fixture_close(&fx);
}
END_TEST

START_TEST(rules_the_library_made_are_known_with_their_options)
{
	struct unit_fixture fx;
	struct host *h;
	struct made_rule m;
	diag_t d;
	struct host_limits limits = HOST_DEFAULT_LIMITS;
	struct sbuf rules = {0};
	sbuf_add(&rules, base_rules);
	sbuf_add(&rules, "score.stores = function(it) return 0 end\n"
			 "commend = std.commend { total = 85 }\n");
	unit_mini_open(&fx, sbuf_str(&rules));
	sbuf_release(&rules);
	ck_assert_msg(host_open(&h, &fx.plan, &limits, &d) == 0, "%s", d.text);
	ck_assert(host_rule_made(h, "score", plan_find_indicator(&fx.plan, "trade"), &m));
	ck_assert_str_eq(m.name, "std.ratio");
	ck_assert_msg(strstr(m.at, "rules.lua:3"), "%s", m.at);
	ck_assert_double_eq_tol(made_option(&m, "cap", NAN), 1.2, 1e-12);
	ck_assert_double_eq(made_option(&m, "pace", -1), -1);  /* nil: not an option */
	ck_assert(!host_rule_made(h, "score", plan_find_indicator(&fx.plan, "stores"), &m));
	ck_assert(host_rule_made(h, "commend", -1, &m));
	ck_assert_double_eq(made_option(&m, "total", NAN), 85);
	ck_assert(host_rule_made(h, "total", -1, &m));   /* the default, made in std.lua */
	ck_assert_str_eq(m.name, "std.weighted_share");
	ck_assert_str_eq(m.at, "");
	ck_assert(!host_rule_made(h, "red_light", -1, &m)); /* none */
	host_close(h);
	unit_fixture_close(&fx);
}
END_TEST

Suite *host_suite(void)
{
	Suite *s = suite_create("host");
	TCase *tc = tcase_create("host");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, scores_with_the_standard_library);
	tcase_add_test(tc, completion_of_more_than_and_ranges);
	tcase_add_test(tc, runaway_rule_is_stopped_and_the_next_call_works);
	tcase_add_test(tc, rule_table_rejects_unknown_indicator);
	tcase_add_test(tc, traced_scoring_notes_each_step_with_its_values);
	tcase_add_test(tc, rules_the_library_made_are_known_with_their_options);
	suite_add_tcase(s, tc);
	return s;
}
