# kernel/backend/native/backend.mk — the native backend, in every build:
# its op implementations are the pv tables' defaults (PARAVIRT=1) or what
# every op compiles to (PARAVIRT=0).  Registering a backend, the patch
# templates and the callee-save stubs exist only where there is patching.
ifeq ($(PARAVIRT),1)
KSRC_C += $(wildcard kernel/backend/native/*.c)
KSRC_S += kernel/backend/native/callee.S
else
KSRC_C += $(filter-out kernel/backend/native/backend.c kernel/backend/native/patch.c, \
	$(wildcard kernel/backend/native/*.c))
endif
