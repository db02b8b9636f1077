"""Start-up: process start to an interactive main window on the seed workspace, against a bare PySide6
window with the same widgets. Each run is a fresh subprocess; prints the median of several runs.

The APP side is workbench.ui.app.run_app itself (with a hook that only watches the window), so the bench
cannot drift from what the app does. The BARE side builds the same widgets in plain Qt: menus, status bar,
library list, header labels over the article text, the claims table (as many rows as the seed has claims)
under its search and filter bar, the side panel in a scroll area; no stylesheet, no highlights.

Both sides stop the clock the same way: once the article text has been painted with its content and the
event loop runs again (a window that was only show()n has not been painted yet: Qt paints on its next
update request). "On screen" is the window's first paint. Settings go to a temporary folder.
Time is wall-clock: other busy processes on the machine show in it (the load average is printed).

    uv run python bench/startup_bench.py [--runs 5]
"""

import argparse
import functools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROBE = r"""
import sys, time
t0 = float(sys.argv[1])


def probe(window, text_edit):
    # "On screen": the window's first paint. "Shown": the first paint of the article text with its content,
    # reported once that paint pass is over and the event loop runs again (the window answers input).
    # Qt is imported here, not above: the APP side must import things in the order run_app does.
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class Probe(QObject):
        def __init__(self):
            super().__init__()
            self.visible = None
            window.installEventFilter(self)
            text_edit.viewport().installEventFilter(self)

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                if self.visible is None:
                    self.visible = time.time() - t0
                if obj is not window and not text_edit.document().isEmpty():
                    obj.removeEventFilter(self)
                    window.removeEventFilter(self)
                    QTimer.singleShot(0, self.done)
            return False

        def done(self):
            print(self.visible, time.time() - t0)
            QApplication.instance().quit()

    return Probe()
"""

APP = PROBE + r"""
from workbench.ui.app import run_app
probes = []
run_app(sys.argv[2], before_show=lambda window: probes.append(probe(window, window.pane.text)))
"""

BARE = PROBE + r"""
# The same widgets as the workbench window, plain Qt, the seed text without highlights.
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QApplication, QComboBox, QLabel, QLineEdit, QListView, QMainWindow, QPlainTextEdit,
                               QProgressBar, QPushButton, QScrollArea, QSplitter, QTableView, QTextEdit, QVBoxLayout,
                               QWidget)
app = QApplication(sys.argv[:1])
text = open(sys.argv[2], encoding="utf-8").read()
w = QMainWindow()
for name in ("File", "Edit", "Claim", "Verdict", "Help"):
    menu = w.menuBar().addMenu(name)
    for i in range(8):
        menu.addAction(f"{name} action {i}")
w.statusBar().addWidget(QLabel("J / K next and previous claim"))
progress = QProgressBar(); w.statusBar().addPermanentWidget(progress); progress.hide()
library = QListView(); library.setModel(QStandardItemModel())
library.model().appendRow(QStandardItem("North Korea"))
pane = QWidget(); pane_layout = QVBoxLayout(pane)
article = QTextEdit(); article.setReadOnly(True); article.setPlainText(text)
for widget in (QLabel("Title"), QLabel("Subtitle"), QLabel("Byline"), article):
    pane_layout.addWidget(widget)
table_box = QWidget(); table_layout = QVBoxLayout(table_box)
rows = int(sys.argv[3])  # as many rows as the seed article has claims
table = QTableView(); model = QStandardItemModel(rows, 8); table.setModel(model)
for r in range(rows):
    for c in range(8):
        model.setItem(r, c, QStandardItem(f"cell {r} {c}"))
for widget in (QLineEdit(), QComboBox(), QComboBox(), QLabel(f"{rows} claims"), table):
    table_layout.addWidget(widget)
side = QWidget(); layout = QVBoxLayout(side)
for widget in (QPlainTextEdit(), QLineEdit(), QComboBox(), QPlainTextEdit(), QListView(), QPushButton("Add"),
               QListView(), QPushButton("Confirm")):
    layout.addWidget(widget)
scroll = QScrollArea(); scroll.setWidgetResizable(True); scroll.setWidget(side)
centre = QSplitter(Qt.Orientation.Vertical); centre.addWidget(pane); centre.addWidget(table_box)
split = QSplitter(); split.addWidget(library); split.addWidget(centre); split.addWidget(scroll)
w.setCentralWidget(split); w.resize(1400, 900)
watch = probe(w, article)
w.show()
app.exec()
"""


def run(script: str, *args: str, config: str) -> list[float]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               XDG_CONFIG_HOME=config)  # the window's settings (recent workspaces) stay out of the person's
    # A person's install keeps compiled bytecode; measure that, not a recompile of every module.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", script, repr(t0), *args], capture_output=True, text=True, env=env,
                         check=True, cwd=Path(__file__).resolve().parents[1])
    return [float(v) for v in out.stdout.strip().splitlines()[-1].split()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from workbench.services.articles import list_articles
    from workbench.services.workspace import open_workspace, seed_files

    with tempfile.TemporaryDirectory() as tmp:
        seed_db = Path(tmp) / "seed.factwb"
        db = open_workspace(seed_db)  # seeding (the claim engine) happens once, before timing
        claims = str(list_articles(db)[0].claims)
        db.close()
        seed_text = str(seed_files()[0])
        app = functools.partial(run, APP, str(seed_db), config=str(Path(tmp) / "app-config"))
        bare_run = functools.partial(run, BARE, seed_text, claims, config=str(Path(tmp) / "bare-config"))
        app()  # warm the OS file cache for both
        bare_run()
        visible, content, bare = [], [], []
        for _ in range(args.runs):
            shown, loaded = app()
            visible.append(shown)
            content.append(loaded)
            bare.append(bare_run()[1])
    bare_med = statistics.median(bare)
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"runs: {args.runs} (a fresh subprocess each; platform {os.environ.get('QT_QPA_PLATFORM', 'offscreen')};"
          f" load average {load})")
    for name, times in (("bare PySide6, same widgets, text", bare), ("workbench: window on screen", visible),
                        ("workbench: seed article shown", content)):
        med = statistics.median(times)
        print(f"{name:<34}: median {med * 1000:5.0f} ms  (min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})"
              f"  ratio {med / bare_med:.2f}x")
    print("target: within 1.5x of the bare window")


if __name__ == "__main__":
    main()
