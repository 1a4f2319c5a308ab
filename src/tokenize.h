/*
 * tokenize.h - ICU word and sentence segmentation over UTF-8.
 *
 * ICU's word break iterator defines the segmentation; lines it would
 * segment by a few pairwise rules (wordbreak.h) are segmented without it,
 * with the same result, because that is a fifth of the program's time.
 *
 * Only words, numbers and punctuation become tokens; whitespace is folded
 * into flags on the following token, which halves the token count and keeps
 * "does a phrase cross a line break" a flag test.  Offsets are bytes into
 * the text (ICU's native indices for a UTF-8 UText are byte offsets).
 */
#ifndef UNSPIN_TOKENIZE_H
#define UNSPIN_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

#include "unspin.h"

enum token_kind { TOK_WORD = 1, TOK_NUMBER, TOK_PUNCT };

enum token_flags {
  TOKF_SPACE_BEFORE = (1 << 0),   /* whitespace between this and the last */
  TOKF_NEWLINE_BEFORE = (1 << 1), /* a line break between this and the last */
  TOKF_SENT_START = (1 << 2),     /* first token of a sentence */
  TOKF_PARA_START = (1 << 3),     /* first token after a blank line */
  TOKF_CAPITAL = (1 << 4),        /* first letter upper case */
  TOKF_ALLCAPS = (1 << 5),        /* two or more letters, all upper case */
  TOKF_QUOTED = (1 << 6)          /* inside quotation marks */
};

struct token {
  uint32_t start, end; /* byte span */
  uint32_t id;         /* match vocabulary id, 0 = not in any entry */
  uint32_t lm;         /* n-gram model id, 0 = unknown or none */
  uint8_t kind;        /* enum token_kind */
  uint8_t flags;       /* enum token_flags */
};

struct tokens {
  struct token *v;
  size_t n, alloc;
};

/*
 * Segment text[0..len) (valid UTF-8, len < 2 GiB) into toks, which the
 * caller initialises to zero and releases with tokens_release().
 */
int tokenize(const char *text, size_t len, struct tokens *toks,
             unspin_error *err);
void tokens_release(struct tokens *toks);
/* The same with ICU's word iterator on all of the text: what tokenize()
 * must equal, for the tests that check it does. */
int tokenize_icu(const char *text, size_t len, struct tokens *toks,
                 unspin_error *err);
/* The first token at which a and b differ in span, kind or flags (what
 * tokenize() keeps equal to tokenize_icu()), counting a missing token as
 * a difference; SIZE_MAX when they are the same. */
size_t tokens_mismatch(const struct tokens *a, const struct tokens *b);
/* The same without sentence segmentation (no TOKF_SENT_START but the
 * first), for short phrases. */
int tokenize_words(const char *text, size_t len, struct tokens *toks,
                   unspin_error *err);

/*
 * Normalised form of a token for lookups: lower case, typographic
 * apostrophes (U+2019, U+2018, U+02BC) folded to ', soft hyphens and word
 * joiners (U+00AD, U+2060; markup.c pads with them) dropped.  Writes at most cap
 * bytes; returns the length, or 0 when it does not fit.
 */
size_t tokenize_normalize(const char *s, size_t n, char *out, size_t cap);

/*
 * Split a phrase from a dictionary or rule ("push again", "1000's") into
 * normalised tokens the same way document text is split, calling fn for
 * each.  Returns the number of tokens, or -1 on an ICU failure.
 */
int tokenize_phrase(const char *s, size_t n,
                    void (*fn)(void *arg, const char *tok, size_t len),
                    void *arg, unspin_error *err);

#endif
