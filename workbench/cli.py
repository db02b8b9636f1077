"""Command line: parse arguments, call services, print. No logic of its own."""

import argparse
import os
import sys
from pathlib import Path

from workbench.cli_support import fail, print_json, run_with_progress, shown
from workbench.domain import InvalidInput, NotFound, WorkbenchError

DESCRIPTION = "Fact Workbench: claims, evidence, verdicts and verification reports in one workspace file."


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workbench", description=DESCRIPTION,
                                     epilog="With no command, the desktop app opens on the workspace.")
    parser.add_argument("--db", metavar="PATH", type=_workspace_argument,
                        help="workspace file; one that does not exist yet is created empty (default: your "
                             "workspace in the user data folder, created with the seed article on first use); or a "
                             "team workspace postgresql://USER@HOST[:PORT]/DBNAME (password from ~/.pgpass, "
                             "PGPASSWORD or a prompt)")
    parser.add_argument("--screenshot", metavar="OUT.png", type=Path,
                        help="render the main window offscreen to a PNG and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("import", help="import article files (text, Markdown, HTML) and print their ids",
                       description="Import articles: their claims are extracted and overlaps flagged.")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--json", action="store_true", help="print a JSON list of {id, title, claims, duplicate}")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("articles", help="list the workspace's articles", description="List articles.")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_articles)

    p = sub.add_parser("extract", help="print the claims of a file without a workspace",
                       description="Extract claims and overlaps from an article file; nothing is stored.")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--json", action="store_true", help="print JSON (text, title, claims, overlaps)")
    p.set_defaults(handler=cmd_extract, needs_db=False)

    p = sub.add_parser("claims", help="list the claims of an article", description="List an article's claims.")
    p.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_claims)

    p = sub.add_parser("delete", help="delete an article (with its claims) or one claim",
                       description="Delete an article with its claims, evidence links and overlaps, or one claim. "
                                   "No confirmation is asked; the history table records what was deleted.")
    p.add_argument("what", choices=["article", "claim"])
    p.add_argument("id", type=int, metavar="ID")
    p.set_defaults(handler=cmd_delete)

    p = sub.add_parser("verdict", help="set a claim's verdict",
                       description="Set the verdict of a claim, with an optional rationale note.")
    p.add_argument("claim_id", type=int, metavar="CLAIM_ID")
    p.add_argument("verdict", metavar="VERDICT_KEY", help="a key of the workspace's verdict scale, e.g. true, false")
    p.add_argument("--note", help="the rationale")
    p.set_defaults(handler=cmd_verdict)

    p = sub.add_parser("evidence", help="link evidence to claims", description="Manage evidence links.")
    ev = p.add_subparsers(dest="evidence_command", metavar="ACTION", required=True)
    a = ev.add_parser("add", help="link a source to a claim", description="Link a source (http/https URL) to a claim.")
    a.add_argument("claim_id", type=int, metavar="CLAIM_ID")
    a.add_argument("--url", required=True)
    a.add_argument("--title", default="")
    a.add_argument("--publisher", default="")
    a.add_argument("--published", default="", help="publication date, YYYY-MM-DD")
    a.add_argument("--quote", default="")
    a.add_argument("--stance", default="context", choices=["supports", "refutes", "context"])
    a.add_argument("--note", default="")
    a.set_defaults(handler=cmd_evidence_add)

    p = sub.add_parser("settings", help="show or change the verdict scale and organisation",
                       description="Show the workspace's settings, or change them: the organisation named in "
                                   "ClaimReview exports and the verdict scale (a JSON list of "
                                   "{key, label, colour, definition, rating}).")
    p.add_argument("--organisation", metavar="NAME", help="the fact-checking organisation")
    p.add_argument("--scale", metavar="FILE.json", type=Path, help="replace the verdict scale")
    p.add_argument("--review-base-url", metavar="URL",
                   help="where the newsroom publishes its fact-checks: ClaimReview's url is this plus the article's "
                        "slug (an empty value removes it)")
    p.add_argument("--publication-url", nargs=2, metavar=("ARTICLE_ID", "URL"),
                   help="where one article's fact-check is published (wins over the base URL; empty removes it)")
    p.add_argument("--json", action="store_true", help="print the settings as JSON")
    p.set_defaults(handler=cmd_settings)

    _add_optional(sub, "workbench.cli_archive", "add_archive_parser")
    _add_optional(sub, "workbench.cli_report", "add_report_parser")
    _add_optional(sub, "workbench.cli_team", "add_team_parser")
    return parser


def _workspace_argument(text: str):
    """A postgresql:// URL stays text (a Path would fold its //); anything else is a file path."""
    return text if text.startswith(("postgresql://", "postgres://")) else Path(text)


def _add_optional(sub, module: str, function: str) -> None:
    import importlib

    try:
        getattr(importlib.import_module(module), function)(sub)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise


def cmd_import(args, db) -> int:
    from workbench.services.articles import import_parsed
    from workbench.text import parse_article_file

    parsed = args.parsed if hasattr(args, "parsed") else [parse_article_file(f) for f in args.files]
    results = []
    for file, article in zip(args.files, parsed):
        result = run_with_progress(import_parsed(db, article), f"{file.name}: ")
        results.append(result)
        if not args.json:  # each id as soon as its article is stored
            note = "already in the workspace" if result.duplicate else f"{result.claims} claims, {result.overlaps} overlaps"
            print(result.article.id, flush=True)
            sys.stderr.write(f"article {result.article.id}: {shown(result.article.title)} ({note})\n")
    if args.json:
        print_json([{"id": r.article.id, "title": r.article.title, "claims": r.claims, "duplicate": r.duplicate}
                    for r in results])
    return 0


def cmd_articles(args, db) -> int:
    from workbench.services.articles import list_articles

    items = list_articles(db)
    if args.json:
        print_json([{"id": a.id, "title": a.title, "subtitle": a.subtitle, "authors": list(a.authors),
                     "published": a.published.isoformat() if a.published else None, "claims": a.claims}
                    for a in items])
    else:
        for a in items:
            published = a.published.isoformat() if a.published else ""
            print(f"{a.id}\t{published:10}\t{a.claims:4} claims\t{shown(a.title)}")
    return 0


def cmd_extract(args, db) -> int:
    from workbench.services.articles import extract_article
    from workbench.services.draining import drain
    from workbench.text import parse_article_file

    article = parse_article_file(args.file)
    lead = tuple(span for span in (article.title_span, article.subtitle_span) if span)
    extraction = drain(extract_article(article.text, lead=lead))  # the same path as `import`
    claims = [{"id": i, "text": d.text, "start": d.start, "end": d.end, "attribution": d.attribution,
               "kind": str(d.kind), "checkworthiness": round(d.checkworthiness, 4),
               "anchors": [[list(part) for part in anchor] for anchor in d.anchors]}
              for i, d in enumerate(extraction.drafts, start=1)]
    payload = {"text": article.text, "title": article.title, "claims": claims,
               "overlaps": [{"a": o.a, "b": o.b, "score": round(o.score, 1), "reason": o.reason,
                             "kind": str(o.kind)} for o in extraction.overlaps]}
    if args.json:
        print_json(payload)
    else:
        for c in claims:
            who = f"  — {shown(c['attribution'])}" if c["attribution"] else ""
            print(f"{c['id']:3}. [{c['kind']}] {shown(c['text'])}{who}")
    return 0


def cmd_claims(args, db) -> int:
    from workbench.services.claims import list_claims
    from workbench.services.overlaps import overlaps_for_article

    claims = list_claims(db, args.article_id)
    pairs: dict[int, list[dict]] = {}
    for ov in overlaps_for_article(db, args.article_id):
        for this, other in ((ov.claim_a, ov.claim_b), (ov.claim_b, ov.claim_a)):
            pairs.setdefault(this, []).append({"claim": other, "kind": str(ov.kind), "state": str(ov.state),
                                               "score": round(ov.score, 1), "overlap_id": ov.id})
    if args.json:
        print_json([{"id": c.id, "text": c.text, "start": c.start, "end": c.end, "attribution": c.attribution,
                     "kind": str(c.kind), "checkworthiness": round(c.checkworthiness, 4), "verdict": c.verdict,
                     "rationale": c.rationale, "evidence": c.evidence_count, "overlap_count": c.overlap_count,
                     "overlaps": pairs.get(c.id, []), "origin": str(c.origin)} for c in claims])
    else:
        for c in claims:
            flags = ", ".join(f"{p['kind']} with {p['claim']} ({p['state']})" for p in pairs.get(c.id, []))
            print(f"{c.id:5}  {c.verdict:14} {c.evidence_count:2} ev  {shown(c.text)}" + (f"  [{flags}]" if flags else ""))
    return 0


def cmd_delete(args, db) -> int:
    if args.what == "article":
        from workbench.services.articles import delete_article

        deleted, _ = delete_article(db, args.id)
        count = len(deleted.claims)
        print(f"Deleted article {deleted.article.id}: {shown(deleted.article.title)} "
              f"({count} claim{'s' if count != 1 else ''})")
    else:
        from workbench.services.claims import delete_claim

        changes = delete_claim(db, args.id)
        claim = changes.removed_claims[0].claim
        print(f"Deleted claim {claim.id} of article {claim.article_id}: {shown(claim.text)}")
    return 0


def cmd_verdict(args, db) -> int:
    from workbench.services.claims import get_claim, set_verdict

    set_verdict(db, args.claim_id, args.verdict, args.note)
    claim = get_claim(db, args.claim_id)
    print(f"Claim {claim.id}: {claim.verdict}")
    return 0


def cmd_evidence_add(args, db) -> int:
    from workbench.services.evidence import EvidenceInput, add_evidence

    evidence, _ = add_evidence(db, args.claim_id, EvidenceInput(
        url=args.url, title=args.title, publisher=args.publisher, published=args.published, quote=args.quote,
        stance=args.stance, note=args.note))
    kept = [name for name, given, stored in (("title", args.title, evidence.source.title),
                                              ("publisher", args.publisher, evidence.source.publisher))
            if given.strip() and given.strip() != stored]
    if kept:  # one source per URL: what a person typed before is never overwritten silently
        sys.stderr.write(f"workbench: note: this source was already in the workspace; its {' and '.join(kept)} "
                         "were kept as stored\n")
    print(f"Evidence {evidence.id}: {shown(evidence.source.url)} ({evidence.stance}) linked to claim {evidence.claim_id}")
    return 0


def cmd_settings(args, db) -> int:
    from workbench.services import settings

    scale = settings.read_scale_file(args.scale) if args.scale else None  # validated before any change
    publication = None
    if args.publication_url:
        try:
            publication = (int(args.publication_url[0]), args.publication_url[1])
        except ValueError:
            raise InvalidInput(f"--publication-url: {args.publication_url[0]!r} is not an article id") from None
    # every value is checked before anything is changed
    if args.review_base_url is not None:
        settings.checked_url(args.review_base_url, "base URL of published fact-checks")
    if publication is not None:
        from workbench.services.articles import get_article

        get_article(db, publication[0])
        settings.checked_url(publication[1], "publication URL")
    settings.update_settings(db, args.organisation, scale, args.review_base_url)
    if publication is not None:
        settings.set_publication_url(db, *publication)
    current = settings.verdict_scale(db)
    if args.json:
        print_json({"organisation": settings.organisation(db), "review_base_url": settings.review_base_url(db),
                    "verdict_scale": [{"key": o.key, "label": o.label, "colour": o.colour,
                                       "definition": o.definition, "rating": o.rating} for o in current.options]})
    else:
        print(f"Organisation: {shown(settings.organisation(db)) or '(not set)'}")
        print(f"Fact-checks published under: {shown(settings.review_base_url(db)) or '(not set)'}")
        for o in current.options:
            print(f"  {o.key:15} {shown(o.label):15} {o.colour}  {shown(o.definition)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    db = path = None
    try:
        if args.command is None:
            return _run_app(args)
        if args.command == "import":  # every file must be readable before a workspace is even created
            from workbench.text import parse_article_file

            args.parsed = [parse_article_file(f) for f in args.files]
        if getattr(args, "needs_db", True):
            from workbench.services.workspace import default_workspace_path, open_workspace

            path = args.db if args.db is not None else default_workspace_path()
            is_new = isinstance(path, Path) and not path.exists()
            # The seed article is a first-run welcome in the person's own workspace, not content for every file.
            db = open_workspace(path, seed=args.db is None)
            if is_new:  # a mistyped --db should not pass unnoticed
                what = "with the seed article" if args.db is None else "(empty)"
                sys.stderr.write(f"workbench: created a new workspace at {path} {what}\n")
            if _writes(args):  # a read-only workspace is refused before minutes of extraction, not after
                from workbench.services.workspace import check_writable

                check_writable(db, path)
        return args.handler(args, db)
    except NotFound as exc:  # an id that is there but cannot be read means a damaged file: say so
        return fail(_damage(db, path) or str(exc))
    except WorkbenchError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return fail("interrupted", 130)
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line for the person, the traceback on request
        if os.environ.get("WORKBENCH_DEBUG"):
            raise
        if path is not None:
            from workbench.services.workspace import describe_storage_error

            message = describe_storage_error(exc, db, path)
            if message:
                return fail(message)
        return fail(f"unexpected {type(exc).__name__}: {exc} (set WORKBENCH_DEBUG=1 for details)", 70)


def _writes(args) -> bool:
    if args.command in ("import", "verdict", "evidence", "delete"):
        return True
    if args.command == "settings":
        return any(getattr(args, name, None) is not None
                   for name in ("organisation", "scale", "review_base_url", "publication_url"))
    return args.command == "archive" and getattr(args, "archive_command", "") == "import"


def _damage(db, path) -> str | None:
    from workbench.services.workspace import damage_report

    try:
        return damage_report(db, path) if db is not None else None
    except Exception:  # noqa: BLE001 - the check itself failing must not hide the original message
        return None


def _no_display() -> bool:
    """Linux without X11 or Wayland and no platform chosen: Qt would abort with a plugin error."""
    return (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"))


def _run_app(args) -> int:
    if args.screenshot is None and _no_display():
        return fail("no display to open the window on; run it on a desktop session, or use --screenshot OUT.png "
                    "(or QT_QPA_PLATFORM=offscreen) on a headless machine")
    try:
        from workbench.ui.app import run_app
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("workbench.ui"):
            sys.stderr.write("workbench: the desktop window is not built yet; use the subcommands (see --help)\n")
            return 2
        raise
    return run_app(args.db, screenshot=args.screenshot)


if __name__ == "__main__":
    sys.exit(main())
