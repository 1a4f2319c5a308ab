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
 * A weak site (w below PI_MIN_WEIGHT) is judged only where it touches a
 * stronger one (keep_weak_beside_strong()).
 *
 * Sites whose trigram windows overlap form a cluster (at most MAX_SITES;
 * longer runs are split).  Every consistent choice in a cluster (each site
 * kept or replaced, no two replacements overlapping) is scored as a whole,
 * so neighbouring spun words ("the place preventing") are decided together;
 * the choices are paths through a lattice (see "A cluster's choices as a
 * lattice" below), so the cost is linear in the cluster, not exponential.
 * Spun words also cluster beyond what the n-gram context shows: a site
 * next to a probable replacement has its prior odds raised
 * (couple_neighbours()) before the decision.
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
 * originals unchanged (0.37 per 1000).
 * Session 9 (weak sites only beside strong ones, NEIGHBOUR_COUPLING 6,
 * calibration refitted), bars 0.8 / 0.85 / 0.9 against 0.279 / 0.801,
 * 0.251 / 0.820, 0.205 / 0.831: 0.6 gives 0.281 / 0.811, 0.246 / 0.827,
 * 0.195 / 0.826, but on make eval spin 0.194 / 0.755 -> 0.208 / 0.733,
 * dev-clean 47 -> 61 edits, rewrites 39 -> 42; 0.8 gives 0.260 / 0.798,
 * 0.231 / 0.818, 0.194 / 0.825. */
#define FREQ_SCALE 0.7
/* Tried on the same cross-validation and not kept (reduction/precision at
 * bar 0.7 vs 0.228/0.765): PI_BETA 3 or 5 and LM_SCALE 0.55..1.0 move
 * along the same curve as the bar; a neighbour discount x2 or x0.5, and a
 * spin risk for uncovered neighbours from their LM frequency, give a worse
 * curve; a per-entry rate within the document (a spinner is consistent)
 * gains ~0.01 reduction at bar 0.85, within noise, and without scaling by
 * pi doubles the false alarms on the held-out originals.
 * An original met elsewhere in the document, as a sign that the spinner
 * did not replace it here (session 10, measured before building it): in
 * the training spin copies, for one-word entries of weight >= 0.1, the
 * original occurs elsewhere in the copy's spun text at 12.6% of the sites
 * the spinner made (1,272) and at 13.6% of the honest ones (199): no
 * signal.
 * The "a"/"an" before a site (session 8): the training spinners leave it
 * as it was ("a automobile", 19 of 26 times the two words' first sounds
 * differ; 0.1% of the articles in dev-clean do not fit the next word), so
 * an article that fits the original and not the word was tried as an odds
 * factor (x3 to x30), with x0.3 for one that fits the word and not the
 * original: cross-validation and make eval did not move (one more wrong
 * word at x30).  The trigram window already holds the article, and the
 * model finds "a automobile" as unlikely as the factor says. */
/* Sites with a lower weight (thesaurus candidates) are too weak and too
 * many to say whether a document was spun; pi is estimated without them. */
#define PI_MIN_WEIGHT 0.1
/* How much a replaced neighbour multiplies a site's prior odds; see
 * couple_neighbours().  Cross-validation by article (tools/cv-eval.py,
 * bar 0.7): 1 (none) 0.235 / 0.768, 2: 0.238 / 0.778, 3: 0.240 / 0.780,
 * 4: 0.244 / 0.776, 5: 0.247 / 0.778, 8: 0.245 / 0.772; at bar 0.8 4
 * gives 0.195 / 0.827 against 0.191 / 0.805.  False alarms on held-out
 * originals unchanged (0.37 per 1000 at 0.7).
 * Tuned again (session 9) once weak sites were judged only beside strong
 * ones (keep_weak_beside_strong()), with the calibration refitted each
 * time; bars 0.8 / 0.85 / 0.9: 3: 0.270 / 0.780, 0.248 / 0.799, 0.212 /
 * 0.819; 4: 0.272 / 0.798, 0.249 / 0.810, 0.204 / 0.818; 5: 0.278 /
 * 0.797, 0.251 / 0.820, 0.203 / 0.828; 6: 0.279 / 0.801, 0.251 / 0.820,
 * 0.205 / 0.831; 8: 0.270 / 0.807, 0.243 / 0.823, 0.195 / 0.827.  False
 * alarms on held-out originals at 0.8: 3 edits with 3 and 4, 2 with 5 to
 * 8.  6 is kept; make eval then: spin 0.189 / 0.750 -> 0.194 / 0.755,
 * dev-clean 50 -> 47 edits, rewrites 39 unchanged. */
#define NEIGHBOUR_COUPLING 6.0
/* Six rounds stop short of convergence on a long document (pi still
 * rises by 1% a round; twelve give the findings thirty give, on the
 * 10 MB bench corpus).  Cross-validation (NEIGHBOUR_COUPLING 4 then),
 * bars 0.8 / 0.85 / 0.9, against 0.272 / 0.798, 0.249 / 0.810, 0.204 /
 * 0.818 with six (session 9): twelve rounds 0.273 / 0.799, 0.249 / 0.812,
 * 0.205 / 0.822 for 11% more time on the bench corpus; three rounds
 * 0.258 / 0.787, 0.239 / 0.800, 0.198 / 0.816. */
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
 * punctuation or digits: numbers come as a spelled word, '%' as
 * "percent", match.c), with <s> and </s> around each sentence.
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
    if (tk->kind == TOK_PUNCT && !tk->lm) {
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
  double weight;   /* the entry's channel weight */
  double base_delta; /* the entry's prior LM preference for the original */
  int ctx_class;   /* scaled by the document prior */
  uint32_t norig;  /* the original's words, from the entry: kept here */
  const uint32_t *orig; /* because the lattice reads them per state */
};

/*
 * A cluster's choices as a lattice.  Every consistent choice (each site
 * kept or replaced, no two replacements overlapping) is a path through the
 * window: at position p, either the word as written (a "keep" edge to
 * p + 1) or, for a site starting at p, its original words (a "site" edge
 * to the site's end).  A trigram model needs only the last two words, so
 * paths that reach p with the same two words share a state.  A path's
 * score is the LM score of the window it spells plus the priors of the
 * sites it replaces, exactly the score of that choice; forward-backward
 * over the lattice gives each site's marginal, Viterbi the best choice.
 * The cost is linear in the window instead of exponential in the number
 * of sites, and each n-gram is looked up once per state, not once per
 * choice.
 */
#define NO_ID UINT32_MAX
#define QUERY_BLOCK 4096 /* n-gram questions answered per batch */

/* 12 bytes: a 512 KB chunk makes some 150,000 of them.  The forward and
 * backward sums live in struct posterior, sized for one cluster. */
struct lstate {
  uint32_t r;         /* position in the window, 0 .. w1 - w0 */
  uint32_t out, nout; /* out-edges: edges[out .. out + nout), keep first */
};

struct ledge {
  uint32_t from, to;
  int32_t site; /* index into sites, or -1: the word as written */
  float lm;     /* LM log10 of the words it emits (for --explain) */
  /* 10^(LM_SCALE * (lm - the written text's LM over the same positions)):
   * a ratio against the text as written, so a long window's products
   * neither underflow nor overflow */
  double lmw;
};

struct lattice {
  struct lstate *st;
  size_t nst, stalloc;
  struct ledge *ed;
  size_t ned, edalloc;
  /* while building a cluster, per state of it: the last two words
   * emitted (NO_ID: none) and the next state at the same position;
   * per position: the first state there */
  uint32_t *sa, *sb, *snext, *head;
  size_t salloc, sballoc, snextalloc, headalloc;
  /* n-gram questions, in the order asked, and the edge each adds to */
  struct ngram_query *q;
  uint32_t *qedge;
  size_t nq, qalloc, qedgealloc;
  double *lm;      /* per edge not yet weighed: its LM score */
  size_t lmalloc;
  size_t weighed;  /* clusters [0, weighed) have their weights */
  uint32_t ed_weighed; /* edges [0, ed_weighed) have their weights */
};

struct cluster {
  size_t first, n;   /* sites[first .. first + n), n <= MAX_SITES */
  uint32_t w0, w1;   /* stream window [w0, w1) */
  uint32_t st0, nst; /* states; st0 is the start */
  uint32_t ed0, ned; /* edges, in topological order */
  /* bit k: site first + k counts for the document rate (an "em"
   * cluster has one) */
  uint32_t counts;
  double lm_spun;    /* LM log10 of the window as written */
};

/*
 * Scratch for cluster_posterior(), per state and per edge of the largest
 * cluster, indexed from the cluster's first state and edge: dense arrays
 * that stay in the L1 cache across the passes, instead of fields of the
 * whole chunk's states.
 */
struct posterior {
  double *alpha, *beta; /* beta is first the Viterbi score */
  double *w;            /* each edge's weight at the current odds */
  uint32_t *vin;        /* best in-edge (Viterbi) */
};

static void posterior_init(struct posterior *P, const struct cluster *cls,
                           size_t ncl) {
  size_t i, nst = 1, ned = 1;
  for (i = 0; i < ncl; i++) {
    if (cls[i].nst > nst)
      nst = cls[i].nst;
    if (cls[i].ned > ned)
      ned = cls[i].ned;
  }
  P->alpha = xmalloc(nst * sizeof(*P->alpha));
  P->beta = xmalloc(nst * sizeof(*P->beta));
  P->vin = xmalloc(nst * sizeof(*P->vin));
  P->w = xmalloc(ned * sizeof(*P->w));
}

static void posterior_release(struct posterior *P) {
  free(P->alpha);
  free(P->beta);
  free(P->vin);
  free(P->w);
}

static inline uint32_t lattice_state(struct lattice *L,
                                     const struct cluster *cl, uint32_t r,
                                     uint32_t a, uint32_t b) {
  uint32_t i, loc;
  struct lstate *s;
  for (i = L->head[r]; i != NO_ID; i = L->snext[i])
    if (L->sa[i] == a && L->sb[i] == b)
      return cl->st0 + i;
  ALLOC_GROW(L->st, L->nst + 1, L->stalloc);
  loc = (uint32_t)(L->nst - cl->st0);
  ALLOC_GROW(L->sa, loc + 1, L->salloc);
  ALLOC_GROW(L->sb, loc + 1, L->sballoc);
  ALLOC_GROW(L->snext, loc + 1, L->snextalloc);
  L->sa[loc] = a;
  L->sb[loc] = b;
  L->snext[loc] = L->head[r];
  L->head[r] = loc;
  s = &L->st[L->nst];
  memset(s, 0, sizeof(*s));
  s->r = r;
  return (uint32_t)L->nst++;
}

static inline uint32_t lattice_edge(struct lattice *L, uint32_t from,
                                    uint32_t to, int32_t site) {
  struct ledge *e;
  ALLOC_GROW(L->ed, L->ned + 1, L->edalloc);
  e = &L->ed[L->ned++];
  e->from = from;
  e->to = to;
  e->site = site;
  e->lm = 0;
  e->lmw = 0;
  return (uint32_t)L->ned - 1;
}

/* Ask for log10 P(w | a b) (with as much history as there is) to be
 * added to edge's LM score; the questions are answered in batches. */
static inline void lattice_ask(struct lattice *L, uint32_t edge, uint32_t a,
                               uint32_t b, uint32_t w) {
  struct ngram_query *q;
  ALLOC_GROW(L->q, L->nq + 1, L->qalloc);
  ALLOC_GROW(L->qedge, L->nq + 1, L->qedgealloc);
  q = &L->q[L->nq];
  q->a = a == NO_ID ? 0 : a; /* 0: no word, to the model */
  q->b = b == NO_ID ? 0 : b;
  q->w = w;
  L->qedge[L->nq++] = edge;
}

/* Build cl's lattice, and ask for every n-gram it needs, once. */
static void build_lattice(const struct stream *s, const struct site *sites,
                          struct cluster *cl, struct lattice *L) {
  uint32_t R = cl->w1 - cl->w0, r, i, loc, i0 = 0, i1 = 0;
  ALLOC_GROW(L->head, R + 1, L->headalloc);
  for (r = 0; r <= R; r++)
    L->head[r] = NO_ID;
  cl->st0 = (uint32_t)L->nst;
  cl->ed0 = (uint32_t)L->ned;
  lattice_state(L, cl, 0, cl->w0 >= 2 ? s->ids[cl->w0 - 2] : NO_ID,
                cl->w0 >= 1 ? s->ids[cl->w0 - 1] : NO_ID);
  /* edges go forward only, so taking positions in order creates every
   * state before its out-edges, and appends edges in topological order */
  for (r = 0; r < R; r++) {
    uint32_t p = cl->w0 + r;
    /* the sites starting at p, [i0, i1): sites are in order of position */
    for (i0 = i1; i0 < cl->n && sites[cl->first + i0].p0 < p; i0++)
      ;
    for (i1 = i0; i1 < cl->n && sites[cl->first + i1].p0 == p; i1++)
      ;
    for (loc = L->head[r]; loc != NO_ID; loc = L->snext[loc]) {
      uint32_t a = L->sa[loc], b = L->sb[loc], w = s->ids[p], st, to, ed;
      st = cl->st0 + loc;
      L->st[st].out = (uint32_t)L->ned;
      to = lattice_state(L, cl, r + 1, b, w);
      lattice_ask(L, lattice_edge(L, st, to, -1), a, b, w);
      for (i = i0; i < i1; i++) {
        const struct site *si = &sites[cl->first + i];
        uint32_t a2 = a, b2 = b, end;
        size_t k;
        for (k = 0; k < si->norig; k++) {
          a2 = b2;
          b2 = si->orig[k];
        }
        end = si->p1 < cl->w1 ? si->p1 : cl->w1;
        to = lattice_state(L, cl, end - cl->w0, a2, b2);
        ed = lattice_edge(L, st, to, (int32_t)(cl->first + i));
        for (k = 0, a2 = a, b2 = b; k < si->norig; k++) {
          lattice_ask(L, ed, a2, b2, si->orig[k]);
          a2 = b2;
          b2 = si->orig[k];
        }
      }
      L->st[st].nout = (uint32_t)L->ned - L->st[st].out;
    }
  }
  cl->nst = (uint32_t)L->nst - cl->st0;
  cl->ned = (uint32_t)L->ned - cl->ed0;
}

/*
 * Answer the questions asked so far and weigh the clusters built since the
 * last time: the text as written is the keep edges from the start, base[r]
 * its LM score up to position r, and each edge's weight is relative to it.
 * The scores are summed in the order asked, in double, as a phrase scored
 * word by word would be.
 */
static void lattice_flush(const unspin_ctx *ctx, struct lattice *L,
                          struct cluster *cls, size_t ncl) {
  size_t i, c;
  double *base = NULL;
  size_t basealloc = 0;
  uint32_t e0 = L->ed_weighed;
  ngram_prob_batch(ctx->model, L->q, L->nq);
  ALLOC_GROW(L->lm, L->ned - e0 + 1, L->lmalloc);
  for (i = 0; i < L->ned - e0; i++)
    L->lm[i] = 0;
  for (i = 0; i < L->nq; i++)
    L->lm[L->qedge[i] - e0] += L->q[i].p;
  L->nq = 0;
  for (c = L->weighed; c < ncl; c++) {
    struct cluster *cl = &cls[c];
    uint32_t R = cl->w1 - cl->w0, r, st;
    ALLOC_GROW(base, R + 1, basealloc);
    base[0] = 0;
    for (st = cl->st0, r = 0; r < R; r++) {
      uint32_t keep = L->st[st].out;
      base[r + 1] = base[r] + L->lm[keep - e0];
      st = L->ed[keep].to;
    }
    cl->lm_spun = base[R];
    for (i = cl->ed0; i < cl->ed0 + cl->ned; i++) {
      struct ledge *e = &L->ed[i];
      uint32_t r0 = L->st[e->from].r, r1 = L->st[e->to].r;
      double d = L->lm[i - e0] - (base[r1] - base[r0]);
      e->lm = (float)L->lm[i - e0];
      /* a third of the edges spell the text as written (d is 0), where
       * pow() would say 1 as well, only later */
      e->lmw = d == 0 ? 1.0 : pow(10.0, LM_SCALE * d);
    }
  }
  free(base);
  L->weighed = ncl;
  L->ed_weighed = (uint32_t)L->ned;
}

/* LM log10 of the window with only site k (an index into sites) replaced:
 * the evidence --explain shows. */
static double lattice_lm_only(const struct lattice *L, const struct cluster *cl,
                              const struct site *sites, size_t k) {
  uint32_t R = cl->w1 - cl->w0, st = cl->st0;
  double lm = 0;
  while (L->st[st].r < R) {
    const struct lstate *s = &L->st[st];
    const struct ledge *e = &L->ed[s->out];
    uint32_t j;
    if (s->r + cl->w0 == sites[k].p0)
      for (j = 1; j < s->nout; j++)
        if (L->ed[s->out + j].site == (int32_t)k)
          e = &L->ed[s->out + j];
    lm += e->lm;
    st = e->to;
  }
  return lm;
}

/*
 * Posterior over a cluster's choices: marginal[i] for each site of the
 * cluster; with best, the best choice (bit i: site i replaced).  odds[j] is
 * site j's prior odds of replacement, 10^(log10 q/(1-q) - FREQ_SCALE *
 * LM_SCALE * base_delta).  Returns the expected number of replaced sites.
 */
static double cluster_posterior(const struct lattice *L,
                                const struct cluster *cl,
                                struct posterior *P, const double *odds,
                                double *marginal, uint32_t *best) {
  uint32_t R = cl->w1 - cl->w0, i, fin = NO_ID;
  uint32_t s0 = cl->st0, ns = cl->nst, ne = cl->ned;
  const struct lstate *st = L->st + s0;
  const struct ledge *ed = L->ed + cl->ed0;
  double *alpha = P->alpha, *beta = P->beta, *w = P->w;
  /* m[k + 1]: site k's share; m[0] the keep edges' */
  double z = 0, expect = 0, vbest = -1, m[MAX_SITES + 1] = {0};
  int32_t first = (int32_t)cl->first - 1;
  /* edges name states by their index in the chunk; here they are local */
  for (i = 0; i < ns; i++)
    alpha[i] = 0;
  alpha[0] = 1;
  for (i = 0; i < ne; i++) {
    w[i] = ed[i].site < 0 ? ed[i].lmw : ed[i].lmw * odds[ed[i].site];
    alpha[ed[i].to - s0] += alpha[ed[i].from - s0] * w[i];
  }
  if (best) {
    uint32_t *vin = P->vin;
    for (i = 0; i < ns; i++)
      beta[i] = -1; /* the Viterbi score, for now */
    beta[0] = 1;
    for (i = 0; i < ne; i++) {
      double v = beta[ed[i].from - s0] * w[i];
      if (v > beta[ed[i].to - s0]) {
        beta[ed[i].to - s0] = v;
        vin[ed[i].to - s0] = i;
      }
    }
    for (i = 0; i < ns; i++)
      if (st[i].r == R && beta[i] > vbest) {
        vbest = beta[i];
        fin = i;
      }
    *best = 0;
    while (fin != NO_ID && fin != 0) {
      const struct ledge *e = &ed[vin[fin]];
      if (e->site >= 0)
        *best |= (uint32_t)1 << (e->site - cl->first);
      fin = e->from - s0;
    }
  }
  for (i = 0; i < ns; i++) {
    beta[i] = st[i].r == R;
    if (st[i].r == R)
      z += alpha[i];
  }
  /* backward; an edge's share is final once its head's beta is, which in
   * reverse topological order it is.  m[0] takes the keep edges' shares,
   * which count for nothing: a branch here was mispredicted every few
   * edges. */
  for (i = ne; i-- > 0;) {
    double wb = w[i] * beta[ed[i].to - s0];
    beta[ed[i].from - s0] += wb;
    m[ed[i].site < 0 ? 0 : ed[i].site - first] +=
        alpha[ed[i].from - s0] * wb;
  }
  for (i = 0; i < cl->n; i++) {
    marginal[i] = z > 0 ? m[i + 1] / z : 0;
    expect += marginal[i];
  }
  return expect;
}

/*
 * What the EM rounds read of the em clusters, compactly.  The rounds sweep
 * them six times, and a 512 KB chunk's lattice (some 7 MB) leaves the cache
 * between sweeps: from this copy, made once, a sweep reads 12 bytes per
 * edge and 1 per state instead of 24 and 12, and no struct cluster.
 * em_cluster_posterior() computes from it what cluster_posterior() does;
 * tests/unit/test_decide_em.c checks that they agree to the bit.
 */
#define EM_LOCAL_BITS 14 /* a state's index in its cluster, in a link */

struct em_cluster {
  uint32_t cl;     /* index into the clusters */
  uint32_t first;  /* its first site */
  uint32_t ed, st; /* its first edge and state in struct em_lattice */
  uint32_t ne, ns;
  uint8_t n;       /* its sites */
  uint8_t counts;  /* bit k: site first + k counts for the rate */
  uint8_t general; /* too many states for a link: cluster_posterior() */
};

struct em_lattice {
  struct em_cluster *c;
  size_t n;
  double *lmw; /* per edge, as in struct ledge */
  /* per edge: from | to << EM_LOCAL_BITS | (site + 1) << 28, the states
   * and the site counted from the cluster's first (site + 1 = 0: keep) */
  uint32_t *link;
  unsigned char *fin; /* per state: at the window's end */
};

static void em_lattice_init(struct em_lattice *E, const struct lattice *L,
                            const struct cluster *cls, size_t ncl) {
  size_t i, ned = 0, nst = 0;
  uint32_t j;
  memset(E, 0, sizeof(*E));
  for (i = 0; i < ncl; i++)
    if (cls[i].counts) {
      E->n++;
      ned += cls[i].ned;
      nst += cls[i].nst;
    }
  E->c = xmalloc((E->n + 1) * sizeof(*E->c));
  E->lmw = xmalloc((ned + 1) * sizeof(*E->lmw));
  E->link = xmalloc((ned + 1) * sizeof(*E->link));
  E->fin = xmalloc(nst + 1);
  E->n = ned = nst = 0;
  for (i = 0; i < ncl; i++) {
    const struct cluster *cl = &cls[i];
    struct em_cluster *c;
    uint32_t R = cl->w1 - cl->w0;
    if (!cl->counts)
      continue;
    c = &E->c[E->n++];
    c->cl = (uint32_t)i;
    c->first = (uint32_t)cl->first;
    c->ed = (uint32_t)ned;
    c->st = (uint32_t)nst;
    c->ne = cl->ned;
    c->ns = cl->nst;
    c->n = (uint8_t)cl->n;
    c->counts = (uint8_t)cl->counts;
    c->general = cl->nst >= 1u << EM_LOCAL_BITS;
    if (c->general)
      continue;
    for (j = 0; j < cl->ned; j++) {
      const struct ledge *e = &L->ed[cl->ed0 + j];
      uint32_t site = e->site < 0 ? 0 : (uint32_t)e->site - cl->first + 1;
      E->lmw[ned + j] = e->lmw;
      E->link[ned + j] = (e->from - cl->st0) |
                         (e->to - cl->st0) << EM_LOCAL_BITS | site << 28;
    }
    for (j = 0; j < cl->nst; j++)
      E->fin[nst + j] = L->st[cl->st0 + j].r == R;
    ned += cl->ned;
    nst += cl->nst;
  }
}

static void em_lattice_release(struct em_lattice *E) {
  free(E->c);
  free(E->lmw);
  free(E->link);
  free(E->fin);
}

/* cluster_posterior() without the best choice, from the compact copy: the
 * same operations in the same order (an edge's weight is lmw * 1 for a
 * keep edge, which is lmw). */
static void em_cluster_posterior(const struct em_lattice *E,
                                 const struct em_cluster *c,
                                 struct posterior *P, const double *odds,
                                 double *marginal) {
  const double *lmw = E->lmw + c->ed;
  const uint32_t *link = E->link + c->ed;
  const unsigned char *fin = E->fin + c->st;
  double *alpha = P->alpha, *beta = P->beta, *w = P->w;
  double o[MAX_SITES + 1], z = 0;
  const uint32_t mask = (1u << EM_LOCAL_BITS) - 1;
  uint32_t i;
  o[0] = 1;
  for (i = 0; i < c->n; i++)
    o[i + 1] = odds[c->first + i];
  for (i = 0; i < c->ns; i++)
    alpha[i] = 0;
  alpha[0] = 1;
  for (i = 0; i < c->ne; i++) {
    uint32_t l = link[i];
    w[i] = lmw[i] * o[l >> 28];
    alpha[l >> EM_LOCAL_BITS & mask] += alpha[l & mask] * w[i];
  }
  for (i = 0; i < c->ns; i++) {
    beta[i] = fin[i];
    if (fin[i])
      z += alpha[i];
  }
  {
    /* as in cluster_posterior(): m[0] takes the keep edges' shares */
    double m[MAX_SITES + 1] = {0};
    for (i = c->ne; i-- > 0;) {
      uint32_t l = link[i];
      double wb = w[i] * beta[l >> EM_LOCAL_BITS & mask];
      beta[l & mask] += wb;
      m[l >> 28] += alpha[l & mask] * wb;
    }
    for (i = 0; i < c->n; i++)
      marginal[i] = z > 0 ? m[i + 1] / z : 0;
  }
}

static void lattice_release(struct lattice *L) {
  free(L->st);
  free(L->ed);
  free(L->sa);
  free(L->sb);
  free(L->snext);
  free(L->head);
  free(L->q);
  free(L->qedge);
  free(L->lm);
}

/*
 * The n-gram evidence for a site assumes its neighbours are the author's
 * words.  A neighbour that is probably spun and will stay so (a site the
 * decision keeps, or one whose fix falls below the bar) makes that
 * evidence, and the fix, doubtful: scale the confidence by the chance that
 * each adjacent token is original.  Two passes, because a fix that drops
 * below the bar (its confidence as reported: calibrated, calibrate.h)
 * becomes a doubtful neighbour itself.
 * The other way round, applying a fix below the bar because its neighbour
 * is applied (both words spun, fixed together), does not pay: in the
 * cross-validation folds, of the fixes at confidence 0.6-0.8 next to an
 * applied one, 12 are right alone, 12 a wrong word and 7 a false alarm.
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
                  (pass && calibrate_candidate(doc->ctx, doc->text,
                                               &doc->toks, c) <
                               doc->min_confidence);
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

/*
 * Spun words cluster: a word next to one the spinner replaced is more
 * likely replaced itself than the channel weight, an average over all the
 * places the word was met, says.  In the training spin pairs, a word that
 * only a thesaurus relates to an original (weight < 0.1) was changed 46%
 * of the time beside a changed word and 19% of the time otherwise (odds
 * ratio 3.6; 1.7 for weights 0.1-0.3, which already hold part of it).
 * Changed, not necessarily into the table's original: on held-out folds
 * the share changed into one of the table's originals barely moves with
 * the neighbour, so the gain measured below comes as much from neighbours
 * fixed together (a right word beside a spun one reads as wrong) as from
 * more words found.
 * The lattice scores neighbouring sites jointly through the n-gram
 * context only, so the coupling is added in mean field: each site's prior
 * odds are multiplied by 1 + (NEIGHBOUR_COUPLING - 1) * m, m the posterior
 * probability (from the last EM round) that an adjacent word is replaced.
 * Tried and not kept (cross-validation, bar 0.7 / 0.8, against 0.244 /
 * 0.776 and 0.195 / 0.827): lowering the odds of sites with no spun
 * neighbour as well (x0.6: 0.219 / 0.785, 0.167 / 0.828; the bar's curve
 * or below it); a second mean-field round (0.248 / 0.772, 0.195 / 0.825);
 * raising only the sites of weight >= 0.1 (0.246 / 0.779, 0.201 / 0.804)
 * or only the weaker ones (0.231 / 0.772, 0.181 / 0.821); the neighbour
 * discount's factor squared or square-rooted (the bar's curve).  With the
 * coupling, FREQ_SCALE 0.5 looks better on cross-validation (0.271 /
 * 0.778 at bar 0.7), but the held-out originals there are 10,700 words,
 * too few to show its false alarms: on dev-clean they go from 0.30 to
 * 0.49 per 1,000 words.  LM_SCALE 0.6 and 0.85 stay on the curve.
 * Again in session 9 (weak sites only beside strong ones, coupling 6,
 * calibration refitted), bars 0.8 / 0.85 / 0.9 against 0.279 / 0.801,
 * 0.251 / 0.820, 0.205 / 0.831: LM_SCALE 0.6 0.264 / 0.803, 0.239 /
 * 0.820, 0.196 / 0.823; 0.8 0.283 / 0.795, 0.252 / 0.821, 0.202 / 0.829
 * (false alarms on held-out originals at 0.8: 3 edits against 2).
 */
static void couple_neighbours(const struct site *sites, size_t nsites,
                              size_t npos, const double *marg, double *odds) {
  /* per stream position, the replacement mass of the sites ending and of
   * those starting there (alternatives for one span are exclusive) */
  double *ending = xcalloc(npos + 1, sizeof(*ending));
  double *starting = xcalloc(npos + 1, sizeof(*starting));
  size_t i;
  for (i = 0; i < nsites; i++) {
    ending[sites[i].p1] += marg[i];
    starting[sites[i].p0] += marg[i];
  }
  for (i = 0; i < nsites; i++) {
    double left = ending[sites[i].p0], right = starting[sites[i].p1];
    double m = left > right ? left : right;
    if (m > 1)
      m = 1;
    odds[i] *= 1.0 + (NEIGHBOUR_COUPLING - 1.0) * m;
  }
  free(ending);
  free(starting);
}

/*
 * Keep a weak site (weight below PI_MIN_WEIGHT: nearly all of them pairs
 * only the thesauri relate) only where it overlaps or touches a strong one
 * in the stream; drop the rest, in place.  Returns the sites kept.
 * A weak site's prior is so low that the model seldom takes it; what it
 * does for the decision is as a neighbour: its marginal raises a strong
 * neighbour's odds (couple_neighbours()), or, left as it is, discounts the
 * neighbour's fix (neighbour_discount()), and it shares the neighbour's
 * trigrams in the lattice.  Alone it does none of that, and it cannot
 * count towards the document's rate.  Yet weak sites were two thirds of
 * all sites in news text (456,000 of 704,000 in the 10 MB bench corpus),
 * and judging them 40% of the run time; 178,000 of them touch a strong
 * site and are kept.  Cross-validation by article
 * (tools/cv-eval.py, calibration refitted, NEIGHBOUR_COUPLING 4 then),
 * reduction / edit precision
 * at bars 0.8, 0.85, 0.9: all weak sites 0.274 / 0.800, 0.247 / 0.806,
 * 0.204 / 0.821; only those touching a strong site 0.272 / 0.798,
 * 0.249 / 0.810, 0.204 / 0.818; within two positions of one 0.273 /
 * 0.799, 0.248 / 0.809, 0.203 / 0.818; no weak sites at all 0.280 /
 * 0.769, 0.253 / 0.792, 0.217 / 0.816 (as neighbours they do keep the
 * edit precision up at the default bar).
 */
static size_t keep_weak_beside_strong(struct site *sites, size_t nsites,
                                      size_t npos) {
  /* near[p]: stream position p overlaps or touches a strong site */
  unsigned char *near = xcalloc(npos + 1, 1);
  size_t i, kept = 0;
  uint32_t p;
  for (i = 0; i < nsites; i++)
    if (sites[i].weight >= PI_MIN_WEIGHT)
      for (p = sites[i].p0 ? sites[i].p0 - 1 : 0;
           p <= sites[i].p1 && p <= npos; p++)
        near[p] = 1;
  for (i = 0; i < nsites; i++) {
    int keep = sites[i].weight >= PI_MIN_WEIGHT;
    for (p = sites[i].p0; !keep && p < sites[i].p1; p++)
      keep = near[p];
    if (keep)
      sites[kept++] = sites[i];
  }
  free(near);
  return kept;
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
  double pi = PI_START, *marg, *odds, *freq, *weight;
  unsigned char *scaled;
  struct lattice lat;
  struct posterior post;
  struct em_lattice em;

  memset(&lat, 0, sizeof(lat));
  build_stream(ctx, doc, &s);
  for (i = 0; i < cands->n; i++) {
    const struct candidate *c = &cands->v[i];
    const struct entry *e = &ctx->entries[c->entry];
    struct site *st;
    uint32_t p0, p1;
    if (entry_certain(e)) {
      eligible[i] = 1; /* keeps its weight as confidence */
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
    st->norig = (uint32_t)e->norig;
    st->orig = e->orig_lm;
  }
  nsites = keep_weak_beside_strong(sites, nsites, s.n);
  /* match_document() finds the candidates in order of position, so the
   * sites are in order already: sorting them anyway made a merge sort's
   * n log n comparisons for nothing */
  for (i = 1; i < nsites && site_by_pos(&sites[i - 1], &sites[i]) <= 0; i++)
    ;
  if (i < nsites)
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
    memset(&cls[ncl], 0, sizeof(cls[ncl]));
    cls[ncl].first = i;
    cls[ncl].n = 1;
    cls[ncl].w0 = sites[i].p0;
    cls[ncl].w1 = end;
    ncl++;
  }
  {
    /* news text makes about 2.25 states and 2.95 edges per window
     * position: reserving that much, not doubling to it, keeps a 512 KB
     * chunk's lattice near 7 MB instead of 10 */
    size_t span = 0;
    for (i = 0; i < ncl; i++)
      span += cls[i].w1 - cls[i].w0 + 1;
    ALLOC_GROW(lat.st, span * 12 / 5 + 16, lat.stalloc);
    ALLOC_GROW(lat.ed, span * 16 / 5 + 16, lat.edalloc);
  }
  for (i = 0; i < ncl; i++) {
    size_t k;
    for (k = 0; k < cls[i].n; k++)
      if (sites[cls[i].first + k].weight >= PI_MIN_WEIGHT)
        cls[i].counts |= (uint32_t)1 << k;
    build_lattice(&s, sites, &cls[i], &lat);
    if (lat.nq >= QUERY_BLOCK)
      lattice_flush(ctx, &lat, cls, i + 1);
  }
  lattice_flush(ctx, &lat, cls, ncl);
  posterior_init(&post, cls, ncl);
  em_lattice_init(&em, &lat, cls, ncl);

  marg = xmalloc((nsites + 1) * sizeof(*marg));
  odds = xmalloc((nsites + 1) * sizeof(*odds));
  freq = xmalloc((nsites + 1) * sizeof(*freq));
  /* the rounds read the sites' weights from arrays of their own: a
   * chunk's sites (3.5 MB of struct site) leave the cache between
   * rounds */
  weight = xmalloc((nsites + 1) * sizeof(*weight));
  scaled = xmalloc(nsites + 1);
  /* what a spinner would have changed here: the expected edits if the
   * whole document were spun */
  for (i = 0; i < nsites; i++) {
    if (sites[i].weight >= PI_MIN_WEIGHT)
      full_rate += sites[i].weight;
    freq[i] = pow(10.0, -FREQ_SCALE * LM_SCALE * sites[i].base_delta);
    weight[i] = sites[i].weight;
    scaled[i] = (unsigned char)sites[i].ctx_class;
  }
  for (round = 0; round < EM_ROUNDS; round++) {
    for (i = 0; i < nsites; i++) {
      double q = scaled[i] ? pi * weight[i] : weight[i];
      if (q > 0.999)
        q = 0.999;
      odds[i] = q / (1.0 - q) * freq[i];
    }
    edits = 0;
    /* the clusters with no em site count for nothing in the rate */
    for (i = 0; i < em.n; i++) {
      const struct em_cluster *c = &em.c[i];
      unsigned k;
      if (c->general)
        cluster_posterior(&lat, &cls[c->cl], &post, odds, marg + c->first,
                          NULL);
      else
        em_cluster_posterior(&em, c, &post, odds, marg + c->first);
      for (k = 0; k < c->n; k++)
        if (c->counts >> k & 1)
          edits += marg[c->first + k];
    }
    pi = (edits + PI_ALPHA) / (full_rate + PI_ALPHA + PI_BETA);
    if (pi > 1)
      pi = 1;
  }

  /* the EM rounds left the marginals of their last round in marg, at the
   * odds the decision uses; the clusters they skipped get theirs now */
  for (i = 0; i < ncl; i++)
    if (!cls[i].counts)
      cluster_posterior(&lat, &cls[i], &post, odds, marg + cls[i].first, NULL);
  couple_neighbours(sites, nsites, s.n, marg, odds);

  /* the decision, at the odds of the last round, coupled */
  for (i = 0; i < ncl; i++) {
    uint32_t best;
    size_t k;
    cluster_posterior(&lat, &cls[i], &post, odds, marg + cls[i].first, &best);
    for (k = 0; k < cls[i].n; k++) {
      struct site *st = &sites[cls[i].first + k];
      struct candidate *c = &cands->v[st->cand];
      c->confidence = marg[cls[i].first + k];
      /* evidence for --explain: the window as written and with this one */
      c->score_spun = cls[i].lm_spun;
      c->score_orig = lattice_lm_only(&lat, &cls[i], sites, cls[i].first + k);
      if (best >> k & 1)
        eligible[st->cand] = 1;
    }
  }
  neighbour_discount(doc, cands, sites, nsites, eligible);
  select_non_overlapping(doc->toks.n, cands, eligible, chosen);

  lattice_release(&lat);
  posterior_release(&post);
  em_lattice_release(&em);
  free(cls);
  free(odds);
  free(freq);
  free(weight);
  free(scaled);
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
