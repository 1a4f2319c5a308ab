/* render.c - unspin_render() and what the renderers share. */
#include <stdlib.h>
#include <string.h>

#include "render.h"

void render_add_clean(struct strbuf *sb, const char *s) {
  for (; *s; s++)
    strbuf_addch(sb, (unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s);
}

int render_applied(const unspin_doc *doc, const unspin_finding *f) {
  return f->confidence >= doc->min_confidence;
}

char *unspin_render(const unspin_doc *doc, enum unspin_format fmt,
                    const char *display_path, size_t *len) {
  struct strbuf sb = STRBUF_INIT;
  if (!display_path)
    display_path = "<stdin>";
  switch (fmt) {
  case UNSPIN_FORMAT_DIFF:
    render_diff(&sb, doc, display_path);
    break;
  case UNSPIN_FORMAT_LINES:
    render_lines(&sb, doc, display_path, 0);
    break;
  case UNSPIN_FORMAT_EXPLAIN:
    render_lines(&sb, doc, display_path, 1);
    break;
  case UNSPIN_FORMAT_JSON:
    render_json(&sb, doc, display_path);
    break;
  case UNSPIN_FORMAT_WORD_DIFF:
    render_worddiff(&sb, doc, display_path, 0);
    break;
  case UNSPIN_FORMAT_WORD_DIFF_COLOR:
    render_worddiff(&sb, doc, display_path, 1);
    break;
  case UNSPIN_FORMAT_SARIF:
    render_sarif(&sb, doc, display_path);
    break;
  case UNSPIN_FORMAT_HTML:
    render_html(&sb, &doc, &display_path, 1);
    break;
  case UNSPIN_FORMAT_TEXT: {
    size_t n;
    char *t = unspin_doc_apply(doc, &n);
    strbuf_add(&sb, t, n);
    free(t);
    break;
  }
  }
  return strbuf_detach(&sb, len);
}
