/* table.c - see table.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "strbuf.h"
#include "table.h"
#include "text.h"
#include "util.h"

static int syntax(unspin_error *err, const char *path, unsigned line,
                  const char *ls, const char *le, const char *at, size_t width,
                  const char *fmt, ...) UNSPIN_PRINTF(8, 9);
static int syntax(unspin_error *err, const char *path, unsigned line,
                  const char *ls, const char *le, const char *at, size_t width,
                  const char *fmt, ...) {
  char msg[200];
  unsigned caret;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  /* the caret may sit just past the end of the line (nothing there) */
  caret = at < le ? (unsigned)utf8_count(at, (size_t)(le - at) < width
                                        ? (size_t)(le - at)
                                        : width)
                  : 0;
  unspin_error_set(err, UNSPIN_ERR_SYNTAX, path, line,
                   (unsigned)utf8_count(ls, (size_t)(at - ls)) + 1, "%s", msg);
  unspin_error_set_source(err, ls, (size_t)(le - ls), caret ? caret : 1);
  return UNSPIN_ERR_SYNTAX;
}

static int parse_infl(const char *s, size_t n, uint8_t *out) {
  size_t i;
  *out = 0;
  if (n == 1 && s[0] == '-')
    return 0;
  for (i = 0; i < n; i++) {
    if (s[i] == 'n')
      *out |= INFL_N;
    else if (s[i] == 'v')
      *out |= INFL_V;
    else
      return -1;
  }
  return n ? 0 : -1;
}

/*
 * The table must be UTF-8 without NUL bytes: its phrases become
 * replacements, and apply_case() would turn an overlong line feed into a
 * real one.  Report the first bad byte like any syntax error.
 */
static int check_encoding(const char *path, const char *buf, size_t len,
                          unspin_error *err) {
  size_t bad;
  const char *at, *ls, *le;
  unsigned lineno;
  int v = text_validate(buf, len, &bad);
  if (!v)
    return 0;
  at = buf + bad;
  text_line_around(buf, len, bad, &ls, &le, &lineno);
  if (v == 2)
    return syntax(err, path, lineno, ls, le, at, 1, "NUL byte in table");
  return syntax(err, path, lineno, ls, le, at, 1,
                "invalid UTF-8 byte 0x%02X", (unsigned char)*at);
}

int table_parse(unspin_ctx *ctx, const char *path, const char *buf,
                size_t len, unspin_error *err) {
  const char *p = buf, *end = buf + len;
  unsigned lineno = 0;
  if (check_encoding(path, buf, len, err))
    return UNSPIN_ERR_SYNTAX;
  while (p < end) {
    const char *ls = p, *le = memchr(p, '\n', (size_t)(end - p));
    const char *f[6], *fe[6];
    size_t nf = 0;
    const char *q;
    struct entry *e;
    char *endp, num[64];
    double w;
    uint8_t infl, cls, name = 0;
    if (!le)
      le = end;
    p = le < end ? le + 1 : end;
    lineno++;
    if (le > ls && le[-1] == '\r')
      le--;
    if (ls == le || *ls == '#')
      continue;
    q = ls;
    while (nf < 6) {
      const char *t = memchr(q, '\t', (size_t)(le - q));
      f[nf] = q;
      fe[nf] = t ? t : le;
      nf++;
      if (!t)
        break;
      q = t + 1;
    }
    if (nf < 6)
      return syntax(err, path, lineno, ls, le, le, 1,
                    "expected 6 tab-separated fields, found %zu", nf);
    if (fe[5] != le)
      return syntax(err, path, lineno, ls, le, fe[5] + 1,
                    (size_t)(le - fe[5] - 1), "more than 6 fields");
    if (f[0] == fe[0])
      return syntax(err, path, lineno, ls, le, f[0], 1, "empty spun phrase");
    if (f[1] == fe[1])
      return syntax(err, path, lineno, ls, le, f[1], 1,
                    "empty original phrase");
    if ((size_t)(fe[2] - f[2]) >= sizeof(num))
      return syntax(err, path, lineno, ls, le, f[2],
                    (size_t)(fe[2] - f[2]),
                    "weight must be a number in (0, 1]");
    memcpy(num, f[2], (size_t)(fe[2] - f[2]));
    num[fe[2] - f[2]] = '\0';
    w = strtod(num, &endp);
    if (endp == num || *endp || !(w > 0.0 && w <= 1.0))
      return syntax(err, path, lineno, ls, le, f[2], (size_t)(fe[2] - f[2]),
                    "weight must be a number in (0, 1]");
    if (parse_infl(f[3], (size_t)(fe[3] - f[3]), &infl))
      return syntax(err, path, lineno, ls, le, f[3], (size_t)(fe[3] - f[3]),
                    "inflection must be n, v, nv or -");
    if (fe[4] - f[4] == 8 && !memcmp(f[4], "telltale", 8))
      cls = ENTRY_TELLTALE;
    else if (fe[4] - f[4] == 3 && !memcmp(f[4], "ctx", 3))
      cls = ENTRY_CTX;
    else if (fe[4] - f[4] == 4 && !memcmp(f[4], "name", 4)) {
      cls = ENTRY_CTX; /* a ctx entry, for capitalised words only */
      name = 1;
    } else
      return syntax(err, path, lineno, ls, le, f[4], (size_t)(fe[4] - f[4]),
                    "class must be telltale, ctx or name");
    e = ctx_add_entry(ctx);
    e->spun = arena_strndup(&ctx->arena, f[0], (size_t)(fe[0] - f[0]));
    e->original = arena_strndup(&ctx->arena, f[1], (size_t)(fe[1] - f[1]));
    e->weight = (float)w;
    e->infl = infl;
    e->cls = cls;
    e->name = name;
    e->source = arena_strndup(&ctx->arena, f[5], (size_t)(fe[5] - f[5]));
    e->rule_id = pack_rule_id(ctx->pack, e);
    e->message = ctx->pack->message;
    e->pack = ctx->pack->name;
  }
  return UNSPIN_OK;
}
