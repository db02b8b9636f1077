"""Claims table speed with a 10,000-claim article, and memory of the app on the seed workspace.

    uv run python bench/table_bench.py
Targets: fill < 0.5 s, filter < 50 ms, RSS with the seed workspace < 300 MB.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
N = 10_000

MEMORY = r"""
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
w.session.runner.wait(10000)
rss = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmRSS:"))
print(rss / 1024)
w.close()
"""


def build_big_workspace(path: Path) -> int:
    from workbench.domain import ClaimDraft, ClaimKind, ParsedArticle
    from workbench.services.workspace import open_workspace
    from workbench.storage import articles as article_repo
    from workbench.storage import claims as claim_repo

    sentences = [f"In {1900 + i % 120} the council of town {i} approved {i * 7 % 1000} new homes." for i in range(N)]
    # paragraphs of five sentences, as in news writing
    seps = ["\n\n" if (i + 1) % 5 == 0 else " " for i in range(N)]
    text = "".join(s + sep for s, sep in zip(sentences, seps)).rstrip()
    db = open_workspace(path, seed=False)
    kinds = list(ClaimKind)
    with db.atomic():
        article = article_repo.insert(db, ParsedArticle(title="Ten thousand claims", text=text), "big")
        pos = 0
        for i, sentence in enumerate(sentences):
            claim_repo.insert(db, article.id, ClaimDraft(sentence, pos, pos + len(sentence),
                                                         f"Speaker {i % 50}" if i % 3 else None,
                                                         kinds[i % len(kinds)], (i % 100) / 100))
            pos += len(sentence) + len(seps[i])
    db.close()
    return article.id


def timed(fn, app, repeat=5):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        app.processEvents()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    from workbench.ui.compat import protect_none_refcount

    protect_none_refcount()  # as the app does; see workbench/ui/compat.py
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from workbench.services.claims import list_claims
    from workbench.services.workspace import open_workspace
    from workbench.ui.claims_table import ClaimsTable
    from workbench.domain.verdicts import DEFAULT_SCALE

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.factwb"
        article_id = build_big_workspace(path)
        db = open_workspace(path, seed=False)
        table = ClaimsTable()
        table.set_scale(DEFAULT_SCALE)
        table.resize(1000, 600)
        table.show()
        app.processEvents()

        t0 = time.perf_counter()
        claims = list_claims(db, article_id)
        t_read = time.perf_counter() - t0
        t_fill = timed(lambda: table.model.set_claims(claims), app)
        t_total = t_read + t_fill
        filters = {
            "search 'council of town 99'": lambda: table.search.setText("council of town 99"),
            "search cleared": lambda: table.search.setText(""),
            "verdict filter (none match)": lambda: table.verdict_filter.setCurrentIndex(2),
            "verdict filter cleared": lambda: table.verdict_filter.setCurrentIndex(0),
            "kind filter 'number'": lambda: table.kind_filter.setCurrentIndex(2),
            "kind filter cleared": lambda: table.kind_filter.setCurrentIndex(0),
        }

        def run_filter(fn):
            def go():
                fn()
            return go

        print(f"claims: {len(claims)}")
        print(f"read claims from the workspace : {t_read * 1000:7.1f} ms")
        print(f"fill the table (model + paint) : {t_fill * 1000:7.1f} ms   (read + fill {t_total * 1000:.0f} ms;"
              f" target < 500)")
        for name, fn in filters.items():
            t = timed(run_filter(fn), app, repeat=1 if "cleared" in name else 1)
            print(f"filter: {name:<28}: {t * 1000:7.1f} ms   (target < 50)")
        sort_t = timed(lambda: table.proxy.sort(1), app, repeat=3)
        print(f"sort by claim text             : {sort_t * 1000:7.1f} ms")
        from workbench.ui.article_view import ArticleText
        from workbench.services.articles import get_article

        view = ArticleText()
        view.resize(800, 600)
        view.show()
        text = get_article(db, article_id).text
        t_article = timed(lambda: view.show_article(text, claims, DEFAULT_SCALE), app, repeat=1)
        print(f"article view, 10,000 highlights: {t_article * 1000:7.1f} ms   (not a target; for reference)")
        db.close()

        seed = Path(tmp) / "seed.factwb"
        open_workspace(seed).close()
        out = subprocess.run([sys.executable, "-c", MEMORY, str(seed)], capture_output=True, text=True, check=True,
                             env=dict(os.environ), cwd=Path(__file__).resolve().parents[1])
        print(f"RSS, app window on the seed workspace: {float(out.stdout.split()[-1]):.0f} MB   (target < 300)")


if __name__ == "__main__":
    main()
