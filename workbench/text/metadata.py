"""Recognising the header of a news article: title, dek, byline and dateline."""

import re
from datetime import date

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_MDY = re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})", re.IGNORECASE)
_DMY = re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})", re.IGNORECASE)
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_BYLINE = re.compile(r"^(?:written\s+)?by\s+(?P<names>\S.*)$", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*(?:,|\band\b|&|;)\s*", re.IGNORECASE)
_DATELINE_NOISE = re.compile(
    r"(?:published|updated|posted|last modified|on)\b:?|\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?|[ap]\.?m\.?\b|"
    r"\b(?:[A-Z]{2,4}T|UTC|GMT)\b|monday|tuesday|wednesday|thursday|friday|saturday|sunday|[,|·•–—-]",
    re.IGNORECASE,
)


def parse_date(text: str) -> date | None:
    for pattern in (_ISO, _MDY, _DMY):
        m = pattern.search(text)
        if not m:
            continue
        month_text = m.group("month")
        month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.lower()[:3]]
        try:
            return date(int(m.group("year")), month, int(m.group("day")))
        except ValueError:
            continue
    return None


def is_dateline(paragraph: str) -> date | None:
    """A short paragraph that is only a date (and time): returns the date."""
    if len(paragraph) > 80 or "\n" in paragraph.strip():
        return None
    found = parse_date(paragraph)
    if found is None:
        return None
    rest = paragraph
    for pattern in (_ISO, _MDY, _DMY):
        rest = pattern.sub(" ", rest)
    rest = _DATELINE_NOISE.sub(" ", rest)
    return found if not rest.strip() else None


def byline_authors(paragraph: str) -> tuple[str, ...] | None:
    """Names from a byline paragraph ("By A, B and C"), or None if it is not a byline."""
    text = paragraph.strip()
    if len(text) > 160 or "\n" in text:
        return None
    m = _BYLINE.match(text)
    if not m:
        return None
    # "By Friday, Congress must pass the bill." is a sentence, not a byline: names are short and the
    # line does not end like a sentence (an initial such as "Jr." is fine).
    if text.endswith(("!", "?")) or (text.endswith(".") and not re.search(r"\b[A-Z][a-z]?\.$", text)):
        return None
    names = tuple(n.strip(" .") for n in _NAME_SPLIT.split(m.group("names")) if n.strip(" ."))
    if not names or not all(n[:1].isupper() and len(n.split()) <= 5 for n in names):
        return None
    return names


def looks_like_title(paragraph: str) -> bool:
    text = paragraph.strip()
    return 0 < len(text) <= 250 and "\n" not in text and not text.endswith((".", ":", ";", ","))


def looks_like_dek(paragraph: str) -> bool:
    text = paragraph.strip()
    return 0 < len(text) <= 400 and "\n" not in text
