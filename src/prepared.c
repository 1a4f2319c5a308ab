/* prepared.c - see prepared.h. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "lexicon.h"
#include "prepared.h"
#include "strbuf.h"
#include "text.h"
#include "util.h"

/* The header is read with memcpy: its layout must have no padding. */
_Static_assert(sizeof(struct prepared_header) == 80,
               "prepared_header layout changed");

/*
 * The hash of the library's sources, from the Makefile: a cache written by
 * other code is stale even when the data are the same.
 */
#ifndef UNSPIN_CODE_HASH
#define UNSPIN_CODE_HASH ""
#endif

const char *prepared_code_hash(void) { return UNSPIN_CODE_HASH; }

/* Limit on every count, so that sizes computed from them cannot overflow. */
#define MAX_COUNT (1u << 28)

enum {
  BASE_SIZE = 24,
  GEN_SIZE = 12,
  ENT_SIZE = 16,
  VOCAB_SIZE = 8,
  EDGE_SIZE = 16
};

/* BASE record kinds */
enum { BASE_TABLE = 0, BASE_RULE = 1 };

void prepared_key_init(struct prepared_key *k) {
  uint32_t v = PREPARED_VERSION;
  k->h[0] = 0x5052455041524544ULL; /* "PREPARED" */
  k->h[1] = 0x554e5350494e4b45ULL;
  prepared_key_add(k, 'V', NULL, &v, sizeof(v));
  prepared_key_add(k, 'C', NULL, UNSPIN_CODE_HASH, strlen(UNSPIN_CODE_HASH));
}

void prepared_key_add(struct prepared_key *k, char tag, const char *name,
                      const void *data, size_t n) {
  /* framed (tag, name length, name, data length, data) so that no two
   * sequences of inputs give the same stream */
  uint64_t frame[3];
  size_t nl = name ? strlen(name) : 0;
  frame[0] = (uint64_t)(unsigned char)tag;
  frame[1] = nl;
  frame[2] = n;
  k->h[0] = hash_block(frame, sizeof(frame), k->h[0]);
  k->h[1] = hash_block(frame, sizeof(frame), k->h[1] ^ 0x9e3779b97f4a7c15ULL);
  if (nl) {
    k->h[0] = hash_block(name, nl, k->h[0]);
    k->h[1] = hash_block(name, nl, ~k->h[1]);
  }
  k->h[0] = hash_block(data, n, k->h[0]);
  k->h[1] = hash_block(data, n, ~k->h[1]);
}

/* ---- layout ------------------------------------------------------------ */

struct layout {
  uint64_t base, gen, ent, vocab, edges, head, pool, str, end;
};

static uint64_t round8(uint64_t n) { return (n + 7) & ~(uint64_t)7; }

/* Places of the sections from the counts (all at most MAX_COUNT, so
 * nothing overflows); 0 when the counts are inconsistent. */
static int layout_of(const struct prepared_header *hd, struct layout *l) {
  if (hd->nbase < 1 || hd->nentries < hd->nbase || hd->nentries > MAX_COUNT ||
      hd->nvocab > MAX_COUNT || hd->nnodes < 1 || hd->nnodes > MAX_COUNT ||
      hd->nedges > MAX_COUNT || hd->npool > MAX_COUNT ||
      hd->strsize > MAX_COUNT)
    return 0;
  l->base = sizeof(*hd);
  l->gen = round8(l->base + (uint64_t)(hd->nbase - 1) * BASE_SIZE);
  l->ent = round8(l->gen + (uint64_t)(hd->nentries - hd->nbase) * GEN_SIZE);
  l->vocab = round8(l->ent + (uint64_t)(hd->nentries - 1) * ENT_SIZE);
  l->edges = round8(l->vocab + (uint64_t)hd->nvocab * VOCAB_SIZE);
  l->head = round8(l->edges + (uint64_t)hd->nedges * EDGE_SIZE);
  l->pool = round8(l->head + (uint64_t)hd->nnodes * 4);
  l->str = round8(l->pool + (uint64_t)hd->npool * 4);
  l->end = round8(l->str + hd->strsize);
  return 1;
}

static uint32_t rd32(const unsigned char *p) {
  uint32_t v;
  memcpy(&v, p, sizeof(v));
  return v;
}

static uint64_t rd64(const unsigned char *p) {
  uint64_t v;
  memcpy(&v, p, sizeof(v));
  return v;
}

uint64_t prepared_file_checksum(const void *file, size_t size) {
  const unsigned char *b = file;
  struct prepared_header hd;
  if (size < sizeof(hd))
    return hash_block(b, size, 0);
  memcpy(&hd, b, sizeof(hd));
  hd.checksum = 0;
  return hash_block(b + sizeof(hd), size - sizeof(hd),
                    hash_block(&hd, sizeof(hd), 0));
}

/* ---- reading ----------------------------------------------------------- */

static int corrupt(unspin_error *err, const char *path, const char *what) {
  unspin_error_set(err, UNSPIN_ERR_SYNTAX, path, 0, 0,
                   "prepared cache is corrupt (%s)", what);
  return UNSPIN_CACHE_CORRUPT;
}

/*
 * STR as a whole: NUL-terminated strings that are what a table line can
 * hold, valid UTF-8 without tabs or line breaks (renderers rely on
 * replacements being so).  Checked once for all, so that each string
 * needs only str_ok().
 */
static int strings_ok(const struct prepared_header *hd, const char *str) {
  size_t pos = 0, bad;
  if (!hd->strsize || str[hd->strsize - 1] != '\0' ||
      memchr(str, '\n', hd->strsize) || memchr(str, '\t', hd->strsize))
    return 0;
  /*
   * Most strings are ASCII: skip eight bytes at a time while no byte has
   * its top bit set, and give a string that has one to text_validate()
   * whole, from its start to its NUL (where it stops with 2; a sequence
   * cut short by the NUL is 1).
   */
  while (pos < hd->strsize) {
    size_t start;
    int v;
    while (hd->strsize - pos >= 8) {
      uint64_t w;
      memcpy(&w, str + pos, 8);
      if (w & 0x8080808080808080ULL)
        break;
      pos += 8;
    }
    if (pos >= hd->strsize)
      break;
    if (!((unsigned char)str[pos] & 0x80)) {
      pos++;
      continue;
    }
    for (start = pos; start && str[start - 1]; start--)
      ;
    v = text_validate(str + start, hd->strsize - start, &bad);
    if (v != 2)
      return 0; /* bad UTF-8 (the last byte is NUL, so never 0) */
    pos = start + bad + 1;
  }
  return 1;
}

/*
 * A string of an entry at off in STR (strings_ok()): it starts at a
 * character, so it is valid UTF-8 itself, and is not empty unless
 * may_be_empty (a table's source field).
 */
static int str_ok(const struct prepared_header *hd, const struct layout *l,
                  const unsigned char *b, uint32_t off, int may_be_empty) {
  unsigned char c;
  if (off >= hd->strsize)
    return 0;
  c = b[l->str + off];
  return (c & 0xC0) != 0x80 && (c || may_be_empty);
}

/* Everything but the vocabulary, whose duplicates show only in the map. */
static const char *check_body(const struct prepared_header *hd,
                              const struct layout *l, const unsigned char *b) {
  uint64_t i;
  if (!strings_ok(hd, (const char *)b + l->str))
    return "strings";
  for (i = 0; i < (uint64_t)hd->nbase - 1; i++) {
    const unsigned char *r = b + l->base + i * BASE_SIZE;
    float w;
    memcpy(&w, r + 4, sizeof(w));
    if (r[0] == BASE_RULE)
      continue;
    /* as table_parse() leaves them */
    if (r[0] != BASE_TABLE || !ctx_pack(r[1]) ||
        (r[2] != ENTRY_CTX && r[2] != ENTRY_TELLTALE) ||
        r[3] > (INFL_N | INFL_V) || !(w > 0.0f && w <= 1.0f) ||
        r[20] > 1 || (r[20] && r[2] != ENTRY_CTX) || r[21] || r[22] ||
        r[23] ||
        !str_ok(hd, l, b, rd32(r + 8), 0) ||
        !str_ok(hd, l, b, rd32(r + 12), 0) ||
        !str_ok(hd, l, b, rd32(r + 16), 1))
      return "table entries";
  }
  for (i = 0; i < (uint64_t)hd->nentries - hd->nbase; i++) {
    const unsigned char *r = b + l->gen + i * GEN_SIZE;
    uint32_t src = rd32(r);
    if (src < 1 || src >= hd->nbase || !str_ok(hd, l, b, rd32(r + 4), 0) ||
        !str_ok(hd, l, b, rd32(r + 8), 0))
      return "inflected entries";
  }
  for (i = 1; i < hd->nentries; i++) {
    const unsigned char *r = b + l->ent + (i - 1) * ENT_SIZE;
    uint32_t next = rd32(r), lm = rd32(r + 4);
    uint16_t norig;
    float delta;
    memcpy(&norig, r + 10, sizeof(norig));
    memcpy(&delta, r + 12, sizeof(delta));
    if (!isfinite(delta))
      return "model ids";
    /* chains run to lower numbers, so every walk ends */
    if (next >= i)
      return "entry links";
    if (lm == UINT32_MAX ? norig != 0
                         : lm > hd->npool || norig > hd->npool - lm)
      return "model ids";
  }
  for (i = 0; i < hd->nvocab; i++) {
    const unsigned char *r = b + l->vocab + i * VOCAB_SIZE;
    uint32_t off = rd32(r), len = rd32(r + 4);
    if (!len || off >= hd->strsize || len >= hd->strsize - off ||
        memchr(b + l->str + off, '\0', len))
      return "vocabulary";
  }
  for (i = 0; i < hd->nedges; i++) {
    const unsigned char *r = b + l->edges + i * EDGE_SIZE;
    uint64_t key = rd64(r);
    uint32_t id = (uint32_t)key, child = rd32(r + 8);
    if ((key >> 32) >= hd->nnodes || id < 1 || id > hd->nvocab || child < 1 ||
        child >= hd->nnodes || rd32(r + 12) ||
        (i && key <= rd64(r - EDGE_SIZE)))
      return "index edges";
  }
  for (i = 0; i < hd->nnodes; i++)
    if (rd32(b + l->head + i * 4) >= hd->nentries)
      return "index nodes";
  return NULL;
}

/* Build the match index from the file into ix (fresh); 0 on duplicates. */
static int load_index(struct index *ix, const struct prepared_header *hd,
                      const struct layout *l, const unsigned char *b) {
  uint64_t i;
  hash_reserve(&ix->vocab, hd->nvocab);
  /* ids in file order, as index_intern() gave them; a word listed twice
   * shows in the count */
  for (i = 0; i < hd->nvocab; i++) {
    const unsigned char *r = b + l->vocab + i * VOCAB_SIZE;
    hash_put(&ix->vocab, (const char *)b + l->str + rd32(r), rd32(r + 4),
             (uint32_t)(i + 1));
  }
  if (ix->vocab.count != hd->nvocab)
    return 0;
  hash_u64_reserve(&ix->edges, hd->nedges);
  for (i = 0; i < hd->nedges; i++) {
    const unsigned char *r = b + l->edges + i * EDGE_SIZE;
    hash_u64_put(&ix->edges, rd64(r), rd32(r + 8));
  }
  ALLOC_GROW(ix->head, hd->nnodes, ix->alloc);
  for (i = 0; i < hd->nnodes; i++)
    ix->head[i] = rd32(b + l->head + i * 4);
  ix->nnodes = hd->nnodes;
  return 1;
}

static void apply(unspin_ctx *ctx, const struct prepared_header *hd,
                  const struct layout *l, const unsigned char *b) {
  /* sections start at multiples of 8 in a page-aligned mapping */
  const char *str = (const char *)b + l->str;
  const uint32_t *pool = (const uint32_t *)(const void *)(b + l->pool);
  size_t i, ngen = hd->nentries - hd->nbase, rule = 1;
  struct entry *ents = xcalloc(hd->nentries, sizeof(*ents));
  /* the table entries from the file, as table_parse() makes them; the
   * rule entries, in order, from the rules just parsed */
  for (i = 1; i < hd->nbase; i++) {
    const unsigned char *r = b + l->base + (i - 1) * BASE_SIZE;
    struct entry *e = &ents[i];
    const struct pack *pk;
    if (r[0] == BASE_RULE) {
      *e = ctx->entries[rule++];
      continue;
    }
    pk = ctx_pack(r[1]);
    e->spun = str + rd32(r + 8);
    e->original = str + rd32(r + 12);
    e->source = str + rd32(r + 16);
    memcpy(&e->weight, r + 4, sizeof(e->weight));
    e->cls = r[2];
    e->infl = r[3];
    e->name = r[20];
    e->rule_id = pack_rule_id(pk, e);
    e->message = pk->message;
    e->pack = pk->name;
  }
  free(ctx->entries);
  ctx->entries = ents;
  ctx->alloc = hd->nentries;
  ctx->nbase = hd->nbase;
  ctx->gen_src = xmalloc((ngen + 1) * sizeof(*ctx->gen_src));
  for (i = 0; i < ngen; i++) {
    const unsigned char *r = b + l->gen + i * GEN_SIZE;
    struct entry *g = &ctx->entries[hd->nbase + i];
    *g = ctx->entries[rd32(r)];
    g->spun = str + rd32(r + 4);
    g->original = str + rd32(r + 8);
    g->generated = 1;
    g->infl = 0;
    ctx->gen_src[i] = rd32(r);
  }
  ctx->nentries = hd->nentries;
  for (i = 1; i < hd->nentries; i++) {
    const unsigned char *r = b + l->ent + (i - 1) * ENT_SIZE;
    struct entry *e = &ctx->entries[i];
    uint32_t lm = rd32(r + 4);
    e->next = rd32(r);
    e->orig_lm = lm == UINT32_MAX ? NULL : pool + lm;
    memcpy(&e->nspun, r + 8, sizeof(e->nspun));
    memcpy(&e->norig, r + 10, sizeof(e->norig));
    memcpy(&e->base_delta, r + 12, sizeof(e->base_delta));
  }
}

/*
 * The whole file, mapped read-only and private (no copy: the entries'
 * strings and model ids are used where they lie); NULL and *err when it
 * cannot be.  An empty file gives a one-byte buffer of its own, *size 0.
 */
static unsigned char *map_all(const char *path, size_t *size,
                              unspin_error *err) {
  struct stat st;
  void *map;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    unspin_error_set(err, UNSPIN_ERR_IO, path, 0, 0, "cannot open '%s': %s",
                     path, strerror(errno));
    return NULL;
  }
  if (fstat(fd, &st) || !S_ISREG(st.st_mode) ||
      (uint64_t)st.st_size > (uint64_t)MAX_COUNT * 16) {
    unspin_error_set(err, UNSPIN_ERR_IO, path, 0, 0,
                     "cannot read '%s': not a regular file of a sane size",
                     path);
    close(fd);
    return NULL;
  }
  *size = (size_t)st.st_size;
  if (!*size) {
    close(fd);
    return xcalloc(1, 1);
  }
  map = mmap(NULL, *size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (map == MAP_FAILED) {
    unspin_error_set(err, UNSPIN_ERR_IO, path, 0, 0, "cannot map '%s': %s",
                     path, strerror(errno));
    return NULL;
  }
  return map;
}

static void unmap(unsigned char *b, size_t size) {
  if (size)
    munmap(b, size);
  else
    free(b);
}

void prepared_unmap(unspin_ctx *ctx) {
  if (ctx->cache_map)
    unmap((unsigned char *)ctx->cache_map, ctx->cache_size);
  ctx->cache_map = NULL;
  ctx->cache_size = 0;
}

/* Checks that need nothing from ctx but its key: NULL when the file is a
 * cache for it, else what is wrong (*state says CORRUPT or STALE). */
static const char *check_file(const unspin_ctx *ctx, const unsigned char *b,
                              size_t size, struct prepared_header *hd,
                              struct layout *l, int *state) {
  *state = UNSPIN_CACHE_CORRUPT;
  if (size < 12 || memcmp(b, PREPARED_MAGIC, 8))
    return "bad magic";
  if (rd32(b + 8) != PREPARED_VERSION) {
    *state = UNSPIN_CACHE_STALE; /* made by another version: rebuild it */
    return "version";
  }
  if (size < sizeof(*hd))
    return "truncated";
  memcpy(hd, b, sizeof(*hd));
  if (hd->endian != PREPARED_ENDIAN_TAG || hd->header_size != sizeof(*hd))
    return "bad header";
  if (hd->file_size != size)
    return hd->file_size > size ? "truncated" : "size";
  if (prepared_file_checksum(b, size) != hd->checksum)
    return "checksum mismatch";
  if (hd->key[0] != ctx->key.h[0] || hd->key[1] != ctx->key.h[1]) {
    *state = UNSPIN_CACHE_STALE;
    return "key";
  }
  /* same key, so the same tables and rules: anything else is damage */
  if (!layout_of(hd, l) || l->end != size)
    return "bad counts";
  return check_body(hd, l, b);
}

int prepared_read(unspin_ctx *ctx, const char *path, unspin_error *err, int *rc,
                  unspin_error *rc_err) {
  struct prepared_header hd;
  struct layout l;
  struct index ix;
  struct stat st;
  unsigned char *b;
  size_t size = 0, i, nrules = 0;
  const char *bad;
  int state;
  *rc = UNSPIN_OK;
  if (stat(path, &st) && errno == ENOENT)
    return UNSPIN_CACHE_MISSING;
  if (!(b = map_all(path, &size, err)))
    return UNSPIN_CACHE_CORRUPT;
  if ((bad = check_file(ctx, b, size, &hd, &l, &state))) {
    unmap(b, size);
    return state == UNSPIN_CACHE_STALE ? state : corrupt(err, path, bad);
  }
  index_init(&ix);
  if (!load_index(&ix, &hd, &l, b)) {
    index_release(&ix);
    unmap(b, size);
    return corrupt(err, path, "vocabulary");
  }
  /* the rules themselves are needed (their conditions, their entries) */
  if ((*rc = ctx_parse_deferred(ctx, "R", rc_err))) {
    index_release(&ix);
    unmap(b, size);
    return UNSPIN_CACHE_STALE;
  }
  for (i = 0; i + 1 < hd.nbase; i++)
    nrules += b[l.base + i * BASE_SIZE] == BASE_RULE;
  if (nrules != ctx->nentries - 1) {
    /* undo the rules, for prepare to parse everything in order */
    ctx->nentries = 1;
    ctx->nrules = 0;
    index_release(&ix);
    unmap(b, size);
    return corrupt(err, path, "rule entries");
  }
  index_release(&ctx->index);
  ctx->index = ix;
  apply(ctx, &hd, &l, b);
  ctx->cache_map = b;
  ctx->cache_size = size;
  return UNSPIN_CACHE_USED;
}

/* ---- writing ----------------------------------------------------------- */

static void put32(struct strbuf *sb, uint32_t v) {
  strbuf_add(sb, &v, sizeof(v));
}

static void pad8(struct strbuf *sb) {
  while (sb->len % 8)
    strbuf_addch(sb, '\0');
}

static uint32_t add_str(struct strbuf *str, const char *s, size_t n) {
  uint32_t off = (uint32_t)str->len;
  strbuf_add(str, s, n);
  strbuf_addch(str, '\0');
  return off;
}

static int cmp_edge(const void *a, const void *b) {
  uint64_t x = ((const struct hash_u64_slot *)a)->key;
  uint64_t y = ((const struct hash_u64_slot *)b)->key;
  return (x > y) - (x < y);
}

int prepared_write(const unspin_ctx *ctx, const char *path, unspin_error *err) {
  struct prepared_header hd;
  struct strbuf out = STRBUF_INIT, str = STRBUF_INIT, pool = STRBUF_INIT;
  const struct index *ix = &ctx->index;
  const struct hash_slot **words;
  struct hash_u64_slot *edges;
  size_t i, n;
  uint64_t sum;
  int rc;
  if (!ctx->prepared)
    return unspin_error_set(err, UNSPIN_ERR_ARG, path, 0, 0,
                            "the context is not prepared");
  if (!*UNSPIN_CODE_HASH)
    return unspin_error_set(err, UNSPIN_ERR_ARG, path, 0, 0,
                            "this build has no code hash to key a cache "
                            "with (build with the Makefile)");
  if (ctx->lexicon && lexicon_loaded(ctx->lexicon))
    return unspin_error_set(err, UNSPIN_ERR_ARG, path, 0, 0,
                            "hunspell had to be asked about word forms the "
                            "lexicon cache lacks; run 'make lexicon' first");
  if (ctx->nentries > MAX_COUNT || ix->vocab.count > MAX_COUNT ||
      ix->nnodes > MAX_COUNT || ix->edges.count > MAX_COUNT)
    return unspin_error_set(err, UNSPIN_ERR_ARG, path, 0, 0,
                            "the context is too large to cache");
  memset(&hd, 0, sizeof(hd));
  memcpy(hd.magic, PREPARED_MAGIC, 8);
  hd.version = PREPARED_VERSION;
  hd.header_size = sizeof(hd);
  hd.key[0] = ctx->key.h[0];
  hd.key[1] = ctx->key.h[1];
  hd.endian = PREPARED_ENDIAN_TAG;
  hd.nbase = (uint32_t)ctx->nbase;
  hd.nentries = (uint32_t)ctx->nentries;
  hd.nvocab = (uint32_t)ix->vocab.count;
  hd.nnodes = (uint32_t)ix->nnodes;
  hd.nedges = (uint32_t)ix->edges.count;
  strbuf_add(&out, &hd, sizeof(hd));
  for (i = 1; i < ctx->nbase; i++) {
    const struct entry *e = &ctx->entries[i];
    unsigned char r[BASE_SIZE];
    uint32_t v;
    size_t k;
    memset(r, 0, sizeof(r));
    if (e->rule) {
      r[0] = BASE_RULE;
    } else {
      for (k = 0; ctx_pack(k) && strcmp(ctx_pack(k)->name, e->pack); k++)
        ;
      if (!ctx_pack(k) || k > 255)
        UNSPIN_BUG("table entry of no pack");
      r[0] = BASE_TABLE;
      r[1] = (unsigned char)k;
      r[2] = e->cls;
      r[3] = e->infl;
      r[20] = e->name;
      memcpy(r + 4, &e->weight, sizeof(e->weight));
      v = add_str(&str, e->spun, strlen(e->spun));
      memcpy(r + 8, &v, 4);
      v = add_str(&str, e->original, strlen(e->original));
      memcpy(r + 12, &v, 4);
      v = add_str(&str, e->source, strlen(e->source));
      memcpy(r + 16, &v, 4);
    }
    strbuf_add(&out, r, sizeof(r));
  }
  pad8(&out);
  for (i = ctx->nbase; i < ctx->nentries; i++) {
    const struct entry *e = &ctx->entries[i];
    put32(&out, ctx->gen_src[i - ctx->nbase]);
    put32(&out, add_str(&str, e->spun, strlen(e->spun)));
    put32(&out, add_str(&str, e->original, strlen(e->original)));
  }
  pad8(&out);
  for (i = 1; i < ctx->nentries; i++) {
    const struct entry *e = &ctx->entries[i];
    uint32_t lm = UINT32_MAX;
    if (e->orig_lm) {
      lm = (uint32_t)(pool.len / 4);
      strbuf_add(&pool, e->orig_lm, e->norig * sizeof(uint32_t));
    }
    put32(&out, e->next);
    put32(&out, lm);
    strbuf_add(&out, &e->nspun, sizeof(e->nspun));
    strbuf_add(&out, &e->norig, sizeof(e->norig));
    strbuf_add(&out, &e->base_delta, sizeof(e->base_delta));
  }
  pad8(&out);
  /* the vocabulary in id order */
  words = xcalloc(ix->vocab.count + 1, sizeof(*words));
  for (i = 0; i < ix->vocab.cap; i++)
    if (ix->vocab.slots[i].key)
      words[ix->vocab.slots[i].value - 1] = &ix->vocab.slots[i];
  for (i = 0; i < ix->vocab.count; i++) {
    put32(&out, add_str(&str, words[i]->key, words[i]->len));
    put32(&out, words[i]->len);
  }
  free(words);
  pad8(&out);
  edges = xmalloc((ix->edges.count + 1) * sizeof(*edges));
  for (i = 0, n = 0; i < ix->edges.cap; i++)
    if (ix->edges.slots[i].key)
      edges[n++] = ix->edges.slots[i];
  qsort(edges, n, sizeof(*edges), cmp_edge);
  for (i = 0; i < n; i++) {
    strbuf_add(&out, &edges[i].key, sizeof(edges[i].key));
    put32(&out, edges[i].value);
    put32(&out, 0);
  }
  free(edges);
  pad8(&out);
  for (i = 0; i < ix->nnodes; i++)
    put32(&out, ix->head[i]);
  pad8(&out);
  strbuf_add(&out, pool.buf, pool.len);
  pad8(&out);
  if (!str.len)
    strbuf_addch(&str, '\0');
  strbuf_add(&out, str.buf, str.len);
  pad8(&out);
  /* the counts that only the writing told */
  hd.npool = (uint32_t)(pool.len / 4);
  hd.strsize = (uint32_t)str.len;
  hd.file_size = out.len;
  memcpy(out.buf, &hd, sizeof(hd));
  sum = prepared_file_checksum(out.buf, out.len);
  memcpy(out.buf + offsetof(struct prepared_header, checksum), &sum,
         sizeof(sum));
  rc = write_file_atomic(path, out.buf, out.len, err);
  strbuf_release(&out);
  strbuf_release(&str);
  strbuf_release(&pool);
  return rc;
}
