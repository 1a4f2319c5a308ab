/*
 * prepared.h - the prepared-context cache: what unspin_ctx_prepare()
 * computes from the loaded tables, rules, irregular forms, lexicon cache
 * and model (inflected entries, the match index, the model's ids and base
 * deltas), in a file that a start-up reads instead of computing it.
 *
 * The cache is keyed: a fingerprint of every input as it was loaded (its
 * bytes, in load order, with the pack it was loaded for; for the model, the
 * checksum its header records) and of the library's own sources (the
 * Makefile passes their hash as UNSPIN_CODE_HASH), so a cache made from
 * other data or by other code is stale, never used.  The rules are still
 * parsed at every start-up (their conditions are not in the cache); the
 * cache replaces the rest.
 *
 * File format, version 4, native byte order (an endian tag says which):
 *
 *   header (struct prepared_header, 80 bytes): magic "UNSPINPC", version,
 *     header size, file size, checksum (hash_block over the header with the
 *     field zeroed, chained into hash_block over the rest), key, endian
 *     tag, then the counts below.
 *   BASE   nbase - 1 records of 24 bytes for entries 1..nbase - 1, as
 *          the tables and rules gave them: {kind (uint8: 0 a table entry,
 *          1 a rule's), pack (uint8, its index), class (uint8), inflections
 *          (uint8), weight (float), spun, original, source (offsets into
 *          STR), name (uint8: 1 for a name entry, whose class is ctx),
 *          three zero bytes}; a rule's entry has only its kind: it comes
 *          from the rules, which are parsed at every start-up, in order
 *   GEN    nentries - nbase records {src, spun, original} (uint32 each):
 *          entry nbase + i is a copy of entry src (1 <= src < nbase) with
 *          other spun and original strings (offsets into STR)
 *   ENT    nentries - 1 records for entries 1.., 16 bytes: {next, lm (an
 *          offset into POOL, or UINT32_MAX for none), nspun (uint16), norig
 *          (uint16), base_delta (float)}; next < the entry's own number
 *   VOCAB  nvocab records {offset into STR, length}: match-index word ids
 *          1..nvocab in order
 *   EDGES  nedges records {key (uint64: node << 32 | word id), child
 *          (uint32), 0 (uint32)}, ascending by key
 *   HEAD   uint32[nnodes]: per trie node, its first entry
 *   POOL   uint32[npool]: the model ids of the entries' originals
 *   STR    strsize bytes of NUL-terminated strings, the last byte NUL
 *
 * Every section starts at a multiple of 8 bytes; their places follow from
 * the counts, and the file must end where the last one ends.  Reading
 * checks every count, offset, id and link before anything is used, so a
 * damaged file is reported and ignored, never a crash.
 */
#ifndef UNSPIN_PREPARED_H
#define UNSPIN_PREPARED_H

#include <stddef.h>
#include <stdint.h>

#include "unspin.h"

#define PREPARED_MAGIC "UNSPINPC" /* 8 bytes, no NUL */
#define PREPARED_VERSION 4u
#define PREPARED_ENDIAN_TAG 0x01020304u

struct prepared_header {
  char magic[8];
  uint32_t version;
  uint32_t header_size;
  uint64_t file_size;
  uint64_t checksum;
  uint64_t key[2];
  uint32_t endian;
  uint32_t nbase;    /* entries (counting entry 0) before prepare */
  uint32_t nentries; /* entries (counting entry 0) after */
  uint32_t nvocab, nnodes, nedges, npool, strsize;
};

/* The fingerprint of a ctx's inputs. */
struct prepared_key {
  uint64_t h[2];
};

/* Start a key with the format version and the library's code hash. */
void prepared_key_init(struct prepared_key *k);
/* Add one input: a tag saying what it is, a name (a pack, or NULL), bytes. */
void prepared_key_add(struct prepared_key *k, char tag, const char *name,
                      const void *data, size_t n);

/*
 * Read the cache at path into ctx, which holds the loaded inputs (kept
 * unparsed, ctx_parse_deferred()) and is about to be prepared:
 * UNSPIN_CACHE_USED when it was applied (the rules parsed, entries, index
 * and model data in place, strings and model ids pointing into the mapped
 * file, which stays mapped until prepared_unmap(); the guards still to
 * compile), else UNSPIN_CACHE_MISSING, _STALE (another key or version) or
 * _CORRUPT (*err says why), with nothing parsed.  *rc is an error parsing
 * the rules (*rc_err says which), which prepare must report.
 */
int prepared_read(unspin_ctx *ctx, const char *path, unspin_error *err, int *rc,
                  unspin_error *rc_err);

/* Unmap the cache a prepare read (the ctx's inflected entries point into
 * it); for unspin_ctx_free(). */
void prepared_unmap(unspin_ctx *ctx);

/* Write a prepared ctx to path atomically (a temporary file, then rename). */
int prepared_write(const unspin_ctx *ctx, const char *path, unspin_error *err);

/* The checksum the header of a cache file holds (prepared_header). */
uint64_t prepared_file_checksum(const void *file, size_t size);

/* The library's code hash ("" when it was built without one). */
const char *prepared_code_hash(void);

#endif
