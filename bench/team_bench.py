"""Team workspace on PostgreSQL: open a 100,000-claim workspace, verdict round trip, another window seeing it,
archive search over 100,000 claims, and N concurrent writers for a minute.

    uv run python bench/team_bench.py [postgresql://USER@HOST[:PORT]/DBNAME] [--claims 100000] [--writers 8]
                                      [--seconds 60] [--in-memory] [--clef DATA_DIR [--split dev]]

--clef measures archive search quality instead (CLEF-2020 claim retrieval, MAP@5 and recall@1): the server's
candidates with the shared ranking, side by side with the whole archive in memory; skips cleanly when the
data folder lacks it.

The database named must be empty (it is filled and left behind). Without a URL a throwaway server is started
with the test suite's helper (Debian's postgresql package; as root it runs as the postgres account). Prints
figures; never used by the tests.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from workbench.services import archive as archive_service  # noqa: E402
from workbench.services import articles as article_service  # noqa: E402
from workbench.services import claims as claims_service  # noqa: E402
from workbench.services import team  # noqa: E402
from workbench.services.workspace import init_workspace, open_workspace  # noqa: E402

WORDS = ("minister budget rose fell percent million billion treaty signed countries city buses fares tax vaccine "
         "election votes unemployment rate inflation border wall missile tests sanctions talks report study "
         "hospital schools police crime jobs wages exports imports coal emissions water energy housing").split()


# A newsroom-like vocabulary: a few common words and a long tail (Zipf), so full-text candidates are selective
# the way they are on real fact-checks rather than every row sharing every word.
TAIL = [f"{a}{b}{c}" for a in ("ka", "lo", "mi", "ne", "pu", "ra", "so", "ti", "vu", "ze")
        for b in ("bar", "cel", "dor", "fin", "gal", "hom", "jur", "kel", "mon", "nus")
        for c in ("ia", "on", "us", "er", "ix", "al", "um", "ot", "en", "ar")]
VOCABULARY = WORDS + TAIL
WEIGHTS = [1 / (rank + 1) for rank in range(len(VOCABULARY))]


def _sentence(rng: random.Random) -> str:
    words = list(dict.fromkeys(rng.choices(VOCABULARY, WEIGHTS, k=12)))[:9]
    while len(words) < 9:
        words.append(rng.choice(TAIL))
    return f"The {words[0]} {words[1]} {rng.randint(2, 99)} {' '.join(words[2:])} in {rng.randint(1990, 2024)}."


def fill(url: str, claims: int, per_article: int = 100) -> None:
    """Articles of `per_article` claims each, written with COPY (the claim engine is not what is measured)."""
    import psycopg

    rng = random.Random(7)
    articles = claims // per_article
    with psycopg.connect(url) as conn:
        with conn.cursor() as cur:
            cid = 0
            with cur.copy('COPY articles (id, title, authors, text, content_hash, imported_at) FROM STDIN') as cp:
                texts = {}
                for a in range(1, articles + 1):
                    sentences = [_sentence(rng) for _ in range(per_article)]
                    texts[a] = sentences
                    cp.write_row((a, f"Article {a}", "[]", " ".join(sentences), f"hash-{a}", "2026-01-01T00:00:00+00:00"))
            with cur.copy('COPY claims (id, article_id, start, "end", text, created_at, updated_at) FROM STDIN') as cp:
                for a, sentences in texts.items():
                    pos = 0
                    for s in sentences:
                        cid += 1
                        cp.write_row((cid, a, pos, pos + len(s), s, "2026-01-01", "2026-01-01"))
                        pos += len(s) + 1
            cur.execute("UPDATE id_counters SET last = %s WHERE entity = 'claims'", [cid])
            cur.execute("UPDATE id_counters SET last = %s WHERE entity = 'articles'", [articles])
            with cur.copy("COPY archive_claims (external_id, text, title) FROM STDIN") as cp:
                for i in range(claims):
                    cp.write_row((f"a{i}", _sentence(rng), f"Fact-check {i}"))
        conn.execute("ANALYZE")
    from workbench.storage import archive_repository

    db = open_workspace(url)
    with db.atomic():  # what an archive import does at its end
        archive_repository.recount_terms(db)
    db.close()


def _writer(url: str, seconds: float, ids: list[int], out) -> None:
    db = open_workspace(url)
    rng = random.Random()
    done = errors = 0
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        try:
            claims_service.update_claim(db, rng.choice(ids), rationale=f"note {rng.random()}")
            done += 1
        except Exception:  # noqa: BLE001 - counted and reported
            errors += 1
    db.close()
    out.put((done, errors))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url", nargs="?")
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clef", type=Path, metavar="DATA_DIR", help="archive search quality on CLEF-2020 instead")
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--in-memory", action="store_true",
                        help="also time archive search with the whole archive loaded in memory (slow to load)")
    args = parser.parse_args()
    server = None
    url = args.url
    if url is None:
        from tests import pg_server

        if pg_server.server_binaries() is None:
            print("skipped: no PostgreSQL server binaries (apt-get install postgresql) and no URL given")
            return
        server = pg_server.start_server()
        url = server.url(server.new_database())
    try:
        init_workspace(url, seed=False).close()
        if args.clef is not None:
            clef_quality(url, args.clef, args.split)
            return
        t = time.perf_counter()
        fill(url, args.claims)
        print(f"filled {args.claims:,} claims and {args.claims:,} archived claims in {time.perf_counter() - t:.1f} s")
        run(url, args)
    finally:
        if server is not None:
            from tests import pg_server

            pg_server.remove_server(server)


def run(url: str, args) -> None:
    # Open: what the window does before the first article is on screen.
    opens = []
    for _ in range(5):
        t = time.perf_counter()
        db = open_workspace(url)
        summaries = article_service.list_articles(db)
        claims = claims_service.list_claims(db, summaries[0].id)
        opens.append(time.perf_counter() - t)
        db.close()
    print(f"open {args.claims:,}-claim workspace + library + first article's claims: median "
          f"{statistics.median(opens) * 1000:.0f} ms (min {min(opens) * 1000:.0f}, max {max(opens) * 1000:.0f}; "
          f"{len(summaries)} articles, {len(claims)} claims shown)")

    db = open_workspace(url)
    other = open_workspace(url)
    watcher = team.watch(other)
    ids = [c.id for c in claims]
    trips, seen = [], []
    for n in range(200):
        t = time.perf_counter()
        claims_service.set_verdict(db, ids[n % len(ids)], ("true", "false", "mixed")[n % 3])  # always a change
        claims_service.get_claim(db, ids[n % len(ids)])
        trips.append(time.perf_counter() - t)
        changes = None
        while changes is None and time.perf_counter() - t < 5:
            changes = watcher.changes(timeout=0.002)
        seen.append(time.perf_counter() - t if changes is not None else float("inf"))
    print(f"verdict round trip (set + read back): median {statistics.median(trips) * 1000:.1f} ms, "
          f"p95 {sorted(trips)[int(len(trips) * 0.95)] * 1000:.1f} ms")
    print(f"another connection notified: median {statistics.median(seen) * 1000:.1f} ms, max {max(seen) * 1000:.1f} ms "
          "(the window reads its feed every 500 ms: on screen within ~0.5 s)")
    watcher.close()
    other.close()

    rng = random.Random(3)
    queries = [_sentence(rng) for _ in range(200)]
    server = archive_service.load_index(db)  # a team workspace: the server's candidates, nothing loaded
    times, first = [], []
    for n, q in enumerate(queries):
        t = time.perf_counter()
        archive_service.search(db, q, top=5, index=server if n >= 20 else archive_service.load_index(db))
        (times if n >= 20 else first).append(time.perf_counter() - t)
    print(f"archive search over {archive_service.archive_size(db):,} claims (server tsvector/GIN candidates + shared "
          f"ranking of {archive_service.SERVER_CANDIDATES}): median {statistics.median(times) * 1000:.1f} ms, "
          f"p95 {sorted(times)[int(len(times) * 0.95)] * 1000:.1f} ms; a window's first search "
          f"{statistics.median(first) * 1000:.1f} ms")
    if args.in_memory:
        from workbench.matching.archive_index import ArchiveIndex
        from workbench.storage import archive_repository

        t = time.perf_counter()
        index = ArchiveIndex.build(archive_repository.iter_texts(db))
        load = time.perf_counter() - t
        memory = []
        for q in queries[20:]:
            t = time.perf_counter()
            archive_service.search(db, q, top=5, index=index)
            memory.append(time.perf_counter() - t)
        print(f"  the same with the whole archive in memory (the file's way): median "
              f"{statistics.median(memory) * 1000:.1f} ms after loading it in {load:.1f} s")
    db.close()

    out: mp.Queue = mp.Queue()
    writers = [mp.Process(target=_writer, args=(url, args.seconds, ids, out)) for _ in range(args.writers)]
    t = time.perf_counter()
    for w in writers:
        w.start()
    results = [out.get() for _ in writers]
    for w in writers:
        w.join()
    elapsed = time.perf_counter() - t
    done, errors = sum(r[0] for r in results), sum(r[1] for r in results)
    print(f"{args.writers} concurrent writers for {args.seconds:.0f} s: {done:,} edits, {errors} errors, "
          f"{done / elapsed:.0f} edits/s")
    check = open_workspace(url)
    from workbench.storage import history

    recorded = sum(1 for e in history.entries(check, "claim") if e.action == "update")
    check.close()
    print(f"history rows for claim updates: {recorded:,} (verdict trips 200 + writers {done:,})")


def clef_quality(url: str, data: Path, split: str) -> None:
    """MAP@5 / recall@1 of archive search on CLEF-2020: server candidates + shared ranking vs all in memory."""
    import psycopg

    from archive_bench import evaluate, load_clef  # noqa: PLC0415 - the archive bench's loader and scorer
    from workbench.matching.archive_index import ArchiveIndex
    from workbench.storage import archive_repository

    clef = load_clef(data, split)
    if clef is None:
        print(f"skipped: no CLEF-2020 claim retrieval data ({split}) under {data}")
        return
    vclaims, queries, qrels = clef
    with psycopg.connect(url) as conn, conn.cursor().copy(
            "COPY archive_claims (external_id, text, title) FROM STDIN") as copy:
        for doc_id, text, title in vclaims:
            copy.write_row((str(doc_id), text, title))
    db = open_workspace(url)
    with db.atomic():
        archive_repository.recount_terms(db)
    external = {row_id: int(ext) for row_id, ext in db.execute("SELECT id, external_id FROM archive_claims")}
    memory = ArchiveIndex.build(vclaims)
    first: list[float] = []
    for _, text in queries:  # the server's first reads of freshly copied rows are slow (hint bits, autovacuum)
        t = time.perf_counter()
        archive_service.load_index(db).search(db, text, 5)
        first.append(time.perf_counter() - t)
    server = archive_service.load_index(db)  # what a window keeps: rows it has analysed are not analysed again
    times: list[float] = []

    def on_server(text: str) -> list[int]:
        t = time.perf_counter()
        found = [external[d] for d, _ in server.search(db, text, 5)]
        times.append(time.perf_counter() - t)
        return found

    for label, rank in (("whole archive in memory", lambda text: [d for d, _ in memory.search(text, 5)]),
                        (f"server candidates ({archive_service.SERVER_CANDIDATES}) + shared ranking", on_server)):
        scores = evaluate(rank, queries, qrels)
        print(f"CLEF-2020 {split}, {label}: MAP@5 {scores['MAP@5']:.3f}, recall@1 {scores['recall@1']:.3f}, "
              f"recall@5 {scores['recall@5']:.3f} ({scores['queries']} queries)")
    print(f"  server search over {len(vclaims):,} claims: median {statistics.median(times) * 1000:.1f} ms, the first "
          f"pass over freshly copied rows {statistics.median(first) * 1000:.1f} ms")
    db.close()


if __name__ == "__main__":
    main()
