#!/usr/bin/env python3
"""Write test documents that place every fingerprint of the academic pack
in a sentence, and what unspin must make of them.

usage: cases.py DATADIR OUTDIR

OUTDIR/telltales.txt   every entry of dicts/academic/tortured.tsv, one
                       sentence per line, from a few templates
OUTDIR/rules-N.txt     every rule of rules/academic/*.rules by its first
                       'fires' example (guards hold inside the sentence);
                       rules with a 'without' guard get a document of their
                       own when another example names the excluded phrase
OUTDIR/expected        the corrected text of all documents, in the order
                       of OUTDIR/files (one name a line)
"""
import glob
import os
import re
import sys

# Our own sentences; {} is the fingerprint, in lower case as the table has
# it.  One sentence per line: matches never cross a line.
TEMPLATES = [
    "The second section reviews {} in some detail.",
    "Earlier reports of {} relied on smaller samples.",
    "We compare {} against three baselines below.",
    "Table 2 lists the settings used for {} in each run.",
    "Reviewers asked how {} was measured.",
]


def rules_of(path):
    """(id, [without phrases], fires text, expected, core) per rule."""
    out, cur = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"rule (\S+)", line)
            if m:
                cur = [m.group(1), [], None, None, None]
                out.append(cur)
                continue
            m = re.match(r"\s+(\S+)\s+(.*)", line.rstrip("\n"))
            if not m or cur is None:
                continue
            k, v = m.groups()
            if k == "without":
                cur[1].extend(v.split("|"))
            elif k == "pattern":
                cur[4] = v.strip("[] ").lower()
            elif k == "fires" and cur[2] is None:
                cur[2], cur[3] = v.split(" => ", 1)
    return out


def main():
    data, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    docs = []  # (name, text lines, expected lines)
    lines, exp = [], []
    n = 0
    with open(os.path.join(data, "dicts/academic/tortured.tsv"),
              encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            spun, orig = line.rstrip("\n").split("\t")[:2]
            t = TEMPLATES[n % len(TEMPLATES)]
            lines.append(t.format(spun))
            exp.append(t.format(orig))
            n += 1
    docs.append(("telltales.txt", lines, exp))
    rules = []
    for path in sorted(glob.glob(os.path.join(data, "rules/academic/*.rules"))):
        rules.extend(rules_of(path))
    # a rule whose example names another rule's fingerprint, or excludes
    # a phrase some other example names, gets a document of its own: the
    # guards look at the whole document
    cores = set(r[4] for r in rules)

    def others(r):
        w = re.findall(r"\S+", r[2].lower().rstrip("."))
        for i in range(len(w)):
            for j in range(i + 1, min(len(w), i + 8) + 1):
                g = " ".join(w[i:j]).rstrip(";,")
                if g in cores and g != r[4]:
                    return True
        return False
    alone = [r for r in rules if others(r)]
    shared = [r for r in rules if not others(r)]
    body = " ".join(r[2].lower() for r in shared)
    alone += [r for r in shared if any(p in body for p in r[1])]
    shared = [r for r in shared if r not in alone]
    docs.append(("rules-0.txt", [r[2] for r in shared], [r[3] for r in shared]))
    for k, r in enumerate(alone):
        docs.append(("rules-%d.txt" % (k + 1), [r[2]], [r[3]]))
    with open(os.path.join(out, "files"), "w") as fl, \
            open(os.path.join(out, "expected"), "w", encoding="utf-8") as fe:
        for name, text, expected in docs:
            with open(os.path.join(out, name), "w", encoding="utf-8") as f:
                f.write("\n".join(text) + "\n")
            fe.write("\n".join(expected) + "\n")
            fl.write(name + "\n")
    print("%d telltales, %d rules in %d documents" % (n, len(rules), len(docs)))


if __name__ == "__main__":
    main()
