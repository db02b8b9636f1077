"""Which characters of a paragraph are inside double quotes: plain Python, linear in the text."""

from __future__ import annotations

QUOTE_SPAN_LIMIT = 600  # chars: a quotation inside one paragraph is never longer than this ...
# ... unless its marks pair as a typesetter pairs them (a curly opening and a curly closing mark,
# nothing between): a speaker's long quotation then runs up to this length
PAIRED_SPAN_LIMIT = 3_000
# Quote marks as tokens: curly, straight, and the doubled apostrophe some papers print for a
# straight quote (the New York Times archive: ''We will win,'' he said).
QUOTE_CHARS = frozenset({"\"", "\u201c", "\u201d", "''"})


def _marks(text: str) -> list[tuple[int, int, str]]:
    """(position, length, kind) of every double quote mark; kind is open, close or straight."""
    out: list[tuple[int, int, str]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\u201c":
            out.append((i, 1, "open"))
        elif ch == "\u201d":
            out.append((i, 1, "close"))
        elif ch == '"':
            out.append((i, 1, "straight"))
        elif ch == "'" and i + 1 < n and text[i + 1] == "'":
            out.append((i, 2, "straight"))
            i += 1
        i += 1
    return out


def has_quote_mark(text: str) -> bool:
    return any(m in text for m in ("\"", "\u201c", "\u201d", "''"))


def _long_pair(marks: list[tuple[int, int, str]], k: int, j: int, n: int) -> bool:
    """Do marks k and j, too far apart for an ordinary quotation, still make one? A curly closing
    mark after a curly opening one, no mark between, within PAIRED_SPAN_LIMIT ("Obama said, “There's
    a long tradition ... values.”", a thousand characters): a stray mark finds no such partner.
    A quotation opening the paragraph and never closed in it runs on to the paragraph's end (a
    quotation of several paragraphs closes only in its last)."""
    if j != k + 1:
        return False
    if j >= len(marks):  # never closed: a quotation that opens the paragraph runs on to its end
        return marks[k][0] == 0 and n <= PAIRED_SPAN_LIMIT and marks[k][2] != "close"
    if marks[j][0] - marks[k][0] > PAIRED_SPAN_LIMIT:
        return False
    # two straight marks prove nothing: a stray one pairs with the next quotation's opening mark
    return (marks[k][2], marks[j][2]) == ("open", "close")


def quote_depths(text: str) -> list[bool]:
    """For each char of a paragraph: is it inside double quotes?

    A quote opens at \u201c (or a straight quote) and closes at the next \u201d or straight
    quote. A quote still open at the paragraph's end may run on into the next paragraph (news
    convention), but a stray mark must not turn a whole speech into a quotation, nor flip every
    later quote inside out: an opening mark whose closing mark is more than QUOTE_SPAN_LIMIT
    characters away (or, at the paragraph's end, missing that far) is taken as stray, unless the
    two pair as a typesetter pairs them (`_long_pair`).
    One pass over the marks (the next closing mark of each is precomputed), so a paragraph of
    thousands of quote marks costs no more than its length.
    """
    out = [False] * len(text)
    marks = _marks(text)
    count = len(marks)
    next_close = [count] * (count + 1)  # index of the first closing or straight mark after k
    for k in range(count - 1, -1, -1):
        nxt = k + 1
        next_close[k] = nxt if nxt < count and marks[nxt][2] != "open" else next_close[nxt]
    k = 0
    while k < count:
        start, length, kind = marks[k]
        out[start : start + length] = [True] * length
        if kind == "close":  # a closing mark with nothing open: stray
            k += 1
            continue
        j = next_close[k]
        close = marks[j][0] if j < count else len(text)
        end = close + marks[j][1] if j < count else len(text)
        if close - start > QUOTE_SPAN_LIMIT and not _long_pair(marks, k, j, len(text)):
            k += 1  # stray opening mark
            continue
        out[start:end] = [True] * (end - start)
        if j >= count:
            break
        k = j + 1
    return out
