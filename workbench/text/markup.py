"""Inline markup removal with an exact offset map back to the source text.

The shown text is built by deleting character ranges of the source (tags, emphasis markers,
link targets, header lines) and replacing entities. `offsets[i]` is the source index of shown
character i, so every span of the shown text points at the source words it came from.
"""

import bisect
import html
import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]+)(?:\s+\"[^\"\n]*\")?\)")
# Emphasis: the same marker on both sides, hugging non-space text, within one line (see emphasis_spans).
_MARKERS = ("**", "__", "*", "_")
_MARKER_CHAR = re.compile(r"[*_]")
_HEADING = re.compile(r"^#{1,6}[ \t]+", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Stripped:
    text: str
    offsets: Sequence[int]  # len(text) + 1 entries; the last is the source end
    ends: Sequence[int] = ()  # source end of each shown character (an entity spans several)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source range that shown text[start:end] came from."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.ends[end - 1]


Replacements = dict[int, tuple[int, str]]  # {source start: (source end, shown text)}
_KEPT_RUN = re.compile(rb"\x00+")
_PIECE = 1 << 18


def markup_mask(raw: str, *, markdown: bool = True, cancel=None) -> tuple[bytearray, Replacements]:
    """One byte per source character (1: deleted), and entity replacements. `cancel()` is called between passes
    (it raises to stop a long import)."""
    mask = bytearray(len(raw))
    replaced: Replacements = {}
    check = cancel or (lambda: None)
    for count, m in enumerate(_TAG.finditer(raw)):
        mask[m.start():m.end()] = b"\x01" * (m.end() - m.start())
        if count % 4096 == 4095:
            check()
    check()
    for count, m in enumerate(_ENTITY.finditer(raw)):
        if count % 4096 == 4095:
            check()
        value = html.unescape(m.group(0))
        if value != m.group(0):
            replaced[m.start()] = (m.end(), value)
    check()
    if markdown:
        for count, m in enumerate(_LINK.finditer(raw)):
            if count % 4096 == 4095:
                check()
            mask[m.start()] = 1
            mask[m.end(1):m.end()] = b"\x01" * (m.end() - m.end(1))
        for m in _HEADING.finditer(raw):
            mask[m.start():m.end()] = b"\x01" * (m.end() - m.start())
        check()
        for count, (start, end, marker) in enumerate(emphasis_spans(raw, check)):
            if count % 4096 == 4095:
                check()
            if 1 in mask[start:end]:
                continue
            mask[start:start + marker] = b"\x01" * marker
            mask[end - marker:end] = b"\x01" * marker
    check()
    return mask, replaced


def markup_deletions(raw: str, *, markdown: bool = True) -> tuple[set[int], Replacements]:
    """Source indices to delete, and entity replacements {start: (end, text)}."""
    mask, replaced = markup_mask(raw, markdown=markdown)
    return {i for i, flag in enumerate(mask) if flag}, replaced


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def emphasis_spans(raw: str, cancel=None) -> Iterator[tuple[int, int, int]]:
    """(start, end, marker length) of each emphasis, left to right and never overlapping: a marker (`**`, `__`,
    `*`, `_`) not preceded by a word character, marker or backslash, followed by non-space text on the same line
    and the nearest same marker that closes it (after non-space text, not followed by a word character or
    marker); `**` is tried before `*`. The regex that said this directly took quadratic time on a line of
    unclosed markers; here every closing marker is found once and looked up by bisection."""
    n = len(raw)
    check = cancel or (lambda: None)
    closes: dict[str, list[int]] = {m: [] for m in _MARKERS}
    for count, found in enumerate(_MARKER_CHAR.finditer(raw)):
        if count % 4096 == 0:
            check()
        q = found.start()
        if q == 0 or raw[q - 1].isspace():
            continue
        for m in _MARKERS:
            after = q + len(m)
            if raw.startswith(m, q) and (after >= n or not (_word(raw[after]) or raw[after] in "*_")):
                closes[m].append(q)
    pos = 0
    line_end = -1
    count = 0
    while True:
        count += 1
        if count % 4096 == 0:
            check()
        found = _MARKER_CHAR.search(raw, pos)
        if found is None:
            return
        p = found.start()
        pos = p + 1
        if p > 0 and (_word(raw[p - 1]) or raw[p - 1] in "*_\\"):
            continue
        for m in (raw[p] * 2, raw[p]):
            inner = p + len(m)
            if not raw.startswith(m, p) or inner >= n or raw[inner].isspace():
                continue
            if line_end < inner:  # once per line, not once per marker
                line_end = raw.find("\n", inner)
                line_end = n if line_end < 0 else line_end
            candidates = closes[m]
            i = bisect.bisect_left(candidates, inner + 1)
            if i < len(candidates) and candidates[i] + len(m) <= line_end:
                end = candidates[i] + len(m)
                yield p, end, len(m)
                pos = end
                break


def apply_deletions(raw: str, deleted: set[int] | bytearray, replaced: Replacements, cancel=None) -> Stripped:
    """The shown text: `raw` without the deleted characters, entities replaced (unless part of one is deleted).
    Works on runs of kept characters, so a megabyte of text takes a fraction of a second."""
    n = len(raw)
    if isinstance(deleted, bytearray):
        mask = deleted
    else:
        mask = bytearray(n)
        for i in deleted:
            if 0 <= i < n:
                mask[i] = 1
    pieces: list[str] = []
    offsets = array("q")  # machine integers: a megabyte of text is 8 MB here, not 36 MB of int objects
    ends = array("q")

    check = cancel or (lambda: None)

    def keep(a: int, b: int) -> None:
        for count, run in enumerate(_KEPT_RUN.finditer(mask, a, b)):
            if count % 4096 == 4095:
                check()
            s, e = run.span()
            pieces.append(raw[s:e])
            for piece in range(s, e, _PIECE):  # a megabyte of plain text is one run: check between pieces
                offsets.extend(range(piece, min(piece + _PIECE, e)))
                ends.extend(range(piece + 1, min(piece + _PIECE, e) + 1))
                if e - s > _PIECE:
                    check()

    pos = 0
    for count, start in enumerate(sorted(replaced)):
        if count % 4096 == 4095:
            check()
        end, value = replaced[start]
        if start < pos or 1 in mask[start:end]:
            continue  # inside an earlier entity, or partly deleted: its characters stay as they are
        keep(pos, start)
        pieces.append(value)
        offsets.extend(array("q", [start]) * len(value))
        ends.extend(array("q", [end]) * len(value))
        pos = end
    keep(pos, n)
    offsets.append(n)
    return Stripped("".join(pieces), offsets, ends)


def strip_markup(raw: str, *, markdown: bool = True) -> Stripped:
    deleted, replaced = markup_deletions(raw, markdown=markdown)
    return apply_deletions(raw, deleted, replaced)
