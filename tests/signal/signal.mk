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
