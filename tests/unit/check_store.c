/* store: imports are all or nothing, corrections keep the old value, and
 * saved runs follow their rules (a draft replaces a draft, a final run is
 * only superseded). The mini plan names the figures. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "run.h"
#include "sbuf.h"
#include "unit.h"

/* ---- figures ------------------------------------------------------------- */

/* A unit's figures at a period, "indicator=value note" a line, by
 * indicator. */
static char *stored(struct unit_fixture *fx, const char *period, const char *unit)
{
	struct store_cursor *c;
	struct store_figure f;
	struct sbuf out = {0};
	diag_t d;
	int rc;
	ck_assert_msg(store_figures_open(unit_store(fx), fx->plan.id, period, &c, &d) == 0, "%s",
		      d.text);
	while ((rc = store_figures_next(c, &f, &d)) == 1)
		if (strcmp(f.unit, unit) == 0)
			sbuf_addf(&out, "%s=%g%s%s\n", f.indicator, f.value, *f.note ? " " : "", f.note);
	store_figures_close(c);
	ck_assert_msg(rc == 0, "%s", d.text);
	return sbuf_detach(&out);
}

static void expect_stored(struct unit_fixture *fx, const char *period, const char *unit,
			  const char *expected)
{
	char *got = stored(fx, period, unit);
	ck_assert_str_eq(got, expected);
	free(got);
}

/* The values a figure has had, copied out of store_each_figure_version. */
struct version {
	double value;
	char *indicator, *period, *note, *source, *imported_at, *replaced_at;
	long import_id;
};

struct versions {
	struct version v[8];
	size_t n;
};

static void take_version(void *ctx, const struct store_figure_version *fv)
{
	struct versions *vs = ctx;
	ck_assert_uint_lt(vs->n, 8);
	vs->v[vs->n++] = (struct version){
		fv->figure.value, xstrdup(fv->figure.indicator), xstrdup(fv->figure.period),
		xstrdup(fv->figure.note), xstrdup(fv->figure.source), xstrdup(fv->imported_at),
		fv->replaced_at ? xstrdup(fv->replaced_at) : NULL, fv->import_id};
}

static void versions_of(struct unit_fixture *fx, const char *unit, const char *indicator,
			struct versions *vs)
{
	diag_t d;
	vs->n = 0;
	ck_assert_msg(store_each_figure_version(unit_store(fx), fx->plan.id, unit, indicator,
						take_version, vs, &d) == 0, "%s", d.text);
}

static void versions_release(struct versions *vs)
{
	for (size_t k = 0; k < vs->n; k++) {
		struct version *v = &vs->v[k];
		char *texts[] = {v->indicator, v->period, v->note, v->source, v->imported_at,
				 v->replaced_at};
		for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
			free(texts[t]);
	}
	vs->n = 0;
}

static void count_adjustment(void *ctx, const struct store_adjustment *a)
{
	(void)a;
	++*(int *)ctx;
}

START_TEST(a_failed_import_leaves_the_store_as_it_was)
{
	/* a correction and a new unit's row are written before wuma's July
	 * row gives stores twice */
	static const struct store_figure bad[] = {
		UNIT_FIGURE("commerce", "trade", "2023-06", 7100),
		UNIT_FIGURE("science", "trade", "2023-07", 7000),
		UNIT_FIGURE("wuma", "stores", "2023-07", 4),
		UNIT_FIGURE("wuma", "stores", "2023-07", 5),
	};
	static const struct store_adjustment bonus[] = {
		{"wuma", "2023-07", 2, "获市政府通报表扬", "", "unit test"},
	};
	struct unit_fixture fx;
	struct import_counts counts;
	struct versions vs;
	diag_t d;
	int adjustments = 0;
	unit_mini_open(&fx, NULL);
	unit_import_mini_june(&fx);
	ck_assert_int_eq(unit_import(&fx, bad, 4, bonus, 1, &counts, &d), -1);
	ck_assert_str_eq(d.text, "figure for wuma / stores / 2023-07 given twice");
	/* nothing of it is stored, and nothing was kept as replaced */
	expect_stored(&fx, "2023-06", "commerce", "stores=5\ntrade=7000\n");
	expect_stored(&fx, "2023-07", "science", "");
	versions_of(&fx, "commerce", "trade", &vs);
	ck_assert_uint_eq(vs.n, 1);
	ck_assert_ptr_null(vs.v[0].replaced_at);
	versions_release(&vs);
	ck_assert_int_eq(store_each_adjustment(fx.store, "mini", 2023, count_adjustment,
					       &adjustments, &d), 0);
	ck_assert_int_eq(adjustments, 0);
	/* and the store takes the import once it is right */
	ck_assert_msg(unit_import(&fx, bad, 3, bonus, 1, &counts, &d) == 0, "%s", d.text);
	ck_assert_int_eq(counts.added, 2);
	ck_assert_int_eq(counts.corrected, 1);
	ck_assert_int_eq(counts.unchanged, 0);
	expect_stored(&fx, "2023-06", "commerce", "stores=5\ntrade=7100\n");
	unit_fixture_close(&fx);
}
END_TEST

/* "unit indicator=value" a line, as a cursor on the units named gives them. */
static char *stored_of(struct unit_fixture *fx, const char *period, const char *const *units,
		       size_t n)
{
	struct store_cursor *c;
	struct store_figure f;
	struct sbuf out = {0};
	diag_t d;
	int rc;
	ck_assert_msg(store_figures_open_units(unit_store(fx), fx->plan.id, period, units, n, &c,
					       &d) == 0, "%s", d.text);
	while ((rc = store_figures_next(c, &f, &d)) == 1)
		sbuf_addf(&out, "%s %s=%g\n", f.unit, f.indicator, f.value);
	store_figures_close(c);
	ck_assert_msg(rc == 0, "%s", d.text);
	return sbuf_detach(&out);
}

START_TEST(a_cursor_on_units_named_reads_their_rows_only)
{
	/* commerce and science have June rows too, and nobody has none */
	static const char *const named[] = {"finance", "nobody", "wuma"};
	struct unit_fixture fx;
	unit_mini_open(&fx, NULL);
	unit_import_mini_june(&fx);
	char *got = stored_of(&fx, "2023-06", named, 3);
	ck_assert_str_eq(got, "finance trade=3500\nwuma energy=0.4\nwuma events=30\n"
			      "wuma stores=3\n");
	free(got);
	got = stored_of(&fx, "2023-07", named, 3); /* a month nobody reported */
	ck_assert_str_eq(got, "");
	free(got);
	got = stored_of(&fx, "2023-06", named, 0);
	ck_assert_str_eq(got, "");
	free(got);
	unit_fixture_close(&fx);
}
END_TEST

START_TEST(a_corrected_figure_keeps_its_old_value_in_the_history)
{
	static const struct store_figure june[] = {
		{"commerce", "trade", "2023-06", 7000, "", "june.csv", 2},
		{"commerce", "stores", "2023-06", 5, "", "june.csv", 3},
	};
	static const struct store_figure fix[] = {
		{"commerce", "trade", "2023-06", 7200, "含技术服务", "fix.csv", 2},
	};
	struct unit_fixture fx;
	struct import_counts counts;
	struct versions vs;
	diag_t d;
	unit_mini_open(&fx, NULL);
	ck_assert_int_eq(unit_import(&fx, june, 2, NULL, 0, &counts, &d), 0);
	ck_assert_int_eq(counts.added, 2);
	ck_assert_int_eq(unit_import(&fx, fix, 1, NULL, 0, &counts, &d), 0);
	ck_assert_int_eq(counts.added, 0);
	ck_assert_int_eq(counts.corrected, 1);
	/* the same again changes nothing */
	ck_assert_int_eq(unit_import(&fx, fix, 1, NULL, 0, &counts, &d), 0);
	ck_assert_int_eq(counts.corrected, 0);
	ck_assert_int_eq(counts.unchanged, 1);
	/* the new value stands beside the other figure of its row */
	expect_stored(&fx, "2023-06", "commerce", "stores=5\ntrade=7200 含技术服务\n");
	/* the old value, replaced by the second import; then the new one */
	versions_of(&fx, "commerce", "trade", &vs);
	ck_assert_uint_eq(vs.n, 2);
	ck_assert_double_eq(vs.v[0].value, 7000);
	ck_assert_str_eq(vs.v[0].source, "june.csv:2");
	ck_assert_str_eq(vs.v[0].note, "");
	ck_assert_ptr_nonnull(vs.v[0].replaced_at);
	ck_assert_str_eq(vs.v[0].replaced_at, vs.v[1].imported_at);
	ck_assert_double_eq(vs.v[1].value, 7200);
	ck_assert_str_eq(vs.v[1].source, "fix.csv:2");
	ck_assert_str_eq(vs.v[1].note, "含技术服务");
	ck_assert_ptr_null(vs.v[1].replaced_at);
	ck_assert_int_lt(vs.v[0].import_id, vs.v[1].import_id);
	versions_release(&vs);
	/* every indicator of the unit: stores before trade, never corrected */
	versions_of(&fx, "commerce", NULL, &vs);
	ck_assert_uint_eq(vs.n, 3);
	ck_assert_str_eq(vs.v[0].indicator, "stores");
	ck_assert_ptr_null(vs.v[0].replaced_at);
	versions_release(&vs);
	unit_fixture_close(&fx);
}
END_TEST

/* ---- saved runs ------------------------------------------------------------ */

/* A run of the mini plan made by hand: commerce ranked with total, science
 * not ranked. */
static void make_run(struct run *r, const char *period, bool final, long supersedes,
		     double total)
{
	unit_run_init(r, period);
	r->final = final;
	r->supersedes = supersedes;
	if (supersedes) {
		free(r->reason);
		r->reason = xstrdup("区商务局更正6月数据");
	}
	unit_run_add_unit(r, "commerce", "区商务局", "区级部门", total, 1, "none");
	unit_run_add_unit(r, "science", "区科技局", "区级部门", NAN, 0, "");
	unit_run_add_item(r, "commerce", "trade", "服务贸易额", "7000", 10, "green");
}

/* Saves a run made by hand; its id, or 0 when the store refused it (d). */
static long save(struct unit_fixture *fx, const char *period, bool final, long supersedes,
		 double total, diag_t *d)
{
	struct run r;
	make_run(&r, period, final, supersedes, total);
	int rc = store_save_run(unit_store(fx), &r, d);
	long id = r.id;
	run_release(&r);
	ck_assert_int_eq(rc == 0, id > 0);
	return id;
}

static void list_run(void *ctx, const struct run *r)
{
	struct sbuf *out = ctx;
	sbuf_addf(out, "%ld %s %s\n", r->id, r->period, run_status(r));
}

/* The runs of the mini plan are those of `expected`, "id period status" a
 * line, where each %ld is an id of ids[]. */
static void expect_runs(struct unit_fixture *fx, const char *expected, const long *ids)
{
	struct sbuf got = {0}, want = {0};
	diag_t d;
	ck_assert_msg(store_each_run(unit_store(fx), "mini", list_run, &got, &d) == 0, "%s", d.text);
	for (const char *p = expected; *p; p++)
		if (strncmp(p, "%ld", 3) == 0) {
			sbuf_addf(&want, "%ld", *ids++);
			p += 2;
		} else {
			sbuf_addc(&want, *p);
		}
	ck_assert_str_eq(sbuf_str(&got), sbuf_str(&want));
	sbuf_release(&got);
	sbuf_release(&want);
}

static long current(struct unit_fixture *fx, const char *period)
{
	long id;
	diag_t d;
	ck_assert_msg(store_current_run(unit_store(fx), "mini", period, &id, &d) == 0, "%s", d.text);
	return id;
}

START_TEST(a_draft_replaces_the_earlier_draft_of_its_period)
{
	struct unit_fixture fx;
	struct run r;
	diag_t d;
	unit_mini_open(&fx, NULL);
	long first = save(&fx, "2023-06", false, 0, 50, &d);
	ck_assert_int_eq(current(&fx, "2023-06"), first);
	long july = save(&fx, "2023-07", false, 0, 55, &d);
	long second = save(&fx, "2023-06", false, 0, 60, &d);
	ck_assert_msg(second > july, "a replaced draft's id is not given again");
	/* June's first draft is gone; July's stays */
	expect_runs(&fx, "%ld 2023-06 draft\n%ld 2023-07 draft\n", (long[]){second, july});
	ck_assert_int_eq(current(&fx, "2023-06"), second);
	ck_assert_int_eq(store_load_run(fx.store, first, &r, &d), -1);
	ck_assert_msg(strstr(d.text, "(it holds 2 runs, the last is"), "%s", d.text);
	/* the draft standing is loaded whole, as it was saved */
	ck_assert_msg(store_load_run(fx.store, second, &r, &d) == 0, "%s", d.text);
	ck_assert(!r.final);
	ck_assert_str_eq(r.period, "2023-06");
	ck_assert_uint_eq(r.nunits, 2);
	ck_assert_double_eq(r.units[0].total, 60);
	ck_assert_str_eq(r.units[0].name, "区商务局");
	ck_assert(isnan(r.units[1].total));
	ck_assert_int_eq(r.units[1].rank, 0);
	ck_assert_uint_eq(r.nitems, 1);
	ck_assert_double_eq(r.items[0].score, 10);
	ck_assert_str_eq(r.items[0].light, "green");
	run_release(&r);
	unit_fixture_close(&fx);
}
END_TEST

START_TEST(a_final_run_takes_no_other_run_unless_one_supersedes_it)
{
	struct unit_fixture fx;
	struct run r;
	diag_t d;
	char expected[512];
	unit_mini_open(&fx, NULL);
	long final = save(&fx, "2023-06", true, 0, 50, &d);
	/* neither a draft nor a second final run */
	ck_assert_int_eq(save(&fx, "2023-06", false, 0, 60, &d), 0);
	snprintf(expected, sizeof expected, "2023-06 of plan 'mini' has a final run, %ld (saved ",
		 final);
	ck_assert_msg(strncmp(d.text, expected, strlen(expected)) == 0, "%s", d.text);
	snprintf(expected, sizeof expected, "to replace it, save with --final --supersede %ld "
		 "--reason TEXT", final);
	ck_assert_msg(strstr(d.text, expected), "%s", d.text);
	ck_assert_int_eq(save(&fx, "2023-06", true, 0, 60, &d), 0);
	ck_assert_msg(strstr(d.text, "has a final run"), "%s", d.text);
	/* another period is not frozen */
	long july = save(&fx, "2023-07", false, 0, 55, &d);
	/* a final run that supersedes it stands in its place */
	long later = save(&fx, "2023-06", true, final, 60, &d);
	ck_assert_int_eq(current(&fx, "2023-06"), later);
	expect_runs(&fx, "%ld 2023-06 final\n%ld 2023-06 final\n%ld 2023-07 draft\n",
		    (long[]){final, later, july});
	ck_assert_msg(store_load_run(fx.store, final, &r, &d) == 0, "%s", d.text);
	ck_assert_int_eq(r.superseded_by, later);
	run_release(&r);
	ck_assert_msg(store_load_run(fx.store, later, &r, &d) == 0, "%s", d.text);
	ck_assert_int_eq(r.supersedes, final);
	ck_assert_str_eq(r.reason, "区商务局更正6月数据");
	run_release(&r);
	/* what was superseded cannot be again */
	ck_assert_int_eq(save(&fx, "2023-06", true, final, 70, &d), 0);
	snprintf(expected, sizeof expected, "--supersede %ld: run %ld was superseded by run %ld "
		 "already: supersede that one", final, final, later);
	ck_assert_str_eq(d.text, expected);
	unit_fixture_close(&fx);
}
END_TEST

Suite *store_suite(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("store");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, a_failed_import_leaves_the_store_as_it_was);
	tcase_add_test(tc, a_cursor_on_units_named_reads_their_rows_only);
	tcase_add_test(tc, a_corrected_figure_keeps_its_old_value_in_the_history);
	tcase_add_test(tc, a_draft_replaces_the_earlier_draft_of_its_period);
	tcase_add_test(tc, a_final_run_takes_no_other_run_unless_one_supersedes_it);
	suite_add_tcase(s, tc);
	return s;
}
