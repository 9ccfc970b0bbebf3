/*
 * xen.h — the Xen guest ABI as Proteus speaks it, version 2 (2 added the
 * HVM interface a PVH guest uses, section 16b, and the M2P range query).
 *
 * Our own definitions of the interface between a 64-bit x86 guest kernel,
 * paravirtualised (PV) or PVH, and Xen 4.17, whose newest public interface
 * version is 0x00040e00. Only the numbers and layouts are taken from Xen's
 * public headers (xen.h,
 * arch-x86/xen.h, arch-x86/xen-x86_64.h, event_channel.h, grant_table.h,
 * sched.h, vcpu.h, memory.h, callback.h, elfnote.h, features.h, version.h,
 * errno.h); the text and the arrangement are ours.
 *
 * What is here, in order:
 *    1. scalar types
 *    2. hypercall numbers, the hypercall page, the calling convention
 *    3. ELF notes that a PV kernel carries
 *    4. x86-64 PV: selectors, the hypervisor hole, trap table, frames Xen
 *       builds on the guest stack, the iret hypercall, segment bases,
 *       callbacks
 *    5. start of day: start_info and the initial address space
 *    6. shared_info, vcpu_info, pvclock, runstate, vcpu_op
 *    7. page tables: mmu_update, mmuext_op, update_va_mapping, multicall
 *    8. event channels and VIRQs
 *    9. sched_op
 *   10. console_io
 *   11. grant tables (v1)
 *   12. memory_op
 *   13. xen_version and feature bits
 *   14. vm_assist
 *   15. error numbers
 *   16. forced emulation prefix (CPUID)
 *  16b. HVM and PVH guests: the hypercall MSR, hvm_op, the callback vector
 *   17. layout checks
 *
 * Naming: every macro starts with XEN (XEN_xxx, or Xen's own XENMEM_,
 * XENVER_, XENFEAT_, XENMAPSPACE_ families) and every type with xen_. Field
 * names follow Xen's, so its documentation still applies.
 *
 * Self-contained: needs only <stdint.h>. Usable from C (C11) and, for the
 * #defines, from assembly (everything that is not a plain integer
 * expression sits under #ifndef __ASSEMBLER__). Sizes and offsets below are
 * those of the 64-bit ABI; each struct is checked in section 17.
 *
 * Guest "handles" (pointers into guest memory that Xen follows) are
 * plain 64-bit guest virtual addresses here, in uint64_t fields that keep
 * Xen's names.
 */
#ifndef PROTEUS_ABI_XEN_H
#define PROTEUS_ABI_XEN_H

#define PROTEUS_XEN_ABI_VERSION 2

/* The Xen interface revision these definitions were checked against. */
#define XEN_INTERFACE_VERSION_CHECKED 0x00040e00

#ifndef __ASSEMBLER__
#include <stdint.h>
#endif

/* ===================================================== 1. scalar types */

#define XEN_PAGE_SHIFT 12
#define XEN_PAGE_SIZE  4096

#ifndef __ASSEMBLER__
typedef uint64_t xen_ulong_t;        /* "unsigned long" of the 64-bit ABI */
typedef uint64_t xen_pfn_t;          /* a frame number (machine or pseudo-physical) */
typedef uint16_t xen_domid_t;
typedef uint32_t xen_evtchn_port_t;
typedef uint32_t xen_grant_ref_t;
typedef uint32_t xen_grant_handle_t;
#endif

/* ======================================= 2. hypercalls and their page */

/*
 * A hypercall is a near call into the hypercall page that Xen writes into
 * the kernel image (the page named by XEN_ELFNOTE_HYPERCALL_PAGE): entry n
 * starts at page + n * XEN_HYPERCALL_ENTRY_SIZE. Up to five arguments go
 * in rdi, rsi, rdx, r10, r8; the result comes back in rax (0 or a positive
 * value on success, -XEN_Exxx on failure). A PV stub is
 *     push %rcx; push %r11; mov $n,%eax; syscall; pop %r11; pop %rcx; ret
 * so rcx and r11 survive. Treat the argument registers as clobbered: a
 * debug Xen overwrites the ones a hypercall used, and a preempted
 * hypercall is restarted with updated arguments.
 *
 * The iret entry (XEN_HYPERCALL_iret) is different: it is jumped to, never
 * called, and never returns (see section 4).
 */
#define XEN_HYPERCALL_ENTRY_SIZE  32
#define XEN_HYPERCALL_PAGE_SIZE   4096
#define XEN_HYPERCALL_PAGE_SLOTS  128   /* XEN_HYPERCALL_PAGE_SIZE / ENTRY_SIZE */
#define XEN_HYPERCALL_OFFSET(nr)  ((nr) * XEN_HYPERCALL_ENTRY_SIZE)
#define XEN_HYPERCALL_MAX_ARGS    5

#define XEN_HYPERCALL_set_trap_table                 0
#define XEN_HYPERCALL_mmu_update                     1
#define XEN_HYPERCALL_set_gdt                        2
#define XEN_HYPERCALL_stack_switch                   3
#define XEN_HYPERCALL_set_callbacks                  4
#define XEN_HYPERCALL_fpu_taskswitch                 5
#define XEN_HYPERCALL_sched_op_compat                6
#define XEN_HYPERCALL_platform_op                    7
#define XEN_HYPERCALL_set_debugreg                   8
#define XEN_HYPERCALL_get_debugreg                   9
#define XEN_HYPERCALL_update_descriptor             10
/* 11 is unused */
#define XEN_HYPERCALL_memory_op                     12
#define XEN_HYPERCALL_multicall                     13
#define XEN_HYPERCALL_update_va_mapping             14
#define XEN_HYPERCALL_set_timer_op                  15
#define XEN_HYPERCALL_event_channel_op_compat       16
#define XEN_HYPERCALL_xen_version                   17
#define XEN_HYPERCALL_console_io                    18
#define XEN_HYPERCALL_physdev_op_compat             19
#define XEN_HYPERCALL_grant_table_op                20
#define XEN_HYPERCALL_vm_assist                     21
#define XEN_HYPERCALL_update_va_mapping_otherdomain 22
#define XEN_HYPERCALL_iret                          23
#define XEN_HYPERCALL_vcpu_op                       24
#define XEN_HYPERCALL_set_segment_base              25
#define XEN_HYPERCALL_mmuext_op                     26
#define XEN_HYPERCALL_xsm_op                        27
#define XEN_HYPERCALL_nmi_op                        28
#define XEN_HYPERCALL_sched_op                      29
#define XEN_HYPERCALL_callback_op                   30
#define XEN_HYPERCALL_xenoprof_op                   31
#define XEN_HYPERCALL_event_channel_op              32
#define XEN_HYPERCALL_physdev_op                    33
#define XEN_HYPERCALL_hvm_op                        34
#define XEN_HYPERCALL_sysctl                        35
#define XEN_HYPERCALL_domctl                        36
#define XEN_HYPERCALL_kexec_op                      37
#define XEN_HYPERCALL_tmem_op                       38
#define XEN_HYPERCALL_argo_op                       39
#define XEN_HYPERCALL_xenpmu_op                     40
#define XEN_HYPERCALL_dm_op                         41
#define XEN_HYPERCALL_hypfs_op                      42
/* 48..55 are per-architecture; x86 uses 48 for machine-check handling. */
#define XEN_HYPERCALL_arch_0                        48

/* =============================================================== 3. ELF notes */

/*
 * Notes live in a PT_NOTE segment (section ".note.Xen"), owner name "Xen"
 * (namesz 4 including the NUL). Numeric descriptors are little-endian
 * integers of 1, 2, 4 or 8 bytes; the string ones are NUL-terminated.
 *
 * Xen's PV loader insists on XEN_VERSION = "xen-3.0" and on LOADER =
 * "generic" (or GUEST_OS = "linux"). ENTRY defaults to e_entry, VIRT_BASE
 * and PADDR_OFFSET to 0; without HYPERCALL_PAGE no stubs are written. If
 * SUPPORTED_FEATURES is present it must include XENFEAT_dom0, or Xen
 * refuses to build dom0 from the image.
 */
#define XEN_ELFNOTE_OWNER "Xen"

#define XEN_ELFNOTE_INFO                0  /* unused */
#define XEN_ELFNOTE_ENTRY               1  /* virtual address of the PV entry */
#define XEN_ELFNOTE_HYPERCALL_PAGE      2  /* virtual address Xen fills with stubs */
#define XEN_ELFNOTE_VIRT_BASE           3  /* virtual address of pseudo-physical 0 */
#define XEN_ELFNOTE_PADDR_OFFSET        4  /* subtracted from p_paddr before adding VIRT_BASE */
#define XEN_ELFNOTE_XEN_VERSION         5  /* string, "xen-3.0" */
#define XEN_ELFNOTE_GUEST_OS            6  /* string, free-form name */
#define XEN_ELFNOTE_GUEST_VERSION       7  /* string */
#define XEN_ELFNOTE_LOADER              8  /* string, "generic" */
#define XEN_ELFNOTE_PAE_MODE            9  /* string; 32-bit guests only */
#define XEN_ELFNOTE_FEATURES           10  /* string: names joined by '|', '!' = required */
#define XEN_ELFNOTE_BSD_SYMTAB         11  /* string "yes": load the symbol table */
#define XEN_ELFNOTE_HV_START_LOW       12  /* 32-bit guests only */
#define XEN_ELFNOTE_L1_MFN_VALID       13  /* mask/value pairs of valid L1 entries */
#define XEN_ELFNOTE_SUSPEND_CANCEL     14  /* guest copes with a cancelled suspend */
#define XEN_ELFNOTE_INIT_P2M           15  /* virtual address for the p2m list, outside the image */
#define XEN_ELFNOTE_MOD_START_PFN      16  /* non-zero: leave the initrd unmapped, pass its pfn */
#define XEN_ELFNOTE_SUPPORTED_FEATURES 17  /* 32-bit bitmap(s) of XENFEAT_* the kernel supports */
#define XEN_ELFNOTE_PHYS32_ENTRY 18
/* (spelled exactly as in hvm_start_info.h so both headers can be included) */
#define XEN_ELFNOTE_MAX                18

/* ===================================================== 4. x86-64 PV specifics */

/*
 * Flat selectors in Xen's reserved GDT entries. A 64-bit PV kernel runs at
 * CPL 3 with the same CS as its user programs; which of the two is running
 * is Xen's own "kernel mode" flag, not the CPL. Data selectors are NUL.
 */
#define XEN_FLAT_RING3_CS32 0xe023
#define XEN_FLAT_RING3_CS64 0xe033
#define XEN_FLAT_RING3_DS32 0xe02b
#define XEN_FLAT_RING3_DS64 0x0000
#define XEN_FLAT_RING3_SS32 0xe02b
#define XEN_FLAT_RING3_SS64 0xe02b

#define XEN_FLAT_KERNEL_CS  XEN_FLAT_RING3_CS64
#define XEN_FLAT_KERNEL_DS  XEN_FLAT_RING3_DS64
#define XEN_FLAT_KERNEL_SS  XEN_FLAT_RING3_SS64
#define XEN_FLAT_USER_CS    XEN_FLAT_RING3_CS64
#define XEN_FLAT_USER_DS    XEN_FLAT_RING3_DS64
#define XEN_FLAT_USER_SS    XEN_FLAT_RING3_SS64
#define XEN_FLAT_USER_CS32  XEN_FLAT_RING3_CS32
#define XEN_FLAT_USER_DS32  XEN_FLAT_RING3_DS32

/* GDT pages 14 and 15 (entries 7168..8191) belong to Xen. */
#define XEN_FIRST_RESERVED_GDT_PAGE  14
#define XEN_FIRST_RESERVED_GDT_ENTRY 7168

/*
 * The hole Xen keeps in every 64-bit PV address space: L4 slots 256..271.
 * A guest L4 may hold anything in those slots; Xen ignores it and writes
 * its own entries whenever it validates the L4, and mmu_update refuses to
 * change them. The read-only machine-to-phys table (one 8-byte pfn per
 * machine frame) is at the bottom of the hole and readable by the guest.
 */
#define XEN_HYPERVISOR_VIRT_START 0xffff800000000000
#define XEN_HYPERVISOR_VIRT_END   0xffff880000000000
#define XEN_MACH2PHYS_VIRT_START  0xffff800000000000
#define XEN_MACH2PHYS_VIRT_END    0xffff804000000000
#define XEN_L4_FIRST_XEN_SLOT     256
#define XEN_L4_LAST_XEN_SLOT      271

/*
 * set_trap_table(const struct xen_trap_info table[]): the table ends with
 * an entry whose address is 0. flags: bits 0-1 are the gate's DPL, checked
 * for a software `int n` (3 lets user mode use it); XEN_TI_IF (bit 2)
 * makes the vector behave like an interrupt gate: Xen sets
 * vcpu_info.evtchn_upcall_mask when it delivers. cs is not used for
 * 64-bit guests (every bounce enters on XEN_FLAT_KERNEL_CS).
 */
#define XEN_TI_DPL_MASK 0x3
#define XEN_TI_IF       0x4

/*
 * Frames Xen writes on the guest kernel stack when it "bounces" an
 * exception, an event upcall, a failsafe callback or a user syscall into
 * the kernel. The stack is the current rsp if the vCPU was in kernel mode,
 * else the one given to stack_switch; Xen aligns it down to 16 bytes (no
 * red zone is skipped) and switches to the kernel page table and GS base
 * first when coming from user mode. On entry rsp points at rcx.
 *
 *   standard   rcx r11               rip cs rflags rsp ss   (56 bytes)
 *   error code rcx r11 error_code    rip cs rflags rsp ss   (64 bytes)
 *   failsafe   rcx r11 ds es fs gs   rip cs rflags rsp ss   (88 bytes)
 *
 * Popping rcx and r11 leaves a hardware-shaped iretq frame (with the error
 * code on top for exceptions that have one).
 *
 * cs slot: bits 0-15 the selector, bits 32-39 the upcall mask as it was
 * before delivery; compare only the low bits. The selector's RPL is 0 when
 * the interrupted context was guest kernel mode and 3 when it was user
 * mode (XEN_FLAT_RING3_CS64 or a 32-bit user CS).
 * rflags slot: IF is the inverse of that saved mask (the virtual IF), not
 * the hardware flag; IOPL is the virtual IOPL or 0.
 * For syscall bounces rip = rcx and rflags = r11 of the user; cs/ss are
 * Xen's guesses (flat 64- or 32-bit user selectors), and the kernel is
 * entered with DF clear. Every bounce clears TF, NT, RF and AC in the
 * kernel's live rflags.
 */
#define XEN_FRAME_rcx       0
#define XEN_FRAME_r11       8
#define XEN_FRAME_rip      16
#define XEN_FRAME_cs       24
#define XEN_FRAME_rflags   32
#define XEN_FRAME_rsp      40
#define XEN_FRAME_ss       48
#define XEN_FRAME_SIZE     56

#define XEN_FRAME_EC_error_code 16
#define XEN_FRAME_EC_rip        24
#define XEN_FRAME_EC_SIZE       64

#define XEN_FAILSAFE_ds     16
#define XEN_FAILSAFE_es     24
#define XEN_FAILSAFE_fs     32
#define XEN_FAILSAFE_gs     40
#define XEN_FAILSAFE_rip    48
#define XEN_FAILSAFE_SIZE   88

#define XEN_FRAME_CS_RPL_MASK       0x3
#define XEN_FRAME_CS_SEL_MASK       0xffff
#define XEN_FRAME_CS_UPCALL_SHIFT   32     /* saved upcall mask, 8 bits */

/*
 * The iret hypercall: the kernel builds, from high to low addresses,
 *     ss, rsp, rflags, cs, rip, flags
 * then jumps (not calls) to the iret entry of the hypercall page, whose
 * stub pushes rcx, r11 and rax and enters Xen. Xen reads struct
 * xen_iret_context at rsp: it restores rax, rip, rsp and rflags, and rcx,
 * r11, cs and ss unless flags has XEN_VGCF_in_syscall (then Xen returns
 * with sysret and rcx/r11 are lost). cs RPL 3 means "return to user mode"
 * (Xen switches page table and GS base); RPL 0-2 means stay in kernel
 * mode. The upcall mask becomes !rflags.IF.
 */
#define XEN_VGCF_in_syscall 0x100

#define XEN_IRET_rax        0
#define XEN_IRET_r11        8
#define XEN_IRET_rcx       16
#define XEN_IRET_flags     24
#define XEN_IRET_rip       32
#define XEN_IRET_cs        40
#define XEN_IRET_rflags    48
#define XEN_IRET_rsp       56
#define XEN_IRET_ss        64
#define XEN_IRET_SIZE      72
#define XEN_IRET_GUEST_PUSH 48     /* flags..ss: what the kernel pushes */

/*
 * set_segment_base(which, base). Xen swaps the two GS bases itself on
 * every kernel<->user switch; a PV kernel never executes swapgs.
 *   FS          the FS base (one for both modes)
 *   GS_USER     the GS base user mode will see (the inactive one in kernel)
 *   GS_KERNEL   the GS base of kernel mode (the active one in kernel)
 *   GS_USER_SEL load the user %gs selector given in base[15:0]
 */
#define XEN_SEGBASE_FS          0
#define XEN_SEGBASE_GS_USER     1
#define XEN_SEGBASE_GS_KERNEL   2
#define XEN_SEGBASE_GS_USER_SEL 3

/*
 * callback_op(CALLBACKOP_register, struct xen_callback_register *).
 * The event and NMI callbacks always run with events masked; failsafe,
 * syscall, syscall32 and sysenter mask them only with
 * XEN_CALLBACKF_mask_events.
 */
#define XEN_CALLBACKOP_register   0
#define XEN_CALLBACKOP_unregister 1

#define XEN_CALLBACKTYPE_event     0  /* event channel upcall */
#define XEN_CALLBACKTYPE_failsafe  1  /* Xen could not load the guest's segments */
#define XEN_CALLBACKTYPE_syscall   2  /* 64-bit syscall from user mode */
#define XEN_CALLBACKTYPE_nmi       4
#define XEN_CALLBACKTYPE_sysenter  5  /* 32-bit user sysenter */
#define XEN_CALLBACKTYPE_syscall32 7  /* 32-bit user syscall */

#define XEN_CALLBACKF_mask_events  0x1

#ifndef __ASSEMBLER__
struct xen_trap_info {
	uint8_t  vector;
	uint8_t  flags;          /* XEN_TI_* */
	uint16_t cs;
	uint32_t _pad;
	uint64_t address;        /* 0 ends the table */
};

struct xen_bounce_frame {        /* standard frame, see above */
	uint64_t rcx, r11;
	uint64_t rip, cs, rflags, rsp, ss;
};

struct xen_bounce_frame_ec {     /* exceptions with an error code */
	uint64_t rcx, r11;
	uint64_t error_code;
	uint64_t rip, cs, rflags, rsp, ss;
};

struct xen_failsafe_frame {
	uint64_t rcx, r11;
	uint64_t ds, es, fs, gs;
	uint64_t rip, cs, rflags, rsp, ss;
};

struct xen_iret_context {
	uint64_t rax, r11, rcx;  /* pushed by the hypercall-page stub */
	uint64_t flags;          /* 0 or XEN_VGCF_in_syscall */
	uint64_t rip, cs, rflags, rsp, ss;
};

struct xen_callback_register {
	uint16_t type;           /* XEN_CALLBACKTYPE_* */
	uint16_t flags;          /* XEN_CALLBACKF_* */
	uint32_t _pad;
	uint64_t address;
};

struct xen_callback_unregister {
	uint16_t type;
	uint16_t _unused;
};

struct xen_arch_vcpu_info {
	uint64_t cr2;            /* fault address of the last #PF bounced */
	uint64_t pad;
};

struct xen_arch_shared_info {
	uint64_t max_pfn;                    /* entries in the p2m */
	uint64_t pfn_to_mfn_frame_list_list; /* mfn of the 3-level p2m root */
	uint64_t nmi_reason;
	uint64_t p2m_cr3;
	uint64_t p2m_vaddr;
	uint64_t p2m_generation;
};
#endif /* !__ASSEMBLER__ */

/* ================================================= 5. start of day */

/*
 * At the PV entry point: rsi = virtual address of struct xen_start_info,
 * rsp = top of a one-page boot stack, paging on with Xen's bootstrap page
 * tables (pt_base, mapped read-only and already pinned), CPL 3 in kernel
 * mode, all events masked, no trap table and no callbacks yet.
 *
 * The bootstrap region starts at VIRT_BASE and maps pseudo-physical page n
 * at VIRT_BASE + n * 4096. In order: kernel image, initrd (unless
 * MOD_START_PFN), p2m list (unless INIT_P2M), start_info page (dom0: plus
 * console info), page tables, stack; the end is rounded to 4 MiB with at
 * least 512 KiB spare.
 */
#define XEN_MAX_GUEST_CMDLINE 1024
#define XEN_START_INFO_MAGIC_PREFIX "xen-3.0-x86_64"

#define XEN_SIF_PRIVILEGED      (1<<0)
#define XEN_SIF_INITDOMAIN      (1<<1)   /* dom0 */
#define XEN_SIF_MULTIBOOT_MOD   (1<<2)   /* the module is a multiboot module list */
#define XEN_SIF_MOD_START_PFN   (1<<3)   /* mod_start is a pfn, not a va */
#define XEN_SIF_VIRT_P2M_4TOOLS (1<<4)
#define XEN_SIF_PM_MASK         (0xff<<8)

#ifndef __ASSEMBLER__
struct xen_start_info {
	/* Valid at boot and after resume. */
	char     magic[32];            /* "xen-3.0-x86_64" */
	uint64_t nr_pages;             /* pages owned by the domain */
	uint64_t shared_info;          /* MACHINE address of struct xen_shared_info */
	uint32_t flags;                /* XEN_SIF_* */
	uint32_t _pad0;
	xen_pfn_t store_mfn;           /* xenstore ring (not dom0) */
	uint32_t store_evtchn;
	uint32_t _pad1;
	union {
		struct {               /* domU: console ring */
			xen_pfn_t mfn;
			uint32_t  evtchn;
			uint32_t  _pad;
		} domU;
		struct {               /* dom0: VGA/VESA info after start_info */
			uint32_t info_off;
			uint32_t info_size;
		} dom0;
	} console;
	/* Valid at boot only. */
	uint64_t pt_base;              /* virtual address of the bootstrap L4 */
	uint64_t nr_pt_frames;
	uint64_t mfn_list;             /* virtual address of the p2m: mfn = mfn_list[pfn] */
	uint64_t mod_start;            /* initrd: va, or pfn with XEN_SIF_MOD_START_PFN */
	uint64_t mod_len;              /* initrd size in bytes */
	int8_t   cmd_line[XEN_MAX_GUEST_CMDLINE];
	uint64_t first_p2m_pfn;        /* with INIT_P2M: first pfn of the p2m and its tables */
	uint64_t nr_p2m_frames;
};
#endif

/* ====================================== 6. shared info, vcpu info, time */

#define XEN_LEGACY_MAX_VCPUS   32      /* vcpu_info slots in shared_info (x86) */
#define XEN_MAX_VIRT_CPUS      XEN_LEGACY_MAX_VCPUS
#define XEN_EVTCHN_2L_WORDS    64      /* words of pending/mask bits */
#define XEN_EVTCHN_2L_NR_CHANNELS 4096 /* 64 words of 64 bits */

#define XEN_PVCLOCK_TSC_STABLE_BIT (1<<0)
#define XEN_PVCLOCK_GUEST_STOPPED  (1<<1)

/* vcpu_info offsets, for assembly. */
#define XEN_VCPU_INFO_upcall_pending 0
#define XEN_VCPU_INFO_upcall_mask    1
#define XEN_VCPU_INFO_pending_sel    8
#define XEN_VCPU_INFO_cr2            16
#define XEN_VCPU_INFO_time           32
#define XEN_VCPU_INFO_SIZE           64

/* shared_info offsets. */
#define XEN_SHARED_INFO_evtchn_pending 2048
#define XEN_SHARED_INFO_evtchn_mask    2560
#define XEN_SHARED_INFO_wc_version     3072
#define XEN_SHARED_INFO_arch           3088
#define XEN_SHARED_INFO_SIZE           3136

/* vcpu_op(cmd, vcpu id, arg) */
#define XEN_VCPUOP_initialise                    0
#define XEN_VCPUOP_up                            1
#define XEN_VCPUOP_down                          2
#define XEN_VCPUOP_is_up                         3
#define XEN_VCPUOP_get_runstate_info             4
#define XEN_VCPUOP_register_runstate_memory_area 5
#define XEN_VCPUOP_set_periodic_timer            6
#define XEN_VCPUOP_stop_periodic_timer           7
#define XEN_VCPUOP_set_singleshot_timer          8
#define XEN_VCPUOP_stop_singleshot_timer         9
#define XEN_VCPUOP_register_vcpu_info           10
#define XEN_VCPUOP_send_nmi                     11
#define XEN_VCPUOP_get_physid                   12
#define XEN_VCPUOP_register_vcpu_time_memory_area 13

#define XEN_RUNSTATE_running  0
#define XEN_RUNSTATE_runnable 1
#define XEN_RUNSTATE_blocked  2
#define XEN_RUNSTATE_offline  3
/* Set in state_entry_time while Xen rewrites the area (vm_assist runstate_update_flag). */
#define XEN_RUNSTATE_UPDATE   0x8000000000000000

/*
 * set_singleshot_timer flag, once "fail with -XEN_ETIME if the deadline has
 * passed"; Xen 4.17 ignores it and fires a passed deadline at once.
 */
#define XEN_VCPU_SSHOTTMR_future (1<<0)

#ifndef __ASSEMBLER__
/*
 * pvclock. Xen bumps version to odd before an update and to even after:
 * re-read while it is odd or changed. Time since boot in ns is
 *   system_time + ((((tsc - tsc_timestamp) << tsc_shift) * tsc_to_system_mul) >> 32)
 * with a right shift when tsc_shift is negative.
 */
struct xen_vcpu_time_info {
	uint32_t version;
	uint32_t pad0;
	uint64_t tsc_timestamp;
	uint64_t system_time;
	uint32_t tsc_to_system_mul;
	int8_t   tsc_shift;
	uint8_t  flags;                /* XEN_PVCLOCK_* */
	uint8_t  pad1[2];
};

/*
 * Per-vCPU event state. upcall_mask is the virtual interrupt flag
 * inverted; Xen delivers an upcall when upcall_pending is set and the mask
 * is clear. Only the owning vCPU writes them: no LOCK needed.
 */
struct xen_vcpu_info {
	uint8_t  evtchn_upcall_pending;
	uint8_t  evtchn_upcall_mask;
	uint8_t  _pad[6];
	xen_ulong_t evtchn_pending_sel;     /* bit i: evtchn_pending[i] has work */
	struct xen_arch_vcpu_info arch;
	struct xen_vcpu_time_info time;
};

struct xen_shared_info {
	struct xen_vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS];
	xen_ulong_t evtchn_pending[XEN_EVTCHN_2L_WORDS];
	xen_ulong_t evtchn_mask[XEN_EVTCHN_2L_WORDS];
	/* Wall clock at system time 0, same version protocol as pvclock. */
	uint32_t wc_version;
	uint32_t wc_sec;
	uint32_t wc_nsec;
	uint32_t wc_sec_hi;
	struct xen_arch_shared_info arch;
};

struct xen_vcpu_runstate_info {
	int32_t  state;                /* XEN_RUNSTATE_* */
	uint32_t _pad;
	uint64_t state_entry_time;     /* system time (ns), maybe | XEN_RUNSTATE_UPDATE */
	uint64_t time[4];              /* ns spent in each XEN_RUNSTATE_* */
};

struct xen_vcpu_register_runstate_memory_area {
	uint64_t addr;                 /* guest virtual address of the runstate info */
};

struct xen_vcpu_set_periodic_timer {
	uint64_t period_ns;
};

struct xen_vcpu_set_singleshot_timer {
	uint64_t timeout_abs_ns;       /* absolute system time */
	uint32_t flags;                /* XEN_VCPU_SSHOTTMR_* */
	uint32_t _pad;
};

/* vcpu_info must fit in the page and be 8-byte aligned; only once per vCPU. */
struct xen_vcpu_register_vcpu_info {
	uint64_t mfn;
	uint32_t offset;
	uint32_t rsvd;
};
#endif /* !__ASSEMBLER__ */

/* ================================================== 7. page tables */

/*
 * mmu_update(const struct xen_mmu_update req[], count, *done, foreign dom).
 * ptr is a machine address, 8-byte aligned, whose low 2 bits select the
 * command.
 */
#define XEN_MMU_NORMAL_PT_UPDATE       0   /* *ptr = val, checked; ptr = MA of the PTE */
#define XEN_MMU_MACHPHYS_UPDATE        1   /* m2p[ptr >> 12] = val */
#define XEN_MMU_PT_UPDATE_PRESERVE_AD  2   /* like NORMAL, keeping Accessed/Dirty */
#define XEN_MMU_PT_UPDATE_NO_TRANSLATE 3
#define XEN_MMU_UPDATE_CMD_MASK        3

/* mmuext_op(const struct xen_mmuext_op ops[], count, *done, foreign dom) */
#define XEN_MMUEXT_PIN_L1_TABLE       0   /* arg1.mfn */
#define XEN_MMUEXT_PIN_L2_TABLE       1
#define XEN_MMUEXT_PIN_L3_TABLE       2
#define XEN_MMUEXT_PIN_L4_TABLE       3
#define XEN_MMUEXT_UNPIN_TABLE        4
#define XEN_MMUEXT_NEW_BASEPTR        5   /* arg1.mfn: kernel-mode L4 */
#define XEN_MMUEXT_TLB_FLUSH_LOCAL    6
#define XEN_MMUEXT_INVLPG_LOCAL       7   /* arg1.linear_addr */
#define XEN_MMUEXT_TLB_FLUSH_MULTI    8   /* arg2.vcpumask */
#define XEN_MMUEXT_INVLPG_MULTI       9   /* arg1.linear_addr, arg2.vcpumask */
#define XEN_MMUEXT_TLB_FLUSH_ALL     10
#define XEN_MMUEXT_INVLPG_ALL        11
#define XEN_MMUEXT_FLUSH_CACHE       12
#define XEN_MMUEXT_SET_LDT           13   /* arg1.linear_addr, arg2.nr_ents */
#define XEN_MMUEXT_NEW_USER_BASEPTR  15   /* arg1.mfn: user-mode L4, 0 = none */
#define XEN_MMUEXT_CLEAR_PAGE        16
#define XEN_MMUEXT_COPY_PAGE         17   /* arg1.mfn dest, arg2.src_mfn */
#define XEN_MMUEXT_FLUSH_CACHE_GLOBAL 18
#define XEN_MMUEXT_MARK_SUPER        19
#define XEN_MMUEXT_UNMARK_SUPER      20

/*
 * update_va_mapping(va, new pte, flags): flags is a flush type OR a
 * target; with a flush type and no XEN_UVMF_ALL, the target may instead be
 * a pointer to a vCPU bitmap (XEN_UVMF_MULTI); 0 means the local vCPU.
 */
#define XEN_UVMF_NONE           0
#define XEN_UVMF_TLB_FLUSH      1
#define XEN_UVMF_INVLPG         2
#define XEN_UVMF_FLUSHTYPE_MASK 3
#define XEN_UVMF_MULTI          0
#define XEN_UVMF_LOCAL          0
#define XEN_UVMF_ALL            4

#define XEN_DOMID_FIRST_RESERVED 0x7ff0
#define XEN_DOMID_SELF           0x7ff0
#define XEN_DOMID_IO             0x7ff1
#define XEN_DOMID_XEN            0x7ff2
#define XEN_DOMID_COW            0x7ff3
#define XEN_DOMID_INVALID        0x7ff4
#define XEN_DOMID_IDLE           0x7fff

#ifndef __ASSEMBLER__
struct xen_mmu_update {
	uint64_t ptr;                  /* machine address | XEN_MMU_* */
	uint64_t val;
};

struct xen_mmuext_op {
	uint32_t cmd;                  /* XEN_MMUEXT_* */
	uint32_t _pad;
	union {
		xen_pfn_t mfn;
		uint64_t  linear_addr;
	} arg1;
	union {
		uint32_t  nr_ents;
		uint64_t  vcpumask;    /* guest va of a vCPU bitmap */
		xen_pfn_t src_mfn;
	} arg2;
};

/* multicall(struct xen_multicall_entry calls[], count) */
struct xen_multicall_entry {
	xen_ulong_t op;                /* XEN_HYPERCALL_* */
	xen_ulong_t result;            /* written by Xen */
	xen_ulong_t args[6];
};
#endif /* !__ASSEMBLER__ */

/* ======================================= 8. event channels and VIRQs */

/* event_channel_op(cmd, struct *) */
#define XEN_EVTCHNOP_bind_interdomain  0
#define XEN_EVTCHNOP_bind_virq         1
#define XEN_EVTCHNOP_bind_pirq         2
#define XEN_EVTCHNOP_close             3
#define XEN_EVTCHNOP_send              4
#define XEN_EVTCHNOP_status            5
#define XEN_EVTCHNOP_alloc_unbound     6
#define XEN_EVTCHNOP_bind_ipi          7
#define XEN_EVTCHNOP_bind_vcpu         8
#define XEN_EVTCHNOP_unmask            9
#define XEN_EVTCHNOP_reset            10
#define XEN_EVTCHNOP_init_control     11
#define XEN_EVTCHNOP_expand_array     12
#define XEN_EVTCHNOP_set_priority     13

#define XEN_EVTCHNSTAT_closed       0
#define XEN_EVTCHNSTAT_unbound      1
#define XEN_EVTCHNSTAT_interdomain  2
#define XEN_EVTCHNSTAT_pirq         3
#define XEN_EVTCHNSTAT_virq         4
#define XEN_EVTCHNSTAT_ipi          5

#define XEN_BIND_PIRQ_WILL_SHARE    1

/* Virtual interrupts; per-vCPU ones (TIMER, DEBUG, XENOPROF, XENPMU) bind per vCPU. */
#define XEN_VIRQ_TIMER       0
#define XEN_VIRQ_DEBUG       1
#define XEN_VIRQ_CONSOLE     2   /* dom0: input on Xen's console */
#define XEN_VIRQ_DOM_EXC     3   /* dom0: a domain crashed or changed state */
#define XEN_VIRQ_TBUF        4
#define XEN_VIRQ_DEBUGGER    6
#define XEN_VIRQ_XENOPROF    7
#define XEN_VIRQ_CON_RING    8
#define XEN_VIRQ_PCPU_STATE  9
#define XEN_VIRQ_MEM_EVENT  10
#define XEN_VIRQ_ARGO       11
#define XEN_VIRQ_ENOMEM     12
#define XEN_VIRQ_XENPMU     13
#define XEN_VIRQ_ARCH_0     16
#define XEN_NR_VIRQS        24

#ifndef __ASSEMBLER__
struct xen_evtchn_alloc_unbound {
	xen_domid_t dom, remote_dom;   /* in */
	xen_evtchn_port_t port;        /* out */
};

struct xen_evtchn_bind_interdomain {
	xen_domid_t remote_dom;        /* in */
	uint16_t _pad;
	xen_evtchn_port_t remote_port; /* in */
	xen_evtchn_port_t local_port;  /* out */
};

struct xen_evtchn_bind_virq {
	uint32_t virq;                 /* in: XEN_VIRQ_* */
	uint32_t vcpu;                 /* in */
	xen_evtchn_port_t port;        /* out */
};

struct xen_evtchn_bind_pirq {
	uint32_t pirq;                 /* in */
	uint32_t flags;                /* in: XEN_BIND_PIRQ_* */
	xen_evtchn_port_t port;        /* out */
};

struct xen_evtchn_bind_ipi {
	uint32_t vcpu;                 /* in */
	xen_evtchn_port_t port;        /* out */
};

struct xen_evtchn_close {
	xen_evtchn_port_t port;
};

struct xen_evtchn_send {
	xen_evtchn_port_t port;
};

struct xen_evtchn_status {
	xen_domid_t dom;               /* in */
	uint16_t _pad;
	xen_evtchn_port_t port;        /* in */
	uint32_t status;               /* out: XEN_EVTCHNSTAT_* */
	uint32_t vcpu;                 /* out */
	union {
		struct { xen_domid_t dom; } unbound;
		struct { xen_domid_t dom; uint16_t _pad; xen_evtchn_port_t port; } interdomain;
		uint32_t pirq;
		uint32_t virq;
	} u;
};

struct xen_evtchn_bind_vcpu {
	xen_evtchn_port_t port;
	uint32_t vcpu;
};

struct xen_evtchn_unmask {
	xen_evtchn_port_t port;
};
#endif /* !__ASSEMBLER__ */

/* ============================================================ 9. sched_op */

/* sched_op(cmd, arg) */
#define XEN_SCHEDOP_yield            0   /* arg unused */
#define XEN_SCHEDOP_block            1   /* unmasks events, sleeps until one is pending */
#define XEN_SCHEDOP_shutdown         2   /* struct xen_sched_shutdown */
#define XEN_SCHEDOP_poll             3   /* struct xen_sched_poll */
#define XEN_SCHEDOP_remote_shutdown  4   /* struct xen_sched_remote_shutdown */
#define XEN_SCHEDOP_shutdown_code    5   /* struct xen_sched_shutdown, recorded only */
#define XEN_SCHEDOP_watchdog         6   /* struct xen_sched_watchdog */
#define XEN_SCHEDOP_pin_override     7

#define XEN_SHUTDOWN_poweroff   0
#define XEN_SHUTDOWN_reboot     1
#define XEN_SHUTDOWN_suspend    2
#define XEN_SHUTDOWN_crash      3
#define XEN_SHUTDOWN_watchdog   4
#define XEN_SHUTDOWN_soft_reset 5

#ifndef __ASSEMBLER__
struct xen_sched_shutdown {
	uint32_t reason;               /* XEN_SHUTDOWN_* */
};

struct xen_sched_poll {
	uint64_t ports;                /* guest va of xen_evtchn_port_t[nr_ports] */
	uint32_t nr_ports;
	uint32_t _pad;
	uint64_t timeout;              /* absolute system time, 0 = none */
};

struct xen_sched_remote_shutdown {
	xen_domid_t domain_id;
	uint16_t _pad;
	uint32_t reason;
};

struct xen_sched_watchdog {
	uint32_t id;
	uint32_t timeout;              /* seconds, 0 = destroy */
};
#endif

/* ========================================================= 10. console_io */

/* console_io(cmd, count, char *buffer); the hardware domain's output is not filtered. */
#define XEN_CONSOLEIO_write 0
#define XEN_CONSOLEIO_read  1

/* ==================================================== 11. grant tables v1 */

/* grant_table_op(cmd, struct *ops, count) */
#define XEN_GNTTABOP_map_grant_ref        0
#define XEN_GNTTABOP_unmap_grant_ref      1
#define XEN_GNTTABOP_setup_table          2
#define XEN_GNTTABOP_dump_table           3
#define XEN_GNTTABOP_transfer             4
#define XEN_GNTTABOP_copy                 5
#define XEN_GNTTABOP_query_size           6
#define XEN_GNTTABOP_unmap_and_replace    7
#define XEN_GNTTABOP_set_version          8
#define XEN_GNTTABOP_get_status_frames    9
#define XEN_GNTTABOP_get_version         10
#define XEN_GNTTABOP_swap_grant_ref      11
#define XEN_GNTTABOP_cache_flush         12

#define XEN_GNTTAB_NR_RESERVED_ENTRIES 8
#define XEN_GNTTAB_RESERVED_CONSOLE    0
#define XEN_GNTTAB_RESERVED_XENSTORE   1

/* grant_entry_v1.flags: a type in bits 0-1, then modifiers. */
#define XEN_GTF_invalid            (0<<0)
#define XEN_GTF_permit_access      (1<<0)
#define XEN_GTF_accept_transfer    (2<<0)
#define XEN_GTF_transitive         (3<<0)
#define XEN_GTF_type_mask          (3<<0)
#define XEN_GTF_readonly           (1<<2)   /* peer may only map it read-only */
#define XEN_GTF_reading            (1<<3)   /* set by Xen while a peer maps/reads it */
#define XEN_GTF_writing            (1<<4)   /* set by Xen while a peer maps/writes it */
#define XEN_GTF_PWT                (1<<5)
#define XEN_GTF_PCD                (1<<6)
#define XEN_GTF_PAT                (1<<7)
#define XEN_GTF_sub_page           (1<<8)
#define XEN_GTF_transfer_committed (1<<2)
#define XEN_GTF_transfer_completed (1<<3)

/* gnttab_map_grant_ref.flags */
#define XEN_GNTMAP_device_map      (1<<0)
#define XEN_GNTMAP_host_map        (1<<1)
#define XEN_GNTMAP_readonly        (1<<2)
#define XEN_GNTMAP_application_map (1<<3)
#define XEN_GNTMAP_contains_pte    (1<<4)

/* gnttab_copy.flags: the side is named by grant reference, else by gmfn. */
#define XEN_GNTCOPY_source_gref    (1<<0)
#define XEN_GNTCOPY_dest_gref      (1<<1)

/* status of each grant-table op (int16_t) */
#define XEN_GNTST_okay               0
#define XEN_GNTST_general_error     (-1)
#define XEN_GNTST_bad_domain        (-2)
#define XEN_GNTST_bad_gntref        (-3)
#define XEN_GNTST_bad_handle        (-4)
#define XEN_GNTST_bad_virt_addr     (-5)
#define XEN_GNTST_bad_dev_addr      (-6)
#define XEN_GNTST_no_device_space   (-7)
#define XEN_GNTST_permission_denied (-8)
#define XEN_GNTST_bad_page          (-9)
#define XEN_GNTST_bad_copy_arg     (-10)
#define XEN_GNTST_address_too_big  (-11)
#define XEN_GNTST_eagain           (-12)
#define XEN_GNTST_no_space         (-13)

#ifndef __ASSEMBLER__
struct xen_grant_entry_v1 {
	uint16_t flags;                /* XEN_GTF_*; write type last */
	xen_domid_t domid;             /* who may use the grant */
	uint32_t frame;                /* the frame granted */
};

struct xen_gnttab_setup_table {
	xen_domid_t dom;               /* in */
	uint16_t _pad0;
	uint32_t nr_frames;            /* in */
	int16_t  status;               /* out: XEN_GNTST_* */
	uint16_t _pad1[3];
	uint64_t frame_list;           /* in: guest va of xen_pfn_t[nr_frames], filled by Xen */
};

struct xen_gnttab_query_size {
	xen_domid_t dom;               /* in */
	uint16_t _pad;
	uint32_t nr_frames;            /* out */
	uint32_t max_nr_frames;        /* out */
	int16_t  status;               /* out */
	uint16_t _pad1;
};

struct xen_gnttab_map_grant_ref {
	uint64_t host_addr;            /* in */
	uint32_t flags;                /* in: XEN_GNTMAP_* */
	xen_grant_ref_t ref;           /* in */
	xen_domid_t dom;               /* in */
	int16_t  status;               /* out */
	xen_grant_handle_t handle;     /* out */
	uint64_t dev_bus_addr;         /* out */
};

struct xen_gnttab_unmap_grant_ref {
	uint64_t host_addr;
	uint64_t dev_bus_addr;
	xen_grant_handle_t handle;
	int16_t  status;               /* out */
	uint16_t _pad;
};

struct xen_gnttab_copy_ptr {
	union {
		xen_grant_ref_t ref;
		xen_pfn_t gmfn;
	} u;
	xen_domid_t domid;
	uint16_t offset;
	uint32_t _pad;
};

struct xen_gnttab_copy {
	struct xen_gnttab_copy_ptr source, dest;
	uint16_t len;
	uint16_t flags;                /* XEN_GNTCOPY_* */
	int16_t  status;               /* out */
	uint16_t _pad;
};
#endif /* !__ASSEMBLER__ */

/* ============================================================ 12. memory_op */

/* memory_op(cmd, arg) */
#define XENMEM_increase_reservation  0   /* struct xen_memory_reservation */
#define XENMEM_decrease_reservation  1
#define XENMEM_maximum_ram_page      2   /* arg NULL; returns the highest mfn */
#define XENMEM_current_reservation   3   /* arg: xen_domid_t *; returns pages */
#define XENMEM_maximum_reservation   4   /* arg: xen_domid_t *; returns pages */
#define XENMEM_machphys_mfn_list     5
#define XENMEM_populate_physmap      6
#define XENMEM_add_to_physmap        7   /* struct xen_add_to_physmap */
#define XENMEM_memory_map            9   /* struct xen_memory_map: our pseudo-physical E820 */
#define XENMEM_machine_memory_map   10   /* struct xen_memory_map: the host's E820 (dom0) */
#define XENMEM_exchange             11
#define XENMEM_machphys_mapping     12
#define XENMEM_maximum_gpfn         14

#define XENMAPSPACE_shared_info  0
#define XENMAPSPACE_grant_table  1
#define XENMAPSPACE_gmfn         2
#define XENMAPSPACE_gmfn_range   3
#define XENMAPSPACE_gmfn_foreign 4
#define XENMAPSPACE_dev_mmio     5
#define XENMAPIDX_grant_table_status 0x80000000

/* E820 entry types in the memory_map buffer */
#define XEN_E820_RAM      1
#define XEN_E820_RESERVED 2
#define XEN_E820_ACPI     3
#define XEN_E820_NVS      4
#define XEN_E820_UNUSABLE 5

#ifndef __ASSEMBLER__
struct xen_memory_reservation {
	uint64_t extent_start;         /* guest va of xen_pfn_t[nr_extents] */
	xen_ulong_t nr_extents;
	uint32_t extent_order;         /* 2^order pages per extent */
	uint32_t mem_flags;
	xen_domid_t domid;
	uint16_t _pad[3];
};

/* XENMEM_machphys_mapping: where the read-only M2P table is, and how far
 * it reaches (entries past max_mfn do not exist; holes inside may fault). */
struct xen_machphys_mapping {
	xen_ulong_t v_start, v_end;    /* the table's virtual range */
	xen_ulong_t max_mfn;           /* highest mfn the table covers */
};

struct xen_memory_map {
	uint32_t nr_entries;           /* in: capacity; out: entries written */
	uint32_t _pad;
	uint64_t buffer;               /* guest va of struct xen_e820_entry[] */
};

/*
 * One E820 entry: 20 bytes, packed, so written here as 32-bit halves to
 * keep natural alignment. XEN_E820_ADDR / XEN_E820_SIZE put them together.
 */
struct xen_e820_entry {
	uint32_t addr_lo, addr_hi;
	uint32_t size_lo, size_hi;
	uint32_t type;                 /* XEN_E820_* */
};
#define XEN_E820_ADDR(e) (((uint64_t)(e)->addr_hi << 32) | (e)->addr_lo)
#define XEN_E820_SIZE(e) (((uint64_t)(e)->size_hi << 32) | (e)->size_lo)

struct xen_add_to_physmap {
	xen_domid_t domid;
	uint16_t size;                 /* pages, for XENMAPSPACE_gmfn_range */
	uint32_t space;                /* XENMAPSPACE_* */
	xen_ulong_t idx;               /* index in that space */
	xen_pfn_t gpfn;                /* where it should appear */
};
#endif /* !__ASSEMBLER__ */

/* ========================================= 13. xen_version and features */

/* xen_version(cmd, arg) */
#define XENVER_version             0   /* arg NULL; returns major << 16 | minor */
#define XENVER_extraversion        1   /* char[XEN_EXTRAVERSION_LEN], e.g. ".7" */
#define XENVER_compile_info        2
#define XENVER_capabilities        3
#define XENVER_changeset           4
#define XENVER_platform_parameters 5
#define XENVER_get_features        6   /* struct xen_feature_info */
#define XENVER_pagesize            7
#define XENVER_guest_handle        8
#define XENVER_commandline         9
#define XENVER_build_id           10

#define XEN_EXTRAVERSION_LEN 16

/* Bit numbers in submap 0 of XENVER_get_features. */
#define XENFEAT_writable_page_tables       0
#define XENFEAT_writable_descriptor_tables 1
#define XENFEAT_auto_translated_physmap    2
#define XENFEAT_supervisor_mode_kernel     3
#define XENFEAT_pae_pgdir_above_4gb        4
#define XENFEAT_mmu_pt_update_preserve_ad  5
#define XENFEAT_highmem_assist             6
#define XENFEAT_gnttab_map_avail_bits      7
#define XENFEAT_hvm_callback_vector        8
#define XENFEAT_hvm_safe_pvclock           9
#define XENFEAT_hvm_pirqs                 10
#define XENFEAT_dom0                      11
/* 12 was grant_map_identity, withdrawn */
#define XENFEAT_memory_op_vnode_supported 13
#define XENFEAT_ARM_SMCCC_supported       14
#define XENFEAT_linux_rsdp_unrestricted   15
#define XENFEAT_not_direct_mapped         16
#define XENFEAT_direct_mapped             17
#define XENFEAT_NR_SUBMAPS                 1

#ifndef __ASSEMBLER__
struct xen_feature_info {
	uint32_t submap_idx;           /* in */
	uint32_t submap;               /* out: 32 XENFEAT_* bits */
};
#endif

/* ============================================================= 14. vm_assist */

/* vm_assist(cmd, type) */
#define XEN_VMASST_CMD_enable                0
#define XEN_VMASST_CMD_disable               1
#define XEN_VMASST_TYPE_4gb_segments         0
#define XEN_VMASST_TYPE_4gb_segments_notify  1
#define XEN_VMASST_TYPE_writable_pagetables  2   /* emulate stores to in-use L1 pages */
#define XEN_VMASST_TYPE_pae_extended_cr3     3
#define XEN_VMASST_TYPE_architectural_iopl   4
#define XEN_VMASST_TYPE_runstate_update_flag 5
#define XEN_VMASST_TYPE_m2p_strict          32   /* 64-bit PV: no RO m2p in user L4s */

/* ================================================================ 15. errors */

/*
 * Xen's error numbers are Linux's. Hypercalls return them negated
 * (-XEN_EINVAL); grant-table ops report XEN_GNTST_* instead.
 */
#define XEN_EPERM         1
#define XEN_ENOENT        2
#define XEN_ESRCH         3
#define XEN_EINTR         4   /* Xen-internal, not meant to reach a guest */
#define XEN_EIO           5
#define XEN_ENXIO         6
#define XEN_E2BIG         7
#define XEN_ENOEXEC       8
#define XEN_EBADF         9
#define XEN_ECHILD       10
#define XEN_EAGAIN       11
#define XEN_ENOMEM       12
#define XEN_EACCES       13
#define XEN_EFAULT       14
#define XEN_EBUSY        16
#define XEN_EEXIST       17
#define XEN_EXDEV        18
#define XEN_ENODEV       19
#define XEN_EISDIR       21
#define XEN_EINVAL       22
#define XEN_ENFILE       23
#define XEN_EMFILE       24
#define XEN_ENOSPC       28
#define XEN_EROFS        30
#define XEN_EMLINK       31
#define XEN_EDOM         33
#define XEN_ERANGE       34
#define XEN_EDEADLK      35
#define XEN_ENAMETOOLONG 36
#define XEN_ENOLCK       37
#define XEN_ENOSYS       38
#define XEN_ENOTEMPTY    39
#define XEN_ENODATA      61
#define XEN_ETIME        62
#define XEN_EBADMSG      74
#define XEN_EOVERFLOW    75
#define XEN_EILSEQ       84
#define XEN_ERESTART     85   /* Xen-internal (continuations) */
#define XEN_ENOTSOCK     88
#define XEN_EMSGSIZE     90
#define XEN_EOPNOTSUPP   95
#define XEN_EADDRINUSE   98
#define XEN_EADDRNOTAVAIL 99
#define XEN_ENOBUFS     105
#define XEN_EISCONN     106
#define XEN_ENOTCONN    107
#define XEN_ETIMEDOUT   110
#define XEN_ECONNREFUSED 111

/*
 * The same list for building a name table:
 *   #define X(sym, name) [sym] = name,
 *   static const char *const names[] = { XEN_ERRNO_LIST(X) };
 */
#define XEN_ERRNO_LIST(X) \
	X(XEN_EPERM, "EPERM") X(XEN_ENOENT, "ENOENT") X(XEN_ESRCH, "ESRCH") \
	X(XEN_EINTR, "EINTR") X(XEN_EIO, "EIO") X(XEN_ENXIO, "ENXIO") \
	X(XEN_E2BIG, "E2BIG") X(XEN_ENOEXEC, "ENOEXEC") X(XEN_EBADF, "EBADF") \
	X(XEN_ECHILD, "ECHILD") X(XEN_EAGAIN, "EAGAIN") X(XEN_ENOMEM, "ENOMEM") \
	X(XEN_EACCES, "EACCES") X(XEN_EFAULT, "EFAULT") X(XEN_EBUSY, "EBUSY") \
	X(XEN_EEXIST, "EEXIST") X(XEN_EXDEV, "EXDEV") X(XEN_ENODEV, "ENODEV") \
	X(XEN_EISDIR, "EISDIR") X(XEN_EINVAL, "EINVAL") X(XEN_ENFILE, "ENFILE") \
	X(XEN_EMFILE, "EMFILE") X(XEN_ENOSPC, "ENOSPC") X(XEN_EROFS, "EROFS") \
	X(XEN_EMLINK, "EMLINK") X(XEN_EDOM, "EDOM") X(XEN_ERANGE, "ERANGE") \
	X(XEN_EDEADLK, "EDEADLK") X(XEN_ENAMETOOLONG, "ENAMETOOLONG") \
	X(XEN_ENOLCK, "ENOLCK") X(XEN_ENOSYS, "ENOSYS") X(XEN_ENOTEMPTY, "ENOTEMPTY") \
	X(XEN_ENODATA, "ENODATA") X(XEN_ETIME, "ETIME") X(XEN_EBADMSG, "EBADMSG") \
	X(XEN_EOVERFLOW, "EOVERFLOW") X(XEN_EILSEQ, "EILSEQ") \
	X(XEN_ERESTART, "ERESTART") X(XEN_ENOTSOCK, "ENOTSOCK") \
	X(XEN_EMSGSIZE, "EMSGSIZE") X(XEN_EOPNOTSUPP, "EOPNOTSUPP") \
	X(XEN_EADDRINUSE, "EADDRINUSE") X(XEN_EADDRNOTAVAIL, "EADDRNOTAVAIL") \
	X(XEN_ENOBUFS, "ENOBUFS") X(XEN_EISCONN, "EISCONN") \
	X(XEN_ENOTCONN, "ENOTCONN") X(XEN_ETIMEDOUT, "ETIMEDOUT") \
	X(XEN_ECONNREFUSED, "ECONNREFUSED")

/* ================================================= 16. forced emulation */

/*
 * A PV guest's cpuid runs on the real CPU. Prefixed with ud2; .ascii "xen"
 * (0f 0b 78 65 6e) it traps into Xen, which emulates it with the guest's
 * CPUID policy (and the hypervisor leaves at 0x40000000).
 * C:        asm volatile(XEN_CPUID : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
 * assembly: XEN_CPUID
 */
#define XEN_EMULATE_PREFIX_BYTES 0x0f,0x0b,0x78,0x65,0x6e
#define XEN_EMULATE_PREFIX_LEN   5
#ifdef __ASSEMBLER__
#define XEN_EMULATE_PREFIX .byte XEN_EMULATE_PREFIX_BYTES ;
#define XEN_CPUID          XEN_EMULATE_PREFIX cpuid
#else
#define XEN_EMULATE_PREFIX ".byte 0x0f,0x0b,0x78,0x65,0x6e ; "
#define XEN_CPUID          XEN_EMULATE_PREFIX "cpuid"
#endif

/* ========================================== 16b. HVM and PVH guests */

/*
 * A guest Xen translates (HVM, PVH) finds Xen's CPUID leaves with the
 * plain instruction; leaf base + 2 gives in EBX the MSR to which the guest
 * writes the physical address of a page of its RAM, which Xen then fills
 * with hypercall stubs (vmcall or vmmcall).  Written from 64-bit mode, so
 * that shared_info keeps its 64-bit layout.
 */
#define XEN_CPUID_SIGNATURE_EBX 0x566e6558u   /* "XenV" */
#define XEN_CPUID_LEAF_HYPERCALL 2            /* base + 2: EBX = the MSR */

/* hvm_op(cmd, arg) */
#define XEN_HVMOP_set_param 0
#define XEN_HVMOP_get_param 1

/* HVM parameters */
#define XEN_HVM_PARAM_CALLBACK_IRQ 0
#define XEN_HVM_PARAM_STORE_PFN 1             /* a translated domU's xenstore page (gfn) */
#define XEN_HVM_PARAM_STORE_EVTCHN 2
#define XEN_HVM_PARAM_CONSOLE_PFN 17          /* its PV console page (gfn) */
#define XEN_HVM_PARAM_CONSOLE_EVTCHN 18
/* CALLBACK_IRQ value: type in bits 63:56; type 2 delivers events as this
 * IDT vector (bits 7:0), outside the local APIC: no EOI, and raised again
 * for as long as vcpu_info.evtchn_upcall_pending is set. */
#define XEN_HVM_CALLBACK_VECTOR(v) ((2ull << 56) | (uint64_t)(v))

#ifndef __ASSEMBLER__
struct xen_hvm_param {
	xen_domid_t domid;             /* DOMID_SELF */
	uint16_t pad;
	uint32_t index;                /* XEN_HVM_PARAM_* */
	uint64_t value;
};
#endif

/* ================================================= 17. layout checks */

#ifndef __ASSEMBLER__
#define XEN_ABI_OFF_(type, field) __builtin_offsetof(struct type, field)
#ifdef __cplusplus
#define XEN_ABI_CHECK_(cond, what) static_assert(cond, "Xen ABI: " what)
#else
#define XEN_ABI_CHECK_(cond, what) _Static_assert(cond, "Xen ABI: " what)
#endif

XEN_ABI_CHECK_(sizeof(void *) == 8, "64-bit only");

XEN_ABI_CHECK_(sizeof(struct xen_trap_info) == 16, "trap_info size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_trap_info, cs) == 2, "trap_info.cs");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_trap_info, address) == 8, "trap_info.address");

XEN_ABI_CHECK_(sizeof(struct xen_bounce_frame) == XEN_FRAME_SIZE, "bounce frame size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_bounce_frame, r11) == XEN_FRAME_r11, "frame.r11");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_bounce_frame, rip) == XEN_FRAME_rip, "frame.rip");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_bounce_frame, cs) == XEN_FRAME_cs, "frame.cs");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_bounce_frame, rflags) == XEN_FRAME_rflags, "frame.rflags");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_bounce_frame, rsp) == XEN_FRAME_rsp, "frame.rsp");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_bounce_frame, ss) == XEN_FRAME_ss, "frame.ss");
XEN_ABI_CHECK_(sizeof(struct xen_bounce_frame_ec) == XEN_FRAME_EC_SIZE, "ec frame size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_bounce_frame_ec, error_code) == XEN_FRAME_EC_error_code, "ec frame.error_code");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_bounce_frame_ec, rip) == XEN_FRAME_EC_rip, "ec frame.rip");
XEN_ABI_CHECK_(sizeof(struct xen_failsafe_frame) == XEN_FAILSAFE_SIZE, "failsafe frame size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_failsafe_frame, ds) == XEN_FAILSAFE_ds, "failsafe.ds");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_failsafe_frame, es) == XEN_FAILSAFE_es, "failsafe.es");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_failsafe_frame, fs) == XEN_FAILSAFE_fs, "failsafe.fs");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_failsafe_frame, gs) == XEN_FAILSAFE_gs, "failsafe.gs");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_failsafe_frame, rip) == XEN_FAILSAFE_rip, "failsafe.rip");

XEN_ABI_CHECK_(sizeof(struct xen_iret_context) == XEN_IRET_SIZE, "iret_context size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_iret_context, r11) == XEN_IRET_r11, "iret.r11");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_iret_context, rcx) == XEN_IRET_rcx, "iret.rcx");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_iret_context, flags) == XEN_IRET_flags, "iret.flags");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_iret_context, rip) == XEN_IRET_rip, "iret.rip");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_iret_context, cs) == XEN_IRET_cs, "iret.cs");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_iret_context, rflags) == XEN_IRET_rflags, "iret.rflags");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_iret_context, rsp) == XEN_IRET_rsp, "iret.rsp");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_iret_context, ss) == XEN_IRET_ss, "iret.ss");
XEN_ABI_CHECK_(XEN_IRET_SIZE - XEN_IRET_flags == XEN_IRET_GUEST_PUSH, "iret guest part");

XEN_ABI_CHECK_(sizeof(struct xen_callback_register) == 16, "callback_register size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_callback_register, flags) == 2, "callback_register.flags");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_callback_register, address) == 8, "callback_register.address");
XEN_ABI_CHECK_(sizeof(struct xen_callback_unregister) == 4, "callback_unregister size");
XEN_ABI_CHECK_(sizeof(struct xen_arch_vcpu_info) == 16, "arch_vcpu_info size");
XEN_ABI_CHECK_(sizeof(struct xen_arch_shared_info) == 48, "arch_shared_info size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_arch_shared_info, nmi_reason) == 16, "arch_shared_info.nmi_reason");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_arch_shared_info, p2m_generation) == 40, "arch_shared_info.p2m_generation");

XEN_ABI_CHECK_(sizeof(struct xen_start_info) == 1168, "start_info size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_start_info, nr_pages) == 32, "start_info.nr_pages");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_start_info, shared_info) == 40, "start_info.shared_info");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_start_info, flags) == 48, "start_info.flags");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_start_info, store_mfn) == 56, "start_info.store_mfn");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_start_info, store_evtchn) == 64, "start_info.store_evtchn");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_start_info, console) == 72, "start_info.console");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_start_info, pt_base) == 88, "start_info.pt_base");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_start_info, nr_pt_frames) == 96, "start_info.nr_pt_frames");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_start_info, mfn_list) == 104, "start_info.mfn_list");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_start_info, mod_start) == 112, "start_info.mod_start");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_start_info, mod_len) == 120, "start_info.mod_len");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_start_info, cmd_line) == 128, "start_info.cmd_line");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_start_info, first_p2m_pfn) == 1152, "start_info.first_p2m_pfn");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_start_info, nr_p2m_frames) == 1160, "start_info.nr_p2m_frames");

XEN_ABI_CHECK_(sizeof(struct xen_vcpu_time_info) == 32, "vcpu_time_info size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_vcpu_time_info, tsc_timestamp) == 8, "time.tsc_timestamp");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_vcpu_time_info, system_time) == 16, "time.system_time");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_vcpu_time_info, tsc_to_system_mul) == 24, "time.tsc_to_system_mul");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_vcpu_time_info, tsc_shift) == 28, "time.tsc_shift");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_vcpu_time_info, flags) == 29, "time.flags");

XEN_ABI_CHECK_(sizeof(struct xen_vcpu_info) == XEN_VCPU_INFO_SIZE, "vcpu_info size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_vcpu_info, evtchn_upcall_pending) == XEN_VCPU_INFO_upcall_pending, "vcpu_info.pending");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_vcpu_info, evtchn_upcall_mask) == XEN_VCPU_INFO_upcall_mask, "vcpu_info.mask");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_vcpu_info, evtchn_pending_sel) == XEN_VCPU_INFO_pending_sel, "vcpu_info.pending_sel");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_vcpu_info, arch.cr2) == XEN_VCPU_INFO_cr2, "vcpu_info.arch.cr2");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_vcpu_info, time) == XEN_VCPU_INFO_time, "vcpu_info.time");

XEN_ABI_CHECK_(sizeof(struct xen_shared_info) == XEN_SHARED_INFO_SIZE, "shared_info size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_shared_info, evtchn_pending) == XEN_SHARED_INFO_evtchn_pending, "shared_info.evtchn_pending");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_shared_info, evtchn_mask) == XEN_SHARED_INFO_evtchn_mask, "shared_info.evtchn_mask");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_shared_info, wc_version) == XEN_SHARED_INFO_wc_version, "shared_info.wc_version");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_shared_info, wc_sec_hi) == 3084, "shared_info.wc_sec_hi");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_shared_info, arch) == XEN_SHARED_INFO_arch, "shared_info.arch");
XEN_ABI_CHECK_(sizeof(struct xen_shared_info) <= XEN_PAGE_SIZE, "shared_info fits a page");
XEN_ABI_CHECK_(XEN_EVTCHN_2L_WORDS * 64 == XEN_EVTCHN_2L_NR_CHANNELS, "2-level channel count");

XEN_ABI_CHECK_(sizeof(struct xen_vcpu_runstate_info) == 48, "runstate_info size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_vcpu_runstate_info, state_entry_time) == 8, "runstate.state_entry_time");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_vcpu_runstate_info, time) == 16, "runstate.time");
XEN_ABI_CHECK_(sizeof(struct xen_vcpu_register_runstate_memory_area) == 8, "register_runstate size");
XEN_ABI_CHECK_(sizeof(struct xen_vcpu_set_periodic_timer) == 8, "set_periodic_timer size");
XEN_ABI_CHECK_(sizeof(struct xen_vcpu_set_singleshot_timer) == 16, "set_singleshot_timer size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_vcpu_set_singleshot_timer, flags) == 8, "singleshot.flags");
XEN_ABI_CHECK_(sizeof(struct xen_vcpu_register_vcpu_info) == 16, "register_vcpu_info size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_vcpu_register_vcpu_info, offset) == 8, "register_vcpu_info.offset");

XEN_ABI_CHECK_(sizeof(struct xen_mmu_update) == 16, "mmu_update size");
XEN_ABI_CHECK_(sizeof(struct xen_mmuext_op) == 24, "mmuext_op size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_mmuext_op, arg1) == 8, "mmuext_op.arg1");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_mmuext_op, arg2) == 16, "mmuext_op.arg2");
XEN_ABI_CHECK_(sizeof(struct xen_multicall_entry) == 64, "multicall_entry size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_multicall_entry, result) == 8, "multicall.result");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_multicall_entry, args) == 16, "multicall.args");

XEN_ABI_CHECK_(sizeof(struct xen_evtchn_alloc_unbound) == 8, "alloc_unbound size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_evtchn_alloc_unbound, port) == 4, "alloc_unbound.port");
XEN_ABI_CHECK_(sizeof(struct xen_evtchn_bind_interdomain) == 12, "bind_interdomain size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_evtchn_bind_interdomain, remote_port) == 4, "bind_interdomain.remote_port");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_evtchn_bind_interdomain, local_port) == 8, "bind_interdomain.local_port");
XEN_ABI_CHECK_(sizeof(struct xen_evtchn_bind_virq) == 12, "bind_virq size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_evtchn_bind_virq, port) == 8, "bind_virq.port");
XEN_ABI_CHECK_(sizeof(struct xen_evtchn_bind_pirq) == 12, "bind_pirq size");
XEN_ABI_CHECK_(sizeof(struct xen_evtchn_bind_ipi) == 8, "bind_ipi size");
XEN_ABI_CHECK_(sizeof(struct xen_evtchn_close) == 4, "close size");
XEN_ABI_CHECK_(sizeof(struct xen_evtchn_send) == 4, "send size");
XEN_ABI_CHECK_(sizeof(struct xen_evtchn_status) == 24, "status size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_evtchn_status, status) == 8, "status.status");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_evtchn_status, u) == 16, "status.u");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_evtchn_status, u.interdomain.port) == 20, "status.u.interdomain.port");
XEN_ABI_CHECK_(sizeof(struct xen_evtchn_bind_vcpu) == 8, "bind_vcpu size");
XEN_ABI_CHECK_(sizeof(struct xen_evtchn_unmask) == 4, "unmask size");

XEN_ABI_CHECK_(sizeof(struct xen_sched_shutdown) == 4, "sched_shutdown size");
XEN_ABI_CHECK_(sizeof(struct xen_sched_poll) == 24, "sched_poll size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_sched_poll, timeout) == 16, "sched_poll.timeout");
XEN_ABI_CHECK_(sizeof(struct xen_sched_remote_shutdown) == 8, "remote_shutdown size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_sched_remote_shutdown, reason) == 4, "remote_shutdown.reason");
XEN_ABI_CHECK_(sizeof(struct xen_sched_watchdog) == 8, "watchdog size");

XEN_ABI_CHECK_(sizeof(struct xen_grant_entry_v1) == 8, "grant_entry_v1 size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_grant_entry_v1, domid) == 2, "grant_entry_v1.domid");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_grant_entry_v1, frame) == 4, "grant_entry_v1.frame");
XEN_ABI_CHECK_(sizeof(struct xen_gnttab_setup_table) == 24, "setup_table size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_gnttab_setup_table, nr_frames) == 4, "setup_table.nr_frames");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_gnttab_setup_table, status) == 8, "setup_table.status");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_gnttab_setup_table, frame_list) == 16, "setup_table.frame_list");
XEN_ABI_CHECK_(sizeof(struct xen_gnttab_query_size) == 16, "query_size size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_gnttab_query_size, max_nr_frames) == 8, "query_size.max_nr_frames");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_gnttab_query_size, status) == 12, "query_size.status");
XEN_ABI_CHECK_(sizeof(struct xen_gnttab_map_grant_ref) == 32, "map_grant_ref size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_gnttab_map_grant_ref, dom) == 16, "map_grant_ref.dom");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_gnttab_map_grant_ref, status) == 18, "map_grant_ref.status");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_gnttab_map_grant_ref, handle) == 20, "map_grant_ref.handle");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_gnttab_map_grant_ref, dev_bus_addr) == 24, "map_grant_ref.dev_bus_addr");
XEN_ABI_CHECK_(sizeof(struct xen_gnttab_unmap_grant_ref) == 24, "unmap_grant_ref size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_gnttab_unmap_grant_ref, status) == 20, "unmap_grant_ref.status");
XEN_ABI_CHECK_(sizeof(struct xen_gnttab_copy_ptr) == 16, "gnttab_copy_ptr size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_gnttab_copy_ptr, domid) == 8, "gnttab_copy_ptr.domid");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_gnttab_copy_ptr, offset) == 10, "gnttab_copy_ptr.offset");
XEN_ABI_CHECK_(sizeof(struct xen_gnttab_copy) == 40, "gnttab_copy size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_gnttab_copy, dest) == 16, "gnttab_copy.dest");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_gnttab_copy, len) == 32, "gnttab_copy.len");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_gnttab_copy, flags) == 34, "gnttab_copy.flags");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_gnttab_copy, status) == 36, "gnttab_copy.status");

XEN_ABI_CHECK_(sizeof(struct xen_memory_reservation) == 32, "memory_reservation size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_memory_reservation, extent_order) == 16, "reservation.extent_order");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_memory_reservation, domid) == 24, "reservation.domid");
XEN_ABI_CHECK_(sizeof(struct xen_memory_map) == 16, "memory_map size");
XEN_ABI_CHECK_(sizeof(struct xen_machphys_mapping) == 24, "machphys_mapping size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_memory_map, buffer) == 8, "memory_map.buffer");
XEN_ABI_CHECK_(sizeof(struct xen_e820_entry) == 20, "e820 entry size");
XEN_ABI_CHECK_(sizeof(struct xen_add_to_physmap) == 24, "add_to_physmap size");
XEN_ABI_CHECK_(sizeof(struct xen_hvm_param) == 16, "hvm_param size");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_hvm_param, value) == 8, "hvm_param.value");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_add_to_physmap, space) == 4, "add_to_physmap.space");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_add_to_physmap, idx) == 8, "add_to_physmap.idx");
XEN_ABI_CHECK_(XEN_ABI_OFF_(xen_add_to_physmap, gpfn) == 16, "add_to_physmap.gpfn");

XEN_ABI_CHECK_(sizeof(struct xen_feature_info) == 8, "feature_info size");

XEN_ABI_CHECK_(XEN_HYPERCALL_PAGE_SLOTS * XEN_HYPERCALL_ENTRY_SIZE == XEN_HYPERCALL_PAGE_SIZE, "hypercall page");
XEN_ABI_CHECK_(XEN_HYPERCALL_hypfs_op < XEN_HYPERCALL_PAGE_SLOTS, "hypercall numbers fit the page");
XEN_ABI_CHECK_(((XEN_HYPERVISOR_VIRT_START >> 39) & 511) == XEN_L4_FIRST_XEN_SLOT, "first Xen L4 slot");
XEN_ABI_CHECK_((((XEN_HYPERVISOR_VIRT_END - 1) >> 39) & 511) == XEN_L4_LAST_XEN_SLOT, "last Xen L4 slot");

#undef XEN_ABI_CHECK_
#undef XEN_ABI_OFF_
#endif /* !__ASSEMBLER__ */

#endif /* PROTEUS_ABI_XEN_H */
