#include "compare.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lang.h"
#include "numbers.h"

void standing_of_run(const struct run_unit *u, struct standing *out)
{
	*out = (struct standing){u->unit, u->name, u->group, u->total, u->rank, u->verdict, false};
}

void outcome_of_run(const struct run_item *it, struct outcome *out)
{
	*out = (struct outcome){it->unit, it->indicator, it->name, it->actual, it->score,
				it->light, NAN};
}

static void run_standing_at(const void *src, size_t k, struct standing *out)
{
	const struct run *r = src;
	standing_of_run(&r->units[k], out);
}

struct standings run_standings(const struct run *r)
{
	return (struct standings){r->nunits, run_standing_at, r};
}

size_t compare_find(const struct standings *s, const char *id, size_t hint)
{
	for (size_t k = 0; k < s->n; k++) {
		size_t at = (hint + k) % s->n;
		struct standing u;
		s->at(s->src, at, &u);
		if (strcmp(u.unit, id) == 0)
			return at;
	}
	return s->n;
}

void compare_cell(struct sbuf *out, const char *a, const char *b)
{
	sbuf_reset(out);
	sbuf_add(out, a);
	if (strcmp(a, b) != 0)
		sbuf_addf(out, " → %s", b);
}

bool compare_cell_changed(const struct sbuf *cell)
{
	return strstr(sbuf_str(cell), " → ") != NULL;
}

const char *compare_total_text(const struct standing *u, char *buf, size_t size)
{
	if (u && u->failed)
		return _("error");
	return u && !isnan(u->total) ? format_fixed(buf, size, u->total, 2) : "—";
}

const char *compare_rank_text(const struct standing *u, char *buf, size_t size)
{
	if (!u || !u->rank)
		return "—";
	snprintf(buf, size, "%d", u->rank);
	return buf;
}

const char *compare_verdict_text(const struct standing *u)
{
	return u && *u->verdict ? u->verdict : "—";
}

const char *compare_actual_text(const struct outcome *it)
{
	return it && *it->actual ? it->actual : "—";
}

const char *compare_score_text(const struct outcome *it, char *buf, size_t size)
{
	if (it && strcmp(it->light, "error") == 0)
		return _("error");
	return it && !isnan(it->score) ? format_fixed(buf, size, it->score, 2) : "—";
}

/* Whether unit k of s is on the verdict's list. */
static bool listed(const struct standings *s, size_t k, const char *verdict)
{
	struct standing u;
	if (k >= s->n)
		return false;
	s->at(s->src, k, &u);
	return strcmp(u.verdict, verdict) == 0;
}

size_t compare_verdict_moves(const struct standings *a, const struct standings *b,
			     const char *verdict, compare_move_fn fn, void *ctx)
{
	size_t moves = 0;
	for (int side = 0; side < 2; side++) {
		const struct standings *from = side ? a : b, *other = side ? b : a;
		for (size_t k = 0; k < from->n; k++) {
			struct standing u;
			if (!listed(from, k, verdict))
				continue;
			from->at(from->src, k, &u);
			if (listed(other, compare_find(other, u.unit, k), verdict))
				continue;
			fn(ctx, &u, side == 0);
			moves++;
		}
	}
	return moves;
}
