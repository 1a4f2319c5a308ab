/*
 * fuzz_rules.c - the input as a rules file (rules/en/README.md), parsed
 * from memory with the internal rules_parse().  A bad file must be a syntax
 * error with a position; a good one is prepared and then run: over a fixed
 * sentence and over the rules' own fires/quiet examples, through every
 * renderer.
 */
#include "fuzz.h"
#include "rules.h"

static const char sentence[] =
    "The withdrawal course of was complete, stated the minister on Monday.\n"
    "Forces helped push again the fighters \xE2\x80\x9C" "close to\xE2\x80\x9D "
    "the place fighting was 1000\xE2\x80\x99s of metres away.";

static void run(const unspin_ctx *ctx, const char *text, size_t len) {
  unspin_check_options opts;
  unspin_error err;
  unspin_doc *doc;
  memset(&opts, 0, sizeof(opts));
  opts.min_confidence = -1;
  opts.keep_all = 1;
  doc = unspin_check(ctx, text, len, &opts, &err);
  if (!doc) {
    FUZZ_CHECK(err.code == UNSPIN_ERR_UTF8 || err.code == UNSPIN_ERR_INPUT);
    return;
  }
  fuzz_exercise_doc(doc, "<fuzz>");
  unspin_doc_free(doc);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  unspin_ctx *ctx = unspin_ctx_new();
  unspin_error err;
  size_t r, x, nrun = 0;
  memset(&err, 0, sizeof(err));
  if (rules_parse(ctx, "<fuzz>", (const char *)data, size, &err)) {
    const char *m;
    FUZZ_CHECK(err.code == UNSPIN_ERR_SYNTAX);
    FUZZ_CHECK(!strcmp(err.path, "<fuzz>"));
    FUZZ_CHECK(err.line >= 1 && err.col >= 1 && err.msg[0]);
    /* messages quote the input: they must stay printable */
    for (m = err.msg; *m; m++)
      FUZZ_CHECK((unsigned char)*m >= 0x20 && *m != 0x7f);
    unspin_ctx_free(ctx);
    return 0;
  }
  if (unspin_ctx_prepare(ctx, &err)) {
    FUZZ_CHECK(err.code == UNSPIN_ERR_ICU);
    unspin_ctx_free(ctx);
    return 0;
  }
  run(ctx, sentence, sizeof(sentence) - 1);
  for (r = 0; r < ctx->nrules; r++) {
    const struct rule *rule = ctx->rules[r];
    for (x = 0; x < rule->nexamples && nrun < 64; x++, nrun++)
      run(ctx, rule->examples[x].text, strlen(rule->examples[x].text));
  }
  unspin_ctx_free(ctx);
  return 0;
}
