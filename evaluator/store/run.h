/* run: a scoring run as it is saved (assay score --save). What it was
 * scored from: the plan file, every rule file loaded, the parameters and
 * the exact figures, each with its SHA-256 fingerprint. What it gave: the
 * scorecards as score printed them (table, CSV, JSON; compressed, see
 * packed.h) and a summary of every unit and item, which diff and verify
 * compare. The store saves and loads it; runs/run_fill.c fills one from a
 * scored board. */
#ifndef ASSAY_RUN_H
#define ASSAY_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "fingerprint.h"
#include "lang.h"
#include "packed.h"
#include "sbuf.h"

/* The forms of the scorecards a run keeps, as score prints them. */
enum run_form { RUN_TABLE, RUN_CSV, RUN_JSON, RUN_FORMS };
/* The run's packed texts, as the store keeps them (a column each); the
 * scorecards' by form at RUN_TEXT_SCORECARDS + form. */
enum run_text {
	RUN_TEXT_FIGURES,
	RUN_TEXT_SCORECARDS,
	RUN_TEXT_ITEMS = RUN_TEXT_SCORECARDS + RUN_FORMS,
	RUN_TEXT_FILES,
	RUN_TEXTS
};

/* A unit's standing. */
struct run_unit {
	char *unit, *name, *group;      /* id, name, peer group's name */
	double total;                   /* NAN when not ranked */
	int rank;                       /* 0: not ranked */
	char *verdict;                  /* commendation, red_light, none; "" when not ranked */
};

/* One unit on one indicator. */
struct run_item {
	char *unit, *indicator, *name;  /* ids, the indicator's name */
	char *actual;                   /* as shown: 7000, +8.00%, 2023-05-30; "" when none */
	double score;                   /* NAN when not scored */
	char *light;                    /* green, yellow, red; not_due, supporting, shown, error */
};

struct run {
	long id;                        /* 0 until saved */
	char *plan, *title, *period;    /* the plan's id and title */
	char *saved_at, *user;          /* "2023-10-05T09:12:03Z", who saved it */
	bool final;
	long supersedes;                /* the final run this one replaces; 0 */
	long superseded_by;             /* the run that replaced this one; 0 */
	char *reason;                   /* why it supersedes another; "" */
	char *plan_file;                /* as given */
	char plan_sha256[FINGERPRINT_HEX];
	char *rules;                    /* "<sha256>  <path>\n" per rule file, by path */
	char rules_sha256[FINGERPRINT_HEX];
	char *params;                   /* "name=value\n" per parameter, by name */
	char params_sha256[FINGERPRINT_HEX];
	/* One line per figure, "figure\tPERIOD\tUNIT\tINDICATOR\tVALUE\tNOTE\n",
	 * and per bonus or deduction item, "adjustment\tPERIOD\tUNIT\tREASON\t
	 * POINTS\tSOURCE\n", sorted, so that the order figures were imported
	 * or read in does not change it (tabs, newlines and backslashes in
	 * the text are written \t, \n and \\). */
	char *figures;
	char figures_sha256[FINGERPRINT_HEX];
	struct packed packed_figures;   /* the same packed; see packed_items */
	/* The scorecards as printed, by form, packed as run_fill renders
	 * them; store_load_run leaves them out (store_load_scorecards reads
	 * one). */
	struct packed scorecards[RUN_FORMS];
	struct run_unit *units;         /* in plan order */
	size_t nunits;
	struct run_item *items;         /* in plan order */
	size_t nitems;
	/* The items as the store keeps them, a line each (run_add_item),
	 * packed. run_fill makes the figures and the items packed, straight
	 * from what was scored, so that a province's million of each are not
	 * held one by one to be saved; run_unpack reads them back into
	 * figures and items. */
	struct packed packed_items;
	/* The texts of the files it was scored from, as file_texts_bundle
	 * gives them (the plan file first), packed; empty (size 0) for a run
	 * saved before schema 7, which kept only their fingerprints. */
	struct packed packed_files;
};

void run_release(struct run *r);
/* Appends s with tabs, newlines and backslashes escaped (as run.figures
 * keeps text), so that a line holds one record and a tab ends a field. */
void run_add_escaped(struct sbuf *b, const char *s);

/* The run's texts, as a message names them (translated by run_damaged). */
#define RUN_FIGURES_TEXT NC_("run text", "figures")
#define RUN_ITEMS_TEXT NC_("run text", "items")
#define RUN_SCORECARDS_TEXT NC_("run text", "scorecards")
/* d's message about a packed text, said of the run's text `what` (one of
 * RUN_*_TEXT); -1. */
int run_damaged(const struct run *r, const char *what, diag_t *d);
/* Appends the item's line to the packed items: its unit, indicator,
 * name, actual, score (exactly, "" when NAN) and light, escaped and
 * separated by tabs. */
void run_add_item(struct packer *p, const struct run_item *it, struct sbuf *scratch);
/* r->figures and r->items from their packed forms, where r has them
 * (which are released); -1 with d set when they are damaged. */
int run_unpack(struct run *r, diag_t *d);
/* r->figures only, the items left packed (what a report of the run reads:
 * a province's million items unpacked would be hundreds of megabytes).
 * The figures stay packed too (run_unpack as well). */
int run_unpack_figures(struct run *r, diag_t *d);
/* The SHA-256 of the scorecards in one form (loaded:
 * store_load_scorecards); -1 with d set when they are damaged. */
int run_scorecards_fingerprint(const struct run *r, int form, char out[FINGERPRINT_HEX],
			       diag_t *d);
/* The scorecards handed to take a piece at a time (a province's are too
 * long to hold), which may have handed on some of a damaged text before
 * the damage is seen: run_scorecards_check reads them through first, so
 * that nothing of a damaged text is printed. 0, or -1 with d set. */
int run_scorecards_check(const struct run *r, int form, diag_t *d);
int run_scorecards_each(const struct run *r, int form,
			void (*take)(void *ctx, const char *s, size_t n), void *ctx, diag_t *d);

/* One line of run.figures, split; the strings point into `line`, which
 * run_figure_split unescapes in place. */
struct run_figure {
	const char *kind, *period, *unit, *key, *value, *text;
};
/* Splits the line starting at *cursor and moves *cursor past it; 0 at the
 * end of the text. */
int run_figure_next(char **cursor, struct run_figure *f);

/* How many figures and bonus or deduction items the run was scored from. */
void run_count_figures(const struct run *r, size_t *figures, size_t *adjustments);

/* The run's fingerprint: the SHA-256 of the four of what it was scored
 * from (plan file, rule files, parameters, figures), one for a report's
 * head to show in short. */
void run_fingerprint(const struct run *r, char out[FINGERPRINT_HEX]);

/* "final", "draft" (English, marked: _() translates it for a reader). */
const char *run_status(const struct run *r);
/* "final, supersedes run 2, superseded by run 5" in the reader's language;
 * out is reset. */
void run_standing(const struct run *r, struct sbuf *out);

#endif
