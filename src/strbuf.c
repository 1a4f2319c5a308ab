/* strbuf.c - see strbuf.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

char strbuf_slopbuf[1];

void strbuf_init(struct strbuf *sb, size_t hint) {
  sb->alloc = sb->len = 0;
  sb->buf = strbuf_slopbuf;
  if (hint)
    strbuf_grow(sb, hint);
}

void strbuf_release(struct strbuf *sb) {
  if (sb->alloc)
    free(sb->buf);
  strbuf_init(sb, 0);
}

char *strbuf_detach(struct strbuf *sb, size_t *len) {
  char *p;
  strbuf_grow(sb, 0);
  p = sb->buf;
  if (len)
    *len = sb->len;
  strbuf_init(sb, 0);
  return p;
}

void strbuf_grow(struct strbuf *sb, size_t extra) {
  size_t need = sb->len + extra + 1;
  if (need < sb->len)
    UNSPIN_BUG("strbuf size overflow");
  if (need <= sb->alloc)
    return;
  if (!sb->alloc)
    sb->buf = NULL;
  if (need < 2 * sb->alloc)
    need = 2 * sb->alloc;
  if (need < 32)
    need = 32;
  sb->buf = xrealloc(sb->buf, need);
  sb->alloc = need;
  sb->buf[sb->len] = '\0';
}

void strbuf_reset(struct strbuf *sb) {
  if (sb->alloc) {
    sb->len = 0;
    sb->buf[0] = '\0';
  }
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len) {
  strbuf_grow(sb, len);
  if (len)
    memcpy(sb->buf + sb->len, data, len);
  sb->len += len;
  sb->buf[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *s) {
  strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, int c) {
  strbuf_grow(sb, 1);
  sb->buf[sb->len++] = (char)c;
  sb->buf[sb->len] = '\0';
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...) {
  va_list ap;
  int n;
  va_start(ap, fmt);
  n = vsnprintf(sb->buf + sb->len, sb->alloc ? sb->alloc - sb->len : 0, fmt,
                ap);
  va_end(ap);
  if (n < 0)
    UNSPIN_BUG("vsnprintf failed");
  if (!sb->alloc || (size_t)n >= sb->alloc - sb->len) {
    strbuf_grow(sb, (size_t)n);
    va_start(ap, fmt);
    n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
    va_end(ap);
  }
  sb->len += (size_t)n;
}

void strbuf_add_json(struct strbuf *sb, const char *s, size_t len) {
  size_t i;
  for (i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    switch (c) {
    case '"':
      strbuf_add(sb, "\\\"", 2);
      break;
    case '\\':
      strbuf_add(sb, "\\\\", 2);
      break;
    case '\n':
      strbuf_add(sb, "\\n", 2);
      break;
    case '\r':
      strbuf_add(sb, "\\r", 2);
      break;
    case '\t':
      strbuf_add(sb, "\\t", 2);
      break;
    default:
      if (c < 0x20)
        strbuf_addf(sb, "\\u%04x", c);
      else
        strbuf_addch(sb, c);
    }
  }
}
