"""Numeral and date parsing for matching: number words, fractions, scales, months, weekdays, days."""

from __future__ import annotations

import re

from workbench.matching.stemming import STOPWORDS

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}
_WORD_NUMBERS = {**_UNITS, **_TENS, "dozen": 12}
_FRACTIONS = {
    "half": "1/2", "halves": "1/2", "third": "1/3", "thirds": "1/3", "quarter": "1/4", "quarters": "1/4",
    "fourth": "1/4", "fourths": "1/4", "fifth": "1/5", "fifths": "1/5", "tenth": "1/10", "tenths": "1/10",
}
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": "mon", "mon": "mon", "tuesday": "tue", "tues": "tue", "tue": "tue", "wednesday": "wed",
    "wed": "wed", "thursday": "thu", "thurs": "thu", "thu": "thu", "friday": "fri", "fri": "fri",
    "saturday": "sat", "sat": "sat", "sunday": "sun", "sun": "sun",
}

# words that skip the ordinary-word fast path of analyse(): they may start a number or a date
_SPECIAL_WORDS = frozenset(MONTHS) | frozenset(f"{m}." for m in MONTHS) | frozenset(WEEKDAYS) \
    | frozenset(f"{d}." for d in WEEKDAYS) | frozenset(_WORD_NUMBERS) | frozenset(_SCALES) | {"a"}


def _format_number(value: float) -> str:
    if value == int(value):
        return str(int(value))
    return f"{value:.6g}"


def _parse_numeral(raw: str) -> tuple[str, bool] | None:
    """'1,000' -> '1000', '21st' -> '21', '60%' -> ('60', True). None if not a number."""
    s = raw.lstrip("$")
    pct = s.endswith("%")
    s = s.rstrip("%")
    s = re.sub(r"(st|nd|rd|th|s)$", "", s)
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", s):
        s = s.replace(",", "")
    s = s.replace(",", ".") if s.count(",") == 1 and "." not in s else s
    try:
        value = float(s)
    except ValueError:
        return None
    return _format_number(value), pct


_FULL_MONTHS = frozenset({"january", "february", "april", "june", "july", "august", "september",
                          "october", "november", "december"})
_MONTH_CONTEXT = frozenset({"in", "since", "until", "till", "by", "early", "late", "mid", "last", "next",
                            "this", "of", "from", "through", "during", "before", "after", "on"})


def _month_of(raw: list[tuple[str, str, bool]], i: int) -> int | None:
    tok = raw[i][1]
    low = tok.lower().rstrip(".")
    month = MONTHS.get(low)
    if month is None:
        return None
    if low in _FULL_MONTHS:
        return month
    if not tok[0].isupper():
        return None
    if low in ("may", "march"):  # also a verb / a noun: need a day, a year or "in May"
        year_next = i + 1 < len(raw) and re.fullmatch(r"(19|20)\d\d", raw[i + 1][1]) is not None
        prev_ctx = i > 0 and raw[i - 1][1].lower() in _MONTH_CONTEXT
        if not (_next_is_day(raw, i) or _prev_is_day(raw, i) or year_next or prev_ctx):
            return None
    return month


def _next_is_day(raw: list[tuple[str, str, bool]], i: int) -> bool:
    return _day_at(raw, i + 1) is not None


def _prev_is_day(raw: list[tuple[str, str, bool]], i: int) -> bool:
    return i > 0 and raw[i - 1][0] == "num" and re.fullmatch(r"\d{1,2}", raw[i - 1][1]) is not None


def _day_at(raw: list[tuple[str, str, bool]], j: int) -> int | None:
    if j < len(raw) and raw[j][0] == "num":
        m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", raw[j][1])
        if m and 1 <= int(m.group(1)) <= 31:
            return int(m.group(1))
    return None


def _number_surface(value: str, raw: list[tuple[str, str, bool]], j: int) -> str:
    """'60' plus the following content word when there is one: '60 days'."""
    if j < len(raw) and raw[j][0] == "word":
        nxt = raw[j][1]
        if nxt.lower() not in STOPWORDS:
            return f"{value} {nxt}"
    return value


def _number_words(raw: list[tuple[str, str, bool]], i: int) -> tuple[str, int, bool] | None:
    """Parse a run of number words starting at i. Returns (value, next index, is_fraction)."""
    n = len(raw)
    low = raw[i][1].lower()
    if low not in _WORD_NUMBERS and low not in _SCALES and low != "a":
        return None
    # "a half", "a third": fraction with implicit one; "a dozen", "a million"
    total, current, j, seen = 0, 0, i, False
    if low == "a":
        if i + 1 < n and raw[i + 1][0] == "word" and raw[i + 1][1].lower() in ("dozen", "hundred", "thousand",
                                                                               "million", "billion"):
            current, j = 0, i + 1  # scales use max(current, 1); "dozen" adds 12
        else:
            return None
    while j < n and raw[j][0] == "word":
        w = raw[j][1].lower()
        if w in _UNITS or w == "dozen":
            current += _WORD_NUMBERS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w in _SCALES:
            scale = _SCALES[w]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
        elif w == "and" and seen and j + 1 < n and raw[j + 1][1].lower() in _WORD_NUMBERS:
            pass
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None
    value = total + current
    # fraction: "two thirds" / "two-thirds"
    if j < n and raw[j][0] == "word" and raw[j][1].lower() in _FRACTIONS and 0 < value < 20:
        denom = _FRACTIONS[raw[j][1].lower()].split("/")[1]
        return f"{value}/{denom}", j + 1, True
    if value == 1 and j == i + 1 and low == "one":
        return None  # "one" is mostly a pronoun ("one of those detainees")
    return str(value), j, False
