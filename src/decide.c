/*
 * decide.c - see decide.h.
 *
 * With a model, the decision is a noisy channel solved jointly per cluster
 * of interacting sites.  For a site where the text has s and the table
 * offers an original o with channel weight w = P(o | s met in spun text):
 *
 *   odds(o : s) = q / (1 - q) * [P_LM(window with o) / P_LM(window with s)
 *                                / (P_LM(o) / P_LM(s))^phi]^lambda
 *
 * w already holds how common o is, so the LM ratio is divided by (most
 * of, FREQ_SCALE) the phrases' own prior ratio (entry.base_delta): the
 * context must favour o beyond o being a more frequent word.  Without that
 * the model "corrects" honest text toward frequent synonyms.  phi is
 * FREQ_SCALE.
 *
 * q = pi * w for ordinary entries, where pi is the probability that the
 * document was spun at all; telltales and rules carry their own weight.
 * A telltale or rule of weight 1 is certain (the academic pack's tortured
 * phrases): the model is not asked, as without a model, since how rare
 * the tortured form is says nothing against it.
 * pi is estimated per document by EM: the expected number of edits over
 * the number a spinner would have made here (the sum of the weights),
 * under a Beta prior that keeps a document with little evidence low.
 *
 * Sites whose trigram windows overlap form a cluster (at most MAX_SITES;
 * longer runs are split).  Every consistent choice in a cluster (each site
 * kept or replaced, no two replacements overlapping) is scored as a whole,
 * so neighbouring spun words ("the place preventing") are decided together.
 * The best choice of each cluster is applied; a finding's confidence is its
 * marginal posterior, discounted when a neighbour is probably spun and left
 * as it is (neighbour_discount()).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "decide.h"
#include "ngram.h"
#include "util.h"


/* Tuned on the training pairs (tools/train-eval.sh), not on the dev set. */
#define LM_SCALE 0.7     /* lambda: trust in the LM's log-probabilities */
#define PI_START 0.1     /* P(document is spun) before any evidence */
#define PI_ALPHA 0.5     /* Beta prior on it: pseudo-edits ... */
#define PI_BETA 10.0    /* ... and pseudo-sites left alone */
/* How much of the original's own frequency advantage (base_delta) the
 * context must overcome.  1.0 divides it out entirely; the weight w
 * already holds part of it (the table's observed weights come from spun
 * text, where frequent originals were replaced), and cross-validation by
 * article (tools/cv-eval.py) prefers 0.7: spin reduction 0.163 -> 0.228
 * at bar 0.7, precision 0.772 -> 0.765, false alarms on held-out
 * originals unchanged (0.37 per 1000). */
#define FREQ_SCALE 0.7
/* Tried on the same cross-validation and not kept (reduction/precision at
 * bar 0.7 vs 0.228/0.765): PI_BETA 3 or 5 and LM_SCALE 0.55..1.0 move
 * along the same curve as the bar; a neighbour discount x2 or x0.5, and a
 * spin risk for uncovered neighbours from their LM frequency, give a worse
 * curve; a per-entry rate within the document (a spinner is consistent)
 * gains ~0.01 reduction at bar 0.85, within noise, and without scaling by
 * pi doubles the false alarms on the held-out originals. */
/* Sites with a lower weight (thesaurus candidates) are too weak and too
 * many to say whether a document was spun; pi is estimated without them. */
#define PI_MIN_WEIGHT 0.1
#define EM_ROUNDS 6
#define MAX_SITES 8      /* a longer run of sites is split into blocks */
#define CONTEXT_AFTER 2  /* a trigram model: two following words change */

struct prio {
  uint32_t len;
  double conf;
  uint32_t tok, idx;
};

static int by_priority(const void *a, const void *b) {
  const struct prio *x = a, *y = b;
  if (x->len != y->len)
    return x->len > y->len ? -1 : 1;
  if (x->conf != y->conf)
    return x->conf > y->conf ? -1 : 1;
  return x->tok < y->tok ? -1 : x->tok > y->tok;
}

/* Keep the eligible candidates that do not overlap a longer or more
 * confident one. */
static void select_non_overlapping(size_t ntoks, struct candidates *cands,
                                   const unsigned char *eligible,
                                   unsigned char *chosen) {
  struct prio *order = xmalloc((cands->n + 1) * sizeof(*order));
  unsigned char *taken = xcalloc(ntoks + 1, 1);
  size_t i, n = 0;
  for (i = 0; i < cands->n; i++) {
    if (!eligible[i])
      continue;
    order[n].len = cands->v[i].tok_end - cands->v[i].tok;
    order[n].conf = cands->v[i].confidence;
    order[n].tok = cands->v[i].tok;
    order[n].idx = (uint32_t)i;
    n++;
  }
  qsort(order, n, sizeof(*order), by_priority);
  for (i = 0; i < n; i++) {
    struct candidate *c = &cands->v[order[i].idx];
    uint32_t t;
    int free_span = 1;
    for (t = c->tok; t < c->tok_end && free_span; t++)
      free_span = !taken[t];
    if (!free_span)
      continue;
    for (t = c->tok; t < c->tok_end; t++)
      taken[t] = 1;
    chosen[order[i].idx] = 1;
  }
  free(taken);
  free(order);
}

/* Without a model: telltales and rules only. */
static double decide_plain(const unspin_ctx *ctx, const unspin_doc *doc,
                           struct candidates *cands, unsigned char *chosen) {
  unsigned char *eligible = xcalloc(cands->n + 1, 1);
  size_t i, hits = 0;
  for (i = 0; i < cands->n; i++) {
    const struct entry *e = &ctx->entries[cands->v[i].entry];
    if (e->cls == ENTRY_TELLTALE || e->cls == ENTRY_RULE) {
      eligible[i] = 1;
      hits++;
    }
  }
  select_non_overlapping(doc->toks.n, cands, eligible, chosen);
  free(eligible);
  return cands->n ? (double)hits / (double)cands->n : 0.0;
}

/* --- the LM stream ------------------------------------------------------- */

/*
 * The document as the model sees it: words only (the model knows no
 * punctuation or digits), with <s> and </s> around each sentence.
 * pos[t] is token t's position in the stream, or UINT32_MAX for tokens
 * the model does not see.
 */
struct stream {
  uint32_t *ids;
  size_t n, alloc;
  uint32_t *pos;
  uint32_t *sent_end; /* per stream position: position of its </s> */
};

static void build_stream(const unspin_ctx *ctx, const unspin_doc *doc,
                         struct stream *s) {
  const struct tokens *toks = &doc->toks;
  size_t t, start = 0;
  uint32_t bos = ngram_bos(ctx->model), eos = ngram_eos(ctx->model);
  memset(s, 0, sizeof(*s));
  s->pos = xmalloc((toks->n + 1) * sizeof(*s->pos));
  ALLOC_GROW(s->ids, 1, s->alloc);
  s->ids[s->n++] = bos;
  for (t = 0; t < toks->n; t++) {
    const struct token *tk = &toks->v[t];
    if (t > 0 && (tk->flags & (TOKF_SENT_START | TOKF_NEWLINE_BEFORE))) {
      ALLOC_GROW(s->ids, s->n + 2, s->alloc);
      s->ids[s->n++] = eos;
      s->ids[s->n++] = bos;
    }
    if (tk->kind == TOK_PUNCT) {
      s->pos[t] = UINT32_MAX;
      continue;
    }
    ALLOC_GROW(s->ids, s->n + 1, s->alloc);
    s->pos[t] = (uint32_t)s->n;
    s->ids[s->n++] = tk->lm;
  }
  ALLOC_GROW(s->ids, s->n + 1, s->alloc);
  s->ids[s->n++] = eos;
  /* where each sentence ends, so windows never run past it */
  s->sent_end = xmalloc(s->n * sizeof(*s->sent_end));
  for (t = 0; t < s->n; t++) {
    if (s->ids[t] == eos) {
      size_t k;
      for (k = start; k <= t; k++)
        s->sent_end[k] = (uint32_t)t;
      start = t + 1;
    }
  }
  for (t = start; t < s->n; t++)
    s->sent_end[t] = (uint32_t)(s->n - 1);
}

static void stream_release(struct stream *s) {
  free(s->ids);
  free(s->pos);
  free(s->sent_end);
}

/* Stream span [p0, p1) of a candidate's words; p0 == p1 when it has none. */
static void cand_span(const struct stream *s, const struct candidate *c,
                      uint32_t *p0, uint32_t *p1) {
  uint32_t t;
  *p0 = *p1 = UINT32_MAX;
  for (t = c->tok; t < c->tok_end; t++) {
    if (s->pos[t] == UINT32_MAX)
      continue;
    if (*p0 == UINT32_MAX)
      *p0 = s->pos[t];
    *p1 = s->pos[t] + 1;
  }
}

/* --- clusters ------------------------------------------------------------ */

struct site {
  uint32_t cand;   /* index into cands */
  uint32_t p0, p1; /* stream span */
  double prior;    /* current prior of the replacement */
  double weight;   /* the entry's channel weight */
  double base_delta; /* the entry's prior LM preference for the original */
  int ctx_class;   /* scaled by the document prior */
};

struct cluster {
  size_t first, n;   /* sites[first .. first + n), n <= MAX_SITES */
  uint32_t w0, w1;   /* stream window scored for every combination */
  size_t ncombo;
  uint32_t *masks;   /* per combination: bit i = site i replaced */
  double *lm;        /* per combination: LM log10 score of the window */
};

/* LM log10 score of stream window [w0, w1) with the sites in mask
 * replaced by their originals.  buf must hold cap ids. */
static double score_window(const unspin_ctx *ctx, const struct stream *s,
                           const struct candidates *cands,
                           const struct site *sites, size_t n, uint32_t mask,
                           uint32_t w0, uint32_t w1, uint32_t *buf,
                           size_t cap) {
  size_t m = 0, hist, i;
  uint32_t p = w0;
  if (w0 >= 2)
    buf[m++] = s->ids[w0 - 2];
  if (w0 >= 1)
    buf[m++] = s->ids[w0 - 1];
  hist = m;
  while (p < w1) {
    const struct site *hit = NULL;
    for (i = 0; i < n; i++)
      if ((mask >> i & 1) && sites[i].p0 == p) {
        hit = &sites[i];
        break;
      }
    if (hit) {
      const struct entry *e = &ctx->entries[cands->v[hit->cand].entry];
      size_t k;
      for (k = 0; k < e->norig && m < cap; k++)
        buf[m++] = e->orig_lm[k];
      p = hit->p1;
      continue;
    }
    if (m < cap)
      buf[m++] = s->ids[p];
    p++;
  }
  return ngram_score(ctx->model, buf, hist, m);
}

static int overlaps(const struct site *a, const struct site *b) {
  return a->p0 < b->p1 && b->p0 < a->p1;
}

/* Enumerate the consistent choices of a cluster and score each. */
static void score_cluster(const unspin_ctx *ctx, const struct stream *s,
                          const struct candidates *cands,
                          const struct site *sites, struct cluster *cl,
                          uint32_t *buf, size_t cap) {
  size_t alloc = 0;
  uint64_t mask, limit;
  cl->ncombo = 0;
  cl->masks = NULL;
  cl->lm = NULL;
  if (cl->n > MAX_SITES)
    UNSPIN_BUG("cluster of %zu sites", cl->n);
  limit = (uint64_t)1 << cl->n;
  for (mask = 0; mask < limit; mask++) {
    size_t i, j;
    int ok = 1;
    for (i = 0; i < cl->n && ok; i++)
      for (j = i + 1; j < cl->n && ok; j++)
        if ((mask >> i & 1) && (mask >> j & 1) &&
            overlaps(&sites[cl->first + i], &sites[cl->first + j]))
          ok = 0;
    if (!ok)
      continue;
    ALLOC_GROW(cl->masks, cl->ncombo + 1, alloc);
    cl->masks[cl->ncombo++] = (uint32_t)mask;
  }
  cl->lm = xmalloc(cl->ncombo * sizeof(*cl->lm) + 1);
  {
    size_t k;
    for (k = 0; k < cl->ncombo; k++)
      cl->lm[k] = score_window(ctx, s, cands, &sites[cl->first], cl->n,
                               cl->masks[k], cl->w0, cl->w1, buf, cap);
  }
}

/* log10 prior of a combination: replaced sites contribute their prior
 * (lrep[i]), kept ones the rest of their mass (lkeep[i]). */
static double combo_prior(const double *lrep, const double *lkeep, size_t n,
                          uint32_t mask) {
  double lp = 0;
  size_t i;
  for (i = 0; i < n; i++)
    lp += mask >> i & 1 ? lrep[i] : lkeep[i];
  return lp;
}

/*
 * Posterior over a cluster's choices: marginal[i] for each site, the best
 * mask in *best.  Returns the expected number of replaced sites.
 */
static double cluster_posterior(const struct site *sites,
                                const struct cluster *cl, double *marginal,
                                uint32_t *best) {
  double maxs = -1e300, z = 0, expect = 0;
  double *sc = xmalloc((cl->ncombo + 1) * sizeof(*sc));
  double lrep[MAX_SITES], lkeep[MAX_SITES];
  size_t k, i;
  *best = 0;
  /* the logarithms once per site, not once per site and combination */
  for (i = 0; i < cl->n; i++) {
    double q = sites[cl->first + i].prior;
    marginal[i] = 0;
    lrep[i] = log10(q) -
              FREQ_SCALE * LM_SCALE * sites[cl->first + i].base_delta;
    lkeep[i] = log10(1.0 - q);
  }
  for (k = 0; k < cl->ncombo; k++) {
    sc[k] = combo_prior(lrep, lkeep, cl->n, cl->masks[k]) +
            LM_SCALE * cl->lm[k];
    if (sc[k] > maxs) {
      maxs = sc[k];
      *best = cl->masks[k];
    }
  }
  for (k = 0; k < cl->ncombo; k++) {
    double w = pow(10.0, sc[k] - maxs);
    z += w;
    for (i = 0; i < cl->n; i++)
      if (cl->masks[k] >> i & 1)
        marginal[i] += w;
  }
  for (i = 0; i < cl->n; i++) {
    marginal[i] /= z;
    expect += marginal[i];
  }
  free(sc);
  return expect;
}

/*
 * The n-gram evidence for a site assumes its neighbours are the author's
 * words.  A neighbour that is probably spun and will stay so (a site the
 * decision keeps, or one whose fix falls below the bar) makes that
 * evidence, and the fix, doubtful: scale the confidence by the chance that
 * each adjacent token is original.  Two passes, because a fix that drops
 * below the bar becomes a doubtful neighbour itself.
 */
static void neighbour_discount(const unspin_doc *doc,
                               struct candidates *cands,
                               const struct site *sites, size_t nsites,
                               const unsigned char *eligible) {
  double *risk = xcalloc(doc->toks.n + 1, sizeof(*risk));
  double *marg = xmalloc((cands->n + 1) * sizeof(*marg));
  size_t i, pass;
  for (i = 0; i < cands->n; i++)
    marg[i] = cands->v[i].confidence;
  for (pass = 0; pass < 2; pass++) {
    for (i = 0; i < nsites; i++) {
      const struct candidate *c = &cands->v[sites[i].cand];
      uint32_t t;
      int stays = !eligible[sites[i].cand] ||
                  (pass && c->confidence < doc->min_confidence);
      if (!stays)
        continue;
      for (t = c->tok; t < c->tok_end; t++)
        if (marg[sites[i].cand] > risk[t])
          risk[t] = marg[sites[i].cand];
    }
    for (i = 0; i < nsites; i++) {
      struct candidate *c = &cands->v[sites[i].cand];
      double conf = marg[sites[i].cand];
      if (!eligible[sites[i].cand])
        continue;
      if (c->tok > 0)
        conf *= 1.0 - risk[c->tok - 1];
      if (c->tok_end < doc->toks.n)
        conf *= 1.0 - risk[c->tok_end];
      c->confidence = conf;
    }
  }
  free(marg);
  free(risk);
}

static int site_by_pos(const void *a, const void *b) {
  const struct site *x = a, *y = b;
  if (x->p0 != y->p0)
    return x->p0 < y->p0 ? -1 : 1;
  return x->p1 < y->p1 ? -1 : x->p1 > y->p1;
}

static double decide_model(const unspin_ctx *ctx, const unspin_doc *doc,
                           struct candidates *cands, unsigned char *chosen) {
  struct stream s;
  struct site *sites = xmalloc((cands->n + 1) * sizeof(*sites));
  struct cluster *cls = NULL;
  size_t nsites = 0, ncl = 0, clalloc = 0, i, round, certain = 0;
  double full_rate = 0, edits = 0;
  unsigned char *eligible = xcalloc(cands->n + 1, 1);
  double pi = PI_START, *marg;
  uint32_t buf[512];

  build_stream(ctx, doc, &s);
  for (i = 0; i < cands->n; i++) {
    const struct candidate *c = &cands->v[i];
    const struct entry *e = &ctx->entries[c->entry];
    struct site *st;
    uint32_t p0, p1;
    if (e->weight >= 1.0f && e->cls != ENTRY_CTX) {
      eligible[i] = 1; /* certain: keeps its weight as confidence */
      certain++;
      continue;
    }
    cand_span(&s, c, &p0, &p1);
    if (p0 == UINT32_MAX || !e->norig)
      continue; /* nothing the model can judge */
    st = &sites[nsites++];
    st->cand = (uint32_t)i;
    st->p0 = p0;
    st->p1 = p1;
    st->ctx_class = e->cls == ENTRY_CTX;
    st->weight = e->weight;
    st->base_delta = e->base_delta;
  }
  qsort(sites, nsites, sizeof(*sites), site_by_pos);
  /* clusters: sites whose windows [p0, p1 + CONTEXT_AFTER) touch */
  for (i = 0; i < nsites; i++) {
    uint32_t end = sites[i].p1 + CONTEXT_AFTER;
    uint32_t lim = s.sent_end[sites[i].p0] + 1;
    if (end > lim)
      end = lim;
    if (ncl && sites[i].p0 < cls[ncl - 1].w1 && cls[ncl - 1].n < MAX_SITES) {
      cls[ncl - 1].n++;
      if (end > cls[ncl - 1].w1)
        cls[ncl - 1].w1 = end;
      continue;
    }
    ALLOC_GROW(cls, ncl + 1, clalloc);
    cls[ncl].first = i;
    cls[ncl].n = 1;
    cls[ncl].w0 = sites[i].p0;
    cls[ncl].w1 = end;
    ncl++;
  }
  for (i = 0; i < ncl; i++)
    score_cluster(ctx, &s, cands, sites, &cls[i], buf,
                  sizeof(buf) / sizeof(buf[0]));

  marg = xmalloc((nsites + 1) * sizeof(*marg));
  /* what a spinner would have changed here: the expected edits if the
   * whole document were spun */
  for (i = 0; i < nsites; i++)
    if (sites[i].weight >= PI_MIN_WEIGHT)
      full_rate += sites[i].weight;
  for (round = 0; round < EM_ROUNDS; round++) {
    for (i = 0; i < nsites; i++) {
      double q = sites[i].ctx_class ? pi * sites[i].weight : sites[i].weight;
      sites[i].prior = q > 0.999 ? 0.999 : q;
    }
    edits = 0;
    for (i = 0; i < ncl; i++) {
      uint32_t best;
      size_t k;
      cluster_posterior(sites, &cls[i], marg + cls[i].first, &best);
      for (k = cls[i].first; k < cls[i].first + cls[i].n; k++)
        if (sites[k].weight >= PI_MIN_WEIGHT)
          edits += marg[k];
    }
    pi = (edits + PI_ALPHA) / (full_rate + PI_ALPHA + PI_BETA);
    if (pi > 1)
      pi = 1;
  }

  /* final decision at the estimated rate */
  for (i = 0; i < ncl; i++) {
    uint32_t best;
    size_t k;
    cluster_posterior(sites, &cls[i], marg + cls[i].first, &best);
    for (k = 0; k < cls[i].n; k++) {
      struct site *st = &sites[cls[i].first + k];
      struct candidate *c = &cands->v[st->cand];
      uint32_t only = (uint32_t)1 << k;
      size_t j;
      c->confidence = marg[cls[i].first + k];
      /* evidence for --explain: the window as written and with this one */
      for (j = 0; j < cls[i].ncombo; j++) {
        if (cls[i].masks[j] == 0)
          c->score_spun = cls[i].lm[j];
        if (cls[i].masks[j] == only)
          c->score_orig = cls[i].lm[j];
      }
      if (best >> k & 1)
        eligible[st->cand] = 1;
    }
  }
  neighbour_discount(doc, cands, sites, nsites, eligible);
  select_non_overlapping(doc->toks.n, cands, eligible, chosen);

  for (i = 0; i < ncl; i++) {
    free(cls[i].masks);
    free(cls[i].lm);
  }
  free(cls);
  free(marg);
  free(sites);
  free(eligible);
  stream_release(&s);
  /* the estimate: expected spun words per word of the document */
  return doc->words ? (edits + (double)certain) / (double)doc->words : 0.0;
}

double decide(const unspin_ctx *ctx, const unspin_doc *doc,
              struct candidates *cands, unsigned char *chosen) {
  if (!ctx->model)
    return decide_plain(ctx, doc, cands, chosen);
  return decide_model(ctx, doc, cands, chosen);
}
