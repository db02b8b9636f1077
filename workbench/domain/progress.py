"""Progress reports yielded by long-running services, and the cancellation signal."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Progress:
    done: int
    total: int
    message: str = ""


class Cancelled(Exception):
    """Raised inside a long-running service when the person pressed Cancel."""
