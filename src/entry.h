/*
 * entry.h - one candidate substitution (spun phrase -> original phrase), as
 * loaded from a table or a rule, and the rule conditions it may carry.
 * Entries and rules live in the ctx arena and never move once prepared.
 */
#ifndef UNSPIN_ENTRY_H
#define UNSPIN_ENTRY_H

#include <stddef.h>
#include <stdint.h>

enum entry_class {
  ENTRY_CTX = 0,      /* needs the context model */
  ENTRY_TELLTALE = 1, /* safe without context */
  ENTRY_RULE = 2      /* a context rule: its conditions make it safe */
};

enum entry_infl { INFL_NONE = 0, INFL_N = 1, INFL_V = 2 };

/* One position of a rule pattern. */
enum cond_kind {
  COND_ANY,      /* * */
  COND_WORDS,    /* a|b|@NUM: one of these words or word classes */
  COND_SUFFIX,   /* *ing: a word ending in this */
  COND_BOUNDARY  /* <s> (left) or </s> (right): sentence edge */
};

/* Word classes that may stand among the alternatives of COND_WORDS. */
enum cond_class {
  CLASS_NUM = (1 << 0),   /* @NUM: a number */
  CLASS_CAP = (1 << 1),   /* @CAP: a capitalised word */
  CLASS_WORD = (1 << 2),  /* @WORD: any word */
  CLASS_PUNCT = (1 << 3)  /* @PUNCT: punctuation */
};

struct cond {
  uint8_t kind;    /* enum cond_kind */
  uint8_t negate;  /* !cond */
  uint8_t classes; /* COND_WORDS: enum cond_class bits */
  uint16_t nwords; /* COND_WORDS/COND_SUFFIX: number of strings */
  const char **words; /* normalised, arena-owned */
};

/*
 * A guard: a condition on the document around a match, as the Problematic
 * Paper Screener writes its queries ("a" AND "b", NOT, "a b"~N).  A guard
 * holds when one of its phrases occurs: anywhere in the document (with),
 * nowhere in it (without), or within near words of the match (near).
 */
enum guard_kind { GUARD_WITH, GUARD_WITHOUT, GUARD_NEAR };

struct guard {
  uint8_t kind;           /* enum guard_kind */
  uint16_t near;          /* GUARD_NEAR: at most this many words away */
  uint16_t nphrases;
  const char **phrases;   /* normalised words joined by spaces; arena */
  uint32_t **ids;         /* per phrase: match-index ids (after prepare) */
  uint16_t *nids;         /* per phrase: number of ids */
  uint32_t slot;          /* with/without: the document's memo slot */
};

struct rule_example {
  const char *text;     /* input */
  const char *expect;   /* corrected text; NULL = must not fire */
  unsigned line;        /* line in the rules file */
};

struct rule {
  const char *id, *message, *path;
  unsigned line;          /* where the rule starts */
  struct cond *left;      /* nearest first */
  size_t nleft;
  struct cond *right;     /* nearest first */
  size_t nright;
  struct guard *guards;   /* all must hold */
  size_t nguards;
  struct rule_example *examples;
  size_t nexamples;
};

struct entry {
  const char *spun;        /* lower case, as written in the source */
  const char *original;    /* lower case replacement */
  const char *source;      /* "train:12", "hand", "rule", ... */
  const char *rule_id;     /* stable id for output */
  const char *message;
  const char *pack;        /* the rule pack it was loaded with */
  const struct rule *rule; /* NULL for table entries */
  float weight;            /* channel weight, 0..1 */
  uint8_t cls;             /* enum entry_class */
  uint8_t infl;            /* enum entry_infl bits */
  uint8_t generated;       /* made by inflection from another entry */
  uint8_t name;            /* a name entry (table class `name`): matches
                              only where its first token is capitalised
                              inside a sentence (match.c); otherwise a
                              ctx entry */
  uint16_t nspun;          /* tokens in spun */
  const uint32_t *orig_lm; /* n-gram ids of original's tokens (after
                              prepare with a model); in the ctx arena or
                              the prepared cache's mapping, read-only */
  uint16_t norig;
  float base_delta;        /* log10 P_LM(original alone) - P_LM(spun alone):
                              how much more common the original is anyway */
  uint32_t next;           /* next entry (1-based) at the same index node */
};

/* A certain entry (weight 1, not left to the model: the academic pack's
 * tortured phrases) is applied without asking the model, keeps its weight
 * as its confidence, and is never calibrated. */
static inline int entry_certain(const struct entry *e) {
  return e->weight >= 1.0f && e->cls != ENTRY_CTX;
}

#endif
