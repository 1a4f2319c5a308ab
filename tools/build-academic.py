#!/usr/bin/env python3
"""Build the academic pack from the Problematic Paper Screener fingerprints.

usage: tools/build-academic.py [--shared DIR] [--out .]

Reads the two exports of the PPS "tortured phrases" list in
SHARED/data/tortured-phrases-pps/ (see SOURCE.md there):

  pps_tortured_phrases_hahuyhoang411.csv   the PPS queries as written:
      "a b", "a" AND "b", "a" NOT "b", "a b"~N, ( .. OR .. ), word*
  pps_tortured_phrases_torturedcheck.json  one pair per phrase, queries
      split apart (so some "tortured" sides are the guards' normal terms)

and writes
  dicts/academic/tortured.tsv     unguarded fingerprints: telltales
  rules/academic/tortured.rules   guarded fingerprints: the query's AND /
                                  NOT / proximity terms as with / without /
                                  near conditions, each with a fires and a
                                  quiet example
  dicts/academic/REPORT.md        what was read, kept and dropped, and why

A fingerprint whose tortured side is ordinary English (an attested
collocation in the CMU Sphinx en-us trigram model, the one dicts/en/model.bin
is built from) is not a telltale on its own: it is kept only under the
screener's own guard, or under a guard we add (the document must also use
the correct term, as the screener does for "profound learning").  Python 3
standard library only.
"""
import argparse
import csv
import gzip
import hashlib
import json
import math
import os
import re
import sys
from collections import OrderedDict, defaultdict

PPS = "data/tortured-phrases-pps"
LM = "data/ngram-cmusphinx-en-us/en-us.lm.3gram.tsv.gz"
# Other evidence that a phrase is ordinary English: the most frequent
# Google Books n-grams, and clean news text (never the eval set).
GBOOKS = ["data/gbooks-ngram-top/%dgrams_english.csv" % n for n in (2, 3, 4)]
NEWS = ["data/news-gum-wikinews/gum_wikinews_news_interviews.txt"] + \
    ["data/news-onestopenglish/onestopenglish_%s.txt.gz" % k
     for k in ("adv", "ele", "int")]

# Expected sides that are an explanation rather than a phrase, fixed by
# hand.  "area unit" and "square measure" are what a thesaurus makes of the
# verb "are" (the unit of area); the screener pairs them in one query.
HAND_EXPECTED = {
    "area unit": "are",
    "associate in nursing": "an",
}

# A phrase is ordinary English when the model stores it as a whole (a
# bigram or trigram; a longer one as trigrams each at least this probable),
# when it is among the top Google Books n-grams, or when clean news text
# uses it ...
COLLOCATION_LOGP = -2.5
# ... or when the phrase is a single word this common (log10 unigram).
COMMON_WORD_LOGP = -5.0
# Guard wildcards (optimiz*) become the most frequent model words with the
# prefix, at most this many.
WILDCARD_MAX = 12

# --- the screener's query language -----------------------------------------

TOKEN = re.compile(r'"([^"]*)"(?:~(\d+))?|\(|\)|[^\s()"]+')


def lex(query):
    """Tokens: ('Q', text, slop) for quoted terms, ('W', word), ('OP', x)."""
    out = []
    for m in TOKEN.finditer(query):
        t = m.group(0)
        if m.group(1) is not None:
            out.append(("Q", m.group(1), int(m.group(2) or 0)))
        elif t in ("AND", "OR", "NOT", "(", ")"):
            out.append(("OP", t))
        else:
            out.append(("W", t))
    return out


def parse_query(query):
    """A query as (core terms, conditions).

    core: list of (phrase, slop), alternatives (top-level OR before the
    first AND or NOT).  conditions: list of (op, [(phrase, slop), ...]) with
    op AND or NOT, the list being alternatives.  Raises ValueError."""
    toks = lex(query)
    clauses = []  # (op, [terms])
    op, terms, i, words = None, [], 0, []

    def flush_words():
        if words:
            terms.append((" ".join(words), 0))
            del words[:]

    while i < len(toks):
        t = toks[i]
        if t[0] == "Q":
            flush_words()
            terms.append((t[1], t[2]))
        elif t[0] == "W":
            words.append(t[1])
        elif t[1] == "(":
            flush_words()
            j = i + 1
            while j < len(toks) and toks[j] != ("OP", ")"):
                if toks[j][0] == "Q":
                    terms.append((toks[j][1], toks[j][2]))
                elif toks[j][0] == "W":
                    terms.append((toks[j][1], 0))
                elif toks[j][1] != "OR":
                    raise ValueError("nested operator in parentheses")
                j += 1
            if j == len(toks):
                raise ValueError("unbalanced parentheses")
            i = j
        elif t[1] == "OR":
            flush_words()
        elif t[1] in ("AND", "NOT"):
            flush_words()
            if not terms:
                raise ValueError("operator without a term")
            clauses.append((op, terms))
            op, terms = t[1], []
        else:
            raise ValueError("unexpected ')'")
        i += 1
    flush_words()
    if not terms:
        raise ValueError("empty clause")
    clauses.append((op, terms))
    return clauses[0][1], clauses[1:]


# --- normalisation -----------------------------------------------------------


def norm(s):
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", s.strip()).lower()


def words_of(s):
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", norm(s))


def smart_case(s):
    """The replacement as the table stores it: lower case, except words
    with a capital after the first letter (acronyms, IoT, ReLU), which keep
    theirs; unspin then gives it the case pattern of the text it replaces."""
    out = []
    for w in re.split(r"(\s+)", s.strip()):
        letters = [c for c in w if c.isalpha()]
        if sum(1 for c in letters[1:] if c.isupper()) >= 1:
            out.append(w)
        else:
            out.append(w.lower())
    return re.sub(r"\s+", " ", "".join(out))


def clean_expected(tortured, expected):
    """(replacement, None) or (None, reason)."""
    t = norm(tortured)
    if t in HAND_EXPECTED:
        return HAND_EXPECTED[t], None
    e = expected.strip()
    e = re.split(r",?\s*see https?://|\s*\(note:", e, flags=re.I)[0].strip()
    if "http" in e or "found in" in e.lower() or re.search("[\u2018\u2019]", e) \
            or e.endswith("("):
        return None, "expected side is a note, not a phrase"
    # "x (?)" or "x?": the curators doubt the correction, not the
    # fingerprint; keep x.  Only "???" and the like give nothing to propose.
    e = re.sub(r"\s*\(\?+\)|\s*\?+$", "", e).strip()
    if "?" in e or not re.search(r"[A-Za-z]", e):
        return None, "no correct phrase given (?)"
    if "[...]" in e or "[\u2026]" in e:
        return None, "expected side leaves words out ([...])"
    e = re.sub(r"\s*\[[^\]]*\]\s*", " ", e).strip()  # [context] words
    if re.search(r"\bAND\b", e):
        return None, "expected side is a query, not a phrase"
    if "/" in e and "/" not in t:
        return None, "expected side offers alternatives (a/b)"
    if "," in e and "," not in t:
        return None, "expected side is a list of terms"
    # a parenthesis the tortured side lacks is a gloss, not text to insert
    if "(" not in t:
        e = re.sub(r"\s*\([^)]*\)", "", e).strip()
    elif re.search(r"\([^)]*\)$", t) and not re.search(r"\([^)]*\)", e):
        e = e + " " + re.search(r"\([^)]*\)$", tortured.strip()).group(0)
    e = re.sub(r"\s+", " ", e).strip(" .;:")
    if not e:
        return None, "expected side is empty"
    if norm(e) == t:
        return None, "expected side equals the tortured side"
    if re.search(r"[|\[\]]|^[!*@]|\s[!*@]", e):
        return None, "characters the rule format cannot carry"
    return smart_case(e), None


def phrase_ok(p):
    """A phrase the rules format can hold as the bracketed words."""
    return p and not re.search(r"[|\[\]\"]|(^|\s)[!*@<]", p) and \
        len(p.split()) <= 8


# --- the language model ---------------------------------------------------


class Model:
    """The explicitly stored n-grams the checks need, read in one pass."""

    def __init__(self, path, phrases, prefixes):
        self.uni = {}
        self.grams = {}
        want2, want3 = set(), set()
        for p in phrases:
            w = p.split()
            for k in range(1, len(w)):
                want2.add(" ".join(w[k - 1:k + 1]))
                if k >= 2:
                    want3.add(" ".join(w[k - 2:k + 1]))
        self.prefix_words = defaultdict(list)
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                order, lp, _bo, gram = line.rstrip("\n").split("\t")
                if order == "1":
                    self.uni[gram] = float(lp)
                    for pre in prefixes:
                        if gram.startswith(pre):
                            self.prefix_words[pre].append((float(lp), gram))
                elif (order == "2" and gram in want2) or \
                        (order == "3" and gram in want3):
                    self.grams[gram] = float(lp)

    def attested(self, phrase):
        """The lowest conditional log10 probability among the phrase's
        bigrams (two words) or trigrams (more), when the model stores every
        one of them explicitly; None otherwise.  A phrase the model has seen
        as a whole, often enough, is a collocation of ordinary English."""
        w = phrase.split()
        k = 2 if len(w) == 2 else 3
        worst = None
        for i in range(len(w) - k + 1):
            g = " ".join(w[i:i + k])
            if g not in self.grams:
                return None
            worst = self.grams[g] if worst is None else min(worst,
                                                            self.grams[g])
        return worst

    def is_common(self, phrase):
        w = phrase.split()
        if phrase in self.seen:
            return True
        if len(w) == 1:
            return self.uni.get(w[0], -99) > COMMON_WORD_LOGP
        c = self.attested(phrase)
        return c is not None and (len(w) <= 3 or c > COLLOCATION_LOGP)

    def read_text(self, shared, phrases):
        """Note which phrases the Google Books lists and the news text
        contain."""
        want = set(phrases)
        self.seen = set()
        for rel in GBOOKS:
            with open(os.path.join(shared, rel), encoding="utf-8") as f:
                for line in f:
                    g = " ".join(words_of(line.rsplit(",", 1)[0]))
                    if g in want:
                        self.seen.add(g)
        first = defaultdict(set)
        for p in want:
            w = p.split()
            first[w[0]].add(len(w))
        for rel in NEWS:
            path = os.path.join(shared, rel)
            op = gzip.open if path.endswith(".gz") else open
            with op(path, "rt", encoding="utf-8") as f:
                for line in f:
                    w = words_of(line)
                    for i, x in enumerate(w):
                        for n in first.get(x, ()):
                            g = " ".join(w[i:i + n])
                            if g in want:
                                self.seen.add(g)

    def expand(self, prefix):
        ws = sorted(self.prefix_words.get(prefix, []), reverse=True)
        return [g for _, g in ws[:WILDCARD_MAX]]


# --- building --------------------------------------------------------------


class Fingerprint:
    def __init__(self, core, expected, source, query=None):
        self.core = core          # normalised tortured phrase
        self.expected = expected  # replacement as stored
        self.source = source      # "pps-csv", "pps-json"
        self.query = query        # the screener's query, when guarded
        self.guards = []          # (kind, near, [phrases])
        self.added_guard = False  # a guard we added (common English)


def rule_id(core):
    return "ACADEMIC-TP-" + hashlib.sha1(core.encode()).hexdigest()[:8].upper()


def guard_phrases(terms, model):
    """Alternatives of a condition as normalised phrases (wildcards
    expanded), or raise ValueError."""
    out = []
    for text, _slop in terms:
        p = norm(text)
        if p.endswith("*"):
            exp = model.expand(p[:-1])
            if not exp:
                raise ValueError("wildcard '%s' matches no word" % p)
            out.extend(exp)
        else:
            if not p or "|" in p:
                raise ValueError("empty or odd guard phrase")
            out.append(p)
    return out


def from_query(query, expected, model, report):
    """Fingerprints from one CSV row (one per core alternative)."""
    core_terms, conds = parse_query(query)
    out = []
    for text, slop in core_terms:
        core = norm(text)
        guards = []
        exp_src = expected
        if slop:
            # "t g"~N: the tortured words t with the correct term g (the
            # expected phrase, or an acronym) within N words of them
            w = text.split()
            exp_words = norm(re.sub(r"\([^)]*\)|\[[^\]]*\]", "",
                                    expected)).split()
            split = None
            for k in range(1, len(w)):
                tail = w[k:]
                if [x.lower() for x in tail] == exp_words[-len(tail):] and \
                        len(tail) == len(exp_words):
                    split = k
                    break
                if len(tail) == 1 and tail[0].isupper() and len(tail[0]) > 1:
                    split = k
                    break
            if split is None:
                # no correct term inside: the exact phrase is the
                # fingerprint (the sloppy match's tightest case)
                report["proximity read as exact phrase"] += 1
            else:
                core = norm(" ".join(w[:split]))
                guards.append(("near", slop, [norm(" ".join(w[split:]))]))
        for op, terms in conds:
            near_terms = [(t, s) for t, s in terms if s]
            if op == "AND" and near_terms and len(terms) == 1 and \
                    norm(near_terms[0][0]).startswith(core + " "):
                rest = norm(near_terms[0][0])[len(core) + 1:]
                guards.append(("near", near_terms[0][1], [rest]))
                continue
            guards.append(("with" if op == "AND" else "without", 0,
                           guard_phrases(terms, model)))
        # a near guard implies a with guard on the same phrases
        nears = [set(g[2]) for g in guards if g[0] == "near"]
        guards = [g for g in guards if not (
            g[0] == "with" and any(set(g[2]) <= n for n in nears))]
        fp = Fingerprint(core, None, "pps-csv", query)
        fp.guards = guards
        fp.raw_expected = exp_src
        out.append(fp)
    return out


def build(shared, outdir):
    src = os.path.join(shared, PPS)
    report = defaultdict(int)
    dropped = []  # (reason, tortured, expected)

    def drop(reason, tortured, expected):
        dropped.append((reason, tortured, expected))

    with open(os.path.join(src, "pps_tortured_phrases_hahuyhoang411.csv"),
              newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with open(os.path.join(src, "pps_tortured_phrases_torturedcheck.json"),
              encoding="utf-8") as f:
        pairs = json.load(f)["phrases"]
    report["read: csv rows"] = len(rows)
    report["read: json pairs"] = len(pairs)

    # every phrase the checks may ask the model about, and wildcards
    phrases, prefixes = set(), set()
    for r in rows:
        for t in lex(r["tortured_phrase"]):
            if t[0] == "Q":
                phrases.add(norm(t[1]))
            elif t[0] == "W" and t[1].endswith("*"):
                prefixes.add(norm(t[1])[:-1])
        for t in re.findall(r'"([^"]*)\*"', r["tortured_phrase"]):
            prefixes.add(norm(t))
    for p in pairs:
        phrases.add(norm(p["tortured"]))
        phrases.add(norm(p["correct"]))
    wphrases = [" ".join(words_of(p)) for p in phrases]
    model = Model(os.path.join(shared, LM), wphrases, prefixes)
    model.read_text(shared, [p for p in wphrases if p])

    # 1. the CSV: the queries as the screener runs them
    fps = OrderedDict()     # core -> Fingerprint
    guard_terms = set()     # every phrase that is some query's guard
    correct_terms = set()   # every correct side
    for r in rows:
        q = r["tortured_phrase"]
        try:
            got = from_query(q, r["expected_phrase"], model, report)
        except ValueError as e:
            drop("query not understood (%s)" % e, q, r["expected_phrase"])
            continue
        for fp in got:
            for kind, _n, ps in fp.guards:
                guard_terms.update(ps)
            exp, why = clean_expected(fp.core, fp.raw_expected)
            if why:
                drop(why, q, r["expected_phrase"])
                continue
            correct_terms.add(norm(exp))
            fp.expected = exp
            if not phrase_ok(fp.core):
                drop("characters the rule format cannot carry", q, exp)
            elif fp.core in fps:
                old = fps[fp.core]
                if not fp.guards and old.guards:
                    drop("duplicate (a guarded query keeps it)", q, exp)
                elif fp.guards and not old.guards:
                    fps[fp.core] = fp  # the guarded query wins
                    drop("duplicate (a guarded query keeps it)",
                         old.query or old.core, old.expected)
                else:
                    drop("duplicate within the csv", q, exp)
            else:
                fps[fp.core] = fp

    # 2. the JSON: pairs; the exporter split queries, so a tortured side
    # that is some query's guard, or a correct term, is no fingerprint
    for p in pairs:
        t, c = norm(p["tortured"]), p["correct"]
        if t in fps:
            report["json pairs also in the csv"] += 1
            continue
        if t in guard_terms:
            drop("a guard term of a screener query (split by the exporter)",
                 t, c)
            continue
        if t in correct_terms:
            drop("tortured side is a correct term of another pair", t, c)
            continue
        exp, why = clean_expected(t, c)
        if why:
            drop(why, t, c)
            continue
        if not phrase_ok(t):
            drop("characters the rule format cannot carry", t, c)
            continue
        fps[t] = Fingerprint(t, exp, "pps-json")

    # 3. ordinary English on its own: keep under a guard, or drop
    for core in list(fps):
        fp = fps[core]
        w = " ".join(words_of(core))
        if not w:
            drop("no words", core, fp.expected)
            del fps[core]
            continue
        if fp.guards or not model.is_common(w):
            continue
        exp_w = " ".join(words_of(fp.expected))
        if len(w.split()) >= 2 and (len(exp_w.split()) >= 2 or
                                    not model.is_common(exp_w)):
            # the screener's own device: the document must use the
            # correct term too
            fp.guards.append(("with", 0, [norm(fp.expected)]))
            fp.added_guard = True
            report["common English: kept under a 'with' guard we added"] += 1
        else:
            drop("tortured side is ordinary English (a common word, or a "
                 "collocation whose correct term is a common word)",
                 core, fp.expected)
            del fps[core]

    write_outputs(outdir, fps, dropped, report)


# --- examples for the rules -------------------------------------------------

FILLER = ("as the authors of the earlier survey pointed out in their own "
          "words many years ago in a long and careful discussion of the "
          "matter at hand for the field").split()


def sub_all(text, core, repl):
    """text with every whole-word occurrence of core replaced (what the
    rule does when it fires: the examples' expected text)."""
    pat = r"(?<![\w-])" + re.escape(core) + r"(?![\w-])"
    return re.sub(pat, lambda m: repl, text)


def examples(fp):
    """(fires text, expected, quiet text) for a guarded fingerprint."""
    withs = [g for g in fp.guards if g[0] == "with"]
    nears = [g for g in fp.guards if g[0] == "near"]
    withouts = [g for g in fp.guards if g[0] == "without"]
    head = "In this work we examine %s closely" % fp.core
    near_part = "".join(" with %s" % g[2][0] for g in nears)
    with_part = "".join("; see also %s" % g[2][0] for g in withs)
    fires = head + near_part + with_part + "."
    expected = sub_all(fires, fp.core, fp.expected)
    if withs:
        quiet = head + near_part + "".join(
            "; see also %s" % g[2][0] for g in withs[1:]) + "."
    elif nears:
        g = nears[0]
        far = " ".join((FILLER * (g[1] // len(FILLER) + 2))[:g[1] + 1])
        quiet = head + " " + far + " " + g[2][0] + "."
    else:
        quiet = fires[:-1] + "; see also %s." % withouts[0][2][0]
    return fires, expected, quiet


def write_outputs(outdir, fps, dropped, report):
    table = [fp for fp in fps.values() if not fp.guards]
    rules = [fp for fp in fps.values() if fp.guards]
    os.makedirs(os.path.join(outdir, "dicts/academic"), exist_ok=True)
    os.makedirs(os.path.join(outdir, "rules/academic"), exist_ok=True)
    gen = "generated by tools/build-academic.py (make academic); do not edit"
    with open(os.path.join(outdir, "dicts/academic/tortured.tsv"), "w",
              encoding="utf-8") as f:
        f.write("# Tortured phrases of the Problematic Paper Screener "
                "(G. Cabanac, C. Labb\u00e9, A. Magazinov),\n# unguarded "
                "ones: telltales.  %s.\n# See dicts/SOURCES.md.\n" % gen)
        for fp in sorted(table, key=lambda x: x.core):
            f.write("%s\t%s\t1.0\t-\ttelltale\t%s\n" %
                    (fp.core, fp.expected, fp.source))
    with open(os.path.join(outdir, "rules/academic/tortured.rules"), "w",
              encoding="utf-8") as f:
        f.write("# Guarded tortured phrases of the Problematic Paper "
                "Screener (G. Cabanac,\n# C. Labb\u00e9, A. Magazinov): "
                "the query's AND / NOT / proximity terms as with /\n"
                "# without / near conditions.  %s.\n# See "
                "dicts/SOURCES.md and rules/en/README.md.\n" % gen)
        for fp in sorted(rules, key=lambda x: x.core):
            fires, expected, quiet = examples(fp)
            why = ("screener query: %s" % fp.query if fp.query and
                   not fp.added_guard else
                   "ordinary English alone; guarded by the correct term")
            f.write("\nrule %s\n" % rule_id(fp.core))
            f.write("  message  tortured phrase for '%s' (%s)\n" %
                    (fp.expected, why.replace("\n", " ")))
            f.write("  pattern  [ %s ]\n" % fp.core)
            f.write("  replace  %s\n" % fp.expected)
            f.write("  confidence 1\n")
            for kind, n, ps in fp.guards:
                f.write("  %s%s %s\n" % (kind.ljust(8),
                                        (" %d" % n) if kind == "near" else "",
                                        "|".join(ps)))
            f.write("  fires    %s => %s\n" % (fires, expected))
            f.write("  quiet    %s\n" % quiet)
    reasons = defaultdict(list)
    for why, t, e in dropped:
        reasons[why].append((t, e))
    kinds = defaultdict(int)
    for fp in rules:
        for g in fp.guards:
            kinds[g[0]] += 1
    with open(os.path.join(outdir, "dicts/academic/REPORT.md"), "w",
              encoding="utf-8") as f:
        f.write("# academic pack: what was read, kept and dropped\n\n"
                "%s.\n\n" % gen.capitalize())
        f.write("| | count |\n|---|---|\n")
        for k in sorted(report):
            f.write("| %s | %d |\n" % (k, report[k]))
        f.write("| kept: telltales (`dicts/academic/tortured.tsv`) | %d |\n"
                % len(table))
        f.write("| kept: guarded rules (`rules/academic/tortured.rules`) "
                "| %d |\n" % len(rules))
        for k in ("with", "without", "near"):
            f.write("| guards: %s | %d |\n" % (k, kinds[k]))
        f.write("| dropped | %d |\n\n" % len(dropped))
        total = len(table) + len(rules) + len(dropped)
        rows = report["read: csv rows"]
        json_new = report["read: json pairs"] - \
            report["json pairs also in the csv"]
        f.write("Fingerprints: %d csv rows, + %d from rows whose tortured "
                "side has OR alternatives (one fingerprint each), + %d json "
                "pairs not in the csv = %d = %d kept + %d dropped.\n\n" %
                (rows, total - rows - json_new, json_new, total,
                 len(table) + len(rules), len(dropped)))
        f.write("## Dropped, by reason\n\n")
        for why in sorted(reasons, key=lambda w: -len(reasons[w])):
            f.write("### %s (%d)\n\n" % (why, len(reasons[why])))
            for t, e in reasons[why]:
                f.write("- `%s` -> `%s`\n" % (t.replace("`", "'"),
                                             e.replace("`", "'")))
            f.write("\n")
    print("academic: %d telltales, %d guarded rules, %d dropped" %
          (len(table), len(rules), len(dropped)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--out", default=".")
    a = ap.parse_args()
    build(a.shared, a.out)


if __name__ == "__main__":
    sys.exit(main())
