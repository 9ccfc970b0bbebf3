# tools/proteus/proteus_tests.mk — cmocka unit tests of the host tool.
# Include after proteus.mk (it links PROTEUS_OBJS and PROTEUS_LIBOBJS).
# Defines PROTEUS_UNIT_BINS: executables under $(BUILD)/host/unit/ that
# each run standalone and exit non-zero on failure.  Their objects live in
# $(BUILD)/host/unit/proteus/, apart from unit.mk's.

PROTEUS_UNIT_NAMES := test_sites test_runargs test_xenrun test_benchlat test_benchlazy test_benchmicro test_benchblk test_benchnet
PROTEUS_UNIT_BINS  := $(PROTEUS_UNIT_NAMES:%=$(BUILD)/host/unit/%)
PROTEUS_UNIT_OBJS  := $(PROTEUS_UNIT_NAMES:%=$(BUILD)/host/unit/proteus/%.o)

$(PROTEUS_UNIT_BINS): $(BUILD)/host/unit/%: $(BUILD)/host/unit/proteus/%.o $(PROTEUS_OBJS) $(PROTEUS_LIBOBJS)
	@mkdir -p $(@D)
	$(HOSTCC) -o $@ $^ -lcmocka

$(PROTEUS_UNIT_OBJS): $(BUILD)/host/unit/proteus/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(HOSTCC) $(PROTEUS_CFLAGS) -c -o $@ $<

-include $(PROTEUS_UNIT_OBJS:.o=.d)
