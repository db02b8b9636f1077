"""A 1,000-claim report to PDF (target: under 5 s), with the time of each step.

    uv run python bench/report_bench.py [--claims 1000] [--page-size A4] [--keep OUT.pdf]
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.unit.test_report_fixtures import build_large  # noqa: E402
from workbench.report import pdf  # noqa: E402
from workbench.report.claimreview import render_claimreview  # noqa: E402
from workbench.report.csv_export import render_csv  # noqa: E402
from workbench.report.html import render_html  # noqa: E402
from workbench.report.json_export import render_json  # noqa: E402
from workbench.report.markdown_export import render_markdown  # noqa: E402
from workbench.services.report_data import build_report  # noqa: E402
from workbench.services.workspace import open_workspace  # noqa: E402

TARGET_SECONDS = 5.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--page-size", default="A4")
    parser.add_argument("--keep", type=Path, help="copy the PDF here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = open_workspace(Path(tmp) / "bench.factwb", seed=False)
        t = time.perf_counter()
        article_id = build_large(db, args.claims)
        print(f"workspace: {args.claims} claims with verdicts and evidence built in {time.perf_counter() - t:.2f} s")
        pdf.ensure_gui_application()  # start-up of Qt is not part of the report

        t0 = time.perf_counter()
        data = build_report(db, article_id, "bench.factwb")
        t1 = time.perf_counter()
        html = render_html(data, for_print=True)
        t2 = time.perf_counter()
        doc = pdf.build_document(html)
        t3 = time.perf_counter()
        out = Path(args.keep) if args.keep else Path(tmp) / "bench.pdf"
        pages = pdf.write_pdf(html, out, page_size=args.page_size, footer="Fact-check report: bench")
        t4 = time.perf_counter()
        del doc
        total = (t1 - t0) + (t2 - t1) + (t4 - t3)
        print(f"read report data     {t1 - t0:6.2f} s")
        print(f"render HTML          {t2 - t1:6.2f} s  ({len(html) / 1e6:.1f} MB)")
        print(f"parse HTML (Qt)      {t3 - t2:6.2f} s")
        print(f"lay out + write PDF  {t4 - t3:6.2f} s  (parse included)")
        print(f"total data -> PDF    {total:6.2f} s  ({pages} pages, {out.stat().st_size / 1e6:.2f} MB, "
              f"{args.page_size}; target < {TARGET_SECONDS:.0f} s: {'OK' if total < TARGET_SECONDS else 'SLOW'})")
        for name, render in (("JSON", render_json), ("CSV", render_csv), ("Markdown", render_markdown),
                             ("ClaimReview", render_claimreview), ("HTML (browser)", render_html)):
            t = time.perf_counter()
            render(data)
            print(f"{name:20} {time.perf_counter() - t:6.2f} s")
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
