# precursor: PGXS build.
#
#   make && make install      build and install the extension
#   make installcheck         pg_regress + isolation tests against a running server
#   make unit                 C unit tests of the PostgreSQL-free core (no server)
#   make fuzz FUZZ_SECONDS=N  libFuzzer harnesses of the core parsers (clang, ASan+UBSan)
#
# The install script of the current version is assembled from
# extension/parts/*.sql, one file per concern, in file-name order.  Older
# versions' install scripts are frozen files (extension/precursor--1.0.sql and
# --1.1.sql are the assemblies of tags v1.0 and v1.1), with a secondary control
# file where a version's settings differ (1.0's schema); the
# upgrade scripts extension/precursor--A--B.sql take an installed database
# from one version to the next (tests/integration/upgrade_from_older.sh).

EXTENSION   = precursor
EXTVERSION  = 1.2

MODULE_big  = precursor
CORE_SRCS   = $(sort $(wildcard src/core/*.c))
GLUE_SRCS   = $(sort $(wildcard src/*.c))
OBJS        = $(CORE_SRCS:.c=.o) $(GLUE_SRCS:.c=.o)

DATA_built  = extension/$(EXTENSION)--$(EXTVERSION).sql
DATA        = $(filter-out $(DATA_built),$(wildcard extension/$(EXTENSION)--*.sql)) \
			  $(wildcard extension/$(EXTENSION)--*.control)

REGRESS     = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --inputdir=. --outputdir=. 
ISOLATION   = $(patsubst specs/%.spec,%,$(sort $(wildcard specs/*.spec)))
ISOLATION_OPTS = --inputdir=. --outputdir=output_iso

ICU_CFLAGS  := $(shell pkg-config --cflags icu-uc icu-i18n)
ICU_LIBS    := $(shell pkg-config --libs icu-uc icu-i18n)
HS_CFLAGS   := $(shell pkg-config --cflags libhs)
HS_LIBS     := $(shell pkg-config --libs libhs)

PG_CPPFLAGS = -Isrc -Isrc/core $(ICU_CFLAGS) $(HS_CFLAGS)
SHLIB_LINK  = $(ICU_LIBS) $(HS_LIBS)

EXTRA_CLEAN = $(DATA_built) src/core/tests/bin src/core/fuzz/bin output_iso

PG_CONFIG  ?= pg_config
PGXS       := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# PGXS tracks no header dependencies: a changed header rebuilds every object
# (a struct that changed size in one object only corrupts memory)
$(OBJS): $(wildcard src/*.h src/core/*.h)

$(DATA_built): $(sort $(wildcard extension/parts/*.sql))
	cat $^ > $@

# ---------------------------------------------------------------------------
# C unit tests of the core: each src/core/tests/test_*.c is a TAP program
# linked against the core objects only (no PostgreSQL).
# ---------------------------------------------------------------------------
UNIT_CC      ?= cc
UNIT_CFLAGS  = -std=gnu99 -O1 -g -Wall -Wextra -Wno-unused-parameter -Isrc/core $(ICU_CFLAGS) $(HS_CFLAGS)
UNIT_LIBS    = $(ICU_LIBS) $(HS_LIBS) -lm
UNIT_TESTS   = $(patsubst src/core/tests/%.c,src/core/tests/bin/%,$(sort $(wildcard src/core/tests/test_*.c)))

src/core/tests/bin/%: src/core/tests/%.c $(CORE_SRCS) $(wildcard src/core/*.h) src/core/tests/tap.h
	@mkdir -p $(dir $@)
	$(UNIT_CC) $(UNIT_CFLAGS) -o $@ $< $(CORE_SRCS) $(UNIT_LIBS)

.PHONY: unit unit-build fuzz
unit-build: $(UNIT_TESTS)

# Runs every program even after a failure, then fails if any did.
unit: $(UNIT_TESTS)
	@rc=0; for t in $(UNIT_TESTS); do echo "# $$t"; $$t || rc=1; done; exit $$rc

# ---------------------------------------------------------------------------
# Fuzzing: one libFuzzer harness per parser in src/core/fuzz/fuzz_*.c.
# ---------------------------------------------------------------------------
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang-14
FUZZ_CFLAGS  = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Isrc/core $(ICU_CFLAGS) $(HS_CFLAGS)
FUZZERS      = $(patsubst src/core/fuzz/%.c,src/core/fuzz/bin/%,$(sort $(wildcard src/core/fuzz/fuzz_*.c)))

src/core/fuzz/bin/%: src/core/fuzz/%.c $(CORE_SRCS) $(wildcard src/core/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(CORE_SRCS) $(UNIT_LIBS) -lstdc++

fuzz: $(FUZZERS)
	@for f in $(FUZZERS); do echo "# $$f for $(FUZZ_SECONDS)s"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -max_len=4096 >$$f.log 2>&1; rc=$$?; \
	  tail -n 3 $$f.log; [ $$rc -eq 0 ] || exit $$rc; done
