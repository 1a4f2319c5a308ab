/*
 * render_json.c - one JSON object per document: path, words, spin estimate
 * and the findings with byte offsets and line/column; and the one-line
 * record of --jsonl, which carries the corrected text instead of a path.
 */
#include <stdlib.h>
#include <string.h>

#include "render.h"

static void add_str(struct strbuf *sb, const char *s) {
  strbuf_addch(sb, '"');
  strbuf_add_json(sb, s, strlen(s));
  strbuf_addch(sb, '"');
}

static void add_finding(struct strbuf *sb, const unspin_doc *doc,
                        const unspin_finding *f) {
  strbuf_addf(sb, "{\"start\": %zu, \"end\": %zu, \"line\": %u, "
                  "\"column\": %u, \"spun\": ",
              f->start, f->end, f->line, f->col);
  add_str(sb, f->spun);
  strbuf_addstr(sb, ", \"replacement\": ");
  add_str(sb, f->replacement);
  strbuf_addstr(sb, ", \"rule\": ");
  add_str(sb, f->rule_id);
  strbuf_addstr(sb, ", \"source\": ");
  add_str(sb, f->source);
  strbuf_addstr(sb, ", \"pack\": ");
  add_str(sb, f->pack);
  strbuf_addf(sb, ", \"confidence\": %.4f, \"posterior\": %.4f, "
                  "\"channel\": %.4f, \"applied\": %s}",
              f->confidence, f->posterior, f->channel,
              doc_finding_applied(doc, f) ? "true" : "false");
}

void render_json(struct strbuf *sb, const unspin_doc *doc, const char *path) {
  size_t i;
  strbuf_addstr(sb, "{\n  \"path\": ");
  add_str(sb, path);
  strbuf_addf(sb, ",\n  \"words\": %zu,\n  \"spin_estimate\": %.4f,\n",
              doc->words, doc->spin_estimate);
  strbuf_addf(sb, "  \"min_confidence\": %.4f,\n  \"findings\": [",
              doc->min_confidence);
  for (i = 0; i < doc->nfindings; i++) {
    strbuf_addstr(sb, i ? ",\n    " : "\n    ");
    add_finding(sb, doc, &doc->findings[i]);
  }
  strbuf_addstr(sb, doc->nfindings ? "\n  ]\n}\n" : "]\n}\n");
}

char *unspin_render_record(const unspin_doc *doc, const char *id_json,
                           size_t id_len, size_t *len) {
  struct strbuf sb = STRBUF_INIT;
  size_t i, n;
  char *fixed = unspin_doc_apply(doc, &n);
  strbuf_addstr(&sb, "{\"id\": ");
  if (id_len)
    strbuf_add(&sb, id_json, id_len);
  else
    strbuf_addstr(&sb, "null");
  strbuf_addstr(&sb, ", \"text\": \"");
  strbuf_add_json(&sb, fixed, n);
  free(fixed);
  strbuf_addf(&sb, "\", \"words\": %zu, \"spin_estimate\": %.4f, "
                   "\"findings\": [",
              doc->words, doc->spin_estimate);
  for (i = 0; i < doc->nfindings; i++) {
    if (i)
      strbuf_addstr(&sb, ", ");
    add_finding(&sb, doc, &doc->findings[i]);
  }
  strbuf_addstr(&sb, "]}\n");
  return strbuf_detach(&sb, len);
}
