"""Start-up: process start to an interactive main window on the seed workspace, against a bare PySide6
window with the same widgets. Each run is a fresh subprocess; prints the median of several runs.

    uv run python bench/startup_bench.py [--runs 5]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

APP = r"""
import sys, time
t0 = float(sys.argv[1])
from workbench.ui.compat import protect_none_refcount
protect_none_refcount()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from workbench.ui.app import apply_style, open_session
from workbench.ui.main_window import MainWindow
apply_style(app)
# the same steps as workbench.ui.app.run_app
window = MainWindow()
window.show()
app.processEvents()
visible = time.time() - t0
session, _ = open_session(sys.argv[2], seed_in_background=True)
window.bind(session)
QTimer.singleShot(0, lambda: (print(visible, time.time() - t0), app.quit()))
app.exec()
"""

BARE = r"""
import sys, time
t0 = float(sys.argv[1])
from PySide6.QtCore import QTimer, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QApplication, QComboBox, QLineEdit, QListView, QMainWindow, QPlainTextEdit,
                               QPushButton, QSplitter, QTableView, QTextEdit, QVBoxLayout, QWidget)
app = QApplication(sys.argv[:1])
text = open(sys.argv[2], encoding="utf-8").read()
w = QMainWindow()
for name in ("File", "Edit", "Claim", "Verdict", "Help"):
    menu = w.menuBar().addMenu(name)
    for i in range(8):
        menu.addAction(f"{name} action {i}")
library = QListView(); library.setModel(QStandardItemModel())
library.model().appendRow(QStandardItem("North Korea"))
article = QTextEdit(); article.setReadOnly(True); article.setPlainText(text)
table = QTableView(); model = QStandardItemModel(57, 8); table.setModel(model)
for r in range(57):
    for c in range(8):
        model.setItem(r, c, QStandardItem(f"cell {r} {c}"))
side = QWidget(); layout = QVBoxLayout(side)
for widget in (QPlainTextEdit(), QLineEdit(), QComboBox(), QPlainTextEdit(), QListView(), QPushButton("Add"),
               QListView(), QPushButton("Confirm")):
    layout.addWidget(widget)
centre = QSplitter(Qt.Orientation.Vertical); centre.addWidget(article); centre.addWidget(table)
split = QSplitter(); split.addWidget(library); split.addWidget(centre); split.addWidget(side)
w.setCentralWidget(split); w.resize(1400, 900); w.show()
QTimer.singleShot(0, lambda: (print(time.time() - t0), app.quit()))
app.exec()
"""


def run(script: str, arg: str) -> list[float]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    # A person's install keeps compiled bytecode; measure that, not a recompile of every module.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", script, repr(t0), arg], capture_output=True, text=True, env=env,
                         check=True, cwd=Path(__file__).resolve().parents[1])
    return [float(v) for v in out.stdout.strip().splitlines()[-1].split()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from workbench.services.workspace import open_workspace, seed_files

    with tempfile.TemporaryDirectory() as tmp:
        seed_db = Path(tmp) / "seed.factwb"
        open_workspace(seed_db).close()  # seeding (the claim engine) happens once, before timing
        seed_text = str(seed_files()[0])
        run(APP, str(seed_db))  # warm the OS file cache for both
        run(BARE, seed_text)
        visible, content, bare = [], [], []
        for _ in range(args.runs):
            shown, loaded = run(APP, str(seed_db))
            visible.append(shown)
            content.append(loaded)
            bare.append(run(BARE, seed_text)[0])
    bare_med = statistics.median(bare)
    print(f"runs: {args.runs} (a fresh subprocess each; platform {os.environ.get('QT_QPA_PLATFORM', 'offscreen')})")
    for name, times in (("bare PySide6, same widgets, text", bare), ("workbench: window on screen", visible),
                        ("workbench: seed article shown", content)):
        med = statistics.median(times)
        print(f"{name:<34}: median {med * 1000:5.0f} ms  (min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})"
              f"  ratio {med / bare_med:.2f}x")
    print("target: within 1.5x of the bare window")


if __name__ == "__main__":
    main()
