"""Reading archive files: CSV/TSV with named columns (delimiter sniffed) and ClaimReview JSON-LD.

Everything is read and checked before anything is stored, so a bad file changes nothing. Errors are
InvalidInput with one line a person can act on.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from workbench.domain import InvalidInput
from workbench.domain.urls import normalise_url

csv.field_size_limit(16 * 1024 * 1024)
_DELIMITERS = "\t,;|"
_JSON_SUFFIXES = (".json", ".jsonld", ".json-ld")


@dataclass(frozen=True, slots=True)
class ArchiveRow:
    external_id: str
    text: str
    title: str = ""
    rating: str = ""
    url: str = ""

    def as_tuple(self) -> tuple[str, str, str, str, str]:
        return (self.external_id, self.text, self.title, self.rating, self.url)


@dataclass(frozen=True, slots=True)
class ArchiveFile:
    rows: list[ArchiveRow]  # de-duplicated on external_id (the last one wins), file order kept
    format: str  # "csv", "tsv", "claimreview"
    skipped: int = 0  # rows without an id or a text


def read_text(path: Path | str) -> str:
    path = Path(path)
    if not path.exists():
        raise InvalidInput(f"No such file: {path}")
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder, not a file")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{path} is not UTF-8 text (bad byte 0x{data[exc.start]:02x} at offset {exc.start})") \
            from None
    if not text.strip():
        raise InvalidInput(f"{path} is empty")
    return text


def read_archive(path: Path | str, *, id_column: str | None = None, text_column: str | None = None,
                 title_column: str | None = None, rating_column: str | None = None,
                 url_column: str | None = None) -> ArchiveFile:
    """Rows of an archive file. JSON (by suffix or content) is read as ClaimReview; columns are not needed."""
    path = Path(path)
    text = read_text(path)
    if path.suffix.lower() in _JSON_SUFFIXES or text.lstrip()[:1] in ("[", "{"):
        rows, skipped = _claimreview_rows(path, text)
        fmt = "claimreview"
    else:
        if not id_column or not text_column:
            raise InvalidInput(f"{path} is a table: give --id-column and --text-column")
        wanted = [c for c in (id_column, text_column, title_column, rating_column, url_column) if c]
        table, fmt = _table(path, text, wanted)
        _check_columns(path, table.fieldnames or [], wanted)
        rows, skipped = [], 0
        for rec in table:
            ext = (rec.get(id_column) or "").strip()
            body = _clean(rec.get(text_column))
            if not ext or not body:
                skipped += 1
                continue
            rows.append(ArchiveRow(ext, body, _clean(rec.get(title_column)) if title_column else "",
                                   _clean(rec.get(rating_column)) if rating_column else "",
                                   _safe_url(rec.get(url_column)) if url_column else ""))
    rows = list({r.external_id: r for r in rows}.values())
    if not rows:
        raise InvalidInput(f"{path} holds no archive claims (no row with both an id and a text)")
    return ArchiveFile(rows, fmt, skipped)


def _safe_url(value: object) -> str:
    """Only http/https links are kept; anything else (javascript:, file:) is dropped, not stored."""
    text = str(value or "").strip()
    if not text:
        return ""
    try:
        return normalise_url(text)
    except InvalidInput:
        return ""


def read_queries(path: Path | str, *, id_column: str, text_column: str) -> list[tuple[str, str]]:
    """(query id, text) pairs from a CSV/TSV file with named columns, in file order."""
    path = Path(path)
    text = read_text(path)
    table, _ = _table(path, text, [id_column, text_column])
    _check_columns(path, table.fieldnames or [], [id_column, text_column])
    out = []
    for rec in table:
        body = _clean(rec.get(text_column))
        if body:
            out.append(((rec.get(id_column) or "").strip(), body))
    if not out:
        raise InvalidInput(f"{path} holds no queries (column {text_column!r} is empty)")
    return out


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())


def _table(path: Path, text: str, wanted: list[str]) -> tuple[csv.DictReader, str]:
    """A DictReader with the delimiter sniffed: the one whose header holds the wanted columns, else the
    one csv.Sniffer picks on the first lines, else the most frequent one in the header."""
    first_line = text.split("\n", 1)[0]
    delimiter = None
    for d in _DELIMITERS:
        fields = [f.strip() for f in next(csv.reader(io.StringIO(first_line), delimiter=d), [])]
        if wanted and all(w in fields for w in wanted):
            delimiter = d
            break
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff("\n".join(text.splitlines()[:20]), delimiters=_DELIMITERS).delimiter
        except csv.Error:
            counts = {d: first_line.count(d) for d in _DELIMITERS}
            delimiter = max(_DELIMITERS, key=lambda d: counts[d]) if any(counts.values()) else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if not reader.fieldnames:
        raise InvalidInput(f"{path} has no header row")
    reader.fieldnames = [f.strip() for f in reader.fieldnames]
    return reader, ("tsv" if delimiter == "\t" else "csv")


def _check_columns(path: Path, fieldnames: list[str], wanted: list[str]) -> None:
    missing = [c for c in wanted if c not in fieldnames]
    if missing:
        shown = ", ".join(fieldnames[:12]) + (" …" if len(fieldnames) > 12 else "")
        raise InvalidInput(f"{path} has no column {missing[0]!r} (columns: {shown})")


# -- ClaimReview ----------------------------------------------------------------------------------

def _claimreview_rows(path: Path, text: str) -> tuple[list[ArchiveRow], int]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{path} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    rows, skipped, seen = [], 0, 0
    for item in _reviews(data):
        seen += 1
        body = _clean(_string(item.get("claimReviewed")))
        url = _string(item.get("url")).strip()
        ext = _identifier(item.get("identifier")) or url
        if not body:
            skipped += 1
            continue
        if not ext:
            ext = "sha1:" + hashlib.sha1(body.encode("utf-8")).hexdigest()[:16]
        rating = item.get("reviewRating")
        rating_name = ""
        if isinstance(rating, dict):
            rating_name = _string(rating.get("alternateName") or rating.get("name"))
        title = _clean(_string(item.get("name") or item.get("headline")))
        rows.append(ArchiveRow(ext, body, title, _clean(rating_name), _safe_url(url)))
    # One fact-check page can review several claims: without an identifier, the URL alone is not an id.
    counts = Counter(r.external_id for r in rows)
    shared = {u for u, n in counts.items() if n > 1}
    if shared:
        rows = [r if r.external_id not in shared else
                ArchiveRow(f"{r.external_id}#{hashlib.sha1(r.text.encode('utf-8')).hexdigest()[:10]}", r.text,
                           r.title, r.rating, r.url) for r in rows]
    if not seen:
        raise InvalidInput(f"{path} holds no ClaimReview items (no object with claimReviewed)")
    return rows, skipped


def _reviews(data) -> Iterator[dict]:
    """ClaimReview objects: a list, a single object, {"@graph": [...]}, or nested in those."""
    if isinstance(data, list):
        for x in data:
            yield from _reviews(x)
    elif isinstance(data, dict):
        if "claimReviewed" in data or _is_type(data, "ClaimReview"):
            yield data
            return
        for key in ("@graph", "itemListElement", "item", "claimReview", "claims", "data", "reviews"):
            if key in data:
                yield from _reviews(data[key])


def _is_type(obj: dict, name: str) -> bool:
    t = obj.get("@type")
    return t == name or (isinstance(t, list) and name in t)


def _string(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return _string(value[0]) if value else ""
    if isinstance(value, dict):
        return _string(value.get("@value") or value.get("value") or value.get("name") or "")
    return str(value)


def _identifier(value) -> str:
    return _string(value).strip()
