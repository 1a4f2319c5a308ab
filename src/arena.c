/* arena.c - see arena.h. */
#include <string.h>
#include <stdlib.h>

#include "arena.h"
#include "util.h"

struct arena_block {
  struct arena_block *next;
  size_t cap;
  /* data follows, max-aligned */
  union {
    long double ld;
    void *p;
    long long ll;
  } data[];
};

#define ARENA_ALIGN 16

void *arena_alloc(struct arena *a, size_t n) {
  char *p;
  n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
  if (!a->head || a->used + n > a->cap) {
    size_t cap = n > 65536 - 64 ? n : 65536 - 64;
    struct arena_block *b = xmalloc(sizeof(*b) + cap);
    b->next = a->head;
    b->cap = cap;
    a->head = b;
    a->used = 0;
    a->cap = cap;
  }
  p = (char *)a->head->data + a->used;
  a->used += n;
  memset(p, 0, n);
  return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n) {
  char *p = arena_alloc(a, n + 1);
  if (n)
    memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *arena_strdup(struct arena *a, const char *s) {
  return arena_strndup(a, s, strlen(s));
}

void arena_release(struct arena *a) {
  struct arena_block *b = a->head;
  while (b) {
    struct arena_block *next = b->next;
    free(b);
    b = next;
  }
  a->head = NULL;
  a->used = a->cap = 0;
}
