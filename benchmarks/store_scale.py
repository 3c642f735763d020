"""The story list and search on a large store (issue 17's goal: < 200 ms at 100,000 articles).

Builds a store of N articles from real texts (the seeds, wikiref220 and the extraction
benchmark's ground-truth bodies, reused with new ids and spread over 400 days of publication
dates) grouped two to five a story, without NLP: the list and search read only the store's
indexes and summary columns, which an add writes the same way. Then times, each over 20 runs
(median and worst): the first page of the story list, a one-word and a two-word search, a date
range, and a search with a date range, through `Store.story_list` and through the web API.

    .venv/bin/python benchmarks/store_scale.py --articles 100000
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from storytrace.model import Article, Story
from storytrace.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"


def texts() -> list[tuple[str, str]]:
    out = []
    for path in sorted((SHARED / "seeds").glob("0*.txt")) + sorted((SHARED / "data" / "wikiref220" / "articles").glob("*.txt")):
        lines = path.read_bytes().decode("utf-8", errors="replace").replace("\r", "").strip().split("\n")
        out.append((lines[0], "\n\n".join(l for l in lines[1:] if l.strip())))
    truth = json.loads((SHARED / "data" / "extraction-benchmark" / "ground-truth.json").read_text(encoding="utf-8"))
    out += [(body.split("\n")[0][:100], body) for body in (v["articleBody"] for v in truth.values()) if body]
    return out


def build(db: Path, n: int) -> float:
    rng = random.Random(17)
    pool = texts()
    start = time.perf_counter()
    with Store(db) as store:
        made = 0
        while made < n:
            batch_articles, batch_stories = [], []
            for _ in range(1000):
                size = min(rng.randint(2, 5), n - made)
                if size <= 0:
                    break
                day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                members = []
                for _ in range(size):
                    title, text = rng.choice(pool)
                    a = Article(id=f"a{made:07d}", source=f"bench-{made}.txt", title=title, text=text, published=day)
                    members.append(a)
                    made += 1
                batch_articles += members
                batch_stories.append(Story(id=f"s{made:07d}", title=members[0].title or "untitled",
                                           articles=[a.id for a in members]))
            with store.transaction():
                store.add_articles(batch_articles)
                store.save_stories(batch_stories)
    return time.perf_counter() - start


def timed(fn, runs: int = 20) -> tuple[float, float]:
    fn()  # warm the page cache once
    seconds = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - t)
    return statistics.median(seconds) * 1000, max(seconds) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    args = parser.parse_args()
    from fastapi.testclient import TestClient

    from storytrace.web.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "big.db"
        built = build(db, args.articles)
        size = sum(p.stat().st_size for p in Path(tmp).iterdir()) / 2**20
        with Store(db) as store:
            print(f"store: {store.article_count()} articles, {store.story_count()} stories, {size:.0f} MB, built in {built:.0f} s")
            cases = {
                "list, first page (50)": lambda: store.story_list(limit=50),
                "search 'minerals'": lambda: store.story_list(["minerals"], limit=50),
                "search 'zelensky bessent'": lambda: store.story_list(["zelensky", "bessent"], limit=50),
                "search 'the' (in every article)": lambda: store.story_list(["the"], limit=50),
                "dates 2024-03-01..2024-03-07": lambda: store.story_list(since="2024-03-01", until="2024-03-07", limit=50),
                "search 'earthquake' + dates": lambda: store.story_list(["earthquake"], "2024-01-01", "2024-06-30", limit=50),
            }
            print("| query | median ms | worst of 20, ms | matching |")
            print("|---|---:|---:|---:|")
            for name, fn in cases.items():
                med, worst = timed(fn)
                print(f"| {name} | {med:.1f} | {worst:.1f} | {fn()[1]} |")
        with TestClient(create_app(db)) as client:
            for name, params in {"web: GET /api/stories": {}, "web: GET /api/stories?q=minerals": {"q": "minerals"},
                                 "web: GET / (the page)": None}.items():
                url = "/" if params is None else "/api/stories"
                med, worst = timed(lambda: client.get(url, params=params or {}))
                print(f"| {name} | {med:.1f} | {worst:.1f} | |")


if __name__ == "__main__":
    main()
