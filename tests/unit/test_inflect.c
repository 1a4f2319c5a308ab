/*
 * test_inflect.c - the English inflector: suffix rules, the irregular
 * table (tests/data/irregular-small.tsv, not the shipped one, so that these
 * tests do not move when WordNet or the generator changes), and the
 * loader's errors.  Syntax errors are written to temporary files.
 */
/* cmocka.h needs these first, in this order */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "inflect.h"

#ifndef TEST_DATA_DIR
#define TEST_DATA_DIR "tests/data"
#endif

#define SMALL_TABLE TEST_DATA_DIR "/irregular-small.tsv"

static int group_setup(void **state) {
  struct inflect *in = calloc(1, sizeof(*in));
  unspin_error err;
  if (!in)
    return -1;
  inflect_init(in);
  if (inflect_load(in, SMALL_TABLE, &err)) {
    print_error("%s:%u:%u: %s\n", err.path, err.line, err.col, err.msg);
    inflect_release(in);
    free(in);
    return -1;
  }
  *state = in;
  return 0;
}

static int group_teardown(void **state) {
  struct inflect *in = *state;
  inflect_release(in);
  free(in);
  return 0;
}

/* Expect want (NULL: no form) for lemma, checking length and buffer. */
static void check_form(const struct inflect *in, const char *lemma,
                       enum inflect_form form, const char *want) {
  char out[64];
  size_t len;
  memset(out, 'X', sizeof(out));
  len = inflect_form(in, lemma, strlen(lemma), form, out, sizeof(out));
  if (strcmp(out, want))
    print_error("lemma '%s' form %d: got '%s', want '%s'\n", lemma, (int)form,
                out, want);
  assert_string_equal(out, want);
  assert_int_equal(len, strlen(want));
}

/* All five forms of a verb in one line: 3sg, past, pastpart, ing. */
static void check_verb(const struct inflect *in, const char *lemma,
                       const char *s3, const char *past, const char *pp,
                       const char *ing) {
  check_form(in, lemma, INFL_3SG, s3);
  check_form(in, lemma, INFL_PAST, past);
  check_form(in, lemma, INFL_PASTPART, pp);
  check_form(in, lemma, INFL_ING, ing);
}

static void test_plural_rules(void **state) {
  const struct inflect *in = *state;
  check_form(in, "city", INFL_PLURAL, "cities");
  check_form(in, "attack", INFL_PLURAL, "attacks");
  check_form(in, "review", INFL_PLURAL, "reviews");
  check_form(in, "report", INFL_PLURAL, "reports");
  check_form(in, "fix", INFL_PLURAL, "fixes");
  check_form(in, "bus", INFL_PLURAL, "buses");
  check_form(in, "quartz", INFL_PLURAL, "quartzes");
  check_form(in, "church", INFL_PLURAL, "churches");
  check_form(in, "dish", INFL_PLURAL, "dishes");
  check_form(in, "day", INFL_PLURAL, "days");
  check_form(in, "soliloquy", INFL_PLURAL, "soliloquies");
  /* Nouns in consonant + o take -s; the -oes ones are in the table */
  check_form(in, "photo", INFL_PLURAL, "photos");
  /* -man -> -men, as in WordNet's morphology; humans are listed */
  check_form(in, "man", INFL_PLURAL, "men");
  check_form(in, "woman", INFL_PLURAL, "women");
  check_form(in, "chairman", INFL_PLURAL, "chairmen");
  check_form(in, "man", INFL_3SG, "mans");
  check_form(in, "caf\xc3\xa9", INFL_PLURAL, "caf\xc3\xa9s");
}

static void test_verb_rules(void **state) {
  const struct inflect *in = *state;
  check_verb(in, "attack", "attacks", "attacked", "attacked", "attacking");
  check_verb(in, "assault", "assaults", "assaulted", "assaulted", "assaulting");
  check_verb(in, "review", "reviews", "reviewed", "reviewed", "reviewing");
  check_verb(in, "state", "states", "stated", "stated", "stating");
  check_form(in, "make", INFL_ING, "making");
  check_form(in, "make", INFL_3SG, "makes");
  check_verb(in, "try", "tries", "tried", "tried", "trying");
  check_verb(in, "play", "plays", "played", "played", "playing");
  check_verb(in, "fix", "fixes", "fixed", "fixed", "fixing");
  check_verb(in, "push", "pushes", "pushed", "pushed", "pushing");
  check_verb(in, "echo", "echoes", "echoed", "echoed", "echoing");
  check_form(in, "do", INFL_3SG, "does");
  check_form(in, "go", INFL_3SG, "goes");
  check_verb(in, "radio", "radios", "radioed", "radioed", "radioing");
  check_form(in, "see", INFL_ING, "seeing");
  check_form(in, "be", INFL_ING, "being");
  check_verb(in, "agree", "agrees", "agreed", "agreed", "agreeing");
  check_verb(in, "dye", "dyes", "dyed", "dyed", "dyeing");
  check_verb(in, "hoe", "hoes", "hoed", "hoed", "hoeing");
  check_verb(in, "die", "dies", "died", "died", "dying");
  check_verb(in, "lie", "lies", "lied", "lied", "lying");
  check_verb(in, "type", "types", "typed", "typed", "typing");
  check_verb(in, "argue", "argues", "argued", "argued", "arguing");
  /* One syllable, consonant-vowel-consonant: the consonant doubles */
  check_verb(in, "plan", "plans", "planned", "planned", "planning");
  check_form(in, "quit", INFL_ING, "quitting"); /* the u of qu is no vowel */
  check_verb(in, "co-star", "co-stars", "co-starred", "co-starred",
             "co-starring");
  /* but not w, x, y, two vowels, or longer words (no stress marks) */
  check_verb(in, "show", "shows", "showed", "shown", "showing");
  check_verb(in, "rain", "rains", "rained", "rained", "raining");
  check_verb(in, "visit", "visits", "visited", "visited", "visiting");
  check_verb(in, "open", "opens", "opened", "opened", "opening");
  check_verb(in, "offer", "offers", "offered", "offered", "offering");
  check_verb(in, "hyphen", "hyphens", "hyphened", "hyphened", "hyphening");
}

static void test_table(void **state) {
  const struct inflect *in = *state;
  /* A listed past without participle is both (say -> said) */
  check_verb(in, "say", "says", "said", "said", "saying");
  check_verb(in, "take", "takes", "took", "taken", "taking");
  check_verb(in, "go", "goes", "went", "gone", "going");
  check_verb(in, "be", "is", "was", "been", "being");
  check_verb(in, "have", "has", "had", "had", "having");
  check_verb(in, "begin", "begins", "began", "begun", "beginning");
  /* Only the participle listed: the past stays regular */
  check_form(in, "show", INFL_PASTPART, "shown");
  check_form(in, "show", INFL_PAST, "showed");
  check_form(in, "child", INFL_PLURAL, "children");
  check_form(in, "person", INFL_PLURAL, "people");
  check_form(in, "sheep", INFL_PLURAL, "sheep");
  check_form(in, "human", INFL_PLURAL, "humans");
  check_form(NULL, "human", INFL_PLURAL, "humen");
  /* Lemmas of the table are matched whole, not as prefixes */
  check_form(in, "sa", INFL_PAST, "saed");
  check_form(in, "sayer", INFL_PLURAL, "sayers");
}

static void test_table_doubling(void **state) {
  const struct inflect *in = *state;
  check_verb(in, "stop", "stops", "stopped", "stopped", "stopping");
  /* The rules alone cannot know that admit is stressed at the end... */
  check_form(NULL, "admit", INFL_PAST, "admited");
  check_form(NULL, "admit", INFL_ING, "admiting");
  /* ...the listed past says so, and the other forms follow it */
  check_verb(in, "admit", "admits", "admitted", "admitted", "admitting");
  check_verb(in, "panic", "panics", "panicked", "panicked", "panicking");
  check_verb(in, "quiz", "quizzes", "quizzed", "quizzed", "quizzing");
}

static void test_lemma_is_counted(void **state) {
  const struct inflect *in = *state;
  char out[32];
  /* n bytes of lemma, not up to a NUL */
  assert_int_equal(
      inflect_form(in, "attacking", 6, INFL_PAST, out, sizeof(out)), 8);
  assert_string_equal(out, "attacked");
  assert_int_equal(inflect_form(in, "sayings", 3, INFL_PAST, out, sizeof(out)),
                   4);
  assert_string_equal(out, "said");
}

static void test_no_form(void **state) {
  const struct inflect *in = *state;
  char out[32];
  snprintf(out, sizeof(out), "junk");
  assert_int_equal(inflect_form(in, "", 0, INFL_PLURAL, out, sizeof(out)), 0);
  assert_string_equal(out, "");
  snprintf(out, sizeof(out), "junk");
  assert_int_equal(inflect_form(in, "look up", 7, INFL_PAST, out, sizeof(out)),
                   0);
  assert_string_equal(out, "");
  assert_int_equal(inflect_form(in, "tab\t", 4, INFL_ING, out, sizeof(out)), 0);
  assert_int_equal(inflect_form(in, "a\nb", 3, INFL_ING, out, sizeof(out)), 0);
  assert_int_equal(inflect_form(in, "nul\0x", 5, INFL_ING, out, sizeof(out)),
                   0);
  assert_int_equal(inflect_form(in, NULL, 3, INFL_ING, out, sizeof(out)), 0);
  assert_int_equal(inflect_form(in, "go", 2, INFL_NFORMS, out, sizeof(out)), 0);
  assert_string_equal(out, "");
}

static void test_small_buffer(void **state) {
  const struct inflect *in = *state;
  char out[16];
  memset(out, 'X', sizeof(out));
  assert_int_equal(inflect_form(in, "city", 4, INFL_PLURAL, out, 7), 6);
  assert_string_equal(out, "cities");
  memset(out, 'X', sizeof(out));
  assert_int_equal(inflect_form(in, "city", 4, INFL_PLURAL, out, 6), 0);
  assert_int_equal(out[0], '\0');
  assert_int_equal(out[6], 'X'); /* nothing written past cap */
  /* The same for a word from the table and a doubled one */
  assert_int_equal(inflect_form(in, "child", 5, INFL_PLURAL, out, 9), 8);
  assert_int_equal(inflect_form(in, "child", 5, INFL_PLURAL, out, 8), 0);
  assert_int_equal(inflect_form(in, "admit", 5, INFL_ING, out, 10), 9);
  assert_int_equal(inflect_form(in, "admit", 5, INFL_ING, out, 9), 0);
  /* cap 0 and no buffer: nothing to write into */
  memset(out, 'X', sizeof(out));
  assert_int_equal(inflect_form(in, "go", 2, INFL_PAST, out, 0), 0);
  assert_int_equal(out[0], 'X');
  assert_int_equal(inflect_form(in, "go", 2, INFL_PAST, NULL, 8), 0);
}

/* --- loading ------------------------------------------------------------- */

/* Write text to a new temporary file; its name goes into path. */
static void write_temp(char *path, size_t cap, const char *text) {
  const char *dir = getenv("TMPDIR");
  FILE *f;
  int fd;
  snprintf(path, cap, "%s/test_inflect.XXXXXX", dir && *dir ? dir : "/tmp");
  fd = mkstemp(path);
  assert_true(fd >= 0);
  f = fdopen(fd, "w");
  assert_non_null(f);
  assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
  assert_int_equal(fclose(f), 0);
}

struct bad_table {
  const char *text;
  unsigned line, col, caret;
  const char *msg, *source;
};

static const struct bad_table bad_tables[] = {
    {"say\tpast\n", 1, 9, 1,
     "expected 3 tab-separated fields (lemma, form, word), found 2",
     "say\tpast"},
    {"say\n", 1, 4, 1,
     "expected 3 tab-separated fields (lemma, form, word), found 1", "say"},
    {"# comment\n\nsay\tpast\tsaid\textra\tmore\n", 3, 15, 10,
     "expected 3 tab-separated fields (lemma, form, word), found 5",
     "say\tpast\tsaid\textra\tmore"},
    /* Columns count code points: caf\xc3\xa9 is four wide */
    {"caf\xc3\xa9\tpast\tx\ty\r\n", 1, 13, 1,
     "expected 3 tab-separated fields (lemma, form, word), found 4",
     "caf\xc3\xa9\tpast\tx\ty"},
    {"say\tpreterite\tsaid\n", 1, 5, 9,
     "unknown form 'preterite' (expected plural, 3sg, past, pastpart or ing)",
     "say\tpreterite\tsaid"},
    {"say\tPast\tsaid\n", 1, 5, 4,
     "unknown form 'Past' (expected plural, 3sg, past, pastpart or ing)",
     "say\tPast\tsaid"},
    {"look up\tpast\tlooked up\n", 1, 1, 7,
     "lemma 'look up' is not a single word", "look up\tpast\tlooked up"},
    {"look\tpast\tlooked up\n", 1, 11, 9,
     "word 'looked up' is not a single word", "look\tpast\tlooked up"},
    {"\tpast\tsaid\n", 1, 1, 1, "empty lemma", "\tpast\tsaid"},
    {"say\t\tsaid\n", 1, 5, 1, "empty form", "say\t\tsaid"},
    {"say\tpast\t\n", 1, 10, 1, "empty word", "say\tpast\t"},
    {"say\tpa\x01st\tsaid\n", 1, 7, 1, "control character in form",
     "say\tpa\x01st\tsaid"},
    {"say\tpast\tsaid\nsay\tpast\tsayed\n", 2, 1, 8, "duplicate past of 'say'",
     "say\tpast\tsayed"},
};

static void test_syntax_errors(void **state) {
  size_t i;
  (void)state;
  for (i = 0; i < sizeof(bad_tables) / sizeof(bad_tables[0]); i++) {
    const struct bad_table *t = &bad_tables[i];
    struct inflect in;
    unspin_error err;
    char path[256];
    int rc;
    write_temp(path, sizeof(path), t->text);
    inflect_init(&in);
    memset(&err, 0, sizeof(err));
    rc = inflect_load(&in, path, &err);
    inflect_release(&in);
    /* Without err the status is the same */
    inflect_init(&in);
    assert_int_equal(inflect_load(&in, path, NULL), UNSPIN_ERR_SYNTAX);
    inflect_release(&in);
    unlink(path);
    if (rc != UNSPIN_ERR_SYNTAX || err.line != t->line || err.col != t->col ||
        strcmp(err.msg, t->msg))
      print_error("case %zu: %d %u:%u: %s\n", i, rc, err.line, err.col,
                  err.msg);
    assert_int_equal(rc, UNSPIN_ERR_SYNTAX);
    assert_int_equal(err.code, UNSPIN_ERR_SYNTAX);
    assert_string_equal(err.path, path);
    assert_int_equal(err.line, t->line);
    assert_int_equal(err.col, t->col);
    assert_string_equal(err.msg, t->msg);
    assert_string_equal(err.source_line, t->source);
    assert_int_equal(err.caret_len, t->caret);
  }
}

static void test_duplicate_across_files(void **state) {
  struct inflect in;
  unspin_error err;
  char path[256];
  (void)state;
  write_temp(path, sizeof(path), "sheep\tplural\tsheeps\n");
  inflect_init(&in);
  assert_int_equal(inflect_load(&in, SMALL_TABLE, &err), UNSPIN_OK);
  assert_int_equal(inflect_load(&in, path, &err), UNSPIN_ERR_SYNTAX);
  unlink(path);
  assert_int_equal(err.line, 1);
  assert_string_equal(err.msg, "duplicate plural of 'sheep'");
  /* The first entry stands */
  check_form(&in, "sheep", INFL_PLURAL, "sheep");
  inflect_release(&in);
}

static void test_crlf_and_comments(void **state) {
  struct inflect in;
  unspin_error err;
  char path[256];
  (void)state;
  write_temp(path, sizeof(path),
             "# dos line ends\r\n\r\n  \t \r\nsee\tpast\tsaw\r\n"
             "see\tpastpart\tseen");
  inflect_init(&in);
  assert_int_equal(inflect_load(&in, path, &err), UNSPIN_OK);
  unlink(path);
  check_verb(&in, "see", "sees", "saw", "seen", "seeing");
  inflect_release(&in);
}

static void test_missing_file(void **state) {
  struct inflect in;
  unspin_error err;
  const char *path = TEST_DATA_DIR "/no-such-table.tsv";
  char want[512];
  (void)state;
  inflect_init(&in);
  assert_int_equal(inflect_load(&in, path, &err), UNSPIN_ERR_IO);
  assert_int_equal(inflect_load(&in, path, NULL), UNSPIN_ERR_IO);
  inflect_release(&in);
  snprintf(want, sizeof(want), "cannot open '%s': No such file or directory",
           path);
  assert_int_equal(err.code, UNSPIN_ERR_IO);
  assert_string_equal(err.msg, want);
  assert_string_equal(err.path, path);
  assert_int_equal(err.line, 0);
  assert_int_equal(err.col, 0);
}

static void test_read_error(void **state) {
  struct inflect in;
  unspin_error err;
  (void)state;
  /* A directory opens but cannot be read */
  inflect_init(&in);
  assert_int_equal(inflect_load(&in, TEST_DATA_DIR, &err), UNSPIN_ERR_IO);
  inflect_release(&in);
  assert_string_equal(err.msg,
                      "cannot read '" TEST_DATA_DIR "': Is a directory");
}

static void test_empty_table(void **state) {
  struct inflect in;
  (void)state;
  /* An initialised but empty table behaves as no table */
  inflect_init(&in);
  check_form(&in, "say", INFL_PAST, "sayed");
  check_form(NULL, "city", INFL_PLURAL, "cities");
  inflect_release(&in);
  /* Releasing twice is harmless */
  inflect_release(&in);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_plural_rules),
      cmocka_unit_test(test_verb_rules),
      cmocka_unit_test(test_table),
      cmocka_unit_test(test_table_doubling),
      cmocka_unit_test(test_lemma_is_counted),
      cmocka_unit_test(test_no_form),
      cmocka_unit_test(test_small_buffer),
      cmocka_unit_test(test_syntax_errors),
      cmocka_unit_test(test_duplicate_across_files),
      cmocka_unit_test(test_crlf_and_comments),
      cmocka_unit_test(test_missing_file),
      cmocka_unit_test(test_read_error),
      cmocka_unit_test(test_empty_table),
  };
  return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
