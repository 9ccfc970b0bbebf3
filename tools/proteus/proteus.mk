# tools/proteus/proteus.mk — the host tool `proteus`, included by the top
# Makefile, which defines HOSTCC and BUILD.  Objects go under
# $(BUILD)/host/proteus/; the tool is $(BUILD)/proteus.
# Static pattern rules, so no pattern rule of the including Makefile can
# take these objects over.

PROTEUS_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -O2 -g -I. -MMD -MP

# Every tool source but main.c is also linked into the unit tests.
PROTEUS_SRCS     := $(filter-out tools/proteus/main.c,$(wildcard tools/proteus/*.c))
PROTEUS_OBJS     := $(patsubst tools/proteus/%.c,$(BUILD)/host/proteus/%.o,$(PROTEUS_SRCS))
PROTEUS_LIBOBJS  := $(BUILD)/host/proteus/lib/elf64.o $(BUILD)/host/proteus/lib/pvpatch.o
PROTEUS_MAIN_OBJ := $(BUILD)/host/proteus/main.o

$(BUILD)/proteus: $(PROTEUS_MAIN_OBJ) $(PROTEUS_OBJS) $(PROTEUS_LIBOBJS)
	$(HOSTCC) -o $@ $^

$(PROTEUS_MAIN_OBJ) $(PROTEUS_OBJS): $(BUILD)/host/proteus/%.o: tools/proteus/%.c
	@mkdir -p $(@D)
	$(HOSTCC) $(PROTEUS_CFLAGS) -c -o $@ $<

$(PROTEUS_LIBOBJS): $(BUILD)/host/proteus/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(HOSTCC) $(PROTEUS_CFLAGS) -c -o $@ $<

-include $(PROTEUS_MAIN_OBJ:.o=.d) $(PROTEUS_OBJS:.o=.d) $(PROTEUS_LIBOBJS:.o=.d)
