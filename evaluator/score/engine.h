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

struct progress;
/* Scores every unit, reading each unit's figures from the stream as it
 * scores it, so that the readings of every unit are never held at once,
 * and ticking progress (NULL: none) once a unit. Rule failures are kept on
 * the board (board.nerrors). shown: whether the items are
 * shown in full; otherwise (a ranking) the reasons the standard library
 * gives them are left unwritten (""). The board keeps every item's trend
 * when they are shown and trends is true (BOARD_SHOWN), else their trends
 * only while their unit is scored (BOARD_RANKED). 0, or -1 with d set
 * when the store could not be read (out is then released). */
int engine_run_stream(const struct plan *plan, struct host *host, const struct period *period,
		      struct readings_stream *stream, bool shown, bool trends, bool by_group,
		      struct progress *progress, struct board *out, diag_t *d);
/* by_group (above), for a plan whose peer groups' units are listed
 * together: each group is ranked and judged as soon as its last unit is
 * scored, then its items are let go, so that only the groups being scored
 * hold theirs; engine_fill_items brings them back for a reader. */

/* Unit u's items on b, which the same host scored before with its whole
 * peer group, scored again from r (u's readings) as they were: the card,
 * its total, rank and verdict, and b.nerrors stay as they are. */
void engine_fill_items(struct host *host, struct board *b, const struct readings *r, int u);

/* Every unit that shares a peer group with one marked in units: a new
 * array of plan.nunits flags (free it). A changed figure can move the
 * ranks and verdicts of its peers, and no one else's. */
bool *engine_peers(const struct plan *plan, const bool *units);

/* A what-if's rescoring, in place: the units marked in units, which the
 * same host scored on b (with their whole peer groups, see engine_peers)
 * before their readings changed, scored again from the stream (which
 * hands out those only, see readings_stream_open_only): their items and
 * totals; then their groups ranked again and every ranked unit of them
 * asked for its verdict. The other cards and items stay as they are, and
 * so do the items' standard reasons: a unit's items and total come from
 * its own readings only. */
int engine_rescore(const struct plan *plan, struct host *host, struct readings_stream *stream,
		   const bool *units, struct board *b, diag_t *d);

/* A board whose cards and items are those of the units marked in peers
 * (whole peer groups, see engine_peers), scored from the stream (which
 * hands out those only, see readings_stream_open_only); the other cards stay
 * empty and unranked. What a what-if needs of the figures as stored, and
 * explain of a unit's group (shown: the items shown in full, as
 * engine_run_stream's): no other unit's rank or verdict can move. */
int engine_run_peers(const struct plan *plan, struct host *host, const struct period *period,
		     struct readings_stream *stream, const bool *peers, bool shown,
		     struct board *out, diag_t *d);

#endif
