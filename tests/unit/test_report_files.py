"""Report files are written completely or not at all."""

import pytest

from workbench.domain import WorkbenchError
from workbench.report.files import suggested_name, write_atomic, write_text_atomic


def test_writes_and_replaces(tmp_path):
    target = tmp_path / "r.html"
    write_text_atomic(target, "one")
    write_text_atomic(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]


def test_failure_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "r.pdf"
    target.write_text("old report")

    def half_then_fail(tmp):
        tmp.write_text("half")
        raise RuntimeError("renderer crashed")

    with pytest.raises(RuntimeError):
        write_atomic(target, half_then_fail)
    assert target.read_text() == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]


def test_nothing_produced_is_an_error(tmp_path):
    with pytest.raises(WorkbenchError, match="nothing was produced"):
        write_atomic(tmp_path / "r.pdf", lambda tmp: None)
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(WorkbenchError, match="cannot write"):
        write_text_atomic(tmp_path / "no" / "such" / "r.html", "x")


def test_suggested_name():
    assert suggested_name("North Korea Had Spurned Talks With U.S.", ".pdf") == \
        "north-korea-had-spurned-talks-with-u-s-fact-check.pdf"
    assert suggested_name("<>", ".html") == "article-fact-check.html"
