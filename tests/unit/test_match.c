/* test_match.c - candidate sites: a name entry matches only a capitalised
 * word inside a sentence, and there stands in for the ordinary entry of
 * the same pair.  A tiny table in a temp dir (no model, no hunspell). */
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
#include "match.h"
#include "tokenize.h"
#include "unspin.h"

#include "ctx_fixture.h"

static const char table[] = "# test table\n"
                            "home\thouse\t0.5\t-\tname\ttest\n"
                            "road\tstreet\t0.4\t-\tctx\ttest\n"
                            "road\tstreet\t0.6\tn\tname\ttest\n"
                            "utilize\tuse\t0.3\tv\tctx\ttest\n"
                            "chief\tleader\t0.6\t-\tname\ttest\n"
                            "majority chief\tmajority leader\t0.9\t-\t"
                            "telltale\ttest\n";

static int setup(void **state) {
  return ctx_fixture_setup(state, table, "");
}

static int teardown(void **state) { return ctx_fixture_teardown(state); }

/* The candidates of text, as "words:weight name|ctx" joined by spaces. */
static void sites(const unspin_ctx *ctx, const char *text, char *out,
                  size_t cap) {
  struct tokens toks;
  struct candidates cands;
  unspin_error err;
  size_t i, n = 0;
  memset(&toks, 0, sizeof(toks));
  memset(&cands, 0, sizeof(cands));
  assert_int_equal(tokenize(text, strlen(text), &toks, &err), UNSPIN_OK);
  match_document(ctx, text, &toks, &cands);
  out[0] = '\0';
  for (i = 0; i < cands.n; i++) {
    const struct candidate *c = &cands.v[i];
    const struct entry *e = &ctx->entries[c->entry];
    uint32_t start = toks.v[c->tok].start, end = toks.v[c->tok_end - 1].end;
    n += (size_t)snprintf(out + n, cap - n, "%s%.*s:%.1f %s", n ? " " : "",
                          (int)(end - start), text + start, e->weight,
                          e->name ? "name" : "ctx");
    assert_true(n < cap);
  }
  free(cands.v);
  tokens_release(&toks);
}

static void expect(const unspin_ctx *ctx, const char *text,
                   const char *want) {
  char got[512];
  sites(ctx, text, got, sizeof(got));
  if (strcmp(got, want))
    fail_msg("'%s': candidates '%s', expected '%s'", text, got, want);
}

static void test_name_site(void **state) {
  const unspin_ctx *ctx = ((struct ctx_fixture *)*state)->ctx;
  /* capitalised inside a sentence: a name or a title */
  expect(ctx, "On Tuesday the Home voted.", "Home:0.5 name");
  expect(ctx, "She said Home Speaker Mike Johnson agreed.", "Home:0.5 name");
  expect(ctx, "\"We will,\" the Home said.", "Home:0.5 name");
  /* lower case, a sentence's first word, capitals throughout */
  expect(ctx, "On Tuesday he went home.", "");
  expect(ctx, "Home is where the heart is.", "");
  expect(ctx, "He left. Home was far.", "");
  expect(ctx, "On Tuesday the HOME voted.", "");
  /* typographic apostrophe: the possessive is another token */
  expect(ctx, "On Tuesday the Home\xe2\x80\x99s vote failed.", "");
}

static void test_name_stands_in(void **state) {
  const unspin_ctx *ctx = ((struct ctx_fixture *)*state)->ctx;
  /* where a name entry applies it replaces the ordinary entry of the same
   * pair, which applies everywhere else */
  expect(ctx, "They live on Main Road in Leeds.", "Road:0.6 name");
  expect(ctx, "They live on the main road in Leeds.", "road:0.4 ctx");
  expect(ctx, "Road works closed it.", "Road:0.4 ctx");
  expect(ctx, "They live on MAIN ROAD.", "ROAD:0.4 ctx");
  /* a name entry makes no inflected forms (this one says n); an ordinary
   * one does */
  expect(ctx, "They Utilized the Roads.", "Utilized:0.3 ctx");
}

static void test_name_yields(void **state) {
  const unspin_ctx *ctx = ((struct ctx_fixture *)*state)->ctx;
  /* inside a longer candidate a name entry is left out: both would spell
   * the same */
  expect(ctx, "Senate Majority Chief John Thune spoke.",
         "Majority Chief:0.9 ctx");
  expect(ctx, "She met the Chief of Staff.", "Chief:0.6 name");
  expect(ctx, "The Majority Chief spoke to the Chief.",
         "Majority Chief:0.9 ctx Chief:0.6 name");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_name_site),
      cmocka_unit_test(test_name_stands_in),
      cmocka_unit_test(test_name_yields),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
