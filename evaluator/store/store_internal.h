/* store_internal: what the store's own files share (store.c keeps the
 * schema, store_import.c writes imports, store_figures.c reads the
 * figures, store_runs.c the saved runs, store_history.c the correction
 * history); nothing outside the store includes it. */
#ifndef ASSAY_STORE_INTERNAL_H
#define ASSAY_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>

#include "diag.h"

struct store {
	sqlite3 *db;
	char *path;
	bool reading;           /* a read transaction is open (STORE_READ) */
	int schema;             /* its version: a reader may take an older one */
};

/* The message for the error of the store's last call, into d; -1. */
int fail_sql(struct store *s, diag_t *d, const char *doing);
/* Runs sql; -1 with the message in d when it fails. */
int exec_sql(struct store *s, const char *sql, const char *doing, diag_t *d);
/* Moves the figures of a store that kept a row per figure (schema 3)
 * into a row per unit and period (figure_row.h). */
int store_move_figures_to_rows(struct store *s, diag_t *d);
/* Moves what the write-ahead log holds into the store and empties it, as
 * far as readers allow without waiting for them: after a large write. */
void store_checkpoint(struct store *s);
/* The time now, "2023-10-05T09:12:03Z". */
void utc_now(char buf[32]);
/* Who is importing or saving a run, as the store records it: $USER, else
 * $LOGNAME, else the account's name (under cron and in containers neither
 * variable is set), else "uid N". */
const char *current_user(void);

#endif
