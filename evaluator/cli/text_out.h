/* text_out: a command's text written as it is made, to stdout or to a
 * file (whole or not at all, through output.h), so that a province's
 * scorecards never sit whole in memory: the renderers hand it over a
 * scorecard at a time through the render_sink. */
#ifndef ASSAY_TEXT_OUT_H
#define ASSAY_TEXT_OUT_H

#include <stdbool.h>
#include <stdio.h>

#include "output.h"
#include "render.h"

struct text_out {
	struct render_sink sink;
	FILE *file;             /* stdout, or the output file's temporary */
	struct output output;   /* when to a file */
	bool to_file;
	int error;              /* errno of the first write that failed, or 0 */
};

/* Starts writing to path, or to stdout when path is NULL. EXIT_OK, or
 * EXIT_FAIL with a message printed. */
int text_out_begin(struct text_out *t, const char *path);
/* Writes what is left in rest (and empties it), then puts the file in
 * place. EXIT_OK, or EXIT_FAIL with a message printed (a file is then
 * not written at all). */
int text_out_end(struct text_out *t, struct sbuf *rest);

struct run;
/* Prints run id's scorecards in form (enum run_form) from the store at
 * db_path to stdout, a piece at a time, after what head writes of the run
 * (head may be NULL; it gets the run's record, store_load_run_record, and
 * returns 0, or -1 with d set). Nothing is printed of a damaged run.
 * EXIT_OK, or EXIT_FAIL with a message printed. */
int print_saved_run(const char *db_path, long id, int form,
		    int (*head)(struct run *r, struct sbuf *out, diag_t *d));

#endif
