/*
 * ignore.h - the internal side of unspin_ignore: does an ignored phrase
 * occur over a span of tokens.
 */
#ifndef UNSPIN_IGNORE_H
#define UNSPIN_IGNORE_H

#include <stddef.h>

#include "tokenize.h"
#include "unspin.h"

/*
 * Whether an occurrence of a phrase of ig (NULL: none) overlaps tokens
 * [tok, tok_end) of text.
 */
int ignore_covers(const unspin_ignore *ig, const char *text,
                  const struct tokens *toks, size_t tok, size_t tok_end);

#endif
