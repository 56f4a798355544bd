/* The hand-written C reference for `make bench`: the benchmark's rules over
 * in-memory arrays, reading the same targets and figures files that assay
 * reads, and writing the same ranking. It is the practical limit assay is
 * compared with; it checks nothing a real tool must check.
 *
 *   reference DIR MONTH > ranking.csv
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct unit {
	char id[16];
	int group;
	double total;
	int red, rank;
};

static struct unit *units;
static int nunits, nindicators;
static double *weights, *targets, *actuals;
static char *lower;

static char *slurp(const char *dir, const char *name, size_t *len)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(1);
	}
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	rewind(f);
	char *s = malloc(*len + 1);
	if (!s || fread(s, 1, *len, f) != *len)
		exit(1);
	s[*len] = 0;
	fclose(f);
	return s;
}

/* Units and indicators are numbered by their ids' digits: u000123 is 122. */
static int number_of(const char *s)
{
	while (*s < '0' || *s > '9')
		s++;
	return atoi(s) - 1;
}

static char *next_line(char *s)
{
	char *nl = strchr(s, '\n');
	return nl ? nl + 1 : s + strlen(s);
}

static void read_units(const char *dir)
{
	size_t len;
	char *s = slurp(dir, "units.csv", &len), *p = next_line(s);
	for (char *q = p; *q; q = next_line(q))
		nunits++;
	units = calloc((size_t)nunits, sizeof *units);
	for (int u = 0; *p; p = next_line(p), u++) {
		char *comma = strchr(p, ',');
		memcpy(units[u].id, p, (size_t)(comma - p));
		units[u].group = atoi(comma + 1);
	}
	free(s);
}

static void read_indicators(const char *dir)
{
	size_t len;
	char *s = slurp(dir, "indicators.csv", &len), *p = next_line(s);
	for (char *q = p; *q; q = next_line(q))
		nindicators++;
	weights = calloc((size_t)nindicators, sizeof *weights);
	lower = calloc((size_t)nindicators, 1);
	for (int i = 0; *p; p = next_line(p), i++) {
		char *dir_field = strchr(p, ',') + 1;
		lower[i] = strncmp(dir_field, "lower", 5) == 0;
		weights[i] = strtod(strchr(dir_field, ',') + 1, NULL);
	}
	free(s);
}

static void read_targets(const char *dir)
{
	size_t len;
	char *s = slurp(dir, "targets.csv", &len), *p = next_line(s);
	targets = malloc((size_t)nunits * (size_t)nindicators * sizeof *targets);
	for (; *p; p = next_line(p)) {
		int u = number_of(p);
		char *q = strchr(p, ',');
		for (int i = 0; i < nindicators; i++)
			targets[(size_t)u * (size_t)nindicators + (size_t)i] = strtod(q + 1, &q);
	}
	free(s);
}

static void read_figures(const char *dir)
{
	size_t len;
	char *s = slurp(dir, "figures.csv", &len), *p = next_line(s);
	actuals = malloc((size_t)nunits * (size_t)nindicators * sizeof *actuals);
	for (; *p; p = next_line(p)) {
		int u = number_of(p);
		char *ind = strchr(p, ',') + 1;
		int i = number_of(ind);
		char *value = strchr(strchr(ind, ',') + 1, ',') + 1;
		actuals[(size_t)u * (size_t)nindicators + (size_t)i] = strtod(value, NULL);
	}
	free(s);
}

static void score(int month)
{
	double progress = month / 12.0;
	for (int u = 0; u < nunits; u++) {
		for (int i = 0; i < nindicators; i++) {
			size_t k = (size_t)u * (size_t)nindicators + (size_t)i;
			double c = lower[i] ? targets[k] / actuals[k] : actuals[k] / targets[k];
			double share = (c - 0.6) / 0.4;
			share = share < 0 ? 0 : share > 1.2 ? 1.2 : share;
			units[u].total += weights[i] * share;
			/* behind time progress by more than 10 points, as std.round(x, 9) sees it */
			units[u].red += round((progress - c) * 1e9) / 1e9 > 0.10;
		}
		units[u].total = round(units[u].total * 100) / 100;
	}
}

static int by_group_total(const void *x, const void *y)
{
	const struct unit *a = *(struct unit *const *)x, *b = *(struct unit *const *)y;
	if (a->group != b->group)
		return a->group - b->group;
	if (a->total != b->total)
		return a->total > b->total ? -1 : 1;
	return strcmp(a->id, b->id);
}

static void rank_and_print(void)
{
	struct unit **order = malloc((size_t)nunits * sizeof *order);
	for (int u = 0; u < nunits; u++)
		order[u] = &units[u];
	qsort(order, (size_t)nunits, sizeof *order, by_group_total);
	printf("group,rank,unit,total,red,verdict\n");
	for (int k = 0, place = 0; k < nunits; k++) {
		struct unit *a = order[k], *before = k > 0 ? order[k - 1] : NULL;
		bool same_group = before && before->group == a->group;
		place = same_group ? place + 1 : 1;
		a->rank = same_group && before->total == a->total ? before->rank : place;
		const char *verdict = a->total >= 90 && a->red == 0 ? "commendation"
				      : a->red >= 3 || a->total < 60 ? "red_light" : "none";
		printf("%d,%d,%s,%.2f,%d,%s\n", a->group, a->rank, a->id, a->total, a->red, verdict);
	}
	free(order);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: reference DIR MONTH\n");
		return 2;
	}
	read_units(argv[1]);
	read_indicators(argv[1]);
	read_targets(argv[1]);
	read_figures(argv[1]);
	score(atoi(argv[2]));
	rank_and_print();
	free(units);
	free(weights);
	free(targets);
	free(actuals);
	free(lower);
	return 0;
}
