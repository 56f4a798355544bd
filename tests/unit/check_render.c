/* render: the mini plan's June scorecards (tests/unit/check_engine.c works
 * them out) as the terminal table and as CSV. Table columns are two
 * spaces apart and aligned by display width, a Chinese character taking
 * two columns; numbers are aligned right. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "sbuf.h"
#include "unit.h"

static int unit_index(const struct unit_fixture *fx, const char *unit)
{
	int u = plan_find_unit(&fx->plan, unit);
	ck_assert_int_ge(u, 0);
	return u;
}

START_TEST(a_scorecard_lines_up_chinese_labels_by_display_width)
{
	struct unit_fixture fx;
	struct board b;
	struct sbuf out = {0};
	unit_mini_june(&fx, NULL, &b);
	render_table(&b, unit_index(&fx, "wuma"), &out);
	/* the widest label, 单位能耗 (吨标准煤/万元), takes 22 columns: 8 for
	 * its name, 1 space, 13 for the measure in brackets */
	ck_assert_str_eq(sbuf_str(&out),
			 "测试方案 (mini)\n"
			 "period 2023-06 · time progress 50.0%\n"
			 "\n"
			 "五马街道 (wuma) · 街镇 · rank 1 of 1\n"
			 "  indicator                 actual  target  completion  score  light  reason\n"
			 "  品牌首店 (家)                  3      10       30.0%   0.00  red    "
			 "完成率30%，落后时序进度20个百分点\n"
			 "  单位能耗 (吨标准煤/万元)     0.4     0.5      125.0%   6.00  green  "
			 "完成率125%，达到目标\n"
			 "  举办展会活动 (场)             30      60       50.0%   0.00  green  "
			 "完成率50%，与时序进度持平\n"
			 "  total 40.00 · green 2 · yellow 0 · red 1\n"
			 "  verdict: red light — 红灯：品牌首店\n"
			 "\n");
	sbuf_release(&out);
	board_release(&b);
	unit_fixture_close(&fx);
}
END_TEST

START_TEST(the_ranking_lists_each_group_with_shared_ranks)
{
	struct unit_fixture fx;
	struct board b;
	struct sbuf out = {0};
	unit_mini_june(&fx, NULL, &b);
	render_ranking_table(&b, &out);
	/* science and finance tie at 1st in plan order, commerce 3rd */
	ck_assert_str_eq(sbuf_str(&out), "ranking\n"
					 "区级部门\n"
					 "  rank  unit       total  red  verdict\n"
					 "     1  区科技局  100.00    0  commendation\n"
					 "     1  区财政局  100.00    0  commendation\n"
					 "     3  区商务局   66.67    0  none\n"
					 "街镇\n"
					 "  rank  unit      total  red  verdict\n"
					 "     1  五马街道  40.00    1  red light\n");
	sbuf_release(&out);
	board_release(&b);
	unit_fixture_close(&fx);
}
END_TEST

START_TEST(csv_rows_quote_what_needs_it_and_leave_the_unknown_empty)
{
	/* finance alone reports, with a note holding a comma and quotes */
	static const struct store_figure june[] = {
		{"finance", "trade", "2023-06", 3500, "按\"调整后\"目标,已批复", "unit test", 0},
	};
	static const char header[] =
		"period,unit,unit_name,group,indicator,indicator_name,measure,actual,target,"
		"completion,score,weight,light,reason,total,rank,group_size,verdict,verdict_reason,"
		"status,flags,as_of,note,adjustment\n";
	struct unit_fixture fx;
	struct board b;
	struct sbuf out = {0}, expected = {0};
	unit_mini_open(&fx, NULL);
	unit_import_ok(&fx, june, 1, NULL, 0);
	unit_score(&fx, "2023-06", &b);
	render_csv(&b, unit_index(&fx, "finance"), false, &out);
	sbuf_addf(&expected, "%s2023-06,finance,区财政局,bureau,trade,服务贸易额,万美元,3500,3500,"
		  "1.0000,10.00,10.00,green,完成率100%%，超过时序进度50个百分点,100.00,1,3,"
		  "commendation,总分90分以上且无红灯,scored,,2023-06,"
		  "\"按\"\"调整后\"\"目标,已批复\",0.00\n", header);
	ck_assert_str_eq(sbuf_str(&out), sbuf_str(&expected));
	/* science reported nothing: no figure, no completion, no month; 0
	 * points, red, its total 0 sharing 2nd with commerce's */
	sbuf_reset(&out);
	sbuf_reset(&expected);
	render_csv(&b, unit_index(&fx, "science"), true, &out);
	sbuf_addf(&expected, "\xEF\xBB\xBF%s2023-06,science,区科技局,bureau,trade,服务贸易额,万美元,,"
		  "7000,,0.00,10.00,red,未报送,0.00,2,3,red_light,红灯：服务贸易额,scored,missing,,,"
		  "0.00\n", header);
	ck_assert_str_eq(sbuf_str(&out), sbuf_str(&expected));
	sbuf_release(&out);
	sbuf_release(&expected);
	board_release(&b);
	unit_fixture_close(&fx);
}
END_TEST

/* The sheet names of a workbook, in order, each followed by a space. */
static char *sheet_names(const char *path)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/workbook.xml | grep -o '<sheet name=\"[^\"]*\"' "
		 "| cut -d'\"' -f2 | tr '\\n' ' '", path);
	struct sbuf out = {0};
	FILE *p = popen(cmd, "r");
	char buf[256];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, p)) > 0)
		sbuf_addn(&out, buf, n);
	ck_assert_int_eq(pclose(p), 0);
	return sbuf_detach(&out);
}

/* 区商务局's scorecard takes 3 rows, 区科技局's and 区财政局's 2 each, below
 * the sheet's header row: at 4 rows to a sheet, each of the three is on a
 * sheet of its own; at 6, the first two share one. */
START_TEST(a_peer_group_whose_cards_pass_the_last_row_goes_on_more_sheets)
{
	struct unit_fixture fx;
	struct board b;
	struct report_record rec = {.run = 0};
	diag_t d;
	unit_mini_june(&fx, NULL, &b);
	char *path = unit_write_file(fx.dir, "r.xlsx", "");
	ck_assert_int_eq(render_xlsx_sheet_rows(&b, &rec, path, 4, &d), 0);
	char *names = sheet_names(path);
	ck_assert_str_eq(names, "ranking lights 区级部门 区级部门 (2) 区级部门 (3) 街镇 ");
	free(names);
	ck_assert_int_eq(render_xlsx_sheet_rows(&b, &rec, path, 6, &d), 0);
	names = sheet_names(path);
	ck_assert_str_eq(names, "ranking lights 区级部门 区级部门 (2) 街镇 ");
	free(names);
	ck_assert_int_eq(render_xlsx(&b, &rec, path, &d), 0);
	names = sheet_names(path);
	ck_assert_str_eq(names, "ranking lights 区级部门 街镇 ");
	free(names);
	free(path);
	board_release(&b);
	unit_fixture_close(&fx);
}
END_TEST

/* A board shown as text (not JSON) keeps every item's trend only when the
 * plan flags jumps, whose ratio its notes give; it reads the same as one
 * that keeps them all. */
START_TEST(a_board_shown_as_text_keeps_only_the_trends_it_shows)
{
	struct unit_fixture fx;
	struct board all, text;
	struct sbuf a = {0}, t = {0};
	unit_mini_june(&fx, NULL, &all);
	unit_score_as(&fx, "2023-06", false, &text);
	ck_assert_uint_eq(all.ntrends, all.nitems);
	ck_assert_uint_lt(text.ntrends, text.nitems);
	render_table(&all, -1, &a);
	render_table(&text, -1, &t);
	ck_assert_str_eq(sbuf_str(&t), sbuf_str(&a));
	sbuf_reset(&a);
	sbuf_reset(&t);
	render_csv(&all, -1, false, &a);
	render_csv(&text, -1, false, &t);
	ck_assert_str_eq(sbuf_str(&t), sbuf_str(&a));
	board_release(&text);
	fx.plan.indicators[0].jump_factor = 3;
	unit_score_as(&fx, "2023-06", false, &text);
	ck_assert_uint_eq(text.ntrends, text.nitems);
	sbuf_release(&a);
	sbuf_release(&t);
	board_release(&text);
	board_release(&all);
	unit_fixture_close(&fx);
}
END_TEST

/* What a sink is handed, and how many times. */
struct collected {
	struct sbuf text;
	int pieces;
};

static void collect(void *ctx, const char *text, size_t len)
{
	struct collected *c = ctx;
	sbuf_addn(&c->text, text, len);
	c->pieces++;
}

/* Checks that the form's text handed to a sink a scorecard at a time,
 * with what is left at the end, is its text written whole. */
static void check_streamed(const struct board *b, const char *whole, int form)
{
	struct collected got = {{0}, 0};
	const struct render_sink sink = {collect, &got};
	struct sbuf rest = {0};
	struct report_record rec = {.run = 3, .final = true, .generated = "2023-07-05 09:12:03 UTC"};
	if (form == 0)
		render_csv_pieces(b, -1, true, &rest, &sink);
	else if (form == 1)
		render_json_pieces(b, -1, &rest, &sink);
	else if (form == 2)
		render_table_pieces(b, -1, &rest, &sink);
	else if (form == 3)
		render_html_pieces(b, NULL, &rec, &rest, &sink);
	else if (form == 4)
		render_md_pieces(b, &rec, &rest, &sink);
	else if (form == 5)
		render_ranking_table_pieces(b, &rest, &sink);
	else
		render_ranking_csv_pieces(b, true, &rest, &sink);
	sbuf_addn(&got.text, rest.s ? rest.s : "", rest.len);
	ck_assert_str_eq(sbuf_str(&got.text), whole);
	/* a piece per scorecard (the ranking: per peer group) at least:
	 * nothing waits for the last */
	ck_assert_int_ge(got.pieces, form < 5 ? (int)b->ncards : (int)b->plan->ngroups);
	sbuf_release(&got.text);
	sbuf_release(&rest);
}

START_TEST(each_form_streamed_is_the_form_written_whole)
{
	struct unit_fixture fx;
	struct board b;
	struct report_record rec = {.run = 3, .final = true, .generated = "2023-07-05 09:12:03 UTC"};
	unit_mini_june(&fx, NULL, &b);
	for (int form = 0; form < 7; form++) {
		struct sbuf whole = {0};
		if (form == 0)
			render_csv(&b, -1, true, &whole);
		else if (form == 1)
			render_json(&b, -1, &whole);
		else if (form == 2)
			render_table(&b, -1, &whole);
		else if (form == 3)
			render_html(&b, NULL, &rec, &whole);
		else if (form == 4)
			render_md(&b, &rec, &whole);
		else if (form == 5)
			render_ranking_table(&b, &whole);
		else
			render_ranking_csv(&b, true, &whole);
		/* the reasons written as they are read */
		if (form < 5)
			ck_assert_ptr_nonnull(strstr(sbuf_str(&whole), form == 1
						     ? "\"reason\":\"完成率30%，落后时序进度20个百分点\""
						     : "完成率30%，落后时序进度20个百分点"));
		else
			ck_assert_ptr_nonnull(strstr(sbuf_str(&whole), "五马街道"));
		check_streamed(&b, sbuf_str(&whole), form);
		sbuf_release(&whole);
	}
	board_release(&b);
	unit_fixture_close(&fx);
}
END_TEST

Suite *render_suite(void)
{
	Suite *s = suite_create("render");
	TCase *tc = tcase_create("render");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, a_scorecard_lines_up_chinese_labels_by_display_width);
	tcase_add_test(tc, the_ranking_lists_each_group_with_shared_ranks);
	tcase_add_test(tc, csv_rows_quote_what_needs_it_and_leave_the_unknown_empty);
	tcase_add_test(tc, a_peer_group_whose_cards_pass_the_last_row_goes_on_more_sheets);
	tcase_add_test(tc, each_form_streamed_is_the_form_written_whole);
	tcase_add_test(tc, a_board_shown_as_text_keeps_only_the_trends_it_shows);
	suite_add_tcase(s, tc);
	return s;
}
