/*
 * test_prepared.c - the prepared-context cache: a context read from the
 * cache is the context prepare computes (entries, index, model data, and
 * what a check finds); a missing, stale or damaged cache is reported and
 * ignored, never a crash; and the inputs parsed only on a miss still
 * report their errors.
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

#include "internal.h"
#include "lexicon.h"
#include "ngram.h"
#include "prepared.h"
#include "strbuf.h"
#include "util.h"
#include "testutil.h"

#ifndef UNSPIN_TEST_DATA
#define UNSPIN_TEST_DATA "tests/data"
#endif

static const char table[] =
    "stated\tsaid\t0.8\tv\tctx\thand\n"
    "safety forces\tsecurity forces\t0.5\tn\tctx\thand\n"
    "take on\tassume\t0.3\tv\tctx\thand\n"
    "course of\tprocess\t1\t-\ttelltale\thand\n"
    "go\tleave\t0.2\tv\tctx\thand\n"
    "city\ttown\t0.4\tn\tctx\thand\n"
    "city\ttown\t0.6\t-\tname\thand\n";

static const char rules[] =
    "rule T-BACK\n"
    "  message  'again' after push is a spun 'back'\n"
    "  pattern  push|pushed [ again ] the\n"
    "  replace  back\n"
    "  confidence 0.9\n"
    "  fires    They pushed again the rebels. => They pushed back the "
    "rebels.\n"
    "  quiet    They pushed the rebels again.\n"
    "  with     rebels|armed fighters\n";

static const char text[] =
    "The minister stated on Monday that safety forces pushed again the "
    "rebels.\nThe course of was long; they took on the city and the City "
    "Council.\n";

struct fixture {
  char dir[256];
  char table[300], rules[300], irregular[300], aff[300], dic[300];
  char lexicon[300], model[300], cache[300];
};

static void path_in(const struct fixture *f, const char *name, char *out,
                    size_t n) {
  snprintf(out, n, "%s/%s", f->dir, name);
}

static void copy_file(const char *from, const char *to) {
  size_t n;
  unsigned char *b = read_file(from, &n);
  write_file(to, b, n);
  free(b);
}

/* A context loaded from the fixture (lexicon cache: with_lexicon), with
 * the cache at cache when not NULL; the result of prepare. */
static int load(const struct fixture *f, const char *cache, int with_lexicon,
                unspin_ctx **out, unspin_error *err) {
  unspin_ctx *ctx = unspin_ctx_new();
  int rc = UNSPIN_OK;
  memset(err, 0, sizeof(*err));
  *out = ctx;
  if (cache)
    rc = unspin_ctx_use_cache(ctx, cache, err);
  if (!rc)
    rc = unspin_ctx_load_table(ctx, f->table, err);
  if (!rc)
    rc = unspin_ctx_load_rules(ctx, f->rules, err);
  if (!rc)
    rc = unspin_ctx_load_irregular(ctx, f->irregular, err);
  if (!rc)
    rc = unspin_ctx_load_hunspell(ctx, f->aff, f->dic, err);
  if (!rc && with_lexicon)
    rc = unspin_ctx_load_lexicon_cache(ctx, f->lexicon, err);
  if (!rc)
    rc = unspin_ctx_load_model(ctx, f->model, err);
  if (!rc)
    rc = unspin_ctx_prepare(ctx, err);
  return rc;
}

static unspin_ctx *load_ok(const struct fixture *f, const char *cache) {
  unspin_ctx *ctx;
  unspin_error err;
  if (load(f, cache, 1, &ctx, &err))
    fail_msg("load: %s: %s", err.path, err.msg);
  return ctx;
}

static int setup(void **state) {
  struct fixture *f = xcalloc(1, sizeof(*f));
  const char *tmp = getenv("TMPDIR");
  struct ngram_build_opts o;
  struct strbuf dump = STRBUF_INIT;
  unspin_ctx *ctx;
  unspin_error err;
  FILE *in;
  snprintf(f->dir, sizeof(f->dir), "%s/unspin-prepared-XXXXXX",
           tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(f->dir)) {
    free(f);
    return -1;
  }
  path_in(f, "table.tsv", f->table, sizeof(f->table));
  path_in(f, "t.rules", f->rules, sizeof(f->rules));
  path_in(f, "irregular.tsv", f->irregular, sizeof(f->irregular));
  path_in(f, "t.aff", f->aff, sizeof(f->aff));
  path_in(f, "t.dic", f->dic, sizeof(f->dic));
  path_in(f, "lexicon.tsv", f->lexicon, sizeof(f->lexicon));
  path_in(f, "model.bin", f->model, sizeof(f->model));
  path_in(f, "cache.bin", f->cache, sizeof(f->cache));
  write_file(f->table, table, strlen(table));
  write_file(f->rules, rules, strlen(rules));
  copy_file(UNSPIN_TEST_DATA "/irregular-small.tsv", f->irregular);
  write_file(f->aff, "SET UTF-8\n", 10);
  write_file(f->dic, "5\nsaid\nstated\ntook\ntowns\nassumed\n", 33);
  in = fopen(UNSPIN_TEST_DATA "/tiny-lm.tsv", "r");
  assert_non_null(in);
  memset(&o, 0, sizeof(o));
  if (ngram_build(in, f->model, &o, &err)) {
    fprintf(stderr, "cannot build the model: %s\n", err.msg);
    fclose(in);
    return -1;
  }
  fclose(in);
  /* hunspell's answers, as make lexicon keeps them */
  if (load(f, NULL, 0, &ctx, &err)) {
    fprintf(stderr, "cannot prepare: %s: %s\n", err.path, err.msg);
    return -1;
  }
  lexicon_dump_cache(ctx->lexicon, &dump);
  write_file(f->lexicon, dump.buf, dump.len);
  strbuf_release(&dump);
  unspin_ctx_free(ctx);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  struct fixture *f = *state;
  remove_temp_dir(f->dir);
  free(f);
  return 0;
}

/* The JSON a check of text gives. */
static char *check_json(const unspin_ctx *ctx) {
  unspin_error err;
  unspin_doc *doc = unspin_check(ctx, text, sizeof(text) - 1, NULL, &err);
  char *out;
  size_t len;
  assert_non_null(doc);
  out = unspin_render(doc, UNSPIN_FORMAT_JSON, "t.txt", &len);
  unspin_doc_free(doc);
  return out;
}

static void same_str(const char *x, const char *y) {
  if (!x || !y)
    assert_ptr_equal(x, y);
  else
    assert_string_equal(x, y);
}

static void same_ctx(const unspin_ctx *a, const unspin_ctx *b) {
  size_t i, k;
  char *ja, *jb;
  assert_int_equal(a->nentries, b->nentries);
  assert_int_equal(a->nbase, b->nbase);
  for (i = 1; i < a->nentries; i++) {
    const struct entry *x = &a->entries[i], *y = &b->entries[i];
    assert_string_equal(x->spun, y->spun);
    assert_string_equal(x->original, y->original);
    assert_string_equal(x->source, y->source);
    same_str(x->rule_id, y->rule_id);
    same_str(x->message, y->message);
    same_str(x->pack, y->pack);
    assert_int_equal(x->rule != NULL, y->rule != NULL);
    assert_true(x->weight == y->weight);
    assert_int_equal(x->cls, y->cls);
    assert_int_equal(x->infl, y->infl);
    assert_int_equal(x->generated, y->generated);
    assert_int_equal(x->name, y->name);
    assert_int_equal(x->nspun, y->nspun);
    assert_int_equal(x->norig, y->norig);
    assert_int_equal(x->orig_lm != NULL, y->orig_lm != NULL);
    for (k = 0; k < x->norig; k++)
      assert_int_equal(x->orig_lm[k], y->orig_lm[k]);
    assert_true(x->base_delta == y->base_delta);
    assert_int_equal(x->next, y->next);
  }
  assert_int_equal(a->index.vocab.count, b->index.vocab.count);
  for (i = 0; i < a->index.vocab.cap; i++) {
    const struct hash_slot *s = &a->index.vocab.slots[i];
    if (s->key)
      assert_int_equal(index_word(&b->index, s->key, s->len), s->value);
  }
  assert_int_equal(a->index.nnodes, b->index.nnodes);
  for (i = 0; i < a->index.nnodes; i++)
    assert_int_equal(a->index.head[i], b->index.head[i]);
  assert_int_equal(a->index.edges.count, b->index.edges.count);
  for (i = 0; i < a->index.edges.cap; i++) {
    const struct hash_u64_slot *s = &a->index.edges.slots[i];
    if (s->key)
      assert_int_equal(hash_u64_get(&b->index.edges, s->key), s->value);
  }
  assert_int_equal(a->nguard_slots, b->nguard_slots);
  assert_int_equal(a->nrules, b->nrules);
  for (i = 0; i < a->nrules; i++) {
    const struct rule *x = a->rules[i], *y = b->rules[i];
    size_t g, p;
    for (g = 0; g < x->nguards; g++)
      for (p = 0; p < x->guards[g].nphrases; p++) {
        assert_int_equal(x->guards[g].nids[p], y->guards[g].nids[p]);
        for (k = 0; k < x->guards[g].nids[p]; k++)
          assert_int_equal(x->guards[g].ids[p][k], y->guards[g].ids[p][k]);
      }
  }
  ja = check_json(a);
  jb = check_json(b);
  assert_string_equal(ja, jb);
  free(ja);
  free(jb);
}

/* The reference: prepared from the sources, and the cache it writes. */
static unspin_ctx *reference(const struct fixture *f) {
  unspin_ctx *ctx = load_ok(f, NULL);
  unspin_error err;
  assert_int_equal(unspin_ctx_cache_state(ctx, NULL), UNSPIN_CACHE_OFF);
  if (unspin_ctx_write_cache(ctx, f->cache, &err))
    fail_msg("write: %s", err.msg);
  return ctx;
}

static void test_round_trip(void **state) {
  struct fixture *f = *state;
  unspin_ctx *a = reference(f), *b;
  /* the inflector did its work, and some entries came from the rules */
  assert_true(a->nentries > a->nbase);
  assert_true(a->nguard_slots > 0);
  b = load_ok(f, f->cache);
  assert_int_equal(unspin_ctx_cache_state(b, NULL), UNSPIN_CACHE_USED);
  assert_false(lexicon_loaded(b->lexicon));
  same_ctx(a, b);
  /* the name entry came through the cache as one */
  {
    size_t i, names = 0;
    for (i = 1; i < b->nentries; i++)
      if (b->entries[i].name) {
        assert_string_equal(b->entries[i].spun, "city");
        assert_int_equal(b->entries[i].cls, ENTRY_CTX);
        assert_true(b->entries[i].weight == 0.6f);
        names++;
      }
    assert_int_equal(names, 1);
  }
  /* written again from a context read from the cache: the same file */
  {
    char again[300];
    size_t n1, n2;
    unsigned char *x, *y;
    unspin_error err;
    path_in(f, "again.bin", again, sizeof(again));
    assert_int_equal(unspin_ctx_write_cache(b, again, &err), UNSPIN_OK);
    x = read_file(f->cache, &n1);
    y = read_file(again, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(x, y, n1);
    free(x);
    free(y);
    unlink(again);
  }
  unspin_ctx_free(a);
  unspin_ctx_free(b);
}

static void test_missing(void **state) {
  struct fixture *f = *state;
  unspin_ctx *a = load_ok(f, NULL), *b;
  char p[300];
  path_in(f, "none.bin", p, sizeof(p));
  b = load_ok(f, p);
  assert_int_equal(unspin_ctx_cache_state(b, NULL), UNSPIN_CACHE_MISSING);
  same_ctx(a, b);
  unspin_ctx_free(a);
  unspin_ctx_free(b);
}

/* A changed input makes the cache stale; prepare computes the new one. */
static void test_stale(void **state) {
  struct fixture *f = *state;
  unspin_ctx *a = reference(f), *b, *c;
  struct strbuf t = STRBUF_INIT;
  unsigned char *bytes;
  size_t n;
  unspin_ctx_free(a);
  strbuf_addstr(&t, table);
  strbuf_addstr(&t, "fight\tbattle\t0.1\tnv\tctx\thand\n");
  write_file(f->table, t.buf, t.len);
  c = load_ok(f, NULL);
  b = load_ok(f, f->cache);
  assert_int_equal(unspin_ctx_cache_state(b, NULL), UNSPIN_CACHE_STALE);
  same_ctx(c, b);
  unspin_ctx_free(b);
  unspin_ctx_free(c);
  write_file(f->table, table, strlen(table));
  /* the same bytes under another pack name are another input */
  a = unspin_ctx_new();
  b = unspin_ctx_new();
  assert_int_equal(unspin_ctx_load_table(a, f->table, NULL), UNSPIN_OK);
  assert_int_equal(unspin_ctx_load_rules(b, f->rules, NULL), UNSPIN_OK);
  assert_true(a->key.h[0] != b->key.h[0] && a->key.h[1] != b->key.h[1]);
  unspin_ctx_free(a);
  unspin_ctx_free(b);
  /* another format version: stale, not corrupt */
  a = reference(f);
  unspin_ctx_free(a);
  bytes = read_file(f->cache, &n);
  bytes[8] ^= 0x40;
  write_file(f->cache, bytes, n);
  free(bytes);
  b = load_ok(f, f->cache);
  assert_int_equal(unspin_ctx_cache_state(b, NULL), UNSPIN_CACHE_STALE);
  unspin_ctx_free(b);
  strbuf_release(&t);
}

static void rewrite_checksum(unsigned char *b, size_t n) {
  uint64_t sum = prepared_file_checksum(b, n);
  memcpy(b + offsetof(struct prepared_header, checksum), &sum, 8);
}

/* Load with the damaged bytes as the cache: CORRUPT with msg, and the
 * context is still the one prepare computes. */
static void expect_corrupt(const struct fixture *f, const unspin_ctx *ref,
                           const unsigned char *b, size_t n, const char *msg) {
  unspin_ctx *ctx;
  unspin_error err;
  write_file(f->cache, b, n);
  ctx = load_ok(f, f->cache);
  memset(&err, 0, sizeof(err));
  assert_int_equal(unspin_ctx_cache_state(ctx, &err), UNSPIN_CACHE_CORRUPT);
  assert_string_equal(err.msg, msg);
  assert_string_equal(err.path, f->cache);
  same_ctx(ref, ctx);
  unspin_ctx_free(ctx);
}

static uint32_t get32(const unsigned char *b, size_t off) {
  uint32_t v;
  memcpy(&v, b + off, sizeof(v));
  return v;
}

static void put32_at(unsigned char *b, size_t off, uint32_t v) {
  memcpy(b + off, &v, sizeof(v));
}

static void test_corrupt(void **state) {
  struct fixture *f = *state;
  unspin_ctx *a = reference(f);
  struct prepared_header hd;
  unsigned char *good, *b;
  size_t n, base, gen, ent, vocab, edges, str, k;
  good = read_file(f->cache, &n);
  memcpy(&hd, good, sizeof(hd));
  b = xmalloc(n + 8);
  /* a byte changed anywhere */
  memcpy(b, good, n);
  b[n / 2] ^= 0x01;
  expect_corrupt(f, a, b, n, "prepared cache is corrupt (checksum mismatch)");
  memcpy(b, good, n);
  b[n - 1] ^= 0x80;
  expect_corrupt(f, a, b, n, "prepared cache is corrupt (checksum mismatch)");
  /* cut short, too long, not a cache */
  expect_corrupt(f, a, good, n - 1, "prepared cache is corrupt (truncated)");
  expect_corrupt(f, a, good, 40, "prepared cache is corrupt (truncated)");
  memcpy(b, good, n);
  memset(b + n, 0, 8);
  expect_corrupt(f, a, b, n + 8, "prepared cache is corrupt (size)");
  expect_corrupt(f, a, (const unsigned char *)"UNSPINLM", 8,
                 "prepared cache is corrupt (bad magic)");
  expect_corrupt(f, a, (const unsigned char *)"", 0,
                 "prepared cache is corrupt (bad magic)");
  /* behind a good checksum and key: every link checked */
  base = sizeof(hd);
  gen = base + (((size_t)(hd.nbase - 1) * 24 + 7) & ~(size_t)7);
  ent = gen + (((size_t)(hd.nentries - hd.nbase) * 12 + 7) & ~(size_t)7);
  vocab = ent + (size_t)(hd.nentries - 1) * 16;
  vocab = (vocab + 7) & ~(size_t)7;
  edges = vocab + ((size_t)hd.nvocab * 8);
  edges = (edges + 7) & ~(size_t)7;
  memcpy(b, good, n);
  put32_at(b, ent + 16, 2); /* entry 2 links to itself: a cycle */
  rewrite_checksum(b, n);
  expect_corrupt(f, a, b, n, "prepared cache is corrupt (entry links)");
  memcpy(b, good, n);
  put32_at(b, ent + 4, hd.npool + 1); /* model ids past the pool */
  rewrite_checksum(b, n);
  expect_corrupt(f, a, b, n, "prepared cache is corrupt (model ids)");
  memcpy(b, good, n);
  put32_at(b, gen, hd.nbase); /* inflects an entry that is not there */
  rewrite_checksum(b, n);
  expect_corrupt(f, a, b, n, "prepared cache is corrupt (inflected entries)");
  memcpy(b, good, n);
  put32_at(b, vocab + 8, get32(good, vocab)); /* word 2 = word 1 */
  put32_at(b, vocab + 12, get32(good, vocab + 4));
  rewrite_checksum(b, n);
  expect_corrupt(f, a, b, n, "prepared cache is corrupt (vocabulary)");
  memcpy(b, good, n);
  put32_at(b, edges + 8, hd.nnodes); /* a child past the last node */
  rewrite_checksum(b, n);
  expect_corrupt(f, a, b, n, "prepared cache is corrupt (index edges)");
  memcpy(b, good, n);
  put32_at(b, offsetof(struct prepared_header, nvocab), hd.nvocab + 1);
  rewrite_checksum(b, n);
  expect_corrupt(f, a, b, n, "prepared cache is corrupt (bad counts)");
  /* table entries: a pack that does not exist, a weight out of range */
  memcpy(b, good, n);
  b[base + 1] = 200;
  rewrite_checksum(b, n);
  expect_corrupt(f, a, b, n, "prepared cache is corrupt (table entries)");
  memcpy(b, good, n);
  put32_at(b, base + 4, 0x7fc00000); /* NaN */
  rewrite_checksum(b, n);
  expect_corrupt(f, a, b, n, "prepared cache is corrupt (table entries)");
  /* a name flag out of range, on a telltale, or in the padding */
  for (k = 0; k + 1 < hd.nbase && !good[base + k * 24 + 20]; k++)
    ;
  assert_true(k + 1 < hd.nbase); /* the name entry */
  memcpy(b, good, n);
  b[base + k * 24 + 20] = 2;
  rewrite_checksum(b, n);
  expect_corrupt(f, a, b, n, "prepared cache is corrupt (table entries)");
  memcpy(b, good, n);
  b[base + k * 24 + 21] = 1;
  rewrite_checksum(b, n);
  expect_corrupt(f, a, b, n, "prepared cache is corrupt (table entries)");
  memcpy(b, good, n);
  for (k = 0; k + 1 < hd.nbase && (b[base + k * 24] != 0 ||
                                   b[base + k * 24 + 2] != ENTRY_TELLTALE);
       k++)
    ;
  assert_true(k + 1 < hd.nbase);
  b[base + k * 24 + 20] = 1;
  rewrite_checksum(b, n);
  expect_corrupt(f, a, b, n, "prepared cache is corrupt (table entries)");
  /* strings a table line cannot hold: a line break in an original (the
   * renderers rely on there being none), invalid UTF-8 in an inflected form */
  memcpy(b, good, n);
  for (k = 0; k + 1 < hd.nbase && b[base + k * 24] != 0; k++)
    ;
  str = n - (((size_t)hd.strsize + 7) & ~(size_t)7); /* STR ends the file */
  b[str + get32(good, base + k * 24 + 12)] = '\n';
  rewrite_checksum(b, n);
  expect_corrupt(f, a, b, n, "prepared cache is corrupt (strings)");
  memcpy(b, good, n);
  b[str + get32(good, gen + 4)] = (unsigned char)0xff;
  rewrite_checksum(b, n);
  expect_corrupt(f, a, b, n, "prepared cache is corrupt (strings)");
  /* an empty original, an inflected form starting inside a character */
  memcpy(b, good, n);
  put32_at(b, base + k * 24 + 12, hd.strsize - 1);
  rewrite_checksum(b, n);
  expect_corrupt(f, a, b, n, "prepared cache is corrupt (table entries)");
  {
    static const char e_acute[] = "caf\xc3\xa9";
    size_t at = str + get32(good, gen + 4);
    memcpy(b, good, n);
    /* make the form "café..." (same length, still valid), then point
     * into the middle of the é */
    assert_true(strlen((const char *)good + at) >= sizeof(e_acute) - 1);
    memcpy(b + at, e_acute, sizeof(e_acute) - 1);
    put32_at(b, gen + 4, get32(good, gen + 4) + 4);
    rewrite_checksum(b, n);
    expect_corrupt(f, a, b, n, "prepared cache is corrupt (inflected entries)");
  }
  /* one rule entry too many: found only after the rules are parsed, and
   * the context is still prepared from the sources, in order */
  memcpy(b, good, n);
  for (k = 0; k + 1 < hd.nbase && b[base + k * 24] != 0; k++)
    ;
  assert_true(k + 1 < hd.nbase);
  b[base + k * 24] = 1;
  rewrite_checksum(b, n);
  expect_corrupt(f, a, b, n, "prepared cache is corrupt (rule entries)");
  free(b);
  free(good);
  unspin_ctx_free(a);
}

/*
 * Random damage behind a good checksum and key: every result is a used
 * cache or a corrupt one, never a crash (the sanitizer build checks the
 * reads), and a used one still checks text.
 */
static void test_random_damage(void **state) {
  struct fixture *f = *state;
  unspin_ctx *a = reference(f), *ctx;
  unsigned char *good, *b;
  size_t n, i;
  unsigned seed = 12345;
  good = read_file(f->cache, &n);
  b = xmalloc(n);
  for (i = 0; i < 200; i++) {
    size_t k, at;
    unspin_error err;
    memcpy(b, good, n);
    for (k = 0; k < 1 + i % 4; k++) {
      seed = seed * 1103515245u + 12345u;
      at = sizeof(struct prepared_header) + (seed >> 8) % (n - 80);
      b[at] ^= (unsigned char)(1u << (seed >> 4 & 7));
    }
    rewrite_checksum(b, n);
    write_file(f->cache, b, n);
    ctx = load_ok(f, f->cache);
    switch (unspin_ctx_cache_state(ctx, &err)) {
    case UNSPIN_CACHE_USED:
      free(check_json(ctx));
      break;
    case UNSPIN_CACHE_CORRUPT:
      assert_int_equal(strncmp(err.msg, "prepared cache is corrupt (", 27), 0);
      same_ctx(a, ctx);
      break;
    default:
      fail_msg("damage %zu: neither used nor corrupt", i);
    }
    unspin_ctx_free(ctx);
  }
  free(b);
  free(good);
  unspin_ctx_free(a);
}

/* With a cache, the irregular forms and lexicon cache are parsed only when
 * it cannot be used: their errors come from prepare, as they would have
 * come from the load. */
static void test_deferred_errors(void **state) {
  struct fixture *f = *state;
  unspin_ctx *a = reference(f), *ctx;
  unspin_error err;
  char bad[300];
  unspin_ctx_free(a);
  path_in(f, "bad-lexicon.tsv", bad, sizeof(bad));
  {
    static const char t[] = "said\t1\nstated\tyes\n";
    write_file(bad, t, sizeof(t) - 1);
  }
  ctx = unspin_ctx_new();
  assert_int_equal(unspin_ctx_use_cache(ctx, f->cache, &err), UNSPIN_OK);
  assert_int_equal(unspin_ctx_load_table(ctx, f->table, &err), UNSPIN_OK);
  assert_int_equal(unspin_ctx_load_hunspell(ctx, f->aff, f->dic, &err),
                   UNSPIN_OK);
  assert_int_equal(unspin_ctx_load_lexicon_cache(ctx, bad, &err), UNSPIN_OK);
  assert_int_equal(unspin_ctx_prepare(ctx, &err), UNSPIN_ERR_SYNTAX);
  assert_string_equal(err.path, bad);
  assert_int_equal(err.line, 2);
  assert_string_equal(err.msg, "expected WORD<TAB>1 or WORD<TAB>0");
  assert_int_equal(unspin_ctx_cache_state(ctx, NULL), UNSPIN_CACHE_STALE);
  unspin_ctx_free(ctx);
  /* without a cache, the load itself reports it */
  ctx = unspin_ctx_new();
  assert_int_equal(unspin_ctx_load_hunspell(ctx, f->aff, f->dic, &err),
                   UNSPIN_OK);
  assert_int_equal(unspin_ctx_load_lexicon_cache(ctx, bad, &err),
                   UNSPIN_ERR_SYNTAX);
  assert_int_equal(err.line, 2);
  unspin_ctx_free(ctx);
  /* a table's error too (the same file with a good cache: the key differs,
   * so it is parsed) */
  path_in(f, "bad-table.tsv", bad, sizeof(bad));
  {
    static const char t[] = "stated\tsaid\t0.8\tv\tctx\thand\n"
                            "x\ty\t2\t-\tctx\th\n";
    write_file(bad, t, sizeof(t) - 1);
  }
  ctx = unspin_ctx_new();
  assert_int_equal(unspin_ctx_use_cache(ctx, f->cache, &err), UNSPIN_OK);
  assert_int_equal(unspin_ctx_load_table(ctx, bad, &err), UNSPIN_OK);
  assert_int_equal(unspin_ctx_load_rules(ctx, f->rules, &err), UNSPIN_OK);
  assert_int_equal(unspin_ctx_prepare(ctx, &err), UNSPIN_ERR_SYNTAX);
  assert_string_equal(err.path, bad);
  assert_int_equal(err.line, 2);
  assert_string_equal(err.msg, "weight must be a number in (0, 1]");
  unspin_ctx_free(ctx);
  unlink(bad);
  /* a cache is named before anything is loaded, or not at all */
  ctx = unspin_ctx_new();
  assert_int_equal(unspin_ctx_load_table(ctx, f->table, &err), UNSPIN_OK);
  assert_int_equal(unspin_ctx_use_cache(ctx, f->cache, &err), UNSPIN_ERR_ARG);
  assert_string_equal(err.msg, "a cache must be named before the first load");
  unspin_ctx_free(ctx);
  /* load_default() names its cache only on a fresh context: after a load
   * it goes on without one (here, to the missing pack's error) */
  ctx = unspin_ctx_new();
  assert_int_equal(unspin_ctx_load_table(ctx, f->table, &err), UNSPIN_OK);
  path_in(f, "no-such-dir", bad, sizeof(bad));
  assert_int_equal(unspin_ctx_load_default(ctx, bad, NULL, &err),
                   UNSPIN_ERR_IO);
  assert_null(ctx->cache_path);
  unspin_ctx_free(ctx);
  /* a missing file is an error at the load either way */
  ctx = unspin_ctx_new();
  assert_int_equal(unspin_ctx_use_cache(ctx, f->cache, &err), UNSPIN_OK);
  path_in(f, "none.tsv", bad, sizeof(bad));
  assert_int_equal(unspin_ctx_load_irregular(ctx, bad, &err), UNSPIN_ERR_IO);
  unspin_ctx_free(ctx);
  unlink(bad);
}

static void test_write_refused(void **state) {
  struct fixture *f = *state;
  unspin_ctx *ctx = unspin_ctx_new();
  unspin_error err;
  char p[300];
  path_in(f, "refused.bin", p, sizeof(p));
  assert_int_equal(unspin_ctx_write_cache(ctx, p, &err), UNSPIN_ERR_ARG);
  assert_string_equal(err.msg, "the context is not prepared");
  unspin_ctx_free(ctx);
  /* hunspell was asked: its answers would depend on the dictionary */
  assert_int_equal(load(f, NULL, 0, &ctx, &err), UNSPIN_OK);
  assert_true(lexicon_loaded(ctx->lexicon));
  assert_int_equal(unspin_ctx_write_cache(ctx, p, &err), UNSPIN_ERR_ARG);
  assert_non_null(strstr(err.msg, "make lexicon"));
  unspin_ctx_free(ctx);
  assert_int_equal(access(p, F_OK), -1);
  /* after prepare, naming a cache is too late */
  ctx = load_ok(f, NULL);
  assert_int_equal(unspin_ctx_use_cache(ctx, p, &err), UNSPIN_ERR_ARG);
  unspin_ctx_free(ctx);
  /* the build names its code, so caches of other code are stale */
  assert_true(strlen(prepared_code_hash()) > 0);
}

/* unspin_ctx_load_packs(), the program's loader, on the repository's own
 * data: the cache is named after the packs, in their order; the flags
 * leave out the cache or the model. */
static void test_load_packs(void **state) {
  const char *dir = getenv("UNSPIN_DATADIR");
  static const char *const packs[] = {"news", "mt"};
  unspin_ctx *ctx;
  unspin_error err;
  (void)state;
  if (!dir || !*dir)
    dir = ".";
  ctx = unspin_ctx_new();
  assert_int_equal(unspin_ctx_load_packs(ctx, dir, NULL, packs, 2,
                                         UNSPIN_LOAD_NEED_MODEL, &err),
                   UNSPIN_OK);
  assert_non_null(ctx->cache_path);
  assert_non_null(strstr(ctx->cache_path, "/dicts/prepared/news+mt.bin"));
  assert_non_null(ctx->model);
  assert_int_equal(unspin_ctx_prepare(ctx, &err), UNSPIN_OK);
  unspin_ctx_free(ctx);
  ctx = unspin_ctx_new();
  assert_int_equal(unspin_ctx_load_packs(ctx, dir, NULL, packs + 1, 1,
                                         UNSPIN_LOAD_NO_CACHE |
                                             UNSPIN_LOAD_NO_MODEL,
                                         &err),
                   UNSPIN_OK);
  assert_null(ctx->cache_path);
  assert_null(ctx->model);
  unspin_ctx_free(ctx);
  /* an unknown pack is the caller's error, named */
  ctx = unspin_ctx_new();
  {
    static const char *const bad[] = {"news", "nonsense"};
    assert_int_equal(unspin_ctx_load_packs(ctx, dir, NULL, bad, 2, 0, &err),
                     UNSPIN_ERR_ARG);
    assert_string_equal(err.msg, "unknown pack 'nonsense'");
  }
  unspin_ctx_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_round_trip),
      cmocka_unit_test(test_missing),
      cmocka_unit_test(test_stale),
      cmocka_unit_test(test_corrupt),
      cmocka_unit_test(test_random_damage),
      cmocka_unit_test(test_deferred_errors),
      cmocka_unit_test(test_write_refused),
      cmocka_unit_test(test_load_packs),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
