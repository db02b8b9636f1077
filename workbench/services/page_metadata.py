"""Title, publisher and date of a web page, for filling in evidence quickly.

Network trouble never raises: the person gets empty fields (and a short reason) and types them in. A hostile
or broken server cannot hold the fetch: one deadline covers connecting, every redirect and every byte (a server
that sends one byte a second is cut off when it expires), redirects go only to http/https and at most
MAX_REDIRECTS times, at most MAX_BYTES are read, and only the first PARSE_BYTES are parsed, by lxml (C, linear
time: regexes over a page of repeated "<meta " took a minute and held the GIL, freezing the window).
"""

import http.client
import io
import json
import re
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from workbench.domain.limits import MAX_NAME, MAX_TITLE, MAX_URL
from workbench.text.cleaning import clean_line

MAX_BYTES = 2 * 1024 * 1024
PARSE_BYTES = 512 * 1024  # the <head> with its meta tags comes first
MAX_REDIRECTS = 5
DEADLINE = 10.0  # seconds for the whole fetch
USER_AGENT = "FactWorkbench/0.1 (+fact-checking desktop app)"
_REDIRECTS = (301, 302, 303, 307, 308)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_NAMES = ("article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate",
               "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created", "sailthru.date", "parsely-pub-date")


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


class FetchError(Exception):
    """Why a page could not be fetched, in a few words for the status bar."""


def fetch_page_metadata(url: str, timeout: float = DEADLINE) -> PageMetadata:
    url = (url or "").strip()
    if _http_url(url) is None:
        return PageMetadata(url, error="only http and https links can be fetched")
    try:
        data, charset, final_url = download(url, timeout)
    except FetchError as exc:
        return PageMetadata(url, error=f"could not fetch the page ({exc})")
    meta = parse_page_metadata(data, final_url, charset)
    return PageMetadata(url, meta.title, meta.publisher, meta.published)


def download(url: str, timeout: float = DEADLINE) -> tuple[bytes, str | None, str]:
    """(body, charset from the headers, final URL) within `timeout` seconds overall."""
    deadline = time.monotonic() + timeout
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        parts = _http_url(current)
        if parts is None:
            raise FetchError(f"a redirect to a link that is not http/https: {current[:80]}")
        connection = _connection(parts, deadline)
        try:
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            connection.request("GET", target, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5",
                                                       "Accept-Encoding": "identity"})
            response = connection.getresponse()
            if response.status in _REDIRECTS:
                location = response.getheader("Location") or ""
                if not location:
                    raise FetchError(f"redirect {response.status} without a Location")
                current = urljoin(current, location.strip())
                continue
            if response.status >= 400:
                raise FetchError(f"the server answered {response.status} {response.reason}"[:100])
            return _read(response), _charset(response.getheader("Content-Type") or ""), current
        except (OSError, http.client.HTTPException, ValueError) as exc:  # timeout, refused, reset, bad reply
            raise FetchError(_reason(exc, timeout)) from None
        finally:
            connection.close()
    raise FetchError(f"more than {MAX_REDIRECTS} redirects")


def _http_url(url: str):
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return None
    if len(url) > MAX_URL or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return parts


def _read(response: http.client.HTTPResponse) -> bytes:
    chunks, total = [], 0
    while total < MAX_BYTES:
        chunk = response.read1(min(65536, MAX_BYTES - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _charset(content_type: str) -> str | None:
    match = re.search(r"charset=[\"']?([\w.:-]{1,40})", content_type, re.I)
    return match.group(1) if match else None


def _reason(exc: BaseException, timeout: float) -> str:
    if isinstance(exc, TimeoutError | socket.timeout):
        return f"no complete answer within {timeout:g} s"
    return str(getattr(exc, "strerror", None) or exc or type(exc).__name__)[:100]


class _DeadlineSocket:
    """A connected socket whose every read waits at most until the fetch's deadline, so a server dripping bytes
    cannot stretch the fetch: the socket timeout alone restarts with each byte."""

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        self._sock = sock
        self._deadline = deadline
        self._readers = 0  # like a socket's own: closing waits until the response's reader is closed too
        self._closing = False

    def _arm(self) -> None:
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("deadline passed")
        self._sock.settimeout(remaining)

    def recv_into(self, buffer, nbytes: int = 0, flags: int = 0) -> int:
        self._arm()
        return self._sock.recv_into(buffer, nbytes, flags)

    def recv(self, bufsize: int, flags: int = 0) -> bytes:
        self._arm()
        return self._sock.recv(bufsize, flags)

    def sendall(self, data, flags: int = 0) -> None:
        self._arm()
        self._sock.sendall(data, flags)

    def makefile(self, mode: str = "rb", buffering: int = -1, **_kwargs):
        self._readers += 1
        return io.BufferedReader(socket.SocketIO(self, "rb"), io.DEFAULT_BUFFER_SIZE)  # type: ignore[arg-type]

    def _decref_socketios(self) -> None:  # called by SocketIO.close
        self._readers -= 1
        if self._closing and self._readers <= 0:
            self._sock.close()

    def close(self) -> None:
        self._closing = True
        if self._readers <= 0:
            self._sock.close()

    def __getattr__(self, name: str):
        return getattr(self._sock, name)


def _connection(parts, deadline: float) -> http.client.HTTPConnection:
    base = http.client.HTTPSConnection if parts.scheme.lower() == "https" else http.client.HTTPConnection

    class Bounded(base):  # type: ignore[misc, valid-type]
        def connect(self) -> None:
            self.timeout = max(0.05, deadline - time.monotonic())
            super().connect()
            self.sock = _DeadlineSocket(self.sock, deadline)

    return Bounded(parts.hostname, parts.port, timeout=max(0.05, deadline - time.monotonic()))


# -- reading the page ------------------------------------------------------------------------------------

def parse_page_metadata(html: bytes | str, url: str = "", charset: str | None = None) -> PageMetadata:
    """Title, site name and publication date from the first PARSE_BYTES of a page: Open Graph and other meta tags,
    JSON-LD, <time>, then <title>; the host name when the page names no publisher."""
    root = _parse(html, charset)
    title = publisher = published = ""
    if root is not None:
        metas: dict[str, str] = {}
        for meta in root.iter("meta"):
            name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
            content = meta.get("content")
            if name and content and name not in metas:
                metas[name] = content
        ld = _json_ld(root)
        title = metas.get("og:title") or metas.get("twitter:title") or _text(root.find(".//title")) \
            or str(ld.get("headline") or "")
        publisher = metas.get("og:site_name") or metas.get("application-name") or _publisher_name(ld)
        dates = [metas.get(name, "") for name in _DATE_NAMES] + [str(ld.get("datePublished") or "")]
        dates += [t.get("datetime") or "" for t in root.iter("time")][:5]
        published = next((m.group(0) for d in dates if d and (m := _DATE.match(d.strip()))), "")
    host = urlsplit(url).hostname or "" if url else ""
    return PageMetadata(url, clean_line(title, MAX_TITLE),
                        clean_line(publisher, MAX_NAME) or host.removeprefix("www."), published)


def _parse(html: bytes | str, charset: str | None):
    from lxml import etree  # C parser, linear in the input; installed with trafilatura

    data = html.encode("utf-8", "replace") if isinstance(html, str) else html
    data = data[:PARSE_BYTES]
    if not data.strip():
        return None
    try:
        parser = etree.HTMLParser(encoding=_known(charset) if not isinstance(html, str) else "utf-8",
                                  recover=True, no_network=True, remove_comments=True, remove_pis=True)
        return etree.fromstring(data, parser)
    except (etree.LxmlError, ValueError, LookupError):
        return None


def _known(charset: str | None) -> str | None:
    import codecs

    try:
        return codecs.lookup(charset).name if charset else None
    except LookupError:
        return None


def _text(element) -> str:
    return "".join(element.itertext()) if element is not None else ""


def _json_ld(root) -> dict:
    """The first JSON-LD object naming a headline or date (NewsArticle and the like)."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text[:100_000])
        except (ValueError, RecursionError):
            continue
        for item in (data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict)
                     else [])[:20]:
            if isinstance(item, dict) and ("headline" in item or "datePublished" in item):
                return item
    return {}


def _publisher_name(ld: dict) -> str:
    publisher = ld.get("publisher")
    if isinstance(publisher, list):
        publisher = publisher[0] if publisher else ""
    if isinstance(publisher, dict):
        publisher = publisher.get("name") or ""
    return publisher if isinstance(publisher, str) else ""
