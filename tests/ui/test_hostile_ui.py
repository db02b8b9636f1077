"""Hostile web pages and links in the window: a slow server never holds the window, a link is shown as what it
is and never as markup."""

import http.server
import threading
import time

import pytest

from workbench.domain import Evidence, Source, Stance
from workbench.ui.evidence_dialog import EvidenceDialog
from workbench.ui.side_cards import EvidenceCard


@pytest.fixture
def drip():
    """A server that sends one byte a second for a minute."""
    stop = threading.Event()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(60):
                if stop.is_set():
                    return
                try:
                    self.wfile.write(b"<")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(1)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/slow"
    stop.set()
    server.shutdown()
    server.server_close()


def test_closing_the_window_never_waits_for_a_slow_page(window, qtbot, drip):
    window.table.step(1)
    dialog = EvidenceDialog(window.session, window, url=drip, claim_text=window.side.claim.text)
    qtbot.addWidget(dialog)
    assert "Looking up" in dialog.status.text()
    qtbot.wait(300)  # the fetch is under way, reading the first bytes
    dialog.reject()
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 3  # the fetch runs out its own deadline in the background


def test_evidence_links_are_shown_as_text_and_spoofed_hosts_as_punycode(qtbot):
    source = Source(1, "https://ex\u0430mple.org/<h1>big</h1>", "", "", "", "2024-01-01")
    card = EvidenceCard(Evidence(1, 1, source, "", Stance.SUPPORTS, ""), lambda e: None, lambda e: None,
                        lambda e: None)
    qtbot.addWidget(card)
    assert "&lt;h1&gt;" in card.toolTip() and "<h1>" not in card.toolTip()
    assert "xn--exmple-4nf.org" in card.toolTip()
    labels = [w.text() for w in card.findChildren(type(card.body.itemAt(0).widget()))]
    assert any(text.startswith("https://xn--exmple-4nf.org/") for text in labels)
