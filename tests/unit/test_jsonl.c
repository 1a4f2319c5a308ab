/* test_jsonl.c - the --jsonl record reader: ids kept raw, text decoded
 * (escapes, surrogate pairs), other members skipped, and every error with
 * its column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "jsonl.h"

static int parse(const char *line, struct jsonl_record *rec,
                 unspin_error *err) {
  memset(err, 0, sizeof(*err));
  return jsonl_parse(line, strlen(line), rec, err);
}

static void test_plain(void **state) {
  struct jsonl_record rec = JSONL_RECORD_INIT;
  unspin_error err;
  (void)state;
  assert_int_equal(parse("{\"id\": \"a-1\", \"text\": \"Police stated.\"}",
                         &rec, &err), 0);
  assert_string_equal(rec.id.buf, "\"a-1\"");
  assert_string_equal(rec.text.buf, "Police stated.");
  /* any order, whitespace, a trailing CR, members we do not use */
  assert_int_equal(parse(" { \"meta\" : {\"a\": [1, -2.5e+3, true, null]},"
                         "\"text\":\"x\" , \"id\" : [1, {\"k\": \"v\"}] }\r",
                         &rec, &err), 0);
  assert_string_equal(rec.id.buf, "[1, {\"k\": \"v\"}]");
  assert_string_equal(rec.text.buf, "x");
  /* line breaks between an id's tokens become spaces: the output is one
   * line */
  assert_int_equal(parse("{\"id\": [1,\r\n2], \"text\": \"x\"}", &rec, &err),
                   0);
  assert_string_equal(rec.id.buf, "[1,  2]");
  /* no id: null */
  assert_int_equal(parse("{\"text\": \"\"}", &rec, &err), 0);
  assert_string_equal(rec.id.buf, "null");
  assert_int_equal(rec.text.len, 0);
  jsonl_record_release(&rec);
}

static void test_escapes(void **state) {
  struct jsonl_record rec = JSONL_RECORD_INIT;
  unspin_error err;
  (void)state;
  assert_int_equal(parse("{\"text\": \"a\\\"b\\\\c\\/d\\n\\r\\t\\b\\f"
                         "\\u00e9\\u201c\\ud83d\\ude00\"}", &rec, &err), 0);
  assert_string_equal(rec.text.buf, "a\"b\\c/d\n\r\t\b\f\xC3\xA9"
                                    "\xE2\x80\x9C\xF0\x9F\x98\x80");
  /* \u0000 decodes to a NUL byte, which the checker then refuses */
  assert_int_equal(parse("{\"text\": \"a\\u0000b\"}", &rec, &err), 0);
  assert_int_equal(rec.text.len, 3);
  assert_int_equal(rec.text.buf[1], '\0');
  jsonl_record_release(&rec);
}

struct bad_case {
  const char *line;
  unsigned col;
  const char *msg;
};

static void test_errors(void **state) {
  static const struct bad_case cases[] = {
      {"", 1, "expected a JSON object ({\"id\": ..., \"text\": ...})"},
      {"[1]", 1, "expected a JSON object ({\"id\": ..., \"text\": ...})"},
      {"{\"id\": 1}", 1, "no \"text\" member"},
      {"{\"text\": 5}", 10, "\"text\" must be a string"},
      {"{\"text\": \"a\"", 13, "expected ',' or '}'"},
      {"{\"text\": \"a}", 13, "unterminated string"},
      {"{\"text\": \"a\"} x", 15, "text after the JSON object"},
      {"{\"text\": \"\\x\"}", 12, "bad escape in string"},
      {"{\"text\": \"\\u12g4\"}", 15, "bad hex digit in \\u escape"},
      {"{\"text\": \"\\ud800x\"}", 11, "lone surrogate in \\u escape"},
      {"{\"text\": \"\\udc00\"}", 11, "lone surrogate in \\u escape"},
      {"{\"text\": \"\xC3\xA9\xFF\"}", 12, "invalid UTF-8 in string"},
      {"{\"text\": \"tab\there\"}", 14, "control character in string"},
      {"{\"id\": 01, \"text\": \"\"}", 9, "expected ',' or '}'"},
      {"{\"id\": -, \"text\": \"\"}", 9, "bad number"},
      {"{\"id\": tru, \"text\": \"\"}", 8, "expected a JSON value"},
      {"{\"text\": \"a\", \"text\": \"b\"}", 15, "duplicate \"text\" member"},
      {"{\"id\": 1, \"id\": 2, \"text\": \"\"}", 11, "duplicate \"id\" member"},
      {"{text: \"a\"}", 2, "expected a member name"},
      {"{\"text\" \"a\"}", 9, "expected ':'"},
  };
  struct jsonl_record rec = JSONL_RECORD_INIT;
  unspin_error err;
  size_t i;
  (void)state;
  for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    if (parse(cases[i].line, &rec, &err) != -1)
      fail_msg("accepted: %s", cases[i].line);
    assert_int_equal(err.code, UNSPIN_ERR_INPUT);
    if (err.col != cases[i].col || strcmp(err.msg, cases[i].msg))
      fail_msg("%s: got col %u '%s', want col %u '%s'", cases[i].line,
               err.col, err.msg, cases[i].col, cases[i].msg);
  }
  jsonl_record_release(&rec);
}

static void test_deep_nesting(void **state) {
  struct jsonl_record rec = JSONL_RECORD_INIT;
  unspin_error err;
  char line[4096];
  size_t i, n = 0;
  (void)state;
  n += (size_t)snprintf(line, sizeof(line), "{\"id\": ");
  for (i = 0; i < 1000; i++)
    line[n++] = '[';
  line[n] = '\0';
  assert_int_equal(parse(line, &rec, &err), -1);
  assert_string_equal(err.msg, "nested too deeply");
  jsonl_record_release(&rec);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_plain),
      cmocka_unit_test(test_escapes),
      cmocka_unit_test(test_errors),
      cmocka_unit_test(test_deep_nesting),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
