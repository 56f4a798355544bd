/* engine: the mini plan (tests/e2e/fixtures) scored from a store, its
 * scorecards worked out by hand. Its rules: std.ratio { floor = 0.6,
 * full = 1.0, cap = 1.2 } of weights trade 10, the others 5; lights
 * green up to time progress, yellow up to 10 points behind; the total is
 * 100 × points ÷ weights; commended from 90 without a red light, a red
 * light for one red item. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "path.h"
#include "sbuf.h"
#include "score.h"
#include "unit.h"

static const struct card *card_of(const struct board *b, const char *unit)
{
	int u = plan_find_unit(b->plan, unit);
	ck_assert_int_ge(u, 0);
	return &b->cards[u];
}

static const struct item *item_of(const struct board *b, const char *unit, const char *indicator)
{
	const struct plan *p = b->plan;
	long a = plan_find_assignment(p, plan_find_unit(p, unit), plan_find_indicator(p, indicator));
	ck_assert_int_ge(a, 0);
	return &b->items[a];
}

START_TEST(june_is_scored_item_by_item)
{
	struct unit_fixture fx;
	struct board b;
	unit_mini_june(&fx, NULL, &b);
	ck_assert_double_eq(b.progress, 0.5);
	ck_assert_uint_eq(b.nerrors, 0);
	/* 7000 of 7000: the full 10 points, 50 points ahead of time */
	const struct item *it = item_of(&b, "commerce", "trade");
	ck_assert_int_eq(it->status, ITEM_SCORED);
	ck_assert_double_eq(it->completion, 1);
	ck_assert_double_eq_tol(it->score, 10, 1e-12);
	ck_assert_int_eq(it->light, LIGHT_GREEN);
	ck_assert_str_eq(board_text(&b, it->reason), "完成率100%，超过时序进度50个百分点");
	/* 5 of 10 is below the floor, and just on time: green, no points */
	it = item_of(&b, "commerce", "stores");
	ck_assert_double_eq(it->completion, 0.5);
	ck_assert_double_eq(it->score, 0);
	ck_assert_int_eq(it->light, LIGHT_GREEN);
	/* lower is better: 0.5 ÷ 0.4 is 125%, capped at 1.2 × 5 points */
	it = item_of(&b, "wuma", "energy");
	ck_assert_double_eq_tol(it->completion, 1.25, 1e-12);
	ck_assert_double_eq_tol(it->score, 6, 1e-12);
	ck_assert_int_eq(it->light, LIGHT_GREEN);
	/* 3 of 10: 20 points behind */
	it = item_of(&b, "wuma", "stores");
	ck_assert_double_eq_tol(it->completion, 0.3, 1e-12);
	ck_assert_int_eq(it->light, LIGHT_RED);
	/* finance's own target, and the note reported with the figure */
	it = item_of(&b, "finance", "trade");
	ck_assert_double_eq(it->target, 3500);
	ck_assert_double_eq(it->actual, 3500);
	ck_assert_str_eq(board_text(&b, it->note), "按调整后目标");
	board_release(&b);
	unit_fixture_close(&fx);
}
END_TEST

START_TEST(june_totals_and_verdicts)
{
	struct unit_fixture fx;
	struct board b;
	unit_mini_june(&fx, NULL, &b);
	/* 10 points of 15 */
	const struct card *c = card_of(&b, "commerce");
	ck_assert_double_eq_tol(c->score, 10, 1e-12);
	ck_assert_double_eq(c->weight, 15);
	ck_assert_double_eq_tol(c->total, 100.0 * 10 / 15, 1e-9);
	ck_assert_int_eq(c->lights[LIGHT_GREEN], 2);
	ck_assert_int_eq(card_red(&b, c), 0);
	ck_assert_int_eq(c->scored, 2);
	ck_assert_int_eq(c->verdict, VERDICT_NONE);
	/* 6 points of 15, one red light */
	c = card_of(&b, "wuma");
	ck_assert_double_eq_tol(c->total, 40, 1e-9);
	ck_assert_int_eq(card_red(&b, c), 1);
	ck_assert_int_eq(c->verdict, VERDICT_RED_LIGHT);
	ck_assert_str_eq(board_text(&b, c->verdict_reason), "红灯：品牌首店");
	c = card_of(&b, "science");
	ck_assert_double_eq_tol(c->total, 100, 1e-9);
	ck_assert_int_eq(c->verdict, VERDICT_COMMEND);
	ck_assert_str_eq(board_text(&b, c->verdict_reason), "总分90分以上且无红灯");
	board_release(&b);
	unit_fixture_close(&fx);
}
END_TEST

START_TEST(equal_totals_share_a_rank_within_their_group)
{
	struct unit_fixture fx;
	struct board b;
	unit_mini_june(&fx, NULL, &b);
	/* science and finance both 100: 1, 1, then commerce 3rd */
	ck_assert_int_eq(card_of(&b, "science")->rank, 1);
	ck_assert_int_eq(card_of(&b, "finance")->rank, 1);
	ck_assert_int_eq(card_of(&b, "commerce")->rank, 3);
	ck_assert_int_eq(card_of(&b, "commerce")->group_size, 3);
	/* the town is ranked in its own group, whatever its total */
	ck_assert_int_eq(card_of(&b, "wuma")->rank, 1);
	ck_assert_int_eq(card_of(&b, "wuma")->group_size, 1);
	board_release(&b);
	unit_fixture_close(&fx);
}
END_TEST

START_TEST(a_deduction_counts_in_the_total_and_the_rank)
{
	static const struct store_adjustment late[] = {
		{"finance", "2023-06", -1, "信息报送迟报", "", "unit test"},
	};
	struct unit_fixture fx;
	struct board b;
	unit_mini_open(&fx, NULL);
	unit_import_mini_june(&fx);
	unit_import_ok(&fx, NULL, 0, late, 1);
	unit_score(&fx, "2023-06", &b);
	const struct card *c = card_of(&b, "finance");
	ck_assert_double_eq_tol(c->base_total, 100, 1e-9);
	ck_assert_double_eq(c->adjustment, -1);
	ck_assert_double_eq_tol(c->total, 99, 1e-9);
	ck_assert_str_eq(board_text(&b, c->adjustment_reason), "信息报送迟报-1");
	/* the tie is broken; 99 is still commended */
	ck_assert_int_eq(card_of(&b, "science")->rank, 1);
	ck_assert_int_eq(c->rank, 2);
	ck_assert_int_eq(card_of(&b, "commerce")->rank, 3);
	ck_assert_int_eq(c->verdict, VERDICT_COMMEND);
	board_release(&b);
	unit_fixture_close(&fx);
}
END_TEST

START_TEST(a_figure_not_reported_is_red_and_scores_nothing)
{
	static const struct store_figure july_trade[] = {
		UNIT_FIGURE("commerce", "trade", "2023-07", 7100),
	};
	struct unit_fixture fx;
	struct board b;
	unit_mini_open(&fx, NULL);
	unit_import_mini_june(&fx);
	unit_import_ok(&fx, july_trade, 1, NULL, 0);
	unit_score(&fx, "2023-07", &b);
	/* June's 5 stores are not carried into July: not reported */
	const struct item *it = item_of(&b, "commerce", "stores");
	ck_assert_uint_eq(it->flags, FLAG_MISSING);
	ck_assert(isnan(it->actual));
	ck_assert(isnan(it->completion));
	ck_assert_double_eq(it->score, 0);
	ck_assert_int_eq(it->light, LIGHT_RED);
	ck_assert_str_eq(board_text(&b, it->reason), "未报送");
	/* 7100 of 7000: (7100 / 7000 - 0.6) / 0.4 × 10 points, of 15 */
	const struct card *c = card_of(&b, "commerce");
	double trade = (7100.0 / 7000 - 0.6) / 0.4 * 10;
	ck_assert_double_eq_tol(c->total, 100 * trade / 15, 1e-9);
	ck_assert_int_eq(c->missing, 1);
	ck_assert_int_eq(c->verdict, VERDICT_RED_LIGHT);
	/* science and finance reported nothing: 0 each, sharing 2nd place */
	ck_assert_double_eq(card_of(&b, "science")->total, 0);
	ck_assert_int_eq(c->rank, 1);
	ck_assert_int_eq(card_of(&b, "science")->rank, 2);
	ck_assert_int_eq(card_of(&b, "finance")->rank, 2);
	board_release(&b);
	unit_fixture_close(&fx);
}
END_TEST

START_TEST(exactly_on_the_red_margin_is_yellow)
{
	struct unit_fixture fx;
	struct board b;
	unit_mini_open(&fx, NULL);
	unit_import_mini_june(&fx);
	unit_import_mini_july(&fx);
	unit_score(&fx, "2023-07", &b);
	/* 29 of 60 is 48.3%, 7/12 of the year gone: 10 points behind */
	const struct item *it = item_of(&b, "wuma", "events");
	ck_assert_int_eq(it->light, LIGHT_YELLOW);
	ck_assert_str_eq(board_text(&b, it->reason), "完成率48.3%，落后时序进度10个百分点");
	board_release(&b);
	unit_fixture_close(&fx);
}
END_TEST

/* The mini plan's rules with `more` added at the end. */
static char *mini_rules_with(const char *more)
{
	char *rules = unit_fixture_text("mini.lua");
	struct sbuf b = {0};
	sbuf_add(&b, rules);
	sbuf_add(&b, more);
	free(rules);
	return sbuf_detach(&b);
}

/* June scored with the mini rules and more after them. */
static void june_with_rules(const char *more, struct unit_fixture *fx, struct board *b)
{
	char *rules = mini_rules_with(more);
	unit_mini_june(fx, rules, b);
	free(rules);
}

START_TEST(a_failing_item_rule_is_kept_on_the_board)
{
	struct unit_fixture fx;
	struct board b;
	june_with_rules("score.stores = function(it) error('品牌首店口径未定') end\n", &fx, &b);
	/* commerce's and wuma's stores */
	ck_assert_uint_eq(b.nerrors, 2);
	const struct item *it = item_of(&b, "commerce", "stores");
	ck_assert_msg(strstr(board_text(&b, it->error), "品牌首店口径未定"), "%s",
		      board_text(&b, it->error));
	ck_assert_msg(strstr(board_text(&b, it->error), "(unit 区商务局, indicator stores)"), "%s",
		      board_text(&b, it->error));
	/* the unit's other item is scored; the unit is not ranked */
	ck_assert_double_eq_tol(item_of(&b, "commerce", "trade")->score, 10, 1e-12);
	const struct card *c = card_of(&b, "commerce");
	ck_assert_int_eq(c->failed_items, 1);
	ck_assert(card_failed(c));
	ck_assert_int_eq(c->rank, 0);
	ck_assert_int_eq(card_of(&b, "wuma")->rank, 0);
	/* the others are ranked among themselves */
	ck_assert_int_eq(card_of(&b, "science")->rank, 1);
	ck_assert_int_eq(card_of(&b, "finance")->rank, 1);
	ck_assert_int_eq(card_of(&b, "finance")->group_size, 2);
	ck_assert_int_eq(card_of(&b, "finance")->verdict, VERDICT_COMMEND);
	board_release(&b);
	unit_fixture_close(&fx);
}
END_TEST

START_TEST(a_failing_verdict_rule_is_kept_on_its_card)
{
	struct unit_fixture fx;
	struct board b;
	june_with_rules("commend = function(card)\n"
			"  if card.red > 0 then error('无法判定') end\n"
			"  return card.total >= 90, '总分90分以上'\n"
			"end\n",
			&fx, &b);
	/* wuma, the one unit with a red light */
	ck_assert_uint_eq(b.nerrors, 1);
	const struct card *c = card_of(&b, "wuma");
	ck_assert(card_failed(c));
	ck_assert_msg(strstr(board_text(&b, c->error), "无法判定"), "%s", board_text(&b, c->error));
	ck_assert_int_eq(card_of(&b, "science")->verdict, VERDICT_COMMEND);
	ck_assert_str_eq(board_text(&b, card_of(&b, "science")->verdict_reason), "总分90分以上");
	ck_assert_int_eq(card_of(&b, "commerce")->verdict, VERDICT_NONE);
	/* its total stands; it has no rank and no verdict */
	ck_assert(c->verdict_failed && card_has_total(c) && !card_ranked(c));
	ck_assert_double_eq_tol(c->total, 40, 1e-9);
	ck_assert_int_eq(c->rank, 0);
	ck_assert_int_eq(c->group_size, 0);
	ck_assert_int_eq(c->verdict, VERDICT_NONE);
	board_release(&b);
	unit_fixture_close(&fx);
}
END_TEST

/* A unit whose verdict failed is not ranked: its peers are ranked without
 * it, and asked for their verdicts with those ranks. */
START_TEST(a_failing_verdict_leaves_its_peers_ranked_without_it)
{
	struct unit_fixture fx;
	struct board b;
	june_with_rules("commend = function(card)\n"
			"  if card.unit == 'science' then error('无法判定') end\n"
			"  return card.rank <= 2, card.rank .. '/' .. card.group_size\n"
			"end\n",
			&fx, &b);
	ck_assert_uint_eq(b.nerrors, 1);
	const struct card *science = card_of(&b, "science"), *finance = card_of(&b, "finance"),
			  *commerce = card_of(&b, "commerce");
	ck_assert_int_eq(science->rank, 0);
	ck_assert_double_eq_tol(science->total, 100, 1e-9);
	ck_assert_int_eq(finance->rank, 1);
	ck_assert_int_eq(finance->group_size, 2);
	ck_assert_str_eq(board_text(&b, finance->verdict_reason), "1/2");
	/* third of three when first asked, second of two in the end */
	ck_assert_int_eq(commerce->rank, 2);
	ck_assert_int_eq(commerce->verdict, VERDICT_COMMEND);
	ck_assert_str_eq(board_text(&b, commerce->verdict_reason), "2/2");
	board_release(&b);
	unit_fixture_close(&fx);
}
END_TEST

/* June of the mini plan scored into b a window of one peer group at a
 * time (ASSAY_WINDOW_UNITS=1: bureaus, then the town), the host handed to
 * the board. */
static void score_in_windows(struct unit_fixture *fx, struct board *b)
{
	const struct host_limits limits = HOST_DEFAULT_LIMITS;
	struct period period = unit_period("2023-06");
	struct host *h;
	diag_t d;
	unit_mini_open(fx, NULL);
	unit_import_mini_june(fx);
	ck_assert_msg(host_open_for(&h, &fx->plan, &period, &limits, &d) == 0, "%s", d.text);
	struct score_request rq = {.plan = &fx->plan, .host = h, .store = fx->store,
				   .period = period, .shown = true, .trends = true};
	setenv("ASSAY_WINDOW_UNITS", "1", 1);
	int rc = score_period(&rq, b, &d);
	unsetenv("ASSAY_WINDOW_UNITS");
	ck_assert_msg(rc == 0, "%s", d.text);
	score_hand_over(b, h, NULL);
	ck_assert_ptr_nonnull(b->window);
}

/* What a reader sees of an item, its reason written out. */
static void item_text(const struct board *b, const struct item *it, struct sbuf *out)
{
	sbuf_reset(out);
	sbuf_addf(out, "%d %u %.17g %.17g %.17g %.17g %.17g %d %u %u %u %u ", it->indicator,
		  (unsigned)it->assignment, it->actual, it->reported, it->target, it->completion,
		  it->score, it->done_on, it->flags, it->status, it->light, it->as_of);
	item_reason_add(b, it, out);
	sbuf_addf(out, " | %s | %s", board_text(b, it->note), board_text(b, it->error));
}

START_TEST(a_board_held_in_windows_reads_as_one_held_whole)
{
	struct unit_fixture fx, held_whole;
	struct board whole, windowed;
	struct sbuf x = {0}, y = {0};
	unit_mini_june(&held_whole, NULL, &whole);
	ck_assert_ptr_null(whole.window);
	score_in_windows(&fx, &windowed);
	/* the town's card first, then a bureau's: each window is filled anew */
	for (size_t pass = 0; pass < 2; pass++)
		for (size_t k = windowed.ncards; k-- > 0;) {
			const struct card *a = &whole.cards[k], *c = &windowed.cards[k];
			ck_assert_double_eq(a->total, c->total);
			ck_assert_int_eq(a->rank, c->rank);
			ck_assert_int_eq(a->verdict, c->verdict);
			ck_assert_int_eq(a->sample, c->sample);
			ck_assert(a->reported == c->reported);
			const struct item *items = card_items(&windowed, c);
			ck_assert_uint_eq(windowed.window->current,
					  windowed.window->of_group[fx.plan.units[c->unit].group]);
			for (size_t i = 0; i < c->count; i++) {
				item_text(&whole, &whole.items[a->first + i], &x);
				item_text(&windowed, &items[i], &y);
				ck_assert_str_eq(sbuf_str(&x), sbuf_str(&y));
			}
		}
	ck_assert_ptr_null(score_window_failure(&windowed));
	sbuf_release(&x);
	sbuf_release(&y);
	board_release(&whole);
	board_release(&windowed);
	unit_fixture_close(&held_whole);
	unit_fixture_close(&fx);
}
END_TEST

/* The figures gone from the store between scoring and reading: the items
 * read fail with why, and the board says so for the command to fail. */
START_TEST(a_window_whose_figures_cannot_be_read_again_fails)
{
	struct unit_fixture fx;
	struct board b;
	sqlite3 *db;
	score_in_windows(&fx, &b);
	char *path = path_join(fx.dir, "assay.db");
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, "DROP TABLE unit_figures", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	free(path);
	const struct card *c = &b.cards[0];
	const struct item *items = card_items(&b, c);
	const char *why = score_window_failure(&b);
	ck_assert_ptr_nonnull(why);
	ck_assert_msg(strstr(why, "unit_figures") != NULL, "%s", why);
	for (size_t i = 0; i < c->count; i++) {
		ck_assert_str_eq(board_text(&b, items[i].error), why);
		ck_assert(isnan(items[i].score));
	}
	board_release(&b);
	unit_fixture_close(&fx);
}
END_TEST

Suite *engine_suite(void)
{
	Suite *s = suite_create("engine");
	TCase *tc = tcase_create("engine");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, june_is_scored_item_by_item);
	tcase_add_test(tc, june_totals_and_verdicts);
	tcase_add_test(tc, equal_totals_share_a_rank_within_their_group);
	tcase_add_test(tc, a_deduction_counts_in_the_total_and_the_rank);
	tcase_add_test(tc, a_figure_not_reported_is_red_and_scores_nothing);
	tcase_add_test(tc, exactly_on_the_red_margin_is_yellow);
	tcase_add_test(tc, a_failing_item_rule_is_kept_on_the_board);
	tcase_add_test(tc, a_failing_verdict_rule_is_kept_on_its_card);
	tcase_add_test(tc, a_failing_verdict_leaves_its_peers_ranked_without_it);
	tcase_add_test(tc, a_board_held_in_windows_reads_as_one_held_whole);
	tcase_add_test(tc, a_window_whose_figures_cannot_be_read_again_fails);
	suite_add_tcase(s, tc);
	return s;
}
