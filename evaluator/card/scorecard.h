/* scorecard: the result of scoring a period, as plain structs. The engine
 * fills it; renderers read it. No Lua, no SQL. */
#ifndef ASSAY_SCORECARD_H
#define ASSAY_SCORECARD_H

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include "period.h"
#include "plan.h"
#include "sbuf.h"

/* An item's light is its place in the rule file's set of lights, best
 * first (1-based; 0: none). The standard library speaks of three roles,
 * which stand for the set's first, second and last light: with the
 * default set, green, yellow and red themselves. */
enum light { LIGHT_NONE, LIGHT_GREEN, LIGHT_YELLOW, LIGHT_RED };

#define LIGHTS_MAX 8
#define LIGHT_NAME_MAX 24

/* The lights a rule file judges with (lights { ... }), best first; the
 * last is the red light: what red-light verdicts, vetoes and the ranking
 * count. Default: green, yellow, red. */
struct light_set {
	int n;
	char names[LIGHTS_MAX][LIGHT_NAME_MAX];
};

extern const struct light_set default_lights;
/* The light that stands for a role (LIGHT_GREEN: the first, LIGHT_YELLOW:
 * the second, LIGHT_RED: the last). */
int light_of_role(const struct light_set *set, enum light role);
/* The light named name, by its name or, when no light has that name, by
 * the role green, yellow or red; 0 when neither. */
int light_by_name(const struct light_set *set, const char *name);
enum verdict { VERDICT_NONE, VERDICT_COMMEND, VERDICT_RED_LIGHT };

/* The totals at which the rules commend a unit and give it a red light,
 * as the rule file declares them (verdict_lines { ... }) for charts to
 * draw: the verdict rules decide, these only show where. NAN: none. */
struct verdict_lines {
	double commendation, red_light;
};

/* Text lives in the board's pool; 0 is the empty string. */
typedef uint32_t text_ref;

/* An item's reason the engine writes only when someone reads the items:
 * a ranking of a million items needs none of them. */
#define REASON_DEFERRED ((text_ref)UINT32_MAX)

/* Whether the rules score an item. */
enum item_status {
	ITEM_SCORED,
	ITEM_NOT_DUE,           /* a task before its deadline, a report not yet due */
	ITEM_SUPPORTING,        /* co-responsible: the lead unit is scored */
	ITEM_SHOWN,             /* an input shown with its figure (scored: false) */
};

/* What a reader of the scorecard should know about an item's figure. */
enum item_flag {
	FLAG_MISSING = 1 << 0,   /* nothing reported that is due (未报送) */
	FLAG_CARRIED = 1 << 1,   /* the last figure of a less frequent report */
	FLAG_BACKWARDS = 1 << 2, /* year to date below the previous figure: review */
	FLAG_JUMP = 1 << 3,      /* jump_factor times the previous, or below 1/x: review */
	FLAG_GAP = 1 << 4,       /* a per-period figure is missing: no year to date */
	FLAG_NOT_DUE = 1 << 5,   /* nothing due yet (a quarterly figure in February) */
	FLAG_NO_BASE = 1 << 6,   /* the figure compared with (last year, another) is missing */
	FLAG_LATE = 1 << 7,      /* a task done after its deadline */
	FLAG_OVERDUE = 1 << 8,   /* a task past its deadline and not done */
	FLAG_EARLIER_GAP = 1 << 9, /* counted across a plan's years: an earlier
				    * year's figure is missing, so no total */
};

_Static_assert(FLAG_EARLIER_GAP < 1 << 16, "item flags are kept in 16 bits");

/* Flags that ask a person to check the figure. */
#define FLAGS_REVIEW (FLAG_BACKWARDS | FLAG_JUMP)

/* One unit on one indicator. A million of these at province scale: the
 * doubles first, small fields packed, and nothing kept that the plan, the
 * period and the board's weights already say (see item_progress,
 * item_target_high, item_weight), nor how the figure moved (item_trend). */
struct item {
	double actual;          /* as scored: year to date (plus base), growth in %,
				 * a derived value; NAN when not reported */
	double reported;        /* the figure as reported (year to date); NAN */
	double target;          /* NAN when unknown (relative: not reported) */
	double completion;      /* NAN when the rules gave none */
	double score;
	int indicator;
	uint32_t assignment;    /* index into plan.assignments */
	int done_on;            /* tasks: yyyymmdd when done, else 0 */
	uint16_t flags;         /* enum item_flag */
	uint8_t status;         /* enum item_status */
	uint8_t light;          /* enum light */
	uint8_t as_of;          /* month of the figure used; 0 when none */
	text_ref reason;
	text_ref note;          /* reported with the figure */
	text_ref error;         /* a rule failed: its message */
};

/* How an item's figure moved, which scorecards shown in full say: kept
 * beside the items, for every one of them or for the unit being scored
 * only (see enum board_use). */
struct item_trend {
	double increment;       /* since the previous reporting point; NAN */
	double last_year;       /* growth: the same point a year before; NAN */
	double jump;            /* FLAG_JUMP: the ratio to the previous figure */
};

/* A bonus or deduction item (加分项/扣分项) within the period scored. */
struct board_adjustment {
	int unit;
	struct period period;
	double points;          /* + bonus, - deduction, as reported */
	text_ref reason, source;
};

/* One unit's scorecard. */
struct card {
	int unit;
	size_t first, count;    /* its items: board.items[first .. first + count) */
	double score, weight;   /* sums over its items */
	double total;           /* the rules' total plus the adjustment */
	double base_total;      /* the rules' total (the rule 'total') */
	double adjustment;      /* points the rule 'adjust' gave for its items */
	text_ref adjustment_reason;
	size_t first_adjustment; /* its items: board.adjustments[first_adjustment
				  * .. + nadjustments) */
	int nadjustments;
	int rank, group_size;   /* rank 0: not ranked (a rule failed, or
				 * nothing was due) */
	int lights[LIGHTS_MAX + 1]; /* items by light (board.lights); [0] unused */
	int missing;
	int review;             /* items whose figures should be checked */
	int sample;             /* items whose figures are sample data (the
				 * note 样例数据, see item_on_sample) */
	bool reported;          /* an item has a figure (as_of): the unit has
				 * reported something by the period's end */
	int scored;             /* items the rules scored; 0: no total, no rank */
	enum verdict verdict;
	text_ref verdict_reason;
	text_ref veto;          /* a commendation the binding indicators vetoed */
	int failed_items;       /* items whose rules failed */
	text_ref error;         /* a unit-level rule (total, verdicts) failed */
	bool verdict_failed;    /* the error is a verdict rule's (commend,
				 * red_light, veto): the total stands, but the
				 * unit has no rank and no verdict */
};

/* Whether a card could not be scored: one of its rules failed. */
bool card_failed(const struct card *c);
/* Whether a card has a total, a rank and a verdict: it did not fail and
 * something on it was due and scored. */
bool card_ranked(const struct card *c);
/* Whether a card has a total: something on it was scored, and neither an
 * item's rule nor the total's failed (a verdict rule may have). */
bool card_has_total(const struct card *c);

struct board {
	const struct plan *plan;
	struct period period;
	double progress;        /* time progress at the period's end */
	struct card *cards;     /* one per unit, in plan order */
	size_t ncards;
	struct item *items;     /* one per plan assignment, in plan order */
	size_t nitems;
	struct item_trend *trends; /* by item, from trends_first (NULL on a
				    * snapshot) */
	size_t trends_first, ntrends;
	double *weights;        /* by indicator, as the rules weigh them; NAN for
				 * indicators not scored */
	struct light_set lights; /* the rules' lights */
	struct verdict_lines lines; /* the rules' verdict lines */
	size_t nerrors;         /* items and cards whose rules failed */
	struct board_adjustment *adjustments; /* by unit, then period */
	size_t nadjustments;
	struct sbuf pool;
	/* Appends the reason of an item whose reason is REASON_DEFERRED: the
	 * standard library's, written when it is read rather than held for
	 * each of a province's million items. NULL: such a reason reads ""
	 * (a ranking's). It reads the board only. */
	void (*deferred_reason)(const struct board *b, const struct item *it, struct sbuf *out);
	/* NULL: the board holds every unit's items. Else it holds those of
	 * a window of units only, and card_items fills the window anew
	 * when a card outside it is read (a province's items are never held
	 * at once). */
	struct board_window *window;
};

/* The units whose items a board holds: those of window `current`, by
 * each peer group's window (of_group: whole groups each). fill makes the
 * window one that holds unit's items (scoring them again from the
 * figures: the scorer's, see score/score.c); release lets go of what fill
 * needs, with the board. What the scorer keeps follows it. */
struct board_window {
	const size_t *of_group;
	size_t current;
	void (*fill)(struct board_window *w, int unit);
	void (*release)(struct board_window *w);
};

/* The card's items: c->count of them, from board.items[c->first]. A
 * windowed board's card items are valid until another card outside the
 * window is read. */
static inline const struct item *card_items(const struct board *b, const struct card *c)
{
	struct board_window *w = b->window;
	if (w && w->of_group[b->plan->units[c->unit].group] != w->current)
		w->fill(w, c->unit);
	return &b->items[c->first];
}
/* The item of plan assignment a, as card_items gives it. */
const struct item *board_item(const struct board *b, size_t a);

/* A card's bonus and deduction items: c->nadjustments of them. */
static inline const struct board_adjustment *card_adjustments(const struct board *b,
							      const struct card *c)
{
	return &b->adjustments[c->first_adjustment];
}

/* What a board is for, which says what it keeps. */
enum board_use {
	BOARD_SHOWN,            /* scorecards shown in full: every item's trend */
	BOARD_RANKED,           /* totals, ranks and verdicts: the trends of the
				 * unit being scored only (board_focus) */
	BOARD_FEW_UNITS,        /* the same for a board that scores a few units
				 * (a what-if's peer groups): its memory is
				 * touched where they are, and nowhere else */
	BOARD_FEW_SHOWN,        /* a board of a few units shown in full (explain's
				 * peer group): every item's trend, its memory
				 * touched where they are */
	BOARD_BY_GROUP = 8,     /* with BOARD_SHOWN or BOARD_RANKED: the items
				 * are held a peer group at a time (see
				 * board_forget_units) */
};

void board_init(struct board *b, const struct plan *plan, const struct period *period,
		enum board_use use);
/* The card whose items are scored next: a board that keeps one unit's
 * trends keeps its from now on. */
void board_focus(struct board *b, const struct card *c);
/* How the item's figure moved: the board must keep its trend (every one
 * of a BOARD_SHOWN, the focused unit's of the others; a reader that asks
 * for another ends the process rather than read another item's). */
static inline struct item_trend *item_trend(const struct board *b, const struct item *it)
{
	size_t k = it->assignment - b->trends_first;
	assert(it->assignment >= b->trends_first && k < b->ntrends);
	return &b->trends[k];
}
void board_release(struct board *b);
/* Lets go of the items (and their trends) of the n units listed in plan
 * order, which a board made with BOARD_BY_GROUP holds no longer: a reader
 * gets them back through the window (card_items). */
void board_forget_units(struct board *b, const size_t *units, size_t n);
/* dst becomes a copy of src's cards with the items of the units marked in
 * units[] only (board_release it): the other cards keep their totals,
 * ranks and verdicts, and no items (count 0); it keeps no trends. What a
 * what-if compares. */
void board_snapshot(struct board *dst, const struct board *src, const bool *units);
text_ref board_text_add(struct board *b, const char *s, size_t len);
/* "" for 0 and for a reason still deferred. */
const char *board_text(const struct board *b, text_ref ref);
/* Appends the item's reason: its text, or the one the board writes for
 * it now when it was deferred (board.deferred_reason). */
void item_reason_add(const struct board *b, const struct item *it, struct sbuf *out);

/* A total as ranks and verdicts compare it: rounded to two decimals. */
double board_rank_value(double total);

/* What an item's plan assignment and the period say of it: the share of
 * the annual target expected by the month of its figure (by the period's
 * end when it has none or is derived), and a band's high end (NAN
 * otherwise). */
double item_progress(const struct board *b, const struct item *it);
double item_target_high(const struct board *b, const struct item *it);
/* The item's weight: the board's for its indicator. */
double item_weight(const struct board *b, const struct item *it);

/* "green", "yellow", "red": the standard library's name of a role. */
static inline const char *light_role_name(enum light role)
{
	return role >= LIGHT_GREEN && role <= LIGHT_RED ? default_lights.names[role - 1] : "";
}
/* The name of light (a place in b's set), "" for none. */
const char *light_name(const struct board *b, int light);
/* How many of the card's items have the red light (the set's last). */
static inline int card_red(const struct board *b, const struct card *c)
{
	return c->lights[b->lights.n];
}
/* Whether the item's figure is sample data: its note says 样例数据
 * (plans/data/README.md). */
bool item_on_sample(const struct board *b, const struct item *it);
/* "scored", "not_due", "supporting", "shown". */
const char *item_status_name(enum item_status status);
/* What came of an item: its light when scored, else its status; "error"
 * when its rules failed. */
const char *item_outcome(const struct board *b, const struct item *it);
/* The flags as words, "carried backwards", for CSV and JSON; out is reset. */
void item_flag_words(unsigned flags, struct sbuf *out);
/* "none", "commendation", "red_light": the code tools read (marked in the
 * context "verdict code" for a reader: tr_in("verdict code", name)). */
const char *verdict_name(enum verdict verdict);

#endif
