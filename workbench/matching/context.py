"""The words around a claim: its source sentence(s) and attribution, as context for overlap finding.

Pure functions on the article text and a claim's character span (no spaCy: a light rule-based splitter
that knows the abbreviations news text uses, so "U.S. officials" or "Nov. 21" do not end a sentence).
"""

from __future__ import annotations

import bisect
import re

# A sentence ends at . ! ? (with closing quotes/brackets) followed by white space, and at any line break.
_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)|\n")
_ABBREV = frozenset(
    "u.s u.n u.k e.u d.c mr mrs ms dr prof sen rep gov gen col lt sgt capt st jr sr inc corp co ltd vs "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun "
    "fig approx dept univ ft mt".split())
LEAN_STEPS = 2
# A sentence leaning on the one before it: it opens with a pronoun or a connective ("Instead, she met ...").
_LEANS = re.compile(
    r"^\W*(?:(?:instead|but|and|then|still|also|however|meanwhile|later|there|this time|that time|"
    r"at the time|in turn|in response|in return|afterwards?)\b[\s,]*)*"
    r"(?:he|she|they|it|his|her|their|its|this|that|these|those|him|them)\b",
    re.I)


def _ends_sentence(text: str, m: re.Match) -> bool:
    if m.group() == "\n":
        return True
    if m.group()[0] != ".":
        return True
    word = re.search(r"([A-Za-z][A-Za-z.]*)\.$", text[max(0, m.start() - 20):m.start() + 1])
    if word is None:
        return True  # "... in 2009." or "...)."
    w = word.group(1).lower().rstrip(".")
    if len(w) == 1:  # an initial: "Joseph R. Biden", "U.S" handled below
        return False
    if w in _ABBREV or "." in w:  # "U.S." "U.N." "Nov."; "U.S. sanctions." ends only before a capital
        nxt = text[m.end():m.end() + 40].lstrip()
        starts = re.match(r"[\"“]?(The|A|An|In|On|But|And|He|She|They|It|This|That|North|South|Instead|"
                          r"However|Since|When|After|Before|As|At|For|If|While|Though|Although|We|I)\b", nxt)
        return bool(starts) and w in {"u.s", "u.n", "u.k", "e.u", "d.c", "inc", "corp", "co", "ltd", "jr", "sr"}
    return True


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of `text`, in order, without surrounding white space."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _END.finditer(text):
        if not _ends_sentence(text, m):
            continue
        _add(text, pos, m.end(), out)
        pos = m.end()
    _add(text, pos, len(text), out)
    return out


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def sentence_around(text: str, start: int, end: int, *, lean: bool = False,
                    bounds: list[tuple[int, int]] | None = None) -> str:
    """The sentence(s) of `text` that the span [start, end) falls in (several when it crosses a boundary).

    With `lean`, the sentence before is added when the first one opens with a pronoun or a connective
    ("Instead, she met ..."), and so on up to LEAN_STEPS sentences back (news paragraphs are short, so
    this crosses paragraph breaks). An empty or out-of-range span gives "". `bounds` (from
    sentence_bounds(text)) saves splitting the text again for every claim.
    """
    start, end = max(0, start), min(len(text), end)
    if end <= start:
        return ""
    if bounds is None:
        bounds = sentence_bounds(text)
    first = bisect.bisect_right(bounds, (start, len(text) + 1)) - 1  # last sentence starting at or before
    if first < 0 or bounds[first][1] <= start:
        first += 1  # the span starts in the white space between two sentences
    last = first
    while last + 1 < len(bounds) and bounds[last + 1][0] < end:
        last += 1
    if first >= len(bounds) or bounds[first][0] >= end:
        return ""
    steps = LEAN_STEPS if lean else 0
    while steps and first > 0 and _LEANS.match(text[bounds[first][0]:bounds[first][1]]):
        first -= 1  # "Instead, she met ..." <- "This time, she declined ..." <- "... Choe attended ..."
        steps -= 1
    return re.sub(r"\s*\n\s*", " ", text[bounds[first][0]:bounds[last][1]])


def claim_context(text: str, start: int, end: int, attribution: str | None = None, *,
                  bounds: list[tuple[int, int]] | None = None) -> str:
    """Context for `find_overlaps`: the claim's source sentence (plus the ones before when it leans on
    them, see sentence_around) and its attribution."""
    parts = [sentence_around(text, start, end, lean=True, bounds=bounds)]
    if attribution:
        parts.append(attribution)
    return " ".join(p for p in parts if p).strip()


def spans_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when two character spans share at least one character (one inside the other, or crossing)."""
    return a[0] < b[1] and b[0] < a[1]
