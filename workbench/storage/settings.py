"""Workspace settings stored as JSON values: the verdict scale and the organisation."""

import json
from typing import Any

import sqlite_utils

from workbench.domain import DEFAULT_SCALE, VerdictOption, VerdictScale

SCALE_KEY = "verdict_scale"
ORGANISATION_KEY = "organisation"


def get(db: sqlite_utils.Database, key: str, default: Any = None) -> Any:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return json.loads(row[0]) if row else default


def put(db: sqlite_utils.Database, key: str, value: Any) -> None:
    db.execute(
        "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, json.dumps(value, ensure_ascii=False)],
    )


def verdict_scale(db: sqlite_utils.Database) -> VerdictScale:
    stored = get(db, SCALE_KEY)
    if not stored:
        return DEFAULT_SCALE
    return VerdictScale(tuple(VerdictOption(**option) for option in stored))


def put_verdict_scale(db: sqlite_utils.Database, scale: VerdictScale) -> None:
    put(db, SCALE_KEY, [
        {"key": o.key, "label": o.label, "colour": o.colour, "definition": o.definition, "rating": o.rating}
        for o in scale.options
    ])


def organisation(db: sqlite_utils.Database) -> str:
    return get(db, ORGANISATION_KEY, "") or ""


def verdict_usage(db: sqlite_utils.Database) -> dict[str, int]:
    return {key: count for key, count in db.execute("SELECT verdict, COUNT(*) FROM claims GROUP BY verdict")}
