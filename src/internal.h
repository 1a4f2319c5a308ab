/*
 * internal.h - the layout of the opaque public structs, shared by the
 * library's modules and nothing else.
 */
#ifndef UNSPIN_INTERNAL_H
#define UNSPIN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "calibrate.h"
#include "entry.h"
#include "index.h"
#include "inflect.h"
#include "prepared.h"
#include "strbuf.h"
#include "text.h"
#include "tokenize.h"
#include "unspin.h"

struct lexicon;
struct ngram;

/*
 * A rule pack: a named set of tables and rules under the data directory
 * (README.md, "Packs").  Entries remember the pack they were loaded with.
 */
struct pack {
  const char *name;
  const char *table;     /* relative to the data directory */
  const char *rules_dir; /* relative to the data directory */
  const char *telltale_id, *ctx_id; /* rule ids of its table entries */
  const char *name_id;   /* of its name entries; NULL: ctx_id */
  const char *message;   /* of its table entries; NULL: the default */
};

struct unspin_ctx {
  struct arena arena;    /* entries, rules, strings */
  struct entry *entries; /* 1-based in index heads; entries[0] unused */
  size_t nentries, alloc;
  struct rule **rules;
  size_t nrules, rules_alloc;
  struct index index;
  struct inflect inflect;
  struct lexicon *lexicon; /* NULL: generated forms are not checked */
  struct ngram *model;     /* NULL: no context model */
  const struct pack *pack; /* what loads now tag their entries with */
  uint32_t nguard_slots;   /* document-level guards (memo size) */
  int prepared;
  /* the prepared-context cache (prepared.h) */
  struct prepared_key key; /* fingerprint of everything loaded so far */
  size_t nbase;            /* entries before prepare (inflection adds) */
  uint32_t *gen_src;       /* per entry from nbase on: the one it inflects */
  char *cache_path;        /* NULL: no cache */
  const void *cache_map;   /* the cache, mapped while strings point in */
  size_t cache_size;
  int cache_state;         /* enum unspin_cache_state */
  unspin_error cache_err;  /* why it is UNSPIN_CACHE_CORRUPT */
  /* with a cache, the files are parsed by prepare, as far as needed */
  size_t nloads;           /* files loaded (a cache must come first) */
  struct deferred {
    char kind; /* 'T' table, 'R' rules, 'I' irregular, 'L' lexicon cache */
    const struct pack *pack; /* for 'T' and 'R' */
    char *path, *buf;
    size_t len;
  } *deferred;
  size_t ndeferred, deferred_alloc;
  double default_min_confidence;
  struct calibration calib; /* not loaded: confidence = posterior */
};

/* One candidate site: tokens [tok, tok_end) match entry. */
struct candidate {
  uint32_t tok, tok_end;
  uint32_t entry; /* index into ctx->entries */
  double confidence; /* what the finding reports (calibrate.h) */
  double posterior;  /* the decoder's own, before calibration */
  double score_spun, score_orig;
};

struct unspin_doc {
  const unspin_ctx *ctx;
  struct arena arena;
  char *text; /* own copy, NUL-terminated */
  size_t len;
  /* unspin_check_file(): text is a read-only mapping of the file, map_len
   * bytes long (0: text is malloc'd), whose pages the check and the
   * renderers give back once read (doc_drop_pages) */
  size_t map_len;
  struct tokens toks;
  size_t nlines; /* lines of text, a final line break starting none */
  unspin_finding *findings;
  size_t nfindings, applied;
  double min_confidence;
  double spin_estimate;
  size_t words;
  struct arena *chunk_arenas; /* the findings' strings, one per chunk */
  size_t nchunks;
};

/* detect.c: with a mapped text, let the kernel drop the resident pages
 * wholly inside [from, to) (they are read again from the file, usually the
 * page cache, if needed); without one, nothing. */
void doc_drop_pages(const unspin_doc *doc, size_t from, size_t to);

/* ctx.c: add an entry (strings are copied into the ctx arena). */
struct entry *ctx_add_entry(unspin_ctx *ctx);
void ctx_add_rule(unspin_ctx *ctx, struct rule *r);
/* The pack with index i, NULL past the last. */
const struct pack *ctx_pack(size_t i);
/* The rule id of pack pk's table entry e (by its class and name flag). */
const char *pack_rule_id(const struct pack *pk, const struct entry *e);
/* With a cache: parse the files kept for prepare whose kind is in kinds
 * ("TRIL": tables, rules, irregular forms, lexicon caches), in load order. */
int ctx_parse_deferred(unspin_ctx *ctx, const char *kinds, unspin_error *err);

/* apply.c: is f one that unspin_doc_apply() uses (at or above the bar)? */
int doc_finding_applied(const unspin_doc *doc, const unspin_finding *f);
/*
 * apply.c: the corrected text, appended to sb (the caller's).  Finding i
 * is replaced by choices[i] (NULL leaves it as it is) or, without
 * choices, by its replacement when doc_finding_applied().  after, when
 * given, is called after each replacement with how far the text is
 * copied, so a caller may stream sb out as it fills.
 */
void doc_apply_into(const unspin_doc *doc, const char *const *choices,
                    struct strbuf *sb,
                    void (*after)(void *user, struct strbuf *sb, size_t pos),
                    void *user);
/* apply.c: the replacement for spun text, in its case pattern; arena-owned. */
char *apply_case(struct arena *a, const char *spun, size_t spun_len,
                 const char *orig);

#endif
