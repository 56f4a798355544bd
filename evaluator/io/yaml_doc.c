/* mmap's MAP_ANONYMOUS is outside POSIX. */
#define _DEFAULT_SOURCE
#include "yaml_doc.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <yaml.h>

#include "lang.h"
#include "mem.h"
#include "sbuf.h"
#include "strmap.h"
#include "utf8.h"

#define YDOC_MAX_DEPTH 64

/* The arena: nodes, texts and lists of children are carved from chunks
 * that double from 64 KiB to 4 MiB, so that a plan of 200,000 units costs
 * a few dozen allocations instead of millions. */
#define CHUNK_FIRST ((size_t)64 << 10)
#define CHUNK_MAX ((size_t)4 << 20)
/* Chunks from this size on are mapped on their own, so that releasing the
 * document gives them back to the system at once. malloc would not map
 * them: with the heap padded by memory_setup it carves even megabytes from
 * the heap, where they would stay once freed. */
#define CHUNK_MAPPED ((size_t)128 << 10)

struct ydoc_chunk {
	struct ydoc_chunk *prev;
	size_t size, used;      /* bytes of the block, header included; of data used */
	bool mapped;
	max_align_t data[];     /* aligned for anything carved from it */
};

#define CHUNK_HEADER offsetof(struct ydoc_chunk, data)

/* A sequence's or mapping's children are gathered here while it is read
 * (a mapping's as key, value, key, ...), then copied into the arena at
 * their final size: one stack shared by every nesting level. */
struct node_stack {
	struct ynode **v;
	size_t n, cap;
};

struct loader {
	yaml_parser_t parser;
	struct ydoc *doc;       /* whose arena the nodes go to */
	struct node_stack stack;
	const char *path;
	const char *text;       /* the whole input, to locate a reader error */
	size_t len;
	diag_t *d;
};

/* A block of size bytes mapped on its own, or NULL. */
static void *map_block(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

static struct ydoc_chunk *chunk_new(size_t size, struct ydoc_chunk *prev)
{
	struct ydoc_chunk *c = size >= CHUNK_MAPPED ? map_block(size) : NULL;
	bool mapped = c != NULL;
	if (!c)
		c = xmalloc(size);
	*c = (struct ydoc_chunk){.prev = prev, .size = size, .mapped = mapped};
	return c;
}

static void chunk_free(struct ydoc_chunk *c)
{
	if (c->mapped)
		munmap(c, c->size);
	else
		free(c);
}

/* size bytes aligned to align (a power of two) from c, or NULL. */
static void *chunk_take(struct ydoc_chunk *c, size_t size, size_t align)
{
	size_t start = (c->used + align - 1) & ~(align - 1), room = c->size - CHUNK_HEADER;
	if (start > room || size > room - start)
		return NULL;
	c->used = start + size;
	return (char *)c->data + start;
}

static size_t next_chunk_size(const struct ydoc_chunk *newest)
{
	if (!newest)
		return CHUNK_FIRST;
	return newest->size < CHUNK_MAX / 2 ? newest->size * 2 : CHUNK_MAX;
}

static void *arena_take(struct ydoc *doc, size_t size, size_t align)
{
	void *p = doc->chunks ? chunk_take(doc->chunks, size, align) : NULL;
	if (p)
		return p;
	size_t next = next_chunk_size(doc->chunks), need = CHUNK_HEADER + size;
	if (need > next && doc->chunks) {
		/* A text longer than a chunk gets one of its own, put behind
		 * the newest so that the newest's room is still used. */
		doc->chunks->prev = chunk_new(need, doc->chunks->prev);
		return chunk_take(doc->chunks->prev, size, align);
	}
	doc->chunks = chunk_new(need > next ? need : next, doc->chunks);
	return chunk_take(doc->chunks, size, align);
}

static void arena_release(struct ydoc *doc)
{
	while (doc->chunks) {
		struct ydoc_chunk *prev = doc->chunks->prev;
		chunk_free(doc->chunks);
		doc->chunks = prev;
	}
}

static void stack_push(struct node_stack *s, struct ynode *node)
{
	if (s->n == s->cap) { /* doubling: a plan may list 200,000 units */
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n++] = node;
}

static struct ynode *ynode_new(struct ydoc *doc, enum ynode_kind kind, const yaml_mark_t *mark)
{
	struct ynode *n = arena_take(doc, sizeof *n, _Alignof(struct ynode));
	*n = (struct ynode){.kind = kind, .line = (int)mark->line + 1, .col = (int)mark->column + 1};
	return n;
}

static char *arena_strndup(struct ydoc *doc, const char *s, size_t len)
{
	char *p = arena_take(doc, len + 1, 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* count nodes of the stack from index first, every step-th, copied into
 * an array of the arena. */
static struct ynode **stack_to_arena(struct loader *l, size_t first, size_t step, size_t count)
{
	struct ynode **v = arena_take(l->doc, count * sizeof *v, _Alignof(struct ynode *));
	for (size_t i = 0; i < count; i++)
		v[i] = l->stack.v[first + i * step];
	return v;
}

/* Moves the children gathered since mark from the stack into parent. */
static void adopt_children(struct loader *l, struct ynode *parent, size_t mark)
{
	size_t gathered = l->stack.n - mark;
	if (parent->kind == YNODE_MAP) {
		parent->n = gathered / 2;
		if (parent->n) {
			parent->keys = stack_to_arena(l, mark, 2, parent->n);
			parent->items = stack_to_arena(l, mark + 1, 2, parent->n);
		}
	} else {
		parent->n = gathered;
		if (parent->n)
			parent->items = stack_to_arena(l, mark, 1, parent->n);
	}
	l->stack.n = mark;
}

/* A reader error (bad bytes) has an offset instead of a mark. */
static int fail_reader(struct loader *l)
{
	int line, col;
	size_t offset = l->parser.problem_offset < l->len ? l->parser.problem_offset : l->len;
	text_position(l->text, utf8_valid_prefix(l->text, offset), &line, &col);
	unsigned code;
	char name[16];
	if (offset < l->len && utf8_control_at(l->text + offset, l->len - offset, &code) == 0)
		return fail_at(l->d, l->path, line, col, _("control character %s: remove it, or save "
			       "the file again as plain UTF-8 text"), control_char_name(code, name));
	return fail_at(l->d, l->path, line, col, _("%s: save the file as plain UTF-8 text"),
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
			       _("a mapping key must be a plain name"));
	if (strmap_put(seen, (*key)->text, index) != index)
		return fail_at(l->d, l->path, (*key)->line, (*key)->col, _("duplicate key '%s'"),
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
	size_t mark = l->stack.n;
	int rc = 0;
	for (;;) {
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
			rc = parse_pair(l, &ev, depth, &seen, (int)((l->stack.n - mark) / 2), &key, &value);
		else
			rc = parse_node(l, &ev, depth + 1, &value);
		yaml_event_delete(&ev);
		if (rc != 0)
			break;
		if (key)
			stack_push(&l->stack, key);
		stack_push(&l->stack, value);
	}
	strmap_release(&seen);
	if (rc == 0)
		adopt_children(l, parent, mark);
	return rc;
}

static int parse_node(struct loader *l, yaml_event_t *ev, int depth, struct ynode **out)
{
	const yaml_mark_t *m = &ev->start_mark;
	if (depth > YDOC_MAX_DEPTH)
		return fail_at(l->d, l->path, (int)m->line + 1, (int)m->column + 1,
			       _("nesting deeper than %d levels"), YDOC_MAX_DEPTH);
	switch (ev->type) {
	case YAML_SCALAR_EVENT: {
		struct ynode *n = ynode_new(l->doc, YNODE_SCALAR, m);
		n->text = arena_strndup(l->doc, (const char *)ev->data.scalar.value, ev->data.scalar.length);
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		*out = n;
		return 0;
	}
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		struct ynode *n = ynode_new(l->doc, ev->type == YAML_SEQUENCE_START_EVENT ? YNODE_SEQ : YNODE_MAP, m);
		if (parse_children(l, n, depth) != 0)
			return -1;
		*out = n;
		return 0;
	}
	case YAML_ALIAS_EVENT:
		return fail_at(l->d, l->path, (int)m->line + 1, (int)m->column + 1,
			       _("aliases (*%s) are not supported: write the value out"),
			       (const char *)ev->data.alias.anchor);
	default:
		return fail_at(l->d, l->path, (int)m->line + 1, (int)m->column + 1,
			       _("unexpected YAML structure"));
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
	free(l->stack.v);
	if (rc != 0) {
		arena_release(doc);
		doc->root = NULL;
		return -1;
	}
	doc->path = xstrdup(l->path);
	return 0;
}

int ydoc_load(struct ydoc *doc, const char *path, const struct file_bound *bound, diag_t *d)
{
	memset(doc, 0, sizeof *doc);
	struct sbuf b = {0};
	if (sbuf_read_file(&b, path, bound, d) != 0) {
		sbuf_release(&b);
		return -1;
	}
	int rc = ydoc_load_text(doc, path, sbuf_str(&b), b.len, d);
	sbuf_release(&b);
	return rc;
}

int ydoc_load_text(struct ydoc *doc, const char *path, const char *text, size_t len,
		   diag_t *d)
{
	memset(doc, 0, sizeof *doc);
	struct loader l = {.doc = doc, .path = path, .text = text, .len = len, .d = d};
	yaml_parser_initialize(&l.parser);
	yaml_parser_set_input_string(&l.parser, (const unsigned char *)text, len);
	return load(&l, doc);
}

void ydoc_release(struct ydoc *doc)
{
	arena_release(doc);
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
		return N_("a value");
	case YNODE_SEQ:
		return N_("a list");
	case YNODE_MAP:
		return N_("a mapping");
	}
	return "?";
}
