"""A standfirst repeated as the lede: one claim with a second anchor, not two claims.

News pages often print the standfirst (dek) again as the first paragraph, or open with a lede that
restates it word for word with an attribution added. A claim stated in two of the opening
paragraphs is listed once: the fuller wording is kept and the other occurrence becomes a second
anchor (ClaimDraft.repeats), so the fact-checker sees both places and no duplicate flag.
"""

from __future__ import annotations

from dataclasses import replace

from workbench.claims.faithfulness import FUNCTION_WORDS, words
from workbench.domain import ClaimDraft, ClaimKind

OPENING = 4  # paragraphs (title and standfirst included) where a repeat is a standfirst's
MIN_WORDS = 4  # content words a repeated claim needs: "Officials said" is no repeat


def _content(text: str) -> list[str]:
    return [w for w, _ in words(text) if w not in FUNCTION_WORDS]


def _within(short: list[str], long: list[str]) -> bool:
    """Are the words of `short` in `long`, in the same order?"""
    k = 0
    for w in long:
        if k < len(short) and short[k] == w:
            k += 1
    return k == len(short)


def merge_opening_repeats(drafts: list[ClaimDraft], paragraph_of: list[int]) -> list[ClaimDraft]:
    """`drafts` in reading order, `paragraph_of[i]` the paragraph number of drafts[i]. A claim in
    the opening paragraphs whose words (the same words in the same order, at least MIN_WORDS of
    them) another claim of another opening paragraph holds is merged into that one."""
    merged: dict[int, list[int]] = {}  # kept index -> absorbed indices
    gone: set[int] = set()
    opening = [i for i, p in enumerate(paragraph_of) if p < OPENING and drafts[i].kind != ClaimKind.ROLE]
    for a_pos, a in enumerate(opening):
        if a in gone:
            continue
        wa = _content(drafts[a].text)
        for b in opening[a_pos + 1 :]:
            if b in gone or paragraph_of[b] == paragraph_of[a]:
                continue
            wb = _content(drafts[b].text)
            short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
            if len(short) < MIN_WORDS or not _within(short, long):
                continue
            # the fuller wording stays; at equal length, the one that names its speaker
            b_first = len(wb) > len(wa) or (len(wb) == len(wa) and drafts[b].attribution and not drafts[a].attribution)
            keep, drop = (b, a) if b_first else (a, b)
            merged.setdefault(keep, []).append(drop)
            merged[keep] += merged.pop(drop, [])
            gone.add(drop)
            if drop == a:
                break
    out = []
    for i, d in enumerate(drafts):
        if i in gone:
            continue
        others = sorted(merged.get(i, []), key=lambda k: drafts[k].start)
        if others:
            repeats = tuple(drafts[k].parts or ((drafts[k].start, drafts[k].end),) for k in others)
            d = replace(d, repeats=d.repeats + repeats)
        out.append(d)
    return out
