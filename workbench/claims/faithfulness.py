"""The faithfulness gate: a claim never says what the article does not say.

A claim's text is the article's words with a few rewrites that make it stand alone. Every claim
text is compared with the words of its source span: the same words in the same order, changed only
where a rule is known to keep the meaning:
- a resolved pronoun ("he" -> "Rex Tillerson", "his" -> "Rex Tillerson's", "they" -> "North
  Korean officials"): the new words are names or a phrase the article has already used (up to
  the end of the sentence), with no quantifier ("many", "some") that the pronoun did not carry;
- a subject brought in for a split-off clause ("... and imposed sanctions" -> "The U.S. imposed
  sanctions"): words said earlier in the same sentence;
- a role template ("Song Tao is a Chinese envoy" from "Chinese envoy Song Tao"): the description
  in the span's order, the name as the article gives it, abbreviations written out;
- words left out: an attribution clause (", Houser said", "according to X"), a part set off by
  commas or a joining word (an appositive, a relative clause, a coordinated clause: each is a
  claim of its own), a leading "But"/"And", function words.
Negations, conditions and modals ("not", "never", "if", "unless", "only", "could", ...) are never
dropped or added. Plain Python on strings: bench/claims_faithfulness.py runs the same check on
the claims the engine prints, from the article text alone.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from workbench.claims.attribution import SPEECH_VERBS
from workbench.claims.titles import ABBREVIATIONS

_WORD = re.compile(
    r"\w+?(?=n['\u2019]t\b)|n['\u2019]t\b|\w+(?:[.,\-]\w+)*|['\u2019](?:s|re|ve|ll|d|m)\b", re.UNICODE
)

NEGATIONS = frozenset(
    "not no never nor neither none nobody nothing nowhere without cannot".split()
)
CONDITIONS = frozenset(
    "if unless whether provided providing assuming until except only barring lest otherwise".split()
)
MODALS = frozenset("could would might may should must can will shall 'll 'd ought".split())
# Words that change what a sentence asserts: never dropped from or added to a claim.
PROTECTED = NEGATIONS | CONDITIONS | MODALS
# A resolved pronoun stands for the same thing, not for a part of it ("they" -> "many new FRBs").
QUANTIFIERS = frozenset("many some most few several all every each any more fewer less much".split())
FUNCTION_WORDS = frozenset(
    """a an the of to in on at by for from with as that this these those and or but so yet 's is
    are was were be been being has have had do does did it its he she they them him her his their
    there which who whom whose what when where while also just then than into about over after
    before up out""".split()
)
# Words a claim may drop at its start ("But the plan failed" -> "The plan failed").
LEADING = frozenset("but and so yet or still instead meanwhile however also".split())
# Words that open a part of the sentence that is a claim of its own (or none).
JOINERS = frozenset(
    "and or but while whereas although though who which whose whom where when as because".split()
)
COPULAS = frozenset("is was are were".split())
PRONOUNS = frozenset("he she him her his they them their it its".split())
_ROLE_VERB = re.compile(r"\s(is|was|are|were)\s")
_ABBREV = {k.rstrip(".").lower(): v.lower() for k, v in ABBREVIATIONS.items()}
_BRACKETS = ",;:(\u2014\u2013-[\"\u201c\u201d"


def words(text: str) -> list[tuple[str, int]]:
    """(lower-case word, offset) pairs; "n't" reads as "not", curly apostrophes as straight."""
    out = []
    for m in _WORD.finditer(text):
        w = m.group(0).lower().replace("\u2019", "'")
        if w in MODALS and m.group(0)[:1].isupper() and _after_sentence_start(text, m.start()):
            w += "#name"  # "closed since May", "Will Smith": a month or a name, not a hedge
        out.append(("not" if w == "n't" else w.rstrip("."), m.start()))
    return out


def _after_sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \"'\u201c\u2018(")
    return bool(before) and before[-1] not in ".!?:;\n"


def _end_of(text: str, pos: int) -> int:
    """Offset just after the word starting at `pos`."""
    m = _WORD.match(text, pos)
    return m.end() if m else pos + 1


class ArticleWords:
    """Where each word first occurs in the article: names a rewrite brings in must be there."""

    def __init__(self, article: str) -> None:
        self.article = article
        self._first: dict[str, int] = {}
        for w, pos in words(article):
            self._first.setdefault(w, pos)

    def seen(self, word: str, before: int) -> bool:
        return self._first.get(word, before) < before


@dataclass(frozen=True)
class Source:
    """Where a claim comes from: its parts (start, end) in the article, in order, and the
    sentence holding them."""

    parts: tuple[tuple[int, int], ...]
    sentence: tuple[int, int]

    @property
    def start(self) -> int:
        return self.parts[0][0]


def check(claim: str, source: Source, article: ArticleWords, role: bool = False) -> str | None:
    """None when `claim` says what its source says; else why not (for the bench and the tests)."""
    # The whole extent is compared, gaps between parts included: what a claim leaves out between
    # its parts must be something it may leave out.
    start, end = source.parts[0][0], source.parts[-1][1]
    src = [(w, start + p) for w, p in words(article.article[start:end])]
    said = words(claim)
    if not said:
        return "empty claim"
    why = _compare([w for w, _ in src], [w for w, _ in said], src, source, article)
    if why is None or not role:
        return why
    return _check_role(claim, said, src, source, article)


def _compare(src: list[str], said: list[str], located: list[tuple[str, int]], source: Source,
             article: ArticleWords) -> str | None:
    ops = SequenceMatcher(None, src, said, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            continue
        dropped, added = src[i1:i2], said[j1:j2]
        if i1 == 0 and tag == "replace":  # "Instead, she met" -> "Choe Hon Sui met"
            while len(dropped) > 1 and dropped[0] in LEADING:
                dropped, i1 = dropped[1:], i1 + 1
        if tag == "replace" and _replacement_ok(dropped, added, located[i1][1], source, article):
            continue
        if tag == "replace" and _pronoun_after_gap(dropped, added, i1, located, source, article):
            continue
        if added:
            problem = _insertion(added, j1, i1, source, article)
            if problem:
                return problem
        if dropped:
            problem = _deletion(dropped, i1, located, article.article)
            if problem:
                return problem
    return None


_CLITIC_WORDS = {"'ll": ("will",), "'d": ("would", "had")}


def _replacement_ok(dropped: list[str], added: list[str], at: int, source: Source,
                    article: ArticleWords) -> bool:
    """A resolved pronoun or a written-out abbreviation."""
    if len(dropped) == 1 and len(added) == 1 and _ABBREV.get(dropped[0]) == added[0]:
        return True
    if len(dropped) == 2 and dropped[1] == "'s":  # "he's" -> "Tillerson's"
        dropped = dropped[:1]
    if len(dropped) == 2 and added and added[-1] in _CLITIC_WORDS.get(dropped[1], ()):
        dropped, added = dropped[:1], added[:-1]  # "she'll" -> "Ms. Lane will": the same modal written out
    if len(dropped) != 1 or dropped[0] not in PRONOUNS:
        return False
    if any(w in PROTECTED or w in QUANTIFIERS for w in added):
        return False
    limit = source.sentence[1]
    return all(w in FUNCTION_WORDS or article.seen(w, limit) for w in added)


def _pronoun_after_gap(dropped: list[str], added: list[str], i: int, located: list[tuple[str, int]],
                      source: Source, article: ArticleWords) -> bool:
    """A part left out right before or after a resolved pronoun ("After thanking the crowd, which
    chanted his name, he touted" -> "..., Bernie Sanders touted"): the aligner sees one change,
    the rules see a deletion and a replacement."""
    for k, w in enumerate(dropped):
        if w not in PRONOUNS:
            continue
        end = k + 2 if k + 1 < len(dropped) and dropped[k + 1] == "'s" else k + 1
        before, after = dropped[:k], dropped[end:]
        if not _replacement_ok(dropped[k:end], added, located[i + k][1], source, article):
            continue
        if before and _deletion(before, i, located, article.article):
            continue
        if after and _deletion(after, i + end, located, article.article):
            continue
        return True
    return False


def _insertion(added: list[str], j: int, i: int, source: Source, article: ArticleWords) -> str | None:
    """Words the claim has and its span does not: only a subject said earlier in the sentence
    (with the auxiliaries a conjoined verb shares: "The bridge will reopen and expand the road"
    -> "The bridge will expand the road", as written before the span)."""
    before = [w for w, _ in words(article.article[source.sentence[0] : source.start])] if j == 0 and i == 0 else []
    if before and _contains(before, added):
        # "Not everyone can afford ... or wants" -> "Everyone wants"; "if a driver hits a pothole and
        # blows out a tire" -> "A driver blows out a tire"
        if _negated_subject(before, added):
            return f"adds {' '.join(added)!r} without the negation or condition before it"
        return None
    if any(w in PROTECTED for w in added):
        return f"adds {' '.join(added)!r}"
    if j == 0 and i == 0:
        if _contains(before, [w for w in added if w not in ("the", "'s")]):
            return None
        # the copula template of a participle ("The telescope, nicknamed Tianyan," -> "The
        # telescope was nicknamed Tianyan"): a subject said before it, then is/was
        if len(added) > 1 and added[-1] in COPULAS and _contains(before, added[:-1]):
            return None
        # a subject with a pronoun resolved in it ("Rex Tillerson's counterparts")
        if all(w in FUNCTION_WORDS or w in before or article.seen(w, source.sentence[0]) for w in added) and any(
            w in before for w in added
        ):
            return None
    return f"adds or moves {' '.join(added)!r}"


def _negated_subject(before: list[str], part: list[str]) -> bool:
    """Is every place `part` stands in `before` right after a negation or a condition ("not
    everyone", "if a driver")?"""
    n = len(part)
    places = [k for k in range(len(before) - n + 1) if before[k : k + n] == part]
    return bool(places) and all(k > 0 and before[k - 1] in NEGATIONS | CONDITIONS | {"when"} for k in places)


def _contains(seq: list[str], part: list[str]) -> bool:
    n = len(part)
    return n > 0 and any(seq[k : k + n] == part for k in range(len(seq) - n + 1))


def _deletion(dropped: list[str], i: int, located: list[tuple[str, int]], text: str) -> str | None:
    """Words of the span the claim leaves out: function words, an attribution clause, a part that
    is a claim of its own; never a negation, condition or modal of the claim's own clause."""
    opens_clause = dropped[0] in JOINERS or dropped[0] in ("that", "said", "says")
    if i == 0 and dropped[0] in LEADING:
        dropped, i, opens_clause = dropped[1:], i + 1, True
    if not dropped:
        return None
    protected = [w for w in dropped if w in PROTECTED]
    if protected and not opens_clause:
        return f"drops {' '.join(protected)!r}"
    if all(w in FUNCTION_WORDS for w in dropped) and not opens_clause:
        return None
    if any(_speech_word(dropped, k) for k in range(len(dropped))):
        return None  # an attribution clause
    start = located[i][1]
    before = text[max(0, start - 3) : start].rstrip()
    if not (opens_clause or (before and before[-1] in _BRACKETS)):
        return f"drops {' '.join(dropped)!r}"
    # A part set off by a mark or opened by a joining word, and all of it: the sentence goes on
    # after a mark ("Even though he won, he lost" -> "Even he lost" fails).
    last = i + len(dropped) - 1
    if last + 1 >= len(located):
        return None
    end = _end_of(text, located[last][1])
    after = text[end : end + 4].lstrip(" \u201d\"'\u2019)")
    if after[:1] in ":;":
        # What follows a colon explains the part before it, a semicolon starts a new clause: either
        # way the words after the gap do not continue the words before it ("... like Nevada and
        # Florida, but in states not won since the 1980s: Pennsylvania, ..." is no list of six).
        return f"drops the part a {'colon' if after[0] == ':' else 'semicolon'} goes on from: {' '.join(dropped)!r}"
    if after[:1] in _BRACKETS + ".!?" or not (protected or opens_clause):
        return None
    return f"drops part of a clause: {' '.join(dropped)!r}"


# Words before which "states", "reports", "claims", "notes" are nouns ("in states that ..."), not a tag.
_NOUN_MARKERS = frozenset(
    "a an the in of on at to by for from with into across over under between these those many some all other several both two three its "
    "their his her our your my such".split()
)


def _speech_word(dropped: list[str], k: int) -> bool:
    w = dropped[k]
    if w == "according":
        return True
    return w in SPEECH_VERBS and not (k > 0 and dropped[k - 1] in _NOUN_MARKERS)


def _check_role(claim: str, said: list[tuple[str, int]], src: list[tuple[str, int]], source: Source,
                article: ArticleWords) -> str | None:
    """ "NAME is DESCRIPTION": the description in the span's order, the name (capitalised words)
    from the article."""
    why = "role without 'is'/'was'"
    for m in _ROLE_VERB.finditer(claim):
        why = _role_split(claim, m, said, src, source, article)
        if why is None:
            return None
    return why


_PARTICLES = frozenset("bin bint ibn al el de da di van von der la le du dos".split())


def _role_split(claim: str, m: re.Match, said: list[tuple[str, int]], src: list[tuple[str, int]],
                source: Source, article: ArticleWords) -> str | None:
    name = [w for w, p in said if p < m.start()]
    written = [claim[p : p + 1] for w, p in said if p < m.start()]
    if not all(c.isupper() or c.isdigit() or w in _PARTICLES or w == "'s" for c, w in zip(written, name)):
        return f"role names no one: {' '.join(name)!r}"
    desc = [_ABBREV.get(w, w) for w, p in said if p > m.end() - 1]
    while desc and desc[0] in ("a", "an", "the"):
        desc = desc[1:]
    span = [_ABBREV.get(w, w) for w, _ in src]
    limit = source.sentence[1]
    if not name or not all(w in span or article.seen(w, limit) for w in name):
        return f"role names {' '.join(name)!r}"
    k = 0
    for w in desc:
        while k < len(span) and span[k] != w:
            k += 1
        if k == len(span):
            return f"role description {' '.join(desc)!r} not in the span's order"
        k += 1
    if any(w in PROTECTED for w in desc if w not in span):
        return "role adds a negation"
    return None


class Sentences:
    """Sentence spans of an article (segment.split_text), for the bench's look-ups."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self._starts = [s for s, _ in self.spans]

    def around(self, pos: int) -> tuple[int, int]:
        k = bisect.bisect_right(self._starts, pos) - 1
        return self.spans[max(k, 0)] if self.spans else (0, pos)


__all__ = ["ArticleWords", "PROTECTED", "Sentences", "Source", "check", "words"]
