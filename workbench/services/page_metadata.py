"""Title, publisher and date of a web page, for filling in evidence quickly.

Network trouble never raises: the person gets empty fields (and a short reason) and types them in.
"""

import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from html import unescape
from urllib.parse import urlsplit

MAX_BYTES = 3 * 1024 * 1024
USER_AGENT = "FactWorkbench/0.1 (+fact-checking desktop app)"


@dataclass(frozen=True, slots=True)
class PageMetadata:
    url: str
    title: str = ""
    publisher: str = ""
    published: str = ""  # ISO date or empty
    error: str = ""  # why nothing was found, for the status bar

    @property
    def empty(self) -> bool:
        return not (self.title or self.publisher or self.published)


def fetch_page_metadata(url: str, timeout: float = 5.0) -> PageMetadata:
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return PageMetadata(url, error="only http and https links can be fetched")
    try:
        html = _download(url, timeout)
    except (urllib.error.URLError, OSError, ValueError) as exc:  # offline, timeout, refused, bad status
        reason = getattr(exc, "reason", None) or exc
        return PageMetadata(url, error=f"could not fetch the page ({reason})")
    return parse_page_metadata(html, url)


def parse_page_metadata(html: str, url: str = "") -> PageMetadata:
    title = publisher = published = ""
    try:
        from trafilatura import extract_metadata  # heavy import: only when a page is actually fetched

        doc = extract_metadata(html, default_url=url or None)
        if doc is not None:
            title = (doc.title or "").strip()
            publisher = (doc.sitename or "").strip()
            published = (doc.date or "").strip()[:10]
    except Exception:  # a parser failure must not cost the person the fields we can still find
        pass
    title = title or _meta(html, "og:title") or _title_tag(html)
    publisher = publisher or _meta(html, "og:site_name") or (urlsplit(url).hostname or "").removeprefix("www.")
    published = published or _meta(html, "article:published_time")[:10]
    if published and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        published = ""
    return PageMetadata(url, title, publisher, published)


def _download(url: str, timeout: float) -> str:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked above
        data = response.read(MAX_BYTES)
        charset = response.headers.get_content_charset() or "utf-8"
    try:
        return data.decode(charset, errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def _meta(html: str, prop: str) -> str:
    pattern = (r"<meta[^>]+(?:property|name)\s*=\s*[\"']" + re.escape(prop)
               + r"[\"'][^>]*content\s*=\s*[\"']([^\"']*)[\"']")
    match = re.search(pattern, html, re.I)
    return unescape(match.group(1)).strip() if match else ""


def _title_tag(html: str) -> str:
    match = re.search(r"<title[^>]*>(.*?)</title>", html, re.I | re.S)
    return " ".join(unescape(match.group(1)).split()) if match else ""
