/* The saved runs: each written whole in one transaction, final ones
 * frozen (the schema's triggers refuse to change or delete them). */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "mem.h"
#include "run.h"
#include "store.h"
#include "store_internal.h"

/* ---- reading ------------------------------------------------------------- */

/* The columns read_run_head reads, in its order. */
#define RUN_HEAD                                                                        \
	"id, plan, title, period, saved_at, user, final, supersedes, reason, plan_file,"  \
	" plan_sha256, rules_sha256, params_sha256, figures_sha256,"                      \
	" (SELECT later.id FROM runs later WHERE later.supersedes = runs.id)"

static char *column_text(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	return xstrdup(s ? s : "");
}

static void column_fingerprint(sqlite3_stmt *st, int col, char out[FINGERPRINT_HEX])
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	snprintf(out, FINGERPRINT_HEX, "%s", s ? s : "");
}

static void read_run_head(sqlite3_stmt *st, struct run *r)
{
	memset(r, 0, sizeof *r);
	r->id = (long)sqlite3_column_int64(st, 0);
	r->plan = column_text(st, 1);
	r->title = column_text(st, 2);
	r->period = column_text(st, 3);
	r->saved_at = column_text(st, 4);
	r->user = column_text(st, 5);
	r->final = sqlite3_column_int(st, 6) != 0;
	r->supersedes = (long)sqlite3_column_int64(st, 7);
	r->reason = column_text(st, 8);
	r->plan_file = column_text(st, 9);
	column_fingerprint(st, 10, r->plan_sha256);
	column_fingerprint(st, 11, r->rules_sha256);
	column_fingerprint(st, 12, r->params_sha256);
	column_fingerprint(st, 13, r->figures_sha256);
	r->superseded_by = (long)sqlite3_column_int64(st, 14);
}

int store_each_run(struct store *s, const char *plan_id, store_run_fn fn, void *ctx, diag_t *d)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT " RUN_HEAD " FROM runs WHERE plan = ? ORDER BY period, id",
			       -1, &st, NULL) != SQLITE_OK)
		return fail_sql(s, d, "reading runs");
	sqlite3_bind_text(st, 1, plan_id, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct run r;
		read_run_head(st, &r);
		fn(ctx, &r);
		run_release(&r);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : fail_sql(s, d, "reading runs");
}

static double column_number(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? NAN : sqlite3_column_double(st, col);
}

/* Hands each row the statement gives for run id to take. */
static int each_row_of_run(struct store *s, const char *sql, long id,
			   void (*take)(struct run *r, sqlite3_stmt *st), struct run *r, diag_t *d)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return fail_sql(s, d, "reading a run");
	sqlite3_bind_int64(st, 1, id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		take(r, st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : fail_sql(s, d, "reading a run");
}

static void take_unit(struct run *r, sqlite3_stmt *st)
{
	r->units = xrealloc(r->units, (r->nunits + 1) * sizeof *r->units);
	r->units[r->nunits++] = (struct run_unit){column_text(st, 0), column_text(st, 1),
						  column_text(st, 2), column_number(st, 3),
						  sqlite3_column_int(st, 4), column_text(st, 5)};
}

static void take_item(struct run *r, sqlite3_stmt *st)
{
	r->items = xrealloc(r->items, (r->nitems + 1) * sizeof *r->items);
	r->items[r->nitems++] = (struct run_item){column_text(st, 0), column_text(st, 1),
						  column_text(st, 2), column_text(st, 3),
						  column_number(st, 4), column_text(st, 5)};
}

/* A column the run keeps packed (a BLOB), or plain (TEXT) as runs saved
 * before schema 6 did; the bytes are copied. */
static void column_packed(sqlite3_stmt *st, int col, struct packed *out)
{
	const void *bytes = sqlite3_column_blob(st, col);
	size_t size = (size_t)sqlite3_column_bytes(st, col);
	*out = (struct packed){xmalloc(size + 1), size, sqlite3_column_type(st, col) != SQLITE_BLOB};
	if (size)
		memcpy(out->bytes, bytes, size);
}

/* Appends to packed the pieces of run id's text `part` kept after its
 * first (schema 8 on: run_pieces), in order. */
static int append_pieces(struct store *s, long id, const char *part, struct packed *packed,
			 diag_t *d)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT bytes FROM run_pieces WHERE run = ? AND part = ?"
			       " ORDER BY seq", -1, &st, NULL) != SQLITE_OK)
		return fail_sql(s, d, "reading a run");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, part, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		size_t n = (size_t)sqlite3_column_bytes(st, 0);
		packed->bytes = xrealloc(packed->bytes, packed->size + n + 1);
		if (n)
			memcpy(packed->bytes + packed->size, sqlite3_column_blob(st, 0), n);
		packed->size += n;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : fail_sql(s, d, "reading a run");
}

/* One row of the run's texts: the statement's first column, the text
 * `part`, packed and followed by its pieces; the others plain. */
static int read_texts(struct store *s, const char *sql, const char *part, const struct run *r,
		      struct packed *packed, char **texts[], int ntexts, diag_t *d)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return fail_sql(s, d, "reading a run");
	sqlite3_bind_int64(st, 1, r->id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		column_packed(st, 0, packed);
		for (int k = 0; k < ntexts; k++)
			*texts[k] = column_text(st, k + 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return fail_sql(s, d, "reading a run");
	return s->schema >= 8 && !packed->plain ? append_pieces(s, r->id, part, packed, d) : 0;
}

int store_load_scorecards(struct store *s, struct run *r, int form, diag_t *d)
{
	static const char *const sql[RUN_FORMS] = {
		"SELECT scorecards_table FROM runs WHERE id = ?",
		"SELECT scorecards_csv FROM runs WHERE id = ?",
		"SELECT scorecards_json FROM runs WHERE id = ?"};
	static const char *const part[RUN_FORMS] = {"scorecards_table", "scorecards_csv",
						    "scorecards_json"};
	packed_release(&r->scorecards[form]);
	return read_texts(s, sql[form], part[form], r, &r->scorecards[form], NULL, 0, d);
}

/* The run's items: packed in runs.items, or a row each in run_items as
 * runs saved before schema 6 kept them. */
static int load_items(struct store *s, struct run *r, diag_t *d)
{
	if (s->schema >= 6) {
		if (read_texts(s, "SELECT items FROM runs WHERE id = ?", "items", r, &r->packed_items,
			       NULL, 0, d) != 0)
			return -1;
		if (!r->packed_items.plain)
			return 0;
		packed_release(&r->packed_items);       /* NULL: the run keeps rows */
	}
	return each_row_of_run(s, "SELECT unit, indicator, name, actual, score, light FROM run_items"
			       " WHERE run = ? ORDER BY position", r->id, take_item, r, d);
}

/* What the record of a run says beside its head: the texts of its rules
 * and parameters, and its figures packed. */
static int load_record(struct store *s, struct run *r, diag_t *d)
{
	char **texts[] = {&r->rules, &r->params};
	return read_texts(s, "SELECT figures, rules, params FROM runs WHERE id = ?", "figures", r,
			  &r->packed_figures, texts, 2, d);
}

/* What store_each_run leaves out but the scorecards: the texts and the
 * summary, the figures and items packed. */
static int load_body(struct store *s, struct run *r, diag_t *d)
{
	if (load_record(s, r, d) != 0 ||
	    each_row_of_run(s, "SELECT unit, name, grp, total, rank, verdict FROM run_units"
			       " WHERE run = ? ORDER BY position", r->id, take_unit, r, d) != 0 ||
	    load_items(s, r, d) != 0 ||
	    (s->schema >= 7 && read_texts(s, "SELECT files FROM runs WHERE id = ?", "files", r,
					  &r->packed_files, NULL, 0, d) != 0))
		return -1;
	return 0;
}

/* The runs of a store, for "did you mean": how many and the last id. */
static int no_such_run(struct store *s, long id, diag_t *d)
{
	sqlite3_stmt *st;
	long count = 0, last = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT count(*), max(id) FROM runs", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		count = (long)sqlite3_column_int64(st, 0);
		last = (long)sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (count == 0)
		return fail(d, _("no run %ld in '%s': it holds no runs yet (save one with assay score "
			    "PLAN --period P --save)"), id, s->path);
	return fail(d, trn("no run %ld in '%s' (it holds %ld run, the last is %ld; assay runs PLAN "
			   "lists them)", "no run %ld in '%s' (it holds %ld runs, the last is %ld; "
			   "assay runs PLAN lists them)", (unsigned long)count), id, s->path, count, last);
}

int store_load_run(struct store *s, long id, struct run *r, diag_t *d)
{
	if (store_load_run_packed(s, id, r, d) != 0)
		return -1;
	if (run_unpack(r, d) != 0) {
		run_release(r);
		return -1;
	}
	return 0;
}

/* The run's head, as store_each_run reads it; -1 with d set when there is
 * no such run. */
static int load_head(struct store *s, long id, struct run *r, diag_t *d)
{
	sqlite3_stmt *st;
	memset(r, 0, sizeof *r);
	if (sqlite3_prepare_v2(s->db, "SELECT " RUN_HEAD " FROM runs WHERE id = ?", -1, &st, NULL) !=
	    SQLITE_OK)
		return fail_sql(s, d, "reading a run");
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_run_head(st, r);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return no_such_run(s, id, d);
	return rc == SQLITE_ROW ? 0 : fail_sql(s, d, "reading a run");
}

/* The run's head and what load (load_body or load_record) adds to it. */
static int load_run_with(struct store *s, long id, struct run *r,
			 int (*load)(struct store *s, struct run *r, diag_t *d), diag_t *d)
{
	if (load_head(s, id, r, d) != 0)
		return -1;
	if (load(s, r, d) != 0) {
		run_release(r);
		return -1;
	}
	return 0;
}

int store_load_run_packed(struct store *s, long id, struct run *r, diag_t *d)
{
	return load_run_with(s, id, r, load_body, d);
}

int store_load_run_record(struct store *s, long id, struct run *r, diag_t *d)
{
	return load_run_with(s, id, r, load_record, d);
}

/* The run that stands for a plan's period (not superseded; a final one
 * before a draft, or only a final one): its id, or 0, and when and by
 * whom it was saved into `saved` (when size > 0). */
static int standing_run(struct store *s, const char *plan_id, const char *period, bool final,
			long *id, char *saved, size_t size, diag_t *d)
{
	sqlite3_stmt *st;
	*id = 0;
	if (sqlite3_prepare_v2(s->db,
			       "SELECT id, replace(replace(saved_at, 'T', ' '), 'Z', ' UTC') || ' by ' || user"
			       " FROM runs WHERE plan = ? AND period = ? AND (final OR NOT ?) AND id NOT IN"
			       " (SELECT supersedes FROM runs WHERE supersedes IS NOT NULL)"
			       " ORDER BY final DESC, id DESC LIMIT 1",
			       -1, &st, NULL) != SQLITE_OK)
		return fail_sql(s, d, "reading runs");
	sqlite3_bind_text(st, 1, plan_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, period, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, final);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = (long)sqlite3_column_int64(st, 0);
		if (size)
			snprintf(saved, size, "%s", (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : fail_sql(s, d, "reading runs");
}

int store_current_run(struct store *s, const char *plan_id, const char *period, long *id,
		      diag_t *d)
{
	return standing_run(s, plan_id, period, false, id, NULL, 0, d);
}

int store_each_total_before(struct store *s, const char *plan_id, const char *period, long before,
			    store_total_fn fn, void *ctx, diag_t *d)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
			       "SELECT unit, total FROM run_units WHERE run = (SELECT max(id) FROM runs"
			       " WHERE plan = ? AND period = ? AND final AND id < ?) ORDER BY position",
			       -1, &st, NULL) != SQLITE_OK)
		return fail_sql(s, d, "reading runs");
	sqlite3_bind_text(st, 1, plan_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, period, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, before);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(st, 0), column_number(st, 1));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : fail_sql(s, d, "reading runs");
}

/* ---- what a save may do -------------------------------------------------- */

/* Why run r->supersedes cannot be superseded by r (it is not the final
 * run standing for r's plan and period). */
static int cannot_supersede(struct store *s, const struct run *r, diag_t *d)
{
	sqlite3_stmt *st;
	long id = r->supersedes;
	if (sqlite3_prepare_v2(s->db,
			       "SELECT plan, period, final,"
			       " (SELECT later.id FROM runs later WHERE later.supersedes = runs.id)"
			       " FROM runs WHERE id = ?",
			       -1, &st, NULL) != SQLITE_OK)
		return fail_sql(s, d, "reading runs");
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return fail(d, _("--supersede %ld: there is no run %ld"), id, id);
	}
	const char *plan = (const char *)sqlite3_column_text(st, 0);
	const char *period = (const char *)sqlite3_column_text(st, 1);
	if (strcmp(plan, r->plan) != 0 || strcmp(period, r->period) != 0)
		fail(d, _("--supersede %ld: run %ld is of plan '%s' %s, not of '%s' %s: a final run "
		     "supersedes one of its own plan and period"), id, id, plan, period, r->plan,
		     r->period);
	else if (!sqlite3_column_int(st, 2))
		fail(d, _("--supersede %ld: run %ld is a draft: only a final run is superseded (the "
		     "next --save replaces a draft)"), id, id);
	else
		fail(d, _("--supersede %ld: run %ld was superseded by run %lld already: supersede "
		     "that one"), id, id, sqlite3_column_int64(st, 3));
	sqlite3_finalize(st);
	return -1;
}

/* A period with a final run takes no draft and no second final run,
 * unless this one supersedes it. */
static int check_final(struct store *s, const struct run *r, diag_t *d)
{
	long standing;
	char saved[128] = "";
	if (standing_run(s, r->plan, r->period, true, &standing, saved, sizeof saved, d) != 0)
		return -1;
	if (r->supersedes && r->supersedes != standing)
		return cannot_supersede(s, r, d);
	if (!standing || r->supersedes == standing)
		return 0;
	return fail(d, _("%s of plan '%s' has a final run, %ld (saved %s): a final run is frozen, "
		    "so this run was not saved; to replace it, save with --final --supersede %ld "
		    "--reason TEXT"), r->period, r->plan, standing, saved, standing);
}

/* ---- writing ------------------------------------------------------------- */

/* The run's figures and items packed: as run_fill made them, or packed
 * here from the text and the items given one by one (but items that are
 * to come a piece at a time, streamed). */
static void packed_summary(const struct run *r, bool streamed, struct packed *figures,
			   struct packed *items)
{
	*figures = *items = (struct packed){0};
	if (!r->packed_figures.bytes)
		packed_pack(r->figures, strlen(r->figures), figures);
	if (r->packed_items.bytes || streamed)
		return;
	struct packer *p = packer_begin();
	struct sbuf line = {0};
	for (size_t k = 0; k < r->nitems; k++)
		run_add_item(p, &r->items[k], &line);
	packer_end(p, items);
	sbuf_release(&line);
}

/* The columns of a run's packed texts, by enum run_text. */
static const char *const packed_columns[RUN_TEXTS] = {"figures", "scorecards_table",
						      "scorecards_csv", "scorecards_json",
						      "items", "files"};
#define PACKED_COLUMNS RUN_TEXTS

/* The most bytes of a packed text a row holds: its first piece goes in
 * its column of runs, each further piece in a row of run_pieces. SQLite
 * takes a BLOB, and a whole record, of up to a gigabyte; a province's
 * scorecards are more. $ASSAY_RUN_PIECE_BYTES makes pieces smaller, so
 * that the tests save small runs in many pieces. */
#define RUN_PIECE_BYTES ((size_t)4 << 20)

size_t store_run_piece_bytes(void)
{
	const char *env = getenv("ASSAY_RUN_PIECE_BYTES");
	char *end;
	long n = env ? strtol(env, &end, 10) : 0;
	return env && *env && !*end && n > 0 && (size_t)n < RUN_PIECE_BYTES ? (size_t)n
									  : RUN_PIECE_BYTES;
}

static size_t first_piece(const struct packed *text, size_t piece)
{
	return text->size < piece ? text->size : piece;
}

/* The pieces of a packed text after its first, a row each. */
static int insert_pieces(struct store *s, sqlite3_stmt *st, sqlite3_int64 row, const char *part,
			 const struct packed *text, size_t piece, diag_t *d)
{
	sqlite3_int64 seq = 1;
	for (size_t at = piece; at < text->size; at += piece, seq++) {
		size_t left = text->size - at;
		sqlite3_bind_int64(st, 1, row);
		sqlite3_bind_text(st, 2, part, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, seq);
		sqlite3_bind_blob64(st, 4, text->bytes + at, left < piece ? left : piece,
				    SQLITE_STATIC);
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return fail_sql(s, d, "saving the run");
	}
	return 0;
}

static int prepare_pieces(struct store *s, sqlite3_stmt **st, diag_t *d)
{
	if (sqlite3_prepare_v2(s->db, "INSERT INTO run_pieces (run, part, seq, bytes)"
			       " VALUES (?, ?, ?, ?)", -1, st, NULL) != SQLITE_OK)
		return fail_sql(s, d, "saving the run");
	return 0;
}

/* Writes each packed text's first piece into the column the new record
 * reserved for it (bound to the INSERT, SQLite would build the whole
 * record in memory first), and the rest into run_pieces. */
static int write_packed(struct store *s, sqlite3_int64 row, const struct packed *const *texts,
			size_t piece, diag_t *d)
{
	sqlite3_stmt *st;
	if (prepare_pieces(s, &st, d) != 0)
		return -1;
	int rc = 0;
	for (int k = 0; k < PACKED_COLUMNS && rc == 0; k++) {
		sqlite3_blob *blob;
		if (!texts[k]->size)
			continue;
		if (sqlite3_blob_open(s->db, "main", "runs", packed_columns[k], row, 1, &blob) !=
		    SQLITE_OK) {
			rc = fail_sql(s, d, "saving the run");
			break;
		}
		int wrote = sqlite3_blob_write(blob, texts[k]->bytes,
					       (int)first_piece(texts[k], piece), 0);
		sqlite3_blob_close(blob);
		rc = wrote == SQLITE_OK ? insert_pieces(s, st, row, packed_columns[k], texts[k],
							piece, d)
					: fail_sql(s, d, "saving the run");
	}
	sqlite3_finalize(st);
	return rc;
}

/* The run's record; its figures, scorecards and items are kept packed
 * (those streamed come later, in pieces). */
static int insert_head(struct store *s, struct run *r, bool streamed, diag_t *d)
{
	static const char sql[] =
		"INSERT INTO runs (plan, title, period, saved_at, user, plan_file, plan_sha256,"
		" rules, rules_sha256, params, params_sha256, figures_sha256, reason,"
		" final, supersedes, figures, scorecards_table, scorecards_csv, scorecards_json,"
		" items, files) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return fail_sql(s, d, "saving the run");
	const char *texts[] = {r->plan,   r->title,       r->period,       r->saved_at,
			       r->user,   r->plan_file,   r->plan_sha256,  r->rules,
			       r->rules_sha256, r->params, r->params_sha256, r->figures_sha256,
			       r->reason};
	int n = (int)(sizeof texts / sizeof *texts);
	for (int k = 0; k < n; k++)
		sqlite3_bind_text(st, k + 1, texts[k], -1, SQLITE_STATIC);
	sqlite3_bind_int(st, n + 1, r->final);
	if (r->supersedes)
		sqlite3_bind_int64(st, n + 2, r->supersedes);
	struct packed figures, items;
	packed_summary(r, streamed, &figures, &items);
	const struct packed *blobs[] = {r->packed_figures.bytes ? &r->packed_figures : &figures,
					&r->scorecards[RUN_TABLE], &r->scorecards[RUN_CSV],
					&r->scorecards[RUN_JSON],
					r->packed_items.bytes ? &r->packed_items : &items,
					&r->packed_files};
	size_t piece = store_run_piece_bytes();
	for (int k = 0; k < PACKED_COLUMNS; k++)
		sqlite3_bind_zeroblob64(st, n + 3 + k, first_piece(blobs[k], piece));
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE) {
		r->id = (long)sqlite3_last_insert_rowid(s->db);
		rc = write_packed(s, r->id, blobs, piece, d) == 0 ? SQLITE_DONE : SQLITE_ERROR;
	} else {
		fail_sql(s, d, "saving the run");
	}
	packed_release(&figures);
	packed_release(&items);
	return rc == SQLITE_DONE ? 0 : -1;
}

static void bind_number_or_null(sqlite3_stmt *st, int col, double v)
{
	if (isnan(v))
		sqlite3_bind_null(st, col);
	else
		sqlite3_bind_double(st, col, v);
}

/* Inserts n rows for run r: the statement's first two parameters are the
 * run and the row's position, bind() binds the others. */
static int insert_rows(struct store *s, const char *sql, const struct run *r, size_t n,
		       void (*bind)(sqlite3_stmt *st, const struct run *r, size_t k), diag_t *d)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return fail_sql(s, d, "saving the run");
	int rc = SQLITE_DONE;
	for (size_t k = 0; k < n && rc == SQLITE_DONE; k++) {
		sqlite3_bind_int64(st, 1, r->id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)k);
		bind(st, r, k);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : fail_sql(s, d, "saving the run");
}

static void bind_unit(sqlite3_stmt *st, const struct run *r, size_t k)
{
	const struct run_unit *u = &r->units[k];
	sqlite3_bind_text(st, 3, u->unit, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, u->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, u->group, -1, SQLITE_STATIC);
	bind_number_or_null(st, 6, u->total);
	sqlite3_bind_int(st, 7, u->rank);
	sqlite3_bind_text(st, 8, u->verdict, -1, SQLITE_STATIC);
}

/* A row per unit; the items are packed in the run's record. */
static int insert_units(struct store *s, const struct run *r, diag_t *d)
{
	return insert_rows(s, "INSERT INTO run_units (run, position, unit, name, grp, total, rank,"
			   " verdict) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", r, r->nunits, bind_unit, d);
}

/* The draft of the run's plan and period goes: the new run replaces it. */
static int drop_draft(struct store *s, const struct run *r, diag_t *d)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "DELETE FROM runs WHERE plan = ? AND period = ? AND NOT final",
			       -1, &st, NULL) != SQLITE_OK)
		return fail_sql(s, d, "replacing the draft");
	sqlite3_bind_text(st, 1, r->plan, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, r->period, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : fail_sql(s, d, "replacing the draft");
}

/* A run being saved: its transaction is open. */
struct run_writer {
	struct store *s;
	struct run *r;
	sqlite3_stmt *piece;            /* INSERT INTO run_pieces */
	sqlite3_int64 seq[RUN_TEXTS];   /* each streamed text's next piece */
	pthread_mutex_t lock;           /* pieces come from several threads */
	bool failed;
	diag_t why;                     /* the first failure */
};

/* Its transaction ended: kept (committed) or not; the writer is freed. */
static int end_saving(struct run_writer *w, bool keep, diag_t *d)
{
	int rc = 0;
	sqlite3_finalize(w->piece);
	if (w->failed) {
		*d = w->why;
		rc = -1;
	} else if (!keep) {
		rc = -1;
	} else if (exec_sql(w->s, "COMMIT", "saving the run", d) != 0) {
		rc = -1;
	}
	if (rc != 0) {
		sqlite3_exec(w->s->db, "ROLLBACK", NULL, NULL, NULL);
		w->r->id = 0;
	} else {
		store_checkpoint(w->s);
	}
	pthread_mutex_destroy(&w->lock);
	free(w);
	return rc;
}

/* The run's transaction begun and all but its streamed texts written. */
static int begin_saving(struct store *s, struct run *r, bool streamed, struct run_writer **out,
			diag_t *d)
{
	char now[32];
	utc_now(now);
	free(r->saved_at);
	free(r->user);
	r->saved_at = xstrdup(now);
	r->user = xstrdup(current_user());
	*out = NULL;
	if (exec_sql(s, "BEGIN IMMEDIATE", "saving the run", d) != 0)
		return -1;
	struct run_writer *w = xcalloc(1, sizeof *w);
	*w = (struct run_writer){.s = s, .r = r};
	pthread_mutex_init(&w->lock, NULL);
	for (int k = 0; k < RUN_TEXTS; k++)
		w->seq[k] = 1;
	if (check_final(s, r, d) != 0 || drop_draft(s, r, d) != 0 ||
	    insert_head(s, r, streamed, d) != 0 || insert_units(s, r, d) != 0 ||
	    prepare_pieces(s, &w->piece, d) != 0) {
		end_saving(w, false, d);
		return -1;
	}
	*out = w;
	return 0;
}

void store_run_piece(struct run_writer *w, int text, const void *bytes, size_t n)
{
	pthread_mutex_lock(&w->lock);
	if (!w->failed) {
		sqlite3_bind_int64(w->piece, 1, w->r->id);
		sqlite3_bind_text(w->piece, 2, packed_columns[text], -1, SQLITE_STATIC);
		sqlite3_bind_int64(w->piece, 3, w->seq[text]++);
		sqlite3_bind_blob64(w->piece, 4, bytes, n, SQLITE_STATIC);
		if (sqlite3_step(w->piece) != SQLITE_DONE)
			w->failed = fail_sql(w->s, &w->why, "saving the run") != 0;
		sqlite3_reset(w->piece);
	}
	pthread_mutex_unlock(&w->lock);
}

int store_run_end(struct run_writer *w, diag_t *d)
{
	return end_saving(w, true, d);
}

void store_run_cancel(struct run_writer *w)
{
	diag_t ignored;
	(void)end_saving(w, false, &ignored);
}

int store_run_begin(struct store *s, struct run *r, struct run_writer **out, diag_t *d)
{
	return begin_saving(s, r, true, out, d);
}

int store_save_run(struct store *s, struct run *r, diag_t *d)
{
	struct run_writer *w;
	return begin_saving(s, r, false, &w, d) == 0 ? store_run_end(w, d) : -1;
}
