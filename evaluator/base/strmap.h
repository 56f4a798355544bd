/* strmap: an open-addressing hash map from borrowed strings to ints, for
 * looking up units and indicators by id or name in constant time. */
#ifndef ASSAY_STRMAP_H
#define ASSAY_STRMAP_H

#include <stddef.h>

struct strmap {
	const char **keys; /* borrowed: must outlive the map */
	int *values;
	size_t cap, count;
};

/* Adds key -> value; returns the existing value instead if key is there. */
int strmap_put(struct strmap *m, const char *key, int value);
/* The value for key, or -1. */
int strmap_get(const struct strmap *m, const char *key);
void strmap_release(struct strmap *m);

#endif
