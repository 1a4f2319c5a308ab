/*
 * fuzz_tokenize.c - tokenize() against ICU alone.
 *
 * tokenize() segments the lines wordbreak.c covers itself and gives the
 * rest to ICU's word iterator; tokenize_icu() gives ICU all of the text,
 * which is the definition.  For any valid UTF-8 input without a NUL (what
 * the pipeline passes on) the two token streams must be identical: spans,
 * kinds and flags.  The input is the text as it is, so the fuzzer's
 * mutations mix simple lines, other scripts, joiners and line breaks.
 */
#include "fuzz.h"

#include "text.h"
#include "tokenize.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = (const char *)data;
  struct tokens fast = {0}, icu = {0};
  unspin_error err;
  size_t bad, i;
  int rf, ri;
  if (text_validate(text, size, &bad))
    return 0; /* the pipeline stops at invalid UTF-8 and NUL bytes */
  memset(&err, 0, sizeof(err));
  rf = tokenize(text, size, &fast, &err);
  ri = tokenize_icu(text, size, &icu, &err);
  FUZZ_CHECK(rf == ri);
  FUZZ_CHECK(tokens_mismatch(&fast, &icu) == SIZE_MAX);
  for (i = 0; i < fast.n; i++)
    FUZZ_CHECK(fast.v[i].start < fast.v[i].end && fast.v[i].end <= size);
  tokens_release(&fast);
  tokens_release(&icu);
  return 0;
}
