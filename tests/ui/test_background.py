"""Background work: imports report progress, can be cancelled, and leave no thread behind;
a pasted link fills the evidence fields from a (local) web page."""

import http.server
import threading

import pytest
from PySide6.QtCore import QThreadPool

from workbench.services.articles import list_articles
from workbench.services.page_metadata import fetch_page_metadata
from workbench.ui.evidence_dialog import EvidenceDialog
from workbench.ui.workers import ServiceWorker

PAGE = b"""<!doctype html><html><head><title>Ignored tab title</title>
<meta property="og:title" content="Treaty signatories: the full list">
<meta property="og:site_name" content="Example Gazette">
<meta property="article:published_time" content="2019-06-02T10:00:00Z">
</head><body><article><h1>Treaty signatories: the full list</h1><p>Forty countries signed.</p></article></body></html>"""

TEXT = ("Ministers met in Geneva on Monday. The treaty was signed by 40 countries in 2019, the ministry said. "
        "Its budget rose to $2 billion last year, according to the finance office.\n\n") * 6


@pytest.fixture
def web():
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/news/treaty"
    server.shutdown()
    server.server_close()


def test_page_metadata_from_local_server(web):
    meta = fetch_page_metadata(web)
    assert meta.title == "Treaty signatories: the full list"
    assert meta.publisher == "Example Gazette"
    assert meta.published == "2019-06-02"


def test_page_metadata_offline_gives_empty_fields():
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    meta = fetch_page_metadata(f"http://127.0.0.1:{port}/x", timeout=1)
    assert meta.empty and meta.error
    assert fetch_page_metadata("file:///etc/passwd").empty


def test_pasted_link_fills_the_evidence_fields(window, qtbot, web):
    window.table.step(1)
    dialog = EvidenceDialog(window.session, window, url=web, claim_text=window.side.claim.text)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.title_edit.text() != "", timeout=10_000)
    assert dialog.title_edit.text() == "Treaty signatories: the full list"
    assert dialog.publisher.text() == "Example Gazette"
    assert dialog.published.text() == "2019-06-02"
    assert dialog.ok_button.isEnabled()
    assert dialog.value().url == web


def test_typed_title_is_not_overwritten(window, qtbot, web):
    window.table.step(1)
    dialog = EvidenceDialog(window.session, window)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("My own title")
    dialog.url.setText(web)
    dialog.fetch_details()
    qtbot.waitUntil(lambda: dialog.publisher.text() != "", timeout=10_000)
    assert dialog.title_edit.text() == "My own title"


def test_known_sources_are_suggested(window, qtbot):
    from workbench.services.evidence import EvidenceInput, add_evidence

    window.table.step(1)
    add_evidence(window.session.db, window.side.claim.id,
                 EvidenceInput(url="https://stats.example.org/treaty", title="Treaty statistics", publisher="Stats"))
    dialog = EvidenceDialog(window.session, window)
    qtbot.addWidget(dialog)
    dialog._url_edited("stats")
    assert dialog._suggestions.rowCount() == 1
    dialog._url_chosen("https://stats.example.org/treaty")
    assert dialog.title_edit.text() == "Treaty statistics"
    assert dialog.publisher.text() == "Stats"


def test_background_import_reports_progress_and_finishes(window, qtbot, tmp_path):
    article = tmp_path / "geneva.txt"
    article.write_text("Geneva treaty talks\n\n" + TEXT, encoding="utf-8")
    steps = []
    before = len(list_articles(window.session.db))
    with qtbot.waitSignal(window.importer.imported, timeout=60_000) as blocker:
        window.importer.import_files([article])
        assert window.progress.isVisibleTo(window)
        window.importer.progress.bar.valueChanged.connect(steps.append)
    result = blocker.args[0]
    assert result.claims > 0
    assert len(list_articles(window.session.db)) == before + 1
    assert window.article_id == result.article.id  # the new article opens
    assert window.table.model.rowCount() == result.claims
    assert steps and max(steps) <= 100
    assert window.session.runner.wait(10_000)
    assert QThreadPool.globalInstance().waitForDone(1000)
    qtbot.waitUntil(lambda: not window.progress.isVisibleTo(window))


def test_import_can_be_cancelled(window, qtbot, tmp_path):
    article = tmp_path / "long.txt"
    article.write_text("A long article\n\n" + TEXT * 20, encoding="utf-8")
    before = len(list_articles(window.session.db))
    with qtbot.waitSignal(window.importer.message, timeout=60_000) as blocker:
        window.importer.import_files([article])
        window.progress.cancel.click()
    assert "cancelled" in blocker.args[0]
    assert window.session.runner.wait(10_000)
    assert len(list_articles(window.session.db)) == before  # nothing half-stored


def test_worker_reports_errors_on_the_ui_thread(qtbot, tmp_path):
    from workbench.domain import InvalidInput

    def make(db, cancel):
        yield from ()
        raise InvalidInput("bad value")

    worker = ServiceWorker(None, make)
    pool = QThreadPool()
    with qtbot.waitSignal(worker.signals.error) as blocker:
        pool.start(worker)
    assert str(blocker.args[0]) == "bad value"
    assert pool.waitForDone(5000)


def test_checked_before_shows_archive_matches(tmp_path, qtbot):
    pytest.importorskip("workbench.services.archive")
    from tests.ui.conftest import build_workspace
    from workbench.services import archive
    from workbench.ui.main_window import MainWindow
    from workbench.ui.session import Session

    csv = tmp_path / "archive.csv"
    csv.write_text("id,claim,rating,url\n"
                   "a1,The treaty was signed by 40 countries in 2019,True,https://checks.example.org/a1\n"
                   "a2,Bananas are the most traded fruit in Europe,False,https://checks.example.org/a2\n",
                   encoding="utf-8")
    path = tmp_path / "archive.factwb"
    db, _ = build_workspace(path)
    archive.run(archive.import_archive(db, csv, id_column="id", text_column="claim", rating_column="rating",
                                       url_column="url"))
    win = MainWindow(Session(db, path))
    qtbot.addWidget(win)
    runner = win.session.runner
    win.table.step(1)
    win.table.step(1)  # "The treaty was signed by 40 countries in 2019"
    qtbot.waitUntil(lambda: bool(win.side.archive_cards.cards), timeout=20_000)
    assert win.side.archive_box.isVisibleTo(win)
    first = win.side.archive_cards.cards[0]
    assert "40 countries" in " ".join(label.text() for label in first.findChildren(type(win.side.empty)))
    assert runner.wait(10_000)


def test_checked_before_is_hidden_without_an_archive(window, qtbot):
    window.table.step(1)
    assert window.session.runner.wait(10_000)
    qtbot.wait(50)
    assert not window.side.archive_box.isVisibleTo(window)
