"""Memory of the window with an article open: before and after the claim engine has run in the process.

The window itself never loads the claim engine (spaCy) to show a workspace; it loads it the first time an article
is imported or a claim is added from a selection (its speaker, kind and score are read by the engine). From then on
the language model stays in memory. Both figures are printed, each a fresh process, several runs.

    uv run python bench/memory_bench.py [--runs 3]
Target: < 300 MB.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PROBE = r"""
import sys
from workbench.ui.compat import protect_none_refcount
protect_none_refcount()
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from workbench.ui.app import apply_style, build_window
apply_style(app)
w = build_window(sys.argv[1]); w.resize(1400, 900); w.show(); app.processEvents()
w.table.step(1)
for _ in range(10): app.processEvents()


def rss():
    return next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmRSS:")) / 1024


before = rss()
# What Claim > Add Claim from Selection runs in the background: the engine over the claim's paragraph.
from workbench.services.articles import get_article
from workbench.services.claims import describe_selection
claim = w.side.claim
describe_selection(get_article(w.session.db, claim.article_id).text, claim.start, claim.end)
for _ in range(10): app.processEvents()
import gc
gc.collect()
print(before, rss())
w.close()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from workbench.services.workspace import open_workspace

    with tempfile.TemporaryDirectory() as tmp:
        seed = Path(tmp) / "seed.factwb"
        open_workspace(seed).close()  # the seed article, imported once before measuring
        window, engine = [], []
        for _ in range(args.runs):
            out = subprocess.run([sys.executable, "-c", PROBE, str(seed)], capture_output=True, text=True, check=True,
                                 env=dict(os.environ, XDG_CONFIG_HOME=str(Path(tmp) / "config")),
                                 cwd=Path(__file__).resolve().parents[1])
            a, b = map(float, out.stdout.split()[-2:])
            window.append(a)
            engine.append(b)
    print(f"RSS, window with the seed article open            : {min(window):.0f}-{max(window):.0f} MB")
    print(f"RSS, the same after the claim engine has run once : {min(engine):.0f}-{max(engine):.0f} MB   "
          "(target < 300)")


if __name__ == "__main__":
    main()
