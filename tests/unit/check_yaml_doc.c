#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sbuf.h"
#include "yaml_doc.h"
#include "unit.h" /* last: check.h's fail() would clash with diag.h's */

#define UNITS 20000
#define FIRST_UNIT_LINE 4
/* Longer than the chunk the reader would take next, and longer than its
 * largest: each then gets a chunk of its own. */
#define LONG_TEXT ((size_t)200 << 10)
#define HUGE_TEXT ((size_t)5 << 20)

static void add_repeated(struct sbuf *b, char c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sbuf_addc(b, c);
}

/* UNITS flow mappings between long scalars and nested collections: enough
 * to fill several of the reader's chunks. */
static void big_document(struct sbuf *b)
{
	sbuf_add(b, "title: short\nfirst: \"<");
	add_repeated(b, 'x', LONG_TEXT);
	sbuf_add(b, ">\"\nunits:\n");
	for (int i = 0; i < UNITS; i++)
		sbuf_addf(b, "  - {id: u%06d, name: 单位%06d, group: g%03d}\n", i, i, i % 1000);
	sbuf_add(b, "nested: [1, [2, {three: 3, four: [4]}], '5']\nlonger: ");
	add_repeated(b, 'y', HUGE_TEXT);
	sbuf_add(b, "\nempty: []\nnone: {}\ntail:\n  key: value\n");
}

static const struct ynode *scalar_at(const struct ynode *n, const char *text, int line, int col)
{
	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(n->kind, YNODE_SCALAR);
	ck_assert_str_eq(n->text, text);
	ck_assert_int_eq(n->line, line);
	ck_assert_int_eq(n->col, col);
	return n;
}

static void check_unit(const struct ynode *u, int i)
{
	char text[32];
	int line = FIRST_UNIT_LINE + i;
	ck_assert_int_eq(u->kind, YNODE_MAP);
	ck_assert_int_eq(u->line, line);
	ck_assert_int_eq(u->col, 5);
	ck_assert_uint_eq(u->n, 3);
	scalar_at(u->keys[0], "id", line, 6);
	snprintf(text, sizeof text, "u%06d", i);
	ck_assert(scalar_at(u->items[0], text, line, 10)->plain);
	scalar_at(u->keys[1], "name", line, 19);
	snprintf(text, sizeof text, "单位%06d", i);
	scalar_at(ynode_get(u, "name"), text, line, 25); /* columns count characters */
	scalar_at(u->keys[2], "group", line, 35);
	snprintf(text, sizeof text, "g%03d", i % 1000);
	scalar_at(u->items[2], text, line, 42);
}

/* A long scalar: len characters c, between '<' and '>' when quoted. */
static void check_long(const struct ynode *n, char c, size_t len, int line, int col, bool plain)
{
	ck_assert_int_eq(n->kind, YNODE_SCALAR);
	ck_assert_int_eq(n->line, line);
	ck_assert_int_eq(n->col, col);
	ck_assert(n->plain == plain);
	const char *s = n->text;
	if (!plain) {
		ck_assert_int_eq(s[0], '<');
		ck_assert_int_eq(s[len + 1], '>');
		s++;
	}
	size_t same = 0;
	while (s[same] == c)
		same++;
	ck_assert_uint_eq(same, len);
	ck_assert_uint_eq(strlen(s), plain ? len : len + 1);
}

static void check_nested(const struct ynode *n, int line)
{
	ck_assert_int_eq(n->kind, YNODE_SEQ);
	ck_assert_uint_eq(n->n, 3);
	ck_assert_ptr_null(n->keys);
	scalar_at(n->items[0], "1", line, 10);
	const struct ynode *inner = n->items[1];
	ck_assert_int_eq(inner->kind, YNODE_SEQ);
	ck_assert_uint_eq(inner->n, 2);
	scalar_at(inner->items[0], "2", line, 14);
	const struct ynode *map = inner->items[1];
	ck_assert_int_eq(map->kind, YNODE_MAP);
	ck_assert_int_eq(map->col, 17);
	scalar_at(ynode_get(map, "three"), "3", line, 25);
	const struct ynode *four = ynode_get(map, "four");
	ck_assert_int_eq(four->kind, YNODE_SEQ);
	scalar_at(four->items[0], "4", line, 35);
	ck_assert(!scalar_at(n->items[2], "5", line, 41)->plain);
}

START_TEST(big_document_keeps_every_node_and_place)
{
	struct sbuf b = {0};
	big_document(&b);
	struct ydoc doc;
	diag_t d;
	ck_assert_msg(ydoc_load_text(&doc, "big.yaml", sbuf_str(&b), b.len, &d) == 0, "%s", d.text);
	sbuf_release(&b);
	ck_assert_str_eq(doc.path, "big.yaml");
	const struct ynode *root = doc.root;
	ck_assert_int_eq(root->kind, YNODE_MAP);
	ck_assert_uint_eq(root->n, 8);
	scalar_at(ynode_get(root, "title"), "short", 1, 8);
	check_long(ynode_get(root, "first"), 'x', LONG_TEXT, 2, 8, false);
	const struct ynode *units = ynode_get(root, "units");
	ck_assert_int_eq(units->kind, YNODE_SEQ);
	ck_assert_uint_eq(units->n, UNITS);
	for (int i = 0; i < UNITS; i++)
		check_unit(units->items[i], i);
	int line = FIRST_UNIT_LINE + UNITS;
	check_nested(ynode_get(root, "nested"), line);
	check_long(ynode_get(root, "longer"), 'y', HUGE_TEXT, line + 1, 9, true);
	const struct ynode *empty = ynode_get(root, "empty"), *none = ynode_get(root, "none");
	ck_assert(empty->kind == YNODE_SEQ && empty->n == 0 && !empty->items);
	ck_assert(none->kind == YNODE_MAP && none->n == 0 && !none->items && !none->keys);
	const struct ynode *tail = ynode_get(root, "tail");
	scalar_at(root->keys[7], "tail", line + 4, 1);
	ck_assert_int_eq(tail->line, line + 5);
	ck_assert_int_eq(tail->col, 3);
	scalar_at(ynode_get(tail, "key"), "value", line + 5, 8);
	ck_assert_ptr_null(ynode_get(root, "missing"));
	ck_assert_ptr_null(ynode_get(units, "units"));
	ydoc_release(&doc);
	ck_assert_ptr_null(doc.root);
}
END_TEST

START_TEST(small_and_empty_documents)
{
	struct ydoc a, b, empty;
	diag_t d;
	ck_assert_int_eq(ydoc_load_text(&a, "a.yaml", "just text", 9, &d), 0);
	ck_assert_int_eq(ydoc_load_text(&b, "b.yaml", "- one\n- two\n", 12, &d), 0);
	ck_assert_int_eq(ydoc_load_text(&empty, "empty.yaml", "# nothing\n", 10, &d), 0);
	scalar_at(a.root, "just text", 1, 1);
	ck_assert_uint_eq(b.root->n, 2);
	scalar_at(b.root->items[1], "two", 2, 3);
	ck_assert_ptr_null(empty.root);
	ydoc_release(&a);
	ydoc_release(&b);
	ydoc_release(&empty);
}
END_TEST

static void expect_error(const char *text, const char *message)
{
	struct ydoc doc;
	diag_t d;
	ck_assert_int_eq(ydoc_load_text(&doc, "t.yaml", text, strlen(text), &d), -1);
	ck_assert_str_eq(d.text, message);
	ck_assert_ptr_null(doc.root);
}

START_TEST(errors_point_into_the_file)
{
	expect_error("a: &x 1\nb: *x\n", "t.yaml:2:4: aliases (*x) are not supported: write the value out");
	expect_error("a: 1\n[b]: 2\n", "t.yaml:2:1: a mapping key must be a plain name");
	expect_error("a: 1\nb: {c: 1, c: 2}\n", "t.yaml:2:11: duplicate key 'c'");
	expect_error("a: [1, 2\n", "t.yaml:2:1: did not find expected ',' or ']'");
	expect_error("a: \xff\n", "t.yaml:1:4: invalid leading UTF-8 octet: save the file as plain UTF-8 text");
	struct sbuf b = {0};
	for (int i = 0; i < 66; i++) /* the root and 64 levels below it are allowed */
		sbuf_add(&b, "[");
	expect_error(sbuf_str(&b), "t.yaml:1:66: nesting deeper than 64 levels");
	sbuf_release(&b);
}
END_TEST

/* An error after many nodes: what was read is given back (the sanitizers
 * check that), and the message still has its place. */
START_TEST(error_late_in_a_big_document)
{
	struct sbuf b = {0};
	big_document(&b);
	sbuf_add(&b, "units: again\n");
	struct sbuf message = {0};
	sbuf_addf(&message, "t.yaml:%d:1: duplicate key 'units'", FIRST_UNIT_LINE + UNITS + 6);
	expect_error(sbuf_str(&b), sbuf_str(&message));
	sbuf_release(&b);
	sbuf_release(&message);
}
END_TEST

/* Only a regular file within the bound is read: never a directory, a
 * device or a FIFO (which could block or never end). */
START_TEST(files_out_of_bounds)
{
	static const struct file_bound plan = {"plan", 10, NULL},
				       hinted = {"plan", 10, "split it"};
	struct ydoc doc;
	diag_t d;
	ck_assert_int_eq(ydoc_load(&doc, "/nonexistent/plan.yaml", &plan, &d), -1);
	ck_assert_str_eq(d.text, "unable to read the plan '/nonexistent/plan.yaml': No such file or directory");
	ck_assert_int_eq(ydoc_load(&doc, "/", &plan, &d), -1);
	ck_assert_str_eq(d.text, "unable to read the plan '/': it is a directory");
	ck_assert_int_eq(ydoc_load(&doc, "/dev/zero", &plan, &d), -1);
	ck_assert_str_eq(d.text, "unable to read the plan '/dev/zero': it is a device, not a file");
	char dir[] = "/tmp/assay-bound-XXXXXX", path[64];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/fifo.yaml", dir);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	ck_assert_int_eq(ydoc_load(&doc, path, &plan, &d), -1);
	ck_assert_ptr_nonnull(strstr(d.text, "': it is a FIFO (a named pipe), not a file"));
	unlink(path);
	snprintf(path, sizeof path, "%s/p.yaml", dir);
	FILE *f = fopen(path, "w");
	fputs("a: 1234567", f); /* 10 bytes: just within */
	fclose(f);
	ck_assert_int_eq(ydoc_load(&doc, path, &plan, &d), 0);
	ck_assert_str_eq(doc.root->items[0]->text, "1234567");
	ydoc_release(&doc);
	f = fopen(path, "a");
	fputs("8", f);
	fclose(f);
	ck_assert_int_eq(ydoc_load(&doc, path, &hinted, &d), -1);
	ck_assert_ptr_nonnull(strstr(d.text, "p.yaml': it is larger than 10 bytes, the most a plan may be: split it"));
	unlink(path);
	rmdir(dir);
	char size[32];
	ck_assert_str_eq(file_bound_text((size_t)1 << 30, size), "1 GiB");
	ck_assert_str_eq(file_bound_text((size_t)256 << 20, size), "256 MiB");
}
END_TEST

Suite *yaml_doc_suite(void)
{
	Suite *s = suite_create("yaml_doc");
	TCase *tc = tcase_create("yaml_doc");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, big_document_keeps_every_node_and_place);
	tcase_add_test(tc, small_and_empty_documents);
	tcase_add_test(tc, errors_point_into_the_file);
	tcase_add_test(tc, error_late_in_a_big_document);
	tcase_add_test(tc, files_out_of_bounds);
	suite_add_tcase(s, tc);
	return s;
}
