"""What a service changed, so a screen refreshes only what it must (after Anki's OpChanges)."""

from dataclasses import dataclass, field

from workbench.domain import Claim, Evidence, Overlap


@dataclass(frozen=True, slots=True)
class ClaimSnapshot:
    """Everything needed to bring a deleted claim back exactly as it was."""

    claim: Claim
    evidence: tuple[Evidence, ...] = ()
    overlaps: tuple[Overlap, ...] = ()


@dataclass(frozen=True)
class Changes:
    article_ids: frozenset[int] = frozenset()
    claim_ids: frozenset[int] = frozenset()  # changed in place
    added_claims: tuple[int, ...] = ()
    removed_claims: tuple[ClaimSnapshot, ...] = ()
    evidence: bool = False
    overlaps: bool = False
    sources: bool = False
    archive: bool = False
    settings: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def structural(self) -> bool:
        """Claims were added or removed: lists must be rebuilt, not just repainted."""
        return bool(self.added_claims or self.removed_claims)
