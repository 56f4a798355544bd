/* render_html: what the HTML report's files share: the page
 * (render_html.c) and its charts (render_chart.c). */
#ifndef ASSAY_RENDER_HTML_H
#define ASSAY_RENDER_HTML_H

#include "sbuf.h"
#include "scorecard.h"

struct trend;

/* Text as HTML: the five characters that mean something there escaped. */
void html_text(struct sbuf *out, const char *s);

/* The charts' part of the page's style sheet. */
extern const char html_chart_style[];
/* The ranking section: a legend, then a bar chart per peer group, every
 * group on one scale, with the rules' verdict lines. */
void html_ranking(const struct board *b, struct sbuf *out);
/* The unit's total month by month, when it has two months or more. */
void html_trend(const struct board *b, const struct trend *t, int unit, struct sbuf *out);

#endif
