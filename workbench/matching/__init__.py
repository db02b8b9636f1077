"""Matching: normalisation, overlapping claims within a workspace, and the archive of checked claims.

Pure Python plus rapidfuzz (and numpy for the archive index): no SQL, no spaCy, no Qt.
"""

from workbench.matching.overlaps import (
    CERTAIN_THRESHOLD,
    INCONSISTENCY_THRESHOLD,
    SUGGEST_THRESHOLD,
    find_overlaps,
)

__all__ = ["CERTAIN_THRESHOLD", "INCONSISTENCY_THRESHOLD", "SUGGEST_THRESHOLD", "find_overlaps"]
