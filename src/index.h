/*
 * index.h - the compiled match index: a vocabulary of normalised tokens and
 * a trie of token-id sequences, so matching costs one hash probe per token
 * whatever the number of entries.
 */
#ifndef UNSPIN_INDEX_H
#define UNSPIN_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "hash.h"

struct index {
  struct hash vocab;     /* normalised token -> id (1-based) */
  struct hash_u64 edges; /* (node << 32 | token id) -> child node */
  uint32_t *head;        /* per node: first entry (1-based), 0 = none */
  size_t nnodes, alloc;
};

void index_init(struct index *ix);
void index_release(struct index *ix);
/* The vocabulary id of a token, adding it when absent. */
uint32_t index_intern(struct index *ix, const char *tok, size_t len);
/* The id of a token, 0 when no entry uses it. */
uint32_t index_word(const struct index *ix, const char *tok, size_t len);
/* Node reached from node by token id, 0 when none (node 0 is the root, and
 * no edge leads back to it). */
uint32_t index_step(const struct index *ix, uint32_t node, uint32_t id);
/* Node for a sequence of ids, created as needed. */
uint32_t index_add_path(struct index *ix, const uint32_t *ids, size_t n);

#endif
