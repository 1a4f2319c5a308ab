/* test_markup.c - the HTML and Markdown reader (what is prose, what the
 * shadow holds), suppressions, ignore phrases, and unspin_check() over
 * markup: findings only in prose, markup kept byte for byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "ignore.h"
#include "markup.h"
#include "strbuf.h"
#include "text.h"
#include "tokenize.h"
#include "unspin.h"

#define HTML UNSPIN_MARKUP_HTML
#define MD UNSPIN_MARKUP_MARKDOWN

/* Every reading keeps the length and every line break, and the shadow of
 * valid UTF-8 is valid UTF-8 without NUL; markup is white space there. */
static void check_invariants(const struct markup *m, const char *in,
                             size_t n) {
  size_t k, bad;
  assert_int_equal(m->len, n);
  assert_int_equal(m->shadow[n], '\0');
  for (k = 0; k < n; k++) {
    if (in[k] == '\n' || in[k] == '\r')
      assert_int_equal(m->shadow[k], in[k]);
    if (m->skip[k])
      assert_true(m->shadow[k] == ' ' || m->shadow[k] == '\n' ||
                  m->shadow[k] == '\r' ||
                  (unsigned char)m->shadow[k] >= 0x80);
  }
  if (!text_validate(in, n, &bad))
    assert_int_equal(text_validate(m->shadow, n, &bad), 0);
}

/*
 * The source with every run of markup shown as one '|': what the checker
 * may touch.  Line breaks inside markup show as themselves.
 */
static char *prose_view(enum unspin_markup kind, const char *in) {
  struct markup m;
  struct strbuf sb = STRBUF_INIT;
  size_t k, n = strlen(in);
  markup_read(&m, in, n, kind);
  check_invariants(&m, in, n);
  for (k = 0; k < n; k++) {
    if (!m.skip[k])
      strbuf_addch(&sb, in[k]);
    else if (in[k] == '\n' || in[k] == '\r')
      strbuf_addch(&sb, in[k]);
    else if (!sb.len || sb.buf[sb.len - 1] != '|')
      strbuf_addch(&sb, '|');
  }
  markup_release(&m);
  return strbuf_detach(&sb, NULL);
}

#define expect_prose(kind, in, want)                                           \
  do {                                                                         \
    char *got_ = prose_view(kind, in);                                         \
    assert_string_equal(got_, want);                                           \
    free(got_);                                                                \
  } while (0)

static void expect_shadow(enum unspin_markup kind, const char *in,
                          const char *want) {
  struct markup m;
  markup_read(&m, in, strlen(in), kind);
  check_invariants(&m, in, strlen(in));
  assert_string_equal(m.shadow, want);
  markup_release(&m);
}

static void test_html_tags_and_attributes(void **state) {
  (void)state;
  expect_prose(HTML, "<p class=\"lead\">The town</p>", "|The town|");
  /* a '>' inside a quoted value does not end the tag */
  expect_prose(HTML, "<a title='a > b' href=\"x>y\">link</a> after",
               "|link| after");
  expect_prose(HTML, "<img alt=\"the place\" src=x.png>", "|");
  /* not tags: a comparison, a lone '<' */
  expect_prose(HTML, "if a < b and c<3 then", "if a < b and c<3 then");
  expect_prose(HTML, "<!DOCTYPE html><?xml v?>Hi", "|Hi");
  expect_prose(HTML, "A<br/>B", "A|B");
}

static void test_html_raw_elements(void **state) {
  (void)state;
  expect_prose(HTML, "a<script>if (x<y) stated();</script>b", "a|b");
  expect_prose(HTML, "<pre>stated <b>x</b> said</PRE >after", "|after");
  expect_prose(HTML, "<code>the place</code> and <kbd>ls</kbd>.", "| and |.");
  expect_prose(HTML, "<style>p{}</style><p>x</p>", "|x|");
  /* "</pre" must be followed by a delimiter */
  expect_prose(HTML, "<pre>a</prefix>b</pre>c", "|c");
  /* a self-closing <code/> has no content */
  expect_prose(HTML, "<code/>text", "|text");
}

static void test_html_unterminated(void **state) {
  (void)state;
  expect_prose(HTML, "Text <a href=\"x", "Text |");
  expect_prose(HTML, "Text <!-- open", "Text |");
  expect_prose(HTML, "Text <pre>code\nmore", "Text |\n|");
  expect_prose(HTML, "Text <script>", "Text |");
  expect_prose(HTML, "Text <", "Text <");
  expect_prose(HTML, "Text &amp", "Text &amp");
  expect_prose(HTML, "x <!-->y<!--->z", "x |y|z");
}

static void test_html_entities(void **state) {
  (void)state;
  /* prose; decoded and padded with invisible characters inside a word */
  expect_prose(HTML, "don&rsquo;t", "don&rsquo;t");
  expect_shadow(HTML, "don&rsquo;t", "don\xE2\x80\x99\xC2\xAD\xC2\xADt");
  expect_shadow(HTML, "caf&eacute;", "caf\xC3\xA9\xE2\x81\xA0\xE2\x81\xA0");
  expect_shadow(HTML, "a&nbsp;b", "a      b");
  expect_shadow(HTML, "AT&amp;T", "AT&    T");
  expect_shadow(HTML, "&#8217;&#x2019;",
                "\xE2\x80\x99\xC2\xAD\xC2\xAD\xE2\x80\x99\xE2\x81\xA0\xC2\xAD");
  /* windows-1252 numbers, NUL, surrogates, beyond U+10FFFF */
  expect_shadow(HTML, "it&#146;s", "it\xE2\x80\x99\xE2\x81\xA0s");
  expect_shadow(HTML, "&#0;", "\xEF\xBF\xBD ");
  expect_shadow(HTML, "&#xD800;", "\xEF\xBF\xBD\xE2\x81\xA0\xC2\xAD");
  expect_shadow(HTML, "&#x110000;",
                "\xEF\xBF\xBD\xE2\x81\xA0\xC2\xAD\xC2\xAD");
  /* unknown names and missing semicolons stay as written */
  expect_shadow(HTML, "&bogus; &amp &#; &#x;", "&bogus; &amp &#; &#x;");
  expect_shadow(HTML, "&#12345678;", "&#12345678;");
}

static void test_html_breaks(void **state) {
  (void)state;
  /* block tags are paragraph breaks, <br> a line break, inline tags
   * between letters keep the word whole */
  expect_shadow(HTML, "<p>A</p><p>B</p>", "\n\n A\n\n  \n\n B\n\n  ");
  expect_shadow(HTML, "A<br>B", "A\n   B");
  expect_shadow(HTML, "spin<b>ner</b>s",
                "spin\xE2\x81\xA0ner\xC2\xAD\xC2\xADs");
  expect_shadow(HTML, "a <b>b</b> c", "a    b     c");
}

static void test_tokens_over_shadow(void **state) {
  struct markup m;
  struct tokens toks = {0};
  char buf[64];
  const char *in = "<p>We don&rsquo;t <i>spin</i>ner.</p>";
  size_t n;
  (void)state;
  markup_read(&m, in, strlen(in), HTML);
  assert_int_equal(tokenize(m.shadow, m.len, &toks, NULL), 0);
  assert_int_equal(toks.n, 4); /* We, don't, spinner, . */
  n = tokenize_normalize(m.shadow + toks.v[1].start,
                         toks.v[1].end - toks.v[1].start, buf, sizeof(buf));
  assert_int_equal(n, 5);
  assert_string_equal(buf, "don't");
  /* the token spans the source's reference */
  assert_int_equal(toks.v[1].start, 6);
  assert_int_equal(toks.v[1].end, 17);
  tokenize_normalize(m.shadow + toks.v[2].start,
                     toks.v[2].end - toks.v[2].start, buf, sizeof(buf));
  assert_string_equal(buf, "spinner");
  /* a block tag starts a paragraph */
  tokens_release(&toks);
  markup_release(&m);
  in = "<h1>Title</h1><p>Police said</p>";
  markup_read(&m, in, strlen(in), HTML);
  assert_int_equal(tokenize(m.shadow, m.len, &toks, NULL), 0);
  assert_int_equal(toks.n, 3);
  assert_true(toks.v[1].flags & TOKF_PARA_START);
  tokens_release(&toks);
  markup_release(&m);
}

static void test_comments_and_suppressions(void **state) {
  (void)state;
  expect_prose(HTML, "a <!-- note -->b", "a |b");
  expect_prose(HTML,
               "a <!-- unspin-disable -->b <p>c</p> <!-- unspin-enable --> d",
               "a | d");
  /* no enable: to the end */
  expect_prose(HTML, "a\n<!-- unspin-disable -->\nb\nc", "a\n|\n|\n|");
  /* an enable alone does nothing; a reason after a colon is allowed */
  expect_prose(HTML, "a <!--unspin-enable--> b", "a | b");
  expect_prose(HTML,
               "a <!-- unspin-disable: quoted release -->b<!--unspin-enable-->"
               "c",
               "a |c");
  /* not the directive */
  expect_prose(HTML, "a <!-- unspin-disabled -->b", "a |b");
  expect_prose(MD, "a\n\n<!-- unspin-disable -->\n\nb *c*\n", "a\n\n|\n\n|\n");
  /* inside Markdown code it is no directive */
  expect_prose(MD, "`<!-- unspin-disable -->` b", "| b");
  expect_prose(UNSPIN_MARKUP_TEXT, "a <!-- unspin-disable --> b",
               "a <!-- unspin-disable --> b");
}

static void test_urls(void **state) {
  (void)state;
  expect_prose(HTML, "See https://x.org/the-place. Then", "See |. Then");
  expect_prose(HTML, "(www.x.org/a_(b)) and", "(|) and");
  expect_prose(MD, "Go to http://a.b/c?d=e, now", "Go to |, now");
  /* not a URL: inside a word, or nothing after the scheme */
  expect_prose(HTML, "xhttp://a http:// www.", "xhttp://a http:// www.");
}

static void test_md_code(void **state) {
  (void)state;
  expect_prose(MD, "Run `the place` now", "Run | now");
  expect_prose(MD, "a ``x ` y`` b", "a | b");
  /* no closer: the backticks are text */
  expect_prose(MD, "a `b c\n\nd` e", "a `b c\n\nd` e");
  expect_prose(MD, "Text\n```sh\nstated\n```\nMore\n", "Text\n|\n|\n|\nMore\n");
  expect_prose(MD, "~~~\ncode\n", "|\n|\n");          /* to the end */
  expect_prose(MD, "Text\n\n    code\n    more\n\nEnd",
               "Text\n\n|\n|\n\nEnd");
  /* a lazy continuation line is no code; a list paragraph neither */
  expect_prose(MD, "Text\n    more", "Text\n    more");
  expect_prose(MD, "- item\n\n    more\n", "| item\n\n    more\n");
}

static void test_md_links(void **state) {
  (void)state;
  expect_prose(MD, "A [the place](http://x/y \"t [x]\") b", "A |the place| b");
  expect_prose(MD, "![alt text](a.png) b", "|alt text| b");
  expect_prose(MD, "[text][ref] and [sic] and [^1].", "|text| and [sic] and |.");
  expect_prose(MD, "[ref]: http://x \"Title\"\nText", "|\nText");
  expect_prose(MD, "<https://x.org/a> and <me@x.org>.", "| and |.");
  expect_prose(MD, "[a](<b c>) d", "|a| d");
  expect_prose(MD, "[a](b(c)d) e", "|a| e");
  /* not links */
  expect_prose(MD, "[a] (b) c", "[a] (b) c");
  expect_prose(MD, "[a](b c", "[a](b c");
}

static void test_md_blocks(void **state) {
  (void)state;
  expect_prose(MD, "# Title #\nText", "| Title |\nText");
  expect_prose(MD, "#hashtag", "#hashtag");
  expect_prose(MD, "Title\n=====\n\nText\n---\n", "Title\n|\n\nText\n|\n");
  expect_prose(MD, "> quoted\n> > deeper", "|quoted\n|deeper");
  expect_prose(MD, "- one\n* two\n+ three\n1. four\n2) five",
               "| one\n| two\n| three\n| four\n| five");
  expect_prose(MD, "- [x] done\n- [ ] open", "| | done\n| | open");
  expect_prose(MD, "***\n\n___\n", "|\n\n|\n");
  expect_prose(MD, "| a | b |\n|---|:-:|\n| c | d |",
               "| a | b |\n|\n| c | d |");
  expect_prose(MD, "---\ntitle: x\n---\nText", "|\n|\n|\nText");
  expect_prose(MD, "+++\na = 1\n+++\nText", "|\n|\n|\nText");
  /* a dash line that is not front matter */
  expect_prose(MD, "Text\n\n---\n", "Text\n\n|\n");
  /* 1990. at a line start is a list marker, as in CommonMark */
  expect_prose(MD, "2-3 of them", "2-3 of them");
}

static void test_md_inline(void **state) {
  (void)state;
  expect_prose(MD, "a **bold** and *em* and _u_ ~~s~~", "a |bold| and |em| and |u| |s|");
  expect_prose(MD, "snake_case and 2 * 3 and a ~ b", "snake_case and 2 * 3 and a ~ b");
  expect_prose(MD, "\\*not em\\* and a\\\nb", "|*not em|* and a|\nb");
  expect_prose(MD, "<span class=\"x\">y</span>", "|y|");
  /* unterminated tag in Markdown is text */
  expect_prose(MD, "a <b c", "a <b c");
}

static void test_crlf(void **state) {
  (void)state;
  expect_prose(HTML, "<p>a</p>\r\n<p>b</p>\r\n", "|a|\r\n|b|\r\n");
  expect_prose(MD, "```\r\ncode\r\n```\r\nText\r\n", "|\r\n|\r\n|\r\nText\r\n");
  expect_prose(MD, "# T\r\n\r\n    code\r\n", "| T\r\n\r\n|\r\n");
}

static void test_binary_and_empty(void **state) {
  static const char junk[] = "<\0a\xff>&#\0;`\0`[\0](\0)\n<!--\0";
  struct markup m;
  (void)state;
  markup_read(&m, junk, sizeof(junk) - 1, MD);
  check_invariants(&m, junk, sizeof(junk) - 1);
  markup_release(&m);
  markup_read(&m, NULL, 0, HTML);
  assert_int_equal(m.len, 0);
  assert_int_equal(m.shadow[0], '\0');
  markup_release(&m);
}

static void test_markup_for_path(void **state) {
  (void)state;
  assert_int_equal(unspin_markup_for_path("a.html"), HTML);
  assert_int_equal(unspin_markup_for_path("dir/A.HTM"), HTML);
  assert_int_equal(unspin_markup_for_path("x.xhtml"), HTML);
  assert_int_equal(unspin_markup_for_path("README.md"), MD);
  assert_int_equal(unspin_markup_for_path("n.Markdown"), MD);
  assert_int_equal(unspin_markup_for_path("a.txt"), UNSPIN_MARKUP_TEXT);
  assert_int_equal(unspin_markup_for_path("a.md/b"), UNSPIN_MARKUP_TEXT);
  assert_int_equal(unspin_markup_for_path("a.mdx"), UNSPIN_MARKUP_TEXT);
  assert_int_equal(unspin_markup_for_path(NULL), UNSPIN_MARKUP_TEXT);
}

/* ---- ignore phrases ------------------------------------------------------ */

static int covers(const unspin_ignore *ig, const char *text, size_t tok,
                  size_t tok_end) {
  struct tokens toks = {0};
  int r;
  assert_int_equal(tokenize(text, strlen(text), &toks, NULL), 0);
  r = ignore_covers(ig, text, &toks, tok, tok_end);
  tokens_release(&toks);
  return r;
}

static void test_ignore_phrases(void **state) {
  unspin_ignore *ig = unspin_ignore_new();
  unspin_error err;
  (void)state;
  assert_int_equal(unspin_ignore_add(ig, "the place", 9, &err), 0);
  assert_int_equal(unspin_ignore_add(ig, "don't stop", 10, &err), 0);
  assert_int_equal(unspin_ignore_count(ig), 2);
  /* tokens: We(0) met(1) at(2) the(3) place(4) today(5) */
  assert_true(covers(ig, "We met at THE Place today", 4, 5));
  assert_true(covers(ig, "We met at the place today", 2, 4));
  assert_false(covers(ig, "We met at the place today", 5, 6));
  /* word boundaries: "theplace", "the places" are other words */
  assert_false(covers(ig, "We met at the places today", 3, 5));
  /* the typographic apostrophe is the same */
  assert_true(covers(ig, "We don\xE2\x80\x99t stop", 1, 2));
  assert_int_equal(unspin_ignore_add(ig, " ", 1, &err), UNSPIN_ERR_ARG);
  assert_string_equal(err.msg, "ignore phrase has no word");
  assert_int_equal(unspin_ignore_add(ig, "a\xff", 2, &err), UNSPIN_ERR_ARG);
  assert_int_equal(unspin_ignore_count(ig), 2);
  unspin_ignore_free(ig);
  unspin_ignore_free(NULL);
  assert_false(covers(NULL, "the place", 0, 2));
}

static void test_ignore_file(void **state) {
  char path[] = "/tmp/unspin-test-ignore-XXXXXX";
  unspin_ignore *ig = unspin_ignore_new();
  unspin_error err;
  FILE *f;
  int fd;
  (void)state;
  fd = mkstemp(path);
  assert_true(fd >= 0);
  f = fdopen(fd, "w");
  fputs("# phrases\n\n  the place  \r\nstated\n  ...\n", f);
  fclose(f);
  assert_int_equal(unspin_ignore_load(ig, path, &err), UNSPIN_ERR_SYNTAX);
  assert_int_equal(unspin_ignore_count(ig), 2);
  assert_string_equal(err.path, path);
  assert_int_equal(err.line, 5);
  assert_int_equal(err.col, 3);
  assert_string_equal(err.source_line, "  ...");
  assert_int_equal(err.caret_len, 3);
  f = fopen(path, "w");
  fputs("ok\nbad \xC3(\n", f);
  fclose(f);
  assert_int_equal(unspin_ignore_load(ig, path, &err), UNSPIN_ERR_SYNTAX);
  assert_int_equal(err.line, 2);
  assert_int_equal(err.col, 5);
  assert_string_equal(err.msg, "invalid UTF-8 byte 0xC3");
  unlink(path);
  assert_int_equal(unspin_ignore_load(ig, path, &err), UNSPIN_ERR_IO);
  unspin_ignore_free(ig);
}

/* ---- unspin_check over markup -------------------------------------------- */

static unspin_ctx *ctx;

static int setup(void **state) {
  const char *d = getenv("UNSPIN_DATADIR");
  unspin_error err;
  (void)state;
  ctx = unspin_ctx_new();
  if (unspin_ctx_load_default(ctx, d && *d ? d : ".", NULL, &err) ||
      unspin_ctx_prepare(ctx, &err)) {
    print_error("cannot load data: %s: %s\n", err.path, err.msg);
    return -1;
  }
  return 0;
}

static int teardown(void **state) {
  (void)state;
  unspin_ctx_free(ctx);
  return 0;
}

static char *check_fix(const char *in, enum unspin_markup kind,
                       const unspin_ignore *ig, size_t *nfound) {
  unspin_check_options o;
  unspin_error err;
  unspin_doc *doc;
  size_t n, i;
  char *fixed;
  memset(&o, 0, sizeof(o));
  o.min_confidence = -1;
  o.markup = kind;
  o.ignore = ig;
  doc = unspin_check(ctx, in, strlen(in), &o, &err);
  assert_non_null(doc);
  *nfound = unspin_doc_count_applied(doc);
  for (i = 0; i < unspin_doc_count(doc); i++) {
    const unspin_finding *f = unspin_doc_get(doc, i);
    /* no finding touches markup */
    assert_null(memchr(f->spun, '<', f->end - f->start));
    assert_null(memchr(f->spun, '>', f->end - f->start));
  }
  fixed = unspin_doc_apply(doc, &n);
  unspin_doc_free(doc);
  return fixed;
}

static const char spun_html[] =
    "<p>Officials met in the town, the place preventing was "
    "widespread.</p>\n"
    "<p>Soldiers helped push <i>again</i> the rebels from the hills.</p>\n"
    "<p title=\"push again the rebels\">At the very least ten were hurt.</p>\n"
    "<pre>They push again the rebels.</pre>\n";

static void test_check_html(void **state) {
  size_t n;
  char *fixed;
  (void)state;
  fixed = check_fix(spun_html, HTML, NULL, &n);
  assert_string_equal(
      fixed,
      "<p>Officials met in the town, where preventing was widespread.</p>\n"
      "<p>Soldiers helped push <i>back</i> the rebels from the hills.</p>\n"
      "<p title=\"push again the rebels\">At least ten were hurt.</p>\n"
      "<pre>They push again the rebels.</pre>\n");
  assert_int_equal(n, 3);
  free(fixed);
}

static void test_check_ignore(void **state) {
  unspin_ignore *ig = unspin_ignore_new();
  size_t n;
  char *fixed;
  (void)state;
  assert_int_equal(unspin_ignore_add(ig, "AT THE VERY least", 17, NULL), 0);
  assert_int_equal(unspin_ignore_add(ig, "town, the", 9, NULL), 0);
  fixed = check_fix(spun_html, HTML, ig, &n);
  assert_int_equal(n, 1);
  assert_non_null(strstr(fixed, "push <i>back</i>"));
  assert_non_null(strstr(fixed, "the place preventing"));
  free(fixed);
  unspin_ignore_free(ig);
}

static void test_check_bad_markup_kind(void **state) {
  unspin_check_options o;
  unspin_error err;
  (void)state;
  memset(&o, 0, sizeof(o));
  o.markup = (enum unspin_markup)7;
  assert_null(unspin_check(ctx, "x", 1, &o, &err));
  assert_int_equal(err.code, UNSPIN_ERR_ARG);
}

/* A replacement with '&' or '<' is written as a reference in markup, and
 * as it is in plain text. */
static void test_check_escapes_replacement(void **state) {
  char path[] = "/tmp/unspin-test-table-XXXXXX";
  unspin_ctx *c = unspin_ctx_new();
  unspin_check_options o;
  unspin_error err;
  unspin_doc *doc;
  FILE *f;
  int fd, kind;
  (void)state;
  fd = mkstemp(path);
  assert_true(fd >= 0);
  f = fdopen(fd, "w");
  fputs("zorblat's\tR&D <lab>\t0.9\t-\ttelltale\thand\n", f);
  fclose(f);
  assert_int_equal(unspin_ctx_load_table(c, path, &err), 0);
  assert_int_equal(unspin_ctx_prepare(c, &err), 0);
  unlink(path);
  for (kind = 0; kind < 3; kind++) {
    const unspin_finding *g;
    memset(&o, 0, sizeof(o));
    o.min_confidence = 0;
    o.markup = (enum unspin_markup)kind;
    doc = unspin_check(c, "The zorblat's work.", 19, &o, &err);
    assert_non_null(doc);
    assert_int_equal(unspin_doc_count(doc), 1);
    g = unspin_doc_get(doc, 0);
    assert_string_equal(g->replacement, kind == UNSPIN_MARKUP_TEXT
                                            ? "R&D <lab>"
                                            : "R&amp;D &lt;lab>");
    unspin_doc_free(doc);
  }
  unspin_ctx_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_html_tags_and_attributes),
      cmocka_unit_test(test_html_raw_elements),
      cmocka_unit_test(test_html_unterminated),
      cmocka_unit_test(test_html_entities),
      cmocka_unit_test(test_html_breaks),
      cmocka_unit_test(test_tokens_over_shadow),
      cmocka_unit_test(test_comments_and_suppressions),
      cmocka_unit_test(test_urls),
      cmocka_unit_test(test_md_code),
      cmocka_unit_test(test_md_links),
      cmocka_unit_test(test_md_blocks),
      cmocka_unit_test(test_md_inline),
      cmocka_unit_test(test_crlf),
      cmocka_unit_test(test_binary_and_empty),
      cmocka_unit_test(test_markup_for_path),
      cmocka_unit_test(test_ignore_phrases),
      cmocka_unit_test(test_ignore_file),
      cmocka_unit_test(test_check_html),
      cmocka_unit_test(test_check_ignore),
      cmocka_unit_test(test_check_bad_markup_kind),
      cmocka_unit_test(test_check_escapes_replacement),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
