/*
 * altstack.c — sigaltstack(2): the alternate stack handlers with
 * SA_ONSTACK run on.  The rules (EPERM while on it, ENOMEM below
 * MINSIGSTKSZ, the flags) are lib/sigrules.c's.
 */
#include "signal_internal.h"
#include "syscall.h"
#include "uaccess.h"

SYSCALL_DEFINE_FRAME(sigaltstack)
{
	struct proc *p = proc_current();
	u64 uss = SYSCALL_ARG0(f), uoss = SYSCALL_ARG1(f);
	struct linux_stack ss, next = p->sig.altstack;
	struct linux_stack old = sigrules_altstack_get(&p->sig.altstack, f->rsp);
	long err;

	if (uss) {
		if (copy_from_user(&ss, uss, sizeof(ss)))
			return -EFAULT;
		err = sigrules_altstack_set(&next, &ss, f->rsp);
		if (err)
			return err;
	}
	if (uoss && copy_to_user(uoss, &old, sizeof(old)))
		return -EFAULT;
	p->sig.altstack = next;
	return 0;
}
