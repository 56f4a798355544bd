/* The language of what people read, and its catalog. Chinese is switched
 * on without a generated zh_CN locale, which a fresh machine lacks: glibc
 * reads $LANGUAGE when LC_MESSAGES is any locale but "C", and C.UTF-8 is
 * built into glibc, so LC_MESSAGES=C.UTF-8 with LANGUAGE=zh_CN finds
 * zh_CN/LC_MESSAGES/assay.mo. LC_CTYPE becomes C.UTF-8 as well, so that
 * glibc's own messages (strerror) come out as UTF-8 rather than '?'; its
 * classes of single bytes are the C locale's. LC_NUMERIC is left alone:
 * numbers keep the C locale's decimal point. */
#include "lang.h"

#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mem.h"
#include "path.h"

/* Where make install puts the catalogs (PREFIX/share/locale). */
#ifndef ASSAY_LOCALEDIR
#define ASSAY_LOCALEDIR "/usr/local/share/locale"
#endif

#define DOMAIN "assay"

static enum lang current = LANG_EN;
static enum lang_source chosen_by = LANG_BY_DEFAULT;
static bool catalog_bound;

int lang_parse(const char *code, enum lang *out)
{
	if (strcmp(code, "en") == 0 || strncmp(code, "en_", 3) == 0 || strncmp(code, "en-", 3) == 0) {
		*out = LANG_EN;
		return 0;
	}
	if (strcmp(code, "zh") == 0 || strncmp(code, "zh_", 3) == 0 || strncmp(code, "zh-", 3) == 0) {
		*out = LANG_ZH;
		return 0;
	}
	return -1;
}

enum lang lang_of_locale(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return strncmp(v, "zh", 2) == 0 ? LANG_ZH : LANG_EN;
	}
	return LANG_EN;
}

static bool has_catalog(const char *dir)
{
	char *mo = path_join(dir, "zh_CN/LC_MESSAGES/" DOMAIN ".mo");
	bool found = access(mo, R_OK) == 0;
	free(mo);
	return found;
}

/* dir/rel when it holds the catalog; NULL otherwise. */
static char *catalog_in(const char *dir, const char *rel)
{
	char *candidate = path_join(dir, rel);
	if (has_catalog(candidate))
		return candidate;
	free(candidate);
	return NULL;
}

/* $ASSAY_LOCALEDIR; else beside the program: installed (../share/locale),
 * in the build tree (build/assay: locale/) or the copy at the top of the
 * checkout (./assay: build/locale/); else where make install puts it. */
char *lang_catalog_dir(void)
{
	static const char *const beside[] = {"../share/locale", "locale", "build/locale"};
	const char *env = getenv("ASSAY_LOCALEDIR");
	if (env && *env)
		return has_catalog(env) ? xstrdup(env) : NULL;
	char *program = path_of_program(), *found = NULL;
	if (program) {
		char *bin = path_dirname(program);
		for (size_t i = 0; !found && i < sizeof beside / sizeof *beside; i++)
			found = catalog_in(bin, beside[i]);
		free(bin);
		free(program);
	}
	if (!found && has_catalog(ASSAY_LOCALEDIR))
		found = xstrdup(ASSAY_LOCALEDIR);
	return found;
}

static void bind_catalog(void)
{
	if (catalog_bound)
		return;
	catalog_bound = true;
	char *dir = lang_catalog_dir();
	if (dir)
		bindtextdomain(DOMAIN, dir);
	bind_textdomain_codeset(DOMAIN, "UTF-8");
	free(dir);
}

void lang_choose(enum lang lang, enum lang_source source)
{
	if (source < chosen_by)
		return;
	chosen_by = source;
	current = lang;
	if (lang != LANG_ZH)
		return;
	bind_catalog();
	setenv("LANGUAGE", "zh_CN", 1);
	setlocale(LC_MESSAGES, "C.UTF-8");
	setlocale(LC_CTYPE, "C.UTF-8");
	/* tells gettext that the environment changed: it forgets what it
	 * looked up before */
	textdomain(DOMAIN);
}

enum lang lang_current(void)
{
	return current;
}

const char *lang_tag(void)
{
	return current == LANG_ZH ? "zh-CN" : "en";
}

const char *tr(const char *msgid)
{
	if (current == LANG_EN || !*msgid)
		return msgid;
	return dgettext(DOMAIN, msgid);
}

void tr_all(const char *const *msgids, size_t n, const char **out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = tr(msgids[i]);
}

const char *trn(const char *singular, const char *plural, unsigned long n)
{
	if (current == LANG_EN)
		return n == 1 ? singular : plural;
	return dngettext(DOMAIN, singular, plural, n);
}

const char *tr_in(const char *context, const char *msgid)
{
	char key[256];
	if (current == LANG_EN ||
	    (size_t)snprintf(key, sizeof key, "%s\004%s", context, msgid) >= sizeof key)
		return msgid;
	const char *found = dgettext(DOMAIN, key);
	return found == key ? msgid : found;
}
