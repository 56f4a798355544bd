#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fuzz.h"

const char *fuzz_input_file(const uint8_t *data, size_t size, const char *ext)
{
	static char dir[] = "/tmp/assay-fuzz-XXXXXX";
	static char path[64];
	if (!path[0] && !mkdtemp(dir))
		abort();
	snprintf(path, sizeof path, "%s/input%s", dir, ext);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	return path;
}
