"""Hostile input and the window: how long the UI thread stalls, how fast Cancel acts, old vs new parsers.

    uv run python bench/hostile_bench.py [--size-mb 1]

Prints, side by side in one run:
  - link metadata of a page of repeated "<meta " (the page that froze the window): the old regexes vs lxml;
  - the longest stall of the UI thread (a 5 ms timer on the Qt event loop) while a hostile page is fetched
    from a local server in the background (the evidence dialog's path), and while a 1 MB single-paragraph
    article of hostile markup is read and parsed by a background worker (the import's text stage; the claim
    engine's stage is measured by the claims benches);
  - how long Cancel takes to stop that parse, pressed at random moments.
Target: stalls under 100 ms; Cancel within 0.5 s.
"""

import argparse
import http.server
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from html import unescape
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def old_regex_metadata(html: str) -> str:
    """The regexes link metadata used before (quadratic on repeated "<meta "), for the side-by-side figure."""
    def meta(prop: str) -> str:
        pattern = (r"<meta[^>]+(?:property|name)\s*=\s*[\"']" + re.escape(prop)
                   + r"[\"'][^>]*content\s*=\s*[\"']([^\"']*)[\"']")
        match = re.search(pattern, html, re.I)
        return unescape(match.group(1)).strip() if match else ""

    title = re.search(r"<title[^>]*>(.*?)</title>", html, re.I | re.S)
    return meta("og:title") or (title.group(1) if title else "")


def metadata_figures() -> None:
    from workbench.services.page_metadata import parse_page_metadata

    print("link metadata of a page of repeated '<meta ' (seconds):")
    for kb in (10, 20, 40):
        page = "<html><head>" + "<meta " * (kb * 1024 // 6)
        started = time.perf_counter()
        old_regex_metadata(page)
        old = time.perf_counter() - started
        started = time.perf_counter()
        parse_page_metadata(page.encode())
        new = time.perf_counter() - started
        print(f"  {kb:4} KB   old regexes {old:8.3f}   lxml {new:7.4f}   ({old / max(new, 1e-6):,.0f}x)")
    big = ("<html><head>" + "<meta " * 400_000).encode()
    started = time.perf_counter()
    parse_page_metadata(big)
    print(f"  {len(big) // 1024:4} KB   lxml (first {512} KB parsed) {time.perf_counter() - started:.4f}")


class StallMeter:
    """Largest gap between ticks of a 5 ms timer on the UI thread."""

    def __init__(self, app) -> None:
        from PySide6.QtCore import QTimer

        self.app = app
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.worst = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def run_until(self, done, limit: float = 120.0) -> float:
        self.worst, self.last = 0.0, time.perf_counter()
        self.timer.start()
        end = time.perf_counter() + limit
        while not done() and time.perf_counter() < end:
            self.app.processEvents()
            time.sleep(0.001)
        self.timer.stop()
        return self.worst


def hostile_server() -> tuple[str, http.server.ThreadingHTTPServer]:
    pages = {"/meta": b"<html><head>" + b"<meta " * 300_000,
             "/junk": b"<div><p>" * 250_000,
             "/drip": None}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            body = pages.get(self.path)
            if body is not None:
                self.wfile.write(body)
                return
            for _ in range(30):
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
    return f"http://127.0.0.1:{server.server_address[1]}", server


def hostile_article(size_mb: float) -> str:
    units = ["*a ", "_b ", "<i ", "[c](", "&amp; ", "The ministry said exports rose 12% in 2019. ", "  "]
    rng = random.Random(7)
    parts, total = ["A hostile article\n\n"], 0
    while total < size_mb * 1_000_000:
        unit = rng.choice(units)
        parts.append(unit)
        total += len(unit)
    return "".join(parts)  # one paragraph: no blank line after the title


def window_figures(size_mb: float) -> None:
    from workbench.ui.compat import protect_none_refcount

    protect_none_refcount()
    from PySide6.QtWidgets import QApplication

    from workbench.services.page_metadata import fetch_page_metadata
    from workbench.text import parse_article_file
    from workbench.ui.workers import ServiceWorker, WorkerRunner, call_worker

    app = QApplication.instance() or QApplication(sys.argv[:1])
    meter = StallMeter(app)
    runner = WorkerRunner()
    base, server = hostile_server()
    print("longest UI-thread stall while a background worker runs (target < 100 ms):")
    for path, deadline in (("/meta", 10.0), ("/junk", 10.0), ("/drip", 3.0)):
        results = []
        worker = call_worker(lambda p=path, d=deadline: fetch_page_metadata(base + p, timeout=d))
        worker.signals.result.connect(results.append)
        runner.start_detached(worker)
        started = time.perf_counter()
        stall = meter.run_until(lambda: bool(results))
        note = results[0].error or "fields found" if results else "no answer"
        print(f"  fetch {path:6} {stall * 1000:6.1f} ms   (fetch took {time.perf_counter() - started:.1f} s: {note})")
    server.shutdown()

    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "hostile.md"
        article.write_text(hostile_article(size_mb), encoding="utf-8")
        finished = []
        worker = ServiceWorker(None, lambda _db, cancel: _parse(parse_article_file, article, cancel))
        worker.signals.finished.connect(lambda: finished.append(1))
        started = time.perf_counter()
        runner.start_io(worker)
        stall = meter.run_until(lambda: bool(finished))
        took = time.perf_counter() - started
        print(f"  parse of a {size_mb:g} MB single-paragraph hostile article: {stall * 1000:6.1f} ms "
              f"(parse took {took:.2f} s)")

        delays = []
        for moment in (0.05, 0.2, 0.4, 0.6, 0.8):
            cancel = threading.Event()
            done = []

            def job(cancel=cancel, done=done):
                try:
                    parse_article_file(article, cancel)
                except Exception:  # noqa: BLE001 - Cancelled is the expected end
                    pass
                done.append(time.perf_counter())

            thread = threading.Thread(target=job)
            thread.start()
            time.sleep(moment * took)
            pressed = time.perf_counter()
            cancel.set()
            thread.join()
            delays.append(done[0] - pressed)
        print(f"  Cancel during that parse: median {statistics.median(delays) * 1000:.0f} ms, "
              f"worst {max(delays) * 1000:.0f} ms (target < 500 ms)")
    runner.wait(5000)


def _parse(parse, path, cancel):
    return parse(path, cancel)
    yield  # pragma: no cover - a generator for ServiceWorker


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=1.0)
    args = parser.parse_args()
    metadata_figures()
    window_figures(args.size_mb)


if __name__ == "__main__":
    main()
