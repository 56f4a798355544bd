/* lang: the language people read assay in, English or Chinese, and the
 * translation of a message into it (GNU gettext, po/zh_CN.po).
 *
 * The language is chosen once per run, the strongest say winning: the
 * --lang option, else the plan's `language:` key, else the locale
 * (LC_ALL, LC_MESSAGES, LANG: zh... is Chinese), else English. What
 * tools read (CSV and JSON field names and values, ids) is never
 * translated: only what a person reads goes through _(). */
#ifndef ASSAY_LANG_H
#define ASSAY_LANG_H

#include <stddef.h>

enum lang { LANG_EN, LANG_ZH };

/* Who chose the language, weakest first: a later choice replaces an
 * earlier one only when it comes from as strong a source or stronger. */
enum lang_source { LANG_BY_DEFAULT, LANG_BY_LOCALE, LANG_BY_PLAN, LANG_BY_OPTION };

/* "en" or "zh" (also "zh_CN", "zh-CN", "zh_CN.UTF-8"); 0, or -1 when code
 * names neither. */
int lang_parse(const char *code, enum lang *out);
/* The language the locale's environment asks for: the first of LC_ALL,
 * LC_MESSAGES and LANG that is set; Chinese for zh..., else English. */
enum lang lang_of_locale(void);
/* Makes lang the language of what is printed from now on, unless a
 * stronger source has chosen already. */
void lang_choose(enum lang lang, enum lang_source source);
enum lang lang_current(void);
/* "en" or "zh-CN", for a document's lang attribute. */
const char *lang_tag(void);

/* msgid in the current language (msgid itself in English, or when the
 * catalog lacks it); borrowed, static. */
const char *tr(const char *msgid) __attribute__((format_arg(1)));
#define _(msgid) tr(msgid)
/* out[i] = tr(msgids[i]) for each of the n: a table's headers. */
void tr_all(const char *const *msgids, size_t n, const char **out);
/* msgid as its context (a short English phrase) reads it, for a word
 * translated apart from the same word elsewhere ("unit" as a template's
 * column is 单位代码, as a ranking's 单位). */
const char *tr_in(const char *context, const char *msgid) __attribute__((format_arg(2)));
/* The singular or the plural of a message by the count n, in the current
 * language (Chinese has one form for every count). */
const char *trn(const char *singular, const char *plural, unsigned long n)
	__attribute__((format_arg(1))) __attribute__((format_arg(2)));
/* Marks msgid in context for translation; tr_in translates it. */
#define NC_(context, msgid) msgid

/* Marks a string for translation where it is defined; _() translates it
 * where it is used. Without parentheses, so that a marked literal still
 * joins the literals beside it. */
#define N_(msgid) msgid

/* Where the catalogs were looked for and found: the folder holding
 * zh_CN/LC_MESSAGES/assay.mo, or NULL when none was. Caller frees. */
char *lang_catalog_dir(void);

#endif
