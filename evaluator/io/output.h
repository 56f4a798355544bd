/* output: a report file written whole or not at all. It is written beside
 * its place under a temporary name and renamed over it once complete, so
 * that a failure (a full disk, a kill) never leaves half a file. */
#ifndef ASSAY_OUTPUT_H
#define ASSAY_OUTPUT_H

#include <stddef.h>

#include "diag.h"

struct output {
	char *path;             /* where it goes, owned */
	char *temp;             /* where it is being written, owned */
};

/* Creates the temporary file beside path (o->temp, empty, to be written by
 * name). 0, or -1 with d set. */
int output_begin(struct output *o, const char *path, diag_t *d);
/* Renames the temporary file to path, with the permissions a new file
 * gets. 0, or -1 with d set (the temporary file is removed). Frees o. */
int output_commit(struct output *o, diag_t *d);
/* Removes the temporary file. Frees o. */
void output_abandon(struct output *o);
/* The whole of data into path, by the steps above. */
int output_write(const char *path, const char *data, size_t len, diag_t *d);

#endif
