/* hash.c - see hash.h.  Linear probing at a load factor below 1/2. */
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "util.h"

void hash_init(struct hash *m) {
  m->cap = 64;
  m->count = 0;
  m->slots = xcalloc(m->cap, sizeof(*m->slots));
  m->keys = (struct arena)ARENA_INIT;
}

void hash_release(struct hash *m) {
  free(m->slots);
  m->slots = NULL;
  m->cap = m->count = 0;
  arena_release(&m->keys);
}

static struct hash_slot *find(const struct hash *m, uint64_t h,
                              const char *key, size_t len) {
  size_t i = (size_t)h & (m->cap - 1);
  for (;;) {
    struct hash_slot *s = &m->slots[i];
    if (!s->key)
      return s;
    if (s->h == h && s->len == len && !memcmp(s->key, key, len))
      return s;
    i = (i + 1) & (m->cap - 1);
  }
}

uint32_t hash_get(const struct hash *m, const char *key, size_t len) {
  const struct hash_slot *s = find(m, hash_bytes(key, len), key, len);
  return s->key ? s->value : 0;
}

/* Move every key into a table of cap slots. */
static void grow_to(struct hash *m, size_t cap) {
  struct hash_slot *old = m->slots;
  size_t oldcap = m->cap, i;
  m->cap = cap;
  m->slots = xcalloc(m->cap, sizeof(*m->slots));
  for (i = 0; i < oldcap; i++) {
    if (old[i].key) {
      struct hash_slot *s = find(m, old[i].h, old[i].key, old[i].len);
      *s = old[i];
    }
  }
  free(old);
}

void hash_reserve(struct hash *m, size_t n) {
  size_t cap = m->cap;
  while (2 * n > cap)
    cap *= 2;
  if (cap != m->cap)
    grow_to(m, cap);
}

void hash_put(struct hash *m, const char *key, size_t len, uint32_t value) {
  uint64_t h = hash_bytes(key, len);
  struct hash_slot *s;
  if (len > UINT32_MAX)
    UNSPIN_BUG("hash key too long");
  if (2 * (m->count + 1) > m->cap)
    grow_to(m, 2 * m->cap);
  s = find(m, h, key, len);
  if (!s->key) {
    s->key = arena_strndup(&m->keys, key, len);
    s->len = (uint32_t)len;
    s->h = h;
    m->count++;
  }
  s->value = value;
}

void hash_u64_init(struct hash_u64 *m) {
  m->cap = 64;
  m->count = 0;
  m->slots = xcalloc(m->cap, sizeof(*m->slots));
}

void hash_u64_release(struct hash_u64 *m) {
  free(m->slots);
  m->slots = NULL;
  m->cap = m->count = 0;
}

static struct hash_u64_slot *find64(const struct hash_u64 *m, uint64_t key) {
  size_t i = (size_t)hash_mix64(key) & (m->cap - 1);
  for (;;) {
    struct hash_u64_slot *s = &m->slots[i];
    if (!s->key || s->key == key)
      return s;
    i = (i + 1) & (m->cap - 1);
  }
}

uint32_t hash_u64_get(const struct hash_u64 *m, uint64_t key) {
  return find64(m, key)->value;
}

static void grow64(struct hash_u64 *m, size_t cap) {
  struct hash_u64_slot *old = m->slots;
  size_t oldcap = m->cap, i;
  m->cap = cap;
  m->slots = xcalloc(m->cap, sizeof(*m->slots));
  for (i = 0; i < oldcap; i++)
    if (old[i].key)
      *find64(m, old[i].key) = old[i];
  free(old);
}

void hash_u64_reserve(struct hash_u64 *m, size_t n) {
  size_t cap = m->cap;
  while (2 * n > cap)
    cap *= 2;
  if (cap != m->cap)
    grow64(m, cap);
}

void hash_u64_put(struct hash_u64 *m, uint64_t key, uint32_t value) {
  struct hash_u64_slot *s;
  if (!key)
    UNSPIN_BUG("hash_u64 key 0 is reserved");
  if (2 * (m->count + 1) > m->cap)
    grow64(m, 2 * m->cap);
  s = find64(m, key);
  if (!s->key) {
    s->key = key;
    m->count++;
  }
  s->value = value;
}
