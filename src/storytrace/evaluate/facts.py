"""Fact alignment scored against hand-labelled facts of real multi-article stories.

A labelled fact lists, for each article that states it, snippets of the sentences that
state it. It is matched to the predicted fact whose support holds most of those
sentences. Scores are over support pairs (fact, article):

- recall: share of labelled pairs whose article supports the matched predicted fact;
- precision: share of the articles cited by matched predicted facts that the labels
  say state that fact (facts the labels do not cover are not judged);
- found: share of labelled facts matched at all;
- status: share of matched facts whose predicted source count agrees with the label
  (one source, or several: a contested fact has several);
- status3: share of matched facts whose status (corroborated, single-source, contested)
  is the labelled one.

- citation precision ("cited"): every (statement, support sentence) pair of every predicted
  fact, the statement's own sentence aside, is judged: right when both sentences state one
  labelled fact. The labels are not yet exhaustive, so a pair stating a claim nobody labelled
  counts as wrong: a lower bound. "cited_labelled" judges only pairs whose statement states
  some labelled fact (there the labels speak for the statement).

Each story is all its listed articles as one story; with no lineage run, every
article counts as its own independent source (the labelled stories come from
different outlets).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from ..model import Fact, Story

LABELS = Path(__file__).resolve().parent / "labels" / "facts_labelled.json"


def states(sentence: str, snippets: list[str]) -> bool:
    text = sentence.lower()
    return any(s.lower() in text for s in snippets)


def best_match(label: dict, facts: list[Fact], names: dict[str, str]) -> Fact | None:
    """The predicted fact whose support holds most of the labelled fact's sentences."""
    def hits(fact: Fact) -> int:
        return sum(states(s.sentence, label["support"].get(names[s.article], [])) for s in fact.support)

    scored = [(hits(f), -len(f.support), i) for i, f in enumerate(facts)]
    top = max(scored, default=(0, 0, -1))
    return facts[top[2]] if top[0] > 0 else None


def score_story(labels: list[dict], facts: list[Fact], names: dict[str, str]) -> dict[str, float]:
    """Counts for one story: labelled and recovered pairs, judged and correct pairs, facts."""
    recovered = matched = status_right = status3_right = 0
    labelled_pairs = sum(len(label["support"]) for label in labels)
    stated_by: dict[int, set[str]] = defaultdict(set)  # predicted fact → files the labels give it
    for label in labels:
        fact = best_match(label, facts, names)
        if fact is None:
            continue
        matched += 1
        cited = {names[s.article] for s in fact.support}
        recovered += len(cited & set(label["support"]))
        stated_by[id(fact)] |= set(label["support"])
        status_right += (fact.independent_sources >= 2) == (label["status"] != "single-source")
        status3_right += fact.status == label["status"]
    judged = correct = 0
    for fact in facts:
        if id(fact) in stated_by:
            cited = {names[s.article] for s in fact.support}
            judged += len(cited)
            correct += len(cited & stated_by[id(fact)])
    pairs, pairs_right, pairs_labelled = citation_pairs(labels, facts, names)
    return {"labelled": labelled_pairs, "recovered": recovered, "judged": judged, "correct": correct,
            "facts": len(labels), "matched": matched, "status_right": status_right, "status3_right": status3_right,
            "pairs": pairs, "pairs_right": pairs_right, "pairs_labelled": pairs_labelled}


def citation_pairs(labels: list[dict], facts: list[Fact], names: dict[str, str]) -> tuple[int, int, int]:
    """(pairs, pairs stating one labelled fact, pairs whose statement states some labelled fact)."""
    pairs = right = labelled = 0
    for fact in facts:
        own = next((s for s in fact.support if s.sentence == fact.statement), None)
        if own is None:
            continue
        claims = [lab for lab in labels if states(fact.statement, lab["support"].get(names[own.article], []))]
        for s in fact.support:
            if s is own:
                continue
            pairs += 1
            labelled += bool(claims)
            right += any(states(s.sentence, lab["support"].get(names[s.article], [])) for lab in claims)
    return pairs, right, labelled


def rates(counts: dict[str, float]) -> dict[str, float]:
    return {
        "precision": counts["correct"] / counts["judged"] if counts["judged"] else 0.0,
        "recall": counts["recovered"] / counts["labelled"] if counts["labelled"] else 0.0,
        "found": counts["matched"] / counts["facts"] if counts["facts"] else 0.0,
        "status": counts["status_right"] / counts["matched"] if counts["matched"] else 0.0,
        "status3": counts["status3_right"] / counts["matched"] if counts["matched"] else 0.0,
        "facts": float(counts["facts"]),
        "cited": counts["pairs_right"] / counts["pairs"] if counts["pairs"] else 0.0,
        "cited_labelled": counts["pairs_right"] / counts["pairs_labelled"] if counts["pairs_labelled"] else 0.0,
        "pairs": float(counts["pairs"]),
    }


def evaluate(data_dir: Path, labels: Path = LABELS) -> dict[str, dict[str, float]]:
    """{story: {"precision", "recall", "found", "status", "status3", "facts"}}, and the pairs pooled
    per split ("all dev": stories the thresholds were tuned on; "all held-out": not).

    `data_dir` is the shared data folder (`../shared/data`); the labels name files
    relative to the folder above it (`seeds/...`, `data/...`).
    """
    from ..pipeline import analyse_story, read_articles

    spec = json.loads(Path(labels).read_text(encoding="utf-8"))
    scores = {}
    totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for entry in spec["stories"]:
        articles, _ = read_articles([Path(data_dir).parent / p for p in entry["files"]])
        story = Story(id=entry["name"], title=entry["name"], articles=[a.id for a in articles])
        story = analyse_story(story, {a.id: a for a in articles})
        names = {a.id: Path(a.source).name for a in articles}
        counts = score_story(entry["facts"], story.facts, names)
        for key, value in counts.items():
            totals[entry.get("split", "dev")][key] += value
        scores[entry["name"]] = rates(counts)
    for split, total in totals.items():
        scores[f"all {split}"] = rates(total)
    return scores
