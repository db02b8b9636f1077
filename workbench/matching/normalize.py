"""Text normalisation for matching: the Term record, analyse(), content_keys() and social clean-up.

Everything here is pure Python and deterministic. The output of `analyse()` is a list of `Term`s:
a canonical key (what we compare) plus the surface form (what a person reads in a reason).

Canonical keys:
  "#60", "#2/3", "#60%"       numbers ("sixty" = "60", "two-thirds" = "2/3", "60 percent" = "60%")
  "@11", "@11-21", "@tue"     month, month-day and weekday ("Nov. 21" = "November 21" = "21 November")
  "talk", "reject", ...       stemmed words with a small synonym table for news wording

Numbers and dates are parsed in matching.numbers_dates, words stemmed in matching.stemming.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from workbench.matching.numbers_dates import (
    _SCALES,
    _SPECIAL_WORDS,
    MONTHS,
    WEEKDAYS,
    _day_at,
    _format_number,
    _month_of,
    _number_surface,
    _number_words,
    _parse_numeral,
)
from workbench.matching.stemming import BOILERPLATE, STOPWORDS, stem

# re-exported: other modules import these from here
__all__ = ["BOILERPLATE", "MONTHS", "STOPWORDS", "TWEET_TRAILER", "WEEKDAYS", "Term", "analyse", "clean_social",
           "content_keys", "fold", "stem"]


# Multi-word names and abbreviations folded to one key before tokenising.
def _has(*needles: str, lower: bool = False) -> Callable[[str], bool]:
    """A cheap substring test that must pass before a phrase regex can match (speeds up indexing)."""
    if lower:
        return lambda text: any(n in text.lower() for n in needles)
    return lambda text: any(n in text for n in needles)


_PHRASES = [
    (_has("US", "U.S", "U. S"), re.compile(r"\bU\.?\s?S\.?\s?A\.?(?=\W|$)"), " USA "),
    (_has("US", "U.S"), re.compile(r"\bU\.S\.(?=\W|$)|\bU\.S\b|\bUS\b"), " USA "),
    (_has("united states", lower=True), re.compile(r"\bUnited States(?: of America)?\b", re.I), " USA "),
    (_has("UN", "U.N"), re.compile(r"\bU\.N\.(?=\W|$)|\bU\.N\b|\bUN\b"), " UNO "),
    (_has("united nations", lower=True), re.compile(r"\bUnited Nations\b", re.I), " UNO "),
    (_has("UK", "U.K"), re.compile(r"\bU\.K\.(?=\W|$)|\bUK\b"), " UK "),
    (_has("united kingdom", "britain", lower=True),
     re.compile(r"\bUnited Kingdom\b|\bGreat Britain\b|\bBritain\b", re.I), " UK "),
    (_has("E.U", "European Union"), re.compile(r"\bE\.U\.(?=\W|$)|\bEuropean Union\b", re.I), " EU "),
    (_has("cent", "pct", lower=True), re.compile(r"\bper cent\b|\bpercent\b|\bpct\b", re.I), " % "),
    (_has("down", lower=True), re.compile(r"\bturn(?:ed|s|ing)? down\b", re.I), " reject "),
]

_TOKEN_RE = re.compile(
    r"""
    (?P<num>\$?\d+(?:[.,]\d+)*(?:st|nd|rd|th|s)?%?)
  | (?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)
  | (?P<pct>%)
  | (?P<end>[.!?;:]+(?=\s|$)|["“”()\[\]]|—|–)
    """,
    re.X,
)
_URL_RE = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+", re.I)
_TRAILER_HANDLE_RE = re.compile(r"[—–]\s*([^—–]{0,80}?)\s*\(@?\w+\)(\s+[A-Z][a-z]+\.? \d{1,2}, \d{4}\s*)$")
_HANDLE_RE = re.compile(r"[@#]([A-Za-z0-9_]+)")
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
# "— Name (@handle) Month DD, YYYY" at the end of an embedded tweet
_TWEET_TRAILER_RE = re.compile(r"[—–-]\s*[^—–]{0,80}\(@?\w+\)\s+[A-Z][a-z]+\.? \d{1,2}, \d{4}\s*$")


TWEET_TRAILER = "name-date"  # "drop", "name-date" (drop the handle only) or "keep"


@dataclass(frozen=True, slots=True)
class Term:
    key: str  # canonical form compared across texts
    surface: str  # how it appeared, for reasons
    kind: str  # "word", "name", "cap" (capitalised sentence start), "number", "date", "boiler"


# ---------------------------------------------------------------------------------------------
# cleaning


def fold(text: str) -> str:
    """Unicode NFKC, curly quotes straightened, diacritics kept as letters."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return text.replace("’", "'").replace("‘", "'")


def clean_social(text: str) -> str:
    """Strip tweet furniture: trailer, URLs; split #HashTags and @handles into words."""
    if "(" in text:  # the cheap tests skip the regexes for ordinary sentences
        if TWEET_TRAILER == "drop":
            text = _TWEET_TRAILER_RE.sub(" ", text)
        elif TWEET_TRAILER == "name-date":
            text = _TRAILER_HANDLE_RE.sub(lambda m: ". " + m.group(1) + ". " + m.group(2), text)
    if "http" in text or "www." in text or "pic.twitter" in text:
        text = _URL_RE.sub(" ", text)
    if "@" in text or "#" in text:
        text = _HANDLE_RE.sub(lambda m: " " + _CAMEL_RE.sub(" ", m.group(1)).replace("_", " ") + " ", text)
    return text


# ---------------------------------------------------------------------------------------------
# analysis


def analyse(text: str, *, social: bool = False, synonyms: bool = True) -> list[Term]:
    """Terms of a text in order: numbers, dates, names and stemmed content words (no stopwords)."""
    text = fold(text)
    if social:
        text = clean_social(text)
    for guard, pattern, repl in _PHRASES:
        if guard(text):
            text = pattern.sub(repl, text)
    raw: list[tuple[str, str, bool]] = []  # (kind, token, sentence_initial)
    initial = True
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup
        tok = m.group()
        if kind == "end":
            initial = tok[0] in ".!?;:—–\"“(" or initial
            continue
        raw.append((kind, tok, initial))
        initial = False
    return _terms_from_tokens(raw, synonyms)


def _word_kind(tok: str, initial: bool, headline: bool) -> str:
    """"name" (capitalised inside a sentence, or an acronym), "cap" (capitalised at a sentence start:
    a name or not, the caller decides from other texts) or "word"."""
    if not tok[0].isupper() or headline:
        return "word"
    if tok.isupper() and len(tok) > 1:
        return "name"
    return "cap" if initial else "name"


_COPULAS = frozenset({"is", "are", "was", "were"})
# Words whose sense the next word tells: "a decline in coal generation" and "declined 5 percent" say "fall",
# "declined to meet" / "declined talks" say "reject"; "less coal" says "fall", "less than 5" compares.
_DECLINE = frozenset({"decline", "declined", "declines", "declining"})
_LESS = frozenset({"less", "fewer"})
_TREND_WORDS = _DECLINE | _LESS
_FALL_AFTER = frozenset({"in", "of", "by", "from", "sharply", "steeply", "steadily", "slightly", "further",
                         "again", "since", "last", "this", "for", "and", "but"})


def _trend(low: str, after: tuple[str, str, bool] | None) -> str | None:
    """The key of a decline/less word from the token after it (None: its ordinary stem)."""
    end = after is None or after[2] or after[0] != "word"  # clause end, a number or a percent
    nxt = "" if after is None else after[1].lower()
    if low in _LESS:
        return None if nxt == "than" else "fall"
    return "fall" if end or nxt in _FALL_AFTER else None


def _terms_from_tokens(raw: list[tuple[str, str, bool]], synonyms: bool = True) -> list[Term]:
    out: list[Term] = []
    words = [tok for kind, tok, _ in raw if kind == "word" and tok.lower() not in STOPWORDS]
    # Title Case or ALL CAPS headlines: capitals say nothing about names there
    lower = sum(1 for w in words if not w[0].isupper())
    # Title Case writes "Is"/"Was": a lower-case copula marks a sentence ("Jeffrey Feltman is U.N.
    # Under-Secretary-General"), whose capitals do name things.
    headline = len(words) >= 5 and lower <= len(words) // 10 and not any(
        kind == "word" and tok in _COPULAS for kind, tok, _ in raw)
    i, n = 0, len(raw)
    while i < n:
        kind, tok, initial = raw[i]
        low = tok.lower()
        if kind == "word" and low not in _SPECIAL_WORDS:  # fast path: an ordinary word
            i += 1
            if low in STOPWORDS:
                continue
            key = stem(low, synonyms)
            if synonyms and low in _TREND_WORDS:
                key = _trend(low, raw[i] if i < n else None) or key
            if key in STOPWORDS or len(key) < 2:
                continue
            if low in BOILERPLATE or key in BOILERPLATE:
                out.append(Term(key, tok, "boiler"))
            else:
                out.append(Term(key, tok, _word_kind(tok, initial, headline)))
            continue
        # --- dates: "Nov. 21", "November 21st", "21 November", weekdays, month names
        month = _month_of(raw, i) if kind == "word" else None
        if kind == "word" and month is not None:
            day = _day_at(raw, i + 1)
            if day is not None:
                out.append(Term(f"@{month}", tok, "date"))
                out.append(Term(f"@{month}-{day}", f"{tok} {day}", "date"))
                i += 2
                continue
            out.append(Term(f"@{month}", tok, "date"))
            i += 1
            continue
        if kind == "num":
            parsed = _parse_numeral(tok)
            if parsed is not None:
                value, pct = parsed
                # "21 November"
                if i + 1 < n and raw[i + 1][0] == "word" and re.fullmatch(r"\d{1,2}", value):
                    nxt = raw[i + 1][1]
                    mon = MONTHS.get(nxt.lower())
                    if mon is not None and nxt[0].isupper() and 1 <= int(value) <= 31:
                        out.append(Term(f"@{mon}", nxt, "date"))
                        out.append(Term(f"@{mon}-{value}", f"{nxt} {value}", "date"))
                        i += 2
                        continue
                j = i + 1
                # "3.5 million"
                if j < n and raw[j][0] == "word" and raw[j][1].lower() in _SCALES:
                    value = _format_number(float(value) * _SCALES[raw[j][1].lower()])
                    j += 1
                if j < n and raw[j][0] == "pct":
                    pct = True
                    j += 1
                key = f"#{value}%" if pct else f"#{value}"
                out.append(Term(key, _number_surface(value + ("%" if pct else ""), raw, j), "number"))
                i = j
                continue
        if kind == "pct":
            i += 1
            continue
        if kind == "word":
            wd = WEEKDAYS.get(low.rstrip("."))
            if wd is not None and (tok[0].isupper() or len(low) > 4):
                out.append(Term(f"@{wd}", tok, "date"))
                i += 1
                continue
            # number words: "sixty", "two hundred", "twenty-five" (hyphen split by the regex)
            parsed_words = _number_words(raw, i)
            if parsed_words is not None:
                value, j, is_fraction = parsed_words
                key = f"#{value}"
                if j < n and raw[j][0] == "pct":
                    key += "%"
                    j += 1
                out.append(Term(key, _number_surface(value, raw, j), "number"))
                i = j
                continue
            if low in STOPWORDS:
                i += 1
                continue
            key = stem(low, synonyms)
            if key in STOPWORDS or len(key) < 2:
                i += 1
                continue
            if low in BOILERPLATE or key in BOILERPLATE:
                out.append(Term(key, tok, "boiler"))
            else:
                out.append(Term(key, tok, _word_kind(tok, initial, headline)))
        i += 1
    return out


def content_keys(text: str, *, social: bool = False, synonyms: bool = True) -> list[str]:
    """Just the canonical keys, for indexing."""
    return [t.key for t in analyse(text, social=social, synonyms=synonyms)]
