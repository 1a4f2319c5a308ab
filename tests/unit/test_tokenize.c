/* test_tokenize.c - ICU segmentation into word/number/punct tokens with byte
 * offsets, whitespace folded into flags, normalisation, phrase splitting;
 * the fast path (wordbreak.c) against ICU alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "strbuf.h"
#include "text.h"
#include "tokenize.h"
#include "wordbreak.h"

/* Tokenize a NUL-terminated string; the caller releases toks. */
static void tok(const char *s, struct tokens *toks) {
  unspin_error err;
  memset(toks, 0, sizeof(*toks));
  memset(&err, 0, sizeof(err));
  assert_int_equal(tokenize(s, strlen(s), toks, &err), UNSPIN_OK);
}

/* Index of the n-th (0-based) token whose text is w; fails when absent. */
static size_t find_nth(const char *s, const struct tokens *toks,
                       const char *w, int nth) {
  size_t i, wl = strlen(w);
  for (i = 0; i < toks->n; i++)
    if (toks->v[i].end - toks->v[i].start == wl &&
        !memcmp(s + toks->v[i].start, w, wl) && nth-- == 0)
      return i;
  fail_msg("token '%s' not found", w);
  return 0;
}
#define FIND(s, toks, w) find_nth(s, toks, w, 0)

static void expect_flags(const struct token *t, unsigned set, unsigned clear) {
  if ((t->flags & set) != set || (t->flags & clear))
    fail_msg("token at %u: flags 0x%02x, want set 0x%02x and clear 0x%02x",
             t->start, t->flags, set, clear);
}

static void test_byte_offsets(void **state) {
  /* é is 2 bytes, 日本 6, 😀 4 (a surrogate pair in the UTF-16 the break
   * iterators read): spans are bytes, so "word" starts at byte 15, not at
   * UTF-16 unit 8 or code point 7 */
  static const char s[] = "\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80 "
                          "word caf\xc3\xa9.";
  struct tokens toks;
  size_t i;
  (void)state;
  tok(s, &toks);
  i = FIND(s, &toks, "word");
  assert_int_equal(toks.v[i].start, 15);
  assert_int_equal(toks.v[i].end, 19);
  assert_int_equal(toks.v[i].kind, TOK_WORD);
  i = FIND(s, &toks, "caf\xc3\xa9");
  assert_int_equal(toks.v[i].start, 20);
  assert_int_equal(toks.v[i].end, 25);
  assert_int_equal(toks.v[i + 1].start, 25);
  assert_int_equal(toks.v[i + 1].end, 26);
  assert_int_equal(toks.v[i + 1].kind, TOK_PUNCT);
  /* the first token, é, spans bytes 0..2 */
  assert_int_equal(toks.v[0].start, 0);
  assert_int_equal(toks.v[0].end, 2);
  /* spans never overlap and are in order */
  for (i = 1; i < toks.n; i++)
    assert_true(toks.v[i].start >= toks.v[i - 1].end);
  tokens_release(&toks);
  assert_null(toks.v);
  assert_int_equal(toks.n, 0);
}

/* Sentence boundaries go through the same UTF-16 to byte mapping as word
 * boundaries, after text of every UTF-8 length; text that is not UTF-8
 * (never passed by the pipeline, which validates first) is still
 * segmented, by ICU's UTF-8 reader, into ordered spans. */
static void test_sentences_after_wide_text(void **state) {
  static const char s[] = "Caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80 ok. "
                          "Next \xf0\x9f\x98\x80. Last one";
  static const char bad[] = "ab\xff cd \xc3 ef. Gh";
  struct tokens toks;
  size_t i;
  (void)state;
  tok(s, &toks);
  i = FIND(s, &toks, "Next");
  assert_int_equal(toks.v[i].start, 19);
  expect_flags(&toks.v[i], TOKF_SENT_START, 0);
  i = FIND(s, &toks, "Last");
  assert_int_equal(toks.v[i].start, 30);
  expect_flags(&toks.v[i], TOKF_SENT_START, 0);
  expect_flags(&toks.v[i + 1], 0, TOKF_SENT_START);
  tokens_release(&toks);
  tok(bad, &toks);
  assert_true(toks.n >= 4);
  for (i = 1; i < toks.n; i++)
    assert_true(toks.v[i].start >= toks.v[i - 1].end);
  assert_true(toks.v[toks.n - 1].end <= sizeof(bad) - 1);
  tokens_release(&toks);
}

static void test_kinds(void **state) {
  static const char s[] = "He paid 3.5 dollars, 1,000 times; don\xe2\x80\x99t!";
  struct tokens toks;
  static const struct {
    const char *text;
    int kind;
  } want[] = {{"He", TOK_WORD},    {"paid", TOK_WORD},  {"3.5", TOK_NUMBER},
              {"dollars", TOK_WORD}, {",", TOK_PUNCT},  {"1,000", TOK_NUMBER},
              {"times", TOK_WORD}, {";", TOK_PUNCT},
              {"don\xe2\x80\x99t", TOK_WORD}, {"!", TOK_PUNCT}};
  size_t i;
  (void)state;
  tok(s, &toks);
  /* whitespace makes no tokens */
  assert_int_equal(toks.n, sizeof(want) / sizeof(want[0]));
  for (i = 0; i < toks.n; i++) {
    size_t l = strlen(want[i].text);
    assert_int_equal(toks.v[i].end - toks.v[i].start, l);
    assert_memory_equal(s + toks.v[i].start, want[i].text, l);
    assert_int_equal(toks.v[i].kind, want[i].kind);
    assert_int_equal(toks.v[i].id, 0);
    assert_int_equal(toks.v[i].lm, 0);
  }
  tokens_release(&toks);
}

static void test_space_flags(void **state) {
  static const char s[] = "one two,three\nfour  \t five\n\nsix\r\n\r\nseven\n "
                          "\n eight";
  struct tokens toks;
  const struct token *t;
  (void)state;
  tok(s, &toks);
  t = &toks.v[FIND(s, &toks, "one")];
  /* the first token starts the first sentence and paragraph */
  expect_flags(t, TOKF_SENT_START | TOKF_PARA_START,
               TOKF_SPACE_BEFORE | TOKF_NEWLINE_BEFORE);
  expect_flags(&toks.v[FIND(s, &toks, "two")], TOKF_SPACE_BEFORE,
               TOKF_NEWLINE_BEFORE | TOKF_PARA_START | TOKF_SENT_START);
  expect_flags(&toks.v[FIND(s, &toks, ",")], 0,
               TOKF_SPACE_BEFORE | TOKF_NEWLINE_BEFORE);
  expect_flags(&toks.v[FIND(s, &toks, "three")], 0,
               TOKF_SPACE_BEFORE | TOKF_NEWLINE_BEFORE);
  expect_flags(&toks.v[FIND(s, &toks, "four")],
               TOKF_SPACE_BEFORE | TOKF_NEWLINE_BEFORE, TOKF_PARA_START);
  expect_flags(&toks.v[FIND(s, &toks, "five")], TOKF_SPACE_BEFORE,
               TOKF_NEWLINE_BEFORE | TOKF_PARA_START);
  /* a blank line starts a paragraph (and a sentence) */
  expect_flags(&toks.v[FIND(s, &toks, "six")],
               TOKF_SPACE_BEFORE | TOKF_NEWLINE_BEFORE | TOKF_PARA_START |
                   TOKF_SENT_START,
               0);
  /* CRLF blank lines too */
  expect_flags(&toks.v[FIND(s, &toks, "seven")],
               TOKF_NEWLINE_BEFORE | TOKF_PARA_START, 0);
  /* a line of spaces counts as blank */
  expect_flags(&toks.v[FIND(s, &toks, "eight")],
               TOKF_NEWLINE_BEFORE | TOKF_PARA_START, 0);
  assert_int_equal(toks.n, 9);
  tokens_release(&toks);
}

static void test_crlf_single(void **state) {
  static const char s[] = "alpha\r\nbeta";
  struct tokens toks;
  (void)state;
  tok(s, &toks);
  assert_int_equal(toks.n, 2);
  assert_int_equal(toks.v[1].start, 7);
  expect_flags(&toks.v[1], TOKF_SPACE_BEFORE | TOKF_NEWLINE_BEFORE,
               TOKF_PARA_START);
  tokens_release(&toks);
}

static void test_sentence_start(void **state) {
  static const char s[] = "The end came. Then it rained! Did it? Yes, "
                          "Mr. Smith said so. \xe2\x80\x9cQuoted.\xe2\x80\x9d "
                          "After";
  struct tokens toks;
  (void)state;
  tok(s, &toks);
  expect_flags(&toks.v[FIND(s, &toks, "The")], TOKF_SENT_START, 0);
  expect_flags(&toks.v[FIND(s, &toks, "end")], 0, TOKF_SENT_START);
  expect_flags(&toks.v[FIND(s, &toks, ".")], 0, TOKF_SENT_START);
  expect_flags(&toks.v[FIND(s, &toks, "Then")], TOKF_SENT_START, 0);
  expect_flags(&toks.v[FIND(s, &toks, "Did")], TOKF_SENT_START, 0);
  expect_flags(&toks.v[FIND(s, &toks, "Yes")], TOKF_SENT_START, 0);
  expect_flags(&toks.v[FIND(s, &toks, "Mr")], 0, TOKF_SENT_START);
  /* no sentence break after the abbreviation "Mr." */
  expect_flags(&toks.v[FIND(s, &toks, "Smith")], 0, TOKF_SENT_START);
  /* a sentence may start with its opening quote */
  expect_flags(&toks.v[FIND(s, &toks, "\xe2\x80\x9c")], TOKF_SENT_START, 0);
  expect_flags(&toks.v[FIND(s, &toks, "Quoted")], 0, TOKF_SENT_START);
  expect_flags(&toks.v[FIND(s, &toks, "After")], TOKF_SENT_START, 0);
  /* no paragraph breaks in a single line */
  {
    size_t i;
    for (i = 1; i < toks.n; i++)
      expect_flags(&toks.v[i], 0, TOKF_PARA_START | TOKF_NEWLINE_BEFORE);
  }
  tokens_release(&toks);
}

static void test_case_flags(void **state) {
  static const char s[] = "Paris and NATO met the USA, A man, I, "
                          "\xc3\x89mile \xc3\x89" "COLE iPhone McDonald 42";
  struct tokens toks;
  (void)state;
  tok(s, &toks);
  expect_flags(&toks.v[FIND(s, &toks, "Paris")], TOKF_CAPITAL, TOKF_ALLCAPS);
  expect_flags(&toks.v[FIND(s, &toks, "and")], 0, TOKF_CAPITAL | TOKF_ALLCAPS);
  expect_flags(&toks.v[FIND(s, &toks, "NATO")], TOKF_CAPITAL | TOKF_ALLCAPS,
               0);
  expect_flags(&toks.v[FIND(s, &toks, "USA")], TOKF_CAPITAL | TOKF_ALLCAPS, 0);
  /* one letter is capitalised, not all caps */
  expect_flags(&toks.v[FIND(s, &toks, "A")], TOKF_CAPITAL, TOKF_ALLCAPS);
  expect_flags(&toks.v[FIND(s, &toks, "I")], TOKF_CAPITAL, TOKF_ALLCAPS);
  /* non-ASCII capitals */
  expect_flags(&toks.v[FIND(s, &toks, "\xc3\x89mile")], TOKF_CAPITAL,
               TOKF_ALLCAPS);
  expect_flags(&toks.v[FIND(s, &toks, "\xc3\x89" "COLE")],
               TOKF_CAPITAL | TOKF_ALLCAPS, 0);
  expect_flags(&toks.v[FIND(s, &toks, "iPhone")], 0,
               TOKF_CAPITAL | TOKF_ALLCAPS);
  expect_flags(&toks.v[FIND(s, &toks, "McDonald")], TOKF_CAPITAL,
               TOKF_ALLCAPS);
  expect_flags(&toks.v[FIND(s, &toks, "42")], 0, TOKF_CAPITAL | TOKF_ALLCAPS);
  tokens_release(&toks);
}

static void test_quoted(void **state) {
  static const char s[] = "He said \xe2\x80\x9cpush back the\xe2\x80\x9d then "
                          "left, and \"go on\" was heard; \xc2\xab" "bis\xc2\xbb"
                          " out";
  struct tokens toks;
  (void)state;
  tok(s, &toks);
  expect_flags(&toks.v[FIND(s, &toks, "said")], 0, TOKF_QUOTED);
  expect_flags(&toks.v[FIND(s, &toks, "push")], TOKF_QUOTED, 0);
  expect_flags(&toks.v[FIND(s, &toks, "back")], TOKF_QUOTED, 0);
  expect_flags(&toks.v[FIND(s, &toks, "the")], TOKF_QUOTED, 0);
  expect_flags(&toks.v[FIND(s, &toks, "then")], 0, TOKF_QUOTED);
  expect_flags(&toks.v[FIND(s, &toks, "left")], 0, TOKF_QUOTED);
  /* straight quotes open and close in turn */
  expect_flags(&toks.v[FIND(s, &toks, "go")], TOKF_QUOTED, 0);
  expect_flags(&toks.v[FIND(s, &toks, "on")], TOKF_QUOTED, 0);
  expect_flags(&toks.v[FIND(s, &toks, "was")], 0, TOKF_QUOTED);
  expect_flags(&toks.v[FIND(s, &toks, "heard")], 0, TOKF_QUOTED);
  /* guillemets */
  expect_flags(&toks.v[FIND(s, &toks, "bis")], TOKF_QUOTED, 0);
  expect_flags(&toks.v[FIND(s, &toks, "out")], 0, TOKF_QUOTED);
  tokens_release(&toks);
}

static void test_quote_ends_at_paragraph(void **state) {
  /* an unclosed quotation does not run past a blank line */
  static const char s[] = "\xe2\x80\x9cNever closed, it said.\n\nPlain text.";
  struct tokens toks;
  (void)state;
  tok(s, &toks);
  expect_flags(&toks.v[FIND(s, &toks, "said")], TOKF_QUOTED, 0);
  expect_flags(&toks.v[FIND(s, &toks, "Plain")], TOKF_PARA_START,
               TOKF_QUOTED);
  expect_flags(&toks.v[FIND(s, &toks, "text")], 0, TOKF_QUOTED);
  tokens_release(&toks);
}

static void test_empty_and_space_only(void **state) {
  struct tokens toks;
  (void)state;
  tok("", &toks);
  assert_int_equal(toks.n, 0);
  tokens_release(&toks);
  tok(" \n\t\r\n  ", &toks);
  assert_int_equal(toks.n, 0);
  tokens_release(&toks);
  /* a BOM makes no token */
  tok("\xef\xbb\xbfWord", &toks);
  assert_int_equal(toks.n, 1);
  assert_int_equal(toks.v[0].start, 3);
  expect_flags(&toks.v[0], TOKF_SENT_START | TOKF_CAPITAL, 0);
  tokens_release(&toks);
}

/* segment_kind() answers for ASCII without ICU: each ASCII character
 * alone between spaces is a token exactly when ICU calls it neither white
 * space nor a control or format character. */
static void test_ascii_kinds(void **state) {
  unsigned c;
  (void)state;
  for (c = 1; c < 0x80; c++) {
    struct tokens toks;
    char s[4] = {' ', (char)c, ' ', '\0'};
    int invisible = u_isUWhiteSpace((UChar32)c) || c < 0x20 ||
                    u_charType((UChar32)c) == U_FORMAT_CHAR;
    tok(s, &toks);
    if (toks.n != (invisible ? 0u : 1u))
      fail_msg("character 0x%02x: %zu tokens", c, toks.n);
    tokens_release(&toks);
  }
}

/*
 * tokenize() segments the lines made of wordbreak.h's simple set itself
 * and gives the others to ICU; ICU's word iterator on all of the text
 * (tokenize_icu()) defines the result.  Same tokens: spans, kinds, flags.
 */
static void expect_same(const char *s, size_t n) {
  struct tokens a = {0}, b = {0};
  unspin_error err;
  size_t i;
  assert_int_equal(tokenize(s, n, &a, &err), UNSPIN_OK);
  assert_int_equal(tokenize_icu(s, n, &b, &err), UNSPIN_OK);
  if ((i = tokens_mismatch(&a, &b)) != SIZE_MAX) {
    struct strbuf sb = STRBUF_INIT;
    strbuf_add_json(&sb, s, n);
    print_error("\"%s\": token %zu: [%u, %u) kind %u flags 0x%02x, ICU "
                "[%u, %u) kind %u flags 0x%02x\n",
                sb.buf, i, i < a.n ? a.v[i].start : 0,
                i < a.n ? a.v[i].end : 0, i < a.n ? a.v[i].kind : 0,
                i < a.n ? a.v[i].flags : 0, i < b.n ? b.v[i].start : 0,
                i < b.n ? b.v[i].end : 0, i < b.n ? b.v[i].kind : 0,
                i < b.n ? b.v[i].flags : 0);
    strbuf_release(&sb);
    fail();
  }
  tokens_release(&a);
  tokens_release(&b);
}

/* tokens_mismatch(): the first token differing in span, kind or flags,
 * a missing one included; the ids the matcher fills in do not count. */
static void test_tokens_mismatch(void **state) {
  struct tokens a = {0}, b = {0};
  (void)state;
  tok("Officials said it.", &a);
  tok("Officials said it.", &b);
  assert_true(tokens_mismatch(&a, &b) == SIZE_MAX);
  b.v[1].id = 7;
  b.v[1].lm = 9;
  assert_true(tokens_mismatch(&a, &b) == SIZE_MAX);
  b.v[2].flags ^= TOKF_CAPITAL;
  assert_int_equal(tokens_mismatch(&a, &b), 2);
  b.v[2].flags ^= TOKF_CAPITAL;
  b.v[1].kind = TOK_NUMBER;
  assert_int_equal(tokens_mismatch(&a, &b), 1);
  b.v[1].kind = a.v[1].kind;
  b.v[0].end--;
  assert_int_equal(tokens_mismatch(&a, &b), 0);
  b.v[0].end++;
  b.n--; /* b a prefix of a, and the other way round */
  assert_int_equal(tokens_mismatch(&a, &b), b.n);
  assert_int_equal(tokens_mismatch(&b, &a), b.n);
  tokens_release(&a);
  tokens_release(&b);
}

/* wordbreak.h's simple set, and the code points just outside it, which
 * must go to ICU. */
static const unsigned simple_ranges[][2] = {
    {0x0000, 0x007F}, {0x0080, 0x009F}, {0x00A0, 0x024F}, {0x0250, 0x0250},
    {0x200F, 0x200F}, {0x2010, 0x2027}, {0x2028, 0x2028}, {0x209F, 0x209F},
    {0x20A0, 0x20C0}, {0x20C1, 0x20C1}, {0xFAFF, 0xFAFF}, {0xFB00, 0xFB06},
    {0xFB07, 0xFB07}};

/*
 * Every code point of the simple set (and its neighbours) alone, next to
 * letters, digits, the joining punctuation, spaces and line breaks, and
 * doubled, at the start and end of lines and of the text.  The contexts
 * of one code point go into one text, a line each (a text per context
 * would multiply the cost of setting up a text, under valgrind above
 * all), and the code point alone is a text of its own.
 */
static void test_fast_path_each_char(void **state) {
  static const char *const contexts[] = {
      "%", "a%b", "1%2", "%%", "a%%b", "1%%2", " % ", "%\n", "\n%",
      "x\r%\r\n", "%\r\n%", "%\r%", "\v%\f", "a%", "%a", "1%", "%1", "_%_",
      "a.%", "%.a", "1,%", "%,1", "a\xe2\x80\x99%", "%\xe2\x80\x99" "a",
      "  %  ", "\t%\t", "a%1", "1%a", "%'%", "%.%", "%,%", "%\xc2\xb7%",
      "%_%", "@%@", "\"%\"", "Mr. %. Next %\n\nThen", "%"};
  size_t r, k;
  (void)state;
  for (r = 0; r < sizeof(simple_ranges) / sizeof(simple_ranges[0]); r++) {
    unsigned cp;
    for (cp = simple_ranges[r][0]; cp <= simple_ranges[r][1]; cp++) {
      struct strbuf sb = STRBUF_INIT;
      char c8[4];
      size_t l8 = utf8_encode(cp, c8);
      expect_same(c8, l8);
      for (k = 0; k < sizeof(contexts) / sizeof(contexts[0]); k++) {
        const char *p;
        if (k)
          strbuf_addch(&sb, '\n');
        for (p = contexts[k]; *p; p++)
          if (*p == '%')
            strbuf_add(&sb, c8, l8);
          else
            strbuf_addch(&sb, *p);
      }
      expect_same(sb.buf, sb.len);
      strbuf_release(&sb);
    }
  }
}

/*
 * Pseudo-random text (a fixed seed) over a weighted alphabet: mostly the
 * simple set, which wordbreak.c segments, and in a quarter of the strings
 * characters it leaves to ICU, some of which change how their neighbours
 * break (a combining accent or a format character attaches to what
 * precedes it, ZWJ to an emoji, Hebrew letters take '"' and '\'', Thai
 * goes to ICU's dictionary) and some of which are line breaks or spaces.
 * 4,000 strings, eight to a text: setting up a text (the UTF-16 copy, the
 * iterators' clones) costs more than segmenting a short one, ten times
 * more under valgrind.
 */
static void test_fast_path_random(void **state) {
  static const char *const simple[] = {
      "a", "e", "t", "Z", "s", "@", "\xc3\xa9", "\xc5\x82", "\xef\xac\x81",
      "0", "5", "9", ".", "'", "\xe2\x80\x99", "\xe2\x80\x98", ",", ";", ":",
      "_", " ", " ", " ", "\n", "\n\n", "\r\n", "\r", "\v", "\f", "\t", "\"",
      "-", "\xe2\x80\x93", "\xe2\x80\x94", "\xe2\x80\x9c", "\xe2\x80\x9d",
      "\xe2\x80\xa6", "\xc2\xa0", "\xc2\xb7", "\xe2\x80\xa7", "\xe2\x80\xa4",
      "\xc2\xa3", "\xe2\x82\xac", "\xc2\xa9", "%", "(", ")", "!", "?",
      "\x01"};
  static const char *const other[] = {
      "\xcc\x81",         /* U+0301 combining acute: Extend */
      "\xe2\x80\x8d",     /* U+200D ZWJ */
      "\xc2\xad",         /* U+00AD soft hyphen: Format */
      "\xf0\x9f\x98\x80", /* U+1F600, Extended_Pictographic */
      "\xe4\xb8\xad",     /* U+4E2D, a CJK ideograph */
      "\xe0\xb8\x81\xe0\xb8\xb2\xe0\xb8\xa3", /* Thai */
      "\xd7\x90",         /* U+05D0 Hebrew alef */
      "\xd7\x90\"",       /* ... with Double_Quote */
      "\xc2\x85",         /* U+0085 NEL: a line break */
      "\xe2\x80\xa8",     /* U+2028 line separator */
      "\xe2\x80\x89",     /* U+2009 thin space: WSegSpace */
      "\xe2\x80\x8b",     /* U+200B zero width space */
      "\xef\xbc\x8e",     /* U+FF0E fullwidth full stop: MidNumLet */
      "\xe2\x81\xa0"};    /* U+2060 word joiner: Format */
  const size_t nsimple = sizeof(simple) / sizeof(simple[0]);
  const size_t nother = sizeof(other) / sizeof(other[0]);
  struct strbuf sb = STRBUF_INIT;
  uint32_t seed = 20261125;
  int r;
  (void)state;
#define RAND() (seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff)
  for (r = 0; r < 4000; r++) {
    int k, len = (int)(RAND() % 48) + 1, mixed = RAND() % 4 == 0;
    if (r % 8 == 0)
      strbuf_reset(&sb);
    for (k = 0; k < len; k++) {
      unsigned w = RAND() % 10;
      const char *c;
      if (mixed && RAND() % 6 == 0)
        c = other[RAND() % nother];
      else if (w < 4) /* letters */
        c = simple[RAND() % 9];
      else if (w < 5) /* digits */
        c = simple[9 + RAND() % 3];
      else
        c = simple[RAND() % nsimple];
      strbuf_addstr(&sb, c);
    }
    if (r % 8 == 7)
      expect_same(sb.buf, sb.len);
  }
  strbuf_release(&sb);
#undef RAND
}

/*
 * Below the tokens, whose whitespace is folded into flags: wordbreak.c's
 * boundaries and rule statuses are ICU's, for every string of up to four
 * characters drawn from one or two representatives of each word break
 * class of the simple set (111,150 strings).  The rules that apply decide
 * a boundary from at most two characters on either side and the status
 * from a segment's last two, so four characters reach every case;
 * UNSPIN_SLOW_TESTS=1 goes to six (36 million strings).
 */
struct wb_check {
  UBreakIterator *wb;
  char s[64];
  UChar u[64];
  long strings;
};

static void wb_compare(struct wb_check *c, size_t n) {
  UErrorCode st = U_ZERO_ERROR;
  int32_t n16, b;
  size_t at = 0, at16 = 0;
  u_strFromUTF8(c->u, 64, &n16, c->s, (int32_t)n, &st);
  ubrk_setText(c->wb, c->u, n16, &st);
  assert_false(U_FAILURE(st));
  ubrk_first(c->wb);
  while (at < n) {
    size_t units, len, i;
    int simple;
    len = wordbreak_line(c->s + at, n - at, &units, &simple);
    assert_true(simple);
    for (i = 0; i < len;) {
      size_t u;
      int status;
      i = wordbreak_next(c->s + at, len, i, &u, &status);
      at16 += u;
      b = ubrk_next(c->wb);
      if (b != (int32_t)at16 || ubrk_getRuleStatus(c->wb) != status) {
        struct strbuf sb = STRBUF_INIT;
        strbuf_add_json(&sb, c->s, n);
        fail_msg("\"%s\": boundary %zu status %d, ICU %d status %d", sb.buf,
                 at16, status, b, ubrk_getRuleStatus(c->wb));
      }
    }
    at += len;
  }
  assert_int_equal(ubrk_next(c->wb), UBRK_DONE);
  c->strings++;
}

static void wb_all(struct wb_check *c, const char *const *alpha, size_t na,
                   size_t len, int depth, int max) {
  size_t k;
  if (depth)
    wb_compare(c, len);
  if (depth == max)
    return;
  for (k = 0; k < na; k++) {
    size_t l = strlen(alpha[k]);
    memcpy(c->s + len, alpha[k], l);
    wb_all(c, alpha, na, len + l, depth + 1, max);
  }
}

static void test_wordbreak_all_short(void **state) {
  /* ALetter (and '@'), Numeric, MidLetter, MidNumLet, Single_Quote,
   * MidNum, ExtendNumLet, WSegSpace, CR, LF, Newline, Double_Quote, and
   * Other: ':', tab, NBSP, U+00A9 (Extended_Pictographic) */
  static const char *const alpha[] = {
      "a", "@", "5", "\xc2\xb7", ".", "'", "\xe2\x80\x99", ",", "_", " ",
      "\r", "\n", "\v", "\"", ":", "\t", "\xc2\xa0", "\xc2\xa9"};
  const char *slow = getenv("UNSPIN_SLOW_TESTS");
  int max = slow && !strcmp(slow, "1") ? 6 : 4;
  struct wb_check c;
  UErrorCode st = U_ZERO_ERROR;
  (void)state;
  memset(&c, 0, sizeof(c));
  c.wb = ubrk_open(UBRK_WORD, "en_US", NULL, 0, &st);
  assert_false(U_FAILURE(st));
  wb_all(&c, alpha, sizeof(alpha) / sizeof(alpha[0]), 0, 0, max);
  /* 18 + 18^2 + ... + 18^max */
  assert_int_equal(c.strings, max == 4 ? 111150 : 36012942);
  ubrk_close(c.wb);
}

/* What ICU does with the cases the fast path must reproduce; if a new ICU
 * changes one of them, the comparisons above say whether wordbreak.c
 * follows. */
static void test_icu_cases(void **state) {
  static const struct {
    const char *text;
    const char *tokens; /* token texts and kinds, '|'-separated */
  } cases[] = {
      {"12th a1 1a a12", "12th w|a1 n|1a w|a12 n"},
      {"1,000.5 1;2 1:2", "1,000.5 n|1;2 n|1 n|: p|2 n"},
      {"e.g. U.S. a:b", "e.g w|. p|U.S w|. p|a w|: p|b w"},
      {"don't don\xe2\x80\x99t 'a' 1'2", "don't w|don\xe2\x80\x99t w|' p|a w|"
                                         "' p|1'2 n"},
      {"_ __ a_ 1_ _1 1__ a_1 x@y.z @", "_ p|__ w|a_ w|1_ n|_1 n|1__ w|a_1 n|"
                                        "x@y.z w|@ w"},
      {"a\xc2\xb7" "b caf\xc3\xa9 \xef\xac\x81nd \xc2\xa3" "5",
       "a\xc2\xb7" "b w|caf\xc3\xa9 w|\xef\xac\x81nd w|\xc2\xa3 p|5 n"}};
  size_t i;
  (void)state;
  for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    struct tokens toks;
    struct strbuf got = STRBUF_INIT;
    size_t k;
    tok(cases[i].text, &toks);
    for (k = 0; k < toks.n; k++)
      strbuf_addf(&got, "%s%.*s %c", k ? "|" : "",
                  (int)(toks.v[k].end - toks.v[k].start),
                  cases[i].text + toks.v[k].start,
                  " wnp"[toks.v[k].kind]);
    assert_string_equal(got.buf, cases[i].tokens);
    strbuf_release(&got);
    tokens_release(&toks);
    expect_same(cases[i].text, strlen(cases[i].text));
  }
}

static void test_too_large(void **state) {
  struct tokens toks = {0};
  unspin_error err;
  (void)state;
  /* refused before the text is read: the pointer is never dereferenced */
  assert_int_equal(tokenize("x", (size_t)INT32_MAX + 1, &toks, &err),
                   UNSPIN_ERR_ARG);
  assert_int_equal(err.code, UNSPIN_ERR_ARG);
  assert_string_equal(err.msg,
                      "input too large (2147483648 bytes; the limit is 2 GiB)");
  assert_int_equal(toks.n, 0);
  assert_null(toks.v);
}

static void test_words_only(void **state) {
  /* the same tokens as tokenize(), but sentence starts only at the first */
  static const char s[] = "It ended. Then \"it\" rained! Yes.";
  struct tokens a, b = {0};
  size_t i;
  (void)state;
  tok(s, &a);
  assert_int_equal(tokenize_words(s, strlen(s), &b, NULL), UNSPIN_OK);
  assert_int_equal(a.n, b.n);
  for (i = 0; i < a.n; i++) {
    assert_int_equal(a.v[i].start, b.v[i].start);
    assert_int_equal(a.v[i].end, b.v[i].end);
    assert_int_equal(a.v[i].kind, b.v[i].kind);
    assert_int_equal(a.v[i].flags & ~TOKF_SENT_START,
                     b.v[i].flags & ~TOKF_SENT_START);
    if (i)
      expect_flags(&b.v[i], 0, TOKF_SENT_START);
  }
  expect_flags(&b.v[0], TOKF_SENT_START, 0);
  expect_flags(&a.v[FIND(s, &a, "Then")], TOKF_SENT_START, 0);
  tokens_release(&a);
  tokens_release(&b);
}

/* tokenize_normalize of a NUL-terminated string into out[cap]. */
static size_t norm(const char *s, char *out, size_t cap) {
  return tokenize_normalize(s, strlen(s), out, cap);
}

static void test_normalize(void **state) {
  char out[64];
  (void)state;
  assert_int_equal(norm("Push", out, sizeof(out)), 4);
  assert_string_equal(out, "push");
  assert_int_equal(norm("NATO's", out, sizeof(out)), 6);
  assert_string_equal(out, "nato's");
  /* every typographic apostrophe folds to ' */
  assert_int_equal(norm("Don\xe2\x80\x99t", out, sizeof(out)), 5);
  assert_string_equal(out, "don't");
  assert_int_equal(norm("\xe2\x80\x98" "tis", out, sizeof(out)), 4);
  assert_string_equal(out, "'tis");
  assert_int_equal(norm("O\xca\xbc" "ahu", out, sizeof(out)), 5);
  assert_string_equal(out, "o'ahu");
  /* non-ASCII letters are lower-cased too */
  assert_int_equal(norm("\xc3\x89" "COLE", out, sizeof(out)), 6);
  assert_string_equal(out, "\xc3\xa9" "cole");
  assert_int_equal(norm("\xc3\x89mile\xe2\x80\x99s", out, sizeof(out)), 8);
  assert_string_equal(out, "\xc3\xa9mile's");
  assert_int_equal(norm("\xce\xa3\xce\x9f\xce\xa6\xce\x99\xce\x91", out,
                        sizeof(out)),
                   10);
  assert_string_equal(out, "\xcf\x83\xce\xbf\xcf\x86\xce\xb9\xce\xb1");
  /* digits and punctuation stay */
  assert_int_equal(norm("1,000", out, sizeof(out)), 5);
  assert_string_equal(out, "1,000");
  /* only n bytes are read */
  assert_int_equal(tokenize_normalize("ABCDEF", 3, out, sizeof(out)), 3);
  assert_string_equal(out, "abc");
}

static void test_normalize_fit(void **state) {
  char out[8];
  (void)state;
  /* the NUL needs room: 3 bytes fit in 4, not in 3 */
  assert_int_equal(norm("ABC", out, 4), 3);
  assert_string_equal(out, "abc");
  assert_int_equal(norm("ABC", out, 3), 0);
  /* the non-ASCII path likewise */
  assert_int_equal(norm("\xc3\x89t\xc3\xa9", out, 6), 5);
  assert_string_equal(out, "\xc3\xa9t\xc3\xa9");
  assert_int_equal(norm("\xc3\x89t\xc3\xa9", out, 5), 0);
  assert_int_equal(norm("\xc3\x89t\xc3\xa9", out, 1), 0);
  /* a long word does not fit the internal buffer either */
  {
    char big[600], res[1024];
    size_t i;
    for (i = 0; i + 2 < sizeof(big); i += 2) {
      big[i] = '\xc3';
      big[i + 1] = '\x89';
    }
    big[i] = '\0';
    assert_int_equal(norm(big, res, sizeof(res)), 0);
  }
}

static void collect(void *arg, const char *t, size_t len) {
  struct strbuf *sb = arg;
  strbuf_add(sb, t, len);
  strbuf_addch(sb, '|');
}

/* The normalised tokens of a phrase, joined by '|'; caller frees. */
static char *phrase(const char *s, int *count) {
  struct strbuf sb = STRBUF_INIT;
  unspin_error err;
  *count = tokenize_phrase(s, strlen(s), collect, &sb, &err);
  return strbuf_detach(&sb, NULL);
}

static void test_phrase(void **state) {
  char *a, *b;
  int n, m;
  (void)state;
  a = phrase("push again", &n);
  assert_int_equal(n, 2);
  assert_string_equal(a, "push|again|");
  free(a);
  a = phrase("Push  Again", &n);
  assert_string_equal(a, "push|again|");
  free(a);
  /* the apostrophe forms split alike */
  a = phrase("1000\xe2\x80\x99s", &n);
  b = phrase("1000's", &m);
  assert_int_equal(n, m);
  assert_true(n >= 1);
  assert_string_equal(a, b);
  free(a);
  free(b);
  a = phrase("Don\xe2\x80\x99t know", &n);
  assert_int_equal(n, 2);
  assert_string_equal(a, "don't|know|");
  free(a);
  a = phrase("u.s.", &n);
  b = phrase("U.S.", &m);
  assert_int_equal(n, m);
  assert_string_equal(a, b);
  free(a);
  free(b);
  a = phrase("", &n);
  assert_int_equal(n, 0);
  assert_string_equal(a, "");
  free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_byte_offsets),
      cmocka_unit_test(test_sentences_after_wide_text),
      cmocka_unit_test(test_kinds),
      cmocka_unit_test(test_space_flags),
      cmocka_unit_test(test_crlf_single),
      cmocka_unit_test(test_sentence_start),
      cmocka_unit_test(test_case_flags),
      cmocka_unit_test(test_quoted),
      cmocka_unit_test(test_quote_ends_at_paragraph),
      cmocka_unit_test(test_empty_and_space_only),
      cmocka_unit_test(test_ascii_kinds),
      cmocka_unit_test(test_tokens_mismatch),
      cmocka_unit_test(test_fast_path_each_char),
      cmocka_unit_test(test_fast_path_random),
      cmocka_unit_test(test_wordbreak_all_short),
      cmocka_unit_test(test_icu_cases),
      cmocka_unit_test(test_too_large),
      cmocka_unit_test(test_words_only),
      cmocka_unit_test(test_normalize),
      cmocka_unit_test(test_normalize_fit),
      cmocka_unit_test(test_phrase),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
