"""Generated hostile input at every entry point (file import, paste, archive import, settings): each one either
succeeds or is refused with one line, the workspace stays intact, and a refusal changes nothing.

FUZZ_EXAMPLES (default 25 per entry point) makes the run longer."""

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from workbench.domain import WorkbenchError
from workbench.services.archive import archive_size, import_archive
from workbench.services.articles import import_file, import_pasted, list_articles
from workbench.services.draining import drain
from workbench.services.settings import read_scale_file, update_settings, verdict_scale
from workbench.storage.health import integrity_problem

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])

WORDS = st.sampled_from(["The ministry said", "exports rose 12%", "in 2019.", "By Ana Ruiz", "*a", "**", "_x_",
                         "<b>", "</p>", "<title>", "&amp;", "&#0;", "[a](javascript:x)", "# ", "\x1b[2J",
                         "\x1b]0;t\x07", "\x00", "\x08", "\u202e", "ex\u0430mple", "\r\n", "\n\n", "   ", "\t",
                         '"', ",", "\ufeff", "São", "—", "🙂"])
HOSTILE_TEXT = st.lists(WORDS, max_size=60).map(" ".join) | st.text(max_size=300)
ENCODED = st.tuples(HOSTILE_TEXT, st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"])).map(
    lambda t: t[0].encode(t[1], "replace"))
HOSTILE_BYTES = ENCODED | st.binary(max_size=400) | st.tuples(ENCODED, st.binary(max_size=8)).map(
    lambda t: t[0][:len(t[0]) // 2] + t[1] + t[0][len(t[0]) // 2:])


def _one_line(exc: WorkbenchError) -> None:
    message = str(exc)
    assert message.strip() and "\n" not in message, repr(message)


def _intact(db) -> None:
    assert integrity_problem(db) is None


def _file(data: bytes, suffix: str) -> Path:
    handle, name = tempfile.mkstemp(suffix=suffix)
    with os.fdopen(handle, "wb") as f:
        f.write(data)
    return Path(name)


@FUZZ
@given(data=HOSTILE_BYTES, suffix=st.sampled_from([".txt", ".md", ".html", ""]))
def test_fuzz_file_import(empty_db, data, suffix):
    path = _file(data, suffix)
    before = list_articles(empty_db)
    try:
        drain(import_file(empty_db, path))
    except WorkbenchError as exc:
        _one_line(exc)
        assert list_articles(empty_db) == before
    else:
        stored = list_articles(empty_db)
        assert all("\x1b" not in a.title and "\x00" not in a.title and len(a.title) <= 300 for a in stored)
    finally:
        path.unlink()
    _intact(empty_db)


@FUZZ
@given(text=HOSTILE_TEXT, title=HOSTILE_TEXT)
def test_fuzz_paste(empty_db, text, title):
    before = list_articles(empty_db)
    try:
        drain(import_pasted(empty_db, text, title))
    except WorkbenchError as exc:
        _one_line(exc)
        assert list_articles(empty_db) == before
    _intact(empty_db)


CELL = HOSTILE_TEXT.map(lambda s: s[:40])
CSV_TABLES = st.lists(st.tuples(CELL, CELL), max_size=8).map(
    lambda rows: "id,text\n" + "\n".join(f"{a},{b}" for a, b in rows))
JSON_DOCS = st.recursive(st.none() | st.booleans() | st.integers() | CELL,
                         lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                             st.sampled_from(["claimReviewed", "url", "identifier", "@graph", "reviewRating", "name",
                                              "alternateName", "@type", "x"]), inner, max_size=4),
                         max_leaves=20).map(lambda d: json.dumps(d))
DEEP = st.integers(1, 3000).map(lambda n: "[" * n + "]" * n)


@FUZZ
@given(table=CSV_TABLES | JSON_DOCS | DEEP | HOSTILE_TEXT, raw=st.none() | HOSTILE_BYTES,
       suffix=st.sampled_from([".csv", ".tsv", ".json"]))
def test_fuzz_archive_import(empty_db, table, raw, suffix):
    path = _file(raw if raw is not None else table.encode("utf-8", "surrogatepass"), suffix)
    before = archive_size(empty_db)
    try:
        drain(import_archive(empty_db, path, id_column="id", text_column="text"))
    except WorkbenchError as exc:
        _one_line(exc)
        assert archive_size(empty_db) == before
    finally:
        path.unlink()
    _intact(empty_db)


VERDICT = st.fixed_dictionaries({}, optional={
    "key": st.sampled_from(["unverified", "true", "false", "x y", "", "a" * 50]) | CELL,
    "label": CELL, "colour": st.sampled_from(["#9aa0a6", "#zzzzzz", "red", ""]), "definition": CELL,
    "rating": st.none() | st.integers(-5, 5) | st.booleans() | CELL})
SCALES = st.lists(VERDICT | CELL, max_size=8).map(
    lambda items: json.dumps([{"key": "unverified", "label": "Unverified", "colour": "#9aa0a6",
                               "definition": "Not yet checked."}] + items))


@FUZZ
@given(doc=SCALES | JSON_DOCS | DEEP | HOSTILE_TEXT, organisation=st.none() | CELL)
def test_fuzz_settings(empty_db, doc, organisation):
    path = _file(doc.encode("utf-8", "surrogatepass"), ".json")
    before = verdict_scale(empty_db)
    try:
        update_settings(empty_db, organisation, read_scale_file(path))
    except WorkbenchError as exc:
        _one_line(exc)
        assert verdict_scale(empty_db) == before
    finally:
        path.unlink()
    _intact(empty_db)
