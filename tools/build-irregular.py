#!/usr/bin/env python3
"""Build dicts/en/irregular.tsv from WordNet's exception lists.

usage: build-irregular.py [-v] [--noun FILE] [--verb FILE]
                          [WORDNET_DIR [OUTPUT]]

WORDNET_DIR holds noun.exc and verb.exc (default /usr/share/wordnet, from
Debian's wordnet-base); OUTPUT defaults to dicts/en/irregular.tsv, '-' is
standard output.  -v reports the choices made on standard error.

WordNet's noun.exc and verb.exc map inflected words to lemmas ("took take")
for lemmatising; unspin needs the other direction, one form per (lemma,
form), so this script turns them around:

  - verb.exc does not say which form a word is.  It is decided by shape:
    -ing is the present participle; has/is/does/goes and doubled -sses/-zzes
    are 3rd person singular; of the rest, one form is both past and past
    participle (say -> said) unless it looks like a participle (show ->
    shown, the past then being regular), and of two forms the -en/-n/-ne
    one (or the -u- one of begin/began/begun) is the participle.
  - noun.exc is a list for lemmatising, so it holds variants (commandoes,
    zeroes), archaic forms (brethren, kine) and slips (cry -> crying).  A
    plural is kept only when it follows a known irregular pattern (knife ->
    knives, alumnus -> alumni, analysis -> analyses, ...), and the -oes
    plurals only for the words that take -oes in American English.
  - Forms that American English spells otherwise (travelled, learnt) or no
    longer uses (wrought, clad) are dropped, so the regular rules give the
    American form, which is what the en_US hunspell dictionary accepts.
    The lists of such lemmas below were drawn up once by checking every
    entry against en_US hunspell; the script itself reads only WordNet.
  - A few entries WordNet does not need but a generator does are added by
    hand: verbs whose past is the lemma (put, cut), come/run (participle
    = lemma), be, verbs in -o taking -s (photos), nouns whose plural is the
    lemma (sheep, series) and -man nouns taking -mans (human), the rule
    making -men.
  - Only what the rules of src/inflect.c get wrong is written, so this
    file mirrors those rules (regular_* below); keep the two in step.
    Past and past participle are both written for every irregular verb.

Output lines are lemma<TAB>form<TAB>word, sorted by lemma, then in the
order plural, 3sg, past, pastpart, ing; the same input gives the same
output.  Standard library only.
"""

import argparse
import os
import re
import sys
import tempfile

FORMS = ("plural", "3sg", "past", "pastpart", "ing")

# Plain lowercase ASCII words, with apostrophes and hyphens; everything else
# in the lists (phrases with '_', abbreviations with '.') is skipped.
WORD = re.compile(r"^[a-z][a-z'-]*$")

VOWELS = "aeiou"
DOUBLING = "bdgklmnprstvz"  # final consonants that double (stop, quiz)


# --- the regular rules: a mirror of src/inflect.c ---------------------------

def is_consonant(w, i):
    """w[i] is an ASCII consonant letter; the u of qu counts as one."""
    c = w[i]
    if c == "u" and i > 0 and w[i - 1] == "q":
        return True
    return "a" <= c <= "z" and c not in VOWELS


def ends_consonant_y(w):
    return len(w) >= 2 and w[-1] == "y" and is_consonant(w, len(w) - 2)


def ends_sibilant(w):
    return w.endswith(("s", "x", "z", "ch", "sh"))


def doubles_final(w):
    """A one-syllable word ending consonant, single vowel, consonant.  In a
    compound the last part counts (co-star -> co-starred)."""
    w = w[w.rfind("-") + 1:]
    n = len(w)
    if n < 2 or w[-1] not in DOUBLING or w[-2] not in VOWELS:
        return False
    for i in range(n - 2):
        if (w[i] == "y" and i > 0) or not is_consonant(w, i):
            return False  # y after the first letter is a vowel: hyphen
    return True


def regular_plural(w):
    if w.endswith("man"):
        return w[:-3] + "men"
    if ends_sibilant(w):
        return w + "es"
    if ends_consonant_y(w):
        return w[:-1] + "ies"
    return w + "s"


def regular_3sg(w):
    if ends_sibilant(w) or (len(w) >= 2 and w[-1] == "o"
                            and is_consonant(w, len(w) - 2)):
        return w + "es"
    if ends_consonant_y(w):
        return w[:-1] + "ies"
    return w + "s"


def regular_past(w):
    if w.endswith("e"):
        return w + "d"
    if ends_consonant_y(w):
        return w[:-1] + "ied"
    if doubles_final(w):
        return w + w[-1] + "ed"
    return w + "ed"


def regular_ing(w):
    if w.endswith("ie"):
        return w[:-2] + "ying"
    if (w.endswith("e") and not w.endswith(("ee", "ye", "oe"))
            and any(c in VOWELS or (c == "y" and i > 0)
                    for i, c in enumerate(w[:-1]))):
        return w[:-1] + "ing"
    if doubles_final(w):
        return w + w[-1] + "ing"
    return w + "ing"


def doubled_past_letter(lemma, past):
    """The letter added before -ed in a listed past (admit -> admitted: t,
    panic -> panicked: k), or None."""
    if (past is None or len(past) != len(lemma) + 3
            or not past.startswith(lemma) or not past.endswith("ed")):
        return None
    x = past[len(lemma)]
    if x == lemma[-1] or (lemma[-1] == "c" and x == "k"):
        return x
    return None


def rule_form(table, lemma, form):
    """What src/inflect.c makes of (lemma, form) given the table."""
    got = table.get((lemma, form))
    if got is not None:
        return got
    past = table.get((lemma, "past"))
    x = doubled_past_letter(lemma, past)
    if form == "plural":
        return regular_plural(lemma)
    if form == "3sg":
        if x is not None and x in "sz":
            return lemma + x + "es"
        return regular_3sg(lemma)
    if form == "past":
        return regular_past(lemma)
    if form == "pastpart":
        return past if past is not None else regular_past(lemma)
    if x is not None:
        return lemma + x + "ing"
    return regular_ing(lemma)


# --- verbs -------------------------------------------------------------------

# Lemmas whose verb.exc entries are not used: archaic or British forms
# (work -> wrought, learn -> learnt, worship -> worshipped), forms the en_US
# hunspell dictionary rejects while accepting the regular one (sawn, mown),
# and junk (bog-down, squeegee -> squilgee).  The regular rules give the
# standard American forms.
REGULAR_VERBS = {
    "abide", "aby", "address", "arc", "bayonet", "begird", "bename", "benefit",
    "bias", "bless", "bog-down", "burn", "bypass", "chide", "chivy", "clepe",
    "clothe", "combat", "coopt", "curse", "deepfreeze", "dive", "dow", "dream",
    "facet", "geld", "gen-up", "gild", "gird", "gnaw", "heave", "hew",
    "hiccup", "inweave", "ladify", "lean", "leap", "learn", "may", "melt",
    "misspell", "mow", "overflow", "overpass", "oversew", "overspill",
    "pasquinade", "plead", "prologue", "reave", "reeve", "ricochet", "saw",
    "shend", "shew", "shit", "shrive", "skydive", "smell", "sneak", "spell",
    "spill", "spoil", "squeegee", "stave", "strow", "thrive", "torrefy",
    "transfix", "transship", "unclothe", "undergird", "unlearn", "unreeve",
    "upheave", "whipsaw", "work", "worship",
}

# Single verb.exc words that are variants where the lemma has other, good
# entries, or that the rules spell in the American way (taxiing).
BLOCKED_VERB_FORMS = {
    "interpled", "mispled", "outbidden", "overbidden", "ski'd", "spitted",
    "stilettoeing", "taxying", "water-ski'd",
}

# Multi-syllable verbs ending vowel + l whose final syllable is stressed:
# these double the l in American English too (compelled, controlled).  For
# the others WordNet's doubled forms are British (travelled); American
# English keeps one l, which the regular rules produce.
DOUBLE_L = {
    "annul", "appal", "cabal", "compel", "control", "corral", "decontrol",
    "disannul", "disenthral", "dispel", "distil", "enrol", "enthral",
    "excel", "expel", "extol", "fulfil", "impel", "instil", "marcel",
    "patrol", "propel", "rappel", "rebel", "repel",
}

# Lemmas whose listed forms include archaic ones the shape rules would
# pick (bade, slidden): lemma -> (past, pastpart).
VERB_OVERRIDES = {
    "backslide": ("backslid", "backslid"),
    "bear": ("bore", "borne"),
    "beget": ("begot", "begotten"),
    "bestride": ("bestrode", "bestridden"),
    "cleave": ("clove", "cloven"),
    "forbid": ("forbade", "forbidden"),
    "shrink": ("shrank", "shrunk"),
    "sink": ("sank", "sunk"),
    "slide": ("slid", "slid"),
    "smite": ("smote", "smitten"),
    "spit": ("spat", "spat"),
}

# Verbs whose past and past participle are the lemma itself.  WordNet lists
# no exception for them (a lemmatiser needs none); a generator does.  Their
# compounds listed with a doubled -ing only (beset, undercut) go the same
# way.
UNCHANGED_PAST = (
    "bet bid broadcast burst cast cost cut fit forecast hit hurt let offset "
    "outbid overbid put quit read recast reset rid set shed shut slit split "
    "spread sublet telecast thrust typeset undercut upset"
).split()

# Verbs whose past is the lemma but whose participle differs (from WordNet).
UNCHANGED_PAST_ONLY = ("beat", "browbeat")

# Verbs whose participle is the lemma: came/come, ran/run.
PASTPART_IS_LEMMA = {
    "become", "come", "forerun", "misbecome", "outrun", "overcome",
    "overrun", "rerun", "run",
}

# Verbs in consonant + o that take -s, not -es (the rule: goes, echoes,
# vetoes), by the en_US hunspell dictionary.
VERB_OS = (
    "bunco demo disco ditto halo kayo lasso mambo photo solo tallyho tango"
).split()

THIRD_SG = {"has": "have", "is": "be", "does": "do", "goes": "go"}


def looks_participle(word, lemma, single):
    """taken, shown, torn, done, gone: the shape of a past participle.  A
    lone -ne form is a past as well (shine -> shone)."""
    if not single and word.endswith(("ne", "en", "wn", "rn", "ain")):
        return True
    return word.endswith("n") and not lemma.endswith("n")


def ablaut_participle(words):
    """Of began/begun, sang/sung: the -u- form, when there is such a pair."""
    for w in words:
        for v in words:
            if v != w and len(v) == len(w) and [
                    (a, b) for a, b in zip(w, v) if a != b] == [("u", "a")]:
                return w
    return None


def doubled_ing_letter(lemma, ing):
    """As doubled_past_letter, for a listed -ing form."""
    if ing is None or len(ing) != len(lemma) + 4:
        return None
    return doubled_past_letter(lemma, ing[:-3] + "ed")


def classify_verb(lemma, words, notes):
    """Map the candidate words of one lemma to {form: word}."""
    out = {}
    rest = []
    for w in sorted(set(words)):
        if w.endswith("ing"):
            if "ing" in out:
                notes.append("%s: several -ing forms, kept %s" %
                             (lemma, out["ing"]))
                continue
            out["ing"] = w
        elif THIRD_SG.get(w) == lemma or (
                lemma[-1] in "sz" and w == lemma + lemma[-1] + "es"):
            out["3sg"] = w
        elif lemma == "be":
            if w == "was":
                out["past"] = w
            elif w == "been":
                out["pastpart"] = w
        elif w.endswith("s"):
            continue  # popes, swops: variants, not 3rd person forms
        else:
            rest.append(w)
    if lemma in VERB_OVERRIDES:
        out["past"], out["pastpart"] = VERB_OVERRIDES[lemma]
        return out
    if lemma == "be":
        return out
    reg = regular_past(lemma)
    if reg in rest:
        # The regular past is listed too (grip: gripped, gript), so the
        # others are variants; keep only a participle-shaped one (saw:
        # sawed, sawn).
        rest = [w for w in rest
                if w != reg and looks_participle(w, lemma, True)]
        if len(rest) == 1:
            out["pastpart"] = rest[0]
        return out
    if not rest:
        x = doubled_ing_letter(lemma, out.get("ing"))
        if x is not None and any(
                lemma.endswith(v) and lemma != v for v in UNCHANGED_PAST):
            # beset, undercut: compounds of set and cut keep the lemma
            out["past"] = out["pastpart"] = lemma
        elif x is not None:
            # Only the -ing form is listed (bulldogging); the past doubles
            # the same way.
            out["past"] = out["pastpart"] = lemma + x + "ed"
        return out
    if len(rest) == 1:
        w = rest[0]
        if lemma in PASTPART_IS_LEMMA:
            out["past"], out["pastpart"] = w, lemma
        elif lemma in UNCHANGED_PAST_ONLY:
            out["past"], out["pastpart"] = lemma, w
        elif looks_participle(w, lemma, True):
            out["pastpart"] = w
        else:
            out["past"] = out["pastpart"] = w
        return out
    pp = ablaut_participle(rest)
    if pp is None:
        shaped = [w for w in rest if looks_participle(w, lemma, False)]
        if len(shaped) == 1:
            pp = shaped[0]
    past = [w for w in rest if w != pp]
    if pp is None or len(past) != 1:
        notes.append("%s: cannot tell %s apart, skipped" %
                     (lemma, "/".join(rest)))
        return out
    out["past"], out["pastpart"] = past[0], pp
    return out


def keep_verb_word(word, lemma):
    if word == lemma or word in BLOCKED_VERB_FORMS:
        return False
    if word.count("-") != lemma.count("-"):
        return False  # co-ordinated for coordinate: a spelling variant
    stem = lemma[:-2] if lemma.endswith("ie") else lemma[:-1]
    if (word.endswith("ing") or (word.endswith("ed") and len(word) >
                                 len(lemma))) and not word.startswith(stem):
        return False  # chivy -> chevied, honey -> honied: variants
    if (lemma.endswith("l") and word.startswith(lemma + "l")
            and lemma not in DOUBLE_L and not doubles_final(lemma)):
        return False  # travelled, travelling: British
    return True


def verb_entries(pairs, notes):
    by_lemma = {}
    for word, lemma in pairs:
        if lemma in REGULAR_VERBS or not keep_verb_word(word, lemma):
            continue
        by_lemma.setdefault(lemma, []).append(word)
    table = {}
    for lemma in sorted(by_lemma):
        for form, word in classify_verb(lemma, by_lemma[lemma],
                                        notes).items():
            table[(lemma, form)] = word
    for lemma in UNCHANGED_PAST:
        for key in ((lemma, "past"), (lemma, "pastpart")):
            table[key] = lemma
    for lemma in UNCHANGED_PAST_ONLY:
        table[(lemma, "past")] = lemma
    for lemma in VERB_OS:
        table[(lemma, "3sg")] = lemma + "s"
    table[("be", "3sg")] = "is"
    return table


# --- nouns -------------------------------------------------------------------

# -oes plurals of American English; for other -o nouns noun.exc's -oes
# forms are variants (zeroes, ghettoes) and the regular -os is standard.
OES = {
    "antihero", "buffalo", "cargo", "desperado", "domino", "echo", "embargo",
    "go", "grotto", "hero", "mosquito", "motto", "no", "potato",
    "superhero", "tomato", "tornado", "torpedo", "veto", "volcano",
}

# Nouns whose noun.exc plural is not used, so the regular rules apply:
# most of them because the en_US hunspell dictionary (Debian hunspell-en-us
# 2020.12.07) accepts the regular plural but not WordNet's (stadiums, not
# stadia; cameras, not camerae); the rest because WordNet's is archaic or
# wrong for the common sense (brethren, beeves, cola for colon, genii).
REGULAR_NOUNS = {
    "abacus", "abscissa", "acanthus", "acetabulum", "acicula", "acromion",
    "actinia", "agora", "alluvium", "alula", "amnion", "amphioxus",
    "amphisbaena", "amygdala", "antheridium", "antiserum", "antrum", "aorta",
    "apex", "apomixis", "aqua", "aquarium", "arboretum", "areola", "arista",
    "astragalus", "auditorium", "aura", "auricula", "aurora", "automaton",
    "beef", "behoof", "bibliotheca", "blastula", "brother", "bulla", "byssus",
    "caesura", "calamus", "callus", "calyx", "cambium", "camera", "carina",
    "caudex", "cercaria", "cerebellum", "chalaza", "chela", "chiasmus",
    "choragus", "cicada", "clepsydra", "clostridium", "clypeus", "coagulum",
    "colloquium", "collyrium", "colon", "coma", "concha", "conferva",
    "conjunctiva", "convolvulus", "copula", "cornea", "corona", "cranium",
    "cutis", "cyma", "cymatium", "decennium", "delphinium", "discus", "dorsum",
    "drachma", "drosophila", "dwarf", "echidna", "elytron", "emporium",
    "enchiridion", "encomium", "endocardium", "enteron", "epicalyx", "etymon",
    "famulus", "fascia", "fauna", "fenestella", "fenestra", "feria", "fistula",
    "flora", "focus", "formula", "fornix", "forum", "fossa", "fovea",
    "frustum", "fucus", "fulcrum", "furcula", "gastrula", "genius",
    "ginglymus", "glossa", "gymnasium", "gynoecium", "gyrus", "hernia",
    "hippopotamus", "honorarium", "hydra", "ibex", "ichthyosaurus", "incubus",
    "interregnum", "intima", "isthmus", "lamia", "latex", "lepton", "lex",
    "limbus", "lingua", "lunula", "macula", "mantis", "manubrium", "mausoleum",
    "media", "medulla", "memorandum", "metencephalon", "moratorium", "mucosa",
    "myelencephalon", "nasopharynx", "natatorium", "naumachia", "nautilus",
    "nidus", "noctiluca", "novena", "nucellus", "octopus", "omentum",
    "operculum", "organon", "oxymoron", "pappus", "patina", "pelvis", "penis",
    "pentahedron", "peridium", "peritoneum", "persona", "philodendron",
    "pinna", "placenta", "planetarium", "plasmodium", "podium", "polyhedron",
    "polypus", "primordium", "proscenium", "pycnidium", "quadrennium",
    "rectum", "referendum", "reticulum", "retina", "rhombus", "rickettsia",
    "rostrum", "salpa", "salpinx", "sanctum", "sanitarium", "scarabaeus",
    "separatrix", "serum", "siliqua", "silva", "sphinx", "stadium", "sternum",
    "struma", "syconium", "syllabus", "symposium", "syncytium", "tarantula",
    "taxis", "tenderfoot", "tenia", "terrarium", "testa", "tetrahedron",
    "thallus", "thymus", "trapezium", "trapezohedron", "tuba", "turf",
    "tympanum", "ultimatum", "umbra", "uvula", "vacuum", "vita", "volva",
    "vortex", "vorticella",
}

# Nouns whose plural is the lemma, and a few the patterns cannot see.
HAND_PLURALS = {
    "aircraft": "aircraft", "alga": "algae", "bacterium": "bacteria",
    "barracks": "barracks", "bison": "bison", "cod": "cod", "corps": "corps",
    "crossroads": "crossroads", "deer": "deer", "epoch": "epochs",
    "fish": "fish", "headquarters": "headquarters", "matriarch": "matriarchs",
    "means": "means", "moose": "moose", "offspring": "offspring",
    "patriarch": "patriarchs", "person": "people", "series": "series",
    "sheep": "sheep", "spacecraft": "spacecraft", "species": "species",
    "stomach": "stomachs", "swine": "swine", "trout": "trout",
    "watercraft": "watercraft",
}

# The rules make -man plurals -men (chairmen), as WordNet's own morphology
# does, so noun.exc lists none of them.  These -man nouns take -mans; drawn
# up from WordNet's index.noun and checked against en_US hunspell.
MAN_S = {
    "alabaman", "anglo-norman", "brahman", "caiman", "cayman",
    "cousin-german", "doberman", "dolman", "dragoman", "german", "hanuman",
    "human", "liman", "norman", "oklahoman", "pitman", "prehuman",
    "pullman", "roman", "shaman", "subhuman", "superhuman", "talisman",
    "tibeto-burman", "turcoman", "turkoman", "walkman", "yuman",
}

# (lemma ending, plural ending) of the irregular plurals worth generating.
PLURAL_PATTERNS = (
    ("child", "children"), ("foot", "feet"), ("tooth", "teeth"),
    ("goose", "geese"), ("mouse", "mice"), ("louse", "lice"),
    ("man", "men"), ("person", "people"), ("fe", "ves"), ("f", "ves"),
    ("us", "i"), ("us", "era"), ("us", "ora"), ("um", "a"), ("on", "a"),
    ("a", "ae"), ("is", "es"), ("ex", "ices"), ("ix", "ices"),
    ("yx", "yces"), ("nx", "nges"),
)
PLURAL_EXACT = {"ox": "oxen", "graffito": "graffiti",
                "paparazzo": "paparazzi", "mafioso": "mafiosi",
                "kibbutz": "kibbutzim"}


def plural_by_pattern(lemma, word):
    if PLURAL_EXACT.get(lemma) == word:
        return True
    for sing, plur in PLURAL_PATTERNS:
        if (lemma.endswith(sing) and word.endswith(plur)
                and lemma[:-len(sing)] == word[:-len(plur)]):
            return True
    if lemma in OES and word == lemma + "es":
        return True
    # fez -> fezzes, quiz -> quizzes
    return (len(lemma) >= 2 and lemma[-1] == "z" and lemma[-2] in VOWELS
            and word == lemma + "zes")


def keep_plural(lemma, word):
    if word == lemma or lemma in REGULAR_NOUNS:
        return False
    a, b = lemma.split("-"), word.split("-")
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) != 1:
        return False  # arcs-boutants: French compounds, both parts inflect
    i = diff[0]
    if len(a) > 1 and b[i] == regular_plural(a[i]):
        return True  # brothers-in-law, passers-by
    if a[i].endswith("man") and b[i] == a[i] + "s":
        return True  # ottomans: an exception to the -men rule
    return plural_by_pattern(a[i], b[i])


def noun_entries(pairs, notes):
    cand = {}
    for word, lemma in pairs:
        if keep_plural(lemma, word):
            cand.setdefault(lemma, set()).add(word)
    table = {}
    for lemma in sorted(cand):
        words = sorted(cand[lemma])
        if len(words) > 1:
            notes.append("%s: plurals %s, kept %s" %
                         (lemma, "/".join(words), words[0]))
        table[(lemma, "plural")] = words[0]
    for lemma, word in HAND_PLURALS.items():
        table[(lemma, "plural")] = word
    for lemma in MAN_S:
        table[(lemma, "plural")] = lemma + "s"
    return table


# --- putting it together -----------------------------------------------------

def read_exc(path):
    """(word, lemma) pairs of an exception list, plain words only."""
    pairs = []
    with open(path, encoding="ascii", errors="replace") as f:
        for line in f:
            fields = line.split()
            if len(fields) < 2 or not all(WORD.match(x) for x in fields):
                continue
            for lemma in fields[1:]:
                pairs.append((fields[0], lemma))
    return pairs


def prune(table):
    """Drop what the rules make anyway.  The past goes first: the other
    verb forms are derived from it.  A participle stays when its past does,
    so that every irregular verb reads complete."""
    def drop_if_rule(keys):
        for key in sorted(keys):
            word = table.pop(key)
            if rule_form(table, *key) != word:
                table[key] = word

    drop_if_rule([k for k in table if k[1] == "past"])
    drop_if_rule([k for k in table if k[1] == "pastpart"
                  and (k[0], "past") not in table])
    drop_if_rule([k for k in table if k[1] in ("3sg", "ing", "plural")])


HEADER = """\
# irregular.tsv - irregular English inflections for unspin's inflector
# (src/inflect.c), which applies the regular suffix rules to everything
# else: lemma<TAB>form<TAB>word, form one of plural, 3sg, past, pastpart,
# ing.  Past and past participle are listed for every irregular verb; 3sg,
# ing and plural only where the regular rules would get them wrong.
#
# Source: WordNet 3.0 exception lists noun.exc and verb.exc (Debian package
# wordnet-base), turned around, classified and filtered, plus a few entries
# written by hand in the generator (put/put, sheep/sheep, be/is).
# Licence: WordNet 3.0 licence (BSD-style); see dicts/SOURCES.md.
#
# Generated by tools/build-irregular.py; do not edit.
"""


def main(argv):
    ap = argparse.ArgumentParser(
        prog="build-irregular.py",
        description="Build the irregular inflection table from WordNet.")
    ap.add_argument("wordnet", nargs="?", default="/usr/share/wordnet",
                    help="directory with noun.exc and verb.exc "
                    "(default: %(default)s)")
    ap.add_argument("output", nargs="?",
                    default=os.path.join(os.path.dirname(
                        os.path.abspath(__file__)), os.pardir, "dicts",
                        "en", "irregular.tsv"),
                    help="output file, '-' for standard output "
                    "(default: dicts/en/irregular.tsv)")
    ap.add_argument("--noun", metavar="FILE", help="noun.exc to read")
    ap.add_argument("--verb", metavar="FILE", help="verb.exc to read")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="report the choices made on standard error")
    args = ap.parse_args(argv)
    noun = args.noun or os.path.join(args.wordnet, "noun.exc")
    verb = args.verb or os.path.join(args.wordnet, "verb.exc")

    notes = []
    try:
        table = noun_entries(read_exc(noun), notes)
        table.update(verb_entries(read_exc(verb), notes))
    except OSError as e:
        sys.stderr.write("build-irregular.py: error: cannot open '%s': %s\n"
                         % (e.filename, e.strerror))
        return 1
    prune(table)
    if args.verbose:
        for n in notes:
            sys.stderr.write("build-irregular.py: note: %s\n" % n)

    order = {f: i for i, f in enumerate(FORMS)}
    lines = [HEADER]
    for (lemma, form) in sorted(table, key=lambda k: (k[0], order[k[1]])):
        lines.append("%s\t%s\t%s\n" % (lemma, form, table[(lemma, form)]))
    text = "".join(lines)

    if args.output == "-":
        sys.stdout.write(text)
        return 0
    # Write next to the target and rename, so a failed run leaves the old
    # table in place rather than half a new one.
    out_dir = os.path.dirname(os.path.abspath(args.output))
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=".irregular.")
        with os.fdopen(fd, "w", encoding="ascii", newline="\n") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, args.output)
        tmp = None
    except OSError as e:
        sys.stderr.write("build-irregular.py: error: cannot write '%s': %s\n"
                         % (args.output, e.strerror))
        return 1
    finally:
        if tmp is not None:
            os.unlink(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
