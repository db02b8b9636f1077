"""The claim engine: article text in, atomic factual claims (with speaker, kind, score) out.

spaCy loads lazily on first use (or on warm_up()), never at import time.
"""

from __future__ import annotations

import threading
from collections.abc import Generator

from workbench.domain import ClaimDraft, Progress

__all__ = ["extract_claims", "iter_extract_claims", "warm_up"]


def iter_extract_claims(
    text: str, cancel: threading.Event | None = None
) -> Generator[Progress, None, list[ClaimDraft]]:
    """Yield Progress per chunk of paragraphs; return the claims in reading order.

    Raises workbench.domain.Cancelled when `cancel` is set.
    """
    from workbench.claims.engine import iter_extract

    return (yield from iter_extract(text, cancel))


def extract_claims(text: str) -> list[ClaimDraft]:
    """Every factual claim of `text`, atomic, in reading order (sorted by start)."""
    gen = iter_extract_claims(text)
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value


def warm_up() -> None:
    """Load the spaCy model and the scorer now (call from a background thread)."""
    from workbench.claims.nlp import get_nlp
    from workbench.claims.scorer import get_scorer

    get_nlp()
    get_scorer()
