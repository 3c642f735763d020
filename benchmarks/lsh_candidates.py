"""Near-duplicate candidate search: storytrace.minhash against datasketch 2.0.0, same corpus.

The corpus is built from the real articles shipped here (wikiref220, the extraction
benchmark's ground-truth bodies, the seeds): their sentences form a pool; each "base"
document is 8-16 pool sentences, and each base has one near-duplicate "variant"
(sentences shuffled, one or two dropped, words swapped by the spinner table of
`storytrace.evaluate.lineage`, small words dropped). The known duplicate pairs are
(base, variant); recall is the share of them both indexes return as candidates.

Both sides shingle lower-cased words into 3-word shingles, use 128 hash values and the
same banding (32 bands of 4 rows), and go from raw texts to candidate pairs:
datasketch with MinHash.bulk + MinHashLSH (insertion session, one query per text),
storytrace with `minhash.band_keys` + `minhash.candidate_pairs`.

Throughput is timed without tracing; peak memory is a second pass under tracemalloc
(numpy reports its buffers to it), the peak above what the texts already held.

    .venv/bin/python benchmarks/lsh_candidates.py            # 100,000 texts
    .venv/bin/python benchmarks/lsh_candidates.py --n 10000  # smaller
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
import tracemalloc
from pathlib import Path

import numpy as np

from storytrace import minhash, nlp
from storytrace.evaluate.lineage import DROPPED, SYNONYMS
from storytrace.pipeline import read_articles

SHARED = Path(__file__).resolve().parents[2] / "shared"
PARAMS = minhash.LSHParams(bands=32, rows=4, shingle=3)
WORD = re.compile(r"\w+")


def sentence_pool() -> list[str]:
    articles, _ = read_articles([SHARED / "seeds", SHARED / "data" / "wikiref220" / "articles"])
    texts = [a.text for a in articles]
    truth = json.loads((SHARED / "data" / "extraction-benchmark" / "ground-truth.json").read_text())
    texts += [t["articleBody"] for t in truth.values() if t.get("articleBody")]
    pool = sorted({s for t in texts for s in nlp.split_sentences(t) if len(s.split()) >= 6})
    return pool


def spin(sentence: str, rng: random.Random, rate: float) -> str:
    def swap(m: re.Match[str]) -> str:
        w = m.group(0)
        if rng.random() >= rate:
            return w
        if w.lower() in DROPPED:
            return ""
        return SYNONYMS.get(w.lower(), w)

    return re.sub(r"[A-Za-z]+", swap, sentence)


def corpus(n: int, seed: int = 0) -> tuple[list[str], list[tuple[int, int]]]:
    """n texts: n/2 bases and their variants, interleaved at random; the known pairs."""
    rng = random.Random(seed)
    pool = sentence_pool()
    texts: list[str] = []
    for _ in range(n // 2):
        base = [spin(s, rng, 0.1) for s in rng.sample(pool, rng.randint(8, 16))]
        variant = base[:]
        rng.shuffle(variant)
        for _ in range(rng.randint(1, 2)):
            variant.pop(rng.randrange(len(variant)))
        variant = [spin(s, rng, 0.15) for s in variant]
        texts += [" ".join(base), " ".join(variant)]
    order = list(range(len(texts)))
    rng.shuffle(order)
    where = {old: new for new, old in enumerate(order)}
    pairs = [tuple(sorted((where[2 * i], where[2 * i + 1]))) for i in range(len(texts) // 2)]
    return [texts[i] for i in order], pairs


def run_storytrace(texts: list[str]) -> set[tuple[int, int]]:
    keys = minhash.band_keys(texts, PARAMS)
    return set(map(tuple, minhash.candidate_pairs(keys).tolist()))


def run_datasketch(texts: list[str]) -> set[tuple[int, int]]:
    from datasketch import MinHash, MinHashLSH

    shingled = []
    for t in texts:
        w = WORD.findall(t.lower())
        shingled.append([" ".join(w[i : i + PARAMS.shingle]).encode() for i in range(max(len(w) - PARAMS.shingle + 1, 1))])
    signatures = MinHash.bulk(shingled, num_perm=PARAMS.num_perm)
    lsh = MinHashLSH(num_perm=PARAMS.num_perm, params=(PARAMS.bands, PARAMS.rows))
    with lsh.insertion_session() as session:
        for i, m in enumerate(signatures):
            session.insert(i, m)
    found = set()
    for i, m in enumerate(signatures):
        for j in lsh.query(m):
            if j != i:
                found.add((min(i, j), max(i, j)))
    return found


def measure(name: str, fn, texts: list[str], pairs: list[tuple[int, int]], mem_texts: list[str]) -> dict:
    start = time.perf_counter()
    found = fn(texts)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    fn(mem_texts)
    peak = tracemalloc.get_traced_memory()[1] - before
    tracemalloc.stop()
    return {
        "method": name,
        "texts": len(texts),
        "seconds": round(seconds, 1),
        "texts_per_s": round(len(texts) / seconds),
        "recall": round(sum(p in found for p in pairs) / len(pairs), 4),
        "candidates": len(found),
        "peak_bytes_per_text": round(peak / len(mem_texts)),
        "memory_texts": len(mem_texts),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="texts in the corpus")
    parser.add_argument("--mem-n", type=int, default=20_000, help="texts for the tracemalloc pass")
    parser.add_argument("--skip-datasketch", action="store_true")
    args = parser.parse_args()
    t0 = time.perf_counter()
    texts, pairs = corpus(args.n)
    print(f"corpus: {len(texts)} texts, {len(pairs)} known pairs, "
          f"{np.mean([len(t) for t in texts]):.0f} chars/text, built in {time.perf_counter() - t0:.0f}s", flush=True)
    mem = texts[: args.mem_n]
    rows = [measure("storytrace.minhash", run_storytrace, texts, pairs, mem)]
    print(json.dumps(rows[-1]), flush=True)
    if not args.skip_datasketch:
        rows.append(measure("datasketch 2.0.0", run_datasketch, texts, pairs, mem))
        print(json.dumps(rows[-1]), flush=True)
        speedup = rows[0]["texts_per_s"] / rows[1]["texts_per_s"]
        print(f"speed-up: {speedup:.1f}x", flush=True)


if __name__ == "__main__":
    main()
