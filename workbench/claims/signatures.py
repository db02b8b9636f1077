"""Signed contributions: readers' comments and letters, each followed by its writer's name.

A round-up of readers' comments ("David Groner." after a comment, "@jamezolah" after a tweet) or
a letters page signs every contribution on a line of its own. Such a line is no claim, and what
stands above it is the writer's, not the paper's: its claims get the writer as speaker (claims
already given to someone the writer quotes keep theirs). Only when the article signs at least
twice (one lone name line may be a heading), and conservatively: above the first signature only
the paragraph right before it counts (an introduction by the paper may precede it), above a later
one every paragraph back to the signature before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from workbench.claims.segment import Paragraph, is_furniture
from workbench.domain import ClaimDraft

_NAME_WORD = r"(?:[A-Z][a-z]*(?:['\u2019\-][A-Z]?[a-z]+)+|[A-Z][a-z]+|[A-Z]\.|de|van|von|da|del|la|bin|Mc[A-Z][a-z]+)"
_SIGNATURE = re.compile(
    rf"(?:[\u2014\u2013-]\s*)?(?:{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}|@\w{{2,30}})(?:,\s*[A-Z][\w .'\-]{{1,40}})?\.?"
)
MIN_SIGNATURES = 2


@dataclass(frozen=True, slots=True)
class Signed:
    start: int  # the contribution's first paragraph
    end: int  # ... to the signature line's end
    signature: tuple[int, int]
    writer: str


def signed_spans(paragraphs: list[Paragraph]) -> list[Signed]:
    """Every signed contribution, in order; none unless the article signs MIN_SIGNATURES times."""
    marks = [k for k, p in enumerate(paragraphs) if k > 0 and _is_signature(p.text)]
    if len(marks) < MIN_SIGNATURES:
        return []
    out: list[Signed] = []
    previous: int | None = None
    for k in marks:
        # a heading in between ("TWITTER.") starts a new section, perhaps with the paper's own words
        after_heading = previous is not None and any(is_furniture(p.text) for p in paragraphs[previous + 1 : k])
        first = previous + 1 if previous is not None and previous < k - 1 and not after_heading else k - 1
        if first >= k or _is_signature(paragraphs[first].text):
            previous = k
            continue
        writer = paragraphs[k].text.strip().lstrip("\u2014\u2013- ").rstrip(".").split(",")[0].strip()
        out.append(Signed(paragraphs[first].start, paragraphs[k].end, (paragraphs[k].start, paragraphs[k].end), writer))
        previous = k
    return out


def _is_signature(line: str) -> bool:
    line = line.strip()
    return len(line) <= 80 and bool(_SIGNATURE.fullmatch(line))


def sign(drafts: list[ClaimDraft], signed: list[Signed]) -> list[ClaimDraft]:
    """Drop claims made of a signature line; give the writer the unattributed claims above it."""
    if not signed:
        return drafts
    out = []
    for d in drafts:
        home = next((s for s in signed if s.start <= d.start < s.end), None)
        if home is None:
            out.append(d)
        elif home.signature[0] <= d.start:
            continue  # the name line itself
        else:
            out.append(d if d.attribution else replace(d, attribution=home.writer))
    return out
