/* tokenize.c - see tokenize.h.  The only file that talks to ICU's break
 * iterators; ICU errors are translated to UNSPIN_ERR_ICU here. */
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ucasemap.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include "text.h"
#include "tokenize.h"
#include "util.h"

void tokens_release(struct tokens *toks) {
  free(toks->v);
  toks->v = NULL;
  toks->n = toks->alloc = 0;
}

static int icu_error(unspin_error *err, const char *what, UErrorCode st) {
  return unspin_error_set(err, UNSPIN_ERR_ICU, NULL, 0, 0, "%s: %s", what,
                          u_errorName(st));
}

/* Classify the segment [s, e) that the word iterator returned. */
static int segment_kind(const char *text, uint32_t s, uint32_t e,
                        int32_t status, int *space, int *newlines) {
  unsigned cp;
  *space = 0;
  *newlines = 0;
  if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT)
    return TOK_NUMBER;
  if (status >= UBRK_WORD_LETTER)
    return TOK_WORD;
  utf8_decode(text + s, e - s, &cp);
  if (u_isUWhiteSpace((UChar32)cp) || cp == 0xFEFF) {
    uint32_t i;
    *space = 1;
    for (i = s; i < e; i++)
      if (text[i] == '\n')
        (*newlines)++;
    return 0;
  }
  /* Control characters and other invisibles carry no text either. */
  if (cp < 0x20 || u_charType((UChar32)cp) == U_FORMAT_CHAR) {
    *space = 1;
    return 0;
  }
  return TOK_PUNCT;
}

static unsigned case_flags(const char *s, size_t n) {
  size_t i = 0;
  unsigned upper = 0, letters = 0, first_upper = 0;
  while (i < n) {
    unsigned cp;
    size_t l = utf8_decode(s + i, n - i, &cp);
    if (u_isalpha((UChar32)cp)) {
      int up = u_isupper((UChar32)cp) || u_istitle((UChar32)cp);
      if (!letters)
        first_upper = (unsigned)up;
      letters++;
      upper += (unsigned)up;
    }
    i += l;
  }
  return (first_upper ? TOKF_CAPITAL : 0) |
         (letters >= 2 && upper == letters ? TOKF_ALLCAPS : 0);
}

static int is_open_quote(unsigned cp) {
  return cp == 0x201C || cp == 0x00AB || cp == 0x201E;
}
static int is_close_quote(unsigned cp) {
  return cp == 0x201D || cp == 0x00BB;
}

int tokenize(const char *text, size_t len, struct tokens *toks,
             unspin_error *err) {
  UErrorCode st = U_ZERO_ERROR;
  UText *ut = NULL;
  UBreakIterator *wb = NULL, *sb = NULL;
  int32_t prev, cur, next_sent;
  unsigned pending = 0;
  int quoted = 0, straight_open = 0, rc = UNSPIN_OK;

  if (len >= UINT32_MAX)
    return unspin_error_set(err, UNSPIN_ERR_ARG, NULL, 0, 0,
                            "input too large (%zu bytes; the limit is 4 GiB)",
                            len);
  if (len > INT32_MAX)
    return unspin_error_set(err, UNSPIN_ERR_ARG, NULL, 0, 0,
                            "input too large (%zu bytes; the limit is 2 GiB)",
                            len);
  ut = utext_openUTF8(NULL, text, (int64_t)len, &st);
  if (U_FAILURE(st))
    return icu_error(err, "cannot open text", st);
  wb = ubrk_open(UBRK_WORD, "en_US", NULL, 0, &st);
  sb = ubrk_open(UBRK_SENTENCE, "en_US", NULL, 0, &st);
  if (U_FAILURE(st)) {
    rc = icu_error(err, "cannot open break iterator", st);
    goto out;
  }
  ubrk_setUText(wb, ut, &st);
  ubrk_setUText(sb, ut, &st);
  if (U_FAILURE(st)) {
    rc = icu_error(err, "cannot segment text", st);
    goto out;
  }
  next_sent = ubrk_first(sb);
  pending = TOKF_SENT_START | TOKF_PARA_START;
  prev = ubrk_first(wb);
  while ((cur = ubrk_next(wb)) != UBRK_DONE) {
    int space, newlines;
    int kind = segment_kind(text, (uint32_t)prev, (uint32_t)cur,
                            ubrk_getRuleStatus(wb), &space, &newlines);
    while (next_sent != UBRK_DONE && next_sent < prev)
      next_sent = ubrk_next(sb);
    if (next_sent == prev)
      pending |= TOKF_SENT_START;
    if (space) {
      pending |= TOKF_SPACE_BEFORE;
      if (newlines)
        pending |= TOKF_NEWLINE_BEFORE;
      if (newlines >= 2)
        pending |= TOKF_PARA_START | TOKF_SENT_START;
    } else {
      struct token *t;
      unsigned cp = 0;
      ALLOC_GROW(toks->v, toks->n + 1, toks->alloc);
      t = &toks->v[toks->n++];
      t->start = (uint32_t)prev;
      t->end = (uint32_t)cur;
      t->id = t->lm = 0;
      t->kind = (uint8_t)kind;
      if (pending & TOKF_PARA_START)
        quoted = straight_open = 0;
      if (kind == TOK_PUNCT) {
        utf8_decode(text + prev, (size_t)(cur - prev), &cp);
        if (is_open_quote(cp) || (cp == '"' && !straight_open))
          quoted = 1, straight_open = cp == '"';
      }
      t->flags = (uint8_t)(pending | (kind == TOK_WORD
                                          ? case_flags(text + prev,
                                                       (size_t)(cur - prev))
                                          : 0) |
                           (quoted ? TOKF_QUOTED : 0));
      if (kind == TOK_PUNCT && (is_close_quote(cp) ||
                                (cp == '"' && straight_open &&
                                 (t->flags & TOKF_QUOTED) &&
                                 toks->n > 1 &&
                                 !(toks->v[toks->n - 2].kind == TOK_PUNCT &&
                                   toks->v[toks->n - 2].end == t->start &&
                                   text[toks->v[toks->n - 2].start] == '"'))))
        quoted = straight_open = 0;
      pending = 0;
    }
    prev = cur;
  }
out:
  ubrk_close(sb);
  ubrk_close(wb);
  utext_close(ut);
  return rc;
}

size_t tokenize_normalize(const char *s, size_t n, char *out, size_t cap) {
  size_t i, o = 0;
  int ascii = 1;
  for (i = 0; i < n; i++)
    if ((unsigned char)s[i] >= 0x80) {
      ascii = 0;
      break;
    }
  if (ascii) {
    if (n >= cap)
      return 0;
    for (i = 0; i < n; i++) {
      char c = s[i];
      out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[n] = '\0';
    return n;
  }
  /* Fold apostrophes first, then let ICU lower-case the rest. */
  {
    char tmp[256];
    UErrorCode st = U_ZERO_ERROR;
    UCaseMap *cm;
    int32_t r;
    size_t t = 0;
    i = 0;
    while (i < n) {
      unsigned cp;
      size_t l = utf8_decode(s + i, n - i, &cp);
      if (t + 4 >= sizeof(tmp))
        return 0;
      if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC)
        tmp[t++] = '\'';
      else {
        memcpy(tmp + t, s + i, l);
        t += l;
      }
      i += l;
    }
    cm = ucasemap_open("en", 0, &st);
    if (U_FAILURE(st))
      return 0;
    r = ucasemap_utf8ToLower(cm, out, (int32_t)cap, tmp, (int32_t)t, &st);
    ucasemap_close(cm);
    if (U_FAILURE(st) || r < 0 || (size_t)r >= cap)
      return 0;
    o = (size_t)r;
    out[o] = '\0';
    return o;
  }
}

int tokenize_phrase(const char *s, size_t n,
                    void (*fn)(void *arg, const char *tok, size_t len),
                    void *arg, unspin_error *err) {
  struct tokens toks = {0};
  size_t i;
  int count = 0;
  if (tokenize(s, n, &toks, err))
    return -1;
  for (i = 0; i < toks.n; i++) {
    char buf[256];
    size_t l = tokenize_normalize(s + toks.v[i].start,
                                  toks.v[i].end - toks.v[i].start, buf,
                                  sizeof(buf));
    if (!l)
      continue;
    fn(arg, buf, l);
    count++;
  }
  tokens_release(&toks);
  return count;
}
