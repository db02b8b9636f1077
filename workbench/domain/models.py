"""Frozen records passed between layers. Offsets are character offsets into Article.text."""

from dataclasses import dataclass, field
from datetime import date

from workbench.domain.enums import ClaimKind, Origin, OverlapKind, OverlapState, Stance


# Where a claim stands in the article: its (start, end) parts in reading order (one part when the
# words run on; several when a split-off part lies between them).
Anchor = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """What the text layer makes of a file, before it is stored."""

    title: str
    text: str  # the shown text that every claim span points into
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    published: date | None = None
    source: str = ""  # URL or file path
    # (start, end) of title and subtitle inside `text` when they are part of it
    title_span: tuple[int, int] | None = None
    subtitle_span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Article:
    id: int
    title: str
    text: str
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    published: date | None = None
    source: str = ""
    content_hash: str = ""
    imported_at: str = ""


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    id: int
    title: str
    subtitle: str
    authors: tuple[str, ...]
    published: date | None
    claims: int


@dataclass(frozen=True, slots=True)
class ClaimDraft:
    """A claim as the engine proposes it, before it has an id."""

    text: str
    start: int
    end: int
    attribution: str | None = None
    kind: ClaimKind = ClaimKind.STATEMENT
    checkworthiness: float = 0.5
    # The claim's words in the article when they are not one run (start, end), in order; empty
    # when the claim is the one span start..end.
    parts: Anchor = ()
    # Other places the article states the same claim (a standfirst repeated as the lede), each
    # an anchor of one or more (start, end) parts.
    repeats: tuple[Anchor, ...] = ()

    @property
    def anchors(self) -> tuple[Anchor, ...]:
        """Every place in the article that states this claim, the main one first."""
        return (self.parts or ((self.start, self.end),), *self.repeats)


@dataclass(frozen=True, slots=True)
class Claim:
    id: int
    article_id: int
    text: str
    start: int
    end: int
    attribution: str | None = None
    kind: ClaimKind = ClaimKind.STATEMENT
    checkworthiness: float = 0.5
    verdict: str = "unverified"
    rationale: str = ""
    origin: Origin = Origin.AUTO
    created_at: str = ""
    updated_at: str = ""
    evidence_count: int = 0
    overlap_count: int = 0
    version: int = 1  # bumped by every write; a write naming an older version is refused (EditConflict)
    updated_by: str = ""  # who wrote this version
    parts: Anchor = ()  # as ClaimDraft.parts
    repeats: tuple[Anchor, ...] = ()  # as ClaimDraft.repeats

    @property
    def anchors(self) -> tuple[Anchor, ...]:
        """Every place in the article that states this claim, the main one first."""
        return (self.parts or ((self.start, self.end),), *self.repeats)


@dataclass(frozen=True, slots=True)
class Source:
    id: int
    url: str  # normalised, unique within a workspace
    title: str = ""
    publisher: str = ""
    published: str = ""  # ISO date or empty
    accessed: str = ""  # ISO date


@dataclass(frozen=True, slots=True)
class Evidence:
    id: int
    claim_id: int
    source: Source
    quote: str = ""
    stance: Stance = Stance.CONTEXT
    note: str = ""


@dataclass(frozen=True, slots=True)
class OverlapDraft:
    """A pair proposed by matching; a and b are indices or ids chosen by the caller."""

    a: int
    b: int
    score: float  # 0..100
    reason: str
    kind: OverlapKind = OverlapKind.DUPLICATE


@dataclass(frozen=True, slots=True)
class Overlap:
    id: int
    claim_a: int
    claim_b: int
    score: float
    reason: str
    kind: OverlapKind = OverlapKind.DUPLICATE
    state: OverlapState = OverlapState.FLAGGED


@dataclass(frozen=True, slots=True)
class ArchiveClaim:
    id: int
    external_id: str
    text: str
    title: str = ""
    rating: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class ArchiveMatch:
    claim: ArchiveClaim
    score: float  # 0..100


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    id: int
    entity: str
    entity_id: int
    action: str
    before: dict | None = field(default=None, hash=False)
    after: dict | None = field(default=None, hash=False)
    at: str = ""
    by: str = ""  # who made the change (the login on a team workspace)
