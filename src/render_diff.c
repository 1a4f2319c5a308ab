/*
 * render_diff.c - a unified diff of the document against its corrected
 * text, for patch -p1 and git apply.
 *
 * Replacements never contain or cross a line break, so the corrected text
 * has the same lines as the original and line k maps to line k: the diff
 * needs no LCS, only the changed lines and three lines of context.
 */
#include <stdlib.h>
#include <string.h>

#include "render.h"

#define CONTEXT 3

struct lines {
  const char *text;
  size_t len;
  size_t *start; /* n + 1 entries; start[n] = len */
  size_t n;
};

static void split(struct lines *l, const char *text, size_t len) {
  size_t alloc = 0, i;
  l->text = text;
  l->len = len;
  l->start = NULL;
  l->n = 0;
  ALLOC_GROW(l->start, 1, alloc);
  l->start[0] = 0;
  for (i = 0; i < len; i++) {
    if (text[i] == '\n') {
      ALLOC_GROW(l->start, l->n + 2, alloc);
      l->start[++l->n] = i + 1;
    }
  }
  if (len && text[len - 1] != '\n') {
    ALLOC_GROW(l->start, l->n + 2, alloc);
    l->start[++l->n] = len;
  }
}

static int same(const struct lines *a, const struct lines *b, size_t k) {
  size_t la = a->start[k + 1] - a->start[k], lb = b->start[k + 1] - b->start[k];
  return la == lb && !memcmp(a->text + a->start[k], b->text + b->start[k], la);
}

static void emit(struct strbuf *sb, char mark, const struct lines *l,
                 size_t k) {
  size_t s = l->start[k], e = l->start[k + 1];
  strbuf_addch(sb, mark);
  strbuf_add(sb, l->text + s, e - s);
  if (e == l->len && (e == s || l->text[e - 1] != '\n'))
    strbuf_addstr(sb, "\n\\ No newline at end of file\n");
}

void render_diff(struct strbuf *sb, const unspin_doc *doc, const char *path) {
  struct lines a, b;
  size_t newlen, k = 0;
  char *fixed = unspin_doc_apply(doc, &newlen);
  int header = 0;
  split(&a, doc->text, doc->len);
  split(&b, fixed, newlen);
  if (a.n != b.n)
    UNSPIN_BUG("a replacement changed the number of lines");
  while (k < a.n) {
    size_t first, last, from, to, i, j;
    if (same(&a, &b, k)) {
      k++;
      continue;
    }
    /*
     * Extend the hunk while at most 2 * CONTEXT unchanged lines separate it
     * from the next change, so the contexts would touch (as diff -u and git
     * do: they never emit two adjacent hunks).
     */
    first = last = k;
    for (j = k + 1; j < a.n && j <= last + 2 * CONTEXT + 1; j++)
      if (!same(&a, &b, j))
        last = j;
    from = first >= CONTEXT ? first - CONTEXT : 0;
    to = last + CONTEXT + 1 < a.n ? last + CONTEXT + 1 : a.n;
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
    i = from;
    while (i < to) {
      if (same(&a, &b, i)) {
        emit(sb, ' ', &a, i++);
        continue;
      }
      for (j = i; j < to && !same(&a, &b, j); j++)
        emit(sb, '-', &a, j);
      for (j = i; j < to && !same(&a, &b, j); j++)
        emit(sb, '+', &b, j);
      i = j;
    }
    k = to;
  }
  free(a.start);
  free(b.start);
  free(fixed);
}
