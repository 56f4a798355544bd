/* Sample data: figures made up to try assay out carry the note 样例数据
 * (plans/data/README.md), and every result that rests on one says so, so
 * that invented figures are never read as a unit's real standing: a
 * banner over reports, summaries and rankings, a mark on verdicts, a
 * column in the ranking's CSV. */
#include <string.h>

#include "lang.h"
#include "render.h"

bool render_card_on_sample(const struct board *b, const struct card *c)
{
	(void)b;
	return c->sample > 0;
}

size_t render_sample_figures(const struct board *b)
{
	size_t n = 0;
	for (size_t u = 0; u < b->ncards; u++)
		n += (size_t)b->cards[u].sample;
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
