/* What a report is the record of, as its head says: the plan's title,
 * issuer and document, the period, the saved run (its number, final or
 * draft) or a live draft saved nowhere, the date it was made and the
 * fingerprint of what it was scored from. Every format that has a head
 * (HTML, Markdown, xlsx) takes its rows from here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "mem.h"
#include "render.h"

const char *render_record_status(const struct report_record *rec)
{
	if (!rec->run)
		return _("live draft, not saved");
	return rec->final ? _("final") : _("draft");
}

void render_record_line(const struct report_record *rec, struct sbuf *out)
{
	if (rec->run)
		sbuf_addf(out, _("run %ld · %s"), rec->run, render_record_status(rec));
	else
		sbuf_add(out, render_record_status(rec));
	sbuf_addf(out, _(" · generated %s"), rec->generated);
	if (*rec->fingerprint)
		sbuf_addf(out, _(" · fingerprint %s"), rec->fingerprint);
}

static void add_row(struct report_head *h, const char *label, const char *text)
{
	h->label[h->n] = label;
	h->text[h->n++] = xstrdup(text);
}

void report_head_fill(struct report_head *h, const struct board *b,
		      const struct report_record *rec)
{
	const struct plan *p = b->plan;
	char period[PERIOD_TEXT], run[32];
	memset(h, 0, sizeof *h);
	add_row(h, _("Plan"), p->title);
	if (p->issuer && *p->issuer)
		add_row(h, _("Issued by"), p->issuer);
	if (p->source && *p->source)
		add_row(h, _("Document"), p->source);
	add_row(h, _("Period"), period_format(&b->period, period));
	add_row(h, _("Status"), render_record_status(rec));
	snprintf(run, sizeof run, "%ld", rec->run);
	add_row(h, _("Run"), rec->run ? run : "—");
	add_row(h, _("Generated"), rec->generated);
	add_row(h, _("Fingerprint"), *rec->fingerprint ? rec->fingerprint : "—");
}

void report_head_release(struct report_head *h)
{
	for (size_t k = 0; k < h->n; k++)
		free(h->text[k]);
	memset(h, 0, sizeof *h);
}
