/* yaml_doc: a YAML file read into a tree whose every node keeps its line
 * and column, so that errors found later still point into the file. */
#ifndef ASSAY_YAML_DOC_H
#define ASSAY_YAML_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "sbuf.h"

enum ynode_kind { YNODE_SCALAR, YNODE_SEQ, YNODE_MAP };

/* Every node, text and list of children lives in its document's arena and
 * is valid until ydoc_release. The small fields come first: 48 bytes a node
 * on 64-bit systems. */
struct ynode {
	int line, col;          /* 1-based */
	enum ynode_kind kind;
	bool plain;             /* scalar written without quotes */
	size_t n;               /* items of a sequence, pairs of a mapping */
	char *text;             /* scalar text; NULL otherwise */
	struct ynode **items;   /* sequence items, or mapping values; NULL when n is 0 */
	struct ynode **keys;    /* mapping keys (scalars); NULL otherwise or when n is 0 */
};

struct ydoc_chunk;

struct ydoc {
	char *path;             /* as given, for messages */
	struct ynode *root;     /* NULL for an empty file */
	struct ydoc_chunk *chunks; /* the arena, newest chunk first */
};

/* Reads path, a file within bound. Refuses aliases, non-scalar keys,
 * duplicate keys and nesting deeper than 64 levels. 0 on success; on
 * failure d has file:line:col. */
int ydoc_load(struct ydoc *doc, const char *path, const struct file_bound *bound, diag_t *d);
/* The same for a text already read (UTF-8); path is for messages. */
int ydoc_load_text(struct ydoc *doc, const char *path, const char *text, size_t len,
		   diag_t *d);
void ydoc_release(struct ydoc *doc);

/* The value for key in a mapping, or NULL. */
const struct ynode *ynode_get(const struct ynode *map, const char *key);
const char *ynode_kind_name(enum ynode_kind kind);

#endif
