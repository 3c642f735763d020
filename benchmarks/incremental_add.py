"""What adding 5 articles costs on a small and on a larger store (issue 17's incremental goal:
on a store of 150, at most 1.5x the cost on a store of 5).

Real articles: wikiref220. The 5 added articles are the same in both runs; the stores are
built first with `pipeline.add` (not timed), then the add of the 5 is timed in this process
with the models already loaded (as a long-running service or the web app adds), three times
each on fresh copies of the store.

    .venv/bin/python benchmarks/incremental_add.py --sizes 5 150
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from storytrace import pipeline
from storytrace.store import Store

WIKIREF = Path(__file__).resolve().parents[2] / "shared" / "data" / "wikiref220" / "articles"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 150])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    files = sorted(WIKIREF.glob("*.txt"))
    added = files[1::40][:5]  # five articles spread over the topics
    pool = [f for f in files if f not in added]
    pipeline.brief(added[:1])  # load the models once, outside the timings
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for size in args.sizes:
            base = Path(tmp) / f"base-{size}.db"
            start = time.perf_counter()
            with Store(base) as store:
                pipeline.add(store, pool[:size])
            built = time.perf_counter() - start
            seconds = []
            for run in range(args.runs):
                copy = Path(tmp) / f"run-{size}-{run}.db"
                shutil.copy(base, copy)
                with Store(copy) as store:
                    start = time.perf_counter()
                    result = pipeline.add(store, added)
                    seconds.append(time.perf_counter() - start)
                    assert len(result.new) == 5
            results[size] = statistics.median(seconds)
            print(f"store of {size}: built in {built:.0f} s; adding 5 took {', '.join(f'{s:.1f}' for s in seconds)} s "
                  f"(median {results[size]:.1f} s)", flush=True)
        small = results[min(results)]
        for size, median in sorted(results.items()):
            print(f"| {size} | {median:.1f} | {median / small:.2f} |")


if __name__ == "__main__":
    main()
