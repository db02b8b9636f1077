"""Pronouns the engine writes out in claim text ("he" -> "Rex Tillerson"), checked against PolNeAR's
coreference chains (CoreNLP dcoref output shipped with the set: automatic, so this measures agreement
with another system, not accuracy against people).

For every claim whose text replaces a pronoun of its span by a name (found as the faithfulness gate
finds rewrites: the claim's words aligned with the span's), the chain holding the pronoun is looked up:
  agree     the chain also holds a mention with the name's last word
  disagree  the chain names someone (a capitalised word that is no pronoun) but not that name
  unchained the pronoun is in no chain (dcoref had no answer)

    uv run python bench/claim_pronouns.py --data ../shared/data/polnear --split train --limit 150
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench.claims import extract_claims  # noqa: E402
from workbench.claims.faithfulness import PRONOUNS, words  # noqa: E402

PRONOUN_WORDS = frozenset("he she him her his hers i we you they it my our your their its".split())
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"


def rewrites(claim_text: str, article: str, parts: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """(pronoun offset, name) for each pronoun the claim writes out."""
    start, end = parts[0][0], parts[-1][1]
    src = [(w, start + p) for w, p in words(article[start:end])]
    said = words(claim_text)
    out = []
    ops = SequenceMatcher(None, [w for w, _ in src], [w for w, _ in said], autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in ops:
        if tag != "replace":
            continue
        dropped = [w for w, _ in src[i1:i2]]
        prons = [k for k, w in enumerate(dropped) if w in PRONOUNS and w not in ("it", "its", "they", "them", "their")]
        if len(prons) != 1:
            continue
        added = [claim_text[p : p + len(w)] for w, p in said[j1:j2] if w != "'s"]
        if added and all(a[:1].isupper() for a in added):
            out.append((src[i1 + prons[0]][1], added[-1]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--split", default="train")
    ap.add_argument("--skip", type=int, default=0, help="leave out the first N articles by file name")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("-v", "--verbose", action="store_true", help="print every disagreement")
    args = ap.parse_args()
    texts = sorted((args.data / args.split / "text").glob("*.txt"))[args.skip :][: args.limit]
    if not texts:
        print(f"no PolNeAR articles under {args.data / args.split}; skipped")
        return
    counts: Counter[str] = Counter()
    for path in texts:
        coref = args.data / args.split / "coref" / (path.stem + ".json")
        if not coref.exists():
            continue
        article = path.read_text(encoding="utf-8")
        chains = json.loads(coref.read_text(encoding="utf-8"))["chains"]
        by_start = {m[0]: c for c in chains for m in c["mentions"]}
        for claim in extract_claims(article):
            parts = list(claim.parts) or [(claim.start, claim.end)]
            for pos, name in rewrites(claim.text, article, parts):
                chain = by_start.get(pos)
                if chain is None:
                    counts["unchained"] += 1
                    continue
                others = [m[2] for m in chain["mentions"] if m[0] != pos]
                hit = any(name.lower() in m.lower() for m in others)
                named = any(w[:1].isupper() and w.lower() not in PRONOUN_WORDS for m in others for w in m.split())
                counts["agree" if hit else "disagree" if named else "no name in chain"] += 1
                if not hit and named and args.verbose:
                    others = sorted({m[2] for m in chain["mentions"] if m[0] != pos})[:6]
                    print(f"  {path.stem[:40]} @{pos} -> {name!r}; chain: {others}")
    judged = counts["agree"] + counts["disagree"]
    share = counts["agree"] / judged if judged else 0.0
    print(f"claim-text pronouns written out: {sum(counts.values())} in {len(texts)} articles | "
          f"agree {counts['agree']} disagree {counts['disagree']} (chain names no one {counts['no name in chain']}, "
          f"unchained {counts['unchained']}) | "
          f"agreement {share:.3f}")


if __name__ == "__main__":
    main()
