/*
 * ngram.c - map and query the compact trigram model (see ngram.h).
 *
 * File format, version 2.  All integers and floats are little-endian; every
 * section starts at a multiple of 8 bytes.
 *
 *   header (struct ngram_file_header, 328 bytes)
 *     magic "UNSPINLM", version (2), header size, file size, checksum,
 *     endian tag 0x01020304, vocabulary size V, ids of <s> and </s>,
 *     log2 of the vocabulary hash size, then for each of the three tables
 *     (bigrams, back-off contexts, trigrams) its entry count and log2 of
 *     its bucket count, then offset and size of every section.
 *   QUANT       float[3][256]: the levels of the three quantised
 *               quantities, ascending: bigram log10 P, bigram log10
 *               back-off, trigram log10 P.
 *   VOCAB_OFF   uint32[V + 1]: word id i (1-based) is the bytes
 *   VOCAB_STR   [off[i - 1], off[i]) of VOCAB_STR (not NUL-terminated).
 *               Ids are in descending order of unigram probability.
 *   VOCAB_HASH  uint32[2^k]: open addressing with linear probing from
 *               ngram_word_hash() & (2^k - 1); 0 marks an empty slot.
 *   UNI         float[V + 1][2]: per id log10 P and log10 back-off, exact.
 *   then per table: GROUPS, REL, ENTRIES.
 *
 * A table holds n-grams keyed by ngram_key_hash() of their id tuple: the
 * top bucket_bits bits choose a bucket, the low 16 bits are a fingerprint.
 * ENTRIES are 3 bytes, {fingerprint (uint16), code (uint8)}, sorted by
 * bucket, then fingerprint.  Bucket b starts at entry
 * GROUPS[b >> 4] + REL[b] and ends where bucket b + 1 starts; GROUPS is
 * uint32[2^bucket_bits / 16 + 1] (the last is the entry count), REL is
 * uint8[2^bucket_bits + 1].  Buckets hold 2-4 entries on average, so a
 * lookup reads three cache lines and an absent n-gram is mistaken for a
 * stored one with probability about 4 / 65536.
 *
 * The bigram and trigram tables store the code of log10 P(w | h); the
 * context table stores the code of the back-off weight of every bigram
 * that is the context of a trigram or has a weight other than 0 (a missing
 * entry means 0).  The context and the suffix of every stored trigram are
 * stored bigrams.  The checksum
 * (ngram_file_checksum) covers the whole file with the checksum field
 * zeroed; ngram_open() checks it with ngram_verify(), after checking every
 * field, every offset and every bucket boundary, so a damaged file is an
 * error, never a crash.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ngram.h"
#include "util.h"

/* The header is read with memcpy: its layout must have no padding. */
_Static_assert(sizeof(struct ngram_file_header) == 328,
               "ngram_file_header layout changed");

struct table {
  const uint32_t *groups;
  const uint8_t *rel;
  const uint8_t *ent;
  unsigned shift; /* 64 - bucket_bits */
  size_t count;
};

struct ngram {
  const uint8_t *map;
  size_t size;
  uint32_t vocab, bos, eos, vmask;
  const uint32_t *voff;
  const char *vstr;
  const uint32_t *vhash;
  const float *uni; /* log10 P and back-off of each id */
  const float *q[NGRAM_NQUANT];
  struct table tab[NGRAM_NTAB];
};

uint64_t ngram_key_hash(uint32_t a, uint32_t b, uint32_t c) {
  return hash_mix64((uint64_t)a | (uint64_t)b << 21 | (uint64_t)c << 42);
}

uint64_t ngram_word_hash(const char *w, size_t len) {
  const unsigned char *s = (const unsigned char *)w;
  uint64_t h = 1469598103934665603ULL;
  size_t i;
  for (i = 0; i < len; i++) {
    h ^= s[i];
    h *= 1099511628211ULL;
  }
  /* FNV's low bits are weak and the table index uses them */
  return hash_mix64(h);
}

uint64_t ngram_file_checksum(const void *file, size_t size) {
  struct ngram_file_header hd;
  uint64_t h;
  if (size < sizeof(hd))
    return hash_block(file, size, 0);
  memcpy(&hd, file, sizeof(hd));
  hd.checksum = 0;
  h = hash_block(&hd, sizeof(hd), 0);
  return hash_block((const char *)file + sizeof(hd), size - sizeof(hd), h);
}

/* ---- opening ---------------------------------------------------------- */

static int corrupt(unspin_error *err, const char *path, const char *what) {
  return unspin_error_set(err, UNSPIN_ERR_MODEL, path, 0, 0,
                          "model is corrupt (%s)", what);
}

/* The section's bytes when it lies inside the file and has the size we
 * expect (want == UINT64_MAX: any size), else NULL. */
static const uint8_t *section(const uint8_t *map, size_t size,
                              const struct ngram_file_header *hd, int i,
                              uint64_t want) {
  uint64_t off = hd->sec[i].offset, n = hd->sec[i].size;
  if (off % 8 || off < sizeof(*hd) || off > size || n > size - off)
    return NULL;
  if (want != UINT64_MAX && n != want)
    return NULL;
  return map + off;
}

/*
 * Do the 16 bytes r[0..15] ascend (r[k - 1] <= r[k])?  Eight bytes at a
 * time (a start-up checks 1.2 million): with x = r[k], y = r[k - 1] in
 * every byte lane, x < y exactly when the lanes' top bits say x < y or are
 * equal and the low seven bits of x are below those of y, which is when
 * (x | 0x80) - (y & 0x7f), borrow-free within the lane, has its top bit
 * clear (Hacker's Delight, 2-18).  Lanes are read little-endian, which is
 * the file's order and, since check() compared the byte-order tag, the
 * machine's.
 */
static int rel_ascends(const uint8_t *r) {
  const uint64_t H = 0x8080808080808080ULL;
  uint64_t w0, w1, x, y, lt;
  memcpy(&w0, r, 8);
  memcpy(&w1, r + 8, 8);
  /* pairs (0,1) .. (7,8) */
  y = w0;
  x = w0 >> 8 | w1 << 56;
  lt = (~x & y) | (~(x ^ y) & ~((x | H) - (y & ~H)));
  if (lt & H)
    return 0;
  /* pairs (8,9) .. (14,15); the top lane would pair r[15] with nothing */
  y = w1;
  x = w1 >> 8;
  lt = (~x & y) | (~(x ^ y) & ~((x | H) - (y & ~H)));
  return !(lt & H & 0x0080808080808080ULL);
}

static int check_table(struct ngram *m, const uint8_t *map, size_t size,
                       const struct ngram_file_header *hd, int t) {
  const struct ngram_file_table *ft = &hd->tab[t];
  struct table *tab = &m->tab[t];
  uint64_t nb, ngroups, g, b, prev = 0;
  int s = NGRAM_S_TAB + 3 * t;
  if (ft->bucket_bits < NGRAM_GROUP_SHIFT || ft->bucket_bits > 30 ||
      ft->entry_size != NGRAM_ENTRY_SIZE || ft->count > UINT32_MAX)
    return 0;
  nb = (uint64_t)1 << ft->bucket_bits;
  ngroups = (nb >> NGRAM_GROUP_SHIFT) + 1;
  tab->groups = (const uint32_t *)section(map, size, hd, s, ngroups * 4);
  tab->rel = section(map, size, hd, s + 1, nb + 1);
  tab->ent = section(map, size, hd, s + 2, ft->count * NGRAM_ENTRY_SIZE);
  if (!tab->groups || !tab->rel || !tab->ent)
    return 0;
  tab->shift = 64 - ft->bucket_bits;
  tab->count = (size_t)ft->count;
  /* bucket starts must ascend from 0 and end at the count: then every
   * bucket lies inside ENTRIES whatever the lookup */
  for (g = 1; g < ngroups; g++)
    if (tab->groups[g] < tab->groups[g - 1])
      return 0;
  if (tab->groups[ngroups - 1] != ft->count)
    return 0;
  /*
   * Bucket starts groups[b >> 4] + rel[b] ascend when they ascend inside
   * every group of 16 (rel ascends there) and across every group boundary;
   * the last start is then the largest, and it must be the count.
   */
  {
    const uint8_t *rel = tab->rel;
    for (g = 0; g + 1 < ngroups; g++)
      if (!rel_ascends(rel + (g << NGRAM_GROUP_SHIFT)))
        return 0;
    for (g = 0; g + 1 < ngroups; g++) {
      b = (g + 1) << NGRAM_GROUP_SHIFT; /* first bucket of group g + 1 */
      if ((uint64_t)tab->groups[g + 1] + rel[b] <
          (uint64_t)tab->groups[g] + rel[b - 1])
        return 0;
    }
    prev = (uint64_t)tab->groups[nb >> NGRAM_GROUP_SHIFT] + rel[nb];
  }
  return prev == ft->count;
}

static int check_vocab(struct ngram *m, const uint8_t *map, size_t size,
                       const struct ngram_file_header *hd) {
  uint64_t v = hd->vocab_size, i, nslots;
  const uint8_t *str;
  uint64_t strsize;
  if (v < 1 || v > NGRAM_MAX_VOCAB || hd->bos < 1 || hd->bos > v ||
      hd->eos < 1 || hd->eos > v || hd->vocab_hash_bits < 4 ||
      hd->vocab_hash_bits > 28)
    return 0;
  nslots = (uint64_t)1 << hd->vocab_hash_bits;
  if (nslots <= v)
    return 0;
  m->voff = (const uint32_t *)section(map, size, hd, NGRAM_S_VOCAB_OFF,
                                      (v + 1) * 4);
  str = section(map, size, hd, NGRAM_S_VOCAB_STR, UINT64_MAX);
  m->vhash = (const uint32_t *)section(map, size, hd, NGRAM_S_VOCAB_HASH,
                                       nslots * 4);
  m->uni = (const float *)section(map, size, hd, NGRAM_S_UNI,
                                  (v + 1) * 2 * sizeof(float));
  if (!m->voff || !str || !m->vhash || !m->uni)
    return 0;
  strsize = hd->sec[NGRAM_S_VOCAB_STR].size;
  if (m->voff[0] != 0 || m->voff[v] != strsize)
    return 0;
  {
    /* branch-free, as in check_table() */
    unsigned bad = 0;
    for (i = 1; i <= v; i++)
      bad |= m->voff[i] < m->voff[i - 1];
    for (i = 0; i < nslots; i++)
      bad |= m->vhash[i] > v;
    if (bad)
      return 0;
  }
  m->vstr = (const char *)str;
  m->vocab = (uint32_t)v;
  m->bos = hd->bos;
  m->eos = hd->eos;
  m->vmask = (uint32_t)(nslots - 1);
  return 1;
}

static int check(struct ngram *m, const uint8_t *map, size_t size,
                 const char *path, unspin_error *err) {
  struct ngram_file_header hd;
  uint32_t version;
  const uint8_t *q;
  int t;
  if (memcmp(map, NGRAM_MAGIC, size < 8 ? size : 8))
    return unspin_error_set(err, UNSPIN_ERR_MODEL, path, 0, 0,
                            "not an unspin model (bad magic)");
  if (size >= 12) {
    memcpy(&version, map + 8, sizeof(version));
    if (version != NGRAM_FORMAT_VERSION)
      return unspin_error_set(
          err, UNSPIN_ERR_MODEL, path, 0, 0,
          "model format version %lu is not supported (expected %lu)",
          (unsigned long)version, (unsigned long)NGRAM_FORMAT_VERSION);
  }
  if (size < sizeof(hd))
    return unspin_error_set(err, UNSPIN_ERR_MODEL, path, 0, 0,
                            "model file is truncated (%zu of %zu bytes)",
                            size, sizeof(hd));
  memcpy(&hd, map, sizeof(hd));
  if (hd.endian != NGRAM_ENDIAN_TAG)
    return unspin_error_set(err, UNSPIN_ERR_MODEL, path, 0, 0,
                            "model byte order is not supported");
  if (hd.header_size != sizeof(hd))
    return corrupt(err, path, "bad header size");
  if (hd.file_size > size)
    return unspin_error_set(err, UNSPIN_ERR_MODEL, path, 0, 0,
                            "model file is truncated (%zu of %llu bytes)",
                            size, (unsigned long long)hd.file_size);
  if (hd.file_size < size)
    return unspin_error_set(err, UNSPIN_ERR_MODEL, path, 0, 0,
                            "model file has %llu trailing bytes",
                            (unsigned long long)(size - hd.file_size));
  /* The checksum (ngram_verify(), after these checks) catches damage to
   * stored values; the checks catch a file that was made badly, with a
   * good checksum (the fuzzer recomputes checksums). */
  q = section(map, size, &hd, NGRAM_S_QUANT,
              (uint64_t)NGRAM_NQUANT * NGRAM_QLEVELS * sizeof(float));
  if (!q)
    return corrupt(err, path, "bad quantisation table");
  for (t = 0; t < NGRAM_NQUANT; t++)
    m->q[t] = (const float *)q + (size_t)t * NGRAM_QLEVELS;
  if (!check_vocab(m, map, size, &hd))
    return corrupt(err, path, "bad vocabulary");
  for (t = 0; t < NGRAM_NTAB; t++)
    if (!check_table(m, map, size, &hd, t))
      return corrupt(err, path, "bad n-gram table");
  m->map = map;
  m->size = size;
  return UNSPIN_OK;
}

struct ngram *ngram_open(const char *path, unspin_error *err) {
  struct ngram m;
  struct stat st;
  void *map;
  int fd, flags = MAP_PRIVATE;
  if (!path) {
    unspin_error_set(err, UNSPIN_ERR_ARG, NULL, 0, 0, "no model path given");
    return NULL;
  }
  fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    unspin_error_set(err, UNSPIN_ERR_IO, path, 0, 0, "cannot open model: %s",
                     strerror(errno));
    return NULL;
  }
  if (fstat(fd, &st) < 0) {
    unspin_error_set(err, UNSPIN_ERR_IO, path, 0, 0, "cannot stat model: %s",
                     strerror(errno));
    close(fd);
    return NULL;
  }
  if (!S_ISREG(st.st_mode)) {
    unspin_error_set(err, UNSPIN_ERR_IO, path, 0, 0, "%s",
                     S_ISDIR(st.st_mode) ? "model path is a directory"
                                         : "model is not a regular file");
    close(fd);
    return NULL;
  }
  if (st.st_size == 0) {
    unspin_error_set(err, UNSPIN_ERR_MODEL, path, 0, 0,
                     "model file is empty");
    close(fd);
    return NULL;
  }
  if ((unsigned long long)st.st_size > SIZE_MAX) {
    unspin_error_set(err, UNSPIN_ERR_MODEL, path, 0, 0,
                     "model file is too large");
    close(fd);
    return NULL;
  }
#ifdef MAP_POPULATE
  /* the checksum reads every page anyway: one call beats 4000 faults */
  flags |= MAP_POPULATE;
#endif
  map = mmap(NULL, (size_t)st.st_size, PROT_READ, flags, fd, 0);
  close(fd);
  if (map == MAP_FAILED) {
    unspin_error_set(err, UNSPIN_ERR_IO, path, 0, 0, "cannot map model: %s",
                     strerror(errno));
    return NULL;
  }
  memset(&m, 0, sizeof(m));
  if (check(&m, map, (size_t)st.st_size, path, err) != UNSPIN_OK ||
      ngram_verify(&m, path, err) != UNSPIN_OK) {
    munmap(map, (size_t)st.st_size);
    return NULL;
  }
  return memcpy(xmalloc(sizeof(m)), &m, sizeof(m));
}

int ngram_verify(const struct ngram *m, const char *path, unspin_error *err) {
  struct ngram_file_header hd;
  memcpy(&hd, m->map, sizeof(hd));
  if (ngram_file_checksum(m->map, m->size) != hd.checksum)
    return unspin_error_set(err, UNSPIN_ERR_MODEL, path, 0, 0,
                            "model checksum mismatch");
  return UNSPIN_OK;
}

uint64_t ngram_stored_checksum(const struct ngram *m) {
  struct ngram_file_header hd;
  memcpy(&hd, m->map, sizeof(hd));
  return hd.checksum;
}

void ngram_close(struct ngram *m) {
  if (!m)
    return;
  munmap((void *)m->map, m->size);
  free(m);
}

/* ---- lookups ---------------------------------------------------------- */

uint32_t ngram_word(const struct ngram *m, const char *w, size_t len) {
  uint32_t i, probe;
  if (!len)
    return 0;
  i = (uint32_t)ngram_word_hash(w, len) & m->vmask;
  for (probe = 0; probe <= m->vmask; probe++) {
    uint32_t id = m->vhash[i];
    if (!id)
      return 0;
    if (m->voff[id] - m->voff[id - 1] == len &&
        !memcmp(m->vstr + m->voff[id - 1], w, len))
      return id;
    i = (i + 1) & m->vmask;
  }
  return 0;
}

uint32_t ngram_number(const struct ngram *m, const char *tok, size_t len) {
  static const char *const small[] = {
      "zero",    "one",     "two",       "three",    "four",
      "five",    "six",     "seven",     "eight",    "nine",
      "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
      "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
      "twenty"};
  static const char *const tens[] = {"twenty", "thirty", "forty",
                                     "fifty",  "sixty",  "seventy",
                                     "eighty", "ninety"};
  unsigned long v = 0;
  size_t i;
  const char *w;
  if (!len || tok[0] < '0' || tok[0] > '9')
    return 0;
  /* the integer part: digits and thousands separators */
  for (i = 0; i < len && v < 1000000000UL; i++) {
    if (tok[i] >= '0' && tok[i] <= '9')
      v = v * 10 + (unsigned long)(tok[i] - '0');
    else if (tok[i] != ',')
      break;
  }
  if (v <= 20)
    w = small[v];
  else if (v < 100)
    w = tens[v / 10 - 2];
  else if (v < 1000)
    w = "hundred";
  else if (v >= 1900 && v < 2000)
    w = "nineteen";
  else if (v >= 2000 && v < 2100)
    w = "two";
  else
    w = "thousand";
  return ngram_word(m, w, strlen(w));
}

uint32_t ngram_token(const struct ngram *m, const char *tok, size_t len) {
  if (len && tok[0] >= '0' && tok[0] <= '9')
    return ngram_number(m, tok, len);
  if (len == 1 && tok[0] == '%')
    return ngram_word(m, "percent", 7);
  return ngram_word(m, tok, len);
}

uint32_t ngram_bos(const struct ngram *m) { return m->bos; }
uint32_t ngram_eos(const struct ngram *m) { return m->eos; }
size_t ngram_vocab_size(const struct ngram *m) { return m->vocab; }

size_t ngram_count(const struct ngram *m, int order) {
  switch (order) {
  case 1:
    return m->vocab;
  case 2:
    return m->tab[NGRAM_T_BI].count;
  case 3:
    return m->tab[NGRAM_T_TRI].count;
  default:
    return 0;
  }
}

/* One query is a batch of one: the back-off lives in ngram_prob_batch(). */
float ngram_prob(const struct ngram *m, const uint32_t *h, size_t nh,
                 uint32_t w) {
  struct ngram_query q;
  q.a = nh >= 2 ? h[nh - 2] : 0;
  q.b = nh >= 1 ? h[nh - 1] : 0;
  q.w = w;
  ngram_prob_batch(m, &q, 1);
  return q.p;
}

double ngram_score(const struct ngram *m, const uint32_t *ids, size_t from,
                   size_t to) {
  double sum = 0.0;
  size_t i;
  for (i = from; i < to; i++) {
    size_t nh = i < 2 ? i : 2;
    sum += ngram_prob(m, ids + i - nh, nh, ids[i]);
  }
  return sum;
}

/* ---- batches ---------------------------------------------------------- */

/* Where bucket b of t lies: [*lo, *hi) of its entries (3 bytes each). */
static inline void bucket_range(const struct table *t, uint64_t b,
                                const uint8_t **lo, const uint8_t **hi) {
  *lo = t->ent + ((size_t)t->groups[b >> NGRAM_GROUP_SHIFT] + t->rel[b]) * 3;
  *hi = t->ent +
        ((size_t)t->groups[(b + 1) >> NGRAM_GROUP_SHIFT] + t->rel[b + 1]) * 3;
}

/* The code stored for key h in [e, end), or -1 when there is none. */
static inline int scan(const uint8_t *e, const uint8_t *end, uint64_t h) {
  uint32_t fp = (uint16_t)h;
  for (; e < end; e += 3) {
    uint32_t f = e[0] | (uint32_t)e[1] << 8;
    if (f == fp)
      return e[2];
    if (f > fp)
      break;
  }
  return -1;
}

static void prefetch_bucket(const struct table *t, uint64_t b) {
  __builtin_prefetch(&t->groups[b >> NGRAM_GROUP_SHIFT]);
  __builtin_prefetch(&t->rel[b]);
}

#define BATCH 32

/*
 * Katz back-off, in passes over a block of queries: hash and prefetch the
 * bucket headers of the bigram and context tables; read them and prefetch
 * the entries; answer from memory that is now in the cache, as a bigram or
 * from the unigrams; then, for the queries that may be trigrams, the same
 * three steps in the trigram table.  An unknown word in the history cuts
 * it: only what follows counts.  A trigram is looked up only when its
 * context (a b) is in the context table and its suffix (b w) is a stored
 * bigram: the builder guarantees both for every stored trigram, and the
 * test makes a false fingerprint match on an unseen trigram much rarer.
 * Fetching the trigram's bucket only then, not with the others, spares
 * the queries that fail the test (on news text more than half: the
 * context alone is missing for half) the table's memory traffic.
 */
void ngram_prob_batch(const struct ngram *m, struct ngram_query *q, size_t n) {
  const struct table *tc = &m->tab[NGRAM_T_CTX], *tb = &m->tab[NGRAM_T_BI],
                     *tt = &m->tab[NGRAM_T_TRI];
  uint64_t hc[BATCH], hb[BATCH], ht[BATCH];
  const uint8_t *lo[BATCH][2], *hi[BATCH][2], *tlo[BATCH], *thi[BATCH];
  unsigned char full[BATCH]; /* 0: answered, 1: bigram, 2: trigram */
  unsigned char tri[BATCH]; /* which queries need the trigram table */
  size_t base, i;
  for (base = 0; base < n; base += BATCH) {
    size_t k = n - base < BATCH ? n - base : BATCH, nt = 0, j;
    struct ngram_query *b = q + base;
    for (i = 0; i < k; i++) {
      uint32_t a = b[i].a, h = b[i].b, w = b[i].w;
      full[i] = 0;
      if (!w || w > m->vocab) {
        b[i].p = NGRAM_UNK_LOGPROB;
        continue;
      }
      if (!h || h > m->vocab) {
        b[i].p = m->uni[2 * (size_t)w];
        continue;
      }
      hb[i] = ngram_key_hash(h, w, 0);
      prefetch_bucket(tb, hb[i] >> tb->shift);
      full[i] = 1;
      if (a && a <= m->vocab) {
        hc[i] = ngram_key_hash(a, h, 0);
        prefetch_bucket(tc, hc[i] >> tc->shift);
        full[i] = 2;
      }
    }
    for (i = 0; i < k; i++) {
      if (!full[i])
        continue;
      bucket_range(tb, hb[i] >> tb->shift, &lo[i][0], &hi[i][0]);
      __builtin_prefetch(lo[i][0]);
      if (full[i] == 2) {
        bucket_range(tc, hc[i] >> tc->shift, &lo[i][1], &hi[i][1]);
        __builtin_prefetch(lo[i][1]);
      }
    }
    for (i = 0; i < k; i++) {
      float bo = 0.0f;
      int ctx = -1, c;
      if (!full[i])
        continue;
      if (full[i] == 2 && (ctx = scan(lo[i][1], hi[i][1], hc[i])) >= 0)
        bo = m->q[NGRAM_Q_BI_BO][ctx];
      if ((c = scan(lo[i][0], hi[i][0], hb[i])) >= 0) {
        b[i].p = bo + m->q[NGRAM_Q_BI_P][c];
        if (ctx >= 0) {
          ht[i] = ngram_key_hash(b[i].a, b[i].b, b[i].w);
          prefetch_bucket(tt, ht[i] >> tt->shift);
          tri[nt++] = (unsigned char)i;
        }
      } else {
        b[i].p = bo + m->uni[2 * (size_t)b[i].b + 1] + m->uni[2 * (size_t)b[i].w];
      }
    }
    for (j = 0; j < nt; j++) {
      i = tri[j];
      bucket_range(tt, ht[i] >> tt->shift, &tlo[i], &thi[i]);
      __builtin_prefetch(tlo[i]);
    }
    for (j = 0; j < nt; j++) {
      int c3;
      i = tri[j];
      if ((c3 = scan(tlo[i], thi[i], ht[i])) >= 0)
        b[i].p = m->q[NGRAM_Q_TRI_P][c3];
    }
  }
}
