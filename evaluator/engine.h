/* engine: scoring a period. Gathers each unit's inputs (targets, figures,
 * time progress), asks the rules, totals, ranks within peer groups and
 * asks for verdicts. Produces a board of plain structs; never prints. */
#ifndef ASSAY_ENGINE_H
#define ASSAY_ENGINE_H

#include "diag.h"
#include "host.h"
#include "period.h"
#include "plan.h"
#include "scorecard.h"
#include "store.h"

/* The year-to-date figures for period, one per plan assignment (NAN when
 * not reported). For a quarter or a year without a figure of its own, the
 * figure of its last month counts. Caller frees *actuals. */
int engine_gather(const struct plan *plan, struct store *store, const struct period *period,
		  double **actuals, diag_t *d);

/* Scores every unit. Rule failures are kept on the board (board.nerrors);
 * the return is 0 unless scoring could not run at all. */
int engine_score(const struct plan *plan, struct host *host, const struct period *period,
		 const double *actuals, struct board *out);

#endif
