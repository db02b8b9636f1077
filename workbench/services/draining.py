"""Running a progress-yielding service to its end, for callers that show no progress."""

from collections.abc import Generator
from typing import TypeVar

from workbench.domain import Progress

T = TypeVar("T")


def drain(generator: Generator[Progress, None, T]) -> T:
    """Run a progress-yielding service to the end and return its result."""
    while True:
        try:
            next(generator)
        except StopIteration as stop:
            return stop.value
