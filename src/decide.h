/*
 * decide.h - choose which candidate sites to correct and how confident each
 * correction is.  Without a model only context-free evidence counts
 * (telltales and rules); with one, every site is scored in context.
 */
#ifndef UNSPIN_DECIDE_H
#define UNSPIN_DECIDE_H

#include "internal.h"
#include "match.h"

/*
 * Set chosen[i] for the candidates to apply (never overlapping) and their
 * confidence; returns the document's spin estimate (0..1).
 */
double decide(const unspin_ctx *ctx, const unspin_doc *doc,
              struct candidates *cands, unsigned char *chosen);

#endif
