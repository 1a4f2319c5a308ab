/*
 * tokenize-check - compare tokenize() with tokenize_icu() (ICU's word
 * iterator on all of the text, which defines the segmentation) over real
 * text, and report the first difference.
 *
 *   tokenize-check FILE...
 *
 * A .jsonl file is read as one document per record (its "text"); any
 * other file is cut into documents of about 512 KB at line breaks.  Exit
 * status 0 when every token of
 * every document is the same (span, kind, flags), 1 at a difference, 2 on
 * trouble.  Too slow for make test; make tokenize-check runs it on the
 * bench corpus and ../shared/eval.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonl.h"
#include "strbuf.h"
#include "tokenize.h"

#define CHUNK (512 * 1024)

static size_t ndocs, nbytes, ntokens;

static void print_token(const char *what, const char *text,
                        const struct tokens *t, size_t i) {
  if (i >= t->n) {
    printf("  %s: no token %zu\n", what, i);
    return;
  }
  printf("  %s: [%u, %u) kind %u flags 0x%02x '%.*s'\n", what, t->v[i].start,
         t->v[i].end, t->v[i].kind, t->v[i].flags,
         (int)(t->v[i].end - t->v[i].start), text + t->v[i].start);
}

/* Compare the two tokenizations of text[0..len); 0 when equal. */
static int check(const char *name, size_t docno, const char *text,
                 size_t len) {
  struct tokens a = {0}, b = {0};
  unspin_error err;
  size_t i;
  int rc = 0;
  if (tokenize(text, len, &a, &err) || tokenize_icu(text, len, &b, &err)) {
    fprintf(stderr, "tokenize-check: %s: %s\n", name, err.msg);
    exit(2);
  }
  if ((i = tokens_mismatch(&a, &b)) != SIZE_MAX) {
    printf("%s: document %zu: token %zu differs\n", name, docno, i);
    print_token("tokenize()", text, &a, i);
    print_token("ICU alone", text, &b, i);
    rc = 1;
  }
  ndocs++;
  nbytes += len;
  ntokens += a.n;
  tokens_release(&a);
  tokens_release(&b);
  return rc;
}

static int check_file(const char *path) {
  struct strbuf sb = STRBUF_INIT;
  char buf[65536];
  size_t n, at = 0, docno = 0;
  size_t plen = strlen(path);
  int jsonl = plen > 6 && !strcmp(path + plen - 6, ".jsonl");
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "tokenize-check: cannot open '%s'\n", path);
    exit(2);
  }
  while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
    strbuf_add(&sb, buf, n);
  fclose(f);
  while (at < sb.len) {
    const char *s = sb.buf + at;
    size_t left = sb.len - at, take;
    if (jsonl) {
      struct jsonl_record rec = JSONL_RECORD_INIT;
      unspin_error err;
      const char *nl = memchr(s, '\n', left);
      take = nl ? (size_t)(nl - s) + 1 : left;
      if (jsonl_parse(s, take, &rec, &err)) {
        fprintf(stderr, "tokenize-check: %s: bad record at byte %zu\n", path,
                at);
        exit(2);
      }
      if (rec.has_text && check(path, docno++, rec.text.buf, rec.text.len)) {
        jsonl_record_release(&rec);
        strbuf_release(&sb);
        return 1;
      }
      jsonl_record_release(&rec);
    } else {
      const char *nl;
      take = left;
      if (left > CHUNK && (nl = memchr(s + CHUNK, '\n', left - CHUNK)))
        take = (size_t)(nl - s) + 1;
      if (check(path, docno++, s, take)) {
        strbuf_release(&sb);
        return 1;
      }
    }
    at += take;
  }
  strbuf_release(&sb);
  return 0;
}

int main(int argc, char **argv) {
  int i;
  if (argc < 2) {
    fputs("usage: tokenize-check FILE...\n", stderr);
    return 2;
  }
  for (i = 1; i < argc; i++)
    if (check_file(argv[i]))
      return 1;
  printf("tokenize-check: %zu documents, %zu bytes, %zu tokens: no "
         "difference\n",
         ndocs, nbytes, ntokens);
  return 0;
}
