/*
 * build-model - compile the text dump of a trigram model into the binary
 * model unspin maps (dicts/en/model.bin).
 *
 *   build-model [--prune X] IN.tsv[.gz] OUT.bin
 *
 * IN may be gzip-compressed (read through `gzip -dc`, so there is no zlib
 * dependency) or '-' for standard input.  The work is done by
 * ngram_build() in src/ngram_build.c; this is only the command line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ngram.h"
#include "util.h"

static void usage(void) {
  fputs("usage: build-model [--prune X] IN.tsv[.gz] OUT.bin\n", stderr);
  exit(2);
}

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && !strcmp(s + n - m, suffix);
}

/* Start `gzip -dc -- path` and return the read end of its output. */
static FILE *gunzip(const char *path, pid_t *pid) {
  int fd[2];
  FILE *f;
  if (pipe(fd))
    return NULL;
  *pid = fork();
  if (*pid < 0) {
    close(fd[0]);
    close(fd[1]);
    return NULL;
  }
  if (!*pid) {
    dup2(fd[1], 1);
    close(fd[0]);
    close(fd[1]);
    execlp("gzip", "gzip", "-dc", "--", path, (char *)NULL);
    fprintf(stderr, "build-model: error: cannot run gzip: %s\n",
            strerror(errno));
    _exit(127);
  }
  close(fd[1]);
  if (!(f = fdopen(fd[0], "r")))
    close(fd[0]);
  return f;
}

int main(int argc, char **argv) {
  struct ngram_build_stats st;
  struct ngram_build_opts o;
  unspin_error err;
  const char *in_path, *out_path;
  FILE *in;
  pid_t pid = -1;
  int i = 1, rc, status;
  memset(&o, 0, sizeof(o));
  if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
    fputs("usage: build-model [--prune X] IN.tsv[.gz] OUT.bin\n", stdout);
    return 0;
  }
  if (argc > 2 && !strcmp(argv[1], "--prune")) {
    char *end;
    o.prune = strtod(argv[2], &end);
    if (end == argv[2] || *end || o.prune < 0) {
      fprintf(stderr, "build-model: error: bad --prune value '%s'\n",
              argv[2]);
      return 2;
    }
    i = 3;
  }
  if (argc - i != 2)
    usage();
  in_path = argv[i];
  out_path = argv[i + 1];
  o.stats = &st;
  o.in_name = in_path;
  if (!strcmp(in_path, "-")) {
    in = stdin;
    o.in_name = "<stdin>";
  } else if (ends_with(in_path, ".gz")) {
    in = gunzip(in_path, &pid);
  } else {
    in = fopen(in_path, "r");
  }
  if (!in) {
    fprintf(stderr, "build-model: error: cannot open '%s': %s\n", in_path,
            strerror(errno));
    return 2;
  }
  rc = ngram_build(in, out_path, &o, &err);
  if (in != stdin)
    fclose(in);
  if (pid > 0) {
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
        WEXITSTATUS(status)) {
      /* a failed gzip can look like a short but valid dump */
      fprintf(stderr, "build-model: error: gzip -dc '%s' failed\n", in_path);
      if (!rc)
        unlink(out_path);
      return 2;
    }
  }
  if (rc) {
    if (err.line)
      fprintf(stderr, "build-model: %s:%u: error: %s\n", err.path, err.line,
              err.msg);
    else if (err.path[0])
      fprintf(stderr, "build-model: %s: error: %s\n", err.path, err.msg);
    else
      fprintf(stderr, "build-model: error: %s\n", err.msg);
    return 2;
  }
  fprintf(stderr,
          "build-model: wrote %s (%zu bytes): %zu words, %zu bigrams, "
          "%zu trigrams\n",
          out_path, st.bytes, st.vocab, st.read[2] - st.pruned[2],
          st.read[3] - st.pruned[3]);
  fprintf(stderr,
          "build-model: pruned %zu bigrams, %zu trigrams; fingerprint "
          "collisions dropped %zu bigrams, %zu back-offs, %zu trigrams\n",
          st.pruned[2], st.pruned[3], st.collisions[0], st.collisions[1],
          st.collisions[2]);
  fprintf(stderr,
          "build-model: mean quantisation error (log10): bigram P %.4f, "
          "back-off %.4f, trigram P %.4f\n",
          st.quant_err[0], st.quant_err[1], st.quant_err[2]);
  return 0;
}
