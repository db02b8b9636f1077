"""`workbench report ARTICLE_ID --pdf/--html/--json/--csv/--markdown/--claimreview OUT`: the verification report."""

import argparse
import os
from pathlib import Path

from workbench.domain import InvalidInput, WorkbenchError
from workbench.report.files import write_atomic, write_text_atomic

# option -> (label, file encoding or None for binary writers)
FORMATS = {
    "pdf": ("PDF", None),
    "html": ("HTML", "utf-8"),
    "json": ("JSON", "utf-8"),
    "csv": ("CSV", "utf-8-sig"),  # the BOM makes spreadsheet programs read UTF-8
    "markdown": ("Markdown", "utf-8"),
    "claimreview": ("ClaimReview JSON-LD", "utf-8"),
}


def add_report_parser(sub) -> None:
    p = sub.add_parser(
        "report", help="write an article's verification report (PDF, HTML, JSON, CSV, Markdown, ClaimReview)",
        description="Write the verification report of one article: claims in reading order with verdicts, "
                    "rationale, evidence and overlaps, a summary, every source and the verdict scale. "
                    "Give one or more outputs; each file is written completely or not at all.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example: workbench report 1 --pdf report.pdf --claimreview claims.jsonld",
    )
    p.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    p.add_argument("--pdf", type=Path, metavar="OUT", help="PDF with page numbers")
    p.add_argument("--html", type=Path, metavar="OUT", help="self-contained HTML page")
    p.add_argument("--json", type=Path, metavar="OUT", help="all report data as JSON")
    p.add_argument("--csv", type=Path, metavar="OUT", help="one row per claim")
    p.add_argument("--markdown", type=Path, metavar="OUT", help="Markdown")
    p.add_argument("--claimreview", type=Path, metavar="OUT",
                   help="schema.org ClaimReview JSON-LD, one object per claim with a verdict")
    p.add_argument("--page-size", default="A4", metavar="A4|Letter", help="PDF page size (default A4)")
    p.add_argument("--only-checked", action="store_true",
                   help="list only the claims with a verdict other than Unverified (the summary still counts all)")
    p.set_defaults(handler=cmd_report)


def cmd_report(args, db) -> int:
    from workbench.services.report_data import build_report

    outputs = {name: getattr(args, name) for name in FORMATS if getattr(args, name) is not None}
    if not outputs:
        raise InvalidInput("say what to write: give at least one of --pdf, --html, --json, --csv, --markdown, "
                           "--claimreview with a file name")
    page_size = args.page_size.strip().lower()
    if page_size not in ("a4", "letter"):
        raise InvalidInput(f"--page-size must be A4 or Letter, not {args.page_size!r}")
    _check_targets(outputs, args.db)
    data = build_report(db, args.article_id, _workspace_name(args.db), only_checked=args.only_checked,
                        author_types="claimreview" in outputs)
    for name, path in outputs.items():
        label, encoding = FORMATS[name]
        if name == "pdf":
            pages = _write_pdf(data, path, page_size)
            print(f"Wrote {label} ({pages} page{'s' if pages != 1 else ''}, "
                  f"{'Letter' if page_size == 'letter' else 'A4'}): {path}")
        else:
            text = _render(name, data)
            write_text_atomic(path, text, encoding)
            print(f"Wrote {label}: {path}")
    from workbench.services.report_data import record_export

    record_export(db, args.article_id, list(outputs), args.only_checked)  # later reports list corrections after it
    return 0


def _render(name: str, data) -> str:
    if name == "html":
        from workbench.report.html import render_html
        return render_html(data)
    if name == "json":
        from workbench.report.json_export import render_json
        return render_json(data)
    if name == "csv":
        from workbench.report.csv_export import render_csv
        return render_csv(data)
    if name == "markdown":
        from workbench.report.markdown_export import render_markdown
        return render_markdown(data)
    from workbench.report.claimreview import render_claimreview
    return render_claimreview(data)


def _write_pdf(data, path: Path, page_size: str) -> int:
    try:
        from workbench.report.pdf import report_pdf
    except ImportError as exc:
        raise WorkbenchError(f"PDF output needs Qt (PySide6), which could not be loaded: {exc}") from exc
    pages: list[int] = []
    write_atomic(path, lambda tmp: pages.append(report_pdf(data, tmp, page_size=page_size)))
    return pages[0]


def _workspace_name(db_path) -> str:
    if db_path is not None:
        return Path(db_path).name
    from workbench.services.workspace import default_workspace_path

    return default_workspace_path().name


def _check_targets(outputs: dict[str, Path], db_path) -> None:
    """Refuse before writing anything: a folder, a missing folder, the same file twice, the workspace itself."""
    seen: dict[Path, str] = {}
    if db_path is None:
        from workbench.services.workspace import default_workspace_path
        db_path = default_workspace_path()
    workspace = Path(db_path).resolve()
    for name, path in outputs.items():
        resolved = path.resolve()
        if resolved in seen:
            raise InvalidInput(f"--{seen[resolved]} and --{name} name the same file: {path}")
        seen[resolved] = name
        if resolved == workspace:
            raise InvalidInput(f"--{name} would overwrite the workspace file {path}; choose another name")
        if resolved.is_dir():
            raise InvalidInput(f"--{name}: {path} is a folder; give a file name")
        if not resolved.parent.is_dir():
            raise InvalidInput(f"--{name}: cannot write {path}: the folder {path.parent} does not exist")
        if not os.access(resolved.parent, os.W_OK):
            raise InvalidInput(f"--{name}: cannot write {path}: no permission to write in {path.parent}")
        if resolved.exists() and not os.access(resolved, os.W_OK):
            raise InvalidInput(f"--{name}: cannot write {path}: the file is read-only")
