"""Plain records, enums and errors shared by every layer. Imports nothing of ours."""

from workbench.domain.enums import ClaimKind, Origin, OverlapKind, OverlapState, Stance
from workbench.domain.errors import (
    ArticleImportError,
    DuplicateArticle,
    InvalidInput,
    NotFound,
    SchemaTooNew,
    WorkbenchError,
)
from workbench.domain.models import (
    ArchiveClaim,
    ArchiveMatch,
    Article,
    ArticleSummary,
    Claim,
    ClaimDraft,
    Evidence,
    HistoryEntry,
    Overlap,
    OverlapDraft,
    ParsedArticle,
    Source,
)
from workbench.domain.progress import Cancelled, Progress
from workbench.domain.verdicts import DEFAULT_SCALE, UNVERIFIED, VerdictOption, VerdictScale

__all__ = [
    "ArchiveClaim",
    "ArchiveMatch",
    "Article",
    "ArticleImportError",
    "ArticleSummary",
    "Cancelled",
    "Claim",
    "ClaimDraft",
    "ClaimKind",
    "DEFAULT_SCALE",
    "DuplicateArticle",
    "Evidence",
    "HistoryEntry",
    "InvalidInput",
    "NotFound",
    "Origin",
    "Overlap",
    "OverlapDraft",
    "OverlapKind",
    "OverlapState",
    "ParsedArticle",
    "Progress",
    "SchemaTooNew",
    "Source",
    "Stance",
    "UNVERIFIED",
    "VerdictOption",
    "VerdictScale",
    "WorkbenchError",
]
