/* test_text.c - UTF-8 validation (every kind of bad input, with the exact
 * offset) and the line map's 1-based line / code-point column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"

/* A string literal with its exact length, NULs included. */
#define S(lit) lit, sizeof(lit) - 1

static void expect_valid(const char *s, size_t n) {
  size_t bad = 12345;
  assert_int_equal(text_validate(s, n, &bad), 0);
}

static void expect_bad(const char *s, size_t n, int code, size_t at) {
  size_t bad = 12345;
  assert_int_equal(text_validate(s, n, &bad), code);
  assert_int_equal(bad, at);
}

static void test_valid(void **state) {
  (void)state;
  expect_valid(S(""));
  expect_valid(S("plain ASCII, with punctuation!\r\n\ttab"));
  expect_valid(S("caf\xc3\xa9"));                   /* 2-byte */
  expect_valid(S("\xe2\x80\x99 \xe6\x97\xa5"));     /* 3-byte */
  expect_valid(S("smile \xf0\x9f\x98\x80 done"));  /* 4-byte emoji */
  expect_valid(S("\xef\xbb\xbf" "BOM first"));
  /* the edges of each range */
  expect_valid(S("\xc2\x80"));         /* U+0080 */
  expect_valid(S("\xdf\xbf"));         /* U+07FF */
  expect_valid(S("\xe0\xa0\x80"));     /* U+0800 */
  expect_valid(S("\xed\x9f\xbf"));     /* U+D7FF, last before surrogates */
  expect_valid(S("\xee\x80\x80"));     /* U+E000, first after them */
  expect_valid(S("\xef\xbf\xbf"));     /* U+FFFF */
  expect_valid(S("\xf0\x90\x80\x80")); /* U+10000 */
  expect_valid(S("\xf4\x8f\xbf\xbf")); /* U+10FFFF */
  expect_valid(S("\x7f"));
}

static void test_stray_continuation(void **state) {
  (void)state;
  expect_bad(S("\x80"), 1, 0);
  expect_bad(S("ab\x80" "cd"), 1, 2);
  expect_bad(S("ab\xbf"), 1, 2);
  /* one continuation byte too many after a good sequence */
  expect_bad(S("x\xc3\xa9\xa9"), 1, 3);
}

static void test_overlong(void **state) {
  (void)state;
  expect_bad(S("ab\xc0\xaf"), 1, 2);     /* '/' in two bytes */
  expect_bad(S("\xc1\xbf"), 1, 0);
  expect_bad(S("abc\xe0\x80\xaf"), 1, 3); /* '/' in three bytes */
  expect_bad(S("\xe0\x9f\xbf"), 1, 0);    /* U+07FF in three bytes */
  expect_bad(S("\xf0\x80\x80\xaf"), 1, 0);
  expect_bad(S("z\xf0\x8f\xbf\xbf"), 1, 1); /* U+FFFF in four bytes */
}

static void test_surrogate(void **state) {
  (void)state;
  expect_bad(S("a\xed\xa0\x80"), 1, 1); /* U+D800 */
  expect_bad(S("\xed\xbf\xbf"), 1, 0);  /* U+DFFF */
}

static void test_too_large(void **state) {
  (void)state;
  expect_bad(S("ok \xf4\x90\x80\x80"), 1, 3); /* U+110000 */
  expect_bad(S("\xf4\xbf\xbf\xbf"), 1, 0);
}

static void test_bad_lead_bytes(void **state) {
  unsigned c;
  (void)state;
  for (c = 0xF5; c <= 0xFF; c++) {
    char s[6] = {'a', 'b', (char)c, (char)0x80, (char)0x80, (char)0x80};
    expect_bad(s, sizeof(s), 1, 2);
  }
}

static void test_truncated(void **state) {
  (void)state;
  /* cut short by the end of the input */
  expect_bad(S("ab\xc3"), 1, 2);
  expect_bad(S("ab\xe2\x80"), 1, 2);
  expect_bad(S("ab\xf0\x9f\x98"), 1, 2);
  expect_bad(S("\xf0"), 1, 0);
  /* the length decides, not a NUL after it */
  expect_bad("caf\xc3\xa9", 4, 1, 3);
  expect_valid("caf\xc3\xa9", 5);
  /* cut short by an ASCII byte in the middle */
  expect_bad(S("\xe2\x80" "a rest"), 1, 0);
  expect_bad(S("x\xc3 y"), 1, 1);
}

static void test_nul(void **state) {
  (void)state;
  expect_bad(S("\0"), 2, 0);
  expect_bad(S("abc\0def"), 2, 3);
  expect_bad(S("caf\xc3\xa9\0"), 2, 5);
  /* the first offending byte wins, whichever kind */
  expect_bad(S("a\0\x80"), 2, 1);
  expect_bad(S("a\x80\0"), 1, 1);
  /* a NUL cannot stand in for a continuation byte */
  expect_bad(S("\xc3\0"), 1, 0);
}

struct pos {
  size_t off;
  unsigned line, col;
};

static void check_positions(const char *buf, size_t len, const struct pos *p,
                            size_t n) {
  struct linemap lm;
  size_t i;
  linemap_init(&lm, buf, len);
  for (i = 0; i < n; i++) {
    unsigned line = 0, col = 0;
    linemap_position(&lm, buf, p[i].off, &line, &col);
    if (line != p[i].line || col != p[i].col)
      fail_msg("offset %zu: got %u:%u, expected %u:%u", p[i].off, line, col,
               p[i].line, p[i].col);
  }
  linemap_release(&lm);
  assert_null(lm.starts);
}

static void test_linemap_ascii(void **state) {
  static const char text[] = "first line\nsecond\n\nfourth";
  static const struct pos p[] = {
      {0, 1, 1},  {5, 1, 6},  {10, 1, 11}, /* the '\n' itself */
      {11, 2, 1}, {17, 2, 7}, {18, 3, 1},  /* the empty line */
      {19, 4, 1}, {24, 4, 6},
      {25, 4, 7}, /* the end of the input */
  };
  (void)state;
  check_positions(text, sizeof(text) - 1, p, sizeof(p) / sizeof(p[0]));
}

static void test_linemap_code_points(void **state) {
  /* "héllo wörld\n日本 x😀y": é, ö are 2 bytes, 日 本 3, 😀 4 */
  static const char text[] = "h\xc3\xa9llo w\xc3\xb6rld\n"
                             "\xe6\x97\xa5\xe6\x9c\xac x\xf0\x9f\x98\x80y";
  static const struct pos p[] = {
      {1, 1, 2},   /* é */
      {3, 1, 3},   /* the first l: é counts once */
      {7, 1, 7},   /* w */
      {8, 1, 8},   /* ö */
      {10, 1, 9},  /* r */
      {14, 2, 1},  /* 日 */
      {17, 2, 2},  /* 本 */
      {21, 2, 4},  /* x */
      {22, 2, 5},  /* 😀 */
      {26, 2, 6},  /* y */
      {27, 2, 7},  /* the end */
  };
  (void)state;
  check_positions(text, sizeof(text) - 1, p, sizeof(p) / sizeof(p[0]));
}

static void test_linemap_crlf(void **state) {
  static const char text[] = "ab\r\ncd\r\n\r\nef";
  static const struct pos p[] = {
      {0, 1, 1}, {2, 1, 3}, /* '\r' belongs to line 1 */
      {3, 1, 4}, {4, 2, 1}, {5, 2, 2}, {8, 3, 1},
      {10, 4, 1}, {11, 4, 2}, {12, 4, 3},
  };
  (void)state;
  check_positions(text, sizeof(text) - 1, p, sizeof(p) / sizeof(p[0]));
}

static void test_linemap_bom(void **state) {
  /* A BOM is invisible in editors: the first character is column 1. */
  static const char text[] = "\xef\xbb\xbf" "ab\ncd";
  static const struct pos p[] = {
      {0, 1, 1}, {3, 1, 1}, {4, 1, 2}, {6, 2, 1}, {7, 2, 2},
  };
  (void)state;
  check_positions(text, sizeof(text) - 1, p, sizeof(p) / sizeof(p[0]));
}

static void test_linemap_many_lines(void **state) {
  /* 5000 lines, so the binary search gets exercised */
  char buf[5000 * 4];
  size_t i, n = 0;
  struct linemap lm;
  (void)state;
  for (i = 0; i < 5000; i++) {
    buf[n++] = (char)('a' + i % 26);
    buf[n++] = (char)('a' + i % 26);
    buf[n++] = '\n';
  }
  linemap_init(&lm, buf, n);
  assert_int_equal(lm.nlines, 5000);
  for (i = 0; i < 5000; i += 7) {
    unsigned line, col;
    linemap_position(&lm, buf, i * 3 + 1, &line, &col);
    assert_int_equal(line, i + 1);
    assert_int_equal(col, 2);
  }
  linemap_release(&lm);
}

static void test_linemap_empty(void **state) {
  struct linemap lm;
  unsigned line, col;
  (void)state;
  linemap_init(&lm, "", 0);
  linemap_position(&lm, "", 0, &line, &col);
  assert_int_equal(line, 1);
  assert_int_equal(col, 1);
  linemap_release(&lm);
}

static void test_utf8_codec(void **state) {
  static const unsigned cps[] = {0x41, 0x7F, 0x80, 0xE9, 0x7FF, 0x800,
                                 0x2019, 0xFFFD, 0xFFFF, 0x10000, 0x1F600,
                                 0x10FFFF};
  size_t i;
  (void)state;
  for (i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
    char out[4];
    unsigned cp = 0;
    size_t n = utf8_encode(cps[i], out), bad;
    assert_int_equal(n, cps[i] < 0x80      ? 1
                        : cps[i] < 0x800   ? 2
                        : cps[i] < 0x10000 ? 3
                                           : 4);
    assert_int_equal(text_validate(out, n, &bad), 0);
    assert_int_equal(utf8_decode(out, n, &cp), n);
    assert_int_equal(cp, cps[i]);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_valid),
      cmocka_unit_test(test_stray_continuation),
      cmocka_unit_test(test_overlong),
      cmocka_unit_test(test_surrogate),
      cmocka_unit_test(test_too_large),
      cmocka_unit_test(test_bad_lead_bytes),
      cmocka_unit_test(test_truncated),
      cmocka_unit_test(test_nul),
      cmocka_unit_test(test_linemap_ascii),
      cmocka_unit_test(test_linemap_code_points),
      cmocka_unit_test(test_linemap_crlf),
      cmocka_unit_test(test_linemap_bom),
      cmocka_unit_test(test_linemap_many_lines),
      cmocka_unit_test(test_linemap_empty),
      cmocka_unit_test(test_utf8_codec),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
