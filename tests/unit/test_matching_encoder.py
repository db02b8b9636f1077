"""The bundled sentence encoder: the published weights, the reference tokenizer's ids, the reference vectors."""

import shutil

import numpy as np
import pytest

from workbench.matching import semantic
from workbench.matching.minilm import WEIGHTS_SHA256, ChecksumError, MiniLM, sha256_of
from workbench.matching.wordpiece import WordPiece

MODEL = semantic.model_dir()


def test_bundled_weights_are_the_published_release():
    assert sha256_of(MODEL / "model.safetensors") == WEIGHTS_SHA256


@pytest.mark.parametrize("text, ids", [
    # ids from the reference (Rust) tokenizer of the release's tokenizer.json
    ("Café Zürich — naïve résumé, 3.5% of $1,000!!",
     [101, 7668, 10204, 1517, 15743, 13746, 1010, 1017, 1012, 1019, 1003, 1997, 1002, 1015, 1010, 2199, 999, 999, 102]),
    ("北京 is big; U.S.-led talks", [101, 1781, 1755, 2003, 2502, 1025, 1057, 1012, 1055, 1012, 1011, 2419, 7566, 102]),
    ("emoji 😀 test\u200b zero", [101, 7861, 29147, 2072, 100, 3231, 5717, 102]),
    ("Choe Hon Sui's “quoted” words…", [101, 16480, 2063, 10189, 24086, 1005, 1055, 1523, 9339, 1524, 2616, 1529, 102]),
    ("x" * 120, [101, 100, 102]),
    ("", [101, 102]),
])
def test_wordpiece_gives_the_reference_ids(text, ids):
    assert WordPiece(MODEL / "vocab.txt").encode(text, 256) == ids


def test_long_text_is_cut_to_the_model_length():
    ids = WordPiece(MODEL / "vocab.txt").encode("coal " * 400, 256)
    assert len(ids) == 256 and ids[0] == 101 and ids[-1] == 102


def test_vectors_match_the_reference_similarities():
    # sentence-transformers' own example for this model: 0.6660, 0.1046, 0.1411
    vectors = semantic.embed(["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."])
    sims = vectors @ vectors.T
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert sims[0, 1] == pytest.approx(0.6660, abs=2e-3)
    assert sims[0, 2] == pytest.approx(0.1046, abs=2e-3)
    assert sims[1, 2] == pytest.approx(0.1411, abs=2e-3)


def test_a_restatement_is_closer_than_a_different_fact():
    v = semantic.embed(["The U.S. is burning less coal", "coal generation slid 18 percent",
                        "The telescope opens to astronomers worldwide"])
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2


def test_batches_and_single_texts_agree():
    texts = ["short", "a much longer sentence about the price of coal in 2019", "mid length text here"]
    together = semantic.embed(texts)
    semantic.clear_cache()
    alone = np.vstack([semantic.embed([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-5)


def test_altered_weights_are_refused(tmp_path):
    shutil.copy(MODEL / "vocab.txt", tmp_path / "vocab.txt")
    data = bytearray((MODEL / "model.safetensors").read_bytes())
    data[-1] ^= 0xFF
    (tmp_path / "model.safetensors").write_bytes(bytes(data))
    with pytest.raises(ChecksumError, match="published"):
        MiniLM(tmp_path)
