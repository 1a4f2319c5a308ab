/*
 * cli_write.c - writes that lose nothing: -o and -w go through a temporary
 * file and a rename; a signal removes the temporary files it interrupts.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "util.h"

/*
 * Temporary files being written, for the signal handler.  A slot is
 * claimed under the lock; the handler only reads: it may see a slot half
 * filled only while `used` is still 0, because `used` is set after the
 * path is complete.
 */
#define TMP_SLOTS 256
static struct {
  volatile sig_atomic_t used;
  char path[PATH_MAX + 32];
} tmp_slots[TMP_SLOTS];
static pthread_mutex_t tmp_lock = PTHREAD_MUTEX_INITIALIZER;

static int tmp_register(const char *path) {
  int i, slot = -1;
  size_t n = strlen(path);
  if (n >= sizeof(tmp_slots[0].path))
    return -1;
  pthread_mutex_lock(&tmp_lock);
  for (i = 0; i < TMP_SLOTS; i++)
    if (!tmp_slots[i].used) {
      memcpy(tmp_slots[i].path, path, n + 1);
      tmp_slots[i].used = 1;
      slot = i;
      break;
    }
  pthread_mutex_unlock(&tmp_lock);
  return slot;
}

static void tmp_release(int slot) {
  if (slot >= 0)
    tmp_slots[slot].used = 0;
}

static void on_signal(int sig) {
  int i;
  for (i = 0; i < TMP_SLOTS; i++)
    if (tmp_slots[i].used)
      unlink(tmp_slots[i].path); /* async-signal-safe */
  signal(sig, SIG_DFL);
  raise(sig);
}

void write_setup_signals(void) {
  static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
  struct sigaction sa;
  size_t i;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
    struct sigaction old;
    /* a shell's background job ignores SIGINT: leave it ignored */
    if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
      continue;
    sigaction(sigs[i], &sa, NULL);
  }
  signal(SIGXFSZ, SIG_IGN);
}

static int cannot_write(struct strbuf *err, const char *path, int e) {
  strbuf_addf(err, "unspin: error: cannot write '%s': %s\n", path,
              strerror(e));
  return -1;
}

/* Write into what path names when it is no regular file (/dev/null, a
 * FIFO, a terminal): renaming over it would replace the device itself. */
static int write_in_place(const char *path, const char *data, size_t len,
                          struct strbuf *err) {
  int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0 || write_all(fd, data, len)) {
    int saved = errno;
    if (fd >= 0)
      close(fd);
    return cannot_write(err, path, saved);
  }
  if (close(fd))
    return cannot_write(err, path, errno);
  return 0;
}

static int same_file(const struct stat *a, const struct stat *b) {
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
         a->st_size == b->st_size &&
         a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
         a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

int write_atomic(const char *path, const char *data, size_t len,
                 const struct stat *expect, struct strbuf *err) {
  struct strbuf tmp = STRBUF_INIT;
  struct stat st, now;
  char *real = NULL;
  const char *target = path;
  int fd, saved, exists, slot = -1;
  mode_t mode;
  exists = stat(path, &st) == 0;
  if (expect && (!exists || !same_file(&st, expect))) {
    strbuf_addf(err, "unspin: error: '%s' changed while unspin ran; "
                     "left as it is\n", path);
    return -1;
  }
  if (exists && S_ISDIR(st.st_mode))
    return cannot_write(err, path, EISDIR);
  if (exists && !S_ISREG(st.st_mode))
    return write_in_place(path, data, len, err);
  if (exists) {
    mode = st.st_mode & 07777;
    if ((real = realpath(path, NULL)))
      target = real;
  } else {
    mode_t mask = umask(0);
    umask(mask);
    mode = 0666 & ~mask;
  }
  strbuf_addf(&tmp, "%s.unspin-XXXXXX", target);
  fd = mkstemp(tmp.buf);
  if (fd < 0) {
    saved = errno;
    strbuf_release(&tmp);
    free(real);
    return cannot_write(err, path, saved);
  }
  slot = tmp_register(tmp.buf);
  /* best effort: a file system may refuse modes or owners */
  if (exists && (st.st_uid != geteuid() || st.st_gid != getegid()) &&
      fchown(fd, st.st_uid, st.st_gid))
    errno = 0;
  if (fchmod(fd, mode))
    errno = 0;
  if (write_all(fd, data, len))
    goto fail;
  if (fsync(fd) < 0 && errno != EINVAL)
    goto fail;
  if (close(fd) < 0) {
    fd = -1;
    goto fail;
  }
  fd = -1;
  /* the last look before the rename: a file swapped for another (or for
   * a symbolic link) while we worked keeps what it has now */
  if (expect && (stat(path, &now) || !same_file(&now, expect))) {
    unlink(tmp.buf);
    tmp_release(slot);
    strbuf_addf(err, "unspin: error: '%s' changed while unspin ran; "
                     "left as it is\n", path);
    strbuf_release(&tmp);
    free(real);
    return -1;
  }
  if (rename(tmp.buf, target) < 0)
    goto fail;
  tmp_release(slot);
  strbuf_release(&tmp);
  free(real);
  return 0;
fail:
  saved = errno;
  if (fd >= 0)
    close(fd);
  unlink(tmp.buf);
  tmp_release(slot);
  strbuf_release(&tmp);
  free(real);
  return cannot_write(err, path, saved);
}
