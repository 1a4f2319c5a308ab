/* test_render_html.c - the HTML review page through the public API, with a
 * tiny table and rule in a temp dir (no model, no hunspell): escaping of
 * hostile text and paths, the text a browser will see, the finding's data
 * attributes and alternatives, several documents on one page.  The page's
 * behaviour in a real browser is tested by tests/html/. */
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

static const char table[] = "course of\tprocess\t0.9\t-\ttelltale\ttest\n"
                            "push again\tpush back\t0.9\t-\ttelltale\ttest\n"
                            "push again\tpush away\t0.4\t-\tctx\ttest\n"
                            "push again\tshove again\t0.6\t-\tctx\ttest\n";

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

static unspin_doc *check_opts(void **state, const char *text, double bar,
                              int keep_all) {
  struct ctx_fixture *fx = *state;
  unspin_check_options opts;
  unspin_error err;
  unspin_doc *doc;
  memset(&opts, 0, sizeof(opts));
  opts.min_confidence = bar;
  opts.keep_all = keep_all;
  doc = unspin_check(fx->ctx, text, strlen(text), &opts, &err);
  if (!doc)
    fail_msg("unspin_check: %s", err.msg);
  return doc;
}

static char *page_of(void **state, const char *text, const char *path) {
  unspin_doc *doc = check_opts(state, text, -1, 1);
  size_t len;
  char *out = unspin_render(doc, UNSPIN_FORMAT_HTML, path, &len);
  assert_non_null(out);
  assert_int_equal(strlen(out), len);
  unspin_doc_free(doc);
  return out;
}

static size_t count(const char *s, const char *what) {
  size_t n = 0;
  for (; (s = strstr(s, what)); s++)
    n++;
  return n;
}

/*
 * The text a browser's DOM holds for the element that starts at open:
 * tags dropped, the references the page uses decoded, and the newline
 * right after <pre> dropped, as the HTML parser does.  A literal CR would
 * become LF in a browser, so finding one fails; so does any '<' that is
 * not one of our <mark> tags, and any other '&'.
 */
static void dom_text(const char *page, const char *open, struct strbuf *out) {
  static const struct {
    const char *ref, *ch;
  } refs[] = {{"&amp;", "&"},   {"&lt;", "<"},  {"&gt;", ">"},
              {"&quot;", "\""}, {"&#39;", "'"}, {"&#13;", "\r"}};
  const char *s = strstr(page, open);
  size_t i;
  assert_non_null(s);
  s += strlen(open);
  if (*s == '\n')
    s++;
  while (strncmp(s, "</pre>", 6)) {
    assert_true(*s != '\0');
    if (*s == '<') {
      if (strncmp(s, "<mark ", 6) && strncmp(s, "</mark>", 7))
        fail_msg("unexpected markup: %.20s", s);
      s = strchr(s, '>') + 1;
    } else if (*s == '&') {
      for (i = 0; i < sizeof(refs) / sizeof(refs[0]); i++)
        if (!strncmp(s, refs[i].ref, strlen(refs[i].ref)))
          break;
      if (i == sizeof(refs) / sizeof(refs[0]))
        fail_msg("unknown reference: %.10s", s);
      strbuf_addstr(out, refs[i].ch);
      s += strlen(refs[i].ref);
    } else {
      assert_true(*s != '\r');
      strbuf_addch(out, *s++);
    }
  }
}

static void expect_dom_text(const char *page, const char *open,
                            const char *expect) {
  struct strbuf sb = STRBUF_INIT;
  dom_text(page, open, &sb);
  if (sb.len != strlen(expect) || memcmp(sb.buf, expect, sb.len))
    fail_msg("DOM text\n[%s]\nexpected\n[%s]", sb.buf, expect);
  strbuf_release(&sb);
}

/* --- escaping -------------------------------------------------------- */

static void test_hostile_text(void **state) {
  static const char text[] =
      "\xEF\xBB\xBF<script>alert('x')</script> & \"q\" the course of "
      "</pre><b>\r\n"
      "Z\xC3\xBCrich \xF0\x9F\x99\x82 &amp; push again\r\rend\t<\n";
  char *page = page_of(state, text, "a.txt");
  /* one script, ours; nothing from the text becomes markup */
  assert_int_equal(count(page, "<script"), 1);
  assert_int_equal(count(page, "<b>"), 0);
  assert_int_equal(count(page, "</pre>"), 2);
  assert_non_null(strstr(page, "&lt;script&gt;alert(&#39;x&#39;)"
                               "&lt;/script&gt; &amp; &quot;q&quot; "));
  assert_non_null(strstr(page, "&amp;amp; "));
  expect_dom_text(page, "<pre class=\"article\">", text);
  expect_dom_text(page, "<pre class=\"out\">",
                  "\xEF\xBB\xBF<script>alert('x')</script> & \"q\" the "
                  "process </pre><b>\r\n"
                  "Z\xC3\xBCrich \xF0\x9F\x99\x82 &amp; push back\r\rend\t<\n");
  free(page);
}

static void test_leading_newline(void **state) {
  char *page = page_of(state, "\n\nthe course of\n", "n.txt");
  expect_dom_text(page, "<pre class=\"article\">", "\n\nthe course of\n");
  expect_dom_text(page, "<pre class=\"out\">", "\n\nthe process\n");
  free(page);
}

static void test_hostile_path(void **state) {
  char *page = page_of(state, "the course of\n",
                       "dir/<img src=x onerror=\"f()\">&'\x01.txt");
  assert_int_equal(count(page, "<img"), 0);
  assert_non_null(strstr(page, "<title>unspin review: dir/&lt;img src=x "
                               "onerror=&quot;f()&quot;&gt;&amp;&#39;?.txt"
                               "</title>"));
  assert_non_null(strstr(page, "<h2>dir/&lt;img src=x onerror=&quot;f()"
                               "&quot;&gt;&amp;&#39;?.txt</h2>"));
  /* the download is named after the file, not the directory */
  assert_non_null(strstr(page, " data-download=\"&lt;img src=x onerror="
                               "&quot;f()&quot;&gt;&amp;&#39;?.fixed.txt\""));
  free(page);
  page = page_of(state, "the course of\n", NULL);
  assert_non_null(strstr(page, "<title>unspin review: &lt;stdin&gt;"));
  assert_non_null(strstr(page, " data-download=\"stdin.fixed.txt\""));
  free(page);
  page = page_of(state, "the course of\n", "README");
  assert_non_null(strstr(page, " data-download=\"README.fixed\""));
  free(page);
}

/* Self-contained: nothing is fetched from anywhere. */
static void test_no_external_resources(void **state) {
  char *page = page_of(state, "It is the town, the place he lived.\n", "x");
  assert_null(strstr(page, "src="));
  assert_null(strstr(page, "href="));
  assert_null(strstr(page, "url("));
  assert_null(strstr(page, "@import"));
  assert_null(strstr(page, "<link"));
  assert_null(strstr(page, "//"));
  assert_null(strstr(page, "innerHTML"));
  assert_int_equal(count(page, "<style>"), 1);
  assert_int_equal(count(page, "<script>"), 1);
  assert_memory_equal(page, "<!DOCTYPE html>\n", 16);
  assert_non_null(strstr(page, "<meta charset=\"utf-8\">"));
  free(page);
}

/* --- findings -------------------------------------------------------- */

static void test_finding_attributes(void **state) {
  char *page = page_of(state, "They helped Push again the attack.\n", "p");
  const char *m = strstr(page, "<mark ");
  assert_non_null(m);
  assert_int_equal(count(page, "<mark "), 1);
  assert_memory_equal(m, "<mark class=\"f on\" id=\"d1-f1\" ", 30);
  /* the replacement first, then the table's others by weight, in the
   * case pattern of the text */
  assert_non_null(strstr(m, " data-replacement=\"Push back\" "
                            "data-choice=\"Push back\" data-alts=\"[&quot;"
                            "Push back&quot;,&quot;Shove again&quot;,"
                            "&quot;Push away&quot;]\""));
  assert_non_null(strstr(m, " data-applied=\"1\""));
  assert_non_null(strstr(m, " data-rule=\"EN-SPIN-TELLTALE\""));
  assert_non_null(strstr(m, " data-source=\"test\""));
  assert_non_null(strstr(m, " data-channel=\"0.9000\""));
  assert_non_null(strstr(m, " data-line=\"1\" data-col=\"13\" "
                            "data-start=\"12\" data-end=\"22\""));
  assert_non_null(strstr(m, " title=\"&#39;Push again&#39; \xE2\x86\x92 "
                            "&#39;Push back&#39;"));
  assert_non_null(strstr(m, ">Push again</mark>"));
  assert_non_null(strstr(page, "<b class=\"n-accepted\">1</b> accepted"));
  free(page);
}

/* In a long line the context matched again is a window of it. */
static void test_long_line_alternatives(void **state) {
  struct strbuf text = STRBUF_INIT;
  char *page;
  int i;
  for (i = 0; i < 600; i++)
    strbuf_addstr(&text, "fighters ");
  strbuf_addstr(&text, "helped push again the attack");
  for (i = 0; i < 600; i++)
    strbuf_addstr(&text, " and more");
  strbuf_addstr(&text, ".\n");
  page = page_of(state, text.buf, "long");
  assert_int_equal(count(page, "<mark "), 1);
  assert_non_null(strstr(page, " data-alts=\"[&quot;push back&quot;,"
                               "&quot;shove again&quot;,&quot;push away"
                               "&quot;]\""));
  free(page);
  strbuf_release(&text);
}

static void test_rule_alternatives(void **state) {
  /* a rule's replacement; nothing else is offered for these words */
  char *page = page_of(state, "It is the town, the place he lived.\n", "r");
  assert_non_null(strstr(page, " data-alts=\"[&quot;where&quot;]\""));
  assert_non_null(strstr(page, " data-rule=\"EN-TEST-PLACE\""));
  assert_non_null(strstr(page, " data-message=\"&#39;the place&#39; before "
                               "a pronoun is a spun &#39;where&#39;\""));
  free(page);
}

/* Below the bar: shown, rejected, and not in the corrected text. */
static void test_below_the_bar(void **state) {
  unspin_doc *doc =
      check_opts(state, "a push again b the course of\n", 0.95, 1);
  size_t len;
  char *page = unspin_render(doc, UNSPIN_FORMAT_HTML, "b", &len);
  assert_int_equal(count(page, "<mark class=\"f off\""), 2);
  assert_int_equal(count(page, " data-applied=\"0\""), 2);
  assert_non_null(strstr(page, "2 findings, 0 at or above the bar 0.95"));
  expect_dom_text(page, "<pre class=\"out\">",
                  "a push again b the course of\n");
  free(page);
  unspin_doc_free(doc);
}

static void test_nothing_found(void **state) {
  char *page = page_of(state, "Nothing to see.\n", "c");
  assert_int_equal(count(page, "<mark "), 0);
  assert_non_null(strstr(page, "No findings"));
  expect_dom_text(page, "<pre class=\"article\">", "Nothing to see.\n");
  expect_dom_text(page, "<pre class=\"out\">", "Nothing to see.\n");
  free(page);
}

/* --- one page for several documents ----------------------------------- */

static void test_several_documents(void **state) {
  unspin_doc *docs[3];
  const char *paths[3] = {"one.txt", NULL, "three.txt"};
  size_t len, len1;
  char *page, *single;
  docs[0] = check_opts(state, "the course of\n", -1, 1);
  docs[1] = check_opts(state, "push again\n", -1, 1);
  docs[2] = check_opts(state, "plain\n", -1, 1);
  page = unspin_render_html((const unspin_doc *const *)docs, paths, 3, &len);
  assert_int_equal(strlen(page), len);
  assert_non_null(strstr(page, "<title>unspin review: 3 files</title>"));
  assert_int_equal(count(page, "<section class=\"doc\""), 3);
  assert_int_equal(count(page, "<script>"), 1);
  assert_non_null(strstr(page, "<section class=\"doc\" id=\"d1\" "
                               "data-path=\"one.txt\""));
  assert_non_null(strstr(page, "<section class=\"doc\" id=\"d2\" "
                               "data-path=\"&lt;stdin&gt;\""));
  assert_non_null(strstr(page, "id=\"d2-f1\""));
  assert_true(strstr(page, "<h2>one.txt</h2>") <
              strstr(page, "<h2>three.txt</h2>"));
  /* one document: the same as unspin_render's page */
  single = unspin_render(docs[0], UNSPIN_FORMAT_HTML, "one.txt", &len1);
  free(page);
  page = unspin_render_html((const unspin_doc *const *)docs, paths, 1, &len);
  assert_int_equal(len, len1);
  assert_memory_equal(page, single, len);
  free(page);
  free(single);
  unspin_doc_free(docs[0]);
  unspin_doc_free(docs[1]);
  unspin_doc_free(docs[2]);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_hostile_text),
      cmocka_unit_test(test_leading_newline),
      cmocka_unit_test(test_hostile_path),
      cmocka_unit_test(test_no_external_resources),
      cmocka_unit_test(test_finding_attributes),
      cmocka_unit_test(test_long_line_alternatives),
      cmocka_unit_test(test_rule_alternatives),
      cmocka_unit_test(test_below_the_bar),
      cmocka_unit_test(test_nothing_found),
      cmocka_unit_test(test_several_documents),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
