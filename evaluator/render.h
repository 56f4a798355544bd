/* render: scorecards as text. Each format reads the board only: no store,
 * no Lua. `unit` limits the scorecards to one unit (-1: all). */
#ifndef ASSAY_RENDER_H
#define ASSAY_RENDER_H

#include "scorecard.h"
#include "text.h"

void render_table(const struct board *b, int unit, struct sbuf *out);
void render_csv(const struct board *b, int unit, struct sbuf *out);
void render_json(const struct board *b, int unit, struct sbuf *out);

/* Shared by the formats. */
const char *render_actual(char *buf, size_t size, double actual);
const char *render_percent(char *buf, size_t size, double ratio);

#endif
