/*
 * ignore.c - phrases whose findings are dropped (unspin_ignore, the
 * library side of --ignore and .unspinignore).  A phrase is kept as its
 * normalised tokens, split as document text is, so matching it is a
 * comparison of token strings: word boundaries come free, and case and
 * apostrophes are folded by tokenize_normalize().
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ignore.h"
#include "text.h"
#include "util.h"

/* More words than this is no phrase but a paragraph. */
#define IGNORE_MAX_WORDS 32

struct phrase {
  const char **toks; /* normalised, arena-owned */
  size_t n;
};

struct unspin_ignore {
  struct arena arena;
  struct phrase *v;
  size_t n, alloc;
};

unspin_ignore *unspin_ignore_new(void) {
  unspin_ignore *ig = xcalloc(1, sizeof(*ig));
  ig->arena = (struct arena)ARENA_INIT;
  return ig;
}

void unspin_ignore_free(unspin_ignore *ig) {
  if (!ig)
    return;
  arena_release(&ig->arena);
  free(ig->v);
  free(ig);
}

size_t unspin_ignore_count(const unspin_ignore *ig) { return ig ? ig->n : 0; }

struct collect {
  struct arena *arena;
  const char *toks[IGNORE_MAX_WORDS + 1];
  size_t n;
};

static void collect_tok(void *arg, const char *tok, size_t len) {
  struct collect *c = arg;
  if (c->n <= IGNORE_MAX_WORDS)
    c->toks[c->n] = arena_strndup(c->arena, tok, len);
  c->n++;
}

/* 0, or a status with err's message set (no position). */
static int add(unspin_ignore *ig, const char *phrase, size_t len,
               enum unspin_status bad, unspin_error *err) {
  struct collect c;
  struct phrase *p;
  size_t at, k;
  int v;
  if ((v = text_validate(phrase, len, &at)) != 0)
    return unspin_error_set(err, bad, NULL, 0, 0,
                            v == 2 ? "NUL byte in ignore phrase"
                                   : "invalid UTF-8 in ignore phrase");
  memset(&c, 0, sizeof(c));
  c.arena = &ig->arena;
  if (tokenize_phrase(phrase, len, collect_tok, &c, err) < 0)
    return UNSPIN_ERR_ICU;
  for (k = 0; k < c.n && k <= IGNORE_MAX_WORDS; k++) {
    unsigned char ch = (unsigned char)c.toks[k][0];
    if ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || ch >= 0x80)
      break;
  }
  if (!c.n || k == c.n)
    return unspin_error_set(err, bad, NULL, 0, 0,
                            "ignore phrase has no word");
  if (c.n > IGNORE_MAX_WORDS)
    return unspin_error_set(err, bad, NULL, 0, 0,
                            "ignore phrase has more than %d words",
                            IGNORE_MAX_WORDS);
  ALLOC_GROW(ig->v, ig->n + 1, ig->alloc);
  p = &ig->v[ig->n++];
  p->n = c.n;
  p->toks = arena_alloc(&ig->arena, c.n * sizeof(*p->toks));
  memcpy(p->toks, c.toks, c.n * sizeof(*p->toks));
  return UNSPIN_OK;
}

int unspin_ignore_add(unspin_ignore *ig, const char *phrase, size_t len,
                      unspin_error *err) {
  if (!ig || (!phrase && len))
    return unspin_error_set(err, UNSPIN_ERR_ARG, NULL, 0, 0,
                            "ignore set or phrase is NULL");
  return add(ig, phrase ? phrase : "", len, UNSPIN_ERR_ARG, err);
}

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

int unspin_ignore_load(unspin_ignore *ig, const char *path,
                       unspin_error *err) {
  size_t len, bad;
  char *buf;
  const char *s, *end;
  unsigned lineno = 0;
  int rc = UNSPIN_OK;
  if (!ig || !path)
    return unspin_error_set(err, UNSPIN_ERR_ARG, NULL, 0, 0,
                            "ignore set or path is NULL");
  if (!(buf = unspin_read_file(path, &len, err)))
    return UNSPIN_ERR_IO;
  if ((rc = text_validate(buf, len, &bad)) != 0) {
    const char *ls, *le;
    unsigned col;
    text_line_around(buf, len, bad, &ls, &le, &lineno);
    col = (unsigned)utf8_count(ls, (size_t)(buf + bad - ls)) + 1;
    if (rc == 2)
      unspin_error_set(err, UNSPIN_ERR_SYNTAX, path, lineno, col,
                       "NUL byte in ignore file");
    else
      unspin_error_set(err, UNSPIN_ERR_SYNTAX, path, lineno, col,
                       "invalid UTF-8 byte 0x%02X", (unsigned char)buf[bad]);
    free(buf);
    return UNSPIN_ERR_SYNTAX;
  }
  for (s = buf, end = buf + len; s < end && !rc;) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    const char *le = nl ? nl : end, *ps = s, *pe = le;
    lineno++;
    while (ps < pe && is_blank(*ps))
      ps++;
    while (pe > ps && is_blank(pe[-1]))
      pe--;
    if (ps < pe && *ps != '#' &&
        (rc = add(ig, ps, (size_t)(pe - ps), UNSPIN_ERR_SYNTAX, err)) != 0) {
      const char *ls = s, *lend = le;
      if (lend > ls && lend[-1] == '\r')
        lend--;
      if (err) {
        char msg[sizeof(err->msg)];
        memcpy(msg, err->msg, sizeof(msg));
        unspin_error_set(err, (enum unspin_status)rc, path, lineno,
                         (unsigned)utf8_count(ls, (size_t)(ps - ls)) + 1,
                         "%s", msg);
        unspin_error_set_source(err, ls, (size_t)(lend - ls),
                                (unsigned)utf8_count(ps, (size_t)(pe - ps)));
      }
    }
    s = le + (nl != NULL);
  }
  free(buf);
  return rc;
}

/* Whether the phrase occurs at token st. */
static int occurs_at(const struct phrase *p, const char *text,
                     const struct tokens *toks, size_t st) {
  size_t k;
  for (k = 0; k < p->n; k++) {
    const struct token *t = &toks->v[st + k];
    char buf[256];
    size_t n = tokenize_normalize(text + t->start, t->end - t->start, buf,
                                  sizeof(buf));
    if (!n || strcmp(buf, p->toks[k]))
      return 0;
  }
  return 1;
}

int ignore_covers(const unspin_ignore *ig, const char *text,
                  const struct tokens *toks, size_t tok, size_t tok_end) {
  size_t i, st;
  if (!ig)
    return 0;
  for (i = 0; i < ig->n; i++) {
    const struct phrase *p = &ig->v[i];
    if (p->n > toks->n)
      continue;
    st = tok + 1 >= p->n ? tok + 1 - p->n : 0;
    for (; st < tok_end && st + p->n <= toks->n; st++)
      if (occurs_at(p, text, toks, st))
        return 1;
  }
  return 0;
}
