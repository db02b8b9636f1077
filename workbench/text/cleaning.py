"""Text that is not what it seems: control characters and terminal escapes removed on the way in, one-line
values shortened, NUL refused, and a Cancel checked while long text is parsed."""

import re
import threading
from collections.abc import Callable

from workbench.domain import Cancelled

# ESC sequences as terminals read them (CSI "ESC [ ... final", OSC "ESC ] ... BEL/ST", two-byte "ESC x"), and the
# 8-bit CSI/OSC introducers: removed whole, so "ESC]0;title" does not leave "]0;title" behind.
_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?|\x9b[0-?]*[ -/]*[@-~]"
                     r"|\x9d[^\x07\x1b]*\x07?")
# Control characters other than tab and line breaks (C0, DEL, C1).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """Text without terminal escape sequences and control characters; tabs and line breaks stay."""
    if not text:
        return text
    return _CONTROL.sub("", _ESCAPE.sub("", text))


def clean_line(text: str | None, limit: int) -> str:
    """One line of text (a title, a name): no controls, whitespace collapsed, at most `limit` characters
    (longer ends with "…")."""
    line = " ".join(strip_controls(text or "").split())
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


def has_controls(text: str) -> bool:
    return bool(_CONTROL.search(text) or "\x1b" in text)


_UNSAFE_ON_TERMINAL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """User text for a terminal line: control characters, line separators and bidi overrides shown as visible
    escapes (\\x1b, \\n), so no title can move the cursor, clear the screen, set the window title or reorder
    what is printed after it."""
    return _UNSAFE_ON_TERMINAL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


Checkpoint = Callable[[], None]


def checkpoint(cancel: threading.Event | None) -> Checkpoint:
    """A function that raises Cancelled once `cancel` is set; called between the passes of a long parse so that
    Cancel takes effect within a fraction of a second."""
    if cancel is None:
        return lambda: None

    def check() -> None:
        if cancel.is_set():
            raise Cancelled("Import cancelled")

    return check
