/* The period parser on any text: what it accepts must print back as text
 * that parses to the same period. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "period.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	struct period p, again;
	char buf[PERIOD_TEXT];
	if (period_parse(text, &p) == 0 &&
	    (period_parse(period_format(&p, buf), &again) != 0 || !period_equal(&p, &again)))
		abort();
	free(text);
	return 0;
}
