/*
 * lexicon.c - see lexicon.h.  Hunspell's C API reports nothing on failure,
 * so the files are checked here first, and its answers are cached per word
 * type because the same forms come up again and again.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hunspell.h>

#include "hash.h"
#include "lexicon.h"
#include "util.h"

struct lexicon {
  Hunhandle *h;
  struct hash cache; /* word -> 1 unknown, 2 known */
};

static int check_readable(const char *path, unspin_error *err) {
  FILE *f = fopen(path, "rb");
  char line[256];
  if (!f)
    return unspin_error_set(err, UNSPIN_ERR_HUNSPELL, path, 0, 0,
                            "cannot open '%s': %s", path, strerror(errno));
  /* The .aff names its encoding; only UTF-8 matches our text. */
  if (strstr(path, ".aff")) {
    int ok = 1;
    while (fgets(line, sizeof(line), f)) {
      if (!strncmp(line, "SET ", 4)) {
        ok = !strncmp(line + 4, "UTF-8", 5);
        break;
      }
    }
    if (!ok) {
      fclose(f);
      return unspin_error_set(err, UNSPIN_ERR_HUNSPELL, path, 0, 0,
                              "dictionary '%s' is not UTF-8 encoded", path);
    }
  }
  fclose(f);
  return UNSPIN_OK;
}

struct lexicon *lexicon_open(const char *aff, const char *dic,
                             unspin_error *err) {
  struct lexicon *lex;
  if (check_readable(aff, err) || check_readable(dic, err))
    return NULL;
  lex = xcalloc(1, sizeof(*lex));
  lex->h = Hunspell_create(aff, dic);
  if (!lex->h) {
    free(lex);
    unspin_error_set(err, UNSPIN_ERR_HUNSPELL, dic, 0, 0,
                     "hunspell could not load '%s'", dic);
    return NULL;
  }
  hash_init(&lex->cache);
  return lex;
}

void lexicon_free(struct lexicon *lex) {
  if (!lex)
    return;
  Hunspell_destroy(lex->h);
  hash_release(&lex->cache);
  free(lex);
}

int lexicon_known(struct lexicon *lex, const char *w, size_t n) {
  uint32_t v = hash_get(&lex->cache, w, n);
  if (!v) {
    char *z = xmemdup0(w, n);
    v = Hunspell_spell(lex->h, z) ? 2 : 1;
    free(z);
    hash_put(&lex->cache, w, n, v);
  }
  return v == 2;
}
