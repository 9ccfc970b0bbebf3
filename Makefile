# Proteus — one x86-64 kernel that runs natively and paravirtualized.
#
#   make              build the kernel (build/proteus.elf), initrd and host tool
#   make PARAVIRT=0   the same kernel with pv_ops compiled out (build/proteus-pv0.elf)
#   make run          boot it under QEMU to a busybox shell on the console (poweroff ends it)
#   make run-xen      the same as a Xen PV dom0 (Xen 4.17 under QEMU)
#   make run-pvh      boot the same ELF as a Xen PVH dom0
#   make run-kvm      boot the same ELF under QEMU with KVM
#   make run-domu     the same ELF as a Xen PV domU of a Linux dom0 (ktest, batch)
#   make run-domu-pvh the same as a PVH domU
#   make check        every test: host unit tests, then the boot matrix
#   make bench        bench-latency, bench-lazy, bench-blk, bench-net, bench-micro (bench/report.md)
#   make bench-latency  lat's per-op costs on every platform (bench/latency.md)
#   make bench-lazy     fork/exit/munmap/switch with lazy modes on and off (bench/lazy.md)
#   make bench-micro    the kernel's per-op, page-table and whole-kernel benches (bench/report.md)
#
# Missing Debian packages are installed by mk/deps.sh on first use.

PARAVIRT ?= 1
BUILD    ?= build
HOSTCC   ?= gcc
KCC      ?= gcc
LD       ?= ld

ifeq ($(PARAVIRT),1)
KDIR   := $(BUILD)/k1
KERNEL := $(BUILD)/proteus.elf
PVCALL := on
else ifeq ($(PARAVIRT),0)
KDIR   := $(BUILD)/k0
KERNEL := $(BUILD)/proteus-pv0.elf
PVCALL := off
else
$(error PARAVIRT must be 0 or 1, not '$(PARAVIRT)')
endif

.DEFAULT_GOAL := all
.PHONY: all kernel initrd tool run run-xen run-pvh run-kvm run-domu run-domu-pvh check bench bench-latency bench-lazy bench-micro bench-blk bench-net unit deps clean

all: kernel initrd tool

# ---------------------------------------------------------------- kernel --

GCCINC := $(shell $(KCC) -print-file-name=include)
KCFLAGS := -std=c11 -ffreestanding -nostdinc -isystem $(GCCINC) \
	-fno-pic -fno-pie -mcmodel=kernel -mno-red-zone -mgeneral-regs-only \
	-fno-stack-protector -fcf-protection=none -fno-omit-frame-pointer \
	-fno-asynchronous-unwind-tables -O2 -g -Wall -Wextra -Werror -Wmissing-prototypes \
	-Ikernel/include -Ikernel/pvcall/$(PVCALL) -Iinclude -Ilib -I. -MMD -MP
KASFLAGS := $(filter-out -std=c11,$(KCFLAGS)) -D__ASSEMBLER__
KLDFLAGS := -nostdlib -static -no-pie -z max-page-size=0x1000 -z noexecstack \
	--no-warn-rwx-segments -T kernel/kernel.ld

# Sources common to both builds.  Backends add theirs from their own
# backend.mk (kernel/backend/*/backend.mk), and with them their tests and
# their copy of the entry code (ENTRY_COPIES: the class-C macro header
# entry.S is assembled with).  The native copy serves every backend that
# keeps the native privilege model.
KSRC_C := $(wildcard kernel/boot/*.c kernel/core/*.c kernel/mm/*.c kernel/cpu/*.c \
	kernel/dev/*.c kernel/irq/*.c kernel/proc/*.c kernel/bench/*.c \
	kernel/fs/*.c kernel/tty/*.c kernel/signal/*.c kernel/net/*.c \
	kernel/dev/*/*.c kernel/drivers/*/*.c) kernel/main.c \
	kernel/pv/info.c lib/string.c lib/fmt.c lib/cpio.c lib/elf64.c lib/cmdline.c lib/pvpatch.c \
	lib/path.c lib/ldisc.c lib/ring.c lib/sigrules.c
KSRC_S := kernel/boot/pvh_head.S kernel/proc/switch.S
KTEST_C := $(wildcard kernel/ktest/*.c)
ENTRY_COPIES := kernel/entry/entry_native.h
ifeq ($(PARAVIRT),1)
KSRC_C += kernel/pv/ops.c kernel/pv/patch.c kernel/pv/detect.c kernel/pv/setup.c
KTEST_C += $(wildcard kernel/ktest/pv_on/*.c)
else
KSRC_C += kernel/pv/setup_off.c
KTEST_C += $(wildcard kernel/ktest/pv_off/*.c)
endif
include $(sort $(wildcard kernel/backend/*/backend.mk))
KSRC_C += $(KTEST_C)

ENTRY_OBJS := $(foreach h,$(ENTRY_COPIES),$(KDIR)/entry/$(basename $(notdir $(h))).o)
KOBJS := $(KSRC_C:%.c=$(KDIR)/%.o) $(KSRC_S:%.S=$(KDIR)/%.o) $(ENTRY_OBJS)

# V=1 shows the full commands.
Q := $(if $(V),,@)
msg = $(if $(V),,@printf '  %-7s %s\n' $(1) $(2);)

# Tests run in the order their files list them.
$(KTEST_C:%.c=$(KDIR)/%.o): KCFLAGS += -fno-toplevel-reorder
$(KDIR)/%.o: %.c
	@mkdir -p $(@D)
	$(call msg,CC,$@)$(KCC) $(KCFLAGS) -c $< -o $@

$(KDIR)/%.o: %.S
	@mkdir -p $(@D)
	$(call msg,AS,$@)$(KCC) $(KASFLAGS) -c $< -o $@

# The shared entry source must use class-C macros for everything privileged.
$(KDIR)/entry/entry-checked: kernel/entry/entry.S mk/check-entry.sh
	@mkdir -p $(@D)
	sh mk/check-entry.sh kernel/entry/entry.S
	@touch $@

# One copy of entry.S per macro header in ENTRY_COPIES.
define ENTRY_COPY_RULE
$(KDIR)/entry/$(basename $(notdir $(1))).o: kernel/entry/entry.S $(1) $(KDIR)/entry/entry-checked
	@mkdir -p $$(@D)
	$$(call msg,AS,$$@)$$(KCC) $$(KASFLAGS) -include $(1) -c $$< -o $$@
endef
$(foreach h,$(ENTRY_COPIES),$(eval $(call ENTRY_COPY_RULE,$(h))))

# Two links: the second carries the symbol table of the first (.ksyms is
# laid out last, so adding it moves nothing it describes); the check below
# proves that.
$(KDIR)/ksyms0.S: mk/ksyms.sh
	@mkdir -p $(@D)
	sh mk/ksyms.sh > $@
$(KDIR)/stage1.elf: $(KOBJS) $(KDIR)/ksyms0.o kernel/kernel.ld
	$(call msg,LD,$@)$(LD) $(KLDFLAGS) -o $@ $(KOBJS) $(KDIR)/ksyms0.o
$(KDIR)/ksyms.S: $(KDIR)/stage1.elf mk/ksyms.sh
	sh mk/ksyms.sh $< > $@
$(KDIR)/ksyms0.o $(KDIR)/ksyms.o: $(KDIR)/%.o: $(KDIR)/%.S
	$(call msg,AS,$@)$(KCC) $(KASFLAGS) -c $< -o $@
$(KERNEL): $(KOBJS) $(KDIR)/ksyms.o kernel/kernel.ld
	$(call msg,LD,$@)$(LD) $(KLDFLAGS) -o $@.tmp $(KOBJS) $(KDIR)/ksyms.o
	sh mk/ksyms.sh $@.tmp | cmp -s - $(KDIR)/ksyms.S || \
		{ echo "ksyms: symbols moved between links" >&2; exit 1; }
	mv $@.tmp $@

kernel: $(KERNEL)

-include $(KOBJS:.o=.d)

# ------------------------------------------------------------------ user --
# Unmodified static Linux x86-64 programs, built against Debian's musl,
# plus Debian's busybox-static.  They use the kernel's Linux system-call
# ABI only, so they also run on the host as they are.  SSE is allowed here:
# the kernel keeps each process's FPU state.  One .c per program in user/;
# the test suite is every file in user/usertests/, linked into one binary.
LCC := musl-gcc
LCFLAGS := -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -MMD -MP -Iinclude
LLDFLAGS := -static
LDIR := $(BUILD)/user
LPROGS := $(sort $(basename $(notdir $(wildcard user/*.c))))
UT_SRC := $(sort $(wildcard user/usertests/*.c user/usertests/*.S))
UT_OBJS := $(patsubst user/usertests/%,$(LDIR)/ut-obj/%.o,$(UT_SRC))
LBINS := $(LPROGS:%=$(LDIR)/%) $(LDIR)/usertests

$(LDIR)/%.o: user/%.c | $(BUILD)/.deps-ok
	@mkdir -p $(@D)
	$(call msg,MUSLCC,$@)$(LCC) $(LCFLAGS) -c $< -o $@
# kseg is linked below the lowest user address on purpose: exec must refuse it.
$(LPROGS:%=$(LDIR)/%): $(LDIR)/%: $(LDIR)/%.o
	$(call msg,LD,$@)$(LCC) $(LLDFLAGS) $(if $(filter kseg,$*),-Wl$(comma)-Ttext-segment=0x1000) $^ -o $@
comma := ,
# Tests register themselves in a linker section and run in link order, so
# files link sorted and each file's tests stay in their source order.
$(LDIR)/ut-obj/%.c.o: user/usertests/%.c | $(BUILD)/.deps-ok
	@mkdir -p $(@D)
	$(call msg,MUSLCC,$@)$(LCC) $(LCFLAGS) -fno-toplevel-reorder -c $< -o $@
$(LDIR)/ut-obj/%.S.o: user/usertests/%.S | $(BUILD)/.deps-ok
	@mkdir -p $(@D)
	$(call msg,MUSLAS,$@)$(LCC) -c $< -o $@
$(LDIR)/usertests: $(UT_OBJS)
	$(call msg,LD,$@)$(LCC) $(LLDFLAGS) $^ -o $@

# The busybox applets the shell, the scripts and init need, each a symlink
# to /bin/busybox (which picks the applet by argv[0]).  No ps: it needs /proc.
BUSYBOX := /bin/busybox
BB_APPLETS := sh ash echo cat ls mkdir rmdir rm mv cp ln grep sed wc sleep true false \
	test [ printf head tail sort uniq tr cut expr seq env kill poweroff reboot halt \
	init mount umount pwd uname basename dirname touch yes tee xargs stat sync clear setsid cttyhack date \
	ping dd md5sum cmp

# The initrd: /init is busybox's init (which reads /etc/inittab and runs a
# shell on the console); every program is under /bin, next to busybox and
# its applets; /bin/notelf (a 32-bit ELF header) is a file exec must refuse.  /etc holds what
# busybox init and ash look up; /tmp is the mount point of the tmpfs.
# /proc stays empty, but must exist: busybox halt/poweroff/reboot without -f
# scan it (for linuxrc) and die with "can't open '/proc'" when it is missing.
$(BUILD)/initrd.cpio: $(LBINS) user/etc/inittab user/etc/passwd \
		user/etc/group tests/sh/basic.sh tests/blk/busybox.sh Makefile $(BUILD)/.deps-ok
	@if readelf -l $(BUSYBOX) | grep -q INTERP; then \
		echo "$(BUSYBOX) is dynamically linked: install busybox-static" >&2; exit 1; fi
	rm -rf $(BUILD)/initrd-root
	mkdir -p $(BUILD)/initrd-root/bin $(BUILD)/initrd-root/etc $(BUILD)/initrd-root/tmp \
		$(BUILD)/initrd-root/proc $(BUILD)/initrd-root/tests
	cp $(LBINS) $(BUSYBOX) $(BUILD)/initrd-root/bin/
	for a in $(BB_APPLETS); do ln -s busybox "$(BUILD)/initrd-root/bin/$$a"; done
	ln -s bin/busybox $(BUILD)/initrd-root/init
	{ printf '\177ELF\001\001\001'; head -c 121 /dev/zero; } > $(BUILD)/initrd-root/bin/notelf
	chmod 755 $(BUILD)/initrd-root/bin/notelf
	cp user/etc/inittab user/etc/passwd user/etc/group $(BUILD)/initrd-root/etc/
	cp tests/sh/basic.sh $(BUILD)/initrd-root/tests/
	cp tests/blk/busybox.sh $(BUILD)/initrd-root/tests/blk-busybox.sh
	chmod 755 $(BUILD)/initrd-root/tests/basic.sh $(BUILD)/initrd-root/tests/blk-busybox.sh
	cd $(BUILD)/initrd-root && find . -mindepth 1 | LC_ALL=C sort | \
		cpio --quiet -o -H newc --owner=0:0 > ../initrd.cpio.tmp
	mv $(BUILD)/initrd.cpio.tmp $@

initrd: $(BUILD)/initrd.cpio

-include $(LPROGS:%=$(LDIR)/%.d) $(UT_OBJS:.o=.d)

# ------------------------------------------------------------ host tool --

include tools/proteus/proteus.mk
include tools/proteus/proteus_tests.mk
include tests/unit/unit.mk
include tests/signal/signal.mk
UNIT_BINS += $(PROTEUS_UNIT_BINS)
unit: $(PROTEUS_UNIT_BINS)
$(UNIT_BINS) $(PROTEUS_UNIT_BINS): | $(BUILD)/.deps-ok

tool: $(BUILD)/proteus


.PHONY: unit-build print-unit-bins
unit-build: $(UNIT_BINS)
print-unit-bins:
	@echo $(UNIT_BINS)

# --------------------------------------------------------------- running --

$(BUILD)/.deps-ok: mk/deps.sh
	@mkdir -p $(@D)
	sh mk/deps.sh
	@touch $@

deps: $(BUILD)/.deps-ok

# Interactive: the terminal is the guest's console, in both directions.
run: all
	$(BUILD)/proteus run --on qemu --interactive --kernel $(KERNEL) --initrd $(BUILD)/initrd.cpio

# The same ELF as a Xen PV dom0 (Xen is fetched into a cache on first use).
run-xen: all
	$(BUILD)/proteus run --on xen --interactive --kernel $(BUILD)/proteus.elf --initrd $(BUILD)/initrd.cpio

# The same ELF as a Xen PVH dom0.
run-pvh: all
	$(BUILD)/proteus run --on xen-pvh --interactive --kernel $(BUILD)/proteus.elf --initrd $(BUILD)/initrd.cpio

# The same ELF under QEMU with KVM (needs a usable /dev/kvm).
run-kvm: all
	$(BUILD)/proteus run --on kvm --interactive --kernel $(BUILD)/proteus.elf --initrd $(BUILD)/initrd.cpio

# The same ELF as a Xen PV domU, created by xl in a Debian Linux dom0
# (mk/domu-image.sh builds and caches the dom0 on first use).
run-domu: all
	$(BUILD)/proteus run --on xen-domu --timeout 300 -- ktest

# The same as a PVH domU.
run-domu-pvh: all
	$(BUILD)/proteus run --on xen-domu-pvh --timeout 300 -- ktest

check: $(BUILD)/.deps-ok
	sh tests/check.sh

# Every bench through the host tool (tools/proteus/bench*.c): the latency
# suite, lazy batching, then the kernel's own micro-benchmarks, whose run
# writes bench/report.md over all three.  Both kernels: native-pv0 boots
# the PARAVIRT=0 one.
bench: all $(BUILD)/.deps-ok
	$(MAKE) PARAVIRT=0 kernel
	$(BUILD)/proteus bench latency
	$(BUILD)/proteus bench lazy
	$(BUILD)/proteus bench blk
	$(BUILD)/proteus bench net
	$(BUILD)/proteus bench micro

# lat as init on every platform: bench/results/latency*, bench/latency.md.
bench-latency: all $(BUILD)/.deps-ok
	$(MAKE) PARAVIRT=0 kernel
	$(BUILD)/proteus bench latency

# blkbench as init with a disk: virtio-blk natively, blkfront as a domU:
# bench/results/blk.tsv, blk.png, bench/blk.md.
bench-blk: all $(BUILD)/.deps-ok
	$(MAKE) PARAVIRT=0 kernel
	$(BUILD)/proteus bench blk

# udpbench as init against udppeer: virtio-net natively (the peer on the
# host), netfront as a domU (the peer in dom0): bench/results/net.tsv,
# net.png, bench/net.md.
bench-net: all $(BUILD)/.deps-ok
	$(BUILD)/proteus bench net

# lazy as init with the lazy modes on and off: bench/results/lazy.tsv, two
# plots, bench/lazy.md.
bench-lazy: all $(BUILD)/.deps-ok
	$(BUILD)/proteus bench lazy

# kernel/bench's bench and bench.whole options on every build and backend:
# bench/results/{micro,micro-deltas,pt,aspace-cswitch,whole-kernel}.tsv,
# three plots, bench/report.md.
bench-micro: all $(BUILD)/.deps-ok
	$(MAKE) PARAVIRT=0 kernel
	$(BUILD)/proteus bench micro

clean:
	rm -rf $(BUILD)
