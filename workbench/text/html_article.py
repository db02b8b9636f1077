"""HTML articles through trafilatura: main text, title, author, date and description."""

import re

from workbench.domain import ArticleImportError, InvalidInput, ParsedArticle
from workbench.domain.urls import normalise_url
from workbench.domain.limits import MAX_AUTHORS, MAX_NAME, MAX_SUBTITLE, MAX_TITLE
from workbench.text.cleaning import clean_line
from workbench.text.metadata import parse_date

_HTML_HINT = re.compile(r"<(?:!doctype\s+html|html|body|article|p|div)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text[:4096]))


def parse_html(markup: str, *, source: str = "", fallback_title: str = "Untitled article") -> ParsedArticle:
    import trafilatura  # heavy import, only when an HTML file arrives

    doc = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(body.split()) < 5:  # a menu or a cookie banner is not an article
        raise ArticleImportError(f"{source or 'HTML'}: no article text found in the HTML")
    # A page's <title> and description are whatever its author wrote: one line each, capped.
    title = clean_line(getattr(doc, "title", None), MAX_TITLE) or fallback_title
    subtitle = clean_line(getattr(doc, "description", None), MAX_SUBTITLE)
    names = (clean_line(a, MAX_NAME) for a in re.split(r";|,|\band\b", _clean(getattr(doc, "author", None))))
    authors = tuple(a for a in names if a)[:MAX_AUTHORS]
    published = parse_date(_clean(getattr(doc, "date", None)))
    url = _clean(getattr(doc, "url", None))

    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    if paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    head = [title] + ([subtitle] if subtitle and subtitle not in paragraphs[:1] else [])
    text = "\n\n".join(head + paragraphs)
    title_span = (0, len(title))
    subtitle_span = (len(title) + 2, len(title) + 2 + len(subtitle)) if len(head) == 2 else None
    return ParsedArticle(
        title=title, text=text, subtitle=subtitle if subtitle_span else "", authors=authors,
        published=published, source=_page_url(url) or source,
        title_span=title_span, subtitle_span=subtitle_span,
    )


def _clean(value: object) -> str:
    return " ".join(str(value).split())[:MAX_SUBTITLE] if value else ""


def _page_url(url: str) -> str:
    """The page's own address when it is a link we would store; empty otherwise."""
    try:
        return normalise_url(url) if url else ""
    except InvalidInput:
        return ""
