/* path: realpath(3) and readlink(2) are outside POSIX's base. */
#define _DEFAULT_SOURCE
#include "path.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file_texts.h"
#include "mem.h"
#include "sbuf.h"

char *path_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

const char *path_basename(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* p with "." and ".." folded; consumes p, caller frees the result. */
static char *path_tidy(char *p)
{
	int absolute = p[0] == '/';
	char **parts = xmalloc((strlen(p) / 2 + 2) * sizeof *parts);
	size_t n = 0;
	for (char *tok = strtok(p, "/"); tok; tok = strtok(NULL, "/")) {
		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0 && n > 0 && strcmp(parts[n - 1], "..") != 0) {
			n--;
			continue;
		}
		if (strcmp(tok, "..") == 0 && absolute)
			continue;
		parts[n++] = tok;
	}
	struct sbuf out = {0};
	if (absolute)
		sbuf_addc(&out, '/');
	for (size_t i = 0; i < n; i++) {
		if (i)
			sbuf_addc(&out, '/');
		sbuf_add(&out, parts[i]);
	}
	if (out.len == 0)
		sbuf_addc(&out, '.');
	free(parts);
	free(p);
	return sbuf_detach(&out);
}

char *path_join(const char *dir, const char *rel)
{
	struct sbuf b = {0};
	if (rel[0] != '/' && strcmp(dir, ".") != 0) {
		sbuf_add(&b, dir);
		sbuf_addc(&b, '/');
	}
	sbuf_add(&b, rel);
	return path_tidy(sbuf_detach(&b));
}

int path_has_ext(const char *path, const char *ext)
{
	size_t lp = strlen(path), le = strlen(ext);
	return lp >= le && strcasecmp(path + lp - le, ext) == 0;
}

static const char *program_argv0;

void path_program_started(const char *argv0)
{
	program_argv0 = argv0;
}

/* argv[0] as the shell found it: as it is when it holds a '/', else the
 * first executable of that name along $PATH. */
static char *program_from_argv0(void)
{
	const char *name = program_argv0;
	if (!name || !*name)
		return NULL;
	if (strchr(name, '/'))
		return xstrdup(name);
	const char *dirs = getenv("PATH");
	for (const char *d = dirs; d && *d;) {
		size_t len = strcspn(d, ":");
		struct sbuf candidate = {0};
		sbuf_addf(&candidate, "%.*s/%s", (int)len, len ? d : ".", name);
		if (access(sbuf_str(&candidate), X_OK) == 0)
			return sbuf_detach(&candidate);
		sbuf_release(&candidate);
		d += len + (d[len] == ':');
	}
	return NULL;
}

char *path_of_program(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n > 0) {
		buf[n] = '\0';
		return xstrdup(buf);
	}
	char *given = program_from_argv0();
	char *resolved = given ? realpath(given, NULL) : NULL;
	free(given);
	return resolved;
}


int path_within(const char *path, const char *dir)
{
	size_t len;
	if (file_texts_find(path, &len)) /* a saved run's file: checked when it was saved */
		return 1;
	char *real = realpath(path, NULL), *root = realpath(dir, NULL);
	int within = -1;
	if (real && root) {
		size_t n = strlen(root);
		within = strncmp(real, root, n) == 0 &&
			 (real[n] == '\0' || real[n] == '/' || (n == 1 && root[0] == '/'));
	}
	free(real);
	free(root);
	return within;
}

int path_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int path_is_folder(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}
