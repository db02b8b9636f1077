"""PostgreSQL's own text search for the team workspace: tsvector expressions with GIN indexes (schema.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.storage.postgres.connection import PgWorkspace

_CLAIM_DOC = "to_tsvector('english', c.text || ' ' || coalesce(c.attribution, ''))"
def claim_ids_matching(db: PgWorkspace, query: str, article_id: int | None) -> list[int]:
    """Claim ids whose text or attribution holds every word of the query, best first."""
    sql = (f"SELECT c.id FROM claims c, plainto_tsquery('english', ?) q WHERE {_CLAIM_DOC} @@ q")
    params: list = [query]
    if article_id is not None:
        sql += " AND c.article_id = ?"
        params.append(article_id)
    return [r[0] for r in db.execute(sql + f" ORDER BY ts_rank({_CLAIM_DOC}, q) DESC, c.id", params).fetchall()]
