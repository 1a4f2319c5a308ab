/*
 * fuzz_model.c - the input as a model file (format in src/ngram.c), opened
 * with ngram_open() from a memfd.  A damaged file must be an error, never
 * a crash; a file that opens is queried: every word of its vocabulary,
 * probabilities with every kind of history, and scores.
 *
 * A mutated file would nearly always fail the checksum, so inputs with a
 * whole header get it recomputed; and unless bit 0 of the header's reserved
 * field is set, magic, version, header size, file size and byte-order tag
 * are patched to be right as well, so the mutations reach the structure
 * checks behind them.  (Inputs with that bit set exercise the early checks
 * as they are.)
 */
#define _GNU_SOURCE /* memfd_create */
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "ngram.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  return 0;
}

static void query(const struct ngram *m, const uint8_t *data, size_t size) {
  size_t v = ngram_vocab_size(m), i;
  uint32_t ids[8], h[2];
  double s;
  FUZZ_CHECK(v >= 1);
  FUZZ_CHECK(ngram_bos(m) >= 1 && ngram_bos(m) <= v);
  FUZZ_CHECK(ngram_eos(m) >= 1 && ngram_eos(m) <= v);
  FUZZ_CHECK(ngram_count(m, 0) == 0 && ngram_count(m, 4) == 0);
  (void)ngram_count(m, 2);
  (void)ngram_count(m, 3);
  /* some words, known or not */
  (void)ngram_word(m, "the", 3);
  (void)ngram_word(m, "", 0);
  (void)ngram_word(m, (const char *)data, size < 16 ? size : 16);
  /* ids from the input's last bytes, in and out of range, as history and
   * as the word */
  for (i = 0; i < 8; i++) {
    uint32_t x = 0;
    size_t k;
    for (k = 0; k < 3 && size; k++)
      x = x << 8 | data[(size - 1 - (i * 3 + k) % size)];
    ids[i] = i < 2 ? (uint32_t)i * (uint32_t)(v + 1) /* 0 and V+1 */
                   : (uint32_t)(x % (v + 2));
  }
  for (i = 0; i < 8; i++) {
    size_t j;
    (void)ngram_prob(m, NULL, 0, ids[i]);
    for (j = 0; j < 8; j++) {
      h[0] = ids[j];
      h[1] = ids[(i + j) % 8];
      (void)ngram_prob(m, h + 1, 1, ids[i]);
      (void)ngram_prob(m, h, 2, ids[i]);
    }
  }
  s = ngram_score(m, ids, 0, 8);
  (void)s;
  /* the sequence <s> 1 2 ... </s>: every stored path the ids reach */
  for (i = 0; i < 8; i++)
    ids[i] = (uint32_t)(i == 0 ? ngram_bos(m) : i == 7 ? ngram_eos(m)
                                                       : 1 + (i - 1) % v);
  (void)ngram_score(m, ids, 0, 8);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct ngram_file_header hd;
  char path[64];
  unspin_error err;
  struct ngram *m;
  uint8_t *buf;
  size_t off = 0;
  int fd;
  if (!size)
    return 0; /* an empty file is refused before it is mapped */
  buf = xmalloc(size);
  memcpy(buf, data, size);
  if (size >= sizeof(hd)) {
    memcpy(&hd, buf, sizeof(hd));
    if (!(hd.reserved & 1)) {
      memcpy(hd.magic, NGRAM_MAGIC, sizeof(hd.magic));
      hd.version = NGRAM_FORMAT_VERSION;
      hd.header_size = sizeof(hd);
      hd.file_size = size;
      hd.endian = NGRAM_ENDIAN_TAG;
    }
    memcpy(buf, &hd, sizeof(hd));
    hd.checksum = ngram_file_checksum(buf, size);
    memcpy(buf, &hd, sizeof(hd));
  }
  fd = memfd_create("fuzz-model", MFD_CLOEXEC);
  FUZZ_CHECK(fd >= 0);
  while (off < size) {
    ssize_t w = write(fd, buf + off, size - off);
    FUZZ_CHECK(w > 0);
    off += (size_t)w;
  }
  snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
  memset(&err, 0, sizeof(err));
  m = ngram_open(path, &err);
  if (m) {
    query(m, data, size);
    ngram_close(m);
  } else {
    FUZZ_CHECK(err.code == UNSPIN_ERR_MODEL);
    FUZZ_CHECK(err.msg[0] && !strcmp(err.path, path));
  }
  close(fd);
  free(buf);
  return 0;
}
