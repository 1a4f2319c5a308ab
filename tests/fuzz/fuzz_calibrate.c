/*
 * fuzz_calibrate.c - the input as a confidence calibration file
 * (src/calibrate.h), parsed from memory with calibration_parse().  A bad
 * file must be a syntax error with a position; a good one must give every
 * finding a confidence in [0, 1] that never falls below the bar where the
 * decoder said "no" any differently than the posterior itself.
 */
#include <math.h>

#include "fuzz.h"
#include "calibrate.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const double posteriors[] = {0, 1e-9, 0.25, 0.4999, 0.5, 0.7,
                                      0.99, 1};
  static const char *const sources[] = {"train:3+moby", "hand", "rule",
                                        "train:99999999999999999999", NULL};
  static const char *const spuns[] = {"word", "two words", "tab\there",
                                      ""};
  struct calibration c;
  unspin_error err;
  size_t i, j;
  memset(&err, 0, sizeof(err));
  memset(&c, 0, sizeof(c));
  if (calibration_parse(&c, "<fuzz>", (const char *)data, size, &err)) {
    FUZZ_CHECK(err.code == UNSPIN_ERR_SYNTAX);
    FUZZ_CHECK(!strcmp(err.path, "<fuzz>"));
    FUZZ_CHECK(err.msg[0]);
    FUZZ_CHECK(!c.loaded);
    return 0;
  }
  FUZZ_CHECK(c.loaded);
  for (i = 0; i < sizeof(posteriors) / sizeof(posteriors[0]); i++)
    for (j = 0; j < sizeof(sources) / sizeof(sources[0]); j++) {
      struct entry e;
      const char *spun = spuns[(i + j) % 4];
      double conf;
      memset(&e, 0, sizeof(e));
      e.weight = (float)(j + 1) / 6.0f;
      e.source = sources[j];
      conf = calibration_apply(&c, &e, posteriors[i], spun, strlen(spun));
      FUZZ_CHECK(conf >= 0 && conf <= 1 && !isnan(conf));
      if (posteriors[i] < CALIB_MIN_POSTERIOR)
        FUZZ_CHECK(conf == posteriors[i]);
    }
  return 0;
}
