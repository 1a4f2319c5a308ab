/*
 * test_decide.c - the context model on sentences of our own: the n-gram
 * model must prefer the original where it obviously should, the decision
 * must repair a spun text and leave a clean one alone, and the document
 * estimate must separate the two.
 *
 * Unlike the other unit tests this one reads the shipped data (dicts/,
 * rules/; $UNSPIN_DATADIR or the current directory): what it checks is the
 * quality of that data and model, which a toy model cannot show.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ngram.h"
#include "strbuf.h"
#include "tokenize.h"
#include "unspin.h"

static unspin_ctx *ctx;

static const char *datadir(void) {
  const char *d = getenv("UNSPIN_DATADIR");
  return d && *d ? d : ".";
}

static int setup(void **state) {
  unspin_error err;
  (void)state;
  ctx = unspin_ctx_new();
  if (unspin_ctx_load_default(ctx, datadir(), NULL, &err) ||
      unspin_ctx_prepare(ctx, &err)) {
    print_error("cannot load data from %s: %s: %s\n", datadir(), err.path,
                err.msg);
    return -1;
  }
  return 0;
}

static int teardown(void **state) {
  (void)state;
  unspin_ctx_free(ctx);
  return 0;
}

/* Written for these tests, in the style of a news report. */
static const char clean_text[] =
    "The city council said on Tuesday that it would vote next week on a "
    "plan to build more homes near the river. Officials said the project "
    "could cost more than 20 million dollars and would take at least two "
    "years to complete.\n\nResidents who live in the area were divided. "
    "Some said the new homes were badly needed, while others worried about "
    "traffic and noise.\n";

/* The same, as a synonym spinner of the kind unspin targets rewrites it. */
static const char spun_text[] =
    "The town council stated on Tuesday that it would vote subsequent week "
    "on a plan to construct extra houses close to the river. Officers "
    "mentioned the venture may price greater than 20 million dollars and "
    "would take at the very least two years to finish.\n\nResidents who "
    "reside within the space had been divided. Some stated the brand new "
    "houses had been badly wanted, whereas others frightened about site "
    "visitors and noise.\n";

struct lmids {
  uint32_t v[64];
  size_t n;
  const struct ngram *m;
};

static void add_id(void *arg, const char *tok, size_t len) {
  struct lmids *ids = arg;
  if (ids->n < 64)
    ids->v[ids->n++] = ngram_word(ids->m, tok, len);
}

/* log10 P(sentence) under the shipped model, with <s> and </s>. */
static double sentence_score(const struct ngram *m, const char *s) {
  struct lmids ids;
  unspin_error err;
  memset(&ids, 0, sizeof(ids));
  ids.m = m;
  ids.v[ids.n++] = ngram_bos(m);
  assert_true(tokenize_phrase(s, strlen(s), add_id, &ids, &err) > 0);
  ids.v[ids.n++] = ngram_eos(m);
  return ngram_score(m, ids.v, 1, ids.n);
}

static void test_model_prefers_originals(void **state) {
  static const char *pairs[][2] = {
      {"the minister said on monday", "the minister stated on monday"},
      {"security forces arrived in the city", "safety forces arrived in the city"},
      {"the city where fighting was heavy", "the city the place preventing was heavy"},
      {"they came back to the village", "they came again to the village"},
      {"more than a dozen people were hurt", "greater than a dozen people were hurt"},
      {"the process was almost complete", "the course of was almost complete"},
      {"tens of thousands of people", "tens of hundreds of people"},
  };
  struct strbuf path = STRBUF_INIT;
  unspin_error err;
  struct ngram *m;
  size_t i;
  (void)state;
  strbuf_addf(&path, "%s/dicts/en/model.bin", datadir());
  m = ngram_open(path.buf, &err);
  strbuf_release(&path);
  assert_non_null(m);
  for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
    double orig = sentence_score(m, pairs[i][0]);
    double spun = sentence_score(m, pairs[i][1]);
    if (!(orig > spun))
      print_error("'%s' %.2f <= '%s' %.2f\n", pairs[i][0], orig, pairs[i][1],
                  spun);
    assert_true(orig > spun);
  }
  ngram_close(m);
}

static unspin_doc *check(const char *text) {
  unspin_error err;
  unspin_doc *doc = unspin_check(ctx, text, strlen(text), NULL, &err);
  assert_non_null(doc);
  return doc;
}

static void test_clean_text_is_left_alone(void **state) {
  unspin_doc *doc = check(clean_text);
  (void)state;
  assert_int_equal(unspin_doc_count_applied(doc), 0);
  assert_true(unspin_doc_spin_estimate(doc) < 0.01);
  unspin_doc_free(doc);
}

static const unspin_finding *finding(const unspin_doc *doc, const char *spun,
                                     const char *orig) {
  size_t i;
  for (i = 0; i < unspin_doc_count(doc); i++) {
    const unspin_finding *f = unspin_doc_get(doc, i);
    if (!strcmp(f->spun, spun) && !strcmp(f->replacement, orig))
      return f;
  }
  return NULL;
}

static int fixed(const unspin_doc *doc, const char *spun, const char *orig) {
  return finding(doc, spun, orig) != NULL;
}

static void test_spun_text_is_repaired(void **state) {
  unspin_doc *doc = check(spun_text);
  size_t i;
  (void)state;
  /* telltales and rules */
  assert_true(fixed(doc, "at the very least", "at least"));
  /* ordinary words and phrases, decided in context */
  assert_true(fixed(doc, "stated", "said"));
  assert_true(fixed(doc, "subsequent", "next"));
  assert_true(fixed(doc, "construct", "build"));
  assert_true(fixed(doc, "close to", "near"));
  /* "greater than" is held back beside "price" (for "cost"): a pair seen
   * once, below the bar, so the n-gram evidence for the rule's fix rests
   * on a neighbour that stays spun (decide.c, neighbour_discount()) */
  assert_false(fixed(doc, "greater than", "more than"));
  /* "had been" next to the spun "the space" is doubtful: held back */
  assert_false(fixed(doc, "had been", "were"));
  /* every finding is confident and its evidence is recorded */
  for (i = 0; i < unspin_doc_count(doc); i++) {
    const unspin_finding *f = unspin_doc_get(doc, i);
    assert_true(f->confidence >= UNSPIN_DEFAULT_MIN_CONFIDENCE);
    assert_true(f->confidence <= 1.0);
  }
  assert_true(unspin_doc_count_applied(doc) >= 6);
  unspin_doc_free(doc);
}

/* Spun words cluster (decide.c, couple_neighbours()).  "Officers
 * mentioned" for "Officials said": either word alone is honest English and
 * a weak candidate, but each is the likelier spun for the other being so.
 * Without the coupling "mentioned" stays below the bar (0.66) and
 * "Officers" is not on the best path at all. */
static void test_spun_neighbours_raise_each_other(void **state) {
  unspin_check_options opts = {0.0, 1, 0, UNSPIN_MARKUP_TEXT, NULL};
  unspin_error err;
  unspin_doc *doc =
      unspin_check(ctx, spun_text, strlen(spun_text), &opts, &err);
  const unspin_finding *officers, *mentioned;
  (void)state;
  assert_non_null(doc);
  officers = finding(doc, "Officers", "Officials");
  mentioned = finding(doc, "mentioned", "said");
  assert_non_null(officers);
  assert_non_null(mentioned);
  assert_true(officers->confidence > 0.5);
  assert_true(mentioned->confidence >= UNSPIN_DEFAULT_MIN_CONFIDENCE);
  unspin_doc_free(doc);
}

static void test_document_estimate_separates(void **state) {
  unspin_doc *c = check(clean_text), *s = check(spun_text);
  (void)state;
  assert_true(unspin_doc_spin_estimate(s) > 0.05);
  assert_true(unspin_doc_spin_estimate(s) > 10 * unspin_doc_spin_estimate(c));
  unspin_doc_free(c);
  unspin_doc_free(s);
}

static void test_explain_keeps_the_evidence(void **state) {
  unspin_check_options opts = {0.0, 1, 0, UNSPIN_MARKUP_TEXT, NULL};
  unspin_error err;
  unspin_doc *doc =
      unspin_check(ctx, spun_text, strlen(spun_text), &opts, &err);
  size_t i, with_scores = 0;
  (void)state;
  assert_non_null(doc);
  for (i = 0; i < unspin_doc_count(doc); i++) {
    const unspin_finding *f = unspin_doc_get(doc, i);
    if (f->score_spun != 0 && f->score_orig != 0) {
      with_scores++;
      assert_true(f->channel > 0 && f->channel <= 1);
    }
  }
  assert_true(with_scores > 0);
  unspin_doc_free(doc);
}

/* unspin_check_buffer() takes the text instead of copying it: the same
 * findings, and the buffer freed on every path (the sanitizer and valgrind
 * runs would report a leak or a double free). */
static void test_check_buffer(void **state) {
  unspin_error err;
  unspin_doc *a = check(spun_text), *b;
  char *buf = strdup(spun_text);
  size_t i;
  (void)state;
  b = unspin_check_buffer(ctx, buf, strlen(buf), NULL, &err);
  assert_non_null(b);
  assert_int_equal(unspin_doc_count(a), unspin_doc_count(b));
  for (i = 0; i < unspin_doc_count(a); i++)
    assert_int_equal(unspin_doc_get(a, i)->start, unspin_doc_get(b, i)->start);
  assert_ptr_equal(unspin_doc_text(b, NULL), buf);
  unspin_doc_free(a);
  unspin_doc_free(b);
  /* errors free it too: bad UTF-8, and a buffer without its NUL */
  buf = strdup("caf\xC3 au lait");
  assert_null(unspin_check_buffer(ctx, buf, strlen(buf), NULL, &err));
  assert_int_equal(err.code, UNSPIN_ERR_UTF8);
  buf = strdup("abc");
  assert_null(unspin_check_buffer(ctx, buf, 2, NULL, &err));
  assert_int_equal(err.code, UNSPIN_ERR_ARG);
}

/* a temporary file holding n bytes of data; caller unlink()s and free()s */
static char *temp_file(const char *data, size_t n) {
  const char *dir = getenv("TMPDIR");
  char *path = malloc(4096);
  FILE *f;
  int fd;
  assert_non_null(path);
  snprintf(path, 4096, "%s/unspin-test-XXXXXX", dir && *dir ? dir : "/tmp");
  fd = mkstemp(path);
  assert_true(fd >= 0);
  f = fdopen(fd, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(data, 1, n, f), n);
  assert_int_equal(fclose(f), 0);
  return path;
}

static int collect(void *user, const char *buf, size_t len) {
  strbuf_add(user, buf, len);
  return 0;
}

static int refuse(void *user, const char *buf, size_t len) {
  (void)user, (void)buf, (void)len;
  return 7;
}

/* unspin_check_file() maps the file: the findings of unspin_check(), also
 * for a file ending on a page boundary (its NUL then comes from a page of
 * its own), and the errors of reading it; unspin_render_to() streams what
 * unspin_render() returns. */
static void test_check_file(void **state) {
  static const enum unspin_format fmts[] = {
      UNSPIN_FORMAT_DIFF, UNSPIN_FORMAT_TEXT, UNSPIN_FORMAT_LINES,
      UNSPIN_FORMAT_JSON, UNSPIN_FORMAT_WORD_DIFF};
  size_t sizes[2], k, i, f;
  char *page = malloc(8192);
  (void)state;
  assert_non_null(page);
  /* the spun text padded with spaces to exactly two pages */
  memset(page, ' ', 8192);
  memcpy(page, spun_text, strlen(spun_text));
  page[8191] = '\n';
  sizes[0] = strlen(spun_text);
  sizes[1] = 8192;
  for (k = 0; k < 2; k++) {
    const char *data = k ? page : spun_text;
    char *path = temp_file(data, sizes[k]);
    unspin_error err;
    unspin_doc *a = unspin_check(ctx, data, sizes[k], NULL, &err);
    unspin_doc *b = unspin_check_file(ctx, path, NULL, &err);
    size_t len;
    assert_non_null(a);
    assert_non_null(b);
    assert_true(unspin_doc_count(a) > 0);
    assert_int_equal(unspin_doc_count(a), unspin_doc_count(b));
    for (i = 0; i < unspin_doc_count(a); i++) {
      assert_int_equal(unspin_doc_get(a, i)->start,
                       unspin_doc_get(b, i)->start);
      assert_string_equal(unspin_doc_get(a, i)->replacement,
                          unspin_doc_get(b, i)->replacement);
    }
    assert_int_equal(unspin_doc_text(b, &len)[sizes[k]], '\0');
    assert_int_equal(len, sizes[k]);
    for (f = 0; f < sizeof(fmts) / sizeof(fmts[0]); f++) {
      struct strbuf sb = STRBUF_INIT;
      char *want = unspin_render(a, fmts[f], "t.txt", &len);
      assert_int_equal(unspin_render_to(b, fmts[f], "t.txt", collect, &sb), 0);
      assert_int_equal(sb.len, len);
      assert_memory_equal(sb.buf, want, len);
      free(want);
      strbuf_release(&sb);
    }
    assert_int_equal(unspin_render_to(b, UNSPIN_FORMAT_DIFF, "t", refuse, NULL),
                     7);
    unspin_doc_free(a);
    unspin_doc_free(b);
    unlink(path);
    free(path);
  }
  free(page);
  {
    unspin_error err;
    char *path = temp_file("caf\xC3 au lait", 12);
    assert_null(unspin_check_file(ctx, path, NULL, &err));
    assert_int_equal(err.code, UNSPIN_ERR_UTF8);
    unlink(path);
    assert_null(unspin_check_file(ctx, path, NULL, &err));
    assert_int_equal(err.code, UNSPIN_ERR_IO);
    free(path);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_check_buffer),
      cmocka_unit_test(test_check_file),
      cmocka_unit_test(test_model_prefers_originals),
      cmocka_unit_test(test_clean_text_is_left_alone),
      cmocka_unit_test(test_spun_text_is_repaired),
      cmocka_unit_test(test_spun_neighbours_raise_each_other),
      cmocka_unit_test(test_document_estimate_separates),
      cmocka_unit_test(test_explain_keeps_the_evidence),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
