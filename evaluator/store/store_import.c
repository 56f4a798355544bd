/* Importing into the store: the figures merged into their units' rows
 * (figure_row.h), the bonus and deduction items, and the import's record,
 * in one transaction. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "figure_row.h"
#include "lang.h"
#include "mem.h"
#include "numbers.h"
#include "sbuf.h"
#include "store.h"
#include "store_internal.h"

/* An import's files, by the source text its figures give. */
struct import_file {
	const char *source;     /* borrowed from the figures */
	long id;                /* import_files.id */
};

/* One import under way: its statements, its files and the rows as they
 * are merged, reused from one unit's row to the next. */
struct importer {
	struct store *store;
	const char *plan_id;
	sqlite3_int64 import_id;
	sqlite3_stmt *find_row, *put_row, *add_file, *file_of, *keep_history;
	struct import_file *files;
	size_t nfiles;
	struct figure_row stored, given, merged;
	struct sbuf stored_text, row_text, old_source;
	struct import_counts *counts;
	diag_t *d;
};

static int prepare_importer(struct importer *im)
{
	static const char find_row[] =
		"SELECT figures FROM unit_figures WHERE plan = ?1 AND period = ?2 AND unit = ?3";
	static const char put_row[] =
		"INSERT INTO unit_figures (plan, period, unit, figures) VALUES (?1, ?2, ?3, ?4)"
		" ON CONFLICT (plan, period, unit) DO UPDATE SET figures = excluded.figures";
	static const char add_file[] = "INSERT INTO import_files (import_id, path) VALUES (?1, ?2)";
	static const char file_of[] = "SELECT import_id, path FROM import_files WHERE id = ?1";
	static const char keep_history[] =
		"INSERT INTO figure_history (plan, period, unit, indicator, value, note, source,"
		" import_id, replaced_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	sqlite3 *db = im->store->db;
	if (sqlite3_prepare_v2(db, find_row, -1, &im->find_row, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, put_row, -1, &im->put_row, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, add_file, -1, &im->add_file, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, file_of, -1, &im->file_of, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, keep_history, -1, &im->keep_history, NULL) != SQLITE_OK)
		return fail_sql(im->store, im->d, "preparing the import");
	return 0;
}

static void release_importer(struct importer *im)
{
	sqlite3_finalize(im->find_row);
	sqlite3_finalize(im->put_row);
	sqlite3_finalize(im->add_file);
	sqlite3_finalize(im->file_of);
	sqlite3_finalize(im->keep_history);
	free(im->files);
	figure_row_release(&im->stored);
	figure_row_release(&im->given);
	figure_row_release(&im->merged);
	sbuf_release(&im->stored_text);
	sbuf_release(&im->row_text);
	sbuf_release(&im->old_source);
}

static int step_done(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The id of the file a figure was read from, recorded with this import
 * the first time one of its figures is written; -1 on an error. */
static long file_id(struct importer *im, const char *source)
{
	for (size_t k = im->nfiles; k-- > 0;)
		if (im->files[k].source == source || strcmp(im->files[k].source, source) == 0)
			return im->files[k].id;
	sqlite3_bind_int64(im->add_file, 1, im->import_id);
	sqlite3_bind_text(im->add_file, 2, source, -1, SQLITE_STATIC);
	if (step_done(im->add_file) != 0)
		return fail_sql(im->store, im->d, "recording the import's files");
	im->files = xrealloc(im->files, (im->nfiles + 1) * sizeof *im->files);
	im->files[im->nfiles] = (struct import_file){source, (long)sqlite3_last_insert_rowid(im->store->db)};
	return im->files[im->nfiles++].id;
}

static int fail_damaged(struct importer *im, const struct store_figure *f)
{
	return fail(im->d, _("store '%s' is damaged: the stored figures of unit '%s' for %s cannot be "
		    "read; nothing was imported"), im->store->path, f->unit, f->period);
}

/* The row stored for f's unit and period into im->stored, sorted by
 * indicator; empty when there is none. */
static int read_stored_row(struct importer *im, const struct store_figure *f)
{
	sqlite3_stmt *st = im->find_row;
	im->stored.n = 0;
	sqlite3_bind_text(st, 1, im->plan_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, f->period, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, f->unit, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		sbuf_reset(&im->stored_text);
		sbuf_addn(&im->stored_text, (const char *)sqlite3_column_text(st, 0),
			  (size_t)sqlite3_column_bytes(st, 0));
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return fail_sql(im->store, im->d, "reading the stored figures");
	if (figure_row_parse(&im->stored, im->stored_text.s) != 0)
		return fail_damaged(im, f);
	figure_row_sort(&im->stored);
	return 0;
}

/* The figures given for one unit and period as a row, sorted by
 * indicator, into im->given. */
static int take_given(struct importer *im, const struct store_figure *figs, size_t n)
{
	im->given.n = 0;
	for (size_t k = 0; k < n; k++) {
		long file = file_id(im, figs[k].source);
		if (file < 0)
			return -1;
		figure_row_push(&im->given, &(struct row_figure){figs[k].indicator, figs[k].value,
								 figs[k].note, file, figs[k].line});
	}
	figure_row_sort(&im->given);
	for (size_t k = 1; k < im->given.n; k++)
		if (strcmp(im->given.v[k - 1].indicator, im->given.v[k].indicator) == 0)
			return fail(im->d, _("figure for %s / %s / %s given twice"), figs[0].unit,
				    im->given.v[k].indicator, figs[0].period);
	return 0;
}

/* Copies the stored figure old, replaced by this import, to the history. */
static int keep_history(struct importer *im, const struct store_figure *where,
			const struct row_figure *old)
{
	sqlite3_stmt *st = im->file_of;
	sqlite3_bind_int64(st, 1, old->file);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return fail_damaged(im, where);
	}
	char line[24];
	sqlite3_int64 old_import = sqlite3_column_int64(st, 0);
	sbuf_reset(&im->old_source);
	sbuf_add(&im->old_source, (const char *)sqlite3_column_text(st, 1));
	if (old->line) {
		sbuf_addc(&im->old_source, ':');
		sbuf_add(&im->old_source, format_integer(line, old->line));
	}
	sqlite3_reset(st);
	st = im->keep_history;
	const char *text[] = {im->plan_id, where->period, where->unit, old->indicator};
	for (int k = 0; k < 4; k++)
		sqlite3_bind_text(st, k + 1, text[k], -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 5, old->value);
	sqlite3_bind_text(st, 6, old->note, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, sbuf_str(&im->old_source), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 8, old_import);
	sqlite3_bind_int64(st, 9, im->import_id);
	return step_done(st) == 0 ? 0 : fail_sql(im->store, im->d, "keeping a replaced figure");
}

/* Merges the given figures into the stored ones (both sorted by
 * indicator) into im->merged, counting each as new, corrected or
 * unchanged; *changed tells whether the row is to be written. */
static int merge_rows(struct importer *im, const struct store_figure *where, bool *changed)
{
	const struct figure_row *old = &im->stored, *given = &im->given;
	struct import_counts *counts = im->counts;
	size_t i = 0, j = 0;
	im->merged.n = 0;
	*changed = false;
	while (i < old->n || j < given->n) {
		int cmp = i == old->n ? 1 : j == given->n ? -1
				    : strcmp(old->v[i].indicator, given->v[j].indicator);
		if (cmp < 0) {
			figure_row_push(&im->merged, &old->v[i++]);
			continue;
		}
		const struct row_figure *g = &given->v[j++];
		if (cmp > 0) {
			figure_row_push(&im->merged, g);
			counts->added++;
			*changed = true;
			continue;
		}
		const struct row_figure *o = &old->v[i++];
		if (o->value == g->value && strcmp(o->note, g->note) == 0) {
			figure_row_push(&im->merged, o);
			counts->unchanged++;
			continue;
		}
		if (keep_history(im, where, o) != 0)
			return -1;
		figure_row_push(&im->merged, g);
		counts->corrected++;
		*changed = true;
	}
	return 0;
}

static int write_row(struct importer *im, const struct store_figure *where)
{
	sqlite3_stmt *st = im->put_row;
	sbuf_reset(&im->row_text);
	figure_row_write(&im->merged, &im->row_text);
	sqlite3_bind_text(st, 1, im->plan_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, where->period, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, where->unit, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, sbuf_str(&im->row_text), (int)im->row_text.len, SQLITE_STATIC);
	if (step_done(st) == 0)
		return 0;
	char doing[256];
	snprintf(doing, sizeof doing, "writing the figures of unit '%s' for %s", where->unit,
		 where->period);
	return fail_sql(im->store, im->d, doing);
}

/* Imports figs[0..n), all of one unit and period, into their row. */
static int import_row(struct importer *im, const struct store_figure *figs, size_t n)
{
	bool changed;
	if (take_given(im, figs, n) != 0 || read_stored_row(im, figs) != 0 ||
	    merge_rows(im, figs, &changed) != 0)
		return -1;
	return changed ? write_row(im, figs) : 0;
}

/* How many figures the store asks for at a time. */
#define FIGURES_AT_A_TIME 4096

static bool same_row(const struct store_figure *a, const struct store_figure *b)
{
	return (a->unit == b->unit || strcmp(a->unit, b->unit) == 0) &&
	       (a->period == b->period || strcmp(a->period, b->period) == 0);
}

/* Writes the figures next gives, a unit's row at a time. A unit's
 * figures split between two calls are merged twice, as correctly. */
static int import_figures(struct importer *im, store_figure_source next, void *ctx)
{
	struct store_figure *figs = xmalloc(FIGURES_AT_A_TIME * sizeof *figs);
	size_t n;
	int rc = 0;
	while (rc == 0 && (n = next(ctx, figs, FIGURES_AT_A_TIME)) > 0)
		for (size_t first = 0, end; rc == 0 && first < n; first = end) {
			for (end = first + 1; end < n && same_row(&figs[first], &figs[end]); end++)
				;
			rc = import_row(im, figs + first, end - first);
		}
	free(figs);
	return rc;
}

void utc_now(char buf[32])
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

const char *current_user(void)
{
	const char *names[] = {getenv("USER"), getenv("LOGNAME")};
	for (int k = 0; k < 2; k++)
		if (names[k] && *names[k])
			return names[k];
	const struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_name && *pw->pw_name)
		return pw->pw_name;
	static char uid[32]; /* an account with no name (a container's) */
	snprintf(uid, sizeof uid, "uid %lu", (unsigned long)getuid());
	return uid;
}

static int record_import(struct store *s, const char *plan_id, const char *files,
			 sqlite3_int64 *id, diag_t *d)
{
	sqlite3_stmt *st;
	char now[32];
	const char *user = current_user();
	utc_now(now);
	if (sqlite3_prepare_v2(s->db,
			       "INSERT INTO imports (plan, imported_at, user, files) VALUES (?, ?, ?, ?)",
			       -1, &st, NULL) != SQLITE_OK)
		return fail_sql(s, d, "recording the import");
	sqlite3_bind_text(st, 1, plan_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, user, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, files, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return fail_sql(s, d, "recording the import");
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

static int record_counts(struct store *s, sqlite3_int64 id, const struct import_counts *c,
			 diag_t *d)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
			       "UPDATE imports SET added = ?, corrected = ?, unchanged = ? WHERE id = ?",
			       -1, &st, NULL) != SQLITE_OK)
		return fail_sql(s, d, "recording the import");
	sqlite3_bind_int64(st, 1, c->added);
	sqlite3_bind_int64(st, 2, c->corrected);
	sqlite3_bind_int64(st, 3, c->unchanged);
	sqlite3_bind_int64(st, 4, id);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : fail_sql(s, d, "recording the import");
}

/* Writes the adjustments; one given again (same unit, period and reason)
 * takes the new points and source. */
static int import_adjustments(struct store *s, const char *plan_id,
			      const struct store_adjustment *adjs, size_t n, sqlite3_int64 import_id,
			      diag_t *d)
{
	sqlite3_stmt *st;
	if (n == 0)
		return 0;
	if (sqlite3_prepare_v2(s->db,
			       "INSERT INTO adjustments (plan, period, unit, reason, points, source, "
			       "origin, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
			       "ON CONFLICT (plan, period, unit, reason) DO UPDATE SET "
			       "points = excluded.points, source = excluded.source, "
			       "origin = excluded.origin, import_id = excluded.import_id",
			       -1, &st, NULL) != SQLITE_OK)
		return fail_sql(s, d, "writing adjustments");
	int rc = SQLITE_DONE;
	for (size_t i = 0; i < n && rc == SQLITE_DONE; i++) {
		const struct store_adjustment *a = &adjs[i];
		const char *text[] = {plan_id, a->period, a->unit, a->reason};
		for (int k = 0; k < 4; k++)
			sqlite3_bind_text(st, k + 1, text[k], -1, SQLITE_STATIC);
		sqlite3_bind_double(st, 5, a->points);
		sqlite3_bind_text(st, 6, a->source, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, a->origin, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 8, import_id);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : fail_sql(s, d, "writing adjustments");
}

int store_import(struct store *s, const char *plan_id, const char *files,
		 store_figure_source next, void *ctx, const struct store_adjustment *adjs,
		 size_t nadj, struct import_counts *counts, diag_t *d)
{
	struct importer im = {.store = s, .plan_id = plan_id, .counts = counts, .d = d};
	memset(counts, 0, sizeof *counts);
	if (exec_sql(s, "BEGIN IMMEDIATE", "starting the import", d) != 0)
		return -1;
	if (prepare_importer(&im) != 0 ||
	    record_import(s, plan_id, files, &im.import_id, d) != 0 ||
	    import_figures(&im, next, ctx) != 0 ||
	    import_adjustments(s, plan_id, adjs, nadj, im.import_id, d) != 0 ||
	    record_counts(s, im.import_id, counts, d) != 0)
		goto rollback;
	release_importer(&im);
	if (exec_sql(s, "COMMIT", "committing the import", d) == 0)
		return 0;
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
rollback:
	release_importer(&im);
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}
