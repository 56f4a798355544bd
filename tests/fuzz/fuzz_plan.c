/* The plan loader on any bytes: it must refuse them with a message, never
 * crash, leak or read out of bounds. */
#include "fuzz.h"
#include "plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct plan plan;
	diag_t d;
	if (plan_load(&plan, fuzz_input_file(data, size, ".yaml"), &d) == 0)
		plan_release(&plan);
	return 0;
}
