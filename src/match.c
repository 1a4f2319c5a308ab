/* match.c - see match.h. */
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "ngram.h"
#include "rules.h"
#include "util.h"

void match_document(const unspin_ctx *ctx, const char *text,
                    struct tokens *toks, struct candidates *out) {
  size_t i, j;
  unsigned char *memo = xcalloc(ctx->nguard_slots + 1, 1);
  /* per index id, once looked up, the word's model id + 1 and the node its
   * step from the root reaches + 1 (0: not yet): the same few thousand
   * words make most of a text */
  struct {
    uint32_t lm, root;
  } *seen = xcalloc(ctx->index.vocab.count + 1, sizeof(*seen));
  for (i = 0; i < toks->n; i++) {
    struct token *t = &toks->v[i];
    char buf[256];
    size_t n = tokenize_normalize(text + t->start, t->end - t->start, buf,
                                  sizeof(buf));
    t->id = n ? index_word(&ctx->index, buf, n) : 0;
    t->lm = 0;
    if (n && ctx->model && t->kind == TOK_WORD) {
      if (t->id && seen[t->id].lm) {
        t->lm = seen[t->id].lm - 1;
      } else {
        t->lm = ngram_word(ctx->model, buf, n);
        if (t->id)
          seen[t->id].lm = t->lm + 1;
      }
    }
  }
  for (i = 0; i < toks->n; i++) {
    uint32_t node = 0, id = toks->v[i].id;
    for (j = i; j < toks->n; j++) {
      uint32_t e;
      if (j > i && (toks->v[j].flags & TOKF_NEWLINE_BEFORE))
        break;
      if (j > i) {
        node = index_step(&ctx->index, node, toks->v[j].id);
      } else if (id) {
        if (!seen[id].root)
          seen[id].root = index_step(&ctx->index, 0, id) + 1;
        node = seen[id].root - 1;
      }
      if (!node)
        break;
      for (e = ctx->index.head[node]; e; e = ctx->entries[e].next) {
        const struct entry *en = &ctx->entries[e];
        struct candidate *c;
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
      }
    }
  }
  free(seen);
  free(memo);
}
