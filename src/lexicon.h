/*
 * lexicon.h - the hunspell wrapper: is this a word?  Used to check word
 * forms the inflector generates, never on the per-token hot path.
 */
#ifndef UNSPIN_LEXICON_H
#define UNSPIN_LEXICON_H

#include <stddef.h>

#include "unspin.h"

struct lexicon;

/* Open aff/dic (both must be readable); NULL and *err on failure. */
struct lexicon *lexicon_open(const char *aff, const char *dic,
                             unspin_error *err);
void lexicon_free(struct lexicon *lex);
/* 1 when hunspell accepts the word (UTF-8, n bytes), else 0. */
int lexicon_known(struct lexicon *lex, const char *w, size_t n);

#endif
