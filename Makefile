# boardpack — build, test, sample, bench.
#
# The public targets (all, check, sample, ...) first make sure the Debian
# packages are present (installing them with apt-get when run as root), then
# re-enter this Makefile with BP_INNER=1 so that pkg-config is only asked
# once the libraries exist.
#
# Every src/STAGE/*.c except src/cli/main.c goes into build/libboardpack.a; every
# tests/unit/test_*.c becomes build/tests/test_* linked against it, so a new
# module or test needs no edit here.

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   := build
SANITIZE ?=

PKGS := cairo cairo-pdf pangocairo pangoft2 fontconfig libxml-2.0 glib-2.0 gio-2.0 zlib
# The tests also read PDFs back with qpdf's C API; boardpack itself does not link it.
TEST_PKGS := cmocka libqpdf
DEBS := build-essential pkg-config libcairo2-dev libpango1.0-dev libxml2-dev \
        libglib2.0-dev libglib2.0-dev-bin libfontconfig-dev libcmocka-dev \
        libqpdf-dev zlib1g-dev poppler-utils qpdf time locales \
        fonts-noto-core fonts-droid-fallback libhyphen-dev hyphen-en-gb \
        chromium default-jre-headless man-db groff-base
# Debian's node and npm, only where no node and npm are installed: a machine
# with NodeSource's nodejs (which bundles npm and conflicts with Debian's npm)
# would otherwise fail the whole apt-get install.
NODE_DEBS := nodejs npm
# Files from those packages that boardpack reads at run time (fonts/debian.list
# names the fonts): their absence also means "install the packages".
DEB_FILES := $(shell sed -n 's/^[a-z][^ ]* //p' fonts/debian.list) /usr/share/hyphen/hyph_en_GB.dic /usr/include/hyphen.h
# chromium, node and java run the browser tests (tests/browser/: axe-core and
# the Nu Html Checker, pinned in its package-lock.json, installed by npm ci).
TOOLS := pdfinfo pdftotext pdffonts pdftoppm pdfimages qpdf glib-compile-resources chromium node npm java man groff

PUBLIC_TARGETS := all check sample bench install valgrind fuzz sample-batch sample-tiers test-update browser

ifndef BP_INNER

.DEFAULT_GOAL := all
.PHONY: $(PUBLIC_TARGETS) deps clean
# Both cores (all of them) by default: -j$(nproc) unless the user gave -j.
# The test suites still run one binary at a time (see check below).
NPROC := $(shell nproc 2>/dev/null || echo 1)
DEFAULT_JOBS = $(if $(filter -j%,$(MAKEFLAGS)),,-j$(NPROC))
$(PUBLIC_TARGETS): deps
	@$(MAKE) --no-print-directory $(DEFAULT_JOBS) BP_INNER=1 $@

# Install what is missing; quiet when everything is there already.
deps:
	@missing=0; \
	pkg-config --exists $(PKGS) $(TEST_PKGS) 2>/dev/null || missing=1; \
	for t in $(TOOLS) cc; do command -v $$t >/dev/null 2>&1 || missing=1; done; \
	for f in $(DEB_FILES); do [ -f $$f ] || missing=1; done; \
	if [ $$missing = 1 ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    debs="$(DEBS)"; \
	    { command -v node && command -v npm; } >/dev/null 2>&1 || debs="$$debs $(NODE_DEBS)"; \
	    echo "boardpack: installing Debian packages: $$debs"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get update -qq && apt-get install -y -qq --no-install-recommends $$debs >/dev/null \
	      || { echo "boardpack: apt-get install failed" >&2; exit 1; }; \
	  else \
	    echo "boardpack: missing build dependencies; run: sudo apt-get install $(DEBS) $(NODE_DEBS)" >&2; exit 1; \
	  fi; \
	fi

clean:
	rm -rf $(BUILD)

else # BP_INNER: the real build ----------------------------------------------

CC ?= cc
OPT ?= -O2
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))
CMOCKA_CFLAGS := $(shell pkg-config --cflags $(TEST_PKGS))
CMOCKA_LIBS   := $(shell pkg-config --libs $(TEST_PKGS))

SAN_FLAGS :=
ifeq ($(SANITIZE),1)
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
BUILD := build/san
# Leaks inside fontconfig only (see the file); UBSan with stacks.
export LSAN_OPTIONS := suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS := print_stacktrace=1
endif
# ThreadSanitizer, for what runs on threads (THREAD_TESTS); its own build,
# since it cannot share one with AddressSanitizer.
ifeq ($(SANITIZE),thread)
SAN_FLAGS := -fsanitize=thread -fno-omit-frame-pointer
BUILD := build/tsan
endif

CFLAGS := -std=c11 $(OPT) -g -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
          -DBOARDPACK_DATADIR='"$(PREFIX)/share/boardpack"' \
          -I$(BUILD)/gen -Isrc $(PKG_CFLAGS) $(SAN_FLAGS) $(EXTRA_CFLAGS)
LDFLAGS := $(SAN_FLAGS) $(EXTRA_LDFLAGS)
LDLIBS  := $(PKG_LIBS) -lhyphen -lm

SRCS     := $(filter-out src/cli/main.c src/base/fonts_cache_gen.c,$(wildcard src/*/*.c))
OBJS     := $(SRCS:src/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/resources.o $(BUILD)/obj/starter.o
TEST_SRCS := $(wildcard tests/unit/test_*.c)
TESTS    := $(TEST_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
E2E_SRCS := $(wildcard tests/e2e/test_*.c)
E2E_TESTS := $(E2E_SRCS:tests/e2e/%.c=$(BUILD)/e2e/%)
SCHEMAS  := $(wildcard src/schema/*.rng)
STARTER  := src/cli/starter/report.xml src/cli/starter/catalogue.xml src/cli/starter/data.csv
BIN      := $(BUILD)/boardpack

.PHONY: $(PUBLIC_TARGETS) unit e2e e2e-locale unit-run e2e-run e2e-locale-run layers threads-run
.DEFAULT_GOAL := all
all: $(BIN)

$(BUILD)/gen/resources.c: src/schema/resources.xml $(SCHEMAS)
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	@glib-compile-resources --sourcedir=src/schema --c-name boardpack --generate-source --target=$@ $<
$(BUILD)/gen/resources.h: src/schema/resources.xml $(SCHEMAS)
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	@glib-compile-resources --sourcedir=src/schema --c-name boardpack --generate-header --target=$@ $<

# The starter report of `boardpack init` (src/cli/cmd_init.c).
$(BUILD)/gen/starter.c: src/cli/starter/starter.gresource.xml $(STARTER)
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	@glib-compile-resources --sourcedir=src/cli/starter --c-name starter --generate-source --target=$@ $<
$(BUILD)/gen/starter.h: src/cli/starter/starter.gresource.xml $(STARTER)
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	@glib-compile-resources --sourcedir=src/cli/starter --c-name starter --generate-header --target=$@ $<

# Generated code is not ours to keep warning-clean.
$(BUILD)/obj/resources.o: $(BUILD)/gen/resources.c $(BUILD)/gen/resources.h
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) -std=c11 $(OPT) -g $(PKG_CFLAGS) $(SAN_FLAGS) -c $< -o $@
$(BUILD)/obj/starter.o: $(BUILD)/gen/starter.c $(BUILD)/gen/starter.h
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) -std=c11 $(OPT) -g $(PKG_CFLAGS) $(SAN_FLAGS) -c $< -o $@

$(BUILD)/obj/%.o: src/%.c $(BUILD)/gen/resources.h $(BUILD)/gen/starter.h
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/libboardpack.a: $(OBJS)
	@rm -f $@
	@ar rcs $@ $^

# The private font cache (src/base/fonts.h): what fontconfig reads from
# each font file, read once here rather than at every start. Remade when a
# font changes; a font changed since is read from its file at run time.
DEBIAN_FONTS := $(wildcard $(shell awk '!/^\#/ && NF == 2 {print $$2}' fonts/debian.list))
$(BUILD)/fonts_cache_gen: $(BUILD)/obj/base/fonts_cache_gen.o $(BUILD)/libboardpack.a
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)
$(BUILD)/gen/fonts_cache.c: $(BUILD)/fonts_cache_gen $(wildcard fonts/*.ttf fonts/*.otf) fonts/debian.list $(DEBIAN_FONTS)
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	@$(BUILD)/fonts_cache_gen $@
$(BUILD)/obj/fonts_cache.o: $(BUILD)/gen/fonts_cache.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) -std=c11 $(OPT) -Isrc $(PKG_CFLAGS) $(SAN_FLAGS) -c $< -o $@

# fonts_cache.o before the library: its table is taken, not the library's
# empty one (fonts_cache_none.c).
$(BIN): $(BUILD)/obj/cli/main.o $(BUILD)/obj/fonts_cache.o $(BUILD)/libboardpack.a
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libboardpack.a tests/unit/testutil.h tests/unit/pdfua_check.h
	@mkdir -p $(@D)
	@echo "  CCLD    $@"
	@$(CC) $(CFLAGS) $(CMOCKA_CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libboardpack.a $(LDFLAGS) $(LDLIBS) $(CMOCKA_LIBS)

$(BUILD)/e2e/%: tests/e2e/%.c $(BUILD)/libboardpack.a tests/unit/testutil.h $(wildcard tests/e2e/*.h) tests/unit/pdfua_check.h
	@mkdir -p $(@D)
	@echo "  CCLD    $@"
	@$(CC) $(CFLAGS) $(CMOCKA_CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libboardpack.a $(LDFLAGS) $(LDLIBS) $(CMOCKA_LIBS)

-include $(wildcard $(BUILD)/obj/*/*.d)

# Tests run from the repository root so that fixtures resolve the same way
# everywhere; output under $(BUILD)/test-out. Everything is built first (in
# parallel), then the suites run one binary at a time so that their output
# stays readable; each suite tees it to a log under $(CHECK_LOGS), and the
# last line is tests/summary.sh's "N tests passed, M failed" — printed
# when something failed too (make -k goes on past a failed suite), with
# make check's status non-zero then.
CHECK_LOGS := $(BUILD)/check-logs
check:
	@rm -rf $(CHECK_LOGS) && mkdir -p $(CHECK_LOGS)
	@status=0; \
	$(MAKE) --no-print-directory -k $(BIN) $(BUILD)/libboardpack.a $(TESTS) $(E2E_TESTS) || status=1; \
	$(MAKE) --no-print-directory -k SANITIZE=thread $(THREAD_TESTS) || status=1; \
	$(MAKE) --no-print-directory -k -j1 layers unit-run threads-run e2e-run e2e-locale-run browser || status=1; \
	sh tests/summary.sh $(CHECK_LOGS)/*.log --make-status $$status
# src/README.md's layering rule: no upward include, no other folder's internal header;
# inside src/layout/, calls follow the order stated in layout_internal.h.
layers: $(BUILD)/libboardpack.a
	@mkdir -p $(CHECK_LOGS)
	@sh tests/run_suite.sh $(CHECK_LOGS)/layers.log --shell check_layers sh tests/check_layers.sh
	@sh tests/run_suite.sh $(CHECK_LOGS)/layers.log --shell check_layout_order \
	  sh tests/check_layout_order.sh $(BUILD)/obj/layout
	@sh tests/run_suite.sh $(CHECK_LOGS)/layers.log --shell check_summary sh tests/check_summary.sh
# unit, e2e and e2e-locale build what they run; the *-run forms (for
# check, after its build) run whatever was built: a test binary that did
# not build is one failure ("== missing" in the log), not a suite skipped.
unit: $(TESTS) $(BIN)
	@$(MAKE) --no-print-directory unit-run
unit-run:
	@mkdir -p $(CHECK_LOGS)
	@BOARDPACK_TEST_OUT=$(BUILD)/test-out sh tests/run_suite.sh $(CHECK_LOGS)/unit.log $(TESTS) \
	  || { echo "unit tests FAILED"; exit 1; }
# The code that runs on threads (src/pdf/pdfpost_contents.c: the
# post-pass's helpers) under ThreadSanitizer, from its own build.
THREAD_TESTS := build/tsan/tests/test_pdfpost
threads-run:
	@mkdir -p $(CHECK_LOGS)
	@TSAN_OPTIONS=halt_on_error=1 BOARDPACK_TEST_OUT=build/tsan/test-out sh tests/run_suite.sh \
	  $(CHECK_LOGS)/threads.log $(THREAD_TESTS) || { echo "thread tests FAILED"; exit 1; }
# End-to-end: the real binary on real specs, inspected with poppler-utils and qpdf.
e2e: $(BIN) $(E2E_TESTS)
	@$(MAKE) --no-print-directory e2e-run
e2e-run:
	@mkdir -p $(CHECK_LOGS)
	@LC_ALL=C BOARDPACK=$(BIN) BOARDPACK_TEST_OUT=$(BUILD)/test-out \
	  sh tests/run_suite.sh $(CHECK_LOGS)/e2e.log $(E2E_TESTS) || { echo "end-to-end tests FAILED"; exit 1; }
# The end-to-end suite once more under a locale that writes decimal commas
# (fr_FR, built into $(BUILD)/locale from Debian's locales data; messages
# stay English so that tests can read them), then every PDF, box dump and
# PNG it wrote compared byte for byte with the C-locale run's (one test).
# e2e-locale runs after e2e even when some of e2e failed.
FR_ENV := LC_ALL= LANG=fr_FR.UTF-8 LC_MESSAGES=C LOCPATH=$(CURDIR)/$(BUILD)/locale
$(BUILD)/locale/fr_FR.UTF-8:
	@mkdir -p $(@D)
	@localedef -i fr_FR -f UTF-8 $@ || { echo "cannot build the fr_FR.UTF-8 locale (Debian package: locales)" >&2; exit 1; }
e2e-locale: $(BIN) $(E2E_TESTS) $(BUILD)/locale/fr_FR.UTF-8
	@status=0; $(MAKE) --no-print-directory -j1 e2e-run || status=1; \
	$(MAKE) --no-print-directory -j1 e2e-locale-run || status=1; exit $$status
e2e-locale-run: $(BUILD)/locale/fr_FR.UTF-8
	@mkdir -p $(CHECK_LOGS)
	@[ "$$($(FR_ENV) locale -k decimal_point 2>/dev/null)" = 'decimal_point=","' ] \
	  || { echo "the fr_FR.UTF-8 locale does not write decimal commas here" >&2; exit 1; }
	@rm -rf $(BUILD)/test-out-fr
	@$(FR_ENV) BOARDPACK=$(BIN) BOARDPACK_TEST_OUT=$(BUILD)/test-out-fr SUITE_LABEL=LANG=fr_FR.UTF-8 \
	  sh tests/run_suite.sh $(CHECK_LOGS)/e2e-locale.log $(E2E_TESTS) \
	  || { echo "end-to-end tests under LANG=fr_FR.UTF-8 FAILED"; exit 1; }
	@sh tests/run_suite.sh $(CHECK_LOGS)/e2e-locale.log --shell compare_outputs \
	  sh tests/compare_outputs.sh $(BUILD)/test-out $(BUILD)/test-out-fr

# The HTML pages in a real browser: the samples, the features spec and an
# Anytown pack's index.html and pages rendered with --format html, opened in Debian's chromium at 1280 and
# 320 px, checked with axe-core (WCAG 2.2 A and AA: any violation fails)
# and the Nu Html Checker (any error fails); screenshots of the scorecard
# and a chart in $(BUILD)/browser/ to look at.
BROWSER_PAGES := samples/walsall-2013-09/report.xml samples/anytown/performance.xml samples/anytown/workforce.xml \
                 tests/data/features/report.xml tests/data/housing/report.xml tests/data/languages/report.xml \
                 samples/glanafon-2024-q2/report.xml samples/ashby-vale-2024-q3/report.xml samples/tiers/board.xml \
                 samples/strathmore-glens-2025-09/report.xml
tests/browser/node_modules/.package-lock.json: tests/browser/package-lock.json tests/browser/package.json
	@cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
browser: $(BIN) tests/browser/node_modules/.package-lock.json
	@rm -rf $(BUILD)/browser && mkdir -p $(BUILD)/browser
	@for s in $(BROWSER_PAGES); do \
	  n=$$(basename $$(dirname $$s))-$$(basename $$s .xml); \
	  $(BIN) render $$s --format html -o $(BUILD)/browser/$$n.html || exit 1; \
	done
	@$(BIN) pack samples/anytown/pack-2013-04.xml --format html --outdir $(BUILD)/browser/pack
	@mkdir -p $(CHECK_LOGS)
	@sh tests/run_suite.sh $(CHECK_LOGS)/browser.log --shell browser \
	  node tests/browser/check.mjs $(BUILD)/browser $(BUILD)/browser/*.html $(BUILD)/browser/pack/*.html

# Golden references (tests/golden/, see tests/e2e/test_golden.c): rewrite
# those that no longer match; review the result with git diff.
test-update: $(BIN) $(BUILD)/e2e/test_golden
	@BOARDPACK_GOLDEN_UPDATE=1 BOARDPACK=$(BIN) BOARDPACK_TEST_OUT=$(BUILD)/test-out $(BUILD)/e2e/test_golden \
	  >$(BUILD)/test-update.log 2>&1 || { cat $(BUILD)/test-update.log; exit 1; }
	@grep '^golden: rewrote' $(BUILD)/test-update.log || echo "golden: every reference in tests/golden/ matches"

sample: $(BIN)
	@$(BIN) render samples/walsall-2013-09/report.xml -o $(BUILD)/walsall-2013-09.pdf
	@echo "$(BUILD)/walsall-2013-09.pdf"

# samples/tiers: the board's report, one per team and one supervision report
# per worker, from one data file summed through units.xml (README "Tiers").
sample-tiers: $(BIN)
	@mkdir -p $(BUILD)/tiers
	@$(BIN) render samples/tiers/board.xml -o $(BUILD)/tiers/board.pdf && echo $(BUILD)/tiers/board.pdf
	@$(BIN) render samples/tiers/team.xml --each team --outdir $(BUILD)/tiers/teams && echo "$(BUILD)/tiers/teams/ (a PDF per team)"
	@$(BIN) render samples/tiers/worker.xml --each worker --outdir $(BUILD)/tiers/workers && echo "$(BUILD)/tiers/workers/ (a PDF per worker)"

# The twelve Anytown board packs, one per month of 2013/14 (see samples/anytown/README.md).
sample-batch: $(BIN)
	@$(BIN) pack --outdir $(BUILD)/anytown samples/anytown/pack-*.xml
	@ls $(BUILD)/anytown/pack-*.pdf

valgrind: $(TESTS)
	@for t in $(TESTS); do \
	  echo "== valgrind $$t"; \
	  G_SLICE=always-malloc valgrind -q --error-exitcode=99 --leak-check=no $$t >/dev/null || exit 1; \
	done

# Fuzzing (tests/fuzz/): the library again, built with clang for libFuzzer,
# ASan and UBSan in build/fuzz; each harness runs FUZZ_SECONDS, growing
# build/fuzz/corpus/H from tests/fuzz/corpus/H; findings go to
# build/fuzz/artifacts/H/ (save them in tests/fuzz/regress/H/: make check
# replays them). Needs clang's libFuzzer runtime (libclang-rt-14-dev).
FUZZ_SECONDS ?= 60
FUZZ_HARNESSES := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
# clang, unlike gcc, counts GOptionEntry's {NULL} terminator as missing fields.
FUZZ_CFLAGS := -Wno-missing-field-initializers
FUZZ_ENV := G_SLICE=always-malloc BOARDPACK_DATADIR=$(CURDIR) LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
# Harnesses that draw whole documents: LeakSanitizer after every input
# (pango's and cairo's caches grow each time) took 60% of their time, so
# they fuzz without it and every input they kept is then replayed with it.
FUZZ_LEAKS_AFTER := render layout pack
FUZZ_SAN := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
fuzz:
	@echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return (int)(d[0] + n); }' \
	  | clang -fsanitize=fuzzer -x c - -o /dev/null 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang libclang-rt-14-dev >/dev/null; \
	  else echo "boardpack: make fuzz needs: sudo apt-get install clang libclang-rt-14-dev" >&2; exit 1; fi; }
	@$(MAKE) --no-print-directory CC=clang OPT=-O1 BUILD=build/fuzz SAN_FLAGS='$(FUZZ_SAN)' \
	  EXTRA_CFLAGS='$(FUZZ_CFLAGS)' \
	  $(FUZZ_HARNESSES:%=build/fuzz/fuzz_%)
	@fail=0; for h in $(FUZZ_HARNESSES); do \
	  mkdir -p build/fuzz/corpus/$$h build/fuzz/artifacts/$$h; \
	  echo "== fuzz $$h for $(FUZZ_SECONDS) s"; \
	  leaks=$$(case " $(FUZZ_LEAKS_AFTER) " in *" $$h "*) echo 0;; *) echo 1;; esac); \
	  $(FUZZ_ENV) build/fuzz/fuzz_$$h -max_total_time=$(FUZZ_SECONDS) -timeout=20 -rss_limit_mb=2560 \
	    -max_len=65536 -print_final_stats=1 -detect_leaks=$$leaks -dict=tests/fuzz/$$h.dict \
	    -artifact_prefix=build/fuzz/artifacts/$$h/ \
	    build/fuzz/corpus/$$h tests/fuzz/corpus/$$h >build/fuzz/$$h.log 2>&1 || { fail=1; tail -40 build/fuzz/$$h.log; }; \
	  grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE|^Done' build/fuzz/$$h.log; \
	  [ $$leaks = 1 ] || { echo "   every input kept, checked for leaks:"; \
	    $(FUZZ_ENV) build/fuzz/fuzz_$$h -runs=0 -timeout=20 -rss_limit_mb=2560 -artifact_prefix=build/fuzz/artifacts/$$h/ \
	      build/fuzz/corpus/$$h >build/fuzz/$$h-leaks.log 2>&1 || { fail=1; tail -40 build/fuzz/$$h-leaks.log; }; \
	    grep -E '^#[0-9]+.*(INITED|DONE)' build/fuzz/$$h-leaks.log | tail -1; }; \
	done; [ $$fail = 0 ] || { echo "fuzzing found problems: see build/fuzz/artifacts/"; exit 1; }
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(wildcard tests/fuzz/*.h) tests/unit/pdfua_check.h $(BUILD)/libboardpack.a
	@echo "  CCLD    $@"
	@$(CC) $(CFLAGS) $(CMOCKA_CFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/libboardpack.a $(LDFLAGS) $(LDLIBS) \
	  $(CMOCKA_LIBS)

bench: $(BIN)
	@sh tests/bench/run.sh $(BIN)

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/boardpack/fonts $(DESTDIR)$(PREFIX)/share/boardpack/layouts
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/boardpack
	install -m 644 fonts/* $(DESTDIR)$(PREFIX)/share/boardpack/fonts/
	install -m 644 layouts/*.xml $(DESTDIR)$(PREFIX)/share/boardpack/layouts/
	install -d $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 644 doc/boardpack.1 $(DESTDIR)$(PREFIX)/share/man/man1/boardpack.1
	install -m 644 completions/boardpack $(DESTDIR)$(PREFIX)/share/bash-completion/completions/boardpack

endif
