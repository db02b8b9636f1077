"""Meaning in overlap scoring: sentence vectors (matching.semantic) as a second signal beside the wording.

Two claims that say one fact in other words ("The U.S. is burning less coal" / "the largest decline in coal
generation in recorded history") share too few terms for the wording score. Their vectors are close: the
cosine adds a bounded bonus to the wording score, and a very close pair scores on meaning alone. (Within one
article every claim is on one topic and cosines of 0.6-0.7 are common between different facts: meaning is a
bonus, not a score of its own, below MEANING_ALONE.) The checks that keep
false alarms low act on both alike: figures that disagree, different people or places, a negation on one
side. Meaning lifts the "one shared word" cap only when it is clearly high, and a pair with no term in
common needs more still. Cosine candidates join the term index's, so such pairs are scored at all.
"""

from __future__ import annotations

import numpy as np

from workbench.matching import semantic
from workbench.matching.overlap_docs import _Doc

MEANING_FROM = 0.50  # cosine where meaning starts to add to the wording score ...
MEANING_TO = 0.80  # ... adding MEANING_BONUS from here on (linear in between)
MEANING_BONUS = 15.0  # times the share of the lighter claim's weight not shared with the other (1 - containment)
MEANING_ALONE = 0.80  # this close, meaning alone scores the pair (MEANING_ALONE -> 60, 1.0 -> 100)
MEANING_ALONE_UNSEEN = 0.5  # ... if at least half of the lighter claim's weight is not in the other's words
MEANING_CANDIDATE = 0.50  # pairs at least this close are scored even when the term index skips them
MEANING_LIFTS_CAP = 0.85  # this close, one shared content word is enough (the cap at 50 does not apply);
# at 0.70 FEVER's same-page pairs ("X is a comedy" / "X is a drama") nearly doubled the false flags
MEANING_NO_TERMS = 0.90  # this close, a pair is scored without a shared content word (role claims "X is a Y"
# and "X is a Z" reach 0.84)
_BLOCK = 512  # rows of the similarity matrix at a time (memory bound: 512 x n floats)


def meaning_bonus(cos: float | None) -> float:
    """What meaning adds to a pair's wording score (0..MEANING_BONUS)."""
    if cos is None:
        return 0.0
    return MEANING_BONUS * max(0.0, min(1.0, (cos - MEANING_FROM) / (MEANING_TO - MEANING_FROM)))


def meaning_alone(cos: float | None) -> float:
    """The score meaning gives a pair on its own: 0 below MEANING_ALONE, then 60..100."""
    if cos is None or cos < MEANING_ALONE:
        return 0.0
    return 60.0 + 40.0 * (cos - MEANING_ALONE) / (1.0 - MEANING_ALONE)


def attach_vectors(docs: list[_Doc]) -> bool:
    """Give every doc its unit vector; False (and no vectors) when the encoder is unavailable."""
    vectors = semantic.embed([d.text for d in docs])
    if vectors is None:
        return False
    for d, v in zip(docs, vectors):
        d.vec = v
    return True


def cosine(a: _Doc, b: _Doc) -> float | None:
    if a.vec is None or b.vec is None:
        return None
    return float(a.vec @ b.vec)


def meaning_candidates(docs: list[_Doc]) -> list[tuple[int, int]]:
    """Pairs (i < j) with cosine >= MEANING_CANDIDATE and at least one new claim."""
    with_vec = [i for i, d in enumerate(docs) if d.vec is not None]
    if len(with_vec) < 2:
        return []
    matrix = np.vstack([docs[i].vec for i in with_vec])
    new = np.array([docs[i].is_new for i in with_vec])
    out: list[tuple[int, int]] = []
    rows = np.flatnonzero(new)  # only new claims start a pair: existing x existing is never scored
    for s in range(0, len(rows), _BLOCK):
        block = rows[s:s + _BLOCK]
        sims = matrix[block] @ matrix.T
        for r, c in zip(*np.nonzero(sims >= MEANING_CANDIDATE)):
            i, j = with_vec[block[r]], with_vec[c]
            if i != j:
                out.append((min(i, j), max(i, j)))
    return out
