/* match.c - see match.h. */
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "ngram.h"
#include "rules.h"
#include "util.h"

/*
 * The distinct token texts of a document, by their bytes as written: a
 * token met again takes its index id and model id from here instead of
 * being normalised and looked up in the index's and the model's
 * vocabularies, whose tables are too large for the cache.  Both ids are
 * functions of the bytes alone.
 */
struct tok_seen {
  uint64_t h;          /* hash_bytes() of the bytes */
  uint32_t start, len; /* where the text was first met; len + 1, 0: free */
  uint32_t id;         /* index id */
  uint32_t lm;         /* model id + 1; 0: not looked up yet */
};

struct tok_memo {
  struct tok_seen *v;
  size_t cap, count; /* cap a power of two, count <= cap / 2 */
};

static struct tok_seen *memo_slot(struct tok_seen *v, size_t cap,
                                  const char *text, uint64_t h,
                                  const char *s, uint32_t len) {
  size_t i = (size_t)h & (cap - 1);
  while (v[i].len) {
    if (v[i].h == h && v[i].len == len + 1 &&
        !memcmp(text + v[i].start, s, len))
      break;
    i = (i + 1) & (cap - 1);
  }
  return &v[i];
}

static void memo_grow(struct tok_memo *m, const char *text) {
  struct tok_seen *old = m->v;
  size_t i, oldcap = m->cap;
  m->cap = oldcap ? 2 * oldcap : 4096;
  m->v = xcalloc(m->cap, sizeof(*m->v));
  for (i = 0; i < oldcap; i++)
    if (old[i].len)
      *memo_slot(m->v, m->cap, text, old[i].h, text + old[i].start,
                 old[i].len - 1) = old[i];
  free(old);
}

/* Where a name entry applies: a capitalised word inside a sentence (not
 * its first word, not in capitals throughout), which honest English
 * writes only as part of a name or title ("the Home voted", "Aaron
 * Decide"). */
static int name_site(const struct token *t) {
  return (t->flags & (TOKF_CAPITAL | TOKF_SENT_START | TOKF_ALLCAPS)) ==
         TOKF_CAPITAL;
}

/* Whether the chain from e0 (one index node: the same spun phrase) holds
 * a name entry with en's original: where it applies, it stands in for
 * en, with the weight measured on capitalised words.  Other ctx entries
 * stay candidates there: leaving them out at every name site (session 8,
 * cross-validation at bar 0.8) lost more right findings than wrong ones,
 * 0.274 / 0.800 -> 0.270 / 0.799, findings judged alone 523/550 ->
 * 518/543. */
static int name_twin(const unspin_ctx *ctx, uint32_t e0,
                     const struct entry *en) {
  uint32_t e;
  for (e = e0; e; e = ctx->entries[e].next)
    if (ctx->entries[e].name &&
        !strcmp(ctx->entries[e].original, en->original))
      return 1;
  return 0;
}

/* How far back (in tokens) a covering candidate may start. */
#define MAX_COVER 32

/*
 * A name entry yields to a longer candidate that covers its word (the
 * telltale "majority chief" -> "majority leader" over the name entry
 * "chief" -> "leader"): the longer one was learned as a whole, and where
 * both spell the same the decoder would split its belief between them.
 * The candidates from first on are in order of their first token, then
 * of their last.
 */
static void yield_names(const unspin_ctx *ctx, struct candidates *out,
                        size_t first) {
  size_t k, m, n;
  for (k = first; k < out->n; k++) {
    struct candidate *c = &out->v[k];
    int covered = 0;
    if (!ctx->entries[c->entry].name)
      continue;
    for (m = k; m > first && !covered &&
                out->v[m - 1].tok + MAX_COVER > c->tok;
         m--)
      covered = out->v[m - 1].tok_end >= c->tok_end &&
                out->v[m - 1].tok_end - out->v[m - 1].tok >
                    c->tok_end - c->tok;
    for (m = k + 1; m < out->n && !covered && out->v[m].tok == c->tok; m++)
      covered = out->v[m].tok_end > c->tok_end;
    if (covered)
      c->entry = 0; /* dropped below */
  }
  for (k = n = first; k < out->n; k++)
    if (out->v[k].entry)
      out->v[n++] = out->v[k];
  out->n = n;
}

void match_document(const unspin_ctx *ctx, const char *text,
                    struct tokens *toks, struct candidates *out) {
  size_t i, j;
  unsigned char *memo = xcalloc(ctx->nguard_slots + 1, 1);
  /* per index id, once looked up, the node its step from the root
   * reaches + 1 (0: not yet): the same few thousand words make most of a
   * text */
  uint32_t *root = xcalloc(ctx->index.vocab.count + 1, sizeof(*root));
  struct tok_memo seen = {NULL, 0, 0};
  size_t first = out->n;
  int names = 0;
  memo_grow(&seen, text);
  for (i = 0; i < toks->n; i++) {
    struct token *t = &toks->v[i];
    const char *s = text + t->start;
    uint32_t len = t->end - t->start;
    uint64_t h = hash_bytes(s, len);
    struct tok_seen *e = memo_slot(seen.v, seen.cap, text, h, s, len);
    char buf[256];
    size_t n = 0;
    if (!e->len) {
      if (2 * (seen.count + 1) > seen.cap) {
        memo_grow(&seen, text);
        e = memo_slot(seen.v, seen.cap, text, h, s, len);
      }
      seen.count++;
      e->h = h;
      e->start = t->start;
      e->len = len + 1;
      n = tokenize_normalize(s, len, buf, sizeof(buf));
      e->id = n ? index_word(&ctx->index, buf, n) : 0;
      e->lm = n ? 0 : 1; /* nothing to look up: model id 0 */
    }
    t->id = e->id;
    t->lm = 0;
    if (ctx->model && (t->kind == TOK_NUMBER || (len == 1 && *s == '%'))) {
      /* spelled as the model's text spelled them; decide.c feeds the
       * model a punctuation token that has an id */
      if (!n)
        n = tokenize_normalize(s, len, buf, sizeof(buf));
      t->lm = n ? ngram_token(ctx->model, buf, n) : 0;
    } else if (ctx->model && t->kind == TOK_WORD) {
      if (!e->lm) {
        if (!n)
          n = tokenize_normalize(s, len, buf, sizeof(buf));
        e->lm = ngram_word(ctx->model, buf, n) + 1;
      }
      t->lm = e->lm - 1;
    }
  }
  for (i = 0; i < toks->n; i++) {
    uint32_t node = 0, id = toks->v[i].id;
    int at_name = name_site(&toks->v[i]);
    for (j = i; j < toks->n; j++) {
      uint32_t e;
      if (j > i && (toks->v[j].flags & TOKF_NEWLINE_BEFORE))
        break;
      if (j > i) {
        node = index_step(&ctx->index, node, toks->v[j].id);
      } else if (id) {
        if (!root[id])
          root[id] = index_step(&ctx->index, 0, id) + 1;
        node = root[id] - 1;
      }
      if (!node)
        break;
      for (e = ctx->index.head[node]; e; e = ctx->entries[e].next) {
        const struct entry *en = &ctx->entries[e];
        struct candidate *c;
        if (en->name ? !at_name
                     : at_name && name_twin(ctx, ctx->index.head[node], en))
          continue;
        if (en->rule &&
            (!rules_context_ok(en->rule, text, toks, i, j + 1) ||
             !rules_guards_ok(en->rule, toks, i, j + 1, memo)))
          continue;
        ALLOC_GROW(out->v, out->n + 1, out->alloc);
        c = &out->v[out->n++];
        memset(c, 0, sizeof(*c));
        c->tok = (uint32_t)i;
        c->tok_end = (uint32_t)(j + 1);
        c->entry = e;
        c->confidence = en->weight;
        names |= en->name;
      }
    }
  }
  if (names)
    yield_names(ctx, out, first);
  free(root);
  free(seen.v);
  free(memo);
}
