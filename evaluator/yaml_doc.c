#include "yaml_doc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "strmap.h"
#include "text.h"

#define YDOC_MAX_DEPTH 64

struct loader {
	yaml_parser_t parser;
	const char *path;
	const char *text;       /* the whole input, to locate a reader error */
	size_t len;
	diag_t *d;
};

static void ynode_free(struct ynode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++) {
		ynode_free(n->items[i]);
		if (n->keys)
			ynode_free(n->keys[i]);
	}
	free(n->items);
	free(n->keys);
	free(n->text);
	free(n);
}

static struct ynode *ynode_new(enum ynode_kind kind, const yaml_mark_t *mark)
{
	struct ynode *n = xcalloc(1, sizeof *n);
	n->kind = kind;
	n->line = (int)mark->line + 1;
	n->col = (int)mark->column + 1;
	return n;
}

static void ynode_push(struct ynode *parent, struct ynode *key, struct ynode *value)
{
	if (parent->n == parent->cap) { /* doubling: a plan may list 200,000 units */
		parent->cap = parent->cap ? parent->cap * 2 : 4;
		parent->items = xrealloc(parent->items, parent->cap * sizeof *parent->items);
		if (parent->kind == YNODE_MAP)
			parent->keys = xrealloc(parent->keys, parent->cap * sizeof *parent->keys);
	}
	parent->items[parent->n] = value;
	if (parent->kind == YNODE_MAP)
		parent->keys[parent->n] = key;
	parent->n++;
}

/* A reader error (bad bytes) has an offset instead of a mark. */
static int fail_reader(struct loader *l)
{
	int line, col;
	size_t offset = l->parser.problem_offset < l->len ? l->parser.problem_offset : l->len;
	text_position(l->text, utf8_valid_prefix(l->text, offset), &line, &col);
	return fail_at(l->d, l->path, line, col, "%s: save the file as plain UTF-8 text",
		       l->parser.problem ? l->parser.problem : "unreadable text");
}

static int next_event(struct loader *l, yaml_event_t *ev)
{
	if (yaml_parser_parse(&l->parser, ev))
		return 0;
	if (l->parser.error == YAML_READER_ERROR)
		return fail_reader(l);
	const yaml_mark_t *m = &l->parser.problem_mark;
	return fail_at(l->d, l->path, (int)m->line + 1, (int)m->column + 1, "%s",
		       l->parser.problem ? l->parser.problem : "malformed YAML");
}

static int parse_node(struct loader *l, yaml_event_t *ev, int depth, struct ynode **out);

/* Reads one key and its value into *key and *value; refuses a key that
 * is not a plain name or that `seen` already holds. */
static int parse_pair(struct loader *l, yaml_event_t *ev, int depth, struct strmap *seen,
		      int index, struct ynode **key, struct ynode **value)
{
	if (parse_node(l, ev, depth + 1, key) != 0)
		return -1;
	if ((*key)->kind != YNODE_SCALAR)
		return fail_at(l->d, l->path, (*key)->line, (*key)->col,
			       "a mapping key must be a plain name");
	if (strmap_put(seen, (*key)->text, index) != index)
		return fail_at(l->d, l->path, (*key)->line, (*key)->col, "duplicate key '%s'",
			       (*key)->text);
	yaml_event_t next;
	if (next_event(l, &next) != 0)
		return -1;
	int rc = parse_node(l, &next, depth + 1, value);
	yaml_event_delete(&next);
	return rc;
}

/* Reads the children of a sequence or mapping until its end event. */
static int parse_children(struct loader *l, struct ynode *parent, int depth)
{
	struct strmap seen = {0}; /* a mapping's keys so far */
	int rc = 0;
	while (rc == 0) {
		yaml_event_t ev;
		if (next_event(l, &ev) != 0) {
			rc = -1;
			break;
		}
		if (ev.type == YAML_SEQUENCE_END_EVENT || ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		struct ynode *key = NULL, *value = NULL;
		if (parent->kind == YNODE_MAP)
			rc = parse_pair(l, &ev, depth, &seen, (int)parent->n, &key, &value);
		else
			rc = parse_node(l, &ev, depth + 1, &value);
		yaml_event_delete(&ev);
		if (rc == 0) {
			ynode_push(parent, key, value);
		} else {
			ynode_free(key);
			ynode_free(value);
		}
	}
	strmap_release(&seen);
	return rc;
}

static int parse_node(struct loader *l, yaml_event_t *ev, int depth, struct ynode **out)
{
	const yaml_mark_t *m = &ev->start_mark;
	if (depth > YDOC_MAX_DEPTH)
		return fail_at(l->d, l->path, (int)m->line + 1, (int)m->column + 1,
			       "nesting deeper than %d levels", YDOC_MAX_DEPTH);
	switch (ev->type) {
	case YAML_SCALAR_EVENT: {
		struct ynode *n = ynode_new(YNODE_SCALAR, m);
		n->text = xstrndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		*out = n;
		return 0;
	}
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		struct ynode *n = ynode_new(ev->type == YAML_SEQUENCE_START_EVENT ? YNODE_SEQ : YNODE_MAP, m);
		if (parse_children(l, n, depth) != 0) {
			ynode_free(n);
			return -1;
		}
		*out = n;
		return 0;
	}
	case YAML_ALIAS_EVENT:
		return fail_at(l->d, l->path, (int)m->line + 1, (int)m->column + 1,
			       "aliases (*%s) are not supported: write the value out",
			       (const char *)ev->data.alias.anchor);
	default:
		return fail_at(l->d, l->path, (int)m->line + 1, (int)m->column + 1,
			       "unexpected YAML structure");
	}
}

/* Skips the stream and document start; leaves the root node (or NULL). */
static int parse_document(struct loader *l, struct ynode **root)
{
	*root = NULL;
	for (;;) {
		yaml_event_t ev;
		if (next_event(l, &ev) != 0)
			return -1;
		yaml_event_type_t type = ev.type;
		int rc = 0;
		if (type == YAML_SCALAR_EVENT || type == YAML_SEQUENCE_START_EVENT ||
		    type == YAML_MAPPING_START_EVENT || type == YAML_ALIAS_EVENT) {
			rc = parse_node(l, &ev, 0, root);
			yaml_event_delete(&ev);
			return rc;
		}
		yaml_event_delete(&ev);
		if (type == YAML_STREAM_END_EVENT || type == YAML_DOCUMENT_END_EVENT)
			return 0;
	}
}

/* Parses the input the loader's parser has been given into doc. */
static int load(struct loader *l, struct ydoc *doc)
{
	int rc = parse_document(l, &doc->root);
	yaml_parser_delete(&l->parser);
	if (rc != 0) {
		ynode_free(doc->root);
		doc->root = NULL;
		return -1;
	}
	doc->path = xstrdup(l->path);
	return 0;
}

int ydoc_load(struct ydoc *doc, const char *path, diag_t *d)
{
	memset(doc, 0, sizeof *doc);
	struct sbuf b = {0};
	if (sbuf_read_file(&b, path) != 0) {
		int err = errno;
		sbuf_release(&b);
		return fail(d, "unable to open '%s': %s", path, strerror(err));
	}
	int rc = ydoc_load_text(doc, path, sbuf_str(&b), b.len, d);
	sbuf_release(&b);
	return rc;
}

int ydoc_load_text(struct ydoc *doc, const char *path, const char *text, size_t len,
		   diag_t *d)
{
	memset(doc, 0, sizeof *doc);
	struct loader l = {.path = path, .text = text, .len = len, .d = d};
	yaml_parser_initialize(&l.parser);
	yaml_parser_set_input_string(&l.parser, (const unsigned char *)text, len);
	return load(&l, doc);
}

void ydoc_release(struct ydoc *doc)
{
	ynode_free(doc->root);
	free(doc->path);
	memset(doc, 0, sizeof *doc);
}

const struct ynode *ynode_get(const struct ynode *map, const char *key)
{
	if (!map || map->kind != YNODE_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->keys[i]->text, key) == 0)
			return map->items[i];
	return NULL;
}

const char *ynode_kind_name(enum ynode_kind kind)
{
	switch (kind) {
	case YNODE_SCALAR:
		return "a value";
	case YNODE_SEQ:
		return "a list";
	case YNODE_MAP:
		return "a mapping";
	}
	return "?";
}
