/*
 * fuzz_table.c - the input as a substitution table (dicts/en/README.md),
 * parsed from memory with the internal table_parse().  A bad table must be
 * a syntax error with a position; a good one is prepared (inflections
 * expanded, no hunspell, no model) and run over a text made of its own spun
 * phrases, so the entries match and their replacements are applied, through
 * every renderer.
 */
#include "fuzz.h"
#include "strbuf.h"
#include "table.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  return 0;
}

static void run(const unspin_ctx *ctx, const char *text, size_t len) {
  unspin_check_options opts;
  unspin_error err;
  unspin_doc *doc;
  memset(&opts, 0, sizeof(opts));
  opts.min_confidence = 0;
  doc = unspin_check(ctx, text, len, &opts, &err);
  if (!doc) {
    FUZZ_CHECK(err.code == UNSPIN_ERR_UTF8 || err.code == UNSPIN_ERR_INPUT);
    return;
  }
  fuzz_exercise_doc(doc, "<fuzz>");
  unspin_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const glue[] = {" ", ". ", "\n", " \xE2\x80\x9C",
                                     "s ", "ed ", "\r\n\r\n"};
  unspin_ctx *ctx = unspin_ctx_new();
  struct strbuf text = STRBUF_INIT;
  unspin_error err;
  size_t i;
  memset(&err, 0, sizeof(err));
  if (table_parse(ctx, "<fuzz>", (const char *)data, size, &err)) {
    FUZZ_CHECK(err.code == UNSPIN_ERR_SYNTAX);
    FUZZ_CHECK(!strcmp(err.path, "<fuzz>"));
    FUZZ_CHECK(err.line >= 1 && err.col >= 1 && err.msg[0]);
    unspin_ctx_free(ctx);
    return 0;
  }
  if (unspin_ctx_prepare(ctx, &err)) {
    FUZZ_CHECK(err.code == UNSPIN_ERR_ICU);
    unspin_ctx_free(ctx);
    return 0;
  }
  /* the spun phrases as written, upper-cased first letters and all, and
   * the inflected forms prepare() made */
  strbuf_addstr(&text, "Then ");
  for (i = 1; i < ctx->nentries && i < 64; i++) {
    strbuf_addstr(&text, ctx->entries[i].spun);
    strbuf_addstr(&text, glue[i % (sizeof(glue) / sizeof(glue[0]))]);
  }
  run(ctx, text.buf, text.len);
  strbuf_release(&text);
  unspin_ctx_free(ctx);
  return 0;
}
