# tick86 - see README.md. `./configure` writes config.mk.
ifeq ($(wildcard config.mk),)
ifeq ($(filter clean,$(MAKECMDGOALS)),)
$(error config.mk is missing: run ./configure first (./configure --install-deps installs what is missing))
endif
endif
-include config.mk

B        := build
SST_ROOT ?= ../shared/sst
WARN     := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-missing-field-initializers
CSTD     := -std=c11 -D_POSIX_C_SOURCE=200809L -Icpu -Idevices -Itests/sst
OPT      ?= -O2 -g
CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) $(EXTRA_CFLAGS)
SAN      := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

CPU_SRC  := $(sort $(wildcard cpu/*.c))
DEV_SRC  := $(sort $(wildcard devices/*.c))
# The ROMs are assembled and embedded as C arrays (bios/rom2c.c).
ROM_SRC  := $(B)/bios/roms.c
CORE_SRC := $(CPU_SRC) $(DEV_SRC) $(ROM_SRC)
GUI_SRC  := $(filter-out $(if $(filter 1,$(HAVE_SDL)),,gui/display_sdl.c),$(sort $(wildcard gui/*.c)))
GUI_CFLAGS = $(PNG_CFLAGS) $(if $(filter 1,$(HAVE_SDL)),$(SDL_CFLAGS) -DHAVE_SDL=1,-DHAVE_SDL=0)
GUI_LIBS   = $(PNG_LIBS) $(if $(filter 1,$(HAVE_SDL)),$(SDL_LIBS))
HDRS     := $(wildcard cpu/*.h cpu/*.def devices/*.h tests/*.h tests/sst/*.h bench/*.h)
SST_SRC  := $(sort $(wildcard tests/sst/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNITS    := $(patsubst tests/unit/%.c,$(B)/san/unit/%,$(UNIT_SRC)) $(B)/san/unit/test_sst_parse
GUEST    := $(patsubst tests/guest/%.asm,$(B)/guest/%.bin,$(wildcard tests/guest/*.asm))
BENCHBIN := $(patsubst bench/%.asm,$(B)/bench/%.bin,$(wildcard bench/*.asm))
# Guest test programs for the PC: each a bootable 1.44 MiB floppy image.
PCGUEST  := $(patsubst tests/guest/pc/%.asm,$(B)/guest/pc/%.img,$(filter-out %lib.asm,$(wildcard tests/guest/pc/*.asm)))
DEMO     := $(B)/demo/demo.img

.SECONDARY:
.PHONY: pc-tests all check clean bench fuzz fuzz-replay sst-full run unit sst sst-hostile clang-build decode-ndisasm
all: tick86 $(B)/tick86 $(B)/sst-run $(B)/bench/bench $(GUEST) $(BENCHBIN) $(DEMO) $(PCGUEST)

# Object files per build flavour: obj (release), san (ASan+UBSan), hostile
# (1-instruction traces, a 4-entry trace cache and TLB, both flushed at every
# instruction boundary: STYLE.md item 13).
define flavour
$(B)/$(1)/%.o: %.c $(HDRS)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(CFLAGS_ALL) $(2) -c $$< -o $$@
endef
$(eval $(call flavour,obj,))
$(eval $(call flavour,san,$(SAN) $(CHECK_CFLAGS) -DGUEST_DIR='"$(B)/guest"'))
$(eval $(call flavour,hostile,-DTRACE_MAX=1 -DTRACE_ENTRIES_DEFAULT=4 -DTLB_ENTRIES=4 -DHOSTILE_FLUSH))
objs = $(patsubst %.c,$(B)/$(1)/%.o,$(2))

$(B)/obj/gui/%.o: gui/%.c $(HDRS) $(wildcard gui/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(GUI_CFLAGS) -c $< -o $@
$(B)/tick86: $(call objs,obj,$(CORE_SRC) $(GUI_SRC))
	$(CC) $(OPT) $^ -o $@ $(GUI_LIBS) $(LDLIBS)

# ---- ROMs ------------------------------------------------------------------
$(B)/bios/%.bin: bios/%.asm $(wildcard bios/*.inc)
	@mkdir -p $(dir $@)
	$(NASM) -f bin -Ibios/ $< -o $@
$(B)/rom2c: bios/rom2c.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O2 $< -o $@
$(ROM_SRC): $(B)/rom2c $(B)/bios/bios.bin $(B)/bios/vgabios.bin
	$(B)/rom2c $@ pc_rom_bios $(B)/bios/bios.bin pc_rom_vgabios $(B)/bios/vgabios.bin
$(B)/sst-run: $(call objs,obj,$(CORE_SRC) $(SST_SRC))
	$(CC) $(OPT) $^ -o $@ $(ZLIB_LIBS)
$(B)/sst-run-hostile: $(call objs,hostile,$(CORE_SRC) $(SST_SRC))
	$(CC) $(OPT) $^ -o $@ $(ZLIB_LIBS)
$(B)/bench/bench: $(call objs,obj,$(CORE_SRC) bench/bench.c)
	@mkdir -p $(dir $@)
	$(CC) $(OPT) $^ -o $@
tick86: $(B)/tick86
	cp $< $@
# The PC on the hostile core (1-instruction traces, 4-entry caches flushed at
# every boundary): whole boots must give the same state as with ./tick86.
$(B)/tick86-hostile: $(call objs,hostile,$(CORE_SRC)) $(call objs,obj,$(GUI_SRC))
	$(CC) $(OPT) $^ -o $@ $(GUI_LIBS) $(LDLIBS)

$(B)/guest/%.bin: tests/guest/%.asm
	@mkdir -p $(dir $@)
	$(NASM) -f bin $< -o $@
$(B)/guest/pc/%.img: tests/guest/pc/%.asm $(wildcard tests/guest/pc/*.inc)
	@mkdir -p $(dir $@)
	$(NASM) -f bin -Itests/guest/pc/ $< -o $@
$(DEMO): $(wildcard demo/*.asm demo/*.inc)
	@mkdir -p $(dir $@)
	$(NASM) -f bin -Idemo/ demo/demo.asm -o $@
$(B)/bench/%.bin: bench/%.asm $(wildcard bench/*.inc)
	@mkdir -p $(dir $@)
	$(NASM) -f bin -Ibench/ $< -o $@

# ---- tests ---------------------------------------------------------------
$(B)/san/unit/%: $(B)/san/tests/unit/%.o $(call objs,san,$(CORE_SRC))
	@mkdir -p $(dir $@)
	$(CC) $(SAN) $^ -o $@ $(CHECK_LIBS)

# The SST runner's parsing layer (MOO files, metadata.json) on its own.
SST_PARSE := tests/sst/moo.c tests/sst/minijson.c tests/sst/sst_meta.c
$(B)/san/unit/test_sst_parse: $(call objs,san,tests/sst/selftest/test_sst_parse.c $(SST_PARSE))
	@mkdir -p $(dir $@)
	$(CC) $(SAN) $^ -o $@ $(CHECK_LIBS) $(ZLIB_LIBS)

unit: $(UNITS) $(GUEST) $(B)/san/test_frontend
	@set -e; for t in $(UNITS) $(B)/san/test_frontend; do echo "== $$t"; $$t; done

# The core must also be -Wall -Wextra clean under clang (and gcc, above).
clang-build: $(ROM_SRC)
ifneq ($(CLANG),)
	@mkdir -p $(B)/clang
	@set -e; for f in $(CORE_SRC) $(SST_SRC) bench/bench.c tests/decode/decode_vs_ndisasm.c tests/fuzz/fuzz_exec.c bios/rom2c.c; do \
	  $(CLANG) $(CSTD) $(WARN) -Werror -O2 -fsyntax-only $$f; done
	@set -e; for f in $(GUI_SRC) tests/tools/pngcmp.c; do \
	  $(CLANG) $(CSTD) $(WARN) $(GUI_CFLAGS) -Werror -O2 -fsyntax-only $$f; done
	@echo "clang -Wall -Wextra: clean"
else
	@echo "clang-build: SKIPPED (clang not found; ./configure --install-deps installs it)"
endif

sst: $(B)/sst-run
	$(B)/sst-run --cpu 8086 $(SST_ROOT)/8086
	$(B)/sst-run --cpu 80286 $(SST_ROOT)/286

sst-hostile: $(B)/sst-run-hostile
	$(B)/sst-run-hostile --cpu 8086 $(SST_ROOT)/8086
	$(B)/sst-run-hostile --cpu 80286 $(SST_ROOT)/286

# Every input the fuzzer ever crashed on is kept and replayed.
$(B)/san/fuzz-replay: $(B)/san/tests/fuzz/fuzz_exec.o $(B)/san/tests/fuzz/replay_main.o $(call objs,san,$(CORE_SRC))
	$(CC) $(SAN) $^ -o $@
fuzz-replay: $(B)/san/fuzz-replay
	$(B)/san/fuzz-replay tests/fuzz-crashes tests/fuzz-seeds

# Decoder lengths against an independent decoder (nasm's ndisasm).
$(B)/decode-vs-ndisasm: $(call objs,obj,$(CORE_SRC) tests/decode/decode_vs_ndisasm.c)
	$(CC) $(OPT) $^ -o $@
decode-ndisasm: $(B)/decode-vs-ndisasm
	@set -e; for m in 8086 80286 80386 p6; do $(B)/decode-vs-ndisasm --cpu $$m; done

# Whole-machine tests: guest programs, demo boots on every model, PNG
# screens, determinism, and the Bochs BIOS (tests/pc/boot_tests.sh).
$(B)/pngcmp: tests/tools/pngcmp.c gui/png.c gui/png.h
	$(CC) $(CFLAGS_ALL) $(PNG_CFLAGS) tests/tools/pngcmp.c gui/png.c -o $@ $(PNG_LIBS)
# The front end's own pieces (keymap, disk images, PNG) under the sanitizers.
$(B)/san/test_frontend: tests/tools/test_frontend.c gui/keymap.c gui/disk_image.c gui/png.c gui/replay.c $(wildcard gui/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(SAN) $(CHECK_CFLAGS) $(PNG_CFLAGS) $(filter %.c,$^) -o $@ $(PNG_LIBS) $(CHECK_LIBS)
# A 1 GiB disk for the INT 13h tests: sparse, and only ever used with -snapshot.
$(B)/guest/pc/hd1g.img:
	@mkdir -p $(dir $@)
	truncate -s 1G $@
pc-tests: all $(B)/pngcmp $(B)/guest/pc/hd1g.img $(B)/tick86-hostile
	sh tests/tools/test_cli.sh ./tick86 $(B)/pngcmp
	HAVE_SDL=$(HAVE_SDL) sh tests/pc/boot_tests.sh $(B)

check: all clang-build unit decode-ndisasm fuzz-replay sst sst-hostile pc-tests
	@echo "make check: all suites passed"

# ---- longer suites ---------------------------------------------------------
SST_CPU ?=
sst-full: $(B)/sst-run
	@test -n "$(SST_DIR)" || { echo "usage: make sst-full SST_DIR=path/to/suite [SST_CPU=8086|80286]"; exit 2; }
	$(B)/sst-run $(if $(SST_CPU),--cpu $(SST_CPU)) --cycles $(SST_DIR)

FUZZ_SECONDS ?= 60
fuzz:
ifneq ($(CLANG),)
	@mkdir -p $(B)/fuzz tests/fuzz-crashes
	$(CLANG) $(CSTD) -O1 -g -fsanitize=fuzzer,address,undefined $(CORE_SRC) tests/fuzz/fuzz_exec.c -o $(B)/fuzz/fuzz-exec
	$(B)/fuzz/fuzz-exec -max_total_time=$(FUZZ_SECONDS) -artifact_prefix=tests/fuzz-crashes/ -max_len=256 tests/fuzz-seeds
else
	@echo "make fuzz needs clang (libFuzzer): ./configure --install-deps"; exit 1
endif

bench: $(B)/bench/bench $(BENCHBIN) tick86 $(DEMO)
	$(B)/bench/bench $(BENCHBIN)
	sh bench/boot_time.sh $(B)

# Boots the demo disk: in a window with SDL and a display, else in the
# terminal (tick86 picks the display; see -display in ./tick86 --help).
run: tick86 $(DEMO)
	./tick86 -fda $(DEMO)

clean:
	rm -rf $(B) tick86
