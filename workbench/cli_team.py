"""Team workspace commands: init, users grant, push and pull."""

from pathlib import Path

from workbench.cli_support import print_json
from workbench.domain import InvalidInput


def add_team_parser(sub) -> None:
    p = sub.add_parser("init", help="create a team workspace's schema and roles on a PostgreSQL server",
                       description="Create (or upgrade) the team workspace named by --db postgresql://USER@HOST"
                                   "[:PORT]/DBNAME: its tables, its viewer/checker/editor roles and the seed article. "
                                   "The database must exist; run it as its owner.")
    p.add_argument("--no-seed", action="store_true", help="start without the seed article")
    p.set_defaults(handler=cmd_init, needs_db=False)

    p = sub.add_parser("users", help="roles on a team workspace", description="Roles on a team workspace.")
    users = p.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    g = users.add_parser("grant", help="give a user one role: viewer, checker or editor",
                         description="viewer: read, print and export; checker: also claims, verdicts, evidence "
                                     "and imports; editor: also settings, the verdict scale, the archive, renaming "
                                     "and deleting articles. A user that does not exist yet is created; give it a "
                                     "password with --password (asked twice, not shown) or --password-stdin (for "
                                     "scripts), never on the command line. The password is hashed (SCRAM-SHA-256) "
                                     "before it is sent.")
    g.add_argument("user", metavar="NAME")
    g.add_argument("role", choices=["viewer", "checker", "editor"], metavar="ROLE")
    how = g.add_mutually_exclusive_group()
    how.add_argument("--password", action="store_true", help="ask for the user's new password (typed twice, not shown)")
    how.add_argument("--password-stdin", action="store_true", help="read the user's new password from standard input")
    g.set_defaults(handler=cmd_users_grant)
    ls = users.add_parser("list", help="who holds which role")
    ls.add_argument("--json", action="store_true", help="print JSON")
    ls.set_defaults(handler=cmd_users_list)

    p = sub.add_parser("push", help="copy this workspace's articles to a team workspace",
                       description="Copy every article of --db (a file) to a team workspace. Articles it already "
                                   "has (same content) are merged: verdicts and evidence kept, conflicts listed.")
    p.add_argument("target", metavar="postgresql://USER@HOST[:PORT]/DBNAME")
    p.add_argument("--article", type=int, nargs="+", metavar="ID", help="only these articles")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_push)

    p = sub.add_parser("pull", help="take articles of a team workspace offline into a file",
                       description="Copy articles of the team workspace --db into a workspace file (created when "
                                   "missing), merged like push.")
    p.add_argument("file", type=Path, metavar="FILE.factwb")
    p.add_argument("--article", type=int, nargs="+", metavar="ID", required=True)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_pull)


def cmd_init(args, db) -> int:
    from workbench.services.workspace import init_workspace

    if not isinstance(args.db, str):
        raise InvalidInput("init creates a team workspace: give --db postgresql://USER@HOST[:PORT]/DBNAME")
    workspace = init_workspace(args.db, seed=not args.no_seed)
    print(f"Team workspace ready: {workspace.name}")
    workspace.close()
    return 0


def cmd_users_grant(args, db) -> int:
    from workbench.services.team import grant_role

    password = _new_password(args.user) if args.password else _stdin_password() if args.password_stdin else None
    grant_role(db, args.user, args.role, password)
    print(f"{args.user} is now {args.role}" + (" (password set)" if password is not None else ""))
    return 0


def _new_password(user: str) -> str:
    import getpass
    import sys

    if not sys.stdin.isatty():
        raise InvalidInput("--password asks at a terminal; from a script use --password-stdin")
    first = getpass.getpass(f"New password for {user}: ")
    if getpass.getpass("Again: ") != first:
        raise InvalidInput("The two passwords differ; nothing was changed")
    return first


def _stdin_password() -> str:
    import sys

    line = sys.stdin.readline()
    return line[:-1] if line.endswith("\n") else line


def cmd_users_list(args, db) -> int:
    from workbench.services.team import role_members

    members = role_members(db)
    if args.json:
        print_json([{"user": u, "role": r} for u, r in members])
    else:
        for user, role in members:
            print(f"{user:20} {role}")
    return 0


def cmd_push(args, db) -> int:
    from workbench.services.transfer import copy_articles
    from workbench.services.workspace import open_workspace

    if not _is_url(args.target):
        raise InvalidInput("push copies to a team workspace: give postgresql://USER@HOST[:PORT]/DBNAME")
    target = open_workspace(args.target)
    try:
        report = copy_articles(db, target, args.article, "push")
    finally:
        target.close()
    _print_report(report, args.json)
    return 0


def cmd_pull(args, db) -> int:
    from workbench.services.transfer import copy_articles
    from workbench.services.workspace import open_workspace

    target = open_workspace(args.file, seed=False)
    try:
        report = copy_articles(db, target, args.article, "pull")
    finally:
        target.close()
    _print_report(report, args.json)
    return 0


def _is_url(text: str) -> bool:
    return text.startswith(("postgresql://", "postgres://"))


def _print_report(report, as_json: bool) -> None:
    if as_json:
        print_json({"added_articles": report.added_articles, "merged_articles": report.merged_articles,
                    "claims_added": report.claims_added, "verdicts_taken": report.verdicts_taken,
                    "evidence_added": report.evidence_added, "conflicts": report.conflicts})
        return
    print(f"Articles added: {len(report.added_articles)}, merged: {len(report.merged_articles)}; claims added: "
          f"{report.claims_added}, verdicts taken: {report.verdicts_taken}, evidence added: {report.evidence_added}")
    for line in report.conflicts:
        print(f"conflict: {line}")
