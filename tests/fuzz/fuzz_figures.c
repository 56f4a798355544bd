#include "fuzz_figures.h"

#include <stdlib.h>

#include "figures.h"
#include "fuzz.h"

/* The plan figures are checked against: $ASSAY_FUZZ_PLAN, else the mini
 * test plan from the top of the checkout (where make fuzz runs). */
static const struct plan *fuzz_plan(void)
{
	static struct plan plan;
	static int loaded;
	if (!loaded) {
		const char *path = getenv("ASSAY_FUZZ_PLAN");
		diag_t d;
		if (plan_load(&plan, path ? path : "tests/e2e/fixtures/mini.yaml", &d) != 0)
			abort();
		loaded = 1;
	}
	return &plan;
}

void fuzz_figures(const uint8_t *data, size_t size, const char *ext)
{
	const struct plan *plan = fuzz_plan();
	struct figure_list list = {0};
	diag_t d;
	if (figures_read_file(&list, plan, fuzz_input_file(data, size, ext), &d) == 0)
		figures_check_duplicates(&list, plan, &d);
	figure_list_release(&list);
}
