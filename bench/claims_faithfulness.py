"""Faithfulness of every claim the engine lists: does each claim say only what its source says?

    uv run python bench/claims_faithfulness.py [DATA_DIR] [--sets seed,afacta,claimbuster,polnear]
                                               [--limit N] [--show N]

Runs the extractor over the seed article, the AFaCTA speeches (each joined into one text), every
ClaimBuster debate (one paragraph per sentence) and every PolNeAR article (train and dev, read
through the text layer as `workbench extract` reads a file), and checks each claim's text against
its source span with the faithfulness gate's rules (claims/faithfulness.py), from the article
text alone. Prints every failure with its source and the totals; also how often the engine's own
gate fell back to the article's words (a rewrite it refused). Target: 0 failures. Sets whose data
is missing are skipped.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from train_checkworthiness import DEFAULT_DATA  # noqa: E402
from workbench.claims import engine, extract_claims, warm_up  # noqa: E402
from workbench.claims.faithfulness import ArticleWords, Sentences, Source, check  # noqa: E402
from workbench.claims.segment import split_text  # noqa: E402
from workbench.domain import ClaimKind  # noqa: E402


def seed_docs(_: Path) -> Iterator[tuple[str, str]]:
    from workbench.text import parse_article_file

    for path in sorted((ROOT / "seeds").glob("*.txt")):
        yield path.name, parse_article_file(path).text


def afacta_docs(data: Path) -> Iterator[tuple[str, str]]:
    path = data / "afacta" / "policlaim_train_golden.csv"
    if not path.is_file():
        return
    speeches: dict[str, list[str]] = defaultdict(list)
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            speeches[row["SPEECH"]].append(row["SENTENCES"].strip())
    for name, sentences in speeches.items():
        yield name, " ".join(sentences)


def claimbuster_docs(data: Path) -> Iterator[tuple[str, str]]:
    path = data / "claimbuster" / "crowdsourced.csv"
    if not path.is_file():
        return
    debates: dict[str, list[str]] = defaultdict(list)
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            debates[row["File_id"]].append(" ".join(row["Text"].split()))
    for name in sorted(debates):
        yield name, "\n\n".join(debates[name])


def polnear_docs(data: Path) -> Iterator[tuple[str, str]]:
    from workbench.text import parse_article_file

    for split in ("train", "dev"):
        for path in sorted((data / "polnear" / split / "text").glob("*.txt")):
            yield f"{split}/{path.stem}", parse_article_file(path).text


SETS = {"seed": seed_docs, "afacta": afacta_docs, "claimbuster": claimbuster_docs, "polnear": polnear_docs}


def failures_of(text: str) -> tuple[int, list[tuple[str, str, str]]]:
    """(claims checked, [(claim, source words, why)]) for one document."""
    claims = extract_claims(text)
    sentences = Sentences([s for _, sents in split_text(text) for s in sents])
    article = ArticleWords(text)
    out = []
    for c in claims:
        parts = c.parts or ((c.start, c.end),)
        source = Source(tuple(parts), sentences.around(c.start))
        why = check(c.text, source, article, role=c.kind == ClaimKind.ROLE)
        if why:
            out.append((c.text, " | ".join(text[s:e] for s, e in parts), why))
    return len(claims), out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--limit", type=int, default=0, help="documents per set (0 = all)")
    ap.add_argument("--show", type=int, default=1000, help="failures printed per set")
    ap.add_argument("--refused", type=int, default=0, help="also print N rewrites the gate refused")
    args = ap.parse_args()
    warm_up()
    engine.GATE_FALLBACKS.clear()
    engine.GATE_LOG = [] if args.refused else None
    total_claims = total_failures = 0
    for name in args.sets.split(","):
        started, docs, claims, failures = time.perf_counter(), 0, 0, []
        for doc_name, text in SETS[name](args.data):
            if args.limit and docs >= args.limit:
                break
            docs += 1
            n, found = failures_of(text)
            claims += n
            failures += [(doc_name, *f) for f in found]
        if not docs:
            print(f"{name}: skipped, no data under {args.data}")
            continue
        for doc_name, claim, src, why in failures[: args.show]:
            print(f"  FAIL {name}/{doc_name}: {why}\n    claim:  {claim}\n    source: {src}")
        print(f"{name}: {docs} documents, {claims} claims, {len(failures)} failures "
              f"({time.perf_counter() - started:.0f}s)")
        total_claims += claims
        total_failures += len(failures)
    for why, text, src in (engine.GATE_LOG or [])[: args.refused]:
        print(f"  REFUSED {why}\n    rewrite: {text}\n    source:  {src}")
    refused = sum(engine.GATE_FALLBACKS.values())
    print(f"total: {total_claims} claims, {total_failures} failures; the engine's gate refused "
          f"{refused} rewrites ({', '.join(f'{k} {v}' for k, v in Counter(engine.GATE_FALLBACKS).most_common())})")
    return 1 if total_failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
