/* run_fill: a saved run (store/run.h) made from a scored board. */
#ifndef ASSAY_RUN_FILL_H
#define ASSAY_RUN_FILL_H

#include "compare.h"
#include "diag.h"
#include "host.h"
#include "readings.h"
#include "run.h"
#include "scorecard.h"
#include "store.h"

/* Collects the figures a scoring reads: pass run_witness_init's witness
 * to score_period (score.h). A line each (run.h), in one text. */
struct run_figures {
	struct sbuf text;       /* the lines, each ended by a NUL */
	size_t *at;             /* where each starts in text */
	size_t n, cap;
	bool digested;          /* the lines are not held: packed and sha256
				 * are their text's, as run_fill keeps them */
	struct packed packed;
	char sha256[FINGERPRINT_HEX];
};
void run_witness_init(struct readings_witness *w, struct run_figures *figures);
void run_figures_release(struct run_figures *figures);
/* The figures a scoring of the period reads from store (which must be
 * the snapshot it read), packed and fingerprinted as they are read again,
 * a period at a time, instead of held: for a province's million. The
 * same as those witnessed while scoring, byte for byte. 0, or -1 with d
 * set. */
int run_figures_read(struct run_figures *figures, const struct plan *plan, struct store *store,
		     const struct period *period, diag_t *d);

/* Fills r from a scored board: the fingerprints of the plan file, of each
 * rule file the host loaded, of its parameters and of the figures read,
 * the scorecards rendered and the summary; the figures, the scorecards
 * and the items are packed, as the store keeps them (run_unpack reads the
 * figures and the items). The figures are taken from
 * `figures` (which is left empty). 0, or -1 with d set when a file
 * cannot be read again; r is released with run_release either way. */
int run_fill(struct run *r, const struct board *b, const struct host *host,
	     struct run_figures *figures, diag_t *d);
/* The same in two steps, for a run too large to hold packed (a
 * province's): run_fill_head fills all but the scorecards and the items,
 * for store_run_begin; run_fill_stream renders and packs those, handing
 * them to w a piece at a time (or, w NULL, into r). */
int run_fill_head(struct run *r, const struct board *b, const struct host *host,
		  struct run_figures *figures, diag_t *d);
void run_fill_stream(struct run *r, const struct board *b, struct run_writer *w);
/* Only what r was scored from: its plan, period, the fingerprints and the
 * figures (packed), without the scorecards and the summary; for a report
 * that is saved nowhere to say what it rests on (run_fingerprint). */
int run_fill_inputs(struct run *r, const struct board *b, const struct host *host,
		    struct run_figures *figures, diag_t *d);
/* A card's standing and an item's outcome on a board, with text borrowed
 * from the plan (the item's actual written into actual): what a saved run
 * keeps of them, and what a what-if compares (compare.h). */
void board_standing(const struct board *b, const struct card *c, struct standing *out);
void board_outcome(const struct board *b, const struct item *it, char actual[64],
		   struct outcome *out);
/* The standings of a board's cards, in plan order. */
struct standings board_standings(const struct board *b);

#endif
