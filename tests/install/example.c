/*
 * example.c - a program built against an installed libunspin with
 * pkg-config, as a user would build it (tests/install/run.sh):
 *
 *   cc example.c $(pkg-config --cflags --libs unspin)
 *   ./a.out "$(pkg-config --variable=pkgdatadir unspin)" < article.txt
 *
 * It loads the installed data, checks standard input and prints one line
 * per finding in the shape of `unspin -f lines -`, then the library's
 * version on standard error.  Exit status as unspin's: 0 nothing found,
 * 1 findings, 2 an error.
 */
#include <stdio.h>
#include <stdlib.h>

#include <unspin.h>

static int fail(const char *what, const unspin_error *err) {
  if (err->path[0] && err->line)
    fprintf(stderr, "example: %s:%u:%u: error: %s\n", err->path, err->line,
            err->col, err->msg);
  else if (err->path[0])
    fprintf(stderr, "example: %s: error: %s\n", err->path, err->msg);
  else
    fprintf(stderr, "example: error: %s: %s\n", what, err->msg);
  return 2;
}

int main(int argc, char **argv) {
  unspin_error err;
  unspin_ctx *ctx;
  unspin_doc *doc;
  char *text;
  size_t len, i, n;
  int status;

  if (argc != 2) {
    fprintf(stderr, "usage: example DATADIR < text\n");
    return 2;
  }
  ctx = unspin_ctx_new();
  if (unspin_ctx_load_default(ctx, argv[1], NULL, &err) ||
      unspin_ctx_prepare(ctx, &err)) {
    status = fail("loading data", &err);
    unspin_ctx_free(ctx);
    return status;
  }
  text = unspin_read_file("-", &len, &err);
  if (!text) {
    status = fail("reading", &err);
    unspin_ctx_free(ctx);
    return status;
  }
  doc = unspin_check(ctx, text, len, NULL, &err);
  free(text);
  if (!doc) {
    status = fail("checking", &err);
    unspin_ctx_free(ctx);
    return status;
  }
  n = unspin_doc_count(doc);
  for (i = 0; i < n; i++) {
    const unspin_finding *f = unspin_doc_get(doc, i);
    printf("<stdin>:%u:%u: %s: '%s' -> '%s'\n", f->line, f->col, f->rule_id,
           f->spun, f->replacement);
  }
  fprintf(stderr, "libunspin %s\n", unspin_version_string());
  unspin_doc_free(doc);
  unspin_ctx_free(ctx);
  if (fflush(stdout) || ferror(stdout))
    return 2;
  return n ? 1 : 0;
}
