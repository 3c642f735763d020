"""Near-duplicate candidates: a vectorised MinHash (one-permutation hashing) with LSH banding.

Hand-written because datasketch, the usual library, tokenises, hashes every shingle and
updates every signature one document at a time in Python. Here a block of thousands of
texts goes through numpy in one pass, from bytes to band keys:

- words: runs of ASCII letters/digits or non-ASCII letters (UTF-8 punctuation such as
  curly quotes and dashes separates words), lower-cased, each hashed by a polynomial
  over its bytes (the same word always gets the same hash, in any run);
- shingles: k consecutive words, combined and mixed to 64 bits;
- signature: one-permutation hashing (Li, Owen & Zhang 2012): a shingle's hash picks
  one of `num_perm` bins and the bin keeps its smallest value, so each shingle is
  touched once instead of once per permutation; empty bins borrow the next filled bin
  to their right (rotation densification, Shrivastava & Li 2014) so that two texts
  with the same shingles always agree and a bin agrees with probability ~Jaccard;
- bands: the rows of a band fold into one uint64 key; two texts are candidates when
  they share a key in any band (found by sorting each band's keys). Only the keys
  are kept (8 bytes per band per text), never the signatures.

`benchmarks/lsh_candidates.py` compares it with datasketch on the same corpus.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

EMPTY = np.uint32(0xFFFFFFFF)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True)
class LSHParams:
    """How texts are shingled and banded; bands * rows signature bins in all."""

    bands: int = 32
    rows: int = 4
    shingle: int = 3
    seed: int = 1

    @property
    def num_perm(self) -> int:
        return self.bands * self.rows

    @property
    def threshold(self) -> float:
        """The Jaccard similarity at which a pair becomes a candidate with probability ~1/2."""
        return (1.0 / self.bands) ** (1.0 / self.rows)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads combined hashes over all 64 bits."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint64(30))
        x = x * np.uint64(0xBF58476D1CE4E5B9)
        x = x ^ (x >> np.uint64(27))
        x = x * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


_WORD_BYTE = np.zeros(256, dtype=bool)
_WORD_BYTE[ord("a") : ord("z") + 1] = True
_WORD_BYTE[ord("0") : ord("9") + 1] = True
_WORD_BYTE[0x80:] = True
# BASE**j mod 2**64; bytes past the 64th of a word share the last power
_POWERS = np.array([pow(0x100000001B3, j, 2**64) for j in range(64)], dtype=np.uint64)


def word_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of the words of all texts, in order, and how many words each text has.

    A word's hash is mix(sum(byte_j * BASE**j) mod 2**64), j the byte's place in the
    word: one segment sum per word over all texts at once.
    """
    encoded = [t.lower().encode("utf-8") for t in texts]
    data = np.frombuffer(b"\n".join(encoded), dtype=np.uint8)
    is_word = _WORD_BYTE[data]
    # U+2000..U+206F (E2 80 xx, E2 81 xx: dashes, curly quotes, ellipsis) separate words
    punct = np.flatnonzero((data[:-2] == 0xE2) & ((data[1:-1] == 0x80) | (data[1:-1] == 0x81)))
    for shift in range(3):
        is_word[punct + shift] = False
    word_bytes = np.flatnonzero(is_word)
    if len(word_bytes) == 0:
        return np.zeros(0, dtype=np.uint64), np.zeros(len(texts), dtype=np.int64)
    # a word starts where a word byte does not follow the previous word byte
    first = np.ones(len(word_bytes), dtype=bool)
    first[1:] = word_bytes[1:] != word_bytes[:-1] + 1
    first_at = np.flatnonzero(first)
    m = len(word_bytes)
    rel = np.arange(m) - np.repeat(first_at, np.diff(first_at, append=m))
    with np.errstate(over="ignore"):
        contrib = (data[word_bytes] + np.uint64(1)) * _POWERS[np.minimum(rel, len(_POWERS) - 1)]
        hashes = _mix(np.add.reduceat(contrib, first_at))
    text_starts = np.cumsum([0] + [len(e) + 1 for e in encoded[:-1]])
    text_of = np.searchsorted(text_starts, word_bytes[first_at], side="right") - 1
    return hashes, np.bincount(text_of, minlength=len(texts)).astype(np.int64)


def shingles(texts: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of the k-word shingles of all texts and the text each belongs to.

    A text of fewer than k words has one shingle made of all its words (or of none).
    """
    words, counts = word_hashes(texts)
    text_of_word = np.repeat(np.arange(len(texts)), counts)
    first_word = np.concatenate(([0], np.cumsum(counts)[:-1]))
    windows = max(len(words) - k + 1, 0)
    with np.errstate(over="ignore"):
        combined = words[:windows].copy()
        for i in range(1, k):
            combined = combined * _GOLDEN + words[i : windows + i]
    position = np.arange(windows) - first_word[text_of_word[:windows]]
    valid = position <= (counts[text_of_word[:windows]] - k)
    short = np.flatnonzero(counts < k)
    short_hash = np.zeros(len(short), dtype=np.uint64)
    for p in range(k - 1):
        has = counts[short] > p
        with np.errstate(over="ignore"):
            short_hash[has] = short_hash[has] * _GOLDEN + words[first_word[short[has]] + p]
    hashes = np.concatenate((combined[valid], short_hash))
    owner = np.concatenate((text_of_word[:windows][valid], short))
    return _mix(hashes), owner


def signatures(texts: Sequence[str], params: LSHParams) -> np.ndarray:
    """(len(texts), num_perm) uint32 one-permutation MinHash signatures, densified."""
    n, bins = len(texts), params.num_perm
    h, owner = shingles(texts, params.shingle)
    with np.errstate(over="ignore"):
        h = _mix(h ^ np.uint64(params.seed) * _GOLDEN)
    sig = np.full(n * bins, EMPTY, dtype=np.uint32)
    np.minimum.at(sig, owner * bins + ((h >> np.uint64(32)) % np.uint64(bins)).astype(np.int64),
                  (h & np.uint64(0xFFFFFFFF)).astype(np.uint32))
    return _densify(sig.reshape(n, bins), params.seed)


def _densify(sig: np.ndarray, seed: int) -> np.ndarray:
    """Fill each empty bin from a filled one chosen by a fixed hash sequence of (bin, attempt).

    "Optimal densification" (Shrivastava 2017): every text probes the same donor bins in
    the same order, so two texts agree on a filled-in bin with probability ~ Jaccard and,
    unlike copying a neighbour, the filled-in bins of a band are not copies of one value.
    After 64 probes a still-empty bin (a text of very few shingles) takes the first filled bin.
    """
    bins = sig.shape[1]
    out = sig.copy()
    rows = np.flatnonzero((sig == EMPTY).any(axis=1))
    part = sig[rows]
    filled = part != EMPTY
    empty = ~filled
    column = np.arange(bins, dtype=np.uint64)
    for attempt in range(64):
        if not empty.any():
            break
        with np.errstate(over="ignore"):
            donor = (_mix(column * _GOLDEN + np.uint64(attempt * 0x10001 + seed)) % np.uint64(bins)).astype(np.int64)
        take = empty & filled[:, donor]
        out[rows] = np.where(take, part[:, donor], out[rows])
        empty &= ~take
    first = part[np.arange(len(rows)), filled.argmax(axis=1)]
    out[rows] = np.where(empty, first[:, None], out[rows])
    return out


def band_keys(texts: Sequence[str], params: LSHParams = LSHParams(), block: int = 200) -> np.ndarray:
    """One uint64 key per (text, band), computed `block` texts at a time to bound memory."""
    rng = np.random.default_rng(params.seed)
    fold = rng.integers(0, 2**63, size=params.rows, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    keys = np.empty((len(texts), params.bands), dtype=np.uint64)
    for start in range(0, len(texts), block):
        sig = signatures(texts[start : start + block], params).astype(np.uint64)
        sig = sig.reshape(-1, params.bands, params.rows)
        with np.errstate(over="ignore"):
            keys[start : start + block] = _mix((sig * fold).sum(axis=2, dtype=np.uint64))
    return keys


def candidate_pairs(keys: np.ndarray, max_bucket: int | None = None) -> np.ndarray:
    """Index pairs (i < j), sorted and unique, that share a key in at least one band.

    A bucket holding more than `max_bucket` items is skipped: for sentences that is
    boilerplate every page repeats, which says nothing about who copied whom.
    """
    n = keys.shape[0]
    found = []
    for band in range(keys.shape[1]):
        column = keys[:, band]
        order = np.argsort(column, kind="stable")
        ranked = column[order]
        starts = np.flatnonzero(np.concatenate(([True], ranked[1:] != ranked[:-1])))
        run_sizes = np.diff(np.concatenate((starts, [n])))
        run_of = np.repeat(np.arange(len(starts)), run_sizes)
        size_of = run_sizes[run_of]
        keep = size_of > 1
        if max_bucket is not None:
            keep &= size_of <= max_bucket
        biggest = int(size_of[keep].max()) if keep.any() else 1
        for d in range(1, biggest):
            same = (run_of[:-d] == run_of[d:]) & keep[:-d]
            i, j = order[:-d][same], order[d:][same]
            found.append(np.minimum(i, j).astype(np.int64) * n + np.maximum(i, j))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    codes = np.unique(np.concatenate(found))
    return np.stack((codes // n, codes % n), axis=1)
