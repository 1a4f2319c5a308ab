/*
 * ngram_build.c - turn the text dump of a Katz back-off trigram model into
 * the binary model that ngram.c maps (format described there).
 *
 * Steps: parse (unigrams first, so ids can be fixed before the first
 * bigram); list any missing context or suffix bigram of a trigram;
 * optionally prune by weighted difference and renormalise the back-off
 * weights; quantise the bigram and trigram values to 256 levels each by
 * 1-D k-means (unigrams stay exact floats); hash the n-grams into bucketed
 * fingerprint tables; write the file atomically.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hash.h"
#include "ngram.h"
#include "strbuf.h"
#include "util.h"

struct big {
  uint32_t a, b;
  float p, bo;
  double w; /* P(a b), the weight for pruning and collisions */
  unsigned char keep;
  unsigned char has_tri;  /* the context of some trigram */
  unsigned char kept_tri; /* the context of some kept trigram */
  unsigned char needed;   /* the suffix of some kept trigram */
  unsigned char need_bo;  /* back-off weight to recompute */
};

struct trig {
  uint32_t a, b, c;
  float p;
  double w;
  unsigned char keep;
};

struct builder {
  const char *name;
  unspin_error *err;
  unsigned line;
  /* vocabulary: while reading unigrams ids are provisional (file order);
   * finish_vocab() renumbers them by probability */
  struct hash vmap;
  struct strbuf vstr;
  uint32_t *voff; /* voff[i - 1], voff[i]: bytes of word i in vstr */
  float *p1, *bo1;
  size_t nv, av;
  int vocab_done;
  uint32_t bos, eos;
  struct big *bg;
  size_t nbg, abg;
  struct trig *tg;
  size_t ntg, atg;
  struct hash_u64 bmap; /* pack2(a, b) -> bigram index + 1 */
};

static uint64_t pack2(uint32_t a, uint32_t b) {
  return (uint64_t)a | (uint64_t)b << 21;
}

static int syntax(struct builder *B, const char *fmt, ...)
    UNSPIN_PRINTF(2, 3);

static int syntax(struct builder *B, const char *fmt, ...) {
  char msg[200];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  return unspin_error_set(B->err, UNSPIN_ERR_SYNTAX, B->name, B->line, 0,
                          "%s", msg);
}

/* ---- vocabulary -------------------------------------------------------- */

struct vsort {
  float p;
  uint32_t old;
  const char *s;
  uint32_t len;
};

static int cmp_vsort(const void *x, const void *y) {
  const struct vsort *a = x, *b = y;
  size_t n = a->len < b->len ? a->len : b->len;
  int c;
  if (a->p != b->p)
    return a->p > b->p ? -1 : 1;
  c = memcmp(a->s, b->s, n);
  if (c)
    return c;
  return a->len < b->len ? -1 : a->len > b->len;
}

/* Number the words by descending unigram probability, so the words met
 * most often share cache lines in the mapped file. */
static int finish_vocab(struct builder *B) {
  struct vsort *v;
  struct strbuf s = STRBUF_INIT;
  uint32_t *off;
  float *p1, *bo1;
  size_t i;
  B->vocab_done = 1;
  if (!B->nv)
    return syntax(B, "the model has no unigrams");
  v = xmalloc(B->nv * sizeof(*v));
  for (i = 0; i < B->nv; i++) {
    v[i].p = B->p1[i + 1];
    v[i].old = (uint32_t)i + 1;
    v[i].s = B->vstr.buf + B->voff[i];
    v[i].len = B->voff[i + 1] - B->voff[i];
  }
  qsort(v, B->nv, sizeof(*v), cmp_vsort);
  off = xmalloc((B->nv + 1) * sizeof(*off));
  p1 = xmalloc((B->nv + 1) * sizeof(*p1));
  bo1 = xmalloc((B->nv + 1) * sizeof(*bo1));
  off[0] = 0;
  p1[0] = bo1[0] = 0.0f;
  for (i = 0; i < B->nv; i++) {
    uint32_t id = (uint32_t)i + 1;
    strbuf_add(&s, v[i].s, v[i].len);
    off[id] = (uint32_t)s.len;
    p1[id] = B->p1[v[i].old];
    bo1[id] = B->bo1[v[i].old];
    hash_put(&B->vmap, v[i].s, v[i].len, id);
  }
  free(v);
  free(B->voff);
  free(B->p1);
  free(B->bo1);
  strbuf_release(&B->vstr);
  B->vstr = s;
  B->voff = off;
  B->p1 = p1;
  B->bo1 = bo1;
  B->bos = hash_get(&B->vmap, "<s>", 3);
  B->eos = hash_get(&B->vmap, "</s>", 4);
  if (!B->bos || !B->eos) {
    B->line = 0;
    return syntax(B, "the vocabulary has no '%s'", B->bos ? "</s>" : "<s>");
  }
  return UNSPIN_OK;
}

static int add_unigram(struct builder *B, const char *w, size_t len, float p,
                       float bo) {
  uint32_t id;
  if (hash_get(&B->vmap, w, len))
    return syntax(B, "duplicate unigram '%s'", w);
  if (B->nv >= NGRAM_MAX_VOCAB)
    return syntax(B, "too many words in the vocabulary");
  if (B->vstr.len + len > UINT32_MAX)
    return syntax(B, "the vocabulary is too large");
  id = (uint32_t)++B->nv;
  ALLOC_GROW(B->voff, B->nv + 1, B->av);
  B->p1 = xrealloc(B->p1, B->av * sizeof(*B->p1));
  B->bo1 = xrealloc(B->bo1, B->av * sizeof(*B->bo1));
  if (id == 1)
    B->voff[0] = 0;
  strbuf_add(&B->vstr, w, len);
  B->voff[id] = (uint32_t)B->vstr.len;
  B->p1[id] = p;
  B->bo1[id] = bo;
  hash_put(&B->vmap, w, len, id);
  return UNSPIN_OK;
}

/* ---- reading ------------------------------------------------------------ */

static void add_bigram(struct builder *B, uint32_t a, uint32_t b, float p,
                       float bo) {
  struct big *g;
  ALLOC_GROW(B->bg, B->nbg + 1, B->abg);
  g = &B->bg[B->nbg++];
  memset(g, 0, sizeof(*g));
  g->a = a;
  g->b = b;
  g->p = p;
  g->bo = bo;
  g->keep = 1;
  hash_u64_put(&B->bmap, pack2(a, b), (uint32_t)B->nbg);
}

static int parse_float(struct builder *B, const char *s, int may_be_empty,
                       float *out) {
  char *end;
  double d;
  if (!*s && may_be_empty) {
    *out = 0.0f;
    return UNSPIN_OK;
  }
  errno = 0;
  d = strtod(s, &end);
  if (end == s || *end || errno || !isfinite(d) || d < -1000 || d > 1000)
    return syntax(B, "invalid number '%s'", s);
  *out = (float)d;
  return UNSPIN_OK;
}

static int parse_line(struct builder *B, char *line, int *last_order) {
  char *f[4], *p = line, *w[3];
  size_t len[3];
  uint32_t id[3];
  int order, n = 0, i;
  float prob, bo;
  for (i = 0; i < 4; i++) {
    f[i] = p;
    p = strchr(p, '\t');
    if (i < 3) {
      if (!p)
        return syntax(B, "expected 4 tab-separated fields");
      *p++ = '\0';
    }
  }
  if (p)
    return syntax(B, "expected 4 tab-separated fields");
  if (strlen(f[0]) != 1 || f[0][0] < '1' || f[0][0] > '3')
    return syntax(B, "invalid order '%s' (expected 1, 2 or 3)", f[0]);
  order = f[0][0] - '0';
  if (order < *last_order)
    return syntax(B, "n-grams must be sorted by order");
  *last_order = order;
  if (parse_float(B, f[1], 0, &prob) || parse_float(B, f[2], 1, &bo))
    return UNSPIN_ERR_SYNTAX;
  if (prob > 0.0f)
    return syntax(B, "log10 probability '%s' is positive", f[1]);
  for (p = f[3];; p++) {
    char *sp = strchr(p, ' ');
    if (n == order)
      return syntax(B, "more words than the order says");
    w[n] = p;
    len[n] = sp ? (size_t)(sp - p) : strlen(p);
    if (!len[n])
      return syntax(B, "empty word");
    n++;
    if (!sp)
      break;
    *sp = '\0';
    p = sp;
  }
  if (n != order)
    return syntax(B, "fewer words than the order says");
  if (order == 1) {
    if (B->vocab_done)
      return syntax(B, "n-grams must be sorted by order");
    return add_unigram(B, w[0], len[0], prob, bo);
  }
  if (!B->vocab_done && finish_vocab(B))
    return UNSPIN_ERR_SYNTAX;
  for (i = 0; i < n; i++)
    if (!(id[i] = hash_get(&B->vmap, w[i], len[i])))
      return syntax(B, "unknown word '%s' (not among the unigrams)", w[i]);
  if (order == 2) {
    if (hash_u64_get(&B->bmap, pack2(id[0], id[1])))
      return syntax(B, "duplicate bigram '%s %s'", w[0], w[1]);
    add_bigram(B, id[0], id[1], prob, bo);
  } else {
    struct trig *t;
    ALLOC_GROW(B->tg, B->ntg + 1, B->atg);
    t = &B->tg[B->ntg++];
    memset(t, 0, sizeof(*t));
    t->a = id[0];
    t->b = id[1];
    t->c = id[2];
    t->p = prob;
    t->keep = 1;
  }
  return UNSPIN_OK;
}

static int read_dump(struct builder *B, FILE *in) {
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  int last = 1, rc = UNSPIN_OK;
  while ((n = getline(&line, &cap, in)) >= 0) {
    B->line++;
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
      line[--n] = '\0';
    if (!n || line[0] == '#')
      continue;
    if (strlen(line) != (size_t)n) {
      rc = syntax(B, "NUL byte in input");
      break;
    }
    if ((rc = parse_line(B, line, &last)))
      break;
  }
  free(line);
  if (rc)
    return rc;
  if (ferror(in))
    return unspin_error_set(B->err, UNSPIN_ERR_IO, B->name, 0, 0,
                            "read error: %s", strerror(errno));
  B->line = 0;
  if (!B->vocab_done)
    return finish_vocab(B);
  return UNSPIN_OK;
}

/* ---- pruning ------------------------------------------------------------ */

static struct big *bigram(const struct builder *B, uint32_t a, uint32_t b) {
  uint32_t i = hash_u64_get(&B->bmap, pack2(a, b));
  return i ? &B->bg[i - 1] : NULL;
}

/* log10 P(c | b) with back-off; only kept bigrams count when kept_only */
static double p2(const struct builder *B, uint32_t b, uint32_t c,
                 int kept_only) {
  const struct big *g = bigram(B, b, c);
  if (g && (g->keep || !kept_only))
    return g->p;
  return (double)B->bo1[b] + B->p1[c];
}

/* P(a) as the first word of an n-gram: <s> has log10 P = -99 as a word
 * to predict, but starts as many sentences as </s> ends */
static double p_first(const struct builder *B, uint32_t a) {
  return pow(10.0, a == B->bos ? B->p1[B->eos] : B->p1[a]);
}

/*
 * The loader looks a trigram up only when its context and its suffix are
 * listed bigrams, which cuts false fingerprint matches.  ARPA files list
 * both as a rule; where one is missing, add it with the probability the
 * back-off gives it, which leaves the distribution (and the back-off
 * weights) as they were.
 */
static void complete(struct builder *B, struct ngram_build_stats *st) {
  size_t i;
  for (i = 0; i < B->ntg; i++) {
    const struct trig *t = &B->tg[i];
    if (!bigram(B, t->a, t->b)) {
      add_bigram(B, t->a, t->b, B->bo1[t->a] + B->p1[t->b], 0.0f);
      st->added++;
    }
    if (!bigram(B, t->b, t->c)) {
      add_bigram(B, t->b, t->c, B->bo1[t->b] + B->p1[t->c], 0.0f);
      st->added++;
    }
  }
}

static void weigh(struct builder *B) {
  size_t i;
  for (i = 0; i < B->nbg; i++)
    B->bg[i].w = p_first(B, B->bg[i].a) * pow(10.0, B->bg[i].p);
  for (i = 0; i < B->ntg; i++) {
    struct trig *t = &B->tg[i];
    struct big *ctx = bigram(B, t->a, t->b);
    t->w = p_first(B, t->a) * pow(10.0, p2(B, t->a, t->b, 0) + t->p);
    if (ctx)
      ctx->has_tri = 1;
  }
}

static double renorm(double sum_p, double sum_q, double old) {
  /* Katz: the mass the listed n-grams leave, over the mass their lower
   * order leaves; keep the old weight when rounding ate either */
  if (1.0 - sum_p < 1e-9 || 1.0 - sum_q < 1e-9)
    return old;
  return log10((1.0 - sum_p) / (1.0 - sum_q));
}

static void prune(struct builder *B, double x, struct ngram_build_stats *st) {
  unsigned char *changed1 = xcalloc(B->nv + 1, 1);
  double *sp, *sq;
  size_t i;
  /* trigrams, judged against the unpruned bigram model */
  for (i = 0; i < B->ntg; i++) {
    struct trig *t = &B->tg[i];
    struct big *ctx = bigram(B, t->a, t->b); /* complete() made sure */
    double q = ctx->bo + p2(B, t->b, t->c, 0);
    if (t->w * fabs(t->p - q) < x) {
      t->keep = 0;
      st->pruned[3]++;
      ctx->need_bo = 1;
    } else {
      /* a kept trigram keeps its context and its suffix */
      ctx->kept_tri = 1;
      bigram(B, t->b, t->c)->needed = 1;
    }
  }
  /* bigrams, except those still needed */
  for (i = 0; i < B->nbg; i++) {
    struct big *g = &B->bg[i];
    double q = (double)B->bo1[g->a] + B->p1[g->b];
    if (!g->kept_tri && !g->needed && g->w * fabs(g->p - q) < x) {
      g->keep = 0;
      st->pruned[2]++;
      changed1[g->a] = 1;
    }
  }
  /* new unigram back-off weights where bigrams went */
  sp = xcalloc(B->nv + 1, sizeof(*sp));
  sq = xcalloc(B->nv + 1, sizeof(*sq));
  for (i = 0; i < B->nbg; i++) {
    const struct big *g = &B->bg[i];
    if (g->keep && changed1[g->a]) {
      sp[g->a] += pow(10.0, g->p);
      sq[g->a] += pow(10.0, B->p1[g->b]);
    }
  }
  for (i = 1; i <= B->nv; i++)
    if (changed1[i])
      B->bo1[i] = (float)renorm(sp[i], sq[i], B->bo1[i]);
  free(sp);
  free(sq);
  /* new bigram back-off weights where trigrams went or P(c|b) changed */
  for (i = 0; i < B->nbg; i++)
    if (B->bg[i].has_tri && changed1[B->bg[i].b])
      B->bg[i].need_bo = 1;
  sp = xcalloc(B->nbg, sizeof(*sp));
  sq = xcalloc(B->nbg, sizeof(*sq));
  for (i = 0; i < B->ntg; i++) {
    const struct trig *t = &B->tg[i];
    struct big *ctx = bigram(B, t->a, t->b);
    if (t->keep && ctx && ctx->need_bo) {
      size_t k = (size_t)(ctx - B->bg);
      sp[k] += pow(10.0, t->p);
      sq[k] += pow(10.0, p2(B, t->b, t->c, 1));
    }
  }
  for (i = 0; i < B->nbg; i++)
    if (B->bg[i].need_bo)
      B->bg[i].bo = (float)renorm(sp[i], sq[i], B->bg[i].bo);
  free(sp);
  free(sq);
  free(changed1);
}

/* ---- quantisation ------------------------------------------------------- */

struct qval {
  float v;
  double w;
};

static int cmp_qval(const void *x, const void *y) {
  float a = ((const struct qval *)x)->v, b = ((const struct qval *)y)->v;
  return a < b ? -1 : a > b;
}

static int cmp_float(const void *x, const void *y) {
  float a = *(const float *)x, b = *(const float *)y;
  return a < b ? -1 : a > b;
}

/*
 * 256 levels for n values by Lloyd's k-means in one dimension, started from
 * weighted quantiles.  The points weigh a third by count (each value alike),
 * a third by usage u (P(h w): how often text meets the n-gram), and a third
 * is an even grid over the range.  By count alone the few high
 * probabilities of the most frequent n-grams would share coarse levels; by
 * usage alone the rare n-grams, which tell a spun phrase from the original,
 * would; the grid bounds the gap between levels in the sparse tails.  On
 * the en-us model this beats both plain k-means and even spacing in mean
 * and in maximum error.
 */
#define QUANT_GRID 4096
#define QW_COUNT (1.0 / 3)
#define QW_USE (1.0 / 3)
#define QW_GRID (1.0 / 3)

/* Sort q[0..n) by value and merge equal values; returns how many remain. */
static size_t merge_equal(struct qval *q, size_t n) {
  size_t i, nd = 0;
  qsort(q, n, sizeof(*q), cmp_qval);
  for (i = 0; i < n; i++) {
    if (nd && q[nd - 1].v == q[i].v)
      q[nd - 1].w += q[i].w;
    else
      q[nd++] = q[i];
  }
  return nd;
}

static void kmeans(const struct qval *q, size_t nd, double *cen, size_t K) {
  double *sum = xmalloc(K * sizeof(*sum)), *cnt = xmalloc(K * sizeof(*cnt));
  double acc = 0;
  size_t i, j;
  int iter;
  for (i = 0, j = 0; j < K; j++) {
    double target = (j + 0.5) / (double)K;
    while (i + 1 < nd && acc + q[i].w < target)
      acc += q[i++].w;
    cen[j] = q[i].v;
  }
  for (iter = 0; iter < 300; iter++) {
    int moved = 0;
    memset(sum, 0, K * sizeof(*sum));
    memset(cnt, 0, K * sizeof(*cnt));
    for (i = 0, j = 0; i < nd; i++) {
      while (j + 1 < K && q[i].v > (cen[j] + cen[j + 1]) / 2)
        j++;
      sum[j] += q[i].v * q[i].w;
      cnt[j] += q[i].w;
    }
    for (j = 0; j < K; j++) {
      if (cnt[j] > 0 && sum[j] / cnt[j] != cen[j]) {
        cen[j] = sum[j] / cnt[j];
        moved = 1;
      }
    }
    if (!moved)
      break;
  }
  free(sum);
  free(cnt);
}

static void quant_levels(const float *vals, const double *u, size_t n,
                         float *levels) {
  struct qval *q = xmalloc((n + QUANT_GRID) * sizeof(*q));
  double cen[NGRAM_QLEVELS], usum = 0, lo, hi;
  size_t nd, i, nl = 0;
  for (i = 0; i < n; i++) {
    usum += u[i];
    q[i].v = vals[i];
    q[i].w = 0;
  }
  nd = merge_equal(q, n);
  if (nd <= NGRAM_QLEVELS) {
    /* few distinct values (small models): keep them exact */
    for (i = 0; i < nd; i++)
      levels[nl++] = q[i].v;
  } else {
    lo = q[0].v;
    hi = q[nd - 1].v;
    for (i = 0; i < n; i++) {
      q[i].v = vals[i];
      q[i].w = QW_COUNT / (double)n +
               (usum > 0 ? QW_USE * u[i] / usum : QW_USE / (double)n);
    }
    for (i = 0; i < QUANT_GRID; i++) {
      q[n + i].v = (float)(lo + (hi - lo) * (double)i / (QUANT_GRID - 1));
      q[n + i].w = QW_GRID / QUANT_GRID;
    }
    nd = merge_equal(q, n + QUANT_GRID);
    kmeans(q, nd, cen, NGRAM_QLEVELS);
    for (i = 0; i < NGRAM_QLEVELS; i++)
      levels[nl++] = (float)cen[i];
    qsort(levels, nl, sizeof(*levels), cmp_float);
  }
  if (!nl)
    levels[nl++] = 0.0f;
  for (; nl < NGRAM_QLEVELS; nl++)
    levels[nl] = levels[nl - 1];
  free(q);
}

static uint8_t quant_code(const float *levels, float x) {
  size_t lo = 0, hi = NGRAM_QLEVELS; /* first level >= x */
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (levels[mid] < x)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == NGRAM_QLEVELS)
    return NGRAM_QLEVELS - 1;
  if (lo > 0 && x - levels[lo - 1] <= levels[lo] - x)
    lo--;
  return (uint8_t)lo;
}

/* ---- hash tables -------------------------------------------------------- */

struct item {
  uint64_t key; /* bucket << 16 | fingerprint */
  uint32_t id[3];
  uint8_t code;
  double w;
};

static int cmp_item(const void *x, const void *y) {
  const struct item *a = x, *b = y;
  int i;
  if (a->key != b->key)
    return a->key < b->key ? -1 : 1;
  for (i = 0; i < 3; i++)
    if (a->id[i] != b->id[i])
      return a->id[i] < b->id[i] ? -1 : 1;
  return 0;
}

struct table_out {
  unsigned bits;
  size_t n;
  uint32_t *groups;
  uint8_t *rel, *ent;
};

static unsigned bucket_bits(size_t n) {
  unsigned b = NGRAM_GROUP_SHIFT;
  while (((size_t)4 << b) < n)
    b++;
  return b;
}

static void add_item(struct item *it, unsigned bits, uint32_t a, uint32_t b,
                     uint32_t c, uint8_t code, double w) {
  uint64_t h = ngram_key_hash(a, b, c);
  it->key = (h >> (64 - bits)) << 16 | (h & 0xffff);
  it->id[0] = a;
  it->id[1] = b;
  it->id[2] = c;
  it->code = code;
  it->w = w;
}

static const char *item_words(const struct builder *B, const struct item *it,
                              struct strbuf *sb) {
  int i;
  for (i = 0; i < 3 && it->id[i]; i++) {
    uint32_t id = it->id[i];
    if (i)
      strbuf_addch(sb, ' ');
    strbuf_add(sb, B->vstr.buf + B->voff[id - 1],
               B->voff[id] - B->voff[id - 1]);
  }
  return sb->buf;
}

/* Sort the items into buckets; of items that share bucket and fingerprint
 * keep the heaviest (a lookup could not tell them apart). */
static int make_table(struct builder *B, struct item *it, size_t n,
                      unsigned bits, struct table_out *t, size_t *dropped) {
  size_t nb = (size_t)1 << bits, i, j, out = 0, b;
  qsort(it, n, sizeof(*it), cmp_item);
  for (i = 0; i < n; i = j) {
    size_t best = i;
    for (j = i + 1; j < n && it[j].key == it[i].key; j++) {
      if (!memcmp(it[j].id, it[j - 1].id, sizeof(it[j].id))) {
        struct strbuf sb = STRBUF_INIT;
        int rc = syntax(B, "duplicate n-gram '%s'", item_words(B, &it[j], &sb));
        strbuf_release(&sb);
        return rc;
      }
      if (it[j].w > it[best].w)
        best = j;
    }
    *dropped += j - i - 1;
    it[out++] = it[best];
  }
  t->bits = bits;
  t->n = out;
  t->groups = xcalloc((nb >> NGRAM_GROUP_SHIFT) + 1, sizeof(*t->groups));
  t->rel = xcalloc(nb + 1, 1);
  t->ent = xmalloc(out * NGRAM_ENTRY_SIZE + 1);
  for (i = 0, b = 0; b <= nb; b++) {
    size_t g = b >> NGRAM_GROUP_SHIFT;
    while (i < out && (it[i].key >> 16) < b)
      i++;
    if (!(b & ((1u << NGRAM_GROUP_SHIFT) - 1)))
      t->groups[g] = (uint32_t)i;
    if (i - t->groups[g] > 255)
      return unspin_error_set(B->err, UNSPIN_ERR_SYNTAX, B->name, 0, 0,
                              "too many n-grams in one hash bucket");
    t->rel[b] = (uint8_t)(i - t->groups[g]);
  }
  for (i = 0; i < out; i++) {
    t->ent[3 * i] = (uint8_t)(it[i].key & 0xff);
    t->ent[3 * i + 1] = (uint8_t)(it[i].key >> 8 & 0xff);
    t->ent[3 * i + 2] = it[i].code;
  }
  return UNSPIN_OK;
}

static void table_release(struct table_out *t) {
  free(t->groups);
  free(t->rel);
  free(t->ent);
}

/* ---- writing ------------------------------------------------------------ */

static size_t round8(size_t n) { return (n + 7) & ~(size_t)7; }

static int write_model(struct builder *B, const float quant[][NGRAM_QLEVELS],
                       const float *uni, struct table_out *tab,
                       const char *out_path, size_t *bytes) {
  struct ngram_file_header hd;
  unsigned vbits = 4;
  size_t size[NGRAM_NSEC], off = sizeof(hd), i;
  uint8_t *buf;
  uint32_t *vhash;
  int t, rc;
  while (((size_t)3 << vbits) < 4 * B->nv) /* load factor <= 3/4 */
    vbits++;
  size[NGRAM_S_QUANT] = sizeof(float) * NGRAM_NQUANT * NGRAM_QLEVELS;
  size[NGRAM_S_VOCAB_OFF] = (B->nv + 1) * 4;
  size[NGRAM_S_VOCAB_STR] = B->vstr.len;
  size[NGRAM_S_VOCAB_HASH] = ((size_t)1 << vbits) * 4;
  size[NGRAM_S_UNI] = (B->nv + 1) * 2 * sizeof(float);
  for (t = 0; t < NGRAM_NTAB; t++) {
    size_t nb = (size_t)1 << tab[t].bits;
    size[NGRAM_S_TAB + 3 * t] = ((nb >> NGRAM_GROUP_SHIFT) + 1) * 4;
    size[NGRAM_S_TAB + 3 * t + 1] = nb + 1;
    size[NGRAM_S_TAB + 3 * t + 2] = tab[t].n * NGRAM_ENTRY_SIZE;
  }
  memset(&hd, 0, sizeof(hd));
  for (i = 0; i < NGRAM_NSEC; i++) {
    hd.sec[i].offset = off;
    hd.sec[i].size = size[i];
    off += round8(size[i]);
  }
  buf = xcalloc(off, 1);
#define SEC(i) (buf + hd.sec[i].offset)
  memcpy(SEC(NGRAM_S_QUANT), quant, size[NGRAM_S_QUANT]);
  memcpy(SEC(NGRAM_S_VOCAB_OFF), B->voff, size[NGRAM_S_VOCAB_OFF]);
  memcpy(SEC(NGRAM_S_VOCAB_STR), B->vstr.buf, size[NGRAM_S_VOCAB_STR]);
  memcpy(SEC(NGRAM_S_UNI), uni, size[NGRAM_S_UNI]);
  vhash = (uint32_t *)SEC(NGRAM_S_VOCAB_HASH);
  for (i = 1; i <= B->nv; i++) {
    uint32_t s0 = B->voff[i - 1], mask = (1u << vbits) - 1;
    uint32_t j = (uint32_t)ngram_word_hash(B->vstr.buf + s0,
                                           B->voff[i] - s0) & mask;
    while (vhash[j])
      j = (j + 1) & mask;
    vhash[j] = (uint32_t)i;
  }
  for (t = 0; t < NGRAM_NTAB; t++) {
    size_t nb = (size_t)1 << tab[t].bits;
    memcpy(SEC(NGRAM_S_TAB + 3 * t), tab[t].groups,
           size[NGRAM_S_TAB + 3 * t]);
    memcpy(SEC(NGRAM_S_TAB + 3 * t + 1), tab[t].rel, nb + 1);
    memcpy(SEC(NGRAM_S_TAB + 3 * t + 2), tab[t].ent,
           size[NGRAM_S_TAB + 3 * t + 2]);
    hd.tab[t].count = tab[t].n;
    hd.tab[t].bucket_bits = tab[t].bits;
    hd.tab[t].entry_size = NGRAM_ENTRY_SIZE;
  }
#undef SEC
  memcpy(hd.magic, NGRAM_MAGIC, sizeof(hd.magic));
  hd.version = NGRAM_FORMAT_VERSION;
  hd.header_size = sizeof(hd);
  hd.file_size = off;
  hd.endian = NGRAM_ENDIAN_TAG;
  hd.vocab_size = (uint32_t)B->nv;
  hd.bos = B->bos;
  hd.eos = B->eos;
  hd.vocab_hash_bits = vbits;
  memcpy(buf, &hd, sizeof(hd));
  hd.checksum = ngram_file_checksum(buf, off);
  memcpy(buf, &hd, sizeof(hd));
  rc = write_file_atomic(out_path, buf, off, B->err);
  free(buf);
  *bytes = off;
  return rc;
}

/* ---- the whole build ---------------------------------------------------- */

static double quantise(const float *levels, const float *v, size_t n) {
  double e = 0;
  size_t i;
  for (i = 0; i < n; i++)
    e += fabs((double)levels[quant_code(levels, v[i])] - v[i]);
  return n ? e / (double)n : 0.0;
}

/* Whether a kept bigram goes into the context table. */
static int is_context(const struct big *g) {
  return g->kept_tri || g->bo != 0.0f;
}

/* Levels for one quantity, from the values of the n-grams that store it. */
static void quant_field(const struct builder *B, int field, float *levels,
                        struct ngram_build_stats *st, size_t *count) {
  size_t n = 0, i, most = B->nbg > B->ntg ? B->nbg : B->ntg;
  float *v = xmalloc((most ? most : 1) * sizeof(*v));
  double *u = xmalloc((most ? most : 1) * sizeof(*u));
  if (field == NGRAM_Q_TRI_P) {
    for (i = 0; i < B->ntg; i++) {
      if (B->tg[i].keep) {
        v[n] = B->tg[i].p;
        u[n++] = B->tg[i].w;
      }
    }
  } else {
    for (i = 0; i < B->nbg; i++) {
      const struct big *g = &B->bg[i];
      if (!g->keep || (field == NGRAM_Q_BI_BO && !is_context(g)))
        continue;
      v[n] = field == NGRAM_Q_BI_BO ? g->bo : g->p;
      u[n++] = g->w;
    }
  }
  quant_levels(v, u, n, levels);
  st->quant_err[field] = quantise(levels, v, n);
  *count = n;
  free(v);
  free(u);
}

static int build_tables(struct builder *B, const char *out_path,
                        struct ngram_build_stats *st) {
  float quant[NGRAM_NQUANT][NGRAM_QLEVELS];
  float *uni;
  struct item *it;
  struct table_out tab[NGRAM_NTAB];
  size_t i, n, nq[NGRAM_NQUANT], most;
  int rc = UNSPIN_OK, t;
  memset(tab, 0, sizeof(tab));
  /* unigrams stay exact: they are few, and every back-off ends in one */
  uni = xcalloc(B->nv + 1, 2 * sizeof(*uni));
  for (i = 1; i <= B->nv; i++) {
    uni[2 * i] = B->p1[i];
    uni[2 * i + 1] = B->bo1[i];
  }
  for (t = 0; t < NGRAM_NQUANT; t++)
    quant_field(B, t, quant[t], st, &nq[t]);
  most = B->nbg > B->ntg ? B->nbg : B->ntg;
  it = xmalloc((most ? most : 1) * sizeof(*it));
  for (t = 0; t < NGRAM_NTAB && !rc; t++) {
    unsigned bits = bucket_bits(nq[t == NGRAM_T_BI    ? NGRAM_Q_BI_P
                                   : t == NGRAM_T_CTX ? NGRAM_Q_BI_BO
                                                      : NGRAM_Q_TRI_P]);
    n = 0;
    if (t == NGRAM_T_TRI) {
      for (i = 0; i < B->ntg; i++) {
        const struct trig *g = &B->tg[i];
        if (g->keep)
          add_item(&it[n++], bits, g->a, g->b, g->c,
                   quant_code(quant[NGRAM_Q_TRI_P], g->p), g->w);
      }
    } else {
      for (i = 0; i < B->nbg; i++) {
        const struct big *g = &B->bg[i];
        if (!g->keep || (t == NGRAM_T_CTX && !is_context(g)))
          continue;
        add_item(&it[n++], bits, g->a, g->b, 0,
                 t == NGRAM_T_BI ? quant_code(quant[NGRAM_Q_BI_P], g->p)
                                 : quant_code(quant[NGRAM_Q_BI_BO], g->bo),
                 g->w);
      }
    }
    rc = make_table(B, it, n, bits, &tab[t], &st->collisions[t]);
  }
  free(it);
  if (!rc)
    rc = write_model(B, (const float(*)[NGRAM_QLEVELS])quant, uni, tab,
                     out_path, &st->bytes);
  for (t = 0; t < NGRAM_NTAB; t++)
    table_release(&tab[t]);
  free(uni);
  return rc;
}

int ngram_build(FILE *in, const char *out_path,
                const struct ngram_build_opts *o, unspin_error *err) {
  struct builder B;
  struct ngram_build_stats local, *st;
  int rc;
  if (!in || !out_path)
    return unspin_error_set(err, UNSPIN_ERR_ARG, NULL, 0, 0,
                            "no input or output given");
  st = o && o->stats ? o->stats : &local;
  memset(st, 0, sizeof(*st));
  memset(&B, 0, sizeof(B));
  B.name = o && o->in_name ? o->in_name : "<stdin>";
  B.err = err;
  hash_init(&B.vmap);
  strbuf_init(&B.vstr, 0);
  hash_u64_init(&B.bmap);
  rc = read_dump(&B, in);
  if (!rc) {
    st->vocab = B.nv;
    st->read[1] = B.nv;
    st->read[2] = B.nbg;
    st->read[3] = B.ntg;
    complete(&B, st);
    weigh(&B);
    if (o && o->prune > 0) {
      prune(&B, o->prune, st);
    } else {
      size_t i;
      for (i = 0; i < B.nbg; i++)
        B.bg[i].kept_tri = B.bg[i].has_tri;
    }
    rc = build_tables(&B, out_path, st);
  }
  hash_release(&B.vmap);
  hash_u64_release(&B.bmap);
  strbuf_release(&B.vstr);
  free(B.voff);
  free(B.p1);
  free(B.bo1);
  free(B.bg);
  free(B.tg);
  return rc;
}
