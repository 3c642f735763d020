"""Story grouping scored against labels.

- wikiref220: B-cubed precision, recall and F1 against its topic labels. Topics are
  broader than events (a season of Premier League matches, years of Michelle Obama
  news), so event-level stories are meant to split them: precision is the number that
  must stay high; how many stories each topic became is reported too.
- wikiref220 events: the same grouping against event labels read for the five large topics
  (evaluate/labels/events_labelled.json: an event is one happening and the reports of it;
  articles that report none are not scored), per split of topics (tuning / held-out):
  B-cubed, and the share of same-topic pairs of different events put in one story.
- seeds-in-mix: the five seed articles (one event) mixed with the 91 extraction-benchmark
  pages and the 220 wikiref articles must come out as exactly one story, alone.
"""

from __future__ import annotations

import json
from collections import Counter
from itertools import combinations
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


EVENT_LABELS = Path(__file__).resolve().parent / "labels" / "events_labelled.json"


def merged_events(clusters: list[list[str]], events: dict[str, str], topics: dict[str, str]) -> dict[str, float]:
    """Pairs of one topic: of different events, the share put in one story (wrong merges);
    of one event, the share kept in one story."""
    cluster_of = {a: i for i, c in enumerate(clusters) for a in c}
    merged = other = together = same = 0
    for a, b in combinations(sorted(events), 2):
        if topics[a] != topics[b]:
            continue
        one_story = cluster_of[a] == cluster_of[b]
        if events[a] == events[b]:
            same, together = same + 1, together + one_story
        else:
            other, merged = other + 1, merged + one_story
    return {"other_event_pairs_merged": merged / other if other else 0.0,
            "same_event_pairs_together": together / same if same else 0.0}


def event_scores(clusters: list[list[str]], articles: list[Article], topics: dict[str, str],
                 splits: tuple[str, ...] = ("tuning", "held-out")) -> dict[str, dict[str, float]]:
    """B-cubed and pair figures against the event labels, per split of topics (tests ask
    for the tuning split only: held-out labels are read by the evaluation command alone)."""
    data = json.loads(EVENT_LABELS.read_text(encoding="utf-8"))
    by_file = {Path(a.source).name: a.id for a in articles}
    out = {}
    for split in splits:
        names = data["topics"][split]
        events = {by_file[f]: e for f, e in data["events"].items()
                  if e is not None and f in by_file and topics[by_file[f]] in names}
        out[f"events {split}"] = bcubed(clusters, events) | merged_events(clusters, events, topics) | {
            "articles": float(len(events)), "events": float(len(set(events.values())))}
    return out


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
        **event_scores(clusters, articles, labels),
        "wikiref220-stories-per-topic": topics,
        "seeds-in-mix": {
            "stories_holding_seeds": float(len(holding)),
            "seeds_purity": len(seed_ids) / sum(len(c) for c in holding),
            "seeds_recall": max(len(seed_ids & set(c)) for c in holding) / len(seed_ids),
        },
    }
