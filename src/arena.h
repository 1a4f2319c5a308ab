/*
 * arena.h - a bump allocator.  Everything allocated from an arena lives
 * until arena_release(); nothing is freed one by one.  One arena per ctx
 * (rules, strings, the index) and one per doc (tokens, findings).
 */
#ifndef UNSPIN_ARENA_H
#define UNSPIN_ARENA_H

#include <stddef.h>

struct arena_block;
struct arena {
  struct arena_block *head;
  size_t used, cap;
};

#define ARENA_INIT {NULL, 0, 0}

void *arena_alloc(struct arena *a, size_t n); /* zeroed, aligned */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
void arena_release(struct arena *a);

#endif
