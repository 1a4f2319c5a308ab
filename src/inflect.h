/*
 * inflect.h - a small English inflector: regular suffix rules plus an
 * irregular table (dicts/en/irregular.tsv, derived from WordNet's exception
 * lists).  Debian's en_US hunspell has no morphological generation, so
 * unspin generates forms itself; the caller checks them with hunspell.
 */
#ifndef UNSPIN_INFLECT_H
#define UNSPIN_INFLECT_H

#include <stddef.h>

#include "arena.h"
#include "hash.h"
#include "unspin.h"

enum inflect_form {
  INFL_PLURAL,   /* noun plural: attack -> attacks, city -> cities */
  INFL_3SG,      /* verb 3rd person singular: say -> says */
  INFL_PAST,     /* verb past: say -> said, stop -> stopped */
  INFL_PASTPART, /* verb past participle: take -> taken */
  INFL_ING,      /* verb present participle: make -> making */
  INFL_NFORMS
};

/*
 * The table: one record of INFL_NFORMS slots per lemma.  irregular maps a
 * lemma to 1 + its record number; forms[record * INFL_NFORMS + form] is the
 * listed word, or NULL when the table has none for that form.
 */
struct inflect {
  struct hash irregular; /* lemma -> 1 + record */
  char **forms;          /* slots; the words are owned by the arena */
  size_t nforms, alloc;  /* slots used and allocated */
  struct arena arena;
};

/* An empty table; release it with inflect_release(). */
void inflect_init(struct inflect *in);
void inflect_release(struct inflect *in);

/*
 * Load lines "lemma<TAB>form<TAB>word" where form is one of plural, 3sg,
 * past, pastpart, ing; '#' comments and blank lines are skipped, a final
 * CR is ignored.  A malformed line (field count, an empty field, a space
 * or control character in a field, an unknown form, a second entry for
 * the same lemma and form, also across files) is UNSPIN_ERR_SYNTAX with
 * path, line, column of the bad field and the line attached; a file that
 * cannot be read is UNSPIN_ERR_IO.  Entries before the bad line stay
 * loaded; the caller normally releases the table.  err may be NULL.
 */
int inflect_load(struct inflect *in, const char *path, unspin_error *err);
/* The same over the file's bytes (path only names it in messages). */
int inflect_parse(struct inflect *in, const char *path, const char *buf,
                  size_t len, unspin_error *err);

/*
 * The form of a lower-case ASCII/UTF-8 lemma (n bytes), NUL-terminated, in
 * a buffer of size cap.  An irregular entry wins over the suffix rules;
 * a lemma with a listed past takes its doubling from it (admitted ->
 * admitting) and its past participle defaults to it (said).  in may be
 * NULL for the rules alone.  Returns the length written, or 0 when the
 * form cannot be made (the lemma is empty, contains a space or control
 * character, or the result does not fit); out is then "" if cap > 0.
 * out must not overlap lemma.  Read-only: safe from several threads.
 */
size_t inflect_form(const struct inflect *in, const char *lemma, size_t n,
                    enum inflect_form form, char *out, size_t cap);

#endif
