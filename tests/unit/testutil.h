/*
 * testutil.h - file helpers for the unit tests.  Include after <cmocka.h>.
 */
#ifndef UNSPIN_TEST_TESTUTIL_H
#define UNSPIN_TEST_TESTUTIL_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Write n bytes of data to path, replacing it. */
static inline void write_file(const char *path, const void *data, size_t n) {
  FILE *fp = fopen(path, "wb");
  assert_non_null(fp);
  if (n)
    assert_int_equal(fwrite(data, 1, n, fp), n);
  assert_int_equal(fclose(fp), 0);
}

/* The whole of a non-empty file, binary or not (malloc'd, *n bytes). */
static inline unsigned char *read_file(const char *path, size_t *n) {
  FILE *fp = fopen(path, "rb");
  unsigned char *p;
  long len;
  assert_non_null(fp);
  assert_int_equal(fseek(fp, 0, SEEK_END), 0);
  len = ftell(fp);
  assert_true(len > 0);
  rewind(fp);
  p = malloc((size_t)len);
  assert_non_null(p);
  assert_int_equal(fread(p, 1, (size_t)len, fp), (size_t)len);
  fclose(fp);
  *n = (size_t)len;
  return p;
}

/* Remove a test's temporary directory: its files, the empty directories
 * in it (a test may make one to see a path refused), and itself. */
static inline void remove_temp_dir(const char *dir) {
  DIR *d = opendir(dir);
  struct dirent *e;
  char p[1024];
  while (d && (e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
      continue;
    snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
    if (rmdir(p))
      unlink(p);
  }
  if (d)
    closedir(d);
  rmdir(dir);
}

#endif
