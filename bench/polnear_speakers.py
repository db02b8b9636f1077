"""Speaker accuracy on PolNeAR (political news, attributions annotated as source/cue/content).

    uv run python bench/polnear_speakers.py [--data ../shared/data/polnear] [--split dev|train|both]
                                            [--skip N] [--limit N] [--scorer PATH] [-v] [--all-errors]

Scores exactly as the held-out test split is scored from outside: the matching rule is the
shared scorer's (tools/score_attribution.py beside the data folder, or --scorer PATH), imported
and run unchanged, except that each article is extracted in this process (the model loads once)
instead of one `workbench extract FILE --json` subprocess per article. The rule is written down in
docs/claims.md ("Speakers in news"). Prints the scorer's line per split: speaker_acc is the share
of covered statements whose claim names the annotated source. -v adds 30 wrong speakers (seeded
sample) and the skip reasons; --all-errors lists every wrong speaker instead (for error analysis).

Tune on train, report dev; never on one article. Skips cleanly without the data or the scorer.
"""

from __future__ import annotations

import argparse
import glob
import importlib.util
import os
import sys
import time
from pathlib import Path
from types import ModuleType, SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_checkworthiness import DEFAULT_DATA  # noqa: E402

from workbench.claims import extract_claims, warm_up  # noqa: E402
from workbench.text import parse_article_file  # noqa: E402


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_attribution", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def extract_in_process(_python: str, path: str) -> tuple[dict | None, str | None]:
    """What `workbench extract FILE --json` prints (text and claims; overlaps are not scored)."""
    try:
        article = parse_article_file(path)
        drafts = extract_claims(article.text)
    except Exception as exc:  # noqa: BLE001 - the scorer counts a failed extraction
        return None, f"{type(exc).__name__}: {exc}"
    claims = [{"id": i, "text": d.text, "start": d.start, "end": d.end, "attribution": d.attribution,
               "kind": str(d.kind)} for i, d in enumerate(drafts, start=1)]
    return {"text": article.text, "claims": claims}, None


class _Everything:
    """Stands in for the scorer's seeded sampler: every wrong speaker, not 30."""

    def __init__(self, _seed: int) -> None:
        pass

    @staticmethod
    def sample(population: list, _k: int) -> list:
        return list(population)


class _Skipping:
    """Stands in for the scorer's glob module: the article texts without the first N."""

    def __init__(self, skip: int) -> None:
        self.skip = skip

    def glob(self, pattern: str) -> list[str]:
        found = sorted(glob.glob(pattern))
        return found[self.skip :] if pattern.endswith(os.path.join("text", "*.txt")) else found


def run(scorer: ModuleType, split_dir: Path, limit: int | None, verbose: bool) -> int:
    argv = ["python", sys.executable, str(split_dir)]
    argv += ["--limit", str(limit)] if limit else []
    argv += ["-v"] if verbose else []
    saved = sys.argv
    sys.argv = argv
    try:
        scorer.main()
    except SystemExit as done:  # the scorer exits 1 below its own target; a figure is a figure
        return int(done.code or 0)
    finally:
        sys.argv = saved
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA / "polnear")
    ap.add_argument("--split", choices=("dev", "train", "both"), default="dev")
    ap.add_argument("--skip", type=int, default=0,
                    help="leave out the first N articles by file name (a second train slice)")
    ap.add_argument("--limit", type=int, default=None, help="first N articles by file name (after --skip)")
    ap.add_argument("--scorer", type=Path, default=None,
                    help="score_attribution.py (default: tools/ beside the data folder)")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--all-errors", action="store_true", help="list every wrong speaker")
    args = ap.parse_args()
    scorer_path = args.scorer or args.data.resolve().parent.parent / "tools" / "score_attribution.py"
    splits = ("dev", "train") if args.split == "both" else (args.split,)
    if not all((args.data / s / "text").is_dir() for s in splits):
        print(f"skipped: no PolNeAR {'/'.join(splits)} split under {args.data}")
        return 0
    if not scorer_path.is_file():
        print(f"skipped: no scorer at {scorer_path} (give --scorer)")
        return 0
    scorer = load_scorer(scorer_path)
    scorer.extract = extract_in_process
    if args.skip:
        scorer.glob = _Skipping(args.skip)
    if args.all_errors:
        scorer.random = SimpleNamespace(Random=_Everything)
    os.environ["ATTR_WORKERS"] = "1"  # one process, one model: articles run one after another
    warm_up()
    for split in splits:
        started = time.perf_counter()
        print(f"== {split}")
        run(scorer, args.data / split, args.limit, args.verbose or args.all_errors)
        print(f"   ({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
