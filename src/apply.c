/*
 * apply.c - replacements in the case pattern of what they replace, and the
 * corrected text.  Everything outside a finding's span is copied byte for
 * byte, so line endings, BOMs and odd spacing survive.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "internal.h"
#include "strbuf.h"
#include "text.h"
#include "util.h"

static int has_curly_apostrophe(const char *s, size_t n) {
  size_t i;
  for (i = 0; i + 2 < n; i++)
    if ((unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        (unsigned char)s[i + 2] == 0x99)
      return 1;
  return 0;
}

enum casing { CASE_LOWER, CASE_FIRST, CASE_TITLE, CASE_UPPER };

/* The case pattern of the spun words. */
static enum casing casing_of(const char *s, size_t n) {
  size_t i = 0;
  unsigned words = 0, cap_words = 0, letters = 0, upper = 0;
  int in_word = 0, first_cap = 0;
  while (i < n) {
    unsigned cp;
    size_t l = utf8_decode(s + i, n - i, &cp);
    if (u_isalpha((UChar32)cp)) {
      int up = u_isupper((UChar32)cp);
      if (!in_word) {
        words++;
        cap_words += (unsigned)up;
        if (words == 1)
          first_cap = up;
      }
      in_word = 1;
      letters++;
      upper += (unsigned)up;
    } else if (cp == ' ') {
      in_word = 0;
    }
    i += l;
  }
  if (letters >= 2 && upper == letters)
    return CASE_UPPER;
  if (words >= 2 && cap_words == words)
    return CASE_TITLE;
  return first_cap ? CASE_FIRST : CASE_LOWER;
}

static void add_cased(struct strbuf *sb, const char *s, size_t n,
                      enum casing c) {
  size_t i = 0;
  int word_start = 1, first = 1;
  while (i < n) {
    unsigned cp;
    size_t l = utf8_decode(s + i, n - i, &cp);
    char out[4];
    int is_alpha = u_isalpha((UChar32)cp);
    if (is_alpha && (c == CASE_UPPER || (c == CASE_TITLE && word_start) ||
                     (c == CASE_FIRST && first)))
      cp = (unsigned)u_toupper((UChar32)cp);
    if (is_alpha)
      first = 0;
    word_start = cp == ' ' || cp == '-';
    strbuf_add(sb, out, utf8_encode(cp, out));
    i += l;
  }
}

char *apply_case(struct arena *a, const char *spun, size_t spun_len,
                 const char *orig) {
  struct strbuf sb = STRBUF_INIT;
  char *r;
  int curly = has_curly_apostrophe(spun, spun_len);
  size_t i, n = strlen(orig);
  add_cased(&sb, orig, n, casing_of(spun, spun_len));
  if (curly) {
    struct strbuf t = STRBUF_INIT;
    for (i = 0; i < sb.len; i++) {
      if (sb.buf[i] == '\'')
        strbuf_add(&t, "\xE2\x80\x99", 3);
      else
        strbuf_addch(&t, sb.buf[i]);
    }
    strbuf_release(&sb);
    sb = t;
  }
  r = arena_strndup(a, sb.buf, sb.len);
  strbuf_release(&sb);
  return r;
}

int doc_finding_applied(const unspin_doc *doc, const unspin_finding *f) {
  return f->confidence >= doc->min_confidence;
}

void doc_apply_into(const unspin_doc *doc, const char *const *choices,
                    struct strbuf *sb,
                    void (*after)(void *user, struct strbuf *sb, size_t pos),
                    void *user) {
  size_t pos = 0, i;
  for (i = 0; i < doc->nfindings; i++) {
    const unspin_finding *f = &doc->findings[i];
    const char *r = choices ? choices[i]
                    : doc_finding_applied(doc, f) ? f->replacement
                                                  : NULL;
    if (!r)
      continue;
    strbuf_add(sb, doc->text + pos, f->start - pos);
    strbuf_addstr(sb, r);
    pos = f->end;
    if (after)
      after(user, sb, pos);
  }
  strbuf_add(sb, doc->text + pos, doc->len - pos);
}

char *unspin_doc_apply(const unspin_doc *doc, size_t *len) {
  struct strbuf sb = STRBUF_INIT;
  strbuf_grow(&sb, doc->len + 64);
  doc_apply_into(doc, NULL, &sb, NULL, NULL);
  return strbuf_detach(&sb, len);
}

char *unspin_doc_apply_choices(const unspin_doc *doc,
                               const char *const *replacements, size_t *len) {
  struct strbuf sb = STRBUF_INIT;
  strbuf_grow(&sb, doc->len + 64);
  doc_apply_into(doc, replacements, &sb, NULL, NULL);
  return strbuf_detach(&sb, len);
}
