/*
 * fuzz_prepared.c - the input as a prepared-context cache (format in
 * src/prepared.h), read by unspin_ctx_prepare() for a small context (a
 * table, a rule with a guard, the tiny model from tests/data).  Whatever
 * the bytes, prepare must succeed: a damaged cache is reported (CORRUPT,
 * with a message naming the file) and the context computed from the
 * sources; a cache that is used must give a context that checks text
 * through every renderer.
 *
 * A mutated file would nearly always fail the checksum or the key, so
 * inputs with a whole header get both recomputed; and unless bit 0 of the
 * version's top byte (byte 11) is set, magic, version, header size, file
 * size and byte-order tag are patched to be right as well, so the mutations
 * reach the structure checks behind them.  (Inputs with that bit set exercise
 * the early checks as they are.)
 *
 * With $UNSPIN_FUZZ_WRITE_SEED set, LLVMFuzzerInitialize writes a valid
 * cache for the context there and exits (tests/fuzz/corpus/prepared/ was
 * made so).
 */
#define _GNU_SOURCE /* memfd_create */
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "ngram.h"
#include "prepared.h"
#include "strbuf.h"

#ifndef UNSPIN_FUZZ_DATADIR
#define UNSPIN_FUZZ_DATADIR "."
#endif

static const char table[] =
    "stated\tsaid\t0.8\tv\tctx\thand\n"
    "safety forces\tsecurity forces\t0.5\tn\tctx\thand\n"
    "course of\tprocess\t1\t-\ttelltale\thand\n"
    "city\ttown\t0.4\tn\tctx\thand\n";

static const char rules[] =
    "rule T-BACK\n"
    "  message  'again' after push is a spun 'back'\n"
    "  pattern  push|pushed [ again ] the\n"
    "  replace  back\n"
    "  fires    They pushed again the rebels. => They pushed back the "
    "rebels.\n"
    "  quiet    They pushed the rebels again.\n"
    "  with     rebels|armed fighters\n";

static const char text[] =
    "The minister stated on Monday that safety forces pushed again the "
    "rebels.\nThe course of was long in the cities; the city states.\n";

static char dir[256], model[300], table_path[300], rules_path[300];

static void cleanup(void) {
  unlink(model);
  unlink(table_path);
  unlink(rules_path);
  rmdir(dir);
}

static void write_file(const char *path, const char *data, size_t n) {
  FILE *f = fopen(path, "wb");
  FUZZ_CHECK(f && fwrite(data, 1, n, f) == n && !fclose(f));
}

/* The context the cache is for, not yet prepared, with its cache at path. */
static unspin_ctx *context(const char *path) {
  unspin_ctx *ctx = unspin_ctx_new();
  unspin_error err;
  FUZZ_CHECK(!unspin_ctx_use_cache(ctx, path, &err));
  FUZZ_CHECK(!unspin_ctx_load_table(ctx, table_path, &err));
  FUZZ_CHECK(!unspin_ctx_load_rules(ctx, rules_path, &err));
  FUZZ_CHECK(!unspin_ctx_load_model(ctx, model, &err));
  return ctx;
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  const char *tmp = getenv("TMPDIR"), *seed = getenv("UNSPIN_FUZZ_WRITE_SEED");
  const char *data = getenv("UNSPIN_DATADIR");
  struct ngram_build_opts o;
  struct strbuf lm = STRBUF_INIT;
  unspin_error err;
  FILE *in;
  (void)argc;
  (void)argv;
  snprintf(dir, sizeof(dir), "%s/unspin-fuzz-prepared-XXXXXX",
           tmp && *tmp ? tmp : "/tmp");
  FUZZ_CHECK(mkdtemp(dir) != NULL);
  snprintf(model, sizeof(model), "%s/model.bin", dir);
  snprintf(table_path, sizeof(table_path), "%s/t.tsv", dir);
  snprintf(rules_path, sizeof(rules_path), "%s/t.rules", dir);
  atexit(cleanup);
  write_file(table_path, table, sizeof(table) - 1);
  write_file(rules_path, rules, sizeof(rules) - 1);
  strbuf_addf(&lm, "%s/tests/data/tiny-lm.tsv",
              data && *data ? data : UNSPIN_FUZZ_DATADIR);
  in = fopen(lm.buf, "r");
  if (!in) {
    fprintf(stderr, "fuzz_prepared: cannot open '%s'\n", lm.buf);
    exit(1);
  }
  memset(&o, 0, sizeof(o));
  FUZZ_CHECK(!ngram_build(in, model, &o, &err));
  fclose(in);
  strbuf_release(&lm);
  if (seed) {
    unspin_ctx *ctx = context("/nonexistent/none.bin");
    FUZZ_CHECK(!unspin_ctx_prepare(ctx, &err));
    if (unspin_ctx_write_cache(ctx, seed, &err)) {
      fprintf(stderr, "fuzz_prepared: %s\n", err.msg);
      exit(1);
    }
    unspin_ctx_free(ctx);
    exit(0);
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct prepared_header hd;
  char path[64];
  unspin_error err;
  unspin_ctx *ctx;
  uint8_t *buf = xmalloc(size + 1);
  size_t off = 0;
  int fd, state;
  fd = memfd_create("fuzz-prepared", MFD_CLOEXEC);
  FUZZ_CHECK(fd >= 0);
  snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
  ctx = context(path);
  if (size)
    memcpy(buf, data, size);
  if (size >= sizeof(hd)) {
    uint64_t sum;
    memcpy(&hd, buf, sizeof(hd));
    if (!(buf[11] & 1)) {
      memcpy(hd.magic, PREPARED_MAGIC, sizeof(hd.magic));
      hd.version = PREPARED_VERSION;
      hd.header_size = sizeof(hd);
      hd.file_size = size;
      hd.endian = PREPARED_ENDIAN_TAG;
    }
    hd.key[0] = ctx->key.h[0];
    hd.key[1] = ctx->key.h[1];
    memcpy(buf, &hd, sizeof(hd));
    sum = prepared_file_checksum(buf, size);
    memcpy(buf + offsetof(struct prepared_header, checksum), &sum, sizeof(sum));
  }
  while (off < size) {
    ssize_t w = write(fd, buf + off, size - off);
    FUZZ_CHECK(w > 0);
    off += (size_t)w;
  }
  memset(&err, 0, sizeof(err));
  FUZZ_CHECK(!unspin_ctx_prepare(ctx, &err));
  memset(&err, 0, sizeof(err));
  state = unspin_ctx_cache_state(ctx, &err);
  FUZZ_CHECK(state == UNSPIN_CACHE_USED || state == UNSPIN_CACHE_STALE ||
             state == UNSPIN_CACHE_CORRUPT);
  if (state == UNSPIN_CACHE_CORRUPT)
    FUZZ_CHECK(err.msg[0] && !strcmp(err.path, path));
  {
    unspin_check_options opts;
    unspin_doc *doc;
    memset(&opts, 0, sizeof(opts));
    opts.min_confidence = 0;
    doc = unspin_check(ctx, text, sizeof(text) - 1, &opts, &err);
    FUZZ_CHECK(doc != NULL);
    fuzz_exercise_doc(doc, "<fuzz>");
    unspin_doc_free(doc);
  }
  unspin_ctx_free(ctx);
  close(fd);
  free(buf);
  return 0;
}
