/*
 * fs.h — the file system's own structure, private to kernel/fs and
 * kernel/tty (vfs.h is what the rest of the kernel sees).
 *
 * Every file system here lives in memory, so there is one inode type and
 * one directory implementation; what differs is only where a regular
 * file's bytes are (the initrd's archive, tmpfs pages) and which
 * file_ops a device or pipe brings.
 *
 * Lifetime: refs counts references held in memory (open files, cwds,
 * walks in progress, and each subdirectory's parent pointer); nlink
 * counts directory entries naming the inode (a directory's is 2 plus its
 * subdirectories while linked, 0 once removed).  An inode is freed when
 * both are 0, so an unlinked file lives until its last close.
 * Directory entries do not hold refs, which keeps the tree acyclic for
 * counting.  The kernel is not preemptive and no interrupt handler
 * touches the tree, so none of it needs a lock.
 */
#ifndef PROTEUS_FS_FS_H
#define PROTEUS_FS_FS_H

#include "types.h"
#include "vfs.h"
#include "abi/linux.h"
#include "lib/path.h"

struct super {
	const char *name;
	u64 dev;                   /* st_dev */
	u64 magic;                 /* statfs f_type (Linux's value) */
	bool readonly;
};

extern struct super rootfs_super, tmpfs_super, devfs_super, pipefs_super;

struct dentry {
	struct dentry *next;
	struct inode *ino;
	u64 seq;                   /* increasing along a directory: its getdents position */
	u8 len;
	char name[];               /* len bytes, NUL-terminated for convenience */
};

struct file;

struct file_ops {
	/* Kernel buffers; pos is the file's position (or an explicit
	 * pread/pwrite one).  A byte count or -errno. */
	long (*read)(struct file *f, void *buf, size_t n, u64 *pos);
	long (*write)(struct file *f, const void *buf, size_t n, u64 *pos);
	int (*open)(struct file *f, int oflags); /* optional; oflags as open() got them */
	void (*release)(struct file *f);        /* optional, at the last close */
	unsigned (*poll)(struct file *f);       /* POLL* bits ready now; NULL: always ready */
	long (*ioctl)(struct file *f, unsigned cmd, u64 arg);
	int (*fsync)(struct file *f);           /* optional: write back what a device caches */
	bool stream;               /* no position: lseek/pread are ESPIPE */
	bool one_call;             /* a read may block: one call per system call */
};

struct inode {
	u32 refs, nlink;
	u32 mode, uid, gid;
	u64 ino, size, rdev;
	struct linux_timespec atime, mtime, ctime;
	struct super *sb;
	const struct file_ops *fops;
	struct inode *mounted;     /* a mount point: the root mounted on it */
	struct inode *parent;      /* directories: "..", a counted reference */
	union {
		struct dentry *entries;                           /* directory */
		const u8 *ro_data;                                /* initrd file */
		struct { u8 **pages; u64 slots; } tmp;            /* tmpfs file */
		struct { const char *target; size_t len; bool owned; } link;
		void *priv;
	} u;
};

struct file {
	u32 refs;
	u32 flags;                 /* O_ACCMODE | status flags (O_APPEND, O_NONBLOCK) */
	u64 pos;
	struct inode *ino;
	const struct file_ops *ops;
	void *priv;                /* pipes: the pipe */
};

#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)
#define S_ISCHR(m) (((m) & S_IFMT) == S_IFCHR)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define MKDEV(ma, mi) (((u64)(ma) << 8) | (mi))   /* Linux's old encoding: fine below 256 */

/* ---- inode.c ---- */
struct inode *inode_alloc(struct super *sb, u32 mode);       /* refs 1, nlink 0 */
void inode_stat(const struct inode *ino, struct linux_stat *st);
struct linux_timespec fs_now(void);
void inode_touch(struct inode *ino, bool data);                /* mtime(+ctime) or ctime */
/* A name of ino went away: free it if nothing else holds it. */
void inode_unlinked(struct inode *ino);

/* ---- dir.c: directories ---- */
struct dentry *dir_find(struct inode *dir, const char *name, size_t len);
/* Add an entry (dir holds no ref; the child's nlink grows); -ENOMEM. */
int dir_add(struct inode *dir, const char *name, size_t len, struct inode *child);
/* Remove an entry; the child's nlink drops (and it may be freed). */
void dir_remove(struct inode *dir, struct dentry *d);
/* Remove an entry of a child that rename has already linked elsewhere. */
void dir_detach(struct inode *dir, struct dentry *d);
bool dir_empty(const struct inode *dir);
/* A child, through mount points and "..": a reference, or NULL and *err. */
struct inode *dir_lookup(struct inode *dir, const char *name, size_t len, int *err);
/* A new directory in parent (its parent link set); NULL when out of memory. */
struct inode *dir_new(struct super *sb, u32 perm, struct inode *parent);
/* A mount: root takes over mnt's place; ".." of root is mnt's parent. */
void dir_mount(struct inode *mnt, struct inode *root);

/* ---- namei.c: names to inodes ---- */
/* Resolve a kernel path (buf has PATH_MAX bytes, is rewritten). */
int vfs_walk(struct inode *cwd, char *buf, unsigned flags, struct path_result *r);
int vfs_resolve(struct inode *cwd, const char *path, bool follow, struct inode **out);
/* Where name (buf) starts relative to dirfd: the cwd or the descriptor's directory (a ref). */
int vfs_at_dir(int dirfd, struct inode **out);
void path_result_put(struct path_result *r);
/* The absolute name of directory dir into buf (cap bytes): its length
 * with the NUL, or -ERANGE, -ENOENT (removed). */
long vfs_path_of(struct inode *dir, char *buf, size_t cap);

/* ---- tmpfs.c: file contents in frames ---- */
long tmpfs_read(struct inode *ino, u64 off, void *buf, size_t n);
long tmpfs_write(struct inode *ino, u64 off, const void *buf, size_t n);
int tmpfs_truncate(struct inode *ino, u64 size);
void tmpfs_free(struct inode *ino);
extern const struct file_ops reg_fops, dir_fops;

/* ---- vfs ops on names (vfsops.c), kernel paths from cwd ---- */
int vfs_open(struct inode *cwd, const char *path, int flags, u32 mode, struct file **out);
int vfs_open_inode(struct inode *ino, int flags, struct file **out);
int vfs_mkdir(struct inode *cwd, const char *path, u32 mode);
int vfs_unlink(struct inode *cwd, const char *path, bool dir);
int vfs_rename(struct inode *cwd, const char *from, struct inode *cwd_to, const char *to);
int vfs_symlink(struct inode *cwd, const char *target, const char *path);
int vfs_link(struct inode *cwd, const char *from, struct inode *cwd_to, const char *to,
	     bool follow);
/* The same, on walked names (the system calls share these). */
int vfs_create_at(struct path_result *r, u32 mode, struct inode **out);
int vfs_mkdir_at(struct path_result *r, u32 mode);
int vfs_unlink_at(struct path_result *r, bool dir);
int vfs_rename_at(struct path_result *from, struct path_result *to);
int vfs_symlink_at(struct path_result *r, const char *target, size_t len);
int vfs_link_at(struct inode *src, struct path_result *to);
int vfs_truncate_inode(struct inode *ino, u64 size);
int vfs_open_walked(struct inode *ino, int flags, struct file **out);

/* ---- file.c: open files and descriptors ---- */
struct file *file_new(struct inode *ino, const struct file_ops *ops, int flags);
struct file *file_get(struct file *f);
void file_put(struct file *f);
long file_read(struct file *f, void *buf, size_t n);
long file_write(struct file *f, const void *buf, size_t n);
/* The current process's descriptor fd, a reference; NULL for EBADF. */
struct file *fd_get(int fd);
/* The inode behind descriptor fd, with a reference; NULL for a bad fd. */
struct inode *fd_inode(int fd);
/* Install f at the lowest free descriptor >= min (the table takes the
 * reference); the descriptor, -EMFILE. */
int fd_install(struct file *f, int min, bool cloexec);
int fd_close(int fd);
struct fdtable *fd_table(void);
int fd_dup_to(int oldfd, int newfd, bool cloexec);
void fd_set_cloexec(int fd, bool on);
bool fd_cloexec(int fd);
/* The descriptor limit of the current process. */
unsigned fd_limit(void);

/* ---- rootfs.c, devfs.c, pipe.c ---- */
void rootfs_build(struct inode *root);
void devfs_build(struct inode *dev);
/* A node made after boot (a disk found by a driver): /dev/NAME of mode
 * (S_IFCHR/S_IFBLK | permissions) and rdev, size bytes, priv in the
 * inode's u.priv; 0 or -errno. */
int devfs_add(const char *name, u32 mode, u64 rdev, u64 size, const struct file_ops *fops,
	      void *priv);
int pipe_create(struct file **rd, struct file **wr, int flags);
/* Bytes waiting in a pipe (FIONREAD); false if f is no pipe. */
bool pipe_fionread(struct file *f, int *count);
/* Everything that could make a file ready wakes this (poll.c sleeps on it). */
extern const char vfs_poll_chan;
void vfs_poll_wake(void);

/* ---- the tty (kernel/tty) ---- */
extern const struct file_ops tty_fops;
void tty_init(void);
/* A session leader's first open of the tty without O_NOCTTY. */
void tty_open_ctty(int flags);

/* A PATH_MAX buffer (kmalloc'd). */
char *path_buf_alloc(void);
/* The kernel's copy of the user's path: 0 with a kmalloc'd string, or
 * -EFAULT, -ENAMETOOLONG, -ENOENT (empty, unless allow_empty). */
int user_path(u64 upath, bool allow_empty, char **out);
/* Where path starts for a *at call: NULL for an absolute path (the
 * root), else the cwd or dirfd's directory, a reference. */
int at_start(int dirfd, const char *path, struct inode **out);
/* What the user's path names from dirfd (its last link followed or not);
 * with empty_ok (AT_EMPTY_PATH) "" names dirfd's own file.  A reference. */
int vfs_at_inode(int dirfd, u64 upath, bool follow, bool empty_ok, struct inode **out);
/* The current process's cwd (the root for kernel threads), no reference. */
struct inode *vfs_cwd(void);

#endif
