/* plan_cache: the compiled form of a plan (see plan_cache.h).
 *
 * The file: a header, the fingerprints of the inputs, then the struct plan
 * and every array and string it points to, each at an offset that is a
 * multiple of 8. A pointer in the file holds the offset of what it points
 * to (0 for NULL); reading the file makes the offsets pointers again.
 *
 * Structs are written whole, so that a field added later is carried
 * without a word here; the sizes below stop the build when a struct
 * changes, so that whoever adds a pointer also adds it to put_* and fix_*
 * (a number needs nothing but the new size). */
#include "plan_cache.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fingerprint.h"
#include "lang.h"
#include "mem.h"
#include "path.h"
#include "sbuf.h"

/* Raise it when the file's layout changes in a way the sizes miss. */
#define CACHE_FORMAT 2

#if UINTPTR_MAX == UINT64_MAX
static_assert(sizeof(struct plan) == 336, "struct plan changed: carry its new fields in put_plan and fix_plan");
static_assert(sizeof(struct plan_group) == 16, "struct plan_group changed: see put_plan");
static_assert(sizeof(struct plan_unit) == 24, "struct plan_unit changed: see put_plan");
static_assert(sizeof(struct plan_indicator) == 112, "struct plan_indicator changed: see put_plan");
static_assert(sizeof(struct plan_rules) == 32, "struct plan_rules changed: see put_rules");
static_assert(sizeof(struct plan_param) == 24, "struct plan_param changed: see put_rules");
static_assert(sizeof(struct plan_terms) == 56, "struct plan_terms changed: a pointer in it needs put_plan");
static_assert(sizeof(struct plan_assignment) == 24, "struct plan_assignment changed: see put_plan");
static_assert(sizeof(struct plan_schedule) == 104, "struct plan_schedule changed: see put_plan");
static_assert(sizeof(struct plan_checkpoints) == 8 * PLAN_MAX_YEARS, "see put_plan");
static_assert(sizeof(struct strmap) == 32, "struct strmap changed: see put_lookup");
#endif
/* put_lookup finds a key among the id and name, the first two fields */
static_assert(offsetof(struct plan_unit, name) == sizeof(char *), "a unit starts with id, name");
static_assert(offsetof(struct plan_indicator, name) == sizeof(char *),
	      "an indicator starts with id, name");

static const char cache_magic[8] = {'A', 'S', 'S', 'A', 'Y', 'P', 'L', 'N'};

struct cache_header {
	char magic[8];
	char build[72];         /* build_identity: a fingerprint */
	uint64_t size;          /* of the whole file */
	uint64_t checksum;      /* of every byte after the header */
	uint64_t plan;          /* where the struct plan lies */
	uint64_t inputs;        /* the fingerprints: the plan file's, then
				 * each of plan.inputs' */
};

struct cache_input {
	char sha256[72];
};

static char *cache_dir; /* NULL: no cache */

void plan_cache_use(const char *dir)
{
	free(cache_dir);
	cache_dir = dir && *dir ? xstrdup(dir) : NULL;
}

void plan_note_input(struct plan *plan, char *path)
{
	plan->inputs = xrealloc(plan->inputs, (plan->ninputs + 1) * sizeof *plan->inputs);
	plan->inputs[plan->ninputs++] = path;
}

/* ASSAY_DEBUG=cache says what became of the compiled form, on stderr. */
static void debug(const char *what, const char *file)
{
	const char *v = getenv("ASSAY_DEBUG");
	if (v && strstr(v, "cache"))
		fprintf(stderr, "assay: plan cache: %s %s\n", what, file);
}

/* Which program made a compiled form: this format, and the program file
 * itself, so that a new build never reads what an old one wrote. */
static void build_identity(char out[FINGERPRINT_HEX])
{
	struct sbuf s = {0};
	struct stat st;
	sbuf_addf(&s, "format %d, compiled %s %s", CACHE_FORMAT, __DATE__, __TIME__);
	if (stat("/proc/self/exe", &st) == 0)
		sbuf_addf(&s, ", program %ju:%ju, %jd bytes, %jd.%09ld", (uintmax_t)st.st_dev,
			  (uintmax_t)st.st_ino, (intmax_t)st.st_size, (intmax_t)st.st_mtim.tv_sec,
			  st.st_mtim.tv_nsec);
	fingerprint_bytes(sbuf_str(&s), s.len, out);
	sbuf_release(&s);
}

/* The compiled form's file: named by the folder the command runs in and
 * the plan's path as given (which the plan's own paths are resolved
 * against), not by the build, so that a new build replaces what an old one
 * wrote instead of leaving it behind. Caller frees. */
static char *cache_file(const char *plan_path)
{
	char cwd[4096], key[FINGERPRINT_HEX];
	struct sbuf s = {0};
	if (!getcwd(cwd, sizeof cwd))
		cwd[0] = '\0';
	sbuf_add(&s, cwd);
	sbuf_addn(&s, "", 1);
	sbuf_add(&s, plan_path);
	fingerprint_bytes(s.s, s.len, key);
	sbuf_reset(&s);
	sbuf_addf(&s, "%s/%.32s.plan", cache_dir, key);
	return sbuf_detach(&s);
}

/* A checksum that catches a damaged or truncated file (not an attacker:
 * the cache is the user's own), eight bytes at a time. */
static uint64_t checksum(const char *data, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ len, w;
	size_t k = 0;
	for (; k + 8 <= len; k += 8) {
		memcpy(&w, data + k, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	for (; k < len; k++)
		h = (h ^ (unsigned char)data[k]) * 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 29);
}

/* ---- writing ---- */

/* The compiled form as it is written. */
struct blob {
	char *data;
	size_t len, cap;
};

/* Appends n bytes of src at the next multiple of 8: their offset. */
static size_t blob_put(struct blob *b, const void *src, size_t n)
{
	size_t at = (b->len + 7) & ~(size_t)7;
	if (at + n > b->cap) {
		b->cap = (at + n) * 2 + 4096;
		b->data = xrealloc(b->data, b->cap);
	}
	memset(b->data + b->len, 0, at - b->len);
	if (n)
		memcpy(b->data + at, src, n);
	b->len = at + n;
	return at;
}

/* The pointer at offset pos of the blob made the offset off. */
static void set_offset(struct blob *b, size_t pos, size_t off)
{
	uintptr_t v = off;
	memcpy(b->data + pos, &v, sizeof v);
}

/* Appends n bytes of src (none when src is NULL) and points the pointer at
 * pos to them: their offset. */
static size_t put_at(struct blob *b, size_t pos, const void *src, size_t n)
{
	size_t off = src ? blob_put(b, src, n) : 0;
	set_offset(b, pos, off);
	return off;
}

static size_t put_string_at(struct blob *b, size_t pos, const char *s)
{
	return put_at(b, pos, s, s ? strlen(s) + 1 : 0);
}

/* Where field f of item i of an array of type at offset at lies. */
#define FIELD_AT(at, type, i, f) ((at) + (i) * sizeof(type) + offsetof(type, f))

static void put_groups(struct blob *b, size_t pos, const struct plan *p)
{
	size_t at = put_at(b, pos, p->groups, p->ngroups * sizeof *p->groups);
	for (size_t i = 0; i < p->ngroups; i++) {
		put_string_at(b, FIELD_AT(at, struct plan_group, i, id), p->groups[i].id);
		put_string_at(b, FIELD_AT(at, struct plan_group, i, name), p->groups[i].name);
	}
}

static void put_units(struct blob *b, size_t pos, const struct plan *p)
{
	size_t at = put_at(b, pos, p->units, p->nunits * sizeof *p->units);
	for (size_t i = 0; i < p->nunits; i++) {
		put_string_at(b, FIELD_AT(at, struct plan_unit, i, id), p->units[i].id);
		put_string_at(b, FIELD_AT(at, struct plan_unit, i, name), p->units[i].name);
	}
}

static void put_indicators(struct blob *b, size_t pos, const struct plan *p)
{
	size_t at = put_at(b, pos, p->indicators, p->nindicators * sizeof *p->indicators);
	for (size_t i = 0; i < p->nindicators; i++) {
		const struct plan_indicator *pi = &p->indicators[i];
		put_string_at(b, FIELD_AT(at, struct plan_indicator, i, id), pi->id);
		put_string_at(b, FIELD_AT(at, struct plan_indicator, i, name), pi->name);
		put_string_at(b, FIELD_AT(at, struct plan_indicator, i, measure), pi->measure);
		put_string_at(b, FIELD_AT(at, struct plan_indicator, i, source), pi->source);
		put_string_at(b, FIELD_AT(at, struct plan_indicator, i, note), pi->note);
		put_at(b, FIELD_AT(at, struct plan_indicator, i, inputs), pi->inputs,
		       pi->ninputs * sizeof *pi->inputs);
	}
}

static void put_rules(struct blob *b, size_t pos, const struct plan *p)
{
	size_t at = put_at(b, pos, p->rules, p->nrules * sizeof *p->rules);
	for (size_t k = 0; k < p->nrules; k++) {
		const struct plan_rules *r = &p->rules[k];
		put_string_at(b, FIELD_AT(at, struct plan_rules, k, path), r->path);
		size_t params = put_at(b, FIELD_AT(at, struct plan_rules, k, params), r->params,
				       r->nparams * sizeof *r->params);
		for (size_t i = 0; i < r->nparams; i++)
			put_string_at(b, FIELD_AT(params, struct plan_param, i, name),
				      r->params[i].name);
	}
}

static void put_strings(struct blob *b, size_t pos, char *const *v, size_t n)
{
	size_t at = put_at(b, pos, v, n * sizeof *v);
	for (size_t k = 0; k < n; k++)
		put_string_at(b, at + k * sizeof *v, v[k]);
}

/* A lookup of units or indicators: its keys are their ids and names, so
 * each key's offset is that of the id or name of the item it maps to, in
 * the array already written at items_at. -1 when a key is neither. */
static int put_lookup(struct blob *b, size_t pos, const struct strmap *m, const void *items,
		      size_t items_at, size_t item_size)
{
	size_t keys = put_at(b, pos + offsetof(struct strmap, keys), m->keys,
			     m->cap * sizeof *m->keys);
	put_at(b, pos + offsetof(struct strmap, values), m->values, m->cap * sizeof *m->values);
	for (size_t k = 0; k < m->cap; k++) {
		if (!m->keys[k])
			continue;
		size_t item = (size_t)m->values[k] * item_size;
		char *const *names = (char *const *)((const char *)items + item);
		int which = m->keys[k] == names[0] ? 0 : m->keys[k] == names[1] ? 1 : -1;
		if (which < 0)
			return -1;
		uintptr_t off;
		memcpy(&off, b->data + items_at + item + which * sizeof(char *), sizeof off);
		set_offset(b, keys + k * sizeof *m->keys, off);
	}
	return 0;
}

/* The struct plan and all it points to: its offset, or -1 when it cannot
 * be written. */
static long put_plan(struct blob *b, const struct plan *p)
{
	size_t at = blob_put(b, p, sizeof *p);
#define AT(f) (at + offsetof(struct plan, f))
	put_string_at(b, AT(path), p->path);
	put_string_at(b, AT(id), p->id);
	put_string_at(b, AT(title), p->title);
	put_string_at(b, AT(issuer), p->issuer);
	put_string_at(b, AT(source), p->source);
	put_string_at(b, AT(rules_path), p->rules_path);
	put_string_at(b, AT(rules_folder), p->rules_folder);
	put_at(b, AT(unit_weights), p->unit_weights, p->nassignments * sizeof *p->unit_weights);
	put_at(b, AT(assignments), p->assignments, p->nassignments * sizeof *p->assignments);
	put_at(b, AT(terms), p->terms, p->nterms * sizeof *p->terms);
	put_at(b, AT(schedules), p->schedules, p->nschedules * sizeof *p->schedules);
	put_at(b, AT(checkpoints), p->checkpoints, p->ncheckpoints * sizeof *p->checkpoints);
	put_at(b, AT(unit_first), p->unit_first, (p->nunits + 1) * sizeof *p->unit_first);
	put_rules(b, AT(rules), p);
	put_groups(b, AT(groups), p);
	put_units(b, AT(units), p);
	put_indicators(b, AT(indicators), p);
	put_strings(b, AT(inputs), p->inputs, p->ninputs);
	set_offset(b, AT(compiled), 0);
	uintptr_t units, indicators;
	memcpy(&units, b->data + AT(units), sizeof units);
	memcpy(&indicators, b->data + AT(indicators), sizeof indicators);
	if (put_lookup(b, AT(unit_lookup), &p->unit_lookup, p->units, units,
		       sizeof *p->units) != 0 ||
	    put_lookup(b, AT(indicator_lookup), &p->indicator_lookup, p->indicators, indicators,
		       sizeof *p->indicators) != 0)
		return -1;
#undef AT
	return (long)at;
}

/* The fingerprint of a file read a piece at a time (a province's tables
 * are megabytes, which need not be held whole); -1 when it cannot be read. */
static int fingerprint_pieces(const char *path, char out[FINGERPRINT_HEX])
{
	char piece[1 << 16];
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	struct fingerprinter *fp = fingerprint_begin();
	size_t n;
	while ((n = fread(piece, 1, sizeof piece, f)) > 0)
		fingerprint_add(fp, piece, n);
	fingerprint_end(fp, out);
	int rc = ferror(f) ? -1 : 0;
	fclose(f);
	return rc;
}

/* The fingerprints of the plan file and the files it read, into out[]
 * (1 + plan.ninputs of them); -1 when one cannot be read. */
static int fingerprint_inputs(const struct plan *p, const char *path, struct cache_input *out)
{
	if (fingerprint_pieces(path, out[0].sha256) != 0)
		return -1;
	for (size_t k = 0; k < p->ninputs; k++)
		if (fingerprint_pieces(p->inputs[k], out[k + 1].sha256) != 0)
			return -1;
	return 0;
}

/* Makes folder dir and the folders above it that are missing. */
static int make_folders(const char *dir)
{
	char *s = xstrdup(dir);
	int rc = 0;
	for (char *slash = s + 1; rc == 0 && (slash = strchr(slash, '/')); *slash++ = '/') {
		*slash = '\0';
		if (mkdir(s, 0700) != 0 && errno != EEXIST)
			rc = -1;
	}
	if (rc == 0 && mkdir(s, 0700) != 0 && errno != EEXIST)
		rc = -1;
	free(s);
	return rc;
}

/* data into file through a file of its own renamed over it, so that a
 * reader sees the old file or the new one, never half of one. */
static int write_atomically(const char *file, const char *data, size_t len)
{
	char tmp[4200];
	int fd = -1;
	if (snprintf(tmp, sizeof tmp, "%s.%ld.tmp", file, (long)getpid()) < (int)sizeof tmp)
		fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	size_t done = 0;
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	if (close(fd) != 0 || done < len || rename(tmp, file) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

void plan_cache_write(const struct plan *plan, const char *path)
{
	if (!cache_dir || plan->compiled)
		return;
	struct cache_header h;
	memset(&h, 0, sizeof h);
	memcpy(h.magic, cache_magic, sizeof h.magic);
	build_identity(h.build);
	char *file = cache_file(path);
	struct cache_input *inputs = xcalloc(plan->ninputs + 1, sizeof *inputs);
	struct blob b = {0};
	blob_put(&b, &h, sizeof h);
	long at = -1;
	if (fingerprint_inputs(plan, path, inputs) == 0) {
		h.inputs = blob_put(&b, inputs, (plan->ninputs + 1) * sizeof *inputs);
		at = put_plan(&b, plan);
	}
	if (at < 0) {
		debug("cannot compile", file);
	} else {
		h.plan = (uint64_t)at;
		h.size = b.len;
		h.checksum = checksum(b.data + sizeof h, b.len - sizeof h);
		memcpy(b.data, &h, sizeof h);
		if (make_folders(cache_dir) != 0 || write_atomically(file, b.data, b.len) != 0)
			debug("cannot write", file);
		else
			debug("wrote", file);
	}
	free(b.data);
	free(inputs);
	free(file);
}

/* ---- reading ---- */

/* A compiled form read whole, its offsets being made pointers. */
struct reader {
	char *base;
	size_t len;
	bool bad;               /* an offset or a size is out of bounds */
};

/* The offset in the pointer at field made a pointer to count items of
 * size bytes, all within the file (0 stays NULL). */
static void fix(struct reader *r, void *field, size_t count, size_t size)
{
	uintptr_t off;
	void *ptr = NULL;
	memcpy(&off, field, sizeof off);
	if (off != 0 && (off % 8 != 0 || off > r->len || (size && count > (r->len - off) / size)))
		r->bad = true;
	else if (off != 0)
		ptr = r->base + off;
	memcpy(field, &ptr, sizeof ptr);
}

/* The same for a string, which must end within the file. */
static void fix_string(struct reader *r, void *field)
{
	uintptr_t off;
	memcpy(&off, field, sizeof off);
	if (off != 0 && (off >= r->len || !memchr(r->base + off, '\0', r->len - off)))
		r->bad = true;
	fix(r, field, 0, 1);
}

#define FIX(r, field, n) fix((r), &(field), (n), sizeof *(field))

static void fix_lookup(struct reader *r, struct strmap *m, size_t nitems)
{
	/* strmap's probing needs a power of two, and a free slot */
	if (m->cap == 0 ? m->count != 0 : (m->cap & (m->cap - 1)) != 0 || m->count >= m->cap)
		r->bad = true;
	FIX(r, m->keys, m->cap);
	FIX(r, m->values, m->cap);
	for (size_t k = 0; !r->bad && k < m->cap; k++) {
		fix_string(r, &m->keys[k]);
		if (m->keys[k] && (m->values[k] < 0 || (size_t)m->values[k] >= nitems))
			r->bad = true;
	}
}

static void fix_items(struct reader *r, struct plan *p)
{
	for (size_t i = 0; !r->bad && i < p->ngroups; i++) {
		fix_string(r, &p->groups[i].id);
		fix_string(r, &p->groups[i].name);
	}
	for (size_t i = 0; !r->bad && i < p->nunits; i++) {
		fix_string(r, &p->units[i].id);
		fix_string(r, &p->units[i].name);
	}
	for (size_t i = 0; !r->bad && i < p->nindicators; i++) {
		struct plan_indicator *pi = &p->indicators[i];
		fix_string(r, &pi->id);
		fix_string(r, &pi->name);
		fix_string(r, &pi->measure);
		fix_string(r, &pi->source);
		fix_string(r, &pi->note);
		FIX(r, pi->inputs, pi->ninputs);
	}
	for (size_t k = 0; !r->bad && k < p->nrules; k++) {
		struct plan_rules *pr = &p->rules[k];
		fix_string(r, &pr->path);
		FIX(r, pr->params, pr->nparams);
		for (size_t i = 0; !r->bad && i < pr->nparams; i++)
			fix_string(r, &pr->params[i].name);
	}
	for (size_t k = 0; !r->bad && k < p->ninputs; k++)
		fix_string(r, &p->inputs[k]);
}

/* The struct plan at offset at, its pointers fixed; NULL when one is out
 * of bounds. */
static struct plan *fix_plan(struct reader *r, uint64_t at)
{
	if (at % 8 != 0 || at > r->len || r->len - at < sizeof(struct plan))
		return NULL;
	struct plan *p = (struct plan *)(r->base + at);
	fix_string(r, &p->path);
	fix_string(r, &p->id);
	fix_string(r, &p->title);
	fix_string(r, &p->issuer);
	fix_string(r, &p->source);
	fix_string(r, &p->rules_path);
	fix_string(r, &p->rules_folder);
	FIX(r, p->unit_weights, p->nassignments);
	FIX(r, p->assignments, p->nassignments);
	FIX(r, p->terms, p->nterms);
	FIX(r, p->schedules, p->nschedules);
	FIX(r, p->checkpoints, p->ncheckpoints);
	FIX(r, p->unit_first, p->nunits + 1);
	FIX(r, p->rules, p->nrules);
	FIX(r, p->groups, p->ngroups);
	FIX(r, p->units, p->nunits);
	FIX(r, p->indicators, p->nindicators);
	FIX(r, p->inputs, p->ninputs);
	if (!r->bad)
		fix_items(r, p);
	if (!r->bad)
		fix_lookup(r, &p->unit_lookup, p->nunits);
	if (!r->bad)
		fix_lookup(r, &p->indicator_lookup, p->nindicators);
	return r->bad ? NULL : p;
}

/* The file whole, mapped privately in one block of *len bytes; NULL when
 * it cannot be. Mapped rather than read: what the pointers are not fixed
 * in (the assignments, weights and strings, most of a province's plan)
 * stays the page cache's pages, never copied into fresh memory, which at
 * 30 MB costs more than the rest of loading. The file is only ever
 * replaced whole (write_atomically), never changed under a mapping. */
static char *map_whole(const char *file, size_t *len)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char *data = NULL;
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (size_t)st.st_size >= sizeof(struct cache_header) && st.st_size < ((off_t)1 << 32)) {
		*len = (size_t)st.st_size;
		void *p = mmap(NULL, *len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
		data = p == MAP_FAILED ? NULL : p;
	}
	close(fd);
	return data;
}

void plan_cache_release(void *compiled)
{
	const struct cache_header *h = compiled;
	munmap(compiled, (size_t)h->size);
}

/* Why the header does not describe the file read, or NULL when it does. */
static const char *check_header(const struct cache_header *h, const char *data, size_t len,
				const char build[FINGERPRINT_HEX])
{
	if (memcmp(h->magic, cache_magic, sizeof h->magic) != 0)
		return "not a compiled plan";
	if (strncmp(h->build, build, FINGERPRINT_HEX) != 0)
		return "made by another build";
	if (h->size != len)
		return "truncated";
	if (h->checksum != checksum(data + sizeof *h, len - sizeof *h))
		return "damaged";
	return NULL;
}

/* Whether the files the plan was compiled from are what they were. */
static bool inputs_unchanged(struct reader *r, const struct cache_header *h,
			     const struct plan *p, const char *path)
{
	size_t n = p->ninputs + 1;
	if (h->inputs % 8 != 0 || h->inputs > r->len ||
	    (r->len - h->inputs) / sizeof(struct cache_input) < n)
		return false;
	const struct cache_input *was = (const struct cache_input *)(r->base + h->inputs);
	struct cache_input *now = xcalloc(n, sizeof *now);
	bool same = fingerprint_inputs(p, path, now) == 0;
	for (size_t k = 0; same && k < n; k++)
		same = strncmp(was[k].sha256, now[k].sha256, FINGERPRINT_HEX) == 0;
	free(now);
	return same;
}

/* Whether the rule files the plan names are still where the loader found
 * them: readable Lua files under the plan's folder or its rules_folder.
 * When not, the loader says what is wrong. */
static bool rule_files_in_place(const struct plan *p)
{
	char *dir = path_dirname(p->path);
	const char *folder = p->rules_folder ? p->rules_folder : dir;
	bool ok = !p->rules_folder || path_is_folder(p->rules_folder);
	for (size_t k = 0; ok && k < p->nrules; k++)
		ok = access(p->rules[k].path, R_OK) == 0 && path_has_ext(p->rules[k].path, ".lua") &&
		     path_within(p->rules[k].path, folder) == 1;
	free(dir);
	return ok;
}

/* The plan in data, checked whole: NULL with *why set when it cannot be
 * used. */
static struct plan *usable_plan(struct reader *r, const char *path,
				const char build[FINGERPRINT_HEX], const char **why)
{
	const struct cache_header *h = (const struct cache_header *)r->base;
	struct plan *p;
	if ((*why = check_header(h, r->base, r->len, build)))
		return NULL;
	if (!(p = fix_plan(r, h->plan)) || strcmp(p->path, path) != 0)
		*why = "damaged";
	else if (!inputs_unchanged(r, h, p, path))
		*why = "stale";
	else if (!rule_files_in_place(p))
		*why = "stale";
	return *why ? NULL : p;
}

int plan_cache_read(struct plan *plan, const char *path)
{
	if (!cache_dir)
		return -1;
	char build[FINGERPRINT_HEX];
	build_identity(build);
	char *file = cache_file(path);
	struct reader r = {NULL, 0, false};
	const char *why = "missing";
	struct plan *p = NULL;
	if ((r.base = map_whole(file, &r.len)))
		p = usable_plan(&r, path, build, &why);
	if (p) {
		*plan = *p;
		plan->compiled = r.base;
		if (plan->language >= 0)
			lang_choose((enum lang)plan->language, LANG_BY_PLAN);
		debug("read", file);
	} else {
		if (r.base)
			munmap(r.base, r.len);
		debug(why, file);
	}
	free(file);
	return p ? 0 : -1;
}
