"""Linking sources to claims: add, edit, remove (and restore for undo), reuse sources."""

from dataclasses import dataclass
from datetime import date


from workbench.domain import Evidence, InvalidInput, Source, Stance
from workbench.domain.limits import MAX_NAME, MAX_TITLE
from workbench.domain.urls import normalise_url
from workbench.text.cleaning import strip_controls
from workbench.services.changes import Changes
from workbench.storage import Database, claims as claim_repo
from workbench.storage import evidence as evidence_repo
from workbench.storage import history

MAX_FIELD = 10_000


@dataclass(frozen=True, slots=True)
class EvidenceInput:
    url: str
    title: str = ""
    publisher: str = ""
    published: str = ""  # ISO date or empty
    quote: str = ""
    stance: Stance | str = Stance.CONTEXT
    note: str = ""


def add_evidence(db: Database, claim_id: int, data: EvidenceInput) -> tuple[Evidence, Changes]:
    claim = claim_repo.get(db, claim_id)
    url = normalise_url(data.url)
    stance = _stance(data.stance)
    quote, note = _field(data.quote, "quote"), _field(data.note, "note")
    published = _iso_date(data.published)
    with db.atomic():
        source = evidence_repo.source_by_url(db, url)
        if source is None:
            source = evidence_repo.insert_source(db, url, _field(data.title, "title"), _field(data.publisher, "publisher"),
                                                 published, date.today().isoformat())
            history.record(db, "source", source.id, "add", None, source)
        else:
            # Fill in what the stored source lacks; never overwrite what a person typed before.
            typed = (("title", _field(data.title, "title")), ("publisher", _field(data.publisher, "publisher")),
                     ("published", published))
            fill = {k: v for k, v in typed if v and not getattr(source, k)}
            if fill:
                old = source
                source = evidence_repo.update_source(db, source.id, **fill)
                history.record(db, "source", source.id, "fill", old, source)
        if evidence_repo.find_evidence(db, claim_id, source.id, quote) is not None:
            raise InvalidInput("This source with this quote is already linked to the claim")
        evidence = evidence_repo.insert_evidence(db, claim_id, source.id, quote, stance, note)
        history.record(db, "evidence", evidence.id, "add", None, evidence)
    return evidence, Changes(article_ids=frozenset({claim.article_id}), claim_ids=frozenset({claim_id}),
                             evidence=True, sources=True)


def update_evidence(db: Database, evidence_id: int, data: EvidenceInput) -> tuple[Evidence, Changes]:
    """Edit the link (quote, stance, note) and the shared source's title, publisher and date."""
    before = evidence_repo.get_evidence(db, evidence_id)
    url = normalise_url(data.url)
    if url != before.source.url:
        # A different URL is a different source: the old link goes, a new one (new id) takes its place.
        claim_id = before.claim_id
        with db.atomic():
            evidence_repo.delete_evidence(db, evidence_id)
            history.record(db, "evidence", evidence_id, "replace", before, {"url": url})
            evidence, _ = add_evidence(db, claim_id, data)
        return evidence, Changes(claim_ids=frozenset({claim_id}), evidence=True, sources=True)
    twin = evidence_repo.find_evidence(db, before.claim_id, before.source.id, _field(data.quote, "quote"))
    if twin is not None and twin.id != evidence_id:
        raise InvalidInput("This source with this quote is already linked to the claim")
    with db.atomic():
        evidence_repo.update_source(db, before.source.id, title=_field(data.title, "title"),
                                    publisher=_field(data.publisher, "publisher"), published=_iso_date(data.published))
        after = evidence_repo.update_evidence(db, evidence_id, quote=_field(data.quote, "quote"),
                                              stance=_stance(data.stance), note=_field(data.note, "note"))
        history.record(db, "evidence", evidence_id, "update", before, after)
    return after, Changes(claim_ids=frozenset({before.claim_id}), evidence=True, sources=True)


def remove_evidence(db: Database, evidence_id: int) -> tuple[Evidence, Changes]:
    before = evidence_repo.get_evidence(db, evidence_id)
    with db.atomic():
        evidence_repo.delete_evidence(db, evidence_id)
        history.record(db, "evidence", evidence_id, "delete", before, None)
    return before, Changes(claim_ids=frozenset({before.claim_id}), evidence=True)


def restore_evidence(db: Database, evidence: Evidence) -> Changes:
    """Undo of a removal: the same link with the same id."""
    with db.atomic():
        evidence_repo.insert_evidence(db, evidence.claim_id, evidence.source.id, evidence.quote, evidence.stance,
                                      evidence.note, evidence_id=evidence.id)
        history.record(db, "evidence", evidence.id, "restore", None, evidence)
    return Changes(claim_ids=frozenset({evidence.claim_id}), evidence=True)


def evidence_for_claim(db: Database, claim_id: int) -> list[Evidence]:
    claim_repo.get(db, claim_id)
    return evidence_repo.for_claim(db, claim_id)


def suggest_sources(db: Database, typed: str, limit: int = 10) -> list[Source]:
    return evidence_repo.search_sources(db, typed, limit) if typed.strip() else []


def all_sources(db: Database) -> list[Source]:
    return evidence_repo.all_sources(db)


def _stance(value: Stance | str) -> Stance:
    try:
        return Stance(str(value).strip().lower())
    except ValueError:
        raise InvalidInput(f"Stance must be supports, refutes or context, not {value!r}") from None


# Title and publisher head lists and the report on one line; quote and note may hold paragraphs.
_LIMITS = {"title": MAX_TITLE, "publisher": MAX_NAME}


def _field(value: str | None, what: str) -> str:
    limit = _LIMITS.get(what, MAX_FIELD)
    text = strip_controls(value or "").strip()  # terminal escapes and control characters never stored
    if what in _LIMITS:
        text = " ".join(text.split())
    if len(text) > limit:
        raise InvalidInput(f"The {what} is too long ({len(text):,} characters; at most {limit:,})")
    return text


def _iso_date(value: str | None) -> str:
    text = (value or "").strip()
    if not text:
        return ""
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise InvalidInput(f"Publication date must look like 2017-12-13, not {text!r}") from None
