/*
 * util.h - allocation that cannot fail, error reporting into unspin_error,
 * and the BUG() macro for broken invariants.
 */
#ifndef UNSPIN_UTIL_H
#define UNSPIN_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "unspin.h"

#if defined(__GNUC__)
#define UNSPIN_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define UNSPIN_NORETURN __attribute__((noreturn))
#else
#define UNSPIN_PRINTF(f, a)
#define UNSPIN_NORETURN
#endif

/* Out of memory prints one line and aborts, as git and redis do. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xmemdup0(const void *p, size_t n); /* n bytes plus a NUL */

/* Grow an array: ensure (*alloc) >= nr, doubling. */
#define ALLOC_GROW(p, nr, alloc)                                               \
  do {                                                                         \
    if ((nr) > (alloc)) {                                                      \
      size_t alloc_grow_n_ = (alloc) ? (alloc) * 2 : 16;                       \
      if (alloc_grow_n_ < (nr))                                                \
        alloc_grow_n_ = (nr);                                                  \
      (p) = xrealloc((p), alloc_grow_n_ * sizeof(*(p)));                       \
      (alloc) = alloc_grow_n_;                                                 \
    }                                                                          \
  } while (0)

/*
 * Fill *err (when not NULL): status, path (may be NULL), 1-based line and
 * column (0 = none), and a printf-style message.  Returns code, so callers
 * can write `return unspin_error_set(err, ...)`.
 */
int unspin_error_set(unspin_error *err, enum unspin_status code,
                     const char *path, unsigned line, unsigned col,
                     const char *fmt, ...) UNSPIN_PRINTF(6, 7);

/* Attach the offending source line and a caret width to an error. */
void unspin_error_set_source(unspin_error *err, const char *line, size_t len,
                             unsigned caret_len);

/* An invariant broke: print where and abort.  Never for input errors. */
UNSPIN_NORETURN void unspin_bug(const char *file, int line, const char *fmt,
                                ...) UNSPIN_PRINTF(3, 4);
#define UNSPIN_BUG(...) unspin_bug(__FILE__, __LINE__, __VA_ARGS__)

/* 64-bit FNV-1a; stable across runs and platforms. */
uint64_t hash_bytes(const void *p, size_t n);

/* MurmurHash3's 64-bit finaliser: spreads every input bit over the result.
 * Stable: the model file format depends on it. */
uint64_t hash_mix64(uint64_t x);

/* A fast checksum of a block (several GB/s, not cryptographic), chained
 * through seed.  Stable: the model file format depends on it. */
uint64_t hash_block(const void *data, size_t n, uint64_t seed);

/* Write all of data to fd, retrying on EINTR and short writes: 0, or -1
 * with errno set (EIO when write() makes no progress). */
int write_all(int fd, const void *data, size_t len);

/* Write a file whole or not at all: a temporary file in the same directory
 * (mode 0644, synced), then a rename.  UNSPIN_ERR_IO with the reason. */
int write_file_atomic(const char *path, const void *data, size_t n,
                      unspin_error *err);

#include "banned.h"

#endif
