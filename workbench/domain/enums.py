"""Closed vocabularies. Values are what the database and JSON exports store."""

from enum import StrEnum


class Stance(StrEnum):
    SUPPORTS = "supports"
    REFUTES = "refutes"
    CONTEXT = "context"


class ClaimKind(StrEnum):
    QUOTE = "quote"  # words put in someone's mouth
    NUMBER = "number"  # quantities, percentages, money
    DATE_EVENT = "date/event"  # who did what, when
    ROLE = "role/title"  # "X, the director-general of ..."
    STATEMENT = "statement"  # any other checkable assertion
    OPINION = "opinion"  # kept only with a low score; not a factual claim


class Origin(StrEnum):
    AUTO = "auto"
    MANUAL = "manual"


class OverlapState(StrEnum):
    FLAGGED = "flagged"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


class OverlapKind(StrEnum):
    DUPLICATE = "duplicate"  # same fact stated twice
    INCONSISTENCY = "inconsistency"  # same event, different number or date
    OVERSTATES = "overstates"  # headline/standfirst states as done what the body hedges
