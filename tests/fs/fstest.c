/*
 * fstest.c — the file system, pipes and the tty through the Linux ABI,
 * from a static musl program run as /init (tests/fs/run.sh).  Each check
 * prints a FAIL line with the errno it saw; the last line is the verdict.
 * The console input it reads is typed by run.sh: a line, then "xy".
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <dirent.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/select.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <termios.h>
#include <limits.h>

static int fails;
#define CHECK(c) do { if (!(c)) { printf("FAIL %s:%d: %s (errno %d)\n", __FILE__, __LINE__, #c, errno); fails++; } } while (0)
#define ERR(call, e) do { errno = 0; long _r = (long)(call); if (!(_r == -1 && errno == (e))) { printf("FAIL %s:%d: %s -> %ld errno %d, want %d\n", __FILE__, __LINE__, #call, _r, errno, e); fails++; } } while (0)

int main(void)
{
	char buf[8192], cwd[PATH_MAX];
	struct stat st;
	int fd, p[2];

	/* descriptors */
	CHECK(isatty(0) && isatty(1));
	ERR(close(77), EBADF);
	ERR(dup3(1, 1, 0), EINVAL);
	CHECK(dup2(1, 1) == 1);
	fd = open("/tmp/a", O_CREAT | O_RDWR | O_TRUNC, 0644);
	CHECK(fd >= 0);
	CHECK(write(fd, "hello world", 11) == 11);
	CHECK(lseek(fd, 0, SEEK_CUR) == 11);
	CHECK(pread(fd, buf, 5, 6) == 5 && !memcmp(buf, "world", 5));
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	struct iovec iov[2] = { { buf, 5 }, { buf + 100, 6 } };
	CHECK(readv(fd, iov, 2) == 11 && !memcmp(buf + 100, " world", 6));
	ERR(lseek(fd, -1, SEEK_SET), EINVAL);
	ERR(lseek(fd, 0, 7), EINVAL);
	CHECK(fcntl(fd, F_GETFD) == 0);
	CHECK(fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC);
	int d = fcntl(fd, F_DUPFD, 10);
	CHECK(d == 10 && fcntl(d, F_GETFD) == 0);
	CHECK((fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR);
	CHECK(fcntl(fd, F_SETFL, O_APPEND) == 0 && (fcntl(d, F_GETFL) & O_APPEND));
	CHECK(write(d, "!", 1) == 1 && fstat(fd, &st) == 0 && st.st_size == 12);
	CHECK(ftruncate(fd, 3) == 0 && fstat(fd, &st) == 0 && st.st_size == 3);
	struct flock fl = { .l_type = F_WRLCK };
	CHECK(fcntl(fd, F_SETLK, &fl) == 0);
	close(d);
	close(fd);
	ERR(write(fd, "x", 1), EBADF);
	ERR(write(1, (void *)1, 10), EFAULT);
	/* stat */
	CHECK(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode) && major(st.st_rdev) == 1 && minor(st.st_rdev) == 3);
	CHECK(stat("/dev/console", &st) == 0 && st.st_rdev == makedev(5, 1));
	CHECK(stat("/tmp", &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 07777) == 01777);
	ERR(stat("/nonexistent", &st), ENOENT);
	ERR(stat("/init/x", &st), ENOTDIR);
	ERR(stat((char *)8, &st), EFAULT);
	/* read-only root */
	ERR(open("/init", O_WRONLY), EROFS);
	ERR(mkdir("/x", 0755), EROFS);
	ERR(unlink("/init"), EROFS);
	ERR(open("/tmp", O_WRONLY), EISDIR);
	fd = open("/tmp", O_RDONLY | O_DIRECTORY);
	ERR(read(fd, buf, 10), EISDIR);
	close(fd);
	/* tmpfs directories */
	CHECK(mkdir("/tmp/d", 0755) == 0);
	ERR(mkdir("/tmp/d", 0755), EEXIST);
	CHECK(chdir("/tmp/d") == 0 && getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, "/tmp/d"));
	CHECK(getcwd(cwd, 3) == NULL && errno == ERANGE);
	CHECK(chdir("..") == 0 && getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, "/tmp"));
	CHECK(chdir("..") == 0 && getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, "/"));
	CHECK(chdir("tmp") == 0);
	CHECK(symlink("d", "/tmp/ld") == 0);
	CHECK(readlink("/tmp/ld", buf, sizeof(buf)) == 1 && buf[0] == 'd');
	CHECK(lstat("/tmp/ld", &st) == 0 && S_ISLNK(st.st_mode));
	CHECK(stat("/tmp/ld", &st) == 0 && S_ISDIR(st.st_mode));
	fd = open("d/f", O_CREAT | O_EXCL | O_WRONLY, 0600);
	CHECK(fd >= 0);
	close(fd);
	ERR(open("d/f", O_CREAT | O_EXCL | O_WRONLY, 0600), EEXIST);
	ERR(rmdir("/tmp/d"), ENOTEMPTY);
	CHECK(rename("/tmp/d/f", "/tmp/d/g") == 0);
	ERR(rename("/tmp/d/g", "/dev/g"), EXDEV);
	CHECK(link("/tmp/d/g", "/tmp/d/h") == 0 && stat("/tmp/d/h", &st) == 0 && st.st_nlink == 2);
	int dfd = open("/tmp/d", O_RDONLY | O_DIRECTORY);
	CHECK(dfd >= 0 && faccessat(dfd, "g", R_OK, 0) == 0);
	CHECK(fstatat(dfd, "h", &st, 0) == 0);
	CHECK(unlinkat(dfd, "h", 0) == 0);
	DIR *dir = opendir("/tmp/d");
	struct dirent *de;
	int n = 0, sawg = 0;
	while ((de = readdir(dir))) { n++; if (!strcmp(de->d_name, "g")) sawg = de->d_type == DT_REG; }
	closedir(dir);
	CHECK(n == 3 && sawg);
	CHECK(unlinkat(dfd, "g", 0) == 0);
	close(dfd);
	CHECK(unlink("/tmp/ld") == 0 && rmdir("/tmp/d") == 0);
	ERR(access("/init", W_OK), EROFS);
	CHECK(access("/init", X_OK) == 0);
	CHECK(chmod("/tmp/a", 0600) == 0 && stat("/tmp/a", &st) == 0 && (st.st_mode & 0777) == 0600);
	CHECK(umask(077) == 022 && umask(022) == 077);
	struct statfs sfs;
	CHECK(statfs("/tmp", &sfs) == 0 && sfs.f_type == 0x01021994);
	CHECK(truncate("/tmp/a", 0) == 0 && unlink("/tmp/a") == 0);
	char longname[300];
	memset(longname, 'x', 299); longname[299] = 0;
	ERR(open(longname, O_RDONLY), ENAMETOOLONG);
	CHECK(symlink("loop", "/tmp/loop") == 0);
	ERR(open("/tmp/loop", O_RDONLY), ELOOP);
	unlink("/tmp/loop");
	/* devices */
	fd = open("/dev/zero", O_RDONLY);
	CHECK(read(fd, buf, 5000) == 5000 && buf[4999] == 0);
	close(fd);
	fd = open("/dev/full", O_WRONLY);
	ERR(write(fd, "x", 1), ENOSPC);
	close(fd);
	fd = open("/dev/null", O_RDWR);
	CHECK(read(fd, buf, 10) == 0 && write(fd, "abc", 3) == 3);
	ERR(lseek(0, 0, SEEK_CUR), ESPIPE);
	close(fd);
	/* pipes */
	CHECK(pipe(p) == 0);
	ERR(lseek(p[0], 0, SEEK_CUR), ESPIPE);
	CHECK(write(p[1], "abc", 3) == 3);
	struct pollfd pf[2] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 } };
	CHECK(poll(pf, 2, 0) == 2 && (pf[0].revents & POLLIN) && (pf[1].revents & POLLOUT));
	int cnt = -1;
	CHECK(ioctl(p[0], FIONREAD, &cnt) == 0 && cnt == 3);
	CHECK(read(p[0], buf, 100) == 3);
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	ERR(read(p[0], buf, 100), EAGAIN);
	pf[0].revents = 0;
	CHECK(poll(pf, 1, 50) == 0);
	fd_set rs; FD_ZERO(&rs); FD_SET(p[0], &rs);
	struct timeval tv = { 0, 20000 };
	CHECK(select(p[0] + 1, &rs, NULL, NULL, &tv) == 0);
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		usleep(100000);
		for (int i = 0; i < 100; i++) write(p[1], buf, 1000);   /* 100 KB: more than the ring */
		_exit(0);
	}
	close(p[1]);
	fcntl(p[0], F_SETFL, 0);
	long total = 0, r;
	while ((r = read(p[0], buf, sizeof(buf))) > 0) total += r;
	CHECK(total == 100000 && r == 0);
	int status;
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status));
	close(p[0]);
	CHECK(pipe2(p, O_CLOEXEC | O_NONBLOCK) == 0 && fcntl(p[0], F_GETFD) == FD_CLOEXEC && (fcntl(p[1], F_GETFL) & O_NONBLOCK));
	ERR(pipe2(p, 0x1234), EINVAL);
	close(p[0]);
	signal(SIGPIPE, SIG_IGN);
	ERR(write(p[1], "x", 1), EPIPE);
	close(p[1]);
	/* tty */
	struct termios t;
	CHECK(tcgetattr(0, &t) == 0 && (t.c_lflag & ICANON) && (t.c_oflag & ONLCR) && t.c_cc[VINTR] == 3);
	struct winsize ws;
	CHECK(ioctl(0, TIOCGWINSZ, &ws) == 0 && ws.ws_row == 24 && ws.ws_col == 80);
	CHECK(tcgetpgrp(0) == getpgrp());
	ERR(ioctl(p[0] = open("/tmp", O_RDONLY), TCGETS, &t), ENOTTY);
	close(p[0]);
	/* EMFILE */
	int last = 0;
	for (int i = 0; i < 300; i++) { int x = dup(0); if (x < 0) { CHECK(errno == EMFILE); break; } last = x; }
	CHECK(last == 255);
	for (int i = 3; i <= last; i++) close(i);
	/* non-canonical reads: VMIN=0 polls, VTIME times out */
	struct termios raw = t;
	struct timespec t0, t1;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	CHECK(tcsetattr(0, TCSANOW, &raw) == 0 && read(0, buf, 10) == 0);
	raw.c_cc[VTIME] = 2;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK(tcsetattr(0, TCSANOW, &raw) == 0 && read(0, buf, 10) == 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	CHECK((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000 >= 150);
	CHECK(tcsetattr(0, TCSANOW, &t) == 0);
	/* tty input: a line from the console, canonical */
	printf("type a line: ");
	fflush(stdout);
	n = read(0, buf, sizeof(buf));
	printf("got %d bytes: [%.*s]\n", n, n > 0 ? n - 1 : 0, buf);
	CHECK(n == 10 && !memcmp(buf, "hello tty\n", 10));
	/* then raw, VMIN=2: both bytes of "xy" in one read */
	raw.c_cc[VMIN] = 2;
	raw.c_cc[VTIME] = 0;
	CHECK(tcsetattr(0, TCSANOW, &raw) == 0);
	n = read(0, buf, sizeof(buf));
	CHECK(n == 2 && !memcmp(buf, "xy", 2));
	tcsetattr(0, TCSAFLUSH, &t);
	printf("fstest: %s (%d failures)\n", fails ? "FAILED" : "all passed", fails);
	return fails != 0;
}
