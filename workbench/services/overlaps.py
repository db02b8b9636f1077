"""Reviewing overlap flags: confirm (duplicates then share evidence), dismiss, reopen; groups of one fact.

A fact stated three or more times is one group, not three pairs: the claims joined by duplicate flags that
are not dismissed (connected components), shown and reviewed together.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from workbench.domain import Claim, Overlap, OverlapKind, OverlapState
from workbench.services.changes import Changes
from workbench.storage import Database, claims as claim_repo
from workbench.storage import evidence as evidence_repo
from workbench.storage import history
from workbench.storage import overlaps as overlap_repo


def overlaps_for_claim(db: Database, claim_id: int) -> list[tuple[Overlap, Claim]]:
    """Each overlap of a claim with the other claim of the pair."""
    result = []
    for ov in overlap_repo.for_claim(db, claim_id):
        other = ov.claim_b if ov.claim_a == claim_id else ov.claim_a
        result.append((ov, claim_repo.get(db, other)))
    return result


def overlaps_for_article(db: Database, article_id: int) -> list[Overlap]:
    return overlap_repo.for_article(db, article_id)


GROUP_MIN_CLAIMS = 3


@dataclass(frozen=True, slots=True)
class OverlapGroup:
    """One fact stated several times: its claims (ascending ids) and the flags that join them."""

    claim_ids: tuple[int, ...]
    overlaps: tuple[Overlap, ...]

    @property
    def state(self) -> OverlapState:
        """Confirmed when every flag is, flagged while any is open."""
        states = {ov.state for ov in self.overlaps}
        return OverlapState.CONFIRMED if states == {OverlapState.CONFIRMED} else OverlapState.FLAGGED


def group_overlaps(overlaps: Iterable[Overlap]) -> list[OverlapGroup]:
    """Groups of GROUP_MIN_CLAIMS or more claims joined by duplicate flags that are not dismissed."""
    joining = [ov for ov in overlaps if ov.kind == OverlapKind.DUPLICATE and ov.state != OverlapState.DISMISSED]
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for ov in joining:
        parent[root(ov.claim_a)] = root(ov.claim_b)
    members: dict[int, set[int]] = {}
    for x in list(parent):
        members.setdefault(root(x), set()).add(x)
    groups = []
    for ids in members.values():
        if len(ids) >= GROUP_MIN_CLAIMS:
            pairs = tuple(ov for ov in joining if ov.claim_a in ids)
            groups.append(OverlapGroup(tuple(sorted(ids)), pairs))
    return sorted(groups, key=lambda g: g.claim_ids)


def groups_for_article(db: Database, article_id: int) -> list[OverlapGroup]:
    return group_overlaps(overlap_repo.for_article(db, article_id))


def group_for_claim(db: Database, claim_id: int) -> OverlapGroup | None:
    """The group the claim belongs to (reached through flags, across articles too), or None."""
    seen, todo, found = {claim_id}, [claim_id], {}
    while todo:
        for ov in overlap_repo.for_claim(db, todo.pop()):
            if ov.kind != OverlapKind.DUPLICATE or ov.state == OverlapState.DISMISSED:
                continue
            found[ov.id] = ov
            for other in (ov.claim_a, ov.claim_b):
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
    groups = group_overlaps(found.values())
    return groups[0] if groups else None


def set_group_state(db: Database, overlap_ids: tuple[int, ...], state: OverlapState,
                    reuse_ids: tuple[int, ...] = ()) -> tuple[dict[int, OverlapState], Changes]:
    """Confirm or dismiss every flag of a group in one transaction. Returns the previous states (for undo)
    and what changed; `reuse_ids` are the evidence copies a first run made (a redo recreates exactly those)."""
    previous: dict[int, OverlapState] = {}
    claims: set[int] = set()
    shared: list[int] = []
    reuse = iter(reuse_ids)
    with db.atomic():
        for overlap_id in overlap_ids:
            before = overlap_repo.get(db, overlap_id)
            previous[overlap_id] = before.state
            claims.update((before.claim_a, before.claim_b))
            if before.state == state:
                continue
            after = overlap_repo.set_state(db, overlap_id, state)
            copied: list[int] = []
            if state == OverlapState.CONFIRMED and after.kind == OverlapKind.DUPLICATE:
                copied = _share_evidence(db, after.claim_a, after.claim_b, reuse)
            shared += copied
            history.record(db, "overlap", overlap_id, str(state), {"state": str(before.state)},
                           {"state": str(state), "evidence_shared": copied, "group": list(overlap_ids)})
    return previous, Changes(claim_ids=frozenset(claims), overlaps=True, evidence=bool(shared),
                             extra={"shared_evidence": tuple(shared)})


def undo_group_state(db: Database, previous: dict[int, OverlapState], done: Changes) -> Changes:
    """Reverse set_group_state: every flag's old state back and the evidence it shared taken back."""
    shared = done.extra.get("shared_evidence", ())
    claims: set[int] = set()
    with db.atomic():
        for evidence_id in shared:
            evidence_repo.delete_evidence(db, evidence_id)
        for overlap_id, state in previous.items():
            before = overlap_repo.get(db, overlap_id)
            claims.update((before.claim_a, before.claim_b))
            if before.state != state:
                overlap_repo.set_state(db, overlap_id, state)
                history.record(db, "overlap", overlap_id, "undo", {"state": str(before.state)},
                               {"state": str(state)})
    return Changes(claim_ids=frozenset(claims), overlaps=True, evidence=bool(shared))


def set_overlap_state(db: Database, overlap_id: int, state: OverlapState,
                      reuse_ids: tuple[int, ...] = ()) -> tuple[OverlapState, Changes]:
    """Returns the previous state (for undo) and what changed."""
    before = overlap_repo.get(db, overlap_id)
    if before.state == state:
        return before.state, Changes()
    with db.atomic():
        after = overlap_repo.set_state(db, overlap_id, state)
        shared: list[int] = []
        if state == OverlapState.CONFIRMED and after.kind == OverlapKind.DUPLICATE:
            shared = _share_evidence(db, after.claim_a, after.claim_b, iter(reuse_ids))
        history.record(db, "overlap", overlap_id, str(state), {"state": str(before.state)},
                       {"state": str(state), "evidence_shared": shared})
    claims = frozenset({before.claim_a, before.claim_b})
    return before.state, Changes(claim_ids=claims, overlaps=True, evidence=bool(shared),
                                 extra={"shared_evidence": tuple(shared)})


def undo_overlap_state(db: Database, overlap_id: int, previous: OverlapState, done: Changes) -> Changes:
    """Reverse set_overlap_state exactly: the old state back, and the evidence it shared taken back."""
    before = overlap_repo.get(db, overlap_id)
    shared = done.extra.get("shared_evidence", ())
    with db.atomic():
        for evidence_id in shared:
            evidence_repo.delete_evidence(db, evidence_id)
        overlap_repo.set_state(db, overlap_id, previous)
        history.record(db, "overlap", overlap_id, "undo", {"state": str(before.state)},
                       {"state": str(previous), "evidence_unshared": list(shared)})
    return Changes(claim_ids=frozenset({before.claim_a, before.claim_b}), overlaps=True, evidence=bool(shared))


def _share_evidence(db: Database, a: int, b: int, reuse_ids) -> list[int]:
    """A confirmed duplicate stands or falls with its twin: each gets the other's evidence. Returns the copies
    (a redo passes the ids of the copies it made the first time, so it recreates exactly those)."""
    copied: list[int] = []
    for source, target in ((a, b), (b, a)):
        for ev in evidence_repo.for_claim(db, source):
            if evidence_repo.find_evidence(db, target, ev.source.id, ev.quote) is None:
                copy = evidence_repo.insert_evidence(db, target, ev.source.id, ev.quote, ev.stance, ev.note,
                                                     evidence_id=next(reuse_ids, None))
                copied.append(copy.id)
    return copied
