#include "run.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void run_add_escaped(struct sbuf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\\')
			sbuf_add(b, "\\\\");
		else if (*s == '\t')
			sbuf_add(b, "\\t");
		else if (*s == '\n')
			sbuf_add(b, "\\n");
		else if (*s == '\r')
			sbuf_add(b, "\\r");
		else
			sbuf_addc(b, *s);
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

int run_figure_next(char **cursor, struct run_figure *f)
{
	char *line = *cursor, *end = strchr(line, '\n');
	if (!*line)
		return 0;
	if (end)
		*end = '\0';
	*cursor = end ? end + 1 : line + strlen(line);
	const char **fields[6] = {&f->kind, &f->period, &f->unit, &f->key, &f->value, &f->text};
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
			 r->plan_file, r->rules, r->params, r->figures, r->table, r->csv, r->json};
	for (size_t k = 0; k < sizeof texts / sizeof *texts; k++)
		free(texts[k]);
	free(r->units);
	free(r->items);
	memset(r, 0, sizeof *r);
}

const char *run_status(const struct run *r)
{
	return r->final ? "final" : "draft";
}

void run_standing(const struct run *r, struct sbuf *out)
{
	sbuf_reset(out);
	sbuf_add(out, run_status(r));
	if (r->supersedes)
		sbuf_addf(out, ", supersedes run %ld", r->supersedes);
	if (r->superseded_by)
		sbuf_addf(out, ", superseded by run %ld", r->superseded_by);
}
