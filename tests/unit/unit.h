/* The Check suites of assay's modules, one per file, run by main.c, and
 * the fixtures they share (fixtures.c). */
#ifndef ASSAY_UNIT_H
#define ASSAY_UNIT_H

#include <stddef.h>

/* before check.h, whose macro fail() would otherwise rename diag.h's */
#include "diag.h"
#include "plan.h"
#include "run.h"
#include "scorecard.h"
#include "store.h"

#include <check.h>

Suite *text_suite(void);
Suite *period_suite(void);
Suite *table_suite(void);
Suite *plan_suite(void);
Suite *host_suite(void);
Suite *xlsx_suite(void);
Suite *output_suite(void);
Suite *fingerprint_suite(void);
Suite *schedule_suite(void);
Suite *json_suite(void);
Suite *figure_row_suite(void);
Suite *yaml_doc_suite(void);
Suite *readings_suite(void);
Suite *engine_suite(void);
Suite *store_suite(void);
Suite *rundiff_suite(void);
Suite *lint_suite(void);
Suite *render_suite(void);
Suite *packed_suite(void);
Suite *lang_suite(void);
Suite *csv_rows_suite(void);
Suite *plan_cache_suite(void);
Suite *file_texts_suite(void);
Suite *xls_formulas_suite(void);

/* The directory of this checkout (from $ROOT, else the working directory). */
const char *unit_root(void);

/* ---- fixtures.c ---------------------------------------------------------- */

#define UNIT_DIR 64

/* A new temporary directory in dir, and its removal with what it holds. */
void unit_tmpdir(char dir[UNIT_DIR]);
void unit_rmdir(const char *dir);
/* Writes text to dir/name; returns the path (free it). */
char *unit_write_file(const char *dir, const char *name, const char *text);
/* The text of a file of tests/e2e/fixtures (free it). */
char *unit_fixture_text(const char *name);

/* A plan and its rule file in a temporary directory, and a store there. */
struct unit_fixture {
	char dir[UNIT_DIR];
	char *plan_path, *rules_path;
	struct plan plan;
	struct store *store;    /* NULL until unit_store opens it */
};

/* Writes plan_text to plan.yaml (its rule file named rules.lua) and
 * rules_text to rules.lua, and loads the plan; the standard library is
 * this checkout's. */
void unit_fixture_open(struct unit_fixture *fx, const char *plan_text, const char *rules_text);
/* The mini plan of tests/e2e/fixtures with rules_text as its rule file
 * (NULL: its own, mini.lua). */
void unit_mini_open(struct unit_fixture *fx, const char *rules_text);
/* Closes the store, releases the plan and removes the directory. */
void unit_fixture_close(struct unit_fixture *fx);

/* fx's store, dir/assay.db, opened (STORE_WRITE) the first time. */
struct store *unit_store(struct unit_fixture *fx);

/* A figure from a test: no note, no file line. */
#define UNIT_FIGURE(unit, indicator, period, value) \
	{(unit), (indicator), (period), (value), "", "unit test", 0}

/* Imports figs and adjs into fx's store in one store_import; its return,
 * with d set on failure (counts may be NULL). */
int unit_import(struct unit_fixture *fx, const struct store_figure *figs, size_t n,
		const struct store_adjustment *adjs, size_t nadj, struct import_counts *counts,
		diag_t *d);
/* The same, which must succeed. */
void unit_import_ok(struct unit_fixture *fx, const struct store_figure *figs, size_t n,
		    const struct store_adjustment *adjs, size_t nadj);
/* The mini plan's figures of June and of July, as its CSV files give them
 * (stored under the units' ids). */
void unit_import_mini_june(struct unit_fixture *fx);
void unit_import_mini_july(struct unit_fixture *fx);

/* A run of the mini plan at period made by hand: a draft, every text ""
 * and every fingerprint the same, no units and no items; then its units
 * and items one by one (rank 0: not ranked). run_release frees it. */
void unit_run_init(struct run *r, const char *period);
void unit_run_add_unit(struct run *r, const char *id, const char *name, const char *group,
		       double total, int rank, const char *verdict);
void unit_run_add_item(struct run *r, const char *unit, const char *indicator,
		       const char *name, const char *actual, double score, const char *light);

/* The period a text such as "2023-06" names, which must be valid. */
struct period unit_period(const char *text);

/* Scores period (text) from fx's store with the rules in force then,
 * every scorecard shown in full, into b (board_release it). The one place
 * the tests set up scoring. */
void unit_score(struct unit_fixture *fx, const char *period, struct board *b);
/* The same, the board keeping every item's trend only when trends is true
 * (score_request.trends). */
void unit_score_as(struct unit_fixture *fx, const char *period, bool trends, struct board *b);
/* The mini plan (rules_text as for unit_mini_open) with its June figures,
 * scored for June into b. */
void unit_mini_june(struct unit_fixture *fx, const char *rules_text, struct board *b);

#endif
