"""The pipeline, one way: ingest → clean → store → lineage → stories → extract → facts → summary.

Each stage is a plain function over batches of `model` records; this module only
chains them. The CLI, the Python API and the web app all come through here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import clean, ingest
from .model import Article, InputProblem, Report, Story
from .store import Store

Progress = Callable[[str, int, int], None]  # (stage, done, total)


def no_progress(stage: str, done: int, total: int) -> None:
    """The default progress callback: silent."""


def read_articles(paths: Iterable[str | os.PathLike]) -> tuple[list[Article], list[InputProblem]]:
    """ingest + clean: clean articles from files, folders and globs, deduplicated by content."""
    raws, problems = ingest.read_paths(paths)
    articles: dict[str, Article] = {}
    for article in clean.clean_articles(raws):
        articles.setdefault(article.id, article)
    return list(articles.values()), problems


def analyse_story(story: Story, by_id: dict[str, Article]) -> Story:
    """extract → facts → brief for one story (its articles only)."""
    # The analysis stages load language models: imported on use, so that reading and
    # cleaning (and `import storytrace.pipeline`) stay light.
    from . import facts, summary
    from .extract import dates, docs, entities, numbers, quotes

    members = [by_id[a] for a in story.articles]
    parsed = docs.parse_articles(members)
    story.entities = entities.find_entities(members, parsed)
    story.quotes = quotes.find_quotes(members, story.entities, parsed)
    story.quantities = [q for a in members for q in numbers.find_quantities(a)]
    story.dates = [d for a in members for d in dates.find_dates(a)]
    story.facts = facts.align_facts(story, members)
    story.summary = summary.summarize(story, members)
    story.timeline = summary.build_timeline(story, members)
    return story


def analyse(
    articles: Sequence[Article],
    previous: Sequence[Story] = (),
    progress: Progress = no_progress,
) -> list[Story]:
    """lineage → stories → per-story analysis over a batch of clean articles.

    `previous` holds stories already known (from the store): their articles stay in
    them, new articles join one or open a new story without re-clustering all, and a
    story whose articles did not change keeps its analysis.
    """
    from . import lineage, stories

    progress("lineage", 0, 1)
    edges = lineage.find_lineage(list(articles))
    progress("lineage", 1, 1)
    progress("stories", 0, 1)
    grouped = stories.group_stories(list(articles), edges, previous=previous)
    progress("stories", 1, 1)
    by_id = {a.id: a for a in articles}
    known = {s.id: s for s in previous}
    result = []
    for i, story in enumerate(grouped):
        progress("analysis", i, len(grouped))
        old = known.get(story.id)
        unchanged = old is not None and sorted(old.articles) == sorted(story.articles)
        result.append(old if unchanged else analyse_story(story, by_id))
    progress("analysis", len(grouped), len(grouped))
    return result


@dataclass
class Added:
    """What `add` did: the articles new to the store, those it held already, problems."""

    new: list[Article]
    known: list[Article]
    problems: list[InputProblem]
    stories: list[Story]


def add(store: Store, paths: Iterable[str | os.PathLike], progress: Progress = no_progress) -> Added:
    """ingest → clean → store, then re-analyse only the stories the new articles touch."""
    progress("reading", 0, 1)
    articles, problems = read_articles(paths)
    progress("reading", 1, 1)
    new = store.add_articles(articles)
    new_ids = {a.id for a in new}
    known = [a for a in articles if a.id not in new_ids]
    previous = store.stories()
    if not new:
        return Added(new, known, problems, previous)
    result = analyse(store.articles(), previous=previous, progress=progress)
    old = {s.id: s for s in previous}
    changed = [s for s in result if old.get(s.id) is not s]
    store.save_stories(changed)
    store.delete_stories(set(old) - {s.id for s in result})
    return Added(new, known, problems, result)


def report_from_store(store: Store) -> Report:
    return Report(articles=store.articles(), stories=store.stories())


def brief(paths: Iterable[str | os.PathLike] | str | os.PathLike, progress: Progress = no_progress) -> Report:
    """The Python API: a report on the articles under `paths` (files, folders, globs)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    progress("reading", 0, 1)
    articles, problems = read_articles([Path(p) for p in paths])
    progress("reading", 1, 1)
    return Report(articles=articles, stories=analyse(articles, progress=progress), problems=problems)
