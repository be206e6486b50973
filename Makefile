# tick86 - see README.md. `./configure` writes config.mk.
-include config.mk
ifeq ($(wildcard config.mk),)
$(error config.mk is missing: run ./configure first (./configure --install-deps installs what is missing))
endif

B        := build
WARN     := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-missing-field-initializers
CSTD     := -std=c11 -D_POSIX_C_SOURCE=200809L
OPT      ?= -O2 -g
CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) $(EXTRA_CFLAGS)

CPU_SRC  := $(wildcard cpu/*.c)
DEV_SRC  := devices/memmap.c devices/ioport.c devices/sched.c
CORE_SRC := $(CPU_SRC) $(DEV_SRC)
HDRS     := $(wildcard cpu/*.h cpu/*.def devices/*.h)

.PHONY: all check clean bench fuzz sst-full run unit sst hostile determinism clang-build fuzz-replay
all: $(B)/tick86 $(B)/sst-run

# One object set per build flavour: normal, sanitizers, hostile, portable.
define flavour
$(B)/$(1)/%.o: %.c $(HDRS) | $(B)/$(1)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(CFLAGS_ALL) $(2) -c $$< -o $$@
$(B)/$(1):
	@mkdir -p $$@
endef
$(eval $(call flavour,obj,))
$(eval $(call flavour,san,-O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined))
$(eval $(call flavour,hostile,-DTRACE_MAX=1 -DTRACE_ENTRIES_DEFAULT=4 -DTLB_ENTRIES=4))

objs = $(patsubst %.c,$(B)/$(1)/%.o,$(2))

$(B)/tick86: $(call objs,obj,$(CORE_SRC) gui/main.c)
	$(CC) $(OPT) $^ -o $@ $(LDLIBS)

SST_SRC := $(wildcard tests/sst/*.c)
$(B)/sst-run: $(call objs,obj,$(CORE_SRC) $(SST_SRC))
	$(CC) $(OPT) $^ -o $@ $(ZLIB_LIBS)
$(B)/sst-run-hostile: $(call objs,hostile,$(CORE_SRC) $(SST_SRC))
	$(CC) $(OPT) $^ -o $@ $(ZLIB_LIBS)

clean:
	rm -rf $(B)
