#include "store.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lang.h"
#include "mem.h"
#include "path.h"
#include "sbuf.h"
#include "store_internal.h"

/* How long a command waits for another one's write to finish, in ms. */
#define BUSY_TIMEOUT_MS 10000

/* $ASSAY_BUSY_TIMEOUT (milliseconds) when it is a number, else the default. */
static int busy_timeout(void)
{
	const char *env = getenv("ASSAY_BUSY_TIMEOUT");
	char *end;
	long ms = env ? strtol(env, &end, 10) : -1;
	return env && *env && !*end && ms >= 0 && ms <= 3600000 ? (int)ms : BUSY_TIMEOUT_MS;
}

/* A step of the schema: its SQL, then (when not NULL) what moves the
 * data into it. */
struct migration {
	const char *sql;
	int (*move)(struct store *s, diag_t *d);
};

/* Each migration takes the schema from version i to i + 1. Never edit one
 * that has shipped; add another. */
static const struct migration migrations[] = {
	{"CREATE TABLE imports ("
	"  id INTEGER PRIMARY KEY,"
	"  plan TEXT NOT NULL,"
	"  imported_at TEXT NOT NULL,"
	"  user TEXT NOT NULL,"
	"  files TEXT NOT NULL,"
	"  added INTEGER NOT NULL DEFAULT 0,"
	"  corrected INTEGER NOT NULL DEFAULT 0,"
	"  unchanged INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE figures ("
	"  plan TEXT NOT NULL,"
	"  period TEXT NOT NULL,"
	"  unit TEXT NOT NULL,"
	"  indicator TEXT NOT NULL,"
	"  value REAL NOT NULL,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  source TEXT NOT NULL,"
	"  import_id INTEGER NOT NULL REFERENCES imports(id),"
	"  PRIMARY KEY (plan, period, unit, indicator)) WITHOUT ROWID;"
	"CREATE TABLE figure_history ("
	"  id INTEGER PRIMARY KEY,"
	"  plan TEXT NOT NULL,"
	"  period TEXT NOT NULL,"
	"  unit TEXT NOT NULL,"
	"  indicator TEXT NOT NULL,"
	"  value REAL NOT NULL,"
	"  note TEXT NOT NULL,"
	"  source TEXT NOT NULL,"
	"  import_id INTEGER NOT NULL REFERENCES imports(id),"
	"  replaced_by INTEGER NOT NULL REFERENCES imports(id));"
	"CREATE INDEX figure_history_by_figure ON figure_history(plan, unit, indicator, period);", NULL},
	/* 2: bonus and deduction items (加分项/扣分项), one per unit, period and reason */
	{"CREATE TABLE adjustments ("
	"  plan TEXT NOT NULL,"
	"  period TEXT NOT NULL,"
	"  unit TEXT NOT NULL,"
	"  reason TEXT NOT NULL,"
	"  points REAL NOT NULL,"
	"  source TEXT NOT NULL DEFAULT '',"
	"  origin TEXT NOT NULL,"
	"  import_id INTEGER NOT NULL REFERENCES imports(id),"
	"  PRIMARY KEY (plan, period, unit, reason)) WITHOUT ROWID;", NULL},
	/* 3: saved runs: what each was scored from, and what it gave */
	{"CREATE TABLE runs ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT," /* a replaced draft's id never returns */
	"  plan TEXT NOT NULL,"
	"  title TEXT NOT NULL,"
	"  period TEXT NOT NULL,"
	"  saved_at TEXT NOT NULL,"
	"  user TEXT NOT NULL,"
	"  final INTEGER NOT NULL DEFAULT 0,"
	"  supersedes INTEGER UNIQUE REFERENCES runs(id),"
	"  reason TEXT NOT NULL DEFAULT '',"
	"  plan_file TEXT NOT NULL,"
	"  plan_sha256 TEXT NOT NULL,"
	"  rules TEXT NOT NULL,"            /* 'sha256  path' a line per rule file loaded */
	"  rules_sha256 TEXT NOT NULL,"
	"  params TEXT NOT NULL,"           /* 'name=value' a line per parameter */
	"  params_sha256 TEXT NOT NULL,"
	"  figures TEXT NOT NULL,"          /* the figures used, canonical (run.h) */
	"  figures_sha256 TEXT NOT NULL,"
	"  scorecards_table TEXT NOT NULL,"
	"  scorecards_csv TEXT NOT NULL,"
	"  scorecards_json TEXT NOT NULL);"
	"CREATE INDEX runs_by_period ON runs(plan, period);"
	"CREATE TABLE run_units ("
	"  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
	"  position INTEGER NOT NULL,"
	"  unit TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  grp TEXT NOT NULL,"
	"  total REAL,"
	"  rank INTEGER NOT NULL,"
	"  verdict TEXT NOT NULL,"
	"  PRIMARY KEY (run, position)) WITHOUT ROWID;"
	"CREATE TABLE run_items ("
	"  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
	"  position INTEGER NOT NULL,"
	"  unit TEXT NOT NULL,"
	"  indicator TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  actual TEXT NOT NULL,"
	"  score REAL,"
	"  light TEXT NOT NULL,"
	"  PRIMARY KEY (run, position)) WITHOUT ROWID;"
	/* a final run is frozen: nothing, assay included, changes or deletes it */
	"CREATE TRIGGER final_run_kept BEFORE DELETE ON runs WHEN OLD.final"
	"  BEGIN SELECT RAISE(ABORT, 'a final run is frozen'); END;"
	"CREATE TRIGGER final_run_frozen BEFORE UPDATE ON runs WHEN OLD.final"
	"  BEGIN SELECT RAISE(ABORT, 'a final run is frozen'); END;"
	"CREATE TRIGGER final_run_units_kept BEFORE DELETE ON run_units"
	"  WHEN (SELECT final FROM runs WHERE id = OLD.run)"
	"  BEGIN SELECT RAISE(ABORT, 'a final run is frozen'); END;"
	"CREATE TRIGGER final_run_units_frozen BEFORE UPDATE ON run_units"
	"  WHEN (SELECT final FROM runs WHERE id = OLD.run)"
	"  BEGIN SELECT RAISE(ABORT, 'a final run is frozen'); END;"
	"CREATE TRIGGER final_run_items_kept BEFORE DELETE ON run_items"
	"  WHEN (SELECT final FROM runs WHERE id = OLD.run)"
	"  BEGIN SELECT RAISE(ABORT, 'a final run is frozen'); END;"
	"CREATE TRIGGER final_run_items_frozen BEFORE UPDATE ON run_items"
	"  WHEN (SELECT final FROM runs WHERE id = OLD.run)"
	"  BEGIN SELECT RAISE(ABORT, 'a final run is frozen'); END;", NULL},

	/* 4: the figures of a unit for a period in one row (figure_row.h), and
	 * the files they were read from; the view gives a row per figure */
	{"CREATE TABLE import_files ("
	 "  id INTEGER PRIMARY KEY,"
	 "  import_id INTEGER NOT NULL REFERENCES imports(id),"
	 "  path TEXT NOT NULL);"
	 "CREATE TABLE unit_figures ("
	 "  plan TEXT NOT NULL,"
	 "  period TEXT NOT NULL,"
	 "  unit TEXT NOT NULL,"
	 "  figures TEXT NOT NULL," /* {"indicator":[value,"note",file,line],...} */
	 "  PRIMARY KEY (plan, period, unit)) WITHOUT ROWID;",
	 store_move_figures_to_rows},
	/* 5: the figures, a row each, as a view of the rows */
	{"DROP TABLE figures;"
	 "CREATE VIEW figures (plan, period, unit, indicator, value, note, source, import_id) AS"
	 "  SELECT r.plan, r.period, r.unit, f.key, CAST(json_extract(f.value, '$[0]') AS REAL),"
	 "    json_extract(f.value, '$[1]'),"
	 "    CASE WHEN json_extract(f.value, '$[3]') > 0"
	 "      THEN i.path || ':' || json_extract(f.value, '$[3]') ELSE i.path END,"
	 "    i.import_id"
	 "  FROM unit_figures r, json_each(r.figures) f"
	 "  JOIN import_files i ON i.id = json_extract(f.value, '$[2]');", NULL},
	/* 6: a run's figures and scorecards are kept compressed (packed.h),
	 * as BLOBs in the same columns, and its items packed in one BLOB
	 * rather than a row each. Runs saved before keep their TEXT and
	 * their rows of run_items, which are read as they are. */
	{"ALTER TABLE runs ADD COLUMN items BLOB;", NULL},
	/* 7: the texts of the files a run was scored from (its plan, rule
	 * files, modules, targets tables; file_texts.h), packed, so that its
	 * report is made from them; NULL for runs saved before */
	{"ALTER TABLE runs ADD COLUMN files BLOB;", NULL},
	/* 8: a packed text longer than a BLOB may be (a province's
	 * scorecards) keeps its first piece in its column of runs and the
	 * rest here, in order; a run saved before has none */
	{"CREATE TABLE run_pieces ("
	 "  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
	 "  part TEXT NOT NULL," /* the column of runs it continues */
	 "  seq INTEGER NOT NULL,"
	 "  bytes BLOB NOT NULL,"
	 "  PRIMARY KEY (run, part, seq));"
	 "CREATE TRIGGER final_run_pieces_kept BEFORE DELETE ON run_pieces"
	 "  WHEN (SELECT final FROM runs WHERE id = OLD.run)"
	 "  BEGIN SELECT RAISE(ABORT, 'a final run is frozen'); END;"
	 "CREATE TRIGGER final_run_pieces_frozen BEFORE UPDATE ON run_pieces"
	 "  WHEN (SELECT final FROM runs WHERE id = OLD.run)"
	 "  BEGIN SELECT RAISE(ABORT, 'a final run is frozen'); END;", NULL},
	/* 9: texts are packed as zstd frames, not zlib streams (packed.h):
	 * the tables stay as they are, and the runs saved before are read as
	 * they were packed; an assay before this one cannot read the new
	 * runs, and so refuses the store as newer than itself */
	{"-- the packing of runs' texts changed", NULL},
};

#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof *migrations))
/* The oldest schema a reading command takes as it is (a store it may
 * not write to can be read): 6 to 9 changed only how runs are saved. */
#define SCHEMA_READABLE 5

/* Why this user may not write to the store at path: its file, or its
 * directory, where the write-ahead log and its index go; NULL when both
 * may be written. */
static const char *why_read_only(const char *path)
{
	static const char read_only_fs[] = N_("it is on a read-only file system");
	if (access(path, W_OK) != 0 && errno != ENOENT)
		return errno == EROFS ? read_only_fs : N_("this user may not write to it");
	char *dir = path_dirname(path);
	int rc = access(dir, W_OK), err = errno;
	free(dir);
	if (rc != 0)
		return err == EROFS ? read_only_fs : N_("this user may not create files in its directory");
	return NULL;
}

static int fail_read_only(struct store *s, diag_t *d)
{
	const char *why = why_read_only(s->path);
	char because[256] = "";
	if (why)
		snprintf(because, sizeof because, _(" (%s)"), _(why));
	return fail(d, _("store '%s' is read-only%s: importing figures and saving runs need write "
		    "access to the file and to its directory"), s->path, because);
}

/* The message for the error of the store's last call: the failures a
 * person can act on in plain words, anything else as SQLite says it. */
int fail_sql(struct store *s, diag_t *d, const char *doing)
{
	switch (sqlite3_errcode(s->db) & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return fail(d, _("store '%s' is busy: another assay command is writing to it; try "
			    "again when it has finished"), s->path);
	case SQLITE_READONLY:
		return fail_read_only(s, d);
	case SQLITE_CANTOPEN: /* the write-ahead log cannot be made beside it */
		if (!s->reading && why_read_only(s->path))
			return fail_read_only(s, d);
		break;
	case SQLITE_FULL:
		return fail(d, _("store '%s': the disk is full (%s): nothing was changed"), s->path,
			    doing);
	case SQLITE_IOERR:
		return fail(d, _("store '%s': unable to write (%s while %s): is the disk full, or a "
			    "file size limit reached? nothing was changed"), s->path,
			    sqlite3_errmsg(s->db), doing);
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return fail(d, _("store '%s' is not an assay store or is damaged (%s)"), s->path,
			    sqlite3_errmsg(s->db));
	}
	return fail(d, _("store '%s': %s: %s"), s->path, doing, sqlite3_errmsg(s->db));
}

int exec_sql(struct store *s, const char *sql, const char *doing, diag_t *d)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	return fail_sql(s, d, doing);
}

static int read_version(struct store *s, int *version, diag_t *d)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return fail_sql(s, d, "reading the schema version");
	int rc = sqlite3_step(st);
	*version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : fail_sql(s, d, "reading the schema version");
}

/* migrate()'s answer to a reader of a store with an older schema. */
#define STORE_OUTDATED (-2)

/* Brings the schema up to date in one transaction. */
static int migrate(struct store *s, diag_t *d)
{
	int version;
	if (read_version(s, &version, d) != 0)
		return -1;
	if (version > SCHEMA_VERSION)
		return fail(d, _("store '%s' was written by a newer assay (schema %d; this one knows up to %d)"),
			    s->path, version, SCHEMA_VERSION);
	s->schema = version;
	if (version == SCHEMA_VERSION || (s->reading && version >= SCHEMA_READABLE))
		return 0;
	if (s->reading) {
		fail(d, _("store '%s' is older than this assay (schema %d; this one uses %d) and "
		     "cannot be brought up to date here: run an import where it is writable"),
		     s->path, version, SCHEMA_VERSION);
		return STORE_OUTDATED;
	}
	if (exec_sql(s, "BEGIN IMMEDIATE", "starting the migration", d) != 0)
		return -1;
	/* Another process may have migrated while we waited for the lock. */
	if (read_version(s, &version, d) != 0)
		goto rollback;
	for (int v = version; v < SCHEMA_VERSION; v++)
		if (exec_sql(s, migrations[v].sql, "migrating the schema", d) != 0 ||
		    (migrations[v].move && migrations[v].move(s, d) != 0))
			goto rollback;
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", SCHEMA_VERSION);
	if (exec_sql(s, sql, "migrating the schema", d) != 0)
		goto rollback;
	s->schema = SCHEMA_VERSION;
	return exec_sql(s, "COMMIT", "migrating the schema", d);
rollback:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* Why a store cannot be opened, with a hint where one helps. */
static int fail_open(struct store *s, enum store_mode mode, diag_t *d)
{
	if (!s->db)
		return fail(d, _("unable to open store '%s': out of memory"), s->path);
	bool cannot_create = mode == STORE_WRITE && (sqlite3_errcode(s->db) & 0xff) == SQLITE_CANTOPEN;
	return fail(d, _("unable to open store '%s': %s%s"), s->path, sqlite3_errmsg(s->db),
		    cannot_create ? _(" (does its directory exist, and may assay write to it?)") : "");
}

/* Sets WAL mode. SQLite does not wait for a lock it needs for this (a wait
 * could deadlock), so two commands creating a store at once retry here,
 * as long as the busy timeout allows. */
static int switch_to_wal(struct store *s, diag_t *d)
{
	for (int waited = 0;; waited += 10) {
		int rc = sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			return 0;
		if ((rc & 0xff) != SQLITE_BUSY || waited >= busy_timeout())
			return fail_sql(s, d, "configuring");
		sqlite3_sleep(10);
	}
}

/* A reading command works in one read transaction, so that it sees one
 * snapshot of the store however many queries it makes, even while an
 * import commits; a writer sets up WAL, which lets readers go on while it
 * writes. */
static int configure(struct store *s, enum store_mode mode, diag_t *d)
{
	if (exec_sql(s, "PRAGMA foreign_keys = ON", "configuring", d) != 0)
		return -1;
	if (mode == STORE_READ) {
		s->reading = exec_sql(s, "BEGIN", "starting to read", d) == 0;
		return s->reading ? migrate(s, d) : -1;
	}
	/* 16 KiB pages: a unit's row of figures for a period is a kilobyte or
	 * two, and a province's rows are written faster in fewer, larger
	 * pages. Only a new store takes it; an existing one keeps its own. */
	if (exec_sql(s, "PRAGMA page_size = 16384", "configuring", d) != 0 ||
	    switch_to_wal(s, d) != 0)
		return -1;
	return migrate(s, d);
}

/* "file:PATH?QUERY", for opening the store with URI parameters. */
static char *store_uri(const char *path, const char *query)
{
	struct sbuf b = {0};
	sbuf_add(&b, "file:");
	for (const char *p = path; *p; p++)
		if (*p == '%' || *p == '?' || *p == '#')
			sbuf_addf(&b, "%%%02X", (unsigned char)*p);
		else
			sbuf_addc(&b, *p);
	sbuf_addf(&b, "?%s", query);
	return sbuf_detach(&b);
}

/* Whether the store at path has a file with this suffix ("-wal", "-shm")
 * beside it holding anything. */
static bool has_beside(const char *path, const char *suffix)
{
	struct sbuf name = {0};
	sbuf_addf(&name, "%s%s", path, suffix);
	struct stat st;
	bool held = stat(sbuf_str(&name), &st) == 0 && st.st_size > 0;
	sbuf_release(&name);
	return held;
}

/* Opens name; exclusive: in SQLite's exclusive locking mode, which keeps
 * the WAL index in memory instead of in the -shm file beside the store. */
static int open_as(struct store *s, const char *name, enum store_mode mode, int flags,
		   bool exclusive, diag_t *d)
{
	if (sqlite3_open_v2(name, &s->db, flags, NULL) != SQLITE_OK)
		return fail_open(s, mode, d);
	sqlite3_busy_timeout(s->db, busy_timeout());
	if (exclusive && exec_sql(s, "PRAGMA locking_mode = EXCLUSIVE", "configuring", d) != 0)
		return -1;
	return configure(s, mode, d);
}

/* Opens a store for reading. One whose WAL index (-shm) this user cannot
 * make, because the directory or the file system is read-only, is read
 * without it: as immutable when its WAL holds nothing, or else (writes in
 * its WAL that were never moved into the file: a command killed, a store
 * copied while in use) with the WAL index in memory, when there is no
 * -shm file, so that no other command has the store open. Neither takes
 * a lock, which only a writer would need. */
static int open_for_reading(struct store *s, diag_t *d)
{
	int rc = open_as(s, s->path, STORE_READ, SQLITE_OPEN_READONLY, false, d);
	if (rc == 0 || rc == STORE_OUTDATED)
		return rc;
	int code = s->db ? sqlite3_errcode(s->db) & 0xff : SQLITE_OK;
	bool pending = has_beside(s->path, "-wal");
	if ((code != SQLITE_READONLY && code != SQLITE_CANTOPEN) ||
	    (pending && has_beside(s->path, "-shm")))
		return -1;
	sqlite3_close(s->db);
	s->db = NULL;
	s->reading = false;
	char *uri = store_uri(s->path, pending ? "mode=ro&vfs=unix-none" : "immutable=1");
	rc = open_as(s, uri, STORE_READ, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, pending, d);
	free(uri);
	return rc;
}

/* A store written by an older assay, opened for reading: brings its schema
 * up to date through a writable connection, as an import would. Whether
 * that worked; s is closed either way. */
static bool upgrade(struct store *s)
{
	diag_t ignored;
	sqlite3_close(s->db);
	s->db = NULL;
	s->reading = false;
	bool ok = open_as(s, s->path, STORE_WRITE, SQLITE_OPEN_READWRITE, false, &ignored) == 0;
	sqlite3_close(s->db);
	s->db = NULL;
	return ok;
}

int store_open(struct store **out, const char *path, enum store_mode mode, diag_t *d)
{
	*out = NULL;
	if (mode == STORE_READ && access(path, F_OK) != 0)
		return fail(d, _("no store at '%s': import figures first (assay import PLAN FILE...)"), path);
	const char *why = strcmp(path, ":memory:") != 0 ? file_not_regular(path) : NULL;
	if (why) /* SQLite would wait on a FIFO, and read a device as an empty store */
		return fail(d, _("unable to open store '%s': %s"), path, why);
	if (mode == STORE_READ && access(path, R_OK) != 0)
		return fail(d, _("unable to open store '%s': %s"), path, strerror(errno));
	struct store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	int rc = mode == STORE_READ ? open_for_reading(s, d)
		 : open_as(s, path, mode, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, false, d);
	if (rc == STORE_OUTDATED && upgrade(s)) {
		s->reading = false;
		rc = open_for_reading(s, d);
	}
	if (rc != 0) {
		store_close(s);
		return -1;
	}
	*out = s;
	return 0;
}

void store_checkpoint(struct store *s)
{
	sqlite3_busy_timeout(s->db, 0);
	(void)sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	sqlite3_busy_timeout(s->db, busy_timeout());
}

void store_close(struct store *s)
{
	if (!s)
		return;
	if (s->reading)
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

int store_each_adjustment(struct store *s, const char *plan_id, int year,
			  store_adjustment_fn fn, void *ctx, diag_t *d)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
			       "SELECT unit, period, points, reason, source FROM adjustments "
			       "WHERE plan = ? AND substr(period, 1, 4) = ? ORDER BY period, unit, reason",
			       -1, &st, NULL) != SQLITE_OK)
		return fail_sql(s, d, "reading adjustments");
	char y[16];
	snprintf(y, sizeof y, "%04d", year % 10000);
	sqlite3_bind_text(st, 1, plan_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, y, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_adjustment a = {(const char *)sqlite3_column_text(st, 0),
					     (const char *)sqlite3_column_text(st, 1),
					     sqlite3_column_double(st, 2),
					     (const char *)sqlite3_column_text(st, 3),
					     (const char *)sqlite3_column_text(st, 4), NULL};
		fn(ctx, &a);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : fail_sql(s, d, "reading adjustments");
}
