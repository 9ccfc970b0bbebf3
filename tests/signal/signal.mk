# signal.mk — the signal engineer's end-to-end check program, built with
# musl as a static Linux binary (the same one passes on the host Linux):
#   make build/user/sigcheck          build it
#   make signal-host-check            run it on this machine's Linux
# Putting it into the initrd is the user section's business (Makefile).

MUSLCC ?= musl-gcc
SIGCHECK := $(BUILD)/user/sigcheck

$(SIGCHECK): tests/signal/sigcheck.c
	@mkdir -p $(@D)
	$(MUSLCC) -static -O2 -Wall -Wextra -Werror $< -o $@

.PHONY: signal-host-check
signal-host-check: $(SIGCHECK)
	$(SIGCHECK)

# The kernel's signal code on the host, against fakes (host_harness.c).
SIGHARNESS := $(BUILD)/host/signal_harness
$(SIGHARNESS): tests/signal/host_harness.c kernel/signal/*.c kernel/signal/*.h lib/sigrules.c
	@mkdir -p $(@D)
	$(HOSTCC) -std=gnu11 -w -Ikernel/include -Iinclude -Ilib -I. -Ikernel/pvcall/off \
		tests/signal/host_harness.c lib/sigrules.c -o $@

.PHONY: signal-harness
signal-harness: $(SIGHARNESS)
	$(SIGHARNESS)
