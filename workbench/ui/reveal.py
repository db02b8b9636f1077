"""Where an undo or redo happened: the article and claim the window brings into view, so that Ctrl+Z never
changes something out of sight in another article."""

from workbench.domain import Claim, NotFound
from workbench.services.changes import Changes
from workbench.ui.lazy import claim_service


def claim_to_reveal(db, changes: Changes, article_id: int | None, claim_id: int | None) -> Claim | None:
    """The claim edited or brought back: the one shown when it is among them, else one of the article shown,
    else the first."""
    claims = []
    for changed in dict.fromkeys([*changes.added_claims, *sorted(changes.claim_ids)]):
        try:
            claims.append(claim_service.get_claim(db, changed))
        except NotFound:  # removed again meanwhile, or an id of a structural change that is gone
            pass
    return min(claims, key=lambda c: (c.id != claim_id, c.article_id != article_id), default=None)


def article_to_reveal(changes: Changes, article_id: int | None, alive: set[int]) -> int | None:
    """Without a claim to show (claims removed, an article renamed or brought back): the article changed, unless
    the one shown is among them."""
    candidates = set(changes.article_ids) | {s.claim.article_id for s in changes.removed_claims}
    if not candidates or article_id in candidates:
        return None
    return min((i for i in candidates if i in alive), default=None)
