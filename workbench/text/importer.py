"""Files to ParsedArticle: the shown text, its metadata, and spans for title and dek."""

import bisect
import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from workbench.domain import ArticleImportError, ParsedArticle
from workbench.text.decoding import decode_bytes
from workbench.text.html_article import parse_html, looks_like_html
from workbench.text.markup import Stripped, apply_deletions, markup_deletions
from workbench.text.metadata import byline_authors, is_dateline, looks_like_dek, looks_like_title

_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class _Paragraph:
    start: int
    end: int
    shown: str  # markup removed, for recognising the header


def parse_article_file(path: Path | str) -> ParsedArticle:
    path = Path(path)
    name = path.name or str(path)
    if not path.exists():
        raise ArticleImportError(f"{path}: no such file")
    if path.is_dir():
        raise ArticleImportError(f"{path}: is a folder, not an article file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ArticleImportError(f"{name}: the file is too large for an article ({size // 1_048_576} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleImportError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    text = decode_bytes(data, name)
    return parse_article(text, source=str(path), fallback_title=_title_from_name(path), kind=path.suffix.lower())


def parse_article(text: str, *, source: str = "", fallback_title: str = "Untitled article",
                  kind: str = "") -> ParsedArticle:
    if kind in (".html", ".htm", ".xhtml") or (kind not in (".md", ".markdown", ".txt") and looks_like_html(text)):
        return parse_html(text, source=source, fallback_title=fallback_title)
    # Plain text from newsrooms often carries Markdown emphasis (the seed does), so strip it too.
    return parse_text(text, source=source, fallback_title=fallback_title)


def parse_text(raw: str, *, source: str = "", fallback_title: str = "Untitled article",
               markdown: bool = True) -> ParsedArticle:
    """Plain text or Markdown: header lines become metadata, markup is removed with an offset map."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    deleted, replaced = markup_deletions(raw, markdown=markdown)
    whole = apply_deletions(raw, deleted, replaced)  # one pass; paragraphs are sliced through the offsets
    paragraphs = [
        _Paragraph(m.start(), m.end(), _shown_between(whole, m.start(), m.end()).strip())
        for m in _PARAGRAPH.finditer(raw)
    ]
    paragraphs = [p for p in paragraphs if p.shown]
    if not paragraphs:
        raise ArticleImportError(f"{source or 'text'}: no article text (only whitespace or markup)")

    header = _read_header(paragraphs)
    kept = [p for i, p in enumerate(paragraphs) if i not in header.dropped]
    if not kept:
        raise ArticleImportError(f"{source or 'text'}: no article text after the title and byline")

    # Delete everything outside kept paragraphs except one blank line between them.
    keep: set[int] = set()
    for p in kept:
        keep.update(range(p.start, p.end))
    for before, after in zip(kept, kept[1:]):
        newlines = [i for i in range(before.end, after.start) if raw[i] == "\n"][:2]
        keep.update(newlines)
    deleted = deleted | (set(range(len(raw))) - keep)
    stripped = apply_deletions(raw, deleted, replaced)
    text = stripped.text

    title_span = _span_of(stripped, paragraphs[header.title]) if header.title is not None else None
    subtitle_span = _span_of(stripped, paragraphs[header.dek]) if header.dek is not None else None
    title = text[title_span[0]:title_span[1]] if title_span else fallback_title
    subtitle = text[subtitle_span[0]:subtitle_span[1]] if subtitle_span else ""
    return ParsedArticle(
        title=title, text=text, subtitle=subtitle, authors=header.authors, published=header.published,
        source=source, title_span=title_span, subtitle_span=subtitle_span,
    )


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
    inside = [i for i, o in enumerate(stripped.offsets[:-1]) if paragraph.start <= o < paragraph.end]
    if not inside:
        return None
    start, end = inside[0], inside[-1] + 1
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
    stem = re.sub(r"[_\-]+", " ", path.stem).strip()
    return stem[:1].upper() + stem[1:] if stem else "Untitled article"
