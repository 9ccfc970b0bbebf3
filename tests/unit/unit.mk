# unit.mk — host unit tests for the pure-logic library in lib/.
#
# Included by the top-level Makefile, which defines HOSTCC and BUILD.
# Each tests/unit/test_X.c is linked with lib/X.c, compiled for the host;
# a test that needs more of lib/ gets an extra prerequisite line, e.g.
#   $(UNIT_DIR)/test_X: $(UNIT_DIR)/lib/Y.o
# lib/string.c is the kernel's own libc subset and never built for the host.
# lib/ is not on the include path: its string.h would shadow the host's,
# so sources say "lib/cpio.h" relative to the repository root.

# Whichever goal the including Makefile has (or will have) stays the default.
UNIT_SAVED_GOAL := $(.DEFAULT_GOAL)

UNIT_DIR    := $(BUILD)/host/unit
UNIT_NAMES  := fmt cpio elf64 cmdline pvpatch sigrules path ldisc ring
UNIT_BINS   := $(UNIT_NAMES:%=$(UNIT_DIR)/test_%)
UNIT_CFLAGS := -std=c11 -Wall -Wextra -Werror -O1 -g -I. -MMD -MP
UNIT_LDLIBS := -lcmocka

UNIT_TEST_OBJS := $(UNIT_NAMES:%=$(UNIT_DIR)/test_%.o)
UNIT_LIB_OBJS  := $(patsubst lib/%.c,$(UNIT_DIR)/lib/%.o,$(filter-out lib/string.c,$(wildcard lib/*.c)))

# Static pattern rules, so no rule of the including Makefile can take over.
$(UNIT_TEST_OBJS): $(UNIT_DIR)/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(HOSTCC) $(UNIT_CFLAGS) -c $< -o $@

$(UNIT_LIB_OBJS): $(UNIT_DIR)/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(HOSTCC) $(UNIT_CFLAGS) -c $< -o $@

$(UNIT_BINS): $(UNIT_DIR)/test_%: $(UNIT_DIR)/test_%.o $(UNIT_DIR)/lib/%.o
	$(HOSTCC) $^ $(UNIT_LDLIBS) -o $@

# Run every prerequisite even after a failure, then fail if any did.  Other
# fragments' test binaries join the run with a line "unit: $(THEIR_BINS)".
.PHONY: unit
unit: $(UNIT_BINS)
	@status=0; for t in $^; do \
		echo "# $$t"; \
		CMOCKA_MESSAGE_OUTPUT=TAP $$t || status=1; \
	done; exit $$status

-include $(UNIT_TEST_OBJS:.o=.d) $(UNIT_LIB_OBJS:.o=.d)

.DEFAULT_GOAL := $(UNIT_SAVED_GOAL)
