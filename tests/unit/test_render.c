/* test_render.c - through the public API with a real context built from a
 * tiny table and rule file in a temp dir (no model, no hunspell): the
 * corrected text, replacement case, and the diff, json and lines output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "strbuf.h"
#include "unspin.h"

#include "ctx_fixture.h"

static const char table[] =
    "# test table\n"
    "course of\tprocess\t0.9\t-\ttelltale\ttest\n"
    "push again\tpush back\t0.9\t-\ttelltale\ttest\n"
    "won't manage\tcan't\t0.8\t-\ttelltale\ttest\n"
    "utilize\tuse\t0.3\t-\tctx\ttest\n";

static const char rules[] =
    "rule EN-TEST-PLACE\n"
    "  message 'the place' before a pronoun is a spun 'where'\n"
    "  pattern , [ the place ] he|she\n"
    "  replace where\n"
    "  confidence 0.85\n"
    "  fires It is the town, the place he lived. => It is the town, where "
    "he lived.\n"
    "  quiet The place he lived.\n";

static int setup(void **state) {
  return ctx_fixture_setup(state, table, rules);
}

static int teardown(void **state) { return ctx_fixture_teardown(state); }

static unspin_doc *check_n(void **state, const char *text, size_t len) {
  struct ctx_fixture *fx = *state;
  unspin_error err;
  unspin_doc *doc;
  memset(&err, 0, sizeof(err));
  doc = unspin_check(fx->ctx, text, len, NULL, &err);
  if (!doc)
    fail_msg("unspin_check: %s", err.msg);
  return doc;
}
#define check(state, text) check_n(state, text, strlen(text))

/* The corrected text of text must be expect. */
static void expect_apply(void **state, const char *text, const char *expect) {
  unspin_doc *doc = check(state, text);
  size_t len = 0;
  char *out = unspin_doc_apply(doc, &len);
  if (len != strlen(expect) || memcmp(out, expect, len))
    fail_msg("apply:\n[%s]\ngave\n[%.*s]\nexpected\n[%s]", text, (int)len,
             out, expect);
  free(out);
  unspin_doc_free(doc);
}

/* unspin_render output for text, as a fresh string (caller frees). */
static char *render(void **state, const char *text, enum unspin_format fmt,
                    const char *path) {
  unspin_doc *doc = check(state, text);
  size_t len = 0;
  char *out = unspin_render(doc, fmt, path, &len);
  assert_non_null(out);
  assert_int_equal(strlen(out), len);
  unspin_doc_free(doc);
  return out;
}

static void expect_render(void **state, const char *text,
                          enum unspin_format fmt, const char *path,
                          const char *expect) {
  char *out = render(state, text, fmt, path);
  if (strcmp(out, expect))
    fail_msg("render of:\n[%s]\ngave\n[%s]\nexpected\n[%s]", text, out,
             expect);
  free(out);
}

/* --- the corrected text ------------------------------------------------ */

static void test_findings(void **state) {
  static const char text[] = "Caf\xc3\xa9 news.\nThe course of was done.";
  unspin_doc *doc = check(state, text);
  const unspin_finding *f;
  size_t len;
  (void)state;
  assert_int_equal(unspin_doc_count(doc), 1);
  assert_int_equal(unspin_doc_count_applied(doc), 1);
  assert_null(unspin_doc_get(doc, 1));
  f = unspin_doc_get(doc, 0);
  assert_int_equal(f->start, 16);
  assert_int_equal(f->end, 25);
  assert_int_equal(f->line, 2);
  assert_int_equal(f->col, 5);
  assert_string_equal(f->spun, "course of");
  assert_string_equal(f->replacement, "process");
  assert_string_equal(f->rule_id, "EN-SPIN-TELLTALE");
  assert_string_equal(f->source, "test");
  assert_non_null(f->message);
  assert_float_equal(f->confidence, 0.9, 1e-6);
  assert_float_equal(f->channel, 0.9, 1e-6);
  /* the doc keeps its own copy of the text */
  assert_string_equal(unspin_doc_text(doc, &len), text);
  assert_int_equal(len, sizeof(text) - 1);
  assert_ptr_not_equal(unspin_doc_text(doc, NULL), text);
  assert_int_equal(unspin_doc_words(doc), 7);
  unspin_doc_free(doc);
}

static void test_ctx_class_needs_model(void **state) {
  /* without a model, a ctx-class entry is never applied */
  unspin_doc *doc = check(state, "We utilize tools.");
  assert_int_equal(unspin_doc_count(doc), 0);
  unspin_doc_free(doc);
}

static void test_apply_keeps_bytes(void **state) {
  (void)state;
  expect_apply(state,
               "\xef\xbb\xbfThe course of  was  done.\r\n\r\n"
               "Tabs\there,\t\tcourse of\r\n  trailing  \r\nend",
               "\xef\xbb\xbfThe process  was  done.\r\n\r\n"
               "Tabs\there,\t\tprocess\r\n  trailing  \r\nend");
  /* spacing inside a span goes with the span; around it stays */
  expect_apply(state, "a  course   of  b", "a  process  b");
  expect_apply(state, "nothing to change\n", "nothing to change\n");
  expect_apply(state, "", "");
  /* the rule, with its context left alone */
  expect_apply(state, "It is the town, the place he lived.",
               "It is the town, where he lived.");
  expect_apply(state, "The place he lived.", "The place he lived.");
}

static void test_apply_many(void **state) {
  struct strbuf in = STRBUF_INIT, out = STRBUF_INIT;
  unspin_doc *doc;
  char *got;
  size_t i, len;
  (void)state;
  for (i = 0; i < 500; i++) {
    strbuf_addf(&in, "Line %zu: the course of, push again.\n", i);
    strbuf_addf(&out, "Line %zu: the process, push back.\n", i);
  }
  doc = check_n(state, in.buf, in.len);
  assert_int_equal(unspin_doc_count(doc), 1000);
  got = unspin_doc_apply(doc, &len);
  assert_int_equal(len, out.len);
  assert_memory_equal(got, out.buf, len);
  free(got);
  unspin_doc_free(doc);
  strbuf_release(&in);
  strbuf_release(&out);
}

static void test_case_follows_spun(void **state) {
  (void)state;
  expect_apply(state, "the course of was", "the process was");
  expect_apply(state, "Course of was", "Process was");
  expect_apply(state, "COURSE OF WAS", "PROCESS WAS");
  expect_apply(state, "The Course Of History", "The Process History");
  /* multiword originals */
  expect_apply(state, "we push again them", "we push back them");
  expect_apply(state, "Push again them", "Push back them");
  expect_apply(state, "The Push Again Campaign", "The Push Back Campaign");
  expect_apply(state, "PUSH AGAIN NOW", "PUSH BACK NOW");
  /* mixed case that is no pattern falls back to the first letter */
  expect_apply(state, "a cOURSE of b", "a process b");
}

static void test_apostrophes(void **state) {
  unspin_doc *doc;
  const unspin_finding *f;
  (void)state;
  /* a curly apostrophe in the spun text gives a curly one back */
  expect_apply(state, "I won\xe2\x80\x99t manage it.",
               "I can\xe2\x80\x99t it.");
  expect_apply(state, "I won't manage it.", "I can't it.");
  expect_apply(state, "WON\xe2\x80\x99T MANAGE", "CAN\xe2\x80\x99T");
  doc = check(state, "I won\xe2\x80\x99t manage it.");
  assert_int_equal(unspin_doc_count(doc), 1);
  f = unspin_doc_get(doc, 0);
  assert_string_equal(f->spun, "won\xe2\x80\x99t manage");
  assert_string_equal(f->replacement, "can\xe2\x80\x99t");
  assert_int_equal(f->start, 2);
  assert_int_equal(f->end, 2 + 14);
  unspin_doc_free(doc);
}

static void test_below_the_bar(void **state) {
  struct ctx_fixture *fx = *state;
  unspin_check_options opts;
  unspin_error err;
  unspin_doc *doc;
  char *out;
  size_t len;
  memset(&opts, 0, sizeof(opts));
  opts.min_confidence = 0.95;
  opts.keep_all = 1;
  doc = unspin_check(fx->ctx, "the course of was\n", 18, &opts, &err);
  assert_non_null(doc);
  assert_int_equal(unspin_doc_count(doc), 1);
  assert_int_equal(unspin_doc_count_applied(doc), 0);
  out = unspin_doc_apply(doc, &len);
  assert_string_equal(out, "the course of was\n");
  free(out);
  out = unspin_render(doc, UNSPIN_FORMAT_DIFF, "x", &len);
  assert_string_equal(out, "");
  assert_int_equal(len, 0);
  free(out);
  out = unspin_render(doc, UNSPIN_FORMAT_JSON, "x", &len);
  assert_non_null(strstr(out, "\"applied\": false"));
  free(out);
  unspin_doc_free(doc);
  /* without keep_all they are dropped */
  opts.keep_all = 0;
  doc = unspin_check(fx->ctx, "the course of was\n", 18, &opts, &err);
  assert_int_equal(unspin_doc_count(doc), 0);
  unspin_doc_free(doc);
}

static void test_bad_input(void **state) {
  struct ctx_fixture *fx = *state;
  unspin_error err;
  memset(&err, 0, sizeof(err));
  assert_null(unspin_check(fx->ctx, "ok\nab\xc3(", 6, NULL, &err));
  assert_int_equal(err.code, UNSPIN_ERR_UTF8);
  assert_int_equal(err.line, 2);
  assert_int_equal(err.col, 3);
  assert_string_equal(err.msg, "invalid UTF-8 byte 0xC3");
  assert_null(unspin_check(fx->ctx, "a\0b", 3, NULL, &err));
  assert_int_equal(err.code, UNSPIN_ERR_INPUT);
  assert_int_equal(err.col, 2);
  unspin_doc_free(NULL);
}

/* --- diff ---------------------------------------------------------------- */

/* n lines "line K" (1-based), with "the course of K" on the lines listed
 * in changed (0-terminated); last_nl: end with a newline. */
static char *lines_text(size_t n, const size_t *changed, int last_nl) {
  struct strbuf sb = STRBUF_INIT;
  size_t k, c;
  for (k = 1; k <= n; k++) {
    int hit = 0;
    for (c = 0; changed[c]; c++)
      hit |= changed[c] == k;
    strbuf_addf(&sb, hit ? "the course of %zu" : "line %zu", k);
    if (k < n || last_nl)
      strbuf_addch(&sb, '\n');
  }
  return strbuf_detach(&sb, NULL);
}

/* The "@@ ... @@" lines of a diff, joined by '|'; caller frees. */
static char *hunk_headers(const char *diff) {
  struct strbuf sb = STRBUF_INIT;
  const char *p = diff;
  while ((p = strstr(p, "\n@@ "))) {
    const char *e = strchr(p + 1, '\n');
    strbuf_add(&sb, p + 1, (size_t)(e - p - 1));
    strbuf_addch(&sb, '|');
    p = e;
  }
  return strbuf_detach(&sb, NULL);
}

static void expect_hunks(void **state, size_t n, const size_t *changed,
                         const char *expect) {
  char *text = lines_text(n, changed, 1);
  char *diff = render(state, text, UNSPIN_FORMAT_DIFF, "a.txt");
  char *h = hunk_headers(diff);
  if (strcmp(h, expect))
    fail_msg("hunks %s, expected %s; diff:\n%s", h, expect, diff);
  free(h);
  free(diff);
  free(text);
}

static void test_diff_one_hunk_exact(void **state) {
  static const size_t changed[] = {5, 0};
  char *text = lines_text(10, changed, 1);
  expect_render(state, text, UNSPIN_FORMAT_DIFF, "dir/a.txt",
                "--- a/dir/a.txt\n"
                "+++ b/dir/a.txt\n"
                "@@ -2,7 +2,7 @@\n"
                " line 2\n"
                " line 3\n"
                " line 4\n"
                "-the course of 5\n"
                "+the process 5\n"
                " line 6\n"
                " line 7\n"
                " line 8\n");
  free(text);
}

static void test_diff_hunk_grouping(void **state) {
  static const size_t ten_apart[] = {5, 15, 0}, five_apart[] = {5, 10, 0},
                      seven_apart[] = {5, 12, 0}, eight_apart[] = {5, 13, 0},
                      adjacent[] = {5, 6, 0}, first[] = {1, 0},
                      last[] = {20, 0}, three[] = {2, 9, 19, 0};
  (void)state;
  expect_hunks(state, 20, ten_apart, "@@ -2,7 +2,7 @@|@@ -12,7 +12,7 @@|");
  expect_hunks(state, 20, five_apart, "@@ -2,12 +2,12 @@|");
  /* six unchanged lines between: the contexts touch, one hunk (diff -u) */
  expect_hunks(state, 20, seven_apart, "@@ -2,14 +2,14 @@|");
  expect_hunks(state, 20, eight_apart, "@@ -2,7 +2,7 @@|@@ -10,7 +10,7 @@|");
  expect_hunks(state, 20, adjacent, "@@ -2,8 +2,8 @@|");
  /* context is cut at the edges of the file */
  expect_hunks(state, 20, first, "@@ -1,4 +1,4 @@|");
  expect_hunks(state, 20, last, "@@ -17,4 +17,4 @@|");
  expect_hunks(state, 3, first, "@@ -1,3 +1,3 @@|");
  expect_hunks(state, 20, three, "@@ -1,12 +1,12 @@|@@ -16,5 +16,5 @@|");
}

static void test_diff_adjacent_changes(void **state) {
  static const size_t changed[] = {2, 3, 0};
  char *text = lines_text(4, changed, 1);
  /* all '-' lines of a run first, then all '+' lines */
  expect_render(state, text, UNSPIN_FORMAT_DIFF, "a",
                "--- a/a\n+++ b/a\n@@ -1,4 +1,4 @@\n"
                " line 1\n"
                "-the course of 2\n"
                "-the course of 3\n"
                "+the process 2\n"
                "+the process 3\n"
                " line 4\n");
  free(text);
}

static void test_diff_no_newline(void **state) {
  (void)state;
  expect_render(state, "a\nb\nthe course of", UNSPIN_FORMAT_DIFF, "x.txt",
                "--- a/x.txt\n+++ b/x.txt\n@@ -1,3 +1,3 @@\n"
                " a\n"
                " b\n"
                "-the course of\n"
                "\\ No newline at end of file\n"
                "+the process\n"
                "\\ No newline at end of file\n");
  /* the last line unchanged, as context */
  expect_render(state, "the course of\nend", UNSPIN_FORMAT_DIFF, "x.txt",
                "--- a/x.txt\n+++ b/x.txt\n@@ -1,2 +1,2 @@\n"
                "-the course of\n"
                "+the process\n"
                " end\n"
                "\\ No newline at end of file\n");
  /* nothing to say when the last line has its newline */
  expect_render(state, "the course of\nend\n", UNSPIN_FORMAT_DIFF, "x.txt",
                "--- a/x.txt\n+++ b/x.txt\n@@ -1,2 +1,2 @@\n"
                "-the course of\n"
                "+the process\n"
                " end\n");
}

static void test_diff_crlf_and_nothing(void **state) {
  (void)state;
  /* CRLF lines keep their '\r' */
  expect_render(state, "a\r\nthe course of\r\nb\r\n", UNSPIN_FORMAT_DIFF,
                "w.txt",
                "--- a/w.txt\n+++ b/w.txt\n@@ -1,3 +1,3 @@\n"
                " a\r\n"
                "-the course of\r\n"
                "+the process\r\n"
                " b\r\n");
  /* no findings, no diff at all */
  expect_render(state, "nothing here\n", UNSPIN_FORMAT_DIFF, "w.txt", "");
  expect_render(state, "", UNSPIN_FORMAT_DIFF, "w.txt", "");
  /* control characters do not reach the header */
  expect_render(state, "the course of\n", UNSPIN_FORMAT_DIFF, "t\tab\n",
                "--- a/t?ab?\n+++ b/t?ab?\n@@ -1,1 +1,1 @@\n"
                "-the course of\n"
                "+the process\n");
}

/* --- json ---------------------------------------------------------------- */

static void test_json_offsets(void **state) {
  /* multi-byte characters before the findings: bytes != code points */
  static const char text[] = "Caf\xc3\xa9 \xe2\x80\x9cthe course of\xe2\x80"
                             "\x9d\n\xc3\x89t\xc3\xa9: push again now.\n";
  char *json = render(state, text, UNSPIN_FORMAT_JSON, "in/\"q\".txt");
  const char *p = json;
  size_t n = 0;
  static const char *const spun[] = {"course of", "push again"};
  static const unsigned lines[] = {1, 2}, cols[] = {11, 6};
  assert_non_null(strstr(json, "\"path\": \"in/\\\"q\\\".txt\""));
  while ((p = strstr(p, "\"start\": "))) {
    size_t start, end;
    unsigned line, col;
    assert_int_equal(sscanf(p,
                            "\"start\": %zu, \"end\": %zu, \"line\": %u, "
                            "\"column\": %u",
                            &start, &end, &line, &col),
                     4);
    assert_true(n < 2);
    assert_true(end <= sizeof(text) - 1);
    /* the offsets index the spun text */
    assert_int_equal(end - start, strlen(spun[n]));
    assert_memory_equal(text + start, spun[n], end - start);
    assert_int_equal(line, lines[n]);
    assert_int_equal(col, cols[n]);
    n++;
    p++;
  }
  assert_int_equal(n, 2);
  assert_non_null(strstr(json, "\"spun\": \"course of\", \"replacement\": "
                               "\"process\", \"rule\": \"EN-SPIN-TELLTALE\", "
                               "\"source\": \"test\", \"pack\": \"news\", "
                               "\"confidence\": 0.9000, \"posterior\": 0.9000, "
                               "\"channel\": 0.9000, \"applied\": true}"));
  assert_non_null(strstr(json, "\"words\": 8,"));
  assert_int_equal(json[0], '{');
  assert_true(strlen(json) > 7);
  assert_string_equal(json + strlen(json) - 7, "\n  ]\n}\n");
  free(json);
}

static void test_json_empty(void **state) {
  char *json = render(state, "clean text\n", UNSPIN_FORMAT_JSON, NULL);
  (void)state;
  assert_non_null(strstr(json, "\"path\": \"<stdin>\""));
  assert_non_null(strstr(json, "\"findings\": []\n}\n"));
  free(json);
}

/* --- lines and text ------------------------------------------------------ */

static void test_lines(void **state) {
  (void)state;
  expect_render(state,
                "One.\nThe course of was \xc3\xa9 push again.\n"
                "It is the town, the place he lived.\n",
                UNSPIN_FORMAT_LINES, "a/b.txt",
                "a/b.txt:2:5: EN-SPIN-TELLTALE: 'course of' -> 'process'\n"
                "a/b.txt:2:21: EN-SPIN-TELLTALE: 'push again' -> 'push back'\n"
                "a/b.txt:3:17: EN-TEST-PLACE: 'the place' -> 'where'\n");
  /* columns after a BOM start at the first visible character */
  expect_render(state, "\xef\xbb\xbf" "Course of it", UNSPIN_FORMAT_LINES,
                "b.txt", "b.txt:1:1: EN-SPIN-TELLTALE: 'Course of' -> "
                         "'Process'\n");
  expect_render(state, "COURSE OF", UNSPIN_FORMAT_LINES, NULL,
                "<stdin>:1:1: EN-SPIN-TELLTALE: 'COURSE OF' -> 'PROCESS'\n");
  expect_render(state, "clean\n", UNSPIN_FORMAT_LINES, "c", "");
}

static void test_explain_and_text(void **state) {
  char *out;
  (void)state;
  out = render(state, "It is the town, the place he lived.",
               UNSPIN_FORMAT_EXPLAIN, "e");
  assert_memory_equal(out, "e:1:17: EN-TEST-PLACE: 'the place' -> 'where'\n",
                      46);
  assert_non_null(strstr(out, "'the place' before a pronoun is a spun "
                              "'where'; confidence 0.850"));
  free(out);
  expect_render(state, "x the course of y\r\n", UNSPIN_FORMAT_TEXT, "t",
                "x the process y\r\n");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_findings),
      cmocka_unit_test(test_ctx_class_needs_model),
      cmocka_unit_test(test_apply_keeps_bytes),
      cmocka_unit_test(test_apply_many),
      cmocka_unit_test(test_case_follows_spun),
      cmocka_unit_test(test_apostrophes),
      cmocka_unit_test(test_below_the_bar),
      cmocka_unit_test(test_bad_input),
      cmocka_unit_test(test_diff_one_hunk_exact),
      cmocka_unit_test(test_diff_hunk_grouping),
      cmocka_unit_test(test_diff_adjacent_changes),
      cmocka_unit_test(test_diff_no_newline),
      cmocka_unit_test(test_diff_crlf_and_nothing),
      cmocka_unit_test(test_json_offsets),
      cmocka_unit_test(test_json_empty),
      cmocka_unit_test(test_lines),
      cmocka_unit_test(test_explain_and_text),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
