/*
 * ngram.h - the compact trigram language model, mapped read-only.
 *
 * The model is built by tools/build-model from the CMU Sphinx en-us trigram
 * model (see dicts/SOURCES.md) into dicts/en/model.bin.  The file format is
 * documented in ngram.c.  Opening verifies magic, format version, sizes and
 * the structure; a truncated, old or structurally damaged file is an
 * UNSPIN_ERR_MODEL error, never a crash; then ngram_verify() checks the
 * checksum.
 *
 * Vocabulary conventions follow the source model: lower case, no digits, no
 * punctuation, apostrophes as ASCII '.  Word ids are dense, 1-based; 0 means
 * "not in the vocabulary" and is scored as an unknown word.
 */
#ifndef UNSPIN_NGRAM_H
#define UNSPIN_NGRAM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "unspin.h"

struct ngram;

/* Map the model and check its structure (magic, version, sizes, every
 * offset and bucket boundary, not the checksum); NULL and *err on failure.
 * Free with ngram_close. */
struct ngram *ngram_open(const char *path, unspin_error *err);
void ngram_close(struct ngram *m);
/* Read the whole file against its checksum: UNSPIN_ERR_MODEL "model
 * checksum mismatch" (path for the message) when it differs. */
int ngram_verify(const struct ngram *m, const char *path, unspin_error *err);
/* The checksum the header claims (what identifies the model's contents). */
uint64_t ngram_stored_checksum(const struct ngram *m);

/* Id of a normalised word (lower case, ' apostrophes), 0 when unknown. */
uint32_t ngram_word(const struct ngram *m, const char *w, size_t len);
/*
 * The id of the word that stands for a number token ("12", "7.5",
 * "1,000", "2021") the way the model's text wrote numbers: spelled out.
 * One word per token: the value's own word up to twenty, its tens up to
 * ninety-nine, then "hundred", "nineteen" or "two"... for a year
 * (1900-2099: "nineteen ninety", "two thousand"), "thousand" beyond.  0
 * when the token does not start with a digit or the word is unknown.
 */
uint32_t ngram_number(const struct ngram *m, const char *tok, size_t len);
/*
 * The id of a normalised token as the model's text spelled it, for the
 * tokens the model is fed: a number by ngram_number(), '%' as "percent"
 * (the one symbol it spells out near the numbers of news copy), anything
 * else by ngram_word().  Which tokens it is fed is the caller's choice
 * (match.c for the text, ctx.c for the table's phrases).
 */
uint32_t ngram_token(const struct ngram *m, const char *tok, size_t len);
/* Ids of the sentence boundary markers <s> and </s>. */
uint32_t ngram_bos(const struct ngram *m);
uint32_t ngram_eos(const struct ngram *m);
size_t ngram_vocab_size(const struct ngram *m);

/*
 * log10 P(w | h) with Katz back-off, h = the nh (0..2) preceding ids, oldest
 * first.  An unknown w (id 0) gets a fixed penalty (NGRAM_UNK_LOGPROB); an
 * unknown word in h shortens the history.
 */
float ngram_prob(const struct ngram *m, const uint32_t *h, size_t nh,
                 uint32_t w);
#define NGRAM_UNK_LOGPROB (-7.0f)

/*
 * Many ngram_prob() queries at once: q[i].p = log10 P(w | a b), where an
 * id of 0 in a or b stands for no history word (a = b = 0: the unigram).
 * The answers are those of ngram_prob(); the lookups of a batch overlap in
 * memory instead of waiting for each other, which on a model far larger
 * than the cache is most of their cost.
 */
struct ngram_query {
  uint32_t a, b, w;
  float p;
};
void ngram_prob_batch(const struct ngram *m, struct ngram_query *q, size_t n);

/* Sum of ngram_prob over ids[from..to), each with up to two ids of history
 * taken from ids[] itself (positions before 0 are not used). */
double ngram_score(const struct ngram *m, const uint32_t *ids, size_t from,
                   size_t to);

/* Number of stored n-grams of an order (1..3); 0 for other orders. */
size_t ngram_count(const struct ngram *m, int order);

/*
 * Building a model (ngram_build.c, used by tools/build-model and the unit
 * tests).  The input is the text dump of a Katz back-off trigram model, one
 * n-gram per line: order<TAB>log10prob<TAB>log10backoff<TAB>words, orders
 * ascending, '#' lines ignored (see dicts/en/MODEL.md).
 */
struct ngram_build_stats {
  size_t vocab;
  size_t read[4];       /* n-grams read, by order */
  size_t added;         /* bigrams added as context or suffix of a trigram */
  size_t pruned[4];     /* removed by --prune */
  size_t collisions[3]; /* dropped for sharing bucket and fingerprint with
                           another, by table: bigrams, back-off, trigrams */
  size_t bytes;         /* size of the file written */
  double quant_err[3];  /* mean |quantisation error|: bigram log10 P,
                           bigram back-off, trigram log10 P */
};

struct ngram_build_opts {
  /*
   * Weighted-difference pruning: drop a bi- or trigram when
   * P(h w) * |log10 P(w|h) - log10 P_backoff(w|h)| < prune, then
   * recompute the back-off weights.  0 keeps everything.
   */
  double prune;
  const char *in_name;            /* for messages; NULL: "<stdin>" */
  struct ngram_build_stats *stats; /* filled when not NULL */
};

/*
 * Read the dump from in and write the binary model to out_path atomically
 * (a temporary file in the same directory, then rename).  UNSPIN_ERR_SYNTAX
 * for malformed input (with the line), UNSPIN_ERR_IO for read or write
 * failures; out_path is left untouched on failure.
 */
int ngram_build(FILE *in, const char *out_path,
                const struct ngram_build_opts *o, unspin_error *err);

/*
 * The file format, shared by the loader and the builder; ngram.c documents
 * it.  Nothing outside ngram.c and ngram_build.c should need this.
 */
#define NGRAM_MAGIC "UNSPINLM" /* 8 bytes, no NUL */
#define NGRAM_FORMAT_VERSION 2u
#define NGRAM_ENDIAN_TAG 0x01020304u
#define NGRAM_MAX_VOCAB ((1u << 21) - 1) /* ids are packed in 21 bits */
#define NGRAM_QLEVELS 256
#define NGRAM_ENTRY_SIZE 3 /* 16-bit fingerprint + 8-bit code */
#define NGRAM_GROUP_SHIFT 4 /* 16 buckets share one 32-bit base offset */

enum ngram_quant {
  NGRAM_Q_BI_P,
  NGRAM_Q_BI_BO,
  NGRAM_Q_TRI_P,
  NGRAM_NQUANT
};

enum ngram_tab { NGRAM_T_BI, NGRAM_T_CTX, NGRAM_T_TRI, NGRAM_NTAB };

enum ngram_sec {
  NGRAM_S_QUANT,      /* float[NGRAM_NQUANT][256] */
  NGRAM_S_VOCAB_OFF,  /* uint32[V + 1] */
  NGRAM_S_VOCAB_STR,  /* bytes */
  NGRAM_S_VOCAB_HASH, /* uint32[1 << vocab_hash_bits] */
  NGRAM_S_UNI,        /* float[V + 1][2] */
  NGRAM_S_TAB,        /* per table: GROUPS, REL, ENTRIES */
  NGRAM_NSEC = NGRAM_S_TAB + 3 * NGRAM_NTAB
};

struct ngram_file_table {
  uint64_t count;       /* entries */
  uint32_t bucket_bits; /* 1 << bucket_bits buckets */
  uint32_t entry_size;  /* NGRAM_ENTRY_SIZE */
};

struct ngram_file_section {
  uint64_t offset, size; /* bytes from the start of the file */
};

struct ngram_file_header {
  char magic[8];
  uint32_t version;
  uint32_t header_size;
  uint64_t file_size;
  uint64_t checksum;
  uint32_t endian;
  uint32_t vocab_size;
  uint32_t bos, eos;
  uint32_t vocab_hash_bits;
  uint32_t reserved;
  struct ngram_file_table tab[NGRAM_NTAB];
  struct ngram_file_section sec[NGRAM_NSEC];
};

/* Checksum of the file: the header with its checksum field zeroed, then the
 * rest.  Fast (several GB/s), not cryptographic. */
uint64_t ngram_file_checksum(const void *file, size_t size);
/* The hash of a word in the vocabulary table. */
uint64_t ngram_word_hash(const char *w, size_t len);
/* The hash of an id tuple (b, c may be 0): bucket from the top bits,
 * fingerprint from the low 16. */
uint64_t ngram_key_hash(uint32_t a, uint32_t b, uint32_t c);

#endif
