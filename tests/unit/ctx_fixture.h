/*
 * ctx_fixture.h - for unit tests that go through the public API: a real
 * context built from a tiny table and rule file written to a temp dir (no
 * model, no hunspell).  A test file defines its own table and rules and
 * calls ctx_fixture_setup() from its cmocka setup; *state is then a
 * struct ctx_fixture, which ctx_fixture_teardown() removes.  Include after
 * <cmocka.h> and "unspin.h".
 */
#ifndef UNSPIN_TEST_CTX_FIXTURE_H
#define UNSPIN_TEST_CTX_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

struct ctx_fixture {
  char dir[64];
  char table_path[128], rules_path[128];
  unspin_ctx *ctx;
};

static inline int ctx_fixture_setup(void **state, const char *table,
                                    const char *rules) {
  struct ctx_fixture *fx = calloc(1, sizeof(*fx));
  unspin_error err;
  if (!fx)
    return -1;
  snprintf(fx->dir, sizeof(fx->dir), "/tmp/unspin-test-XXXXXX");
  if (!mkdtemp(fx->dir)) {
    free(fx);
    return -1;
  }
  snprintf(fx->table_path, sizeof(fx->table_path), "%s/subst.tsv", fx->dir);
  snprintf(fx->rules_path, sizeof(fx->rules_path), "%s/test.rules", fx->dir);
  write_file(fx->table_path, table, strlen(table));
  write_file(fx->rules_path, rules, strlen(rules));
  fx->ctx = unspin_ctx_new();
  if (unspin_ctx_load_table(fx->ctx, fx->table_path, &err) ||
      unspin_ctx_load_rules(fx->ctx, fx->rules_path, &err) ||
      unspin_ctx_prepare(fx->ctx, &err)) {
    fprintf(stderr, "setup: %s:%u:%u: %s\n", err.path, err.line, err.col,
            err.msg);
    unspin_ctx_free(fx->ctx);
    free(fx);
    return -1;
  }
  *state = fx;
  return 0;
}

static inline int ctx_fixture_teardown(void **state) {
  struct ctx_fixture *fx = *state;
  unspin_ctx_free(fx->ctx);
  unlink(fx->table_path);
  unlink(fx->rules_path);
  if (rmdir(fx->dir))
    return -1;
  free(fx);
  return 0;
}

#endif
