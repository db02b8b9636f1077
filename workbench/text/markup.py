"""Inline markup removal with an exact offset map back to the source text.

The shown text is built by deleting character ranges of the source (tags, emphasis markers,
link targets, header lines) and replacing entities. `offsets[i]` is the source index of shown
character i, so every span of the shown text points at the source words it came from.
"""

import html
import re
from dataclasses import dataclass

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]+)(?:\s+\"[^\"\n]*\")?\)")
# Emphasis: the same marker on both sides, hugging non-space text, within one line.
_EMPHASIS = re.compile(r"(?<![\w*_\\])(\*\*|__|\*|_)(?=\S)([^\n]*?\S)\1(?![\w*_])")
_HEADING = re.compile(r"^#{1,6}[ \t]+", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Stripped:
    text: str
    offsets: tuple[int, ...]  # len(text) + 1 entries; the last is the source end
    ends: tuple[int, ...] = ()  # source end of each shown character (an entity spans several)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source range that shown text[start:end] came from."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.ends[end - 1]


def markup_deletions(raw: str, *, markdown: bool = True) -> tuple[set[int], dict[int, tuple[int, str]]]:
    """Source indices to delete, and entity replacements {start: (end, text)}."""
    deleted: set[int] = set()
    replaced: dict[int, tuple[int, str]] = {}
    for m in _TAG.finditer(raw):
        deleted.update(range(m.start(), m.end()))
    for m in _ENTITY.finditer(raw):
        value = html.unescape(m.group(0))
        if value != m.group(0):
            replaced[m.start()] = (m.end(), value)
    if markdown:
        for m in _LINK.finditer(raw):
            deleted.add(m.start())
            deleted.update(range(m.end(1), m.end()))
        for m in _HEADING.finditer(raw):
            deleted.update(range(m.start(), m.end()))
        for m in _EMPHASIS.finditer(raw):
            if any(i in deleted for i in range(m.start(), m.end())):
                continue
            marker = len(m.group(1))
            deleted.update(range(m.start(), m.start() + marker))
            deleted.update(range(m.end() - marker, m.end()))
    return deleted, replaced


def apply_deletions(raw: str, deleted: set[int], replaced: dict[int, tuple[int, str]]) -> Stripped:
    chars: list[str] = []
    offsets: list[int] = []
    ends: list[int] = []
    i = 0
    n = len(raw)
    while i < n:
        if i in replaced and not deleted.intersection(range(i, replaced[i][0])):
            end, value = replaced[i]
            for ch in value:
                chars.append(ch)
                offsets.append(i)
                ends.append(end)
            i = end
            continue
        if i not in deleted:
            chars.append(raw[i])
            offsets.append(i)
            ends.append(i + 1)
        i += 1
    offsets.append(n)
    return Stripped("".join(chars), tuple(offsets), tuple(ends))


def strip_markup(raw: str, *, markdown: bool = True) -> Stripped:
    deleted, replaced = markup_deletions(raw, markdown=markdown)
    return apply_deletions(raw, deleted, replaced)
