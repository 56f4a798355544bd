# The layers of evaluator/, from the bottom up, and what each may include:
# LAYER_x lists the folders whose headers files in x/ may include (besides
# x/ itself); LIBS_x the outside libraries' headers they may include.
# The Makefile compiles each folder with only these include paths, so a
# wrong include fails to compile; tests/layers.sh checks the same rule on
# the sources (headers of the system, like <sqlite3.h>, are reachable from
# anywhere, so only the check sees those). docs/ARCHITECTURE.md explains.

# leaves: memory, strings, UTF-8, numbers, names, periods, paths, diagnostics
LAYER_base    :=
LIBS_base     := utf8proc
# file formats and terminals: YAML, CSV, JSON, xlsx writing, tables, output
LAYER_io      := base
LIBS_io       := yaml csv nettle xlsxwriter
# the plan: the YAML walk, its queries, targets and time progress
LAYER_plan    := io base
LIBS_plan     :=
# scorecards: boards, cards, items, trends (plain structs)
LAYER_card    := plan io base
LIBS_card     :=
# the SQLite store: figures, corrections, saved runs (compressed by zstd;
# zlib reads the runs saved before schema 9)
LAYER_store   := io base
LIBS_store    := sqlite3 utf8proc zlib zstd
# the Lua sandbox that runs rule files, its standard library, trace, lint
LAYER_host    := card plan io base
LIBS_host     := lua
# reading reported figures (CSV, xlsx, xls, YAML) and importing them
LAYER_figures := store plan io base
LIBS_figures  := csv zip expat freexl gsf
# every output format of scorecards, and the templates units fill in
LAYER_report  := card plan io base
LIBS_report   := xlsxwriter
# scoring a period: readings from the store, the engine, the rules
LAYER_score   := host store card plan io base
LIBS_score    :=
# saved runs made from a scoring, and their comparison
LAYER_runs    := score report host store card plan io base
LIBS_runs     :=
# the command line: main, options, one file per command
LAYER_cli     := runs score figures report host store card plan io base
LIBS_cli      :=

LAYERS := base io plan card store host figures report score runs cli
