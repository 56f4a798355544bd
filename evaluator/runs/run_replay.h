/* run_replay: a saved run's world rebuilt from what was saved, so that
 * its report is rendered from the run and not from the store as it is
 * now: the figures it was scored from in a store of their own, and the
 * totals of the year's earlier months as the final runs saved before it
 * gave them. */
#ifndef ASSAY_RUN_REPLAY_H
#define ASSAY_RUN_REPLAY_H

#include <stdbool.h>

#include "diag.h"
#include "host.h"
#include "plan.h"
#include "run.h"
#include "scorecard.h"
#include "store.h"
#include "trend.h"

/* A store in memory holding exactly the run's figures and bonus or
 * deduction items, under its plan's id, read from their packed text a
 * batch at a time (or from r->figures, where they are not packed). 0, or
 * -1 with d set; store_close it. */
int run_replay_store(const struct run *r, struct store **out, diag_t *d);

/* Scores the plan's period as run `saved` was, under the rules in force
 * then (host_open_for, with limits), from store, into b, and fills now
 * from it (run_fill, its figures and items packed) to be compared with
 * saved. 0; 1 when a rule
 * failed (b holds the errors, now stays empty); -1 with d set. */
int run_replay_score(const struct plan *plan, const struct period *period, struct store *store,
		     const struct host_limits *limits, struct board *b, struct run *now,
		     diag_t *d);
/* Whether now's JSON scorecards are saved's, byte for byte, by their
 * fingerprints (saved's loaded first: store_load_scorecards). 0, or -1
 * with d set. */
int run_replay_same(const struct run *saved, const struct run *now, bool *same, diag_t *d);

/* For a report of run `saved` (loaded packed): scores its period again as
 * run_replay_score does, into b, filling only what now was scored from
 * (run_fill_inputs; the figures are saved's where the texts of its files
 * were kept), and says whether the JSON scorecards are the saved ones,
 * whose SHA-256 is saved_json, rendered without being kept (a province's
 * scorecards packed are a hundred megabytes). 0; 1 when a rule failed;
 * -1 with d set. */
int run_replay_check(const struct plan *plan, const struct period *period, struct store *store,
		     const struct host_limits *limits, const struct run *saved,
		     const char *saved_json, struct board *b, struct run *now, bool *same,
		     diag_t *d);

/* Each unit's total month by month up to the run's period, for the
 * report's charts: a month is the run's own when its period is that
 * month, else the totals of that month's final run as it stood when r was
 * saved (the last final run of the month saved before r); a month with
 * none has no point. b is the board scored for r; store holds the runs.
 * 0, or -1 with d set. */
int run_replay_trend(struct trend *t, struct store *store, const struct run *r,
		     const struct board *b, diag_t *d);

#endif
