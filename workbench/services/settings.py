"""Workspace settings: the verdict scale a newsroom uses and the organisation named in exports.

A verdict's key is what claims store: it never changes once given. Labels, colours, definitions, ratings and
the order can be edited freely; a new verdict gets a key derived from its label (`new_key`)."""

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from workbench.domain import UNVERIFIED, InvalidInput, VerdictOption, VerdictScale
from workbench.domain.limits import MAX_NAME, MAX_SCALE, MAX_SETTINGS_BYTES
from workbench.text.cleaning import strip_controls
from workbench.services.changes import Changes
from workbench.storage import Database, history
from workbench.storage import settings as settings_repo

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
MAX_LABEL = 60
MAX_DEFINITION = 1000


def verdict_scale(db: Database) -> VerdictScale:
    return settings_repo.verdict_scale(db)


def valid_colour(colour: str) -> bool:
    return bool(_COLOUR.match(colour or ""))


def organisation(db: Database) -> str:
    return settings_repo.organisation(db)


def set_organisation(db: Database, name: str) -> Changes:
    name = " ".join(strip_controls(name or "").split())
    if len(name) > MAX_NAME:
        raise InvalidInput(f"The organisation name is too long (at most {MAX_NAME} characters)")
    before = settings_repo.organisation(db)
    with db.atomic():
        settings_repo.put(db, settings_repo.ORGANISATION_KEY, name)
        history.record(db, "settings", 0, "organisation", {"organisation": before}, {"organisation": name})
    return Changes(settings=True)


def read_scale_file(path: Path) -> VerdictScale:
    """A JSON list of {key, label, colour, definition, rating?}; validated before anything is stored."""
    from workbench.text.files import load_json, read_capped

    raw = read_capped(path, MAX_SETTINGS_BYTES, InvalidInput, "a verdict-scale file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{path}: not UTF-8 text (bad byte at offset {exc.start})") from None
    data = load_json(path, text, InvalidInput)
    if not isinstance(data, list) or not data:
        raise InvalidInput(f"{path}: expected a JSON list of verdicts")
    if len(data) > MAX_SCALE:
        raise InvalidInput(f"{path}: {len(data)} verdicts; a scale has at most {MAX_SCALE}")
    options = []
    for i, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise InvalidInput(f"{path}: verdict {i} is not an object")
        key, label = str(item.get("key") or "").strip(), str(item.get("label") or "").strip()
        colour, definition = str(item.get("colour") or "#9aa0a6").strip(), str(item.get("definition") or "").strip()
        rating = item.get("rating")
        if not _KEY.match(key):
            raise InvalidInput(f"{path}: verdict {i} needs a short key of lower-case letters, digits and dashes")
        if not label or not definition:
            raise InvalidInput(f"{path}: verdict {key!r} needs a label and a definition")
        if not _COLOUR.match(colour):
            raise InvalidInput(f"{path}: verdict {key!r} has colour {colour!r}; use #rrggbb")
        if rating is not None and (not isinstance(rating, int) or isinstance(rating, bool)):
            raise InvalidInput(f"{path}: verdict {key!r} has a rating that is not a whole number")
        options.append(VerdictOption(key, label, colour, definition, rating))
    return VerdictScale(tuple(options))


@dataclass(frozen=True, slots=True)
class ScaleProblem:
    """Why a scale cannot be stored: the verdict (its place in the scale, or None for the whole scale), the field
    at fault ("label", "colour", "definition", "rating", "key") and one line for a person."""

    index: int | None
    field: str
    message: str


def scale_problems(scale: VerdictScale) -> list[ScaleProblem]:
    """Everything wrong with a scale, in order; empty when it can be stored. No workspace needed."""
    problems: list[ScaleProblem] = []
    labels: dict[str, int] = {}
    keys: dict[str, int] = {}
    for i, o in enumerate(scale.options):
        label = (o.label or "").strip()
        name = f"“{label}”" if label else f"Verdict {i + 1}"
        if not label:
            problems.append(ScaleProblem(i, "label", f"Verdict {i + 1} needs a label."))
        elif len(label) > MAX_LABEL:
            problems.append(ScaleProblem(i, "label", f"{name} is too long a label (at most {MAX_LABEL} characters)."))
        elif label.casefold() in labels:
            problems.append(ScaleProblem(i, "label", f"Two verdicts are labelled {name}: each label must be unique."))
        else:
            labels[label.casefold()] = i
        if not _KEY.match(o.key or ""):
            problems.append(ScaleProblem(i, "key", f"{name} has the key {o.key!r}; a key is lower-case letters, "
                                                   "digits and dashes."))
        elif o.key in keys:
            problems.append(ScaleProblem(i, "key", f"The key {o.key!r} appears twice: each verdict needs its own."))
        else:
            keys[o.key] = i
        if not _COLOUR.match(o.colour or ""):
            problems.append(ScaleProblem(i, "colour", f"{name} has the colour “{o.colour}”; use #rrggbb, "
                                                      "e.g. #2e7d32."))
        definition = (o.definition or "").strip()
        if not definition:
            problems.append(ScaleProblem(i, "definition", f"{name} needs a definition: the report prints it "
                                                          "for readers."))
        elif len(definition) > MAX_DEFINITION:
            problems.append(ScaleProblem(i, "definition", f"The definition of {name} is too long (at most "
                                                          f"{MAX_DEFINITION} characters)."))
        if o.rating is not None and (not isinstance(o.rating, int) or isinstance(o.rating, bool)):
            problems.append(ScaleProblem(i, "rating", f"{name} has a rating that is not a whole number."))
    if len(scale.options) > MAX_SCALE:
        problems.append(ScaleProblem(None, "key", f"The scale has {len(scale.options)} verdicts; at most {MAX_SCALE} "
                                                  "fit in menus, filters and the report."))
    if UNVERIFIED not in keys:
        problems.append(ScaleProblem(None, "key", f"The scale must keep the {UNVERIFIED!r} verdict: every new "
                                                  "claim starts with it."))
    return problems


def verdict_usage(db: Database) -> dict[str, int]:
    """How many claims carry each verdict key (keys no claim carries are absent)."""
    return settings_repo.verdict_usage(db)


def new_key(label: str, taken) -> str:
    """A key for a new verdict, derived from its label ("Half true" -> "half-true"), unique among `taken`."""
    ascii_label = unicodedata.normalize("NFKD", label or "").encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^a-z0-9]+", "-", ascii_label.casefold()).strip("-")[:32].strip("-") or "verdict"
    taken = set(taken)
    key, number = base, 2
    while key in taken:
        key = f"{base}-{number}"
        number += 1
    return key


def _scale_json(scale: VerdictScale) -> list[dict]:
    return [{"key": o.key, "label": o.label, "colour": o.colour, "definition": o.definition, "rating": o.rating}
            for o in scale.options]


def _normalised(scale: VerdictScale) -> VerdictScale:
    return VerdictScale(tuple(
        VerdictOption(o.key, " ".join(strip_controls(o.label or "").split()), (o.colour or "").strip(),
                      strip_controls(o.definition or "").strip(), o.rating)
        for o in scale.options))


def set_verdict_scale(db: Database, scale: VerdictScale) -> Changes:
    """Replace the scale in one transaction with one history row (before and after in full). Refused, with
    nothing changed, when the scale is invalid or drops a verdict that claims still carry. The same scale again
    changes nothing and returns an empty Changes."""
    scale = _normalised(scale)
    problems = scale_problems(scale)
    if problems:
        raise InvalidInput(problems[0].message)
    before = settings_repo.verdict_scale(db)
    with db.atomic():
        keys = scale.keys()
        dropped = {key: n for key, n in verdict_usage(db).items() if key not in keys}
        if dropped:
            raise InvalidInput(_dropped_message(before, dropped))
        if scale == before:
            return Changes()
        settings_repo.put_verdict_scale(db, scale)
        history.record(db, "settings", 0, "verdict_scale", {"keys": before.keys(), "options": _scale_json(before)},
                       {"keys": keys, "options": _scale_json(scale)})
    return Changes(settings=True, extra={"verdict_scale": True})


def _dropped_message(before: VerdictScale, dropped: dict[str, int]) -> str:
    parts = []
    for key, n in sorted(dropped.items()):
        option = before.get(key)
        parts.append(f"“{option.label if option else key}” ({n} claim{'s' if n != 1 else ''})")
    return ("Claims still carry verdicts the new scale drops: " + ", ".join(parts)
            + ". Give those claims another verdict first.")


def update_settings(db: Database, organisation: str | None = None, scale: VerdictScale | None = None,
                    review_base_url: str | None = None) -> Changes:
    """One user action, one transaction: either every change lands or none does. A value equal to the stored
    one is left alone (no history row); the result says what changed (an empty Changes: nothing)."""
    organisation_changed = scale_changed = url_changed = False
    if review_base_url is not None:
        checked_url(review_base_url, "base URL of published fact-checks")  # refused before anything changes
    with db.atomic():
        if organisation is not None and organisation.strip() != settings_repo.organisation(db):
            set_organisation(db, organisation)
            organisation_changed = True
        if scale is not None:
            scale_changed = set_verdict_scale(db, scale).settings
        if review_base_url is not None:
            url_changed = set_review_base_url(db, review_base_url).settings
    if not (organisation_changed or scale_changed or url_changed):
        return Changes()
    return Changes(settings=True, extra={"verdict_scale": True} if scale_changed else {})


# Where the fact-checks are published (ClaimReview `url`): a base URL to which each article's slug is appended,
# or a publication URL set for one article. Kept in the settings table (no schema change).
REVIEW_BASE_KEY = "review_base_url"
PUBLICATION_URLS_KEY = "publication_urls"  # {article id: url}


def slug(title: str) -> str:
    """"Coal use fell 18% — why?" -> "coal-use-fell-18-why": the article's part of a publication URL."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:80].rstrip("-") or "article"


def checked_url(url: str, what: str) -> str:
    from workbench.domain.urls import normalise_url

    text = (url or "").strip()
    if not text:
        return ""
    try:
        return normalise_url(text)
    except InvalidInput as exc:
        raise InvalidInput(f"The {what}: {exc}") from None


def review_base_url(db: Database) -> str:
    return settings_repo.get(db, REVIEW_BASE_KEY, "") or ""


def set_review_base_url(db: Database, url: str) -> Changes:
    """The address under which the newsroom publishes its fact-checks; an article's is this plus its slug."""
    value = checked_url(url, "base URL of published fact-checks")
    before = review_base_url(db)
    if value == before:
        return Changes()
    with db.atomic():
        settings_repo.put(db, REVIEW_BASE_KEY, value)
        history.record(db, "settings", 0, "review_base_url", {"url": before}, {"url": value})
    return Changes(settings=True)


def set_publication_url(db: Database, article_id: int, url: str) -> Changes:
    """Where this article's fact-check is published ("" removes it: the base URL applies again)."""
    from workbench.storage import articles as article_repo

    article_repo.get(db, article_id)  # NotFound for a wrong id
    value = checked_url(url, "publication URL")
    urls = dict(settings_repo.get(db, PUBLICATION_URLS_KEY, {}) or {})
    before = urls.get(str(article_id), "")
    if value == before:
        return Changes()
    if value:
        urls[str(article_id)] = value
    else:
        urls.pop(str(article_id), None)
    with db.atomic():
        settings_repo.put(db, PUBLICATION_URLS_KEY, urls)
        history.record(db, "article", article_id, "publication_url", {"url": before}, {"url": value})
    return Changes(settings=True)


def publication_url(db: Database, article_id: int, title: str) -> str:
    """The article's own publication URL, else the base URL + its slug, else ""."""
    own = (settings_repo.get(db, PUBLICATION_URLS_KEY, {}) or {}).get(str(article_id))
    if own:
        return own
    base = review_base_url(db)
    return f"{base.rstrip('/')}/{slug(title)}" if base else ""
