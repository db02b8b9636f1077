"""Is a claim's speaker a person or an organisation? The named-entity label of the speaker's name where the
article names it (its paragraph), else of the name on its own. For ClaimReview's itemReviewed.author."""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbench.claims.descriptions import bare_name

PERSON_LABELS = frozenset({"PERSON"})
ORGANISATION_LABELS = frozenset({"ORG", "NORP", "GPE", "FAC", "LOC"})
_RELAY = re.compile(r"\s*\((according to|via|citing)\b[^)]*\)\s*$", re.IGNORECASE)
_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


def _label(ents, start: int, end: int) -> str | None:
    """The label of the entity that covers most of [start, end) (character offsets of the doc)."""
    best, best_len = None, 0
    for ent in ents:
        shared = min(end, ent.end_char) - max(start, ent.start_char)
        if shared > best_len:
            best, best_len = ent.label_, shared
    return best


def _kind(label: str | None) -> str | None:
    if label in PERSON_LABELS:
        return "Person"
    if label in ORGANISATION_LABELS:
        return "Organization"
    return None


def speaker_types(items: Sequence[tuple[str, str, int, int]]) -> list[str | None]:
    """For each (speaker, article text, claim start, claim end): "Person", "Organization" or None (unknown)."""
    from workbench.claims.nlp import get_nlp

    nlp = get_nlp()
    parsed: dict[tuple[int, int], object] = {}
    result: list[str | None] = []
    for speaker, text, start, end in items:
        name = _ARTICLE.sub("", bare_name(_RELAY.sub("", speaker.strip())))  # "Ted Cruz (the senator)"
        if not name:
            result.append(None)
            continue
        para_start = text.rfind("\n\n", 0, start) + 1
        para_end = text.find("\n\n", end)
        para_end = len(text) if para_end < 0 else para_end
        found = text.find(name, para_start, para_end)
        label = None
        if found >= 0:
            key = (id(text), para_start)
            if key not in parsed:
                parsed[key] = nlp(text[para_start:para_end])
            doc = parsed[key]
            label = _label(doc.ents, found - para_start, found - para_start + len(name))
        if _kind(label) is None:
            label = _label(nlp(name).ents, 0, len(name))
        result.append(_kind(label))
    return result
