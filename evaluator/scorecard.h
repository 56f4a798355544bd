/* scorecard: the result of scoring a period, as plain structs. The engine
 * fills it; renderers read it. No Lua, no SQL. */
#ifndef ASSAY_SCORECARD_H
#define ASSAY_SCORECARD_H

#include <stddef.h>
#include <stdint.h>

#include "period.h"
#include "plan.h"
#include "text.h"

enum light { LIGHT_NONE, LIGHT_GREEN, LIGHT_YELLOW, LIGHT_RED };
enum verdict { VERDICT_NONE, VERDICT_COMMEND, VERDICT_RED_LIGHT };

/* Text lives in the board's pool; 0 is the empty string. */
typedef uint32_t text_ref;

/* One unit on one indicator. */
struct item {
	int indicator;
	double actual;          /* NAN when not reported */
	double target, weight;
	double completion;      /* NAN when the rules gave none */
	double score;
	enum light light;
	text_ref reason;
	text_ref error;         /* a rule failed: its message */
};

/* One unit's scorecard. */
struct card {
	int unit;
	size_t first, count;    /* its items: board.items[first .. first + count) */
	double score, weight;   /* sums over its items */
	double total;
	int rank, group_size;   /* rank 0: not ranked (a rule failed) */
	int green, yellow, red, missing;
	enum verdict verdict;
	text_ref verdict_reason;
	int failed_items;       /* items whose rules failed */
	text_ref error;         /* a unit-level rule (total, verdicts) failed */
};

/* Whether a card could not be scored: one of its rules failed. */
bool card_failed(const struct card *c);

struct board {
	const struct plan *plan;
	struct period period;
	double progress;        /* time progress at the period's end */
	struct card *cards;     /* one per unit, in plan order */
	size_t ncards;
	struct item *items;     /* one per plan assignment, in plan order */
	size_t nitems;
	size_t nerrors;         /* items and cards whose rules failed */
	struct sbuf pool;
};

void board_init(struct board *b, const struct plan *plan, const struct period *period);
void board_release(struct board *b);
text_ref board_text_add(struct board *b, const char *s, size_t len);
const char *board_text(const struct board *b, text_ref ref);

/* A total as ranks and verdicts compare it: rounded to two decimals. */
double board_rank_value(double total);

const char *light_name(enum light light);
const char *verdict_name(enum verdict verdict);

#endif
