/* test_strbuf.c - the strbuf invariants: never-NULL, NUL-terminated buf,
 * growth, detach as the only transfer, JSON escaping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "strbuf.h"

/* The invariants every strbuf must keep between calls. */
static void check_invariants(const struct strbuf *sb) {
  assert_non_null(sb->buf);
  assert_int_equal(sb->buf[sb->len], '\0');
  if (sb->alloc)
    assert_true(sb->len < sb->alloc);
  else
    assert_ptr_equal(sb->buf, strbuf_slopbuf);
}

static void test_init_empty(void **state) {
  struct strbuf a = STRBUF_INIT, b;
  (void)state;
  check_invariants(&a);
  assert_int_equal(a.len, 0);
  assert_string_equal(a.buf, "");
  strbuf_init(&b, 0);
  check_invariants(&b);
  assert_ptr_equal(b.buf, strbuf_slopbuf);
  assert_int_equal(b.alloc, 0);
  /* releasing a never-grown buffer is fine, twice too */
  strbuf_release(&a);
  strbuf_release(&a);
  check_invariants(&a);
  strbuf_release(&b);
}

static void test_init_hint(void **state) {
  struct strbuf sb;
  (void)state;
  strbuf_init(&sb, 1000);
  check_invariants(&sb);
  assert_true(sb.alloc >= 1001);
  assert_int_equal(sb.len, 0);
  assert_string_equal(sb.buf, "");
  strbuf_release(&sb);
  check_invariants(&sb);
  assert_ptr_equal(sb.buf, strbuf_slopbuf);
}

static void test_add_growth(void **state) {
  struct strbuf sb = STRBUF_INIT;
  char *expect = malloc(20001);
  size_t i, n = 0;
  (void)state;
  assert_non_null(expect);
  /* chunks of odd sizes, well past several KB */
  for (i = 0; n < 20000 - 64; i++) {
    char chunk[64];
    size_t k, len = 1 + i % 61;
    for (k = 0; k < len; k++)
      chunk[k] = (char)('a' + (i + k) % 26);
    strbuf_add(&sb, chunk, len);
    memcpy(expect + n, chunk, len);
    n += len;
    check_invariants(&sb);
    assert_int_equal(sb.len, n);
  }
  assert_memory_equal(sb.buf, expect, n);
  strbuf_addch(&sb, 'Z');
  strbuf_addstr(&sb, "tail");
  check_invariants(&sb);
  assert_int_equal(sb.len, n + 5);
  assert_string_equal(sb.buf + n, "Ztail");
  /* bytes after a NUL are data too */
  strbuf_add(&sb, "x\0y", 3);
  assert_int_equal(sb.len, n + 8);
  assert_memory_equal(sb.buf + n + 5, "x\0y", 3);
  check_invariants(&sb);
  free(expect);
  strbuf_release(&sb);
}

static void test_addf_growth(void **state) {
  struct strbuf sb = STRBUF_INIT;
  char expect[16];
  size_t i, off = 0;
  char *big;
  (void)state;
  /* many small formats, each may or may not need growth */
  for (i = 0; i < 2000; i++) {
    strbuf_addf(&sb, "%05zu,", i);
    check_invariants(&sb);
  }
  assert_int_equal(sb.len, 2000 * 6);
  for (i = 0; i < 2000; i++, off += 6) {
    snprintf(expect, sizeof(expect), "%05zu,", i);
    assert_memory_equal(sb.buf + off, expect, 6);
  }
  strbuf_release(&sb);

  /* one format far larger than the buffer, first into an empty buffer
   * (the slop buffer path) and then into a partly filled one */
  big = malloc(5001);
  assert_non_null(big);
  memset(big, 'q', 5000);
  big[5000] = '\0';
  strbuf_addf(&sb, "<%s>", big);
  check_invariants(&sb);
  assert_int_equal(sb.len, 5002);
  assert_int_equal(sb.buf[0], '<');
  assert_int_equal(sb.buf[5001], '>');
  assert_int_equal(strspn(sb.buf + 1, "q"), 5000);
  strbuf_addf(&sb, "%d%s%c", -42, big, '!');
  check_invariants(&sb);
  assert_int_equal(sb.len, 5002 + 3 + 5000 + 1);
  assert_memory_equal(sb.buf + 5002, "-42q", 4);
  assert_int_equal(sb.buf[sb.len - 1], '!');
  /* an empty format changes nothing but stays terminated */
  strbuf_addf(&sb, "%s", "");
  assert_int_equal(sb.len, 10006);
  check_invariants(&sb);
  free(big);
  strbuf_release(&sb);
}

static void test_detach(void **state) {
  struct strbuf sb = STRBUF_INIT;
  char *p, *old;
  size_t len = 99;
  (void)state;
  strbuf_addstr(&sb, "hello, world");
  old = sb.buf;
  p = strbuf_detach(&sb, &len);
  assert_ptr_equal(p, old);
  assert_int_equal(len, 12);
  assert_string_equal(p, "hello, world");
  /* the strbuf is back to the empty state and usable */
  check_invariants(&sb);
  assert_ptr_equal(sb.buf, strbuf_slopbuf);
  assert_int_equal(sb.len, 0);
  assert_int_equal(sb.alloc, 0);
  strbuf_addstr(&sb, "again");
  assert_string_equal(sb.buf, "again");
  assert_ptr_not_equal(sb.buf, p);
  free(p);
  strbuf_release(&sb);

  /* detaching a never-grown buffer still hands out heap memory the caller
   * can free, never the shared slop buffer */
  p = strbuf_detach(&sb, &len);
  assert_ptr_not_equal(p, strbuf_slopbuf);
  assert_int_equal(len, 0);
  assert_string_equal(p, "");
  free(p);
  check_invariants(&sb);

  /* len may be NULL */
  strbuf_addch(&sb, 'x');
  p = strbuf_detach(&sb, NULL);
  assert_string_equal(p, "x");
  free(p);
}

static void test_release_and_reset(void **state) {
  struct strbuf sb = STRBUF_INIT;
  size_t alloc;
  (void)state;
  strbuf_addstr(&sb, "some text");
  alloc = sb.alloc;
  strbuf_reset(&sb);
  check_invariants(&sb);
  assert_int_equal(sb.len, 0);
  assert_int_equal(sb.alloc, alloc); /* reset keeps the memory */
  assert_string_equal(sb.buf, "");
  strbuf_addstr(&sb, "more");
  assert_string_equal(sb.buf, "more");
  strbuf_release(&sb);
  check_invariants(&sb);
  assert_ptr_equal(sb.buf, strbuf_slopbuf);
  assert_int_equal(sb.len, 0);
  assert_int_equal(sb.alloc, 0);
  assert_int_equal(strbuf_slopbuf[0], '\0');
  /* reset of an empty buffer must not write into the slop buffer */
  strbuf_reset(&sb);
  check_invariants(&sb);
  strbuf_release(&sb);
}

static void test_grow(void **state) {
  struct strbuf sb = STRBUF_INIT;
  char *before;
  (void)state;
  strbuf_addstr(&sb, "abc");
  strbuf_grow(&sb, 4096);
  check_invariants(&sb);
  assert_true(sb.alloc >= 3 + 4096 + 1);
  assert_string_equal(sb.buf, "abc");
  /* growth reserved means no reallocation for that much */
  before = sb.buf;
  {
    size_t i;
    for (i = 0; i < 4096; i++)
      strbuf_addch(&sb, 'x');
  }
  assert_ptr_equal(sb.buf, before);
  assert_int_equal(sb.len, 4099);
  strbuf_release(&sb);
}

/* JSON of s[0..n) as a fresh string (caller frees). */
static char *json(const char *s, size_t n) {
  struct strbuf sb = STRBUF_INIT;
  strbuf_add_json(&sb, s, n);
  check_invariants(&sb);
  return strbuf_detach(&sb, NULL);
}

static void test_add_json(void **state) {
  char *j;
  (void)state;
  j = json("plain text", 10);
  assert_string_equal(j, "plain text");
  free(j);
  j = json("say \"hi\"", 8);
  assert_string_equal(j, "say \\\"hi\\\"");
  free(j);
  j = json("a\\b", 3);
  assert_string_equal(j, "a\\\\b");
  free(j);
  j = json("l1\nl2\r\n\tx", 9);
  assert_string_equal(j, "l1\\nl2\\r\\n\\tx");
  free(j);
  /* other control characters as \u00XX, the NUL included */
  j = json("\x01\x1f\b\f", 4);
  assert_string_equal(j, "\\u0001\\u001f\\u0008\\u000c");
  free(j);
  j = json("a\0b", 3);
  assert_string_equal(j, "a\\u0000b");
  free(j);
  /* UTF-8 (2-, 3- and 4-byte) and DEL pass through untouched */
  {
    static const char utf8[] = "caf\xc3\xa9 \xe2\x80\x99 \xf0\x9f\x98\x80 \x7f";
    j = json(utf8, sizeof(utf8) - 1);
  }
  assert_string_equal(j, "caf\xc3\xa9 \xe2\x80\x99 \xf0\x9f\x98\x80 \x7f");
  free(j);
  /* only len bytes are read */
  j = json("abc\"def", 3);
  assert_string_equal(j, "abc");
  free(j);
  j = json("", 0);
  assert_string_equal(j, "");
  free(j);
}

static void test_add_json_appends(void **state) {
  struct strbuf sb = STRBUF_INIT;
  size_t i;
  (void)state;
  strbuf_addch(&sb, '"');
  /* long enough to force growth inside the escaper */
  for (i = 0; i < 1000; i++)
    strbuf_add_json(&sb, "\"\x02", 2);
  strbuf_addch(&sb, '"');
  check_invariants(&sb);
  assert_int_equal(sb.len, 2 + 1000 * (2 + 6));
  assert_memory_equal(sb.buf, "\"\\\"\\u0002\\\"", 11);
  strbuf_release(&sb);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_init_empty),
      cmocka_unit_test(test_init_hint),
      cmocka_unit_test(test_add_growth),
      cmocka_unit_test(test_addf_growth),
      cmocka_unit_test(test_detach),
      cmocka_unit_test(test_release_and_reset),
      cmocka_unit_test(test_grow),
      cmocka_unit_test(test_add_json),
      cmocka_unit_test(test_add_json_appends),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
