/*
 * render_diff.c - a unified diff of the document against its corrected
 * text, for patch -p1 and git apply.
 *
 * Replacements never contain or cross a line break, so the corrected text
 * has the same lines as the original and line k maps to line k: the diff
 * needs no LCS, only the changed lines and three lines of context.  A
 * changed line is one holding an applied finding whose corrected form
 * differs from it, so the diff is made from the findings and the lines
 * around them alone: neither the corrected text nor a table of line starts
 * is built, and memory stays that of one line however long the document.
 */
#include <stdlib.h>
#include <string.h>

#include "render.h"

#define CONTEXT 3

/* The changed lines in order: findings [fi, ...) not yet looked at;
 * text before dropped has been given back (render_drop_behind()). */
struct changes {
  const unspin_doc *doc;
  size_t fi, dropped;
  struct line_cursor cur;
};

/*
 * The next changed line: its number in *line, its corrected form in fixed.
 * 0 when there is none.
 */
static int next_change(struct changes *g, struct strbuf *fixed,
                       size_t *line) {
  const unspin_doc *doc = g->doc;
  for (;;) {
    size_t pos;
    while (g->fi < doc->nfindings &&
           !doc_finding_applied(doc, &doc->findings[g->fi]))
      g->fi++;
    if (g->fi >= doc->nfindings)
      return 0;
    while (g->cur.end <= doc->findings[g->fi].start) {
      cursor_next(&g->cur);
      render_drop_behind(doc, &g->dropped, g->cur.pos);
    }
    strbuf_reset(fixed);
    pos = g->cur.pos;
    for (; g->fi < doc->nfindings && doc->findings[g->fi].start < g->cur.end;
         g->fi++) {
      const unspin_finding *f = &doc->findings[g->fi];
      if (!doc_finding_applied(doc, f))
        continue;
      strbuf_add(fixed, doc->text + pos, f->start - pos);
      strbuf_addstr(fixed, f->replacement);
      pos = f->end;
    }
    strbuf_add(fixed, doc->text + pos, g->cur.end - pos);
    if (fixed->len != g->cur.end - g->cur.pos ||
        memcmp(fixed->buf, doc->text + g->cur.pos, fixed->len)) {
      *line = g->cur.line;
      return 1;
    }
  }
}

/* One line of the hunk: mark, the line, and git's note if it is the last
 * and has no newline (the corrected text ends as the original does). */
static void emit(struct strbuf *sb, char mark, const char *s, size_t n,
                 int last) {
  strbuf_addch(sb, mark);
  strbuf_add(sb, s, n);
  if (last && (!n || s[n - 1] != '\n'))
    strbuf_addstr(sb, "\n\\ No newline at end of file\n");
}

void render_diff(struct strbuf *sb, const unspin_doc *doc, const char *path,
                 struct render_sink *sink) {
  struct strbuf fixed = STRBUF_INIT;
  struct changes g, before, probe;
  struct line_cursor out;
  size_t next, dropped = 0;
  int header = 0, have;
  g.doc = doc;
  g.fi = 0;
  g.dropped = 0;
  cursor_init(&g.cur, doc->text, doc->len);
  cursor_init(&out, doc->text, doc->len);
  before = g;
  have = next_change(&g, &fixed, &next);
  while (have) {
    /* The hunk's changes are walked twice, the second time from a copy of
     * where they start: the header needs the hunk's extent first. */
    struct changes at = before, nxt;
    struct line_cursor end;
    size_t last = next, from, to, c = 0, cn = 0, i;
    int h;
    /*
     * Extend the hunk while at most 2 * CONTEXT unchanged lines separate it
     * from the next change, so the contexts would touch (as diff -u and git
     * do: they never emit two adjacent hunks).
     */
    for (;;) {
      probe = g;
      h = next_change(&probe, &fixed, &cn);
      if (!h || cn > last + 2 * CONTEXT + 1)
        break;
      g = probe;
      last = cn;
    }
    from = next >= CONTEXT ? next - CONTEXT : 0;
    end = g.cur; /* at line last */
    to = last + 1;
    while (to < last + CONTEXT + 1 && cursor_seek(&end, to))
      to++;
    if (!header) {
      strbuf_addstr(sb, "--- a/");
      render_add_clean(sb, path);
      strbuf_addstr(sb, "\n+++ b/");
      render_add_clean(sb, path);
      strbuf_addch(sb, '\n');
      header = 1;
    }
    strbuf_addf(sb, "@@ -%zu,%zu +%zu,%zu @@\n", from + 1, to - from,
                from + 1, to - from);
    /* the lines: a run of changed lines as all its '-' lines, then all its
     * '+' lines, made again from where the run's changes start */
    nxt = at;
    next_change(&nxt, &fixed, &c); /* the hunk's first change, again */
    cursor_seek(&out, from);
    i = from;
    while (i < to) {
      struct changes run;
      size_t j, k, l;
      if (i != c) {
        emit(sb, ' ', doc->text + out.pos, out.end - out.pos,
             out.end == doc->len);
        cursor_next(&out);
        i++;
        render_flush(sb, sink);
        continue;
      }
      run = at;
      for (j = i; j < to && j == c; j++) {
        emit(sb, '-', doc->text + out.pos, out.end - out.pos,
             out.end == doc->len);
        cursor_next(&out);
        at = nxt;
        if (!next_change(&nxt, &fixed, &c))
          c = (size_t)-1;
        render_flush(sb, sink);
      }
      for (k = i; k < j; k++) {
        next_change(&run, &fixed, &l);
        emit(sb, '+', fixed.buf, fixed.len, run.cur.end == doc->len);
        render_flush(sb, sink);
      }
      i = j;
    }
    /* the walk to the next change drops what it passes; here what the
     * hunk itself read */
    render_drop_behind(doc, &dropped, out.pos);
    before = g;
    g = probe;
    next = cn;
    have = h;
  }
  strbuf_release(&fixed);
}
