/* What the fuzz harnesses share: the input written to a file, since the
 * loaders read files, as they do in use. */
#ifndef ASSAY_FUZZ_H
#define ASSAY_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Writes data to a scratch file named "input<ext>" (made once per
 * process) and returns its path. */
const char *fuzz_input_file(const uint8_t *data, size_t size, const char *ext);

#endif
