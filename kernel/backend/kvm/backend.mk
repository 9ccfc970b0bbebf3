# kernel/backend/kvm/backend.mk — the KVM backend: the native privilege
# model (and its copy of the entry code) with KVM's clock, steal time and
# PV EOI.
ifeq ($(PARAVIRT),1)
KSRC_C += $(wildcard kernel/backend/kvm/*.c)
KTEST_C += $(wildcard kernel/backend/kvm/ktest/*.c)
endif
