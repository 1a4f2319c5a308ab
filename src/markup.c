/*
 * markup.c - see markup.h.  Two readers over one set of helpers:
 *
 * HTML: one pass.  '<' starts a comment, a declaration (<!DOCTYPE>, <?xml>,
 * <![CDATA[>) or a tag when a letter (or '/' and a letter) follows; a tag
 * runs to the first '>' outside a quoted attribute value.  The content of
 * script, style, pre, code, kbd, samp, textarea, svg, math and template
 * elements is markup up to the matching end tag.  '&' starts a character
 * reference when a known name or a number and ';' follow.  Bare URLs
 * (http://, https://, ftp://, www.) are markup.
 *
 * Markdown: a pass over lines for the block structure (front matter,
 * fenced and indented code, ATX heading markers, setext underlines,
 * thematic breaks, block quote markers, list markers and task boxes,
 * link reference definitions, table pipes and delimiter rows), then the
 * HTML pass over what is left with Markdown's inline constructs added: code
 * spans, autolinks, backslash escapes, emphasis and strikethrough
 * delimiters, and the brackets and destinations of links and images (the
 * link text and image description are prose).
 *
 * Limits, each a choice for simplicity over completeness:
 *  - An unterminated comment, tag or raw-text element (script, pre, ...)
 *    runs to the end of the file, as in a browser.  In Markdown an
 *    unterminated tag is text, as CommonMark has it; an unterminated
 *    comment still runs to the end.
 *  - Markdown is read line by line without a full container model: an
 *    indented line after a blank line is code unless a list item came
 *    before it (then it is a list paragraph); a heading directly followed
 *    by a paragraph line (no blank line) is not separated from it for the
 *    sentence segmenter; tables need a leading '|' on every row.
 *  - Emphasis delimiters are recognised by flanking alone, without pairing;
 *    a lone '*' or '_' between spaces is prose.
 *  - Shortcut reference links ([text] alone) keep their brackets as prose:
 *    the reader does not collect link definitions.
 *  - Code spans with more than 32 backticks in the fence, and inline tags,
 *    link destinations with titles and reference labels longer than 2 KiB
 *    are not recognised in Markdown.
 *  - Character references are the common named ones (the Latin-1 letters,
 *    quotes, dashes, spaces and symbols) and every numeric one; others
 *    stay as written.
 *  - Two pieces of markup in a row inside a word ("a<b><i>b") split it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "text.h"
#include "util.h"

enum fill {
  FILL_SPACE, /* spaces */
  FILL_GLUE,  /* format characters between two word characters, else spaces */
  FILL_BREAK, /* "\n\n", then spaces: a paragraph break */
  FILL_LINE   /* "\n", then spaces: a line break */
};

struct reader {
  const char *s;
  size_t len;
  char *sh;
  unsigned char *skip;
  int md;
  size_t disabled_from; /* start of an unspin-disable region, or SIZE_MAX */
  /* Markdown inline state for the paragraph [para_start, para_end) */
  size_t para_end;
  size_t (*pairs)[2]; /* matching [ and ], by position of the [ */
  size_t npairs, pairs_alloc, pair_at;
  size_t tick_fail[33]; /* a code span of n backticks has no closer before */
  size_t gt_fail;       /* no '>' from the last failed search up to here */
};

/* Markdown constructs that must close (inline tags, link tails, reference
 * labels) are looked for this far and no further: pathological input
 * stays linear. */
#define MD_MAX_SPAN 2048

static int is_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}
static int is_alpha(unsigned char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}
static int is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}
/* Part of a word for gluing: ASCII letters and digits, and anything not
 * ASCII (letters of other scripts, curly apostrophes). */
static int is_wordch(unsigned char c) { return is_alnum(c) || c >= 0x80; }
static int is_punct(unsigned char c) {
  return c > ' ' && c < 0x7F && !is_alnum(c);
}
static unsigned char lower(unsigned char c) {
  return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}
static int starts_ci(const struct reader *r, size_t i, const char *w) {
  size_t n = strlen(w), k;
  if (r->len - i < n)
    return 0;
  for (k = 0; k < n; k++)
    if (lower((unsigned char)r->s[i + k]) != (unsigned char)w[k])
      return 0;
  return 1;
}

/* Format characters that ICU's word breaker ignores: U+2060 WORD JOINER
 * (3 bytes) and U+00AD SOFT HYPHEN (2 bytes); n >= 2. */
static void pad_format(char *out, size_t n) {
  while (n >= 2) {
    if (n == 2 || n == 4) {
      memcpy(out, "\xC2\xAD", 2);
      out += 2;
      n -= 2;
    } else {
      memcpy(out, "\xE2\x81\xA0", 3);
      out += 3;
      n -= 3;
    }
  }
}

static void fill(struct reader *r, size_t s, size_t e, enum fill how,
                 unsigned char kind) {
  size_t k, nl = 0, put = 0;
  if (e > r->len)
    e = r->len;
  if (s >= e)
    return;
  for (k = s; k < e; k++) {
    if (r->skip[k] < kind)
      r->skip[k] = kind;
    nl += r->s[k] == '\n' || r->s[k] == '\r';
  }
  if (how == FILL_GLUE && !nl && e - s >= 2 && s > 0 && e < r->len &&
      is_wordch((unsigned char)r->s[s - 1]) &&
      is_wordch((unsigned char)r->s[e])) {
    pad_format(r->sh + s, e - s);
    return;
  }
  for (k = s; k < e; k++) {
    char c = r->s[k];
    if (c == '\n' || c == '\r') {
      r->sh[k] = c;
      continue;
    }
    if ((how == FILL_BREAK && put < 2) || (how == FILL_LINE && put < 1)) {
      r->sh[k] = '\n';
      put++;
    } else {
      r->sh[k] = ' ';
    }
  }
}

/* ---- character references ---------------------------------------------- */

static const struct {
  const char *name;
  unsigned cp;
} entities[] = {
    /* sorted by name (strcmp order), for bsearch */
    {"AElig", 0xC6},   {"Aacute", 0xC1},  {"Acirc", 0xC2},   {"Agrave", 0xC0},
    {"Aring", 0xC5},   {"Atilde", 0xC3},  {"Auml", 0xC4},    {"Ccedil", 0xC7},
    {"Eacute", 0xC9},  {"Ecirc", 0xCA},   {"Egrave", 0xC8},  {"Euml", 0xCB},
    {"Iacute", 0xCD},  {"Icirc", 0xCE},   {"Igrave", 0xCC},  {"Iuml", 0xCF},
    {"Ntilde", 0xD1},  {"Oacute", 0xD3},  {"Ocirc", 0xD4},   {"Ograve", 0xD2},
    {"Oslash", 0xD8},  {"Otilde", 0xD5},  {"Ouml", 0xD6},    {"Prime", 0x2033},
    {"Uacute", 0xDA},  {"Ucirc", 0xDB},   {"Ugrave", 0xD9},  {"Uuml", 0xDC},
    {"Yacute", 0xDD},  {"aacute", 0xE1},  {"acirc", 0xE2},   {"aelig", 0xE6},
    {"agrave", 0xE0},  {"amp", '&'},      {"apos", '\''},    {"aring", 0xE5},
    {"atilde", 0xE3},  {"auml", 0xE4},    {"bdquo", 0x201E}, {"bull", 0x2022},
    {"ccedil", 0xE7},  {"cent", 0xA2},    {"copy", 0xA9},    {"dagger", 0x2020},
    {"deg", 0xB0},     {"divide", 0xF7},  {"eacute", 0xE9},  {"ecirc", 0xEA},
    {"egrave", 0xE8},  {"emsp", 0x2003},  {"ensp", 0x2002},  {"euml", 0xEB},
    {"euro", 0x20AC},  {"frac12", 0xBD},  {"frac14", 0xBC},  {"frac34", 0xBE},
    {"gt", '>'},       {"hellip", 0x2026}, {"iacute", 0xED}, {"icirc", 0xEE},
    {"iexcl", 0xA1},   {"igrave", 0xEC},  {"iquest", 0xBF},  {"iuml", 0xEF},
    {"laquo", 0xAB},   {"ldquo", 0x201C}, {"lsaquo", 0x2039}, {"lsquo", 0x2018},
    {"lt", '<'},       {"mdash", 0x2014}, {"middot", 0xB7},  {"minus", 0x2212},
    {"nbsp", 0xA0},    {"ndash", 0x2013}, {"ntilde", 0xF1},  {"oacute", 0xF3},
    {"ocirc", 0xF4},   {"ograve", 0xF2},  {"ordf", 0xAA},    {"ordm", 0xBA},
    {"oslash", 0xF8},  {"otilde", 0xF5},  {"ouml", 0xF6},    {"para", 0xB6},
    {"plusmn", 0xB1},  {"pound", 0xA3},   {"prime", 0x2032}, {"quot", '"'},
    {"raquo", 0xBB},   {"rdquo", 0x201D}, {"reg", 0xAE},     {"rsaquo", 0x203A},
    {"rsquo", 0x2019}, {"sbquo", 0x201A}, {"sect", 0xA7},    {"shy", 0xAD},
    {"szlig", 0xDF},   {"thinsp", 0x2009}, {"times", 0xD7},  {"trade", 0x2122},
    {"uacute", 0xFA},  {"ucirc", 0xFB},   {"ugrave", 0xF9},  {"uuml", 0xFC},
    {"yacute", 0xFD},  {"yen", 0xA5},     {"yuml", 0xFF},    {"zwj", 0x200D},
    {"zwnj", 0x200C}};

/* HTML maps references to 0x80..0x9F through windows-1252; the ones
 * news copy uses (quotes, dashes, the ellipsis, the euro). */
static unsigned cp1252(unsigned cp) {
  switch (cp) {
  case 0x80: return 0x20AC;
  case 0x85: return 0x2026;
  case 0x91: return 0x2018;
  case 0x92: return 0x2019;
  case 0x93: return 0x201C;
  case 0x94: return 0x201D;
  case 0x96: return 0x2013;
  case 0x97: return 0x2014;
  default: return ' ';
  }
}

/*
 * The character reference at s[i] ('&'): its length (0 when there is none)
 * and its code point in *cp.  What the shadow cannot hold (NUL, surrogates,
 * beyond U+10FFFF) becomes U+FFFD; other control characters a space.
 */
static size_t entity_at(const struct reader *r, size_t i, unsigned *cp) {
  const char *s = r->s;
  size_t j = i + 1, n = r->len;
  if (j < n && s[j] == '#') {
    unsigned long v = 0;
    size_t digits = 0;
    int hex = j + 1 < n && (s[j + 1] == 'x' || s[j + 1] == 'X');
    j += 1 + (size_t)hex;
    for (; j < n && digits < 8; j++, digits++) {
      unsigned char c = (unsigned char)s[j];
      unsigned d;
      if (c >= '0' && c <= '9')
        d = c - '0';
      else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
        d = (unsigned)(c | 0x20) - 'a' + 10;
      else
        break;
      v = v * (hex ? 16 : 10) + d;
    }
    if (!digits || digits >= 8 || j >= n || s[j] != ';')
      return 0;
    if (!v || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
      *cp = 0xFFFD;
    else if (v >= 0x80 && v <= 0x9F)
      *cp = cp1252((unsigned)v);
    else if ((v < 0x20 && v != '\t' && v != '\n') || v == 0x7F)
      *cp = ' ';
    else
      *cp = (unsigned)v;
    return j + 1 - i;
  }
  {
    char name[12];
    size_t k = 0, lo = 0, hi = sizeof(entities) / sizeof(entities[0]);
    for (; j < n && k < sizeof(name) - 1 && is_alnum((unsigned char)s[j]);
         j++)
      name[k++] = s[j];
    if (!k || j >= n || s[j] != ';')
      return 0;
    name[k] = '\0';
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      int c = strcmp(name, entities[mid].name);
      if (!c) {
        *cp = entities[mid].cp;
        return j + 1 - i;
      }
      if (c < 0)
        hi = mid;
      else
        lo = mid + 1;
    }
    return 0;
  }
}

static int is_unicode_space(unsigned cp) {
  return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

/* Decode the reference at i into the shadow; returns its length or 0. */
static size_t put_entity(struct reader *r, size_t i) {
  unsigned cp;
  char buf[4];
  size_t n = entity_at(r, i, &cp), l, k;
  if (!n)
    return 0;
  if (cp == '\n')
    cp = ' ';
  if (is_unicode_space(cp) || cp == '\t')
    cp = ' ';
  l = utf8_encode(cp, buf);
  if (l > n)
    UNSPIN_BUG("character reference longer decoded than written");
  memcpy(r->sh + i, buf, l);
  if (n - l >= 2 && (cp >= 0x80 || is_alnum((unsigned char)cp) || cp == '\''))
    pad_format(r->sh + i + l, n - l);
  else
    for (k = l; k < n; k++)
      r->sh[i + k] = ' ';
  return n;
}

/* ---- HTML ----------------------------------------------------------------- */

static const char *const block_tags[] = {
    "address", "article", "aside",  "blockquote", "body",    "caption",
    "center",  "dd",      "details", "dialog",    "div",     "dl",
    "dt",      "fieldset", "figcaption", "figure", "footer", "form",
    "h1",      "h2",      "h3",     "h4",         "h5",      "h6",
    "head",    "header",  "hgroup", "hr",         "html",    "legend",
    "li",      "main",    "nav",    "ol",         "option",  "p",
    "section", "summary", "table",  "tbody",      "tfoot",   "thead",
    "title",   "tr",      "ul"};
static const char *const line_tags[] = {"br", "td", "th"};
/* elements whose content is not prose, up to the matching end tag */
static const char *const raw_tags[] = {"code", "kbd",      "math",  "pre",
                                       "samp", "script",   "style", "svg",
                                       "template", "textarea", "xmp"};

static int name_in(const char *name, size_t n, const char *const *list,
                   size_t count) {
  size_t i, k;
  for (i = 0; i < count; i++) {
    for (k = 0; k < n && list[i][k]; k++)
      if (lower((unsigned char)name[k]) != (unsigned char)list[i][k])
        break;
    if (k == n && !list[i][k])
      return 1;
  }
  return 0;
}
#define IN_LIST(name, n, list)                                                 \
  name_in(name, n, list, sizeof(list) / sizeof(list[0]))

/* The end of the paragraph that holds i in Markdown; len for HTML. */
static size_t limit(const struct reader *r) {
  return r->md ? r->para_end : r->len;
}

/*
 * A comment at i ("<!--"): the offset after it (after "-->", or the end of
 * the text), with the directive it holds: 1 unspin-disable, 2 enable.
 */
static size_t comment_end(const struct reader *r, size_t i, int *directive) {
  size_t j = i + 4, cs, ce;
  const char *p;
  *directive = 0;
  if (j < r->len && r->s[j] == '>')
    return j + 1; /* <!--> */
  if (j + 1 < r->len && r->s[j] == '-' && r->s[j + 1] == '>')
    return j + 2; /* <!---> */
  cs = j;
  for (;;) {
    p = memchr(r->s + j, '-', r->len - j);
    if (!p) {
      ce = r->len;
      j = r->len;
      break;
    }
    j = (size_t)(p - r->s);
    if (j + 2 < r->len && r->s[j + 1] == '-' && r->s[j + 2] == '>') {
      ce = j;
      j += 3;
      break;
    }
    j++;
  }
  while (cs < ce && is_space((unsigned char)r->s[cs]))
    cs++;
  while (ce > cs && is_space((unsigned char)r->s[ce - 1]))
    ce--;
  {
    static const char *const words[] = {"unspin-disable", "unspin-enable"};
    int w;
    for (w = 0; w < 2; w++) {
      size_t n = strlen(words[w]);
      if (ce - cs >= n && !memcmp(r->s + cs, words[w], n) &&
          (ce - cs == n || is_space((unsigned char)r->s[cs + n]) ||
           r->s[cs + n] == ':'))
        *directive = w + 1;
    }
  }
  return j;
}

/*
 * A tag at i: the offset after its '>', or 0 when there is none (not a
 * tag).  *name and *nlen get the element name, *closing whether it is an
 * end tag, *selfclosing whether it ends with "/>".
 */
static size_t tag_end(const struct reader *r, size_t i, const char **name,
                      size_t *nlen, int *closing, int *selfclosing) {
  const char *s = r->s;
  size_t j = i + 1, end = limit(r), ns;
  int after_eq = 0;
  if (r->md && end - i > MD_MAX_SPAN)
    end = i + MD_MAX_SPAN;
  *closing = j < end && s[j] == '/';
  j += (size_t)*closing;
  if (j >= end || !is_alpha((unsigned char)s[j]))
    return 0;
  ns = j;
  while (j < end && (is_alnum((unsigned char)s[j]) || s[j] == '-' ||
                     s[j] == ':' || s[j] == '_' || s[j] == '.'))
    j++;
  *name = s + ns;
  *nlen = j - ns;
  if (j < end && !is_space((unsigned char)s[j]) && s[j] != '/' && s[j] != '>')
    return 0;
  *selfclosing = 0;
  for (; j < end; j++) {
    char c = s[j];
    if (c == '>') {
      *selfclosing = s[j - 1] == '/';
      return j + 1;
    }
    if ((c == '"' || c == '\'') && after_eq) {
      const char *q = memchr(s + j + 1, c, end - j - 1);
      if (!q)
        break;
      j = (size_t)(q - s);
      after_eq = 0;
      continue;
    }
    if (c == '<' && r->md)
      return 0;
    if (c == '=')
      after_eq = 1;
    else if (!is_space((unsigned char)c))
      after_eq = 0;
  }
  /* no '>': in HTML the tag runs to the end, in Markdown it is text */
  return r->md ? 0 : r->len;
}

/* The start of the end tag "</name" after j, or the end of the text. */
static size_t raw_close(const struct reader *r, size_t j, const char *name,
                        size_t nlen) {
  while (j < r->len) {
    const char *p = memchr(r->s + j, '<', r->len - j);
    size_t k, at;
    if (!p)
      break;
    at = (size_t)(p - r->s);
    j = at + 1;
    if (j >= r->len || r->s[j] != '/' || r->len - j - 1 < nlen)
      continue;
    for (k = 0; k < nlen; k++)
      if (lower((unsigned char)r->s[j + 1 + k]) !=
          lower((unsigned char)name[k]))
        break;
    if (k < nlen)
      continue;
    k = j + 1 + nlen;
    if (k >= r->len || is_space((unsigned char)r->s[k]) || r->s[k] == '>' ||
        r->s[k] == '/')
      return at;
  }
  return r->len;
}

static void disable_directive(struct reader *r, int directive, size_t start,
                              size_t end) {
  if (directive == 1 && r->disabled_from == SIZE_MAX)
    r->disabled_from = start;
  else if (directive == 2 && r->disabled_from != SIZE_MAX) {
    fill(r, r->disabled_from, end, FILL_SPACE, MARKUP_INLINE);
    r->disabled_from = SIZE_MAX;
  }
}

/* '<' at i: markup handled, returns the offset after it; 0: prose '<'. */
static size_t at_angle(struct reader *r, size_t i) {
  const char *s = r->s;
  size_t j, n = r->len;
  if (starts_ci(r, i, "<!--")) {
    int directive;
    j = comment_end(r, i, &directive);
    fill(r, i, j, FILL_GLUE, MARKUP_INLINE);
    disable_directive(r, directive, i, j);
    return j;
  }
  if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '?') && i + 2 < n &&
      (is_alpha((unsigned char)s[i + 2]) || s[i + 2] == '[' ||
       s[i + 1] == '?')) {
    const char *p = NULL;
    /* in Markdown a declaration needs its '>' in the paragraph; once one
     * search found none, later ones before that end find none either */
    if (!r->md || i >= r->gt_fail)
      p = memchr(s + i, '>', limit(r) - i);
    if (!p && r->md) {
      r->gt_fail = limit(r);
      return 0;
    }
    j = p ? (size_t)(p - s) + 1 : n;
    fill(r, i, j, FILL_SPACE, MARKUP_INLINE);
    return j;
  }
  if (r->md) {
    /* autolinks: <scheme:...> and <user@host> */
    size_t k = i + 1, at = 0, colon = 0;
    while (k < limit(r) && !is_space((unsigned char)s[k]) && s[k] != '<' &&
           s[k] != '>' && k - i < 2048) {
      if (s[k] == ':' && !colon && !at)
        colon = k;
      if (s[k] == '@' && !at)
        at = k;
      k++;
    }
    if (k < limit(r) && s[k] == '>' &&
        ((colon && colon - i >= 3 && is_alpha((unsigned char)s[i + 1])) ||
         (at && at > i + 1 && k > at + 1))) {
      fill(r, i, k + 1, FILL_SPACE, MARKUP_INLINE);
      return k + 1;
    }
  }
  {
    const char *name = NULL;
    size_t nlen = 0;
    int closing = 0, selfclosing = 0;
    j = tag_end(r, i, &name, &nlen, &closing, &selfclosing);
    if (!j)
      return 0;
    fill(r, i, j,
         IN_LIST(name, nlen, block_tags)  ? FILL_BREAK
         : IN_LIST(name, nlen, line_tags) ? FILL_LINE
                                          : FILL_GLUE,
         MARKUP_INLINE);
    if (!closing && !selfclosing && IN_LIST(name, nlen, raw_tags)) {
      size_t c = raw_close(r, j, name, nlen);
      fill(r, j, c, FILL_SPACE, MARKUP_INLINE);
      j = c;
    }
    return j;
  }
}

/* A bare URL at i: the offset after it, or 0. */
static size_t bare_url(const struct reader *r, size_t i) {
  static const char *const prefixes[] = {"http://", "https://", "ftp://",
                                         "www."};
  const char *s = r->s;
  size_t p, j, open = 0, close = 0, k, end = limit(r);
  if (i > 0 && (is_wordch((unsigned char)s[i - 1]) || s[i - 1] == '/' ||
                s[i - 1] == '.' || s[i - 1] == '@'))
    return 0;
  for (p = 0; p < sizeof(prefixes) / sizeof(prefixes[0]); p++)
    if (starts_ci(r, i, prefixes[p]))
      break;
  if (p == sizeof(prefixes) / sizeof(prefixes[0]))
    return 0;
  j = i + strlen(prefixes[p]);
  k = j;
  while (j < end && !is_space((unsigned char)s[j]) && s[j] != '<' &&
         s[j] != '"' && !r->skip[j]) {
    open += s[j] == '(';
    close += s[j] == ')';
    j++;
  }
  /* trailing punctuation belongs to the sentence, as in GFM; so does a
   * ')' the URL did not open */
  while (j > k && s[j - 1] && strchr("?!.,:;*_~'\")", s[j - 1])) {
    if (s[j - 1] == ')') {
      if (close <= open)
        break;
      close--;
    }
    j--;
  }
  return j > k && is_wordch((unsigned char)s[k]) ? j : 0;
}

/* ---- Markdown inlines ---------------------------------------------------- */

static int cmp_pair(const void *a, const void *b) {
  const size_t *x = a, *y = b;
  return x[0] < y[0] ? -1 : x[0] > y[0];
}

static int blank_line_at(const struct reader *r, size_t p) {
  while (p < r->len && (r->s[p] == ' ' || r->s[p] == '\t' || r->s[p] == '\r'))
    p++;
  return p >= r->len || r->s[p] == '\n';
}

/* Start a paragraph at i: find its end and pair its brackets. */
static void start_paragraph(struct reader *r, size_t i) {
  size_t p = i, *stack = NULL, nstack = 0, stack_alloc = 0;
  while (p < r->len && r->skip[p] != MARKUP_BLOCK) {
    if (r->s[p] == '\n' && blank_line_at(r, p + 1)) {
      p++;
      break;
    }
    p++;
  }
  r->para_end = p > i ? p : i + 1;
  r->npairs = r->pair_at = 0;
  memset(r->tick_fail, 0, sizeof(r->tick_fail));
  for (p = i; p < r->para_end && p < r->len; p++) {
    char c = r->s[p];
    if (r->skip[p])
      continue;
    if (c == '\\') {
      p++;
    } else if (c == '[') {
      ALLOC_GROW(stack, nstack + 1, stack_alloc);
      stack[nstack++] = p;
    } else if (c == ']' && nstack) {
      ALLOC_GROW(r->pairs, r->npairs + 1, r->pairs_alloc);
      r->pairs[r->npairs][0] = stack[--nstack];
      r->pairs[r->npairs][1] = p;
      r->npairs++;
    }
  }
  free(stack);
  if (r->npairs > 1)
    qsort(r->pairs, r->npairs, sizeof(r->pairs[0]), cmp_pair);
}

/* The ']' that closes the '[' at i, or SIZE_MAX. */
static size_t bracket_close(struct reader *r, size_t i) {
  while (r->pair_at < r->npairs && r->pairs[r->pair_at][0] < i)
    r->pair_at++;
  if (r->pair_at < r->npairs && r->pairs[r->pair_at][0] == i)
    return r->pairs[r->pair_at][1];
  return SIZE_MAX;
}

/* "(destination "title")" at i: the offset after ')', or 0. */
static size_t link_tail(const struct reader *r, size_t i) {
  const char *s = r->s;
  size_t j = i + 1, end = limit(r), depth = 0;
  if (end - i > MD_MAX_SPAN)
    end = i + MD_MAX_SPAN;
  while (j < end && is_space((unsigned char)s[j]))
    j++;
  if (j < end && s[j] == '<') {
    while (j < end && s[j] != '>' && s[j] != '\n')
      j++;
    if (j >= end || s[j] != '>')
      return 0;
    j++;
  } else {
    for (; j < end && !is_space((unsigned char)s[j]); j++) {
      if (s[j] == '\\' && j + 1 < end)
        j++;
      else if (s[j] == '(')
        depth++;
      else if (s[j] == ')') {
        if (!depth)
          break;
        depth--;
      }
    }
  }
  while (j < end && is_space((unsigned char)s[j]))
    j++;
  if (j < end && (s[j] == '"' || s[j] == '\'' || s[j] == '(')) {
    char q = s[j] == '(' ? ')' : s[j];
    for (j++; j < end && s[j] != q; j++)
      if (s[j] == '\\')
        j++;
    if (j >= end)
      return 0;
    j++;
    while (j < end && is_space((unsigned char)s[j]))
      j++;
  }
  return j < end && s[j] == ')' ? j + 1 : 0;
}

/* Markdown's inline constructs at i; returns the offset after, or 0. */
static size_t md_inline(struct reader *r, size_t i) {
  const char *s = r->s;
  size_t j, n = limit(r);
  char c = s[i];
  if (c == '\\') {
    if (i + 1 < r->len && (s[i + 1] == '\n' || s[i + 1] == '\r')) {
      fill(r, i, i + 1, FILL_SPACE, MARKUP_INLINE);
      return i + 1;
    }
    if (i + 1 < n && is_punct((unsigned char)s[i + 1])) {
      fill(r, i, i + 1, FILL_SPACE, MARKUP_INLINE);
      return i + 2; /* the escaped character is prose */
    }
    return 0;
  }
  if (c == '`') {
    size_t run = 1, k;
    while (i + run < n && s[i + run] == '`')
      run++;
    if (run >= sizeof(r->tick_fail) / sizeof(r->tick_fail[0]) ||
        r->tick_fail[run] > i)
      return i + run;
    for (k = i + run; k < n;) {
      size_t m = 0;
      if (s[k] != '`') {
        k++;
        continue;
      }
      while (k + m < n && s[k + m] == '`')
        m++;
      if (m == run) {
        fill(r, i, k + m, FILL_GLUE, MARKUP_INLINE);
        return k + m;
      }
      k += m;
    }
    r->tick_fail[run] = n;
    return i + run;
  }
  if (c == '!' && i + 1 < n && s[i + 1] == '[' &&
      bracket_close(r, i + 1) != SIZE_MAX) {
    fill(r, i, i + 1, FILL_GLUE, MARKUP_INLINE);
    return i + 1;
  }
  if (c == '[') {
    size_t close = bracket_close(r, i), tail = 0;
    if (close == SIZE_MAX)
      return 0;
    if (close + 1 < n && s[close + 1] == '(')
      tail = link_tail(r, close + 1);
    else if (close + 1 < n && s[close + 1] == '[') {
      size_t span = n - close - 2;
      const char *q = memchr(s + close + 2, ']',
                             span < MD_MAX_SPAN ? span : MD_MAX_SPAN);
      if (q &&
          !memchr(s + close + 2, '[', (size_t)(q - s) - close - 2))
        tail = (size_t)(q - s) + 1;
    }
    if (tail) {
      fill(r, i, i + 1, FILL_GLUE, MARKUP_INLINE);
      fill(r, close, tail, FILL_GLUE, MARKUP_INLINE);
      return i + 1;
    }
    if (i + 1 < close && s[i + 1] == '^') { /* footnote reference */
      fill(r, i, close + 1, FILL_GLUE, MARKUP_INLINE);
      return close + 1;
    }
    return 0;
  }
  if (c == '*' || c == '_' || c == '~') {
    unsigned char prev = i > 0 ? (unsigned char)s[i - 1] : ' ';
    unsigned char next;
    int left, right;
    j = i;
    while (j < n && s[j] == c)
      j++;
    next = j < r->len ? (unsigned char)s[j] : ' ';
    left = !is_space(next);
    right = !is_space(prev);
    if ((!left && !right) || (c == '~' && j - i != 2) ||
        (c == '_' && is_alnum(prev) && is_alnum(next)))
      return j;
    fill(r, i, j, FILL_GLUE, MARKUP_INLINE);
    return j;
  }
  return 0;
}

/* The inline pass: everything not yet markup, both kinds of markup. */
static void inline_pass(struct reader *r) {
  size_t i = 0, j;
  r->para_end = 0;
  while (i < r->len) {
    unsigned char c = (unsigned char)r->s[i];
    if (r->skip[i]) {
      i++;
      continue;
    }
    if (r->md && i >= r->para_end)
      start_paragraph(r, i);
    j = 0;
    if (c == '<')
      j = at_angle(r, i);
    else if (c == '&')
    {
      size_t n = put_entity(r, i);
      j = n ? i + n : 0;
    }
    else if (c == 'h' || c == 'H' || c == 'f' || c == 'F' || c == 'w' ||
             c == 'W') {
      j = bare_url(r, i);
      if (j)
        fill(r, i, j, FILL_SPACE, MARKUP_INLINE);
    } else if (r->md && strchr("\\`![*_~", (char)c) && c)
      j = md_inline(r, i);
    i = j > i ? j : i + 1;
  }
  if (r->disabled_from != SIZE_MAX)
    fill(r, r->disabled_from, r->len, FILL_SPACE, MARKUP_INLINE);
}

/* ---- Markdown blocks ----------------------------------------------------- */

/* Columns of indentation before s[*p] from ls (tabs to multiples of 4). */
static size_t indent_of(const char *s, size_t ls, size_t ce, size_t *p) {
  size_t col = 0, k = ls;
  while (k < ce && (s[k] == ' ' || s[k] == '\t')) {
    col = s[k] == '\t' ? (col / 4 + 1) * 4 : col + 1;
    k++;
  }
  *p = k;
  return col;
}

/* A line made only of c (at least min of them) and spaces. */
static int rule_line(const char *s, size_t p, size_t ce, char c, size_t min) {
  size_t k, count = 0;
  for (k = p; k < ce; k++) {
    if (s[k] == c)
      count++;
    else if (s[k] != ' ' && s[k] != '\t')
      return 0;
  }
  return count >= min;
}

/* A line of nothing but characters of set (NUL excluded). */
static int only_chars(const char *s, size_t p, size_t ce, const char *set) {
  for (; p < ce; p++)
    if (!s[p] || !strchr(set, s[p]))
      return 0;
  return 1;
}

/* "[label]: destination" from p. */
static int link_definition(const char *s, size_t p, size_t ce) {
  const char *close;
  if (s[p] != '[' || p + 1 >= ce || s[p + 1] == ']')
    return 0;
  close = memchr(s + p, ']', ce - p);
  return close && (size_t)(close - s) + 1 < ce && close[1] == ':';
}

static size_t line_end(const char *s, size_t len, size_t ls, size_t *ce) {
  const char *nl = memchr(s + ls, '\n', len - ls);
  size_t le = nl ? (size_t)(nl - s) : len;
  *ce = le > ls && s[le - 1] == '\r' ? le - 1 : le;
  return le;
}

/* YAML (---) or TOML (+++) front matter at the start: the offset after. */
static size_t front_matter(const struct reader *r) {
  const char *s = r->s;
  size_t ls = 0, ce, le;
  char c;
  if (r->len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
    ls = 3;
  le = line_end(s, r->len, ls, &ce);
  if (ce - ls < 3 || (s[ls] != '-' && s[ls] != '+') ||
      !rule_line(s, ls, ce, s[ls], 3) || memchr(s + ls, ' ', ce - ls))
    return 0;
  c = s[ls];
  while (le < r->len) {
    ls = le + 1;
    le = line_end(s, r->len, ls, &ce);
    if ((ce - ls == 3 && s[ls] == c && s[ls + 1] == c && s[ls + 2] == c) ||
        (c == '-' && ce - ls == 3 && !memcmp(s + ls, "...", 3)))
      return le;
  }
  return 0;
}

static void md_blocks(struct reader *r) {
  const char *s = r->s;
  size_t ls = front_matter(r), le, ce;
  int in_fence = 0, prev_blank = 1, prev_code = 0, in_list = 0;
  char fence_ch = 0;
  size_t fence_n = 0;
  if (ls) {
    fill(r, 0, ls, FILL_SPACE, MARKUP_BLOCK);
    ls++;
  }
  for (; ls <= r->len; ls = le + 1) {
    size_t p, q, ind;
    le = line_end(s, r->len, ls, &ce);
    ind = indent_of(s, ls, ce, &p);
    if (in_fence) {
      size_t k = p;
      while (k < ce && s[k] == fence_ch)
        k++;
      fill(r, ls, le, FILL_SPACE, MARKUP_BLOCK);
      if (ind < 4 && k - p >= fence_n && rule_line(s, k, ce, ' ', 0))
        in_fence = 0;
      if (le >= r->len)
        break;
      continue;
    }
    if (p >= ce) { /* blank */
      prev_blank = 1;
      if (le >= r->len)
        break;
      continue;
    }
    if (ind == 0 && prev_blank)
      in_list = 0; /* a paragraph after a blank line ends a list */
    if (ind >= 4 && !in_list && (prev_blank || prev_code)) {
      fill(r, ls, le, FILL_SPACE, MARKUP_BLOCK);
      prev_code = 1;
      prev_blank = 0;
      if (le >= r->len)
        break;
      continue;
    }
    prev_code = 0;
    if (ind < 4 && (s[p] == '`' || s[p] == '~')) {
      size_t k = p;
      while (k < ce && s[k] == s[p])
        k++;
      if (k - p >= 3 &&
          !(s[p] == '`' && memchr(s + k, '`', ce - k))) {
        in_fence = 1;
        fence_ch = s[p];
        fence_n = k - p;
        fill(r, ls, le, FILL_SPACE, MARKUP_BLOCK);
        prev_blank = 0;
        if (le >= r->len)
          break;
        continue;
      }
    }
    /* block quote markers */
    q = p;
    while (q < ce && s[q] == '>') {
      size_t k = q + 1 + (q + 1 < ce && s[q + 1] == ' ');
      fill(r, q, k, FILL_SPACE, MARKUP_INLINE);
      q = k;
      while (q < ce && (s[q] == ' ' || s[q] == '\t'))
        q++;
    }
    if (q >= ce) {
      prev_blank = 1; /* an empty quote line separates paragraphs */
      if (le >= r->len)
        break;
      continue;
    }
    if ((s[q] == '-' || s[q] == '*' || s[q] == '_') &&
        rule_line(s, q, ce, s[q], 3)) {
      fill(r, q, ce, FILL_LINE, MARKUP_INLINE); /* thematic break */
    } else if (s[q] == '=' && rule_line(s, q, ce, '=', 1) && !prev_blank) {
      fill(r, q, ce, FILL_LINE, MARKUP_INLINE); /* setext underline */
    } else if (s[q] == '-' && rule_line(s, q, ce, '-', 1) && !prev_blank &&
               ce - q >= 1 && (q + 1 >= ce || s[q + 1] == '-' ||
                               s[q + 1] == ' ')) {
      fill(r, q, ce, FILL_LINE, MARKUP_INLINE);
    } else if (link_definition(s, q, ce)) {
      fill(r, q, ce, FILL_SPACE, MARKUP_INLINE); /* link definition */
    } else if (s[q] == '#') {
      size_t k = q;
      while (k < ce && s[k] == '#')
        k++;
      if (k - q <= 6 && (k == ce || s[k] == ' ' || s[k] == '\t')) {
        size_t e = ce;
        fill(r, q, k, FILL_BREAK, MARKUP_INLINE);
        /* a closing sequence: spaces, #s, spaces */
        while (e > k && (s[e - 1] == ' ' || s[e - 1] == '\t'))
          e--;
        if (e > k && s[e - 1] == '#') {
          size_t h = e;
          while (h > k && s[h - 1] == '#')
            h--;
          if (h == k || s[h - 1] == ' ' || s[h - 1] == '\t')
            fill(r, h, e, FILL_SPACE, MARKUP_INLINE);
        }
      }
    } else if (s[q] == '|') {
      size_t k;
      if (only_chars(s, q, ce, "|-: \t"))
        fill(r, q, ce, FILL_SPACE, MARKUP_INLINE); /* delimiter row */
      else
        for (k = q; k < ce; k++)
          if (s[k] == '|' && (k == q || s[k - 1] != '\\'))
            fill(r, k, k + 1, FILL_LINE, MARKUP_INLINE);
    } else {
      size_t k = q;
      if (s[q] == '-' || s[q] == '*' || s[q] == '+')
        k = q + 1;
      else {
        while (k < ce && k - q < 9 && s[k] >= '0' && s[k] <= '9')
          k++;
        if (k > q && k < ce && (s[k] == '.' || s[k] == ')'))
          k++;
        else
          k = q;
      }
      if (k > q && (k == ce || s[k] == ' ' || s[k] == '\t')) {
        fill(r, q, k, FILL_BREAK, MARKUP_INLINE);
        in_list = 1;
        while (k < ce && (s[k] == ' ' || s[k] == '\t'))
          k++;
        if (k + 2 < ce && s[k] == '[' && s[k + 2] == ']' &&
            (s[k + 1] == ' ' || s[k + 1] == 'x' || s[k + 1] == 'X'))
          fill(r, k, k + 3, FILL_SPACE, MARKUP_INLINE); /* task box */
      }
    }
    prev_blank = 0;
    if (le >= r->len)
      break;
  }
}

/* ---- entry points ---------------------------------------------------------- */

void markup_read(struct markup *m, const char *text, size_t len,
                 enum unspin_markup kind) {
  struct reader r;
  m->len = len;
  m->shadow = xmemdup0(len ? text : "", len);
  m->skip = xcalloc(len + 1, 1);
  if (!len)
    return;
  if (kind != UNSPIN_MARKUP_HTML && kind != UNSPIN_MARKUP_MARKDOWN)
    return;
  memset(&r, 0, sizeof(r));
  r.s = text;
  r.len = len;
  r.sh = m->shadow;
  r.skip = m->skip;
  r.md = kind == UNSPIN_MARKUP_MARKDOWN;
  r.disabled_from = SIZE_MAX;
  if (r.md)
    md_blocks(&r);
  inline_pass(&r);
  free(r.pairs);
}

void markup_release(struct markup *m) {
  free(m->shadow);
  free(m->skip);
  m->shadow = NULL;
  m->skip = NULL;
  m->len = 0;
}

int markup_overlaps(const struct markup *m, size_t start, size_t end) {
  size_t k;
  if (!m->skip)
    return 0;
  for (k = start; k < end && k < m->len; k++)
    if (m->skip[k])
      return 1;
  return 0;
}

enum unspin_markup unspin_markup_for_path(const char *path) {
  static const struct {
    const char *ext;
    enum unspin_markup kind;
  } exts[] = {{".html", UNSPIN_MARKUP_HTML},
              {".htm", UNSPIN_MARKUP_HTML},
              {".xhtml", UNSPIN_MARKUP_HTML},
              {".md", UNSPIN_MARKUP_MARKDOWN},
              {".markdown", UNSPIN_MARKUP_MARKDOWN}};
  const char *dot, *slash;
  size_t i;
  if (!path)
    return UNSPIN_MARKUP_TEXT;
  dot = strrchr(path, '.');
  slash = strrchr(path, '/');
  if (!dot || (slash && dot < slash))
    return UNSPIN_MARKUP_TEXT;
  for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
    const char *a = dot, *b = exts[i].ext;
    while (*a && *b && lower((unsigned char)*a) == (unsigned char)*b)
      a++, b++;
    if (!*a && !*b)
      return exts[i].kind;
  }
  return UNSPIN_MARKUP_TEXT;
}
