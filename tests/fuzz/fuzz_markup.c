/*
 * fuzz_markup.c - the HTML and Markdown reader (src/markup.c) on any bytes,
 * then unspin_check() over the same text read as markup.
 *
 * Byte 0, bit 0: HTML (0) or Markdown (1); bit 1: check with a confidence
 * bar of 0 instead of the default.  The rest is the text.  The reader must
 * keep the length and every line break, leave only white space (or the
 * invisible padding) where it says markup is, and turn valid UTF-8 into
 * valid UTF-8 without NUL.  The check must pass fuzz_exercise_doc(), and no
 * finding may touch a byte of markup.  The context is loaded once, as in
 * fuzz_check.c.
 */
#include "fuzz.h"
#include "markup.h"
#include "text.h"

static unspin_ctx *ctx;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  ctx = fuzz_load_ctx("fuzz_markup");
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  enum unspin_markup kind;
  unspin_check_options opts;
  unspin_error err;
  unspin_doc *doc;
  struct markup m;
  const char *text;
  size_t len, k, bad;
  int valid;
  if (!size)
    return 0;
  kind = (data[0] & 1) ? UNSPIN_MARKUP_MARKDOWN : UNSPIN_MARKUP_HTML;
  text = (const char *)data + 1;
  len = size - 1;
  markup_read(&m, len ? text : NULL, len, kind);
  FUZZ_CHECK(m.len == len && m.shadow && m.skip && m.shadow[len] == '\0');
  for (k = 0; k < len; k++) {
    unsigned char c = (unsigned char)text[k], sh = (unsigned char)m.shadow[k];
    if (c == '\n' || c == '\r')
      FUZZ_CHECK(sh == c);
    FUZZ_CHECK(m.skip[k] <= MARKUP_BLOCK);
    if (m.skip[k])
      FUZZ_CHECK(sh == ' ' || sh == '\n' || sh == '\r' || sh >= 0x80);
  }
  valid = !text_validate(text, len, &bad);
  if (valid)
    FUZZ_CHECK(!text_validate(m.shadow, len, &bad));

  memset(&opts, 0, sizeof(opts));
  opts.min_confidence = (data[0] & 2) ? 0 : -1;
  opts.markup = kind;
  memset(&err, 0, sizeof(err));
  doc = unspin_check(ctx, len ? text : NULL, len, &opts, &err);
  if (!doc) {
    FUZZ_CHECK(!valid);
    FUZZ_CHECK(err.code == UNSPIN_ERR_UTF8 || err.code == UNSPIN_ERR_INPUT);
    markup_release(&m);
    return 0;
  }
  FUZZ_CHECK(valid);
  for (k = 0; k < unspin_doc_count(doc); k++) {
    const unspin_finding *f = unspin_doc_get(doc, k);
    FUZZ_CHECK(!markup_overlaps(&m, f->start, f->end));
    /* a replacement adds no markup */
    FUZZ_CHECK(!strchr(f->replacement, '<'));
  }
  fuzz_exercise_doc(doc, kind == UNSPIN_MARKUP_HTML ? "a.html" : "a.md");
  unspin_doc_free(doc);
  markup_release(&m);
  return 0;
}
