/*
 * fuzz_jsonl.c - the input as one --jsonl line, parsed with the internal
 * jsonl_parse().  A bad line must be an input error with a column inside
 * the line (or just past it); a good one yields an "id" that is itself a
 * complete JSON value (reparsed inside a record of our own) and a "text"
 * that, when it is valid UTF-8, renders as a record line again.
 */
#include "fuzz.h"
#include "jsonl.h"
#include "text.h"

static unspin_ctx *ctx;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  unspin_error err;
  (void)argc;
  (void)argv;
  ctx = unspin_ctx_new();
  if (unspin_ctx_prepare(ctx, &err))
    abort();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct jsonl_record rec = JSONL_RECORD_INIT, again = JSONL_RECORD_INIT;
  struct strbuf wrap = STRBUF_INIT;
  unspin_error err;
  memset(&err, 0, sizeof(err));
  if (jsonl_parse((const char *)data, size, &rec, &err)) {
    FUZZ_CHECK(err.code == UNSPIN_ERR_INPUT);
    FUZZ_CHECK(err.col >= 1 && err.col <= size + 1 && err.msg[0]);
    jsonl_record_release(&rec);
    return 0;
  }
  FUZZ_CHECK(rec.has_text && rec.id.len > 0);
  /* the raw id is one JSON value: it parses back in a record of our own */
  strbuf_addstr(&wrap, "{\"id\": ");
  strbuf_add(&wrap, rec.id.buf, rec.id.len);
  strbuf_addstr(&wrap, ", \"text\": \"x\"}");
  FUZZ_CHECK(jsonl_parse(wrap.buf, wrap.len, &again, &err) == 0);
  FUZZ_CHECK(again.id.len == rec.id.len &&
             !memcmp(again.id.buf, rec.id.buf, rec.id.len));
  {
    unspin_check_options opts;
    unspin_doc *doc;
    memset(&opts, 0, sizeof(opts));
    doc = unspin_check(ctx, rec.text.buf, rec.text.len, &opts, &err);
    if (doc) {
      size_t n;
      char *line = unspin_render_record(doc, rec.id.buf, rec.id.len, &n);
      /* one line, and a record again */
      FUZZ_CHECK(n > 0 && line[n - 1] == '\n' && !memchr(line, '\n', n - 1));
      FUZZ_CHECK(jsonl_parse(line, n - 1, &again, &err) == 0);
      FUZZ_CHECK(again.text.len == rec.text.len &&
                 !memcmp(again.text.buf, rec.text.buf, rec.text.len));
      free(line);
      unspin_doc_free(doc);
    } else {
      FUZZ_CHECK(err.code == UNSPIN_ERR_UTF8 || err.code == UNSPIN_ERR_INPUT);
    }
  }
  strbuf_release(&wrap);
  jsonl_record_release(&rec);
  jsonl_record_release(&again);
  return 0;
}
