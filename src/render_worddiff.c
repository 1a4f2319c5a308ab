/*
 * render_worddiff.c - changes inside the line, as git diff --word-diff
 * shows them: [-stated-]{+said+}.  Article paragraphs are long lines, and a
 * line diff of them is hard to read.  With colour, the removed part is red
 * and the added part green (the brackets stay, so the output reads the same
 * when the colour is lost).
 */
#include "render.h"

#define CONTEXT 3
#define RED "\033[31m"
#define GREEN "\033[32m"
#define CYAN "\033[36m"
#define BOLD "\033[1m"
#define RESET "\033[m"

/* 1-based line n, the cursor moving forward to it as the hunks do. */
static void add_line(struct strbuf *sb, const unspin_doc *doc,
                     struct line_cursor *l, unsigned n, size_t *fi,
                     int color) {
  size_t pos, end;
  cursor_seek(l, n - 1);
  pos = l->pos;
  end = l->end;
  while (*fi < doc->nfindings && doc->findings[*fi].line == n) {
    const unspin_finding *f = &doc->findings[(*fi)++];
    if (!doc_finding_applied(doc, f))
      continue;
    strbuf_add(sb, doc->text + pos, f->start - pos);
    if (color)
      strbuf_addstr(sb, RED);
    strbuf_addstr(sb, "[-");
    strbuf_addstr(sb, f->spun);
    strbuf_addstr(sb, "-]");
    if (color)
      strbuf_addstr(sb, RESET GREEN);
    strbuf_addstr(sb, "{+");
    strbuf_addstr(sb, f->replacement);
    strbuf_addstr(sb, "+}");
    if (color)
      strbuf_addstr(sb, RESET);
    pos = f->end;
  }
  strbuf_add(sb, doc->text + pos, end - pos);
  if (end == pos || doc->text[end - 1] != '\n')
    strbuf_addch(sb, '\n');
}

void render_worddiff(struct strbuf *sb, const unspin_doc *doc,
                     const char *path, int color) {
  size_t i = 0, fi = 0;
  int header = 0;
  unsigned nlines = (unsigned)doc->nlines;
  struct line_cursor at;
  cursor_init(&at, doc->text, doc->len);
  while (i < doc->nfindings) {
    unsigned first, last, from, to, n;
    size_t j;
    if (!doc_finding_applied(doc, &doc->findings[i])) {
      i++;
      continue;
    }
    first = last = doc->findings[i].line;
    /* extend the hunk while the next change is within 2 * CONTEXT lines */
    for (j = i + 1; j < doc->nfindings; j++) {
      const unspin_finding *f = &doc->findings[j];
      if (!doc_finding_applied(doc, f))
        continue;
      if (f->line > last + 2 * CONTEXT)
        break;
      last = f->line;
    }
    from = first > CONTEXT ? first - CONTEXT : 1;
    to = last + CONTEXT < nlines ? last + CONTEXT : nlines;
    if (!header) {
      if (color)
        strbuf_addstr(sb, BOLD);
      strbuf_addstr(sb, "--- a/");
      render_add_clean(sb, path);
      strbuf_addstr(sb, "\n+++ b/");
      render_add_clean(sb, path);
      strbuf_addstr(sb, color ? "\n" RESET : "\n");
      header = 1;
    }
    strbuf_addf(sb, "%s@@ -%u,%u +%u,%u @@%s\n", color ? CYAN : "", from,
                to - from + 1, from, to - from + 1, color ? RESET : "");
    while (fi < doc->nfindings && doc->findings[fi].line < from)
      fi++;
    for (n = from; n <= to; n++)
      add_line(sb, doc, &at, n, &fi, color);
    i = fi;
  }
}
