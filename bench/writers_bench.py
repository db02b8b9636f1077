"""Several writers on one workspace: throughput and failures of 4 processes at once, and how long a verdict
edit waits for the write lock while another process imports a large archive.

    uv run python bench/writers_bench.py [--ops 200] [--archive-rows 1000000]

Prints figures; never used by the tests (tests/cli/test_concurrent_workspace.py checks the behaviour).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEED = ROOT / "seeds"


def _seeded(folder: Path) -> Path:
    from workbench.services.workspace import open_workspace

    path = folder / "bench.factwb"
    open_workspace(path).close()  # with the seed article
    return path


def concurrent(path: Path, ops: int) -> None:
    start = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-m", "tests.cli.workspace_worker", "mix", str(path), str(ops),
                               str(seed)], cwd=ROOT, stdout=subprocess.PIPE, text=True) for seed in range(1, 5)]
    results = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
    took = time.perf_counter() - start
    failures = sum(len(r["failures"]) for r in results)
    print(f"4 processes x {ops} operations (imports, verdicts, evidence): {4 * ops / took:.0f} ops/s overall "
          f"({took:.1f} s incl. process start and model load), failures {failures}")


def verdict_waits_during_archive_import(path: Path, rows: int) -> None:
    from workbench.services import claims

    from workbench.services.workspace import open_workspace

    archive = path.parent / "archive.tsv"
    with archive.open("w", encoding="utf-8") as fh:
        fh.write("id\ttext\n")
        for i in range(rows):
            fh.write(f"c{i}\tThe harbour authority of town {i} spent {i * 7} euros on dredging in {1990 + i % 30}.\n")
    db = open_workspace(path)
    claim_id = db.execute("SELECT min(id) FROM claims").fetchone()[0]
    importer = subprocess.Popen([sys.executable, "-m", "workbench", "--db", str(path), "archive", "import",
                                 str(archive), "--id-column", "id", "--text-column", "text"], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    waits: list[float] = []
    start = time.perf_counter()
    n = 0
    while importer.poll() is None:
        t = time.perf_counter()
        claims.set_verdict(db, claim_id, ("true", "false")[n % 2], f"edit {n}")
        waits.append(time.perf_counter() - t)
        n += 1
        time.sleep(0.05)
    took = time.perf_counter() - start
    ok = importer.returncode == 0
    print(f"archive import of {rows:,} rows from a terminal: {took:.1f} s ({'ok' if ok else importer.stderr.read()}); "
          f"{len(waits)} verdict edits meanwhile, wait median {statistics.median(waits) * 1000:.1f} ms, "
          f"longest {max(waits) * 1000:.0f} ms, none failed")
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ops", type=int, default=200)
    parser.add_argument("--archive-rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = _seeded(Path(tmp))
        concurrent(path, args.ops)
        verdict_waits_during_archive_import(path, args.archive_rows)


if __name__ == "__main__":
    main()
