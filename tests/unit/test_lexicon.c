/* test_lexicon.c - the hunspell wrapper and its cache: answers from the
 * cache file without loading hunspell, a miss falling back to hunspell,
 * the shipped cache agreeing with hunspell, and cache syntax errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "internal.h"
#include "lexicon.h"

#define AFF "/usr/share/hunspell/en_US.aff"
#define DIC "/usr/share/hunspell/en_US.dic"

static const char *datadir(void) {
  const char *d = getenv("UNSPIN_DATADIR");
  return d && *d ? d : ".";
}

static char *write_tmp(const char *text) {
  char *path = strdup("/tmp/unspin-lexicon-XXXXXX");
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
  close(fd);
  return path;
}

static void test_cache_answers_without_hunspell(void **state) {
  unspin_error err;
  struct lexicon *lex = lexicon_open(AFF, DIC, &err);
  char *path = write_tmp("# comment\nfoobarred\t1\nwalked\t0\n\n");
  (void)state;
  assert_non_null(lex);
  assert_int_equal(lexicon_load_cache(lex, path, &err), UNSPIN_OK);
  /* the cache wins, even against hunspell: it is what was shipped */
  assert_int_equal(lexicon_known(lex, "foobarred", 9), 1);
  assert_int_equal(lexicon_known(lex, "walked", 6), 0);
  assert_false(lexicon_loaded(lex));
  /* a miss loads hunspell and asks it */
  assert_int_equal(lexicon_known(lex, "talked", 6), 1);
  assert_int_equal(lexicon_known(lex, "talkedd", 7), 0);
  assert_true(lexicon_loaded(lex));
  unlink(path);
  free(path);
  lexicon_free(lex);
}

static void test_cache_syntax_errors(void **state) {
  static const char *const bad[] = {"word\n", "word\t2\n", "\t1\n",
                                    "word\t1x\n", "ok\t1\nword 1\n"};
  unspin_error err;
  size_t i;
  (void)state;
  for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    struct lexicon *lex = lexicon_open(AFF, DIC, &err);
    char *path = write_tmp(bad[i]);
    assert_int_equal(lexicon_load_cache(lex, path, &err), UNSPIN_ERR_SYNTAX);
    assert_int_equal(err.line, i == 4 ? 2 : 1);
    assert_string_equal(err.msg, "expected WORD<TAB>1 or WORD<TAB>0");
    unlink(path);
    free(path);
    lexicon_free(lex);
  }
}

/* The shipped cache is complete for the shipped tables and says what
 * hunspell says: preparing with it loads no hunspell and yields the same
 * entries as preparing with hunspell alone. */
static void test_shipped_cache(void **state) {
  unspin_ctx *a = unspin_ctx_new(), *b = unspin_ctx_new();
  unspin_error err;
  char p[4096];
  size_t i;
  (void)state;
  for (i = 0; unspin_pack_name(i); i++) {
    assert_int_equal(unspin_ctx_load_pack(a, datadir(), unspin_pack_name(i),
                                          &err), UNSPIN_OK);
    assert_int_equal(unspin_ctx_load_pack(b, datadir(), unspin_pack_name(i),
                                          &err), UNSPIN_OK);
  }
  snprintf(p, sizeof(p), "%s/dicts/en/irregular.tsv", datadir());
  assert_int_equal(unspin_ctx_load_irregular(a, p, &err), UNSPIN_OK);
  assert_int_equal(unspin_ctx_load_irregular(b, p, &err), UNSPIN_OK);
  assert_int_equal(unspin_ctx_load_hunspell(a, AFF, DIC, &err), UNSPIN_OK);
  assert_int_equal(unspin_ctx_load_hunspell(b, AFF, DIC, &err), UNSPIN_OK);
  snprintf(p, sizeof(p), "%s/dicts/en/lexicon.tsv", datadir());
  assert_int_equal(unspin_ctx_load_lexicon_cache(a, p, &err), UNSPIN_OK);
  assert_int_equal(unspin_ctx_prepare(a, &err), UNSPIN_OK);
  assert_int_equal(unspin_ctx_prepare(b, &err), UNSPIN_OK);
  assert_false(lexicon_loaded(a->lexicon));
  assert_true(lexicon_loaded(b->lexicon));
  assert_int_equal(unspin_ctx_entry_count(a), unspin_ctx_entry_count(b));
  for (i = 1; i < a->nentries; i++) {
    assert_string_equal(a->entries[i].spun, b->entries[i].spun);
    assert_string_equal(a->entries[i].original, b->entries[i].original);
  }
  unspin_ctx_free(a);
  unspin_ctx_free(b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cache_answers_without_hunspell),
      cmocka_unit_test(test_cache_syntax_errors),
      cmocka_unit_test(test_shipped_cache),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
