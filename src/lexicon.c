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
  Hunhandle *h;      /* NULL until a word misses the cache */
  char *aff, *dic;
  int failed;
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
  lex->aff = xstrdup(aff);
  lex->dic = xstrdup(dic);
  hash_init(&lex->cache);
  return lex;
}

int lexicon_failed(const struct lexicon *lex, unspin_error *err) {
  if (lex->failed)
    unspin_error_set(err, UNSPIN_ERR_HUNSPELL, lex->dic, 0, 0,
                     "hunspell could not load '%s'", lex->dic);
  return lex->failed;
}

int lexicon_loaded(const struct lexicon *lex) { return lex->h != NULL; }

void lexicon_free(struct lexicon *lex) {
  if (!lex)
    return;
  if (lex->h)
    Hunspell_destroy(lex->h);
  hash_release(&lex->cache);
  free(lex->aff);
  free(lex->dic);
  free(lex);
}

int lexicon_known(struct lexicon *lex, const char *w, size_t n) {
  uint32_t v = hash_get(&lex->cache, w, n);
  if (!v) {
    char *z;
    if (!lex->h && !lex->failed && !(lex->h = Hunspell_create(lex->aff, lex->dic)))
      lex->failed = 1;
    if (lex->failed)
      return 0;
    z = xmemdup0(w, n);
    v = Hunspell_spell(lex->h, z) ? 2 : 1;
    free(z);
    hash_put(&lex->cache, w, n, v);
  }
  return v == 2;
}

int lexicon_load_cache(struct lexicon *lex, const char *path,
                       unspin_error *err) {
  size_t len;
  char *buf = unspin_read_file(path, &len, err);
  int rc;
  if (!buf)
    return err ? err->code : UNSPIN_ERR_IO;
  rc = lexicon_parse_cache(lex, path, buf, len, err);
  free(buf);
  return rc;
}

int lexicon_parse_cache(struct lexicon *lex, const char *path,
                        const char *buf, size_t len, unspin_error *err) {
  size_t pos = 0;
  unsigned lineno = 0;
  while (pos < len) {
    const char *line = buf + pos, *tab;
    const char *nl = memchr(line, '\n', len - pos);
    size_t n = nl ? (size_t)(nl - line) : len - pos;
    pos += n + (nl != NULL);
    lineno++;
    if (!n || line[0] == '#')
      continue;
    tab = memchr(line, '\t', n);
    if (!tab || tab == line || (size_t)(tab - line) + 2 != n ||
        (tab[1] != '0' && tab[1] != '1')) {
      unspin_error_set(err, UNSPIN_ERR_SYNTAX, path, lineno, 1,
                       "expected WORD<TAB>1 or WORD<TAB>0");
      return UNSPIN_ERR_SYNTAX;
    }
    hash_put(&lex->cache, line, (size_t)(tab - line), tab[1] == '1' ? 2 : 1);
  }
  return UNSPIN_OK;
}

static int by_key(const void *a, const void *b) {
  const struct hash_slot *x = *(const struct hash_slot *const *)a;
  const struct hash_slot *y = *(const struct hash_slot *const *)b;
  size_t n = x->len < y->len ? x->len : y->len;
  int c = memcmp(x->key, y->key, n);
  return c ? c : (x->len > y->len) - (x->len < y->len);
}

void lexicon_dump_cache(const struct lexicon *lex, struct strbuf *out) {
  const struct hash_slot **v = xmalloc((lex->cache.count + 1) * sizeof(*v));
  size_t i, n = 0;
  for (i = 0; i < lex->cache.cap; i++)
    if (lex->cache.slots[i].key)
      v[n++] = &lex->cache.slots[i];
  if (n > 1)
    qsort(v, n, sizeof(*v), by_key);
  for (i = 0; i < n; i++) {
    strbuf_add(out, v[i]->key, v[i]->len);
    strbuf_addstr(out, v[i]->value == 2 ? "\t1\n" : "\t0\n");
  }
  free(v);
}
