"""Archive matching: quality on CLEF-2020 task 2 (MAP@5, recall@1 vs SQLite FTS5 BM25) and speed at 100k.

    uv run python bench/archive_bench.py [DATA_DIR] [--split dev|train] [--quality-only|--speed-only] [--tune|--fit]
                                         [--fit-meaning]

With the sentence encoder available, quality also scores the re-ranking plus meaning (MEANING_WEIGHT, or the
weight given) side by side with the default, and --fit-meaning grids the weight (use --split train).

DATA_DIR defaults to ../shared/data relative to the repository. Prints figures; skips cleanly when the data
is absent. Never used by the tests.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.matching import archive_index, semantic  # noqa: E402
from workbench.matching.archive_index import ArchiveIndex  # noqa: E402

csv.field_size_limit(10**8)
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


# -- data ---------------------------------------------------------------------------------------

def load_clef(data: Path, split: str):
    root = data / "clef2020-claim-retrieval"
    if not (root / "verified_claims.docs.tsv").exists() or not (root / split).exists():
        return None
    with open(root / "verified_claims.docs.tsv", encoding="utf-8", newline="") as fh:
        vclaims = [(int(next(iter(r.values()))), r["vclaim"], r["title"])
                   for r in csv.DictReader(fh, delimiter="\t")]
    with open(root / split / "tweets.queries.tsv", encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t")
        next(reader)
        queries = [(int(r[0]), r[1]) for r in reader if r]
    qrels: dict[int, set[int]] = {}
    with open(root / split / "tweet-vclaim-pairs.qrels", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 4 and parts[3] != "0":
                qrels.setdefault(int(parts[0]), set()).add(int(parts[2]))
    return vclaims, queries, qrels


def evaluate(rank, queries, qrels, k: int = 5) -> dict:
    """rank(text) -> list of doc ids, best first."""
    ap_sum, r1, r5, mrr, n = 0.0, 0, 0, 0.0, 0
    for qid, text in queries:
        gold = qrels.get(qid)
        if not gold:
            continue
        n += 1
        ranked = rank(text)[:k]
        hits, ap = 0, 0.0
        for i, d in enumerate(ranked, 1):
            if d in gold:
                hits += 1
                ap += hits / i
                mrr += 1.0 / i if hits == 1 else 0.0
        ap_sum += ap / len(gold)
        r1 += bool(ranked and ranked[0] in gold)
        r5 += bool(gold & set(ranked))
    return {"MAP@5": ap_sum / n, "recall@1": r1 / n, "recall@5": r5 / n, "MRR@5": mrr / n, "queries": n}


# -- the FTS5 baseline ----------------------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)


def fts5_ranker(vclaims):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE f USING fts5(text, title, tokenize='porter unicode61 remove_diacritics 2')")
    conn.executemany("INSERT INTO f(rowid, text, title) VALUES (?, ?, ?)", vclaims)

    def rank(text: str) -> list[int]:
        words = {w.lower() for w in _WORD.findall(text)}
        if not words:
            return []
        query = " OR ".join(f'"{w}"' for w in sorted(words))
        rows = conn.execute("SELECT rowid FROM f WHERE f MATCH ? ORDER BY bm25(f) LIMIT 5", [query]).fetchall()
        return [r[0] for r in rows]

    return rank


def quality(data: Path, split: str, tune: bool, do_fit: bool = False, fit_meaning: bool = False,
            meaning_weight: float = 0.0) -> None:
    loaded = load_clef(data, split)
    if loaded is None:
        print(f"skip quality: no CLEF data under {data}")
        return
    vclaims, queries, qrels = loaded
    print(f"CLEF-2020 task 2, split {split}: {len(queries)} queries, {len(vclaims)} verified claims")
    base = evaluate(fts5_ranker(vclaims), queries, qrels)
    print(f"  FTS5 BM25 baseline (porter, OR of words, text+title): {_fmt(base)}")
    words = ArchiveIndex.build(vclaims, char_weight=0.0)
    plain = evaluate(lambda t: [d for d, _ in words.bm25_only(t, 5)], queries, qrels)
    print(f"  ArchiveIndex word BM25 only:                         {_fmt(plain)}")
    t0 = time.perf_counter()
    index = ArchiveIndex.build(vclaims)
    print(f"  ArchiveIndex build: {time.perf_counter() - t0:.2f}s")
    fused = evaluate(lambda t: [d for d, _ in index.bm25_only(t, 5)], queries, qrels)
    print(f"  ArchiveIndex word + char 4-gram BM25 fused:          {_fmt(fused)}")
    plain_index = ArchiveIndex.build(vclaims, meaning_weight=0.0)
    ours = evaluate(lambda t: [d for d, _ in plain_index.search(t, 5)], queries, qrels)
    print(f"  ArchiveIndex fused + re-ranking, no meaning:         {_fmt(ours)}")
    if semantic.available():
        weight = meaning_weight or archive_index.MEANING_WEIGHT or 3.0
        meaning_index = ArchiveIndex.build(vclaims, meaning_weight=weight)
        t0 = time.perf_counter()
        with_meaning = evaluate(lambda t: [d for d, _ in meaning_index.search(t, 5)], queries, qrels)
        print(f"  ... + meaning (weight {weight}, top {meaning_index.meaning_depth}):"
              f"                {_fmt(with_meaning)} ({time.perf_counter() - t0:.0f}s, encoding included)")
        t0 = time.perf_counter()
        for _, text in queries[:50]:
            meaning_index.search(text, 5)
        print(f"  ... + meaning, a query whose vectors are cached: {(time.perf_counter() - t0) / 50 * 1000:.1f} ms")
        if fit_meaning:
            for w in (0.5, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0):
                grid = ArchiveIndex.build(vclaims, meaning_weight=w)
                print(f"    weight {w}: {_fmt(evaluate(lambda t: [d for d, _ in grid.search(t, 5)], queries, qrels))}")
    else:
        print(f"  meaning not measured: {semantic.status()}")
    reliability(index, queries, qrels)
    if tune:
        _tune(vclaims, queries, qrels)
    if tune or do_fit:
        fit(vclaims, queries, qrels)


def reliability(index, queries, qrels) -> None:
    """How often the top hit is right, by its shown score (every CLEF tweet has a checked claim)."""
    bins = [(0, 30), (30, 50), (50, 70), (70, 90), (90, 101)]
    counts = {b: [0, 0] for b in bins}
    for qid, text in queries:
        hits = index.search(text, 1)
        if not hits or qid not in qrels:
            continue
        for lo, hi in bins:
            if lo <= hits[0][1] < hi:
                counts[(lo, hi)][0] += 1
                counts[(lo, hi)][1] += hits[0][0] in qrels[qid]
    print("  top hit right, by shown score: " + "  ".join(
        f"{lo}-{min(hi, 100)}: {ok}/{n}" for (lo, hi), (n, ok) in counts.items() if n))


def _tune(vclaims, queries, qrels) -> None:
    """Grids for the first stage (fused order, no re-ranking): word k1/b/title weight, then the character
    index's b and its weight in the fusion."""
    def first_stage(**options) -> float:
        idx = ArchiveIndex.build(vclaims, **options)
        return evaluate(lambda t: [d for d, _ in idx.bm25_only(t, 5)], queries, qrels)["MAP@5"]

    best = max((first_stage(k1=k1, b=b, title_weight=tw, char_weight=0.0), k1, b, tw)
               for k1 in (0.9, 1.2, 1.6) for b in (0.5, 0.75, 0.9) for tw in (0, 1, 2))
    print(f"  best word BM25: MAP@5 {best[0]:.4f} with k1={best[1]} b={best[2]} title_weight={best[3]}")
    best = max((first_stage(char_b=cb, char_weight=cw), cb, cw)
               for cb in (0.3, 0.5, 0.75) for cw in (0.3, 0.5, 0.7, 1.0, 1.5))
    print(f"  best fused: MAP@5 {best[0]:.4f} with char_b={best[1]} char_weight={best[2]}")


def fit(vclaims, queries, qrels, depth: int = 40, l2: float = 1e-3, c: float = 1.0):
    """Fit the re-ranker (listwise: softmax over each query's candidates, L2 `l2`), the shown score of the
    best candidate (logistic regression, C `c`, on whether it is right) and the spread of the others'
    scores, on this split; print the constants for archive_index.py."""
    import numpy as np
    from scipy.optimize import minimize
    from sklearn.linear_model import LogisticRegression

    from workbench.matching.archive_index import FEATURES, RANK_FEATURES, best_inputs, best_logit

    idx = ArchiveIndex.build(vclaims)
    cols = [FEATURES.index(f) for f in RANK_FEATURES]
    groups = []  # (feature rows, labels) per query
    for qid, text in queries:
        found = idx.candidates(text, depth)
        if found and qid in qrels:
            cand, feats = found
            groups.append((feats, np.asarray([idx._ids[n] in qrels[qid] for n in cand], dtype=float)))
    train = [(f[:, cols], y / y.sum()) for f, y in groups if 0 < y.sum() < len(y)]

    def loss(w):
        total, grad = 0.0, np.zeros_like(w)
        for x, target in train:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            total -= float(target @ np.log(p + 1e-12))
            grad += x.T @ (p - target)
        return total / len(train) + l2 * w @ w, grad / len(train) + 2 * l2 * w

    weights = minimize(loss, np.zeros(len(cols)), jac=True, method="L-BFGS-B").x
    # the best candidate: is it the claim checked?
    tops, right, others = [], [], []
    for feats, y in groups:
        rank = feats[:, cols] @ weights
        tops.append(best_inputs(feats, rank)[1:])
        right.append(y[int(np.argmax(rank))])
        others.append((rank, y))
    model = LogisticRegression(C=c, max_iter=5000).fit(np.vstack(tops), np.asarray(right))
    calibration = (float(model.intercept_[0]), *map(float, model.coef_[0]))
    # the others: log-odds of the best + spread[0] + spread[1] * gap, fitted by likelihood
    rows = []
    for (rank, y), (feats, _) in zip(others, groups):
        logit = best_logit(feats, rank, calibration)
        gap = rank - rank.max()
        rows += [(logit, g, t) for g, t in zip(gap, y) if g < 0]
    base, gaps, labels = (np.asarray(v, dtype=float) for v in zip(*rows))

    def spread_loss(v):
        p = 1.0 / (1.0 + np.exp(-(base + v[0] + v[1] * gaps)))
        return -float(np.mean(labels * np.log(p + 1e-12) + (1 - labels) * np.log(1 - p + 1e-12)))

    spread = tuple(map(float, minimize(spread_loss, np.array([0.0, 1.0]), method="L-BFGS-B",
                                       bounds=[(None, 0.0), (1e-3, None)]).x))
    idx.weights, idx.calibration, idx.spread = tuple(map(float, weights)), calibration, spread
    m = evaluate(lambda t: [d for d, _ in idx.search(t, 5)], queries, qrels)
    print(f"  fitted on {len(train)} queries: MAP@5 {m['MAP@5']:.4f} recall@1 {m['recall@1']:.4f} on this split")
    print(f"    WEIGHTS = ({', '.join(f'{w:.3f}' for w in weights)})  # {', '.join(RANK_FEATURES)}")
    print(f"    CALIBRATION = ({', '.join(f'{w:.3f}' for w in calibration)})  # intercept, margin, "
          + ", ".join(FEATURES[1:]))
    print(f"    SPREAD = ({spread[0]:.3f}, {spread[1]:.3f})")


def _fmt(m: dict) -> str:
    return "  ".join(f"{k} {v:.4f}" if isinstance(v, float) else f"{k} {v}" for k, v in m.items())


# -- speed ----------------------------------------------------------------------------------------

def scale_corpus(data: Path, target: int = 100_000) -> list[tuple[str, str, str]]:
    """(external id, text, title) rows: LIAR + FEVER dev + CLEF vclaims, then synthetic variants to target."""
    rows: list[tuple[str, str, str]] = []
    for name in ("train.tsv", "valid.tsv", "test.tsv"):
        path = data / "liar" / name
        if path.exists():
            with open(path, encoding="utf-8", newline="") as fh:
                for r in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                    if len(r) > 2:
                        rows.append((f"liar-{r[0]}", r[2], ""))
    fever = data / "fever-dev-claims" / "paper_dev.jsonl"
    if fever.exists():
        with open(fever, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                rows.append((f"fever-{rec['id']}", rec["claim"], ""))
    clef = load_clef(data, "train")
    if clef:
        rows += [(f"clef-{i}", t, title) for i, t, title in clef[0]]
    if not rows:
        return []
    rng = random.Random(7)
    base = list(rows)
    n = 0
    while len(rows) < target:
        _, text, title = base[rng.randrange(len(base))]
        words = text.split()
        if len(words) > 4:  # drop one word, swap two: a plausible near-variant
            del words[rng.randrange(len(words))]
            i = rng.randrange(len(words) - 1)
            words[i], words[i + 1] = words[i + 1], words[i]
        rows.append((f"syn-{n}", " ".join(words), title))
        n += 1
    return rows[:target]


def speed(data: Path) -> None:
    rows = scale_corpus(data)
    if not rows:
        print(f"skip speed: no data under {data}")
        return
    print(f"speed: archive of {len(rows)} claims")
    from workbench.services import archive as service
    from workbench.storage import open_database
    from workbench.storage import archive_repository as repo

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ws.sqlite"
        tsv = Path(tmp) / "archive.tsv"
        with open(tsv, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="\t")
            w.writerow(["id", "text", "title"])
            w.writerows(rows)
        db = open_database(path)
        t0 = time.perf_counter()
        count = service.run(service.import_archive(db, tsv, id_column="id", text_column="text",
                                                   title_column="title"))
        t_import = time.perf_counter() - t0
        print(f"  import {count} claims from TSV into a workspace (one transaction, FTS5 kept in sync): "
              f"{t_import:.2f}s")
        t0 = time.perf_counter()
        index = service.load_index(db)
        print(f"  build ArchiveIndex from SQLite ({len(index)} rows): {time.perf_counter() - t0:.2f}s")
        queries = [t for _, t, _ in random.Random(3).sample(rows, 300)]
        loaded = load_clef(data, "dev")
        if loaded:
            queries += [t for _, t in loaded[1]]
        for q in queries[:20]:
            index.search(q, 5)
        times = []
        for q in queries:
            t0 = time.perf_counter()
            index.search(q, 5)
            times.append(time.perf_counter() - t0)
        times.sort()
        print(f"  search one claim (top 5) over {len(index)}: median {statistics.median(times) * 1000:.1f} ms, "
              f"p95 {times[int(0.95 * len(times))] * 1000:.1f} ms ({len(times)} queries)")
        t0 = time.perf_counter()
        hits = 0
        for q in queries[:50]:
            hits += len(repo.fts_search(db, q, 5))
        print(f"  FTS5 bm25 query (storage.archive_repository.fts_search): "
              f"{(time.perf_counter() - t0) / 50 * 1000:.1f} ms per query")
        from rapidfuzz import fuzz, process
        texts = [t for _, t, _ in rows]
        t0 = time.perf_counter()
        for q in queries[:5]:
            process.extract(q, texts, scorer=fuzz.token_set_ratio, limit=5)
        t_ex = (time.perf_counter() - t0) / 5
        print(f"  exhaustive rapidfuzz process.extract(token_set_ratio) over {len(texts)}: "
              f"{t_ex * 1000:.0f} ms per query ({t_ex / statistics.median(times):.0f}x slower)")
        db.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    p.add_argument("--split", default="dev")
    p.add_argument("--quality-only", action="store_true")
    p.add_argument("--speed-only", action="store_true")
    p.add_argument("--tune", action="store_true", help="grids for the first stage, then --fit (use --split train)")
    p.add_argument("--fit", action="store_true", help="fit the re-ranker and the shown score (use --split train)")
    p.add_argument("--fit-meaning", action="store_true", help="grid the meaning weight (use --split train)")
    p.add_argument("--meaning-weight", type=float, default=0.0, help="meaning weight to score (default: the constant)")
    args = p.parse_args(argv)
    if not args.data.exists():
        print(f"skip: data folder {args.data} not found")
        return 0
    if not args.speed_only:
        quality(args.data, args.split, args.tune, args.fit, args.fit_meaning, args.meaning_weight)
    if not args.quality_only:
        speed(args.data)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
