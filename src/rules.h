/*
 * rules.h - parse the rules/<lang> files (format in rules/en/README.md) into
 * ctx rules and entries.  Every token of the source keeps its position, so
 * errors point at line and column with the line shown.
 */
#ifndef UNSPIN_RULES_H
#define UNSPIN_RULES_H

#include "internal.h"

int rules_parse(unspin_ctx *ctx, const char *path, const char *buf,
                size_t len, unspin_error *err);

/* 1 when token i (and its neighbours) satisfy the rule's left and right
 * conditions for a match of tokens [i, j). */
int rules_context_ok(const struct rule *r, const char *text,
                     const struct tokens *toks, size_t i, size_t j);

/* 1 when the rule's guards hold for a match of tokens [i, j): tokens carry
 * their match-index ids (match_document() sets them).  memo has one byte
 * per document-level guard (ctx->nguard_slots), zeroed for each new
 * document: 0 not yet known, 1 the phrase occurs, 2 it does not. */
int rules_guards_ok(const struct rule *r, const struct tokens *toks,
                    size_t i, size_t j, unsigned char *memo);

#endif
