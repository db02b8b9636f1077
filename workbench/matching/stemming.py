"""Word stemming for matching: stopwords, boilerplate words, the light stemmer and news synonyms."""

from __future__ import annotations

from functools import lru_cache

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be because been before
    being below between both but by can cannot could couldn't did didn't do does doesn't doing don't down
    during each either else ever every few for from further had hadn't has hasn't have haven't having he
    he'd he'll he's her here here's hers herself him himself his how how's however i i'd i'll i'm i've if
    in into is isn't it it's its itself just let's me might more most much must mustn't my myself neither
    no nor not now of off on once one only or other others ought our ours ourselves out over own per
    rather same shall shan't she she'd she'll she's should shouldn't since so some such than that that's
    the their theirs them themselves then there there's these they they'd they'll they're they've this
    those though through thus to too under until up upon us very via was wasn't we we'd we'll we're
    we've were weren't what what's when when's where where's whether which while who who's whom whose why
    why's will with within without won't would wouldn't yet you you'd you'll you're you've your yours
    yourself yourselves yes may many even still already just like get got gets getting go goes going
    gone went come comes came make makes made way well back really ago amid among amongst along
    s t re ve ll d m n't
    """.split()
)

# Words that carry little meaning in news copy: reporting verbs, attribution, hedges.
BOILERPLATE = frozenset(
    """
    say according accord sourc source sources official officials
    report reported reports reporting add added adds state stated statement statements claim claimed
    claims announce announced note noted spokesperson spokesman spokeswoman people person thing things
    time times year years day days week weeks month months also know known think thought
    include including includ show shows showed shown part current former see seem seemed appear appears
    appeared want wants wanted need needs needed take takes took give gives gave put puts keep kept idea
    instead given meanwhile clear clearly later first last next whole lot
    """.split()
)


# Synonym groups for common news wording; the first word is the canonical key (already stemmed).
_SYNONYM_GROUPS = [
    ("say", "say says said saying tell tells told telling"),
    ("talk", "talks talk discussion discussions negotiation negotiations negotiate negotiating dialogue "
             "dialog"),
    ("reject", "reject rejected rejects rejecting decline declined declines declining refuse refused "
               "refuses refusing spurn spurned spurns rebuff rebuffed rebuffs"),
    ("halt", "halt halted halts halting pause paused pauses pausing suspend suspended suspension "
             "moratorium freeze froze frozen stop stopped stops stopping cease ceased"),
    ("impos", "impose imposed imposes imposing slap slapped slaps levy levied"),
    ("fresh", "fresh new latest newest additional"),
    ("kill", "kill killed kills killing slain slay murdered"),
    ("die", "die died dies dying death deaths dead"),
    ("ban", "ban banned bans banning prohibit prohibited prohibits outlaw outlawed"),
    ("buy", "buy bought buys purchase purchased purchases"),
    ("rise", "rise rose risen rises rising increase increased increases increasing grew grow grows "
             "climb climbed climbs jump jumped jumps soar soared soars surge surged surges"),
    ("fall", "fall fell fallen falls falling decrease decreased decreases drop dropped drops decline "
             "slide slid slides sliding slump slumped slumps plunge plunged plunges plummet plummeted "
             "tumble tumbled tumbles shrink shrank shrunk shrinks sink sank sinks dip dipped dips"),
    ("meet", "meet met meets meeting meetings"),
    ("open", "open opens opened accessible"),
    ("international", "international internationally worldwide foreign global globally overseas"),
    ("ready", "ready prepared willing"),
    ("evacuat", "evacuate evacuated evacuates evacuation evacuating"),
    ("arrest", "arrest arrested arrests detain detained detains"),
    ("president", "president presidents presidential"),
]
_SYNONYMS: dict[str, str] = {}
for _key, _words in _SYNONYM_GROUPS:
    for _w in _words.split():
        _SYNONYMS.setdefault(_w, _key)
# "decline" is ambiguous (refuse / fall); news claims use it more as "refuse", keep that.
_SYNONYMS["decline"] = "reject"
_SYNONYMS["declined"] = "reject"

_NO_PLURAL = frozenset({"news", "always", "series", "species", "perhaps", "whereas", "texas", "kansas",
                        "arkansas", "lens", "physics", "politics", "economics", "mathematics", "ethics"})


def stem(word: str, synonyms: bool = True) -> str:
    """A light suffix stripper (plural, -ed, -ing, -ly, final e, demonym -an), with synonym folding."""
    return _stem_syn(word) if synonyms else _stem_plain(word)


@lru_cache(maxsize=200_000)
def _stem_syn(word: str) -> str:
    w = word.lower().replace("’", "'")
    syn = _SYNONYMS.get(w[:-2] if w.endswith("'s") else w)
    if syn is not None:
        return syn
    w = _stem_plain(w)
    return _SYNONYMS.get(w, w)


@lru_cache(maxsize=200_000)
def _stem_plain(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    elif w.endswith("'"):
        w = w[:-1]
    n = len(w)
    if n <= 3:
        return w
    if w.endswith("ies") and n > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is", "ous")) and w not in _NO_PLURAL:
        w = w[:-1]
    if w.endswith("ing") and len(w) > 5 and _has_vowel(w[:-3]):
        w = _undouble(w[:-3])
    elif w.endswith("ed") and len(w) > 4 and _has_vowel(w[:-2]):
        w = _undouble(w[:-2])
    elif w.endswith("ly") and len(w) > 5:
        w = w[:-2]
    if w.endswith("ean") or w.endswith("ian") or w.endswith("ican"):
        w = w[:-1]  # korean -> korea, russian -> russia, american -> america
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def _has_vowel(s: str) -> bool:
    return any(c in "aeiouy" for c in s)


def _undouble(s: str) -> str:
    if len(s) > 3 and s[-1] == s[-2] and s[-1] not in "lsz":
        return s[:-1]
    return s
