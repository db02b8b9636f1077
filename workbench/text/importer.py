"""Files to ParsedArticle: the shown text, its metadata, and spans for title and dek."""

import bisect
import hashlib
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from workbench.domain import ArticleImportError, ParsedArticle
from workbench.domain.limits import MAX_ARTICLE_BYTES, MAX_TITLE
from workbench.text.cleaning import checkpoint, clean_line, strip_controls
from workbench.text.decoding import decode_bytes
from workbench.text.files import read_capped
from workbench.text.html_article import looks_like_html
from workbench.text.html_process import parse_html_cancellable
from workbench.text.markup import Stripped, apply_deletions, markup_mask
from workbench.text.metadata import byline_authors, is_dateline, looks_like_dek, looks_like_title

MAX_BYTES = MAX_ARTICLE_BYTES


@dataclass(frozen=True, slots=True)
class _Paragraph:
    start: int
    end: int
    shown: str  # markup removed, for recognising the header


def parse_article_file(path: Path | str, cancel: threading.Event | None = None) -> ParsedArticle:
    path = Path(path)
    name = path.name or str(path)
    data = read_capped(path, MAX_BYTES, ArticleImportError, "an article file")
    check = checkpoint(cancel)
    check()
    text = decode_bytes(data, name)
    check()
    return parse_article(text, source=str(path), fallback_title=_title_from_name(path), kind=path.suffix.lower(),
                         cancel=cancel)


def parse_article(text: str, *, source: str = "", fallback_title: str = "Untitled article",
                  kind: str = "", cancel: threading.Event | None = None) -> ParsedArticle:
    if len(text) > MAX_BYTES:  # pasted text has no file size to check first
        raise ArticleImportError(f"{source or 'text'}: too long for an article ({len(text):,} characters; at most "
                                 f"{MAX_BYTES:,})")
    if "\x00" in text:
        raise ArticleImportError(f"{source or 'text'}: a NUL character at character {text.index(chr(0))}: "
                                 "this is not article text")
    text = strip_controls(text)  # terminal escapes and control characters never reach the workspace
    fallback_title = clean_line(fallback_title, MAX_TITLE) or "Untitled article"
    if kind in (".html", ".htm", ".xhtml") or (kind not in (".md", ".markdown", ".txt") and looks_like_html(text)):
        return parse_html_cancellable(text, source=source, fallback_title=fallback_title, cancel=cancel)
    # Plain text from newsrooms often carries Markdown emphasis (the seed does), so strip it too.
    return parse_text(text, source=source, fallback_title=fallback_title, cancel=cancel)


def parse_text(raw: str, *, source: str = "", fallback_title: str = "Untitled article",
               markdown: bool = True, cancel: threading.Event | None = None) -> ParsedArticle:
    """Plain text or Markdown: header lines become metadata, markup is removed with an offset map.
    Linear in the length of the text; Cancel is checked between passes."""
    check = checkpoint(cancel)
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    mask, replaced = markup_mask(raw, markdown=markdown, cancel=check)
    whole = apply_deletions(raw, mask, replaced, check)  # one pass; paragraphs are sliced through the offsets
    check()
    paragraphs = []
    for count, (start, end) in enumerate(paragraph_spans(raw)):
        if count % 1024 == 1023:
            check()
        shown = _shown_between(whole, start, end).strip()
        if shown:
            paragraphs.append(_Paragraph(start, end, shown))
    if not paragraphs:
        raise ArticleImportError(f"{source or 'text'}: no article text (only whitespace or markup)")

    header = _read_header(paragraphs)
    kept = [p for i, p in enumerate(paragraphs) if i not in header.dropped]
    if not kept:
        raise ArticleImportError(f"{source or 'text'}: no article text after the title and byline")
    check()

    # Delete everything outside kept paragraphs except one blank line between them.
    outside = bytearray(b"\x01") * len(raw)
    for count, p in enumerate(kept):
        outside[p.start:p.end] = bytes(p.end - p.start)
        if count % 1024 == 1023:
            check()
    for count, (before, after) in enumerate(zip(kept, kept[1:])):
        if count % 1024 == 1023:
            check()
        first = raw.find("\n", before.end, after.start)
        second = raw.find("\n", first + 1, after.start) if first >= 0 else -1
        for i in (first, second):
            if i >= 0:
                outside[i] = 0
    mask = bytearray((int.from_bytes(mask, "little") | int.from_bytes(outside, "little")).to_bytes(len(raw), "little"))
    check()
    stripped = apply_deletions(raw, mask, replaced, check)
    text = stripped.text
    check()

    title_span = _span_of(stripped, paragraphs[header.title]) if header.title is not None else None
    subtitle_span = _span_of(stripped, paragraphs[header.dek]) if header.dek is not None else None
    title = text[title_span[0]:title_span[1]] if title_span else fallback_title
    subtitle = text[subtitle_span[0]:subtitle_span[1]] if subtitle_span else ""
    return ParsedArticle(
        title=title, text=text, subtitle=subtitle, authors=header.authors, published=header.published,
        source=source, title_span=title_span, subtitle_span=subtitle_span,
    )


def paragraph_spans(raw: str) -> Iterator[tuple[int, int]]:
    """Source ranges of the paragraphs: runs of lines that hold a non-space character, from the start of the first
    line to the end of the last (one pass over the lines; a regex saying the same was quadratic on blank lines)."""
    start = end = -1
    pos = 0
    for line in raw.split("\n"):
        if line and not line.isspace():
            if start < 0:
                start = pos
            end = pos + len(line)
        elif start >= 0:
            yield start, end
            start = -1
        pos += len(line) + 1
    if start >= 0:
        yield start, end


@dataclass
class _Header:
    title: int | None = None
    dek: int | None = None
    dropped: frozenset[int] = frozenset()
    authors: tuple[str, ...] = ()
    published: date | None = None


def _read_header(paragraphs: list[_Paragraph]) -> _Header:
    """Look at the first few paragraphs: title, optional dek, then byline and dateline in any order."""
    header = _Header()
    dropped: set[int] = set()
    for i, p in enumerate(paragraphs[:6]):
        authors = byline_authors(p.shown)
        if authors and not header.authors:
            header.authors = authors
            dropped.add(i)
            continue
        published = is_dateline(p.shown)
        if published and header.published is None:
            header.published = published
            dropped.add(i)
    first_meta = min(dropped) if dropped else None
    if len(paragraphs) > 1 and looks_like_title(paragraphs[0].shown) and 0 not in dropped:
        header.title = 0
        # A dek sits between the title and the byline/dateline.
        if first_meta == 2 and looks_like_dek(paragraphs[1].shown):
            header.dek = 1
    header.dropped = frozenset(dropped)
    return header


def _shown_between(stripped: Stripped, start: int, end: int) -> str:
    """The shown text of the source range [start, end)."""
    offsets = stripped.offsets
    lo = bisect.bisect_left(offsets, start, 0, len(offsets) - 1)
    hi = bisect.bisect_left(offsets, end, 0, len(offsets) - 1)
    return stripped.text[lo:hi]


def _span_of(stripped: Stripped, paragraph: _Paragraph) -> tuple[int, int] | None:
    """The shown-text span of a source paragraph, trimmed of whitespace."""
    offsets = stripped.offsets
    start = bisect.bisect_left(offsets, paragraph.start, 0, len(offsets) - 1)
    end = bisect.bisect_left(offsets, paragraph.end, 0, len(offsets) - 1)
    if start >= end:
        return None
    text = stripped.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def content_hash(article: ParsedArticle) -> str:
    normalised = " ".join(article.text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def _title_from_name(path: Path) -> str:
    stem = clean_line(re.sub(r"[_\-]+", " ", path.stem), MAX_TITLE)
    return stem[:1].upper() + stem[1:] if stem else "Untitled article"
