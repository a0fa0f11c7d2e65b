# m2: reference codec, vectors, fuzz kit and conformance suite for msgr2.
# One GNU makefile, no configure step.  Variants: BUILD=release|debug|asan|
# fuzz|afl|cov|faults; outputs go in build/$(BUILD)/.  BUILD=faults is the
# release build with the deliberate faults of m2/fault.h compiled in
# (m2server --fault NAME; conformance/faults.md).

BUILD	?= release
O	:= build/$(BUILD)
CC	?= cc
ifeq ($(origin CC),default)
CC	:= cc
endif
PYTHON	?= /usr/bin/python3

WARN	:= -std=c11 -Wall -Wextra -Wconversion -Wsign-conversion -Wshadow \
	   -Wvla -Wstrict-prototypes -Wmissing-prototypes -Werror
MODE_release	:= -O2 -g
MODE_debug	:= -O0 -g3
MODE_asan	:= -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
		   -fno-omit-frame-pointer
MODE_cov	:= -O0 -g --coverage
MODE_faults	:= -O2 -g -DM2_FAULTS
MODE_fuzz	:= -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
		   -fno-sanitize-recover=all
MODE_afl	:= -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all
LDMODE_asan	:= -fsanitize=address,undefined
LDMODE_cov	:= --coverage
LDMODE_fuzz	:= -fsanitize=address,undefined
LDMODE_afl	:= -fsanitize=address,undefined

ifeq ($(BUILD),fuzz)
CC	:= clang
endif
ifeq ($(BUILD),afl)
CC	:= afl-clang-fast
endif

CRYPTO_CFLAGS	:= $(shell pkg-config --cflags libcrypto 2>/dev/null)
CRYPTO_LIBS	:= $(shell pkg-config --libs libcrypto 2>/dev/null || echo -lcrypto)
ALL_CFLAGS	:= $(WARN) $(MODE_$(BUILD)) $(CFLAGS) -D_POSIX_C_SOURCE=200809L \
		   -Iref/include -Itools/lib $(CRYPTO_CFLAGS)
LIBS		:= $(CRYPTO_LIBS) -lisal
ALL_LDFLAGS	:= $(LDMODE_$(BUILD)) $(LDFLAGS)

LIB_SRC		:= $(sort $(wildcard ref/src/*.c))
LIB_OBJ		:= $(LIB_SRC:%.c=$(O)/%.o)
LIB		:= $(O)/libm2.a

TEST_SRC	:= $(sort $(wildcard ref/tests/t_*.c))
TEST_BIN	:= $(TEST_SRC:ref/tests/%.c=$(O)/tests/%)

# The conformance reports' unit test: conformance/tests/t_*.c, each linked
# with the report and profile code (not the runner's main).
CFREP_OBJ	:= $(patsubst %.c,$(O)/%.o,conformance/report.c \
		   conformance/profile.c conformance/result.c)
CFTEST_SRC	:= $(sort $(wildcard conformance/tests/t_*.c))
CFTEST_BIN	:= $(CFTEST_SRC:conformance/tests/%.c=$(O)/conformance/tests/%)

TOOL_SRC	:= $(sort $(wildcard tools/*.c))
TOOL_BIN	:= $(TOOL_SRC:tools/%.c=$(O)/tools/%)
TOOLLIB_SRC	:= $(sort $(wildcard tools/lib/*.c))
TOOLLIB_OBJ	:= $(TOOLLIB_SRC:%.c=$(O)/%.o)
TOOLLIB		:= $(O)/libm2tool.a

FUZZ_SRC	:= $(sort $(wildcard fuzz/fz_*.c))
FUZZ_NAMES	:= $(FUZZ_SRC:fuzz/%.c=%)
FUZZ_BIN	:= $(FUZZ_NAMES:%=$(O)/fuzz/%)
ifneq ($(filter fuzz afl,$(BUILD)),)
FUZZ_MAIN	:= -fsanitize=fuzzer
FUZZ_DEP	:=
else
FUZZ_MAIN	:= $(O)/fuzz/replay.o
FUZZ_DEP	:= $(O)/fuzz/replay.o
endif

# The conformance runner: every conformance/*.c is one program.
CF_SRC		:= $(sort $(wildcard conformance/*.c))
CF_OBJ		:= $(CF_SRC:%.c=$(O)/%.o)
CF_BIN		:= $(O)/conformance/m2conform

BENCH_SRC	:= $(sort $(wildcard bench/*.c))
BENCH_BIN	:= $(BENCH_SRC:bench/%.c=$(O)/bench/%)

.PHONY: all lib tests tools fuzzers check vectors corpus fuzz-smoke sanitize \
	bench clean demo pairing conformance

all: lib tests tools fuzzers conformance

lib: $(LIB)
tests: $(TEST_BIN) $(CFTEST_BIN)
tools: $(TOOL_BIN)
fuzzers: $(FUZZ_BIN)
conformance: $(CF_BIN)

$(CF_BIN): $(CF_OBJ) $(TOOLLIB) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS) -ljansson -lpthread

$(LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

$(O)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(O)/tests/%: $(O)/ref/tests/%.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

-include $(wildcard $(CFREP_OBJ:.o=.d) $(O)/conformance/tests/*.d)
$(CFTEST_BIN): $(CFREP_OBJ)	# named here, so make keeps the objects
$(O)/conformance/tests/%: $(O)/conformance/tests/%.o $(CFREP_OBJ) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS) -ljansson

$(TOOLLIB): $(TOOLLIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

$(O)/tools/%: $(O)/tools/%.o $(TOOLLIB) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS) -ljansson -lpthread

$(O)/fuzz/fz_%: $(O)/fuzz/fz_%.o $(FUZZ_DEP) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) $(FUZZ_MAIN) -o $@ $(O)/fuzz/fz_$*.o $(LIB) $(LIBS)

$(O)/bench/%: $(O)/bench/%.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

# The live bench links librados (librados-dev) beside the tools' library.
$(O)/bench/live/bench_live: $(O)/bench/live/bench_live.o $(TOOLLIB) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS) -ljansson -lrados

-include $(wildcard $(O)/ref/src/*.d $(O)/ref/tests/*.d $(O)/tools/*.d \
	$(O)/tools/lib/*.d $(O)/bench/live/*.d \
	$(O)/fuzz/*.d $(O)/bench/*.d $(O)/conformance/*.d)

clean:
	rm -rf build

# The negative fuzz target: built only where sanitizers are on.
$(O)/fuzz/neg_selftest: $(O)/fuzz/neg_selftest.o $(FUZZ_DEP)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) $(FUZZ_MAIN) -o $@ $(O)/fuzz/neg_selftest.o

# The main job: build, then check the reference against every vector.
demo: all
	$(O)/tools/m2vec check vectors
	./ci/conform-demo.sh $(BUILD)

# Seed corpora from the vectors (committed under fuzz/corpus/).
corpus: $(O)/tools/m2vec
	rm -rf fuzz/corpus
	$(O)/tools/m2vec corpus fuzz/corpus vectors
	$(PYTHON) fuzz/conv_seeds.py fuzz/corpus/conv_server
	mkdir -p fuzz/corpus/entity_name
	for n in client.admin mon. mon.a osd.0 mgr.x.y auth.z mds.a \
	    bogus.a client noid.; do \
		printf '%s' "$$n" > fuzz/corpus/entity_name/$$n; done

check: all
	M2_BUILD=$(BUILD) $(PYTHON) -m pytest -q tests

sanitize:
	./ci/sanitize.sh

fuzz-smoke:
	./ci/fuzz-smoke.sh

pairing:
	./ci/pairing.sh

bench:
	$(MAKE) BUILD=release $(BENCH_BIN) build/release/bench/live/bench_live
	for b in $(BENCH_BIN); do $$b || exit 1; done
	bench/live/run.sh build/release
