/* test_table.c - the substitution table reader: valid lines into entries,
 * and every syntax error with its exact line, column and caret. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "internal.h"
#include "table.h"

#define PATH "dicts/test.tsv"

static int parse(const char *text, size_t len, unspin_ctx **out,
                 unspin_error *err) {
  memset(err, 0, sizeof(*err));
  *out = unspin_ctx_new();
  return table_parse(*out, PATH, text, len, err);
}

static void test_valid(void **state) {
  static const char text[] =
      "# spun\toriginal\tweight\tinfl\tclass\tsource\n"
      "push again\tpush back\t0.8\tv\tctx\ttrain:12\n"
      "\n"
      "course of\tprocess\t1\t-\ttelltale\thand\n"
      "1000's\tthousands\t0.05\tn\tctx\tmoby+wordnet\n"
      "fight\tbattle\t1e-3\tnv\tctx\t\n"
      "long\tweight\t0.1234567890123456789012345678901234567\t-\tctx\th\n"
      "caf\xc3\xa9\tcoffee shop\t.5\tvn\ttelltale\tmythes\n"
      "decide's\tjudge's\t0.6\t-\tname\ttrain:6"; /* no final \n */
  unspin_ctx *ctx;
  unspin_error err;
  const struct entry *e;
  (void)state;
  assert_int_equal(parse(text, sizeof(text) - 1, &ctx, &err), UNSPIN_OK);
  assert_int_equal(err.code, UNSPIN_OK);
  assert_int_equal(unspin_ctx_entry_count(ctx), 7);
  e = &ctx->entries[1];
  assert_string_equal(e->spun, "push again");
  assert_string_equal(e->original, "push back");
  assert_float_equal(e->weight, 0.8, 1e-6);
  assert_int_equal(e->infl, INFL_V);
  assert_int_equal(e->cls, ENTRY_CTX);
  assert_string_equal(e->source, "train:12");
  assert_string_equal(e->rule_id, "EN-SPIN-CTX");
  assert_null(e->rule);
  assert_int_equal(e->generated, 0);
  assert_int_equal(e->name, 0);
  e = &ctx->entries[2];
  assert_string_equal(e->spun, "course of");
  assert_string_equal(e->original, "process");
  assert_float_equal(e->weight, 1.0, 1e-6);
  assert_int_equal(e->infl, INFL_NONE);
  assert_int_equal(e->cls, ENTRY_TELLTALE);
  assert_string_equal(e->rule_id, "EN-SPIN-TELLTALE");
  assert_string_equal(e->source, "hand");
  e = &ctx->entries[3];
  assert_string_equal(e->spun, "1000's");
  assert_int_equal(e->infl, INFL_N);
  assert_float_equal(e->weight, 0.05, 1e-6);
  assert_string_equal(e->source, "moby+wordnet");
  e = &ctx->entries[4];
  assert_int_equal(e->infl, INFL_N | INFL_V);
  assert_float_equal(e->weight, 0.001, 1e-9);
  assert_string_equal(e->source, ""); /* an empty source is allowed */
  e = &ctx->entries[5];
  assert_float_equal(e->weight, 0.123456789, 1e-6); /* long, still a number */
  e = &ctx->entries[6];
  assert_string_equal(e->spun, "caf\xc3\xa9");
  assert_string_equal(e->original, "coffee shop");
  assert_int_equal(e->infl, INFL_N | INFL_V);
  assert_string_equal(e->source, "mythes");
  assert_int_equal(e->name, 0);
  /* a name entry: a ctx entry that matches only capitalised words */
  e = &ctx->entries[7];
  assert_string_equal(e->spun, "decide's");
  assert_string_equal(e->original, "judge's");
  assert_int_equal(e->cls, ENTRY_CTX);
  assert_int_equal(e->name, 1);
  assert_int_equal(e->infl, INFL_NONE);
  assert_string_equal(e->rule_id, "EN-SPIN-NAME");
  assert_string_equal(e->source, "train:6");
  unspin_ctx_free(ctx);
}

static void test_crlf(void **state) {
  static const char text[] = "# comment\r\n"
                             "a\tb\t0.5\t-\tctx\thand\r\n"
                             "\r\n"
                             "c d\te\t0.25\tn\ttelltale\ttrain:1\r\n";
  unspin_ctx *ctx;
  unspin_error err;
  (void)state;
  assert_int_equal(parse(text, sizeof(text) - 1, &ctx, &err), UNSPIN_OK);
  assert_int_equal(unspin_ctx_entry_count(ctx), 2);
  /* no '\r' in the last field */
  assert_string_equal(ctx->entries[1].source, "hand");
  assert_string_equal(ctx->entries[2].source, "train:1");
  assert_int_equal(ctx->entries[2].cls, ENTRY_TELLTALE);
  unspin_ctx_free(ctx);
}

static void test_empty(void **state) {
  unspin_ctx *ctx;
  unspin_error err;
  (void)state;
  assert_int_equal(parse("", 0, &ctx, &err), UNSPIN_OK);
  assert_int_equal(unspin_ctx_entry_count(ctx), 0);
  unspin_ctx_free(ctx);
  assert_int_equal(parse("#\n\n#x\n", 6, &ctx, &err), UNSPIN_OK);
  assert_int_equal(unspin_ctx_entry_count(ctx), 0);
  unspin_ctx_free(ctx);
}

struct bad {
  const char *text;
  unsigned line, col;
  const char *msg;
  const char *source;
  unsigned caret;
};

#define GOOD "push again\tpush back\t0.8\tv\tctx\ttrain:12\n"

static void check_bad(const struct bad *b) {
  unspin_ctx *ctx;
  unspin_error err;
  int rc = parse(b->text, strlen(b->text), &ctx, &err);
  unspin_ctx_free(ctx);
  if (rc != UNSPIN_ERR_SYNTAX || err.code != UNSPIN_ERR_SYNTAX ||
      strcmp(err.path, PATH) || err.line != b->line || err.col != b->col ||
      strcmp(err.msg, b->msg) || strcmp(err.source_line, b->source) ||
      err.caret_len != b->caret)
    fail_msg("for:\n%s\ngot      rc=%d %s:%u:%u: %s [%s] caret %u\n"
             "expected rc=%d %s:%u:%u: %s [%s] caret %u",
             b->text, rc, err.path, err.line, err.col, err.msg,
             err.source_line, err.caret_len, UNSPIN_ERR_SYNTAX, PATH, b->line,
             b->col, b->msg, b->source, b->caret);
}

static void test_errors(void **state) {
  static const struct bad b[] = {
      /* too few fields: the caret sits where the next tab was due */
      {GOOD "a\tb\t0.5\t-\tctx\n", 2, 14,
       "expected 6 tab-separated fields, found 5", "a\tb\t0.5\t-\tctx", 1},
      {"# c\nonly one field\n", 2, 15,
       "expected 6 tab-separated fields, found 1", "only one field", 1},
      /* spaces are no separators */
      {"a b 0.5 - ctx hand\n", 1, 19,
       "expected 6 tab-separated fields, found 1", "a b 0.5 - ctx hand", 1},
      /* too many: the surplus is marked */
      {GOOD GOOD "a\tb\t0.5\t-\tctx\thand\textra field\n", 3, 20,
       "more than 6 fields", "a\tb\t0.5\t-\tctx\thand\textra field", 11},
      {"a\tb\t0.5\t-\tctx\thand\t\n", 1, 20, "more than 6 fields",
       "a\tb\t0.5\t-\tctx\thand\t", 1},
      {"\tb\t0.5\t-\tctx\thand\n", 1, 1, "empty spun phrase",
       "\tb\t0.5\t-\tctx\thand", 1},
      {"a\t\t0.5\t-\tctx\thand\n", 1, 3, "empty original phrase",
       "a\t\t0.5\t-\tctx\thand", 1},
      /* the weight */
      {"a\tb\tabc\t-\tctx\thand\n", 1, 5, "weight must be a number in (0, 1]",
       "a\tb\tabc\t-\tctx\thand", 3},
      {"a\tb\t0.5x\t-\tctx\thand\n", 1, 5,
       "weight must be a number in (0, 1]", "a\tb\t0.5x\t-\tctx\thand", 4},
      {"a\tb\t\t-\tctx\thand\n", 1, 5, "weight must be a number in (0, 1]",
       "a\tb\t\t-\tctx\thand", 1},
      {"a\tb\t0\t-\tctx\thand\n", 1, 5, "weight must be a number in (0, 1]",
       "a\tb\t0\t-\tctx\thand", 1},
      {"a\tb\t1.01\t-\tctx\thand\n", 1, 5,
       "weight must be a number in (0, 1]", "a\tb\t1.01\t-\tctx\thand", 4},
      {"a\tb\t-0.5\t-\tctx\thand\n", 1, 5,
       "weight must be a number in (0, 1]", "a\tb\t-0.5\t-\tctx\thand", 4},
      {"a\tb\tnan\t-\tctx\thand\n", 1, 5, "weight must be a number in (0, 1]",
       "a\tb\tnan\t-\tctx\thand", 3},
      /* too long to be a weight */
      {"a\tb\t0.50000000000000000000000000000000000000000000000000000000000"
       "000001\t-\tctx\thand\n",
       1, 5, "weight must be a number in (0, 1]",
       "a\tb\t0.50000000000000000000000000000000000000000000000000000000000"
       "000001\t-\tctx\thand",
       67},
      /* the inflection */
      {"a\tb\t0.5\tx\tctx\thand\n", 1, 9, "inflection must be n, v, nv or -",
       "a\tb\t0.5\tx\tctx\thand", 1},
      {"a\tb\t0.5\t\tctx\thand\n", 1, 9, "inflection must be n, v, nv or -",
       "a\tb\t0.5\t\tctx\thand", 1},
      {"a\tb\t0.5\tnv-\tctx\thand\n", 1, 9,
       "inflection must be n, v, nv or -", "a\tb\t0.5\tnv-\tctx\thand", 3},
      {"a\tb\t0.5\tN\tctx\thand\n", 1, 9, "inflection must be n, v, nv or -",
       "a\tb\t0.5\tN\tctx\thand", 1},
      /* the class */
      {"a\tb\t0.5\t-\tcontext\thand\n", 1, 11, "class must be telltale, ctx or name",
       "a\tb\t0.5\t-\tcontext\thand", 7},
      {"a\tb\t0.5\t-\tCTX\thand\n", 1, 11, "class must be telltale, ctx or name",
       "a\tb\t0.5\t-\tCTX\thand", 3},
      {"a\tb\t0.5\t-\t\thand\n", 1, 11, "class must be telltale, ctx or name",
       "a\tb\t0.5\t-\t\thand", 1},
      {GOOD "a\tb\t0.5\t-\tName\thand\n", 2, 11,
       "class must be telltale, ctx or name", "a\tb\t0.5\t-\tName\thand", 4},
      {"a\tb\t0.5\t-\tnames\thand\n", 1, 11,
       "class must be telltale, ctx or name", "a\tb\t0.5\t-\tnames\thand", 5},
      /* CRLF: the '\r' is not part of the line shown */
      {GOOD "a\tb\t2\t-\tctx\thand\r\n", 2, 5,
       "weight must be a number in (0, 1]", "a\tb\t2\t-\tctx\thand", 1},
      /* columns count code points: é is one column, two bytes */
      {"caf\xc3\xa9\tb\t0.5\t-\tbad\thand\n", 1, 14,
       "class must be telltale, ctx or name", "caf\xc3\xa9\tb\t0.5\t-\tbad\thand",
       3},
      {"\xc3\xa9t\xc3\xa9\t\xc3\xa9\t0.5\t-\t\xc3\xa9t\xc3\xa9\thand\n", 1,
       13, "class must be telltale, ctx or name",
       "\xc3\xa9t\xc3\xa9\t\xc3\xa9\t0.5\t-\t\xc3\xa9t\xc3\xa9\thand", 3},
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof(b) / sizeof(b[0]); i++)
    check_bad(&b[i]);
}

static void test_error_keeps_earlier_entries(void **state) {
  /* a bad line stops the parse; what came before was added, what came
   * after was not looked at */
  static const char text[] = GOOD "bad\n" GOOD;
  unspin_ctx *ctx;
  unspin_error err;
  (void)state;
  assert_int_equal(parse(text, sizeof(text) - 1, &ctx, &err),
                   UNSPIN_ERR_SYNTAX);
  assert_int_equal(err.line, 2);
  assert_int_equal(unspin_ctx_entry_count(ctx), 1);
  unspin_ctx_free(ctx);
  /* err may be NULL */
  ctx = unspin_ctx_new();
  assert_int_equal(table_parse(ctx, PATH, text, sizeof(text) - 1, NULL),
                   UNSPIN_ERR_SYNTAX);
  unspin_ctx_free(ctx);
}

static void test_read_file(void **state) {
  char dir[] = "/tmp/unspin-test-table-XXXXXX", path[128];
  unspin_error err;
  size_t len = 0;
  char *buf;
  FILE *f;
  (void)state;
  assert_non_null(mkdtemp(dir));
  snprintf(path, sizeof(path), "%s/t.tsv", dir);
  f = fopen(path, "wb");
  assert_non_null(f);
  fwrite("a\tb\t0.5\t-\tctx\thand\n\0x", 1, 21, f);
  assert_int_equal(fclose(f), 0);
  buf = unspin_read_file(path, &len, &err);
  assert_non_null(buf);
  assert_int_equal(len, 21);
  assert_memory_equal(buf, "a\tb\t0.5\t-\tctx\thand\n\0x", 21);
  assert_int_equal(buf[21], '\0');
  free(buf);
  /* through the public API */
  {
    unspin_ctx *ctx = unspin_ctx_new();
    f = fopen(path, "wb");
    assert_non_null(f);
    fputs("x y\tz\t0.5\tn\ttelltale\thand\n", f);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(unspin_ctx_load_table(ctx, path, &err), UNSPIN_OK);
    assert_int_equal(unspin_ctx_entry_count(ctx), 1);
    unspin_ctx_free(ctx);
  }
  assert_int_equal(unlink(path), 0);
  /* a missing file */
  memset(&err, 0, sizeof(err));
  assert_null(unspin_read_file(path, &len, &err));
  assert_int_equal(err.code, UNSPIN_ERR_IO);
  assert_string_equal(err.path, path);
  assert_int_equal(err.line, 0);
  {
    char msg[256];
    snprintf(msg, sizeof(msg), "cannot open '%s': No such file or directory",
             path);
    assert_string_equal(err.msg, msg);
  }
  /* a directory */
  memset(&err, 0, sizeof(err));
  assert_null(unspin_read_file(dir, &len, &err));
  assert_int_equal(err.code, UNSPIN_ERR_IO);
  {
    char msg[256];
    snprintf(msg, sizeof(msg), "cannot read '%s': Is a directory", dir);
    assert_string_equal(err.msg, msg);
  }
  assert_int_equal(rmdir(dir), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_valid),
      cmocka_unit_test(test_crlf),
      cmocka_unit_test(test_empty),
      cmocka_unit_test(test_errors),
      cmocka_unit_test(test_error_keeps_earlier_entries),
      cmocka_unit_test(test_read_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
