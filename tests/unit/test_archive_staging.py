"""A large archive import never holds the workspace's write lock for long, and shows nothing until it is
complete: batches are committed invisibly and the last transaction makes the whole import visible."""

import os
import signal
import sqlite3
import subprocess
import sys
import threading

import pytest

from tests.cli.conftest import ROOT
from workbench.domain import Cancelled
from workbench.services import archive as service
from workbench.storage import archive_repository as repo
from workbench.storage import open_database

COLS = dict(id_column="id", text_column="text")


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "ws.factwb")
    yield database
    database.close()


def tsv(tmp_path, name, rows):
    path = tmp_path / name
    path.write_text("id\ttext\n" + "".join(f"{i}\t{t}\n" for i, t in rows), encoding="utf-8")
    return path


def other_writer(path) -> sqlite3.Connection:
    """Another process's connection that will not wait at all for the write lock."""
    return sqlite3.connect(path, timeout=0, isolation_level=None)


def test_other_writers_get_the_lock_between_batches_and_see_nothing_half_imported(db, tmp_path, monkeypatch):
    monkeypatch.setattr(service, "IMPORT_CHUNK", 10)
    service.run(service.import_archive(db, tsv(tmp_path, "first.tsv", [("old-1", "The dam holds 40 tonnes.")]),
                                       **COLS))
    rows = [(f"n{i}", f"Claim number {i} about the harbour budget of {i} million.") for i in range(95)]
    rows.append(("old-1", "The dam holds 45 tonnes."))  # a correction of a claim already archived
    gen = service.import_archive(db, tsv(tmp_path, "big.tsv", rows), **COLS)
    other = other_writer(tmp_path / "ws.factwb")
    steps = 0
    try:
        for progress in gen:
            if progress.done and progress.done < progress.total:
                steps += 1
                other.execute("BEGIN IMMEDIATE")  # raises "database is locked" if the import held the lock
                other.execute("INSERT INTO settings(key, value) VALUES ('probe', '1')"
                              " ON CONFLICT(key) DO UPDATE SET value = excluded.value")
                other.execute("COMMIT")
                assert other.execute("SELECT count(*) FROM archive_claims").fetchone()[0] > 1  # staged …
                assert repo.count(db) == 1  # … but not visible
                assert repo.by_external_id(db, "old-1").text == "The dam holds 40 tonnes."
                assert repo.by_external_id(db, "n0") is None
    except StopIteration:
        pass
    finally:
        other.close()
    assert steps >= 8
    assert repo.count(db) == 96
    assert repo.by_external_id(db, "old-1").text == "The dam holds 45 tonnes."
    assert repo.by_external_id(db, "n94").text.startswith("Claim number 94")
    assert [r[0] for r in repo.unfinished_imports(db)] == []


def test_cancel_midway_leaves_the_archive_as_it_was(db, tmp_path, monkeypatch):
    monkeypatch.setattr(service, "IMPORT_CHUNK", 10)
    service.run(service.import_archive(db, tsv(tmp_path, "a.tsv", [("k", "Kept claim about rivers.")]), **COLS))
    cancel = threading.Event()
    gen = service.import_archive(db, tsv(tmp_path, "b.tsv", [(f"x{i}", f"Text {i} on roads.") for i in range(50)]),
                                 **COLS, cancel=cancel)
    with pytest.raises(Cancelled):
        for progress in gen:
            if progress.done >= 20:
                cancel.set()
    assert repo.count(db) == 1
    assert db.execute("SELECT count(*) FROM archive_claims").fetchone()[0] == 1  # staged rows removed too
    assert db.execute("SELECT count(*) FROM archive_claims_fts").fetchone()[0] >= 1


KILLED_IMPORT = """
import sys
from workbench.services import archive as service
from workbench.storage import open_database
service.IMPORT_CHUNK = 50
db = open_database(sys.argv[1])
for p in service.import_archive(db, sys.argv[2], id_column="id", text_column="text"):
    if p.done >= 200:
        print("halfway", flush=True)
        sys.stdin.readline()
"""


def test_a_killed_import_shows_nothing_and_the_next_import_cleans_up(db, tmp_path):
    path = tmp_path / "ws.factwb"
    big = tsv(tmp_path, "big.tsv", [(f"b{i}", f"Bridge {i} cost {i} euros.") for i in range(1000)])
    proc = subprocess.Popen([sys.executable, "-c", KILLED_IMPORT, str(path), str(big)], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "halfway"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert repo.count(db) == 0
    assert repo.by_external_id(db, "b1") is None
    assert len(repo.unfinished_imports(db)) == 1
    service.run(service.import_archive(db, tsv(tmp_path, "small.tsv", [("s1", "Ships sailed in 2020.")]), **COLS))
    assert repo.count(db) == 1
    assert db.execute("SELECT count(*) FROM archive_claims").fetchone()[0] == 1
    assert repo.unfinished_imports(db) == []
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_duplicate_ids_in_one_file_keep_the_last_row(db, tmp_path):
    service.run(service.import_archive(db, tsv(tmp_path, "d.tsv", [("z", "First wording."), ("z", "Last wording.")]),
                                       **COLS))
    assert repo.count(db) == 1
    assert repo.by_external_id(db, "z").text == "Last wording."
