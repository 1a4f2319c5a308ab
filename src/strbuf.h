/*
 * strbuf.h - a growable byte buffer, after git's.
 *
 * Invariants: buf is never NULL and always NUL-terminated (it points at a
 * static empty string until the first growth); len excludes the NUL.
 * strbuf_detach() is the only way to take the memory out.
 */
#ifndef UNSPIN_STRBUF_H
#define UNSPIN_STRBUF_H

#include <stddef.h>

#include "util.h"

struct strbuf {
  size_t alloc;
  size_t len;
  char *buf;
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT {0, 0, strbuf_slopbuf}

void strbuf_init(struct strbuf *sb, size_t hint);
void strbuf_release(struct strbuf *sb);
/* Hand the buffer to the caller (who free()s it); sb is reset. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_reset(struct strbuf *sb);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) UNSPIN_PRINTF(2, 3);
/* Append s as the inside of a JSON string (no surrounding quotes). */
void strbuf_add_json(struct strbuf *sb, const char *s, size_t len);

#endif
