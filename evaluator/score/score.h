/* score: the one way to score a period. A command says what to score (the
 * plan, the rules a host runs, the store of figures, the period, and how:
 * shown in full or for a ranking, every unit or some peer groups, figures
 * changed for a what-if) and gets a board of scorecards. score, whatif,
 * explain, verify, test, report and its trend all come here; the engine
 * and the readings stream behind it are this folder's own. */
#ifndef ASSAY_SCORE_H
#define ASSAY_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "host.h"
#include "period.h"
#include "plan.h"
#include "progress.h"
#include "readings.h"
#include "scorecard.h"
#include "store.h"
#include "trend.h"

/* A figure in place of the stored one, as reported at the period's end. */
struct score_change {
	size_t assignment;      /* index into plan.assignments */
	double value;
};

struct score_request {
	const struct plan *plan;
	struct host *host;              /* the rules (host_open_for: those in force) */
	struct store *store;            /* the figures */
	struct period period;
	bool shown;                     /* items shown in full, with their reasons;
					 * false: a ranking or a comparison, whose
					 * items' standard reasons stay unwritten */
	bool trends;                    /* every item's trend is read (JSON
					 * scorecards): the board keeps them all;
					 * else only while a unit is scored, and
					 * every one when the plan flags jumps
					 * (their ratio is in the notes shown) */
	const bool *units;              /* NULL: every unit; else plan.nunits flags:
					 * only the peer groups of the units marked
					 * are scored, the other cards stay empty
					 * and unranked */
	const struct score_change *changes;     /* what-if figures; NULL */
	size_t nchanges;
	const struct readings_witness *witness; /* told of every figure read (a
						 * saved run); NULL */
	struct progress *progress;      /* ticked once a unit; NULL */
};

/* Scores the request's period into out (board_release it). A rule that
 * fails is kept on the board (board.nerrors); 0, or -1 with d set when
 * scoring could not run at all (out is then empty).
 *
 * A plan of many units whose peer groups' units are listed together is
 * scored a peer group at a time, and its board holds a window of units'
 * items at a time (board.window): card_items scores them again, from
 * rq's store by rq's host, which must stay open while the board is read,
 * and must not change meanwhile (a read snapshot). */
int score_period(const struct score_request *rq, struct board *out, diag_t *d);
/* Gives the host and the store (either may be NULL) that scored b to it,
 * to close them when it no longer reads them: at once when b holds its
 * items whole, else with board_release. */
void score_hand_over(struct board *b, struct host *host, struct store *store);
/* A board held a window at a time read by readers threads at once, each
 * going through its cards in the same order (nothing for a board held
 * whole): a window is filled only when every reader waits for one. Each
 * calls score_window_leave when done; then one reader is left. */
void score_window_share(const struct board *b, int readers);
void score_window_leave(const struct board *b);
/* Why a window of out's items could not be scored again (the store could
 * not be read, or the rules' budget was spent): its items then fail with
 * it. NULL when nothing failed. */
const char *score_window_failure(const struct board *b);
/* A what-if's second pass: b, which score_period made for rq's units
 * (units must be set) before the changes, rescored in place with rq's
 * changes. Only the units marked are scored again (no other unit's items
 * or total can move), and their peer groups ranked and judged again (no
 * other unit's rank or verdict can move); the items' standard reasons
 * stay as they were. 0, or -1 with d set. */
int score_again(const struct score_request *rq, struct board *b, diag_t *d);

/* Scores months 1 .. months of the year of period from store, keeping each
 * unit's total: host runs the rules in force at period, and a month under
 * others by the plan's rule schedule gets a host of its own (with limits).
 * 0, or -1 with d set. */
int trend_gather(struct trend *t, const struct plan *plan, struct host *host,
		 const struct period *period, struct store *store, int months,
		 const struct host_limits *limits, struct progress *progress, diag_t *d);
/* Whether a card has a place in the trend: a total, and something
 * reported by then, so that the months before a unit's first report are
 * not drawn as zeros. */
bool score_in_trend(const struct board *b, const struct card *c);

#endif
