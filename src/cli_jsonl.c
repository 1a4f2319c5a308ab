/*
 * cli_jsonl.c - --jsonl: a corpus as JSON lines, one record in, one result
 * out, in order, so that Hadoop Streaming, Spark's pipe() or GNU parallel
 * can cut the corpus anywhere between lines.
 *
 * Records are read in batches and checked on the worker threads; memory is
 * bounded by the batch, never by the corpus.  A malformed line stops the
 * run with its position (exit 2) after the results before it are written:
 * a batch system then retries or reports one bad split, and no record is
 * silently dropped.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jsonl.h"
#include "util.h"

#define BATCH 512

struct slot {
  char *line;
  size_t len;
  size_t lineno;
  char *out; /* the result line */
  size_t out_len;
  struct strbuf err;
  int status;
};

struct batch {
  const unspin_ctx *ctx;
  const unspin_check_options *copts;
  const char *name;
  struct slot v[BATCH];
  size_t n;
  int failed; /* an emitted slot failed: emit no more */
  int status;
};

static void work(void *arg, size_t i) {
  struct batch *b = arg;
  struct slot *s = &b->v[i];
  struct jsonl_record rec = JSONL_RECORD_INIT;
  unspin_error err;
  unspin_doc *doc;
  if (jsonl_parse(s->line, s->len, &rec, &err)) {
    err.line = (unsigned)s->lineno;
    report_to(&s->err, &err, b->name);
    s->status = EXIT_TROUBLE;
    jsonl_record_release(&rec);
    return;
  }
  doc = unspin_check(b->ctx, rec.text.buf, rec.text.len, b->copts, &err);
  if (!doc) {
    /* the position inside "text" means little in the file: name the line */
    strbuf_addf(&s->err, "unspin: %s:%zu: error: \"text\": %s\n", b->name,
                s->lineno, err.msg);
    s->status = EXIT_TROUBLE;
  } else {
    s->out = unspin_render_record(doc, rec.id.buf, rec.id.len, &s->out_len);
    s->status = unspin_doc_count_applied(doc) ? EXIT_FINDINGS : EXIT_CLEAN;
    unspin_doc_free(doc);
  }
  jsonl_record_release(&rec);
}

static void emit(void *arg, size_t i) {
  struct batch *b = arg;
  struct slot *s = &b->v[i];
  if (b->failed)
    return;
  if (s->status == EXIT_TROUBLE) {
    fflush(stdout);
    fputs(s->err.buf, stderr);
    b->failed = 1;
    b->status = EXIT_TROUBLE;
    return;
  }
  fwrite(s->out, 1, s->out_len, stdout);
  if (s->status == EXIT_FINDINGS && b->status == EXIT_CLEAN)
    b->status = EXIT_FINDINGS;
}

static int blank(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
      return 0;
  return 1;
}

int jsonl_run(const unspin_ctx *ctx, const char *path,
              const unspin_check_options *copts, unsigned nthreads) {
  FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
  const char *name = strcmp(path, "-") ? path : "<stdin>";
  struct batch *b;
  char *line = NULL;
  size_t cap = 0, lineno = 0, i;
  ssize_t got;
  int eof = 0, read_err = 0, status;
  if (!f) {
    fprintf(stderr, "unspin: error: cannot open '%s': %s\n", path,
            strerror(errno));
    return EXIT_TROUBLE;
  }
  b = xcalloc(1, sizeof(*b));
  b->ctx = ctx;
  b->copts = copts;
  b->name = name;
  b->status = EXIT_CLEAN;
  while (!eof && !b->failed) {
    b->n = 0;
    while (b->n < BATCH) {
      struct slot *s;
      errno = 0;
      got = getline(&line, &cap, f);
      if (got < 0) {
        if (ferror(f)) {
          fprintf(stderr, "unspin: error: cannot read '%s': %s\n", path,
                  strerror(errno));
          read_err = 1;
        }
        eof = 1;
        break;
      }
      lineno++;
      if ((size_t)got && line[got - 1] == '\n')
        got--;
      if (blank(line, (size_t)got))
        continue;
      s = &b->v[b->n++];
      memset(s, 0, sizeof(*s));
      s->line = xmemdup0(line, (size_t)got);
      s->len = (size_t)got;
      s->lineno = lineno;
      strbuf_init(&s->err, 0);
    }
    jobs_run(b->n, nthreads, work, emit, NULL, b);
    for (i = 0; i < b->n; i++) {
      free(b->v[i].line);
      free(b->v[i].out);
      strbuf_release(&b->v[i].err);
    }
  }
  if (read_err)
    b->status = EXIT_TROUBLE;
  free(line);
  if (f != stdin)
    fclose(f);
  status = b->status;
  free(b);
  return status;
}
