/*
 * lexicon.h - the hunspell wrapper: is this a word?  Used to check word
 * forms the inflector generates, never on the per-token hot path.
 *
 * Loading hunspell's en_US dictionary takes longer than everything else a
 * start-up does, so the answers for the shipped tables are kept in a cache
 * file (dicts/en/lexicon.tsv, `make dicts`); hunspell itself is loaded only
 * when a word is not in it.
 */
#ifndef UNSPIN_LEXICON_H
#define UNSPIN_LEXICON_H

#include <stddef.h>

#include "strbuf.h"
#include "unspin.h"

struct lexicon;

/* Open aff/dic (both must be readable and UTF-8; hunspell reads them at
 * the first word the cache does not know); NULL and *err on failure. */
struct lexicon *lexicon_open(const char *aff, const char *dic,
                             unspin_error *err);
void lexicon_free(struct lexicon *lex);
/* 1 when hunspell accepts the word (UTF-8, n bytes), else 0.  0 as well
 * when hunspell could not be loaded: lexicon_failed() tells. */
int lexicon_known(struct lexicon *lex, const char *w, size_t n);
/* Did loading hunspell fail?  *err (if not NULL) gets why. */
int lexicon_failed(const struct lexicon *lex, unspin_error *err);
/* Was hunspell loaded (some word missed the cache)? */
int lexicon_loaded(const struct lexicon *lex);

/*
 * The cache file: "WORD<TAB>1" (known) or "WORD<TAB>0" lines, '#'
 * comments.  Load merges it into the answers (syntax errors name the
 * line); dump writes every answer so far, sorted, into out.
 */
int lexicon_load_cache(struct lexicon *lex, const char *path,
                       unspin_error *err);
/* The same over the file's bytes (path only names it in messages). */
int lexicon_parse_cache(struct lexicon *lex, const char *path,
                        const char *buf, size_t len, unspin_error *err);
void lexicon_dump_cache(const struct lexicon *lex, struct strbuf *out);

#endif
