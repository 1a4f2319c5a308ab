/* text.c - see text.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "strbuf.h"
#include "text.h"
#include "util.h"

/*
 * Table-free validator after the Unicode standard's table 3-7 of well-formed
 * byte sequences, so every kind of bad input (stray continuation, overlong,
 * surrogate, too large, truncated) stops at its first byte.
 */
int text_validate(const char *buf, size_t len, size_t *bad) {
  const unsigned char *s = (const unsigned char *)buf;
  size_t i = 0;
  while (i < len) {
    unsigned c;
    size_t n, k;
    unsigned lo = 0x80, hi = 0xBF;
    /* eight ASCII bytes, none of them NUL, at a time: most text is */
    while (len - i >= 8) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      if ((w & 0x8080808080808080ULL) ||
          ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL))
        break;
      i += 8;
    }
    if (i >= len)
      break;
    c = s[i];
    if (c < 0x80) {
      if (c == 0) {
        *bad = i;
        return 2;
      }
      i++;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF)
      n = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      if (c == 0xE0)
        lo = 0xA0;
      else if (c == 0xED)
        hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      if (c == 0xF0)
        lo = 0x90;
      else if (c == 0xF4)
        hi = 0x8F;
    } else {
      *bad = i;
      return 1;
    }
    for (k = 1; k <= n; k++) {
      unsigned d;
      if (i + k >= len) {
        *bad = i;
        return 1;
      }
      d = s[i + k];
      if (k == 1 ? (d < lo || d > hi) : (d < 0x80 || d > 0xBF)) {
        *bad = i;
        return 1;
      }
    }
    i += n + 1;
  }
  return 0;
}

void linemap_init(struct linemap *lm, const char *buf, size_t len) {
  size_t alloc = 0, i, cp = 0;
  lm->starts = NULL;
  lm->nlines = 0;
  lm->cps = xmalloc(((len >> LINEMAP_CHUNK_SHIFT) + 1) * sizeof(*lm->cps));
  ALLOC_GROW(lm->starts, 1, alloc);
  lm->starts[lm->nlines++] = 0;
  for (i = 0; i < len; i++) {
    if (!(i & ((1u << LINEMAP_CHUNK_SHIFT) - 1)))
      lm->cps[i >> LINEMAP_CHUNK_SHIFT] = cp;
    cp += ((unsigned char)buf[i] & 0xC0) != 0x80;
    if (buf[i] == '\n' && i + 1 < len) {
      ALLOC_GROW(lm->starts, lm->nlines + 1, alloc);
      lm->starts[lm->nlines++] = i + 1;
    }
  }
  if (!(len & ((1u << LINEMAP_CHUNK_SHIFT) - 1)))
    lm->cps[len >> LINEMAP_CHUNK_SHIFT] = cp;
}

void linemap_release(struct linemap *lm) {
  free(lm->starts);
  free(lm->cps);
  lm->starts = NULL;
  lm->cps = NULL;
  lm->nlines = 0;
}

/* Code points in buf[0..off): a checkpoint plus the rest of its chunk. */
static size_t code_points_before(const struct linemap *lm, const char *buf,
                                 size_t off) {
  size_t chunk = off >> LINEMAP_CHUNK_SHIFT,
         from = chunk << LINEMAP_CHUNK_SHIFT;
  return lm->cps[chunk] + utf8_count(buf + from, off - from);
}

void linemap_position(const struct linemap *lm, const char *buf, size_t off,
                      unsigned *line, unsigned *col) {
  size_t lo = 0, hi = lm->nlines, c;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (lm->starts[mid] <= off)
      lo = mid;
    else
      hi = mid;
  }
  c = 1 + code_points_before(lm, buf, off) -
      code_points_before(lm, buf, lm->starts[lo]);
  /* A BOM is no character an editor shows: column 1 follows it. */
  if (lo == 0 && off >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
    c--;
  *line = (unsigned)(lo + 1);
  *col = (unsigned)c;
}

size_t utf8_count(const char *s, size_t n) {
  size_t c = 0, i;
  for (i = 0; i < n; i++)
    c += ((unsigned char)s[i] & 0xC0) != 0x80;
  return c;
}

size_t utf8_decode(const char *str, size_t n, unsigned *cp) {
  const unsigned char *s = (const unsigned char *)str;
  unsigned c = s[0];
  size_t len, i;
  if (c < 0x80 || n < 2) {
    *cp = c;
    return 1;
  }
  len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (len == 1 || len > n) {
    *cp = 0xFFFD;
    return 1;
  }
  c &= 0xFF >> (len + 1);
  for (i = 1; i < len; i++)
    c = (c << 6) | (s[i] & 0x3F);
  *cp = c;
  return len;
}

size_t utf8_encode(unsigned cp, char *out) {
  unsigned char *o = (unsigned char *)out;
  if (cp < 0x80) {
    o[0] = (unsigned char)cp;
    return 1;
  }
  if (cp < 0x800) {
    o[0] = (unsigned char)(0xC0 | (cp >> 6));
    o[1] = (unsigned char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (unsigned char)(0xE0 | (cp >> 12));
    o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (unsigned char)(0xF0 | (cp >> 18));
  o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (unsigned char)(0x80 | (cp & 0x3F));
  return 4;
}

void text_line_around(const char *buf, size_t len, size_t off,
                      const char **ls, const char **le, unsigned *lineno) {
  const char *at = buf + off, *q;
  *ls = at;
  while (*ls > buf && (*ls)[-1] != '\n')
    (*ls)--;
  *le = memchr(at, '\n', len - off);
  if (!*le)
    *le = buf + len;
  if (*le > at && (*le)[-1] == '\r')
    (*le)--;
  *lineno = 1;
  for (q = buf; q < *ls; q++)
    *lineno += *q == '\n';
}

char *unspin_read_file(const char *path, size_t *len, unspin_error *err) {
  int is_stdin = !strcmp(path, "-");
  FILE *f = is_stdin ? stdin : fopen(path, "rb");
  struct strbuf sb = STRBUF_INIT;
  struct stat st;
  char buf[65536];
  size_t n;
  int have_st, nul = 0; /* nul: a NUL byte was read, the rest is not */
  if (!f) {
    unspin_error_set(err, UNSPIN_ERR_IO, path, 0, 0, "cannot open '%s': %s",
                     path, strerror(errno));
    return NULL;
  }
  have_st = fstat(fileno(f), &st) == 0;
  if (have_st && S_ISDIR(st.st_mode)) {
    fclose(f);
    unspin_error_set(err, UNSPIN_ERR_IO, path, 0, 0,
                     "cannot read '%s': Is a directory", path);
    return NULL;
  }
  /* A regular file's size is known: one buffer of that size, read into
   * directly, instead of a buffer doubled up to 1.6 times the file (and
   * every byte copied once more on the way), which for a long input was
   * the largest block of the program's peak memory.  The loop below still
   * reads whatever follows (the file may have grown) and stops at a NUL. */
  if (!is_stdin && have_st && S_ISREG(st.st_mode) &&
      st.st_size > 0 && (uintmax_t)st.st_size < SIZE_MAX / 2) {
    size_t want = (size_t)st.st_size, got = 0;
    strbuf_grow(&sb, want);
    while (!nul && got < want &&
           (n = fread(sb.buf + got, 1, want - got, f)) > 0) {
      nul = memchr(sb.buf + got, '\0', n) != NULL;
      got += n;
    }
    sb.len = got;
    sb.buf[got] = '\0';
  }
  /* binary: the check reports the first bad byte, which is in what we
   * have; reading on could take forever (/dev/zero) */
  while (!nul && (n = fread(buf, 1, sizeof(buf), f)) > 0) {
    strbuf_add(&sb, buf, n);
    nul = memchr(buf, '\0', n) != NULL;
  }
  if (ferror(f)) {
    unspin_error_set(err, UNSPIN_ERR_IO, path, 0, 0, "cannot read '%s': %s",
                     path, strerror(errno));
    if (!is_stdin)
      fclose(f);
    strbuf_release(&sb);
    return NULL;
  }
  if (!is_stdin)
    fclose(f);
  return strbuf_detach(&sb, len);
}
