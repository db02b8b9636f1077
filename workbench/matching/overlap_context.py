"""Overlap context evidence: what a claim's source sentence and attribution add to, or take off, a pair."""

from __future__ import annotations

from workbench.matching.overlap_docs import _DISPLAY, _Doc
from workbench.matching.overlap_weights import _Weights

# Context (source sentence + attribution). Evidence = sum over the names, days and numbers found in one claim's
# text and the other's context (CROSS) or in both contexts (BOTH) of that factor x relative idf (idf / its
# maximum, so 0..1 whatever the number of claims), one name ("Choe Hon Sui") counted once. Ordinary words in
# context confirm nothing. One shared name is not confirmation: the bonus starts above CONTEXT_MIN_EVIDENCE,
# bonus = CONTEXT_MAX_BONUS x clamp((evidence - CONTEXT_MIN_EVIDENCE) / (CONTEXT_FULL_EVIDENCE - MIN)).
CONTEXT_CROSS = 0.8
CONTEXT_BOTH = 0.35
CONTEXT_KIND = {"name": 1.0, "number": 1.0, "date": 1.0, "word": 0.0, "cap": 0.0, "boiler": 0.0}
CONTEXT_MIN_EVIDENCE = 0.5
CONTEXT_FULL_EVIDENCE = 1.5
CONTEXT_MAX_BONUS = 30.0
CONTEXT_MIN_WORDING = 25.0  # the claims' own wording must score this much before context counts
CONTEXT_MISMATCH_PENALTY = 10.0  # both contexts name people/places/days, none in common
SUMMARY_PENALTY = 10.0  # a Title-Case headline (claims with context only) summarises; it restates loosely


def _context_evidence(a: _Doc, b: _Doc, weights: _Weights) -> tuple[float, list[str]]:
    """Weight of the terms one claim states and the other's context holds (or both contexts hold)."""
    if not (a.ctx or b.ctx) or a.ctx_sentences & b.ctx_sentences:
        return 0.0, []
    found: list[tuple[float, str, str]] = []
    common = weights.anchor_df  # terms around most claims ("North Korea") confirm nothing
    for x, y in ((a, b), (b, a)):
        for k in y.ctx.keys() & x.keys.keys():  # stated by x, in y's context
            if weights.df_full[k] > common:
                continue
            f = CONTEXT_KIND[weights.context_kind(x.kinds[k], k)] * CONTEXT_CROSS
            found.append((f * weights.idf_full[k], k, x.keys[k]))
    for k in a.ctx.keys() & b.ctx.keys():
        if weights.df_full[k] > common:
            continue
        f = CONTEXT_KIND[weights.context_kind(a.ctx[k], k)] * CONTEXT_BOTH
        found.append((f * weights.idf_full[k], k, a.ctx_surface[k]))
    found.sort(key=lambda t: (-t[0], t[1]))
    shown: list[str] = []
    total, seen = 0.0, set()
    for w, k, surface in found:
        if w <= 0:
            break  # sorted: ordinary words from here on
        g = a.group.get(k) or b.group.get(k) or _DISPLAY.get(k, surface)
        if g in seen:
            continue  # one name, several words
        seen.add(g)
        total += w
        label = g
        if w >= 0.1 and label not in shown:
            shown.append(label)
    return total, shown[:3]


def _with_context(a: _Doc, b: _Doc, weights: _Weights, score: float, wording: float, has_content: bool,
                  no_mismatch: bool) -> tuple[float, list[str]]:
    """The score after context: a bonus for confirming names/days/places, a penalty for contexts about
    different ones (unless a shared number/date says otherwise or the names already capped the pair), and
    the headline discount."""
    shown: list[str] = []
    if a.summary != b.summary:
        score -= SUMMARY_PENALTY
    if a.ctx_sentences & b.ctx_sentences:
        return score, shown  # one sentence cut in two, or neighbours: their context says nothing about the pair
    both = a.keys.keys() & b.keys.keys()  # names both texts state are what the pair is about, not its setting
    anchors_a, anchors_b = a.anchors - both, b.anchors - both
    if a.ctx_id and b.ctx_id and anchors_a and anchors_b and not anchors_a & anchors_b:
        if not no_mismatch:  # about different people, places or days
            score -= CONTEXT_MISMATCH_PENALTY
    elif has_content and wording >= CONTEXT_MIN_WORDING:
        evidence, shown = _context_evidence(a, b, weights)
        ramp = (evidence - CONTEXT_MIN_EVIDENCE) / (CONTEXT_FULL_EVIDENCE - CONTEXT_MIN_EVIDENCE)
        score += CONTEXT_MAX_BONUS * max(0.0, min(1.0, ramp))
        if ramp <= 0:
            shown = []
    return score, shown
