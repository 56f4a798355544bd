/* encoding: files saved in another encoding than UTF-8 (GBK, GB18030,
 * UTF-16, ...) converted to UTF-8 with iconv. */
#ifndef ASSAY_ENCODING_H
#define ASSAY_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

#include "sbuf.h"

/* Whether name means UTF-8 itself, so that nothing needs converting. */
bool encoding_is_utf8(const char *name);
/* Whether iconv knows how to convert from name to UTF-8. */
bool encoding_known(const char *name);
/* Converts in[0..len) from encoding `from` to UTF-8, appending to out.
 * 0, or -1 at the first byte that is not valid in `from`: out then holds
 * the text converted up to that byte. */
int encoding_to_utf8(const char *from, const char *in, size_t len, struct sbuf *out);

#endif
