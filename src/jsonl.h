/*
 * jsonl.h - read one record of a JSON-lines corpus: {"id": ..., "text": "..."}.
 *
 * A strict RFC 8259 reader for exactly what --jsonl needs: one object per
 * line, its "text" member decoded to UTF-8, its "id" member kept as the raw
 * JSON value (any type) so the output can echo it byte for byte.  Other
 * members are validated and skipped.  Nesting is bounded, so a hostile line
 * cannot exhaust the stack.
 */
#ifndef UNSPIN_JSONL_H
#define UNSPIN_JSONL_H

#include <stddef.h>

#include "strbuf.h"
#include "unspin.h"

struct jsonl_record {
  struct strbuf id;   /* the raw JSON of "id" ("null" when absent), with
                         any CR or LF between its tokens made a space */
  struct strbuf text; /* "text" decoded; may hold NUL bytes */
  int has_text;
};

#define JSONL_RECORD_INIT {STRBUF_INIT, STRBUF_INIT, 0}

/*
 * Parse line[0..len) (no trailing newline needed; a trailing "\r" and
 * whitespace are allowed) into rec, which is reset first.  Returns 0, or
 * -1 with UNSPIN_ERR_INPUT and the 1-based column (in code points) of the
 * problem in err->col; err->line is left 0 for the caller to fill.
 * The caller owns rec and frees it with jsonl_record_release().
 */
int jsonl_parse(const char *line, size_t len, struct jsonl_record *rec,
                unspin_error *err);

void jsonl_record_release(struct jsonl_record *rec);

#endif
