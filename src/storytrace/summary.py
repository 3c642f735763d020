"""The brief's text: a short summary in which every sentence cites its sources, and a timeline.

The summary is extractive: it states the story's facts in their sources' own words,
most independently corroborated first. A fact that rests on one source is never
stated as established: the sentence attributes it to that source ("According to
Reuters only, ..."); a contested fact says that the sources disagree and on what.
"""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz

from .credits import outlet_named
from .model import Article, Fact, Story, SummarySentence, TimelineEvent

MAX_SENTENCES = 10
MIN_SENTENCES = 5
NEAR_DUPLICATE = 80  # rapidfuzz token-set ratio above which two statements say the same


def source_name(article: Article) -> str:
    """How a sentence names an article: its outlet (from its metadata, else whose reporting
    its text says it is), else its title, else its file."""
    return outlet_named(article) or (f"“{article.title}”" if article.title else article.source)


def lower_first(statement: str) -> str:
    """'The U.S. said' → 'the U.S. said'; names and acronyms ('Zelensky', 'U.S.') keep their case."""
    first = statement.split(" ", 1)[0]
    common = first.istitle() and first.isalpha() and first.lower() in {"the", "a", "an", "this", "it", "its"}
    return statement[0].lower() + statement[1:] if common else statement


def phrase(fact: Fact, articles: dict[str, Article]) -> str:
    statement = fact.statement.strip()
    if fact.status == "corroborated":
        return statement
    if fact.status == "contested":
        kinds = ", ".join(sorted({c["kind"] for c in fact.conflicts}))
        return f"Sources differ on the {kinds}: {statement}"
    return f"According to {source_name(articles[fact.support[0].article])} only, {lower_first(statement)}"


def summarize(story: Story, articles: list[Article]) -> list[SummarySentence]:
    """5–10 cited sentences: corroborated facts first, then contested and single-source ones, attributed."""
    by_id = {a.id: a for a in articles}
    order = {"corroborated": 0, "contested": 1, "single-source": 2}
    ranked = sorted(story.facts, key=lambda f: (order[f.status], -f.independent_sources, -len(f.support)))
    chosen: list[Fact] = []
    for fact in ranked:
        if len(chosen) >= MAX_SENTENCES:
            break
        if fact.status != "corroborated" and len(chosen) >= MIN_SENTENCES:
            break
        if any(fuzz.token_set_ratio(fact.statement, c.statement) > NEAR_DUPLICATE for c in chosen):
            continue
        chosen.append(fact)
    return [SummarySentence(phrase(f, by_id), sorted({s.article for s in f.support})) for f in chosen]


def build_timeline(story: Story, articles: list[Article]) -> list[TimelineEvent]:
    """Dated events in order: each resolved date with the sentences that place something on it.

    A relative date that could not be resolved (no publication date) is left out: its
    place in the order is unknown, and a guess would mislead.
    """
    events: dict[tuple[str, str], set[str]] = defaultdict(set)
    for mention in story.dates:
        if mention.value is None:
            continue
        sentence = mention.sentence.strip()
        key = next((k for k in events if k[0] == mention.value
                    and fuzz.token_set_ratio(k[1], sentence) > NEAR_DUPLICATE), (mention.value, sentence))
        events[key].add(mention.article)
    timeline = [TimelineEvent(date, event, sorted(arts)) for (date, event), arts in events.items()]
    timeline.sort(key=lambda e: (e.date, -len(e.articles), e.event))
    return timeline
