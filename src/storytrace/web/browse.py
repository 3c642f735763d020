"""What the pages show, gathered from the store: story rows (searched, filtered) and marked text.

Presentation only: it reads stored records and `render.view`, and decides nothing about
the news itself.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from ..model import Article, Story
from ..store import Store


@dataclass
class StoryRow:
    """One line of the story list, as the store's summary columns give it."""

    id: str
    title: str
    updated_at: str
    articles: int
    independent_sources: int
    corroborated: int
    single_source: int
    contested: int
    quotes: int
    first_published: str | None = None
    last_published: str | None = None

    @property
    def counts(self) -> dict[str, int]:
        return {"contested": self.contested, "single-source": self.single_source, "corroborated": self.corroborated,
                "independent_sources": self.independent_sources}

    def to_dict(self) -> dict:
        return asdict(self)


def story_rows(store: Store, q: str | None = None, since: date | None = None, until: date | None = None,
               limit: int = 50, offset: int = 0) -> tuple[list[StoryRow], int]:
    """A page of the store's stories, newest activity first, that match the search and dates,
    and how many match in all (`Store.story_list`: indexes, not a scan of every article)."""
    rows, total = store.story_list((q or "").split(), since.isoformat() if since else None,
                                   until.isoformat() if until else None, limit, offset)
    return [StoryRow(**r) for r in rows], total


@dataclass
class Span:
    text: str
    kinds: tuple[str, ...] = ()  # "quote", "fact"
    note: str = ""


def marks(article: Article, story: Story | None) -> list[tuple[str, str, str]]:
    """(sentence, kind, note) for each quote and fact-support sentence the story found in the article."""
    if story is None:
        return []
    found = []
    for q in story.quotes:
        if q.article == article.id:
            found.append((q.sentence or q.text, "quote", f"quote: {q.speaker or 'unattributed'}"))
        elif article.id in q.also_in:
            found.append((q.text, "quote", f"quote: {q.speaker or 'unattributed'}"))
    for f in story.facts:
        for sup in f.support:
            if sup.article == article.id:
                found.append((sup.sentence, "fact", f"{f.status} fact: {f.statement}"))
    return [m for m in found if m[0].strip()]


def marked_paragraphs(article: Article, story: Story | None) -> list[list[Span]]:
    """The article's paragraphs cut into spans, each span marked with the kinds that cover it."""
    found = marks(article, story)
    result = []
    for para in article.paragraphs():
        cover: list[set[int]] = [set() for _ in para]
        for i, (sentence, _, _) in enumerate(found):
            start = para.find(sentence.strip())
            while start != -1:
                for k in range(start, start + len(sentence.strip())):
                    cover[k].add(i)
                start = para.find(sentence.strip(), start + 1)
        spans: list[Span] = []
        for ch, who in zip(para, cover):
            kinds = tuple(sorted({found[i][1] for i in who}))
            if spans and spans[-1].kinds == kinds:
                spans[-1].text += ch
            else:
                note = "; ".join(dict.fromkeys(found[i][2] for i in sorted(who)))
                spans.append(Span(ch, kinds, note))
        result.append(spans)
    return result
