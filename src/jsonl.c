/*
 * jsonl.c - see jsonl.h.  A recursive-descent reader over a byte span with
 * one cursor; every error names the byte where reading stopped.
 */
#include <string.h>

#include "jsonl.h"
#include "text.h"

/* Deep enough for any real "id"; shallow enough for any stack. */
#define MAX_DEPTH 64

struct reader {
  const char *s;
  size_t len, pos;
  const char *problem; /* first error message; NULL while all is well */
  size_t problem_at;
};

static int fail(struct reader *r, const char *msg) {
  if (!r->problem) {
    r->problem = msg;
    r->problem_at = r->pos;
  }
  return -1;
}

static void skip_ws(struct reader *r) {
  while (r->pos < r->len && (r->s[r->pos] == ' ' || r->s[r->pos] == '\t' ||
                             r->s[r->pos] == '\n' || r->s[r->pos] == '\r'))
    r->pos++;
}

static int hex4(struct reader *r, unsigned *out) {
  unsigned v = 0;
  int i;
  if (r->len - r->pos < 4)
    return fail(r, "truncated \\u escape");
  for (i = 0; i < 4; i++) {
    char c = r->s[r->pos + (size_t)i];
    v <<= 4;
    if (c >= '0' && c <= '9')
      v |= (unsigned)(c - '0');
    else if (c >= 'a' && c <= 'f')
      v |= (unsigned)(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      v |= (unsigned)(c - 'A' + 10);
    else {
      r->pos += (size_t)i;
      return fail(r, "bad hex digit in \\u escape");
    }
  }
  r->pos += 4;
  *out = v;
  return 0;
}

/* A string at r->pos (on the opening quote); decoded into out when not NULL. */
static int read_string(struct reader *r, struct strbuf *out) {
  r->pos++; /* the quote */
  for (;;) {
    unsigned char c;
    size_t run = r->pos;
    /* copy runs of plain bytes at once */
    while (run < r->len && r->s[run] != '"' && r->s[run] != '\\' &&
           (unsigned char)r->s[run] >= 0x20)
      run++;
    if (run > r->pos) {
      size_t bad;
      if (text_validate(r->s + r->pos, run - r->pos, &bad)) {
        r->pos += bad;
        return fail(r, "invalid UTF-8 in string");
      }
      if (out)
        strbuf_add(out, r->s + r->pos, run - r->pos);
      r->pos = run;
    }
    if (r->pos >= r->len)
      return fail(r, "unterminated string");
    c = (unsigned char)r->s[r->pos];
    if (c == '"') {
      r->pos++;
      return 0;
    }
    if (c < 0x20)
      return fail(r, "control character in string");
    /* a backslash */
    r->pos++;
    if (r->pos >= r->len)
      return fail(r, "unterminated string");
    c = (unsigned char)r->s[r->pos++];
    switch (c) {
    case '"': case '\\': case '/':
      if (out)
        strbuf_addch(out, c);
      break;
    case 'b': if (out) strbuf_addch(out, '\b'); break;
    case 'f': if (out) strbuf_addch(out, '\f'); break;
    case 'n': if (out) strbuf_addch(out, '\n'); break;
    case 'r': if (out) strbuf_addch(out, '\r'); break;
    case 't': if (out) strbuf_addch(out, '\t'); break;
    case 'u': {
      unsigned cp, lo;
      char enc[4];
      size_t at = r->pos - 2;
      if (hex4(r, &cp))
        return -1;
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (r->len - r->pos < 6 || r->s[r->pos] != '\\' ||
            r->s[r->pos + 1] != 'u') {
          r->pos = at;
          return fail(r, "lone surrogate in \\u escape");
        }
        r->pos += 2;
        if (hex4(r, &lo))
          return -1;
        if (lo < 0xDC00 || lo > 0xDFFF) {
          r->pos = at;
          return fail(r, "lone surrogate in \\u escape");
        }
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        r->pos = at;
        return fail(r, "lone surrogate in \\u escape");
      }
      if (out)
        strbuf_add(out, enc, utf8_encode(cp, enc));
      break;
    }
    default:
      r->pos--;
      return fail(r, "bad escape in string");
    }
  }
}

static int read_literal(struct reader *r, const char *word) {
  size_t n = strlen(word);
  if (r->len - r->pos < n || memcmp(r->s + r->pos, word, n))
    return fail(r, "expected a JSON value");
  r->pos += n;
  return 0;
}

static int is_digit(struct reader *r) {
  return r->pos < r->len && r->s[r->pos] >= '0' && r->s[r->pos] <= '9';
}

static int read_number(struct reader *r) {
  if (r->s[r->pos] == '-')
    r->pos++;
  if (!is_digit(r))
    return fail(r, "bad number");
  if (r->s[r->pos] == '0')
    r->pos++;
  else
    while (is_digit(r))
      r->pos++;
  if (r->pos < r->len && r->s[r->pos] == '.') {
    r->pos++;
    if (!is_digit(r))
      return fail(r, "bad number");
    while (is_digit(r))
      r->pos++;
  }
  if (r->pos < r->len && (r->s[r->pos] == 'e' || r->s[r->pos] == 'E')) {
    r->pos++;
    if (r->pos < r->len && (r->s[r->pos] == '+' || r->s[r->pos] == '-'))
      r->pos++;
    if (!is_digit(r))
      return fail(r, "bad number");
    while (is_digit(r))
      r->pos++;
  }
  return 0;
}

static int read_value(struct reader *r, int depth);

/* An object or array at r->pos; members only validated. */
static int read_container(struct reader *r, int depth) {
  char close = r->s[r->pos] == '{' ? '}' : ']';
  int first = 1;
  if (depth >= MAX_DEPTH)
    return fail(r, "nested too deeply");
  r->pos++;
  for (;;) {
    skip_ws(r);
    if (r->pos >= r->len)
      return fail(r, "unexpected end of line");
    if (r->s[r->pos] == close && first) {
      r->pos++;
      return 0;
    }
    if (close == '}') {
      if (r->s[r->pos] != '"')
        return fail(r, "expected a member name");
      if (read_string(r, NULL))
        return -1;
      skip_ws(r);
      if (r->pos >= r->len || r->s[r->pos] != ':')
        return fail(r, "expected ':'");
      r->pos++;
    }
    if (read_value(r, depth + 1))
      return -1;
    skip_ws(r);
    if (r->pos < r->len && r->s[r->pos] == ',') {
      r->pos++;
      first = 0;
      continue;
    }
    if (r->pos < r->len && r->s[r->pos] == close) {
      r->pos++;
      return 0;
    }
    return fail(r, close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
  }
}

static int read_value(struct reader *r, int depth) {
  skip_ws(r);
  if (r->pos >= r->len)
    return fail(r, "expected a JSON value");
  switch (r->s[r->pos]) {
  case '"':
    return read_string(r, NULL);
  case '{':
  case '[':
    return read_container(r, depth);
  case 't':
    return read_literal(r, "true");
  case 'f':
    return read_literal(r, "false");
  case 'n':
    return read_literal(r, "null");
  default:
    if (r->s[r->pos] == '-' || is_digit(r))
      return read_number(r);
    return fail(r, "expected a JSON value");
  }
}

static int read_record(struct reader *r, struct jsonl_record *rec) {
  int has_id = 0, first = 1;
  skip_ws(r);
  if (r->pos >= r->len || r->s[r->pos] != '{')
    return fail(r, "expected a JSON object ({\"id\": ..., \"text\": ...})");
  r->pos++;
  for (;;) {
    struct strbuf name = STRBUF_INIT;
    size_t name_at;
    skip_ws(r);
    if (r->pos < r->len && r->s[r->pos] == '}' && first) {
      r->pos++;
      break;
    }
    if (r->pos >= r->len || r->s[r->pos] != '"')
      return fail(r, "expected a member name");
    name_at = r->pos;
    if (read_string(r, &name))
      return strbuf_release(&name), -1;
    skip_ws(r);
    if (r->pos >= r->len || r->s[r->pos] != ':') {
      strbuf_release(&name);
      return fail(r, "expected ':'");
    }
    r->pos++;
    skip_ws(r);
    if (!strcmp(name.buf, "text") && name.len == 4) {
      if (rec->has_text) {
        r->pos = name_at;
        strbuf_release(&name);
        return fail(r, "duplicate \"text\" member");
      }
      if (r->pos >= r->len || r->s[r->pos] != '"') {
        strbuf_release(&name);
        return fail(r, "\"text\" must be a string");
      }
      if (read_string(r, &rec->text))
        return strbuf_release(&name), -1;
      rec->has_text = 1;
    } else if (!strcmp(name.buf, "id") && name.len == 2) {
      size_t start = r->pos;
      if (has_id) {
        r->pos = name_at;
        strbuf_release(&name);
        return fail(r, "duplicate \"id\" member");
      }
      if (read_value(r, 1))
        return strbuf_release(&name), -1;
      strbuf_reset(&rec->id);
      strbuf_add(&rec->id, r->s + start, r->pos - start);
      /* a line break between the id's tokens (only whitespace can hold
       * one) would break the output line: a space means the same */
      {
        size_t k;
        for (k = 0; k < rec->id.len; k++)
          if (rec->id.buf[k] == '\n' || rec->id.buf[k] == '\r')
            rec->id.buf[k] = ' ';
      }
      has_id = 1;
    } else if (read_value(r, 1)) {
      return strbuf_release(&name), -1;
    }
    strbuf_release(&name);
    skip_ws(r);
    if (r->pos < r->len && r->s[r->pos] == ',') {
      r->pos++;
      first = 0;
      continue;
    }
    if (r->pos < r->len && r->s[r->pos] == '}') {
      r->pos++;
      break;
    }
    return fail(r, "expected ',' or '}'");
  }
  skip_ws(r);
  if (r->pos < r->len)
    return fail(r, "text after the JSON object");
  if (!rec->has_text) {
    r->pos = 0;
    return fail(r, "no \"text\" member");
  }
  if (!has_id)
    strbuf_addstr(&rec->id, "null");
  return 0;
}

int jsonl_parse(const char *line, size_t len, struct jsonl_record *rec,
                unspin_error *err) {
  struct reader r = {line, len, 0, NULL, 0};
  strbuf_reset(&rec->id);
  strbuf_reset(&rec->text);
  rec->has_text = 0;
  if (read_record(&r, rec)) {
    size_t at = r.problem_at < len ? r.problem_at : len;
    /* the column counts code points of the valid prefix */
    size_t bad, ok = at;
    if (text_validate(line, at, &bad))
      ok = bad;
    unspin_error_set(err, UNSPIN_ERR_INPUT, NULL, 0,
                     (unsigned)(utf8_count(line, ok) + 1 + (at - ok)), "%s",
                     r.problem);
    return -1;
  }
  return 0;
}

void jsonl_record_release(struct jsonl_record *rec) {
  strbuf_release(&rec->id);
  strbuf_release(&rec->text);
  rec->has_text = 0;
}
