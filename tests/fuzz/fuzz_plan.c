/* The plan loader on any bytes: it must refuse them with a message, never
 * crash, leak or read out of bounds. */
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An empty rules.lua beside the input, so that seeds saying `rules:
 * rules.lua` get past the header into groups, units and indicators. */
static void ensure_rules_beside(const char *input)
{
	static int done;
	if (done++)
		return;
	char path[128];
	snprintf(path, sizeof path, "%.*s/rules.lua", (int)(strrchr(input, '/') - input), input);
	FILE *f = fopen(path, "w");
	if (f)
		fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct plan plan;
	diag_t d;
	const char *path = fuzz_input_file(data, size, ".yaml");
	ensure_rules_beside(path);
	if (plan_load(&plan, path, &d) == 0)
		plan_release(&plan);
	return 0;
}
