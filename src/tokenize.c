/*
 * tokenize.c - see tokenize.h.  The only file that talks to ICU's break
 * iterators; ICU errors are translated to UNSPIN_ERR_ICU here.
 *
 * ICU's word iterator defines the segmentation.  Running it over all of
 * the text was four fifths of tokenizing, so the lines made only of
 * characters whose word breaks are a few pairwise rules are segmented by
 * wordbreak.c instead, and ICU gets the other lines one at a time: it
 * breaks before and after every line break and carries nothing across
 * one, so its boundaries of a text are those of its lines.  The sentence
 * iterator still reads all of the text.  test_tokenize.c compares the two
 * on every character wordbreak.c takes and on random text.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ucasemap.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/uvernum.h>

#include "text.h"
#include "tokenize.h"
#include "util.h"
#include "wordbreak.h"

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
  /* ASCII (every space between words) without asking ICU: its White_Space
   * there is tab to carriage return and the space, and no ASCII character
   * is a format character (test_tokenize.c checks both against ICU) */
  if (cp < 0x80 ? cp == ' ' || (cp >= '\t' && cp <= '\r')
                : u_isUWhiteSpace((UChar32)cp) || cp == 0xFEFF) {
    uint32_t i;
    *space = 1;
    for (i = s; i < e; i++)
      if (text[i] == '\n')
        (*newlines)++;
    return 0;
  }
  /* Control characters and other invisibles carry no text either. */
  if (cp < 0x20 ||
      (cp >= 0x80 && u_charType((UChar32)cp) == U_FORMAT_CHAR)) {
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
    size_t l;
    if ((unsigned char)s[i] < 0x80) { /* most words: no table lookups */
      unsigned c = (unsigned char)s[i] | 0x20;
      if (c >= 'a' && c <= 'z') {
        int up = !(s[i] & 0x20);
        if (!letters)
          first_upper = (unsigned)up;
        letters++;
        upper += (unsigned)up;
      }
      i++;
      continue;
    }
    l = utf8_decode(s + i, n - i, &cp);
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

/*
 * The break iterators run on a UTF-16 copy of the text: ICU reads UTF-16
 * natively, and through a UTF-8 UText it spent a third of its time in the
 * text provider.  The word boundaries (UTF-16 indexes, ascending) are
 * turned back into byte offsets by walking forward; the sentence
 * boundaries are only compared with word boundaries, which the UTF-16
 * indexes do as well (the mapping keeps order), so they need no walk.
 */
struct u16map {
  const UChar *u;
  int32_t at16;
  uint32_t at8;
};

/* Boundary to16 of the iterator as a byte offset (ascending calls only);
 * UBRK_DONE stays itself, and without a UTF-16 copy an index is a byte. */
static int32_t u16map_to8(struct u16map *m, int32_t to16) {
  if (!m->u || to16 == UBRK_DONE)
    return to16;
  while (m->at16 < to16) {
    UChar c = m->u[m->at16];
    if (c < 0x80) {
      m->at8 += 1;
    } else if (c < 0x800) {
      m->at8 += 2;
    } else if (U16_IS_LEAD(c)) {
      m->at8 += 4; /* the pair is one code point, four bytes */
      m->at16++;
    } else {
      m->at8 += 3;
    }
    m->at16++;
  }
  return (int32_t)m->at8;
}

/*
 * Opening the sentence iterator took ICU some 140 us a call: it builds the
 * "ss=standard" list of abbreviations anew each time.  A run over many
 * short texts (--jsonl, a walk of small files) spent most of its time
 * there, so each iterator is opened once per process and every call works
 * on a clone, which shares what the opening built.  The templates are
 * closed at exit, so that memory checkers see nothing left behind.
 * Clones are made under a lock: the template is only read, but ICU does
 * not promise that reading one from several threads at once is safe.
 */
enum { ITER_WORD, ITER_SENTENCE, ITER_KINDS };
static UBreakIterator *iter_template[ITER_KINDS];
static UErrorCode iter_status[ITER_KINDS];
static pthread_once_t iter_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t iter_lock = PTHREAD_MUTEX_INITIALIZER;

static void close_templates(void) {
  int k;
  for (k = 0; k < ITER_KINDS; k++)
    if (iter_template[k])
      ubrk_close(iter_template[k]);
}

static void open_templates(void) {
  atexit(close_templates);
  iter_template[ITER_WORD] =
      ubrk_open(UBRK_WORD, "en_US", NULL, 0, &iter_status[ITER_WORD]);
  /* ss=standard: no sentence break after abbreviations such as "Mr." */
  iter_template[ITER_SENTENCE] =
      ubrk_open(UBRK_SENTENCE, "en_US@ss=standard", NULL, 0,
                &iter_status[ITER_SENTENCE]);
}

/* A new iterator of the kind (the caller closes it), or NULL with *st. */
static UBreakIterator *open_iterator(int kind, UErrorCode *st) {
  UBreakIterator *bi;
  pthread_once(&iter_once, open_templates);
  if (U_FAILURE(iter_status[kind])) {
    *st = iter_status[kind];
    return NULL;
  }
  pthread_mutex_lock(&iter_lock);
  bi = ubrk_clone(iter_template[kind], st);
  pthread_mutex_unlock(&iter_lock);
  return bi;
}

/* What the walk over word segments carries from one segment to the next. */
struct segs {
  const char *text;
  struct tokens *toks;
  UBreakIterator *sb; /* NULL: no sentence boundaries */
  int32_t next_sent;  /* the sentence iterator's position (UTF-16) */
  unsigned pending;   /* flags for the next token */
  int quoted, straight_open, newlines_run;
};

/*
 * Take the word segment [prev, cur) (byte offsets; prev16 is where it
 * starts in UTF-16 units, the sentence iterator's index) with the rule
 * status ICU gives it: a token, or flags for the next one.
 */
static inline void add_segment(struct segs *g, int32_t prev, int32_t cur,
                               int32_t prev16, int32_t status) {
  const char *text = g->text;
  int space, newlines, kind;
  kind = segment_kind(text, (uint32_t)prev, (uint32_t)cur, status, &space,
                      &newlines);
  while (g->next_sent != UBRK_DONE && g->next_sent < prev16)
    g->next_sent = ubrk_next(g->sb);
  /* (without a sentence iterator next_sent stays UBRK_DONE) */
  if (g->next_sent == prev16)
    g->pending |= TOKF_SENT_START;
  if (space) {
    /*
     * ICU breaks before and after every line break, so "\n\n" arrives as
     * two segments: count the line breaks of the whole whitespace run.
     */
    g->newlines_run += newlines;
    g->pending |= TOKF_SPACE_BEFORE;
    if (g->newlines_run)
      g->pending |= TOKF_NEWLINE_BEFORE;
    if (g->newlines_run >= 2)
      g->pending |= TOKF_PARA_START | TOKF_SENT_START;
  } else {
    struct tokens *toks = g->toks;
    struct token *t;
    unsigned cp = 0;
    int opened = 0;
    g->newlines_run = 0;
    ALLOC_GROW(toks->v, toks->n + 1, toks->alloc);
    t = &toks->v[toks->n++];
    t->start = (uint32_t)prev;
    t->end = (uint32_t)cur;
    t->id = t->lm = 0;
    t->kind = (uint8_t)kind;
    if (g->pending & TOKF_PARA_START)
      g->quoted = g->straight_open = 0;
    if (kind == TOK_PUNCT) {
      utf8_decode(text + prev, (size_t)(cur - prev), &cp);
      if (is_open_quote(cp) || (cp == '"' && !g->straight_open)) {
        g->quoted = 1;
        g->straight_open = cp == '"';
        opened = 1;
      }
    }
    t->flags = (uint8_t)(g->pending |
                         (kind == TOK_WORD
                              ? case_flags(text + prev, (size_t)(cur - prev))
                              : 0) |
                         (g->quoted ? TOKF_QUOTED : 0));
    /* the quote that just opened cannot also close */
    if (kind == TOK_PUNCT && !opened &&
        (is_close_quote(cp) || (cp == '"' && g->straight_open)))
      g->quoted = g->straight_open = 0;
    g->pending = 0;
  }
}

/*
 * Walk ICU's word iterator wb, whose text starts at byte at, UTF-16 unit
 * at16 of the text (u16: the UTF-16 copy, or NULL when wb reads the UTF-8
 * and its indexes are bytes).
 */
static void icu_words(struct segs *g, UBreakIterator *wb, const UChar *u16,
                      int32_t at, int32_t at16) {
  struct u16map wmap;
  int32_t prev, cur, prev16, cur16;
  wmap.u = u16;
  wmap.at16 = at16;
  wmap.at8 = (uint32_t)at;
  prev16 = at16 + ubrk_first(wb);
  prev = u16map_to8(&wmap, prev16);
  while ((cur16 = ubrk_next(wb)) != UBRK_DONE) {
    cur16 += at16;
    cur = u16map_to8(&wmap, cur16);
    add_segment(g, prev, cur, prev16, ubrk_getRuleStatus(wb));
    prev = cur;
    prev16 = cur16;
  }
}

/*
 * wordbreak.c reproduces ICU 72's word rules, and test_tokenize.c checks it
 * against the ICU it is built with; with another ICU every line goes to
 * ICU until those tests pass against it and this admits it.
 */
#define WORDBREAK_VERIFIED (U_ICU_VERSION_MAJOR_NUM == 72)

_Static_assert((int)WORDBREAK_NONE == (int)UBRK_WORD_NONE &&
                   (int)WORDBREAK_NUMBER == (int)UBRK_WORD_NUMBER &&
                   (int)WORDBREAK_LETTER == (int)UBRK_WORD_LETTER,
               "wordbreak.h's rule statuses are ICU's");

/* wordbreak.c's word segments of the simple line [at, at + n). */
static void simple_words(struct segs *g, size_t at, size_t at16, size_t n) {
  size_t i = 0;
  while (i < n) {
    size_t u, e;
    int status;
    e = wordbreak_next(g->text + at, n, i, &u, &status);
    add_segment(g, (int32_t)(at + i), (int32_t)(at + e), (int32_t)at16,
                status);
    at16 += u;
    i = e;
  }
}

/*
 * The word segments of the text line by line: wordbreak.c's for the lines
 * it covers, ICU's word iterator (opened on the first line that needs it)
 * for the rest.  ICU's boundaries of the whole text are the union of its
 * boundaries of each line, so the two mix without a seam, and ICU takes a
 * run of lines that need it as one text: a text of short lines of Chinese
 * or emoji would otherwise pay for resetting the iterator on each.
 */
static int line_words(struct segs *g, UBreakIterator **wb, const UChar *u16,
                      size_t len, unspin_error *err) {
  const char *text = g->text;
  size_t at = 0, at16 = 0;
  while (at < len) {
    size_t units, n;
    int simple;
    n = wordbreak_line(text + at, len - at, &units, &simple);
    if (!simple) {
      size_t run = 0, run16 = 0;
      UErrorCode st = U_ZERO_ERROR;
      /* the run of lines ICU takes; it ends at a simple line or the end */
      while (!simple) {
        run += n;
        run16 += units;
        if (at + run == len)
          break;
        n = wordbreak_line(text + at + run, len - at - run, &units,
                           &simple);
      }
      if (!*wb)
        *wb = open_iterator(ITER_WORD, &st);
      if (U_FAILURE(st))
        return icu_error(err, "cannot open break iterator", st);
      ubrk_setText(*wb, u16 + at16, (int32_t)run16, &st);
      if (U_FAILURE(st))
        return icu_error(err, "cannot segment text", st);
      icu_words(g, *wb, u16, (int32_t)at, (int32_t)at16);
      at += run;
      at16 += run16;
      if (at == len)
        break;
    }
    /* a simple line: the first one, or the one that ended a run */
    simple_words(g, at, at16, n);
    at += n;
    at16 += units;
  }
  return UNSPIN_OK;
}

static int tokenize_core(const char *text, size_t len, struct tokens *toks,
                         int sentences, int icu_only, unspin_error *err) {
  UErrorCode st = U_ZERO_ERROR;
  UText *ut = NULL;
  UBreakIterator *wb = NULL;
  UChar *u16 = NULL;
  int32_t n16 = 0;
  struct segs g;
  int rc = UNSPIN_OK;

  /* ICU's break iterators index with int32_t */
  if (len > INT32_MAX)
    return unspin_error_set(err, UNSPIN_ERR_ARG, NULL, 0, 0,
                            "input too large (%zu bytes; the limit is 2 GiB)",
                            len);
  /* Valid UTF-8 (all the pipeline passes here) converts exactly, one
   * UTF-16 unit per 1-3 bytes, two per 4; anything else is segmented as
   * UTF-8 directly, with ICU's own handling of bad bytes. */
  if (len < INT32_MAX / 2) {
    u16 = xmalloc((len + 1) * sizeof(*u16));
    u_strFromUTF8(u16, (int32_t)len + 1, &n16, text, (int32_t)len, &st);
    if (U_FAILURE(st)) {
      free(u16);
      u16 = NULL;
      st = U_ZERO_ERROR;
    }
  }
  if (u16)
    ut = utext_openUChars(NULL, u16, n16, &st);
  else
    ut = utext_openUTF8(NULL, text, (int64_t)len, &st);
  if (U_FAILURE(st)) {
    free(u16);
    return icu_error(err, "cannot open text", st);
  }
  memset(&g, 0, sizeof(g));
  g.text = text;
  g.toks = toks;
  if (sentences)
    g.sb = open_iterator(ITER_SENTENCE, &st);
  if (!U_FAILURE(st) && (!u16 || icu_only || !WORDBREAK_VERIFIED))
    wb = open_iterator(ITER_WORD, &st);
  if (U_FAILURE(st)) {
    rc = icu_error(err, "cannot open break iterator", st);
    goto out;
  }
  if (g.sb)
    ubrk_setUText(g.sb, ut, &st);
  if (wb)
    ubrk_setUText(wb, ut, &st);
  if (U_FAILURE(st)) {
    rc = icu_error(err, "cannot segment text", st);
    goto out;
  }
  g.next_sent = g.sb ? ubrk_first(g.sb) : UBRK_DONE;
  g.pending = TOKF_SENT_START | TOKF_PARA_START;
  if (wb)
    icu_words(&g, wb, u16, 0, 0);
  else
    rc = line_words(&g, &wb, u16, len, err);
out:
  if (g.sb)
    ubrk_close(g.sb);
  if (wb)
    ubrk_close(wb);
  utext_close(ut);
  free(u16);
  return rc;
}

int tokenize(const char *text, size_t len, struct tokens *toks,
             unspin_error *err) {
  return tokenize_core(text, len, toks, 1, 0, err);
}

int tokenize_icu(const char *text, size_t len, struct tokens *toks,
                 unspin_error *err) {
  return tokenize_core(text, len, toks, 1, 1, err);
}

size_t tokens_mismatch(const struct tokens *a, const struct tokens *b) {
  size_t i;
  for (i = 0; i < a->n && i < b->n; i++)
    if (a->v[i].start != b->v[i].start || a->v[i].end != b->v[i].end ||
        a->v[i].kind != b->v[i].kind || a->v[i].flags != b->v[i].flags)
      return i;
  return a->n == b->n ? SIZE_MAX : i;
}

int tokenize_words(const char *text, size_t len, struct tokens *toks,
                   unspin_error *err) {
  return tokenize_core(text, len, toks, 0, 0, err);
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
      else if (cp == 0x00AD || cp == 0x2060)
        ; /* soft hyphen, word joiner: invisible inside a word */
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

/* Phrases of lower-case ASCII letters and single spaces split at the
 * spaces, exactly as ICU would split them; most dictionary entries are such,
 * and this keeps preparing a context from opening a break iterator for
 * each. */
static int plain_phrase(const char *s, size_t n) {
  size_t i;
  if (!n || s[0] == ' ' || s[n - 1] == ' ')
    return 0;
  for (i = 0; i < n; i++) {
    char c = s[i];
    if (!((c >= 'a' && c <= 'z') || (c == ' ' && s[i + 1] != ' ')))
      return 0;
  }
  return 1;
}

int tokenize_phrase(const char *s, size_t n,
                    void (*fn)(void *arg, const char *tok, size_t len),
                    void *arg, unspin_error *err) {
  struct tokens toks = {0};
  size_t i;
  int count = 0;
  if (plain_phrase(s, n)) {
    const char *p = s, *end = s + n;
    while (p < end) {
      const char *sp = memchr(p, ' ', (size_t)(end - p));
      const char *we = sp ? sp : end;
      fn(arg, p, (size_t)(we - p));
      count++;
      p = we + 1;
    }
    return count;
  }
  if (tokenize_words(s, n, &toks, err))
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
