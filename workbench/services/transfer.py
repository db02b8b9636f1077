"""Moving work between workspaces: push a file workspace to a team workspace, pull articles offline.

Both are one copy: each article goes over with its claims, verdicts, rationales, evidence and overlaps,
in one transaction on the receiving side. An article the receiver already has (same content hash) is
merged claim by claim (same words of the text): a verdict or rationale only the sender has is taken, evidence
the receiver lacks is added, and where both set different verdicts the receiver's is kept and the pair is
listed as a conflict. Nothing is dropped: a claim the receiver lacks is added."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.domain import Article, Claim, ClaimDraft, NotFound, OverlapDraft, OverlapState, ParsedArticle
from workbench.storage import Database, history
from workbench.storage import articles as article_repo
from workbench.storage import claims as claim_repo
from workbench.storage import evidence as evidence_repo
from workbench.storage import overlaps as overlap_repo
from workbench.storage import settings as settings_repo


@dataclass
class TransferReport:
    added_articles: list[int] = field(default_factory=list)  # ids on the receiving side
    merged_articles: list[int] = field(default_factory=list)
    claims_added: int = 0
    verdicts_taken: int = 0
    evidence_added: int = 0
    conflicts: list[str] = field(default_factory=list)  # one line each, for the person


def copy_articles(source: Database, target: Database, article_ids: list[int] | None = None,
                  action: str = "push") -> TransferReport:
    """Copy (or merge) articles of `source` into `target`; all of them when article_ids is None."""
    if article_ids is None:
        article_ids = [a.id for a in article_repo.summaries(source)]
    articles = [article_repo.get(source, i) for i in article_ids]  # NotFound before anything is written
    scale = settings_repo.verdict_scale(target)
    report = TransferReport()
    with target.atomic():
        for article in articles:
            _copy_one(source, target, article, scale, report, action)
    return report


def _copy_one(source: Database, target: Database, article: Article, scale, report: TransferReport,
              action: str) -> None:
    existing = article_repo.find_by_hash(target, article.content_hash)
    if existing is None:
        parsed = ParsedArticle(title=article.title, text=article.text, subtitle=article.subtitle,
                               authors=article.authors, published=article.published, source=article.source)
        dest = article_repo.insert(target, parsed, article.content_hash)
        report.added_articles.append(dest.id)
    else:
        dest = article_repo.get(target, existing)
        report.merged_articles.append(dest.id)
    theirs = {(c.start, c.end, c.text): c for c in claim_repo.for_article(target, dest.id)}
    mapped: dict[int, int] = {}
    for claim in claim_repo.for_article(source, article.id):
        verdict = claim.verdict if scale.get(claim.verdict) is not None else "unverified"
        if verdict != claim.verdict:
            report.conflicts.append(f"claim {claim.id} '{_short(claim)}': verdict {claim.verdict!r} is not on the"
                                    " receiving workspace's scale; left unverified there, rationale kept")
        match = theirs.get((claim.start, claim.end, claim.text))
        if match is None:
            draft = ClaimDraft(claim.text, claim.start, claim.end, claim.attribution, claim.kind,
                               claim.checkworthiness, claim.parts, claim.repeats)
            match = claim_repo.insert(target, dest.id, draft, claim.origin, verdict=verdict,
                                      rationale=claim.rationale)
            report.claims_added += 1
        else:
            _merge_claim(target, claim, match, verdict, report)
        mapped[claim.id] = match.id
        report.evidence_added += _copy_evidence(source, target, claim.id, match.id)
    _copy_overlaps(source, target, article.id, mapped)
    history.record(target, "article", dest.id, action, None,
                   {"title": dest.title, "claims": len(mapped), "merged": existing is not None})


def _merge_claim(target: Database, mine: Claim, theirs: Claim, verdict: str, report: TransferReport) -> None:
    changes = {}
    if verdict != "unverified" and theirs.verdict == "unverified":
        changes["verdict"] = verdict
        report.verdicts_taken += 1
    elif verdict != "unverified" and verdict != theirs.verdict:
        report.conflicts.append(f"claim '{_short(mine)}': verdict {theirs.verdict!r} kept, {verdict!r} not taken")
    if mine.rationale and mine.rationale not in theirs.rationale:
        changes["rationale"] = f"{theirs.rationale}\n\n{mine.rationale}".strip()
    if changes:
        before = {k: getattr(theirs, k) for k in changes}
        claim_repo.update(target, theirs.id, **changes)
        history.record(target, "claim", theirs.id, "update", before, changes)


def _copy_evidence(source: Database, target: Database, claim_id: int, target_claim: int) -> int:
    added = 0
    for ev in evidence_repo.for_claim(source, claim_id):
        src = evidence_repo.source_by_url(target, ev.source.url)
        if src is None:
            s = ev.source
            src = evidence_repo.insert_source(target, s.url, s.title, s.publisher, s.published, s.accessed)
        if evidence_repo.find_evidence(target, target_claim, src.id, ev.quote) is None:
            evidence_repo.insert_evidence(target, target_claim, src.id, ev.quote, ev.stance, ev.note)
            added += 1
    return added


def _copy_overlaps(source: Database, target: Database, article_id: int, mapped: dict[int, int]) -> None:
    """Pairs inside the copied article (pairs naming claims of other articles stay behind)."""
    for ov in overlap_repo.for_article(source, article_id):
        a, b = mapped.get(ov.claim_a), mapped.get(ov.claim_b)
        if a is None or b is None:
            continue
        overlap_repo.insert_many(target, [OverlapDraft(a, b, ov.score, ov.reason, ov.kind)])
        if ov.state != OverlapState.FLAGGED:
            for stored in overlap_repo.for_claim(target, min(a, b)):
                if {stored.claim_a, stored.claim_b} == {a, b} and stored.state == OverlapState.FLAGGED:
                    overlap_repo.set_state(target, stored.id, ov.state)


def _short(claim: Claim) -> str:
    return claim.text if len(claim.text) <= 60 else claim.text[:57] + "..."


def article_ids_exist(db: Database, ids: list[int]) -> None:
    for article_id in ids:
        if not article_repo.exists(db, article_id):
            raise NotFound(f"No article with id {article_id}")
