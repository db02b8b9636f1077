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
    """Edit text, attribution, kind, verdict or rationale of one claim. A new text is checked for overlaps again:
    its flags that nobody reviewed yet are replaced by what the new wording overlaps with.

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
    found = _overlaps_of(db, before.article_id, claim_id, changes["text"]) if "text" in changes else None
    with db.atomic():
        before = claim_repo.get(db, claim_id)  # again inside the transaction: history records what it replaced
        changes = {k: v for k, v in changes.items() if getattr(before, k) != v}
        if not changes:
            return Changes()
        after = claim_repo.update(db, claim_id, expected_version=expected_version, **changes)
        if found is not None and "text" in changes:
            overlap_repo.delete_flagged_for_claim(db, claim_id)
            overlap_repo.insert_many(db, found)
        history.record(db, "claim", claim_id, "update", {k: getattr(before, k) for k in changes},
                       {k: getattr(after, k) for k in changes})
    return Changes(article_ids=frozenset({after.article_id}), claim_ids=frozenset({claim_id}),
                   overlaps=found is not None)


def add_claim(db: Database, article_id: int, start: int, end: int, text: str | None = None,
              attribution: str | None = None, kind: ClaimKind = ClaimKind.STATEMENT,
              profile: ClaimDraft | None = None, check_overlaps: bool = False) -> Changes:
    """A claim the person marks by selecting words in the article. The selection snaps to whole words and loses
    dangling conjunctions and punctuation at its ends (claim_span). profile: speaker, kind and check-worthiness
    the claim engine gives these words (describe_selection); check_overlaps: flag overlaps with the article's
    other claims, as an import does."""
    article = article_repo.get(db, article_id)
    start, end = claim_span(article.text, start, end)
    if profile is not None:
        attribution = attribution or profile.attribution
        kind, worth = profile.kind, profile.checkworthiness
    else:
        worth = 0.5
    words = _clean_text(text or article.text[start:end], "claim text")
    draft = ClaimDraft(text=words, start=start, end=end,
                       attribution=(attribution or "").strip() or None, kind=kind, checkworthiness=worth)
    with db.atomic():
        claim = claim_repo.insert(db, article_id, draft, Origin.MANUAL)
        flagged = 0
        if check_overlaps:
            flagged = overlap_repo.insert_many(db, _overlaps_of(db, article_id, claim.id, words))
        history.record(db, "claim", claim.id, "add", None, claim_repo.as_row(claim))
    return Changes(article_ids=frozenset({article_id}), added_claims=(claim.id,), overlaps=bool(flagged))


def complete_claim(db: Database, claim_id: int, profile: ClaimDraft) -> Changes:
    """Give a hand-added claim what the engine found for its words (describe_selection): the speaker when none
    was typed, the kind while it is still the default, the check-worthiness. Part of adding it, not an edit of
    the person's: recorded in the history, no undo step of its own."""
    claim = claim_repo.get(db, claim_id)  # NotFound once the add was undone
    changes: dict = {}
    if not claim.attribution and profile.attribution:
        changes["attribution"] = profile.attribution
    if claim.kind == ClaimKind.STATEMENT and profile.kind != claim.kind:
        changes["kind"] = profile.kind
    if round(profile.checkworthiness, 3) != round(claim.checkworthiness, 3):
        changes["checkworthiness"] = profile.checkworthiness
    if not changes:
        return Changes()
    with db.atomic():
        claim_repo.update(db, claim_id, **changes)
        history.record(db, "claim", claim_id, "complete", {k: getattr(claim, k) for k in changes},
                       {k: str(v) if isinstance(v, ClaimKind) else v for k, v in changes.items()})
    return Changes(article_ids=frozenset({claim.article_id}), claim_ids=frozenset({claim_id}))


def offset_in_article(db: Database, claim_id: int, position: int) -> int:
    """The article offset under a caret at `position` in the claim's text (which may be reworded: "he" resolved,
    a speaker template): the caret's place among the words the claim text shares with the article."""
    from difflib import SequenceMatcher

    claim = claim_repo.get(db, claim_id)
    words = article_repo.get(db, claim.article_id).text[claim.start:claim.end]
    if claim.text == words:
        return claim.start + max(0, min(position, len(words)))
    best = claim.start
    for a, b, size in SequenceMatcher(None, claim.text, words, autojunk=False).get_matching_blocks():
        if a <= position <= a + size and size:
            return claim.start + b + (position - a)
        if a + size <= position:
            best = claim.start + b + size
    return best


def describe_selection(article_text: str, start: int, end: int) -> ClaimDraft:
    """What the claim engine makes of the selected words (snapped as add_claim snaps them): speaker, kind and
    check-worthiness, as for an extracted claim. Loads the language model: run it off the UI thread."""
    from workbench.claims.selection import describe_span

    start, end = claim_span(article_text, start, end)
    return describe_span(article_text, start, end)


def _overlaps_of(db: Database, article_id: int, claim_id: int, text: str):
    """Overlap pairs of one claim (with `text`) against the other claims of its article."""
    from workbench.matching.article import find_article_overlaps

    article = article_repo.get(db, article_id)
    others = [c for c in claim_repo.for_article(db, article_id) if c.id != claim_id]
    if not others:
        return []
    me = claim_repo.get(db, claim_id)
    found = find_article_overlaps(article.text, [(claim_id, text, me.start, me.end, me.attribution)]
                                  + [(c.id, c.text, c.start, c.end, c.attribution) for c in others])
    return [o for o in found if claim_id in (o.a, o.b)]


def split_claim(db: Database, claim_id: int, at: int) -> Changes:
    """Split at an offset in the article text: two claims, each keeping verdict and evidence."""
    claim = claim_repo.get(db, claim_id)
    article = article_repo.get(db, claim.article_id)
    if not claim.start < at < claim.end:
        raise InvalidInput("Place the cursor inside the claim's words to split it")
    try:  # each half loses a dangling "—", "but" or "and" at the cut
        left = claim_span(article.text, claim.start, at, snap=False)
        right = claim_span(article.text, at, claim.end, snap=False)
    except InvalidInput:
        raise InvalidInput("Split between words that each half can stand on: here one half would be empty") from None
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


_JOINING = frozenset({"and", "but", "or", "nor", "so", "yet"})  # never the first word of a claim
# nor its last: a claim does not end waiting for what comes next
_DANGLING = _JOINING | frozenset({"while", "whereas", "although", "though", "because", "as", "that", "which", "who",
                                  "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from"})
_EDGE_MARKS = ",;:—–-‑/&·"


def claim_span(text: str, start: int, end: int, snap: bool = True) -> tuple[int, int]:
    """The span a claim keeps of a selection or a split half: snapped to whole words (a word cut at an edge is
    kept when at least half of it was selected), then without dangling conjunctions, articles or prepositions at
    the end, conjunctions at the start, and stray commas or dashes at either end."""
    start, end = _trimmed_span(text, start, end)
    if snap:
        start, end = _snap_words(text, start, end)
    for _ in range(8):  # a few rounds: "…, and —" loses each piece in turn
        before = (start, end)
        while start < end and (text[start] in _EDGE_MARKS or text[start].isspace()):
            start += 1
        while end > start and (text[end - 1] in _EDGE_MARKS or text[end - 1].isspace()):
            end -= 1
        first = _word_at(text, start, forward=True)
        if first is not None and text[start:first].lower() in _JOINING and first < end:
            start = first
        last = _word_at(text, end, forward=False)
        if last is not None and text[last:end].lower() in _DANGLING and last > start:
            end = last
        if (start, end) == before:
            break
    if start >= end or not any(ch.isalnum() for ch in text[start:end]):
        raise InvalidInput("The selection holds no words")
    return start, end


def _word_at(text: str, at: int, forward: bool) -> int | None:
    """The other end of the word that starts (forward) or ends at `at`, or None when no word is there."""
    i = at
    if forward:
        while i < len(text) and (text[i].isalnum() or text[i] in "'’"):
            i += 1
    else:
        while i > 0 and (text[i - 1].isalnum() or text[i - 1] in "'’"):
            i -= 1
    return i if i != at else None


def _snap_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A selection edge inside a word moves to the nearer side: the word stays when at least half of it
    was selected."""
    def in_word(i: int) -> bool:
        return 0 <= i < len(text) and text[i].isalnum()

    def word_around(i: int) -> tuple[int, int]:
        left, right = i, i
        while in_word(left - 1):
            left -= 1
        while in_word(right):
            right += 1
        return left, right

    if in_word(start - 1) and in_word(start):  # cut inside a word at the start
        left, right = word_around(start)
        start = left if (right - start) * 2 >= right - left else right
    if in_word(end - 1) and in_word(end):  # cut inside a word at the end
        left, right = word_around(end)
        end = right if (end - left) * 2 >= right - left else left
    if start >= end:
        raise InvalidInput("Select at least one whole word")
    return _trimmed_span(text, start, end)


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
