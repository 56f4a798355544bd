/* cli: what every subcommand shares: exit codes, the context the global
 * options set, usage and error printing, the rule limits options. */
#ifndef ASSAY_CLI_H
#define ASSAY_CLI_H

#include <getopt.h>
#include <stdbool.h>

#include "diag.h"
#include "host.h"
#include "lang.h"

enum exit_code { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

struct context {
	const char *db_path;    /* --db, $ASSAY_DB, or assay.db */
};

struct command {
	const char *name;
	int (*run)(int argc, char **argv, const struct context *ctx);
	const char *summary;
};

int cmd_check(int argc, char **argv, const struct context *ctx);
int cmd_import(int argc, char **argv, const struct context *ctx);
int cmd_score(int argc, char **argv, const struct context *ctx);
int cmd_units(int argc, char **argv, const struct context *ctx);
int cmd_indicators(int argc, char **argv, const struct context *ctx);
int cmd_status(int argc, char **argv, const struct context *ctx);
int cmd_whatif(int argc, char **argv, const struct context *ctx);
int cmd_test(int argc, char **argv, const struct context *ctx);
int cmd_params(int argc, char **argv, const struct context *ctx);
int cmd_explain(int argc, char **argv, const struct context *ctx);
int cmd_report(int argc, char **argv, const struct context *ctx);
int cmd_template(int argc, char **argv, const struct context *ctx);
int cmd_runs(int argc, char **argv, const struct context *ctx);
int cmd_show(int argc, char **argv, const struct context *ctx);
int cmd_diff(int argc, char **argv, const struct context *ctx);
int cmd_verify(int argc, char **argv, const struct context *ctx);
int cmd_history(int argc, char **argv, const struct context *ctx);

/* Prints a diagnostic to stderr ("assay: " before one without a location)
 * and returns EXIT_FAIL. */
int report(const diag_t *d);
/* Prints "assay CMD: message" and the usage line to stderr; EXIT_USAGE. */
int usage_error(const char *usage, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Writes text to stdout; EXIT_FAIL (with a message) if that fails. */
int print_out(const char *text, size_t len);

/* getopt_long entries for the rule limits, to put in a command's table. */
/* The values getopt gives the long options without a letter. */
enum { OPT_MAX_RUN_SECONDS = 0x100, OPT_MAX_RUN_MEMORY };
#define LIMIT_OPTIONS                                                    \
	{"max-instructions", required_argument, NULL, 'I'},              \
	{"max-memory", required_argument, NULL, 'M'},                    \
	{"max-seconds", required_argument, NULL, 'S'},                   \
	{"max-run-seconds", required_argument, NULL, OPT_MAX_RUN_SECONDS}, \
	{"max-run-memory", required_argument, NULL, OPT_MAX_RUN_MEMORY}
#define LIMIT_HELP N_(                                                     \
	"      --max-instructions N  stop a rule after N Lua instructions per call\n" \
	"                            (default 100000000)\n"                   \
	"      --max-memory MIB      the rules' memory limit in MiB (default 256)\n" \
	"      --max-seconds S       stop a rule after S seconds per call (default 5)\n" \
	"      --max-run-seconds S   stop scoring when the rules have taken S seconds\n" \
	"                            in all (default 600)\n"                   \
	"      --max-run-memory MIB  stop scoring when the reasons and error messages\n" \
	"                            kept from the rules take MIB in all (default 1024)\n")

void limits_default(struct host_limits *limits);
/* Handles -I/-M/-S from getopt; 0, or EXIT_USAGE after printing why. */
int limits_option(int opt, const char *arg, struct host_limits *limits, const char *usage);

struct plan;
struct table;
/* The shape of `assay units PLAN` and `assay indicators PLAN`: one plan
 * argument, a table filled by fill() printed to stdout. */
int run_plan_listing(int argc, char **argv, const char *usage, const char *const *help,
		     void (*fill)(const struct plan *plan, struct table *t));

struct period;
/* Parses a period of the plan's year: 0, EXIT_USAGE for text that is not a
 * period, EXIT_FAIL for another year (each after printing why). */
int plan_period(const struct plan *plan, const char *text, const char *usage,
		struct period *out);

/* The default branch of a command's getopt loop: the limits options, else
 * "unknown option". 0, or EXIT_USAGE after printing why. */
int limits_or_unknown_option(int opt, const char *arg, struct host_limits *limits,
			     const char *usage);
/* What the commands that score a period share: --period, --bom, --no-bom,
 * --quiet and the rule limits. */
struct scoring_options {
	const char *period;
	bool bom, no_bom, quiet;
	struct host_limits limits;
};
#define SCORING_OPTIONS                                                  \
	{"period", required_argument, NULL, 'p'},                        \
	{"bom", no_argument, NULL, 'B'},                                 \
	{"no-bom", no_argument, NULL, 'N'},                              \
	{"quiet", no_argument, NULL, 'q'},                               \
	LIMIT_OPTIONS
#define SCORING_SHORT "p:q"
void scoring_options_init(struct scoring_options *o);
/* The default branch of such a command's getopt loop: the options above,
 * else "unknown option". 0, or EXIT_USAGE after printing why. */
int scoring_option(int opt, const char *arg, struct scoring_options *o, const char *usage);

/* After getopt: exactly one plan argument (into *plan) and a --period. */
int one_plan_and_period(int argc, char **argv, const char *command, const char *period,
			const char *usage, const char **plan);

/* Loads the plan at path, runs fn on it and releases it; fn's return, or
 * EXIT_FAIL after printing why the plan did not load. */
int with_plan(const char *path, int (*fn)(const struct plan *plan, void *arg), void *arg);
/* A unit and, when indicator_name is not NULL, one of its indicators (ids
 * or names); *ind -1 without one. 0, or -1 with d naming what is unknown
 * (did you mean ...?) or whom the indicator is not for. */
int resolve_subject(const struct plan *plan, const char *unit_name, const char *indicator_name,
		    int *unit, int *ind, diag_t *d);

/* For commands without options: a plan file and at most `most` - 1 more
 * arguments after it. 0, or EXIT_USAGE after printing why. */
int plan_arguments(int argc, char **argv, const char *usage, const char *command, int most);

/* A --unit option (id or name; NULL: none) as a unit index in *out (-1:
 * none). 0, or EXIT_FAIL after printing why, with the nearest name. */
int unit_option(const struct plan *plan, const char *name, int *out);

struct board;
/* Lists the rules that failed on the board to stderr: EXIT_FAIL, or
 * EXIT_OK when none did. */
int report_rule_errors(const struct board *b);
/* Says why a window of the board's items could not be scored again
 * (score_window_failure): EXIT_FAIL, or EXIT_OK when nothing failed. */
int report_window_failure(const struct board *b);

/* The formats of scorecards. */
enum format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON };
/* "table", "csv" or "json"; 0, or EXIT_USAGE after printing why. */
int parse_format(const char *arg, const char *usage, enum format *out);
/* "table" or "json" (*json true); 0, or EXIT_USAGE after printing why. */
int parse_table_or_json(const char *arg, const char *usage, bool *json);

/* A run's id, as `assay runs` lists it ("what" names the argument in the
 * message). 0, or EXIT_USAGE after printing why. */
int run_id_argument(const char *text, const char *what, const char *usage, long *id);

/* Scans argv for --help/-h; when found, prints the help in the reader's
 * language ("usage: " and usage, a blank line, then each of the NULL-ended
 * parts translated) and returns 1. */
int wants_help_in(int argc, char **argv, const char *usage, const char *const *parts);

#endif
