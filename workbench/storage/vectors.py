"""Sentence vectors of claim texts, stored so a later import does not encode the whole workspace again.

Keyed by the SHA-1 of the text and the model, not by claim: an edited claim simply has a new key, and two
claims with the same words share one row. Rows are never updated; a vector nobody uses any more is a few
kilobytes of harmless cache.
"""

import hashlib
from collections.abc import Iterable

import sqlite_utils

from workbench.storage.dialect import executemany

_CHUNK = 500  # keys per query (SQLite's variable limit is far higher; this keeps statements small)


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def load(db: sqlite_utils.Database, texts: Iterable[str], model: str) -> dict[str, bytes]:
    """The stored vectors of these texts: text -> packed vector."""
    by_key = {text_key(t): t for t in texts}
    keys = list(by_key)
    out: dict[str, bytes] = {}
    for s in range(0, len(keys), _CHUNK):
        chunk = keys[s:s + _CHUNK]
        marks = ",".join("?" * len(chunk))
        for key, vector in db.execute(
                f"SELECT text_hash, vector FROM text_vectors WHERE model = ? AND text_hash IN ({marks})",
                [model, *chunk]).fetchall():
            out[by_key[key]] = bytes(vector)  # PostgreSQL gives a memoryview
    return out


def save(db: sqlite_utils.Database, vectors: dict[str, bytes], model: str) -> int:
    """Store packed vectors of texts (kept when already there). Returns how many rows were new."""
    before = db.execute("SELECT count(*) FROM text_vectors").fetchone()[0]
    executemany(db, "INSERT INTO text_vectors(text_hash, model, vector) VALUES (?, ?, ?)"
                    " ON CONFLICT(text_hash, model) DO NOTHING",
                    [(text_key(t), model, v) for t, v in vectors.items()])
    return db.execute("SELECT count(*) FROM text_vectors").fetchone()[0] - before
