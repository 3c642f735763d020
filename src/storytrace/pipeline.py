"""The pipeline, one way: ingest → clean → store → lineage → stories → extract → facts → summary.

Each stage is a plain function over batches of `model` records; this module only
chains them. The CLI, the Python API and the web app all come through here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from . import clean, credits, ingest, outlets
from .model import AnalysisFailure, Article, ArticleAnalysis, InputProblem, RawArticle, Report, Story
from .engine import Engine
from .store import Store

Progress = Callable[[str, int, int], None]  # (stage, done, total)


def no_progress(stage: str, done: int, total: int) -> None:
    """The default progress callback: silent."""


def read_articles(paths: Iterable[str | os.PathLike], outlet: str | None = None,
                  outlet_table: Sequence[outlets.Outlet] = ()) -> tuple[list[Article], list[InputProblem]]:
    """ingest + clean: clean articles from files, folders and globs, deduplicated by content.

    `outlet` names the outlet of articles whose input names none (plain text, say);
    `outlet_table` (`outlets.load`) names outlets and gives their kind and owner.
    """
    raws, problems = ingest.read_paths(paths)
    for raw in raws:
        raw.outlet = raw.outlet or outlet
    articles, trouble = clean_raws(raws)
    outlets.apply(list(outlet_table), articles)
    return articles, problems + trouble


def clean_raws(raws: Iterable[RawArticle]) -> tuple[list[Article], list[InputProblem]]:
    """clean: each raw article alone (one that fails or keeps no text is a problem line)."""
    articles: dict[str, Article] = {}
    problems: list[InputProblem] = []
    for raw in raws:
        try:
            article = clean.clean_article(raw)
        except Exception as exc:  # an isolation boundary: one text never stops the rest
            problems.append(InputProblem(raw.source, f"cleaning failed ({type(exc).__name__}: {exc})"))
            continue
        if not article.text.strip():
            reasons = ", ".join(dict.fromkeys(r.reason for r in article.removed)) or "empty"
            problems.append(InputProblem(raw.source, f"no article text: every line read as junk ({reasons})"))
            continue
        article.credits = credits.find_credits(article)
        articles.setdefault(article.id, article)
    return list(articles.values()), problems


# An article's analysis reads at most this much of its text (a long feature is ~20,000
# characters); the text itself is stored and shown whole. Keeps any input's analysis bounded.
MAX_ANALYSED_CHARS = 100_000


def bounded(article: Article) -> Article:
    """The article as the analysis reads it: its first MAX_ANALYSED_CHARS characters."""
    if len(article.text) <= MAX_ANALYSED_CHARS:
        return article
    return replace(article, text=article.text[:MAX_ANALYSED_CHARS].rsplit("\n", 1)[0])


def failure(article: Article, stage: str, exc: Exception) -> AnalysisFailure:
    reason = f"{type(exc).__name__}: {exc}".strip().rstrip(":")  # never empty: it has the type's name
    return AnalysisFailure(article.id, article.source, stage, reason.splitlines()[0][:200])


def analyse_story(story: Story, by_id: dict[str, Article], failures: list[AnalysisFailure] | None = None,
                  analyses: dict[str, ArticleAnalysis] | None = None) -> Story:
    """extract → facts → brief for one story (its articles only).

    Each article's own analysis (parse, numbers, dates, sentence vectors) is taken from
    `analyses` when done before with this version, else done now and added to it. Each
    article is isolated: one whose own analysis fails is appended to `failures` and left
    out, and the rest go on; if a stage over the whole story fails, the story keeps its
    articles and goes without that analysis.
    """
    # The analysis stages load language models: imported on use, so that reading and
    # cleaning (and `import storytrace.pipeline`) stay light.
    from . import facts, summary
    from .extract import entities, per_article, quotes

    failures = [] if failures is None else failures
    analyses = {} if analyses is None else analyses
    story.coverage = outlets.coverage([by_id[a] for a in story.articles])
    members: list[Article] = []
    parsed: dict = {}
    quantities, mentions = [], []
    vectors: dict = {}
    for article in (bounded(by_id[a]) for a in story.articles):
        analysis = analyses.get(article.id)
        if analysis is None or analysis.version != per_article.version():
            try:
                analysis = analyses[article.id] = per_article.analyse_article(article)
            except per_article.StageFailed as failed:  # an isolation boundary: one article never stops the rest
                failures.append(failure(article, failed.stage, failed.__cause__))
                continue
        members.append(article)
        parsed[article.id] = per_article.parsed(analysis)
        quantities += analysis.quantities
        mentions += analysis.dates
        vectors.update(per_article.known_vectors(analysis))
    stage = "entities"
    try:
        story.entities = entities.find_entities(members, parsed)
        stage = "quotes"
        story.quotes = quotes.find_quotes(members, story.entities, parsed)
        story.quantities, story.dates = quantities, mentions
        stage = "facts"
        story.facts = facts.align_facts(story, members, vectors)
        for article in members:
            if analyses[article.id].vectors is None:
                candidates = [s.sentence for s in facts.candidate_sentences([article])]
                per_article.keep_vectors(analyses[article.id], candidates, vectors)
        stage = "brief"
        story.summary = summary.summarize(story, members)
        story.timeline = summary.build_timeline(story, members)
    except Exception as exc:  # the story keeps its articles, without this stage's findings
        failures.extend(failure(a, f"story {stage}", exc) for a in members)
        story.entities, story.quotes, story.quantities, story.dates = [], [], [], []
        story.facts, story.summary, story.timeline = [], [], []
    return story


def analyse_alone(story: Story, articles: list[Article], analyses: dict[str, ArticleAnalysis]
                  ) -> tuple[Story, list[AnalysisFailure], dict[str, ArticleAnalysis]]:
    """`analyse_story` as one task: the story, its own articles and their analyses done
    before in; the analysed story, its failures and its articles' analyses done (or
    completed) now out. No shared state, so it runs as well on a cluster's worker."""
    failures: list[AnalysisFailure] = []
    before = {a: (x.version, x.vectors is None) for a, x in analyses.items()}
    analyses = dict(analyses)
    story = analyse_story(story, {a.id: a for a in articles}, failures, analyses)
    changed = {a: x for a, x in analyses.items() if before.get(a) != (x.version, x.vectors is None)}
    return story, failures, changed


def analyse(
    articles: Sequence[Article],
    previous: Sequence[Story] = (),
    progress: Progress = no_progress,
    failures: list[AnalysisFailure] | None = None,
    engine: Engine | None = None,
    known_vectors: dict | None = None,
    analyses_of: Callable[[list[str]], dict[str, ArticleAnalysis]] | None = None,
    new_analyses: dict[str, ArticleAnalysis] | None = None,
) -> list[Story]:
    """lineage → stories → per-story analysis over a batch of clean articles.

    `previous` holds stories already known (from the store): their articles stay in
    them, new articles join one or open a new story without re-clustering all, and a
    story whose articles did not change keeps its analysis. Articles whose analysis
    fails are appended to `failures`. `engine` runs the analysis of changed stories (in
    this process by default, or on a Dask cluster: `engine.Engine`). `known_vectors`:
    articles' lead vectors already computed (the store's), filled in with the new ones.
    `analyses_of(ids)`: those articles' own analyses done before (the store's); the ones
    done or completed now are put in `new_analyses`.
    """
    from . import lineage, stories

    by_id = {a.id: a for a in articles}
    progress("lineage", 0, 1)
    # Edges between articles of earlier stories are known (each story keeps its own); only
    # those touching an article in no story yet are looked for.
    placed = {a for s in previous for a in s.articles}
    fresh = {a.id for a in articles} - placed
    known_edges = [e for s in previous for e in s.lineage if e.article in by_id and e.derived_from in by_id]
    edges = known_edges + lineage.find_lineage(list(articles), among=fresh if previous else None)
    progress("lineage", 1, 1)
    progress("stories", 0, 1)
    grouped = stories.group_stories(list(articles), edges, previous=previous, known_vectors=known_vectors)
    progress("stories", 1, 1)
    known = {s.id: s for s in previous}
    result: list[Story] = []
    tasks, slots = [], []
    for story in grouped:
        old = known.get(story.id)
        if old is not None and sorted(old.articles) == sorted(story.articles):
            result.append(old)
        else:
            slots.append(len(result))
            result.append(story)
            tasks.append((story, [by_id[a] for a in story.articles], analyses_of(story.articles) if analyses_of else {}))
    progress("analysis", 0, len(tasks))
    for done, (i, (story, failed, analysed)) in enumerate((engine or Engine()).run(analyse_alone, tasks), 1):
        result[slots[i]] = story
        if failures is not None:
            failures += failed
        if new_analyses is not None:
            new_analyses.update(analysed)
        progress("analysis", done, len(tasks))
    return result


@dataclass
class Added:
    """What `add` did: the articles new to the store, those it held already, problems
    (unreadable inputs and failed analyses), the stories it created or changed, how many
    stories the store holds after it, and how many articles an earlier, interrupted add had
    left in no story and this one placed."""

    new: list[Article]
    known: list[Article]
    problems: list[InputProblem]
    stories: list[Story]
    stored: int = 0
    repaired: int = 0


def add(store: Store, paths: Iterable[str | os.PathLike], progress: Progress = no_progress,
        on_wait: Callable[[], None] = lambda: None, outlet: str | None = None,
        outlet_table: Sequence[outlets.Outlet] = (), engine: Engine | None = None) -> Added:
    """ingest → clean, then, as the store's one writer and in one transaction: store the
    new articles and re-analyse only the stories they touch.

    The stories new articles may join are found from lead vectors (`stories.neighbours`);
    only those stories' articles are read and analysed, so an add's time and memory follow
    its batch and the stories it touches, not the size of the store.

    Interrupted at any moment, the store keeps none of it; articles an older version left
    in no story are placed by the next add (also one of nothing new: `add(store, [])`).
    """
    from . import stories

    progress("reading", 0, 1)
    articles, problems = read_articles(paths, outlet, outlet_table)
    progress("reading", 1, 1)
    with store.writing(on_wait):
        in_store = store.has_articles(a.id for a in articles)
        new = [a for a in articles if a.id not in in_store]
        known = [a for a in articles if a.id in in_store]
        stray = store.articles_in_no_story()
        if not new and not stray:
            return Added(new, known, problems, [], store.story_count())
        # Lead vectors: the new articles', any an older version did not store, then all the
        # store's, read once: the candidates' stories come from them, and so do their vectors.
        stale = store.articles(store.articles_without_lead_vector())
        computed: dict[str, np.ndarray] = {}
        stories.lead_vectors(stale + new, computed)
        store.save_lead_vectors({a.id: computed[a.id] for a in stale})
        ids, matrix = store.all_lead_vectors()
        row = {a: i for i, a in enumerate(ids)}
        fresh = np.stack([matrix[row[a]] for a in stray] + [computed[a.id] for a in new])
        previous = store.stories_holding(stories.neighbours(fresh, ids, matrix))
        held = store.articles({a for s in previous for a in s.articles} | set(stray))
        vectors = {a.id: matrix[row[a.id]] for a in held} | {a.id: computed[a.id] for a in new}
        failures: list[AnalysisFailure] = []
        analysed: dict[str, ArticleAnalysis] = {}
        result = analyse(held + new, previous=previous, progress=progress, failures=failures,
                         engine=engine, known_vectors=vectors, analyses_of=store.article_analyses,
                         new_analyses=analysed)
        old = {s.id: s for s in previous}
        changed = [s for s in result if old.get(s.id) is not s]
        store.add_articles(new)
        store.save_stories(changed)
        store.delete_stories(set(old) - {s.id for s in result})
        store.record_failures(failures)
        store.save_lead_vectors({a.id: computed[a.id] for a in new})
        store.save_article_analyses(analysed.values())
        stored = store.story_count()
    return Added(new, known, problems + [f.as_problem() for f in failures], changed, stored, repaired=len(stray))


def report_from_store(store: Store) -> Report:
    return Report(articles=store.articles(), stories=store.stories())


def brief(paths: Iterable[str | os.PathLike] | str | os.PathLike, progress: Progress = no_progress,
          outlet: str | None = None, outlet_table: Sequence[outlets.Outlet] = (), engine: Engine | None = None) -> Report:
    """The Python API: a report on the articles under `paths` (files, folders, globs)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    progress("reading", 0, 1)
    articles, problems = read_articles([Path(p) for p in paths], outlet, outlet_table)
    progress("reading", 1, 1)
    failures: list[AnalysisFailure] = []
    stories = analyse(articles, progress=progress, failures=failures, engine=engine)
    return Report(articles=articles, stories=stories, problems=problems + [f.as_problem() for f in failures])
