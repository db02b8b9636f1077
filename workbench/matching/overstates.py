"""A headline or standfirst that states as done what the body hedges: "opens" vs "is preparing to open".

Each claim gets a degree of certainty from its wording: hedged ("could", "may", "is preparing to", "plans
to", "is expected to" ...), future ("will", "is set to"), or stated as done (none of these). A lead claim
(in the title or standfirst) and a body claim about the same fact (an overlap score of OVERSTATES_MIN or
more, so the wording or the meaning ties them) where the lead is more certain than the body is flagged
OVERSTATES, with both phrases in the reason. Only the lead is judged: two body sentences that differ in
certainty are ordinary reporting ("will" in a quote, "could" in an analyst's view).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbench.domain import OverlapDraft, OverlapKind
from workbench.matching.overlaps import OverlapScorer

OVERSTATES_MIN = 45.0  # the pair's overlap score (wording + meaning) before certainty is compared
HEDGED, FUTURE, STATED = 0, 1, 2
_LEVEL_NAME = {HEDGED: "hedged", FUTURE: "a plan", STATED: "done"}

_HEDGE = re.compile(
    r"\b(?:could|may|might|would|possibly|perhaps|reportedly|allegedly|likely|unlikely|potentially"
    r"|(?:is|are|was|were|be|been)\s+(?:expected|preparing|planning|poised|hoping|aiming|seeking|considering"
    r"|likely|unlikely|due|supposed)\s+to"
    r"|(?:plans?|planned|prepares?|aims?|hopes?|seeks?|intends?|wants?|proposes?|proposed|considers?)\s+to"
    r"|(?:is|are)\s+considering|in talks to|on track to)\b", re.I)
_FUTURE = re.compile(r"\b(?:will|shall|(?:is|are)\s+(?:set|going|scheduled|about)\s+to|'ll)\b|\w'll\b", re.I)


def certainty(text: str) -> tuple[int, str]:
    """(HEDGED, FUTURE or STATED, the phrase that decided it: "is preparing to", "will", "")."""
    hedge = _HEDGE.search(text)
    if hedge:
        return HEDGED, _phrase(text, hedge)
    future = _FUTURE.search(text)
    if future:
        return FUTURE, _phrase(text, future)
    return STATED, ""


def _phrase(text: str, match: re.Match) -> str:
    """The hedge and the two words after it: "is preparing to open"."""
    tail = text[match.end():].split()[:2]
    return " ".join([match.group(), *tail]).rstrip(",.;:")


def find_overstatements(lead_ids: set[int], claims: Sequence[tuple[int, str] | tuple[int, str, str]],
                        meaning: bool = True) -> list[OverlapDraft]:
    """OVERSTATES pairs: a lead claim (id in `lead_ids`) more certain than a body claim of the same fact.
    `claims` are one article's claims, (id, text) or (id, text, context)."""
    leads = [c for c in claims if c[0] in lead_ids]
    body = [c for c in claims if c[0] not in lead_ids]
    if not leads or not body:
        return []
    scorer = OverlapScorer(claims, meaning=meaning)
    out = []
    for lead in leads:
        lead_level, lead_phrase = certainty(lead[1])
        if lead_level == HEDGED:
            continue  # a hedged headline overstates nothing
        for other in body:
            level, phrase = certainty(other[1])
            if level >= lead_level:
                continue
            draft = scorer.score(lead[0], other[0])
            if draft is None or draft.score < OVERSTATES_MIN:
                continue
            said = f"“{lead_phrase}”" if lead_phrase else f"“{_short(lead[1])}”"
            reason = (f"the headline states as {_LEVEL_NAME[lead_level]} {said}; the body says “{phrase}” "
                      f"({draft.reason})")
            out.append(OverlapDraft(draft.a, draft.b, draft.score, reason, OverlapKind.OVERSTATES))
    return out


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
