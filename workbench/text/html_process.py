"""HTML articles read in a child process when Cancel must act: trafilatura takes ~15 s per megabyte of page and
cannot be interrupted inside a thread, so a large page is read by `python -m workbench.text.html_child` and the
child is killed when the person presses Cancel."""

import json
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date

from workbench.domain import ArticleImportError, Cancelled, ParsedArticle

IN_PROCESS_BELOW = 200_000  # characters: smaller pages take well under half a second here
POLL = 0.05  # seconds between looks at the Cancel flag
LIMIT = 600  # seconds: a page that takes longer is refused, not waited for


def parse_html_cancellable(markup: str, *, source: str, fallback_title: str,
                           cancel: threading.Event | None) -> ParsedArticle:
    from workbench.text.html_article import parse_html

    if cancel is None or len(markup) < IN_PROCESS_BELOW:
        return parse_html(markup, source=source, fallback_title=fallback_title)
    header = json.dumps({"source": source, "fallback_title": fallback_title})
    with tempfile.TemporaryFile() as page:  # the page goes in as a file: a pipe would need a writer thread
        page.write((header + "\n" + markup).encode("utf-8", "surrogatepass"))
        page.seek(0)
        child = subprocess.Popen([sys.executable, "-m", "workbench.text.html_child"], stdin=page,
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    started = time.monotonic()
    try:
        while True:
            if cancel.is_set():
                raise Cancelled("Import cancelled")
            try:
                out, _ = child.communicate(timeout=POLL)  # retried: what was read so far is kept
                break
            except subprocess.TimeoutExpired:
                if time.monotonic() - started > LIMIT:
                    raise ArticleImportError(f"{source or 'HTML'}: the page took too long to read") from None
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    return _article(out, source)


def _article(out: bytes, source: str) -> ParsedArticle:
    try:
        data = json.loads(out.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ArticleImportError(f"{source or 'HTML'}: the page could not be read") from None
    if "error" in data:
        raise ArticleImportError(data["error"])
    return ParsedArticle(
        title=data["title"], text=data["text"], subtitle=data["subtitle"], authors=tuple(data["authors"]),
        published=date.fromisoformat(data["published"]) if data["published"] else None, source=data["source"],
        title_span=tuple(data["title_span"]) if data["title_span"] else None,
        subtitle_span=tuple(data["subtitle_span"]) if data["subtitle_span"] else None)
