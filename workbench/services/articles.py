"""Importing articles: parse, extract claims, find overlaps, store — one transaction."""

import threading
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path


from workbench.domain import (
    Article, ArticleSummary, Cancelled, Claim, ClaimDraft, DuplicateArticle, ParsedArticle, Progress,
)
from workbench.storage import Database, articles as article_repo
from workbench.storage import claims as claim_repo
from workbench.storage import history
from workbench.storage import overlaps as overlap_repo


@dataclass(frozen=True, slots=True)
class ImportResult:
    article: Article
    claims: int
    overlaps: int
    duplicate: bool = False  # the same content was already there; nothing was added


def import_file(db: Database, path: Path | str, cancel: threading.Event | None = None
                ) -> Generator[Progress, None, ImportResult]:
    from workbench.text import parse_article_file  # not needed to open a workspace: keep start-up light

    yield Progress(0, 100, f"Reading {Path(path).name}")
    parsed = parse_article_file(path)
    return (yield from import_parsed(db, parsed, cancel))


def import_pasted(db: Database, text: str, title: str = "", cancel: threading.Event | None = None
                  ) -> Generator[Progress, None, ImportResult]:
    from workbench.text import parse_article

    parsed = parse_article(text, source="pasted text", fallback_title=title.strip() or "Pasted article", kind=".md")
    return (yield from import_parsed(db, parsed, cancel))


def import_parsed(db: Database, parsed: ParsedArticle, cancel: threading.Event | None = None
                  ) -> Generator[Progress, None, ImportResult]:
    from workbench.text.importer import content_hash

    digest = content_hash(parsed)
    existing = article_repo.find_by_hash(db, digest)
    if existing is not None:
        article = article_repo.get(db, existing)
        return ImportResult(article, len(claim_repo.for_article(db, existing)), 0, duplicate=True)

    drafts = yield from _extract(parsed.text, cancel)
    yield Progress(90, 100, "Looking for overlapping claims")
    _check(cancel)
    with db.atomic():
        article = article_repo.insert(db, parsed, digest)
        stored = [claim_repo.insert(db, article.id, d) for d in drafts]
        found = _overlaps(db, stored, article.id)
        added = overlap_repo.insert_many(db, found)
        history.record(db, "article", article.id, "import", None,
                       {"title": article.title, "source": article.source, "claims": len(stored)})
        _check(cancel)  # a Cancel pressed while overlaps were computed rolls everything back
    # Nothing is yielded after the commit: a Cancel seen from here on would report a stored article as cancelled.
    return ImportResult(article, len(stored), added)


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


def _overlaps(db: Database, stored: list[Claim], article_id: int):
    from workbench.matching.article import claim_rows, find_article_overlaps

    # other articles' claims with their source sentence and attribution as context (matching/article.py)
    context: dict[int, str] = {}
    for other in article_repo.summaries(db):
        if other.id != article_id and other.claims:
            rows = claim_rows(article_repo.get(db, other.id).text,
                              [(c.id, c.text, c.start, c.end, c.attribution)
                               for c in claim_repo.for_article(db, other.id)])
            context.update((i, ctx) for i, _, ctx in rows)
    existing = [(i, text, context.get(i, "")) for i, text in claim_repo.all_texts(db, exclude_article=article_id)]
    text = article_repo.get(db, article_id).text
    return find_article_overlaps(text, [(c.id, c.text, c.start, c.end, c.attribution) for c in stored], existing)


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled("Import cancelled")


def list_articles(db: Database) -> list[ArticleSummary]:
    return article_repo.summaries(db)


def get_article(db: Database, article_id: int) -> Article:
    return article_repo.get(db, article_id)


def delete_article(db: Database, article_id: int) -> None:
    article = article_repo.get(db, article_id)
    with db.atomic():
        article_repo.delete(db, article_id)
        history.record(db, "article", article_id, "delete", {"title": article.title}, None)


__all__ = ["DuplicateArticle", "ImportResult", "delete_article", "get_article", "import_file", "import_parsed",
           "import_pasted", "list_articles"]
