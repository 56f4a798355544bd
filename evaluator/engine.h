/* engine: scoring a period. Turns each unit's readings into items (status,
 * actual, target, time progress), computes derived indicators and relative
 * targets, asks the rules, totals, ranks within peer groups and asks for
 * verdicts. Produces a board of plain structs; never prints. */
#ifndef ASSAY_ENGINE_H
#define ASSAY_ENGINE_H

#include "host.h"
#include "period.h"
#include "plan.h"
#include "readings.h"
#include "scorecard.h"

/* Scores every unit. Rule failures are kept on the board (board.nerrors);
 * the return is 0 unless scoring could not run at all. */
int engine_score(const struct plan *plan, struct host *host, const struct period *period,
		 const struct readings *readings, struct board *out);
/* The same for a ranking only: totals, ranks and verdicts, with the items'
 * reasons that the standard library gives left unwritten (""). */
int engine_rank(const struct plan *plan, struct host *host, const struct period *period,
		const struct readings *readings, struct board *out);

struct progress;
/* Either of the above (reasons: whether the standard library's item reasons
 * are written), ticking progress (NULL: none) once a unit. */
int engine_run(const struct plan *plan, struct host *host, const struct period *period,
	       const struct readings *readings, bool reasons, struct progress *progress,
	       struct board *out);

/* A what-if's board: b becomes a copy of from, which the same host scored
 * from readings before they changed, with every unit of each peer group
 * in which changed_units[unit] marks one scored again from readings: its
 * items, total, rank and verdict. The other groups cannot have changed.
 * The items' standard reasons are left as from has them (see engine_rank). */
int engine_rescore_groups(const struct plan *plan, struct host *host,
			  const struct readings *readings, const struct board *from,
			  const bool *changed_units, struct board *out);

#endif
