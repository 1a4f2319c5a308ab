/*
 * replay.c - run a fuzz target without libFuzzer: every file named on the
 * command line, and every file in every directory named (in name order),
 * goes through LLVMFuzzerTestOneInput once.  make test replays the
 * regression inputs (tests/fuzz/regress/TARGET/) and the seed corpora with
 * it, under gcc, ASan/UBSan or valgrind; a failed invariant aborts.
 *
 * usage: replay-TARGET PATH...
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t nrun;

static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  uint8_t *buf = NULL;
  size_t len = 0, alloc = 0, n;
  if (!f) {
    perror(path);
    return 1;
  }
  do {
    if (len == alloc) {
      alloc = alloc ? alloc * 2 : 65536;
      buf = realloc(buf, alloc);
      if (!buf) {
        fclose(f);
        fprintf(stderr, "%s: out of memory\n", path);
        return 1;
      }
    }
    n = fread(buf + len, 1, alloc - len, f);
    len += n;
  } while (n);
  if (ferror(f)) {
    perror(path);
    fclose(f);
    free(buf);
    return 1;
  }
  fclose(f);
  /* an exact-size copy, so ASan sees reads past the end */
  {
    uint8_t *exact = malloc(len ? len : 1);
    if (!exact) {
      free(buf);
      return 1;
    }
    if (len)
      memcpy(exact, buf, len);
    free(buf);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
  }
  nrun++;
  return 0;
}

static int cmp_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_path(const char *path) {
  struct stat st;
  DIR *d;
  struct dirent *e;
  char **names = NULL;
  size_t n = 0, alloc = 0, i;
  int rc = 0;
  if (stat(path, &st)) {
    perror(path);
    return 1;
  }
  if (!S_ISDIR(st.st_mode))
    return run_file(path);
  if (!(d = opendir(path))) {
    perror(path);
    return 1;
  }
  while ((e = readdir(d))) {
    size_t l = strlen(path) + strlen(e->d_name) + 2;
    if (e->d_name[0] == '.')
      continue;
    if (n == alloc) {
      alloc = alloc ? alloc * 2 : 64;
      names = realloc(names, alloc * sizeof(*names));
      if (!names)
        abort();
    }
    if (!(names[n] = malloc(l)))
      abort();
    snprintf(names[n++], l, "%s/%s", path, e->d_name);
  }
  closedir(d);
  if (n)
    qsort(names, n, sizeof(*names), cmp_name);
  for (i = 0; i < n; i++) {
    if (!rc)
      rc = run_path(names[i]);
    free(names[i]);
  }
  free(names);
  return rc;
}

int main(int argc, char **argv) {
  int i, rc = 0;
  if (argc < 2) {
    fprintf(stderr, "usage: %s PATH...\n", argv[0]);
    return 2;
  }
  LLVMFuzzerInitialize(&argc, &argv);
  for (i = 1; i < argc && !rc; i++)
    rc = run_path(argv[i]);
  printf("%s: %zu inputs replayed\n", argv[0], nrun);
  return rc;
}
