/*
 * detect.c - the pipeline behind unspin_check(): validate, segment, match,
 * decide, and turn the chosen candidates into findings.  Owns struct
 * unspin_doc.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "decide.h"
#include "ignore.h"
#include "internal.h"
#include "markup.h"
#include "match.h"
#include "strbuf.h"
#include "util.h"

static const char *entry_message(const struct entry *e) {
  if (e->message)
    return e->message;
  return e->cls == ENTRY_TELLTALE
             ? "phrase a synonym spinner leaves behind"
             : "word a synonym spinner substitutes here";
}

/*
 * Long inputs are checked in chunks of about CHUNK_BYTES, cut at a
 * paragraph break (else a line break, else a space), so working memory
 * (tokens, candidates, the decoder's tables) stays bounded whatever the
 * input's size; only the findings grow with it, and the text unless it is
 * mapped (unspin_check_file(), whose checked pages are given back).  A news
 * article is far shorter than a chunk, so its decision is untouched: the
 * document prior is then estimated per chunk, which for a 20 MB file of
 * many articles is the better reading anyway.  Half a megabyte (some 85,000
 * words, thousands of candidate sites for the estimate) rather than one:
 * a chunk's working memory is some 20 MB instead of 40, which keeps two
 * threads' chunks under 100 MB together (-j 2 on 20 MB: 126 -> 79 MB) and
 * is a little faster for staying in cache.
 */
#define CHUNK_BYTES ((size_t)1 << 19)
#define UNSPIN_MAX_THREADS 256

/* Where the chunk starting at pos ends. */
static size_t chunk_end(const char *text, size_t len, size_t pos) {
  size_t target = pos + CHUNK_BYTES, limit, i;
  if (len - pos <= CHUNK_BYTES + CHUNK_BYTES / 2)
    return len;
  limit = target + CHUNK_BYTES / 2;
  for (i = target; i + 1 < limit; i++) /* a blank line */
    if (text[i] == '\n' && (text[i + 1] == '\n' ||
                            (text[i + 1] == '\r' && i + 2 < len &&
                             text[i + 2] == '\n')))
      return i + 1;
  for (i = target; i < limit; i++) /* a line break */
    if (text[i] == '\n')
      return i + 1;
  for (i = target; i < limit; i++) /* a space */
    if (text[i] == ' ' || text[i] == '\t')
      return i + 1;
  /* half a chunk without a space is no prose: any character boundary */
  for (i = target; i > pos + 1 && ((unsigned char)text[i] & 0xC0) == 0x80;)
    i--;
  return i;
}

/*
 * A replacement going into HTML or Markdown: '&' and '<' would start
 * markup there, so they are written as character references.
 */
static const char *escape_markup(struct arena *a, const char *s) {
  struct strbuf sb = STRBUF_INIT;
  const char *p, *r;
  if (!strpbrk(s, "&<"))
    return s;
  for (p = s; *p; p++) {
    if (*p == '&')
      strbuf_addstr(&sb, "&amp;");
    else if (*p == '<')
      strbuf_addstr(&sb, "&lt;");
    else
      strbuf_addch(&sb, *p);
  }
  r = arena_strndup(a, sb.buf, sb.len);
  strbuf_release(&sb);
  return r;
}

void doc_drop_pages(const unspin_doc *doc, size_t from, size_t to) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  if (!doc->map_len || to > doc->len)
    return;
  from = (from + page - 1) / page * page;
  to = to / page * page;
  if (from < to)
    madvise(doc->text + from, to - from, MADV_DONTNEED);
}

/* The text of a failed or freed doc goes back as it came. */
static void release_text(char *text, size_t map_len) {
  if (map_len)
    munmap(text, map_len);
  else
    free(text);
}

/*
 * What a check reads: the text, or with markup its shadow (markup.h), which
 * has the same offsets with the markup blanked.  Findings take their text
 * from the doc's copy of the source.  Shared read-only by the chunks.
 */
struct scan {
  const char *text;
  const struct markup *mk; /* NULL: plain text */
  const unspin_ignore *ignore;
  int keep_all;
};

/*
 * A finding while the check runs: what the chunk alone knows of it, in
 * half the size of an unspin_finding, since the findings of all chunks
 * decided so far are held beside the decoder's tables of the chunk being
 * decided (for the 100 MB bench file, 272,266 findings: 31 MB as
 * unspin_findings).  The rest comes at the merge: the entry's strings
 * from the ctx, the replacement from the spun text.  The scores stay
 * doubles, as the findings report them.
 */
struct found {
  double confidence, posterior, score_spun, score_orig;
  const char *spun;   /* in the chunk's arena */
  uint32_t start;     /* from the chunk's base; end is start + strlen(spun) */
  uint32_t entry;     /* index into ctx->entries */
  unsigned line, col; /* counted from the chunk's base */
};

struct finding_list {
  struct found *v;
  size_t n, alloc;
};

/* One chunk's work: in base and n; out everything else.  Chunks share
 * nothing they write, so they may run on different threads. */
struct chunk {
  size_t base, n;
  struct finding_list found;
  struct arena arena; /* the findings' strings */
  double edits;       /* expected spun words */
  size_t words, applied;
  /* for the findings' line and column in the whole text: the chunk's line
   * breaks, and the code points after its last one (all of them if none) */
  size_t newlines, tail_cps;
  int failed;
  int invalid; /* not UTF-8 or a NUL: the check reports it for the text */
  int prepared; /* chunk_prepare() is done: toks and cands are set */
  unspin_error err;
  struct tokens toks;      /* from chunk_prepare() to chunk_decide() */
  struct candidates cands;
};

/* The chosen candidates of one chunk (text + base), kept as struct found. */
static void add_findings(const unspin_doc *doc, struct chunk *ch,
                         const struct linemap *lines,
                         const struct tokens *toks,
                         const struct candidates *cands,
                         const unsigned char *chosen) {
  const char *text = doc->text + ch->base;
  struct finding_list *out = &ch->found;
  size_t i;
  for (i = 0; i < cands->n; i++) {
    const struct candidate *c = &cands->v[i];
    size_t start, end;
    struct found *f;
    if (!chosen[i])
      continue;
    ALLOC_GROW(out->v, out->n + 1, out->alloc);
    f = &out->v[out->n++];
    /* a chunk is at most 1.5 CHUNK_BYTES (chunk_end()): offsets fit */
    start = toks->v[c->tok].start;
    end = toks->v[c->tok_end - 1].end;
    f->start = (uint32_t)start;
    f->entry = c->entry;
    linemap_position(lines, text, start, &f->line, &f->col);
    f->spun = arena_strndup(&ch->arena, text + start, end - start);
    f->confidence = c->confidence;
    f->posterior = c->posterior;
    f->score_spun = c->score_spun;
    f->score_orig = c->score_orig;
    if (f->confidence >= doc->min_confidence)
      ch->applied++;
  }
}

/*
 * The finding f of the chunk at base as the doc reports it, its line and
 * column still counted from base; the replacement goes into a, the
 * chunk's arena.  The spun text, not the doc's, gives the replacement its
 * case: the same bytes, and reading the doc's would bring back the pages
 * given back (doc_drop_pages()), most of a mapped text.  The spun text
 * holds no NUL, the chunk having been validated, so strlen() is its length.
 */
static void make_finding(const unspin_doc *doc, size_t base, struct arena *a,
                         const struct found *f, int markup,
                         unspin_finding *out) {
  const struct entry *e = &doc->ctx->entries[f->entry];
  size_t len = strlen(f->spun);
  out->start = base + f->start;
  out->end = out->start + len;
  out->line = f->line;
  out->col = f->col;
  out->spun = f->spun;
  out->replacement = apply_case(a, f->spun, len, e->original);
  if (markup)
    out->replacement = escape_markup(a, out->replacement);
  out->rule_id = e->rule_id;
  out->message = entry_message(e);
  out->source = e->source;
  out->pack = e->pack ? e->pack : "news";
  out->confidence = f->confidence;
  out->posterior = f->posterior;
  out->channel = e->weight;
  out->score_spun = f->score_spun;
  out->score_orig = f->score_orig;
}

/*
 * Segment and match one chunk: the first part of its check, kept apart so
 * that another thread may decide it (check_chunks()).  Sets ch->prepared
 * when chunk_decide() may follow.
 */
static void chunk_prepare(const unspin_doc *doc, struct chunk *ch,
                          const struct scan *sc) {
  size_t i, bad, last_nl;
  const char *own = doc->text + ch->base, *nl;
  const char *text = sc->text + ch->base;
  /*
   * Validation and the line map are the chunk's own, so that they run on
   * the chunk's thread, not before any chunk starts: chunks cut a valid
   * text into valid pieces (at a line break, a space or a character
   * boundary), and valid pieces make a valid text.  With markup the text
   * was validated whole already.
   */
  if (!sc->mk && text_validate(own, ch->n, &bad)) {
    ch->invalid = 1;
    doc_drop_pages(doc, ch->base, ch->base + ch->n);
    return;
  }
  last_nl = ch->n;
  for (nl = own; (nl = memchr(nl, '\n', ch->n - (size_t)(nl - own)));
       nl++) {
    ch->newlines++;
    last_nl = (size_t)(nl - own);
  }
  ch->tail_cps = last_nl == ch->n ? utf8_count(own, ch->n)
                                  : utf8_count(own + last_nl + 1,
                                               ch->n - last_nl - 1);
  if (tokenize(text, ch->n, &ch->toks, &ch->err)) {
    tokens_release(&ch->toks);
    ch->failed = 1;
    return;
  }
  for (i = 0; i < ch->toks.n; i++)
    ch->words += ch->toks.v[i].kind != TOK_PUNCT;
  match_document(doc->ctx, text, &ch->toks, &ch->cands);
  /* a candidate across a tag (or a delimiter, a URL, a suppressed
   * region) would rewrite markup: it is no candidate */
  if (sc->mk) {
    size_t k = 0;
    for (i = 0; i < ch->cands.n; i++) {
      const struct candidate *c = &ch->cands.v[i];
      if (!markup_overlaps(sc->mk, ch->base + ch->toks.v[c->tok].start,
                           ch->base + ch->toks.v[c->tok_end - 1].end))
        ch->cands.v[k++] = *c;
    }
    ch->cands.n = k;
  }
  ch->prepared = 1;
}

/*
 * Decide a prepared chunk, seen by decide() as a document of its own, and
 * make its findings.
 */
static void chunk_decide(const unspin_doc *doc, struct chunk *ch,
                         const struct scan *sc) {
  unspin_doc part = *doc;
  struct candidates *cands = &ch->cands;
  struct linemap lines;
  unsigned char *chosen;
  double estimate;
  size_t i;
  part.toks = ch->toks;
  part.text = (char *)sc->text + ch->base; /* read only */
  part.len = ch->n;
  part.words = ch->words;
  chosen = xcalloc(cands->n + 1, 1);
  estimate = decide(doc->ctx, &part, cands, chosen);
  for (i = 0; i < cands->n; i++) {
    if (!chosen[i])
      continue;
    cands->v[i].posterior = cands->v[i].confidence;
    cands->v[i].confidence =
        calibrate_candidate(doc->ctx, part.text, &part.toks, &cands->v[i]);
    if (!sc->keep_all && cands->v[i].confidence < doc->min_confidence)
      chosen[i] = 0;
    else if (sc->ignore &&
             ignore_covers(sc->ignore, part.text, &part.toks, cands->v[i].tok,
                           cands->v[i].tok_end))
      chosen[i] = 0;
  }
  linemap_init(&lines, doc->text + ch->base, ch->n);
  add_findings(doc, ch, &lines, &part.toks, cands, chosen);
  linemap_release(&lines);
  /* kept to the end of the check: not with the slack of its doubling,
   * which for a long text of many findings came to tens of megabytes */
  if (ch->found.alloc > ch->found.n + 1) {
    ch->found.v =
        xrealloc(ch->found.v, (ch->found.n + 1) * sizeof(*ch->found.v));
    ch->found.alloc = ch->found.n + 1;
  }
  ch->edits = estimate * (double)part.words;
  free(chosen);
  free(cands->v);
  memset(cands, 0, sizeof(*cands));
  tokens_release(&ch->toks);
  /* read for the last time until the output: a mapped text need not stay
   * resident, so a long input costs no more memory than a chunk of it */
  doc_drop_pages(doc, ch->base, ch->base + ch->n);
}

static void check_chunk(const unspin_doc *doc, struct chunk *ch,
                        const struct scan *sc) {
  chunk_prepare(doc, ch, sc);
  if (ch->prepared)
    chunk_decide(doc, ch, sc);
}

/*
 * One piece of work: a chunk whole, or one of the halves of the chunk that
 * is split (check_chunks()).
 */
enum task_kind { TASK_WHOLE, TASK_PREPARE, TASK_DECIDE };
struct task {
  size_t chunk;
  enum task_kind kind;
};

struct chunk_pool {
  const unspin_doc *doc;
  const struct scan *sc;
  struct chunk *v;
  struct task *tasks;
  size_t ntasks, next;
  /* a chunk was not text: the check fails whatever the rest holds, and
   * a binary file is best left at its first megabyte */
  int stop;
  int split_prepared; /* the TASK_PREPARE is done (well or not) */
  pthread_mutex_t lock;
  pthread_cond_t prepared;
};

static void *chunk_worker(void *arg) {
  struct chunk_pool *p = arg;
  for (;;) {
    struct task task;
    struct chunk *ch;
    size_t i;
    pthread_mutex_lock(&p->lock);
    i = p->stop ? p->ntasks : p->next++;
    pthread_mutex_unlock(&p->lock);
    if (i >= p->ntasks)
      return NULL;
    task = p->tasks[i];
    ch = &p->v[task.chunk];
    switch (task.kind) {
    case TASK_WHOLE:
      check_chunk(p->doc, ch, p->sc);
      break;
    case TASK_PREPARE:
      chunk_prepare(p->doc, ch, p->sc);
      pthread_mutex_lock(&p->lock);
      p->split_prepared = 1;
      pthread_cond_broadcast(&p->prepared);
      pthread_mutex_unlock(&p->lock);
      break;
    case TASK_DECIDE:
      /* handed out after its TASK_PREPARE, which is then done or under
       * way on another thread */
      pthread_mutex_lock(&p->lock);
      while (!p->split_prepared)
        pthread_cond_wait(&p->prepared, &p->lock);
      pthread_mutex_unlock(&p->lock);
      if (ch->prepared)
        chunk_decide(p->doc, ch, p->sc);
      break;
    }
    if (ch->invalid) {
      pthread_mutex_lock(&p->lock);
      p->stop = 1;
      pthread_mutex_unlock(&p->lock);
    }
  }
}

/* Check every chunk, on up to `threads` threads (this one included). */
static void check_chunks(const unspin_doc *doc, struct chunk *v, size_t n,
                         const struct scan *sc, unsigned threads) {
  struct chunk_pool pool;
  pthread_t tid[UNSPIN_MAX_THREADS];
  unsigned t, started = 0;
  size_t k, big = 0, nt = 0;
  if (threads > UNSPIN_MAX_THREADS)
    threads = UNSPIN_MAX_THREADS;
  for (k = 1; k < n; k++)
    if (v[k].n > v[big].n)
      big = k;
  if (threads <= 1 || n <= 1) {
    /* The largest chunk first: it needs the most working memory, which
     * the others then reuse; last, it had to find more than they left
     * (peak RSS 125 -> 108 MB for the 100 MB bench file). */
    for (k = 0; k < n; k++) {
      struct chunk *ch = &v[k == 0 ? big : k <= big ? k - 1 : k];
      check_chunk(doc, ch, sc);
      if (ch->invalid)
        break;
    }
    return;
  }
  /*
   * The order of the work, for the threads to end together.  The chunks
   * are about equal but for the last, up to half as long again, and the
   * threads take whole chunks in turn; with a chunk count that is not a
   * multiple of the threads, some would wait out the last round idle.  So
   * the largest chunk is split: its segmenting and matching (a quarter of
   * its time) goes in just before the last round, putting one thread that
   * much behind the others, and its decision, which may run on any
   * thread, goes last, to the first thread free.  With no more chunks
   * than threads, the largest simply goes first.  The results do not
   * depend on the order.
   */
  pool.tasks = xmalloc((n + 1) * sizeof(*pool.tasks));
  if (n > threads) {
    size_t at = n - 1 - threads; /* whole chunks before the split's first half */
    for (k = 0; k < n; k++) {
      if (k == big)
        continue;
      if (nt == at)
        pool.tasks[nt++] = (struct task){big, TASK_PREPARE};
      pool.tasks[nt++] = (struct task){k, TASK_WHOLE};
    }
    pool.tasks[nt++] = (struct task){big, TASK_DECIDE};
  } else {
    pool.tasks[nt++] = (struct task){big, TASK_WHOLE};
    for (k = 0; k < n; k++)
      if (k != big)
        pool.tasks[nt++] = (struct task){k, TASK_WHOLE};
  }
  pool.doc = doc;
  pool.sc = sc;
  pool.v = v;
  pool.ntasks = nt;
  pool.next = 0;
  pool.stop = 0;
  pool.split_prepared = 0;
  pthread_mutex_init(&pool.lock, NULL);
  pthread_cond_init(&pool.prepared, NULL);
  for (t = 1; t < threads && t < n; t++)
    if (!pthread_create(&tid[started], NULL, chunk_worker, &pool))
      started++;
  chunk_worker(&pool); /* this thread works too; short of threads, alone */
  for (t = 0; t < started; t++)
    pthread_join(tid[t], NULL);
  pthread_cond_destroy(&pool.prepared);
  pthread_mutex_destroy(&pool.lock);
  free(pool.tasks);
}

/*
 * The encoding text is in, when it is plainly UTF-16 or UTF-32 rather than
 * UTF-8: a byte order mark, or (no mark) ASCII with a NUL after or before
 * every character.  NULL otherwise.  *from gets the name to give iconv -f
 * (with a mark, the family name: iconv then reads the mark).  Only for a
 * better error message.
 */
static const char *wide_encoding(const char *text, size_t len,
                                 const char **from) {
  static const struct {
    const char *mark;
    size_t n;
    const char *name, *from;
  } marks[] = {{"\xFF\xFE\0\0", 4, "UTF-32LE", "UTF-32"},
               {"\0\0\xFE\xFF", 4, "UTF-32BE", "UTF-32"},
               {"\xFF\xFE", 2, "UTF-16LE", "UTF-16"},
               {"\xFE\xFF", 2, "UTF-16BE", "UTF-16"}};
  const unsigned char *s = (const unsigned char *)text;
  size_t i, n = len < 64 ? len & ~(size_t)1 : 64;
  int le = n >= 4, be = n >= 4;
  for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
    if (len >= marks[i].n && !memcmp(text, marks[i].mark, marks[i].n)) {
      *from = marks[i].from;
      return marks[i].name;
    }
  for (i = 0; i < n; i += 2) {
    le &= s[i] && s[i] < 0x80 && !s[i + 1];
    be &= !s[i] && s[i + 1] && s[i + 1] < 0x80;
  }
  *from = le ? "UTF-16LE" : be ? "UTF-16BE" : NULL;
  return *from;
}

/*
 * 0 when text is valid UTF-8 without a NUL byte; else 1 with err saying
 * where and what.
 */
static int invalid_text(const char *text, size_t len, unspin_error *err) {
  size_t bad;
  int v;
  if ((v = text_validate(text, len, &bad)) != 0) {
    struct linemap lm;
    unsigned line, col;
    const char *from = NULL;
    const char *wide = bad < 4 ? wide_encoding(text, len, &from) : NULL;
    linemap_init(&lm, text, len);
    linemap_position(&lm, text, bad, &line, &col);
    linemap_release(&lm);
    if (wide)
      unspin_error_set(err, UNSPIN_ERR_UTF8, NULL, 1, 1,
                       "input looks like %s; unspin reads UTF-8 (convert "
                       "it with iconv -f %s -t UTF-8)",
                       wide, from);
    else if (v == 2)
      unspin_error_set(err, UNSPIN_ERR_INPUT, NULL, line, col,
                       "NUL byte in input; is this a binary file?");
    else
      unspin_error_set(err, UNSPIN_ERR_UTF8, NULL, line, col,
                       "invalid UTF-8 byte 0x%02X",
                       (unsigned char)text[bad]);
    return 1;
  }
  return 0;
}

/*
 * The check, on text the doc may keep: owned is text itself (malloc'd, or
 * with map_len a mapping that long; NUL at text[len]) when the caller gave
 * it away, else NULL and the doc copies.  Either way owned is the doc's (or
 * released) when this returns.
 */
static unspin_doc *check(const unspin_ctx *ctx, const char *text, size_t len,
                         char *owned, size_t map_len,
                         const unspin_check_options *opts,
                         unspin_error *err) {
  unspin_doc *doc;
  struct chunk *chunks = NULL;
  size_t nchunks = 0, alloc = 0, total = 0, i;
  struct markup mk = {NULL, NULL, 0};
  struct scan sc;
  enum unspin_markup markup = opts ? opts->markup : UNSPIN_MARKUP_TEXT;
  double edits = 0;
  size_t pos, newlines = 0, cps = 0;
  int failed = 0, invalid = 0;
  if (!ctx || !ctx->prepared) {
    unspin_error_set(err, UNSPIN_ERR_ARG, NULL, 0, 0,
                     "context is not prepared");
    release_text(owned, map_len);
    return NULL;
  }
  if (!text && len) {
    unspin_error_set(err, UNSPIN_ERR_ARG, NULL, 0, 0, "text is NULL");
    release_text(owned, map_len);
    return NULL;
  }
  /* plain text is validated chunk by chunk, on the chunks' threads */
  if (markup != UNSPIN_MARKUP_TEXT && invalid_text(text, len, err)) {
    release_text(owned, map_len);
    return NULL;
  }
  if (markup != UNSPIN_MARKUP_TEXT && markup != UNSPIN_MARKUP_HTML &&
      markup != UNSPIN_MARKUP_MARKDOWN) {
    unspin_error_set(err, UNSPIN_ERR_ARG, NULL, 0, 0, "unknown markup %d",
                     (int)markup);
    release_text(owned, map_len);
    return NULL;
  }
  doc = xcalloc(1, sizeof(*doc));
  doc->ctx = ctx;
  doc->arena = (struct arena)ARENA_INIT;
  doc->text = owned ? owned : xmemdup0(text ? text : "", len);
  doc->len = len;
  doc->map_len = map_len;
  doc->min_confidence = opts && opts->min_confidence >= 0
                            ? opts->min_confidence
                            : ctx->default_min_confidence;
  memset(&sc, 0, sizeof(sc));
  sc.text = doc->text;
  sc.ignore = opts ? opts->ignore : NULL;
  sc.keep_all = opts && opts->keep_all;
  if (markup != UNSPIN_MARKUP_TEXT) {
    markup_read(&mk, doc->text, len, markup);
    sc.text = mk.shadow;
    sc.mk = &mk;
  }
  pos = 0;
  do { /* where the chunks are: cheap, and fixes the work to share */
    size_t end = chunk_end(sc.text, len, pos);
    ALLOC_GROW(chunks, nchunks + 1, alloc);
    memset(&chunks[nchunks], 0, sizeof(chunks[0]));
    chunks[nchunks].base = pos;
    chunks[nchunks].n = end - pos;
    chunks[nchunks].arena = (struct arena)ARENA_INIT;
    nchunks++;
    pos = end;
  } while (pos < len);
  /* looking for the cuts mapped pages all through a mapped text, the
   * kernel mapping some 64 KB about each page read: 6 MB for the 100 MB
   * bench file, resident beside the first chunk's decision (the peak) */
  doc_drop_pages(doc, 0, len);
  check_chunks(doc, chunks, nchunks, &sc, opts ? opts->threads : 0);
  markup_release(&mk);
  doc->chunk_arenas = xmalloc(nchunks * sizeof(*doc->chunk_arenas));
  doc->nchunks = nchunks;
  for (i = 0; i < nchunks; i++) {
    doc->chunk_arenas[i] = chunks[i].arena; /* the doc owns them now */
    invalid |= chunks[i].invalid;
    if (chunks[i].failed && !failed) {
      failed = 1;
      if (err)
        *err = chunks[i].err;
    }
    total += chunks[i].found.n;
  }
  /* the text's first bad byte, as if validated before any chunk */
  if (invalid)
    failed = invalid_text(doc->text, len, err);
  if (failed) {
    for (i = 0; i < nchunks; i++) {
      free(chunks[i].found.v);
      /* a chunk prepared but left undecided when the work stopped */
      tokens_release(&chunks[i].toks);
      free(chunks[i].cands.v);
    }
    free(chunks);
    unspin_doc_free(doc);
    return NULL;
  }
  /* in text order: chunk by chunk; a chunk's line numbers follow the
   * line breaks before it, and its first line's columns the code points
   * of that line in earlier chunks (cps) */
  doc->findings = arena_alloc(&doc->arena, (total + 1) * sizeof(unspin_finding));
  for (i = 0; i < nchunks; i++) {
    struct chunk *ch = &chunks[i];
    size_t k;
    for (k = 0; k < ch->found.n; k++) {
      unspin_finding *f = &doc->findings[doc->nfindings++];
      make_finding(doc, ch->base, &doc->chunk_arenas[i], &ch->found.v[k],
                   markup != UNSPIN_MARKUP_TEXT, f);
      if (f->line == 1)
        f->col = (unsigned)(f->col + cps);
      f->line = (unsigned)(f->line + newlines);
    }
    newlines += ch->newlines;
    cps = ch->newlines ? ch->tail_cps : cps + ch->tail_cps;
    doc->applied += ch->applied;
    doc->words += ch->words;
    edits += ch->edits;
    free(ch->found.v);
  }
  free(chunks);
  /* lines as linemap_init() counts them: a final line break starts none */
  doc->nlines = 1 + newlines - (len && doc->text[len - 1] == '\n');
  doc->spin_estimate = doc->words ? edits / (double)doc->words : 0.0;
  return doc;
}

unspin_doc *unspin_check(const unspin_ctx *ctx, const char *text, size_t len,
                         const unspin_check_options *opts, unspin_error *err) {
  return check(ctx, text, len, NULL, 0, opts, err);
}

unspin_doc *unspin_check_buffer(const unspin_ctx *ctx, char *text, size_t len,
                                const unspin_check_options *opts,
                                unspin_error *err) {
  if (text && text[len] != '\0') {
    free(text);
    unspin_error_set(err, UNSPIN_ERR_ARG, NULL, 0, 0,
                     "buffer is not NUL-terminated");
    return NULL;
  }
  return check(ctx, text, len, text, 0, opts, err);
}

/*
 * A read-only private mapping of the file, one byte longer than it and
 * zero there: the tail of the file's last page reads as zeros, and when
 * the file ends on a page boundary an anonymous page reserved first stays
 * after it.  NULL (errno set) when it cannot be had.
 */
static char *map_file(int fd, size_t len, size_t *map_len) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  size_t total = (len + 1 + page - 1) / page * page;
  void *base = mmap(NULL, total, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED)
    return NULL;
  if (mmap(base, len, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0) ==
      MAP_FAILED) {
    int e = errno;
    munmap(base, total);
    errno = e;
    return NULL;
  }
  /* read once, front to back, by the chunks in turn */
  madvise(base, len, MADV_SEQUENTIAL);
  *map_len = total;
  return base;
}

unspin_doc *unspin_check_file(const unspin_ctx *ctx, const char *path,
                              const unspin_check_options *opts,
                              unspin_error *err) {
  struct stat st;
  size_t len, map_len = 0;
  char *text = NULL;
  int fd;
  if (!path) {
    unspin_error_set(err, UNSPIN_ERR_ARG, NULL, 0, 0, "path is NULL");
    return NULL;
  }
  if (strcmp(path, "-") && (fd = open(path, O_RDONLY | O_CLOEXEC)) >= 0) {
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (uintmax_t)st.st_size < SIZE_MAX / 2) {
      len = (size_t)st.st_size;
      text = map_file(fd, len, &map_len);
    }
    close(fd);
    if (text)
      return check(ctx, text, len, text, map_len, opts, err);
  }
  /* stdin, a pipe, an empty or special file, no mapping: read it */
  if (!(text = unspin_read_file(path, &len, err)))
    return NULL;
  return check(ctx, text, len, text, 0, opts, err);
}

size_t unspin_doc_count(const unspin_doc *doc) { return doc->nfindings; }

const unspin_finding *unspin_doc_get(const unspin_doc *doc, size_t i) {
  return i < doc->nfindings ? &doc->findings[i] : NULL;
}

size_t unspin_doc_count_applied(const unspin_doc *doc) { return doc->applied; }

double unspin_doc_spin_estimate(const unspin_doc *doc) {
  return doc->spin_estimate;
}

size_t unspin_doc_words(const unspin_doc *doc) { return doc->words; }

const char *unspin_doc_text(const unspin_doc *doc, size_t *len) {
  if (len)
    *len = doc->len;
  return doc->text;
}

void unspin_doc_free(unspin_doc *doc) {
  if (!doc)
    return;
  release_text(doc->text, doc->map_len);
  while (doc->nchunks)
    arena_release(&doc->chunk_arenas[--doc->nchunks]);
  free(doc->chunk_arenas);
  tokens_release(&doc->toks);
  arena_release(&doc->arena);
  free(doc);
}
