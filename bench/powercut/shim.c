/* powercut shim: records every write, fsync, truncate, create, unlink and rename that a
 * process makes to files under $POWERCUT_DIR into $POWERCUT_LOG, in order, so that
 * bench/bench_powercut.py can rebuild the folder as a power cut at any instant would
 * have left it. Built with gcc at bench time (see bench_powercut.py); LD_PRELOAD only.
 *
 * Record: u8 op, u32 path length, path, u64 offset, u64 length, length bytes of data.
 * ops: 'C' create/truncate-on-open, 'W' write at offset, 'S' fsync/fdatasync,
 *      'T' truncate to offset, 'U' unlink, 'R' rename (data = new path).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <limits.h>

#define MAX_FD 65536

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char *paths[MAX_FD];
static int log_fd = -1;
static const char *watch_dir;
static size_t watch_len;

static int (*real_open)(const char *, int, ...);
static int (*real_open64)(const char *, int, ...);
static int (*real_openat)(int, const char *, int, ...);
static int (*real_close)(int);
static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
static ssize_t (*real_pwrite64)(int, const void *, size_t, off64_t);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_ftruncate)(int, off_t);
static int (*real_ftruncate64)(int, off64_t);
static int (*real_unlink)(const char *);
static int (*real_rename)(const char *, const char *);

static void init(void) {
    static int done = 0;
    if (done) return;
    real_open = dlsym(RTLD_NEXT, "open");
    real_open64 = dlsym(RTLD_NEXT, "open64");
    real_openat = dlsym(RTLD_NEXT, "openat");
    real_close = dlsym(RTLD_NEXT, "close");
    real_write = dlsym(RTLD_NEXT, "write");
    real_pwrite = dlsym(RTLD_NEXT, "pwrite");
    real_pwrite64 = dlsym(RTLD_NEXT, "pwrite64");
    real_fsync = dlsym(RTLD_NEXT, "fsync");
    real_fdatasync = dlsym(RTLD_NEXT, "fdatasync");
    real_ftruncate = dlsym(RTLD_NEXT, "ftruncate");
    real_ftruncate64 = dlsym(RTLD_NEXT, "ftruncate64");
    real_unlink = dlsym(RTLD_NEXT, "unlink");
    real_rename = dlsym(RTLD_NEXT, "rename");
    watch_dir = getenv("POWERCUT_DIR");
    watch_len = watch_dir ? strlen(watch_dir) : 0;
    const char *log_path = getenv("POWERCUT_LOG");
    if (log_path && watch_dir)
        log_fd = real_open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    done = 1;
}

static int watched(const char *path) {
    return log_fd >= 0 && path && watch_len && strncmp(path, watch_dir, watch_len) == 0;
}

static void put(const void *data, size_t n) {
    const char *p = data;
    while (n) {
        ssize_t w = real_write(log_fd, p, n);
        if (w <= 0) return;
        p += w;
        n -= (size_t)w;
    }
}

/* Called with the lock held. */
static void record(char op, const char *path, uint64_t offset, const void *data, uint64_t len) {
    uint32_t plen = (uint32_t)strlen(path);
    put(&op, 1);
    put(&plen, 4);
    put(path, plen);
    put(&offset, 8);
    put(&len, 8);
    if (len) put(data, len);
}

static void remember(int fd, const char *path, int flags) {
    if (fd < 0 || fd >= MAX_FD) return;
    char full[PATH_MAX];
    if (path[0] != '/') {
        if (!getcwd(full, sizeof full)) return;
        strncat(full, "/", sizeof full - strlen(full) - 1);
        strncat(full, path, sizeof full - strlen(full) - 1);
    } else {
        strncpy(full, path, sizeof full - 1);
        full[sizeof full - 1] = 0;
    }
    pthread_mutex_lock(&lock);
    free(paths[fd]);
    paths[fd] = NULL;
    if (watched(full)) {
        paths[fd] = strdup(full);
        if (flags & (O_CREAT | O_TRUNC))
            record('C', full, (flags & O_TRUNC) ? 1 : 0, NULL, 0);
    }
    pthread_mutex_unlock(&lock);
}

#define OPEN_MODE(flags, mode) \
    mode_t mode = 0; \
    if (flags & (O_CREAT | O_TMPFILE)) { va_list ap; va_start(ap, flags); mode = va_arg(ap, int); va_end(ap); }

int open(const char *path, int flags, ...) {
    init();
    OPEN_MODE(flags, mode);
    int fd = real_open(path, flags, mode);
    remember(fd, path, flags);
    return fd;
}

int open64(const char *path, int flags, ...) {
    init();
    OPEN_MODE(flags, mode);
    int fd = real_open64 ? real_open64(path, flags, mode) : real_open(path, flags, mode);
    remember(fd, path, flags);
    return fd;
}

int openat(int dirfd, const char *path, int flags, ...) {
    init();
    OPEN_MODE(flags, mode);
    int fd = real_openat(dirfd, path, flags, mode);
    if (dirfd == AT_FDCWD || path[0] == '/') remember(fd, path, flags);
    return fd;
}

int close(int fd) {
    init();
    if (fd >= 0 && fd < MAX_FD && paths[fd]) {
        pthread_mutex_lock(&lock);
        free(paths[fd]);
        paths[fd] = NULL;
        pthread_mutex_unlock(&lock);
    }
    return real_close(fd);
}

static void written(int fd, const void *buf, ssize_t n, off_t offset) {
    if (n <= 0 || fd < 0 || fd >= MAX_FD || !paths[fd]) return;
    pthread_mutex_lock(&lock);
    if (paths[fd]) record('W', paths[fd], (uint64_t)offset, buf, (uint64_t)n);
    pthread_mutex_unlock(&lock);
}

ssize_t write(int fd, const void *buf, size_t n) {
    init();
    if (fd >= 0 && fd < MAX_FD && paths[fd]) {
        pthread_mutex_lock(&lock);  /* the offset and the write, as one */
        off_t at = lseek(fd, 0, SEEK_CUR);
        ssize_t w = real_write(fd, buf, n);
        if (w > 0 && paths[fd]) record('W', paths[fd], (uint64_t)at, buf, (uint64_t)w);
        pthread_mutex_unlock(&lock);
        return w;
    }
    return real_write(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t offset) {
    init();
    ssize_t w = real_pwrite(fd, buf, n, offset);
    written(fd, buf, w, offset);
    return w;
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t offset) {
    init();
    ssize_t w = real_pwrite64(fd, buf, n, offset);
    written(fd, buf, w, (off_t)offset);
    return w;
}

static void synced(int fd) {
    if (fd < 0 || fd >= MAX_FD || !paths[fd]) return;
    pthread_mutex_lock(&lock);
    if (paths[fd]) record('S', paths[fd], 0, NULL, 0);
    pthread_mutex_unlock(&lock);
}

int fsync(int fd) { init(); int r = real_fsync(fd); if (r == 0) synced(fd); return r; }
int fdatasync(int fd) { init(); int r = real_fdatasync(fd); if (r == 0) synced(fd); return r; }

static void truncated(int fd, off_t length) {
    if (fd < 0 || fd >= MAX_FD || !paths[fd]) return;
    pthread_mutex_lock(&lock);
    if (paths[fd]) record('T', paths[fd], (uint64_t)length, NULL, 0);
    pthread_mutex_unlock(&lock);
}

int ftruncate(int fd, off_t length) {
    init(); int r = real_ftruncate(fd, length); if (r == 0) truncated(fd, length); return r;
}

int ftruncate64(int fd, off64_t length) {
    init(); int r = real_ftruncate64(fd, length); if (r == 0) truncated(fd, (off_t)length); return r;
}

int unlink(const char *path) {
    init();
    int r = real_unlink(path);
    if (r == 0 && watched(path)) {
        pthread_mutex_lock(&lock);
        record('U', path, 0, NULL, 0);
        pthread_mutex_unlock(&lock);
    }
    return r;
}

int rename(const char *from, const char *to) {
    init();
    int r = real_rename(from, to);
    if (r == 0 && (watched(from) || watched(to))) {
        pthread_mutex_lock(&lock);
        record('R', from, 0, to, strlen(to));
        pthread_mutex_unlock(&lock);
    }
    return r;
}
