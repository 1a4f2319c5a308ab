/*
 * render.h - helpers shared by the renderers, and one entry point per
 * format (render_<format>.c), each appending to a strbuf.
 */
#ifndef UNSPIN_RENDER_H
#define UNSPIN_RENDER_H

#include "internal.h"
#include "strbuf.h"

/*
 * Where unspin_render_to() sends the output: renderers that can stream
 * (diff, lines, the corrected text) call render_flush() as they go, so the
 * output never has to be held whole.  status is the first nonzero value
 * write returned; nothing more is written after it.
 */
struct render_sink {
  int (*write)(void *user, const char *buf, size_t len);
  void *user;
  int status;
};
/* With a sink, hand it what sb holds once that is RENDER_FLUSH bytes or
 * more, and empty sb; without one (sink NULL), do nothing. */
#define RENDER_FLUSH ((size_t)64 << 10)
void render_flush_now(struct strbuf *sb, struct render_sink *sink);
static inline void render_flush(struct strbuf *sb, struct render_sink *sink) {
  if (sink && sb->len >= RENDER_FLUSH)
    render_flush_now(sb, sink);
}

/*
 * A line of the text, walked forward only, so no table of line starts is
 * kept: 0-based number, [pos, end) with end after its \n (the text's end
 * for a last line without one).
 */
struct line_cursor {
  const char *text;
  size_t len, line, pos, end;
};
void cursor_init(struct line_cursor *c, const char *text, size_t len);
/* Move to the next line; 0 past the last (a line is never empty). */
int cursor_next(struct line_cursor *c);
/* Move forward to line n; 0 when the text has no line n. */
int cursor_seek(struct line_cursor *c, size_t n);

/* With a mapped text (unspin_check_file()), a renderer that reads the
 * whole text gives back the pages behind it every RENDER_DROP_STEP bytes,
 * or by the end it would have it all resident again: *dropped is where
 * the text was last given back, pos how far the walk has read. */
#define RENDER_DROP_STEP ((size_t)1 << 20)
void render_drop_behind(const unspin_doc *doc, size_t *dropped, size_t pos);

/* Append s with control characters replaced by '?', for one-line output. */
void render_add_clean(struct strbuf *sb, const char *s);

void render_diff(struct strbuf *sb, const unspin_doc *doc, const char *path,
                 struct render_sink *sink);
void render_lines(struct strbuf *sb, const unspin_doc *doc, const char *path,
                  int explain, struct render_sink *sink);
void render_json(struct strbuf *sb, const unspin_doc *doc, const char *path);
void render_worddiff(struct strbuf *sb, const unspin_doc *doc,
                     const char *path, int color);
void render_sarif(struct strbuf *sb, const unspin_doc *doc, const char *path);
void render_html(struct strbuf *sb, const unspin_doc *const *docs,
                 const char *const *paths, size_t n);

#endif
