/* index.c - see index.h. */
#include <stdlib.h>
#include <string.h>

#include "index.h"
#include "util.h"

void index_init(struct index *ix) {
  hash_init(&ix->vocab);
  hash_u64_init(&ix->edges);
  ix->head = NULL;
  ix->nnodes = ix->alloc = 0;
  ALLOC_GROW(ix->head, 1, ix->alloc);
  ix->head[ix->nnodes++] = 0; /* the root */
}

void index_release(struct index *ix) {
  hash_release(&ix->vocab);
  hash_u64_release(&ix->edges);
  free(ix->head);
  ix->head = NULL;
  ix->nnodes = ix->alloc = 0;
}

uint32_t index_intern(struct index *ix, const char *tok, size_t len) {
  uint32_t id = hash_get(&ix->vocab, tok, len);
  if (!id) {
    id = (uint32_t)ix->vocab.count + 1;
    hash_put(&ix->vocab, tok, len, id);
  }
  return id;
}

uint32_t index_word(const struct index *ix, const char *tok, size_t len) {
  return hash_get(&ix->vocab, tok, len);
}

uint32_t index_step(const struct index *ix, uint32_t node, uint32_t id) {
  if (!id)
    return 0;
  return hash_u64_get(&ix->edges, ((uint64_t)node << 32) | id);
}

uint32_t index_add_path(struct index *ix, const uint32_t *ids, size_t n) {
  uint32_t node = 0;
  size_t i;
  for (i = 0; i < n; i++) {
    uint64_t key = ((uint64_t)node << 32) | ids[i];
    uint32_t child = hash_u64_get(&ix->edges, key);
    if (!child) {
      ALLOC_GROW(ix->head, ix->nnodes + 1, ix->alloc);
      child = (uint32_t)ix->nnodes;
      ix->head[ix->nnodes++] = 0;
      hash_u64_put(&ix->edges, key, child);
    }
    node = child;
  }
  return node;
}
