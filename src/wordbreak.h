/*
 * wordbreak.h - ICU's word boundaries, computed without ICU, for lines of
 * simple text.
 *
 * ICU's word break iterator (UBRK_WORD, en_US; UAX #29 as ICU 72 tailors
 * it) defines how tokenize.c segments text.  Running it was a fifth of the
 * program's time, and for the characters news text is made of its rules
 * come down to a few tests between neighbouring characters, so this file
 * answers those lines itself and tokenize.c gives every other line to ICU.
 * Lines are independent: ICU breaks before and after every line break and
 * attaches nothing across one (WB3a, WB3b, WB4).
 *
 * The simple set: U+0000-U+007F; U+00A0-U+024F but U+00AD (Latin-1 and
 * Latin Extended-A and -B; the soft hyphen is a format character that
 * attaches to its neighbour); U+2010-U+2027 (dashes, quotation marks,
 * bullets, the ellipsis); U+20A0-U+20C0 (currency signs); U+FB00-U+FB06
 * (Latin ligatures).  Every one of them is one UTF-16 unit.  The classes
 * are ICU's, not the Unicode property alone: ICU counts '@' as a letter and
 * ':' as nothing.  test_tokenize.c checks all of it against ICU.
 */
#ifndef UNSPIN_WORDBREAK_H
#define UNSPIN_WORDBREAK_H

#include <stddef.h>

/* ICU's rule status of a segment: the values of UBRK_WORD_NONE, _NUMBER
 * and _LETTER (tokenize.c asserts they match). */
enum wordbreak_status {
  WORDBREAK_NONE = 0,
  WORDBREAK_NUMBER = 100,
  WORDBREAK_LETTER = 200
};

/*
 * Length in bytes of the line that starts at s[0..n): up to and including
 * its line break (LF, CR LF, a lone CR, VT or FF), or n when there is none.
 * *units gets its length in UTF-16 units, and *simple whether every code
 * point of it is in the simple set and well-formed.
 */
size_t wordbreak_line(const char *s, size_t n, size_t *units, int *simple);

/*
 * End (a byte offset) of the word segment that begins at i in a simple line
 * s[0..n) from wordbreak_line(); i is 0 or an end returned before.  Sets
 * *units to the segment's length in UTF-16 units (its code points) and
 * *status to the rule status ICU gives it.
 */
size_t wordbreak_next(const char *s, size_t n, size_t i, size_t *units,
                      int *status);

#endif
