"""The PDF holds every claim and verdict, shows markup as text, has page numbers, fits A4 and Letter."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil  # noqa: E402
import subprocess  # noqa: E402

import pytest  # noqa: E402

from tests.unit.test_report_fixtures import BOLD, SCRIPT, SENTENCES, build_large, build_sample  # noqa: E402
from workbench.services.report_data import build_report  # noqa: E402

pdf = pytest.importorskip("workbench.report.pdf", reason="PySide6 is needed for PDF output")

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="pdftotext (poppler-utils) is not installed")


def _text(path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())  # lines wrap differently per page size: compare on single spaces


def _info(path) -> dict:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


@pytest.fixture(autouse=True)
def _application(qapp):
    """pytest-qt's QApplication first: pdf.py would otherwise create a bare QGuiApplication for the session."""
    return qapp


@pytest.fixture
def data(empty_db):
    built = build_sample(empty_db)
    return build_report(empty_db, built["article_id"], "w.factwb")


@needs_poppler
@pytest.mark.parametrize("page_size, points", [("A4", "595 x 842"), ("Letter", "612 x 792")])
def test_pdf_holds_every_claim_and_verdict(data, tmp_path, page_size, points):
    target = tmp_path / "r.pdf"
    pages = pdf.report_pdf(data, target, page_size=page_size)
    text = _text(target)
    for sentence in SENTENCES:
        assert sentence in text
    for claim in data.claims:
        assert f"Claim {claim.number}" in text
    for label in ("True", "False", "Mostly true", "Unproven", "Unverified"):
        assert label in text
    info = _info(target)
    assert int(info["Pages"]) == pages
    assert points in info["Page size"]
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text


@needs_poppler
def test_markup_in_user_text_shows_as_text(data, tmp_path):
    target = tmp_path / "r.pdf"
    pdf.report_pdf(data, target)
    text = _text(target)
    assert SCRIPT in text  # claim, rationale and quote, literally
    assert f"Pledge report {BOLD}" in text
    assert "Rationale with <b>x</b> and <script>alert(1)</script>." in text
    assert "Desk & Co <Fact Check>" in text


@needs_poppler
def test_long_urls_wrap_inside_the_page(empty_db, tmp_path):
    from tests.unit.test_report_fixtures import make_article
    from workbench.services.evidence import EvidenceInput, add_evidence

    article_id, ids = make_article(empty_db, ["A claim with a long source."])
    long_url = "https://example.org/" + "a" * 300
    add_evidence(empty_db, ids[0], EvidenceInput(url=long_url, title="Long"))
    target = tmp_path / "r.pdf"
    pdf.report_pdf(build_report(empty_db, article_id, "w"), target)
    out = subprocess.run(["pdftotext", "-bbox", str(target), "-"], capture_output=True, text=True, check=True).stdout
    import re

    right_edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', out)]
    assert max(right_edges) <= 595  # nothing runs off an A4 page


def test_pdf_without_running_application_in_a_subprocess(tmp_path, data):
    """The CLI path: no QApplication exists; pdf.py creates a QGuiApplication itself."""
    import sys

    from workbench.report.html import render_html

    html = tmp_path / "r.html"
    html.write_text(render_html(data, for_print=True), encoding="utf-8")
    code = ("import sys; from pathlib import Path; from workbench.report import pdf; "
            "n = pdf.write_pdf(Path(sys.argv[1]).read_text(encoding='utf-8'), sys.argv[2]); print(n)")
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    done = subprocess.run([sys.executable, "-c", code, str(html), str(tmp_path / "r.pdf")], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) >= 1
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


def test_bad_page_size_is_refused(data, tmp_path):
    from workbench.domain import InvalidInput

    with pytest.raises(InvalidInput, match="A4 or Letter"):
        pdf.report_pdf(data, tmp_path / "r.pdf", page_size="A5")
    assert not (tmp_path / "r.pdf").exists()


def test_large_report_renders(empty_db, tmp_path):
    article_id = build_large(empty_db, 120)
    pages = pdf.report_pdf(build_report(empty_db, article_id, "w"), tmp_path / "big.pdf")
    assert pages > 5


def test_ui_export_and_print(qtbot, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter

    from workbench.services.workspace import open_workspace
    from workbench.ui import printing

    path = tmp_path / "w.factwb"
    db = open_workspace(path, seed=False)
    built = build_sample(db)
    db.close()
    target = tmp_path / "exported"
    monkeypatch.setattr(printing.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert printing.export_pdf(None, path, built["article_id"]) == tmp_path / "exported.pdf"
    assert (tmp_path / "exported.pdf").read_bytes().startswith(b"%PDF")
    assert printing.export_html(None, path, built["article_id"]) == tmp_path / "exported.html"
    assert "&lt;script&gt;" in (tmp_path / "exported.html").read_text(encoding="utf-8")

    class AcceptingDialog:
        def __init__(self, printer, parent):
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(tmp_path / "printed.pdf"))

        def setWindowTitle(self, title):
            pass

        def setOptionTabs(self, tabs):
            AcceptingDialog.tabs = tabs

        def exec(self):
            if AcceptingDialog.only_checked:  # the person ticks the Report tab's box
                from PySide6.QtWidgets import QCheckBox

                AcceptingDialog.tabs[0].findChild(QCheckBox).setChecked(True)
            return 1

    AcceptingDialog.only_checked = False
    monkeypatch.setattr(printing, "QPrintDialog", AcceptingDialog)
    assert printing.print_report(None, path, built["article_id"]) is True
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        assert "Claim 6" in _text(tmp_path / "printed.pdf")
        AcceptingDialog.only_checked = True
        assert printing.print_report(None, path, built["article_id"]) is True
        printed = _text(tmp_path / "printed.pdf")
        assert "Claim 6" not in printed and "6 claims in this article" in printed
        assert printing.only_checked()  # remembered for the next print, preview and export
        printing.set_only_checked(False)
    db = open_workspace(path, seed=False)
    exports = db.execute("SELECT after FROM history WHERE action = 'export'").fetchall()
    db.close()
    assert len(exports) >= 3  # PDF, HTML and print are recorded: later reports list corrections after them


def test_ui_cancelled_export_writes_nothing(qtbot, tmp_path, monkeypatch):
    from workbench.services.workspace import open_workspace
    from workbench.ui import printing

    path = tmp_path / "w.factwb"
    db = open_workspace(path, seed=False)
    built = build_sample(db)
    db.close()
    monkeypatch.setattr(printing.QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert printing.export_pdf(None, path, built["article_id"]) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.factwb", "w.factwb-shm", "w.factwb-wal"] or \
        all(not p.name.endswith(".pdf") for p in tmp_path.iterdir())


@needs_poppler
def test_a_claim_is_not_split_across_pages(empty_db, tmp_path):
    import re

    article_id = build_large(empty_db, 60)
    target = tmp_path / "r.pdf"
    pages = pdf.report_pdf(build_report(empty_db, article_id, "w"), target)
    seen = set()
    for page in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(target), "-"],
                              capture_output=True, text=True, check=True).stdout
        for number in re.findall(r"^Claim (\d+)$", text, re.MULTILINE):
            assert f"Quote for claim {number}" in text, f"claim {number} runs over page {page}"
            seen.add(int(number))
    assert seen == set(range(1, 61))


@needs_poppler
def test_no_near_empty_last_page(tmp_path):
    """The closing lines keep with the section before them: for articles of 8 to 17 checked claims (two of which
    used to leave only the "Generated with" line and a sentence on the last page) the last page holds a section."""
    from workbench.services.claims import set_verdict
    from workbench.services.evidence import EvidenceInput, add_evidence
    from workbench.services.workspace import open_workspace
    from tests.unit.test_report_fixtures import make_article

    shortest = []
    for n in range(8, 18):
        db = open_workspace(tmp_path / f"{n}.factwb", seed=False)
        article_id, ids = make_article(db, [f"Claim {i} says {i * 7} officials met on day {i} of the talks in Geneva "
                                            "last year." for i in range(n)])
        for i, claim_id in enumerate(ids):
            set_verdict(db, claim_id, "true", "Rationale long enough to take two lines of the report when it is "
                                              "printed on the page. " * (1 + i % 2))
            add_evidence(db, claim_id, EvidenceInput(url=f"https://example.org/{i}", title=f"Source {i}", quote="A quote"))
        out = tmp_path / f"{n}.pdf"
        pages = pdf.report_pdf(build_report(db, article_id, "w"), out)
        db.close()
        last = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), "-layout", str(out), "-"],
                              capture_output=True, text=True, check=True).stdout
        shortest.append((len([line for line in last.splitlines() if line.strip()]), n))
    assert min(shortest)[0] >= 12, shortest
