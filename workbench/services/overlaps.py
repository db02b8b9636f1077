"""Reviewing overlap flags: confirm (duplicates then share evidence), dismiss, reopen."""


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
