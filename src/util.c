/*
 * util.c - see util.h.  The only output here is the out-of-memory and BUG
 * message: past that point nothing sensible can be returned to a caller.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"
#include "util.h"

static UNSPIN_NORETURN void oom(size_t n) {
  fprintf(stderr, "unspin: fatal: out of memory (%zu bytes)\n", n);
  abort();
}

void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p)
    oom(n);
  return p;
}

void *xcalloc(size_t nmemb, size_t size) {
  void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
  if (!p)
    oom(nmemb * size);
  return p;
}

void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q)
    oom(n);
  return q;
}

char *xstrdup(const char *s) { return xmemdup0(s, strlen(s)); }

char *xmemdup0(const void *p, size_t n) {
  char *q = xmalloc(n + 1);
  if (n)
    memcpy(q, p, n);
  q[n] = '\0';
  return q;
}

int unspin_error_set(unspin_error *err, enum unspin_status code,
                     const char *path, unsigned line, unsigned col,
                     const char *fmt, ...) {
  va_list ap;
  if (!err)
    return code;
  memset(err, 0, sizeof(*err));
  err->code = code;
  if (path)
    snprintf(err->path, sizeof(err->path), "%s", path);
  err->line = line;
  err->col = col;
  va_start(ap, fmt);
  vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
  va_end(ap);
  return code;
}

void unspin_error_set_source(unspin_error *err, const char *line, size_t len,
                             unsigned caret_len) {
  if (!err)
    return;
  if (len >= sizeof(err->source_line))
    len = sizeof(err->source_line) - 1;
  memcpy(err->source_line, line, len);
  err->source_line[len] = '\0';
  err->caret_len = caret_len;
}

void unspin_bug(const char *file, int line, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "unspin: BUG: %s:%d: ", file, line);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  abort();
}

uint64_t hash_bytes(const void *p, size_t n) {
  const unsigned char *s = p;
  uint64_t h = 1469598103934665603ULL;
  size_t i;
  for (i = 0; i < n; i++) {
    h ^= s[i];
    h *= 1099511628211ULL;
  }
  return h;
}

uint64_t hash_mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

/*
 * Four independent multiply-xorshift lanes over 8-byte words, so the
 * multiplier latency overlaps and 15 MB take about a millisecond.  Each
 * step is a bijection of the lane for a fixed word and of the word for a
 * fixed lane, so any change confined to one word always changes the sum.
 */
#define CK_MUL 0x9e3779b97f4a7c15ULL

static uint64_t ck_step(uint64_t h, uint64_t w) {
  h ^= w;
  h *= CK_MUL;
  return h ^ (h >> 29);
}

static uint64_t rd64(const unsigned char *p) {
  uint64_t v;
  memcpy(&v, p, sizeof(v));
  return v;
}

uint64_t hash_block(const void *data, size_t n, uint64_t seed) {
  const unsigned char *p = data;
  uint64_t a = seed ^ 0x243f6a8885a308d3ULL, b = seed ^ 0x13198a2e03707344ULL;
  uint64_t c = seed ^ 0xa4093822299f31d0ULL, d = seed ^ 0x082efa98ec4e6c89ULL;
  uint64_t h, tail = 0;
  size_t len = n;
  for (; n >= 32; n -= 32, p += 32) {
    a = ck_step(a, rd64(p));
    b = ck_step(b, rd64(p + 8));
    c = ck_step(c, rd64(p + 16));
    d = ck_step(d, rd64(p + 24));
  }
  for (; n >= 8; n -= 8, p += 8)
    a = ck_step(a, rd64(p));
  if (n) {
    memcpy(&tail, p, n);
    b = ck_step(b, tail);
  }
  h = ck_step(seed, len);
  h = ck_step(h, a);
  h = ck_step(h, b);
  h = ck_step(h, c);
  h = ck_step(h, d);
  return hash_mix64(h);
}

int write_all(int fd, const void *data, size_t len) {
  const char *p = data;
  size_t off = 0;
  while (off < len) {
    ssize_t w = write(fd, p + off, len - off);
    if (w < 0) {
      if (errno == EINTR)
        continue;
      return -1;
    }
    if (w == 0) { /* no progress: better an error than a loop */
      errno = EIO;
      return -1;
    }
    off += (size_t)w;
  }
  return 0;
}

int write_file_atomic(const char *path, const void *data, size_t n,
                      unspin_error *err) {
  struct strbuf tmp = STRBUF_INIT;
  int fd, rc = UNSPIN_OK;
  strbuf_addf(&tmp, "%s.XXXXXX", path);
  fd = mkstemp(tmp.buf);
  if (fd < 0) {
    rc = unspin_error_set(err, UNSPIN_ERR_IO, path, 0, 0,
                          "cannot create a temporary file: %s",
                          strerror(errno));
    strbuf_release(&tmp);
    return rc;
  }
  if (write_all(fd, data, n) || fchmod(fd, 0644) || fsync(fd))
    rc = unspin_error_set(err, UNSPIN_ERR_IO, path, 0, 0, "write failed: %s",
                          strerror(errno));
  if (close(fd) && !rc)
    rc = unspin_error_set(err, UNSPIN_ERR_IO, path, 0, 0, "write failed: %s",
                          strerror(errno));
  if (!rc && rename(tmp.buf, path))
    rc = unspin_error_set(err, UNSPIN_ERR_IO, path, 0, 0,
                          "cannot rename the temporary file: %s",
                          strerror(errno));
  if (rc)
    unlink(tmp.buf);
  strbuf_release(&tmp);
  return rc;
}
