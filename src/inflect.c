/*
 * inflect.c - see inflect.h.  The irregular table first, then English
 * suffix rules.  tools/build-irregular.py mirrors these rules to decide
 * what the table must list: change both together and rebuild the table.
 *
 * The rules look at ASCII letters only; other bytes (UTF-8, digits,
 * apostrophes) are neither vowels nor consonants, so a lemma ending in
 * one simply takes -s, -ed, -ing.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "inflect.h"
#include "text.h"
#include "util.h"

static const char *const form_names[INFL_NFORMS] = {
    "plural", "3sg", "past", "pastpart", "ing",
};

void inflect_init(struct inflect *in) {
  hash_init(&in->irregular);
  in->forms = NULL;
  in->nforms = in->alloc = 0;
  in->arena = (struct arena)ARENA_INIT;
}

void inflect_release(struct inflect *in) {
  hash_release(&in->irregular);
  free(in->forms);
  in->forms = NULL;
  in->nforms = in->alloc = 0;
  arena_release(&in->arena);
}

/* --- the rules ----------------------------------------------------------- */

static int is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* w[i] is an ASCII consonant letter; the u of "qu" counts as one. */
static int is_consonant(const char *w, size_t i) {
  char c = w[i];
  if (c == 'u' && i > 0 && w[i - 1] == 'q')
    return 1;
  return c >= 'a' && c <= 'z' && !is_vowel(c);
}

static int ends_with(const char *w, size_t n, const char *suffix) {
  size_t k = strlen(suffix);
  return n >= k && !memcmp(w + n - k, suffix, k);
}

static int ends_consonant_y(const char *w, size_t n) {
  return n >= 2 && w[n - 1] == 'y' && is_consonant(w, n - 2);
}

static int ends_sibilant(const char *w, size_t n) {
  char c = w[n - 1];
  return c == 's' || c == 'x' || c == 'z' || ends_with(w, n, "ch") ||
         ends_with(w, n, "sh");
}

/*
 * stop -> stopped: one syllable ending consonant, single vowel, consonant
 * (not w, x or y, which never double, nor c, which takes k).  Longer words
 * double only when stressed at the end (admit, but visit), which spelling
 * does not show, so they are left to the table.  In a compound the last
 * part counts (co-star -> co-starred).  A y after the first letter is a
 * vowel, so hyphen is two syllables.
 */
static int doubles_final(const char *w, size_t n) {
  const char *s = w;
  size_t m, i;
  for (i = 0; i < n; i++)
    if (w[i] == '-')
      s = w + i + 1;
  m = n - (size_t)(s - w);
  if (m < 2 || !strchr("bdgklmnprstvz", s[m - 1]) || !is_vowel(s[m - 2]))
    return 0;
  for (i = 0; i + 2 < m; i++)
    if ((s[i] == 'y' && i > 0) || !is_consonant(s, i))
      return 0;
  return 1;
}

/*
 * Write w[0..keep) + mid[0..midn) + suffix into out.  Returns the length,
 * or 0 (and out = "") when it does not fit.
 */
static size_t emit(char *out, size_t cap, const char *w, size_t keep,
                   const char *mid, size_t midn, const char *suffix) {
  size_t sn = strlen(suffix), len = keep + midn + sn;
  if (len >= cap) {
    out[0] = '\0';
    return 0;
  }
  memcpy(out, w, keep);
  memcpy(out + keep, mid, midn);
  memcpy(out + keep + midn, suffix, sn + 1);
  return len;
}

static size_t regular_plural(const char *w, size_t n, char *out, size_t cap) {
  /* chairman -> chairmen, as in WordNet's morphology; humans are listed */
  if (ends_with(w, n, "man"))
    return emit(out, cap, w, n - 2, "", 0, "en");
  if (ends_sibilant(w, n))
    return emit(out, cap, w, n, "", 0, "es");
  if (ends_consonant_y(w, n))
    return emit(out, cap, w, n - 1, "", 0, "ies");
  return emit(out, cap, w, n, "", 0, "s");
}

static size_t regular_3sg(const char *w, size_t n, char *out, size_t cap) {
  /* goes, does, echoes: unlike nouns (photos), verbs in -o take -es */
  if (ends_sibilant(w, n) ||
      (n >= 2 && w[n - 1] == 'o' && is_consonant(w, n - 2)))
    return emit(out, cap, w, n, "", 0, "es");
  if (ends_consonant_y(w, n))
    return emit(out, cap, w, n - 1, "", 0, "ies");
  return emit(out, cap, w, n, "", 0, "s");
}

static size_t regular_past(const char *w, size_t n, char *out, size_t cap) {
  if (w[n - 1] == 'e')
    return emit(out, cap, w, n, "", 0, "d");
  if (ends_consonant_y(w, n))
    return emit(out, cap, w, n - 1, "", 0, "ied");
  if (doubles_final(w, n))
    return emit(out, cap, w, n, w + n - 1, 1, "ed");
  return emit(out, cap, w, n, "", 0, "ed");
}

static size_t regular_ing(const char *w, size_t n, char *out, size_t cap) {
  if (ends_with(w, n, "ie"))
    return emit(out, cap, w, n - 2, "", 0, "ying");
  /*
   * A silent final e goes (make -> making, type -> typing), but not after
   * e, y or o (seeing, dyeing, hoeing), nor when it is the only vowel
   * (being).
   */
  if (w[n - 1] == 'e' && !ends_with(w, n, "ee") && !ends_with(w, n, "ye") &&
      !ends_with(w, n, "oe")) {
    for (size_t i = 0; i + 1 < n; i++)
      if (is_vowel(w[i]) || (w[i] == 'y' && i > 0))
        return emit(out, cap, w, n - 1, "", 0, "ing");
  }
  if (doubles_final(w, n))
    return emit(out, cap, w, n, w + n - 1, 1, "ing");
  return emit(out, cap, w, n, "", 0, "ing");
}

/* --- the table ----------------------------------------------------------- */

static const char *listed(const struct inflect *in, const char *lemma, size_t n,
                          enum inflect_form form) {
  uint32_t rec;
  if (!in || !in->nforms)
    return NULL;
  rec = hash_get(&in->irregular, lemma, n);
  if (!rec)
    return NULL;
  return in->forms[(size_t)(rec - 1) * INFL_NFORMS + form];
}

/*
 * The letter a listed past adds before -ed: admit -> admitted gives 't',
 * panic -> panicked 'k'; 0 for anything else.  The other forms double the
 * same way, so the table need not list admitting and panicking.
 */
static char doubled_letter(const char *lemma, size_t n, const char *past) {
  char x;
  if (!past || strlen(past) != n + 3 || memcmp(past, lemma, n) ||
      memcmp(past + n + 1, "ed", 2))
    return 0;
  x = past[n];
  if (x == lemma[n - 1] || (lemma[n - 1] == 'c' && x == 'k'))
    return x;
  return 0;
}

size_t inflect_form(const struct inflect *in, const char *lemma, size_t n,
                    enum inflect_form form, char *out, size_t cap) {
  const char *word, *past;
  char x;
  size_t i;

  if (!out || !cap)
    return 0;
  out[0] = '\0';
  if (!lemma || !n || (unsigned)form >= INFL_NFORMS)
    return 0;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)lemma[i];
    if (c <= ' ' || c == 0x7f)
      return 0;
  }

  word = listed(in, lemma, n, form);
  if (word)
    return emit(out, cap, word, strlen(word), "", 0, "");
  past = listed(in, lemma, n, INFL_PAST);
  x = doubled_letter(lemma, n, past);

  switch (form) {
  case INFL_PLURAL:
    return regular_plural(lemma, n, out, cap);
  case INFL_3SG:
    if (x == 's' || x == 'z') /* quizzed -> quizzes */
      return emit(out, cap, lemma, n, &x, 1, "es");
    return regular_3sg(lemma, n, out, cap);
  case INFL_PAST:
    return regular_past(lemma, n, out, cap);
  case INFL_PASTPART:
    /* A listed past without a participle serves as both (said) */
    if (past)
      return emit(out, cap, past, strlen(past), "", 0, "");
    return regular_past(lemma, n, out, cap);
  case INFL_ING:
    if (x)
      return emit(out, cap, lemma, n, &x, 1, "ing");
    return regular_ing(lemma, n, out, cap);
  case INFL_NFORMS:
    break;
  }
  return 0;
}

/* --- loading ------------------------------------------------------------- */

/* 1-based column of byte off in line, counting code points. */
static unsigned column(const char *line, size_t off) {
  return 1 + (unsigned)utf8_count(line, off);
}

/* Width in code points of a field, at least 1 so the caret shows. */
static unsigned width(const char *s, size_t n) {
  unsigned w = column(s, n) - 1;
  return w ? w : 1;
}

struct field {
  const char *s;
  size_t n;
};

static int syntax_error(unspin_error *err, const char *path, unsigned lineno,
                        const char *line, size_t len, size_t off,
                        unsigned caret, const char *fmt, ...)
    UNSPIN_PRINTF(8, 9);

static int syntax_error(unspin_error *err, const char *path, unsigned lineno,
                        const char *line, size_t len, size_t off,
                        unsigned caret, const char *fmt, ...) {
  char msg[sizeof(err->msg)];
  va_list ap;
  if (!err)
    return UNSPIN_ERR_SYNTAX;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  unspin_error_set(err, UNSPIN_ERR_SYNTAX, path, lineno, column(line, off),
                   "%s", msg);
  unspin_error_set_source(err, line, len, caret);
  return UNSPIN_ERR_SYNTAX;
}

/*
 * A field must not hold control characters (they are not quoted in the
 * message, which must stay printable); lemma and word must be one word.
 */
static int check_field(const struct field *f, const char *what, int word,
                       unspin_error *err, const char *path, unsigned lineno,
                       const char *line, size_t len) {
  size_t off = (size_t)(f->s - line), i;
  int space = 0;
  if (!f->n)
    return syntax_error(err, path, lineno, line, len, off, 1, "empty %s", what);
  for (i = 0; i < f->n; i++) {
    unsigned char c = (unsigned char)f->s[i];
    if (c < ' ' || c == 0x7f)
      return syntax_error(err, path, lineno, line, len, off + i, 1,
                          "control character in %s", what);
    if (c == ' ')
      space = 1;
  }
  if (word && space)
    return syntax_error(err, path, lineno, line, len, off, width(f->s, f->n),
                        "%s '%.*s' is not a single word", what, (int)f->n,
                        f->s);
  return UNSPIN_OK;
}

static int parse_line(struct inflect *in, const char *path, unsigned lineno,
                      const char *line, size_t len, unspin_error *err) {
  struct field fld[3];
  size_t i, start = 0, nf = 0, tabs = 0, rec;
  uint32_t id;
  int form = -1, rc;

  for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t'); i++)
    ;
  if (i == len || line[i] == '#')
    return UNSPIN_OK; /* blank or comment */

  for (i = 0; i < len; i++)
    tabs += line[i] == '\t';
  for (i = 0; i <= len && nf < 3; i++) {
    if (i < len && line[i] != '\t')
      continue;
    fld[nf].s = line + start;
    fld[nf].n = i - start;
    nf++;
    start = i + 1;
  }
  if (tabs < 2) /* point just past the end, where a field is missing */
    return syntax_error(err, path, lineno, line, len, len, 1,
                        "expected 3 tab-separated fields (lemma, form, "
                        "word), found %zu",
                        tabs + 1);
  if (tabs > 2) /* point at the first field too many, mark the rest */
    return syntax_error(err, path, lineno, line, len, start,
                        width(line + start, len - start),
                        "expected 3 tab-separated fields (lemma, form, "
                        "word), found %zu",
                        tabs + 1);

  if ((rc = check_field(&fld[0], "lemma", 1, err, path, lineno, line, len)) ||
      (rc = check_field(&fld[1], "form", 0, err, path, lineno, line, len)))
    return rc;
  for (i = 0; i < INFL_NFORMS; i++)
    if (strlen(form_names[i]) == fld[1].n &&
        !memcmp(form_names[i], fld[1].s, fld[1].n))
      form = (int)i;
  if (form < 0)
    return syntax_error(err, path, lineno, line, len, (size_t)(fld[1].s - line),
                        width(fld[1].s, fld[1].n),
                        "unknown form '%.*s' (expected plural, 3sg, past, "
                        "pastpart or ing)",
                        (int)fld[1].n, fld[1].s);
  if ((rc = check_field(&fld[2], "word", 1, err, path, lineno, line, len)))
    return rc;

  id = hash_get(&in->irregular, fld[0].s, fld[0].n);
  if (id) {
    rec = (size_t)(id - 1) * INFL_NFORMS;
  } else {
    rec = in->nforms;
    if (rec / INFL_NFORMS >= UINT32_MAX - 1)
      return syntax_error(err, path, lineno, line, len, 0, 1,
                          "too many entries");
    ALLOC_GROW(in->forms, rec + INFL_NFORMS, in->alloc);
    for (i = 0; i < INFL_NFORMS; i++)
      in->forms[rec + i] = NULL;
    in->nforms = rec + INFL_NFORMS;
    hash_put(&in->irregular, fld[0].s, fld[0].n,
             (uint32_t)(rec / INFL_NFORMS + 1));
  }
  if (in->forms[rec + (size_t)form]) {
    /* Mark "lemma<TAB>form", the key that repeats */
    size_t end = (size_t)(fld[1].s - line) + fld[1].n;
    return syntax_error(err, path, lineno, line, len, 0, width(line, end),
                        "duplicate %s of '%.*s'", form_names[form],
                        (int)fld[0].n, fld[0].s);
  }
  in->forms[rec + (size_t)form] = arena_strndup(&in->arena, fld[2].s, fld[2].n);
  return UNSPIN_OK;
}

int inflect_parse(struct inflect *in, const char *path, const char *buf,
                  size_t len, unspin_error *err) {
  size_t pos = 0;
  unsigned lineno = 0;
  int rc = UNSPIN_OK;
  while (pos < len && !rc) {
    const char *line = buf + pos;
    const char *nl = memchr(line, '\n', len - pos);
    size_t n = nl ? (size_t)(nl - line) : len - pos;
    pos += n + (nl != NULL);
    lineno++;
    if (n && line[n - 1] == '\r')
      n--;
    rc = parse_line(in, path, lineno, line, n, err);
  }
  return rc;
}

int inflect_load(struct inflect *in, const char *path, unspin_error *err) {
  size_t len;
  char *buf = unspin_read_file(path, &len, err);
  int rc;
  if (!buf)
    return UNSPIN_ERR_IO;
  rc = inflect_parse(in, path, buf, len, err);
  free(buf);
  return rc;
}
