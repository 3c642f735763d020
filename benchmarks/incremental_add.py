"""What adding 5 articles costs on a small and on a larger store (issue 17's incremental goal:
on a store of 150, at most 1.5x the cost on a store of 5), and how that grows with 1k, 5k
and 20k more stored articles.

Real articles: wikiref220. The 5 added articles are the same in every run; the stores are
built first with `pipeline.add` (not timed), then the add of the 5 is timed in this process
with the models already loaded (as a long-running service or the web app adds), three times
each on fresh copies of the store.

`--filler N ...`: the 150-article store plus N more stored articles, each in a story of its
own: wikiref texts stored again under new ids (no NLP: building 20,000 analysed articles
would take a day here), with random lead vectors, so none is near the 5 added articles and
none joins their stories. What they measure is what an add pays for the store's size
itself: the stories the new articles join are the same as on the 150-article store.

    .venv/bin/python benchmarks/incremental_add.py --sizes 5 150 --filler 1000 5000 20000
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from storytrace import pipeline
from storytrace.model import Story
from storytrace.store import Store

WIKIREF = Path(__file__).resolve().parents[2] / "shared" / "data" / "wikiref220" / "articles"


def timed_adds(base: Path, added: list[Path], runs: int, tmp: Path) -> list[float]:
    seconds = []
    for run in range(runs):
        copy = tmp / f"run-{run}.db"
        shutil.copy(base, copy)
        with Store(copy) as store:
            start = time.perf_counter()
            result = pipeline.add(store, added)
            seconds.append(time.perf_counter() - start)
            assert len(result.new) == 5
        copy.unlink()
    return seconds


def with_filler(base: Path, n: int, out: Path) -> None:
    """`base` plus n stored articles (copies of its own under new ids), each its own story."""
    shutil.copy(base, out)
    rng = np.random.default_rng(n)
    with Store(out) as store:
        originals = store.articles()
        for start in range(0, n, 1000):
            batch = [replace(originals[i % len(originals)], id=f"filler{i:07d}")
                     for i in range(start, min(start + 1000, n))]
            store.add_articles(batch)
            store.save_stories([Story(id=f"sfiller{a.id}", title=a.title or a.id, articles=[a.id]) for a in batch])
            vectors = rng.standard_normal((len(batch), 384))
            store.save_lead_vectors({a.id: v / np.linalg.norm(v) for a, v in zip(batch, vectors)})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 150])
    parser.add_argument("--filler", type=int, nargs="*", default=[])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    files = sorted(WIKIREF.glob("*.txt"))
    added = files[1::40][:5]  # five articles spread over the topics
    pool = [f for f in files if f not in added]
    pipeline.brief(added[:1])  # load the models once, outside the timings
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        results = {}
        for size in args.sizes:
            base = tmp / f"base-{size}.db"
            start = time.perf_counter()
            with Store(base) as store:
                pipeline.add(store, pool[:size])
            built = time.perf_counter() - start
            seconds = timed_adds(base, added, args.runs, tmp)
            results[str(size)] = statistics.median(seconds)
            print(f"store of {size}: built in {built:.0f} s; adding 5 took {', '.join(f'{s:.1f}' for s in seconds)} s "
                  f"(median {results[str(size)]:.1f} s)", flush=True)
        for n in args.filler:
            base = tmp / f"base-{max(args.sizes)}.db"
            big = tmp / f"filler-{n}.db"
            with_filler(base, n, big)
            seconds = timed_adds(big, added, args.runs, tmp)
            name = f"{max(args.sizes)} + {n}"
            results[name] = statistics.median(seconds)
            print(f"store of {name}: adding 5 took {', '.join(f'{s:.1f}' for s in seconds)} s "
                  f"(median {results[name]:.1f} s)", flush=True)
            big.unlink()
        small = results[str(min(args.sizes))]
        for name, median in results.items():
            print(f"| {name} | {median:.1f} | {median / small:.2f} |")


if __name__ == "__main__":
    main()
