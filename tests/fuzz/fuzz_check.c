/*
 * fuzz_check.c - unspin_check() on arbitrary text with the repository's
 * real data (table, rules, hunspell, model), then every renderer and
 * unspin_doc_apply(), with the findings checked against the text.
 *
 * The first byte chooses the options: bits 0-2 the confidence bar, bit 3
 * keep_all, bit 4 a display path with control characters.  The rest is the
 * text.  The context is loaded once, from $UNSPIN_DATADIR or the directory
 * compiled in as UNSPIN_FUZZ_DATADIR.
 */
#include "fuzz.h"

static unspin_ctx *ctx;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  ctx = fuzz_load_ctx("fuzz_check");
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const double bars[8] = {-1, 0, 0.1, 0.3, 0.5, 0.6, 0.8, 1.0};
  unspin_check_options opts;
  unspin_error err;
  unspin_doc *doc;
  const char *text;
  size_t len;
  if (!size)
    return 0;
  memset(&opts, 0, sizeof(opts));
  opts.min_confidence = bars[data[0] & 7];
  opts.keep_all = (data[0] >> 3) & 1;
  text = (const char *)data + 1;
  len = size - 1;
  memset(&err, 0, sizeof(err));
  doc = unspin_check(ctx, len ? text : NULL, len, &opts, &err);
  if (!doc) {
    /* bad input is an error with a position, never anything else */
    FUZZ_CHECK(err.code == UNSPIN_ERR_UTF8 || err.code == UNSPIN_ERR_INPUT);
    FUZZ_CHECK(err.line >= 1 && err.col >= 1 && err.msg[0]);
    return 0;
  }
  fuzz_exercise_doc(doc, (data[0] & 16) ? "dir/we\tird\x01\n.txt" : "a.txt");
  unspin_doc_free(doc);
  return 0;
}
