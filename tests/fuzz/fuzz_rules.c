/* realpath(3) is outside POSIX's base. */
#define _DEFAULT_SOURCE
/* The sandbox on any rule file: the bytes are compiled as the mini test
 * plan's rules (from the top of the checkout, where make fuzz runs) and,
 * when they load, June is scored from a store of its figures. Whatever
 * the rules do, assay must refuse or stop them with a message, never
 * crash, leak, read out of bounds or hang.
 *
 * Inputs that call the pattern functions (find, match, gmatch, gsub) are
 * left out: a pattern that backtracks for ages runs inside one C call,
 * which the watchdog can only end by ending the process, as it is meant
 * to (tests/e2e/t_sandbox.sh proves it). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "host.h"
#include "path.h"
#include "plan.h"
#include "sbuf.h"
#include "score.h"
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct plan plan;
static struct store *store;

static const struct store_figure june[] = {
	{"commerce", "trade", "2023-06", 7000, "", "fuzz", 0},
	{"commerce", "stores", "2023-06", 5, "", "fuzz", 0},
	{"science", "trade", "2023-06", 7000, "", "fuzz", 0},
	{"finance", "trade", "2023-06", 3500, "", "fuzz", 0},
	{"wuma", "stores", "2023-06", 3, "", "fuzz", 0},
	{"wuma", "energy", "2023-06", 0.4, "", "fuzz", 0},
	{"wuma", "events", "2023-06", 30, "", "fuzz", 0},
};

static size_t next_figures(void *ctx, struct store_figure *buf, size_t cap)
{
	size_t *given = ctx, n = sizeof june / sizeof *june - *given;
	if (n > cap)
		n = cap;
	memcpy(buf, june + *given, n * sizeof *buf);
	*given += n;
	return n;
}

/* The mini plan beside the input, its rules the input; a store of June's
 * figures; the standard library of the checkout. */
static void setup(const char *input)
{
	struct sbuf mini = {0}, text = {0};
	diag_t d;
	static const struct file_bound bound = {"plan", (size_t)1 << 20, NULL};
	if (sbuf_read_file(&mini, "tests/e2e/fixtures/mini.yaml", &bound, &d) != 0)
		abort();
	const char *own = "rules: mini.lua\n", *at = strstr(sbuf_str(&mini), own);
	if (!at)
		abort();
	sbuf_addn(&text, mini.s, (size_t)(at - mini.s));
	sbuf_addf(&text, "rules: %s\n%s", path_basename(input), at + strlen(own));
	char *dir = path_dirname(input), *plan_path = path_join(dir, "plan.yaml");
	char *db = path_join(dir, "assay.db");
	FILE *f = fopen(plan_path, "w");
	if (!f || fputs(sbuf_str(&text), f) < 0 || fclose(f) != 0)
		abort();
	if (!getenv("ASSAY_RULES_LIB")) {
		char *lib = realpath("rules/lib", NULL);
		if (!lib)
			abort();
		setenv("ASSAY_RULES_LIB", lib, 1);
		free(lib);
	}
	size_t given = 0;
	struct import_counts counts;
	if (plan_load(&plan, plan_path, &d) != 0 || store_open(&store, db, STORE_WRITE, &d) != 0 ||
	    store_import(store, plan.id, "fuzz", next_figures, &given, NULL, 0, &counts, &d) != 0) {
		fprintf(stderr, "%s\n", d.text);
		abort();
	}
	sbuf_release(&mini);
	sbuf_release(&text);
	free(dir);
	free(plan_path);
	free(db);
}

static bool calls_patterns(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"find", "match", "gsub"};
	for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
		size_t n = strlen(names[k]);
		for (size_t i = 0; i + n <= size; i++)
			if (memcmp(data + i, names[k], n) == 0)
				return true;
	}
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (calls_patterns(data, size))
		return -1;
	const char *input = fuzz_input_file(data, size, ".lua");
	if (!store)
		setup(input);
	struct host_limits limits = {1000000, 32u << 20, 1, 10, 1u << 20};
	struct period june_2023 = {2023, PERIOD_MONTH, 6};
	struct host *host;
	diag_t d;
	if (host_open_for(&host, &plan, &june_2023, &limits, &d) != 0)
		return 0;
	struct score_request rq = {.plan = &plan, .host = host, .store = store,
				   .period = june_2023, .shown = true};
	struct board b;
	if (score_period(&rq, &b, &d) == 0)
		board_release(&b);
	host_close(host);
	return 0;
}
