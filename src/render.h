/*
 * render.h - helpers shared by the renderers, and one entry point per
 * format (render_<format>.c), each appending to a strbuf.
 */
#ifndef UNSPIN_RENDER_H
#define UNSPIN_RENDER_H

#include "internal.h"
#include "strbuf.h"

/* Append s with control characters replaced by '?', for one-line output. */
void render_add_clean(struct strbuf *sb, const char *s);
/* Is this finding one that unspin_doc_apply() uses? */
int render_applied(const unspin_doc *doc, const unspin_finding *f);

void render_diff(struct strbuf *sb, const unspin_doc *doc, const char *path);
void render_lines(struct strbuf *sb, const unspin_doc *doc, const char *path,
                  int explain);
void render_json(struct strbuf *sb, const unspin_doc *doc, const char *path);
void render_worddiff(struct strbuf *sb, const unspin_doc *doc,
                     const char *path, int color);
void render_sarif(struct strbuf *sb, const unspin_doc *doc, const char *path);
void render_html(struct strbuf *sb, const unspin_doc *const *docs,
                 const char *const *paths, size_t n);

#endif
