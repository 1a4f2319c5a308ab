/*
 * cli_walk.c - the files a run covers: command-line paths, with every
 * directory replaced by the files under it, in a stable (name) order.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "util.h"

struct list {
  struct input *v;
  size_t n, alloc;
};

static void push(struct list *l, char *path, int from_walk) {
  ALLOC_GROW(l->v, l->n + 1, l->alloc);
  l->v[l->n].path = path;
  l->v[l->n].from_walk = from_walk;
  l->n++;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* depth bounds a walk into a pathological tree (or a bind-mount loop) */
static void walk(struct list *l, const char *dir, int depth) {
  DIR *d;
  struct dirent *de;
  char **names = NULL;
  size_t n = 0, alloc = 0, i;
  if (depth > 64) {
    fprintf(stderr, "unspin: warning: '%s': too deep; skipped\n", dir);
    return;
  }
  if (!(d = opendir(dir))) {
    fprintf(stderr, "unspin: error: cannot read directory '%s': %s\n", dir,
            strerror(errno));
    /* kept as an input so that the run ends with exit status 2 */
    push(l, xstrdup(dir), 0);
    return;
  }
  while ((de = readdir(d))) {
    if (de->d_name[0] == '.')
      continue; /* ., .., .git, editor and hidden files */
    ALLOC_GROW(names, n + 1, alloc);
    names[n++] = xstrdup(de->d_name);
  }
  closedir(d);
  if (n > 1) /* qsort(NULL, 0, ...) is undefined: an empty directory */
    qsort(names, n, sizeof(*names), by_name);
  for (i = 0; i < n; i++) {
    struct strbuf p = STRBUF_INIT;
    struct stat lst;
    if (strcmp(dir, "/"))
      strbuf_addf(&p, "%s/%s", dir, names[i]);
    else
      strbuf_addf(&p, "/%s", names[i]);
    free(names[i]);
    if (lstat(p.buf, &lst)) {
      strbuf_release(&p);
      continue; /* gone since readdir */
    }
    if (S_ISDIR(lst.st_mode)) {
      walk(l, p.buf, depth + 1);
      strbuf_release(&p);
    } else if (S_ISREG(lst.st_mode)) {
      push(l, strbuf_detach(&p, NULL), 1);
    } else {
      /* symbolic links (their target is checked where it lives, once),
       * FIFOs, devices, sockets */
      strbuf_release(&p);
    }
  }
  free(names);
}

struct input *walk_inputs(const char *const *paths, size_t npaths, size_t *n,
                          int *walked) {
  struct list l = {NULL, 0, 0};
  size_t i;
  *walked = 0;
  for (i = 0; i < npaths; i++) {
    struct stat st;
    if (strcmp(paths[i], "-") && !stat(paths[i], &st) &&
        S_ISDIR(st.st_mode)) {
      size_t len = strlen(paths[i]);
      char *dir = xstrdup(paths[i]);
      while (len > 1 && dir[len - 1] == '/')
        dir[--len] = '\0';
      walk(&l, dir, 0);
      free(dir);
      *walked = 1;
    } else {
      push(&l, xstrdup(paths[i]), 0);
    }
  }
  *n = l.n;
  return l.v;
}

void free_inputs(struct input *in, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    free(in[i].path);
  free(in);
}
