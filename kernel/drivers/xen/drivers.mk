# kernel/drivers/xen/drivers.mk — the front ends of Xen's split drivers
# (blkfront, netfront) and their tests, built wherever the Xen platform
# is (included by kernel/xen/xen.mk).  They live one directory down so the
# top-level wildcard over kernel/drivers/*/*.c, which every build compiles,
# does not pick them up where no Xen code is linked (PARAVIRT=0).
KSRC_C += $(wildcard kernel/drivers/xen/*/*.c)
KSRC_C := $(filter-out kernel/drivers/xen/ktest/%,$(KSRC_C))
KTEST_C += $(wildcard kernel/drivers/xen/ktest/*.c)
