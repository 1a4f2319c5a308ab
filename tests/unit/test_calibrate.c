/* test_calibrate.c - the confidence calibration (calibrate.h): the file
 * reader with every error at its line and column, and the logistic layer
 * on findings of known features. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <string.h>

#include <cmocka.h>

#include "calibrate.h"

#define PATH "dicts/en/calibration.tsv"

static const char good[] = "# a comment\n"
                           "bias\t0.5\n"
                           "\n"
                           "log_odds\t1\r\n"
                           "log_channel\t0.25\n"
                           "phrase\t1.5\n"
                           "hand\t-2\n"
                           "log_train\t0.75"; /* no final newline */

static int parse(const char *text, size_t len, struct calibration *c,
                 unspin_error *err) {
  memset(err, 0, sizeof(*err));
  return calibration_parse(c, PATH, text, len, err);
}

static void test_reads_every_coefficient(void **state) {
  struct calibration c;
  unspin_error err;
  (void)state;
  assert_int_equal(parse(good, sizeof(good) - 1, &c, &err), UNSPIN_OK);
  assert_true(c.loaded);
  assert_true(c.coef[CALIB_BIAS] == 0.5);
  assert_true(c.coef[CALIB_LOG_ODDS] == 1);
  assert_true(c.coef[CALIB_LOG_CHANNEL] == 0.25);
  assert_true(c.coef[CALIB_PHRASE] == 1.5);
  assert_true(c.coef[CALIB_HAND] == -2);
  assert_true(c.coef[CALIB_LOG_TRAIN] == 0.75);
}

static void test_errors_have_positions(void **state) {
#define CASE(text, line, col, msg) {text, sizeof(text) - 1, line, col, msg}
  static const struct {
    const char *text;
    size_t len;
    unsigned line, col;
    const char *msg;
  } cases[] = {
      CASE("bias 0.5\n", 1, 1, "expected NAME<TAB>NUMBER"),
      CASE("bias\t0.5\nslope\t1\n", 2, 1, "unknown name"),
      CASE("bias\t0.5\nbias\t0.6\n", 2, 1, "name given twice"),
      CASE("bias\t\n", 1, 6, "expected a number"),
      CASE("bias\t0.5x\n", 1, 6, "expected a number between"),
      CASE("bias\tnan\n", 1, 6, "expected a number between"),
      CASE("bias\t1e9\n", 1, 6, "expected a number between"),
      CASE("bias\t0.5\0junk\n", 1, 6, "expected a number between"),
      CASE("# r\xc3\xa9sum\xc3\xa9\nb\xc3\xa9\t1\n", 2, 1, "unknown name"),
      CASE("bias\t0.5\n", 0, 0, "no line for 'log_odds'"),
  };
#undef CASE
  size_t i;
  (void)state;
  for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    struct calibration c;
    unspin_error err;
    memset(&c, 0x5a, sizeof(c));
    assert_int_equal(parse(cases[i].text, cases[i].len, &c, &err),
                     UNSPIN_ERR_SYNTAX);
    if (err.line != cases[i].line || err.col != cases[i].col ||
        !strstr(err.msg, cases[i].msg))
      fail_msg("case %zu: got %u:%u '%s', expected %u:%u '%s'", i, err.line,
               err.col, err.msg, cases[i].line, cases[i].col, cases[i].msg);
    assert_string_equal(err.path, PATH);
    assert_int_equal(c.loaded, 0x5a5a5a5a); /* untouched */
  }
}

static struct entry entry_of(float weight, const char *source, int rule) {
  static const struct rule r;
  struct entry e;
  memset(&e, 0, sizeof(e));
  e.weight = weight;
  e.source = source;
  e.rule = rule ? &r : NULL;
  return e;
}

static double sigmoid(double z) { return 1 / (1 + exp(-z)); }

static void test_applies_the_features(void **state) {
  struct calibration c, none;
  unspin_error err;
  struct entry seen = entry_of(0.5f, "train:3+moby", 0);
  struct entry hand = entry_of(0.9f, "train:1+hand", 0);
  struct entry rule = entry_of(0.75f, "rule", 1);
  (void)state;
  assert_int_equal(parse(good, sizeof(good) - 1, &c, &err), UNSPIN_OK);
  memset(&none, 0, sizeof(none));
  /* without a calibration, or where the decoder says "no", the posterior */
  assert_true(calibration_apply(&none, &seen, 0.8, "word", 4) == 0.8);
  assert_true(calibration_apply(&c, &seen, 0.4, "word", 4) == 0.4);
  /* a word seen 3 times: bias + log odds + log channel + log(1 + 3) */
  assert_true(fabs(calibration_apply(&c, &seen, 0.8, "word", 4) -
                   sigmoid(0.5 + log(4.0) + 0.25 * log(0.5) +
                           0.75 * log(4.0))) < 1e-6);
  /* a hand-written phrase seen once */
  assert_true(fabs(calibration_apply(&c, &hand, 0.6, "had been", 8) -
                   sigmoid(0.5 + log(1.5) + 0.25 * log(0.9) + 1.5 - 2 +
                           0.75 * log(2.0))) < 1e-6);
  /* a context rule counts as hand-written; only its span counts for
   * "phrase", not the text after it */
  assert_true(fabs(calibration_apply(&c, &rule, 0.9, "again the", 5) -
                   sigmoid(0.5 + log(9.0) + 0.25 * log(0.75) - 2)) < 1e-6);
  /* a certain posterior stays below 1 */
  assert_true(calibration_apply(&c, &seen, 1.0, "word", 4) < 1.0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_reads_every_coefficient),
      cmocka_unit_test(test_errors_have_positions),
      cmocka_unit_test(test_applies_the_features),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
