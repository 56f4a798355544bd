#include "run.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "numbers.h"

void run_add_escaped(struct sbuf *b, const char *s)
{
	while (s && *s) {
		size_t plain = strcspn(s, "\\\t\n\r");
		sbuf_addn(b, s, plain);
		s += plain;
		if (!*s)
			break;
		sbuf_add(b, *s == '\\' ? "\\\\" : *s == '\t' ? "\\t" : *s == '\n' ? "\\n" : "\\r");
		s++;
	}
}

static void unescape(char *s)
{
	char *out = s;
	for (; *s; s++) {
		if (*s != '\\' || !s[1]) {
			*out++ = *s;
			continue;
		}
		s++;
		*out++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s;
	}
	*out = '\0';
}

/* Splits the line at *cursor into six fields, unescaped in place, and
 * moves *cursor past it; 0 at the end of the text. */
static int next_line(char **cursor, const char **fields[6])
{
	char *line = *cursor, *end = strchr(line, '\n');
	if (!*line)
		return 0;
	if (end)
		*end = '\0';
	*cursor = end ? end + 1 : line + strlen(line);
	for (int k = 0; k < 6; k++) {
		char *tab = strchr(line, '\t');
		if (tab && k < 5)
			*tab = '\0';
		unescape(line);
		*fields[k] = line;
		line = tab && k < 5 ? tab + 1 : line + strlen(line);
	}
	return 1;
}

int run_figure_next(char **cursor, struct run_figure *f)
{
	const char **fields[6] = {&f->kind, &f->period, &f->unit, &f->key, &f->value, &f->text};
	return next_line(cursor, fields);
}

/* The number as few digits as read back the same: 3.21, not
 * 3.2099999999999999. */
static void add_exact(struct sbuf *b, double v)
{
	char num[32];
	sbuf_add(b, format_exact(num, sizeof num, v));
}

void run_add_item(struct packer *p, const struct run_item *it, struct sbuf *scratch)
{
	const char *const fields[6] = {it->unit, it->indicator, it->name, it->actual, NULL,
				       it->light};
	sbuf_reset(scratch);
	for (int k = 0; k < 6; k++) {
		if (k)
			sbuf_addc(scratch, '\t');
		if (k != 4)
			run_add_escaped(scratch, fields[k]);
		else if (!isnan(it->score))
			add_exact(scratch, it->score);
	}
	sbuf_addc(scratch, '\n');
	packer_add(p, scratch->s, scratch->len);
}

int run_damaged(const struct run *r, const char *what, diag_t *d)
{
	char why[sizeof d->text];
	snprintf(why, sizeof why, "%s", d->text);
	return fail(d, _("run %ld: its %s cannot be read: %s"), r->id, tr_in("run text", what), why);
}

static int unpack_figures(struct run *r, diag_t *d)
{
	struct sbuf text = {0};
	if (packed_unpack(&r->packed_figures, &text, d) != 0) {
		sbuf_release(&text);
		return run_damaged(r, RUN_FIGURES_TEXT, d);
	}
	free(r->figures);
	r->figures = text.s ? sbuf_detach(&text) : xstrdup("");
	return 0;
}

static int unpack_items(struct run *r, diag_t *d)
{
	struct sbuf text = {0};
	int rc = packed_unpack(&r->packed_items, &text, d);
	packed_release(&r->packed_items);
	const char *f[6];
	const char **fields[6] = {&f[0], &f[1], &f[2], &f[3], &f[4], &f[5]};
	size_t lines = 0;
	for (size_t k = 0; k < text.len; k++)
		lines += text.s[k] == '\n';
	r->items = xrealloc(r->items, (r->nitems + lines + 1) * sizeof *r->items);
	for (char *cursor = text.s; rc == 0 && cursor && next_line(&cursor, fields);) {
		r->items[r->nitems++] = (struct run_item){
			xstrdup(f[0]), xstrdup(f[1]), xstrdup(f[2]), xstrdup(f[3]),
			*f[4] ? strtod(f[4], NULL) : NAN, xstrdup(f[5])};
	}
	sbuf_release(&text);
	return rc == 0 ? 0 : run_damaged(r, RUN_ITEMS_TEXT, d);
}

int run_scorecards_check(const struct run *r, int form, diag_t *d)
{
	return packed_check(&r->scorecards[form], d) == 0 ? 0
	       : run_damaged(r, RUN_SCORECARDS_TEXT, d);
}

int run_scorecards_each(const struct run *r, int form,
			void (*take)(void *ctx, const char *s, size_t n), void *ctx, diag_t *d)
{
	return packed_each(&r->scorecards[form], take, ctx, d) == 0 ? 0
	       : run_damaged(r, RUN_SCORECARDS_TEXT, d);
}

int run_scorecards_fingerprint(const struct run *r, int form, char out[FINGERPRINT_HEX],
			       diag_t *d)
{
	return packed_fingerprint(&r->scorecards[form], out, d) == 0 ? 0
	       : run_damaged(r, RUN_SCORECARDS_TEXT, d);
}

int run_unpack_figures(struct run *r, diag_t *d)
{
	return r->packed_figures.bytes ? unpack_figures(r, d) : 0;
}

int run_unpack(struct run *r, diag_t *d)
{
	if (run_unpack_figures(r, d) != 0)
		return -1;
	return r->packed_items.bytes ? unpack_items(r, d) : 0;
}

void run_count_figures(const struct run *r, size_t *figures, size_t *adjustments)
{
	*figures = *adjustments = 0;
	for (const char *line = r->figures; line && *line;) {
		if (strncmp(line, "figure\t", 7) == 0)
			(*figures)++;
		else
			(*adjustments)++;
		const char *end = strchr(line, '\n');
		line = end ? end + 1 : line + strlen(line);
	}
}

void run_release(struct run *r)
{
	for (size_t k = 0; k < r->nunits; k++) {
		struct run_unit *u = &r->units[k];
		free(u->unit);
		free(u->name);
		free(u->group);
		free(u->verdict);
	}
	for (size_t k = 0; k < r->nitems; k++) {
		struct run_item *it = &r->items[k];
		free(it->unit);
		free(it->indicator);
		free(it->name);
		free(it->actual);
		free(it->light);
	}
	char *texts[] = {r->plan,  r->title, r->period, r->saved_at, r->user,  r->reason,
			 r->plan_file, r->rules, r->params, r->figures};
	for (size_t k = 0; k < sizeof texts / sizeof *texts; k++)
		free(texts[k]);
	for (int k = 0; k < RUN_FORMS; k++)
		packed_release(&r->scorecards[k]);
	packed_release(&r->packed_figures);
	packed_release(&r->packed_items);
	packed_release(&r->packed_files);
	free(r->units);
	free(r->items);
	memset(r, 0, sizeof *r);
}

void run_fingerprint(const struct run *r, char out[FINGERPRINT_HEX])
{
	const char *const parts[] = {r->plan_sha256, r->rules_sha256, r->params_sha256,
				     r->figures_sha256};
	struct fingerprinter *f = fingerprint_begin();
	for (size_t k = 0; k < sizeof parts / sizeof *parts; k++) {
		fingerprint_add(f, parts[k], strlen(parts[k]));
		fingerprint_add(f, "\n", 1);
	}
	fingerprint_end(f, out);
}

const char *run_status(const struct run *r)
{
	return r->final ? N_("final") : N_("draft");
}

void run_standing(const struct run *r, struct sbuf *out)
{
	sbuf_reset(out);
	sbuf_add(out, _(run_status(r)));
	if (r->supersedes)
		sbuf_addf(out, _(", supersedes run %ld"), r->supersedes);
	if (r->superseded_by)
		sbuf_addf(out, _(", superseded by run %ld"), r->superseded_by);
}
