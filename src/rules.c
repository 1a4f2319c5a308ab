/* rules.c - see rules.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "strbuf.h"
#include "text.h"
#include "util.h"

struct parser {
  unspin_ctx *ctx;
  const char *path;
  unspin_error *err;
  unsigned lineno;
  const char *ls, *le; /* the current line */
  struct rule_example *ex; /* the current rule's examples, being collected */
  size_t exalloc;
  struct guard *guards; /* the current rule's guards, being collected */
  size_t galloc;
};

static int fail(struct parser *p, const char *at, size_t width,
                const char *fmt, ...) UNSPIN_PRINTF(4, 5);
static int fail(struct parser *p, const char *at, size_t width,
                const char *fmt, ...) {
  char msg[200], *m;
  unsigned caret;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  /* the subject comes from the input: keep the message printable */
  for (m = msg; *m; m++)
    if ((unsigned char)*m < 0x20 || *m == 0x7f)
      *m = '?';
  /* the caret may sit just past the end of the line (nothing there) */
  caret = at < p->le ? (unsigned)utf8_count(at, (size_t)(p->le - at) < width
                                           ? (size_t)(p->le - at)
                                           : width)
                     : 0;
  unspin_error_set(p->err, UNSPIN_ERR_SYNTAX, p->path, p->lineno,
                   (unsigned)utf8_count(p->ls, (size_t)(at - p->ls)) + 1, "%s", msg);
  unspin_error_set_source(p->err, p->ls, (size_t)(p->le - p->ls),
                          caret ? caret : 1);
  return UNSPIN_ERR_SYNTAX;
}

static int is_space(char c) { return c == ' ' || c == '\t'; }

static const char *skip_space(const char *s, const char *e) {
  while (s < e && is_space(*s))
    s++;
  return s;
}

static char *norm_dup(struct arena *a, const char *s, size_t n) {
  char buf[256];
  size_t l = tokenize_normalize(s, n, buf, sizeof(buf));
  return arena_strndup(a, buf, l);
}

/* Parse one pattern word (s..e) into c. */
static int parse_cond(struct parser *p, const char *s, const char *e,
                      struct cond *c) {
  static const struct {
    const char *name;
    uint8_t bit;
  } classes[] = {{"@NUM", CLASS_NUM},
                 {"@CAP", CLASS_CAP},
                 {"@WORD", CLASS_WORD},
                 {"@PUNCT", CLASS_PUNCT}};
  const char *w = s, *q;
  size_t n = 1, k = 0;
  memset(c, 0, sizeof(*c));
  if (w < e && *w == '!') {
    c->negate = 1;
    w++;
  }
  if (w == e)
    return fail(p, s, (size_t)(e - s), "empty condition");
  if (e - w == 1 && *w == '*') {
    c->kind = COND_ANY;
    return 0;
  }
  if ((e - w == 3 && !memcmp(w, "<s>", 3)) ||
      (e - w == 4 && !memcmp(w, "</s>", 4))) {
    c->kind = COND_BOUNDARY;
    return 0;
  }
  c->kind = *w == '*' ? COND_SUFFIX : COND_WORDS;
  if (*w == '*')
    w++;
  for (q = w; q < e; q++)
    n += *q == '|';
  c->words = arena_alloc(&p->ctx->arena, n * sizeof(*c->words));
  q = w;
  for (;;) {
    const char *bar = memchr(q, '|', (size_t)(e - q));
    const char *ae = bar ? bar : e;
    if (ae == q)
      return fail(p, q, 1, "empty alternative");
    if (*q == '@') {
      size_t i;
      int found = 0;
      if (c->kind == COND_SUFFIX)
        return fail(p, q, (size_t)(ae - q),
                    "a word class cannot follow '*'");
      for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
        if ((size_t)(ae - q) == strlen(classes[i].name) &&
            !memcmp(q, classes[i].name, (size_t)(ae - q))) {
          c->classes |= classes[i].bit;
          found = 1;
        }
      if (!found)
        return fail(p, q, (size_t)(ae - q), "unknown word class '%.*s'",
                    (int)(ae - q), q);
    } else {
      c->words[k++] = norm_dup(&p->ctx->arena, q, (size_t)(ae - q));
    }
    if (!bar)
      break;
    q = bar + 1;
  }
  c->nwords = (uint16_t)k;
  return 0;
}

struct pending {
  struct rule *rule;
  const char *replace;
  double confidence;
  int prior_document; /* "prior document": scaled like a table ctx entry */
  /* the core: each position's alternatives */
  struct cond core[8];
  size_t ncore;
  unsigned pattern_line;
  int have_pattern;
};

static int parse_pattern(struct parser *p, struct pending *pd, const char *s,
                         const char *e) {
  struct cond conds[32];
  size_t n = 0, core_start = (size_t)-1, core_end = (size_t)-1, i;
  const char *open_at = NULL, *pattern = s;
  while ((s = skip_space(s, e)) < e) {
    const char *t = s;
    while (t < e && !is_space(*t))
      t++;
    if (t - s == 1 && *s == '[') {
      if (core_start != (size_t)-1)
        return fail(p, s, 1, "second '[' in pattern");
      core_start = n;
      open_at = s;
    } else if (t - s == 1 && *s == ']') {
      if (core_start == (size_t)-1 || core_end != (size_t)-1)
        return fail(p, s, 1, "']' without '['");
      core_end = n;
    } else {
      if (n == sizeof(conds) / sizeof(conds[0]))
        return fail(p, s, (size_t)(t - s), "pattern too long");
      if (parse_cond(p, s, t, &conds[n]))
        return UNSPIN_ERR_SYNTAX;
      if (core_start != (size_t)-1 && core_end == (size_t)-1 &&
          (conds[n].kind != COND_WORDS || conds[n].negate ||
           conds[n].classes))
        return fail(p, s, (size_t)(t - s),
                    "the part in [ ] must be words (a|b), not '%.*s'",
                    (int)(t - s), s);
      n++;
    }
    s = t;
  }
  if (core_start == (size_t)-1)
    return fail(p, pattern, (size_t)(e - pattern),
                "pattern needs the replaced words in [ ]");
  if (core_end == (size_t)-1)
    return fail(p, open_at, 1, "'[' without ']'");
  if (core_end == core_start)
    return fail(p, open_at, 1, "empty [ ] in pattern");
  if (core_end - core_start > sizeof(pd->core) / sizeof(pd->core[0]))
    return fail(p, open_at, 1, "too many words in [ ]");
  pd->rule->nleft = core_start;
  pd->rule->left = arena_alloc(&p->ctx->arena, (core_start + 1) *
                                                   sizeof(struct cond));
  for (i = 0; i < core_start; i++)
    pd->rule->left[i] = conds[core_start - 1 - i];
  pd->rule->nright = n - core_end;
  pd->rule->right = arena_alloc(&p->ctx->arena, (n - core_end + 1) *
                                                    sizeof(struct cond));
  for (i = core_end; i < n; i++)
    pd->rule->right[i - core_end] = conds[i];
  pd->ncore = core_end - core_start;
  for (i = 0; i < pd->ncore; i++)
    pd->core[i] = conds[core_start + i];
  pd->have_pattern = 1;
  return 0;
}

/* Add one entry per combination of the core's alternatives. */
static void emit_entries(struct parser *p, struct pending *pd, size_t pos,
                         struct strbuf *sb) {
  size_t k, mark = sb->len;
  if (pos == pd->ncore) {
    struct entry *e = ctx_add_entry(p->ctx);
    e->spun = arena_strndup(&p->ctx->arena, sb->buf, sb->len);
    e->original = pd->replace;
    e->source = "rule";
    e->rule_id = pd->rule->id;
    e->message = pd->rule->message;
    e->rule = pd->rule;
    e->pack = p->ctx->pack->name;
    e->weight = (float)pd->confidence;
    e->cls = pd->prior_document ? ENTRY_CTX : ENTRY_RULE;
    return;
  }
  for (k = 0; k < pd->core[pos].nwords; k++) {
    if (pos)
      strbuf_addch(sb, ' ');
    strbuf_addstr(sb, pd->core[pos].words[k]);
    emit_entries(p, pd, pos + 1, sb);
    sb->len = mark;
    sb->buf[mark] = '\0';
  }
}

static int finish_rule(struct parser *p, struct pending *pd) {
  struct rule *r = pd->rule;
  size_t i, fires = 0, quiet = 0, combos = 1;
  struct strbuf sb = STRBUF_INIT;
  if (!r)
    return 0;
  /* Report against the rule's first line. */
  p->lineno = r->line;
  for (i = 0; i < r->nexamples; i++) {
    if (r->examples[i].expect)
      fires++;
    else
      quiet++;
  }
  if (!pd->have_pattern)
    return fail(p, p->ls, 4, "rule '%s' has no pattern", r->id);
  if (!pd->replace)
    return fail(p, p->ls, 4, "rule '%s' has no replace", r->id);
  if (!r->message)
    return fail(p, p->ls, 4, "rule '%s' has no message", r->id);
  if (!fires || !quiet)
    return fail(p, p->ls, 4,
                "rule '%s' needs a 'fires' and a 'quiet' example", r->id);
  for (i = 0; i < pd->ncore; i++)
    combos *= pd->core[i].nwords;
  if (combos > 256)
    return fail(p, p->ls, 4, "rule '%s' expands to too many phrases", r->id);
  emit_entries(p, pd, 0, &sb);
  strbuf_release(&sb);
  ctx_add_rule(p->ctx, r);
  memset(pd, 0, sizeof(*pd));
  return 0;
}

static int id_char_ok(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || (c >= 'a' && c <= 'z');
}

/*
 * "with|without PHRASE|PHRASE..." or "near N PHRASE|PHRASE...": words of a
 * phrase are separated by spaces, phrases by '|'.
 */
static int parse_guard(struct parser *p, struct pending *pd,
                       enum guard_kind kind, const char *v, const char *le) {
  struct guard *g;
  struct strbuf sb = STRBUF_INIT;
  const char *q;
  size_t n = 1;
  ALLOC_GROW(p->guards, pd->rule->nguards + 1, p->galloc);
  g = &p->guards[pd->rule->nguards];
  memset(g, 0, sizeof(*g));
  g->kind = (uint8_t)kind;
  if (kind == GUARD_NEAR) {
    unsigned long w = 0;
    const char *d = v;
    while (d < le && *d >= '0' && *d <= '9' && w < 100000)
      w = w * 10 + (unsigned long)(*d++ - '0');
    if (d == v || d == le || !is_space(*d) || w == 0 || w > 1000)
      return fail(p, v, (size_t)(d - v) ? (size_t)(d - v) : 1,
                  "'near' needs a distance from 1 to 1000 words, then "
                  "phrases");
    g->near = (uint16_t)w;
    v = skip_space(d, le);
  }
  for (q = v; q < le; q++)
    n += *q == '|';
  if (n > 64)
    return fail(p, v, (size_t)(le - v), "too many phrases in a guard");
  g->phrases = arena_alloc(&p->ctx->arena, n * sizeof(*g->phrases));
  q = v;
  for (;;) {
    const char *bar = memchr(q, '|', (size_t)(le - q));
    const char *pe = bar ? bar : le, *w = skip_space(q, pe);
    strbuf_reset(&sb);
    while (w < pe) {
      const char *we = w;
      char buf[256];
      size_t l;
      while (we < pe && !is_space(*we))
        we++;
      l = tokenize_normalize(w, (size_t)(we - w), buf, sizeof(buf));
      if (!l) {
        strbuf_release(&sb);
        return fail(p, w, (size_t)(we - w), "word too long in guard");
      }
      if (sb.len)
        strbuf_addch(&sb, ' ');
      strbuf_add(&sb, buf, l);
      w = skip_space(we, pe);
    }
    if (!sb.len) {
      strbuf_release(&sb);
      return fail(p, q, 1, "empty phrase in guard");
    }
    g->phrases[g->nphrases++] = arena_strndup(&p->ctx->arena, sb.buf, sb.len);
    if (!bar)
      break;
    q = bar + 1;
  }
  strbuf_release(&sb);
  pd->rule->nguards++;
  return 0;
}

/* Handle one indented "directive value" line of the current rule. */
static int directive(struct parser *p, struct pending *pd, const char *k,
                     const char *ke, const char *v, const char *le) {
  unspin_ctx *ctx = p->ctx;
#define IS(word)                                                               \
  ((size_t)(ke - k) == strlen(word) && !memcmp(k, word, strlen(word)))
  if (!IS("message") && !IS("pattern") && !IS("replace") &&
      !IS("confidence") && !IS("fires") && !IS("quiet") && !IS("with") &&
      !IS("without") && !IS("near") && !IS("prior"))
    return fail(p, k, (size_t)(ke - k), "unknown directive '%.*s'",
                (int)(ke - k), k);
  if (v == le)
    return fail(p, ke, 1, "missing value for '%.*s'", (int)(ke - k), k);
  if (IS("with") || IS("without") || IS("near"))
    return parse_guard(p, pd, IS("with")      ? GUARD_WITH
                              : IS("without") ? GUARD_WITHOUT
                                              : GUARD_NEAR,
                       v, le);
  if (IS("message")) {
    pd->rule->message = arena_strndup(&ctx->arena, v, (size_t)(le - v));
  } else if (IS("pattern")) {
    if (pd->have_pattern)
      return fail(p, k, (size_t)(ke - k), "second pattern in rule");
    return parse_pattern(p, pd, v, le);
  } else if (IS("replace")) {
    pd->replace = arena_strndup(&ctx->arena, v, (size_t)(le - v));
  } else if (IS("prior")) {
    /* whose prior the confidence is: the rule's own (the default), or a
     * channel weight the document's spin estimate scales, as for a table
     * ctx entry: for a rule that only narrows where a common phrase may
     * be taken for spun */
    if ((size_t)(le - v) == 8 && !memcmp(v, "document", 8))
      pd->prior_document = 1;
    else if ((size_t)(le - v) == 3 && !memcmp(v, "own", 3))
      pd->prior_document = 0;
    else
      return fail(p, v, (size_t)(le - v),
                  "prior must be 'own' or 'document'");
  } else if (IS("confidence")) {
    char num[32], *endp;
    double c;
    size_t n = (size_t)(le - v) < sizeof(num) - 1 ? (size_t)(le - v)
                                                 : sizeof(num) - 1;
    memcpy(num, v, n);
    num[n] = '\0';
    c = strtod(num, &endp);
    if (endp == num || *endp || !(c > 0 && c <= 1))
      return fail(p, v, (size_t)(le - v),
                  "confidence must be a number in (0, 1]");
    pd->confidence = c;
  } else { /* fires or quiet */
    struct rule_example *x;
    const char *arrow = NULL, *q;
    for (q = v; q + 4 <= le; q++)
      if (!memcmp(q, " => ", 4)) {
        arrow = q;
        break;
      }
    if (IS("fires") && !arrow)
      return fail(p, v, (size_t)(le - v),
                  "'fires' needs 'TEXT => CORRECTED TEXT'");
    if (IS("quiet") && arrow)
      return fail(p, arrow + 1, 2, "'quiet' takes no '=>'");
    ALLOC_GROW(p->ex, pd->rule->nexamples + 1, p->exalloc);
    x = &p->ex[pd->rule->nexamples++];
    x->line = p->lineno;
    if (arrow) {
      x->text = arena_strndup(&ctx->arena, v, (size_t)(arrow - v));
      x->expect =
          arena_strndup(&ctx->arena, arrow + 4, (size_t)(le - arrow - 4));
    } else {
      x->text = arena_strndup(&ctx->arena, v, (size_t)(le - v));
      x->expect = NULL;
    }
  }
#undef IS
  return 0;
}

/* Close the current rule: check it, copy its examples, index it. */
static int close_rule(struct parser *p, struct pending *pd,
                      const char *rule_ls, const char *rule_le) {
  const char *ls = p->ls, *le = p->le;
  unsigned line = p->lineno;
  int rc;
  if (!pd->rule)
    return 0;
  pd->rule->examples = arena_alloc(
      &p->ctx->arena, (pd->rule->nexamples + 1) * sizeof(struct rule_example));
  if (pd->rule->nexamples)
    memcpy(pd->rule->examples, p->ex,
           pd->rule->nexamples * sizeof(struct rule_example));
  pd->rule->guards = arena_alloc(
      &p->ctx->arena, (pd->rule->nguards + 1) * sizeof(struct guard));
  if (pd->rule->nguards)
    memcpy(pd->rule->guards, p->guards,
           pd->rule->nguards * sizeof(struct guard));
  p->ls = rule_ls;
  p->le = rule_le;
  rc = finish_rule(p, pd);
  p->ls = ls;
  p->le = le;
  p->lineno = line;
  return rc;
}

/*
 * The file must be UTF-8 without NUL bytes: its strings become matched
 * phrases and replacements, and a replacement with, say, an overlong line
 * feed would come out of apply_case() as a real one.  Report the first bad
 * byte like any syntax error.
 */
static int check_encoding(struct parser *p, const char *buf, size_t len) {
  size_t bad;
  const char *at, *ls, *le;
  int v = text_validate(buf, len, &bad);
  if (!v)
    return 0;
  at = buf + bad;
  text_line_around(buf, len, bad, &ls, &le, &p->lineno);
  p->ls = ls;
  p->le = le;
  if (v == 2)
    return fail(p, at, 1, "NUL byte in rules file");
  return fail(p, at, 1, "invalid UTF-8 byte 0x%02X", (unsigned char)*at);
}

static int parse(struct parser *p, const char *buf, size_t len) {
  struct pending pd;
  const char *s = buf, *end = buf + len;
  const char *rule_ls = NULL, *rule_le = NULL;
  if (check_encoding(p, buf, len))
    return UNSPIN_ERR_SYNTAX;
  memset(&pd, 0, sizeof(pd));
  while (s < end) {
    const char *ls = s, *le = memchr(s, '\n', (size_t)(end - s));
    const char *k, *ke, *v;
    if (!le)
      le = end;
    s = le < end ? le + 1 : end;
    p->lineno++;
    if (le > ls && le[-1] == '\r')
      le--;
    p->ls = ls;
    p->le = le;
    k = skip_space(ls, le);
    if (k == le || *k == '#')
      continue;
    ke = k;
    while (ke < le && !is_space(*ke))
      ke++;
    v = skip_space(ke, le);
    if (k == ls) {
      /* column 1: a new rule */
      unsigned here = p->lineno;
      const char *id_end = v;
      if (ke - k != 4 || memcmp(k, "rule", 4))
        return fail(p, k, (size_t)(ke - k),
                    "expected 'rule ID' at the start of a line");
      if (close_rule(p, &pd, rule_ls, rule_le))
        return UNSPIN_ERR_SYNTAX;
      while (id_end < le && id_char_ok(*id_end))
        id_end++;
      if (id_end == v)
        return fail(p, v, 1, "missing rule id");
      if (skip_space(id_end, le) != le)
        return fail(p, id_end, (size_t)(le - id_end),
                    "unexpected text after rule id");
      pd.rule = arena_alloc(&p->ctx->arena, sizeof(*pd.rule));
      pd.rule->id = arena_strndup(&p->ctx->arena, v, (size_t)(id_end - v));
      pd.rule->path = arena_strdup(&p->ctx->arena, p->path);
      pd.rule->line = here;
      pd.confidence = 0.9;
      rule_ls = ls;
      rule_le = le;
      continue;
    }
    if (!pd.rule)
      return fail(p, k, (size_t)(ke - k), "directive outside a rule");
    if (directive(p, &pd, k, ke, v, le))
      return UNSPIN_ERR_SYNTAX;
  }
  return close_rule(p, &pd, rule_ls, rule_le);
}

int rules_parse(unspin_ctx *ctx, const char *path, const char *buf,
                size_t len, unspin_error *err) {
  struct parser p;
  int rc;
  memset(&p, 0, sizeof(p));
  p.ctx = ctx;
  p.path = path;
  p.err = err;
  rc = parse(&p, buf, len);
  free(p.ex);
  free(p.guards);
  return rc;
}

static int cond_ok(const struct cond *c, const char *text,
                   const struct token *t) {
  int ok = 0;
  char buf[256];
  size_t n, k;
  if (c->kind == COND_ANY) {
    ok = 1;
  } else {
    if (c->kind == COND_WORDS && c->classes) {
      ok = ((c->classes & CLASS_NUM) && t->kind == TOK_NUMBER) ||
           ((c->classes & CLASS_CAP) && t->kind == TOK_WORD &&
            (t->flags & TOKF_CAPITAL)) ||
           ((c->classes & CLASS_WORD) && t->kind == TOK_WORD) ||
           ((c->classes & CLASS_PUNCT) && t->kind == TOK_PUNCT);
    }
    if (!ok && c->nwords) {
      n = tokenize_normalize(text + t->start, t->end - t->start, buf,
                             sizeof(buf));
      for (k = 0; k < c->nwords && !ok; k++) {
        size_t wl = strlen(c->words[k]);
        if (c->kind == COND_WORDS)
          ok = n == wl && !memcmp(buf, c->words[k], n);
        else
          ok = t->kind == TOK_WORD && n > wl &&
               !memcmp(buf + n - wl, c->words[k], wl);
      }
    }
  }
  return c->negate ? !ok : ok;
}

/* One context condition at tok, or past an edge of the context (a
 * sentence or line start, the end of the text) when tok is NULL: only a
 * boundary condition, or a negated one, holds there. */
static int cond_holds(const struct cond *c, const char *text,
                      const struct token *tok) {
  if (c->kind == COND_BOUNDARY)
    return (tok == NULL) == !c->negate;
  if (!tok)
    return c->negate != 0;
  return cond_ok(c, text, tok);
}

int rules_context_ok(const struct rule *r, const char *text,
                     const struct tokens *toks, size_t i, size_t j) {
  size_t k;
  for (k = 0; k < r->nleft; k++) {
    const struct cond *c = &r->left[k];
    /* position i-1-k; a sentence or line start ends the context */
    int edge = i < k + 1;
    size_t m;
    for (m = 0; !edge && m <= k; m++) {
      const struct token *t = &toks->v[i - m];
      if (t->flags & (TOKF_SENT_START | TOKF_NEWLINE_BEFORE))
        edge = 1;
    }
    if (!cond_holds(c, text, edge ? NULL : &toks->v[i - 1 - k]))
      return 0;
  }
  for (k = 0; k < r->nright; k++) {
    const struct cond *c = &r->right[k];
    size_t pos = j + k, m;
    int edge = pos >= toks->n;
    for (m = j; !edge && m <= pos; m++)
      if (toks->v[m].flags & (TOKF_SENT_START | TOKF_NEWLINE_BEFORE))
        edge = 1;
    if (!cond_holds(c, text, edge ? NULL : &toks->v[pos]))
      return 0;
  }
  return 1;
}

/* 1 when the phrase's ids stand at tokens [p, p + n). */
static int phrase_at(const struct tokens *toks, size_t p, const uint32_t *ids,
                     size_t n) {
  size_t k;
  if (!n || p + n > toks->n)
    return 0;
  for (k = 0; k < n; k++)
    if (toks->v[p + k].id != ids[k])
      return 0;
  return 1;
}

/* 1 when one of the guard's phrases starts in [from, to) and ends by end. */
static int guard_in(const struct guard *g, const struct tokens *toks,
                    size_t from, size_t to, size_t end) {
  size_t k, p;
  for (k = 0; k < g->nphrases; k++)
    for (p = from; p < to; p++)
      if (p + g->nids[k] <= end && phrase_at(toks, p, g->ids[k], g->nids[k]))
        return 1;
  return 0;
}

int rules_guards_ok(const struct rule *r, const struct tokens *toks,
                    size_t i, size_t j, unsigned char *memo) {
  size_t g;
  for (g = 0; g < r->nguards; g++) {
    const struct guard *gd = &r->guards[g];
    int hit;
    if (gd->kind == GUARD_NEAR) {
      size_t lo = i, hi = j, words;
      for (words = 0; lo > 0 && words < gd->near; lo--)
        words += toks->v[lo - 1].kind != TOK_PUNCT;
      for (words = 0; hi < toks->n && words < gd->near; hi++)
        words += toks->v[hi].kind != TOK_PUNCT;
      hit = guard_in(gd, toks, lo, i, i) || guard_in(gd, toks, j, hi, hi);
    } else {
      /* the answer is the same for every match in the document */
      if (!memo[gd->slot])
        memo[gd->slot] = guard_in(gd, toks, 0, toks->n, toks->n) ? 1 : 2;
      hit = memo[gd->slot] == 1;
    }
    if (hit != (gd->kind != GUARD_WITHOUT))
      return 0;
  }
  return 1;
}
