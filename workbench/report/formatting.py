"""Small shared helpers: which URLs become links, dates for people, colours with readable ink."""

from datetime import date, datetime
from pathlib import PurePath
from urllib.parse import urlsplit

STANCE_LABELS = {"supports": "Supports", "refutes": "Refutes", "context": "Context"}


def link_url(url: str | None) -> str | None:
    """The URL itself when it may become a link (http/https with a host, no spaces); else None."""
    text = (url or "").strip()
    if not text or any(ch.isspace() or ord(ch) < 32 for ch in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


def source_label(source: str | None) -> str:
    """How an article's source is shown: a URL as it is, a local file by its name only (no private paths)."""
    text = (source or "").strip()
    if not text or link_url(text) or "://" in text:
        return text
    name = PurePath(text.replace("\\", "/")).name if ("/" in text or "\\" in text) else text
    return f"{name} (local file)" if name != text else text


def human_date(value: date | str | None) -> str:
    """13 December 2017; an unparseable string is returned as it is."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    return f"{value.day} {value.strftime('%B %Y')}"


def human_datetime(iso: str) -> str:
    """2026-11-28T07:50:00Z -> 28 November 2026, 07:50 UTC."""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    return f"{human_date(moment.date())}, {moment:%H:%M} UTC"


def ink(colour: str) -> str:
    """Black or white, whichever reads better on the given #rrggbb background."""
    text = (colour or "").lstrip("#")
    if len(text) != 6:
        return "#000000"
    try:
        r, g, b = (int(text[i:i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return "#000000"

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    return "#000000" if luminance > 0.30 else "#ffffff"


def safe_colour(colour: str, fallback: str = "#9aa0a6") -> str:
    """Only #rgb / #rrggbb reach a style attribute."""
    text = (colour or "").strip()
    if text.startswith("#") and len(text) in (4, 7) and all(c in "0123456789abcdefABCDEF" for c in text[1:]):
        return text
    return fallback


def source_claims(data) -> dict[int, list[int]]:
    """Source id -> the numbers of the claims that cite it."""
    used: dict[int, list[int]] = {}
    for claim in data.claims:
        for ev in claim.evidence:
            numbers = used.setdefault(ev.source_id, [])
            if claim.number not in numbers:
                numbers.append(claim.number)
    return used


def authors_text(authors) -> str:
    names = [a for a in authors if a]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
