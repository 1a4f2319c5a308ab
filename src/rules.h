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

#endif
