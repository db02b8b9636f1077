"""The learned part of pronoun speaker resolution (pronoun_resolution.py): what the model sees
of each candidate (Candidate, Event), its features, the agreement filter, the softmax over the
candidates and a "nobody clear" option, and the weights shipped in
resources/claims/pronoun_speakers.json (learned by bench/learn_pronouns.py on PolNeAR train).

Plain Python on numbers and strings: no spaCy here.
"""

from __future__ import annotations

import json
import math
import re
import threading
from dataclasses import dataclass
from pathlib import Path

FILE = "pronoun_speakers.json"
_PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*$")
FAR = 50  # stands for "never" in distances
FEMININE = frozenset({"she", "her", "hers", "herself"})
MASCULINE = frozenset({"he", "him", "his", "himself"})


def pronoun_gender(word: str) -> str | None:
    low = word.lower()
    return "f" if low in FEMININE else "m" if low in MASCULINE else None


def person_key(name: str) -> str:
    """Persons are told apart by surname ("Trump" and "Donald Trump" are one); a description
    or relay in parentheses after the name is not part of it ("Ted Cruz (the senator)")."""
    words = _PARENTHESIS.sub("", name).replace("\u2019", "'").split()
    last = words[-1] if words else name
    return last.removesuffix("'s").strip(".,").lower()



@dataclass(frozen=True)
class Candidate:
    """Raw facts about one person for one pronoun; features() turns them into numbers."""

    name: str
    dist: int  # sentences since last named (0: earlier in this sentence)
    paragraphs: int  # paragraph breaks since
    subject_dist: int
    spoke_dist: int
    last_speaker: bool
    mentions: int
    rank: int  # 0 = the person named most recently
    quoted: bool
    article_gender: str | None
    first: str  # first name, lower case, for the learned table ("" when unknown)
    top: bool  # the person named most often so far


@dataclass(frozen=True)
class Event:
    """A speaker pronoun and its candidates (what the model sees; also what training logs)."""

    pronoun: str
    offset: int  # character offset in the article
    quoted: bool  # the sentence has a quotation mark
    paragraph_start: bool
    candidates: tuple[Candidate, ...]
    rule: str | None  # what the hand-written rule would answer
    speaker_unnamed: bool = False  # the last speaker was a group or a pronoun left as written


@dataclass
class Model:
    weights: list[float]
    null_weights: list[float]
    threshold: float
    names: dict[str, float]  # first name -> share female
    min_share: float = 0.9  # a table gender counts when the name is this one-sided


def _log(x: float) -> float:
    return math.log1p(max(0.0, x))


def features(event: Event, cand: Candidate, names: dict[str, float]) -> list[float]:
    gender = pronoun_gender(event.pronoun)
    rule = event.rule is not None and person_key(event.rule) == person_key(cand.name)
    female = names.get(cand.first) if cand.first else None
    table = None if female is None else "f" if female >= 0.5 else "m"
    strong = female is not None and abs(female - 0.5) >= 0.4
    return [
        _log(cand.dist),
        float(cand.dist == 0),
        float(cand.dist == 1),
        float(cand.paragraphs > 0),
        _log(cand.subject_dist),
        float(cand.subject_dist <= 1),
        float(cand.spoke_dist < FAR),
        _log(cand.spoke_dist) if cand.spoke_dist < FAR else 0.0,
        float(cand.last_speaker),
        _log(cand.mentions),
        float(cand.rank == 0),
        float(cand.rank == 1),
        float(cand.quoted),
        float(cand.article_gender == gender),
        float(cand.article_gender is not None and cand.article_gender != gender),
        float(strong and table == gender),
        float(strong and table != gender),
        float(cand.top),
        float(rule),
        float(cand.last_speaker and event.quoted),
        float(cand.dist == 0 and cand.subject_dist == 0),
        float(cand.mentions == 0),
    ]


FEATURE_NAMES = (
    "log_dist same_sentence previous_sentence other_paragraph log_subject_dist recent_subject "
    "has_spoken log_spoke_dist last_speaker log_mentions most_recent second_recent last_quoted "
    "article_gender_agrees article_gender_clashes name_gender_agrees name_gender_clashes most_named "
    "rule_answer last_speaker_after_quote subject_here rule_only"
).split()


def null_features(event: Event) -> list[float]:
    """The "nobody clear" option: a bias and what makes a pronoun harder to read."""
    return [1.0, float(event.quoted), float(event.paragraph_start), float(event.speaker_unnamed),
            float(event.quoted and event.speaker_unnamed)]


NULL_NAMES = "bias quoted paragraph_start speaker_unnamed unnamed_after_quote".split()


def gender_of(cand: Candidate, names: dict[str, float]) -> str | None:
    """What the article says ("Mr.", "her budget"), else the first-name table when one-sided."""
    if cand.article_gender:
        return cand.article_gender
    female = names.get(cand.first) if cand.first else None
    if female is None or abs(female - 0.5) < 0.4:
        return None
    return "f" if female >= 0.5 else "m"


def agrees(event: Event, cand: Candidate, names: dict[str, float]) -> bool:
    """Agreement filters before ranking: "she" is never a person known to be a man, whatever
    else speaks for him (the last speaker, the sentence before). Learned weights cannot say this:
    a clash with the last speaker is too rare in news to learn from."""
    gender = gender_of(cand, names)
    return gender is None or gender == pronoun_gender(event.pronoun)


def probabilities(model: Model, event: Event) -> list[float]:
    """Softmax over the candidates that agree in gender (0 for the others) and, last, the
    "nobody clear" option."""
    scores = [
        sum(w * x for w, x in zip(model.weights, features(event, c, model.names)))
        if agrees(event, c, model.names) else None
        for c in event.candidates
    ]
    scores.append(sum(w * x for w, x in zip(model.null_weights, null_features(event))))
    top = max(x for x in scores if x is not None)
    exps = [0.0 if x is None else math.exp(x - top) for x in scores]
    total = sum(exps)
    return [e / total for e in exps]


def choose(model: Model, event: Event) -> str:
    """The person's name, or the pronoun itself when no one is clear enough."""
    if not event.candidates:
        return event.pronoun
    probs = probabilities(model, event)
    best = max(range(len(event.candidates)), key=lambda i: probs[i])
    return event.candidates[best].name if probs[best] >= model.threshold else event.pronoun


_lock = threading.Lock()
_cached: list[Model | None] = []


def _candidates() -> list[Path]:
    here = Path(__file__).resolve().parent
    return [here.parent.parent / "resources" / "claims" / FILE, here.parent / "_resources" / "claims" / FILE]


def read_model(path: Path) -> Model | None:
    """The model in `path`; None when it was learned for other features (relearn it)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("features") != FEATURE_NAMES or data.get("null_features") != NULL_NAMES:
        return None
    return Model(
        weights=[float(w) for w in data["weights"]],
        null_weights=[float(w) for w in data["null_weights"]],
        threshold=float(data["threshold"]),
        names={k: float(v) for k, v in data.get("first_names", {}).items()},
    )


def name_gender(first: str) -> str | None:
    """"m" or "f" when the learned first-name table is one-sided about `first` ("hillary" -> "f"),
    else None (an unknown or shared name, or no model)."""
    model = load_model()
    female = model.names.get(first.lower()) if model is not None and first else None
    if female is None:
        return None
    return "f" if female >= model.min_share else "m" if female <= 1 - model.min_share else None


def load_model() -> Model | None:
    """The learned model, or None when the file is missing (the hand-written rule stands)."""
    if not _cached:
        with _lock:
            if not _cached:
                found = next((p for p in _candidates() if p.is_file()), None)
                _cached.append(read_model(found) if found else None)
    return _cached[0]
