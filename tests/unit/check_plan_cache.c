/* The compiled form of a plan (plan_cache.c): a plan read from it is the
 * plan loaded from its files, field by field, for every plan this
 * repository has; a damaged or truncated one is never used. */
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "plan_cache.h"
#include "sbuf.h"
#include "unit.h"

static bool same_double(double a, double b)
{
	return a == b || (isnan(a) && isnan(b));
}

static void expect_same_strings(const char *what, const char *a, const char *b)
{
	ck_assert_msg((a == NULL) == (b == NULL) && (!a || strcmp(a, b) == 0),
		      "%s: '%s' from the files, '%s' compiled", what, a ? a : "(null)",
		      b ? b : "(null)");
}

static void expect_same_target(const struct plan_target *a, const struct plan_target *b)
{
	ck_assert(same_double(a->value, b->value) && same_double(a->high, b->high) &&
		  same_double(a->base, b->base));
	ck_assert_int_eq(a->form, b->form);
	ck_assert_int_eq(a->relative_to, b->relative_to);
	ck_assert_int_eq(a->since, b->since);
	ck_assert_int_eq(a->checkpoints, b->checkpoints);
	ck_assert_int_eq(a->yearly_average, b->yearly_average);
}

static void expect_same_indicator(const struct plan_indicator *a, const struct plan_indicator *b)
{
	expect_same_strings("indicator id", a->id, b->id);
	expect_same_strings("indicator name", a->name, b->name);
	expect_same_strings("measure", a->measure, b->measure);
	expect_same_strings("source", a->source, b->source);
	expect_same_strings("note", a->note, b->note);
	ck_assert(a->kind == b->kind && a->lower_is_better == b->lower_is_better &&
		  a->basis == b->basis && a->every == b->every && a->deadline == b->deadline &&
		  a->due == b->due && a->lead_only == b->lead_only && a->lead == b->lead &&
		  a->binding == b->binding && a->scored == b->scored &&
		  a->schedule == b->schedule && same_double(a->jump_factor, b->jump_factor));
	ck_assert_uint_eq(a->ninputs, b->ninputs);
	for (size_t k = 0; k < a->ninputs; k++)
		ck_assert_int_eq(a->inputs[k], b->inputs[k]);
}

static void expect_same_rules(const struct plan *a, const struct plan *b)
{
	expect_same_strings("rules_path", a->rules_path, b->rules_path);
	expect_same_strings("rules_folder", a->rules_folder, b->rules_folder);
	ck_assert_uint_eq(a->nrules, b->nrules);
	for (size_t k = 0; k < a->nrules; k++) {
		ck_assert_int_eq(a->rules[k].from, b->rules[k].from);
		expect_same_strings("rule file", a->rules[k].path, b->rules[k].path);
		ck_assert_uint_eq(a->rules[k].nparams, b->rules[k].nparams);
		for (size_t i = 0; i < a->rules[k].nparams; i++) {
			const struct plan_param *x = &a->rules[k].params[i], *y = &b->rules[k].params[i];
			expect_same_strings("param", x->name, y->name);
			ck_assert(same_double(x->value, y->value) && x->line == y->line &&
				  x->col == y->col);
		}
	}
}

static void expect_same_assignments(const struct plan *a, const struct plan *b)
{
	ck_assert_uint_eq(a->nassignments, b->nassignments);
	ck_assert((a->unit_weights == NULL) == (b->unit_weights == NULL));
	for (size_t k = 0; k < a->nassignments; k++) {
		const struct plan_assignment *x = &a->assignments[k], *y = &b->assignments[k];
		ck_assert(x->unit == y->unit && x->indicator == y->indicator &&
			  same_double(x->value, y->value) && x->terms == y->terms);
		ck_assert(!a->unit_weights || same_double(a->unit_weights[k], b->unit_weights[k]));
	}
	for (size_t u = 0; u <= a->nunits; u++)
		ck_assert_uint_eq(a->unit_first[u], b->unit_first[u]);
	ck_assert_uint_eq(a->nterms, b->nterms);
	for (size_t k = 0; k < a->nterms; k++) {
		expect_same_target(&a->terms[k].target, &b->terms[k].target);
		ck_assert(a->terms[k].schedule == b->terms[k].schedule &&
			  a->terms[k].supporting == b->terms[k].supporting);
	}
	ck_assert_uint_eq(a->nschedules, b->nschedules);
	ck_assert(a->nschedules == 0 ||
		  memcmp(a->schedules, b->schedules, a->nschedules * sizeof *a->schedules) == 0);
	ck_assert_uint_eq(a->ncheckpoints, b->ncheckpoints);
	for (size_t k = 0; k < a->ncheckpoints; k++)
		for (int y = 0; y < PLAN_MAX_YEARS; y++)
			ck_assert(same_double(a->checkpoints[k].value[y], b->checkpoints[k].value[y]));
}

/* b, read from the compiled form, is a (loaded from the files). */
static void expect_same_plan(const struct plan *a, const struct plan *b)
{
	expect_same_strings("path", a->path, b->path);
	expect_same_strings("id", a->id, b->id);
	expect_same_strings("title", a->title, b->title);
	expect_same_strings("issuer", a->issuer, b->issuer);
	expect_same_strings("source", a->source, b->source);
	ck_assert(a->year == b->year && a->end_year == b->end_year &&
		  same_double(a->jump_factor, b->jump_factor) &&
		  same_double(a->full_marks, b->full_marks) &&
		  a->full_marks_line == b->full_marks_line && a->full_marks_col == b->full_marks_col &&
		  a->needs_last_year == b->needs_last_year &&
		  a->needs_base_year == b->needs_base_year && a->language == b->language);
	expect_same_rules(a, b);
	ck_assert_uint_eq(a->ngroups, b->ngroups);
	for (size_t i = 0; i < a->ngroups; i++) {
		expect_same_strings("group id", a->groups[i].id, b->groups[i].id);
		expect_same_strings("group name", a->groups[i].name, b->groups[i].name);
	}
	ck_assert_uint_eq(a->nunits, b->nunits);
	for (size_t i = 0; i < a->nunits; i++) {
		expect_same_strings("unit id", a->units[i].id, b->units[i].id);
		expect_same_strings("unit name", a->units[i].name, b->units[i].name);
		ck_assert_int_eq(a->units[i].group, b->units[i].group);
		ck_assert_int_eq(plan_find_unit(b, a->units[i].id), (int)i);
		ck_assert_int_eq(plan_find_unit(b, a->units[i].name), (int)i);
	}
	ck_assert_uint_eq(a->nindicators, b->nindicators);
	for (size_t i = 0; i < a->nindicators; i++) {
		expect_same_indicator(&a->indicators[i], &b->indicators[i]);
		ck_assert_int_eq(plan_find_indicator(b, a->indicators[i].name), (int)i);
	}
	ck_assert_uint_eq(a->unit_lookup.count, b->unit_lookup.count);
	ck_assert_uint_eq(a->indicator_lookup.count, b->indicator_lookup.count);
	ck_assert_int_eq(plan_find_unit(b, "no such unit"), -1);
	expect_same_assignments(a, b);
	ck_assert_uint_eq(a->ninputs, b->ninputs);
	for (size_t k = 0; k < a->ninputs; k++)
		expect_same_strings("input", a->inputs[k], b->inputs[k]);
}

/* The plan at path from its files, and the compiled form kept in dir. */
static void load_from_files(const char *path, const char *dir, struct plan *p)
{
	diag_t d;
	plan_cache_use(NULL);
	ck_assert_msg(plan_load(p, path, &d) == 0, "%s", d.text);
	ck_assert_ptr_null(p->compiled);
	plan_cache_use(dir);
}

START_TEST(every_plan_is_read_back_as_it_was_loaded)
{
	static const char *const patterns[] = {"plans/*.yaml", "tests/plans/*.yaml",
					       "tests/e2e/fixtures/*.yaml"};
	char dir[UNIT_DIR];
	unit_tmpdir(dir);
	int plans = 0;
	for (size_t k = 0; k < sizeof patterns / sizeof *patterns; k++) {
		char pattern[512];
		glob_t g;
		snprintf(pattern, sizeof pattern, "%s/%s", unit_root(), patterns[k]);
		ck_assert_int_eq(glob(pattern, 0, NULL, &g), 0);
		for (size_t i = 0; i < g.gl_pathc; i++) {
			struct plan files, compiled;
			diag_t d;
			if (strstr(g.gl_pathv[i], "-figures") || strstr(g.gl_pathv[i], "-2023-"))
				continue; /* figures, not plans */
			plan_cache_use(NULL);
			if (plan_load(&files, g.gl_pathv[i], &d) != 0)
				continue; /* a fixture that is meant to fail */
			plan_release(&files);
			load_from_files(g.gl_pathv[i], dir, &files);
			ck_assert_msg(plan_load(&compiled, g.gl_pathv[i], &d) == 0, "%s", d.text);
			ck_assert_ptr_null(compiled.compiled); /* this load wrote it */
			plan_release(&compiled);
			ck_assert_msg(plan_load(&compiled, g.gl_pathv[i], &d) == 0, "%s", d.text);
			ck_assert_msg(compiled.compiled != NULL, "%s: not read from its compiled form",
				      g.gl_pathv[i]);
			expect_same_plan(&files, &compiled);
			plan_release(&compiled);
			plan_release(&files);
			plans++;
		}
		globfree(&g);
	}
	ck_assert_int_ge(plans, 20);
	plan_cache_use(NULL);
	unit_rmdir(dir);
}
END_TEST

/* The one compiled plan in dir: its path (free it). */
static char *compiled_file(const char *dir)
{
	char pattern[UNIT_DIR + 16];
	glob_t g;
	snprintf(pattern, sizeof pattern, "%s/*.plan", dir);
	ck_assert_int_eq(glob(pattern, 0, NULL, &g), 0);
	ck_assert_uint_eq(g.gl_pathc, 1);
	char *path = xstrdup(g.gl_pathv[0]);
	globfree(&g);
	return path;
}

static void write_bytes(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

/* Loading path with the compiled form in dir as given: from the files, and
 * the same plan. */
static void expect_loaded_from_files(const char *path, const struct plan *want)
{
	struct plan p;
	diag_t d;
	ck_assert_msg(plan_load(&p, path, &d) == 0, "%s", d.text);
	ck_assert_ptr_null(p.compiled);
	expect_same_plan(want, &p);
	plan_release(&p);
}

START_TEST(a_damaged_or_truncated_compiled_plan_is_never_used)
{
	char dir[UNIT_DIR], *path;
	struct plan files, p;
	diag_t d;
	unit_tmpdir(dir);
	struct sbuf b = {0};
	sbuf_addf(&b, "%s/plans/lucheng-2023.yaml", unit_root());
	path = sbuf_detach(&b);
	load_from_files(path, dir, &files);
	ck_assert_int_eq(plan_load(&p, path, &d), 0); /* writes it */
	plan_release(&p);
	char *file = compiled_file(dir);
	b = (struct sbuf){0};
	static const struct file_bound bound = {"compiled plan", (size_t)1 << 24, NULL};
	ck_assert_int_eq(sbuf_read_file(&b, file, &bound, &d), 0);
	size_t len = b.len;
	char *good = sbuf_detach(&b), *bad = xmalloc(len);
	for (size_t at = 0; at < len; at += len / 97 + 1) {
		memcpy(bad, good, len);
		bad[at] ^= 0x10;
		write_bytes(file, bad, len);
		expect_loaded_from_files(path, &files);
		write_bytes(file, good, at); /* truncated there */
		expect_loaded_from_files(path, &files);
	}
	write_bytes(file, good, len);
	ck_assert_int_eq(plan_load(&p, path, &d), 0);
	ck_assert_ptr_nonnull(p.compiled);
	plan_release(&p);
	free(bad);
	free(good);
	free(file);
	free(path);
	plan_release(&files);
	plan_cache_use(NULL);
	unit_rmdir(dir);
}
END_TEST

Suite *plan_cache_suite(void)
{
	Suite *s = suite_create("plan_cache");
	TCase *tc = tcase_create("compiled");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, every_plan_is_read_back_as_it_was_loaded);
	tcase_add_test(tc, a_damaged_or_truncated_compiled_plan_is_never_used);
	suite_add_tcase(s, tc);
	return s;
}
