"""Sentence vectors are stored with the workspace: a second import encodes only its own claims."""

from workbench.matching import minilm, semantic
from workbench.services.articles import import_pasted
from workbench.services.draining import drain
from workbench.storage import vectors as vector_repo
from tests.conftest import BOTH_BACKENDS

BACKENDS = BOTH_BACKENDS  # a file and a team workspace keep vectors alike

FIRST = ("Coal output falls\n\nCoal generation slid 18 percent last year, the agency said. "
         "The largest decline in coal generation in recorded history came as gas grew.")
SECOND = ("Emissions drop\n\nThe U.S. is burning less coal, analysts said. "
          "Total emissions fell 2 percent compared with the year before.")


def test_second_import_encodes_only_the_new_claims(empty_db, monkeypatch):
    encoded: list[str] = []
    original = minilm.MiniLM.encode

    def counting(self, texts):
        encoded.extend(texts)
        return original(self, texts)

    monkeypatch.setattr(minilm.MiniLM, "encode", counting)
    semantic.clear_cache()
    drain(import_pasted(empty_db, FIRST))
    first_texts = list(encoded)
    assert first_texts
    stored = vector_repo.load(empty_db, first_texts, semantic.model_id())
    assert set(stored) == set(first_texts) and all(len(v) == 384 * 4 for v in stored.values())
    semantic.clear_cache()  # a new session (or a new command-line run)
    encoded.clear()
    drain(import_pasted(empty_db, SECOND))
    assert encoded and not set(encoded) & set(first_texts)


def test_a_stored_vector_is_the_encoded_one(empty_db):
    text = "Coal generation slid 18 percent"
    vector = semantic.embed([text])[0]
    vector_repo.save(empty_db, {text: semantic.pack(vector)}, semantic.model_id())
    semantic.clear_cache()
    semantic.prime(vector_repo.load(empty_db, [text], semantic.model_id()))
    assert (semantic.known([text])[text] == vector).all()
    assert vector_repo.load(empty_db, [text], "another-model@0") == {}
