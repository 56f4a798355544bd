/* rundiff: two runs of the mini plan made by hand, compared. Tables are
 * aligned by display width: a Chinese character takes two columns, "→"
 * and "—" one. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "rundiff.h"
#include "sbuf.h"
#include "unit.h"

/* July as saved: science and finance share 1st at 100 and are commended,
 * commerce 3rd; wuma alone in its group with a red light. */
static void july(struct run *r)
{
	unit_run_init(r, "2023-07");
	unit_run_add_unit(r, "commerce", "区商务局", "区级部门", 69.05, 3, "none");
	unit_run_add_unit(r, "science", "区科技局", "区级部门", 100, 1, "commendation");
	unit_run_add_unit(r, "finance", "区财政局", "区级部门", 100, 1, "commendation");
	unit_run_add_unit(r, "wuma", "五马街道", "街镇", 40, 1, "red_light");
	unit_run_add_item(r, "commerce", "trade", "服务贸易额", "7100", 10.36, "green");
	unit_run_add_item(r, "commerce", "stores", "品牌首店", "6", 0, "green");
	unit_run_add_item(r, "science", "trade", "服务贸易额", "7000", 10, "green");
	unit_run_add_item(r, "finance", "trade", "服务贸易额", "3500", 10, "green");
	unit_run_add_item(r, "wuma", "stores", "品牌首店", "4", 0, "red");
}

static void set_text(char **field, const char *text)
{
	free(*field);
	*field = xstrdup(text);
}

static struct run_unit *unit_in(struct run *r, const char *id)
{
	for (size_t k = 0; k < r->nunits; k++)
		if (strcmp(r->units[k].unit, id) == 0)
			return &r->units[k];
	ck_abort_msg("no unit %s", id);
	return NULL;
}

static struct run_item *item_in(struct run *r, const char *unit, const char *indicator)
{
	for (size_t k = 0; k < r->nitems; k++)
		if (strcmp(r->items[k].unit, unit) == 0 && strcmp(r->items[k].indicator, indicator) == 0)
			return &r->items[k];
	ck_abort_msg("no item %s / %s", unit, indicator);
	return NULL;
}

/* Drops a unit and its items from r (into a run of their own, which
 * run_release frees). */
static void drop_unit(struct run *r, const char *id)
{
	struct run gone = {0};
	size_t units = 0, items = 0;
	gone.units = xcalloc(r->nunits, sizeof *gone.units);
	gone.items = xcalloc(r->nitems, sizeof *gone.items);
	for (size_t k = 0; k < r->nunits; k++)
		if (strcmp(r->units[k].unit, id) == 0)
			gone.units[gone.nunits++] = r->units[k];
		else
			r->units[units++] = r->units[k];
	for (size_t k = 0; k < r->nitems; k++)
		if (strcmp(r->items[k].unit, id) == 0)
			gone.items[gone.nitems++] = r->items[k];
		else
			r->items[items++] = r->items[k];
	ck_assert_uint_eq(gone.nunits, 1);
	r->nunits = units;
	r->nitems = items;
	run_release(&gone);
}

/* rundiff_results of a and b into text (free it); *differs its return. */
static char *results(const struct run *a, const struct run *b, bool every, bool *differs)
{
	struct sbuf out = {0};
	*differs = rundiff_results(a, b, every, &out);
	return sbuf_detach(&out);
}

START_TEST(a_changed_score_alone_is_listed_only_with_every)
{
	struct run a, b;
	bool differs;
	july(&a);
	july(&b);
	/* commerce's trade falls to 6800: fewer points, the same light and rank */
	unit_in(&b, "commerce")->total = 63.33;
	set_text(&item_in(&b, "commerce", "trade")->actual, "6800");
	item_in(&b, "commerce", "trade")->score = 9.5;
	char *text = results(&a, &b, false, &differs);
	ck_assert(!differs);
	ck_assert_str_eq(text, "ranking: no unit moved\n"
			       "\n"
			       "lights: none changed\n"
			       "\n"
			       "commendation: no change\n"
			       "red light: no change\n");
	free(text);
	text = results(&a, &b, true, &differs);
	ck_assert(differs);
	ck_assert_str_eq(text, "totals\n"
			       "  unit      group             total  rank  moved\n"
			       "  区商务局  区级部门  69.05 → 63.33     3\n"
			       "\n"
			       "items\n"
			       "  unit      indicator        actual         score  light\n"
			       "  区商务局  服务贸易额  7100 → 6800  10.36 → 9.50  green\n"
			       "\n"
			       "commendation: no change\n"
			       "red light: no change\n");
	free(text);
	run_release(&a);
	run_release(&b);
}
END_TEST

START_TEST(ranks_lights_and_verdicts_that_moved)
{
	struct run a, b;
	bool differs;
	july(&a);
	july(&b);
	/* commerce climbs to 2nd and is commended; science falls to 3rd,
	 * its trade yellow, and is no longer commended */
	struct run_unit *commerce = unit_in(&b, "commerce"), *science = unit_in(&b, "science");
	commerce->total = 95;
	commerce->rank = 2;
	set_text(&commerce->verdict, "commendation");
	science->total = 85;
	science->rank = 3;
	set_text(&science->verdict, "none");
	struct run_item *trade = item_in(&b, "science", "trade");
	set_text(&trade->actual, "6500");
	trade->score = 6.25;
	set_text(&trade->light, "yellow");
	char *text = results(&a, &b, false, &differs);
	ck_assert(differs);
	/* finance, still 1st at 100, is not listed */
	ck_assert_str_eq(text, "ranking\n"
			       "  unit      group              total   rank  moved\n"
			       "  区商务局  区级部门   69.05 → 95.00  3 → 2  up 1\n"
			       "  区科技局  区级部门  100.00 → 85.00  1 → 3  down 2\n"
			       "\n"
			       "lights\n"
			       "  unit      indicator        actual         score  light\n"
			       "  区科技局  服务贸易额  7000 → 6500  10.00 → 6.25  green → yellow\n"
			       "\n"
			       "commendation: + 区商务局 · − 区科技局\n"
			       "red light: no change\n");
	free(text);
	run_release(&a);
	run_release(&b);
}
END_TEST

START_TEST(a_unit_added_and_a_unit_gone)
{
	struct run a, b;
	bool differs;
	july(&a);
	july(&b);
	unit_run_add_unit(&b, "audit", "区审计局", "区级部门", 50, 4, "none");
	unit_run_add_item(&b, "audit", "trade", "服务贸易额", "3000", 5, "yellow");
	drop_unit(&b, "wuma");
	char *text = results(&a, &b, false, &differs);
	ck_assert(differs);
	/* the new unit had no rank, figure, score or light before; the unit
	 * gone is listed with what it had, and leaves the red-light list */
	ck_assert_str_eq(text, "ranking\n"
			       "  unit      group         total   rank  moved\n"
			       "  区审计局  区级部门  — → 50.00  — → 4  new\n"
			       "  五马街道  街镇      40.00 → —  1 → —  gone\n"
			       "\n"
			       "lights\n"
			       "  unit      indicator     actual     score  light\n"
			       "  区审计局  服务贸易额  — → 3000  — → 5.00  — → yellow\n"
			       "\n"
			       "commendation: no change\n"
			       "red light: − 五马街道\n");
	free(text);
	run_release(&a);
	run_release(&b);
}
END_TEST

START_TEST(inputs_name_the_rules_parameters_and_figures_that_changed)
{
	struct run a, b;
	struct sbuf out = {0};
	july(&a);
	july(&b);
	set_text(&a.rules, "1111111111111111  rules/mini.lua\n");
	set_text(&b.rules, "2222222222222222  rules/mini.lua\n3333333333333333  rules/lib/extra.lua\n");
	set_text(&a.params, "red_from=1\nyellow=0\n");
	set_text(&b.params, "red_from=2\n");
	set_text(&a.figures, "figure\t2023-07\tcommerce\tstores\t6\t\n"
			     "figure\t2023-07\tcommerce\ttrade\t7100\t\n");
	set_text(&b.figures, "figure\t2023-07\tcommerce\tstores\t8\t含快闪店\n"
			     "figure\t2023-07\tcommerce\ttrade\t7100\t\n"
			     "figure\t2023-08\tcommerce\ttrade\t7200\t\n");
	/* the plan file is the same: three of the four differ */
	ck_assert_int_eq(rundiff_inputs(&a, &b, &out), 3);
	ck_assert_str_eq(sbuf_str(&out),
			 "  plan: unchanged\n"
			 "  rules: rules/lib/extra.lua loaded; rules/mini.lua changed (11111111 → 22222222)\n"
			 "  parameters: red_from 1 → 2; yellow (no longer declared)\n"
			 "  figures: 1 corrected; 1 added (2023-08)\n"
			 "    区商务局 / 品牌首店 2023-07: 6 → 8 · note 含快闪店\n");
	sbuf_reset(&out);
	ck_assert_int_eq(rundiff_inputs(&a, &a, &out), 0);
	ck_assert_str_eq(sbuf_str(&out), "  plan: unchanged\n  rules: unchanged\n"
					 "  parameters: unchanged\n  figures: unchanged\n");
	sbuf_release(&out);
	run_release(&a);
	run_release(&b);
}
END_TEST

Suite *rundiff_suite(void)
{
	Suite *s = suite_create("rundiff");
	TCase *tc = tcase_create("rundiff");
	tcase_add_test(tc, a_changed_score_alone_is_listed_only_with_every);
	tcase_add_test(tc, ranks_lights_and_verdicts_that_moved);
	tcase_add_test(tc, a_unit_added_and_a_unit_gone);
	tcase_add_test(tc, inputs_name_the_rules_parameters_and_figures_that_changed);
	suite_add_tcase(s, tc);
	return s;
}
