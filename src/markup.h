/*
 * markup.h - which bytes of an HTML or Markdown file are prose.
 *
 * markup_read() makes a shadow of the text with the same length: prose is
 * copied, markup (tags and their attributes, comments, script, style, pre
 * and code content, Markdown code, link destinations, bare URLs, block
 * markers, emphasis delimiters) becomes white space, and character
 * references become the character they stand for, padded to their length.
 * The checker segments and matches the shadow, so every offset it finds is
 * an offset into the source, and applying findings to the source leaves the
 * markup as it was.  skip[] says which bytes are markup: a finding must not
 * touch any of them.
 *
 * What the shadow holds where the source has markup:
 *  - a line break ('\n', '\r') stays where it is: the shadow has every line
 *    break of the source, at the same offset;
 *  - a block tag (<p>, </li>, <h2>, a list marker, an ATX heading marker)
 *    starts with "\n\n" (<br> and table cells with "\n"), so the sentence
 *    segmenter and the phrase matcher see a paragraph or line break there;
 *  - an inline construct between two letters ("spin<b>ner</b>") becomes
 *    invisible format characters (U+2060, U+00AD), which ICU ignores inside
 *    a word and tokenize_normalize() drops, so the word stays whole;
 *  - anything else becomes spaces.
 * A character reference decodes to its character followed by format
 * characters ("don&rsquo;t" is one word, "don't"), or by spaces when the
 * character is white space or ASCII punctuation.
 *
 * Suppressions: <!-- unspin-disable --> ... <!-- unspin-enable --> (both
 * kinds of markup) turn the region between them into markup; without an
 * enable the region runs to the end of the text.
 *
 * The input need not be valid UTF-8 (the reader only looks at ASCII
 * bytes); when it is, so is the shadow, and the shadow has no NUL byte.
 * Limits are listed in markup.c.
 */
#ifndef UNSPIN_MARKUP_H
#define UNSPIN_MARKUP_H

#include <stddef.h>

#include "unspin.h"

/* Values of skip[]. */
enum markup_skip {
  MARKUP_PROSE = 0,
  MARKUP_INLINE = 1, /* a tag, a delimiter, a URL, a suppressed region */
  MARKUP_BLOCK = 2   /* a code block or front matter line: ends inline
                        constructs as a blank line does */
};

struct markup {
  char *shadow;        /* len bytes and a NUL; malloc'd */
  unsigned char *skip; /* len bytes of enum markup_skip; malloc'd */
  size_t len;
};

/*
 * Read text[0..len) as kind (UNSPIN_MARKUP_TEXT gives a copy with nothing
 * skipped).  m is filled; release it with markup_release().
 */
void markup_read(struct markup *m, const char *text, size_t len,
                 enum unspin_markup kind);
void markup_release(struct markup *m);

/* Whether any byte of [start, end) is markup. */
int markup_overlaps(const struct markup *m, size_t start, size_t end);

#endif
