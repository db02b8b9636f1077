"""Everything a verification report shows, gathered in one read: plain frozen records, no formatting.

The exporters in workbench/report/ turn a ReportData into HTML, PDF, JSON, CSV, Markdown and ClaimReview;
none of them touches the database.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone


from workbench.domain import Article, Claim, Evidence, Overlap, OverlapState, Source, VerdictOption, VerdictScale
from workbench.domain.verdicts import UNVERIFIED
from workbench.storage import Database, report_queries
from workbench.storage import settings as settings_repo

ARCHIVE_THRESHOLD = 80.0  # used when the archive service does not say what a confident match is
ARCHIVE_LIMIT = 3  # "checked before" matches shown per claim
# the archive service may say what a confident match is under one of these names
ARCHIVE_THRESHOLD_NAMES = ("REPORT_THRESHOLD", "CONFIDENT_SCORE", "STRONG_SCORE", "HIGH_SCORE", "MATCH_THRESHOLD",
                           "THRESHOLD")


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    id: int
    source_id: int
    url: str
    title: str
    publisher: str
    published: str
    accessed: str
    stance: str
    quote: str
    note: str


@dataclass(frozen=True, slots=True)
class OverlapItem:
    """An overlap seen from one claim: the other claim with its number in this report (None if elsewhere)."""

    id: int
    other_id: int
    other_number: int | None
    other_text: str
    other_article: str  # title of the other claim's article when it is not this one, else ""
    score: float
    reason: str
    kind: str
    state: str


@dataclass(frozen=True, slots=True)
class CheckedBefore:
    """A published fact-check of a similar claim (from the archive)."""

    text: str
    title: str
    rating: str
    url: str
    score: float


@dataclass(frozen=True, slots=True)
class ClaimEntry:
    number: int  # 1-based, reading order
    id: int
    text: str
    attribution: str | None
    kind: str
    start: int
    end: int
    verdict: VerdictOption
    rationale: str
    evidence: tuple[EvidenceItem, ...]
    overlaps: tuple[OverlapItem, ...]
    checked_before: tuple[CheckedBefore, ...]

    @property
    def verified(self) -> bool:
        return self.verdict.key != UNVERIFIED


@dataclass(frozen=True, slots=True)
class VerdictCount:
    option: VerdictOption
    count: int

    def share(self, total: int) -> float:
        return self.count / total if total else 0.0


@dataclass(frozen=True, slots=True)
class ConfirmedOverlap:
    a_number: int | None
    a_text: str
    b_number: int | None
    b_text: str
    kind: str
    score: float


@dataclass(frozen=True, slots=True)
class EvidenceSummary:
    links: int  # evidence links (a source used for two claims counts twice)
    sources: int  # distinct sources
    claims_with_evidence: int
    supports: int
    refutes: int
    context: int


@dataclass(frozen=True, slots=True)
class ReportData:
    article: Article
    workspace: str
    generated_at: str  # ISO 8601, UTC, seconds
    organisation: str
    scale: VerdictScale
    verdict_counts: tuple[VerdictCount, ...]  # every option of the scale, in scale order, zeros included
    evidence: EvidenceSummary
    confirmed_overlaps: tuple[ConfirmedOverlap, ...]
    claims: tuple[ClaimEntry, ...]
    sources: tuple[Source, ...]  # every source used by the article's evidence, sorted by title

    @property
    def total_claims(self) -> int:
        return len(self.claims)

    @property
    def checked_claims(self) -> int:
        return sum(1 for c in self.claims if c.verified)

    @property
    def generated_date(self) -> str:
        return self.generated_at[:10]


def build_report(db: Database, article_id: int, workspace_name: str,
                 now: datetime | None = None) -> ReportData:
    """Read one article with its claims, verdicts, evidence, overlaps and archive matches."""
    with report_queries.read_snapshot(db):
        return _build(db, article_id, workspace_name, now)


def _build(db: Database, article_id: int, workspace_name: str, now: datetime | None) -> ReportData:
    article = report_queries.article(db, article_id)  # NotFound for a wrong id
    scale = settings_repo.verdict_scale(db)
    claims = report_queries.claims(db, article_id)
    numbers = {c.id: i for i, c in enumerate(claims, start=1)}
    evidence = report_queries.evidence_by_claim(db, article_id)
    overlaps = report_queries.overlaps(db, article_id)
    outside = report_queries.claims_by_id(db, _outside_ids(overlaps, numbers))
    checked_before = _checked_before(db, claims)

    by_claim: dict[int, list[OverlapItem]] = {}
    confirmed: list[ConfirmedOverlap] = []
    texts = {c.id: c.text for c in claims}
    for ov in overlaps:
        if ov.state == OverlapState.DISMISSED:
            continue
        for this, other in ((ov.claim_a, ov.claim_b), (ov.claim_b, ov.claim_a)):
            if this not in numbers:
                continue
            other_text, other_article = _other(other, texts, outside)
            by_claim.setdefault(this, []).append(OverlapItem(
                ov.id, other, numbers.get(other), other_text, other_article, ov.score, ov.reason,
                str(ov.kind), str(ov.state)))
        if ov.state == OverlapState.CONFIRMED:
            confirmed.append(ConfirmedOverlap(
                numbers.get(ov.claim_a), _other(ov.claim_a, texts, outside)[0],
                numbers.get(ov.claim_b), _other(ov.claim_b, texts, outside)[0], str(ov.kind), ov.score))
    confirmed.sort(key=lambda o: (o.a_number or 10**9, o.b_number or 10**9))

    entries = tuple(
        ClaimEntry(
            number=numbers[c.id], id=c.id, text=c.text, attribution=c.attribution, kind=str(c.kind),
            start=c.start, end=c.end, verdict=_option(scale, c.verdict), rationale=c.rationale,
            evidence=tuple(_evidence_item(e) for e in evidence.get(c.id, ())),
            overlaps=tuple(sorted(by_claim.get(c.id, ()),
                                  key=lambda o: (o.state != "confirmed", o.other_number or 10**9, -o.score))),
            checked_before=checked_before.get(c.id, ()),
        )
        for c in claims
    )
    all_evidence = [e for items in evidence.values() for e in items]
    sources = {e.source.id: e.source for e in all_evidence}
    stances = Counter(str(e.stance) for e in all_evidence)
    verdicts = Counter(e.verdict.key for e in entries)
    known = {o.key for o in scale.options}
    counts = [VerdictCount(o, verdicts.get(o.key, 0)) for o in scale.options]
    counts += [VerdictCount(_option(scale, key), n) for key, n in sorted(verdicts.items()) if key not in known]
    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    return ReportData(
        article=article,
        workspace=workspace_name,
        generated_at=stamp.isoformat().replace("+00:00", "Z"),
        organisation=settings_repo.organisation(db),
        scale=scale,
        verdict_counts=tuple(counts),
        evidence=EvidenceSummary(
            links=len(all_evidence), sources=len(sources),
            claims_with_evidence=sum(1 for e in entries if e.evidence),
            supports=stances.get("supports", 0), refutes=stances.get("refutes", 0),
            context=stances.get("context", 0),
        ),
        confirmed_overlaps=tuple(confirmed),
        claims=entries,
        sources=tuple(sorted(sources.values(), key=lambda s: ((s.title or s.url).casefold(), s.url))),
    )


def _option(scale: VerdictScale, key: str) -> VerdictOption:
    """The scale's option; a verdict the scale no longer knows still shows, grey, under its key."""
    return scale.get(key) or VerdictOption(key, key.replace("-", " ").capitalize(), "#9aa0a6",
                                           "A verdict that is no longer on this workspace's scale.")


def _evidence_item(e: Evidence) -> EvidenceItem:
    s = e.source
    return EvidenceItem(e.id, s.id, s.url, s.title, s.publisher, s.published, s.accessed, str(e.stance),
                        e.quote, e.note)


def _outside_ids(overlaps: list[Overlap], numbers: dict[int, int]) -> set[int]:
    return {i for ov in overlaps for i in (ov.claim_a, ov.claim_b) if i not in numbers}


def _other(claim_id: int, texts: dict[int, str], outside: dict[int, tuple[Claim, str]]) -> tuple[str, str]:
    if claim_id in texts:
        return texts[claim_id], ""
    claim, title = outside.get(claim_id, (None, ""))
    return (claim.text if claim else ""), title


def _checked_before(db: Database, claims: list[Claim]) -> dict[int, tuple[CheckedBefore, ...]]:
    """Top "checked before" matches per claim from the archive service, if it exists and holds claims.

    The report never fails because of the archive: any error there leaves the section out.
    """
    if not claims:
        return {}
    try:
        from workbench.services import archive as archive_service
    except ImportError:
        return {}
    threshold = next((float(getattr(archive_service, name)) for name in ARCHIVE_THRESHOLD_NAMES
                      if isinstance(getattr(archive_service, name, None), (int, float))), ARCHIVE_THRESHOLD)
    try:
        size = getattr(archive_service, "archive_size", None)
        if callable(size) and not size(db):
            return {}
        found = _search_archive(archive_service, db, claims)
    except Exception:  # noqa: BLE001 - an optional section; the rest of the report stands
        return {}
    result: dict[int, tuple[CheckedBefore, ...]] = {}
    for claim_id, matches in found.items():
        kept = sorted((m for m in matches or () if float(getattr(m, "score", 0.0)) >= threshold),
                      key=lambda m: -float(m.score))[:ARCHIVE_LIMIT]
        if kept:
            result[claim_id] = tuple(CheckedBefore(m.claim.text, m.claim.title, m.claim.rating, m.claim.url,
                                                   float(m.score)) for m in kept)
    return result


def _search_archive(archive_service, db: Database, claims: list[Claim]) -> dict[int, list]:
    """claim id -> ArchiveMatch list, with one index for the whole article when the service allows it."""
    if callable(getattr(archive_service, "search_many", None)):
        queries = [(str(c.id), c.text) for c in claims]
        generator = archive_service.search_many(db, queries, top=ARCHIVE_LIMIT)
        while True:
            try:
                next(generator)
            except StopIteration as stop:
                return {int(qid): matches for qid, matches in stop.value}
    if callable(getattr(archive_service, "search", None)):
        return {c.id: archive_service.search(db, c.text, top=ARCHIVE_LIMIT) for c in claims}
    return {}
