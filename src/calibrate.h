/*
 * calibrate.h - from the decoder's posterior to the confidence a finding
 * reports: the probability that the replacement, applied alone, is right.
 *
 * The decoder's posterior (decide.c) weighs the n-gram evidence against
 * the channel prior, but judged on held-out spin pairs it ranks findings
 * worse than it could: it under-trusts strong channel evidence (pairs seen
 * often, hand-written pairs) and multi-word phrases, which are almost
 * never there by chance.  A logistic layer over a few features of the
 * finding (Platt scaling with side information) fixes the ranking:
 *
 *   confidence = 1 / (1 + exp(-(bias + sum of coefficient * feature)))
 *
 * with the features
 *   log_odds     log(p / (1 - p)) of the posterior p (clamped to 1e-4)
 *   log_channel  log of the entry's channel weight
 *   phrase       1 when the spun text has whitespace in it (two words or
 *                more), else 0
 *   hand         1 for a hand-written pair or a context rule, else 0
 *   log_train    log(1 + N) for an entry seen N times in the training
 *                pairs (source "train:N"), else 0
 *
 * The layer only reorders what the decoder believes: a posterior below
 * CALIB_MIN_POSTERIOR (the decoder finds the word more likely original
 * than spun) is reported as it is, however strong the pair, and the fit
 * uses only findings at or above it.  The coefficients are data
 * (dicts/en/calibration.tsv), fitted by tools/calibrate.py on
 * cross-validated findings; without the file the confidence is the
 * posterior itself.
 *
 * File format: UTF-8 text, '#' starts a comment line, blank lines are
 * skipped; every other line is NAME<TAB>NUMBER, each of bias and the five
 * feature names exactly once.
 */
#ifndef UNSPIN_CALIBRATE_H
#define UNSPIN_CALIBRATE_H

#include <stddef.h>

#include "entry.h"
#include "unspin.h"

struct candidate;
struct tokens;

#define CALIB_MIN_POSTERIOR 0.5

enum calib_feature {
  CALIB_BIAS = 0,
  CALIB_LOG_ODDS,
  CALIB_LOG_CHANNEL,
  CALIB_PHRASE,
  CALIB_HAND,
  CALIB_LOG_TRAIN,
  CALIB_NFEATURES
};

struct calibration {
  int loaded;                    /* 0: confidence = posterior */
  double coef[CALIB_NFEATURES];  /* indexed by enum calib_feature */
};

/* Parse a calibration file's bytes (buf, len; need not end in NUL) into
 * *c; path is for messages.  On error *c is untouched. */
int calibration_parse(struct calibration *c, const char *path,
                      const char *buf, size_t len, unspin_error *err);

/* The confidence of a finding of entry e whose decoder posterior is
 * posterior and whose spun text is spun[0..spun_len). */
double calibration_apply(const struct calibration *c, const struct entry *e,
                         double posterior, const char *spun, size_t spun_len);

/*
 * The confidence candidate c (of the text text, tokenized as toks) reports
 * when its decoder posterior is c->confidence: calibrated when the context
 * model decided it; a certain entry (a telltale of weight 1) and a
 * decision without the model keep theirs.
 */
double calibrate_candidate(const unspin_ctx *ctx, const char *text,
                           const struct tokens *toks,
                           const struct candidate *c);

#endif
