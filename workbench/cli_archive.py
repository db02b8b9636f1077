"""`workbench archive import|search`: the archive of already checked claims on the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.cli_support import fail, print_json, run_with_progress, shown
from workbench.domain import WorkbenchError

SINGLE_QUERY_ID = "text"
PROGRESS_MIN_ROWS = 2_000  # imports smaller than this print no progress


def add_archive_parser(subparsers) -> None:
    p = subparsers.add_parser("archive", help="import and search the archive of already checked claims",
                              description="The archive of already checked claims.")
    sub = p.add_subparsers(dest="archive_command", metavar="ACTION", required=True)

    imp = sub.add_parser("import", help="import a CSV/TSV or ClaimReview JSON file",
                         description="Import archived claims from a CSV/TSV file with named columns (delimiter "
                                     "sniffed) or ClaimReview JSON-LD (columns not needed). Claims with an "
                                     "existing id are updated.")
    imp.add_argument("file", type=Path)
    imp.add_argument("--id-column")
    imp.add_argument("--text-column")
    imp.add_argument("--title-column")
    imp.add_argument("--rating-column")
    imp.add_argument("--url-column")
    imp.set_defaults(handler=cmd_archive_import)

    s = sub.add_parser("search", help="find the closest archived claims",
                       description="Find the archived claims closest to a text, or to each row of a file.")
    s.add_argument("text", nargs="?", help="the claim to look for")
    s.add_argument("--queries", type=Path, help="CSV/TSV file of queries (with --id-column, --text-column)")
    s.add_argument("--id-column")
    s.add_argument("--text-column")
    s.add_argument("--top", type=int, default=5, help="matches per query (default 5)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_archive_search)


def cmd_archive_import(args: argparse.Namespace, db) -> int:
    from workbench.services.archive import import_archive

    try:
        gen = import_archive(db, args.file, id_column=args.id_column, text_column=args.text_column,
                             title_column=args.title_column, rating_column=args.rating_column,
                             url_column=args.url_column)
        count = _drain(gen, "archive import: ")
    except WorkbenchError as exc:
        return fail(str(exc))
    print(f"Imported {count} archived claim{'s' if count != 1 else ''} from {args.file}")
    return 0


def cmd_archive_search(args: argparse.Namespace, db) -> int:
    from workbench.services.archive import load_index, search_many
    from workbench.services.archive_files import read_queries

    try:
        if args.top is None or args.top < 1:
            raise WorkbenchError(f"--top must be at least 1 (got {args.top})")
        if args.queries is not None:
            if args.text:
                raise WorkbenchError("give either a TEXT or --queries FILE, not both")
            if not args.id_column or not args.text_column:
                raise WorkbenchError("--queries needs --id-column and --text-column")
            queries = read_queries(args.queries, id_column=args.id_column, text_column=args.text_column)
            label = "archive search: "
        else:
            if not args.text or not args.text.strip():
                raise WorkbenchError("give a TEXT to search for, or --queries FILE")
            queries = [(SINGLE_QUERY_ID, args.text)]
            label = None
        index = load_index(db)
        gen = search_many(db, queries, top=args.top, index=index)
        results = run_with_progress(gen, label) if label is not None else _drain(gen, None)
    except WorkbenchError as exc:
        return fail(str(exc))
    if args.json:
        print_json({"results": [
            {"query": qid, "matches": [{"id": m.claim.external_id, "score": m.score, "text": m.claim.text}
                                       for m in matches]}
            for qid, matches in results]})
    else:
        _print_table(results)
    return 0


def _drain(gen, label: str | None):
    """Run a progress generator; show progress on stderr only when it is long."""
    try:
        p = next(gen)
        while True:
            if label is not None and p.total >= PROGRESS_MIN_ROWS:
                return _finish_with_progress(gen, p, label)
            p = next(gen)
    except StopIteration as stop:
        return stop.value


def _finish_with_progress(gen, current, label: str):
    def chained():
        yield current
        return (yield from gen)

    return run_with_progress(chained(), label)


def _print_table(results) -> None:
    out = sys.stdout
    for qid, matches in results:
        out.write(f"query {shown(qid)}\n" if qid != SINGLE_QUERY_ID or len(results) > 1 else "")
        if not matches:
            out.write("  (no match)\n")
        for rank, m in enumerate(matches, 1):
            text = m.claim.text if len(m.claim.text) <= 100 else m.claim.text[:99] + "…"
            rating = f"  [{m.claim.rating}]" if m.claim.rating else ""
            out.write(f"  {rank:2}. {m.score:5.1f}  {shown(m.claim.external_id):<14} {shown(text)}{shown(rating)}\n")
