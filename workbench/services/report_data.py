"""Everything a verification report shows, gathered in one read: plain frozen records, no formatting.

The exporters in workbench/report/ turn a ReportData into HTML, PDF, JSON, CSV, Markdown and ClaimReview;
none of them touches the database.
"""

from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime, timezone


from workbench.domain import Article, Claim, Evidence, Overlap, OverlapState, Source, VerdictOption, VerdictScale
from workbench.domain.verdicts import UNVERIFIED
from workbench.services.overlaps import group_overlaps
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
    overlaps: tuple[OverlapItem, ...]  # pairs; those of a repeated fact are in repeated_fact instead
    checked_before: tuple[CheckedBefore, ...]
    article_words: str = ""  # the article's own words when the claim text was edited by hand, else ""
    warnings: tuple[str, ...] = ()  # what an editor must look at before signing off (see _warnings)
    author_type: str = ""  # "Person" or "Organization" for the speaker, when it was looked up (ClaimReview)
    repeated_fact: int | None = None  # number of the RepeatedFact this claim belongs to

    @property
    def verified(self) -> bool:
        return self.verdict.key != UNVERIFIED

    @property
    def edited(self) -> bool:
        return bool(self.article_words)


@dataclass(frozen=True, slots=True)
class Correction:
    """A verdict changed after the report was first exported."""

    number: int
    claim_text: str
    before: VerdictOption
    after: VerdictOption
    at: str  # ISO 8601
    by: str = ""  # who changed it (the login on a team workspace)


@dataclass(frozen=True, slots=True)
class Warning:
    """One kind of problem, with the claims it concerns (their numbers in this report)."""

    text: str
    numbers: tuple[int, ...]


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
class RepeatedFact:
    """One fact stated three or more times (a group of duplicate flags, see services.overlaps)."""

    number: int  # 1-based, in order of the first claim
    members: tuple[tuple[int | None, str], ...]  # (claim number here or None, text)
    confirmed: bool
    best_score: float

    def numbers_except(self, number: int) -> list[int | None]:
        return [n for n, _ in self.members if n != number]


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
    claims: tuple[ClaimEntry, ...]  # every claim: the summary counts them all
    sources: tuple[Source, ...]  # every source used by the article's evidence, sorted by title
    only_checked: bool = False  # list only the claims with a verdict other than Unverified
    warnings: tuple[Warning, ...] = ()  # over the listed claims
    first_export: str = ""  # ISO time of the first recorded export of this article's report, "" before it
    corrections: tuple[Correction, ...] = ()  # verdicts changed since first_export
    publication_url: str = ""  # where the fact-check is published (workspace setting), "" when not set

    @property
    def listed_claims(self) -> tuple[ClaimEntry, ...]:
        """The claims the report prints (all, or only those with a verdict)."""
        return tuple(c for c in self.claims if c.verified) if self.only_checked else self.claims

    @property
    def rationale_for_every_rating(self) -> bool:
        return all(c.rationale.strip() for c in self.claims if c.verified)
    repeated_facts: tuple[RepeatedFact, ...] = ()

    @property
    def total_claims(self) -> int:
        return len(self.claims)

    @property
    def checked_claims(self) -> int:
        return sum(1 for c in self.claims if c.verified)

    @property
    def generated_date(self) -> str:
        return self.generated_at[:10]


def build_report(db: Database, article_id: int, workspace_name: str, now: datetime | None = None, *,
                 only_checked: bool = False, author_types: bool = False) -> ReportData:
    """Read one article with its claims, verdicts, evidence, overlaps and archive matches.
    only_checked: list only claims with a verdict (the summary still counts all). author_types: look up
    whether each speaker is a person or an organisation (loads the language model; for ClaimReview)."""
    with report_queries.read_snapshot(db):
        data = _build(db, article_id, workspace_name, now)
    data = replace(data, only_checked=only_checked)
    data = replace(data, warnings=_summary_warnings(data.listed_claims))
    if author_types:
        data = replace(data, claims=_with_author_types(data))
    return data


def record_export(db: Database, article_id: int, formats: list[str], only_checked: bool = False) -> None:
    """Note in the history that the report was exported: later reports list verdicts changed after the first
    one as corrections. A workspace that cannot be written to (read-only file) still gets its report."""
    from workbench.storage import history

    try:
        with db.atomic():
            history.record(db, "article", article_id, "export", None,
                           {"formats": sorted(formats), "only_checked": only_checked})
    except Exception:  # noqa: BLE001 - the report itself was written; only the note is missing
        return


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
    groups = [g for g in group_overlaps(overlaps) if any(i in numbers for i in g.claim_ids)]
    groups.sort(key=lambda g: min(numbers.get(i, 10**9) for i in g.claim_ids))
    grouped = {ov.id for g in groups for ov in g.overlaps}
    repeated = tuple(
        RepeatedFact(n, tuple(sorted(((numbers.get(i), _other(i, texts, outside)[0]) for i in g.claim_ids),
                                     key=lambda m: m[0] or 10**9)),
                     g.state == OverlapState.CONFIRMED, max(ov.score for ov in g.overlaps))
        for n, g in enumerate(groups, start=1))
    fact_of = {i: n for n, g in enumerate(groups, start=1) for i in g.claim_ids}
    for ov in overlaps:
        if ov.state == OverlapState.DISMISSED or ov.id in grouped:
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

    originals = report_queries.original_texts(db, article_id)
    entries = tuple(
        ClaimEntry(
            number=numbers[c.id], id=c.id, text=c.text, attribution=c.attribution, kind=str(c.kind),
            start=c.start, end=c.end, verdict=_option(scale, c.verdict), rationale=c.rationale,
            evidence=tuple(_evidence_item(e) for e in evidence.get(c.id, ())),
            overlaps=tuple(sorted(by_claim.get(c.id, ()),
                                  key=lambda o: (o.state != "confirmed", o.other_number or 10**9, -o.score))),
            checked_before=checked_before.get(c.id, ()),
            article_words=(article.text[c.start:c.end] if c.id in originals and originals[c.id] != c.text
                           else ""),
            repeated_fact=fact_of.get(c.id),
        )
        for c in claims
    )
    verdict_of = {e.id: e.verdict for e in entries}
    entries = tuple(replace(e, warnings=_warnings(e, verdict_of)) for e in entries)
    exported = report_queries.first_export(db, article_id)
    corrections = tuple(
        Correction(numbers[claim_id], texts[claim_id], _option(scale, before or UNVERIFIED), _option(scale, after),
                   at, by)
        for claim_id, before, after, at, by in (report_queries.verdict_changes(db, article_id, exported[0])
                                            if exported else ())
        if claim_id in numbers and before != after)
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
        first_export=exported[1] if exported else "",
        corrections=corrections,
        publication_url=_publication_url(db, article),
        repeated_facts=repeated,
    )


NO_RATIONALE = "Verdict without a rationale"
NO_EVIDENCE = "Verdict without evidence"
EDITED = "Claim text edited: the article's own words are printed beside it"


def _warnings(entry: ClaimEntry, verdict_of: dict[int, VerdictOption]) -> tuple[str, ...]:
    """What an editor must look at before signing off this claim."""
    found = []
    if entry.verified and not entry.rationale.strip():
        found.append(NO_RATIONALE)
    if entry.verified and not entry.evidence:
        found.append(NO_EVIDENCE)
    for o in entry.overlaps:  # the same fact (not dismissed) rated two ways
        other = verdict_of.get(o.other_id)
        if (o.kind == "duplicate" and o.other_number and entry.verified and other is not None
                and other.key not in (UNVERIFIED, entry.verdict.key)):
            found.append(f"Flagged as the same fact as Claim {o.other_number}, which is rated {other.label}")
    if entry.edited:
        found.append(EDITED)
    return tuple(found)


def _summary_warnings(claims: tuple[ClaimEntry, ...]) -> tuple[Warning, ...]:
    groups: dict[str, list[int]] = {}
    for c in claims:
        for w in c.warnings:
            key = "Flagged as the same fact as another claim but rated differently" if w.startswith(
                "Flagged as the same fact") else w
            groups.setdefault(key, []).append(c.number)
    return tuple(Warning(text, tuple(numbers)) for text, numbers in groups.items())


def _publication_url(db: Database, article: Article) -> str:
    from workbench.services.settings import publication_url

    return publication_url(db, article.id, article.title)


def _with_author_types(data: ReportData) -> tuple[ClaimEntry, ...]:
    """Person or Organization per speaker, from the named-entity label in the claim's own sentence."""
    from workbench.claims.speaker_types import speaker_types

    asked = [(c.id, c.attribution, data.article.text, c.start, c.end) for c in data.claims
             if c.attribution and c.verified]
    found = speaker_types([(a, text, start, end) for _, a, text, start, end in asked]) if asked else []
    types = {claim_id: kind for (claim_id, *_), kind in zip(asked, found)}
    return tuple(replace(c, author_type=types.get(c.id) or "") for c in data.claims)


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
