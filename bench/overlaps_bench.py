"""Overlap finding speed on 1,000 claims, against exhaustive rapidfuzz process.cdist and exhaustive scoring.

    uv run python bench/overlaps_bench.py [DATA_DIR] [--n 1000] [--seed]

Corpora: LIAR statements (real, few overlaps) and FEVER dev claims (many near-duplicates). For each:
  - find_overlaps time (median of 3) with the learned combiner, with the hand-set meaning bonus and with
    wording only, in one run (vectors cached), and their ratios;
  - process.cdist(token_set_ratio) over the same normalised strings, all pairs (1 worker and all cores);
  - recall vs exhaustive: the share of pairs our own scorer puts above SUGGEST_THRESHOLD when applied to
    every pair that find_overlaps (candidate index) finds; and the share of cdist pairs >= the threshold
    that find_overlaps flags.
With context (the third element of a claim): LIAR with speaker, job, state and venue (the attribution-like
words the pipeline passes), and ClaimBuster debate sentences with the sentence before, the sentence and the
speaker (the source-sentence context): time and how many flags context adds or removes.
--seed: the seed article through the real pipeline (claim engine + matching.article.find_article_overlaps),
listing every flagged pair (needs spaCy's model).
Skips cleanly without data.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402

from workbench.matching import SUGGEST_THRESHOLD, find_overlaps, semantic  # noqa: E402
from workbench.matching.overlap_combiner import combiner, use  # noqa: E402
from workbench.matching.overlaps import OverlapScorer  # noqa: E402
from workbench.matching.normalize import analyse  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SHIPPED = combiner()


def liar(data: Path) -> list[str]:
    return [t for t, _ in liar_with_context(data)]


def liar_with_context(data: Path) -> list[tuple[str, str]]:
    """(statement, "speaker, job, state, venue") rows."""
    path = data / "liar" / "train.tsv"
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if len(r) > 2]
    out = []
    for r in rows:
        speaker = r[4].replace("-", " ").title() if len(r) > 4 else ""
        extra = [x for x in (r[5:7] + r[13:14]) if x] if len(r) > 13 else []
        out.append((r[2], ", ".join([speaker, *extra]).strip(", ")))
    return out


def claimbuster_with_context(data: Path) -> list[tuple[str, str]]:
    """(sentence, "previous sentence sentence speaker") for debate sentences of ClaimBuster crowdsourced."""
    path = data / "claimbuster" / "crowdsourced.csv"
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows.sort(key=lambda r: (r["File_id"], int(r["Line_number"])))
    out, prev = [], None
    for r in rows:
        before = prev["Text"] if prev is not None and prev["File_id"] == r["File_id"] else ""
        out.append((r["Text"], f"{before} {r['Text']} {r['Speaker']}".strip()))
        prev = r
    return out


def bench_context(name: str, rows: list[tuple[str, str]], n: int, what: str) -> None:
    if len(rows) < n:
        print(f"skip {name} with context: only {len(rows)} claims")
        return
    rows = random.Random(5).sample(rows, n)
    plain = [(i, t) for i, (t, _) in enumerate(rows, start=1)]
    with_ctx = [(i, t, c) for i, (t, c) in enumerate(rows, start=1)]
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        found = find_overlaps(with_ctx)
        times.append(time.perf_counter() - t0)
    before = {(d.a, d.b) for d in find_overlaps(plain)}
    after = {(d.a, d.b) for d in found}
    print(f"{name} with context ({what}): {n} claims, {len(after)} flags "
          f"(without context {len(before)}; added {len(after - before)}, dropped {len(before - after)}); "
          f"find_overlaps {statistics.median(times) * 1000:.0f} ms (median of 3)")
    texts = dict(plain)
    for a, b in sorted(after - before)[:3]:
        print(f"    added: {texts[a]!r} / {texts[b]!r}")


def seed() -> None:
    from workbench.claims import extract_claims
    from workbench.matching.article import find_article_overlaps
    from workbench.text import parse_article_file

    path = Path(__file__).resolve().parents[1] / "seeds" / "north-korea-spurned-talks.txt"
    article = parse_article_file(path)
    drafts = extract_claims(article.text)
    claims = [(i, d.text, d.start, d.end, d.attribution) for i, d in enumerate(drafts, start=1)]
    semantic.embed([d.text for d in drafts])  # encoding timed in bench(); here the matching itself
    t0 = time.perf_counter()
    found = find_article_overlaps(article.text, claims)
    elapsed = time.perf_counter() - t0
    plain = find_overlaps([(i, d.text) for i, d in enumerate(drafts, start=1)])
    use(None)
    hand = {(d.a, d.b) for d in find_overlaps([(i, d.text) for i, d in enumerate(drafts, start=1)])}
    hand_ctx = {(d.a, d.b) for d in find_article_overlaps(article.text, claims)}
    use(SHIPPED)
    print(f"seed article, learned combiner vs hand-set bonus: bare texts {len(plain)} vs {len(hand)} flags, "
          f"with context {len(found)} vs {len(hand_ctx)}; added {sorted({(d.a, d.b) for d in found} - hand_ctx)}, "
          f"lost {sorted(hand_ctx - {(d.a, d.b) for d in found})}")
    lexical = {(d.a, d.b) for d in find_overlaps([(i, d.text) for i, d in enumerate(drafts, start=1)], meaning=False)}
    print(f"seed article, bare texts: {len(plain)} flags with meaning, {len(lexical)} wording only; "
          f"added {sorted({(d.a, d.b) for d in plain} - lexical)}, lost {sorted(lexical - {(d.a, d.b) for d in plain})}")
    print(f"seed article: {len(drafts)} claims, {len(found)} flags with context and the same-span rule "
          f"({len(plain)} on the bare claim texts); {elapsed * 1000:.0f} ms")
    for d in found:
        print(f"  {d.score:5.1f}  {d.a}: {drafts[d.a - 1].text!r}\n         {d.b}: {drafts[d.b - 1].text!r}\n"
              f"         {d.reason}")


def fever(data: Path) -> list[str]:
    path = data / "fever-dev-claims" / "paper_dev.jsonl"
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as fh:
        return list(dict.fromkeys(json.loads(line)["claim"] for line in fh))


def bench(name: str, texts: list[str], n: int) -> None:
    if len(texts) < n:
        print(f"skip {name}: only {len(texts)} claims")
        return
    texts = random.Random(5).sample(texts, n)
    claims = list(enumerate(texts, start=1))
    t0, c0 = time.perf_counter(), time.process_time()
    semantic.clear_cache()
    semantic.embed(texts)
    print(f"{name}: encoding {n} claims for meaning: {time.perf_counter() - t0:.1f} s "
          f"({(time.process_time() - c0) / n * 1000:.0f} ms CPU per claim; {semantic.status()}); cached after")
    variants = [("learned combiner (vectors cached)", True, SHIPPED),
                ("hand-set meaning bonus (vectors cached)", True, None), ("wording only", False, None)]
    timed = {}
    for label, meaning, model in variants:  # the figures below compare the lexical matcher (the last)
        if label.startswith("learned") and model is None:
            continue
        use(model)
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            found = find_overlaps(claims, meaning=meaning)
            times.append(time.perf_counter() - t0)
        t_ours = timed[label] = statistics.median(times)
        print(f"  {label}: {len(found)} flags "
              f"({sum(d.kind.value == 'inconsistency' for d in found)} inconsistencies); "
              f"find_overlaps {t_ours * 1000:.0f} ms (median of 3)")
    use(SHIPPED)
    if len(timed) == 3:
        base = timed["hand-set meaning bonus (vectors cached)"]
        print(f"  time ratios (same run): learned / hand-set {timed[variants[0][0]] / base:.2f}x, "
              f"wording only / hand-set {timed['wording only'] / base:.2f}x")
    flagged = {(d.a, d.b) for d in found}

    strings = [" ".join(t.key for t in analyse(x) if t.kind != "boiler") for x in texts]
    for workers in (1, -1):
        t0 = time.perf_counter()
        matrix = process.cdist(strings, strings, scorer=fuzz.token_set_ratio, workers=workers, dtype=np.uint8)
        t_cd = time.perf_counter() - t0
        print(f"  process.cdist token_set_ratio, workers={workers}: {t_cd * 1000:.0f} ms "
              f"({t_cd / t_ours:.1f}x find_overlaps)")
    iu = np.triu_indices(n, 1)
    above = matrix[iu] >= SUGGEST_THRESHOLD
    cd_pairs = {(int(i) + 1, int(j) + 1) for i, j in zip(iu[0][above], iu[1][above])}
    hit = len(cd_pairs & flagged)
    print(f"  cdist pairs >= {SUGGEST_THRESHOLD:.0f}: {len(cd_pairs)}; flagged by find_overlaps: {hit} "
          f"({hit / max(1, len(cd_pairs)) * 100:.1f}%); flags not in them: {len(flagged - cd_pairs)}")

    scorer = OverlapScorer(claims, meaning=False)
    t0 = time.perf_counter()
    exhaustive = set()
    for a, b in itertools.combinations(range(1, n + 1), 2):
        d = scorer.score(a, b)
        if d is not None and d.score >= SUGGEST_THRESHOLD:
            exhaustive.add((d.a, d.b))
    t_ex = time.perf_counter() - t0
    hit = len(exhaustive & flagged)
    print(f"  our scorer on all {n * (n - 1) // 2:,} pairs: {t_ex * 1000:.0f} ms ({t_ex / t_ours:.0f}x); "
          f"{len(exhaustive)} above threshold, candidate index finds {hit} "
          f"(recall {hit / max(1, len(exhaustive)) * 100:.1f}%)")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    p.add_argument("--n", type=int, default=1000)
    p.add_argument("--seed", action="store_true", help="also run the seed article through the pipeline")
    args = p.parse_args(argv)
    if args.seed:
        seed()
    if not args.data.exists():
        print(f"skip: data folder {args.data} not found")
        return 0
    bench("LIAR", liar(args.data), args.n)
    bench_context("LIAR", liar_with_context(args.data), args.n, "speaker, job, state, venue")
    bench_context("ClaimBuster", claimbuster_with_context(args.data), args.n, "sentence before, sentence, speaker")
    bench("FEVER", fever(args.data), args.n)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
