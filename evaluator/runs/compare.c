#include "compare.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "numbers.h"

const struct run_unit *compare_find_unit(const struct run *r, const char *id, size_t hint)
{
	for (size_t k = 0; k < r->nunits; k++) {
		const struct run_unit *u = &r->units[(hint + k) % r->nunits];
		if (strcmp(u->unit, id) == 0)
			return u;
	}
	return NULL;
}

const struct run_item *compare_find_item(const struct run *r, const struct run_item *of,
					 size_t hint)
{
	for (size_t k = 0; k < r->nitems; k++) {
		const struct run_item *it = &r->items[(hint + k) % r->nitems];
		if (strcmp(it->unit, of->unit) == 0 && strcmp(it->indicator, of->indicator) == 0)
			return it;
	}
	return NULL;
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

const char *compare_total_text(const struct run_unit *u, char *buf, size_t size)
{
	if (u && u->failed)
		return "error";
	return u && !isnan(u->total) ? format_fixed(buf, size, u->total, 2) : "—";
}

const char *compare_rank_text(const struct run_unit *u, char *buf, size_t size)
{
	if (!u || !u->rank)
		return "—";
	snprintf(buf, size, "%d", u->rank);
	return buf;
}

const char *compare_verdict_text(const struct run_unit *u)
{
	return u && *u->verdict ? u->verdict : "—";
}

const char *compare_actual_text(const struct run_item *it)
{
	return it && *it->actual ? it->actual : "—";
}

const char *compare_score_text(const struct run_item *it, char *buf, size_t size)
{
	if (it && strcmp(it->light, "error") == 0)
		return "error";
	return it && !isnan(it->score) ? format_fixed(buf, size, it->score, 2) : "—";
}

bool compare_has_verdict(const struct run_unit *u, const char *verdict)
{
	return u && strcmp(u->verdict, verdict) == 0;
}

size_t compare_verdict_moves(const struct run *a, const struct run *b, const char *verdict,
			     compare_move_fn fn, void *ctx)
{
	size_t moves = 0;
	for (int side = 0; side < 2; side++) {
		const struct run *from = side ? a : b, *other = side ? b : a;
		for (size_t k = 0; k < from->nunits; k++) {
			const struct run_unit *u = &from->units[k];
			if (!compare_has_verdict(u, verdict) ||
			    compare_has_verdict(compare_find_unit(other, u->unit, k), verdict))
				continue;
			fn(ctx, u, side == 0);
			moves++;
		}
	}
	return moves;
}
