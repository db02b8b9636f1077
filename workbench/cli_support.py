"""Small helpers for the command line: progress on stderr, JSON output, running services."""

import json
import sys
from collections.abc import Generator
from typing import Any

from workbench.domain import Progress


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def run_with_progress(generator: Generator[Progress, None, Any], label: str = "") -> Any:
    """Drain a progress-yielding service, reporting on stderr in steps of 10%."""
    last_step = -1
    tty = sys.stderr.isatty()
    while True:
        try:
            p = next(generator)
        except StopIteration as stop:
            if tty and last_step >= 0:
                sys.stderr.write("\n")
            return stop.value
        step = int(10 * p.done / p.total) if p.total else 0
        if step != last_step:
            last_step = step
            line = f"{label}{p.message} ({p.done}/{p.total})" if p.total != 100 else f"{label}{p.message} {p.done}%"
            sys.stderr.write(("\r\x1b[K" + line) if tty else line + "\n")
            sys.stderr.flush()


def fail(message: str, code: int = 2) -> int:
    sys.stderr.write(f"workbench: error: {shown(message)}\n")
    return code


def shown(text: object) -> str:
    """User text for a terminal: escapes and control characters made visible, never obeyed."""
    from workbench.text.cleaning import terminal_safe

    return terminal_safe(str(text))
