/*
 * ctx.c - the unspin_ctx life cycle: loading tables, rules, hunspell and the
 * model, then prepare(): expand inflections (checked with hunspell) and
 * compile every entry into the match index.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"
#include "lexicon.h"
#include "ngram.h"
#include "prepared.h"
#include "rules.h"
#include "strbuf.h"
#include "table.h"
#include "util.h"

/*
 * The packs.  news keeps the layout it had before packs existed; a new
 * pack NAME lives in dicts/NAME/ and rules/NAME/.
 */
static const struct pack packs[] = {
    {"news", "dicts/en/subst.tsv", "rules/en", "EN-SPIN-TELLTALE",
     "EN-SPIN-CTX", "EN-SPIN-NAME", NULL},
    {"academic", "dicts/academic/tortured.tsv", "rules/academic",
     "ACADEMIC-TORTURED", "ACADEMIC-CTX", NULL,
     "tortured phrase: a paraphrasing tool's stand-in for an established "
     "term (Problematic Paper Screener)"},
    {"mt", "dicts/mt/calques.tsv", "rules/mt", "MT-CALQUE", "MT-CTX", NULL,
     "round-trip translation artifact: a calque or a pivot language's "
     "other sense of the word"}};

const struct pack *ctx_pack(size_t i) {
  return i < sizeof(packs) / sizeof(packs[0]) ? &packs[i] : NULL;
}

const char *pack_rule_id(const struct pack *pk, const struct entry *e) {
  if (e->cls == ENTRY_TELLTALE)
    return pk->telltale_id;
  return e->name && pk->name_id ? pk->name_id : pk->ctx_id;
}

const char *unspin_pack_name(size_t i) {
  return i < sizeof(packs) / sizeof(packs[0]) ? packs[i].name : NULL;
}

unspin_ctx *unspin_ctx_new(void) {
  unspin_ctx *ctx = xcalloc(1, sizeof(*ctx));
  ctx->arena = (struct arena)ARENA_INIT;
  index_init(&ctx->index);
  inflect_init(&ctx->inflect);
  ALLOC_GROW(ctx->entries, 1, ctx->alloc);
  ctx->nentries = 1; /* entry 0 means "none" in index lists */
  memset(&ctx->entries[0], 0, sizeof(ctx->entries[0]));
  ctx->default_min_confidence = UNSPIN_DEFAULT_MIN_CONFIDENCE;
  ctx->pack = &packs[0];
  prepared_key_init(&ctx->key);
  return ctx;
}

static void free_deferred(unspin_ctx *ctx) {
  size_t i;
  for (i = 0; i < ctx->ndeferred; i++) {
    free(ctx->deferred[i].path);
    free(ctx->deferred[i].buf);
  }
  free(ctx->deferred);
  ctx->deferred = NULL;
  ctx->ndeferred = ctx->deferred_alloc = 0;
}

void unspin_ctx_free(unspin_ctx *ctx) {
  if (!ctx)
    return;
  free_deferred(ctx);
  free(ctx->cache_path);
  prepared_unmap(ctx);
  free(ctx->gen_src);
  free(ctx->entries);
  free(ctx->rules);
  index_release(&ctx->index);
  inflect_release(&ctx->inflect);
  lexicon_free(ctx->lexicon);
  ngram_close(ctx->model);
  arena_release(&ctx->arena);
  free(ctx);
}

struct entry *ctx_add_entry(unspin_ctx *ctx) {
  struct entry *e;
  if (ctx->prepared)
    UNSPIN_BUG("entry added after prepare");
  ALLOC_GROW(ctx->entries, ctx->nentries + 1, ctx->alloc);
  e = &ctx->entries[ctx->nentries++];
  memset(e, 0, sizeof(*e));
  return e;
}

void ctx_add_rule(unspin_ctx *ctx, struct rule *r) {
  ALLOC_GROW(ctx->rules, ctx->nrules + 1, ctx->rules_alloc);
  ctx->rules[ctx->nrules++] = r;
}

static int not_prepared(const unspin_ctx *ctx, unspin_error *err) {
  if (ctx->prepared)
    return unspin_error_set(err, UNSPIN_ERR_ARG, NULL, 0, 0,
                            "context is already prepared");
  return UNSPIN_OK;
}

/* Parse one file's bytes: a table, rules, irregular forms or a lexicon
 * cache, for the pack pk (tables and rules tag their entries with it). */
static int parse_kind(unspin_ctx *ctx, char kind, const struct pack *pk,
                      const char *path, const char *buf, size_t len,
                      unspin_error *err) {
  const struct pack *was = ctx->pack;
  int rc;
  ctx->pack = pk;
  switch (kind) {
  case 'T':
    rc = table_parse(ctx, path, buf, len, err);
    break;
  case 'R':
    rc = rules_parse(ctx, path, buf, len, err);
    break;
  case 'I':
    rc = inflect_parse(&ctx->inflect, path, buf, len, err);
    break;
  default:
    rc = lexicon_parse_cache(ctx->lexicon, path, buf, len, err);
    break;
  }
  ctx->pack = was;
  return rc;
}

/*
 * Read a file of some kind, add it to the key, and parse it; or, with a
 * cache, keep it: prepare parses what it needs (the rules only, when the
 * cache fits; everything, in load order, when it does not), so errors in
 * these files then come from prepare.
 */
static int load_kind(unspin_ctx *ctx, char kind, const char *path,
                     unspin_error *err) {
  const char *name = kind == 'T' || kind == 'R' ? ctx->pack->name : NULL;
  size_t len;
  char *buf;
  int rc;
  if (not_prepared(ctx, err))
    return UNSPIN_ERR_ARG;
  if (!(buf = unspin_read_file(path, &len, err)))
    return UNSPIN_ERR_IO;
  ctx->nloads++;
  prepared_key_add(&ctx->key, kind, name, buf, len);
  if (ctx->cache_path) {
    struct deferred *d;
    ALLOC_GROW(ctx->deferred, ctx->ndeferred + 1, ctx->deferred_alloc);
    d = &ctx->deferred[ctx->ndeferred++];
    d->kind = kind;
    d->pack = ctx->pack;
    d->path = xstrdup(path);
    d->buf = buf;
    d->len = len;
    return UNSPIN_OK;
  }
  rc = parse_kind(ctx, kind, ctx->pack, path, buf, len, err);
  free(buf);
  return rc;
}

int ctx_parse_deferred(unspin_ctx *ctx, const char *kinds, unspin_error *err) {
  size_t i;
  int rc = UNSPIN_OK;
  for (i = 0; i < ctx->ndeferred && !rc; i++) {
    const struct deferred *d = &ctx->deferred[i];
    if (strchr(kinds, d->kind))
      rc = parse_kind(ctx, d->kind, d->pack, d->path, d->buf, d->len, err);
  }
  return rc;
}

int unspin_ctx_load_table(unspin_ctx *ctx, const char *path,
                          unspin_error *err) {
  return load_kind(ctx, 'T', path, err);
}

int unspin_ctx_load_rules(unspin_ctx *ctx, const char *path,
                          unspin_error *err) {
  return load_kind(ctx, 'R', path, err);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int unspin_ctx_load_rules_dir(unspin_ctx *ctx, const char *dir,
                              unspin_error *err) {
  DIR *d = opendir(dir);
  struct dirent *de;
  char **names = NULL;
  size_t n = 0, alloc = 0, i;
  int rc = UNSPIN_OK;
  if (!d)
    return unspin_error_set(err, UNSPIN_ERR_IO, dir, 0, 0,
                            "cannot open '%s': %s", dir, strerror(errno));
  while ((de = readdir(d))) {
    size_t l = strlen(de->d_name);
    if (l > 6 && !strcmp(de->d_name + l - 6, ".rules")) {
      ALLOC_GROW(names, n + 1, alloc);
      names[n++] = xstrdup(de->d_name);
    }
  }
  closedir(d);
  qsort(names, n, sizeof(*names), cmp_str);
  for (i = 0; i < n; i++) {
    struct strbuf path = STRBUF_INIT;
    if (!rc) {
      strbuf_addf(&path, "%s/%s", dir, names[i]);
      rc = unspin_ctx_load_rules(ctx, path.buf, err);
    }
    strbuf_release(&path);
    free(names[i]);
  }
  free(names);
  return rc;
}

int unspin_ctx_load_irregular(unspin_ctx *ctx, const char *path,
                              unspin_error *err) {
  return load_kind(ctx, 'I', path, err);
}

int unspin_ctx_load_calibration(unspin_ctx *ctx, const char *path,
                                unspin_error *err) {
  size_t len;
  char *buf = unspin_read_file(path, &len, err);
  int rc;
  if (!buf)
    return UNSPIN_ERR_IO;
  rc = calibration_parse(&ctx->calib, path, buf, len, err);
  free(buf);
  return rc;
}

int unspin_ctx_load_hunspell(unspin_ctx *ctx, const char *aff,
                             const char *dic, unspin_error *err) {
  struct lexicon *lex;
  if (not_prepared(ctx, err))
    return UNSPIN_ERR_ARG;
  if (!(lex = lexicon_open(aff, dic, err)))
    return err ? err->code : UNSPIN_ERR_HUNSPELL;
  lexicon_free(ctx->lexicon);
  ctx->lexicon = lex;
  ctx->nloads++;
  /* what hunspell says is fixed by the lexicon cache: a cache is written
   * only when hunspell was never asked (prepared_write) */
  prepared_key_add(&ctx->key, 'H', NULL, "", 0);
  return UNSPIN_OK;
}

int unspin_ctx_load_lexicon_cache(unspin_ctx *ctx, const char *path,
                                  unspin_error *err) {
  if (not_prepared(ctx, err))
    return UNSPIN_ERR_ARG;
  if (!ctx->lexicon)
    return unspin_error_set(err, UNSPIN_ERR_ARG, path, 0, 0,
                            "a lexicon cache needs a hunspell dictionary "
                            "loaded first");
  return load_kind(ctx, 'L', path, err);
}

int unspin_ctx_load_model(unspin_ctx *ctx, const char *path,
                          unspin_error *err) {
  struct ngram *m;
  if (not_prepared(ctx, err))
    return UNSPIN_ERR_ARG;
  if (!(m = ngram_open(path, err)))
    return err ? err->code : UNSPIN_ERR_MODEL;
  ngram_close(ctx->model);
  ctx->model = m;
  ctx->nloads++;
  {
    /* the model's identity: the checksum its header records */
    uint64_t id[2];
    id[0] = ngram_stored_checksum(m);
    id[1] = ngram_vocab_size(m);
    prepared_key_add(&ctx->key, 'M', NULL, id, sizeof(id));
  }
  return UNSPIN_OK;
}

static int exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

int unspin_ctx_load_pack(unspin_ctx *ctx, const char *dir, const char *name,
                         unspin_error *err) {
  struct strbuf p = STRBUF_INIT;
  const struct pack *pk = NULL;
  size_t i;
  int rc;
  for (i = 0; i < sizeof(packs) / sizeof(packs[0]) && !pk; i++)
    if (name && !strcmp(name, packs[i].name))
      pk = &packs[i];
  if (!pk)
    return unspin_error_set(err, UNSPIN_ERR_ARG, NULL, 0, 0,
                            "unknown pack '%s'", name ? name : "(null)");
  ctx->pack = pk;
  strbuf_addf(&p, "%s/%s", dir, pk->table);
  rc = unspin_ctx_load_table(ctx, p.buf, err);
  if (!rc) {
    strbuf_reset(&p);
    strbuf_addf(&p, "%s/%s", dir, pk->rules_dir);
    rc = unspin_ctx_load_rules_dir(ctx, p.buf, err);
  }
  ctx->pack = &packs[0];
  strbuf_release(&p);
  return rc;
}

int unspin_ctx_load_packs(unspin_ctx *ctx, const char *dir,
                          const char *hunspell_dir,
                          const char *const *names, size_t n,
                          unsigned flags, unspin_error *err) {
  struct strbuf p = STRBUF_INIT, q = STRBUF_INIT;
  int rc = 0;
  size_t i;
  if (!hunspell_dir)
    hunspell_dir = "/usr/share/hunspell";
  /* the cache make writes for these packs (dicts/prepared/news+mt.bin),
   * unless the caller named one or has loaded something already (a cache
   * must come first) */
  if (!(flags & UNSPIN_LOAD_NO_CACHE) && !ctx->cache_path && !ctx->nloads) {
    strbuf_addf(&p, "%s/dicts/prepared/", dir);
    for (i = 0; i < n; i++)
      strbuf_addf(&p, "%s%s", i ? "+" : "", names[i]);
    strbuf_addstr(&p, ".bin");
    rc = unspin_ctx_use_cache(ctx, p.buf, err);
  }
  for (i = 0; i < n && !rc; i++)
    rc = unspin_ctx_load_pack(ctx, dir, names[i], err);
  if (!rc) {
    strbuf_reset(&p);
    strbuf_addf(&p, "%s/dicts/en/irregular.tsv", dir);
    rc = unspin_ctx_load_irregular(ctx, p.buf, err);
  }
  if (!rc) {
    strbuf_reset(&p);
    strbuf_addf(&p, "%s/en_US.aff", hunspell_dir);
    strbuf_addf(&q, "%s/en_US.dic", hunspell_dir);
    rc = unspin_ctx_load_hunspell(ctx, p.buf, q.buf, err);
  }
  if (!rc) {
    strbuf_reset(&p);
    strbuf_addf(&p, "%s/dicts/en/lexicon.tsv", dir);
    if (exists(p.buf)) /* without it, hunspell answers (slowly) */
      rc = unspin_ctx_load_lexicon_cache(ctx, p.buf, err);
  }
  if (!rc && !(flags & UNSPIN_LOAD_NO_MODEL)) {
    strbuf_reset(&p);
    strbuf_addf(&p, "%s/dicts/en/model.bin", dir);
    if ((flags & UNSPIN_LOAD_NEED_MODEL) || exists(p.buf))
      rc = unspin_ctx_load_model(ctx, p.buf, err);
  }
  if (!rc && !(flags & UNSPIN_LOAD_NO_MODEL)) {
    strbuf_reset(&p);
    strbuf_addf(&p, "%s/dicts/en/calibration.tsv", dir);
    if (exists(p.buf)) /* it calibrates the model's posteriors */
      rc = unspin_ctx_load_calibration(ctx, p.buf, err);
  }
  strbuf_release(&p);
  strbuf_release(&q);
  return rc;
}

int unspin_ctx_load_default(unspin_ctx *ctx, const char *dir,
                            const char *hunspell_dir, unspin_error *err) {
  const char *news = "news";
  return unspin_ctx_load_packs(ctx, dir, hunspell_dir, &news, 1, 0, err);
}

/* --- prepare ------------------------------------------------------------ */

struct ids {
  uint32_t v[32];
  size_t n;
  int overflow;
  struct index *ix;
  const struct ngram *model;
};

static void collect_index_id(void *arg, const char *tok, size_t len) {
  struct ids *ids = arg;
  if (ids->n == sizeof(ids->v) / sizeof(ids->v[0])) {
    ids->overflow = 1;
    return;
  }
  ids->v[ids->n++] = index_intern(ids->ix, tok, len);
}

static void collect_lm_id(void *arg, const char *tok, size_t len) {
  struct ids *ids = arg;
  unsigned char c = (unsigned char)tok[0];
  /* the model sees words, numbers and '%', as match.c and decide.c feed
   * it */
  if (!(c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
        (len == 1 && c == '%')))
    return;
  if (ids->n == sizeof(ids->v) / sizeof(ids->v[0])) {
    ids->overflow = 1;
    return;
  }
  ids->v[ids->n++] = ngram_token(ids->model, tok, len);
}

/* "word rest" -> inflected "word' rest" in out; 0 when impossible. */
static int inflect_phrase(unspin_ctx *ctx, const char *phrase,
                          enum inflect_form form, struct strbuf *out) {
  const char *sp = strchr(phrase, ' ');
  size_t wl = sp ? (size_t)(sp - phrase) : strlen(phrase);
  char buf[128];
  size_t n = inflect_form(&ctx->inflect, phrase, wl, form, buf, sizeof(buf));
  if (!n)
    return 0;
  if (ctx->lexicon && !lexicon_known(ctx->lexicon, buf, n))
    return 0;
  strbuf_reset(out);
  strbuf_add(out, buf, n);
  if (sp)
    strbuf_addstr(out, sp);
  return 1;
}

static void key_of(struct strbuf *key, const char *spun, const char *orig) {
  strbuf_reset(key);
  strbuf_addstr(key, spun);
  strbuf_addch(key, '\t');
  strbuf_addstr(key, orig);
}

static void expand_inflections(unspin_ctx *ctx) {
  static const struct {
    uint8_t need;
    enum inflect_form form;
  } forms[] = {{INFL_N, INFL_PLURAL},
               {INFL_V, INFL_3SG},
               {INFL_V, INFL_PAST},
               {INFL_V, INFL_PASTPART},
               {INFL_V, INFL_ING}};
  struct hash seen;
  struct strbuf key = STRBUF_INIT, s = STRBUF_INIT, o = STRBUF_INIT;
  size_t i, k, n = ctx->nentries, gen_alloc = 0;
  hash_init(&seen);
  /* a name entry neither blocks nor makes an inflected form: the form
   * it would block applies to lower case text too, and the possessive,
   * the one inflection names take, is its own token and entry */
  for (i = 1; i < n; i++) {
    if (ctx->entries[i].name)
      continue;
    key_of(&key, ctx->entries[i].spun, ctx->entries[i].original);
    hash_put(&seen, key.buf, key.len, (uint32_t)i);
  }
  for (i = 1; i < n; i++) {
    for (k = 0; k < sizeof(forms) / sizeof(forms[0]); k++) {
      struct entry *e = &ctx->entries[i], *g;
      if (!(e->infl & forms[k].need) || e->cls == ENTRY_RULE || e->name)
        continue;
      if (!inflect_phrase(ctx, e->spun, forms[k].form, &s) ||
          !inflect_phrase(ctx, e->original, forms[k].form, &o))
        continue;
      if (!strcmp(s.buf, o.buf))
        continue;
      key_of(&key, s.buf, o.buf);
      if (hash_get(&seen, key.buf, key.len))
        continue;
      g = ctx_add_entry(ctx);
      ALLOC_GROW(ctx->gen_src, ctx->nentries - ctx->nbase, gen_alloc);
      ctx->gen_src[ctx->nentries - 1 - ctx->nbase] = (uint32_t)i;
      e = &ctx->entries[i]; /* the array may have moved */
      *g = *e;
      g->spun = arena_strndup(&ctx->arena, s.buf, s.len);
      g->original = arena_strndup(&ctx->arena, o.buf, o.len);
      g->generated = 1;
      g->infl = 0;
      hash_put(&seen, key.buf, key.len, (uint32_t)(ctx->nentries - 1));
    }
  }
  hash_release(&seen);
  strbuf_release(&key);
  strbuf_release(&s);
  strbuf_release(&o);
}

/* Give every guard phrase its match-index ids (interning its words, so
 * that a document's tokens get ids for them too) and every document-level
 * guard a memo slot. */
static int compile_guards(unspin_ctx *ctx, unspin_error *err) {
  size_t r, g, k;
  for (r = 0; r < ctx->nrules; r++) {
    struct rule *ru = ctx->rules[r];
    for (g = 0; g < ru->nguards; g++) {
      struct guard *gd = &ru->guards[g];
      gd->ids = arena_alloc(&ctx->arena, gd->nphrases * sizeof(*gd->ids));
      gd->nids = arena_alloc(&ctx->arena, gd->nphrases * sizeof(*gd->nids));
      for (k = 0; k < gd->nphrases; k++) {
        struct ids ids;
        memset(&ids, 0, sizeof(ids));
        ids.ix = &ctx->index;
        if (tokenize_phrase(gd->phrases[k], strlen(gd->phrases[k]),
                            collect_index_id, &ids, err) < 0)
          return UNSPIN_ERR_ICU;
        gd->nids[k] = (uint16_t)ids.n; /* 0 (never matches) if absurd */
        if (ids.overflow)
          gd->nids[k] = 0;
        gd->ids[k] = arena_alloc(&ctx->arena, (ids.n + 1) * sizeof(uint32_t));
        memcpy(gd->ids[k], ids.v, ids.n * sizeof(uint32_t));
      }
      if (gd->kind != GUARD_NEAR)
        gd->slot = ctx->nguard_slots++;
    }
  }
  return UNSPIN_OK;
}

int unspin_ctx_prepare(unspin_ctx *ctx, unspin_error *err) {
  size_t i;
  int rc;
  if (not_prepared(ctx, err))
    return UNSPIN_ERR_ARG;
  if (ctx->cache_path) {
    ctx->cache_state =
        prepared_read(ctx, ctx->cache_path, &ctx->cache_err, &rc, err);
    if (rc)
      return rc;
    if (ctx->cache_state == UNSPIN_CACHE_USED) {
      free_deferred(ctx);
      if ((rc = compile_guards(ctx, err)))
        return rc;
      ctx->prepared = 1;
      return UNSPIN_OK;
    }
    /* everything, in the order it was loaded */
    rc = ctx_parse_deferred(ctx, "TRIL", err);
    free_deferred(ctx);
    if (rc)
      return rc;
  }
  ctx->nbase = ctx->nentries;
  expand_inflections(ctx);
  if (ctx->lexicon && lexicon_failed(ctx->lexicon, err))
    return UNSPIN_ERR_HUNSPELL;
  if ((rc = compile_guards(ctx, err)))
    return rc;
  for (i = 1; i < ctx->nentries; i++) {
    struct entry *e = &ctx->entries[i];
    struct ids ids;
    uint32_t node;
    memset(&ids, 0, sizeof(ids));
    ids.ix = &ctx->index;
    if (tokenize_phrase(e->spun, strlen(e->spun), collect_index_id, &ids,
                        err) < 0)
      return err ? err->code : UNSPIN_ERR_ICU;
    if (!ids.n || ids.overflow)
      continue; /* nothing to match, or absurdly long */
    e->nspun = (uint16_t)ids.n;
    node = index_add_path(&ctx->index, ids.v, ids.n);
    e->next = ctx->index.head[node];
    ctx->index.head[node] = (uint32_t)i;
    if (ctx->model) {
      memset(&ids, 0, sizeof(ids));
      ids.model = ctx->model;
      if (tokenize_phrase(e->original, strlen(e->original), collect_lm_id,
                          &ids, err) < 0)
        return err ? err->code : UNSPIN_ERR_ICU;
      e->norig = (uint16_t)ids.n;
      {
        uint32_t *lm = arena_alloc(&ctx->arena, (ids.n + 1) * sizeof(*lm));
        memcpy(lm, ids.v, ids.n * sizeof(*lm));
        e->orig_lm = lm;
      }
      if (ids.n) {
        double orig_alone = ngram_score(ctx->model, ids.v, 0, ids.n);
        memset(&ids, 0, sizeof(ids));
        ids.model = ctx->model;
        if (tokenize_phrase(e->spun, strlen(e->spun), collect_lm_id, &ids,
                            err) < 0)
          return err ? err->code : UNSPIN_ERR_ICU;
        e->base_delta =
            ids.n ? (float)(orig_alone - ngram_score(ctx->model, ids.v, 0,
                                                     ids.n))
                  : 0.0f;
      }
    }
  }
  ctx->prepared = 1;
  return UNSPIN_OK;
}

int unspin_ctx_use_cache(unspin_ctx *ctx, const char *path,
                         unspin_error *err) {
  if (not_prepared(ctx, err))
    return UNSPIN_ERR_ARG;
  if (!path)
    return unspin_error_set(err, UNSPIN_ERR_ARG, NULL, 0, 0,
                            "no cache path given");
  if (ctx->nloads)
    return unspin_error_set(err, UNSPIN_ERR_ARG, path, 0, 0,
                            "a cache must be named before the first load");
  free(ctx->cache_path);
  ctx->cache_path = xstrdup(path);
  return UNSPIN_OK;
}

int unspin_ctx_cache_state(const unspin_ctx *ctx, unspin_error *err) {
  if (ctx->cache_state == UNSPIN_CACHE_CORRUPT && err)
    *err = ctx->cache_err;
  return ctx->cache_state;
}

int unspin_ctx_write_cache(const unspin_ctx *ctx, const char *path,
                           unspin_error *err) {
  return prepared_write(ctx, path, err);
}

size_t unspin_ctx_entry_count(const unspin_ctx *ctx) {
  return ctx->nentries - 1;
}

const char *unspin_version_string(void) { return UNSPIN_VERSION; }
