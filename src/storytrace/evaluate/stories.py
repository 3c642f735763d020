"""Story grouping scored against labels.

- wikiref220: B-cubed precision, recall and F1 against its topic labels. Topics are
  broader than events (a season of Premier League matches, years of Michelle Obama
  news), so event-level stories are meant to split them: precision is the number that
  must stay high; how many stories each topic became is reported too.
- seeds-in-mix: the five seed articles (one event) mixed with the 91 extraction-benchmark
  pages and the 220 wikiref articles must come out as exactly one story, alone.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from .. import lineage, stories
from ..model import Article
from ..pipeline import read_articles


def bcubed(clusters: list[list[str]], labels: dict[str, str]) -> dict[str, float]:
    """B-cubed precision/recall/F1 (Bagga & Baldwin 1998) over the labelled items."""
    cluster_of = {a: i for i, c in enumerate(clusters) for a in c if a in labels}
    by_label = Counter(labels[a] for a in cluster_of)
    in_cluster = Counter((cluster_of[a], labels[a]) for a in cluster_of)
    size = Counter(cluster_of.values())
    items = list(cluster_of)
    precision = sum(in_cluster[cluster_of[a], labels[a]] / size[cluster_of[a]] for a in items) / len(items)
    recall = sum(in_cluster[cluster_of[a], labels[a]] / by_label[labels[a]] for a in items) / len(items)
    return {"precision": precision, "recall": recall, "f1": 2 * precision * recall / (precision + recall)}


def group(articles: list[Article]) -> list[list[str]]:
    return [s.articles for s in stories.group_stories(articles, lineage.find_lineage(articles))]


def wikiref(data_dir: Path) -> tuple[list[Article], dict[str, str]]:
    """The wikiref220 articles and their topic, keyed by article id."""
    folder = data_dir / "wikiref220"
    by_file = json.loads((folder / "labels.json").read_text())
    articles, _ = read_articles([folder / "articles"])
    return articles, {a.id: by_file[Path(a.source).name] for a in articles}


def evaluate(data_dir: Path) -> dict[str, dict[str, float]]:
    data_dir = Path(data_dir)
    articles, labels = wikiref(data_dir)
    clusters = group(articles)
    topics = {
        t: float(len({i for i, c in enumerate(clusters) for a in c if labels[a] == t}))
        for t in sorted(set(labels.values()))
    }
    seeds, _ = read_articles([data_dir.parent / "seeds"])
    pages, _ = read_articles([data_dir / "extraction-benchmark" / "html"])
    seed_ids = {a.id for a in seeds}
    holding = [c for c in group(seeds + pages + articles) if seed_ids & set(c)]
    return {
        "wikiref220": bcubed(clusters, labels),
        "wikiref220-stories-per-topic": topics,
        "seeds-in-mix": {
            "stories_holding_seeds": float(len(holding)),
            "seeds_purity": len(seed_ids) / sum(len(c) for c in holding),
            "seeds_recall": max(len(seed_ids & set(c)) for c in holding) / len(seed_ids),
        },
    }
