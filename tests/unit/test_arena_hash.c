/* test_arena_hash.c - the bump allocator and both hash maps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "hash.h"

#define NKEYS 10000

static int all_zero(const unsigned char *p, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (p[i])
      return 0;
  return 1;
}

static void test_arena_zeroed_aligned(void **state) {
  struct arena a = ARENA_INIT;
  unsigned char *ptrs[300];
  size_t sizes[300], i;
  (void)state;
  /* enough to span several blocks; every allocation is filled with its
   * own byte so an overlap would show */
  for (i = 0; i < 300; i++) {
    sizes[i] = 1 + (i * 37) % 1000;
    ptrs[i] = arena_alloc(&a, sizes[i]);
    assert_non_null(ptrs[i]);
    assert_true(all_zero(ptrs[i], sizes[i]));
    assert_int_equal((uintptr_t)ptrs[i] % _Alignof(max_align_t), 0);
    memset(ptrs[i], (int)(i % 255) + 1, sizes[i]);
  }
  for (i = 0; i < 300; i++) {
    size_t k;
    for (k = 0; k < sizes[i]; k++)
      assert_int_equal(ptrs[i][k], (i % 255) + 1);
  }
  arena_release(&a);
  assert_null(a.head);
  assert_int_equal(a.used, 0);
  assert_int_equal(a.cap, 0);
}

static void test_arena_large(void **state) {
  struct arena a = ARENA_INIT;
  unsigned char *small, *big, *after;
  (void)state;
  small = arena_alloc(&a, 10);
  memset(small, 0xAA, 10);
  /* larger than a block */
  big = arena_alloc(&a, 300000);
  assert_true(all_zero(big, 300000));
  assert_int_equal((uintptr_t)big % _Alignof(max_align_t), 0);
  memset(big, 0x55, 300000);
  after = arena_alloc(&a, 64);
  assert_true(all_zero(after, 64));
  assert_int_equal(small[9], 0xAA);
  assert_int_equal(big[299999], 0x55);
  arena_release(&a);
  /* an arena is reusable after release */
  small = arena_alloc(&a, 8);
  assert_true(all_zero(small, 8));
  arena_release(&a);
  arena_release(&a); /* and releasing twice is harmless */
}

static void test_arena_strndup(void **state) {
  struct arena a = ARENA_INIT;
  char *s;
  (void)state;
  s = arena_strndup(&a, "hello world", 5);
  assert_string_equal(s, "hello");
  s = arena_strndup(&a, "abc", 0);
  assert_string_equal(s, "");
  /* n bytes are copied, NULs included; a NUL is added after them */
  s = arena_strndup(&a, "a\0b", 3);
  assert_memory_equal(s, "a\0b", 4);
  s = arena_strdup(&a, "caf\xc3\xa9");
  assert_string_equal(s, "caf\xc3\xa9");
  {
    char src[8] = "mutable";
    char *copy = arena_strdup(&a, src);
    src[0] = 'X';
    assert_string_equal(copy, "mutable");
  }
  arena_release(&a);
}

static void test_hash_basic(void **state) {
  struct hash m;
  (void)state;
  hash_init(&m);
  assert_int_equal(hash_get(&m, "absent", 6), 0);
  hash_put(&m, "push", 4, 7);
  assert_int_equal(hash_get(&m, "push", 4), 7);
  /* prefixes and extensions are other keys */
  assert_int_equal(hash_get(&m, "pus", 3), 0);
  assert_int_equal(hash_get(&m, "pushed", 6), 0);
  /* only len bytes of the key count */
  assert_int_equal(hash_get(&m, "pushing", 4), 7);
  hash_put(&m, "push", 4, 9);
  assert_int_equal(hash_get(&m, "push", 4), 9);
  assert_int_equal(m.count, 1);
  /* keys with NUL bytes and the empty key */
  hash_put(&m, "a\0b", 3, 11);
  hash_put(&m, "a\0c", 3, 12);
  hash_put(&m, "", 0, 13);
  assert_int_equal(hash_get(&m, "a\0b", 3), 11);
  assert_int_equal(hash_get(&m, "a\0c", 3), 12);
  assert_int_equal(hash_get(&m, "a", 1), 0);
  assert_int_equal(hash_get(&m, "", 0), 13);
  assert_int_equal(m.count, 4);
  hash_release(&m);
  assert_null(m.slots);
}

static void test_hash_copies_keys(void **state) {
  struct hash m;
  char key[16];
  (void)state;
  hash_init(&m);
  snprintf(key, sizeof(key), "transient");
  hash_put(&m, key, strlen(key), 5);
  memset(key, 'z', sizeof(key) - 1);
  assert_int_equal(hash_get(&m, "transient", 9), 5);
  hash_release(&m);
}

static void test_hash_many(void **state) {
  struct hash m;
  char key[32];
  size_t i, n;
  (void)state;
  hash_init(&m);
  for (i = 0; i < NKEYS; i++) {
    n = (size_t)snprintf(key, sizeof(key), "key-%zu", i);
    hash_put(&m, key, n, (uint32_t)(i + 1));
    /* a key just put is found at once, across every rehash */
    assert_int_equal(hash_get(&m, key, n), i + 1);
  }
  assert_int_equal(m.count, NKEYS);
  assert_true(m.cap >= 2 * NKEYS);
  assert_int_equal(m.cap & (m.cap - 1), 0); /* a power of two */
  for (i = 0; i < NKEYS; i++) {
    n = (size_t)snprintf(key, sizeof(key), "key-%zu", i);
    assert_int_equal(hash_get(&m, key, n), i + 1);
  }
  /* overwrite every other key; count stays */
  for (i = 0; i < NKEYS; i += 2) {
    n = (size_t)snprintf(key, sizeof(key), "key-%zu", i);
    hash_put(&m, key, n, (uint32_t)(i + 100000));
  }
  assert_int_equal(m.count, NKEYS);
  for (i = 0; i < NKEYS; i++) {
    n = (size_t)snprintf(key, sizeof(key), "key-%zu", i);
    assert_int_equal(hash_get(&m, key, n), i % 2 ? i + 1 : i + 100000);
  }
  /* absent keys, some close to present ones */
  for (i = 0; i < NKEYS; i++) {
    n = (size_t)snprintf(key, sizeof(key), "key-%zu", i + NKEYS);
    assert_int_equal(hash_get(&m, key, n), 0);
    n = (size_t)snprintf(key, sizeof(key), "key-%zu ", i);
    assert_int_equal(hash_get(&m, key, n), 0);
  }
  hash_release(&m);
}

static uint64_t spread(size_t i) {
  /* distinct, non-zero keys using the high and the low bits */
  return ((uint64_t)(i + 1) << 32) | ((uint64_t)(i * 2654435761u) & 0xffffffffu);
}

static void test_hash_u64(void **state) {
  struct hash_u64 m;
  size_t i;
  (void)state;
  hash_u64_init(&m);
  assert_int_equal(hash_u64_get(&m, 1), 0);
  assert_int_equal(hash_u64_get(&m, 0), 0); /* the reserved key is absent */
  for (i = 0; i < NKEYS; i++) {
    hash_u64_put(&m, spread(i), (uint32_t)(i + 1));
    assert_int_equal(hash_u64_get(&m, spread(i)), i + 1);
  }
  /* small consecutive keys as the trie uses them (node << 32 | id) */
  for (i = 1; i <= 1000; i++)
    hash_u64_put(&m, (uint64_t)i, (uint32_t)(i * 3));
  assert_int_equal(m.count, NKEYS + 1000);
  assert_true(m.cap >= 2 * m.count);
  for (i = 0; i < NKEYS; i++)
    assert_int_equal(hash_u64_get(&m, spread(i)), i + 1);
  for (i = 1; i <= 1000; i++)
    assert_int_equal(hash_u64_get(&m, (uint64_t)i), i * 3);
  for (i = 0; i < NKEYS; i += 3)
    hash_u64_put(&m, spread(i), 424242);
  assert_int_equal(m.count, NKEYS + 1000);
  for (i = 0; i < NKEYS; i++)
    assert_int_equal(hash_u64_get(&m, spread(i)), i % 3 ? i + 1 : 424242);
  for (i = NKEYS; i < 2 * NKEYS; i++)
    assert_int_equal(hash_u64_get(&m, spread(i)), 0);
  assert_int_equal(hash_u64_get(&m, UINT64_MAX), 0);
  assert_int_equal(hash_u64_get(&m, 0), 0);
  hash_u64_release(&m);
  assert_null(m.slots);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_arena_zeroed_aligned),
      cmocka_unit_test(test_arena_large),
      cmocka_unit_test(test_arena_strndup),
      cmocka_unit_test(test_hash_basic),
      cmocka_unit_test(test_hash_copies_keys),
      cmocka_unit_test(test_hash_many),
      cmocka_unit_test(test_hash_u64),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
