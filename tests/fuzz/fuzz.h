/*
 * fuzz.h - what the fuzz targets share: FUZZ_CHECK for invariants (abort,
 * so libFuzzer and the replay driver both stop on it), and
 * fuzz_exercise_doc(), which renders a checked document in every format,
 * applies it, and checks the findings against the text.
 *
 * The targets are internal tests: they include internal.h and call
 * internal functions of build/libunspin.a.
 */
#ifndef UNSPIN_FUZZ_H
#define UNSPIN_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "unspin.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifndef UNSPIN_FUZZ_DATADIR
#define UNSPIN_FUZZ_DATADIR "."
#endif

/* The shipped context, from $UNSPIN_DATADIR or the directory compiled in
 * as UNSPIN_FUZZ_DATADIR, for a target's LLVMFuzzerInitialize (name is the
 * target, for the message); a target that cannot load it exits. */
static inline unspin_ctx *fuzz_load_ctx(const char *name) {
  const char *dir = getenv("UNSPIN_DATADIR");
  unspin_ctx *ctx = unspin_ctx_new();
  unspin_error err;
  if (!dir || !*dir)
    dir = UNSPIN_FUZZ_DATADIR;
  if (unspin_ctx_load_default(ctx, dir, NULL, &err) ||
      unspin_ctx_prepare(ctx, &err)) {
    fprintf(stderr, "%s: cannot load data from '%s': %s: %s\n", name, dir,
            err.path, err.msg);
    exit(1);
  }
  return ctx;
}

#define FUZZ_CHECK(cond)                                                       \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "fuzz: %s:%d: invariant failed: %s\n", __FILE__,        \
              __LINE__, #cond);                                                \
      abort();                                                                 \
    }                                                                          \
  } while (0)

/* ---- a minimal JSON validator (RFC 8259 syntax, UTF-8 not re-checked) -- */

struct fuzz_json {
  const char *s, *e;
  int depth;
};

static inline void fuzz_json_ws(struct fuzz_json *j) {
  while (j->s < j->e &&
         (*j->s == ' ' || *j->s == '\n' || *j->s == '\r' || *j->s == '\t'))
    j->s++;
}

static inline int fuzz_json_value(struct fuzz_json *j);

static inline int fuzz_json_string(struct fuzz_json *j) {
  if (j->s >= j->e || *j->s != '"')
    return 0;
  for (j->s++; j->s < j->e; j->s++) {
    unsigned char c = (unsigned char)*j->s;
    if (c == '"') {
      j->s++;
      return 1;
    }
    if (c < 0x20)
      return 0;
    if (c == '\\') {
      if (++j->s >= j->e)
        return 0;
      if (*j->s == 'u') {
        int k;
        for (k = 0; k < 4; k++) {
          char h;
          if (++j->s >= j->e)
            return 0;
          h = *j->s;
          if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') ||
                (h >= 'A' && h <= 'F')))
            return 0;
        }
      } else if (!strchr("\"\\/bfnrt", *j->s)) {
        return 0;
      }
    }
  }
  return 0;
}

static inline int fuzz_json_number(struct fuzz_json *j) {
  const char *start = j->s;
  if (j->s < j->e && *j->s == '-')
    j->s++;
  if (j->s >= j->e || *j->s < '0' || *j->s > '9')
    return 0;
  while (j->s < j->e && ((*j->s >= '0' && *j->s <= '9') || *j->s == '.' ||
                         *j->s == 'e' || *j->s == 'E' || *j->s == '+' ||
                         *j->s == '-'))
    j->s++;
  return j->s > start;
}

static inline int fuzz_json_lit(struct fuzz_json *j, const char *w) {
  size_t n = strlen(w);
  if ((size_t)(j->e - j->s) < n || memcmp(j->s, w, n))
    return 0;
  j->s += n;
  return 1;
}

static inline int fuzz_json_value(struct fuzz_json *j) {
  int ok = 0;
  if (++j->depth > 64)
    return 0;
  fuzz_json_ws(j);
  if (j->s >= j->e)
    return 0;
  switch (*j->s) {
  case '{':
    j->s++;
    fuzz_json_ws(j);
    if (j->s < j->e && *j->s == '}') {
      j->s++;
      ok = 1;
      break;
    }
    for (;;) {
      fuzz_json_ws(j);
      if (!fuzz_json_string(j))
        return 0;
      fuzz_json_ws(j);
      if (j->s >= j->e || *j->s++ != ':')
        return 0;
      if (!fuzz_json_value(j))
        return 0;
      fuzz_json_ws(j);
      if (j->s < j->e && *j->s == ',') {
        j->s++;
        continue;
      }
      if (j->s < j->e && *j->s == '}') {
        j->s++;
        ok = 1;
      }
      break;
    }
    break;
  case '[':
    j->s++;
    fuzz_json_ws(j);
    if (j->s < j->e && *j->s == ']') {
      j->s++;
      ok = 1;
      break;
    }
    for (;;) {
      if (!fuzz_json_value(j))
        return 0;
      fuzz_json_ws(j);
      if (j->s < j->e && *j->s == ',') {
        j->s++;
        continue;
      }
      if (j->s < j->e && *j->s == ']') {
        j->s++;
        ok = 1;
      }
      break;
    }
    break;
  case '"':
    ok = fuzz_json_string(j);
    break;
  case 't':
    ok = fuzz_json_lit(j, "true");
    break;
  case 'f':
    ok = fuzz_json_lit(j, "false");
    break;
  case 'n':
    ok = fuzz_json_lit(j, "null");
    break;
  default:
    ok = fuzz_json_number(j);
  }
  j->depth--;
  return ok;
}

static inline int fuzz_json_valid(const char *s, size_t n) {
  struct fuzz_json j;
  j.s = s;
  j.e = s + n;
  j.depth = 0;
  if (!fuzz_json_value(&j))
    return 0;
  fuzz_json_ws(&j);
  return j.s == j.e;
}

/* ---- the document ------------------------------------------------------ */

static inline size_t fuzz_count_char(const char *s, size_t n, char c) {
  size_t k = 0, i;
  for (i = 0; i < n; i++)
    k += s[i] == c;
  return k;
}

/*
 * Check the findings against the text (order, bounds, positions, spun
 * text), then render every format and apply, checking what each output can
 * be checked for cheaply.
 */
static inline void fuzz_exercise_doc(const unspin_doc *doc, const char *path) {
  /* every format; the checks below index this list */
  static const enum unspin_format fmts[] = {
      UNSPIN_FORMAT_DIFF,      UNSPIN_FORMAT_LINES,
      UNSPIN_FORMAT_JSON,      UNSPIN_FORMAT_TEXT,
      UNSPIN_FORMAT_EXPLAIN,   UNSPIN_FORMAT_WORD_DIFF,
      UNSPIN_FORMAT_WORD_DIFF_COLOR, UNSPIN_FORMAT_SARIF,
      UNSPIN_FORMAT_HTML};
  size_t len, n = unspin_doc_count(doc), applied = 0, i, fixed_len;
  size_t pos = 0, line = 1, col = 1, out = 0;
  const char *text = unspin_doc_text(doc, &len);
  double spin = unspin_doc_spin_estimate(doc);
  char *fixed, *outputs[9];
  size_t outlen[9];
  int bom = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3);

  FUZZ_CHECK(spin >= 0.0 && spin <= 1.0);
  FUZZ_CHECK(unspin_doc_get(doc, n) == NULL);
  for (i = 0; i < n; i++) {
    const unspin_finding *f = unspin_doc_get(doc, i);
    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(f->start < f->end && f->end <= len);
    if (i)
      FUZZ_CHECK(unspin_doc_get(doc, i - 1)->end <= f->start);
    FUZZ_CHECK(strlen(f->spun) == f->end - f->start &&
               !memcmp(f->spun, text + f->start, f->end - f->start));
    FUZZ_CHECK(f->replacement && f->rule_id && f->message && f->source);
    FUZZ_CHECK(f->confidence >= 0.0 && f->confidence <= 1.0);
    FUZZ_CHECK(f->channel >= 0.0 && f->channel <= 1.0);
    /* line and column (code points; a BOM is not a column) of f->start */
    for (; pos < f->start; pos++) {
      unsigned char c = (unsigned char)text[pos];
      if (c == '\n') {
        line++;
        col = 1;
      } else if ((c & 0xC0) != 0x80 && !(bom && pos < 3)) {
        col++;
      }
    }
    FUZZ_CHECK(f->line == line && f->col == col);
    applied += f->confidence >= doc->min_confidence;
  }
  FUZZ_CHECK(applied == unspin_doc_count_applied(doc));

  /* apply: every byte outside an applied span is the input's */
  fixed = unspin_doc_apply(doc, &fixed_len);
  FUZZ_CHECK(fixed != NULL);
  pos = 0;
  for (i = 0; i < n; i++) {
    const unspin_finding *f = unspin_doc_get(doc, i);
    size_t keep = f->start - pos, rl = strlen(f->replacement);
    if (f->confidence < doc->min_confidence)
      continue;
    FUZZ_CHECK(out + keep + rl <= fixed_len);
    FUZZ_CHECK(!memcmp(fixed + out, text + pos, keep));
    FUZZ_CHECK(!memcmp(fixed + out + keep, f->replacement, rl));
    /* a replacement never removes or adds a line */
    FUZZ_CHECK(!memchr(f->replacement, '\n', rl));
    out += keep + rl;
    pos = f->end;
  }
  FUZZ_CHECK(fixed_len - out == len - pos &&
             !memcmp(fixed + out, text + pos, len - pos));
  if (!applied)
    FUZZ_CHECK(fixed_len == len && !memcmp(fixed, text, len));

  for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
    outputs[i] = unspin_render(doc, fmts[i], path, &outlen[i]);
    FUZZ_CHECK(outputs[i] != NULL);
    FUZZ_CHECK(outputs[i][outlen[i]] == '\0');
  }
  /* diff: nothing when nothing is applied */
  if (!applied)
    FUZZ_CHECK(outlen[0] == 0);
  /* lines: one line per finding, control characters replaced */
  FUZZ_CHECK(fuzz_count_char(outputs[1], outlen[1], '\n') == n);
  FUZZ_CHECK(fuzz_json_valid(outputs[2], outlen[2]));
  FUZZ_CHECK(fuzz_json_valid(outputs[7], outlen[7]));
  /* word diff: nothing when nothing is applied */
  if (!applied)
    FUZZ_CHECK(outlen[5] == 0 && outlen[6] == 0);
  /* html: one mark per finding, our one script, every CR escaped (the
   * HTML parser would turn a literal one into LF) */
  {
    size_t marks = 0, scripts = 0;
    const char *s;
    for (s = outputs[8]; (s = strstr(s, "<mark ")); s++)
      marks++;
    for (s = outputs[8]; (s = strstr(s, "<script")); s++)
      scripts++;
    FUZZ_CHECK(marks == n && scripts == 1);
    FUZZ_CHECK(!memchr(outputs[8], '\r', outlen[8]));
  }
  /* text: the corrected text */
  FUZZ_CHECK(outlen[3] == fixed_len && !memcmp(outputs[3], fixed, fixed_len));
  for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++)
    free(outputs[i]);
  free(fixed);
}

#endif
