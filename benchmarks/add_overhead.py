"""`storytrace add` per article against the sum of its unavoidable parts (issue 17's goal:
at most 1.5x), measured side by side in one run on the same articles.

The unavoidable parts, as the issue names them: reading the files; one spaCy
`en_core_web_sm` pass over all texts; MiniLM over all sentences; lineage; story grouping.
Then `pipeline.add` of the same files into an empty store (models already loaded for
both, so that neither pays for loading them).

    .venv/bin/python benchmarks/add_overhead.py [FOLDER]   # default: wikiref220's articles
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from storytrace import lineage, nlp, pipeline, stories
from storytrace.store import Store

WIKIREF = Path(__file__).resolve().parents[2] / "shared" / "data" / "wikiref220" / "articles"


def timed(what: str, parts: dict[str, float], work):
    start = time.perf_counter()
    result = work()
    parts[what] = time.perf_counter() - start
    print(f"{what}: {parts[what]:.1f} s", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=WIKIREF)
    args = parser.parse_args()
    pipeline.brief(sorted(args.folder.glob("*"))[:1])  # load the models once, outside the timings
    parts: dict[str, float] = {}
    articles, _ = timed("reading", parts, lambda: pipeline.read_articles([args.folder]))
    timed("one spaCy pass over all texts", parts,
          lambda: [None for _ in nlp.spacy_model().pipe((p for a in articles for p in a.paragraphs()), batch_size=64)])
    sentences = [s for a in articles for s in nlp.split_sentences(a.text)]
    timed(f"MiniLM over all {len(sentences)} sentences", parts, lambda: nlp.embed(sentences))
    edges = timed("lineage", parts, lambda: lineage.find_lineage(articles))
    timed("story grouping", parts, lambda: stories.group_stories(articles, edges))
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "add.db") as store:
        start = time.perf_counter()
        pipeline.add(store, [args.folder])
        added = time.perf_counter() - start
    floor = sum(parts.values())
    print(f"\n{len(articles)} articles: unavoidable parts {floor:.1f} s ({floor / len(articles):.2f} s/article); "
          f"add {added:.1f} s ({added / len(articles):.2f} s/article); ratio {added / floor:.2f}")


if __name__ == "__main__":
    main()
