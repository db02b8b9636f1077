"""Text normalisation for matching: numbers, dates, names, stems, synonyms.

Everything here is pure Python and deterministic. The output of `analyse()` is a list of `Term`s:
a canonical key (what we compare) plus the surface form (what a person reads in a reason).

Canonical keys:
  "#60", "#2/3", "#60%"       numbers ("sixty" = "60", "two-thirds" = "2/3", "60 percent" = "60%")
  "@11", "@11-21", "@tue"     month, month-day and weekday ("Nov. 21" = "November 21" = "21 November")
  "talk", "reject", ...       stemmed words with a small synonym table for news wording
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# ---------------------------------------------------------------------------------------------
# vocabularies

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be because been before
    being below between both but by can cannot could couldn't did didn't do does doesn't doing don't down
    during each either else ever every few for from further had hadn't has hasn't have haven't having he
    he'd he'll he's her here here's hers herself him himself his how how's however i i'd i'll i'm i've if
    in into is isn't it it's its itself just let's me might more most much must mustn't my myself neither
    no nor not now of off on once one only or other others ought our ours ourselves out over own per
    rather same shall shan't she she'd she'll she's should shouldn't since so some such than that that's
    the their theirs them themselves then there there's these they they'd they'll they're they've this
    those though through thus to too under until up upon us very via was wasn't we we'd we'll we're
    we've were weren't what what's when when's where where's whether which while who who's whom whose why
    why's will with within without won't would wouldn't yet you you'd you'll you're you've your yours
    yourself yourselves yes may many even still already just like get got gets getting go goes going
    gone went come comes came make makes made way well back really ago amid among amongst along
    s t re ve ll d m n't
    """.split()
)

# Words that carry little meaning in news copy: reporting verbs, attribution, hedges.
BOILERPLATE = frozenset(
    """
    say according accord sourc source sources official officials
    report reported reports reporting add added adds state stated statement statements claim claimed
    claims announce announced note noted spokesperson spokesman spokeswoman people person thing things
    time times year years day days week weeks month months also know known think thought
    include including includ show shows showed shown part current former see seem seemed appear appears
    appeared want wants wanted need needs needed take takes took give gives gave put puts keep kept idea
    instead given meanwhile clear clearly later first last next whole lot
    """.split()
)

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

# Multi-word names and abbreviations folded to one key before tokenising.
def _has(*needles: str, lower: bool = False):
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


# Synonym groups for common news wording; the first word is the canonical key (already stemmed).
_SYNONYM_GROUPS = [
    ("say", "say says said saying tell tells told telling"),
    ("talk", "talks talk discussion discussions negotiation negotiations negotiate negotiating dialogue "
             "dialog"),
    ("reject", "reject rejected rejects rejecting decline declined declines declining refuse refused "
               "refuses refusing spurn spurned spurns rebuff rebuffed rebuffs"),
    ("halt", "halt halted halts halting pause paused pauses pausing suspend suspended suspension "
             "moratorium freeze froze frozen stop stopped stops stopping cease ceased"),
    ("impos", "impose imposed imposes imposing slap slapped slaps levy levied"),
    ("fresh", "fresh new latest newest additional"),
    ("kill", "kill killed kills killing slain slay murdered"),
    ("die", "die died dies dying death deaths dead"),
    ("ban", "ban banned bans banning prohibit prohibited prohibits outlaw outlawed"),
    ("buy", "buy bought buys purchase purchased purchases"),
    ("rise", "rise rose risen rises rising increase increased increases increasing grew grow grows"),
    ("fall", "fall fell fallen falls falling decrease decreased decreases drop dropped drops decline"),
    ("meet", "meet met meets meeting meetings"),
    ("ready", "ready prepared willing"),
    ("evacuat", "evacuate evacuated evacuates evacuation evacuating"),
    ("arrest", "arrest arrested arrests detain detained detains"),
    ("president", "president presidents presidential"),
]
_SYNONYMS: dict[str, str] = {}
for _key, _words in _SYNONYM_GROUPS:
    for _w in _words.split():
        _SYNONYMS.setdefault(_w, _key)
# "decline" is ambiguous (refuse / fall); news claims use it more as "refuse", keep that.
_SYNONYMS["decline"] = "reject"
_SYNONYMS["declined"] = "reject"

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
# stemming


_NO_PLURAL = frozenset({"news", "always", "series", "species", "perhaps", "whereas", "texas", "kansas",
                        "arkansas", "lens", "physics", "politics", "economics", "mathematics", "ethics"})


def stem(word: str, synonyms: bool = True) -> str:
    """A light suffix stripper (plural, -ed, -ing, -ly, final e, demonym -an), with synonym folding."""
    return _stem_syn(word) if synonyms else _stem_plain(word)


@lru_cache(maxsize=200_000)
def _stem_syn(word: str) -> str:
    w = word.lower().replace("’", "'")
    syn = _SYNONYMS.get(w[:-2] if w.endswith("'s") else w)
    if syn is not None:
        return syn
    w = _stem_plain(w)
    return _SYNONYMS.get(w, w)


@lru_cache(maxsize=200_000)
def _stem_plain(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    elif w.endswith("'"):
        w = w[:-1]
    n = len(w)
    if n <= 3:
        return w
    if w.endswith("ies") and n > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is", "ous")) and w not in _NO_PLURAL:
        w = w[:-1]
    if w.endswith("ing") and len(w) > 5 and _has_vowel(w[:-3]):
        w = _undouble(w[:-3])
    elif w.endswith("ed") and len(w) > 4 and _has_vowel(w[:-2]):
        w = _undouble(w[:-2])
    elif w.endswith("ly") and len(w) > 5:
        w = w[:-2]
    if w.endswith("ean") or w.endswith("ian") or w.endswith("ican"):
        w = w[:-1]  # korean -> korea, russian -> russia, american -> america
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def _has_vowel(s: str) -> bool:
    return any(c in "aeiouy" for c in s)


def _undouble(s: str) -> str:
    if len(s) > 3 and s[-1] == s[-2] and s[-1] not in "lsz":
        return s[:-1]
    return s


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


_SPECIAL_WORDS = frozenset(MONTHS) | frozenset(f"{m}." for m in MONTHS) | frozenset(WEEKDAYS) \
    | frozenset(f"{d}." for d in WEEKDAYS) | frozenset(_WORD_NUMBERS) | frozenset(_SCALES) | {"a"}


def _word_kind(tok: str, initial: bool, headline: bool) -> str:
    """"name" (capitalised inside a sentence, or an acronym), "cap" (capitalised at a sentence start:
    a name or not, the caller decides from other texts) or "word"."""
    if not tok[0].isupper() or headline:
        return "word"
    if tok.isupper() and len(tok) > 1:
        return "name"
    return "cap" if initial else "name"


def _terms_from_tokens(raw: list[tuple[str, str, bool]], synonyms: bool = True) -> list[Term]:
    out: list[Term] = []
    words = [tok for kind, tok, _ in raw if kind == "word" and tok.lower() not in STOPWORDS]
    # Title Case or ALL CAPS headlines: capitals say nothing about names there
    lower = sum(1 for w in words if not w[0].isupper())
    headline = len(words) >= 5 and lower <= len(words) // 10
    i, n = 0, len(raw)
    while i < n:
        kind, tok, initial = raw[i]
        low = tok.lower()
        if kind == "word" and low not in _SPECIAL_WORDS:  # fast path: an ordinary word
            i += 1
            if low in STOPWORDS:
                continue
            key = stem(low, synonyms)
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


_FULL_MONTHS = frozenset({"january", "february", "april", "june", "july", "august", "september",
                          "october", "november", "december"})
_MONTH_CONTEXT = frozenset({"in", "since", "until", "till", "by", "early", "late", "mid", "last", "next",
                            "this", "of", "from", "through", "during", "before", "after", "on"})


def _month_of(raw, i) -> int | None:
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


def _next_is_day(raw, i) -> bool:
    return _day_at(raw, i + 1) is not None


def _prev_is_day(raw, i) -> bool:
    return i > 0 and raw[i - 1][0] == "num" and re.fullmatch(r"\d{1,2}", raw[i - 1][1]) is not None


def _day_at(raw, j) -> int | None:
    if j < len(raw) and raw[j][0] == "num":
        m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", raw[j][1])
        if m and 1 <= int(m.group(1)) <= 31:
            return int(m.group(1))
    return None


def _number_surface(value: str, raw, j) -> str:
    """'60' plus the following content word when there is one: '60 days'."""
    if j < len(raw) and raw[j][0] == "word":
        nxt = raw[j][1]
        if nxt.lower() not in STOPWORDS:
            return f"{value} {nxt}"
    return value


def _number_words(raw, i) -> tuple[str, int, bool] | None:
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


def content_keys(text: str, *, social: bool = False, synonyms: bool = True) -> list[str]:
    """Just the canonical keys, for indexing."""
    return [t.key for t in analyse(text, social=social, synonyms=synonyms)]
