# tandem: build, test, benchmark and install.
#   make            build build/libtandem.a, build/align, build/summarize
#   make test       unit + end-to-end tests, then again under ASan/UBSan
#   make bench      benchmarks (figures printed, never asserted)
#   make demo       align the sample story in corpora/seed
#   make deps       install missing Debian packages (as root) or print the command
#   make install PREFIX=/usr/local   (make uninstall with the same PREFIX)
# BUILD=dir builds elsewhere; SAN=1 builds with the sanitizers.

BUILD   ?= build
PREFIX  ?= /usr/local
CC      ?= gcc
PKGS    := gsl libutf8proc uchardet libexttextcat icu-uc
# Debian packages to build and run (deps), and the tools the tests and
# benchmarks drive (test-deps: formatter, TMX validator, GNU parallel, the
# OTS peer, valgrind, headless Chromium for the review page).
DEB_PKGS := gcc g++ make pkg-config libgsl-dev libcmocka-dev libstemmer-dev \
            libutf8proc-dev libuchardet-dev libexttextcat-dev libexttextcat-data libicu-dev \
            dict-freedict-deu-fra dict-freedict-fra-deu dict-freedict-eng-fra \
            dict-freedict-fra-eng dict-freedict-spa-eng dict-freedict-eng-spa \
            dict-freedict-fra-spa dict-freedict-deu-eng dict-freedict-eng-deu \
            dict-freedict-deu-spa dict-freedict-spa-deu dict-freedict-fra-ita \
            dict-freedict-fra-por dict-freedict-por-fra dict-freedict-ita-eng \
            dict-freedict-eng-ita dict-freedict-por-eng dict-freedict-eng-por \
            dict-freedict-ita-spa dict-freedict-spa-por dict-freedict-por-spa \
            dict-freedict-deu-ita dict-freedict-ita-deu dict-freedict-deu-por \
            dict-freedict-por-deu dict-freedict-ita-por
# Every FreeDict dictionary Debian ships, for the bilingual lexicons of
# every pair (models/lexicon/build.sh; about 150 MB to download, 210 MB
# installed): installed by deps, built into models/lexicon/ when missing.
DEB_LEXICON_PKGS := dict-freedict-afr-deu dict-freedict-afr-eng dict-freedict-ara-eng dict-freedict-bre-fra \
                   dict-freedict-ces-eng dict-freedict-ckb-kmr dict-freedict-cym-eng dict-freedict-dan-eng \
                   dict-freedict-deu-bul dict-freedict-deu-ell dict-freedict-deu-eng dict-freedict-deu-fin \
                   dict-freedict-deu-fra dict-freedict-deu-ind dict-freedict-deu-ita dict-freedict-deu-kur \
                   dict-freedict-deu-nld dict-freedict-deu-pol dict-freedict-deu-por dict-freedict-deu-rus \
                   dict-freedict-deu-spa dict-freedict-deu-swe dict-freedict-deu-tur dict-freedict-ell-bul \
                   dict-freedict-ell-eng dict-freedict-ell-fin dict-freedict-ell-fra dict-freedict-ell-ind \
                   dict-freedict-ell-ita dict-freedict-ell-jpn dict-freedict-ell-lat dict-freedict-ell-lit \
                   dict-freedict-ell-nld dict-freedict-ell-nor dict-freedict-ell-pol dict-freedict-ell-por \
                   dict-freedict-ell-rus dict-freedict-ell-spa dict-freedict-ell-swe dict-freedict-eng-afr \
                   dict-freedict-eng-ara dict-freedict-eng-bul dict-freedict-eng-ces dict-freedict-eng-cym \
                   dict-freedict-eng-dan dict-freedict-eng-deu dict-freedict-eng-ell dict-freedict-eng-fin \
                   dict-freedict-eng-fra dict-freedict-eng-gle dict-freedict-eng-hin dict-freedict-eng-hrv \
                   dict-freedict-eng-hun dict-freedict-eng-ind dict-freedict-eng-ita dict-freedict-eng-jpn \
                   dict-freedict-eng-lat dict-freedict-eng-lit dict-freedict-eng-nld dict-freedict-eng-nor \
                   dict-freedict-eng-pol dict-freedict-eng-por dict-freedict-eng-rom dict-freedict-eng-rus \
                   dict-freedict-eng-spa dict-freedict-eng-srp dict-freedict-eng-swe dict-freedict-eng-swh \
                   dict-freedict-eng-tur dict-freedict-epo-eng dict-freedict-fin-bul dict-freedict-fin-deu \
                   dict-freedict-fin-ell dict-freedict-fin-eng dict-freedict-fin-fra dict-freedict-fin-ind \
                   dict-freedict-fin-ita dict-freedict-fin-jpn dict-freedict-fin-lat dict-freedict-fin-lit \
                   dict-freedict-fin-nld dict-freedict-fin-nor dict-freedict-fin-pol dict-freedict-fin-por \
                   dict-freedict-fin-swe dict-freedict-fra-bre dict-freedict-fra-bul dict-freedict-fra-deu \
                   dict-freedict-fra-ell dict-freedict-fra-eng dict-freedict-fra-fin dict-freedict-fra-ita \
                   dict-freedict-fra-jpn dict-freedict-fra-lat dict-freedict-fra-lit dict-freedict-fra-nld \
                   dict-freedict-fra-pol dict-freedict-fra-por dict-freedict-fra-rus dict-freedict-fra-spa \
                   dict-freedict-fra-swe dict-freedict-fra-tur dict-freedict-gla-deu dict-freedict-gle-eng \
                   dict-freedict-gle-pol dict-freedict-hrv-eng dict-freedict-hun-eng dict-freedict-isl-eng \
                   dict-freedict-ita-bul dict-freedict-ita-deu dict-freedict-ita-ell dict-freedict-ita-eng \
                   dict-freedict-ita-fin dict-freedict-ita-ind dict-freedict-ita-jpn dict-freedict-ita-lit \
                   dict-freedict-ita-nor dict-freedict-ita-pol dict-freedict-ita-por dict-freedict-ita-rus \
                   dict-freedict-ita-spa dict-freedict-ita-swe dict-freedict-ita-tur dict-freedict-jpn-deu \
                   dict-freedict-jpn-eng dict-freedict-jpn-fra dict-freedict-jpn-rus dict-freedict-kha-deu \
                   dict-freedict-kha-eng dict-freedict-kur-deu dict-freedict-kur-eng dict-freedict-kur-tur \
                   dict-freedict-lat-deu dict-freedict-lat-eng dict-freedict-lit-eng dict-freedict-mkd-bul \
                   dict-freedict-nld-bul dict-freedict-nld-deu dict-freedict-nld-ell dict-freedict-nld-eng \
                   dict-freedict-nld-fin dict-freedict-nld-fra dict-freedict-nld-ind dict-freedict-nld-ita \
                   dict-freedict-nld-lat dict-freedict-nld-lit dict-freedict-nld-pol dict-freedict-nld-por \
                   dict-freedict-nld-rus dict-freedict-nld-spa dict-freedict-nld-swe dict-freedict-nno-nob \
                   dict-freedict-oci-cat dict-freedict-pol-bul dict-freedict-pol-deu dict-freedict-pol-ell \
                   dict-freedict-pol-eng dict-freedict-pol-fin dict-freedict-pol-fra dict-freedict-pol-gle \
                   dict-freedict-pol-ind dict-freedict-pol-ita dict-freedict-pol-jpn dict-freedict-pol-nld \
                   dict-freedict-pol-nor dict-freedict-pol-por dict-freedict-pol-rus dict-freedict-pol-spa \
                   dict-freedict-pol-swe dict-freedict-pol-tur dict-freedict-por-deu dict-freedict-por-eng \
                   dict-freedict-por-fra dict-freedict-por-spa dict-freedict-san-deu dict-freedict-slk-eng \
                   dict-freedict-slv-eng dict-freedict-spa-ast dict-freedict-spa-deu dict-freedict-spa-eng \
                   dict-freedict-spa-por dict-freedict-srp-eng dict-freedict-swe-bul dict-freedict-swe-deu \
                   dict-freedict-swe-ell dict-freedict-swe-eng dict-freedict-swe-fin dict-freedict-swe-fra \
                   dict-freedict-swe-ita dict-freedict-swe-jpn dict-freedict-swe-lat dict-freedict-swe-nld \
                   dict-freedict-swe-nor dict-freedict-swe-pol dict-freedict-swe-por dict-freedict-swe-rus \
                   dict-freedict-swe-spa dict-freedict-swe-tur dict-freedict-swh-eng dict-freedict-swh-pol \
                   dict-freedict-tur-deu dict-freedict-tur-eng dict-freedict-wol-fra
DEB_TEST_PKGS := clang-format libxml2-utils parallel ots valgrind chromium time jq

PKG_CONFIG ?= pkg-config
APT_GET    ?= apt-get
# Read when this make starts, which on a fresh machine is before `make deps`
# has installed the -dev packages: every target that installs them (all,
# and so demo and install; bench, test) builds in a sub-make started
# afterwards, which reads them again (tests/e2e/test_fresh_build.sh checks it).
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)

OPT      ?= -O2
CFLAGS   ?= $(OPT)
CFLAGS   += -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L \
            -Iinclude -Itoolkit $(PKG_CFLAGS) -MMD -MP $(CFLAGS_EXTRA)
# C++ only where a C++ library must be kept from throwing into C
# (text/charset_guess.cc: uchardet's std::bad_alloc); its runtime is linked
# (statically into the programs, see PROG_LDLIBS).
CXX      ?= g++
CXXFLAGS ?= $(OPT)
CXXFLAGS += -std=c++17 -Wall -Wextra -Werror -Iinclude -Itoolkit $(PKG_CFLAGS) -MMD -MP \
            $(CFLAGS_EXTRA)
LDLIBS   += $(PKG_LIBS) -lstemmer -lstdc++ -lm -lpthread
ifeq ($(SAN),1)
CFLAGS   += -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
CXXFLAGS += -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS  += -fsanitize=address,undefined
endif

PROGRAMS := align summarize
PROG_SRC := $(PROGRAMS:%=toolkit/programs/%.c)
LIB_DIRS := base text align summarize corpus
LIB_SRC  := $(foreach d,$(LIB_DIRS),$(wildcard toolkit/$(d)/*.c))
LIB_CXX_SRC := $(foreach d,$(LIB_DIRS),$(wildcard toolkit/$(d)/*.cc))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(LIB_CXX_SRC:%.cc=$(BUILD)/%.o) $(BUILD)/gen/review_assets.o
# The review page's style sheet and script (align -f html), compiled into
# the library as strings by embed.sh.
REVIEW_ASSETS := $(addprefix toolkit/corpus/review/,review.css review.js review_edit.js \
                 review_export.js review_plot.js review_keys.js)
LIB      := $(BUILD)/libtandem.a
# The shared library: libtandem.so.VERSION, soname libtandem.so.SOVERSION
# (raise SOVERSION whenever a release breaks the ABI). It exports only the
# functions the public headers declare (a version script made from them).
VERSION  := $(shell sed -n 's/^\#define TDM_VERSION "\(.*\)"/\1/p' include/tandem/tandem.h)
SOVERSION:= 0
SONAME   := libtandem.so.$(SOVERSION)
SOLIB    := $(BUILD)/libtandem.so.$(VERSION)
# pkg-config: what a program linking the static library also needs. The
# C++ libraries (uchardet, ICU) go into Libs.private with -lstdc++ after them:
# as Requires.private, pkg-config would put -lstdc++ (from uchardet.pc)
# before -licuuc, and `cc -static` would miss C++ runtime symbols.
PC_CXX_PKGS := $(filter uchardet icu-uc,$(PKGS))
PC_REQUIRES := $(filter-out $(PC_CXX_PKGS),$(PKGS))
PC_LIBS_PRIVATE := -lstemmer $(filter-out -lstdc++ -lm -lpthread,$(shell pkg-config --static \
                   --libs-only-l $(PC_CXX_PKGS) 2>/dev/null)) -lstdc++ -lm -lpthread
BINS     := $(PROGRAMS:%=$(BUILD)/%)
TEST_SRC := $(wildcard tests/test_*.c)
TESTS    := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
BENCH_SRC:= $(wildcard tests/bench/*.c)
BENCHES  := $(BENCH_SRC:tests/bench/%.c=$(BUILD)/bench/%)
# fit_summary is a program of several files: tests/bench/fit_summary.c and tests/bench/fit/.
FIT_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(wildcard tests/bench/fit/*.c))
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS:= $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
FUZZ_SECONDS ?= 60
FORMAT_SRC := $(wildcard toolkit/*/*.c toolkit/*/*.cc toolkit/*/*.h include/tandem/*.h \
              tests/*.c tests/*.h tests/bench/*.c tests/bench/fit/*.[ch] tests/fuzz/*.c tests/alloc/*.c)
# The allocation-failure shim (LD_PRELOAD) of the sweep and stream tests; not
# in sanitizer builds, whose runtime must come first and owns malloc.
FAILALLOC := $(if $(filter 1,$(SAN)),,$(BUILD)/tests/failalloc.so)

# Where the programs look for models after --models and TANDEM_MODELS.
MODEL_DIRS := -DTDM_MODELS_INSTALL_DIR='"$(PREFIX)/share/tandem/models"' \
              -DTDM_SOURCE_MODELS_DIR='"$(CURDIR)/models"'

.PHONY: all binaries deps test-deps test check format-check bench bench-run demo install \
        uninstall clean fuzz fuzz-run
all: deps
	@$(MAKE) --no-print-directory binaries
binaries: $(LIB) $(SOLIB) $(BINS) lexicons-compiled

# Lexicons compiled for use in place (toolkit/align/lexicon_file.c): both
# directions of every models/lexicon/*.tsv, rebuilt when older than it. The
# missing ones are built first (0.1 s when none is), so that `make check`
# on a clean clone tests with the lexicons `make deps` would have built.
lexicons-compiled: $(BUILD)/align lexicons-if-missing
	@sh models/lexicon/compile.sh $(BUILD)/align models/lexicon

# install-missing PACKAGES: apt-get them as root, else print the command.
define install-missing
	@missing=$$(for p in $(1); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || printf '%s ' $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "deps: installing $$missing"; \
	    $(APT_GET) update -q -o DPkg::Lock::Timeout=600 >/dev/null && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -q -o DPkg::Lock::Timeout=600 $$missing >/dev/null || exit 1; \
	  else \
	    echo "deps: missing packages; run:"; echo "  sudo apt-get install -y $$missing"; exit 1; \
	  fi; \
	fi
endef

deps:
	$(call install-missing,$(DEB_PKGS) $(DEB_LEXICON_PKGS))
	@$(MAKE) --no-print-directory lexicons-if-missing

test-deps: deps
	$(call install-missing,$(DEB_TEST_PKGS))

# Objects are rebuilt when the compiler or the flags change (a build
# directory reused with other flags would otherwise link stale objects, as a
# tree built before -fPIC did): the flags are kept in a stamp, rewritten only
# when they differ. FLAGS_LINE is expanded here, once: target-specific
# additions (MODEL_DIRS, -fPIC) are not in it, so the stamp never flips.
FLAGS_LINE := $(CC) $(CFLAGS) | $(CXX) $(CXXFLAGS) | -fPIC-for-the-library
$(BUILD)/flags.stamp: FORCE
	@mkdir -p $(BUILD)
	@echo '$(FLAGS_LINE)' | cmp -s - $@ || echo '$(FLAGS_LINE)' > $@

$(BUILD)/%.o: %.c $(BUILD)/flags.stamp
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@
$(BUILD)/%.o: %.cc $(BUILD)/flags.stamp
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS) -c $< -o $@

$(BUILD)/toolkit/text/lang.o: CFLAGS += $(MODEL_DIRS)
$(BUILD)/toolkit/text/lang.o: $(BUILD)/prefix.stamp
$(BUILD)/prefix.stamp: FORCE
	@mkdir -p $(BUILD)
	@echo '$(PREFIX)' | cmp -s - $@ || echo '$(PREFIX)' > $@
.PHONY: FORCE
FORCE:

$(BUILD)/gen/review_assets.c: $(REVIEW_ASSETS) toolkit/corpus/review/embed.sh
	@mkdir -p $(dir $@)
	sh toolkit/corpus/review/embed.sh $(REVIEW_ASSETS) > $@.tmp && mv $@.tmp $@
$(BUILD)/gen/review_assets.o: $(BUILD)/gen/review_assets.c $(BUILD)/flags.stamp
	$(CC) $(CFLAGS) -c $< -o $@

# Library objects are position-independent: one build serves both libraries.
$(LIB_OBJ): CFLAGS += -fPIC
$(LIB_OBJ): CXXFLAGS += -fPIC

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/tandem.map: $(wildcard include/tandem/*.h)
	@mkdir -p $(BUILD)
	@{ echo 'TANDEM_$(SOVERSION) {'; echo '  global:'; \
	  sed -n 's/^[^ ].*[ *]\(tdm_[a-z0-9_]*\)(.*/    \1;/p' $^ | sort -u; \
	  echo '  local: *;'; echo '};'; } > $@

$(SOLIB): $(LIB_OBJ) $(BUILD)/tandem.map
	$(CC) -shared $(LDFLAGS) -Wl,-soname,$(SONAME) -Wl,--version-script=$(BUILD)/tandem.map \
	  -Wl,--no-undefined -o $@ $(LIB_OBJ) $(PKG_LIBS) -lstemmer -lstdc++ -lm -lpthread
	ln -sf $(notdir $@) $(BUILD)/$(SONAME)
	ln -sf $(SONAME) $(BUILD)/libtandem.so

$(BUILD)/tandem.pc: $(BUILD)/prefix.stamp include/tandem/tandem.h Makefile
	@mkdir -p $(BUILD)
	@printf '%s\n' 'prefix=$(PREFIX)' 'exec_prefix=$${prefix}' 'libdir=$${exec_prefix}/lib' \
	  'includedir=$${prefix}/include' '' 'Name: tandem' \
	  'Description: sentence alignment of translations and extractive summaries' \
	  'Version: $(VERSION)' 'Requires.private: $(PC_REQUIRES)' 'Libs: -L$${libdir} -ltandem' \
	  'Libs.private: $(PC_LIBS_PRIVATE)' 'Cflags: -I$${includedir}' > $@

# The programs link GSL, utf8proc, uchardet, libexttextcat, libstemmer and
# ICU (with the C++ runtime they need) statically, and are not
# position-independent: a one-article run spent 1 of its 4 ms in the
# dynamic loader (a dozen shared libraries, 13,000 relocations); statically
# linked, ICU's 30 MB of data are mapped, not read. libc and libm stay
# shared. Sanitized builds link as the tests do.
ifneq ($(SAN),1)
PROG_LDFLAGS := -no-pie -static-libgcc
PROG_LDLIBS  := -Wl,-Bstatic -lgsl -lgslcblas -lutf8proc -luchardet -lexttextcat-2.0 -lstemmer \
                -licuuc -licudata -lstdc++ -Wl,-Bdynamic -lm -lpthread -ldl
else
PROG_LDLIBS  := $(LDLIBS)
endif
# Each program is its own object(s) plus options.o, which both share.
$(BUILD)/align: $(BUILD)/toolkit/programs/align_args.o
$(BUILD)/%: $(BUILD)/toolkit/programs/%.o $(BUILD)/toolkit/programs/options.o $(LIB)
	$(CC) $(LDFLAGS) $(PROG_LDFLAGS) $(filter %.o,$^) $(LIB) $(PROG_LDLIBS) -o $@

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(LIB)
	$(CC) $(LDFLAGS) $< $(LIB) -lcmocka $(LDLIBS) -o $@

$(BUILD)/bench/fit_summary: $(FIT_OBJS)
$(BUILD)/bench/%: $(BUILD)/tests/bench/%.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $(filter %.o,$^) $(LIB) $(LDLIBS) -o $@

# Fuzz targets: in check builds they are replay programs (-DFUZZ_MAIN) run
# over tests/fuzz/corpus/ and the samples; `make fuzz` builds them for
# libFuzzer with clang and fuzzes each for FUZZ_SECONDS.
$(BUILD)/fuzz/%: tests/fuzz/%.c $(LIB) $(BUILD)/flags.stamp
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(FUZZ_CFLAGS) $(LDFLAGS) $< $(LIB) $(LDLIBS) -o $@
FUZZ_CFLAGS ?= -DFUZZ_MAIN

fuzz:
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/libfuzzer CC=clang CXX=clang++ SAN=1 OPT="-O1 -g" \
	  CFLAGS_EXTRA=-fsanitize=fuzzer-no-link FUZZ_CFLAGS=-fsanitize=fuzzer fuzz-run
fuzz-run: $(FUZZ_BINS)
	@for f in $(FUZZ_BINS); do n=$$(basename $$f); mkdir -p $(BUILD)/corpus/$$n; \
	  echo "fuzz: $$n for $(FUZZ_SECONDS) s"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) $(BUILD)/corpus/$$n $$( [ -d tests/fuzz/corpus/$$n ] && echo tests/fuzz/corpus/$$n) || exit 1; \
	done

$(BUILD)/tests/failalloc.so: tests/alloc/failalloc.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -shared -fPIC -Wall -Wextra -Werror $< -o $@

# check: one build's unit and end-to-end tests. test: plain, then sanitized.
check: $(LIB) $(SOLIB) $(BUILD)/tandem.pc $(BINS) $(TESTS) $(FUZZ_BINS) lexicons-compiled $(FAILALLOC)
	@sh tests/run.sh $(BUILD)

format-check:
	@clang-format --dry-run --Werror $(FORMAT_SRC)

test: test-deps
	@$(MAKE) --no-print-directory format-check
	@$(MAKE) --no-print-directory check
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/san SAN=1 OPT=-O1 check

bench: deps
	@$(MAKE) --no-print-directory bench-run
bench-run: $(LIB) $(BINS) $(BENCHES) lexicons-compiled
	@sh tests/bench/run.sh $(BUILD)

demo: all
	$(BUILD)/align corpora/seed/es.txt corpora/seed/fr.txt

# Every pair the build produces is checked (FreeDict's installed pairs and
# CC-CEDICT's en-zh); only the missing ones are built.
lexicons-if-missing:
	@sh models/lexicon/build.sh --if-missing models/lexicon
lexicons:
	sh models/lexicon/build.sh models/lexicon
# Apertium's dictionaries merged in (opt-in: needs lttoolbox-dev and the
# apertium-* packages; see models/README.md for what they add).
lexicons-apertium: lexicons
	sh models/lexicon/apertium.sh models/lexicon

D := $(DESTDIR)$(PREFIX)
install: all $(BUILD)/tandem.pc
	install -d $(D)/bin $(D)/lib/pkgconfig $(D)/include/tandem $(D)/share/tandem \
	  $(D)/share/man/man1
	install -m 755 $(BINS) $(D)/bin/
	install -m 644 $(LIB) $(D)/lib/
	install -m 755 $(SOLIB) $(D)/lib/
	ln -sf $(notdir $(SOLIB)) $(D)/lib/$(SONAME)
	ln -sf $(SONAME) $(D)/lib/libtandem.so
	install -m 644 $(BUILD)/tandem.pc $(D)/lib/pkgconfig/
	install -m 644 include/tandem/*.h $(D)/include/tandem/
	cp -R models $(D)/share/tandem/
	install -m 644 toolkit/programs/man/*.1 $(D)/share/man/man1/

# Removes exactly what install put there (the same PREFIX and DESTDIR).
uninstall:
	rm -f $(PROGRAMS:%=$(D)/bin/%) $(D)/lib/libtandem.a $(D)/lib/libtandem.so \
	  $(D)/lib/$(SONAME) $(D)/lib/$(notdir $(SOLIB)) $(D)/lib/pkgconfig/tandem.pc \
	  $(PROGRAMS:%=$(D)/share/man/man1/%.1)
	rm -rf $(D)/include/tandem $(D)/share/tandem

clean:
	rm -rf $(BUILD)

.PHONY: lexicons lexicons-if-missing lexicons-compiled lexicons-apertium
.SECONDARY:
-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
