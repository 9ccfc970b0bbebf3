/*
 * vfs.h — files as processes see them: a tree of inodes rooted at the
 * initrd (read-only), tmpfs at /tmp, device nodes in /dev, pipes; open
 * files shared by reference between descriptors and processes.
 *
 * This part is what the rest of the kernel uses (process creation, exec,
 * mmap); the file system's own structure is in its files under kernel/fs.
 */
#ifndef PROTEUS_VFS_H
#define PROTEUS_VFS_H

#include "types.h"
#include "boot_info.h"

struct inode;
struct file;
struct fdtable;

#define FD_MAX 256                      /* RLIMIT_NOFILE's ceiling */

/* Build the tree: unpack the initrd as the root, mount tmpfs and /dev. */
void vfs_init(void);

/* ---- descriptor tables (one per process; fork copies, exit drops) ---- */
struct fdtable *fdtable_new(void);
/* A copy sharing every open file; NULL when out of memory. */
struct fdtable *fdtable_dup(struct fdtable *t);
void fdtable_put(struct fdtable *t);
void fdtable_close_on_exec(struct fdtable *t);
/* Open /dev/console as descriptors 0, 1 and 2 of t (init's). */
int fdtable_open_console(struct fdtable *t);

/* ---- inodes ---- */
struct inode *inode_get(struct inode *ino);
void inode_put(struct inode *ino);
struct inode *vfs_root(void);
/* Bytes of a regular file; reading [off, off+n) into a kernel buffer
 * gives the count read (short at end of file) or -errno. */
u64 inode_size(const struct inode *ino);
long inode_read(struct inode *ino, u64 off, void *buf, size_t n);

/*
 * The file execve would run: path resolved from cwd (absolute or
 * relative, symlinks followed), a regular file with an execute bit.
 * 0 with a reference in *out, or -ENOENT, -ENOTDIR, -EACCES, -ELOOP,
 * -ENAMETOOLONG.
 */
int vfs_lookup_exec(const char *path, struct inode *cwd, struct inode **out);

/*
 * For mmap of descriptor fd of the current process: the regular file
 * behind it and its open mode (O_ACCMODE bits).  0, -EBADF, -EACCES
 * (not a regular file: -ENODEV as Linux says).
 */
int vfs_fd_for_mmap(int fd, struct inode **out, u32 *accmode);

/* A session leader exits: its controlling terminal hangs up (tty). */
void tty_session_leader_exit(int sid);

#endif
