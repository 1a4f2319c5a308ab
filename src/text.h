/*
 * text.h - UTF-8 validation and the line map.
 *
 * Positions are byte offsets; text_position() turns one into a 1-based line
 * and a 1-based column counted in code points, for messages and output.
 */
#ifndef UNSPIN_TEXT_H
#define UNSPIN_TEXT_H

#include <stddef.h>

/*
 * Check that buf[0..len) is well-formed UTF-8 (no overlong forms, no
 * surrogates, nothing above U+10FFFF, nothing cut short at the end) and
 * contains no NUL byte.  Returns 0 when it is; otherwise 1 for bad UTF-8 or
 * 2 for a NUL byte, with the offset of the first offending byte in *bad.
 */
int text_validate(const char *buf, size_t len, size_t *bad);

struct linemap {
  size_t *starts; /* byte offset of each line's first byte */
  size_t nlines;
  /* code points before byte k << LINEMAP_CHUNK_SHIFT, for k = 0..len >>
   * LINEMAP_CHUNK_SHIFT: a column costs at most two chunks of counting,
   * however long the line */
  size_t *cps;
};
#define LINEMAP_CHUNK_SHIFT 8 /* 3% of the text in checkpoints */

/* Build the map of buf (owned by the caller); release with linemap_release. */
void linemap_init(struct linemap *lm, const char *buf, size_t len);
void linemap_release(struct linemap *lm);
/* Line and code-point column (both 1-based) of byte offset off. */
void linemap_position(const struct linemap *lm, const char *buf, size_t off,
                      unsigned *line, unsigned *col);

/*
 * The line of buf[0..len) that holds byte off: *ls and *le bound it (a
 * final \r\n or \n excluded) and *lineno is its 1-based number.  For
 * reporting a bad byte in a data file.
 */
void text_line_around(const char *buf, size_t len, size_t off,
                      const char **ls, const char **le, unsigned *lineno);

/* Code points in s[0..n): columns and carets count characters, not bytes. */
size_t utf8_count(const char *s, size_t n);

/* Decode one code point at s[0..n); returns its length (>= 1). */
size_t utf8_decode(const char *s, size_t n, unsigned *cp);
/* Encode cp into out (4 bytes at least); returns the length. */
size_t utf8_encode(unsigned cp, char *out);

#endif
