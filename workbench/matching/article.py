"""Overlaps among the claims of one article (and against claims already stored), with their context.

A claim here is (id, text, start, end, attribution): the span is in the article text. Each claim gets its
source sentence(s) and attribution as context (matching.context), and pairs of claims whose spans overlap
(a role claim "Joseph Yun is the special representative" split out of the sentence another claim keeps
whole) are dropped: they are the same words, not a fact stated twice.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.domain import OverlapDraft
from workbench.matching.context import claim_context, sentence_bounds, spans_overlap
from workbench.matching.overlaps import find_overlaps
from workbench.matching.overstates import find_overstatements

ArticleClaim = tuple[int, str, int, int, "str | None"]  # id, text, start, end, attribution


def claim_rows(article_text: str, claims: Sequence[ArticleClaim]) -> list[tuple[int, str, str]]:
    """(id, text, context) rows for find_overlaps; the article is split into sentences once."""
    bounds = sentence_bounds(article_text)
    return [(i, text, claim_context(article_text, start, end, attribution, bounds=bounds))
            for i, text, start, end, attribution in claims]


def drop_same_span(found: Sequence[OverlapDraft], spans: dict[int, tuple[int, int]]) -> list[OverlapDraft]:
    """`found` without the pairs of one article whose source spans overlap (`spans`: id -> (start, end))."""
    return [o for o in found
            if not (o.a in spans and o.b in spans and spans_overlap(spans[o.a], spans[o.b]))]


def find_article_overlaps(article_text: str, claims: Sequence[ArticleClaim],
                          existing: Sequence[tuple[int, str] | tuple[int, str, str]] = (),
                          lead: Sequence[tuple[int, int]] = ()) -> list[OverlapDraft]:
    """find_overlaps over an article's claims with their context, against `existing` (other articles'
    claims, (id, text) or (id, text, context)), without same-span pairs; with `lead`, see add_overstatements."""
    found = find_overlaps(claim_rows(article_text, claims), existing)
    found = drop_same_span(found, {c[0]: (c[2], c[3]) for c in claims})
    return add_overstatements(article_text, claims, found, lead)


def add_overstatements(article_text: str, claims: Sequence[ArticleClaim], found: Sequence[OverlapDraft],
                       lead: Sequence[tuple[int, int]]) -> list[OverlapDraft]:
    """`found` with OVERSTATES pairs: a claim inside `lead` (the spans of title and standfirst, see
    lead_spans) more certain than a body claim of the same fact (matching.overstates). Such a pair replaces
    the duplicate flag of the same two claims."""
    lead_ids = {c[0] for c in claims if any(s <= c[2] and c[3] <= e for s, e in lead)}
    if not lead_ids:
        return list(found)
    spans = {c[0]: (c[2], c[3]) for c in claims}
    over = {(o.a, o.b): o for o in drop_same_span(find_overstatements(lead_ids, claim_rows(article_text, claims)),
                                                   spans)}
    return sorted([o for o in found if (o.a, o.b) not in over] + list(over.values()), key=lambda d: (d.a, d.b))


def lead_spans(article_text: str, title: str, subtitle: str) -> list[tuple[int, int]]:
    """Where the title and the standfirst stand in the text (their first occurrence), when they do."""
    spans = []
    for part in (title, subtitle):
        part = (part or "").strip()
        at = article_text.find(part) if len(part) > 10 else -1
        if at >= 0:
            spans.append((at, at + len(part)))
    return spans
