"""What a drag or a paste carries: web links (evidence) or local files (articles to import)."""

from pathlib import Path

from PySide6.QtCore import QMimeData

from workbench.domain.urls import is_openable


def link_from_mime(mime: QMimeData | None) -> str | None:
    """The first http(s) link in dragged or pasted data."""
    if mime is None:
        return None
    for url in mime.urls() if mime.hasUrls() else []:
        if url.scheme() in ("http", "https") and is_openable(url.toString()):
            return url.toString()
    if mime.hasText():
        text = mime.text().strip()
        if text and "\n" not in text and is_openable(text):
            return text
    return None


def files_from_mime(mime: QMimeData | None) -> list[Path]:
    if mime is None or not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile() and Path(u.toLocalFile()).is_file()]
