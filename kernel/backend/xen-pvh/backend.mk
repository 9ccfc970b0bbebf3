# kernel/backend/xen-pvh/backend.mk — Xen PVH: the native privilege model
# (and its copy of the entry code) on the shared Xen platform.
ifeq ($(PARAVIRT),1)
include kernel/xen/xen.mk
KSRC_C += $(wildcard kernel/backend/xen-pvh/*.c)
KTEST_C += $(wildcard kernel/backend/xen-pvh/ktest/*.c)
endif
