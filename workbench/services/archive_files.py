"""Reading archive files: CSV/TSV with named columns (delimiter sniffed) and ClaimReview JSON-LD.

Everything is read and checked before anything is stored, so a bad file changes nothing. Errors are
InvalidInput with one line a person can act on.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from workbench.domain import InvalidInput
from workbench.domain.limits import MAX_ARCHIVE_BYTES, MAX_JSON_DEPTH
from workbench.domain.urls import normalise_url
from workbench.text.cleaning import strip_controls
from workbench.text.files import load_json, read_capped

FIELD_LIMIT = 16 * 1024 * 1024
csv.field_size_limit(FIELD_LIMIT)
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
    data = read_capped(path, MAX_ARCHIVE_BYTES, InvalidInput, "an archive file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{path} is not UTF-8 text (bad byte 0x{data[exc.start]:02x} at offset {exc.start})") \
            from None
    if not text.strip():
        raise InvalidInput(f"{path} is empty")
    nul = text.find("\x00")
    if nul >= 0:
        raise InvalidInput(f"{path}: a NUL character at line {text.count(chr(10), 0, nul) + 1}: not a text table "
                           "or JSON file")
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
        for rec in _records(path, table):
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
    for rec in _records(path, table):
        body = _clean(rec.get(text_column))
        if body:
            out.append(((rec.get(id_column) or "").strip(), body))
    if not out:
        raise InvalidInput(f"{path} holds no queries (column {text_column!r} is empty)")
    return out


def _clean(value: str | None) -> str:
    return " ".join(strip_controls(value or "").split())


def _records(path: Path, table: csv.DictReader) -> Iterator[dict]:
    """The rows of a table, refused with the line where a row went wrong: a quote that is never closed would
    otherwise swallow the rows after it into one field, silently."""
    reader = table.reader
    columns = len(table.fieldnames or [])
    delimiter = reader.dialect.delimiter
    while True:
        start = reader.line_num + 1
        try:
            rec = next(table)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise InvalidInput(f"{path}: line {start}: a field is larger than {FIELD_LIMIT // 1_048_576} MB "
                                   "(an unclosed quote?)") from None
            raise InvalidInput(f"{path}: line {start}: {_csv_problem(exc)}") from None
        if reader.line_num > start and columns > 1:
            for value in rec.values():
                if isinstance(value, str) and "\n" in value and _swallowed(value, delimiter, columns):
                    raise InvalidInput(f"{path}: line {start}: a quote opened here is closed only on line "
                                       f"{reader.line_num}, taking the rows between into one field; close the "
                                       "quote (or double a quote inside a field: \"\")")
        yield rec


def _csv_problem(exc: csv.Error) -> str:
    text = str(exc)
    if "unexpected end of data" in text or "EOF" in text:
        return "a quoted field is never closed (a missing \")"
    if "expected after" in text:
        return ("a quoted field does not end where it should: a quote left open, or a quote inside quotes not "
                "doubled (write \"\")")
    return text


def _swallowed(value: str, delimiter: str, columns: int) -> bool:
    """A multi-line field one of whose inner lines reads like a whole row of the table."""
    return any(line.count(delimiter) >= columns - 1 for line in value.split("\n")[1:])


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
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise InvalidInput(f"{path}: line 1: {_csv_problem(exc)}") from None
    if not header:
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
    data = load_json(path, text, InvalidInput)
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
    """ClaimReview objects: a list, a single object, {"@graph": [...]}, or nested in those (walked without
    recursion, in document order)."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            if "claimReviewed" in item or _is_type(item, "ClaimReview"):
                yield item
                continue
            stack.extend(item[key] for key in reversed(_CONTAINERS) if key in item)


_CONTAINERS = ("@graph", "itemListElement", "item", "claimReview", "claims", "data", "reviews")


def _is_type(obj: dict, name: str) -> bool:
    t = obj.get("@type")
    return t == name or (isinstance(t, list) and name in t)


def _string(value) -> str:
    for _ in range(MAX_JSON_DEPTH):  # the first text inside lists and {"@value": ...} wrappers
        if isinstance(value, list):
            value = value[0] if value else None
        elif isinstance(value, dict):
            value = value.get("@value") or value.get("value") or value.get("name") or None
        else:
            break
    return "" if value is None or isinstance(value, list | dict) else str(value)


def _identifier(value) -> str:
    """An archive id: one clean line. It is only ever shown as text; links come from `url` alone, and only when
    it is a safe http/https URL."""
    return " ".join(strip_controls(_string(value)).split())[:500]
