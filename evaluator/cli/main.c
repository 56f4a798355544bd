/* assay: the command table and the global options, nothing else. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lang.h"
#include "mem.h"
#include "names.h"
#include "path.h"
#include "plan_cache.h"

#ifndef ASSAY_VERSION
#define ASSAY_VERSION "0.1.0"
#endif

static const struct command commands[] = {
	{"check", cmd_check, N_("validate a plan and compile its rule file")},
	{"import", cmd_import, N_("import reported figures (CSV, YAML) into the store")},
	{"score", cmd_score, N_("scorecards and ranking for a period")},
	{"report", cmd_report, N_("a report to read: HTML with charts, Excel, Markdown, CSV")},
	{"template", cmd_template, N_("the sheet each unit fills in with its figures (CSV, Excel)")},
	{"params", cmd_params, N_("list the tunable numbers a plan's rule file declares")},
	{"test", cmd_test, N_("run the rule test cases beside a plan's rule file")},
	{"explain", cmd_explain, N_("how a unit's scores, total, rank and verdict came about")},
	{"whatif", cmd_whatif, N_("what changes if figures or rules change (nothing is stored)")},
	{"status", cmd_status, N_("who has reported what for a period (报送情况)")},
	{"runs", cmd_runs, N_("list the runs of a plan saved with score --save")},
	{"show", cmd_show, N_("print a saved run as it was")},
	{"diff", cmd_diff, N_("what changed between two saved runs, and why")},
	{"verify", cmd_verify, N_("score a saved run again and say whether it is identical")},
	{"history", cmd_history, N_("every value a unit's figures have had, when, from which file")},
	{"units", cmd_units, N_("list the units a plan assesses")},
	{"indicators", cmd_indicators, N_("list a plan's indicators and targets")},
};

#define NCOMMANDS (sizeof commands / sizeof *commands)
#define USAGE "assay [--db PATH] [--lang zh|en] COMMAND [ARGS...]"

/* Where compiled plans are kept (plan_cache.h): $ASSAY_CACHE_DIR, else
 * $XDG_CACHE_HOME/assay, else ~/.cache/assay; none without a home. */
static void use_plan_cache(void)
{
	const char *dir = getenv("ASSAY_CACHE_DIR"), *xdg = getenv("XDG_CACHE_HOME"),
		   *home = getenv("HOME");
	char *path = NULL;
	if (dir && *dir)
		path = xstrdup(dir);
	else if (xdg && *xdg == '/')
		path = path_join(xdg, "assay");
	else if (home && *home == '/')
		path = path_join(home, ".cache/assay");
	plan_cache_use(path);
	free(path);
}

/* --lang zh|en, anywhere before "--", so that every command takes it: the
 * language is chosen and the option taken out of argv (*argc shrinks).
 * 0, or EXIT_USAGE after printing why. */
static int take_lang_option(int *argc, char **argv)
{
	int kept = 1;
	bool options = true;
	for (int i = 1; i < *argc; i++) {
		const char *code = NULL;
		if (options && strcmp(argv[i], "--") == 0)
			options = false;
		if (options && strcmp(argv[i], "--lang") == 0) {
			if (++i == *argc)
				return usage_error(USAGE, _("--lang needs a language: zh or en"));
			code = argv[i];
		} else if (options && strncmp(argv[i], "--lang=", 7) == 0) {
			code = argv[i] + 7;
		} else {
			argv[kept++] = argv[i];
			continue;
		}
		enum lang lang;
		if (lang_parse(code, &lang) != 0)
			return usage_error(USAGE, _("unknown language '%s' (zh or en)"), code);
		lang_choose(lang, LANG_BY_OPTION);
	}
	argv[kept] = NULL;
	*argc = kept;
	return 0;
}

static void print_help(void)
{
	printf(_("usage: %s\n\n"
		 "Scores assessment plans: units, indicators and targets from a YAML plan,\n"
		 "reported figures from CSV or YAML, every judgement from a Lua rule file.\n\n"
		 "commands:\n"), USAGE);
	for (size_t i = 0; i < NCOMMANDS; i++)
		printf("  %-12s %s\n", commands[i].name, _(commands[i].summary));
	printf(_("\noptions:\n"
		 "  --db PATH      the store (default: $ASSAY_DB, else assay.db)\n"
		 "  --lang zh|en   the language of what is printed, on every command\n"
		 "                 (default: the plan's language key, else the locale)\n"
		 "  --no-cache     load the plan from its files, not from its compiled\n"
		 "                 form (kept in $ASSAY_CACHE_DIR, else\n"
		 "                 $XDG_CACHE_HOME/assay, else ~/.cache/assay)\n"
		 "  --version      print the version\n"
		 "  --help         this help; 'assay COMMAND --help' for a command's\n\n"
		 "exit codes: 0 ok, 1 failure, 2 usage\n"));
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static int unknown_command(const char *name)
{
	const char *names[NCOMMANDS];
	for (size_t i = 0; i < NCOMMANDS; i++)
		names[i] = commands[i].name;
	const char *near = nearest_name(name, names, NCOMMANDS);
	if (near)
		return usage_error(USAGE, _("unknown command '%s' (did you mean '%s'?)"), name, near);
	return usage_error(USAGE, _("unknown command '%s' (see 'assay --help')"), name);
}

int main(int argc, char **argv)
{
	memory_setup();
	path_program_started(argc > 0 ? argv[0] : NULL);
	lang_choose(lang_of_locale(), LANG_BY_LOCALE);
	int rc = take_lang_option(&argc, argv);
	if (rc != 0)
		return rc;
	struct context ctx = {getenv("ASSAY_DB")};
	if (!ctx.db_path || !*ctx.db_path)
		ctx.db_path = "assay.db";
	use_plan_cache();
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			print_help();
			return EXIT_OK;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("assay %s\n", ASSAY_VERSION);
			return EXIT_OK;
		} else if (strcmp(argv[i], "--db") == 0) {
			if (++i == argc)
				return usage_error(USAGE, _("--db needs a path"));
			ctx.db_path = argv[i];
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			ctx.db_path = argv[i] + 5;
		} else if (strcmp(argv[i], "--no-cache") == 0) {
			plan_cache_use(NULL);
		} else {
			return usage_error(USAGE, _("unknown option '%s'"), argv[i]);
		}
	}
	if (i == argc)
		return usage_error(USAGE, _("no command given (see 'assay --help')"));
	const struct command *cmd = find_command(argv[i]);
	if (!cmd)
		return unknown_command(argv[i]);
	return cmd->run(argc - i, argv + i, &ctx);
}
