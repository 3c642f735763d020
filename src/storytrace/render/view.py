"""What a reader sees of a story, shaped once for every front end (Markdown, HTML, web).

Citations are numbered per story (1..n in the story's article order) so every
summary sentence, fact and quote can point to its entry in the sources list.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..credits import outlet_named, reporting_outlet
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
    def outlet(self) -> str | None:
        return outlet_named(self.article)

    @property
    def credit_note(self) -> str:
        """What its text says of where its reporting came from ("wire report of Reuters; cites
        Financial Times"), "" when it says nothing."""
        wording = {"wire": "wire report of {}", "self": "written as {}", "own": "reporting of {}", "cited": "cites {}"}
        credits = self.article.credits
        strong = {c.name for c in credits if c.kind != "cited"}
        parts = dict.fromkeys(wording[c.kind].format(c.name) for c in credits if c.kind != "cited" or c.name not in strong)
        return "; ".join(parts)

    @property
    def byline(self) -> str:
        return f"by {', '.join(self.article.authors)}" if self.article.authors else ""

    @property
    def label(self) -> str:
        a = self.article
        if a.title:
            return f"{a.title} ({self.outlet})" if self.outlet else a.title
        # no headline: its opening words (the file's name is shown beside the label anyway)
        words = a.text.split()
        opening = " ".join(words[:10]) + ("…" if len(words) > 10 else "")
        return f"{opening} ({self.outlet})" if self.outlet else opening or a.source


@dataclass
class StoryView:
    story: Story
    sources: list[Source]
    number: dict[str, int]
    facts_by_status: list[tuple[str, str, list[Fact]]]
    quotes_by_speaker: list[tuple[str, list[Quote]]]
    counts: dict[str, int] = field(default_factory=dict)
    # lines of reporting that several articles share by their text's credit: (outlet, articles)
    credited_lines: list[tuple[str, int]] = field(default_factory=list)

    @property
    def lines_note(self) -> str:
        """Lines of reporting that are one outlet's by their texts' credits: "2 carry reporting of Reuters"."""
        return ", ".join(f"{n} carry reporting of {outlet}" for outlet, n in self.credited_lines)

    def cite(self, article_ids: list[str]) -> list[int]:
        return sorted({self.number[a] for a in article_ids if a in self.number})

    def source(self, article_id: str) -> Source | None:
        n = self.number.get(article_id)
        return self.sources[n - 1] if n else None


def story_view(story: Story, articles: dict[str, Article]) -> StoryView:
    group_of = {a: i for i, g in enumerate(story.independent_groups, 1) for a in g}
    outlet_of = {a: outlet_named(articles[a]) for a in story.articles if a in articles}
    outlets = {i: tuple(dict.fromkeys(outlet_of[a] for a in g if outlet_of.get(a)))
               for i, g in enumerate(story.independent_groups, 1)}
    credited = []
    for g in story.independent_groups:
        shared = [reporting_outlet(articles[a]) for a in g if a in articles]
        if len(g) > 1 and shared and all(shared) and len(set(shared)) == 1:
            credited.append((shared[0], len(g)))
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
        credited_lines=credited,
    )


def report_views(report: Report) -> list[StoryView]:
    by_id = {a.id: a for a in report.articles}
    return [story_view(s, by_id) for s in report.stories]


def unassigned(report: Report) -> list[Article]:
    """Articles in no story (there are none once story grouping has run)."""
    placed = {a for s in report.stories for a in s.articles}
    return [a for a in report.articles if a.id not in placed]
