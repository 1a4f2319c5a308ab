/* render.c - unspin_render() and what the renderers share. */
#include <string.h>

#include "render.h"

void render_add_clean(struct strbuf *sb, const char *s) {
  for (; *s; s++)
    strbuf_addch(sb, (unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s);
}

void cursor_init(struct line_cursor *c, const char *text, size_t len) {
  const char *nl = memchr(text, '\n', len);
  c->text = text;
  c->len = len;
  c->line = 0;
  c->pos = 0;
  c->end = nl ? (size_t)(nl - text) + 1 : len;
}

int cursor_next(struct line_cursor *c) {
  const char *nl;
  if (c->pos >= c->len)
    return 0;
  c->line++;
  c->pos = c->end;
  if (c->pos >= c->len)
    return 0;
  nl = memchr(c->text + c->pos, '\n', c->len - c->pos);
  c->end = nl ? (size_t)(nl - c->text) + 1 : c->len;
  return 1;
}

int cursor_seek(struct line_cursor *c, size_t n) {
  while (c->line < n)
    if (!cursor_next(c))
      return 0;
  return c->pos < c->len;
}

void render_drop_behind(const unspin_doc *doc, size_t *dropped, size_t pos) {
  if (pos - *dropped >= RENDER_DROP_STEP) {
    doc_drop_pages(doc, *dropped, pos);
    *dropped = pos;
  }
}

void render_flush_now(struct strbuf *sb, struct render_sink *sink) {
  if (!sink->status && sb->len)
    sink->status = sink->write(sink->user, sb->buf, sb->len);
  strbuf_reset(sb);
}

/* The corrected text, as unspin_doc_apply() makes it, streamed to the
 * sink (when there is one) and the text behind given back as it goes. */
struct text_walk {
  const unspin_doc *doc;
  struct render_sink *sink;
  size_t dropped;
};

static void text_step(void *user, struct strbuf *sb, size_t pos) {
  struct text_walk *w = user;
  render_flush(sb, w->sink);
  render_drop_behind(w->doc, &w->dropped, pos);
}

static void render_text(struct strbuf *sb, const unspin_doc *doc,
                        struct render_sink *sink) {
  struct text_walk w = {doc, sink, 0};
  doc_apply_into(doc, NULL, sb, text_step, &w);
}

static void render(struct strbuf *sb, const unspin_doc *doc,
                   enum unspin_format fmt, const char *display_path,
                   struct render_sink *sink) {
  if (!display_path)
    display_path = "<stdin>";
  switch (fmt) {
  case UNSPIN_FORMAT_DIFF:
    render_diff(sb, doc, display_path, sink);
    break;
  case UNSPIN_FORMAT_LINES:
    render_lines(sb, doc, display_path, 0, sink);
    break;
  case UNSPIN_FORMAT_EXPLAIN:
    render_lines(sb, doc, display_path, 1, sink);
    break;
  case UNSPIN_FORMAT_JSON:
    render_json(sb, doc, display_path);
    break;
  case UNSPIN_FORMAT_WORD_DIFF:
    render_worddiff(sb, doc, display_path, 0);
    break;
  case UNSPIN_FORMAT_WORD_DIFF_COLOR:
    render_worddiff(sb, doc, display_path, 1);
    break;
  case UNSPIN_FORMAT_SARIF:
    render_sarif(sb, doc, display_path);
    break;
  case UNSPIN_FORMAT_HTML:
    render_html(sb, &doc, &display_path, 1);
    break;
  case UNSPIN_FORMAT_TEXT:
    render_text(sb, doc, sink);
    break;
  }
}

char *unspin_render(const unspin_doc *doc, enum unspin_format fmt,
                    const char *display_path, size_t *len) {
  struct strbuf sb = STRBUF_INIT;
  render(&sb, doc, fmt, display_path, NULL);
  return strbuf_detach(&sb, len);
}

int unspin_render_to(const unspin_doc *doc, enum unspin_format fmt,
                     const char *display_path,
                     int (*write)(void *user, const char *buf, size_t len),
                     void *user) {
  struct strbuf sb = STRBUF_INIT;
  struct render_sink sink;
  sink.write = write;
  sink.user = user;
  sink.status = 0;
  render(&sb, doc, fmt, display_path, &sink);
  render_flush_now(&sb, &sink);
  strbuf_release(&sb);
  return sink.status;
}
