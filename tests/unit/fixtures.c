/* What several suites share: temporary directories, plans and rule files
 * written there, a store of figures, and scoring a period from it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "mem.h"
#include "path.h"
#include "sbuf.h"
#include "score.h"
#include "unit.h"

void unit_tmpdir(char dir[UNIT_DIR])
{
	snprintf(dir, UNIT_DIR, "/tmp/assay-unit-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

void unit_rmdir(const char *dir)
{
	char cmd[UNIT_DIR + 16];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

char *unit_write_file(const char *dir, const char *name, const char *text)
{
	char *path = path_join(dir, name);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
	return path;
}

char *unit_fixture_text(const char *name)
{
	static const struct file_bound bound = {"fixture", (size_t)1 << 30, NULL};
	struct sbuf path = {0}, text = {0};
	diag_t d;
	sbuf_addf(&path, "%s/tests/e2e/fixtures/%s", unit_root(), name);
	ck_assert_msg(sbuf_read_file(&text, sbuf_str(&path), &bound, &d) == 0, "%s", d.text);
	sbuf_release(&path);
	return sbuf_detach(&text);
}

void unit_fixture_open(struct unit_fixture *fx, const char *plan_text, const char *rules_text)
{
	struct sbuf lib = {0};
	diag_t d;
	memset(fx, 0, sizeof *fx);
	unit_tmpdir(fx->dir);
	fx->plan_path = unit_write_file(fx->dir, "plan.yaml", plan_text);
	fx->rules_path = unit_write_file(fx->dir, "rules.lua", rules_text);
	sbuf_addf(&lib, "%s/rules/lib", unit_root());
	setenv("ASSAY_RULES_LIB", sbuf_str(&lib), 1);
	sbuf_release(&lib);
	ck_assert_msg(plan_load(&fx->plan, fx->plan_path, &d) == 0, "%s", d.text);
}

void unit_mini_open(struct unit_fixture *fx, const char *rules_text)
{
	static const char own[] = "rules: mini.lua\n";
	char *plan = unit_fixture_text("mini.yaml");
	char *rules = rules_text ? NULL : unit_fixture_text("mini.lua");
	char *at = strstr(plan, own);
	ck_assert_ptr_nonnull(at);
	struct sbuf text = {0};
	sbuf_addn(&text, plan, (size_t)(at - plan));
	sbuf_add(&text, "rules: rules.lua\n");
	sbuf_add(&text, at + strlen(own));
	unit_fixture_open(fx, sbuf_str(&text), rules_text ? rules_text : rules);
	sbuf_release(&text);
	free(plan);
	free(rules);
}

void unit_fixture_close(struct unit_fixture *fx)
{
	store_close(fx->store);
	plan_release(&fx->plan);
	unit_rmdir(fx->dir);
	free(fx->plan_path);
	free(fx->rules_path);
	memset(fx, 0, sizeof *fx);
}

struct store *unit_store(struct unit_fixture *fx)
{
	if (!fx->store) {
		diag_t d;
		char *path = path_join(fx->dir, "assay.db");
		int rc = store_open(&fx->store, path, STORE_WRITE, &d);
		free(path);
		ck_assert_msg(rc == 0, "%s", d.text);
	}
	return fx->store;
}

/* store_import's source of figures: an array, a few at a time, so that a
 * unit's row may come in two calls as it may from a file. */
struct figure_array {
	const struct store_figure *v;
	size_t n, next;
};

static size_t next_figures(void *ctx, struct store_figure *buf, size_t cap)
{
	struct figure_array *a = ctx;
	size_t n = a->n - a->next;
	if (n > cap)
		n = cap;
	if (n)
		memcpy(buf, a->v + a->next, n * sizeof *buf);
	a->next += n;
	return n;
}

int unit_import(struct unit_fixture *fx, const struct store_figure *figs, size_t n,
		const struct store_adjustment *adjs, size_t nadj, struct import_counts *counts,
		diag_t *d)
{
	struct figure_array source = {figs, n, 0};
	struct import_counts ignored;
	return store_import(unit_store(fx), fx->plan.id, "unit test", next_figures, &source, adjs, nadj,
			    counts ? counts : &ignored, d);
}

void unit_import_ok(struct unit_fixture *fx, const struct store_figure *figs, size_t n,
		    const struct store_adjustment *adjs, size_t nadj)
{
	diag_t d;
	ck_assert_msg(unit_import(fx, figs, n, adjs, nadj, NULL, &d) == 0, "%s", d.text);
}

void unit_import_mini_june(struct unit_fixture *fx)
{
	static const struct store_figure june[] = {
		UNIT_FIGURE("commerce", "trade", "2023-06", 7000),
		UNIT_FIGURE("commerce", "stores", "2023-06", 5),
		UNIT_FIGURE("science", "trade", "2023-06", 7000),
		{"finance", "trade", "2023-06", 3500, "按调整后目标", "unit test", 0},
		UNIT_FIGURE("wuma", "stores", "2023-06", 3),
		UNIT_FIGURE("wuma", "energy", "2023-06", 0.4),
		UNIT_FIGURE("wuma", "events", "2023-06", 30),
	};
	unit_import_ok(fx, june, sizeof june / sizeof *june, NULL, 0);
}

void unit_import_mini_july(struct unit_fixture *fx)
{
	static const struct store_figure july[] = {
		UNIT_FIGURE("commerce", "trade", "2023-07", 7100),
		UNIT_FIGURE("commerce", "stores", "2023-07", 6),
		UNIT_FIGURE("science", "trade", "2023-07", 7000),
		UNIT_FIGURE("finance", "trade", "2023-07", 3500),
		UNIT_FIGURE("wuma", "stores", "2023-07", 4),
		UNIT_FIGURE("wuma", "energy", "2023-07", 0.45),
		UNIT_FIGURE("wuma", "events", "2023-07", 29),
	};
	unit_import_ok(fx, july, sizeof july / sizeof *july, NULL, 0);
}

struct period unit_period(const char *text)
{
	struct period period;
	ck_assert_msg(period_parse(text, &period) == 0, "bad period %s", text);
	return period;
}

void unit_score(struct unit_fixture *fx, const char *period_text, struct board *b)
{
	unit_score_as(fx, period_text, true, b);
}

void unit_score_as(struct unit_fixture *fx, const char *period_text, bool trends,
		   struct board *b)
{
	const struct host_limits limits = HOST_DEFAULT_LIMITS;
	struct period period = unit_period(period_text);
	struct host *h;
	diag_t d;
	ck_assert_ptr_nonnull(fx->store); /* figures were imported */
	ck_assert_msg(host_open_for(&h, &fx->plan, &period, &limits, &d) == 0, "%s", d.text);
	struct score_request rq = {.plan = &fx->plan, .host = h, .store = fx->store,
				   .period = period, .shown = true, .trends = trends};
	int rc = score_period(&rq, b, &d);
	score_hand_over(b, h, NULL); /* a board held in windows reads with it */
	ck_assert_msg(rc == 0, "%s", d.text);
}

void unit_mini_june(struct unit_fixture *fx, const char *rules_text, struct board *b)
{
	unit_mini_open(fx, rules_text);
	unit_import_mini_june(fx);
	unit_score(fx, "2023-06", b);
}

void unit_run_init(struct run *r, const char *period)
{
	memset(r, 0, sizeof *r);
	r->plan = xstrdup("mini");
	r->title = xstrdup("测试方案");
	r->period = xstrdup(period);
	r->plan_file = xstrdup("mini.yaml");
	char **texts[] = {&r->reason, &r->rules, &r->params, &r->figures};
	for (size_t k = 0; k < sizeof texts / sizeof *texts; k++)
		*texts[k] = xstrdup("");
	for (int k = 0; k < RUN_FORMS; k++)
		packed_pack("", 0, &r->scorecards[k]);
	char *sums[] = {r->plan_sha256, r->rules_sha256, r->params_sha256, r->figures_sha256};
	for (size_t k = 0; k < sizeof sums / sizeof *sums; k++) {
		memset(sums[k], 'a', FINGERPRINT_HEX - 1);
		sums[k][FINGERPRINT_HEX - 1] = '\0';
	}
}

void unit_run_add_unit(struct run *r, const char *id, const char *name, const char *group,
		       double total, int rank, const char *verdict)
{
	r->units = xrealloc(r->units, (r->nunits + 1) * sizeof *r->units);
	r->units[r->nunits++] = (struct run_unit){xstrdup(id), xstrdup(name), xstrdup(group), total,
						  rank, xstrdup(verdict)};
}

void unit_run_add_item(struct run *r, const char *unit, const char *indicator,
		       const char *name, const char *actual, double score, const char *light)
{
	r->items = xrealloc(r->items, (r->nitems + 1) * sizeof *r->items);
	r->items[r->nitems++] = (struct run_item){xstrdup(unit), xstrdup(indicator), xstrdup(name),
						  xstrdup(actual), score, xstrdup(light)};
}
