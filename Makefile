# assay: a rules-driven assessment evaluator.
#
#   make          build ./assay
#   make demo     install what is missing, build, score the bundled plans: a
#                 summary of each, every scorecard of Lucheng's 2023 plan
#   make check    install what is missing, build, run every test (also sanitized),
#                 the layer check and the HTML report in headless Chromium
#   make bench    time import, scoring and what-if on U units × I indicators,
#                 and assay against the shared workload's plain C (PEER_SIZES)
#   make fuzz     fuzz the loaders and parsers, FUZZ_SECONDS each (needs clang)
#   make install  PREFIX=/usr/local DESTDIR=: the binary, the standard rule
#                 library, the man page, and the bundled plans, rules and
#                 sample figures as examples (share/assay/examples)
#   make uninstall  with the same PREFIX and DESTDIR: what install put there
#
# CFLAGS, CPPFLAGS and LDFLAGS from the environment or the command line are
# used (a packager's hardening flags). Warnings stop the build only with
# WERROR=1, which make check and CI set.

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
SHAREDIR ?= $(PREFIX)/share/assay
MANDIR   ?= $(PREFIX)/share/man
EXAMPLEDIR ?= $(SHAREDIR)/examples
LOCALEDIR ?= $(PREFIX)/share/locale
MO_FILE   = zh_CN/LC_MESSAGES/assay.mo
CATALOG   = locale/$(MO_FILE)

CC       ?= cc
PKGS      = lua5.4 yaml-0.1 sqlite3 libutf8proc nettle xlsxwriter libzip expat zlib libzstd freexl libgsf-1
# Lua's headers are for host/ alone (evaluator/layers.mk)
NON_LUA_PKGS = $(filter-out lua5.4,$(PKGS))
WERROR   ?=
WARN      = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            $(if $(filter 1,$(WERROR)),-Werror)
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -pthread $(WARN) $(CPPFLAGS) $(CFLAGS) \
             $(shell pkg-config --cflags $(NON_LUA_PKGS) 2>/dev/null)
# Where install puts the standard library: the binary's last place to look
# for it, after $ASSAY_RULES_LIB and share/assay/rules/lib beside its bin/.
RULES_LIB = $(SHAREDIR)/rules/lib
LUA_CFLAGS = $(shell pkg-config --cflags lua5.4 2>/dev/null)
# libgsf, and GLib, GIO, libxml2 and ICU under it, are loaded when an .xls
# workbook's formulas are first read (evaluator/figures/xls_formulas.c),
# not at start-up: loading them took longer than `assay check` takes to
# check a plan. Its headers are used; the library is found by its soname.
DLOPEN_PKGS = libgsf-1
GSF_SONAME := $(shell objdump -p "$$(pkg-config --variable=libdir libgsf-1 2>/dev/null)/libgsf-1.so" \
                2>/dev/null | awk '/SONAME/ { print $$2 }')
ALL_CFLAGS += -DGSF_SONAME='"$(or $(GSF_SONAME),libgsf-1.so.114)"'
LIBS      = $(shell pkg-config --libs $(filter-out $(DLOPEN_PKGS),$(PKGS)) 2>/dev/null) -lcsv -lm -pthread
CHECK_LIBS = $(shell pkg-config --libs check 2>/dev/null)

# Debian packages the build, the tests and the sample-data generator need:
# libxlsxwriter writes the Excel reports, libzip and expat read filled-in
# xlsx templates back, FreeXL reads old .xls workbooks and libgsf takes
# their stream of records out of the file for the formulas FreeXL does not
# read (evaluator/figures/xls_formulas.c), zstd compresses the
# scorecards of saved runs (zlib reads those saved before schema 9, and
# the tests read a run's texts with the zstd program), util-linux's
# `script` gives the progress-bar
# test a terminal, gettext's msgfmt compiles the Chinese messages
# (po/zh_CN.po); the tests write workbooks as offices' programs do with
# python3-openpyxl (.xlsx) and python3-xlwt (.xls).
DEB_PACKAGES = build-essential pkg-config liblua5.4-dev lua5.4 libyaml-dev \
               libsqlite3-dev sqlite3 check libcsv-dev libutf8proc-dev nettle-dev \
               libxlsxwriter-dev libzip-dev libexpat1-dev zlib1g-dev libzstd-dev zstd unzip util-linux \
               gettext libfreexl-dev libgsf-1-dev python3-openpyxl python3-xlwt
# What only the browser test of the HTML report needs (make check, not make):
# the browser, a CJK font so its screenshot shows the Chinese text, and
# pdftotext (poppler-utils) to read back the report it prints to PDF, and
# Python's imaging library (PIL) to make the screenshot grey and measure
# its bars, and to crop the README's screenshot (make screenshot).
BROWSER_PACKAGES = chromium fonts-wqy-microhei poppler-utils python3-pil
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# evaluator/ has a folder per layer; layers.mk says which folders each may
# include, and a file is compiled with those include paths only.
include evaluator/layers.mk
layer_of       = $(firstword $(subst /, ,$(1)))
layer_includes = -Ievaluator/$(1) $(foreach d,$(LAYER_$(1)),-Ievaluator/$(d)) \
                 $(if $(filter lua,$(LIBS_$(1))),$(LUA_CFLAGS))
# tests see every layer
ALL_INCLUDES   = $(foreach d,$(LAYERS),-Ievaluator/$(d)) $(LUA_CFLAGS)

BUILD    ?= build
SRCS      = $(wildcard evaluator/*/*.c)
LIB_SRCS  = $(filter-out evaluator/cli/main.c,$(SRCS))
LIB_OBJS  = $(LIB_SRCS:evaluator/%.c=$(BUILD)/%.o)
UNIT_SRCS = $(wildcard tests/unit/*.c)
UNIT_OBJS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%.o)
HEADERS   = $(wildcard evaluator/*/*.h)
# The bundled plans, their rules and rule tests, and the sample figures.
EXAMPLES  = $(wildcard plans/*.yaml plans/data/* rules/*.lua rules/*.tests.yaml)

.PHONY: all deps browser-deps browser screenshot demo check test layers po po-update unit e2e rule-tests sanitize install \
	uninstall install-test clean fuzz fuzz-smoke fuzz-deps fuzz-build bench bench-deps bench-smoke FORCE

all: assay

assay: $(BUILD)/assay
	$(Q)cp $< $@

# `make V=1` shows the full compiler command lines.
Q = $(if $(V),,@)

$(BUILD)/assay: $(BUILD)/cli/main.o $(BUILD)/libassay.a | $(BUILD)/$(CATALOG)
	@echo "  LINK    $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# The Chinese messages (CATALOG), compiled beside the binary, where it
# finds them (evaluator/base/lang.c); installed into LOCALEDIR.
$(BUILD)/$(CATALOG): po/zh_CN.po
	@mkdir -p $(@D)
	@echo "  MSGFMT  $<"
	$(Q)msgfmt --check -o $@ $<

$(BUILD)/libassay.a: $(LIB_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/%.o: evaluator/%.c $(HEADERS) evaluator/layers.mk $(BUILD)/flags | $(BUILD)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(call layer_includes,$(call layer_of,$*)) -c -o $@ $<

# What the objects are compiled with, and the place of the standard library
# compiled into host_sandbox.c, each in a file that changes only when it
# does (`$(call keep,FILE,TEXT)`): the objects depend on them, so that a
# build with other CFLAGS or WERROR compiles again, and one with another
# PREFIX (make install PREFIX=/x after make) compiles host_sandbox.c again.
quote = '$(subst ','\'',$(1))'
keep = echo $(call quote,$(2)) | cmp -s - $(1) || echo $(call quote,$(2)) >$(1)
$(BUILD)/flags: FORCE | $(BUILD)
	@$(call keep,$@,$(CC) $(ALL_CFLAGS) $(LDFLAGS))
$(BUILD)/rules-lib: FORCE | $(BUILD)
	@$(call keep,$@,$(RULES_LIB))
$(BUILD)/locale-dir: FORCE | $(BUILD)
	@$(call keep,$@,$(LOCALEDIR))
$(BUILD)/base/lang.o: ALL_CFLAGS += -DASSAY_LOCALEDIR='"$(LOCALEDIR)"'
$(BUILD)/base/lang.o: $(BUILD)/locale-dir
$(BUILD)/host/host_sandbox.o: ALL_CFLAGS += -DASSAY_RULES_LIB='"$(RULES_LIB)"'
$(BUILD)/host/host_sandbox.o: $(BUILD)/rules-lib

FORCE:

$(BUILD)/tests/%.o: tests/unit/%.c $(HEADERS) tests/unit/unit.h $(BUILD)/flags | $(BUILD)
	@mkdir -p $(BUILD)/tests
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_INCLUDES) $(shell pkg-config --cflags check) -Itests/unit -c -o $@ $<

$(BUILD)/check_assay: $(UNIT_OBJS) $(BUILD)/libassay.a | $(BUILD)/$(CATALOG)
	@echo "  LINK    $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS) $(CHECK_LIBS)

$(BUILD):
	mkdir -p $(BUILD)

# Install the Debian packages only when something is missing.
deps:
	@if pkg-config --exists $(PKGS) check && [ -f /usr/include/csv.h ] \
	    && command -v lua5.4 >/dev/null && command -v sqlite3 >/dev/null \
	    && command -v unzip >/dev/null && command -v script >/dev/null \
	    && command -v msgfmt >/dev/null \
	    && /usr/bin/python3 -c 'import openpyxl, xlwt' 2>/dev/null; then :; else \
	  echo "installing: $(DEB_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(DEB_PACKAGES); fi

# The browser for the HTML report's test, installed only when missing.
browser-deps:
	@if command -v chromium >/dev/null && command -v pdftotext >/dev/null \
	    && fc-list :lang=zh | grep -q . \
	    && /usr/bin/python3 -c 'import PIL' 2>/dev/null; then :; else \
	  echo "installing: $(BROWSER_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(BROWSER_PACKAGES); fi

DEMO_DB = $(BUILD)/demo.db
# Every bundled plan as id:period:figures. Only xuhui-2020's figures are real
# (REAL_FIGURES); the others are sample data (plans/data/README.md).
DEMO_PLANS = lucheng-2023:2023-09:plans/data/lucheng-2023-2023-0*.csv \
             xuhui-2020:2020:plans/data/xuhui-2020.yaml \
             xuhui-2021:2021:plans/data/xuhui-2021.yaml \
             lucheng-2027:2024:plans/data/lucheng-2027.yaml \
             xuhui-brand-2020:2020:plans/data/xuhui-brand-2020.yaml \
             shanghai-brand-2023:2023:plans/data/shanghai-brand-2023.yaml \
             changning-2025:2024:plans/data/changning-2025.yaml
REAL_FIGURES = xuhui-2020
demo: deps
	@$(MAKE) --no-print-directory all
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@for spec in $(DEMO_PLANS); do id=$${spec%%:*}; rest=$${spec#*:}; \
	  ./assay check plans/$$id.yaml && \
	  ./assay --db $(DEMO_DB) import plans/$$id.yaml $${rest#*:} >/dev/null || exit 1; done
	@echo "# 鹿城区 2023, September: every scorecard, in Chinese (the figures are SAMPLE DATA)"
	./assay --db $(DEMO_DB) --lang zh score plans/lucheng-2023.yaml --period 2023-09
	@for spec in $(DEMO_PLANS); do id=$${spec%%:*}; rest=$${spec#*:}; \
	  case " $(REAL_FIGURES) " in *" $$id "*) figures="real figures";; \
	  *) figures="SAMPLE DATA figures (plans/data/README.md)";; esac; \
	  echo; echo "# plans/$$id.yaml: real targets, $$figures"; \
	  ./assay --db $(DEMO_DB) score plans/$$id.yaml --period $${rest%%:*} --summary || exit 1; done
	@./assay --db $(DEMO_DB) --lang zh report plans/lucheng-2023.yaml --period 2023-09 --quiet \
	  -o $(BUILD)/lucheng-2023-09.html
	@echo; echo "# the report to open in a browser: $(BUILD)/lucheng-2023-09.html"

unit: $(BUILD)/check_assay
	CK_VERBOSITY=normal $(BUILD)/check_assay

e2e: assay
	ASSAY=$(abspath $(BUILD)/assay) tests/e2e/run.sh

# The layer rule of evaluator/layers.mk, on the sources, and proof that the
# check refuses an include that breaks it.
layers:
	@tests/layers.sh
	@tests/layers.sh --self-test

# Every message marked for translation has its Chinese in po/zh_CN.po.
po:
	@tests/po.sh

# After marking new messages: adds them to po/zh_CN.po, untranslated, for
# a translator (make po fails until they are translated).
po-update:
	@mkdir -p $(BUILD)
	po/extract.sh $(BUILD)/assay.pot
	msgmerge --quiet --update --backup=none --no-location po/zh_CN.po $(BUILD)/assay.pot

test: layers po unit e2e

# The HTML report in headless Chromium, in Chinese: no console message,
# every unit's section and every matrix cell, the charts' one scale and
# verdict lines, each verdict's bars apart in grey; the screenshots are
# kept as $(BUILD)/report.png and $(BUILD)/report-grey.png. A saved run's
# report printed to PDF on A4: the running header and the page numbers on
# every page. Run once, with the plain build: the sanitized pass makes the
# reports again in the e2e tests (t_report.sh, t_report_runs.sh).
browser: assay browser-deps
	tests/browser/report.sh $(BUILD)/assay $(BUILD)
	tests/browser/print.sh $(BUILD)/assay $(BUILD)

# The README's screenshot of the Chinese report (docs/screenshot.sh).
screenshot: assay browser-deps
	docs/screenshot.sh $(BUILD)/assay docs/report-zh.png

check: deps browser-deps
	@$(MAKE) --no-print-directory WERROR=1 test
	@$(MAKE) --no-print-directory WERROR=1 browser
	@$(MAKE) --no-print-directory WERROR=1 sanitize
	@$(MAKE) --no-print-directory WERROR=1 bench-smoke
	@$(MAKE) --no-print-directory WERROR=1 install-test

# The whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer
# (LeakSanitizer included): any report fails the run.
SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
sanitize:
	@$(MAKE) --no-print-directory BUILD=build-san CFLAGS="$(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" \
	    build-san/assay build-san/check_assay
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    CK_FORK=no CK_VERBOSITY=normal build-san/check_assay
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    ASSAY=$(abspath build-san/assay) tests/e2e/run.sh

# The benchmark (bench/): generates U units × I indicators with figures for
# month M, then times import, scoring to the ranking CSV, a what-if, an
# explain and start-up against a hand-written C reference over the same files; the
# median of REPS runs of each. Results: $(BUILD)/bench/results.csv. Then
# bench/peer.sh times assay against the shared workload's C at each of
# PEER_SIZES units: $(BUILD)/bench/peer.csv. Then bench/memory.sh gives
# the peak memory and time of each command that reads a whole period at
# each of MEMORY_SIZES units (U; `make bench MEMORY_SIZES="20000 200000"`
# for the province scale, which takes a quarter of an hour and more) and
# how they grew: $(BUILD)/bench/memory.csv.
U    ?= 20000
I    ?= 50
M    ?= 9
REPS ?= 3
MEMORY_SIZES ?= $(U)
BENCH = $(BUILD)/bench

# The shared workload assay is compared with (bench/peer.sh), its sizes, and
# its C implementation built as its own run.sh builds it.
PEER_BENCH ?= ../shared/bench
PEER_SIZES ?= 2000 20000
PEER_C      = $(PEER_BENCH)/impl/c/score.c
# node generates the shared workload and turns it into a plan.
BENCH_PACKAGES = nodejs

$(BENCH)/score_c: $(PEER_C) | $(BUILD)
	@mkdir -p $(BENCH)
	@echo "  CC      $<"
	$(Q)gcc -O2 -Wall -Wextra -o $@ $< -lm

$(BENCH)/%: bench/%.c | $(BUILD)
	@mkdir -p $(BENCH)
	@echo "  CC      $<"
	$(Q)$(CC) -std=c11 $(WARN) -O2 -o $@ $< -lm

bench: deps bench-deps
	@$(MAKE) --no-print-directory all $(BENCH)/reference $(BENCH)/measure \
	    $(if $(wildcard $(PEER_C)),$(BENCH)/score_c)
	bench/run.sh $(abspath assay) $(abspath $(BENCH)) $(abspath $(BENCH)) $(U) $(I) $(M) $(REPS)
	bench/peer.sh $(abspath assay) $(abspath $(BENCH)) $(abspath $(BENCH)) $(abspath $(PEER_BENCH)) \
	    $(REPS) "$(PEER_SIZES)"
	bench/memory.sh $(abspath assay) $(abspath $(BENCH)) $(abspath $(BENCH)) $(I) $(M) "$(MEMORY_SIZES)"

# node, for the shared workload, installed only when missing and wanted.
bench-deps:
	@if command -v node >/dev/null || [ ! -f $(PEER_C) ]; then :; else \
	  echo "installing: $(BENCH_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(BENCH_PACKAGES); fi

# A tiny run, from `make check`: it proves the benchmark still works.
bench-smoke:
	@$(MAKE) --no-print-directory bench U=300 I=10 REPS=1 PEER_SIZES=200

# libFuzzer harnesses (tests/fuzz/fuzz_*.c) for the plan loader, the
# figure readers, the period parser and the rules' sandbox (a rule file
# compiled and a small plan scored), built with clang under ASan and
# UBSan. Each starts from its seed corpus (tests/fuzz/corpus/NAME: real
# files, and every input that ever crashed it; the rules' also from the
# folders FUZZ_SEEDS_rules names); what it finds goes to
# build-fuzz/corpus/NAME. `make fuzz-smoke` replays the seeds and fuzzes
# each for a few seconds, as CI does.
FUZZ_SECONDS ?= 60
# figures_xls (FreeXL) is run on its own (make fuzz FUZZ_TARGETS=figures_xls):
# it finds memory errors inside Debian's FreeXL 1.0.6 on damaged files within
# a minute, which assay cannot fix (README, Hostile input). xls_formulas is
# assay's own walk of an .xls's records (the seeds are workbook streams).
FUZZ_TARGETS = plan figures_csv figures_yaml figures_xlsx xls_formulas period rules
FUZZ_FLAGS   = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
               -fno-omit-frame-pointer
FUZZ_SHARED  = tests/fuzz/fuzz_file.c tests/fuzz/fuzz_figures.c
FUZZ_BINS    = $(FUZZ_TARGETS:%=build-fuzz/fuzz_%)
FUZZ_SEEDS_rules = rules tests/plans tests/e2e/fixtures

fuzz-deps:
	@command -v clang >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq clang; }

fuzz-build: fuzz-deps
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang \
	    CFLAGS="$(FUZZ_FLAGS) -fsanitize=fuzzer-no-link" build-fuzz/libassay.a
	@$(MAKE) --no-print-directory $(FUZZ_BINS)

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_SHARED) tests/fuzz/*.h build-fuzz/libassay.a
	@echo "  LINK    $@"
	$(Q)clang $(ALL_CFLAGS) $(ALL_INCLUDES) $(FUZZ_FLAGS) -fsanitize=fuzzer -Itests/fuzz -o $@ \
	    $< $(FUZZ_SHARED) build-fuzz/libassay.a $(LIBS)

fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p build-fuzz/corpus/$$t && echo "fuzzing $$t for $(FUZZ_SECONDS) s" && \
	  seeds=; [ $$t != rules ] || seeds="$(FUZZ_SEEDS_rules)"; \
	  LSAN_OPTIONS=suppressions=$(abspath tests/fuzz/lsan.supp) \
	  build-fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	      -artifact_prefix=build-fuzz/crash-$$t- \
	      build-fuzz/corpus/$$t tests/fuzz/corpus/$$t $$seeds 2>build-fuzz/fuzz_$$t.log || \
	  { tail -40 build-fuzz/fuzz_$$t.log; exit 1; }; done

fuzz-smoke:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=3

install: $(BUILD)/assay
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(RULES_LIB) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BUILD)/assay $(DESTDIR)$(BINDIR)/assay
	install -m 644 rules/lib/*.lua $(DESTDIR)$(RULES_LIB)/
	install -m 644 man/assay.1 $(DESTDIR)$(MANDIR)/man1/assay.1
	install -D -m 644 $(BUILD)/$(CATALOG) $(DESTDIR)$(LOCALEDIR)/$(MO_FILE)
	@for f in $(EXAMPLES); do \
	  install -D -m 644 $$f $(DESTDIR)$(EXAMPLEDIR)/$$f || exit 1; done
	@echo "installed the examples in $(DESTDIR)$(EXAMPLEDIR)"

# What install put there, and its directories of assay's own when empty.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/assay $(DESTDIR)$(MANDIR)/man1/assay.1
	rm -f $(DESTDIR)$(LOCALEDIR)/$(MO_FILE)
	rm -f $(addprefix $(DESTDIR)$(RULES_LIB)/,$(notdir $(wildcard rules/lib/*.lua)))
	@rm -f $(addprefix $(DESTDIR)$(EXAMPLEDIR)/,$(EXAMPLES))
	@for d in $(EXAMPLEDIR)/plans/data $(EXAMPLEDIR)/plans $(EXAMPLEDIR)/rules $(EXAMPLEDIR) \
	    $(RULES_LIB) $(SHAREDIR)/rules $(SHAREDIR); do \
	  [ ! -d $(DESTDIR)$$d ] || rmdir --ignore-fail-on-non-empty $(DESTDIR)$$d; done

# Installs into a temporary DESTDIR with another PREFIX after the build
# there is, scores a bundled plan with the installed binary and examples
# from another directory, and uninstalls.
install-test: $(BUILD)/assay
	tests/install.sh $(BUILD)

clean:
	rm -rf build build-san build-fuzz assay
