/*
 * hash.h - open-addressing map from byte strings to uint32 values.
 *
 * Keys are copied into the map's own arena (the map owns its keys); values
 * are plain integers, so there is nothing else to own.  Used for the
 * vocabulary (word -> id) and, with hash_u64, the phrase trie edges.
 */
#ifndef UNSPIN_HASH_H
#define UNSPIN_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

struct hash_slot {
  uint64_t h;
  const char *key; /* NULL = empty */
  uint32_t len;
  uint32_t value;
};

struct hash {
  struct hash_slot *slots;
  size_t cap, count;
  struct arena keys;
};

void hash_init(struct hash *m);
void hash_release(struct hash *m);
/* Value for key, or 0 when absent (so store values >= 1). */
uint32_t hash_get(const struct hash *m, const char *key, size_t len);
/* Insert or overwrite. */
void hash_put(struct hash *m, const char *key, size_t len, uint32_t value);
/* Make room for n keys in all, so that inserting them never rehashes. */
void hash_reserve(struct hash *m, size_t n);

/* Integer-keyed map (key 0 is reserved as empty). */
struct hash_u64_slot {
  uint64_t key;
  uint32_t value;
};
struct hash_u64 {
  struct hash_u64_slot *slots;
  size_t cap, count;
};
void hash_u64_init(struct hash_u64 *m);
void hash_u64_release(struct hash_u64 *m);
uint32_t hash_u64_get(const struct hash_u64 *m, uint64_t key);
void hash_u64_put(struct hash_u64 *m, uint64_t key, uint32_t value);
void hash_u64_reserve(struct hash_u64 *m, size_t n);

#endif
