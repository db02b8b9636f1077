"""Claim use cases: verdicts, edits, add, split, merge, delete — and their exact reversal."""


from workbench.domain import Claim, ClaimDraft, ClaimKind, InvalidInput, Origin
from workbench.services.changes import Changes, ClaimSnapshot
from workbench.storage import Database, articles as article_repo
from workbench.storage import claims as claim_repo
from workbench.storage import evidence as evidence_repo
from workbench.storage import history
from workbench.storage import overlaps as overlap_repo
from workbench.storage import settings as settings_repo

MAX_TEXT = 5000


def list_claims(db: Database, article_id: int) -> list[Claim]:
    article_repo.get(db, article_id)  # NotFound for a wrong id
    return claim_repo.for_article(db, article_id)


def get_claim(db: Database, claim_id: int) -> Claim:
    return claim_repo.get(db, claim_id)


def set_verdict(db: Database, claim_id: int, verdict: str, rationale: str | None = None, *,
                expected_version: int | None = None) -> Changes:
    scale = settings_repo.verdict_scale(db)
    if scale.get(verdict) is None:
        raise InvalidInput(f"Unknown verdict {verdict!r}; choose one of: {', '.join(scale.keys())}")
    changes: dict = {"verdict": verdict}
    if rationale is not None:
        changes["rationale"] = _clean_text(rationale, "rationale", allow_empty=True)
    return update_claim(db, claim_id, expected_version=expected_version, **changes)


def update_claim(db: Database, claim_id: int, *, expected_version: int | None = None, **changes) -> Changes:
    """Edit text, attribution, kind, verdict or rationale of one claim.

    expected_version: the version the person's edit started from (Claim.version); when someone else changed
    the claim since, nothing is written and EditConflict says who and when."""
    before = claim_repo.get(db, claim_id)
    if "text" in changes:
        changes["text"] = _clean_text(changes["text"], "claim text")
    if "attribution" in changes:
        value = (changes["attribution"] or "").strip()
        changes["attribution"] = value or None
    if "kind" in changes:
        changes["kind"] = ClaimKind(changes["kind"])
    if "verdict" in changes and settings_repo.verdict_scale(db).get(changes["verdict"]) is None:
        raise InvalidInput(f"Unknown verdict {changes['verdict']!r}")
    if not {k: v for k, v in changes.items() if getattr(before, k) != v}:
        return Changes()
    with db.atomic():
        before = claim_repo.get(db, claim_id)  # again inside the transaction: history records what it replaced
        changes = {k: v for k, v in changes.items() if getattr(before, k) != v}
        if not changes:
            return Changes()
        after = claim_repo.update(db, claim_id, expected_version=expected_version, **changes)
        history.record(db, "claim", claim_id, "update", {k: getattr(before, k) for k in changes},
                       {k: getattr(after, k) for k in changes})
    return Changes(article_ids=frozenset({after.article_id}), claim_ids=frozenset({claim_id}))


def add_claim(db: Database, article_id: int, start: int, end: int, text: str | None = None,
              attribution: str | None = None, kind: ClaimKind = ClaimKind.STATEMENT) -> Changes:
    """A claim the person marks by selecting words in the article."""
    article = article_repo.get(db, article_id)
    start, end = _trimmed_span(article.text, start, end)
    draft = ClaimDraft(text=_clean_text(text or article.text[start:end], "claim text"), start=start, end=end,
                       attribution=(attribution or "").strip() or None, kind=kind, checkworthiness=0.5)
    with db.atomic():
        claim = claim_repo.insert(db, article_id, draft, Origin.MANUAL)
        history.record(db, "claim", claim.id, "add", None, claim_repo.as_row(claim))
    return Changes(article_ids=frozenset({article_id}), added_claims=(claim.id,))


def split_claim(db: Database, claim_id: int, at: int) -> Changes:
    """Split at an offset in the article text: two claims, each keeping verdict and evidence."""
    claim = claim_repo.get(db, claim_id)
    article = article_repo.get(db, claim.article_id)
    if not claim.start < at < claim.end:
        raise InvalidInput("Place the cursor inside the claim's words to split it")
    left = _trimmed_span(article.text, claim.start, at)
    right = _trimmed_span(article.text, at, claim.end)
    snapshot = _snapshot(db, claim_id)
    with db.atomic():
        _delete(db, claim_id)
        added = []
        for start, end in (left, right):
            draft = ClaimDraft(article.text[start:end], start, end, claim.attribution, claim.kind, claim.checkworthiness)
            new = claim_repo.insert(db, claim.article_id, draft, Origin.MANUAL, verdict=claim.verdict,
                                    rationale=claim.rationale)
            _copy_evidence(db, snapshot, new.id)
            added.append(new.id)
        history.record(db, "claim", claim_id, "split", claim_repo.as_row(claim), {"into": added})
    return Changes(article_ids=frozenset({claim.article_id}), added_claims=tuple(added), removed_claims=(snapshot,))


def merge_claims(db: Database, claim_ids: list[int]) -> Changes:
    """Merge claims of one article into one covering all their words; evidence is kept."""
    if len(set(claim_ids)) < 2:
        raise InvalidInput("Select two or more claims to merge")
    claims = sorted((claim_repo.get(db, i) for i in set(claim_ids)), key=lambda c: (c.start, c.id))
    if len({c.article_id for c in claims}) > 1:
        raise InvalidInput("Only claims of the same article can be merged")
    article = article_repo.get(db, claims[0].article_id)
    start, end = min(c.start for c in claims), max(c.end for c in claims)
    first = claims[0]
    snapshots = tuple(_snapshot(db, c.id) for c in claims)
    attribution = next((c.attribution for c in claims if c.attribution), None)
    verdict = next((c.verdict for c in claims if c.verdict != "unverified"), "unverified")
    rationale = "\n\n".join(c.rationale for c in claims if c.rationale)
    with db.atomic():
        for c in claims:
            _delete(db, c.id)
        draft = ClaimDraft(article.text[start:end], start, end, attribution, first.kind,
                           max(c.checkworthiness for c in claims))
        new = claim_repo.insert(db, article.id, draft, Origin.MANUAL, verdict=verdict, rationale=rationale)
        for snap in snapshots:
            _copy_evidence(db, snap, new.id)
        history.record(db, "claim", new.id, "merge", {"from": [c.id for c in claims]}, claim_repo.as_row(new))
    return Changes(article_ids=frozenset({article.id}), added_claims=(new.id,), removed_claims=snapshots)


def delete_claim(db: Database, claim_id: int) -> Changes:
    snapshot = _snapshot(db, claim_id)
    with db.atomic():
        _delete(db, claim_id)
        history.record(db, "claim", claim_id, "delete", claim_repo.as_row(snapshot.claim), None)
    return Changes(article_ids=frozenset({snapshot.claim.article_id}), removed_claims=(snapshot,))


def revert(db: Database, changes: Changes) -> Changes:
    """Undo a structural change: remove what it added, restore what it removed, with the same ids."""
    with db.atomic():
        re_removed = tuple(_snapshot(db, cid) for cid in changes.added_claims)
        for cid in changes.added_claims:
            _delete(db, cid)
        for snap in changes.removed_claims:
            _restore(db, snap)
        history.record(db, "claim", (changes.removed_claims or re_removed)[0].claim.id if (changes.removed_claims or re_removed) else 0,
                       "revert", {"removed": list(changes.added_claims)},
                       {"restored": [s.claim.id for s in changes.removed_claims]})
    return Changes(article_ids=changes.article_ids, added_claims=tuple(s.claim.id for s in changes.removed_claims),
                   removed_claims=re_removed)


def _snapshot(db: Database, claim_id: int) -> ClaimSnapshot:
    return ClaimSnapshot(claim_repo.get(db, claim_id), tuple(evidence_repo.for_claim(db, claim_id)),
                         tuple(overlap_repo.for_claim(db, claim_id)))


def _delete(db: Database, claim_id: int) -> None:
    claim_repo.delete(db, claim_id)  # evidence and overlaps go with it (ON DELETE CASCADE)


def _restore(db: Database, snap: ClaimSnapshot) -> None:
    c = snap.claim
    draft = ClaimDraft(c.text, c.start, c.end, c.attribution, c.kind, c.checkworthiness, c.parts, c.repeats)
    claim_repo.insert(db, c.article_id, draft, c.origin, claim_id=c.id, verdict=c.verdict, rationale=c.rationale)
    for ev in snap.evidence:
        evidence_repo.insert_evidence(db, c.id, ev.source.id, ev.quote, ev.stance, ev.note, evidence_id=ev.id)
    existing = {r[0] for r in db.execute("SELECT id FROM claims").fetchall()}
    for ov in snap.overlaps:
        if ov.claim_a in existing and ov.claim_b in existing:
            if not db.execute("SELECT 1 FROM overlaps WHERE id = ?", [ov.id]).fetchone():
                overlap_repo.insert(db, ov)


def _copy_evidence(db: Database, snap: ClaimSnapshot, target: int) -> None:
    for ev in snap.evidence:
        if evidence_repo.find_evidence(db, target, ev.source.id, ev.quote) is None:
            evidence_repo.insert_evidence(db, target, ev.source.id, ev.quote, ev.stance, ev.note)


def _trimmed_span(text: str, start: int, end: int) -> tuple[int, int]:
    if not (0 <= start < end <= len(text)):
        raise InvalidInput("Select some words of the article first")
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise InvalidInput("The selection holds no words")
    return start, end


def _clean_text(value: str, what: str, allow_empty: bool = False) -> str:
    text = (value or "").strip()
    if not text and not allow_empty:
        raise InvalidInput(f"The {what} cannot be empty")
    if len(text) > MAX_TEXT:
        raise InvalidInput(f"The {what} is too long ({len(text)} characters; at most {MAX_TEXT})")
    return text
