/* import: a checked figure list into the store, in one transaction. */
#ifndef ASSAY_IMPORT_H
#define ASSAY_IMPORT_H

#include "diag.h"
#include "figures.h"
#include "plan.h"
#include "store.h"

/* Writes list's figures and adjustments (already checked against plan) to
 * the store, all or none; `files` names them in the import record. */
int import_figure_list(struct store *store, const struct plan *plan,
		       const struct figure_list *list, const char *files,
		       struct import_counts *counts, diag_t *d);

#endif
