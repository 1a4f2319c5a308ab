/* calibrate.c - the confidence a finding reports (see calibrate.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "calibrate.h"
#include "internal.h"
#include "text.h"
#include "util.h"

static const char *const feature_names[CALIB_NFEATURES] = {
    "bias", "log_odds", "log_channel", "phrase", "hand", "log_train"};

static int bad_line(unspin_error *err, const char *path, unsigned line,
                    const char *ls, const char *le, const char *at,
                    const char *msg) {
  unspin_error_set(err, UNSPIN_ERR_SYNTAX, path, line,
                   (unsigned)utf8_count(ls, (size_t)(at - ls)) + 1, "%s",
                   msg);
  unspin_error_set_source(err, ls, (size_t)(le - ls), 1);
  return UNSPIN_ERR_SYNTAX;
}

int calibration_parse(struct calibration *c, const char *path,
                      const char *buf, size_t len, unspin_error *err) {
  struct calibration out;
  const char *p = buf, *end = buf + len;
  unsigned line = 0, seen = 0;
  size_t k;
  memset(&out, 0, sizeof(out));
  while (p < end) {
    const char *ls = p, *le = memchr(p, '\n', (size_t)(end - p)), *tab;
    char num[64], *num_end;
    size_t nlen;
    double v;
    if (!le)
      le = end;
    p = le + 1;
    line++;
    if (le > ls && le[-1] == '\r')
      le--;
    if (le == ls || *ls == '#')
      continue;
    tab = memchr(ls, '\t', (size_t)(le - ls));
    if (!tab)
      return bad_line(err, path, line, ls, le, ls,
                      "expected NAME<TAB>NUMBER");
    for (k = 0; k < CALIB_NFEATURES; k++)
      if (strlen(feature_names[k]) == (size_t)(tab - ls) &&
          !memcmp(feature_names[k], ls, (size_t)(tab - ls)))
        break;
    if (k == CALIB_NFEATURES)
      return bad_line(err, path, line, ls, le, ls,
                      "unknown name: expected bias, log_odds, log_channel, "
                      "phrase, hand or log_train");
    if (seen & 1u << k)
      return bad_line(err, path, line, ls, le, ls, "name given twice");
    nlen = (size_t)(le - tab - 1);
    if (nlen == 0 || nlen >= sizeof(num))
      return bad_line(err, path, line, ls, le, tab + 1, "expected a number");
    memcpy(num, tab + 1, nlen);
    num[nlen] = '\0';
    v = strtod(num, &num_end);
    if (num_end != num + nlen || !isfinite(v) || fabs(v) > 1000)
      return bad_line(err, path, line, ls, le, tab + 1,
                      "expected a number between -1000 and 1000");
    out.coef[k] = v;
    seen |= 1u << k;
  }
  for (k = 0; k < CALIB_NFEATURES; k++)
    if (!(seen & 1u << k))
      return unspin_error_set(err, UNSPIN_ERR_SYNTAX, path, 0, 0,
                              "no line for '%s'", feature_names[k]);
  out.loaded = 1;
  *c = out;
  return UNSPIN_OK;
}

/* N of "train:N" in an entry's source, 0 when it has none. */
static unsigned long train_count(const char *source) {
  const char *t = source ? strstr(source, "train:") : NULL;
  return t ? strtoul(t + 6, NULL, 10) : 0;
}

double calibration_apply(const struct calibration *c, const struct entry *e,
                         double posterior, const char *spun, size_t spun_len) {
  double p = posterior, x[CALIB_NFEATURES], z = 0;
  size_t i, k;
  if (!c->loaded || posterior < CALIB_MIN_POSTERIOR)
    return posterior;
  if (p < 1e-4)
    p = 1e-4;
  if (p > 1 - 1e-4)
    p = 1 - 1e-4;
  x[CALIB_BIAS] = 1;
  x[CALIB_LOG_ODDS] = log(p / (1 - p));
  x[CALIB_LOG_CHANNEL] = log(e->weight > 1e-4f ? (double)e->weight : 1e-4);
  x[CALIB_PHRASE] = 0;
  for (i = 0; i < spun_len; i++)
    if (spun[i] == ' ' || spun[i] == '\t' || spun[i] == '\n' ||
        spun[i] == '\r')
      x[CALIB_PHRASE] = 1;
  x[CALIB_HAND] = e->rule || (e->source && strstr(e->source, "hand"));
  x[CALIB_LOG_TRAIN] = log(1.0 + (double)train_count(e->source));
  for (k = 0; k < CALIB_NFEATURES; k++)
    z += c->coef[k] * x[k];
  return 1.0 / (1.0 + exp(-z));
}

double calibrate_candidate(const unspin_ctx *ctx, const char *text,
                           const struct tokens *toks,
                           const struct candidate *c) {
  const struct entry *e = &ctx->entries[c->entry];
  size_t start, end;
  if (!ctx->model || entry_certain(e))
    return c->confidence;
  start = toks->v[c->tok].start;
  end = toks->v[c->tok_end - 1].end;
  return calibration_apply(&ctx->calib, e, c->confidence, text + start,
                           end - start);
}
