/* assay: the command table and the global options, nothing else. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mem.h"
#include "names.h"
#include "path.h"

#ifndef ASSAY_VERSION
#define ASSAY_VERSION "0.1.0"
#endif

static const struct command commands[] = {
	{"check", cmd_check, "validate a plan and compile its rule file"},
	{"import", cmd_import, "import reported figures (CSV, YAML) into the store"},
	{"score", cmd_score, "scorecards and ranking for a period"},
	{"report", cmd_report, "a report to read: HTML with charts, Excel, Markdown, CSV"},
	{"template", cmd_template, "the sheet each unit fills in with its figures (CSV, Excel)"},
	{"params", cmd_params, "list the tunable numbers a plan's rule file declares"},
	{"test", cmd_test, "run the rule test cases beside a plan's rule file"},
	{"explain", cmd_explain, "how a unit's scores, total, rank and verdict came about"},
	{"whatif", cmd_whatif, "what changes if figures or rules change (nothing is stored)"},
	{"status", cmd_status, "who has reported what for a period (报送情况)"},
	{"runs", cmd_runs, "list the runs of a plan saved with score --save"},
	{"show", cmd_show, "print a saved run as it was"},
	{"diff", cmd_diff, "what changed between two saved runs, and why"},
	{"verify", cmd_verify, "score a saved run again and say whether it is identical"},
	{"history", cmd_history, "every value a unit's figures have had, when, from which file"},
	{"units", cmd_units, "list the units a plan assesses"},
	{"indicators", cmd_indicators, "list a plan's indicators and targets"},
};

#define NCOMMANDS (sizeof commands / sizeof *commands)
#define USAGE "assay [--db PATH] COMMAND [ARGS...]"

static void print_help(void)
{
	printf("usage: %s\n\n"
	       "Scores assessment plans: units, indicators and targets from a YAML plan,\n"
	       "reported figures from CSV or YAML, every judgement from a Lua rule file.\n\n"
	       "commands:\n", USAGE);
	for (size_t i = 0; i < NCOMMANDS; i++)
		printf("  %-12s %s\n", commands[i].name, commands[i].summary);
	printf("\noptions:\n"
	       "  --db PATH    the store (default: $ASSAY_DB, else assay.db)\n"
	       "  --version    print the version\n"
	       "  --help       this help; 'assay COMMAND --help' for a command's\n\n"
	       "exit codes: 0 ok, 1 failure, 2 usage\n");
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
		return usage_error(USAGE, "unknown command '%s' (did you mean '%s'?)", name, near);
	return usage_error(USAGE, "unknown command '%s' (see 'assay --help')", name);
}

int main(int argc, char **argv)
{
	memory_setup();
	path_program_started(argc > 0 ? argv[0] : NULL);
	struct context ctx = {getenv("ASSAY_DB")};
	if (!ctx.db_path || !*ctx.db_path)
		ctx.db_path = "assay.db";
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
				return usage_error(USAGE, "--db needs a path");
			ctx.db_path = argv[i];
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			ctx.db_path = argv[i] + 5;
		} else {
			return usage_error(USAGE, "unknown option '%s'", argv[i]);
		}
	}
	if (i == argc)
		return usage_error(USAGE, "no command given (see 'assay --help')");
	const struct command *cmd = find_command(argv[i]);
	if (!cmd)
		return unknown_command(argv[i]);
	return cmd->run(argc - i, argv + i, &ctx);
}
