/* Reading the stored figures, a unit's row at a time (figure_row.h), and
 * moving a store that kept a row per figure into that shape. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figure_row.h"
#include "lang.h"
#include "mem.h"
#include "period.h"
#include "sbuf.h"
#include "store.h"
#include "store_internal.h"
#include "strmap.h"

struct store_cursor {
	struct store *store;
	sqlite3_stmt *st;
	char period[PERIOD_TEXT];
	const char *const *units; /* the units looked up one by one; NULL: all */
	size_t nunits, next_unit;
	const char *unit;       /* the current row's (the statement's) */
	struct sbuf text;       /* the current row, its strings unescaped in place */
	struct figure_row row;
	size_t next;            /* the row's next figure to hand out */
};

/* A cursor on statement sql, its plan and period bound as ?1 and ?2. */
static int open_cursor(struct store *s, const char *sql, const char *plan_id, const char *period,
		       struct store_cursor **out, diag_t *d)
{
	struct store_cursor *c = xcalloc(1, sizeof *c);
	c->store = s;
	snprintf(c->period, sizeof c->period, "%s", period);
	if (sqlite3_prepare_v2(s->db, sql, -1, &c->st, NULL) != SQLITE_OK) {
		free(c);
		return fail_sql(s, d, "reading figures");
	}
	sqlite3_bind_text(c->st, 1, plan_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(c->st, 2, c->period, -1, SQLITE_STATIC);
	*out = c;
	return 0;
}

int store_figures_open(struct store *s, const char *plan_id, const char *period,
		       struct store_cursor **out, diag_t *d)
{
	return open_cursor(s,
			   "SELECT unit, figures FROM unit_figures "
			   "WHERE plan = ?1 AND period = ?2 ORDER BY unit",
			   plan_id, period, out, d);
}

/* Whether the store holds any figures of the plan at the period: a month
 * nobody reported needs no look-up per unit. 1, 0, or -1 with d set. */
static int period_has_figures(struct store *s, const char *plan_id, const char *period,
			      diag_t *d)
{
	struct store_cursor *c;
	if (open_cursor(s, "SELECT 1 FROM unit_figures WHERE plan = ?1 AND period = ?2 LIMIT 1",
			plan_id, period, &c, d) != 0)
		return -1;
	int rc = sqlite3_step(c->st);
	int has = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : fail_sql(s, d, "reading figures");
	store_figures_close(c);
	return has;
}

int store_figures_open_units(struct store *s, const char *plan_id, const char *period,
			     const char *const *units, size_t n, struct store_cursor **out,
			     diag_t *d)
{
	int has = period_has_figures(s, plan_id, period, d);
	if (has < 0 || open_cursor(s,
				   "SELECT unit, figures FROM unit_figures "
				   "WHERE plan = ?1 AND period = ?2 AND unit = ?3",
				   plan_id, period, out, d) != 0)
		return -1;
	(*out)->units = units;
	(*out)->nunits = has ? n : 0;
	return 0;
}

/* The next row of the statement: the next of the period's, or of the
 * units named the next that has one. SQLITE_ROW, SQLITE_DONE, or an
 * error. */
static int step_row(struct store_cursor *c)
{
	if (!c->units)
		return sqlite3_step(c->st);
	while (c->next_unit < c->nunits) {
		sqlite3_reset(c->st);
		sqlite3_bind_text(c->st, 3, c->units[c->next_unit++], -1, SQLITE_STATIC);
		int rc = sqlite3_step(c->st);
		if (rc != SQLITE_DONE)
			return rc;
	}
	return SQLITE_DONE;
}

/* The next row of the cursor, parsed; 0 at the end. */
static int next_row(struct store_cursor *c, diag_t *d)
{
	int rc = step_row(c);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return fail_sql(c->store, d, "reading figures");
	c->unit = (const char *)sqlite3_column_text(c->st, 0);
	sbuf_reset(&c->text);
	sbuf_addn(&c->text, (const char *)sqlite3_column_text(c->st, 1),
		  (size_t)sqlite3_column_bytes(c->st, 1));
	c->next = 0;
	if (figure_row_parse(&c->row, c->text.s) != 0)
		return fail(d, _("store '%s' is damaged: the figures of unit '%s' for %s cannot be read"),
			    c->store->path, c->unit, c->period);
	figure_row_sort(&c->row);
	return 1;
}

int store_figures_next(struct store_cursor *c, struct store_figure *f, diag_t *d)
{
	while (c->next == c->row.n) {
		int rc = next_row(c, d);
		if (rc <= 0)
			return rc;
	}
	const struct row_figure *r = &c->row.v[c->next++];
	*f = (struct store_figure){.unit = c->unit, .indicator = r->indicator, .period = c->period,
				   .value = r->value, .note = r->note};
	return 1;
}

void store_figures_close(struct store_cursor *c)
{
	if (!c)
		return;
	sqlite3_finalize(c->st);
	sbuf_release(&c->text);
	figure_row_release(&c->row);
	free(c);
}

/* ---- moving a row per figure into a row per unit ------------------------ */

/* A figure of the row being moved, its strings as offsets into the
 * mover's text (which grows, and so moves). */
struct moved_figure {
	size_t indicator, note;
	double value;
	long file;
	int line;
};

/* The state of a move: the unit row being gathered, and the files seen,
 * "import id, tab, path" -> import_files.id. */
struct mover {
	struct store *store;
	sqlite3_stmt *add_file, *put_row;
	struct moved_figure *figs;
	size_t n, cap;
	struct sbuf text, row_text;
	struct figure_row row;
	struct strmap file_keys;        /* key -> index into file_ids and keys */
	char **keys;
	long *file_ids;
	size_t nfiles;
	char *key[3];                   /* the row's plan, period and unit */
	diag_t *d;
};

/* "data/x.csv:12" -> "data/x.csv" and 12; a source without a line number
 * after its last ':' is a path of its own, line 0. */
static void split_source(const char *source, struct sbuf *path, int *line)
{
	const char *colon = strrchr(source, ':');
	size_t digits = colon ? strspn(colon + 1, "0123456789") : 0;
	*line = 0;
	if (colon && digits > 0 && digits < 10 && colon[1 + digits] == '\0') {
		*line = atoi(colon + 1);
		sbuf_addn(path, source, (size_t)(colon - source));
	} else {
		sbuf_add(path, source);
	}
}

/* The import_files id for a source of import_id, recorded when new. */
static long moved_file(struct mover *m, long import_id, const char *path)
{
	struct sbuf key = {0};
	sbuf_addf(&key, "%ld\t%s", import_id, path);
	int known = strmap_get(&m->file_keys, key.s);
	if (known >= 0) {
		sbuf_release(&key);
		return m->file_ids[known];
	}
	sqlite3_bind_int64(m->add_file, 1, import_id);
	sqlite3_bind_text(m->add_file, 2, path, -1, SQLITE_STATIC);
	int rc = sqlite3_step(m->add_file);
	sqlite3_reset(m->add_file);
	if (rc != SQLITE_DONE) {
		sbuf_release(&key);
		return fail_sql(m->store, m->d, "moving the figures");
	}
	m->keys = xrealloc(m->keys, (m->nfiles + 1) * sizeof *m->keys);
	m->file_ids = xrealloc(m->file_ids, (m->nfiles + 1) * sizeof *m->file_ids);
	m->keys[m->nfiles] = sbuf_detach(&key);
	m->file_ids[m->nfiles] = (long)sqlite3_last_insert_rowid(m->store->db);
	strmap_put(&m->file_keys, m->keys[m->nfiles], (int)m->nfiles);
	return m->file_ids[m->nfiles++];
}

/* Writes the gathered unit row, if any, and starts afresh. */
static int flush_row(struct mover *m)
{
	if (m->n == 0)
		return 0;
	m->row.n = 0;
	for (size_t k = 0; k < m->n; k++) {
		const struct moved_figure *f = &m->figs[k];
		figure_row_push(&m->row, &(struct row_figure){m->text.s + f->indicator, f->value,
							      m->text.s + f->note, f->file, f->line});
	}
	sbuf_reset(&m->row_text);
	figure_row_write(&m->row, &m->row_text);
	for (int k = 0; k < 3; k++)
		sqlite3_bind_text(m->put_row, k + 1, m->key[k], -1, SQLITE_STATIC);
	sqlite3_bind_text(m->put_row, 4, sbuf_str(&m->row_text), -1, SQLITE_STATIC);
	int rc = sqlite3_step(m->put_row);
	sqlite3_reset(m->put_row);
	m->n = 0;
	sbuf_reset(&m->text);
	return rc == SQLITE_DONE ? 0 : fail_sql(m->store, m->d, "moving the figures");
}

/* Adds the figure in the current row of st (plan, period, unit,
 * indicator, value, note, source, import_id) to the unit row gathered,
 * writing the row before when the figure starts another. */
static int move_figure(struct mover *m, sqlite3_stmt *st)
{
	const char *text[8];
	for (int k = 0; k < 8; k++)
		text[k] = (const char *)sqlite3_column_text(st, k);
	if (!m->key[0] || strcmp(text[0], m->key[0]) != 0 || strcmp(text[1], m->key[1]) != 0 ||
	    strcmp(text[2], m->key[2]) != 0) {
		if (flush_row(m) != 0)
			return -1;
		for (int k = 0; k < 3; k++) {
			free(m->key[k]);
			m->key[k] = xstrdup(text[k]);
		}
	}
	struct sbuf path = {0};
	struct moved_figure f = {.value = sqlite3_column_double(st, 4)};
	split_source(text[6], &path, &f.line);
	f.file = moved_file(m, (long)sqlite3_column_int64(st, 7), sbuf_str(&path));
	sbuf_release(&path);
	if (f.file < 0)
		return -1;
	f.indicator = m->text.len;
	sbuf_addn(&m->text, text[3], strlen(text[3]) + 1);
	f.note = m->text.len;
	sbuf_addn(&m->text, text[5], strlen(text[5]) + 1);
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->figs = xrealloc(m->figs, m->cap * sizeof *m->figs);
	}
	m->figs[m->n++] = f;
	return 0;
}

static void release_mover(struct mover *m)
{
	sqlite3_finalize(m->add_file);
	sqlite3_finalize(m->put_row);
	for (size_t k = 0; k < m->nfiles; k++)
		free(m->keys[k]);
	free(m->keys);
	free(m->file_ids);
	strmap_release(&m->file_keys);
	free(m->figs);
	for (int k = 0; k < 3; k++)
		free(m->key[k]);
	sbuf_release(&m->text);
	sbuf_release(&m->row_text);
	figure_row_release(&m->row);
}

int store_move_figures_to_rows(struct store *s, diag_t *d)
{
	struct mover m = {.store = s, .d = d};
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (sqlite3_prepare_v2(s->db,
			       "SELECT plan, period, unit, indicator, value, note, source, import_id"
			       " FROM figures ORDER BY plan, period, unit, indicator",
			       -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "INSERT INTO import_files (import_id, path) VALUES (?, ?)",
			       -1, &m.add_file, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db,
			       "INSERT INTO unit_figures (plan, period, unit, figures) VALUES (?, ?, ?, ?)",
			       -1, &m.put_row, NULL) != SQLITE_OK) {
		fail_sql(s, d, "moving the figures");
		goto out;
	}
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if (move_figure(&m, st) != 0)
			goto out;
	if (step != SQLITE_DONE) {
		fail_sql(s, d, "moving the figures");
		goto out;
	}
	rc = flush_row(&m);
out:
	sqlite3_finalize(st);
	release_mover(&m);
	return rc;
}
