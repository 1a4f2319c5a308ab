#!/usr/bin/env python3
"""build-dict.py - build dicts/en/subst.tsv, unspin's substitution table.

Usage (from the repository root; every input has a default):

    python3 tools/build-dict.py [--pairs F] [--hand F] [--moby F] [--mythes F]
        [--wordnet DIR] [--lm F] [--out F] [--max-lines N] [--quiet]
        [--exclude-articles ID,ID...] [--thesaurus-rates]

Inputs
  --pairs    ../shared/eval/train-pairs.jsonl   aligned spun/original sentence
             pairs (ONLY the training pairs; never the dev files)
  --hand     dicts/en/hand.tsv                   hand-written entries
  --moby     ../shared/data/thesaurus-moby/moby_words.txt.gz
  --mythes   /usr/share/mythes/th_en_US_v2.dat   (Debian mythes-en-us)
  --wordnet  /usr/share/wordnet                  (Debian wordnet-base)
  --lm       ../shared/data/ngram-cmusphinx-en-us/en-us.lm.3gram.tsv.gz
Output
  --out      dicts/en/subst.tsv  (format: dicts/en/README.md)

--thesaurus-rates also prints, per bin of thesaurus support, frequency gap
and "spun word seen as an edit", how often a thesaurus-only pair was an
edit in the training pairs (P(edit to o | s in spun text), leave one
article out): the measurement behind the weights study below.

Environment: BUILD_DICT_DEBUG=1 also prints the LM test of every phrase
entry and the training substitutions the table does not cover.

Python 3 standard library only.  The output is deterministic: the same
inputs give the same bytes (everything is sorted; no time stamps).

The table has four sources, merged per (spun, original) pair:

 1. observed pairs (source train:N, train-mt:N): each `spin` pair is aligned
    word by word (difflib over lower-cased tokens, curly apostrophes folded
    to ').  A differing block of unequal length and <= 3 words a side is one
    phrase substitution; a longer block is cut at word pairs a thesaurus,
    hand.tsv or the equal-length blocks relate, and its gaps become one-word
    or phrase substitutions.  A pure insertion/deletion gets one word of
    shared context as an anchor (left or right, whichever recurs more):
    "gross" inserted before "sales" gives spun "gross sales" -> "sales".
    Weight (a smoothed P(edit to o | s seen in spun text)):

        w = min(0.95, (c + K * prior) / (n + K)),  K = 3

    c = times s was edited to o, n = times s occurs in the spun side of the
    spin pairs (edited or not; at least c, and at least the number of times
    the LM expects s in that many tokens); prior = the hand weight when
    hand.tsv has the pair, else PRIOR_THES (0.15) when a thesaurus relates s
    and o or PRIOR_NONE (0.05) otherwise, times min(1, P(o) / P(s)) from LM
    unigrams (a spun word far more common than the original is a priori a
    poor stand-in: tornado -> twister).  An inflected observation (stated ->
    said) is kept as is and also yields its lemma pair (state -> say,
    infl v) with c and n summed over all forms of the lemma.
    Left out: numbers/punctuation, spelling variants, contractions, a/an,
    inflection-only and antonym pairs, function-word swaps (on -> at),
    proper-name fragments as ordinary entries (decide -> judge: they
    become name entries, below; a whole mangled name such as
    "greenback common" -> "dollar general" is kept when it recurs),
    insertions seen fewer than 3 times, and the alignment artifacts in
    EXCLUDE.  A pair seen once that no thesaurus or hand entry supports is
    kept, at its low smoothed weight (see the experiments below).
    `mt` pairs only add phrase entries seen >= 2 times whose spun side
    passes the telltale test (a literal-translation artifact); otherwise
    they only add train-mt:N to entries already in the table.
 2. hand.tsv (source hand), merged as is; observed counts refine its weight
    (the hand weight is the prior) and its class and infl win.
 3. thesaurus candidates (source moby / mythes / wordnet joined with +):
    s -> o where s is listed as a synonym of o (a spinner replaced o by s),
    o is among the TOP_VOCAB most probable LM unigrams and not a function
    word, s is one word the LM knows and not more common than o (log10
    unigram gap <= 0.3), s and o share a WordNet part of speech in which o
    has >= TAG_MIN tagged senses, s is not an abbreviation/derivation of o,
    a noun pair's s is not far more often a verb's -ing/-ed form (WordNet
    tagged senses, noun x 4 < verb: freeing -> release is dropped,
    dwelling -> home kept),
    WordNet and mythes count only o's first TOP_SENSES senses, and >= 2
    thesauri list it (or one plus an observed pair).  Weight 0.01 per
    supporting thesaurus, +0.01 when s is >= 10x rarer than o in the LM (a
    typical spinner choice); class ctx.
 4. class: see TELLTALE CRITERION below; infl from WordNet (index.noun /
    index.verb hold both words; a POS with < 1/4 of the original's tagged
    senses is dropped; `-` for phrases and function words).
 5. name entries (class name, source train:N and the thesauri that list
    the pair without the possessive): spinners change words inside names
    and titles too, keeping the capital ("Aaron Decide", "the Home
    voted", "Lawyer Common", "Nationwide Climate Service"), and a
    capitalised common word inside a sentence is almost never honest
    English.  Learned from one-word substitutions, and the words of a
    whole mangled name of equal length, where both words are capitalised,
    not sentence-initial and not all capitals, in a line that is not in
    title case (name_flags()), and that no reject reason above excludes.
    A possessive ("Decide's" -> "Judge's") is one token and its own
    entry; name entries have no inflections.  Weight as for observed
    pairs, w = min(0.95, (c + K * prior) / (n + K)) with n = occurrences of
    the spun word so written (capitalised inside a sentence) on the spun
    side of all spin pairs, prior PRIOR_THES or PRIOR_NONE without the
    frequency gap.  unspin applies one only to a capitalised word inside a
    sentence; there it stands in for an ordinary entry of the same pair,
    and yields to a longer candidate covering its word (src/match.c).

NAME ENTRIES, measured (session 8) with tools/cv-eval.py, 5 folds by
article, each fold's calibration refitted (tools/calibrate.py); spin
reduction / edit precision at bars 0.8, 0.85, 0.9, and false alarms on
held-out originals at 0.8.  Without name entries: 0.266 / 0.792 (385/486),
0.243 / 0.800, 0.199 / 0.807; 0.28 per 1,000 (3 edits); findings judged
alone at 0.8: 506 of 532 right, 17 wrong word, 9 false alarm.
  - KEPT: every observed pair, standing in for an ordinary twin, yielding
    to a longer candidate, its findings (rule EN-SPIN-NAME) left out of
    the calibration fit (tools/calibrate.py): 0.274 / 0.800 (401/501),
    0.247 / 0.806 (350/434), 0.204 / 0.821 (289/352); 0.28 (3 edits);
    alone 523 of 550 right (0.951), 19 wrong word, 8 false alarm.
    make eval: spin 0.183 / 0.731 (68/93) -> 0.188 / 0.747 (71/95),
    dev-clean 50 -> 51 edits (transfer -> move at 0.80, an ordinary
    entry; no name entry fires on dev-clean or dev-human-rewrites).
  - the same with name findings fitted on like any other: 0.279 / 0.791
    (409/517), 0.255 / 0.804 (365/454), 0.202 / 0.823 (292/355); 0.28;
    alone 538 of 572 right, 22 wrong word, 12 false alarm.  The name
    findings themselves are right (Decide -> Judge, Home -> House,
    Greenback -> Dollar, Common -> General, Nationwide -> National,
    Climate -> Weather, Workplace -> Office); the added wrong ones are
    ordinary entries just over the bar (officer -> official, measure ->
    bill at 0.80-0.87): the refit trusted every pair seen in training
    more (log_train 0.50 -> 0.58).  make eval: 0.194 / 0.753 (73/97),
    dev-clean 52 edits.
  - both entries at a capitalised site (no standing in; the decoder
    splits its belief between two candidates that spell the same):
    0.278 / 0.776, 0.248 / 0.792, 0.191 / 0.810; 0.37 (4 edits).
  - standing in, not yielding (a telltale "majority chief" -> "majority
    leader" and the name entry "chief" -> "leader" split the belief, and
    neither passes the bar): 0.277 / 0.785, 0.249 / 0.802, 0.196 / 0.813;
    0.37.  Leaving name sites out of the document's spin estimate as
    well: 0.276 / 0.787, 0.250 / 0.800, 0.192 / 0.817; 0.37.
  - only pairs seen in >= 2 articles (the fold builds leave the held-out
    articles out, so a pair of one article never helps its own fold):
    0.271 / 0.781, 0.245 / 0.793, 0.193 / 0.813; 0.28.  Decide -> Judge
    recurs across the baseball articles, but rarer pairs still pay.
  - source name:N instead of train:N (no log_train credit in the
    calibration): 0.284 / 0.797, 0.255 / 0.815, 0.208 / 0.827, but 0.37
    false alarms on originals at 0.8 (4 edits; higher -> upper at 0.80),
    and a new kind of source.
  - only pairs a thesaurus relates (without the possessive; Moby lists
    most: decide -> judge, common -> general, home -> house; 24 of 31 in
    fold 0, dropping greenback -> dollar, nationwide -> national, area ->
    house, guidelines -> rules), with the kept calibration: 0.275 / 0.800
    (400/500), 0.248 / 0.806, 0.206 / 0.822; 0.28; alone 523 of 550
    right, 19 wrong word, 8 false alarm: the same within a finding or
    two, so the simpler rule (every observed pair) is kept.

A GENERATIVE PRIOR for thesaurus pairs, measured (session 10) and not
kept.  If a spinner replaced a share R of the words it could, each by one
of the synonyms mythes lists in its original's first TOP_SENSES senses,
chosen at random, then for a spun word s, G(s) = sum over the originals o'
that list s of P(o') / |synonyms of o'| is how often it makes s,
P(s was made | s) = R G / (R G + (1 - R) P(s)), and
P(o | s) = P(s was made | s) * P(o) / |synonyms of o| / G (P: LM
unigrams).  It has no parameter fitted to the pairs (R 0.1 and 0.3 rank
alike).  On the training spin pairs, over every occasion of a pair no
other article shows as an edit, it ranks the edits far better than the
flat thesaurus weights: AUC 0.855 against 0.734 (mythes lists, 8,051
occasions, 112 edits; 0.850 against 0.694 with Moby's lists too).  But
it is over-confident: pairs it puts at >= 0.4 were edits at 43 of 286
occasions (0.15).  Used as a weight (that measured rate, leave one
article out, for pairs it puts at >= 0.4), calibration refitted,
bars 0.8 / 0.85 / 0.9 against 0.279 / 0.801, 0.251 / 0.820, 0.205 /
0.831: raising the table's thesaurus pairs only, 0.275 / 0.798, 0.241 /
0.819, 0.201 / 0.827; also adding the 2,300 mythes pairs it puts that
high which the filters below drop (shared part of speech, o not far
rarer; automobile -> car, vacation -> holiday), 0.269 / 0.804, 0.238 /
0.824, 0.197 / 0.841, false alarms on held-out originals unchanged (2
edits at 0.8).  On the bar's curve, not above it: at 0.15 the model
still seldom takes a pair the training pairs never showed.

Tried on tools/cv-eval.py (5 folds by article; bar 0.7; baseline spin
reduction 0.228, precision 0.765 = 355/464, 0.37 false alarms per 1,000
words of held-out originals) and on `make eval` (dev spin 0.174 / 0.713 =
67/94), and not kept:
  - thesaurus-only weights = the measured rate of their bin
    (--thesaurus-rates; e.g. 3 thesauri, gap >= 1.5, spun word never seen
    edited: 0.14; spun word seen edited elsewhere: 0.01).  Capped at 0.5:
    CV 0.232 / 0.766 (363/474: +8 right, +2 wrong edits; at bar 0.5 the
    false alarms rise 0.47 -> 0.56), dev 0.174 / 0.694 (68/98).  Capped
    at 0.095 (below decide.c's PI_MIN_WEIGHT): CV 0.230 / 0.767
    (358/467), dev 0.173 / 0.691 (67/97).
  - one-thesaurus (Moby-only) pairs, where most of the uncovered
    substitutions are (rate <= 0.011 even in the best bin), bins with a
    rate >= 0.008: CV 0.228 / 0.763 (358/469), false alarms 0.47; bins
    >= 0.005 (the 40,000-line cap cuts them): CV 0.222 / 0.761.
  - all WordNet/mythes senses and TAG_MIN 1, measured weights: CV 0.222 /
    0.763 (351/460).
  - one-thesaurus pairs again (MIN_THES 1, the 40,000-line cap: 33,600
    more entries) once decide.c judged weak sites only beside stronger
    ones (session 9), where spun words cluster; bars 0.8 / 0.85 / 0.9
    against 0.272 / 0.798, 0.249 / 0.810, 0.204 / 0.818: 0.263 / 0.788,
    0.242 / 0.807, 0.202 / 0.831, and false alarms on held-out originals
    at 0.8 0.28 -> 0.37 per 1,000 words.
  - only lowering thesaurus-only weights to the measured rate when the
    spun word is seen edited (0.03-0.04 -> 0.005-0.04; 306 entries): CV
    0.229 / 0.766 (356/465) but 0.302 / 0.709 (440/621, +3 wrong) at bar
    0.5; dev unchanged.
  - two-word thesaurus phrases for one-word originals (most recent ->
    latest; >= 2 thesauri, the one-word weights; 2,284 entries): CV 0.228
    / 0.765 (354/463); dev unchanged.
  - KEPT: keeping pairs seen once with no thesaurus support (c = 1; held-out
    articles repeat such a pair at rate 0.33, 0.61 when P(o) >= 10 P(s)):
    CV 0.235 / 0.768 (361/470: +6 right edits, no wrong one), dev
    reduction 0.181 but precision 0.694 (68/98): the added dev edits are
    right words whose neighbour stays spun (client -> consumer beside
    "prices"), which the scorer's one-word context counts as wrong.  Only
    when P(o) >= P(s): CV 0.233 / 0.769, dev 0.179 / 0.691.  With the
    measured thesaurus weights as well: CV 0.238 / 0.771, dev 0.183 /
    0.670.  Kept (session 3): cross-validation, on five times the dev
    set's edits, is the better guide to held-out text, and dev-clean false
    alarms fall (0.32 -> 0.30, rewrites 0.18 -> 0.17).
  - TAG_MIN 1 or 2 (keeps thesaurus pairs whose original has few
    tagged senses: squad -> team, automobile -> car, deceptive ->
    misleading; session 6, against CV 0.244 / 0.776 = 370/477 at bar
    0.7): TAG_MIN 2 CV 0.244 / 0.776 (368/474), TAG_MIN 1 0.240 / 0.778
    (362/465); false alarms unchanged.  At thesaurus weights (0.02-0.04)
    the model seldom takes them, and when it does they are as often wrong.
  - derivational families of observed pairs (instantly -> immediately
    from instant -> immediate, -er/-est/-ness): 2 of 1,258 training
    events would gain.
  - thesaurus weights by the spun word's place in mythes' list for the
    original (session 7).  In the training pairs, a pair not seen in
    other articles is taken at rate 0.021 per occurrence of o when s
    is o's first mythes synonym, 0.011 / 0.009 at places 2 and 3, 0.0025
    after.  Weights x3 / x2 / x1.5 at places 1-3 (capped at 0.09),
    calibration refitted, CV at bar 0.8: 0.261 / 0.790, 499/527 right
    alone, 0.28 false alarms (baseline 0.265 / 0.789, 502/528, 0.28); at
    0.85 0.241 / 0.805 (0.241 / 0.798).  Noise: the model rarely takes a
    thesaurus pair whatever its weight in this range.
"""

import argparse
import collections
import difflib
import gzip
import json
import os
import re
import sys

# ---------------------------------------------------------------- constants

K_SMOOTH = 3.0        # pseudo-count of the prior in the weight formula
PRIOR_THES = 0.15     # prior P(edit | s) for a pair some thesaurus lists
PRIOR_NONE = 0.05     # prior for an observed pair no thesaurus lists
W_CAP = 0.95          # observed weights are capped below 1
TOP_VOCAB = 15000     # "common word": among the 15k most probable unigrams
TOP_SENSES = 3        # thesaurus candidates: o's first 3 WordNet/mythes senses
TAG_MIN = 3           # ... in a POS where o has >= 3 tagged WordNet senses
MAX_PHRASE = 3        # words a side for observed phrase entries
OOV_LOGP = -9.5       # log10 unigram floor for words the LM does not know
MIN_THES = 2          # thesauri that must list a pair not observed at all
# --thesaurus-rates: bins of the measured P(edit | spun word) of
# thesaurus-only pairs (thesaurus_rates()): support x frequency gap
# (log10 unigram P(o)/P(s), cut at THES_GAPS) x spun word seen as an edit
THES_GAPS = (0.0, 0.5, 1.0, 1.5, 2.5)
THES_SMOOTH = 50.0    # pseudo-occasions pulling a bin to its parent's rate

# TELLTALE CRITERION (evidence, not taste).  An entry is `telltale` (safe to
# apply with no context model) only when its spun side is a phrase of >= 2
# words and the CMU Sphinx trigram LM (general US English) finds all of
#   (a) the spun phrase rare: log10 P(spun) <= TT_ABS (-7.0), i.e. at most
#       about once per 10 million word positions;
#   (b) the spun phrase a splice, not a collocation: at its weakest
#       junction the next word is no more likely after the words before it
#       than on its own:  min_i [log10 P(w_i | w_<i) - log10 P(w_i)] <=
#       TT_JUNCTION (0.1).  "greenback common" (-0.08), "push again" (-0.06),
#       "in the midnight" (0.03) are splices; "the place" (0.46), "in a
#       single day" (0.54), "was once" (0.42), "gross sales" (1.72) are not;
#   (c) the original >= 100x more natural: log10 P(original) - log10
#       P(spun) >= TT_DELTA (2.0) when both have the same number of words;
#       for different lengths (raw phrase probabilities are not comparable:
#       every extra word costs probability) the original's weakest
#       junction must be >= TT_JDIFF (0.5) stronger than the spun one's (a
#       one-word original counts as fully cohesive),
#   where P(phrase) is the Katz back-off chain P(w1) P(w2|w1) P(w3|w1 w2)...
#   (digits are spelled out for the LM: "12" -> "twelve").
# Single ordinary words are never telltale.  The only single-token
# telltales are hand entries whose spun token is not a word the LM or
# WordNet knows (digits: "1000's").  A hand entry marked telltale that the
# LM contradicts is demoted to ctx (and reported); a hand entry the LM
# cannot score (an unknown word) keeps the hand decision; a hand `ctx` is
# never promoted.  An observed entry must also have been seen >= 2 times.
TT_ABS = -7.0
TT_JUNCTION = 0.1
TT_DELTA = 2.0
TT_JDIFF = 0.5

STOP = set("""a an the and or but nor so yet for of in on at to by with from
into onto upon over under about above below up down out off than then as if
whether that which who whom whose what when where why how this these those it
its it's he him his she her hers they them their theirs we us our ours you your
yours i me my mine is am are was were be been being have has had having do does
did done not no there here all any each every some such very too also just only
can could may might must shall should will would""".split())

ARTICLE_PAIRS = {("a", "an"), ("an", "a")}

# Observed one-word pairs that are alignment artifacts: the spinner changed a
# longer phrase ("once more" for "once again", "the place" for "where",
# "got here" for "came") and the word-level cut produced a pair that would be
# wrong on its own.  The phrases themselves are in hand.tsv.
EXCLUDE = {
    ("more", "again"), ("more", "increasingly"), ("place", "where"),
    ("got", "came"), ("get", "come"), ("time", "overtime"),
    ("time", "repeatedly"), ("number", "several"), ("number", "few"),
    ("other", "otherwise"), ("other", "another"), ("different", "another"),
    ("months", "year"), ("close", "near"), ("close", "nearby"),
    ("due", "because"), ("equivalent", "such"), ("comparable", "such"),
    ("contrast", "compared"), ("line", "according"),
    ("keeping", "according"), ("keep", "accord"), ("less", "least"),
    ("begin", "starting"), ("statesman", "begin"), ("interests", "favor"),
    ("gross", "store"), ("received", "have"), ("making", "planning"),
    ("make", "plan"), ("search", "seeking"), ("change", "become"),
    ("turn", "become"), ("grow", "become"), ("ahead", "before"),
    ("law", "police"), ("course", "process"), ("like", "similar"),
    ("should", "have"), ("accordance", "according"), ("legal", "court"),
    ("place to", "a good"),
}

CONTRACTIONS = [
    ("won't", "will not"), ("can't", "can not"), ("cannot", "can not"),
    ("shan't", "shall not"), ("n't", " not"), ("'re", " are"),
    ("'ve", " have"), ("'ll", " will"), ("'m", " am"), ("'d", " would"),
    ("'s", " is"),
]

# ------------------------------------------------------------------ helpers


def die(msg):
    sys.stderr.write("build-dict: " + msg + "\n")
    sys.exit(2)


def open_text(path):
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    return open(path, "r", encoding="utf-8", errors="replace")


def fmt_w(w):
    s = "%.4f" % w
    if float(s) <= 0:
        s = "0.0001"
    return s


def norm_apos(text):
    return (text.replace("\u2019", "'").replace("\u2018", "'")
            .replace("\u201c", '"').replace("\u201d", '"'))


TOKEN_RE = re.compile(
    r"[A-Za-z0-9]+(?:['.\-][A-Za-z0-9]+)*'?|[^\sA-Za-z0-9]")


def tokenize(text):
    return TOKEN_RE.findall(norm_apos(text))


def is_wordlike(tok):
    return any(ch.isalpha() for ch in tok) and not any(
        ch.isdigit() for ch in tok)


def expand_contractions(phrase):
    out = " " + phrase + " "
    for a, b in CONTRACTIONS:
        out = out.replace(a + " ", b + " ")
    return " ".join(out.split())


SPELL_RULES = [("our", "or"), ("ise", "ize"), ("isi", "izi"), ("yse", "yze"),
               ("tre", "ter"), ("ence", "ense"), ("ll", "l"), ("ogue", "og"),
               ("ae", "e"), ("oe", "e"), ("que", "ck")]


def spelling_key(w):
    w = w.replace("-", "").replace(" ", "").replace(".", "")
    for a, b in SPELL_RULES:
        w = w.replace(a, b)
    return w


# ----------------------------------------------------------------- WordNet


class WordNet:
    POS = ("n", "v", "a", "r")
    FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}

    def __init__(self, root):
        self.index = {p: {} for p in self.POS}     # lemma -> tagsense count
        self.synsets = {}                          # (pos, off) -> [words]
        self.lemma_synsets = collections.defaultdict(list)
        self.exc = {p: collections.defaultdict(list) for p in self.POS}
        self.antonyms = set()
        for p in self.POS:
            name = self.FILES[p]
            with open(os.path.join(root, "index." + name),
                      encoding="latin-1") as f:
                for line in f:
                    if line.startswith(" "):
                        continue
                    parts = line.split()
                    lemma = parts[0].replace("_", " ")
                    n_ptr = int(parts[3])
                    tagsense = int(parts[5 + n_ptr])
                    offs = parts[6 + n_ptr:]
                    self.index[p][lemma] = tagsense
                    for off in offs:
                        self.lemma_synsets[lemma].append((p, off))
            with open(os.path.join(root, name + ".exc"),
                      encoding="latin-1") as f:
                for line in f:
                    parts = line.split()
                    if len(parts) >= 2:
                        for lem in parts[1:]:
                            self.exc[p][parts[0].replace("_", " ")].append(
                                lem.replace("_", " "))
            with open(os.path.join(root, "data." + name),
                      encoding="latin-1") as f:
                for line in f:
                    if line.startswith(" "):
                        continue
                    parts = line.split()
                    off = parts[0]
                    wcnt = int(parts[3], 16)
                    words = []
                    for i in range(wcnt):
                        w = parts[4 + 2 * i].lower()
                        w = re.sub(r"\([a-z]+\)$", "", w).replace("_", " ")
                        words.append(w)
                    self.synsets[(p, off)] = words
                    k = 4 + 2 * wcnt
                    nptr = int(parts[k])
                    for i in range(nptr):
                        sym, toff, tpos, st = parts[k + 1 + 4 * i:
                                                    k + 5 + 4 * i]
                        if sym == "!":
                            src, dst = int(st[:2], 16), int(st[2:], 16)
                            self.antonyms.add((off, p, src, toff, dst))
        # resolve antonym pointers to word pairs
        ants = set()
        for off, p, src, toff, dst in self.antonyms:
            tp = p if p != "s" else "a"
            a = self.synsets.get((p, off))
            b = self.synsets.get((tp, toff)) or self.synsets.get(("a", toff))
            if not a or not b:
                continue
            sa = a if src == 0 else [a[src - 1]] if src <= len(a) else []
            sb = b if dst == 0 else [b[dst - 1]] if dst <= len(b) else []
            for x in sa:
                for y in sb:
                    ants.add((x, y))
                    ants.add((y, x))
        self.antonyms = ants

    def in_pos(self, w, p):
        return w in self.index[p]

    def pos_of(self, w):
        return {p for p in self.POS if w in self.index[p]}

    def synonyms(self, w, top=None):
        """Words sharing a synset with w; with top, only in the first `top`
        senses of each part of speech (WordNet lists senses by frequency)."""
        out = set()
        seen = collections.Counter()
        for key in self.lemma_synsets.get(w, ()):
            seen[key[0]] += 1
            if top is not None and seen[key[0]] > top:
                continue
            for x in self.synsets.get(key, ()):
                if x != w:
                    out.add(x)
        return out

    # morphy: (lemma, form type) analyses of an inflected word; type is
    # "pl" for nouns, "s"/"ed"/"ing" for verbs
    NOUN_RULES = [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"),
                  ("ches", "ch"), ("shes", "sh"), ("men", "man"),
                  ("ies", "y")]
    VERB_RULES = [("s", "", "s"), ("ies", "y", "s"), ("es", "e", "s"),
                  ("es", "", "s"), ("ed", "e", "ed"), ("ed", "", "ed"),
                  ("ing", "e", "ing"), ("ing", "", "ing")]

    def analyses(self, w, p):
        out = set()
        idx = self.index[p]
        if p == "n":
            for lem in self.exc["n"].get(w, ()):
                if lem in idx and lem != w:
                    out.add((lem, "pl"))
            for suf, rep in self.NOUN_RULES:
                if w.endswith(suf) and len(w) > len(suf) + 1:
                    lem = w[: -len(suf)] + rep
                    if lem in idx and lem != w:
                        out.add((lem, "pl"))
        elif p == "v":
            for lem in self.exc["v"].get(w, ()):
                if lem in idx and lem != w:
                    t = ("ing" if w.endswith("ing") else
                         "s" if w.endswith("s") and not w.endswith("ss")
                         else "ed")
                    out.add((lem, t))
            for suf, rep, t in self.VERB_RULES:
                if w.endswith(suf) and len(w) > len(suf) + 1:
                    lem = w[: -len(suf)] + rep
                    if lem in idx and lem != w:
                        out.add((lem, t))
                    # doubled final consonant: stopped -> stop
                    if (t in ("ed", "ing") and rep == "" and len(lem) > 2
                            and lem[-1] == lem[-2] and lem[:-1] in idx):
                        out.add((lem[:-1], t))
        return out

    def lemmas(self, w):
        out = {w}
        for p in ("n", "v", "a", "r"):
            if p in ("n", "v"):
                for lem, _ in self.analyses(w, p):
                    out.add(lem)
            for lem in self.exc[p].get(w, ()):
                out.add(lem)
        return out

    def tagsense(self, w, p):
        return self.index[p].get(w, 0)


# --------------------------------------------------------------- thesauri


def load_moby(path):
    syn = collections.defaultdict(set)
    with open_text(path) as f:
        for line in f:
            parts = [x.strip().lower() for x in line.rstrip("\n").split(",")]
            if len(parts) < 2:
                continue
            root = parts[0]
            for s in parts[1:]:
                if s and s != root:
                    syn[root].add(s)
    return syn


def load_mythes(path, top=None):
    """Plain synonyms only: items annotated (generic term), (similar term),
    (related term), (antonym) are left out.  With top, only the first `top`
    meanings of each entry."""
    syn = collections.defaultdict(set)
    with open(path, encoding="utf-8", errors="replace") as f:
        f.readline()  # encoding line
        word = None
        for line in f:
            line = line.rstrip("\n")
            if not line.startswith("("):
                word = line.split("|")[0].lower()
                nmean = 0
                continue
            nmean += 1
            if top is not None and nmean > top:
                continue
            for item in line.split("|")[1:]:
                item = item.strip()
                if not item or "(" in item:
                    continue
                item = item.lower()
                if item != word:
                    syn[word].add(item)
    return syn


# --------------------------------------------------------------------- LM


class LM:
    """Katz back-off trigram model from the TSV dump.  With a `vocab` set,
    bigrams and trigrams are kept only when all their words are in it."""

    def __init__(self, path, vocab):
        self.p = [None, {}, {}, {}]
        self.b = [None, {}, {}]
        with open_text(path) as f:
            for line in f:
                if line.startswith("#"):
                    continue
                order, lp, bo, words = line.rstrip("\n").split("\t")
                order = int(order)
                if order > 1 and vocab is not None:
                    ws = words.split(" ")
                    if any(w not in vocab for w in ws):
                        continue
                self.p[order][words] = float(lp)
                if order < 3 and bo:
                    self.b[order][words] = float(bo)
        self.unigram_rank = {}
        ranked = sorted(((lp, w) for w, lp in self.p[1].items()
                         if not w.startswith("<")), key=lambda x: (-x[0], x[1]))
        for i, (_, w) in enumerate(ranked):
            self.unigram_rank[w] = i

    def known(self, w):
        return w in self.p[1]

    def p1(self, w):
        return self.p[1].get(w, OOV_LOGP)

    def cond(self, w, h):
        h = h[-2:]
        if len(h) == 2:
            k = h[0] + " " + h[1] + " " + w
            if k in self.p[3]:
                return self.p[3][k]
            return self.b[2].get(h[0] + " " + h[1], 0.0) + self.cond(w, h[1:])
        if len(h) == 1:
            k = h[0] + " " + w
            if k in self.p[2]:
                return self.p[2][k]
            return self.b[1].get(h[0], 0.0) + self.p1(w)
        return self.p1(w)

    def phrase(self, words):
        lp = 0.0
        for i, w in enumerate(words):
            lp += self.cond(w, words[max(0, i - 2):i])
        return lp

    def min_junction(self, words):
        """Weakest association inside a phrase: min over i >= 2 of
        log10 P(w_i | w_<i) - log10 P(w_i); +inf for one word."""
        if len(words) < 2:
            return float("inf")
        return min(self.cond(words[i], words[max(0, i - 2):i]) -
                   self.p1(words[i]) for i in range(1, len(words)))


NUMWORDS = {"1": "one", "2": "two", "3": "three", "4": "four", "5": "five",
            "6": "six", "7": "seven", "8": "eight", "9": "nine",
            "10": "ten", "12": "twelve", "100": "hundred",
            "1000": "thousand"}


def lm_words(phrase):
    """Map a table phrase to LM vocabulary (spelled-out numbers); None when
    a token cannot be mapped."""
    out = []
    for w in phrase.split():
        if w in NUMWORDS:
            out.append(NUMWORDS[w])
        elif any(ch.isdigit() for ch in w):
            return None
        elif w.endswith("'s") and len(w) > 2:
            out.append(w[:-2])   # possessive: score the noun
        else:
            out.append(w)
    return out


# --------------------------------------------------------------- alignment


SENT_START_PUNCT = set('"\'(:—–-[“‘')


def name_flags(tokens):
    """True for tokens that look like (part of) a proper name: capitalised
    and not sentence-initial; nothing in title-case or all-caps lines."""
    alpha = [t for t in tokens if t[:1].isalpha()]
    caps = [t for t in alpha if t[:1].isupper()]
    if alpha and len(caps) >= 0.6 * len(alpha):
        return [False] * len(tokens)
    flags = []
    for i, t in enumerate(tokens):
        initial = i == 0 or tokens[i - 1] in SENT_START_PUNCT or \
            tokens[i - 1] in (".", "!", "?")
        flags.append(t[:1].isupper() and not initial and not (
            sum(ch.isalpha() for ch in t) >= 2 and t.isupper()))
    return flags


def lcs_anchor(b, a, match):
    """Monotone alignment of spun block b with original block a maximising
    the number of (b[j], a[i]) pairs with match(); returns pairs (j, i)."""
    m, n = len(b), len(a)
    dp = [[0] * (n + 1) for _ in range(m + 1)]
    for j in range(m - 1, -1, -1):
        for i in range(n - 1, -1, -1):
            best = max(dp[j + 1][i], dp[j][i + 1])
            if match(b[j], a[i]):
                best = max(best, 1 + dp[j + 1][i + 1])
            dp[j][i] = best
    out, j, i = [], 0, 0
    while j < m and i < n:
        if match(b[j], a[i]) and dp[j][i] == 1 + dp[j + 1][i + 1]:
            out.append((j, i))
            j += 1
            i += 1
        elif dp[j + 1][i] >= dp[j][i + 1]:
            j += 1
        else:
            i += 1
    return out


class Event:
    __slots__ = ("spun", "orig", "pid", "kind", "unit", "name", "span",
                 "alts", "cap")

    def __init__(self, spun, orig, pid, kind, unit, name, span, alts=None):
        self.spun, self.orig, self.pid, self.kind = spun, orig, pid, kind
        self.unit, self.name, self.span, self.alts = unit, name, span, alts
        self.cap = ()      # equal-length events: per word, capitalised
        #                    inside a sentence on both sides (name entries)


def extract(pair, match):
    """Substitution events of one aligned pair."""
    ot = tokenize(pair["original"])
    st = tokenize(pair["spun"])
    a = [t.lower() for t in ot]
    b = [t.lower() for t in st]
    aname = name_flags(ot)
    sname = name_flags(st)
    acaps = [t[:1].isupper() for t in ot] if any(aname) else [False] * len(ot)
    events = []
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        if op == "replace":
            bb, aa = b[j1:j2], a[i1:i2]
            if len(aa) > 1 and all(acaps[i1:i2]) and any(aname[i1:i2]):
                # a whole mangled name ("greenback common" for "Dollar
                # General"): one unit, never split into its words
                events.append(Event(tuple(bb), tuple(aa), pair["id"],
                                    pair["kind"], "phrase", True, (j1, j2)))
                if len(aa) == len(bb):
                    events[-1].cap = tuple(aname[i1 + k] and sname[j1 + k]
                                           for k in range(len(aa)))
                continue
            if len(bb) != len(aa) and len(bb) <= MAX_PHRASE + 1 and \
                    len(aa) <= MAX_PHRASE:
                # a short block of unequal length is one phrase
                # substitution ("turn out to be" -> "become", "in line with"
                # -> "according to"); cutting it at a synonym-looking word
                # pair would invent "turn" -> "become"
                events.append(Event(tuple(bb), tuple(aa), pair["id"],
                                    pair["kind"], "phrase",
                                    all(acaps[i1:i2]) and any(aname[i1:i2]),
                                    (j1, j2)))
                continue
            anchors = lcs_anchor(bb, aa, match)
            cuts = [(-1, -1)] + anchors + [(len(bb), len(aa))]
            for k in range(len(cuts) - 1):
                (pj, pi), (nj, ni) = cuts[k], cuts[k + 1]
                if k > 0 and bb[pj] != aa[pi]:
                    events.append(Event((bb[pj],), (aa[pi],), pair["id"],
                                        pair["kind"], "word",
                                        aname[i1 + pi], (j1 + pj, j1 + pj + 1)))
                    events[-1].cap = (aname[i1 + pi] and sname[j1 + pj],)
                gb, ga = bb[pj + 1:nj], aa[pi + 1:ni]
                if not gb and not ga:
                    continue
                gnames = aname[i1 + pi + 1:i1 + ni]
                span = (j1 + pj + 1, j1 + nj)
                if not gb or not ga:
                    # an insertion/deletion inside a replace block: anchor
                    # on the neighbouring matched word when there is one
                    continue
                if len(gb) == 1 and len(ga) == 1:
                    events.append(Event((gb[0],), (ga[0],), pair["id"],
                                        pair["kind"], "word", gnames[0],
                                        span))
                    events[-1].cap = (gnames[0] and sname[span[0]],)
                else:
                    # a gap the lexicon could not cut: a phrase unit (an
                    # equal-length gap is not split blindly word by word,
                    # "12 months" -> "a year" is not "months" -> "year")
                    events.append(Event(tuple(gb), tuple(ga), pair["id"],
                                        pair["kind"], "phrase",
                                        all(gnames), span))
        else:
            # pure insertion (in spun) or deletion (from original): one word
            # of shared context on the left or on the right as an anchor;
            # which one is decided later by which variant recurs more
            ins, dels = b[j1:j2], a[i1:i2]
            alts = []
            if j1 > 0 and i1 > 0 and is_wordlike(b[j1 - 1]):
                alts.append(((b[j1 - 1],) + tuple(ins),
                             (a[i1 - 1],) + tuple(dels), (j1 - 1, j2)))
            if j2 < len(b) and i2 < len(a) and is_wordlike(b[j2]):
                alts.append((tuple(ins) + (b[j2],),
                             tuple(dels) + (a[i2],), (j1, j2 + 1)))
            if alts:
                events.append(Event(alts[0][0], alts[0][1], pair["id"],
                                    pair["kind"], "anchored", False,
                                    alts[0][2], alts))
    return events, b, a


# ------------------------------------------------------ thesaurus prior


def thes_bin(srcs, gap, s_seen):
    """Weight bin of a thesaurus-only pair: how many thesauri list it,
    whether the training pairs show its spun word as an edit at all (then
    they also show what it stands for, and a pair they do not show is
    less likely), and how much more common (log10 unigram) the original
    is than the spun word."""
    g = 0
    while g < len(THES_GAPS) and gap >= THES_GAPS[g]:
        g += 1
    lo = "-inf" if g == 0 else "%.1f" % THES_GAPS[g - 1]
    return "%d thes%s, gap %s.." % (len(srcs), " s-seen" if s_seen else "",
                                    lo)


def thesaurus_rates(spin_pairs, rev_syn, thes_pair, wn):
    """P(edit to o | s in spun text) for thesaurus pairs no other article
    shows, per weight bin (thes_bin), from the training spin pairs.

    Each word s of the spun side (aligned word for word with difflib) is
    an occasion for every pair s -> o the thesaurus filter (thes_pair)
    passes, s and o taken at the lemma level; it is a hit when the
    aligned original word is a form of o.  Only pairs that no other
    article shows as an edit count (leave one article out): a table entry
    that rests on the thesaurus alone is a pair the training pairs never
    showed, and pairs seen elsewhere would inflate the rate.  Rates are
    smoothed toward the rate of all bins with the same number of thesauri
    and the same s-seen flag,
    and that toward the overall rate.  Returns ({bin: rate}, {bin: n},
    the set of lemmas the spun side shows edited)."""
    lem_cache = {}

    def lemmas(w):
        if w not in lem_cache:
            lem_cache[w] = wn.lemmas(w)
        return lem_cache[w]

    pair_cache = {}

    def feat(s, o):
        if (s, o) not in pair_cache:
            pair_cache[(s, o)] = thes_pair(s, o)
        return pair_cache[(s, o)]

    occasions = []       # (article, lemma pair, bin, hit)
    seen = collections.defaultdict(set)       # lemma pair -> articles
    seen_spun = collections.defaultdict(set)  # spun lemma -> articles
    for p in spin_pairs:
        art = str(p["id"]).rsplit("-", 1)[0]
        a = [t.lower() for t in tokenize(p["original"])]
        b = [t.lower() for t in tokenize(p["spun"])]
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(
                None, a, b, autojunk=False).get_opcodes():
            if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
                for k in range(j2 - j1):
                    s, t = b[j1 + k], a[i1 + k]
                    if not s.isalpha() or s in STOP:
                        continue
                    ls_set, lt_set = lemmas(s), lemmas(t)
                    if s != t:
                        for x in ls_set:
                            seen_spun[x].add(art)
                            for y in lt_set:
                                seen[(x, y)].add(art)
                    keys = set()
                    for ls in ls_set:
                        for lo in rev_syn.get(ls, ()):
                            if lo in ls_set:
                                continue
                            f = feat(ls, lo)
                            if f is not None:
                                keys.add((ls, lo, tuple(f[0]), f[1]))
                    for ls, lo, srcs, gap in sorted(keys):
                        occasions.append((art, (ls, lo), ls, srcs, gap,
                                          s != t and lo in lt_set))
    n = collections.Counter()
    c = collections.Counter()
    for art, pr, ls, srcs, gap, hit in occasions:
        if seen.get(pr, set()) - {art}:
            continue
        bn = thes_bin(srcs, gap, bool(seen_spun.get(ls, set()) - {art}))
        n[bn] += 1
        c[bn] += hit
    n_all, c_all = sum(n.values()), sum(c.values())
    r_all = (c_all + 1.0) / (n_all + 1000.0)
    by_k_n, by_k_c = collections.Counter(), collections.Counter()
    for bn in n:
        k = bn.split(",")[0]
        by_k_n[k] += n[bn]
        by_k_c[k] += c[bn]
    rates = {}
    for bn in n:
        k = bn.split(",")[0]
        r_k = (by_k_c[k] + THES_SMOOTH * r_all) / (by_k_n[k] + THES_SMOOTH)
        rates[bn] = (c[bn] + THES_SMOOTH * r_k) / (n[bn] + THES_SMOOTH)
    return rates, dict(n), set(seen_spun)


# ----------------------------------------------------------------- hand.tsv


def read_table(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 6:
                die("%s:%d: expected 6 tab-separated columns, got %d"
                    % (path, ln, len(parts)))
            spun, orig, w, infl, cls, src = parts
            try:
                w = float(w)
            except ValueError:
                die("%s:%d: bad weight %r" % (path, ln, w))
            if not (0 < w <= 1):
                die("%s:%d: weight must be in (0, 1]" % (path, ln))
            if infl not in ("n", "v", "nv", "-"):
                die("%s:%d: bad infl %r" % (path, ln, infl))
            if cls not in ("telltale", "ctx"):
                die("%s:%d: bad class %r" % (path, ln, cls))
            if spun != spun.lower() or orig != orig.lower():
                die("%s:%d: phrases must be lower case" % (path, ln))
            rows.append((" ".join(spun.split()), " ".join(orig.split()),
                         w, infl, cls, src, ln))
    return rows


# --------------------------------------------------------------------- main


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    shared = os.path.join(os.path.dirname(repo), "shared")
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", default=os.path.join(
        shared, "eval", "train-pairs.jsonl"))
    ap.add_argument("--hand", default=os.path.join(
        repo, "dicts", "en", "hand.tsv"))
    ap.add_argument("--moby", default=os.path.join(
        shared, "data", "thesaurus-moby", "moby_words.txt.gz"))
    ap.add_argument("--mythes", default="/usr/share/mythes/th_en_US_v2.dat")
    ap.add_argument("--wordnet", default="/usr/share/wordnet")
    ap.add_argument("--lm", default=os.path.join(
        shared, "data", "ngram-cmusphinx-en-us", "en-us.lm.3gram.tsv.gz"))
    ap.add_argument("--out", default=os.path.join(
        repo, "dicts", "en", "subst.tsv"))
    ap.add_argument("--exclude-articles", default="", metavar="IDS",
                    help="comma-separated article ids (the id prefix before "
                    "the last '-') whose pairs are left out: cross-validation")
    ap.add_argument("--max-lines", type=int, default=40000)
    ap.add_argument("--thesaurus-rates", action="store_true",
                    help="also print the measured rate at which thesaurus-"
                    "only pairs are edits, per bin (a weight study; the "
                    "table does not use it)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()

    def log(*a):
        if not args.quiet:
            print(*a)

    for what, path in (("training pairs", args.pairs),
                       ("Moby thesaurus", args.moby),
                       ("CMU Sphinx LM dump", args.lm)):
        if not os.path.exists(path):
            die("%s not found: %s\n  The inputs live in ../shared beside the "
                "repository; without them the table cannot be rebuilt (it is "
                "committed, so a fresh machine does not need to)." %
                (what, path))
    for what, path in (("mythes thesaurus (apt-get install mythes-en-us)",
                        args.mythes),
                       ("WordNet (apt-get install wordnet-base)",
                        os.path.join(args.wordnet, "index.noun")),
                       ("hand-written entries", args.hand)):
        if not os.path.exists(path):
            die("%s not found: %s" % (what, path))

    wn = WordNet(args.wordnet)
    moby = load_moby(args.moby)
    mythes = load_mythes(args.mythes)
    mythes_top = load_mythes(args.mythes, top=TOP_SENSES)
    hand_rows = read_table(args.hand)
    hand = {}
    for spun, orig, w, infl, cls, src, ln in hand_rows:
        if (spun, orig) in hand:
            die("%s:%d: duplicate entry %s -> %s" % (args.hand, ln, spun,
                                                    orig))
        hand[(spun, orig)] = (w, infl, cls, ln)

    wn_syn_cache = {}

    def wn_syn(w):
        if w not in wn_syn_cache:
            wn_syn_cache[w] = wn.synonyms(w)
        return wn_syn_cache[w]

    def thes_sources(s, o):
        """Thesauri that list s as a synonym of o (the spinner direction)."""
        out = []
        if s in moby.get(o, ()):
            out.append("moby")
        if s in mythes.get(o, ()):
            out.append("mythes")
        if s in wn_syn(o):
            out.append("wordnet")
        return out

    def thes_any(s, o):
        """Some thesaurus relates s and o, either direction, or their
        lemmas (used to accept single observations)."""
        if thes_sources(s, o) or thes_sources(o, s):
            return True
        if " " in s or " " in o:
            return False
        for ls in wn.lemmas(s):
            for lo in wn.lemmas(o):
                if (ls, lo) != (s, o) and ls != lo and (
                        thes_sources(ls, lo) or thes_sources(lo, ls)):
                    return True
        return False

    def thes_sources_top(s, o):
        """As thes_sources, WordNet/mythes restricted to o's main senses."""
        out = []
        if s in moby.get(o, ()):
            out.append("moby")
        if s in mythes_top.get(o, ()):
            out.append("mythes")
        if s in wn.synonyms(o, top=TOP_SENSES):
            out.append("wordnet")
        return out

    # ---------------------------------------------------- observed pairs
    pairs = []
    held_out = set(a for a in args.exclude_articles.split(",") if a)
    with open(args.pairs, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                p = json.loads(line)
                if str(p["id"]).rsplit("-", 1)[0] not in held_out:
                    pairs.append(p)
    spin_pairs = [p for p in pairs if p["kind"] == "spin"]
    mt_pairs = [p for p in pairs if p["kind"] == "mt"]

    # first pass: plain difflib blocks of equal length give a lexicon of
    # one-word substitutions used to anchor the second-level alignment
    first = collections.Counter()
    for p in spin_pairs:
        a = [t.lower() for t in tokenize(p["original"])]
        b = [t.lower() for t in tokenize(p["spun"])]
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(
                None, a, b, autojunk=False).get_opcodes():
            if op == "replace" and i2 - i1 == j2 - j1:
                for t in range(i2 - i1):
                    first[(b[j1 + t], a[i1 + t])] += 1
    lex = {k for k, v in first.items() if v >= 2 and is_wordlike(k[0])
           and is_wordlike(k[1]) and (thes_any(k[0], k[1]) or not (
               k[0] in STOP and k[1] in STOP))}
    lex |= set(hand)

    match_cache = {}

    def match(x, y):
        key = (x, y)
        if key not in match_cache:
            match_cache[key] = (x == y or key in lex or (
                is_wordlike(x) and is_wordlike(y) and thes_any(x, y)))
        return match_cache[key]

    def run(plist):
        evs, toks = [], []
        for p in plist:
            e, b, a = extract(p, match)
            evs.extend(e)
            toks.append((p["id"], b, a))
        # anchored insertions: take the anchor variant that recurs more
        votes = collections.Counter()
        for e in evs:
            if e.alts:
                for s, o, _ in e.alts:
                    votes[(s, o)] += 1
        for e in evs:
            if e.alts:
                best = max(e.alts, key=lambda x: (votes[(x[0], x[1])],
                                                  x is e.alts[-1]))
                e.spun, e.orig, e.span = best
        return evs, toks

    spin_events, spin_toks = run(spin_pairs)
    mt_events, _ = run(mt_pairs)

    # n(s): occurrences of every 1..4-gram in the spun side of spin pairs
    ngram_n = collections.Counter()
    for _, b, _ in spin_toks:
        for k in range(1, 5):
            for i in range(len(b) - k + 1):
                ngram_n[tuple(b[i:i + k])] += 1

    def reject_reason(s, o, ev_name=False):
        """Why an observed (spun, original) pair is not a table entry."""
        sw, ow = s.split(), o.split()
        if not sw or not ow:
            return "empty"
        if any(not is_wordlike(t) for t in sw + ow):
            if any(any(ch.isdigit() for ch in t) for t in sw + ow):
                return "number"
            return "punct"
        if len(sw) > MAX_PHRASE or len(ow) > MAX_PHRASE:
            # anchored insertions may carry one extra word of context
            return "long"
        if s == o:
            return "same"
        if spelling_key(s) == spelling_key(o):
            return "spelling"
        if expand_contractions(s) == expand_contractions(o):
            return "contraction"
        if (s, o) in ARTICLE_PAIRS:
            return "article"
        if (s, o) in EXCLUDE:
            return "excluded"
        if s in STOP and o in STOP and (s, o) not in hand:
            # function-word swaps (on -> at, with -> to): mostly side
            # effects of a neighbouring phrase edit; far too frequent in
            # clean text to be worth a table entry unless hand.tsv has them
            return "function-words"
        if len(sw) == 1 and len(ow) == 1:
            if wn.lemmas(s) & wn.lemmas(o) and not (s in STOP or o in STOP):
                return "inflection"
            if (s, o) in wn.antonyms:
                return "antonym"
        if ev_name:
            return "name"
        return None

    def collect(events, kindtag):
        agg = {}
        for e in events:
            s, o = " ".join(e.spun), " ".join(e.orig)
            name_phrase = e.name and len(e.spun) > 1 and len(e.orig) > 1
            r = reject_reason(s, o, ev_name=e.name and not name_phrase)
            rec = agg.setdefault((s, o), {"c": 0, "pids": set(),
                                          "clusters": set(), "reason": r,
                                          "name": name_phrase,
                                          "unit": e.unit})
            rec["c"] += 1
            rec["pids"].add(e.pid)
            rec["clusters"].add(e.pid.split("-")[0])
        return agg

    spin_agg = collect(spin_events, "train")
    mt_agg = collect(mt_events, "train-mt")

    # ---------------------------------------------------------- LM
    log("loading LM ...")
    lm = LM(args.lm, None)

    def lm_test(s, o):
        """(log10 P(spun), cohesion(spun), delta) for the telltale
        criterion, or None when a word is unknown to the LM."""
        sw, ow = lm_words(s), lm_words(o)
        if not sw or not ow or not all(lm.known(w) for w in sw + ow):
            return None
        ps, js = lm.phrase(sw), lm.min_junction(sw)
        if len(sw) == len(ow):
            ok = lm.phrase(ow) - ps >= TT_DELTA
        else:
            ok = lm.min_junction(ow) - js >= TT_JDIFF
        return (ps, js, ok)

    def lm_pass(t):
        return (t is not None and t[0] <= TT_ABS and t[1] <= TT_JUNCTION
                and t[2])

    def telltale_ok(s, o):
        return len(s.split()) >= 2 and lm_pass(lm_test(s, o))

    def infl_of(s, o):
        """infl column for a base-form pair: the WordNet POS (n, v) where
        both phrases are lemmas; a minor POS (tagged senses < 1/4 of the
        major one for the original) is dropped."""
        sw, ow = s.split(), o.split()
        if len(sw) > 1 or len(ow) > 1 or s in STOP or o in STOP:
            return "-"
        ps = [p for p in ("n", "v") if wn.in_pos(s, p) and wn.in_pos(o, p)]
        if len(ps) == 2:
            tn, tv = wn.tagsense(o, "n"), wn.tagsense(o, "v")
            if tn < tv / 4.0:
                ps = ["v"]
            elif tv < tn / 4.0:
                ps = ["n"]
        return "".join(ps) if ps else "-"

    def lemma_pair(s, o):
        """For an inflected one-word pair (stated -> said): the lemma pair
        and its POS, when both words are the same inflection of lemmas in
        the same POS; None otherwise."""
        if " " in s or " " in o:
            return None
        best = None
        for p in ("n", "v"):
            if wn.in_pos(s, p) and wn.in_pos(o, p):
                continue  # both already base forms in this POS
            for ls, ts in sorted(wn.analyses(s, p)):
                for lo, to in sorted(wn.analyses(o, p)):
                    if ts != to or ls == lo:
                        continue
                    score = wn.tagsense(lo, p) + wn.tagsense(ls, p) + 1
                    if best is None or score > best[0]:
                        best = (score, ls, lo, p)
        return best and best[1:]

    # spun-side lemma families for n of lemma pairs
    lemma_n = collections.Counter()
    for (w,), cnt in [(k, v) for k, v in ngram_n.items() if len(k) == 1]:
        if not is_wordlike(w):
            continue
        for p in ("n", "v"):
            fam = {lem for lem, _ in wn.analyses(w, p)}
            if wn.in_pos(w, p):
                fam.add(w)
            for lem in fam:
                lemma_n[(lem, p)] += cnt

    # ----------------------------------------------------- merge entries
    table = {}   # (s, o) -> dict(w, infl, cls, src set, c, n, note)

    def entry(s, o):
        if (s, o) not in table:
            table[(s, o)] = {"w": None, "infl": None, "cls": "ctx",
                             "src": set(), "c": 0, "n": 0, "cmt": 0,
                             "why": ""}
        return table[(s, o)]

    excluded = collections.Counter()
    excluded_examples = collections.defaultdict(list)
    name_single = collections.Counter()
    lemma_acc = collections.defaultdict(lambda: {"c": 0, "forms": set()})

    for (s, o), rec in sorted(spin_agg.items()):
        r = rec["reason"]
        c = rec["c"]
        if r is None and rec["name"]:
            # a whole mangled name ("greenback common" -> "dollar general"):
            # only when it recurs and the spun side is itself unidiomatic
            if c < 2:
                r = "name-once"
            elif not telltale_ok(s, o) and (s, o) not in hand:
                r = "name-ambiguous"
        # A pair seen once that no thesaurus or hand entry supports is kept
        # (at its smoothed, low weight): cross-validation by article gains
        # 6 right edits and no wrong one at bar 0.7 (reduction 0.228 ->
        # 0.235, precision 0.765 -> 0.768), and held-out articles repeat
        # such pairs a third of the time.
        if r is None and rec["unit"] == "anchored" and c < 3 and \
                (s, o) not in hand:
            r = "anchored-once"
        if r:
            excluded[r] += c
            if r == "name" and len(s.split()) == 1:
                name_single[(s, o)] += c
            if len(excluded_examples[r]) < 12:
                excluded_examples[r].append("%s->%s(%d)" % (s, o, c))
            continue
        n = max(ngram_n[tuple(s.split())], c)
        e = entry(s, o)
        e["c"], e["n"] = c, n
        e["src"].add("train:%d" % c)
        lp = lemma_pair(s, o)
        if lp:
            ls, lo, p = lp
            acc = lemma_acc[(ls, lo, p)]
            acc["c"] += c
            acc["forms"].add((s, o))
            e["infl"] = "-"
        else:
            e["infl"] = infl_of(s, o)
            if e["infl"] != "-" and len(s.split()) == 1:
                p0 = e["infl"][0]
                acc = lemma_acc[(s, o, p0)]
                acc["c"] += c
                acc["forms"].add((s, o))

    # lemma pairs of inflected observations (state -> say, infl v)
    for (ls, lo, p), acc in sorted(lemma_acc.items()):
        if (ls, lo) in table and table[(ls, lo)]["infl"] not in ("-", None) \
                and p in table[(ls, lo)]["infl"]:
            e = table[(ls, lo)]
            if acc["c"] > e["c"]:
                e["c"] = acc["c"]
                e["n"] = max(lemma_n[(ls, p)], acc["c"])
                e["src"] = {"train:%d" % acc["c"]}
            continue
        if reject_reason(ls, lo):
            continue
        if (ls, lo) in table:
            e = table[(ls, lo)]
            if e["infl"] == "-":
                e["infl"] = p
            continue
        e = entry(ls, lo)
        e["c"] = acc["c"]
        e["n"] = max(lemma_n[(ls, p)], acc["c"])
        e["infl"] = p
        e["src"].add("train:%d" % acc["c"])
        e["why"] = "lemma"

    # weights of observed entries.  n is at least the number of times s
    # would occur by chance in this much text (LM unigram/phrase probability
    # times the number of spun tokens): with only ~10k spun tokens a common
    # word ("because", "man") seen once as an edit is not evidence that it
    # is usually an edit
    n_spun_tokens = sum(len(b) for _, b, _ in spin_toks)
    for (s, o), e in table.items():
        sw = lm_words(s)
        if sw and all(lm.known(w) for w in sw):
            e["n"] = max(e["n"], n_spun_tokens * 10.0 ** lm.phrase(sw))
        if (s, o) in hand:
            prior = hand[(s, o)][0]
        else:
            prior = PRIOR_THES if thes_any(s, o) else PRIOR_NONE
            # a spun word much more common than its original is a priori
            # rarely a spinner's stand-in for it (tornado -> twister)
            sw, ow = lm_words(s), lm_words(o)
            if sw and ow and all(lm.known(w) for w in sw + ow):
                gap = (sum(lm.p1(w) for w in ow) -
                       sum(lm.p1(w) for w in sw))
                prior *= min(1.0, 10.0 ** gap)
        e["w"] = min(W_CAP, (e["c"] + K_SMOOTH * prior) / (e["n"] + K_SMOOTH))
        if e["why"] == "lemma" and e["infl"] in ("n", "v"):
            # a lemma pair generalises from inflected forms to the bare
            # lemma, which is often another part of speech ("state" the
            # noun vs "stated"): scale by the share of the spun word's
            # WordNet tagged senses that are in the pair's part of speech
            p = e["infl"]
            tot = sum(wn.tagsense(s, q) for q in ("n", "v", "a", "r"))
            if tot > 0:
                e["w"] *= max(0.1, wn.tagsense(s, p) / float(tot))

    # mt pairs: only literal-translation artifacts or confirmations
    mt_added = 0
    mt_confirmed = 0
    for (s, o), rec in sorted(mt_agg.items()):
        if rec["reason"] or rec["name"]:
            continue
        c = rec["c"]
        if (s, o) in table or (s, o) in hand:
            entry(s, o)["src"].add("train-mt:%d" % c)
            entry(s, o)["cmt"] = c
            mt_confirmed += 1
        elif rec["unit"] == "phrase" and c >= 2 and telltale_ok(s, o):
            e = entry(s, o)
            e["src"].add("train-mt:%d" % c)
            e["cmt"] = c
            e["w"] = min(W_CAP, (c + K_SMOOTH * PRIOR_NONE) / (c + K_SMOOTH))
            e["infl"] = "-"
            mt_added += 1

    # hand entries
    tt_demoted = []
    for (s, o), (w, infl, cls, ln) in sorted(hand.items()):
        e = entry(s, o)
        e["src"].add("hand")
        e["infl"] = infl
        if e["w"] is None:
            e["w"] = w
        e["hand_cls"] = cls

    # classes
    for (s, o), e in table.items():
        hc = e.get("hand_cls")
        sw = s.split()
        if len(sw) == 1:
            tok = sw[0]
            if hc == "telltale" and (any(ch.isdigit() for ch in tok) or (
                    not lm.known(tok) and not wn.pos_of(tok))):
                e["cls"] = "telltale"
            else:
                e["cls"] = "ctx"
                if hc == "telltale":
                    tt_demoted.append((s, o, "single word"))
            continue
        t = lm_test(s, o)
        observed_ok = e["c"] >= 2 or e["cmt"] >= 1 or hc is not None
        if hc == "ctx":
            e["cls"] = "ctx"
        elif t is None:
            # not scorable (digits / unknown words): the hand decision
            # stands; observed-only entries stay ctx
            e["cls"] = "telltale" if hc == "telltale" else "ctx"
        elif lm_pass(t) and observed_ok:
            e["cls"] = "telltale"
        else:
            e["cls"] = "ctx"
            if hc == "telltale":
                tt_demoted.append((s, o, "LM: log10 P %.2f, weakest "
                                   "junction %.2f, original more natural "
                                   "%s" % t))

    if os.environ.get("BUILD_DICT_DEBUG"):
        for (s, o), e in sorted(table.items()):
            if len(s.split()) > 1:
                t = lm_test(s, o)
                print("LMTEST", s, "->", o, e["c"], e["cls"],
                      "n/a" if t is None else "%.2f %.2f %s" % t)

    # ------------------------------------------------ thesaurus candidates
    common = [w for w, r in lm.unigram_rank.items() if r < TOP_VOCAB]
    common = sorted(w for w in common
                    if w.isalpha() and w not in STOP and wn.pos_of(w))
    observed_pairs = {k for k, e in table.items() if e["c"] > 0}

    def thes_pair(s, o):
        """The thesaurus filter for one-word s -> o (o a common word):
        (supporting thesauri, log10 unigram gap P(o)/P(s)) or None."""
        if s == o or s in STOP or not re.fullmatch(r"[a-z]+", s):
            return None
        if not lm.known(s):
            return None
        lo, ls = lm.p1(o), lm.p1(s)
        if ls > lo + 0.3:       # s clearly more common than o
            return None
        if o.startswith(s) or s.startswith(o) or \
                len(os.path.commonprefix([s, o])) >= 5:
            return None     # abbreviations and derivations (dec/december)
        if "n" in infl_of(s, o) and any(
                s.endswith(x) and not o.endswith(x) and
                4 * wn.tagsense(s, "n") < max(
                    wn.tagsense(lem, "v")
                    for lem, _ in wn.analyses(s, "v"))
                for x in ("ing", "ed") if wn.analyses(s, "v")):
            return None     # a noun pair whose spun word is far more
            #                 often a verb's -ing/-ed ("freeing" ->
            #                 "release": noun 0 tagged senses, verb 8)
        # a part of speech both share, in which o is a common word in
        # its own right (>= TAG_MIN tagged senses in WordNet's corpus)
        shared = wn.pos_of(s) & wn.pos_of(o)
        if not any(wn.tagsense(o, p) >= TAG_MIN for p in shared):
            return None
        srcs = thes_sources_top(s, o)
        if not srcs:
            return None
        if reject_reason(s, o):
            return None
        return srcs, lo - ls

    # one-word thesaurus synonyms of each common word, from its main
    # senses, and the reverse index (spun word -> originals)
    syn_of = {}
    rev_syn = collections.defaultdict(set)
    for o in common:
        syns = sorted(x for x in (set(moby.get(o, ())) |
                                  set(mythes_top.get(o, ())) |
                                  wn.synonyms(o, top=TOP_SENSES))
                      if x != o and re.fullmatch(r"[a-z]+", x))
        syn_of[o] = syns
        for s in syns:
            rev_syn[s].add(o)

    if args.thesaurus_rates:
        thes_rate, thes_n, _ = thesaurus_rates(spin_pairs, rev_syn,
                                               thes_pair, wn)
        print("thesaurus-only pairs: P(edit to o | s in spun text) by bin,"
              " leave one article out (occasions):")
        for b in sorted(thes_rate):
            print("  %-28s %.4f  (%d)" % (b, thes_rate[b], thes_n[b]))

    cands = {}
    for o in common:
        for s in syn_of[o]:
            if (s, o) in table:
                continue
            f = thes_pair(s, o)
            if f is None:
                continue
            srcs, gap = f
            obs = (s, o) in observed_pairs
            if len(srcs) < MIN_THES and not obs:
                continue
            w = 0.01 * len(srcs) + (0.01 if gap >= 1.0 else 0.0)
            cands[(s, o)] = (w, srcs, lm.p1(o))

    room = args.max_lines - len(table)
    ranked = sorted(cands.items(),
                    key=lambda kv: (-len(kv[1][1]), -kv[1][2], kv[0]))
    thes_dropped = max(0, len(ranked) - room)
    for (s, o), (w, srcs, _) in ranked[:max(0, room)]:
        e = entry(s, o)
        e["w"] = w
        e["infl"] = infl_of(s, o)
        e["src"] = set(srcs)
        e["cls"] = "ctx"
        e["why"] = "thesaurus"

    # thesaurus support also noted on observed/hand entries
    for (s, o), e in table.items():
        if e["why"] == "thesaurus":
            continue
        for src in thes_sources(s, o):
            e["src"].add(src)

    # ------------------------------------------------------ name entries
    # one-word substitutions inside names and titles (Attorney Common,
    # the Home voted): capitalised and not sentence-initial on both
    # sides.  n = occurrences of the spun word so written on the spun side
    # of the spin pairs.
    name_n = collections.Counter()
    for p in spin_pairs:
        st = tokenize(p["spun"])
        for t, f in zip(st, name_flags(st)):
            if f:
                name_n[t.lower()] += 1
    name_obs = {}
    for e in spin_events:
        # the words of a one-word event or of a whole mangled name
        # ("greenback common" -> "dollar general")
        for s, o, cap in zip(e.spun, e.orig, e.cap):
            if not cap or s == o or reject_reason(s, o):
                continue
            rec = name_obs.setdefault((s, o), {"c": 0, "arts": set()})
            rec["c"] += 1
            rec["arts"].add(e.pid.rsplit("-", 1)[0])

    def bare(w):
        return w[:-2] if w.endswith("'s") else w

    # Every observed pair is kept, as observed pairs are (see NAME ENTRIES
    # below: requiring a second article or a thesaurus loses more than it
    # saves).  The prior is the observed pairs' without the frequency gap,
    # which says how a writer chooses between common words, not names.
    names = {}
    for (s, o), rec in sorted(name_obs.items()):
        thes = thes_any(bare(s), bare(o))
        c = rec["c"]
        n = max(name_n[s], c)
        prior = PRIOR_THES if thes else PRIOR_NONE
        w = min(W_CAP, (c + K_SMOOTH * prior) / (n + K_SMOOTH))
        names[(s, o)] = {"w": w, "src": {"train:%d" % c} | set(
            thes_sources(bare(s), bare(o)))}

    # ------------------------------------------------------------ output
    order = {"train": 0, "train-mt": 1, "hand": 2, "moby": 3, "mythes": 4,
             "wordnet": 5}

    def src_str(srcs):
        return "+".join(sorted(srcs, key=lambda x: (order[x.split(":")[0]],
                                                    x)))

    rows = []
    for (s, o) in table:
        e = table[(s, o)]
        rows.append((s, o, e["cls"], "\t".join(
            [s, o, fmt_w(e["w"]), e["infl"] or "-", e["cls"],
             src_str(e["src"])])))
    for (s, o), e in names.items():
        rows.append((s, o, "name", "\t".join(
            [s, o, fmt_w(e["w"]), "-", "name", src_str(e["src"])])))
    lines = [r[3] for r in sorted(rows)]
    header = [
        "# unspin substitution table: spun<TAB>original<TAB>weight<TAB>"
        "infl<TAB>class<TAB>source",
        "# GENERATED by tools/build-dict.py from the training pairs (counts "
        "only), dicts/en/hand.tsv,",
        "# Moby Thesaurus II + OpenOffice thesaurus, mythes-en-us, WordNet "
        "3.0 and the CMU Sphinx",
        "# en-us LM.  Do not edit: change hand.tsv or the script and run "
        "`make dicts`.  Notices: dicts/SOURCES.md",
    ]
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(header + lines) + "\n")
    os.replace(tmp, args.out)

    # ------------------------------------------------------------ report
    per_src = collections.Counter()
    per_any = collections.Counter()
    for (s, o), e in table.items():
        kinds = {x.split(":")[0] for x in e["src"]}
        if "train" in kinds and "hand" in kinds:
            prim = "train+hand"
        elif "train" in kinds:
            prim = "train"
        elif "hand" in kinds:
            prim = "hand"
        elif "train-mt" in kinds:
            prim = "train-mt"
        else:
            prim = "thesaurus"
        per_src[(prim, e["cls"])] += 1
        for k in kinds:
            per_any[k] += 1
    log("wrote %s: %d entries, %d of them name entries" % (
        args.out, len(table) + len(names), len(names)))
    if names:
        log("  name entries: " + ", ".join(
            "%s->%s %.3f (%d in %d articles)" % (
                s, o, e["w"], name_obs[(s, o)]["c"],
                len(name_obs[(s, o)]["arts"]))
            for (s, o), e in sorted(names.items(),
                                    key=lambda kv: (-kv[1]["w"], kv[0]))))
    log("  %-34s %7s %7s %7s" % ("primary source", "ctx", "telltale",
                                 "total"))
    for prim in ("train+hand", "train", "train-mt", "hand", "thesaurus"):
        c1, c2 = per_src[(prim, "ctx")], per_src[(prim, "telltale")]
        log("  %-34s %7d %7d %7d" % (prim, c1, c2, c1 + c2))
    t1 = sum(v for k, v in per_src.items() if k[1] == "ctx")
    t2 = sum(v for k, v in per_src.items() if k[1] == "telltale")
    log("  %-34s %7d %7d %7d" % ("all", t1, t2, t1 + t2))
    log("  lines naming each source: " + ", ".join(
        "%s %d" % (k, per_any[k]) for k in ("train", "train-mt", "hand",
                                            "moby", "mythes", "wordnet")))
    log("  mt entries added %d, mt confirmations %d" % (mt_added,
                                                       mt_confirmed))
    log("  thesaurus candidates %d, dropped by the line cap %d"
        % (len(cands), thes_dropped))
    log("excluded observed substitution events by reason:")
    for r, v in excluded.most_common():
        log("  %-18s %5d  e.g. %s" % (r, v, ", ".join(
            excluded_examples[r][:6])))
    if name_single:
        log("single-word name fragments (kept as name entries only):")
        log("  " + ", ".join("%s->%s(%d)" % (s, o, c) for (s, o), c in
                             name_single.most_common(15)))
    for s, o, why in tt_demoted:
        log("hand telltale demoted to ctx: %s -> %s (%s)" % (s, o, why))

    # self-check on the training pairs only
    # (1) recall: share of observed spin substitution events whose
    #     (spun -> original) the table covers, directly or through the
    #     inflections of a lemma pair
    def covered(s, o):
        if (s, o) in table:
            return True
        lp = lemma_pair(s, o)
        if lp and (lp[0], lp[1]) in table:
            infl = table[(lp[0], lp[1])]["infl"]
            return lp[2] in infl
        return False

    tot = cov = tot_w = cov_w = 0
    for e in spin_events:
        s, o = " ".join(e.spun), " ".join(e.orig)
        r = reject_reason(s, o)
        if r in ("punct", "number", "same", "empty"):
            continue
        tot += 1
        cov += covered(s, o)
        if len(e.spun) == 1 and len(e.orig) == 1:
            tot_w += 1
            cov_w += covered(s, o)
    if os.environ.get("BUILD_DICT_DEBUG"):
        miss = collections.Counter()
        for e in spin_events:
            s_, o_ = " ".join(e.spun), " ".join(e.orig)
            if reject_reason(s_, o_) not in ("punct", "number", "same",
                                             "empty") and not covered(s_, o_):
                miss[(s_, o_)] += 1
        print("UNCOVERED", ", ".join("%s->%s(%d)" % (a, b, c) for (a, b), c
                                     in miss.most_common(80)))
    log("self-check (train spin pairs): table covers %d/%d substitution "
        "events (%.1f%%); one-word events %d/%d (%.1f%%)"
        % (cov, tot, 100.0 * cov / max(1, tot), cov_w, tot_w,
           100.0 * cov_w / max(1, tot_w)))
    # (2) telltales occurring unedited in train text
    edited = collections.defaultdict(set)
    for e in spin_events:
        for j in range(e.span[0], e.span[1]):
            edited[e.pid].add(j)
    orig_grams = collections.Counter()
    spun_unedited = collections.Counter()
    for p in pairs:
        a = [t.lower() for t in tokenize(p["original"])]
        for k in range(1, 5):
            for i in range(len(a) - k + 1):
                orig_grams[tuple(a[i:i + k])] += 1
    for pid, b, _ in spin_toks:
        for k in range(1, 5):
            for i in range(len(b) - k + 1):
                if not any(j in edited[pid] for j in range(i, i + k)):
                    spun_unedited[tuple(b[i:i + k])] += 1
    tts = sorted(k for k, e in table.items() if e["cls"] == "telltale")
    bad = []
    for s, o in tts:
        g = tuple(s.split())
        if orig_grams[g] or spun_unedited[g]:
            bad.append("%s(orig %d, spun-unedited %d)" % (
                s, orig_grams[g], spun_unedited[g]))
    log("self-check: %d telltales; spun side found unedited in train text: "
        "%d%s" % (len(tts), len(bad), (": " + ", ".join(bad)) if bad else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
