/* Sample data: figures made up to try assay out carry the note 样例数据
 * (plans/data/README.md), and every result that rests on one says so, so
 * that invented figures are never read as a unit's real standing: a
 * banner over reports, summaries and rankings, a mark on verdicts, a
 * column in the ranking's CSV. */
#include <string.h>

#include "lang.h"
#include "render.h"

/* The note that marks a figure as sample data. */
static const char sample_note[] = "样例数据";

static bool item_on_sample(const struct board *b, const struct item *it)
{
	return it->note && strstr(board_text(b, it->note), sample_note) != NULL;
}

bool render_card_on_sample(const struct board *b, const struct card *c)
{
	for (size_t k = c->first; k < c->first + c->count; k++)
		if (item_on_sample(b, &b->items[k]))
			return true;
	return false;
}

size_t render_sample_figures(const struct board *b)
{
	size_t n = 0;
	for (size_t k = 0; k < b->nitems; k++)
		n += item_on_sample(b, &b->items[k]);
	return n;
}

bool render_sample_banner(const struct board *b, struct sbuf *out)
{
	size_t n = render_sample_figures(b);
	if (!n)
		return false;
	sbuf_addf(out, _("SAMPLE DATA: %zu of the figures behind these results are marked as sample "
			 "data (样例数据), not reported by the units; do not publish them as an "
			 "assessment."), n);
	return true;
}

void render_sample_mark(const struct board *b, const struct card *c, struct sbuf *out)
{
	if (render_card_on_sample(b, c))
		sbuf_add(out, _(" (on sample data)"));
}
