/* scoring: a period scored from the figures in the store, and each unit's
 * total month by month up to it, scored on the fly with the same rules
 * (the report's trend charts). */
#ifndef ASSAY_SCORING_H
#define ASSAY_SCORING_H

#include "diag.h"
#include "host.h"
#include "period.h"
#include "plan.h"
#include "progress.h"
#include "scorecard.h"
#include "store.h"
#include "trend.h"

/* Scores period from the figures in store into out (board_release it),
 * ticking progress (NULL: none) once a unit. 0, or -1 with d set. */
int score_from_store(const struct plan *plan, struct host *host, struct store *store,
		       const struct period *period, struct progress *progress, struct board *out,
		       diag_t *d);
/* Scores months 1 .. months of the year of period, keeping the totals;
 * host runs the rules in force at period, and a month under others by the
 * plan's rule schedule gets a host of its own (with limits). 0, or -1 with
 * d set. */
int trend_gather(struct trend *t, const struct plan *plan, struct host *host,
		 const struct period *period, struct store *store, int months,
		 const struct host_limits *limits, struct progress *progress, diag_t *d);

#endif
