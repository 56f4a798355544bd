/* render: scorecards as text. Each format reads the board only: no store,
 * no Lua. `unit` limits the scorecards to one unit (-1: all). */
#ifndef ASSAY_RENDER_H
#define ASSAY_RENDER_H

#include "scorecard.h"
#include "text.h"

void render_table(const struct board *b, int unit, struct sbuf *out);
void render_csv(const struct board *b, int unit, struct sbuf *out);
void render_json(const struct board *b, int unit, struct sbuf *out);
/* The fields of an item's and of a card's JSON object (the card's without
 * its items), without the braces, for documents that add their own. */
void render_json_item_fields(const struct board *b, const struct item *it, struct sbuf *out);
void render_json_card_fields(const struct board *b, const struct card *c, struct sbuf *out);
/* Only the ranking: per peer group, rank, unit, total, lights, verdict. */
void render_ranking_table(const struct board *b, struct sbuf *out);
void render_ranking_csv(const struct board *b, struct sbuf *out);
/* A few lines: units scored, commended, red lights, the three highest totals. */
void render_summary(const struct board *b, struct sbuf *out);

/* Shared by the formats. */
const char *render_actual(char *buf, size_t size, double actual);
const char *render_percent(char *buf, size_t size, double ratio);
/* The figure as read: a number, a growth ("+2.5%"), a task's date done or
 * "in progress"; "" when not reported. */
const char *render_item_actual(const struct board *b, const struct item *it, char *buf,
			       size_t size);
/* The target: a number, or its form in symbols ("≈ 6", "by 2023-12-31");
 * out is reset. */
void render_item_target(const struct board *b, const struct item *it, struct sbuf *out);
/* What a reader should know besides the rule's reason: carried, review
 * flags, not due, supporting, the reported note, joined by " · "; out is
 * reset. */
void render_item_notes(const struct board *b, const struct item *it, struct sbuf *out);
/* The cards of a peer group into order (room for every card): ranked by
 * rank then plan order, unranked last; returns how many. */
size_t render_ranking_order(const struct board *b, size_t group, const struct card **order);

#endif
