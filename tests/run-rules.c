/*
 * run-rules.c - run every rule's examples, the way LanguageTool tests its
 * rules: each 'fires' example must be corrected by that rule to exactly the
 * expected text, each 'quiet' example must get no finding from it.  Other
 * rules and the dictionary may fire on the same text; only findings of the
 * rule under test count.
 *
 * usage: run-rules DATADIR [RULES-FILE...]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "strbuf.h"
#include "unspin.h"

static int run_example(const unspin_ctx *ctx, const struct rule *r,
                       const struct rule_example *x) {
  unspin_check_options opts = {0.0, 1, 0, UNSPIN_MARKUP_TEXT, NULL};
  unspin_error err;
  unspin_doc *doc = unspin_check(ctx, x->text, strlen(x->text), &opts, &err);
  struct strbuf got = STRBUF_INIT;
  size_t i, pos = 0, hits = 0;
  int ok;
  if (!doc) {
    printf("not ok: %s:%u: %s: %s\n", r->path, x->line, r->id, err.msg);
    return 0;
  }
  for (i = 0; i < unspin_doc_count(doc); i++) {
    const unspin_finding *f = unspin_doc_get(doc, i);
    if (strcmp(f->rule_id, r->id))
      continue;
    hits++;
    strbuf_add(&got, x->text + pos, f->start - pos);
    strbuf_addstr(&got, f->replacement);
    pos = f->end;
  }
  strbuf_addstr(&got, x->text + pos);
  if (x->expect)
    ok = hits > 0 && !strcmp(got.buf, x->expect);
  else
    ok = hits == 0;
  if (!ok) {
    printf("not ok: %s:%u: %s: %s example\n", r->path, x->line, r->id,
           x->expect ? "fires" : "quiet");
    printf("    input:    %s\n", x->text);
    if (x->expect)
      printf("    expected: %s\n", x->expect);
    printf("    got:      %s\n", got.buf);
  }
  strbuf_release(&got);
  unspin_doc_free(doc);
  return ok;
}

int main(int argc, char **argv) {
  unspin_ctx *ctx;
  unspin_error err;
  size_t i, j, pass = 0, fail = 0;
  if (argc < 2) {
    fprintf(stderr, "usage: run-rules DATADIR [RULES-FILE...]\n");
    return 2;
  }
  ctx = unspin_ctx_new();
  if (argc > 2) {
    int k, rc = 0;
    struct strbuf p = STRBUF_INIT;
    strbuf_addf(&p, "%s/dicts/en/subst.tsv", argv[1]);
    rc = unspin_ctx_load_table(ctx, p.buf, &err);
    for (k = 2; !rc && k < argc; k++)
      rc = unspin_ctx_load_rules(ctx, argv[k], &err);
    strbuf_release(&p);
    if (!rc)
      rc = unspin_ctx_prepare(ctx, &err);
    if (rc) {
      fprintf(stderr, "run-rules: %s:%u:%u: error: %s\n", err.path, err.line,
              err.col, err.msg);
      unspin_ctx_free(ctx);
      return 2;
    }
  } else if (unspin_ctx_load_default(ctx, argv[1], NULL, &err) ||
             unspin_ctx_prepare(ctx, &err)) {
    fprintf(stderr, "run-rules: %s:%u:%u: error: %s\n", err.path, err.line,
            err.col, err.msg);
    unspin_ctx_free(ctx);
    return 2;
  }
  for (i = 0; i < ctx->nrules; i++) {
    const struct rule *r = ctx->rules[i];
    for (j = 0; j < r->nexamples; j++) {
      if (run_example(ctx, r, &r->examples[j]))
        pass++;
      else
        fail++;
    }
  }
  printf("rule examples: %zu rules, %zu passed, %zu failed\n", ctx->nrules,
         pass, fail);
  unspin_ctx_free(ctx);
  return fail ? 1 : 0;
}
