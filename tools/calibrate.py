#!/usr/bin/env python3
"""calibrate.py - fit the confidence calibration (dicts/en/calibration.tsv).

Usage (from the repository root, with ./unspin built and ../shared beside
the repository):

    python3 tools/calibrate.py [--work DIR] [--reuse] [--folds 5]
                               [--out dicts/en/calibration.tsv]

What a finding reports as its confidence is the probability that its
replacement, applied alone, is right (src/calibrate.h).  The context
model's posterior ranks findings less well than it could; this script
learns a logistic correction from findings the model made on text it had
not seen:

 1. the training pairs are split by article into folds, and each fold's
    table is built without it (tools/cv-eval.py's fold tables, in --work;
    --reuse keeps them);
 2. unspin runs with each fold's table on the fold's spun copies (spin and
    mt) and on its originals, and every finding the decoder chooses is
    kept, with its posterior and the facts of its pair;
 3. each is labelled: on a spun copy, right when applying it alone lowers
    the word error rate against the original; on an original, wrong
    (findings whose posterior is below CALIB_MIN_POSTERIOR are left out:
    they are never calibrated);
    findings of name entries (rule EN-SPIN-NAME: a capitalised word
    inside a sentence, dicts/en/README.md) are calibrated by the fit but
    not fitted on: right far more often than ordinary findings of the same
    features, they raised log_train for every pair seen in training, and
    ordinary findings just over the bar came with it (cross-validation at
    bar 0.8, name findings fitted on: 22 wrong words and 12 false alarms
    among 572 findings judged alone; left out: 19 and 8 among 550,
    against 17 and 9 among 532 without name entries);
 4. a logistic regression (L2 penalty LAMBDA, Newton's method) is fitted
    on all folds and written to --out; and for each fold, one fitted on
    the other folds only is written into the fold's data directory, so
    that tools/cv-eval.py with the same --work measures the calibration
    on findings it was not fitted on.

The features are those of src/calibrate.h; a feature computed here must be
computed there the same way.  Deterministic: the same inputs give the same
bytes.

Tried and not kept (session 9): the document's spin estimate as a
feature (its log, and its log times log_odds).  On the 761 findings of
the folds, held-out AUC 0.795 -> 0.801 (0.805 with the product), the
share right among the 400 most confident 0.970 -> 0.975 and among the
500 most confident 0.956 -> 0.954: within noise, and the estimate is
known only once the whole chunk is decided, after neighbour_discount()
has needed the confidence.
"""

import argparse
import importlib.util
import math
import os
import shutil
import sys
import tempfile

FEATURES = ("bias", "log_odds", "log_channel", "phrase", "hand", "log_train")
MIN_POSTERIOR = 0.5  # CALIB_MIN_POSTERIOR of src/calibrate.h
LAMBDA = 1.0  # L2 penalty on the coefficients (not the bias), in records
NAME_RULES = {"EN-SPIN-NAME"}  # name entries' findings: not fitted on


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def features(f):
    """The feature vector of one finding (its unspin -f json object), as
    calibration_apply() computes it."""
    p = min(max(f["posterior"], 1e-4), 1 - 1e-4)
    src = f["source"] or ""
    n = 0
    for part in src.split("+"):
        if part.startswith("train:"):
            n = int(part[6:])
            break
    return [1.0, math.log(p / (1 - p)), math.log(max(f["channel"], 1e-4)),
            1.0 if any(c in " \t\n\r" for c in f["spun"]) else 0.0,
            1.0 if ("hand" in src or src == "rule") else 0.0,
            math.log(1.0 + n)]


def solve(a, b):
    """a x = b by Gaussian elimination with partial pivoting."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        piv = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[piv] = m[piv], m[c]
        for r in range(c + 1, n):
            k = m[r][c] / m[c][c]
            for j in range(c, n + 1):
                m[r][j] -= k * m[c][j]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][j] * x[j] for j in range(r + 1, n))) \
            / m[r][r]
    return x


def fit(data):
    """Logistic regression on (features, label) pairs, L2 penalty LAMBDA
    on all but the bias: Newton's method to convergence."""
    d = len(FEATURES)
    w = [0.0] * d
    for _ in range(50):
        grad = [0.0] * d
        hess = [[0.0] * d for _ in range(d)]
        for x, y in data:
            z = sum(a * b for a, b in zip(w, x))
            p = 1.0 / (1.0 + math.exp(-z))
            for i in range(d):
                grad[i] += (p - y) * x[i]
                for j in range(d):
                    hess[i][j] += p * (1 - p) * x[i] * x[j]
        for i in range(1, d):
            grad[i] += LAMBDA * w[i]
            hess[i][i] += LAMBDA
        step = solve(hess, grad)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-9:
            break
    return w


def write(path, w, note):
    lines = ["# unspin confidence calibration: NAME<TAB>COEFFICIENT "
             "(src/calibrate.h)",
             "# GENERATED by tools/calibrate.py (make calibration): " + note,
             "# Do not edit."]
    lines += ["%s\t%.6f" % (n, c) for n, c in zip(FEATURES, w)]
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, path)


def auc(scored):
    pos = sorted(s for s, y in scored if y)
    neg = sorted(s for s, y in scored if not y)
    if not pos or not neg:
        return float("nan")
    wins, j = 0.0, 0
    for p in pos:  # count negatives below p, ties as half
        while j < len(neg) and neg[j] < p:
            j += 1
        k = j
        while k < len(neg) and neg[k] == p:
            k += 1
        wins += j + 0.5 * (k - j)
    return wins / (len(pos) * len(neg))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    cv = load_module("cv_eval", os.path.join(here, "cv-eval.py"))
    ap = cv.fold_arguments(__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(
        repo, "dicts", "en", "calibration.tsv"))
    args = ap.parse_args()
    for p in (args.pairs, args.scorer, args.unspin):
        if not os.path.exists(p):
            sys.exit("calibrate: %s not found (it needs ../shared beside "
                     "the repository and ./unspin built)" % p)
    sc = load_module("score", args.scorer)
    rows, folds, extra, dirs = cv.fold_tables(args.pairs, args.folds,
                                              args.work, args.reuse)
    records = []  # (fold, features, label, posterior)
    tmp = tempfile.mkdtemp()
    try:
        for k, held in enumerate(folds):
            # the posteriors are what is learnt from: a calibration left
            # from an earlier run must not be read (it may be of another
            # format); each fold gets its new one below
            old = os.path.join(dirs[k], "dicts", "en", "calibration.tsv")
            if os.path.exists(old):
                os.remove(old)
            cmd = [args.unspin, "--data-dir", dirs[k],
                   "--min-confidence", "0"]
            for kind, field in (("spin", "spun"), ("mt", "spun"),
                                ("clean", "text")):
                docs = cv.held_out_docs(rows, held, extra[k], kind)
                for f, verdict in cv.judge_findings(sc, cmd, docs, field,
                                                    tmp):
                    if f["channel"] >= 1.0 or \
                            f["posterior"] < MIN_POSTERIOR:
                        continue  # never calibrated (src/calibrate.h)
                    if f["rule"] in NAME_RULES:
                        continue  # calibrated, not fitted on (step 3)
                    records.append((k, features(f), verdict == "right",
                                    f["posterior"]))
    finally:
        shutil.rmtree(tmp)
    if not records:
        sys.exit("calibrate: no findings to learn from")
    right = sum(1 for r in records if r[2])
    print("calibrate: %d findings on held-out text, %d right" % (
        len(records), right))

    # per fold, fitted without it, for cv-eval; scored on the fold
    scored = []
    for k in range(len(folds)):
        w = fit([(x, y) for f, x, y, _ in records if f != k])
        write(os.path.join(dirs[k], "dicts", "en", "calibration.tsv"), w,
              "fold %d, fitted on the other folds" % k)
        for f, x, y, post in records:
            if f == k:
                scored.append((sum(a * b for a, b in zip(w, x)), y, post))
    print("calibrate: held-out ranking of right findings, AUC %.3f "
          "(posterior alone %.3f)" % (
              auc([(s, y) for s, y, _ in scored]),
              auc([(p, y) for _, y, p in scored])))
    w = fit([(x, y) for _, x, y, _ in records])
    write(args.out, w, "%d findings of %d folds of %s" % (
        len(records), len(folds), os.path.basename(args.pairs)))
    print("calibrate: " + ", ".join("%s %.3f" % (n, c)
                                   for n, c in zip(FEATURES, w)))
    print("calibrate: wrote %s and the fold calibrations in %s" % (
        os.path.relpath(args.out), args.work))


if __name__ == "__main__":
    main()
