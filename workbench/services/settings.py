"""Workspace settings: the verdict scale a newsroom uses and the organisation named in exports."""

import json
import re
from pathlib import Path

from workbench.domain import UNVERIFIED, InvalidInput, VerdictOption, VerdictScale
from workbench.services.changes import Changes
from workbench.storage import Database, history
from workbench.storage import settings as settings_repo

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def verdict_scale(db: Database) -> VerdictScale:
    return settings_repo.verdict_scale(db)


def organisation(db: Database) -> str:
    return settings_repo.organisation(db)


def set_organisation(db: Database, name: str) -> Changes:
    name = (name or "").strip()
    if len(name) > 200:
        raise InvalidInput("The organisation name is too long (at most 200 characters)")
    before = settings_repo.organisation(db)
    with db.atomic():
        settings_repo.put(db, settings_repo.ORGANISATION_KEY, name)
        history.record(db, "settings", 0, "organisation", {"organisation": before}, {"organisation": name})
    return Changes(settings=True)


def read_scale_file(path: Path) -> VerdictScale:
    """A JSON list of {key, label, colour, definition, rating?}; validated before anything is stored."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput(f"{path}: not a readable JSON file ({exc})") from None
    if not isinstance(data, list) or not data:
        raise InvalidInput(f"{path}: expected a JSON list of verdicts")
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


def set_verdict_scale(db: Database, scale: VerdictScale) -> Changes:
    keys = scale.keys()
    if len(set(keys)) != len(keys):
        raise InvalidInput("Each verdict key may appear only once")
    if UNVERIFIED not in keys:
        raise InvalidInput(f"The scale must keep the {UNVERIFIED!r} verdict for claims not yet checked")
    in_use = settings_repo.verdicts_in_use(db)
    missing = sorted(in_use - set(keys))
    if missing:
        raise InvalidInput(f"Claims still carry verdicts the new scale drops: {', '.join(missing)}")
    before = settings_repo.verdict_scale(db)
    with db.atomic():
        settings_repo.put_verdict_scale(db, scale)
        history.record(db, "settings", 0, "verdict_scale", {"keys": before.keys()}, {"keys": keys})
    return Changes(settings=True)


def update_settings(db: Database, organisation: str | None = None, scale: VerdictScale | None = None) -> Changes:
    """One user action, one transaction: either every change lands or none does."""
    with db.atomic():
        if organisation is not None:
            set_organisation(db, organisation)
        if scale is not None:
            set_verdict_scale(db, scale)
    return Changes(settings=organisation is not None or scale is not None)
