/*
 * match.h - run the compiled index over a document's tokens and collect
 * every candidate site: a token span and an entry that matches it, rule
 * contexts already checked.
 */
#ifndef UNSPIN_MATCH_H
#define UNSPIN_MATCH_H

#include "internal.h"

struct candidates {
  struct candidate *v;
  size_t n, alloc;
};

/* Fill tokens' index ids, then append candidates in text order. */
void match_document(const unspin_ctx *ctx, const char *text,
                    struct tokens *toks, struct candidates *out);

#endif
