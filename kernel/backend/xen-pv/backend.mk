# kernel/backend/xen-pv/backend.mk — the Xen PV backend: its own privilege
# model (ring 3, its copy of the entry code), on the shared Xen platform.
ifeq ($(PARAVIRT),1)
include kernel/xen/xen.mk
KSRC_C += $(wildcard kernel/backend/xen-pv/*.c)
KSRC_S += $(wildcard kernel/backend/xen-pv/*.S)
KTEST_C += $(wildcard kernel/backend/xen-pv/ktest/*.c)
ENTRY_COPIES += kernel/backend/xen-pv/entry_xenpv.h
endif
