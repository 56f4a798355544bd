#include "trend.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double trend_total(const struct trend *t, int unit, int month)
{
	return t->total[(size_t)unit * (size_t)t->months + (size_t)month - 1];
}

int trend_points(const struct trend *t, int unit)
{
	int n = 0;
	for (int m = 1; m <= t->months; m++)
		n += !isnan(trend_total(t, unit, m));
	return n;
}

void trend_release(struct trend *t)
{
	free(t->total);
	memset(t, 0, sizeof *t);
}
