"""Articles: import (parse, extract claims, find overlaps, store), rename, delete and its undo — each one
transaction."""

import threading
import unicodedata
from collections.abc import Generator
from dataclasses import dataclass, replace
from pathlib import Path


from workbench.domain import (
    Article, ArticleSummary, Cancelled, Claim, ClaimDraft, DuplicateArticle, InvalidInput, NotFound, Overlap,
    OverlapDraft, ParsedArticle, Progress,
)
from workbench.domain import limits
from workbench.services.changes import Changes, ClaimSnapshot
from workbench.storage import Database, articles as article_repo
from workbench.storage import claims as claim_repo
from workbench.storage import evidence as evidence_repo
from workbench.storage import history
from workbench.storage import overlaps as overlap_repo
from workbench.storage import vectors as vector_repo

MAX_TITLE = limits.MAX_TITLE
LIBRARY = "library"  # key of Changes.extra: the list of articles changed (a title, an article gone or back)


@dataclass(frozen=True, slots=True)
class ImportResult:
    article: Article
    claims: int
    overlaps: int
    duplicate: bool = False  # the same content was already there; nothing was added


def import_file(db: Database, path: Path | str, cancel: threading.Event | None = None
                ) -> Generator[Progress, None, ImportResult]:
    from workbench.text import parse_article_file  # not needed to open a workspace: keep start-up light

    from workbench.services.workspace import refuse_workspace_file

    refuse_workspace_file(db, path, "an article")
    yield Progress(0, 100, f"Reading {Path(path).name}")
    parsed = parse_article_file(path, cancel)
    return (yield from import_parsed(db, parsed, cancel))


def import_pasted(db: Database, text: str, title: str = "", cancel: threading.Event | None = None
                  ) -> Generator[Progress, None, ImportResult]:
    from workbench.text import parse_article

    parsed = parse_article(text, source="pasted text", fallback_title=title.strip() or "Pasted article", kind=".md",
                           cancel=cancel)
    return (yield from import_parsed(db, parsed, cancel))


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the claim engine and the overlap matcher make of one article's text, before anything is stored."""

    drafts: tuple[ClaimDraft, ...]
    overlaps: tuple[OverlapDraft, ...]  # pairs within the article; a and b are 1-based places in drafts


def extract_article(text: str, cancel: threading.Event | None = None, lead: tuple[tuple[int, int], ...] = ()
                    ) -> Generator[Progress, None, Extraction]:
    """Claims and the overlaps among them: the one code path of `workbench extract` and of every import, so
    both give the same claims and the same overlaps for the same file. `lead`: the spans of title and
    standfirst in the text (a headline that overstates the body is flagged, matching/overstates.py)."""
    drafts = yield from _extract(text, cancel)
    yield Progress(90, 100, "Looking for overlapping claims")
    _check(cancel)
    found = _within(text, drafts)
    if lead:
        from workbench.matching.article import add_overstatements

        found = add_overstatements(text, _numbered(drafts), found, lead)
    return Extraction(tuple(drafts), tuple(found))


def _numbered(drafts: list[ClaimDraft]) -> list[tuple[int, str, int, int, str | None]]:
    return [(i, d.text, d.start, d.end, d.attribution) for i, d in enumerate(drafts, start=1)]


def _within(text: str, drafts: list[ClaimDraft]) -> list[OverlapDraft]:
    from workbench.matching.article import find_article_overlaps

    # Scored on the article alone: what other articles hold must not change the pairs inside this one.
    return find_article_overlaps(text, _numbered(drafts))


def import_parsed(db: Database, parsed: ParsedArticle, cancel: threading.Event | None = None
                  ) -> Generator[Progress, None, ImportResult]:
    from workbench.text.importer import content_hash

    digest = content_hash(parsed)
    existing = article_repo.find_by_hash(db, digest)
    if existing is not None:
        article = article_repo.get(db, existing)
        return ImportResult(article, len(claim_repo.for_article(db, existing)), 0, duplicate=True)

    lead = tuple(span for span in (parsed.title_span, parsed.subtitle_span) if span)
    extraction = yield from extract_article(parsed.text, cancel, lead)
    across = _across(db, parsed.text, extraction.drafts)
    # sentence vectors encoded for this import are kept for the next (storage/vectors.py)
    texts = [d.text for d in extraction.drafts] + [t for _, t in claim_repo.all_texts(db)]
    _check(cancel)
    with db.atomic():
        again = article_repo.find_by_hash(db, digest)  # another process may have imported it meanwhile
        if again is not None:
            return ImportResult(article_repo.get(db, again), len(claim_repo.for_article(db, again)), 0,
                                duplicate=True)
        _store_vectors(db, texts)
        article = article_repo.insert(db, parsed, digest)
        stored = [claim_repo.insert(db, article.id, d) for d in extraction.drafts]
        ids = {i: c.id for i, c in enumerate(stored, start=1)}
        ids.update((-i, c.id) for i, c in enumerate(stored, start=1))
        # matching ran before the lock: a claim of another article may have been deleted since
        still_there = claim_repo.existing_ids(db, {x for d in across for x in (d.a, d.b) if x > 0})
        across = [o for o in across if all(x < 0 or x in still_there for x in (o.a, o.b))]
        found = [replace(o, a=ids.get(o.a, o.a), b=ids.get(o.b, o.b)) for o in (*extraction.overlaps, *across)]
        added = overlap_repo.insert_many(db, found)
        history.record(db, "article", article.id, "import", None,
                       {"title": article.title, "source": article.source, "claims": len(stored)})
        _check(cancel)  # a Cancel pressed meanwhile rolls everything back
    # Nothing is yielded after the commit: a Cancel seen from here on would report a stored article as cancelled.
    return ImportResult(article, len(stored), added)


def _across(db: Database, text: str, drafts) -> list[OverlapDraft]:
    """Pairs between the new article's claims (ids -1, -2, … by place) and the claims already stored."""
    from workbench.matching.article import claim_rows, find_article_overlaps

    # other articles' claims with their source sentence and attribution as context (matching/article.py)
    context: dict[int, str] = {}
    for other in article_repo.summaries(db):
        if other.claims:
            rows = claim_rows(article_repo.get(db, other.id).text,
                              [(c.id, c.text, c.start, c.end, c.attribution)
                               for c in claim_repo.for_article(db, other.id)])
            context.update((i, ctx) for i, _, ctx in rows)
    existing = [(i, t, context.get(i, "")) for i, t in claim_repo.all_texts(db)]
    if not existing or not drafts:
        return []
    _load_vectors(db, [t for _, t, _ in existing])
    found = find_article_overlaps(text, [(-i, d.text, d.start, d.end, d.attribution)
                                         for i, d in enumerate(drafts, start=1)], existing)
    return [o for o in found if (o.a < 0) != (o.b < 0)]


def _load_vectors(db: Database, texts: list[str]) -> None:
    """Stored sentence vectors into the matcher's cache: only claims never encoded are encoded."""
    from workbench.matching import semantic

    missing = [t for t in texts if t not in semantic.known(texts)]
    if missing:
        semantic.prime(vector_repo.load(db, missing, semantic.model_id()))


def _store_vectors(db: Database, texts: list[str]) -> None:
    from workbench.matching import semantic

    vectors = semantic.known(texts)
    if vectors:
        vector_repo.save(db, {t: semantic.pack(v) for t, v in vectors.items()}, semantic.model_id())


def _extract(text: str, cancel: threading.Event | None) -> Generator[Progress, None, list[ClaimDraft]]:
    from workbench.claims import iter_extract_claims  # loads spaCy lazily, never at start-up

    inner = iter_extract_claims(text, cancel)
    while True:
        try:
            step = next(inner)
        except StopIteration as stop:
            return list(stop.value)
        total = max(step.total, 1)
        yield Progress(5 + int(85 * step.done / total), 100, step.message or "Finding claims")


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled("Import cancelled")


def list_articles(db: Database) -> list[ArticleSummary]:
    return article_repo.summaries(db)


def get_article(db: Database, article_id: int) -> Article:
    return article_repo.get(db, article_id)


def rename_article(db: Database, article_id: int, title: str) -> Changes:
    """A new title, stored as the plain text typed (on one line); an empty title is refused."""
    before = article_repo.get(db, article_id)
    clean = clean_title(title)
    if clean == before.title:
        return Changes()
    with db.atomic():
        article_repo.rename(db, article_id, clean)
        history.record(db, "article", article_id, "rename", {"title": before.title}, {"title": clean})
    return Changes(article_ids=frozenset({article_id}), extra={LIBRARY: True})


def clean_title(title: str | None) -> str:
    # One line without control characters: a title heads lists, reports and exports.
    text = " ".join("".join(ch for ch in (title or "") if unicodedata.category(ch) != "Cc" or ch.isspace()).split())
    if not text:
        raise InvalidInput("An article needs a title: type at least one word")
    if len(text) > MAX_TITLE:
        raise InvalidInput(f"The title is too long ({len(text)} characters; at most {MAX_TITLE})")
    return text


@dataclass(frozen=True, slots=True)
class DeletedArticle:
    """Everything needed to bring a deleted article back exactly: its claims with their evidence and overlaps."""

    article: Article
    claims: tuple[ClaimSnapshot, ...] = ()


def delete_article(db: Database, article_id: int) -> tuple[DeletedArticle, Changes]:
    """Delete an article with its claims, their evidence links and overlaps; sources stay for other claims."""
    article_repo.get(db, article_id)  # NotFound for a wrong id
    with db.atomic():
        # A write first: it takes the write lock, so no background import adds an overlap with these claims
        # between the snapshot and the delete.
        article_repo.keep_id(db, article_id)
        article = article_repo.get(db, article_id)
        claims = tuple(_snapshot(db, c) for c in claim_repo.for_article(db, article_id))
        article_repo.delete(db, article_id)
        history.record(db, "article", article_id, "delete",
                       {"title": article.title, "claims": [s.claim.id for s in claims]}, None)
    return DeletedArticle(article, claims), Changes(article_ids=frozenset({article_id}), extra={LIBRARY: True})


def _snapshot(db: Database, claim: Claim) -> ClaimSnapshot:
    evidence = tuple(evidence_repo.for_claim(db, claim.id))
    return ClaimSnapshot(claim, evidence, tuple(overlap_repo.for_claim(db, claim.id)))


def restore_article(db: Database, deleted: DeletedArticle) -> Changes:
    """Undo of delete_article: the article, its claims and evidence with their ids, and the overlaps whose
    other claim still exists."""
    article = deleted.article
    if article_repo.exists(db, article.id):
        raise InvalidInput(f"“{article.title}” is already in the workspace")
    if article_repo.find_by_hash(db, article.content_hash) is not None:
        raise InvalidInput(f"“{article.title}” cannot come back: the same article was imported again after it "
                           "was deleted. Delete that copy first.")
    with db.atomic():
        article_repo.restore(db, article)
        for snap in deleted.claims:
            _restore_claim(db, snap)
        alive = {c.id for c in claim_repo.for_article(db, article.id)}
        overlaps = {ov.id: ov for snap in deleted.claims for ov in snap.overlaps}
        for ov in overlaps.values():
            _restore_overlap(db, ov, alive)
        history.record(db, "article", article.id, "restore", None,
                       {"title": article.title, "claims": sorted(alive)})
    return Changes(article_ids=frozenset({article.id}), extra={LIBRARY: True})


def _restore_claim(db: Database, snap: ClaimSnapshot) -> None:
    c = snap.claim
    draft = ClaimDraft(c.text, c.start, c.end, c.attribution, c.kind, c.checkworthiness, c.parts, c.repeats)
    claim_repo.insert(db, c.article_id, draft, c.origin, claim_id=c.id, verdict=c.verdict, rationale=c.rationale)
    for ev in snap.evidence:  # sources are never deleted, so each link finds its source
        evidence_repo.insert_evidence(db, c.id, ev.source.id, ev.quote, ev.stance, ev.note, evidence_id=ev.id)


def _restore_overlap(db: Database, ov: Overlap, alive: set[int]) -> None:
    if not all(i in alive or _found(claim_repo.get, db, i) for i in (ov.claim_a, ov.claim_b)):
        return  # the other claim was deleted meanwhile
    if _found(overlap_repo.get, db, ov.id):
        ov = replace(ov, id=None)  # overlap ids can be reused by a later import: keep the pair, not the id
    overlap_repo.insert(db, ov)


def _found(get, db: Database, record_id: int) -> bool:
    try:
        get(db, record_id)
    except NotFound:
        return False
    return True


__all__ = ["DeletedArticle", "DuplicateArticle", "Extraction", "ImportResult", "extract_article", "LIBRARY", "MAX_TITLE", "clean_title",
           "delete_article", "get_article", "import_file", "import_parsed", "import_pasted", "list_articles",
           "rename_article", "restore_article"]
