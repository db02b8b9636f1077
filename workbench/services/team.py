"""Team workspace use cases: roles, and what other people changed, as a Changes value the window applies
like its own (refreshing only what changed)."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.domain import NotFound
from workbench.services.changes import Changes
from workbench.storage import Database, team
from workbench.storage import claims as claim_repo
from workbench.storage import evidence as evidence_repo

REMOTE = "remote"  # key of Changes.extra: [(who, what)] of the changes others made
LIBRARY = "library"


def grant_role(db: Database, user: str, role: str, password: str | None = None) -> None:
    """One role for a login (created when missing); with a password, also set its password (hashed before it
    leaves this computer)."""
    team.grant_role(db, user, role, password)


def role_members(db: Database) -> list[tuple[str, str]]:
    return team.role_members(db)


@dataclass
class ChangeWatcher:
    """Polled by the window (a timer) or a command; `changes()` returns None while nothing happened."""

    db: Database
    feed: object

    def changes(self, timeout: float = 0.0) -> Changes | None:
        remote = self.feed.poll(timeout)
        return changes_from_remote(self.db, remote) if remote else None

    def resync(self) -> Changes:
        """After the connection came back: check that the workspace's own connection works again (ConnectionLost
        if not) and return a change of everything, for one full refresh."""
        team.ping(self.db)
        return changes_from_remote(self.db, [team.everything_changed()])

    @property
    def connected(self) -> bool:
        """False while the server cannot be reached (the feed reconnects by itself and then reports a
        change of everything)."""
        return self.feed.connected

    def close(self) -> None:
        self.feed.close()


def watch(db: Database) -> ChangeWatcher | None:
    """A watcher of other people's changes on a team workspace; None for a file (nobody else writes)."""
    feed = team.change_feed(db)
    return ChangeWatcher(db, feed) if feed is not None else None


def changes_from_remote(db: Database, remote: list) -> Changes:
    """Turn announced history rows into what a screen must refresh. Claims added or removed by others
    rebuild the article's lists (a refresh, not an undoable step of ours)."""
    articles: set[int] = set()
    claims: set[int] = set()
    flags = {"evidence": False, "overlaps": False, "sources": False, "archive": False, "settings": False}
    library = structural = False
    who = []
    for change in remote:
        who.append((change.by, f"{change.entity} {change.action}"))
        if change.entity == "*":  # reconnected: anything may have changed
            library = structural = True
            flags = dict.fromkeys(flags, True)
        elif change.entity == "claim":
            article = change.article_id or _article_of_claim(db, change.entity_id)
            if change.action == "update" and article is not None:
                claims.add(change.entity_id)
                articles.add(article)
            else:
                structural = True
                if article is not None:
                    articles.add(article)
                else:
                    library = True  # which article is not known any more: every list is re-read
        elif change.entity == "evidence":
            flags["evidence"] = True
            try:
                claim_id = evidence_repo.get_evidence(db, change.entity_id).claim_id
            except NotFound:
                structural = True
                continue
            claims.add(claim_id)
            article = _article_of_claim(db, claim_id)
            if article is not None:
                articles.add(article)
        elif change.entity == "overlap":
            flags["overlaps"] = True
            structural = True
        elif change.entity == "source":
            flags["sources"] = True
        elif change.entity in ("archive", "settings"):
            flags[change.entity] = True
        elif change.entity == "article":
            library = True
            articles.add(change.entity_id)
    extra: dict = {REMOTE: who}
    if library:
        extra[LIBRARY] = True
    if structural:  # claims came or went: the article's lists are rebuilt (no claim ids: nothing to patch)
        extra["structural"] = True
        return Changes(article_ids=frozenset(articles), extra=extra, **{**flags, "evidence": False})
    return Changes(article_ids=frozenset(articles), claim_ids=frozenset(claims), extra=extra, **flags)


def _article_of_claim(db: Database, claim_id: int) -> int | None:
    try:
        return claim_repo.get(db, claim_id).article_id
    except NotFound:
        return None
