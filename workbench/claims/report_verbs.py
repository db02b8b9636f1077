"""Verbs that report what their subject says, learned from annotated news (bench/learn_cues.py).

The hand-written speech verbs (attribution.SPEECH_VERBS) miss much of how news reports words:
"Trump tweeted that ...", "the city is demanding that ...", "Politifact ruled that ...",
"Limbaugh continued: ...". resources/claims/report_verbs.json lists the verb forms that PolNeAR's
annotators marked as attribution cues in at least half of their uses with a reported clause and
a third-person subject (train split only; the words and counts, no article text). They report
only with such a subject and a reported clause: "I believe that ..." stays an opinion frame, and
"prices continued to rise" reports nothing.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

FILE = "report_verbs.json"
_SUFFIXES = ("ing", "ed", "es", "s", "e")


def stem(word: str) -> str:
    """One key for a verb's regular forms: estimate, estimates, estimated, estimating -> estimat
    (irregular forms - said, told, wrote - are their own keys)."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith("ss"):
                continue
            return word[: -len(suffix)]
    return word


# find/show/conclude report only with a study or data subject (attribution.DATA_VERBS): "Police
# found the car" is an act, whatever the annotators of politics news mostly saw.
_EXCLUDED = frozenset(stem(w) for w in "find found show shown conclude".split())
_lock = threading.Lock()
_cached: list[frozenset[str]] = []


def _candidates() -> list[Path]:
    here = Path(__file__).resolve().parent
    return [here.parent.parent / "resources" / "claims" / FILE, here.parent / "_resources" / "claims" / FILE]


def load(path: Path | None = None) -> frozenset[str]:
    """The learned forms, or none when the file is missing (the hand-written list still works)."""
    for candidate in [path] if path else _candidates():
        if candidate.is_file():
            data = json.loads(candidate.read_text(encoding="utf-8"))
            return frozenset(w for w in data["verbs"] if stem(w) not in _EXCLUDED)
    return frozenset()


def is_report_verb(word: str) -> bool:
    verbs = report_verbs()
    return word in verbs or stem(word) in verbs


def report_verbs() -> frozenset[str]:
    """The learned verbs: stems (see stem()), or word forms in a list learned form by form."""
    if not _cached:
        with _lock:
            if not _cached:
                _cached.append(load())
    return _cached[0]
