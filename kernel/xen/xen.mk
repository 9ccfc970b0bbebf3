# kernel/xen/xen.mk — Xen the platform (hypercalls, shared_info and
# vcpu_info, events, grants, pvclock, console, shutdown), included by every
# backend that runs on Xen; built once however many include it.
ifndef XEN_PLATFORM_MK
XEN_PLATFORM_MK := 1
KSRC_C += $(wildcard kernel/xen/*.c)
KSRC_S += $(wildcard kernel/xen/*.S)
KTEST_C += $(wildcard kernel/xen/ktest/*.c)
include kernel/drivers/xen/drivers.mk
endif
