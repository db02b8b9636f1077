"""`workbench report`: any combination of outputs, clear one-line errors, files written all-or-nothing."""

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.test_report_fixtures import SENTENCES, build_sample

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture
def workspace(tmp_path) -> tuple[Path, int]:
    from workbench.services.workspace import open_workspace

    path = tmp_path / "w.factwb"
    db = open_workspace(path, seed=False)
    built = build_sample(db)
    db.close()
    return path, built["article_id"]


def test_every_format_at_once(workspace, tmp_path):
    db, article = workspace
    out = {ext: tmp_path / f"r.{ext}" for ext in ("pdf", "html", "json", "csv", "md", "jsonld")}
    done = run("--db", str(db), "report", str(article), "--pdf", str(out["pdf"]), "--html", str(out["html"]),
               "--json", str(out["json"]), "--csv", str(out["csv"]), "--markdown", str(out["md"]),
               "--claimreview", str(out["jsonld"]), "--page-size", "Letter")
    assert done.returncode == 0, done.stderr
    assert out["pdf"].read_bytes().startswith(b"%PDF")
    assert "Wrote PDF (" in done.stdout and "Letter" in done.stdout
    assert "&lt;script&gt;" in out["html"].read_text(encoding="utf-8")
    data = json.loads(out["json"].read_text(encoding="utf-8"))
    assert [c["text"] for c in data["claims"]] == SENTENCES
    rows = list(csv.reader(out["csv"].open(encoding="utf-8-sig", newline="")))
    assert len(rows) == len(SENTENCES) + 1
    assert out["md"].read_text(encoding="utf-8").startswith("# Fact-check report")
    reviews = json.loads(out["jsonld"].read_text(encoding="utf-8"))
    assert len(reviews) == 5 and all(r["@type"] == "ClaimReview" for r in reviews)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("r.")) == sorted(p.name for p in out.values())
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_single_output(workspace, tmp_path):
    db, article = workspace
    done = run("--db", str(db), "report", str(article), "--json", str(tmp_path / "only.json"))
    assert done.returncode == 0, done.stderr
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("w.factwb")] == ["only.json"]


def _one_line_error(done: subprocess.CompletedProcess, *words: str) -> None:
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("workbench: error:"), done.stderr
    for word in words:
        assert word in lines[0]


def test_no_output_is_a_clear_error(workspace):
    db, article = workspace
    _one_line_error(run("--db", str(db), "report", str(article)), "--pdf", "--json")


def test_unknown_article(workspace, tmp_path):
    db, _ = workspace
    _one_line_error(run("--db", str(db), "report", "999", "--json", str(tmp_path / "x.json")), "999")
    assert not (tmp_path / "x.json").exists()


def test_missing_folder(workspace, tmp_path):
    db, article = workspace
    _one_line_error(run("--db", str(db), "report", str(article), "--pdf", str(tmp_path / "nope" / "r.pdf")),
                    "does not exist")


def test_path_under_a_file_and_a_folder_as_target(workspace, tmp_path):
    db, article = workspace
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    _one_line_error(run("--db", str(db), "report", str(article), "--html", str(blocker / "r.html")), "cannot write")
    _one_line_error(run("--db", str(db), "report", str(article), "--html", str(tmp_path)), "folder")


def test_nothing_written_when_one_target_is_bad(workspace, tmp_path):
    db, article = workspace
    done = run("--db", str(db), "report", str(article), "--json", str(tmp_path / "ok.json"),
               "--pdf", str(tmp_path / "missing" / "r.pdf"))
    _one_line_error(done, "does not exist")
    assert not (tmp_path / "ok.json").exists()


def test_refuses_to_overwrite_the_workspace(workspace):
    db, article = workspace
    before = db.read_bytes()
    _one_line_error(run("--db", str(db), "report", str(article), "--html", str(db)), "workspace")
    assert db.read_bytes() == before


def test_same_file_twice_and_bad_page_size(workspace, tmp_path):
    db, article = workspace
    same = str(tmp_path / "r.out")
    _one_line_error(run("--db", str(db), "report", str(article), "--json", same, "--csv", same), "same file")
    _one_line_error(run("--db", str(db), "report", str(article), "--pdf", str(tmp_path / "r.pdf"),
                        "--page-size", "A5"), "A4 or Letter")


def test_existing_file_is_replaced_whole(workspace, tmp_path):
    db, article = workspace
    target = tmp_path / "r.md"
    target.write_text("old")
    assert run("--db", str(db), "report", str(article), "--markdown", str(target)).returncode == 0
    assert target.read_text(encoding="utf-8").startswith("# Fact-check report")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdf_from_the_command_line_holds_the_claims(workspace, tmp_path):
    db, article = workspace
    target = tmp_path / "r.pdf"
    assert run("--db", str(db), "report", str(article), "--pdf", str(target)).returncode == 0
    text = " ".join(subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout.split())
    for sentence in SENTENCES:
        assert sentence in text


def test_help_lists_the_outputs():
    done = run("report", "--help")
    assert done.returncode == 0
    for option in ("--pdf", "--html", "--json", "--csv", "--markdown", "--claimreview", "--page-size"):
        assert option in done.stdout
