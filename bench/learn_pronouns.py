"""Learn who a speaker "he"/"she" is, from PolNeAR train's coreference chains.

    uv run python bench/learn_pronouns.py [--data ../shared/data/polnear] [--limit N] [--every K]
                                          [--scorer PATH] [--cache FILE] [--wrong-cost 2]
                                          [--out resources/claims/pronoun_speakers.json]

1. A first-name gender table: over the train articles' CoreNLP chains, a chain is "he" or "she"
   when its pronouns are (nearly) all one gender; a first name (the first word of a named
   mention, titles aside) gets the share of its articles in which it was "she", and is kept when
   seen in at least --min-articles articles (written in lower case less often than capitalised) and one-sided (>= 0.9 either way). Names only, no text.
2. Events: the engine runs on the train articles (its own parse, splitting and context) and logs
   every speaker "he"/"she" with its candidates (pronoun_resolution.Event). The gold is the
   pronoun's CoreNLP chain, as the shared scorer resolves a pronoun source: a candidate is right
   when the scorer's `same_speaker` matches it with a named mention of the chain; when none is,
   the right answer is to keep the pronoun. Pronouns with no chain or a chain with no name are
   left out (the scorer skips them too).
3. A softmax over the candidates and a "keep the pronoun" option (numpy, L2), cross-validated by
   article (5 folds) to pick the threshold: a person is named when the model gives them at
   least it. The threshold maximises right - wrong_cost * wrong (a wrong name costs more than a
   kept "he"), and the rule it replaces is scored on the same events for comparison.
Dev is never read. --cache keeps the logged events (pickle) so that refits skip the engine.
"""

from __future__ import annotations

import argparse
import collections
import glob
import importlib.util
import json
import os
import pickle
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_checkworthiness import DEFAULT_DATA  # noqa: E402

from workbench.claims import engine  # noqa: E402
from workbench.claims import extract_claims, warm_up  # noqa: E402
from workbench.claims import pronoun_model  # noqa: E402
from workbench.claims.pronoun_model import (  # noqa: E402
    FEATURE_NAMES,
    FEMININE,
    MASCULINE,
    NULL_NAMES,
    Event,
    agrees,
    features,
    null_features,
)
from workbench.claims.titles import title_word  # noqa: E402
from workbench.text import parse_article_file  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "resources" / "claims" / "pronoun_speakers.json"


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score_attribution", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def chains(data: Path, name: str) -> list | None:
    path = data / "train" / "coref" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))["chains"] if path.is_file() else None


# -- 1. first names ----------------------------------------------------------------------------
def chain_gender(chain: dict) -> str | None:
    words = [m[2].lower() for m in chain["mentions"]]
    m = sum(w in MASCULINE for w in words) + sum(w.startswith("mr.") for w in words)
    f = sum(w in FEMININE for w in words) + sum(w.startswith(("mrs.", "ms.")) for w in words)
    if m >= 2 and f * 4 <= m:
        return "m"
    if f >= 2 and m * 4 <= f:
        return "f"
    return None


def first_name(mention: str, surname: str) -> str | None:
    """"Marco" of "Florida Sen. Marco Rubio" when the chain's surname is "rubio": the first word
    after the last title, in a mention of two or three capitalised words ending in the surname."""
    words = re.findall(r"[A-Za-z][\w'.-]*", mention)
    titled = [i for i, w in enumerate(words) if title_word(w.rstrip("."))]
    words = words[titled[-1] + 1 :] if titled else words
    if not 2 <= len(words) <= 3 or words[-1].lower() != surname or not all(w[:1].isupper() for w in words):
        return None
    first = words[0]
    return first.lower() if first.isalpha() and len(first) > 1 and first.lower() != surname else None


def chain_surname(chain: dict) -> str | None:
    """The last word most of the chain's named mentions end in."""
    ends = collections.Counter(
        re.findall(r"[A-Za-z][\w'-]*", m[2])[-1].lower() for m in chain["mentions"]
        if m[2][:1].isupper() and re.findall(r"[A-Za-z][\w'-]*", m[2])
    )
    return ends.most_common(1)[0][0] if ends else None


def common_words(data: Path, names: list[str]) -> set[str]:
    """Words written in lower case at least as often as capitalised ("never", "actress", "mark"):
    a capital there is the sentence's, not a name's."""
    lower, upper = collections.Counter(), collections.Counter()
    for name in names:
        for w in re.findall(r"[A-Za-z]+", (data / "train" / "text" / f"{name}.txt").read_text(encoding="utf-8")):
            (upper if w[:1].isupper() else lower)[w.lower()] += 1
    return {w for w, n in lower.items() if n >= upper[w]}


def name_table(data: Path, names: list[str], min_articles: int) -> dict[str, float]:
    seen: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    common = common_words(data, names)
    for name in names:
        per_article: dict[str, set[str]] = collections.defaultdict(set)
        for chain in chains(data, name) or []:
            gender, surname = chain_gender(chain), chain_surname(chain)
            if gender is None or surname is None:
                continue
            for m in chain["mentions"]:
                first = first_name(m[2], surname)
                if first and first not in common:
                    per_article[first].add(gender)
        for first, genders in per_article.items():
            if len(genders) == 1:  # an article where the name went both ways says nothing
                seen[first][genders.pop()] += 1
    table = {}
    for first, c in seen.items():
        total = c["m"] + c["f"]
        share = c["f"] / total if total else 0.5
        if total >= min_articles and abs(share - 0.5) >= 0.4:
            table[first] = round(share, 2)
    return table


# -- 2. events ---------------------------------------------------------------------------------
def log_events(data: Path, names: list[str]) -> list[tuple[str, int, Event]]:
    out = []
    warm_up()
    for n, name in enumerate(names, 1):
        path = data / "train" / "text" / f"{name}.txt"
        raw = path.read_text(encoding="utf-8")
        shown = parse_article_file(str(path)).text
        log: list[Event] = []
        engine.PRONOUN_LOG = log
        try:
            extract_claims(shown)
        finally:
            engine.PRONOUN_LOG = None
        out += [(name, len(raw) - len(shown), e) for e in log]
        if n % 50 == 0:
            print(f"{n} articles, {len(out)} pronouns", file=sys.stderr)
    return out


def gold(scorer, data: Path, events: list[tuple[str, int, Event]]) -> list[tuple[str, Event, list[int], bool]]:
    """(article, event, indices of right candidates, rule right) for pronouns the chains name."""
    cache: dict[str, list | None] = {}
    rows = []
    for name, shift, e in events:
        if name not in cache:
            cache[name] = chains(data, name)
        coref = cache[name]
        if coref is None:
            continue
        start = e.offset + shift
        hit = scorer.chain_of(coref, (start, start + len(e.pronoun)))
        if hit is None:
            continue
        named = [m[2] for m in hit[0]["mentions"] if scorer.is_named(m[2])]
        if not named:
            continue
        right = [i for i, c in enumerate(e.candidates) if any(scorer.same_speaker(g, c.name) for g in named)]
        rule_ok = bool(e.rule) and any(scorer.same_speaker(g, e.rule) for g in named)
        rows.append((name, e, right, rule_ok))
    return rows


# -- 3. the model ------------------------------------------------------------------------------
def tensors(rows, names: dict[str, float]):
    width = max([len(e.candidates) for _, e, _, _ in rows] + [1])
    n, k, d = len(rows), width + 1, len(FEATURE_NAMES)
    X = np.zeros((n, width, d))
    Z = np.zeros((n, len(NULL_NAMES)))
    mask = np.zeros((n, k), dtype=bool)
    target = np.zeros((n, k), dtype=bool)
    for i, (_, e, right, _) in enumerate(rows):
        for j, c in enumerate(e.candidates):
            X[i, j] = features(e, c, names)
            mask[i, j] = agrees(e, c, names)  # the filter applies before the model, as at run time
        Z[i] = null_features(e)
        mask[i, width] = True
        right = [j for j in right if mask[i, j]]
        for j in right:
            target[i, j] = True
        if not right:
            target[i, width] = True
    return X, Z, mask, target


def probs(w, v, X, Z, mask):
    s = np.concatenate([X @ w, (Z @ v)[:, None]], axis=1)
    s = np.where(mask, s, -1e9)
    s = s - s.max(axis=1, keepdims=True)
    p = np.exp(s) * mask
    return p / p.sum(axis=1, keepdims=True)


def fit(rows, names: dict[str, float], l2: float = 0.01, steps: int = 3000):
    """Maximise sum log P(a right answer) - l2 |w|^2 by gradient ascent (Adam)."""
    X, Z, mask, target = tensors(rows, names)
    w, v = np.zeros(X.shape[2]), np.zeros(Z.shape[1])
    m1 = np.zeros(w.size + v.size)
    m2 = np.zeros_like(m1)
    n = len(rows)
    for t in range(1, steps + 1):
        p = probs(w, v, X, Z, mask)
        good = (p * target).sum(axis=1, keepdims=True)
        q = np.where(target, p / np.maximum(good, 1e-12), 0.0)  # posterior over right answers
        diff = q - p  # d log P(right) / d score
        gw = np.einsum("nk,nkd->d", diff[:, :-1], X) / n - 2 * l2 * w
        gv = (diff[:, -1:] * Z).sum(axis=0) / n - 2 * l2 * v
        g = np.concatenate([gw, gv])
        m1 = 0.9 * m1 + 0.1 * g
        m2 = 0.999 * m2 + 0.001 * g * g
        step = 0.05 * (m1 / (1 - 0.9**t)) / (np.sqrt(m2 / (1 - 0.999**t)) + 1e-8)
        w, v = w + step[: w.size], v + step[w.size :]
    return w, v


def outcomes(w, v, rows, names: dict[str, float], threshold: float) -> collections.Counter:
    X, Z, mask, _ = tensors(rows, names)
    p = probs(w, v, X, Z, mask)
    out = collections.Counter()
    for i, (_, e, right, _) in enumerate(rows):
        if not e.candidates:
            out["kept"] += 1
            continue
        j = int(np.argmax(p[i, : len(e.candidates)]))
        if p[i, j] < threshold or p[i, j] == 0.0:
            out["kept"] += 1
        else:
            out["right" if j in right else "wrong"] += 1
    return out


def rule_outcomes(rows) -> collections.Counter:
    out = collections.Counter()
    for _, e, _, ok in rows:
        kept = not e.rule or e.rule.lower() == e.pronoun
        out["kept" if kept else "right" if ok else "wrong"] += 1
    return out


THRESHOLDS = [round(0.2 + 0.05 * i, 2) for i in range(15)]


def cross_validate(rows, names: dict[str, float], l2: float, folds: int = 5) -> dict[float, collections.Counter]:
    articles = sorted({r[0] for r in rows})
    fold_of = {a: i % folds for i, a in enumerate(articles)}
    total = {t: collections.Counter() for t in THRESHOLDS}
    for k in range(folds):
        train = [r for r in rows if fold_of[r[0]] != k]
        test = [r for r in rows if fold_of[r[0]] == k]
        w, v = fit(train, names, l2)
        for t in THRESHOLDS:
            total[t] += outcomes(w, v, test, names, t)
    return total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA / "polnear")
    ap.add_argument("--limit", type=int, default=None, help="first N train articles (after --every)")
    ap.add_argument("--every", type=int, default=1, help="every K-th train article")
    ap.add_argument("--scorer", type=Path, default=None)
    ap.add_argument("--cache", type=Path, default=None, help="pickle of logged events (made if missing)")
    ap.add_argument("--min-articles", type=int, default=2)
    ap.add_argument("--l2", type=float, default=0.0001)
    ap.add_argument("--wrong-cost", type=float, default=1.5)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--with-model", action="store_true",
                    help="log with the shipped model deciding (a second pass), not the rule")
    args = ap.parse_args()
    texts = sorted(glob.glob(str(args.data / "train" / "text" / "*.txt")))
    scorer_path = args.scorer or args.data.resolve().parent.parent / "tools" / "score_attribution.py"
    if not texts or not scorer_path.is_file():
        print(f"skipped: no PolNeAR train split under {args.data} or no scorer at {scorer_path}")
        return 0
    scorer = load_scorer(scorer_path)
    all_names = [os.path.basename(f)[:-4] for f in texts]
    names = all_names[:: args.every][: args.limit]
    table = name_table(args.data, all_names, args.min_articles)
    print(f"first names: {len(table)} ({sum(v >= 0.5 for v in table.values())} she)")
    if args.cache and args.cache.is_file():
        events = pickle.loads(args.cache.read_bytes())
    else:
        if not args.with_model:  # the hand-written rule decides while the engine logs
            pronoun_model._cached[:] = [None]
        events = log_events(args.data, names)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(events))
    rows = gold(scorer, args.data, events)
    base = rule_outcomes(rows)
    print(f"{len(events)} speaker pronouns, {len(rows)} with a named chain, "
          f"{sum(bool(r[2]) for r in rows)} with the right person among the candidates")
    print(f"rule: {dict(base)}")
    cv = cross_validate(rows, table, args.l2)
    best, best_gain = THRESHOLDS[0], -1e9
    for t in THRESHOLDS:
        c = cv[t]
        gain = c["right"] - args.wrong_cost * c["wrong"]
        print(f"  threshold {t:.2f}: right {c['right']} wrong {c['wrong']} kept {c['kept']}  (gain {gain:.0f})")
        if gain > best_gain:
            best, best_gain = t, gain
    print(f"threshold {best} (wrong costs {args.wrong_cost}); rule gain "
          f"{base['right'] - args.wrong_cost * base['wrong']:.0f}")
    w, v = fit(rows, table, args.l2)
    print(" ".join(f"{n}={x:+.2f}" for n, x in zip(FEATURE_NAMES, w)))
    print(" ".join(f"null_{n}={x:+.2f}" for n, x in zip(NULL_NAMES, v)))
    args.out.write_text(json.dumps({
        "source": "PolNeAR v1.0.0 train split: CoreNLP coreference chains (bench/learn_pronouns.py)",
        "articles": len(names), "events": len(rows), "wrong_cost": args.wrong_cost, "l2": args.l2,
        "features": FEATURE_NAMES, "weights": [round(float(x), 4) for x in w],
        "null_features": NULL_NAMES, "null_weights": [round(float(x), 4) for x in v],
        "threshold": best, "first_names": dict(sorted(table.items())),
    }, indent=0) + "\n", encoding="utf-8")
    print(f"-> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
