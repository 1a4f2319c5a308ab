# unspin - one GNU Makefile.  `make help` lists the targets.
.SUFFIXES:
.DEFAULT_GOAL := all

PREFIX     ?= /usr/local
DESTDIR    ?=
PKG_CONFIG ?= pkg-config
CC         ?= cc
PYTHON     ?= python3
SHARED     ?= ../shared
DATADIR     = $(PREFIX)/share/unspin

DEPS_PKGS  = icu-uc icu-i18n hunspell
CFLAGS_BASE = -std=c11 -Wall -Wextra -pedantic -Wstrict-prototypes -Wvla \
              -Wwrite-strings -Wformat=2 -fvisibility=hidden -O2 -g \
              -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -pthread
LDFLAGS_BASE = -pthread
ifeq ($(DEVELOPER),1)
CFLAGS_BASE += -Werror
endif
comma := ,
ifneq ($(SANITIZE),)
ifneq ($(filter-out address undefined address$(comma)undefined,$(SANITIZE)),)
$(error SANITIZE must be address, undefined or address,undefined)
endif
CFLAGS_BASE += -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS_BASE += -fsanitize=$(SANITIZE)
BUILD ?= build-san
PROG = $(BUILD)/unspin
else
BUILD ?= build
PROG = unspin
endif

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(DEPS_PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(DEPS_PKGS) 2>/dev/null)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

ALL_CFLAGS  = $(CFLAGS_BASE) $(PKG_CFLAGS) -DUNSPIN_DATADIR='"$(DATADIR)"' $(CFLAGS)
ALL_LDFLAGS = $(LDFLAGS_BASE) $(LDFLAGS)

ifeq ($(V),1)
Q =
else
Q = @
endif

LIB_SRCS = src/util.c src/strbuf.c src/arena.c src/hash.c src/text.c \
           src/tokenize.c src/wordbreak.c src/lexicon.c src/inflect.c src/table.c \
           src/rules.c src/index.c src/match.c src/ngram.c src/ngram_build.c \
           src/calibrate.c src/decide.c src/detect.c src/apply.c src/ctx.c src/render.c \
           src/render_lines.c src/render_json.c src/render_diff.c \
           src/render_worddiff.c src/render_sarif.c src/jsonl.c \
           src/render_html.c src/markup.c src/ignore.c src/prepared.c
LIB_OBJS = $(LIB_SRCS:src/%.c=$(BUILD)/%.o)
# The prepared-context cache (src/prepared.h) is keyed by the library's
# sources as well as its data: prepared.o carries their hash and is rebuilt
# when any of them changes.
LIB_HDRS := $(wildcard src/*.h)
CODE_HASH := $(shell cat $(LIB_SRCS) $(LIB_HDRS) | sha256sum | cut -c1-16)
CODE_HASH_FLAG = -DUNSPIN_CODE_HASH='"$(CODE_HASH)"'
$(BUILD)/prepared.o: $(LIB_SRCS) $(LIB_HDRS)
$(BUILD)/prepared.o: CFLAGS_BASE += $(CODE_HASH_FLAG)
# The shared library: libunspin.so.$(VERSION), soname libunspin.so.$(SOVERSION),
# exporting only what src/unspin.h marks UNSPIN_API.  SOVERSION changes when
# the ABI breaks.  -z defs catches a missing library on the link line; a
# sanitizer build leaves the runtime to the program, so it is left out there.
VERSION   := $(shell sed -n 's/^\#define UNSPIN_VERSION "\(.*\)"/\1/p' src/unspin.h)
SOVERSION  = 0
SONAME     = libunspin.so.$(SOVERSION)
SHLIB      = $(BUILD)/libunspin.so.$(VERSION)
SHLIB_DEFS = $(if $(SANITIZE),,-Wl,-z,defs)
# the program: options and output, safe writes, directory walks, worker
# threads, JSON lines, the interactive review
CLI_SRCS = src/cli.c src/cli_write.c src/cli_walk.c src/cli_jobs.c \
           src/cli_jsonl.c src/cli_interactive.c
CLI_OBJS = $(CLI_SRCS:src/%.c=$(BUILD)/%.o)
UNIT_SRCS = $(wildcard tests/unit/test_*.c)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
# fuzz targets (tests/fuzz/), replayed without libFuzzer by make test
FUZZ_TARGETS = check rules table model jsonl markup prepared calibrate tokenize
REPLAY_BINS = $(FUZZ_TARGETS:%=$(BUILD)/tests/replay-%)
SAMPLE = samples/taliban-qala-i-naw-spun.txt

# What unspin_ctx_prepare() computes for each pack combination the program
# offers by default, so that a start-up reads it instead (src/prepared.h):
# made by the program itself from this tree's data, keyed by that data and
# the library's sources, installed with dicts/.  Not committed: any change
# to a source or a table makes a new one.  The name lists the packs in
# --packs order, joined by '+'.
PREPARED = dicts/prepared/news.bin dicts/prepared/academic.bin \
           dicts/prepared/news+academic.bin dicts/prepared/news+mt.bin
PREPARED_INPUTS = $(wildcard dicts/*/*.tsv rules/*/*.rules) dicts/en/model.bin

all: $(PROG) $(BUILD)/libunspin.a $(BUILD)/build-lexicon $(SHLIB) $(BUILD)/build-model $(BUILD)/tests/run-rules $(PREPARED)

# A cache that cannot be written (say, a table changed and the lexicon
# cache lacks its new word forms: make lexicon) is no reason to fail the
# build: the program then prepares from the data, as it did before caches.
dicts/prepared/%.bin: $(PROG) $(PREPARED_INPUTS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  PREPARE $@")
	$(Q)./$(PROG) --data-dir=. --packs=$(subst +,$(comma),$*) --write-cache=$@ || \
	  echo "make: warning: no $@; start-ups will prepare from the data"

$(BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

# The library objects are position-independent so that one set serves both
# libunspin.a and libunspin.so (with -fvisibility=hidden the cost is nil).
$(LIB_OBJS): CFLAGS_BASE += -fPIC

$(BUILD)/libunspin.a: $(LIB_OBJS)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

$(SHLIB): $(LIB_OBJS)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -shared -Wl,-soname,$(SONAME) $(SHLIB_DEFS) \
	  -o $@ $^ $(PKG_LIBS) -lm
	$(Q)ln -sf $(@F) $(BUILD)/$(SONAME) && ln -sf $(@F) $(BUILD)/libunspin.so

$(PROG): $(CLI_OBJS) $(BUILD)/libunspin.a
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(BUILD)/build-lexicon: tools/build-lexicon.c $(BUILD)/libunspin.a
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -Isrc $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(BUILD)/build-model: tools/build-model.c $(BUILD)/libunspin.a
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -Isrc $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libunspin.a $(wildcard tests/unit/*.h)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -Isrc $(ALL_LDFLAGS) -o $@ $(filter-out %.h,$^) $(PKG_LIBS) $(CMOCKA_LIBS) -lm

$(BUILD)/tokenize-check: tools/tokenize-check.c $(BUILD)/libunspin.a
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -Isrc $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(BUILD)/tests/run-rules: tests/run-rules.c $(BUILD)/libunspin.a
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -Isrc $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

-include $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d)

# --- fuzzing (tests/fuzz/; issue 5) ---------------------------------------
# make fuzz: clang libFuzzer builds of tests/fuzz/fuzz_*.c in $(FUZZ_BUILD),
# over a copy of the library built with -fsanitize=fuzzer-no-link,address,
# undefined.  make fuzz-run FUZZ_SECONDS=N: run each target N seconds (20 by
# default) from the seed corpora; fails on any crash, leak or invariant.
# make test replays tests/fuzz/regress/ and the seeds through the same
# targets built with $(CC) and a plain main (tests/fuzz/replay.c).
FUZZ_CC      ?= clang
FUZZ_BUILD   ?= build/fuzz
FUZZ_SECONDS ?= 20
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all \
                -fno-omit-frame-pointer
FUZZ_CFLAGS   = $(filter-out -O2 -fsanitize=%,$(CFLAGS_BASE)) -O1 \
                $(PKG_CFLAGS) -DUNSPIN_DATADIR='"$(DATADIR)"' $(FUZZ_SAN)
FUZZ_OBJS     = $(LIB_SRCS:src/%.c=$(FUZZ_BUILD)/lib/%.o)
FUZZ_BINS     = $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)
FUZZ_HDRS     = tests/fuzz/fuzz.h

$(FUZZ_BUILD)/lib/%.o: src/%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  FUZZCC  $<")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(FUZZ_BUILD)/lib/prepared.o: $(LIB_SRCS) $(LIB_HDRS)
$(FUZZ_BUILD)/lib/prepared.o: FUZZ_CFLAGS += $(CODE_HASH_FLAG)

$(FUZZ_BUILD)/libunspin.a: $(FUZZ_OBJS)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_HDRS) $(FUZZ_BUILD)/libunspin.a
	@$(if $(Q),echo "  FUZZLD  $@")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Isrc \
	  -DUNSPIN_FUZZ_DATADIR='"$(CURDIR)"' -o $@ $< \
	  $(FUZZ_BUILD)/libunspin.a $(PKG_LIBS) -lm

$(BUILD)/tests/replay-%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_HDRS) $(BUILD)/libunspin.a
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -Isrc -DUNSPIN_FUZZ_DATADIR='"$(CURDIR)"' \
	  $(ALL_LDFLAGS) -o $@ $< tests/fuzz/replay.c $(BUILD)/libunspin.a \
	  $(PKG_LIBS) -lm

# what make valgrind, make fuzz, the browser tests (tests/html/) and the
# pre-commit test need besides DEB_PKGS (CI installs them)
TEST_DEB_PKGS = valgrind clang libclang-rt-dev parallel tmux chromium \
                chromium-driver pre-commit

deps-test:
	@$(MAKE) --no-print-directory deps DEB_PKGS="$(TEST_DEB_PKGS)"

fuzz: $(FUZZ_BINS)

fuzz-run: fuzz $(BUILD)/build-model
	@FUZZ_BUILD=$(FUZZ_BUILD) FUZZ_SECONDS=$(FUZZ_SECONDS) \
	  BUILD_MODEL=$(BUILD)/build-model sh tests/fuzz/run.sh $(FUZZ_TARGETS)

.PHONY: fuzz fuzz-run deps-test
-include $(FUZZ_OBJS:.o=.d)
# --- end of fuzzing --------------------------------------------------------

# --- running ---------------------------------------------------------------

# deps-check may install packages; the build then runs in a new make so that
# the pkg-config flags are read after the install, not before it.
run: deps-check
	@$(MAKE) --no-print-directory $(PROG)
	./$(PROG) -i $(SAMPLE); test $$? -le 1

# --- tests -----------------------------------------------------------------

test: check
check: all $(UNIT_BINS) $(REPLAY_BINS)
	@UNSPIN_BIN=$(PROG) sh tests/run-tests.sh $(BUILD)

# Only definite leaks are errors, and only they are shown: a process killed
# by a signal (SIGPIPE from a closed pipe) leaves ICU's break iterator
# templates (src/tokenize.c) alive, which memcheck calls "possibly lost",
# and its report on stderr would fail the checks of what stderr says.
valgrind: all $(UNIT_BINS) $(REPLAY_BINS)
	@VALGRIND="valgrind -q --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite --error-exitcode=99" \
	  sh tests/run-tests.sh $(BUILD)

golden-update: unspin
	@sh tests/golden/update.sh

# --- measurement -----------------------------------------------------------

eval: unspin
	@if [ ! -f $(SHARED)/eval/score.py ]; then \
	  echo "make eval: $(SHARED)/eval not found; nothing to measure"; exit 0; fi; \
	$(PYTHON) $(SHARED)/eval/score.py pairs --pairs $(SHARED)/eval/dev-pairs.jsonl --kind spin | tail -n 1 | sed "s/^/spin /"; \
	$(PYTHON) $(SHARED)/eval/score.py pairs --pairs $(SHARED)/eval/dev-pairs.jsonl --kind mt \
	  --cmd "./$(PROG) --packs news,mt -i {in} -o {out}" | tail -n 1 | sed "s/^/mt (--packs news,mt) /"; \
	for c in dev-clean dev-human-rewrites; do \
	  $(PYTHON) $(SHARED)/eval/score.py clean --clean $(SHARED)/eval/$$c.jsonl | tail -n 1 | sed "s/^/$$c /"; done; \
	for c in dev-clean dev-human-rewrites; do \
	  $(PYTHON) $(SHARED)/eval/score.py clean --clean $(SHARED)/eval/$$c.jsonl \
	    --cmd "./$(PROG) --packs news,mt -i {in} -o {out}" | tail -n 1 | sed "s/^/$$c (--packs news,mt) /"; done

# --- benchmarks (issue 6; tools/bench/) ---------------------------------------
# make bench: corpus into build/bench/, unspin and peers timed, BENCHMARKS.md
# regenerated.  About 5-6 minutes on 2 cores.  Timing lives here, not in tests.
bench: $(PROG)
	@UNSPIN=./$(PROG) SHARED=$(SHARED) bash tools/bench/bench.sh
.PHONY: bench
# make tokenize-check: tokenize() against ICU's word iterator alone
# (tools/tokenize-check.c) over the bench corpus, when make bench has made
# it, and every text of $(SHARED)/eval; prints the first difference.
TOKCHECK_CORPUS = $(wildcard $(BUILD)/bench/corpus-10m.txt)
tokenize-check: $(BUILD)/tokenize-check
	@mkdir -p $(BUILD)/tokcheck
	$(Q)if [ -d $(SHARED)/eval ]; then $(PYTHON) -c 'import json, sys; \
	  [print(json.dumps({"text": r[k]})) for f in sys.argv[1:] for r in map(json.loads, open(f)) \
	   for k in ("text", "original", "spun") if k in r]' $(SHARED)/eval/*.jsonl \
	  > $(BUILD)/tokcheck/eval.jsonl; else : > $(BUILD)/tokcheck/eval.jsonl; fi
	$(BUILD)/tokenize-check $(TOKCHECK_CORPUS) $(BUILD)/tokcheck/eval.jsonl
.PHONY: tokenize-check
# --- end benchmarks -----------------------------------------------------------

# --- data ------------------------------------------------------------------

dicts: academic
	$(PYTHON) tools/build-dict.py
	$(PYTHON) tools/build-irregular.py /usr/share/wordnet dicts/en/irregular.tsv
	@$(MAKE) --no-print-directory lexicon

# hunspell's answers for the word forms of every pack, so that a start-up
# need not load hunspell (src/lexicon.h); after any table change
lexicon: $(BUILD)/build-lexicon
	$(BUILD)/build-lexicon . /usr/share/hunspell dicts/en/lexicon.tsv

# the academic pack: tortured phrases of the Problematic Paper Screener
academic:
	$(PYTHON) tools/build-academic.py --shared $(SHARED)

# the confidence calibration, fitted on cross-validated findings of the
# training pairs (tools/calibrate.py; the fold tables go to $(BUILD)/cv);
# after any change to the table, the rules or the decoder
calibration: unspin
	$(PYTHON) tools/calibrate.py --work $(BUILD)/cv

model: $(BUILD)/build-model
	$(BUILD)/build-model $(SHARED)/data/ngram-cmusphinx-en-us/en-us.lm.3gram.tsv.gz dicts/en/model.bin

# --- dependencies (Debian) -------------------------------------------------

DEB_PKGS = build-essential pkg-config libicu-dev libhunspell-dev hunspell-en-us \
           libcmocka-dev python3 patch git wordnet-base mythes-en-us

deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then echo "deps: all installed"; exit 0; fi; \
	echo "deps: installing$$missing"; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing

deps-check:
	@$(PKG_CONFIG) --exists $(DEPS_PKGS) 2>/dev/null || $(MAKE) --no-print-directory deps
	@test -f /usr/share/hunspell/en_US.dic || $(MAKE) --no-print-directory deps

# --- install ---------------------------------------------------------------
# make install PREFIX=/usr/local DESTDIR=: the program, libunspin.a and
# libunspin.so (with its soname and development links), unspin.h, unspin.pc,
# the man page, and the files of dicts/, rules/ and every pack under them
# (dicts/*/, rules/*/) in $(DATADIR).  The program finds its data at
# ../share/unspin from where it is, so a staged or moved tree works too.
# make uninstall removes it all.
BINDIR       = $(PREFIX)/bin
LIBDIR       = $(PREFIX)/lib
INCLUDEDIR   = $(PREFIX)/include
MANDIR       = $(PREFIX)/share/man
PKGCONFIGDIR = $(LIBDIR)/pkgconfig
# in unspin.pc, directories under the prefix are written as ${prefix}/...
pc_dir = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))

install: all
	$(Q)install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(LIBDIR)" \
	  "$(DESTDIR)$(PKGCONFIGDIR)" "$(DESTDIR)$(INCLUDEDIR)" \
	  "$(DESTDIR)$(MANDIR)/man1" "$(DESTDIR)$(DATADIR)"
	$(Q)install -m 755 $(PROG) "$(DESTDIR)$(BINDIR)/unspin"
	$(Q)install -m 644 $(BUILD)/libunspin.a "$(DESTDIR)$(LIBDIR)/libunspin.a"
	$(Q)install -m 755 $(SHLIB) "$(DESTDIR)$(LIBDIR)/"
	$(Q)ln -sf $(notdir $(SHLIB)) "$(DESTDIR)$(LIBDIR)/$(SONAME)"
	$(Q)ln -sf $(notdir $(SHLIB)) "$(DESTDIR)$(LIBDIR)/libunspin.so"
	$(Q)install -m 644 src/unspin.h "$(DESTDIR)$(INCLUDEDIR)/unspin.h"
	$(Q)sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(call pc_dir,$(LIBDIR))|' \
	  -e 's|@INCLUDEDIR@|$(call pc_dir,$(INCLUDEDIR))|' \
	  -e 's|@DATADIR@|$(call pc_dir,$(DATADIR))|' -e 's|@VERSION@|$(VERSION)|' \
	  src/unspin.pc.in > "$(DESTDIR)$(PKGCONFIGDIR)/unspin.pc"
	$(Q)install -m 644 src/unspin.1 "$(DESTDIR)$(MANDIR)/man1/unspin.1"
	$(Q)for d in dicts/ rules/ dicts/*/ rules/*/; do \
	  install -d "$(DESTDIR)$(DATADIR)/$$d" || exit 1; \
	  for f in $$d*; do \
	    if [ -f "$$f" ]; then \
	      install -m 644 "$$f" "$(DESTDIR)$(DATADIR)/$$d" || exit 1; fi; \
	  done; \
	done
	@echo "  INSTALL $(DESTDIR)$(PREFIX)"

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/unspin" "$(DESTDIR)$(LIBDIR)/libunspin.a" \
	  "$(DESTDIR)$(LIBDIR)/$(notdir $(SHLIB))" "$(DESTDIR)$(LIBDIR)/$(SONAME)" \
	  "$(DESTDIR)$(LIBDIR)/libunspin.so" "$(DESTDIR)$(INCLUDEDIR)/unspin.h" \
	  "$(DESTDIR)$(PKGCONFIGDIR)/unspin.pc" "$(DESTDIR)$(MANDIR)/man1/unspin.1"
	rm -rf "$(DESTDIR)$(DATADIR)"

clean:
	rm -rf build build-san unspin tests/tmp dicts/prepared

help:
	@echo "targets: all run test check valgrind fuzz fuzz-run eval tokenize-check dicts model calibration deps install uninstall clean golden-update"
	@echo "variables: CC CFLAGS LDFLAGS PREFIX DESTDIR SANITIZE=address,undefined DEVELOPER=1 V=1 FUZZ_SECONDS=20 UNSPIN_SLOW_TESTS=1"

.PHONY: all run test check valgrind golden-update eval dicts lexicon model calibration deps deps-check install uninstall clean help
