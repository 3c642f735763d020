"""What a reader sees of a story, shaped once for every front end (Markdown, HTML, web).

Citations are numbered per story (1..n in the story's article order) so every
summary sentence, fact and quote can point to its entry in the sources list.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..model import Article, Fact, Quote, Report, Story

STATUS_ORDER = ("contested", "single-source", "corroborated")
STATUS_LABEL = {
    "contested": "Contested: the sources disagree",
    "single-source": "Single source: check these first",
    "corroborated": "Corroborated by independent sources",
}


@dataclass
class Source:
    number: int
    article: Article
    group: int  # which independent line of reporting it belongs to (1-based)
    group_outlets: tuple[str, ...] = ()  # the outlets named in that line, if any

    @property
    def group_label(self) -> str:
        """The line of reporting as a reader names it ("independent source 2 (Reuters)"), not
        "line 2", which reads as a line number."""
        if not self.group:
            return ""
        named = f" ({', '.join(self.group_outlets)})" if self.group_outlets else ""
        return f"independent source {self.group}{named}"

    @property
    def label(self) -> str:
        a = self.article
        name = a.outlet or a.source
        return f"{a.title} ({name})" if a.title else name


@dataclass
class StoryView:
    story: Story
    sources: list[Source]
    number: dict[str, int]
    facts_by_status: list[tuple[str, str, list[Fact]]]
    quotes_by_speaker: list[tuple[str, list[Quote]]]
    counts: dict[str, int] = field(default_factory=dict)

    def cite(self, article_ids: list[str]) -> list[int]:
        return sorted({self.number[a] for a in article_ids if a in self.number})

    def source(self, article_id: str) -> Source | None:
        n = self.number.get(article_id)
        return self.sources[n - 1] if n else None


def story_view(story: Story, articles: dict[str, Article]) -> StoryView:
    group_of = {a: i for i, g in enumerate(story.independent_groups, 1) for a in g}
    outlets = {i: tuple(dict.fromkeys(articles[a].outlet for a in g if a in articles and articles[a].outlet))
               for i, g in enumerate(story.independent_groups, 1)}
    sources = [
        Source(n, articles[a], group_of.get(a, 0), outlets.get(group_of.get(a, 0), ()))
        for n, a in enumerate(story.articles, 1) if a in articles
    ]
    number = {s.article.id: s.number for s in sources}
    by_status = defaultdict(list)
    for f in story.facts:
        by_status[f.status].append(f)
    speakers: dict[str, list[Quote]] = defaultdict(list)
    for q in story.quotes:
        speakers[q.speaker or "Unattributed"].append(q)
    quotes = sorted(speakers.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    counts = {s: len(by_status[s]) for s in STATUS_ORDER}
    counts["independent_sources"] = len(story.independent_groups) or len(story.articles)
    return StoryView(
        story=story,
        sources=sources,
        number=number,
        facts_by_status=[(s, STATUS_LABEL[s], by_status[s]) for s in STATUS_ORDER if by_status[s]],
        quotes_by_speaker=quotes,
        counts=counts,
    )


def report_views(report: Report) -> list[StoryView]:
    by_id = {a.id: a for a in report.articles}
    return [story_view(s, by_id) for s in report.stories]


def unassigned(report: Report) -> list[Article]:
    """Articles in no story (there are none once story grouping has run)."""
    placed = {a for s in report.stories for a in s.articles}
    return [a for a in report.articles if a.id not in placed]
