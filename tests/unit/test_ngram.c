/*
 * test_ngram.c - the compact trigram model: build tests/data/tiny-lm.tsv,
 * map it, check every back-off path, and check that damaged files (flipped
 * bytes, truncation, wrong magic or version, bad offsets behind a good
 * checksum) are clean errors.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ngram.h"
#include "util.h"
#include "testutil.h"

#ifndef UNSPIN_TEST_DATA
#define UNSPIN_TEST_DATA "tests/data"
#endif

#define TINY UNSPIN_TEST_DATA "/tiny-lm.tsv"
#define EPS 1e-4f

struct fixture {
  char dir[256];
  char model[300];
  unsigned char *bytes; /* the model file as built */
  size_t size;
};

static void path_in(const struct fixture *f, const char *name, char *out,
                    size_t n) {
  snprintf(out, n, "%s/%s", f->dir, name);
}

static int build_file(const char *tsv, const char *out, double prune,
                      struct ngram_build_stats *st, unspin_error *err) {
  struct ngram_build_opts o;
  FILE *in = fopen(tsv, "r");
  int rc;
  assert_non_null(in);
  memset(&o, 0, sizeof(o));
  o.prune = prune;
  o.in_name = tsv;
  o.stats = st;
  rc = ngram_build(in, out, &o, err);
  fclose(in);
  return rc;
}

/* Build from text written to DIR/in.tsv; messages name it "test.tsv". */
static int build_string(const char *dir, const char *text, const char *out,
                        struct ngram_build_stats *st, unspin_error *err) {
  struct ngram_build_opts o;
  char p[300];
  FILE *in;
  int rc;
  snprintf(p, sizeof(p), "%s/in.tsv", dir);
  write_file(p, text, strlen(text));
  in = fopen(p, "r");
  assert_non_null(in);
  memset(&o, 0, sizeof(o));
  o.in_name = "test.tsv";
  o.stats = st;
  rc = ngram_build(in, out, &o, err);
  fclose(in);
  unlink(p);
  return rc;
}

static int setup(void **state) {
  struct fixture *f = xcalloc(1, sizeof(*f));
  const char *tmp = getenv("TMPDIR");
  unspin_error err;
  snprintf(f->dir, sizeof(f->dir), "%s/unspin-ngram-XXXXXX",
           tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(f->dir)) {
    free(f);
    return -1;
  }
  path_in(f, "model.bin", f->model, sizeof(f->model));
  if (build_file(TINY, f->model, 0, NULL, &err)) {
    fprintf(stderr, "cannot build %s: %s:%u: %s\n", TINY, err.path, err.line,
            err.msg);
    rmdir(f->dir);
    free(f);
    return -1;
  }
  f->bytes = read_file(f->model, &f->size);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  struct fixture *f = *state;
  remove_temp_dir(f->dir);
  free(f->bytes);
  free(f);
  return 0;
}

static struct ngram *open_ok(const char *path) {
  unspin_error err;
  struct ngram *m = ngram_open(path, &err);
  if (!m)
    fail_msg("ngram_open %s: %s", path, err.msg);
  return m;
}

static uint32_t id(const struct ngram *m, const char *w) {
  return ngram_word(m, w, strlen(w));
}

/* log10 P(w | words of h), h as a space-separated string ("" = none) */
static float prob(const struct ngram *m, const char *h, const char *w) {
  uint32_t ids[4];
  size_t n = 0;
  char buf[128], *p, *save = NULL;
  snprintf(buf, sizeof(buf), "%s", h);
  for (p = strtok_r(buf, " ", &save); p; p = strtok_r(NULL, " ", &save))
    ids[n++] = id(m, p);
  return ngram_prob(m, ids, n, id(m, w));
}

static void expect_error(const char *path, enum unspin_status code,
                         const char *msg) {
  unspin_error err;
  struct ngram *m = ngram_open(path, &err);
  if (m) {
    ngram_close(m);
    fail_msg("%s opened; expected '%s'", path, msg);
  }
  assert_int_equal(err.code, code);
  assert_string_equal(err.msg, msg);
  assert_string_equal(err.path, path);
}

/*
 * A changed byte is an error at open: one the structure check can see with
 * its own message, any other (a stored value: value_only) as a checksum
 * mismatch.
 */
static void expect_damaged(const char *path, int value_only) {
  unspin_error err;
  struct ngram *m = ngram_open(path, &err);
  if (m) {
    ngram_close(m);
    fail_msg("%s opened", path);
  }
  assert_int_equal(err.code, UNSPIN_ERR_MODEL);
  if (value_only)
    assert_string_equal(err.msg, "model checksum mismatch");
}

/* ---- round trip --------------------------------------------------------- */

static void test_vocab(void **state) {
  struct fixture *f = *state;
  struct ngram *m = open_ok(f->model);
  assert_int_equal(ngram_verify(m, f->model, NULL), UNSPIN_OK);
  assert_int_equal(ngram_vocab_size(m), 12);
  assert_int_equal(ngram_count(m, 1), 12);
  assert_int_equal(ngram_count(m, 2), 8);
  assert_int_equal(ngram_count(m, 3), 3);
  assert_int_equal(ngram_count(m, 4), 0);
  /* ids follow descending unigram probability */
  assert_int_equal(id(m, "</s>"), 1);
  assert_int_equal(id(m, "the"), 2);
  assert_int_equal(ngram_eos(m), 1);
  assert_int_equal(ngram_bos(m), id(m, "<s>"));
  assert_int_equal(ngram_bos(m), 12);
  assert_true(id(m, "minister") > 0);
  assert_int_equal(id(m, "ministers"), 0);
  assert_int_equal(id(m, "minis"), 0);
  assert_int_equal(id(m, "Minister"), 0);
  assert_int_equal(id(m, ""), 0);
  assert_int_equal(ngram_word(m, "ministerial", 8), id(m, "minister"));
  ngram_close(m);
}

static void test_probs(void **state) {
  struct fixture *f = *state;
  struct ngram *m = open_ok(f->model);
  /* unigrams */
  assert_float_equal(prob(m, "", "the"), -1.2f, EPS);
  assert_float_equal(prob(m, "", "city"), -3.1f, EPS);
  /* listed bigram and trigrams */
  assert_float_equal(prob(m, "the", "minister"), -2.0f, EPS);
  assert_float_equal(prob(m, "<s> the", "minister"), -0.5f, EPS);
  assert_float_equal(prob(m, "the minister", "said"), -0.8f, EPS);
  assert_float_equal(prob(m, "minister said", "on"), -1.2f, EPS);
  /* unseen trigram, context with back-off -0.2, listed bigram */
  assert_float_equal(prob(m, "<s> the", "city"), -0.2f - 2.3f, EPS);
  /* unseen trigram and bigram: both back-off weights, then the unigram */
  assert_float_equal(prob(m, "<s> the", "monday"), -0.2f - 0.4f - 3.2f,
                     EPS);
  assert_float_equal(prob(m, "the minister", "stated"), -0.35f - 0.3f - 3.5f,
                     EPS);
  /* a context that is not a listed bigram has back-off 0 */
  assert_float_equal(prob(m, "said the", "minister"), -2.0f, EPS);
  assert_float_equal(prob(m, "the safety", "forces"), -0.05f - 3.4f, EPS);
  /* a bigram context with weight 0 */
  assert_float_equal(prob(m, "said on", "monday"), -1.1f, EPS);
  assert_float_equal(prob(m, "the security", "forces"), -0.7f, EPS);
  /* the preference the model is for */
  assert_true(prob(m, "the minister", "said") >
              prob(m, "the minister", "stated"));
  assert_true(prob(m, "", "security") + prob(m, "security", "forces") >
              prob(m, "", "safety") + prob(m, "safety", "forces"));
  ngram_close(m);
}

static void test_unknown(void **state) {
  struct fixture *f = *state;
  struct ngram *m = open_ok(f->model);
  uint32_t h[3];
  assert_float_equal(prob(m, "the", "zebra"), NGRAM_UNK_LOGPROB, 0);
  assert_float_equal(ngram_prob(m, NULL, 0, 0), NGRAM_UNK_LOGPROB, 0);
  assert_float_equal(ngram_prob(m, NULL, 0, 9999), NGRAM_UNK_LOGPROB, 0);
  /* an unknown word keeps only the history after it */
  assert_float_equal(prob(m, "zebra minister", "said"), -1.5f, EPS);
  assert_float_equal(prob(m, "minister zebra", "said"), -2.5f, EPS);
  assert_float_equal(prob(m, "zebra", "said"), -2.5f, EPS);
  h[0] = 9999; /* out of range ids count as unknown */
  h[1] = id(m, "minister");
  assert_float_equal(ngram_prob(m, h, 2, id(m, "said")), -1.5f, EPS);
  h[0] = id(m, "minister");
  h[1] = 9999;
  assert_float_equal(ngram_prob(m, h, 2, id(m, "said")), -2.5f, EPS);
  /* more than two words of history: the last two count */
  h[0] = id(m, "security");
  h[1] = id(m, "the");
  h[2] = id(m, "minister");
  assert_float_equal(ngram_prob(m, h, 3, id(m, "said")), -0.8f, EPS);
  ngram_close(m);
}

/* Numbers are spelled as the model's text spelled them, one word a token:
 * the value's word to twenty, its tens to ninety-nine, then hundred,
 * nineteen / two for a year, thousand. */
static void test_numbers(void **state) {
  struct fixture *f = *state;
  static const char lm[] =
      "1\t-1.0\t0.0\t</s>\n1\t-99.0\t0.0\t<s>\n"
      "1\t-2.0\t0.0\tzero\n1\t-2.0\t0.0\ttwelve\n"
      "1\t-2.0\t0.0\ttwenty\n1\t-2.0\t0.0\teighty\n"
      "1\t-2.0\t0.0\thundred\n1\t-2.0\t0.0\tnineteen\n"
      "1\t-2.0\t0.0\ttwo\n1\t-2.0\t0.0\tthousand\n"
      "1\t-2.0\t0.0\tpercent\n";
  char out[300];
  unspin_error err;
  struct ngram *m;
  path_in(f, "numbers.bin", out, sizeof(out));
  assert_int_equal(build_string(f->dir, lm, out, NULL, &err), UNSPIN_OK);
  m = open_ok(out);
  assert_int_equal(ngram_number(m, "12", 2), id(m, "twelve"));
  assert_int_equal(ngram_number(m, "0", 1), id(m, "zero"));
  assert_int_equal(ngram_number(m, "20", 2), id(m, "twenty"));
  assert_int_equal(ngram_number(m, "84", 2), id(m, "eighty"));
  assert_int_equal(ngram_number(m, "12.5", 4), id(m, "twelve"));
  assert_int_equal(ngram_number(m, "405", 3), id(m, "hundred"));
  assert_int_equal(ngram_number(m, "1985", 4), id(m, "nineteen"));
  assert_int_equal(ngram_number(m, "2021", 4), id(m, "two"));
  assert_int_equal(ngram_number(m, "1,000", 5), id(m, "thousand"));
  assert_int_equal(ngram_number(m, "31,000,000,000,000", 18),
                   id(m, "thousand"));
  /* not a number, or a word the model lacks */
  assert_int_equal(ngram_number(m, "x12", 3), 0);
  assert_int_equal(ngram_number(m, "", 0), 0);
  assert_int_equal(ngram_number(m, "7", 1), 0);
  /* a token as the model's text spelled it: numbers, '%', words */
  assert_int_equal(ngram_token(m, "12", 2), id(m, "twelve"));
  assert_int_equal(ngram_token(m, "%", 1), id(m, "percent"));
  assert_int_equal(ngram_token(m, "twelve", 6), id(m, "twelve"));
  assert_int_equal(ngram_token(m, "percent", 7), id(m, "percent"));
  assert_int_equal(ngram_token(m, "%%", 2), 0);
  assert_int_equal(ngram_token(m, "", 0), 0);
  ngram_close(m);
  unlink(out);
}

/* A long batch answers exactly what queries one at a time (ngram_prob())
 * answer, for every pair of history words and every word, unknown and
 * out-of-range ids included: an answer does not depend on the others in
 * its block or on where the blocks are cut.  test_probs and test_unknown
 * check the answers themselves. */
static void test_batch(void **state) {
  struct fixture *f = *state;
  struct ngram *m = open_ok(f->model);
  uint32_t top = (uint32_t)ngram_vocab_size(m) + 2, a, b, w;
  size_t n = 0, i = 0;
  struct ngram_query *q = malloc((size_t)top * top * top * sizeof(*q));
  assert_non_null(q);
  for (a = 0; a < top; a++)
    for (b = 0; b < top; b++)
      for (w = 0; w < top; w++) {
        q[n].a = a;
        q[n].b = b;
        q[n].w = w;
        q[n++].p = 1.0f;
      }
  ngram_prob_batch(m, q, n);
  for (a = 0; a < top; a++)
    for (b = 0; b < top; b++)
      for (w = 0; w < top; w++, i++) {
        uint32_t h[2] = {a, b};
        if (q[i].p != ngram_prob(m, h, 2, w))
          fail_msg("batch and ngram_prob differ on %u %u %u", a, b, w);
      }
  assert_true(n > 64); /* more than one block */
  free(q);
  ngram_close(m);
}

static void test_score(void **state) {
  struct fixture *f = *state;
  struct ngram *m = open_ok(f->model);
  const char *words[] = {"<s>", "the",    "minister", "said",
                         "on",  "monday", "</s>"};
  uint32_t ids[7];
  size_t i;
  double want = -0.9 - 0.5 - 0.8 - 1.2 - 1.1 + (-0.1 - 1.0);
  for (i = 0; i < 7; i++)
    ids[i] = id(m, words[i]);
  assert_float_equal(ngram_score(m, ids, 1, 7), want, 1e-3);
  assert_float_equal(ngram_score(m, ids, 3, 4), -0.8, EPS);
  assert_float_equal(ngram_score(m, ids, 0, 1), -99.0, EPS);
  assert_float_equal(ngram_score(m, ids, 4, 4), 0.0, 0);
  /* the history comes from ids[] itself: position 1 sees only <s> */
  assert_float_equal(ngram_score(m, ids, 1, 2), -0.9, EPS);
  ngram_close(m);
}

/* ---- damaged files ------------------------------------------------------ */

static void test_flipped_byte(void **state) {
  struct fixture *f = *state;
  char p[300];
  unsigned char *b = xmalloc(f->size);
  size_t at[] = {f->size / 2, f->size - 1, sizeof(struct ngram_file_header),
                 36 /* vocab_size */, 16 /* file size, low byte */};
  size_t i;
  path_in(f, "flip.bin", p, sizeof(p));
  for (i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
    memcpy(b, f->bytes, f->size);
    b[at[i]] ^= 0x10;
    write_file(p, b, f->size);
    if (at[i] == 16 && (f->size & 0x10)) {
      expect_error(p, UNSPIN_ERR_MODEL, "model file has 16 trailing bytes");
    } else if (at[i] == 16) {
      char msg[128];
      snprintf(msg, sizeof(msg), "model file is truncated (%zu of %zu bytes)",
               f->size, f->size + 16);
      expect_error(p, UNSPIN_ERR_MODEL, msg);
    } else if (at[i] == 36) {
      expect_error(p, UNSPIN_ERR_MODEL, "model is corrupt (bad vocabulary)");
    } else {
      expect_damaged(p, at[i] == sizeof(struct ngram_file_header));
    }
  }
  free(b);
}

static void test_truncated(void **state) {
  struct fixture *f = *state;
  char p[300], msg[128];
  size_t hs = sizeof(struct ngram_file_header);
  size_t cut[] = {4, 10, 12, 100, hs - 1, hs, f->size / 2, f->size - 1};
  size_t i;
  path_in(f, "cut.bin", p, sizeof(p));
  write_file(p, f->bytes, 0);
  expect_error(p, UNSPIN_ERR_MODEL, "model file is empty");
  for (i = 0; i < sizeof(cut) / sizeof(cut[0]); i++) {
    write_file(p, f->bytes, cut[i]);
    snprintf(msg, sizeof(msg), "model file is truncated (%zu of %zu bytes)",
             cut[i], cut[i] < hs ? hs : f->size);
    expect_error(p, UNSPIN_ERR_MODEL, msg);
  }
}

static void test_bad_magic(void **state) {
  struct fixture *f = *state;
  char p[300];
  unsigned char *b = xmalloc(f->size);
  path_in(f, "magic.bin", p, sizeof(p));
  memcpy(b, f->bytes, f->size);
  b[0] = 'X';
  write_file(p, b, f->size);
  expect_error(p, UNSPIN_ERR_MODEL, "not an unspin model (bad magic)");
  write_file(p, "hello\n", 6);
  expect_error(p, UNSPIN_ERR_MODEL, "not an unspin model (bad magic)");
  write_file(p, "#order\tlog10prob\tlog10backoff\tngram\n", 36);
  expect_error(p, UNSPIN_ERR_MODEL, "not an unspin model (bad magic)");
  free(b);
}

static void test_old_version(void **state) {
  struct fixture *f = *state;
  char p[300];
  unsigned char *b = xmalloc(f->size);
  uint32_t v = 1;
  path_in(f, "old.bin", p, sizeof(p));
  memcpy(b, f->bytes, f->size);
  memcpy(b + 8, &v, sizeof(v));
  write_file(p, b, f->size);
  expect_error(p, UNSPIN_ERR_MODEL,
               "model format version 1 is not supported (expected 2)");
  /* the version is read before the size is checked */
  write_file(p, b, 64);
  expect_error(p, UNSPIN_ERR_MODEL,
               "model format version 1 is not supported (expected 2)");
  v = 3;
  memcpy(b + 8, &v, sizeof(v));
  write_file(p, b, f->size);
  expect_error(p, UNSPIN_ERR_MODEL,
               "model format version 3 is not supported (expected 2)");
  free(b);
}

static void test_trailing(void **state) {
  struct fixture *f = *state;
  char p[300];
  unsigned char *b = xcalloc(f->size + 8, 1);
  path_in(f, "long.bin", p, sizeof(p));
  memcpy(b, f->bytes, f->size);
  write_file(p, b, f->size + 8);
  expect_error(p, UNSPIN_ERR_MODEL, "model file has 8 trailing bytes");
  free(b);
}

static void test_not_a_file(void **state) {
  struct fixture *f = *state;
  char p[300];
  unspin_error err;
  path_in(f, "missing.bin", p, sizeof(p));
  expect_error(p, UNSPIN_ERR_IO,
               "cannot open model: No such file or directory");
  path_in(f, "subdir", p, sizeof(p));
  assert_int_equal(mkdir(p, 0700), 0);
  expect_error(p, UNSPIN_ERR_IO, "model path is a directory");
  assert_null(ngram_open(NULL, &err));
  assert_int_equal(err.code, UNSPIN_ERR_ARG);
  assert_null(ngram_open(p, NULL)); /* err may be NULL */
  ngram_close(NULL);
}

/* Rewrite one header field, fix the checksum, expect a structural error. */
static void expect_structure_error(const struct fixture *f, size_t off,
                                   const void *val, size_t n,
                                   const char *msg) {
  char p[300];
  unsigned char *b = xmalloc(f->size);
  struct ngram_file_header hd;
  path_in(f, "bad.bin", p, sizeof(p));
  memcpy(b, f->bytes, f->size);
  memcpy(b + off, val, n);
  memcpy(&hd, b, sizeof(hd));
  hd.checksum = ngram_file_checksum(b, f->size);
  memcpy(b, &hd, sizeof(hd));
  write_file(p, b, f->size);
  expect_error(p, UNSPIN_ERR_MODEL, msg);
  free(b);
}

#define HOFF(field) offsetof(struct ngram_file_header, field)

static void test_bad_structure(void **state) {
  struct fixture *f = *state;
  struct ngram_file_header hd;
  uint64_t big = f->size + 8, odd;
  uint32_t v;
  memcpy(&hd, f->bytes, sizeof(hd));
  expect_structure_error(f, HOFF(sec[NGRAM_S_VOCAB_OFF].offset), &big, 8,
                         "model is corrupt (bad vocabulary)");
  odd = hd.sec[NGRAM_S_VOCAB_STR].offset + 1;
  expect_structure_error(f, HOFF(sec[NGRAM_S_VOCAB_STR].offset), &odd, 8,
                         "model is corrupt (bad vocabulary)");
  big = UINT64_MAX - 4;
  expect_structure_error(f, HOFF(sec[NGRAM_S_UNI].size), &big, 8,
                         "model is corrupt (bad vocabulary)");
  expect_structure_error(f, HOFF(sec[NGRAM_S_QUANT].size), &big, 8,
                         "model is corrupt (bad quantisation table)");
  v = 13;
  expect_structure_error(f, HOFF(vocab_size), &v, 4,
                         "model is corrupt (bad vocabulary)");
  v = 0;
  expect_structure_error(f, HOFF(bos), &v, 4,
                         "model is corrupt (bad vocabulary)");
  v = 40;
  expect_structure_error(f, HOFF(tab[NGRAM_T_TRI].bucket_bits), &v, 4,
                         "model is corrupt (bad n-gram table)");
  v = 4;
  expect_structure_error(f, HOFF(tab[NGRAM_T_BI].entry_size), &v, 4,
                         "model is corrupt (bad n-gram table)");
  big = 1000;
  expect_structure_error(f, HOFF(tab[NGRAM_T_BI].count), &big, 8,
                         "model is corrupt (bad n-gram table)");
  v = 100;
  expect_structure_error(f, HOFF(header_size), &v, 4,
                         "model is corrupt (bad header size)");
  /* a bucket start past the entries */
  {
    unsigned char bad = 200;
    expect_structure_error(f, hd.sec[NGRAM_S_TAB + 1].offset + 3, &bad, 1,
                           "model is corrupt (bad n-gram table)");
  }
  /* bucket starts going backwards inside a group of 16 (still below the
   * count), and across a group boundary */
  {
    size_t rel = hd.sec[NGRAM_S_TAB + 1].offset;
    unsigned char up = (unsigned char)(f->bytes[rel + 2] + 1), big = 255;
    assert_true(f->bytes[rel + 2] < 255);
    expect_structure_error(f, rel + 1, &up, 1,
                           "model is corrupt (bad n-gram table)");
    expect_structure_error(f, rel + 15, &big, 1,
                           "model is corrupt (bad n-gram table)");
  }
  /* a vocabulary offset going backwards */
  {
    uint32_t back = 0;
    expect_structure_error(f, hd.sec[NGRAM_S_VOCAB_OFF].offset + 8, &back, 4,
                           "model is corrupt (bad vocabulary)");
  }
  /* a hash slot naming an id past the vocabulary */
  {
    uint32_t bad = 99;
    expect_structure_error(f, hd.sec[NGRAM_S_VOCAB_HASH].offset, &bad, 4,
                           "model is corrupt (bad vocabulary)");
  }
}

/*
 * Random damage behind a recomputed checksum: every result must be an
 * error or a model whose lookups stay inside the mapping (ASan and
 * valgrind runs of this test check the latter).
 */
static void test_random_damage(void **state) {
  struct fixture *f = *state;
  char p[300];
  unsigned char *b = xmalloc(f->size);
  uint64_t x = 0x9e3779b97f4a7c15ULL;
  const char *words[] = {"<s>", "the", "minister", "said", "on", "monday",
                         "safety", "forces", "zebra", "city"};
  int round, opened = 0;
  path_in(f, "fuzz.bin", p, sizeof(p));
  for (round = 0; round < 600; round++) {
    struct ngram_file_header hd;
    struct ngram *m;
    unspin_error err;
    int k, flips = 1 + round % 3;
    memcpy(b, f->bytes, f->size);
    for (k = 0; k < flips; k++) {
      size_t at;
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      /* half the damage in the header, where it matters most */
      at = (round & 1) ? (size_t)(x % sizeof(hd)) : (size_t)(x % f->size);
      b[at] ^= (unsigned char)(1u << (x >> 60 & 7));
    }
    memcpy(&hd, b, sizeof(hd));
    hd.checksum = ngram_file_checksum(b, f->size);
    memcpy(b, &hd, sizeof(hd));
    write_file(p, b, f->size);
    m = ngram_open(p, &err);
    if (!m) {
      assert_int_equal(err.code, UNSPIN_ERR_MODEL);
      continue;
    }
    opened++;
    {
      uint32_t ids[10];
      size_t i;
      for (i = 0; i < 10; i++)
        ids[i] = id(m, words[i]);
      (void)ngram_score(m, ids, 0, 10);
      for (i = 0; i < 300; i++) {
        uint32_t h[2] = {(uint32_t)(i % 14), (uint32_t)(i / 14 % 14)};
        (void)ngram_prob(m, h, 2, (uint32_t)(i * 7 % 14));
      }
    }
    ngram_close(m);
  }
  assert_true(opened > 0); /* some damage is harmless: the test ran */
  free(b);
}

/* ---- building ----------------------------------------------------------- */

static void test_build_errors(void **state) {
  struct fixture *f = *state;
  static const struct {
    const char *in;
    unsigned line;
    const char *msg;
  } cases[] = {
      {"", 0, "the model has no unigrams"},
      {"# only a comment\n", 0, "the model has no unigrams"},
      {"1\t-1\t0\t<s>\n", 0, "the vocabulary has no '</s>'"},
      {"1\t-1\t0\t</s>\n", 0, "the vocabulary has no '<s>'"},
      {"1\t-1\t0\n", 1, "expected 4 tab-separated fields"},
      {"1\t-1\t0\ta\tb\n", 1, "expected 4 tab-separated fields"},
      {"4\t-1\t0\ta b c d\n", 1, "invalid order '4' (expected 1, 2 or 3)"},
      {"1\tx\t0\ta\n", 1, "invalid number 'x'"},
      {"1\t-1\t0.5z\ta\n", 1, "invalid number '0.5z'"},
      {"1\t-1\t\ta\n1\tnan\t0\tb\n", 2, "invalid number 'nan'"},
      {"1\t0.5\t0\ta\n", 1, "log10 probability '0.5' is positive"},
      {"1\t-1\t0\ta\n1\t-1\t0\ta\n", 2, "duplicate unigram 'a'"},
      {"1\t-1\t0\ta b\n", 1, "more words than the order says"},
      {"1\t-1\t0\t<s>\n1\t-1\t0\t</s>\n2\t-1\t0\t<s>\n", 3,
       "fewer words than the order says"},
      {"1\t-1\t0\t<s>\n1\t-1\t0\t</s>\n2\t-1\t0\t<s>  </s>\n", 3,
       "empty word"},
      {"1\t-1\t0\t<s>\n1\t-1\t0\t</s>\n2\t-1\t0\t<s> x\n", 3,
       "unknown word 'x' (not among the unigrams)"},
      {"1\t-1\t0\t<s>\n1\t-1\t0\t</s>\n2\t-1\t0\t<s> </s>\n1\t-1\t0\ta\n", 4,
       "n-grams must be sorted by order"},
      {"1\t-1\t0\t<s>\n1\t-1\t0\t</s>\n3\t-1\t\t<s> </s> </s>\n"
       "2\t-1\t0\t<s> </s>\n",
       4, "n-grams must be sorted by order"},
      {"1\t-1\t0\t<s>\n1\t-1\t0\t</s>\n2\t-1\t0\t<s> </s>\n"
       "2\t-2\t0\t<s> </s>\n",
       4, "duplicate bigram '<s> </s>'"},
      {"1\t-1\t0\t<s>\n1\t-1\t0\t</s>\n3\t-1\t\t<s> </s> </s>\n"
       "3\t-2\t\t<s> </s> </s>\n",
       0, "duplicate n-gram '<s> </s> </s>'"},
  };
  char out[300];
  size_t i;
  path_in(f, "err.bin", out, sizeof(out));
  for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    unspin_error err;
    struct stat st;
    int rc = build_string(f->dir, cases[i].in, out, NULL, &err);
    if (rc != UNSPIN_ERR_SYNTAX)
      fail_msg("case %zu: rc %d, expected a syntax error", i, rc);
    if (strcmp(err.msg, cases[i].msg) || err.line != cases[i].line)
      fail_msg("case %zu: got %u: '%s', expected %u: '%s'", i, err.line,
               err.msg, cases[i].line, cases[i].msg);
    assert_string_equal(err.path, "test.tsv");
    assert_int_equal(stat(out, &st), -1); /* nothing written */
  }
}

/* Failing builds leave an existing output and no temporary files. */
static void test_build_atomic(void **state) {
  struct fixture *f = *state;
  char out[300], bad[300];
  unspin_error err;
  size_t n;
  unsigned char *now;
  DIR *d;
  struct dirent *e;
  int files = 0;
  path_in(f, "model.bin", out, sizeof(out));
  assert_int_equal(build_string(f->dir, "1\t-1\t0\t<s>\n1\tx\t0\ta\n", out,
                                NULL, &err),
                   UNSPIN_ERR_SYNTAX);
  now = read_file(out, &n);
  assert_int_equal(n, f->size);
  assert_memory_equal(now, f->bytes, n);
  free(now);
  d = opendir(f->dir);
  assert_non_null(d);
  while ((e = readdir(d)))
    files += e->d_name[0] != '.';
  closedir(d);
  assert_int_equal(files, 1);
  path_in(f, "no/such/dir/model.bin", bad, sizeof(bad));
  assert_int_equal(build_file(TINY, bad, 0, NULL, &err), UNSPIN_ERR_IO);
  assert_non_null(strstr(err.msg, "cannot create a temporary file"));
  /* building again gives the same bytes */
  assert_int_equal(build_file(TINY, out, 0, NULL, &err), UNSPIN_OK);
  now = read_file(out, &n);
  assert_int_equal(n, f->size);
  assert_memory_equal(now, f->bytes, n);
  free(now);
  assert_int_equal(ngram_build(NULL, out, NULL, &err), UNSPIN_ERR_ARG);
}

static void test_prune(void **state) {
  struct fixture *f = *state;
  char out[300];
  struct ngram_build_stats st;
  unspin_error err;
  struct ngram *m;
  path_in(f, "pruned.bin", out, sizeof(out));
  /* a threshold nothing reaches: only unigrams remain, back-offs become 0 */
  assert_int_equal(build_file(TINY, out, 1.0, &st, &err), UNSPIN_OK);
  assert_int_equal(st.read[2], 8);
  assert_int_equal(st.read[3], 3);
  assert_int_equal(st.pruned[2], 8);
  assert_int_equal(st.pruned[3], 3);
  assert_int_equal(st.added, 0);
  m = open_ok(out);
  assert_int_equal(ngram_count(m, 2), 0);
  assert_int_equal(ngram_count(m, 3), 0);
  assert_float_equal(prob(m, "the minister", "said"), -2.5f, EPS);
  assert_float_equal(prob(m, "<s>", "the"), -1.2f, EPS);
  ngram_close(m);
  /* a tiny threshold keeps everything */
  assert_int_equal(build_file(TINY, out, 1e-30, &st, &err), UNSPIN_OK);
  assert_int_equal(st.pruned[2] + st.pruned[3], 0);
  m = open_ok(out);
  assert_int_equal(ngram_count(m, 2), 8);
  assert_float_equal(prob(m, "the minister", "stated"), -0.35f - 0.3f - 3.5f,
                     EPS);
  ngram_close(m);
}

/* A trigram whose suffix bigram is not listed gets it added, with the
 * probability the back-off gave it. */
static void test_complete(void **state) {
  struct fixture *f = *state;
  const char *in = "1\t-1.0\t0\t</s>\n"
                   "1\t-99\t-0.5\t<s>\n"
                   "1\t-1.5\t-0.3\ta\n"
                   "1\t-2.0\t-0.2\tb\n"
                   "2\t-0.5\t-0.1\t<s> a\n"
                   "3\t-0.2\t\t<s> a b\n";
  char out[300];
  struct ngram_build_stats st;
  unspin_error err;
  struct ngram *m;
  path_in(f, "complete.bin", out, sizeof(out));
  assert_int_equal(build_string(f->dir, in, out, &st, &err), UNSPIN_OK);
  assert_int_equal(st.added, 1);
  m = open_ok(out);
  assert_int_equal(ngram_count(m, 2), 2);
  assert_float_equal(prob(m, "<s> a", "b"), -0.2f, EPS);
  assert_float_equal(prob(m, "a", "b"), -0.3f - 2.0f, EPS);
  assert_float_equal(prob(m, "<s> a", "</s>"), -0.1f - 0.3f - 1.0f, EPS);
  ngram_close(m);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_vocab, setup, teardown),
      cmocka_unit_test_setup_teardown(test_probs, setup, teardown),
      cmocka_unit_test_setup_teardown(test_unknown, setup, teardown),
      cmocka_unit_test_setup_teardown(test_numbers, setup, teardown),
      cmocka_unit_test_setup_teardown(test_score, setup, teardown),
      cmocka_unit_test_setup_teardown(test_batch, setup, teardown),
      cmocka_unit_test_setup_teardown(test_flipped_byte, setup, teardown),
      cmocka_unit_test_setup_teardown(test_truncated, setup, teardown),
      cmocka_unit_test_setup_teardown(test_bad_magic, setup, teardown),
      cmocka_unit_test_setup_teardown(test_old_version, setup, teardown),
      cmocka_unit_test_setup_teardown(test_trailing, setup, teardown),
      cmocka_unit_test_setup_teardown(test_not_a_file, setup, teardown),
      cmocka_unit_test_setup_teardown(test_bad_structure, setup, teardown),
      cmocka_unit_test_setup_teardown(test_random_damage, setup, teardown),
      cmocka_unit_test_setup_teardown(test_build_errors, setup, teardown),
      cmocka_unit_test_setup_teardown(test_build_atomic, setup, teardown),
      cmocka_unit_test_setup_teardown(test_prune, setup, teardown),
      cmocka_unit_test_setup_teardown(test_complete, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
