"""Shared look-ups for the claim-engine tests."""

from workbench.claims import extract_claims


def claim_at(text: str, source_words: str):
    """The claim whose source span starts with `source_words` (the test fails, listing the spans, if none does)."""
    found = extract_claims(text)
    hits = [c for c in found if text[c.start : c.end].startswith(source_words)]
    assert hits, f"no claim starts at {source_words!r}: {[text[c.start:c.end] for c in found]}"
    return hits[0]
