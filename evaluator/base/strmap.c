#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

static uint64_t hash_string(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static size_t slot_of(const struct strmap *m, const char *key)
{
	size_t i = hash_string(key) & (m->cap - 1);
	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void strmap_grow(struct strmap *m)
{
	struct strmap bigger = {0};
	bigger.cap = m->cap ? m->cap * 2 : 16;
	bigger.keys = xcalloc(bigger.cap, sizeof *bigger.keys);
	bigger.values = xcalloc(bigger.cap, sizeof *bigger.values);
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->keys[i])
			continue;
		size_t j = slot_of(&bigger, m->keys[i]);
		bigger.keys[j] = m->keys[i];
		bigger.values[j] = m->values[i];
	}
	bigger.count = m->count;
	strmap_release(m);
	*m = bigger;
}

int strmap_put(struct strmap *m, const char *key, int value)
{
	if ((m->count + 1) * 2 > m->cap)
		strmap_grow(m);
	size_t i = slot_of(m, key);
	if (m->keys[i])
		return m->values[i];
	m->keys[i] = key;
	m->values[i] = value;
	m->count++;
	return value;
}

int strmap_get(const struct strmap *m, const char *key)
{
	if (!m->cap)
		return -1;
	size_t i = slot_of(m, key);
	return m->keys[i] ? m->values[i] : -1;
}

void strmap_release(struct strmap *m)
{
	free(m->keys);
	free(m->values);
	memset(m, 0, sizeof *m);
}
